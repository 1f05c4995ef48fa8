"""People pages: list and search, detail, edit (career history), new, access rules."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from extensions import db
from models import Card, CareerStep, Company, Person, User
from services.contacts import PersonInput, PhoneInput, update_person
from services.validation import InvalidInput
from tests.web.records_helpers import add_person, make_user


def form_for(person: dict[str, str] | None = None, **changes: str) -> dict[str, str]:
    """The edit form as a browser would post it."""
    data = {
        "name": "山田 太郎",
        "name_reading": "ヤマダ タロウ",
        "name_latin": "Taro Yamada",
        "company": "株式会社サンプル商事",
        "department": "営業本部",
        "title": "営業部長",
        "emails": "taro.yamada@sample.co.jp",
        "phones-0-type": "work",
        "phones-0-number": "03-1234-5678",
        "phones-1-type": "mobile",
        "phones-1-number": "",
        "postal_code": "100-0005",
        "address": "東京都千代田区丸の内1-2-3",
        "prefecture": "",
        "country": "JP",
        "owner_id": "0",
        "tags": "展示会, VIP",
        "notes": "",
    }
    data.update(person or {})
    data.update(changes)
    return data


def test_pages_need_a_login(client: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    for url in ("/contacts/", f"/contacts/{person}", f"/contacts/{person}/edit", "/contacts/new"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_new_person_is_stored_with_keys_and_first_career_step(member: FlaskClient, app: Flask) -> None:
    response = member.post(
        "/contacts/new", data=form_for(**{"phones-1-number": "０９０（１２３４）５６７８"})
    )
    assert response.status_code == 302
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert response.headers["Location"].endswith(f"/contacts/{person.id}")
        assert person.name_key == "山田太郎" and person.reading_key == "やまだたろう"
        assert person.prefecture == "東京都"  # from the address
        assert sorted((p.type, p.e164) for p in person.phones) == [
            ("mobile", "+819012345678"),
            ("work", "+81312345678"),
        ]
        assert [e.email for e in person.emails] == ["taro.yamada@sample.co.jp"]
        assert sorted(t.name for t in person.tags) == ["VIP", "展示会"]
        assert person.company is not None and person.company.legal_form == "株式会社"
        assert [(s.company_name, s.title, s.source) for s in person.career] == [
            ("株式会社サンプル商事", "営業部長", "edit")
        ]


def test_detail_shows_phones_in_national_format(member: FlaskClient, app: Flask) -> None:
    person = add_person(
        app,
        "Jane Doe",
        phones=(("work", "+81 3 1234 5678"), ("mobile", "+1 415 555 0100")),
        emails=("jane@acme.example",),
    )
    html = member.get(f"/contacts/{person}").get_data(as_text=True)
    assert 'href="tel:+81312345678">03-1234-5678<' in html
    # A foreign number keeps its country code so it can be dialled from Japan.
    assert 'href="tel:+14155550100">+1 415-555-0100<' in html
    assert "jane@acme.example" in html


def test_edit_records_career_when_title_or_company_changes(member: FlaskClient, app: Flask) -> None:
    member.post("/contacts/new", data=form_for())
    with app.app_context():
        person_id = db.session.scalars(select(Person.id)).one()

    # Same title and company: no new step.
    member.post(f"/contacts/{person_id}/edit", data=form_for(notes="met at the fair"))
    # Promotion, then a move to another company.
    member.post(f"/contacts/{person_id}/edit", data=form_for(title="取締役", notes="met at the fair"))
    response = member.post(
        f"/contacts/{person_id}/edit",
        data=form_for(title="取締役", company="Acme Inc.", notes="met at the fair"),
    )
    assert response.status_code == 302
    with app.app_context():
        steps = db.session.scalars(
            select(CareerStep).where(CareerStep.person_id == person_id).order_by(CareerStep.id)
        ).all()
        assert [(s.company_name, s.title) for s in steps] == [
            ("株式会社サンプル商事", "営業部長"),
            ("株式会社サンプル商事", "取締役"),
            ("Acme Inc.", "取締役"),
        ]
        person = db.session.get(Person, person_id)
        assert person is not None and person.notes == "met at the fair"
        assert person.company is not None and person.company.name == "Acme Inc."
    html = member.get(f"/contacts/{person_id}").get_data(as_text=True)
    career = re.search(r'<ol class="career">(.*?)</ol>', html, re.S)
    assert career and career.group(1).index("Acme Inc.") < career.group(1).index("営業部長")


def test_edit_of_a_person_without_history_keeps_the_old_state(app: Flask) -> None:
    with app.app_context():
        company = Company(name="株式会社旧社", name_key="旧社")
        person = Person(name="佐藤 一", name_key="佐藤一", title="課長", company=company)
        db.session.add(person)
        db.session.commit()
        update_person(db.session, person, PersonInput(name="佐藤 一", title="部長", company="株式会社旧社"))
        assert [(s.company_name, s.title) for s in person.career] == [
            ("株式会社旧社", "課長"),
            ("株式会社旧社", "部長"),
        ]


def test_a_member_cannot_take_someone_elses_contact(app: Flask) -> None:
    alice, bob = make_user(app, "alice@example.com"), make_user(app, "bob@example.com")
    boss = make_user(app, "boss@example.com", role="admin")
    with app.app_context():
        person = Person(name="佐藤 一", name_key="佐藤一", owner_id=alice)
        db.session.add(person)
        db.session.commit()
        as_user = {uid: db.session.get(User, uid) for uid in (alice, bob, boss)}
        with pytest.raises(InvalidInput) as refused:
            update_person(db.session, person, PersonInput(name="佐藤 一", owner_id=bob), by=as_user[bob])
        assert refused.value.field == "owner_id"
        db.session.rollback()
        assert db.session.get(Person, person.id).owner_id == alice
        # The owner may hand the contact over; an admin may reassign it.
        update_person(db.session, person, PersonInput(name="佐藤 一", owner_id=bob), by=as_user[alice])
        assert person.owner_id == bob
        update_person(db.session, person, PersonInput(name="佐藤 一", owner_id=alice), by=as_user[boss])
        assert person.owner_id == alice


def test_edit_reuses_an_existing_company(member: FlaskClient, app: Flask) -> None:
    first = add_person(app, "山田 太郎", company="株式会社サンプル商事")
    second = add_person(app, "鈴木 花子", company="サンプル商事")
    with app.app_context():
        a, b = db.session.get(Person, first), db.session.get(Person, second)
        assert a is not None and b is not None and a.company_id == b.company_id
        assert db.session.scalars(select(Company)).all() == [a.company]


def test_bad_phone_is_shown_next_to_the_form_and_nothing_changes(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎", phones=(("work", "03-1234-5678"),))
    response = member.post(
        f"/contacts/{person}/edit?lang=en", data=form_for(**{"phones-0-number": "12"}, title="社長")
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "12 is not a phone number; include the area code" in html
    assert "please correct it and save again" in html
    with app.app_context():
        stored = db.session.get(Person, person)
        assert stored is not None and stored.title is None
        assert [p.e164 for p in stored.phones] == ["+81312345678"]


def test_errors_are_in_japanese_by_default(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(f"/contacts/{person}/edit", data=form_for(emails="not-an-address"))
    assert response.status_code == 400
    assert "は正しいメールアドレスではありません" in response.get_data(as_text=True)


def test_missing_name_is_refused(member: FlaskClient) -> None:
    response = member.post("/contacts/new", data=form_for(name=""))
    assert response.status_code == 400
    assert 'class="field has-error"' in response.get_data(as_text=True)


def test_edit_needs_the_csrf_token(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(f"/contacts/{person}/edit", data=form_for(title="社長"), csrf=False)
    assert response.status_code == 400
    with app.app_context():
        stored = db.session.get(Person, person)
        assert stored is not None and stored.title is None


def test_edit_form_shows_current_values(member: FlaskClient, app: Flask) -> None:
    person = add_person(
        app,
        "山田 太郎",
        phones=(("mobile", "090-1234-5678 内線 12"),),
        emails=("a@example.com",),
        tags=("VIP",),
    )
    html = member.get(f"/contacts/{person}/edit").get_data(as_text=True)
    assert 'value="090-1234-5678 ext. 12"' in html
    assert "a@example.com</textarea>" in html
    assert 'value="VIP"' in html


def test_ids_beyond_the_database_integer_are_404(member: FlaskClient) -> None:
    for url in ("/contacts/2147483648", "/contacts/99999999999999999999", "/review/8622372500355905"):
        assert member.get(url).status_code == 404, url


def test_unknown_person_is_404(member: FlaskClient) -> None:
    assert member.get("/contacts/999").status_code == 404
    assert member.get("/contacts/999/edit").status_code == 404


def test_list_searches_by_phone_typed_another_way(member: FlaskClient, app: Flask) -> None:
    add_person(app, "山田 太郎", phones=(("mobile", "090-1234-5678"),))
    add_person(app, "鈴木 花子", phones=(("mobile", "080-9999-0000"),))
    html = member.get("/contacts/", query_string={"q": "+81 90 1234 5678"}).get_data(as_text=True)
    assert "山田 太郎" in html and "鈴木 花子" not in html


def test_list_finds_names_written_with_variant_kanji(member: FlaskClient, app: Flask) -> None:
    add_person(app, "髙橋 一郎")
    add_person(app, "斎藤 花子")
    add_person(app, "高田 次郎")
    html = member.get("/contacts/", query_string={"q": "高橋"}).get_data(as_text=True)
    assert "髙橋 一郎" in html and "高田 次郎" not in html
    html = member.get("/contacts/", query_string={"q": "齋藤"}).get_data(as_text=True)
    assert "斎藤 花子" in html and "髙橋 一郎" not in html


def test_list_pages_keep_the_filters(member: FlaskClient, app: Flask) -> None:
    for i in range(3):
        add_person(app, f"山田 {i}", title="代表取締役", address="東京都港区1")
    add_person(app, "鈴木 花子", title="課長")
    html = member.get("/contacts/", query_string={"title": "代表取締役", "per_page": "2"}).get_data(
        as_text=True
    )
    assert "鈴木" not in html
    next_link = re.search(r'rel="next" href="([^"]+)"', html)
    assert next_link is not None
    second = member.get(next_link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert second.count('class="person-row"') == 1 and "鈴木" not in second


def test_bad_filter_is_explained_not_crashed(member: FlaskClient) -> None:
    response = member.get("/contacts/?interaction_after=yesterday&lang=en")
    assert response.status_code == 400
    assert "must be a date like 2026-04-01" in response.get_data(as_text=True)


def test_detail_shows_card_thumbnails_through_the_private_view(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    with app.app_context():
        card = Card(
            person_id=person,
            image_path="cards/aa/x.jpg",
            content_type="image/jpeg",
            byte_size=1,
            sha256="a" * 64,
            status="saved",
        )
        db.session.add(card)
        db.session.commit()
        card_id = card.id
    html = member.get(f"/contacts/{person}").get_data(as_text=True)
    assert f'src="/files/cards/{card_id}/image"' in html
    assert "/static/" not in html.split('id="cards"')[1]


def test_phone_input_checks_itself() -> None:
    phone = PhoneInput("work", "03-1234-5678 ext. 204")
    assert phone.e164 == "+81312345678" and phone.extension == "204"
    try:
        PhoneInput("pager", "03-1234-5678")
    except InvalidInput as e:
        assert e.field == "phones"
    else:
        raise AssertionError("an unknown phone type was accepted")


def _selected_owner(html: str) -> str:
    select_html = html[html.index('name="owner_id"') :]
    select_html = select_html[: select_html.index("</select>")]
    found = re.search(r'<option selected value="(\d+)"', select_html)
    assert found, "no owner selected"
    return found.group(1)


def test_edit_keeps_an_owner_whose_account_was_deactivated(admin: FlaskClient, app: Flask) -> None:
    # Deactivating a salesperson who left must not let the next edit of their
    # contacts set them to nobody's (which any member could then claim).
    leaver = make_user(app, "leaver@example.com")
    person = add_person(app, "山田 太郎", owner_id=leaver)
    with app.app_context():
        user = db.session.get(User, leaver)
        assert user is not None
        user.is_active = False
        db.session.commit()
    html = admin.get(f"/contacts/{person}/edit").get_data(as_text=True)
    owner = _selected_owner(html)
    assert owner == str(leaver)

    response = admin.post(f"/contacts/{person}/edit", data=form_for(owner_id=owner, title="取締役"))

    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Person, person)
        assert stored is not None and stored.title == "取締役" and stored.owner_id == leaver
    # A new contact is not offered to the deactivated account.
    assert f'value="{leaver}"' not in admin.get("/contacts/new").get_data(as_text=True)



_HUGE = "99999999999999999999"  # over a 64-bit integer: the database driver would overflow


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/contacts/?owner_id={_HUGE}", 400),
        (f"/contacts/?company_id={_HUGE}", 400),
        (f"/contacts/?page={_HUGE}", 400),
        (f"/companies/?page={_HUGE}", 200),  # read as the first page
        (f"/capture/status?ids={_HUGE},1", 200),  # an id that cannot exist is no card
        (f"/merge/?page={_HUGE}", 200),
        (f"/merge/history?page={_HUGE}", 200),
    ],
)
def test_numbers_too_big_for_an_id_are_a_clear_answer_not_a_server_error(
    admin: FlaskClient, url: str, status: int
) -> None:
    assert admin.get(url).status_code == status


def test_an_export_filter_id_too_big_for_the_database_is_explained(admin: FlaskClient) -> None:
    response = admin.post("/exchange/export", data={"format": "generic", "owner_id": _HUGE})
    assert response.status_code == 302  # back to the search page, with the reason

