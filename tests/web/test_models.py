"""Models, factories and migrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, select

from extensions import db
from models import Card, CareerStep, Company, Person, PersonEmail, User, utcnow
from services.keys import company_key
from tests.conftest import make_app
from tests.factories import (
    CardFactory,
    CareerStepFactory,
    InteractionFactory,
    NextActionFactory,
    PersonEmailFactory,
    PersonPhoneFactory,
    TagFactory,
    UserFactory,
)


def test_factories_make_valid_linked_rows(db_session):
    email = PersonEmailFactory()
    phone = PersonPhoneFactory(person=email.person)
    step = CareerStepFactory(person=email.person)
    note = InteractionFactory(person=email.person)
    action = NextActionFactory(person=email.person)
    tag = TagFactory()
    email.person.tags.append(tag)
    card = CardFactory(person=email.person)
    db_session.commit()

    person = db_session.get(Person, email.person.id)
    assert person.company is not None and person.company.name.startswith("株式会社テスト")
    assert person.company.name_key == company_key(person.company.name) != ""
    assert [e.email for e in person.emails] == [email.email]
    assert [p.e164 for p in person.phones] == [phone.e164]
    assert person.career == [step]
    assert note.company_id == person.company_id
    assert action.company_id == person.company_id and not action.is_done
    assert [t.name for t in person.tags] == [tag.name]
    assert card.uploaded_by.role == "member" and card.status == "queued"
    assert UserFactory().email != UserFactory().email


def test_timestamps_are_utc_aware_after_reload(db_session):
    user = UserFactory()
    db_session.expire_all()
    reloaded = db_session.get(User, user.id)
    assert reloaded.created_at.tzinfo is not None
    assert abs(reloaded.created_at - utcnow()) < dt.timedelta(minutes=1)


def test_naive_datetime_is_refused(db_session):
    user = UserFactory()
    user.last_login_at = dt.datetime(2026, 1, 1)  # noqa: DTZ001  (the point of the test)
    with pytest.raises(Exception, match="naive datetime"):
        db_session.commit()
    db_session.rollback()


def test_defaults_are_computed_per_row(db_session):
    first = CardFactory()
    second = CardFactory()
    assert second.created_at >= first.created_at
    assert first.status == "queued" and first.raw_ocr is None


def test_email_unique_and_merged_self_reference(db_session):
    a = PersonEmailFactory().person
    b = PersonEmailFactory().person
    b.merged_into = a
    db_session.commit()
    assert db_session.get(Person, b.id).merged_into_id == a.id
    assert db_session.scalars(select(PersonEmail).where(PersonEmail.person_id == a.id)).one()
    UserFactory(email="dup@example.com")
    with pytest.raises(Exception, match="(?i)unique"):
        UserFactory(email="dup@example.com")
    db_session.rollback()


def _upgraded_app(tmp_path: Path, database_url: str) -> Flask:
    from app import ensure_schema

    app = make_app(tmp_path, database_url)
    ensure_schema(app)
    return app


def test_migrations_produce_the_models_schema(tmp_path, database_url):
    app = _upgraded_app(tmp_path, database_url)
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert {"users", "people", "companies", "cards", "career_steps", "alembic_version"} <= tables


def test_upgrade_twice_is_harmless_and_keeps_rows(tmp_path, database_url):
    from app import ensure_schema

    app = _upgraded_app(tmp_path, database_url)
    with app.app_context():
        db.session.add(Company(name="株式会社A", name_key="a"))
        db.session.commit()
    ensure_schema(app)
    with app.app_context():
        assert db.session.scalars(select(Company.name)).all() == ["株式会社A"]
        assert db.session.scalars(select(Card)).all() == []
        assert db.session.scalars(select(CareerStep)).all() == []


def test_cli_command_on_a_new_empty_database_upgrades_first(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    result = app.test_cli_runner().invoke(
        args=["create-user", "first@example.com"], input="a long password\n"
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "alembic_version" in inspect(db.engine).get_table_names()
        assert db.session.scalars(select(User.email)).all() == ["first@example.com"]
