"""factory_boy factories for rows; they use the app's session and commit, like a service.

Use inside an app context (the ``db_session`` fixture or ``with app.app_context()``).
"""

from __future__ import annotations

import hashlib

import factory
from factory.alchemy import SQLAlchemyModelFactory

from extensions import db
from models import (
    Card,
    CareerStep,
    Company,
    Interaction,
    NextAction,
    Person,
    PersonEmail,
    PersonPhone,
    Tag,
    User,
)
from services.keys import company_key, name_key
from services.users import _HASHERS

PASSWORD = "correct horse battery"
# The test app hashes with argon2's cheapest profile (PASSWORD_HASH_PROFILE): real argon2,
# without hundreds of milliseconds per login on a busy machine.
PASSWORD_HASH = _HASHERS["cheapest"].hash(PASSWORD)


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password_hash = PASSWORD_HASH
    role = "member"
    display_name = factory.Sequence(lambda n: f"User {n}")
    locale = "ja"
    is_active = True


class CompanyFactory(_Base):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"株式会社テスト{n}")
    legal_form = "株式会社"
    name_key = factory.LazyAttribute(lambda o: company_key(o.name))
    stage = "potential"


class PersonFactory(_Base):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"山田 太郎{n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
    title = "営業部長"
    department = "営業部"
    company = factory.SubFactory(CompanyFactory)
    notes = ""


class PersonEmailFactory(_Base):
    class Meta:
        model = PersonEmail

    person = factory.SubFactory(PersonFactory)
    email = factory.Sequence(lambda n: f"taro{n}@sample.co.jp")


class PersonPhoneFactory(_Base):
    class Meta:
        model = PersonPhone

    person = factory.SubFactory(PersonFactory)
    type = "mobile"
    e164 = factory.Sequence(lambda n: f"+8190{n:08d}")


class CareerStepFactory(_Base):
    class Meta:
        model = CareerStep

    person = factory.SubFactory(PersonFactory)
    company_name = "株式会社サンプル"
    title = "課長"
    source = "card"


class TagFactory(_Base):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"tag{n}")


class CardFactory(_Base):
    """A card row; ``image_path`` points at nothing unless the test stores a file there."""

    class Meta:
        model = Card

    uploaded_by = factory.SubFactory(UserFactory)
    image_path = factory.Sequence(lambda n: f"cards/00/{hashlib.sha256(str(n).encode()).hexdigest()}.jpg")
    original_filename = factory.Sequence(lambda n: f"card{n}.jpg")
    content_type = "image/jpeg"
    byte_size = 1000
    sha256 = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
    status = "queued"


class InteractionFactory(_Base):
    class Meta:
        model = Interaction

    person = factory.SubFactory(PersonFactory)
    company = factory.LazyAttribute(lambda o: o.person.company)
    kind = "visit"
    text = "打ち合わせ"


class NextActionFactory(_Base):
    class Meta:
        model = NextAction

    person = factory.SubFactory(PersonFactory)
    company = factory.LazyAttribute(lambda o: o.person.company)
    what = "見積もりを送る"
