"""Review and save: a read card becomes a person and company; a second card attaches."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Card, CareerStep, Company, Person, PersonEmail, PersonPhone, PersonSource, User
from services import storage
from services.queue import get_queue
from tests.factories import CardFactory
from tests.web.card_images import japanese_card

PARSED = {
    "name": "山田 太郎",
    "name_latin": "Taro Yamada",
    "name_reading": "やまだ たろう",
    "title": "営業部長",
    "department": "営業本部",
    "company": "株式会社サンプル商事",
    "emails": ["taro.yamada@sample.co.jp"],
    "phones": [{"type": "work", "e164": "+81312345678"}, {"type": "mobile", "e164": "+819012345678"}],
    "urls": ["https://www.sample.co.jp"],
    "postal_code": "100-0005",
    "address": "東京都千代田区丸の内1-2-3",
    "country": "JP",
    "confidence": {"name": 0.95, "title": 0.42, "phones": 0.9, "emails": 0.99},
    "leftover": ["環境にやさしいものづくり"],
}


def form_from(parsed: dict, **changes) -> dict:
    data = {
        "name": parsed["name"],
        "name_reading": parsed.get("name_reading") or "",
        "name_latin": parsed.get("name_latin") or "",
        "title": parsed.get("title") or "",
        "department": parsed.get("department") or "",
        "company": parsed.get("company") or "",
        "email": list(parsed["emails"]),
        "phone_type": [p["type"] for p in parsed["phones"]],
        "phone_number": [p["e164"] for p in parsed["phones"]],
        "url": list(parsed["urls"]),
        "postal_code": parsed.get("postal_code") or "",
        "address": parsed.get("address") or "",
        "country": parsed.get("country") or "",
    }
    data.update(changes)
    return data


def _member() -> User:
    """The account of the ``member`` client: a card waits for review with its uploader."""
    return db.session.scalars(select(User).where(User.email == "member@example.com")).one()


def read_card(app, **parsed_changes) -> int:
    with app.app_context():
        return CardFactory(uploaded_by=_member(), status="read", parsed={**PARSED, **parsed_changes}).id


def test_review_page_shows_photo_fields_doubts_and_national_phones(app, member):
    card_id = read_card(app)
    html = member.get(f"/review/{card_id}").get_data(as_text=True)
    assert f"/files/cards/{card_id}/image" in html
    assert 'value="山田 太郎"' in html
    assert 'value="03-1234-5678"' in html and 'value="090-1234-5678"' in html
    # title confidence 0.42 < 0.8: marked; name 0.95: not marked
    title_label = re.search(r'<label class="field([^"]*)">\s*<span>役職', html)
    name_label = re.search(r'<label class="field([^"]*)">\s*<span>氏名', html)
    assert title_label and "doubtful" in title_label.group(1)
    assert name_label and "doubtful" not in name_label.group(1)
    assert "環境にやさしいものづくり" in html  # leftover lines offered as notes


def test_save_creates_person_company_career_and_keeps_the_reading(app, member):
    card_id = read_card(app)
    form = form_from(
        PARSED,
        phone_number=["03-1234-5678", "０９０ー１２３４ー５６７８"],
        email=["Taro.Yamada@Sample.co.jp"],
    )
    response = member.post(f"/review/{card_id}", data=form)
    assert response.status_code == 303
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert person.name == "山田 太郎" and person.name_key
        assert person.company.name == "株式会社サンプル商事" and person.company.name_key == "さんぷる商事"
        assert [e.email for e in person.emails] == ["taro.yamada@sample.co.jp"]
        assert sorted((p.type, p.e164) for p in person.phones) == [
            ("mobile", "+819012345678"),
            ("work", "+81312345678"),
        ]
        assert person.prefecture == "東京都"
        assert [(c.company_name, c.title, c.source) for c in person.career] == [
            ("株式会社サンプル商事", "営業部長", "card")
        ]
        assert [(s.source, s.source_id) for s in person.sources] == [("card", str(card_id))]
        card = db.session.get(Card, card_id)
        assert card.status == "saved" and card.person_id == person.id and card.saved_at
        assert card.parsed == PARSED  # the reader's output is never overwritten
        assert card.reviewed["emails"] == ["taro.yamada@sample.co.jp"]


def test_second_card_with_same_email_attaches_and_records_new_title(app, member):
    first = read_card(app)
    member.post(f"/review/{first}", data=form_from(PARSED))
    second = read_card(app, title="取締役 営業本部長", phones=[{"type": "fax", "e164": "+81312345679"}])
    response = member.post(
        f"/review/{second}",
        data=form_from(
            {**PARSED, "title": "取締役 営業本部長", "phones": [{"type": "fax", "e164": "+81312345679"}]}
        ),
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 1
        assert db.session.scalar(select(func.count()).select_from(Company)) == 1
        person = db.session.scalars(select(Person)).one()
        assert person.title == "取締役 営業本部長"
        assert [c.title for c in person.career] == ["営業部長", "取締役 営業本部長"]
        assert len(person.phones) == 3  # the fax was added, nothing lost
        assert sorted(s.source_id for s in person.sources) == sorted([str(first), str(second)])
        assert db.session.get(Card, second).person_id == person.id


def test_same_mobile_attaches_but_a_shared_work_number_does_not(app, member):
    first = read_card(app)
    member.post(f"/review/{first}", data=form_from(PARSED))
    colleague = {
        **PARSED,
        "name": "佐藤 花子",
        "emails": ["hanako@sample.co.jp"],
        "phones": [{"type": "work", "e164": "+81312345678"}],
    }
    member.post(f"/review/{read_card(app, **colleague)}", data=form_from(colleague))
    same_mobile = {**PARSED, "emails": [], "phones": [{"type": "mobile", "e164": "+819012345678"}]}
    member.post(f"/review/{read_card(app, **same_mobile)}", data=form_from(same_mobile))
    with app.app_context():
        names = sorted(db.session.scalars(select(Person.name)))
        assert names == ["佐藤 花子", "山田 太郎"]
        assert db.session.scalar(select(func.count()).select_from(Company)) == 1


def test_invalid_fields_are_shown_and_nothing_is_saved(app, member):
    card_id = read_card(app)
    response = member.post(
        f"/review/{card_id}", data=form_from(PARSED, name="", email=["not-an-email"], phone_number=["12"])
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "印の付いた項目を修正してください" in html
    assert "not-an-email" in html  # what the user typed is kept in the form
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0
        assert db.session.get(Card, card_id).status == "read"


def test_only_web_addresses_are_kept_as_urls(app, member):
    card_id = read_card(app)
    response = member.post(
        f"/review/{card_id}", data=form_from(PARSED, url=["javascript:alert(document.cookie)"])
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0
    response = member.post(f"/review/{card_id}", data=form_from(PARSED, url=["WWW.Sample.co.jp/about"]))
    assert response.status_code == 303
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert [u.url for u in person.urls] == ["https://www.sample.co.jp/about"]


def test_card_still_being_read_cannot_be_saved(app, member):
    with app.app_context():
        card_id = CardFactory(uploaded_by=_member(), status="queued").id
    assert member.post(f"/review/{card_id}", data=form_from(PARSED)).status_code == 422


def test_save_needs_csrf_and_unknown_card_is_404(app, member):
    card_id = read_card(app)
    assert member.post(f"/review/{card_id}", data=form_from(PARSED), csrf=False).status_code == 400
    assert member.get("/review/999999").status_code == 404


@pytest.mark.slow
def test_photo_to_contact_end_to_end(app, member):
    jpeg, truth = japanese_card()
    response = member.post(
        "/capture",
        data={"image": [(io.BytesIO(jpeg), "card.jpg")]},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    card_id = response.get_json()["files"][0]["card_id"]
    with app.app_context():
        assert get_queue().run_pending() == 1
    queue_page = member.get("/review").get_data(as_text=True)
    assert f"/review/{card_id}" in queue_page
    page = member.get(f"/review/{card_id}").get_data(as_text=True)
    assert truth["emails"][0] in page
    # Save what the reader found (a user would correct doubtful fields first).
    with app.app_context():
        parsed = db.session.get(Card, card_id).parsed
    form = form_from({**parsed, "name": parsed["name"] or truth["name"]})
    assert member.post(f"/review/{card_id}", data=form).status_code == 303
    with app.app_context():
        email = db.session.scalars(select(PersonEmail)).one()
        assert email.email == truth["emails"][0]
        phones = set(db.session.scalars(select(PersonPhone.e164)))
        assert phones == {p["e164"] for p in parsed["phones"]}
        assert db.session.scalars(select(PersonSource.source_id)).all() == [str(card_id)]
        assert db.session.scalars(select(CareerStep)).all()


def test_a_member_sees_only_their_own_cards_until_saved(app, member, admin):
    with app.app_context():
        stored = storage.save_bytes(b"\xff\xd8\xff\xe0 not shown", kind="cards", extension=".jpg")
        card_id = CardFactory(status="read", parsed=PARSED, image_path=stored.path).id
    assert member.get(f"/review/{card_id}").status_code == 404
    assert member.get(f"/files/cards/{card_id}/image").status_code == 404
    assert member.get(f"/capture/status?ids={card_id}").get_json()["cards"] == []
    assert f"/review/{card_id}" not in member.get("/review").get_data(as_text=True)
    assert admin.get(f"/review/{card_id}").status_code == 200
    with admin.get(f"/files/cards/{card_id}/image") as response:
        assert response.status_code == 200


def test_a_phone_extension_is_shown_saved_and_completes_a_known_number(app, member):
    # The reader found "03-1234-5678 内線 205": the review form shows the extension...
    with_extension = [{"type": "work", "e164": "+81312345678", "extension": "205"}]
    first = read_card(app, phones=with_extension)
    html = member.get(f"/review/{first}").get_data(as_text=True)
    assert 'value="03-1234-5678 ext. 205"' in html
    # ...and saves it off the number, as typed in either language.
    plain = form_from(PARSED, phone_type=["work"], phone_number=["03-1234-5678"])
    member.post(f"/review/{first}", data=plain)
    second = read_card(app)
    response = member.post(
        f"/review/{second}",
        data=form_from(
            PARSED,
            phone_type=["work", "mobile"],
            phone_number=["03-1234-5678 内線２０５", "090-1234-5678"],
        ),
    )
    assert response.status_code == 303
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        # The number first saved without its extension gets the one the second card gives.
        assert sorted((p.type, p.e164, p.extension) for p in person.phones) == [
            ("mobile", "+819012345678", None),
            ("work", "+81312345678", "205"),
        ]
        assert db.session.get(Card, second).reviewed["phones"][0] == {
            "type": "work",
            "e164": "+81312345678",
            "extension": "205",
        }
    saved = member.get(f"/review/{second}").get_data(as_text=True)
    assert 'value="03-1234-5678 ext. 205"' in saved
