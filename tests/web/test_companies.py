"""Company pages: create/edit, the company page (people, timeline, actions), stage change."""

from __future__ import annotations

import datetime as dt
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from extensions import db
from models import AuditEvent, Company, Interaction, NextAction, Person, User
from services.companies import CompanyInput, company_overview, create_company, list_companies
from services.search import SearchCriteria, search_people
from services.validation import InvalidInput
from tests.web.records_helpers import add_person, make_user

FORM = {
    "name": "株式会社サンプル商事",
    "reading": "サンプルショウジ",
    "domain": "www.Sample.co.jp",
    "postal_code": "100-0005",
    "address": "東京都千代田区丸の内1-2-3",
    "main_phone": "(03) 1234-5678",
    "stage": "prospect",
    "owner_id": "0",
    "tags": "製造業、重点",
}


def test_create_company_through_the_form(member: FlaskClient, app: Flask) -> None:
    response = member.post("/companies/new", data=FORM)
    assert response.status_code == 302
    with app.app_context():
        company = db.session.scalars(select(Company)).one()
        assert (company.name, company.legal_form, company.name_key) == (
            "株式会社サンプル商事",
            "株式会社",
            "さんぷる商事",
        )
        assert company.domain == "sample.co.jp" and company.main_phone == "+81312345678"
        assert company.prefecture == "東京都" and company.stage == "prospect"
        assert sorted(t.name for t in company.tags) == ["製造業", "重点"]
    html = member.get(response.headers["Location"]).get_data(as_text=True)
    assert "03-1234-5678" in html and "見込" in html


def test_company_form_explains_bad_values(member: FlaskClient, app: Flask) -> None:
    response = member.post(
        "/companies/new?lang=en", data={**FORM, "domain": "not a domain", "stage": "prospect"}
    )
    assert response.status_code == 400
    assert "enter a domain like example.co.jp" in response.get_data(as_text=True)
    response = member.post("/companies/new", data={**FORM, "main_phone": "123"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Company)).all() == []


def test_company_input_checks_itself() -> None:
    for bad in ({"name": "  "}, {"name": "X", "stage": "gold"}, {"name": "X", "main_phone": "abc"}):
        try:
            CompanyInput(**bad)  # type: ignore[arg-type]
        except InvalidInput:
            continue
        raise AssertionError(f"accepted {bad}")


def test_company_page_key_people_first_timeline_and_actions(member: FlaskClient, app: Flask) -> None:
    staff = add_person(app, "青木 一", name_reading="あおき はじめ", company="株式会社サンプル商事")
    boss = add_person(app, "渡辺 社長", name_reading="わたなべ", company="サンプル商事", is_key_person=True)
    add_person(app, "他社 太郎", company="株式会社ほか")
    with app.app_context():
        company_id = db.session.get(Person, staff).company_id  # type: ignore[union-attr]
        old = dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.UTC)
        new = dt.datetime(2026, 2, 7, 3, 0, tzinfo=dt.UTC)
        db.session.add_all(
            [
                Interaction(
                    person_id=staff, company_id=company_id, kind="visit", occurred_at=old, text="初回訪問"
                ),
                Interaction(
                    person_id=boss, company_id=company_id, kind="meeting", occurred_at=new, text="社長と面談"
                ),
                NextAction(
                    person_id=boss, company_id=company_id, what="提案書を送る", due_on=dt.date(2026, 3, 1)
                ),
                NextAction(person_id=staff, company_id=company_id, what="済んだこと", done_at=new),
            ]
        )
        db.session.commit()
        view = company_overview(db.session, company_id)  # type: ignore[arg-type]
        assert view is not None
        assert [p.id for p in view.people] == [boss, staff]
        assert [n.text for n in view.timeline] == ["社長と面談", "初回訪問"]
        assert [a.what for a in view.open_actions] == ["提案書を送る"]
    html = member.get(f"/companies/{company_id}").get_data(as_text=True)
    people = re.search(r'id="people".*?</ul>', html, re.S)
    assert people and people.group(0).index("渡辺 社長") < people.group(0).index("青木 一")
    assert "他社 太郎" not in html
    assert html.index("社長と面談") < html.index("初回訪問")
    assert "提案書を送る" in html and "済んだこと" not in html


def test_stage_change_is_audited_and_shown(member: FlaskClient, member_user: int, app: Flask) -> None:
    with app.app_context():
        company_id = create_company(db.session, CompanyInput(name="Acme Inc.")).id
    response = member.post(f"/companies/{company_id}/stage", data={"stage": "loyal"})
    assert response.status_code == 302
    with app.app_context():
        company = db.session.get(Company, company_id)
        assert company is not None and company.stage == "loyal"
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "stage")).one()
        assert event.user_id == member_user
        assert event.detail == {"company_id": company_id, "from": "potential", "to": "loyal"}
    html = member.get(f"/companies/{company_id}").get_data(as_text=True)
    assert '<option selected value="loyal">優良</option>' in html
    assert member.get(f"/companies/{company_id}?lang=en").get_data(as_text=True).count(">Loyal<") >= 1


def test_stage_change_refuses_unknown_stage_and_missing_token(member: FlaskClient, app: Flask) -> None:
    with app.app_context():
        company_id = create_company(db.session, CompanyInput(name="Acme Inc.")).id
    member.post(f"/companies/{company_id}/stage", data={"stage": "gold"})
    assert (
        member.post(f"/companies/{company_id}/stage", data={"stage": "loyal"}, csrf=False).status_code == 400
    )
    with app.app_context():
        assert db.session.get(Company, company_id).stage == "potential"  # type: ignore[union-attr]


def test_edit_company(member: FlaskClient, app: Flask) -> None:
    with app.app_context():
        company_id = create_company(db.session, CompanyInput(name="旧名商事株式会社")).id
    page = member.get(f"/companies/{company_id}/edit").get_data(as_text=True)
    assert 'value="旧名商事株式会社"' in page
    response = member.post(f"/companies/{company_id}/edit", data={**FORM, "name": "新名商事株式会社"})
    assert response.status_code == 302
    with app.app_context():
        company = db.session.get(Company, company_id)
        assert company is not None and company.name_key == "新名商事" and company.legal_form == "株式会社"


def test_company_list_filters_by_name_and_stage(member: FlaskClient, app: Flask) -> None:
    with app.app_context():
        create_company(db.session, CompanyInput(name="株式会社アルファ", stage="customer"))
        create_company(db.session, CompanyInput(name="ベータ有限会社"))
        rows, total = list_companies(db.session, q="アルファ")
        assert total == 1 and rows[0].company.name == "株式会社アルファ"
        assert list_companies(db.session, stage="customer")[1] == 1
    html = member.get("/companies/?q=ベータ").get_data(as_text=True)
    assert "ベータ有限会社" in html and "アルファ" not in html


def test_company_created_by_hand_is_found_by_its_people(app: Flask) -> None:
    with app.app_context():
        company = create_company(db.session, CompanyInput(name="株式会社テスト電機", stage="prospect"))
        assert company.legal_form == "株式会社"
    person = add_person(app, "佐藤 次郎", company="テスト電機株式会社")
    with app.app_context():
        assert db.session.get(Person, person).company_id == company.id  # type: ignore[union-attr]
        found = search_people(db.session, SearchCriteria(q="テスト電機", stage="prospect"))
        assert [p.id for p in found.items] == [person]


def test_unknown_company_is_404(member: FlaskClient) -> None:
    assert member.get("/companies/404").status_code == 404
    assert member.post("/companies/404/stage", data={"stage": "loyal"}).status_code == 404


def _save_card(**fields: object) -> int:
    from services.cards import ReviewedCard, save_reviewed_card
    from tests.factories import CardFactory

    card = CardFactory(status="read")
    outcome = save_reviewed_card(card.id, ReviewedCard(**fields), user_id=None)  # type: ignore[arg-type]
    return int(outcome.company_id or 0)


def test_japanese_and_english_names_on_one_domain_are_one_company(db_session) -> None:
    ja = _save_card(name="山田 太郎", company="株式会社エービーシー", emails=("yamada@abc.co.jp",))
    en = _save_card(name="Hanako Sato", company="ABC Co., Ltd.", emails=("h.sato@abc.co.jp",))
    also = _save_card(name="John Smith", company="ABC Inc.", urls=("https://www.abc.co.jp/en",))
    assert ja == en == also
    company = db_session.get(Company, ja)
    assert company.domain == "abc.co.jp" and company.name == "株式会社エービーシー"


def test_same_domain_does_not_join_different_names_in_one_script(db_session) -> None:
    holdings = _save_card(name="Taro Yamada", company="ABC Holdings Inc.", emails=("t.yamada@abc.co.jp",))
    logistics = _save_card(name="Jiro Suzuki", company="ABC Logistics Ltd.", emails=("j.suzuki@abc.co.jp",))
    mixed = _save_card(name="鈴木 三郎", company="ABC物流株式会社", emails=("s.suzuki@abc.co.jp",))
    # A free-mail address tells nothing about the employer.
    ja = _save_card(name="佐藤 一郎", company="株式会社デルタ", emails=("ichiro@gmail.com",))
    en = _save_card(name="Ichiro Sato", company="Delta Co., Ltd.", emails=("ichiro.sato@gmail.com",))
    assert len({holdings, logistics, mixed}) == 3
    assert ja != en and db_session.get(Company, ja).domain is None


def test_import_joins_company_spellings_on_one_domain(app: Flask, runner, tmp_path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "name,company,email\n"
        "山田 太郎,株式会社エービーシー,yamada@abc.co.jp\n"
        "Hanako Sato,ABC Co. Ltd.,h.sato@abc.co.jp\n"
        "Jiro Suzuki,ABC Logistics Ltd.,j.suzuki@abc.co.jp\n"
        "Max Muster,Zeta AG,max@zeta.de\n"
        "鈴木 花子,ゼータ株式会社,hanako@zeta.de\n",
        encoding="utf-8",
    )
    with app.app_context():
        existing = _save_card(name="John Smith", company="ABC Inc.", urls=("https://abc.co.jp",))
        other = _save_card(name="Mary Major", company="Zeta GmbH")  # stored before, no domain yet
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        people = {p.name: p.company_id for p in db.session.scalars(select(Person))}
        assert people["山田 太郎"] == people["Hanako Sato"] == existing
        assert people["Jiro Suzuki"] != existing
        # A company stored without a domain learns it from the first row that tells it.
        assert people["Max Muster"] == people["鈴木 花子"] == other
        assert db.session.get(Company, other).domain == "zeta.de"


def test_profile_links_and_free_mail_never_join_companies(db_session) -> None:
    linkedin = "https://www.linkedin.com/in/someone"
    ja = _save_card(
        name="山田 太郎", company="株式会社エービーシー", emails=("yamada@abc.co.jp",), urls=(linkedin,)
    )
    other = _save_card(name="John Smith", company="XYZ Inc.", urls=(linkedin,))
    assert ja != other
    assert db_session.get(Company, ja).domain == "abc.co.jp"
    assert db_session.get(Company, other).domain is None


def test_company_edit_keeps_an_owner_whose_account_was_deactivated(
    member: FlaskClient, app: Flask
) -> None:
    leaver = make_user(app, "leaver@example.com")
    with app.app_context():
        company = create_company(db.session, CompanyInput(name="株式会社旧社", owner_id=leaver))
        company_id = company.id
        user = db.session.get(User, leaver)
        assert user is not None
        user.is_active = False
        db.session.commit()
    html = member.get(f"/companies/{company_id}/edit").get_data(as_text=True)
    assert re.search(rf'<option selected value="{leaver}"', html)

    form = {**FORM, "name": "株式会社旧社", "owner_id": str(leaver), "domain": "kyusha.example"}
    response = member.post(f"/companies/{company_id}/edit", data=form)

    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Company, company_id)
        assert stored is not None and stored.domain == "kyusha.example" and stored.owner_id == leaver
