"""The search service: free text in every form people type it, filters, sorting, paging, indexes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select, text

from extensions import db
from models import NextAction, Person, User, utcnow
from services.search import MAX_PER_PAGE, InvalidCriteria, SearchCriteria, build_query, search_people
from tests.conftest import make_app
from tests.web.records_helpers import add_person, make_user


@pytest.fixture(scope="module")
def search_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One database for the whole module: these tests only read, so they share it.

    Follows ``--database`` like the ``app`` fixture does.
    """
    base = tmp_path_factory.mktemp("search")
    pg_name = None
    if request.config.getoption("--database") == "postgresql":
        server = request.getfixturevalue("postgres_server")
        pg_name = f"search_{os.getpid()}"
        server.execute(f"CREATE DATABASE {pg_name}")
        url = server.url(pg_name)
    else:
        url = f"sqlite:///{base / 'search.db'}"
    flask_app = make_app(base, url)
    with flask_app.app_context():
        db.create_all()
    yield flask_app
    with flask_app.app_context():
        db.session.remove()
        db.engine.dispose()
    if pg_name:
        request.getfixturevalue("postgres_server").execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")


@pytest.fixture(scope="module")
def people(search_app: Flask) -> dict[str, int]:
    """A small, varied customer base, with interactions, actions, stages and a merge."""
    app = search_app
    owner = make_user(app, "owner@example.com")
    ids = {
        "yamada": add_person(
            app,
            "山田 太郎",
            name_reading="ヤマダ タロウ",
            name_latin="Taro Yamada",
            company="株式会社サンプル商事",
            title="代表取締役社長",
            emails=("taro.yamada@sample.co.jp",),
            phones=(("work", "03-1234-5678"), ("mobile", "090-1111-2222")),
            address="東京都千代田区丸の内1-2-3",
            tags=("展示会",),
            owner_id=owner,
        ),
        "suzuki": add_person(
            app,
            "鈴木 花子",
            name_reading="すずき はなこ",
            company="サンプル商事(株)",
            title="営業部長",
            emails=("hanako@sample.co.jp",),
            phones=(("work", "06-6123-4567"),),
            address="大阪府大阪市北区梅田1-1-1",
        ),
        "doe": add_person(
            app,
            "Jane Doe",
            company="Acme Inc.",
            title="CEO",
            emails=("jane@acme.example",),
            phones=(("work", "+1 415 555 0100"),),
            country="US",
        ),
        "tanaka": add_person(
            app,
            "田中 一郎",
            name_reading="タナカ イチロウ",
            company="有限会社タナカ工業",
            title="代表取締役",
            address="大阪府堺市堺区1-2",
            owner_id=owner,
        ),
        "merged": add_person(
            app,
            "山田 太郎",
            name_reading="やまだ たろう",
            company="サンプル商事",
            phones=(("work", "03-1234-5678"),),
        ),
    }
    with app.app_context():
        yamada = db.session.get(Person, ids["yamada"])
        suzuki = db.session.get(Person, ids["suzuki"])
        merged = db.session.get(Person, ids["merged"])
        doe = db.session.get(Person, ids["doe"])
        assert yamada and suzuki and merged and doe and doe.company
        yamada.last_interaction_at = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
        suzuki.last_interaction_at = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
        db.session.add(NextAction(person_id=yamada.id, what="call back"))
        db.session.add(NextAction(person_id=suzuki.id, what="done already", done_at=utcnow()))
        merged.merged_into_id = yamada.id
        doe.company.stage = "loyal"
        doe.company.domain = "acme.example"
        db.session.commit()
    return ids


@pytest.fixture
def app(search_app: Flask) -> Flask:
    """The shared app, under the name the rest of the suite uses."""
    return search_app


def find(app: Flask, **criteria: object) -> list[int]:
    with app.app_context():
        page = search_people(db.session, SearchCriteria(**criteria))  # type: ignore[arg-type]
        return [p.id for p in page.items]


@pytest.mark.parametrize(
    "typed",
    [
        "03-1234-5678",
        "0312345678",
        "03 1234 5678",
        "(03)1234-5678",
        "０３－１２３４－５６７８",
        "+81 3-1234-5678",
    ],
)
def test_phone_typed_in_any_format_finds_the_person(app: Flask, people: dict[str, int], typed: str) -> None:
    assert find(app, q=typed) == [people["yamada"]]


def test_foreign_number_found_with_country_code(app: Flask, people: dict[str, int]) -> None:
    assert find(app, q="+14155550100") == [people["doe"]]
    assert find(app, q="415-555-0100", region="US") == [people["doe"]]
    # Without a country code the default region (JP) applies first; a number that cannot be
    # Japanese but has the North American shape is read as one, as the card reader does.
    assert find(app, q="415-555-0100") == [people["doe"]]
    # A number that is a valid Japanese one stays Japanese: nobody here has it.
    assert find(app, q="03-5555-0100") == []


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("山田", "yamada"),
        ("山田　太郎", "yamada"),  # full-width space
        ("やまだ", "yamada"),  # reading in hiragana, stored in katakana
        ("ヤマダタロウ", "yamada"),
        ("ｽｽﾞｷ", "suzuki"),  # half-width katakana, reading stored in hiragana
        ("yamada", "yamada"),  # romaji of the reading
        ("Taro Yamada", "yamada"),  # printed order, given name first
        ("jane", "doe"),
        ("TARO.YAMADA@SAMPLE.CO.JP", "yamada"),
        ("hanako@", "suzuki"),
    ],
)
def test_free_text_matches_name_reading_romaji_and_email(
    app: Flask, people: dict[str, int], typed: str, who: str
) -> None:
    assert find(app, q=typed) == [people[who]]


def test_company_name_matches_whatever_the_legal_form(app: Flask, people: dict[str, int]) -> None:
    both = sorted([people["yamada"], people["suzuki"]])
    assert sorted(find(app, q="サンプル商事")) == both
    assert sorted(find(app, q="株式会社サンプル")) == both
    assert sorted(find(app, company="サンプル商事（株）")) == both
    assert find(app, q="acme.example") == [people["doe"]]  # the company's web domain


def test_nothing_matches_gives_an_empty_page(app: Flask, people: dict[str, int]) -> None:
    with app.app_context():
        page = search_people(db.session, SearchCriteria(q="存在しない人"))
    assert page.total == 0 and list(page.items) == [] and page.pages == 1


def test_filters_prefecture_and_title(app: Flask, people: dict[str, int]) -> None:
    assert sorted(find(app, title="代表取締役")) == sorted([people["yamada"], people["tanaka"]])
    assert find(app, title="代表取締役", prefecture="大阪府") == [people["tanaka"]]
    assert find(app, prefecture="東京都") == [people["yamada"]]
    # "%" and "_" in a title filter are literal, not wildcards.
    assert find(app, title="%") == []


def test_filters_stage_tag_owner(app: Flask, people: dict[str, int]) -> None:
    with app.app_context():
        owner = db.session.scalar(select(User.id).where(User.email == "owner@example.com"))
    assert find(app, stage="loyal") == [people["doe"]]
    assert find(app, tag="展示会") == [people["yamada"]]
    assert sorted(find(app, owner_id=owner)) == sorted([people["yamada"], people["tanaka"]])


def test_filters_last_interaction_and_open_action(app: Flask, people: dict[str, int]) -> None:
    assert find(app, interaction_after=dt.date(2026, 4, 1)) == [people["suzuki"]]
    assert find(app, interaction_before=dt.date(2026, 4, 1)) == [people["yamada"]]
    assert find(app, has_open_action=True) == [people["yamada"]]
    assert people["yamada"] not in find(app, has_open_action=False)
    assert people["suzuki"] in find(app, has_open_action=False)


def test_merged_away_people_are_hidden(app: Flask, people: dict[str, int]) -> None:
    # The merged record shares name and phone with yamada but never shows up.
    assert sorted(find(app, q="サンプル商事")) == sorted([people["yamada"], people["suzuki"]])
    assert find(app, q="03-1234-5678") == [people["yamada"]]
    assert people["merged"] not in find(app, per_page=MAX_PER_PAGE)


def test_sort_by_reading_and_paging(app: Flask, people: dict[str, int]) -> None:
    # Readings: すずき, たなか, やまだ; Jane Doe has none and sorts first (NULL) on SQLite.
    japanese = [i for i in find(app, sort="name") if i != people["doe"]]
    assert japanese == [people["suzuki"], people["tanaka"], people["yamada"]]
    with app.app_context():
        first = search_people(db.session, SearchCriteria(sort="name", per_page=3, page=1))
        second = search_people(db.session, SearchCriteria(sort="name", per_page=3, page=2))
    assert first.total == second.total == 4
    assert first.pages == 2 and first.has_next and not first.has_prev
    assert len(first.items) == 3 and len(second.items) == 1
    assert not {p.id for p in first.items} & {p.id for p in second.items}


def test_sort_by_company_and_recent(app: Flask, people: dict[str, int]) -> None:
    by_company = find(app, sort="company")
    assert by_company[0] == people["doe"]  # "acme" sorts before kana keys
    assert find(app, sort="recent")[0] == people["tanaka"]


def test_criteria_from_request_args() -> None:
    criteria = SearchCriteria.from_args(
        {
            "q": " 山田 ",
            "prefecture": "東京都",
            "has_open_action": "1",
            "interaction_after": "2026-01-31",
            "page": "2",
            "lang": "en",  # belongs to the page, ignored
            "stage": "",
        },
        region="JP",
    )
    assert criteria.q == "山田" and criteria.prefecture == "東京都" and criteria.stage is None
    assert criteria.has_open_action is True and criteria.page == 2
    assert criteria.interaction_after == dt.date(2026, 1, 31)
    assert SearchCriteria.from_args(criteria.to_args()) == criteria
    assert criteria.to_args(page=1).get("page") is None


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": str(MAX_PER_PAGE + 1)}, "per_page"),
        ({"sort": "salary"}, "sort"),
        ({"stage": "gold"}, "stage"),
        ({"interaction_after": "31/01/2026"}, "interaction_after"),
        ({"has_open_action": "maybe"}, "has_open_action"),
        ({"interaction_after": "2026-05-01", "interaction_before": "2026-04-01"}, "interaction_after"),
    ],
)
def test_bad_args_name_the_field(args: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidCriteria) as caught:
        SearchCriteria.from_args(args)
    assert caught.value.field == field
    assert caught.value.status == 400


def _plan(app: Flask, criteria: SearchCriteria) -> str:
    with app.app_context():
        stmt = build_query(criteria)
        compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
        rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return "\n".join(str(r[-1]) for r in rows)


@pytest.mark.sqlite_only  # reads SQLite's query plan; the PostgreSQL pass deselects it
@pytest.mark.parametrize(
    ("criteria", "index"),
    [
        (SearchCriteria(q="03-1234-5678"), "ix_person_phones_e164"),
        (SearchCriteria(q="taro@sample.co.jp"), "ix_person_emails_email"),
        (SearchCriteria(q="やまだ"), "ix_people_reading_key"),
        (SearchCriteria(q="やまだ"), "ix_people_name_key"),
        (SearchCriteria(q="サンプル"), "ix_companies_name_key"),
        (SearchCriteria(prefecture="東京都", title="代表取締役"), "ix_people_prefecture"),
    ],
)
def test_searches_use_indexes(
    app: Flask, people: dict[str, int], criteria: SearchCriteria, index: str
) -> None:
    plan = _plan(app, criteria)
    assert index in plan, plan
    assert "SCAN people" not in plan.replace("SCAN people USING", ""), plan


def test_count_stops_at_the_limit(app: Flask, people: dict[str, int]) -> None:
    with app.app_context():
        capped = search_people(db.session, SearchCriteria(per_page=2), count_limit=3)
        assert not capped.exact and capped.total == 3 and capped.has_next and len(capped.items) == 2
        full = search_people(db.session, SearchCriteria(per_page=2), count_limit=None)
        assert full.exact and full.total == 4 and full.pages == 2
        last = search_people(db.session, SearchCriteria(per_page=2, page=2), count_limit=3)
        assert len(last.items) == 2 and last.has_prev


def test_search_criteria_refuse_an_id_over_the_limit() -> None:
    with pytest.raises(InvalidCriteria) as refused:
        SearchCriteria.from_args({"owner_id": "99999999999999999999"})
    assert refused.value.field == "owner_id"
