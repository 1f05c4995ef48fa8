"""The import's bulk writes leave a person exactly as saving the same rows as reviewed cards does.

``import-csv`` writes through :mod:`services.import_writer` (multi-row INSERTs, UPDATE by
primary key); cards go through :func:`services.cards.store_contact` (the ORM). Both apply
:func:`services.cards.apply_contact`; these tests hold the two write paths to the same result,
on SQLite and (``--database=postgresql``) PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

import exchange
from extensions import db
from models import Card, Company, Person
from services import merging
from services.cards import save_reviewed_card
from services.exchange import reviewed_from_row
from tests.conftest import _new_database, make_app
from tests.factories import CardFactory

HEADER = (
    "source_id,name,name_latin,name_reading,company,department,title,email,phone,mobile,fax,url,"
    "postal_code,address,country,notes,favourite_food"
)
#: Saved before the import (through review, on both sides): the stored person rows merge into.
STORED = (
    "k0,佐藤 花子,Hanako Sato,さとう はなこ,株式会社エイト,開発部,課長,hanako@eight.example,03-5555-0000,"
    "080-3333-4444,,https://eight.example,150-0001,東京都渋谷区神宮前1-1-1,JP,最初の名刺,"
)
ROWS = [
    # A new person with every field, an unknown column (notes) and a phone extension.
    "k1,山田 太郎,Taro Yamada,やまだ たろう,株式会社サンプル商事,営業部,部長,taro.yamada@sample.co.jp,"
    "03-1234-5678,090-1111-2222,03-1234-5679,https://www.sample.co.jp,100-0005,"
    "東京都千代田区丸の内１－２－３,JP,展示会で名刺交換,寿司",
    # The same person at a new company with a new title, a second e-mail and a new work line.
    "k2,山田 太郎,,,ミライ株式会社,開発部,取締役,taro@mirai.example;taro.yamada@sample.co.jp,"
    "06-6666-7777,090-1111-2222,,,530-0001,大阪府大阪市北区梅田1-1-1,,名刺交換 2回目,",
    # The stored person again: a new title, a note, and the extension of the work line she
    # was stored with; the company and name are kept.
    "k3,佐藤 花子,,,株式会社エイト,開発部,部長,hanako@eight.example,03-5555-0000 内線 12,080-3333-4444,"
    ",,,,,昇進,",
    # The same new person once more, nothing new but the extension of k2's work line: it goes
    # on that line, not on a second one.
    "k4,山田 太郎,,,ミライ株式会社,,,taro@mirai.example,06-6666-7777 ext. 205,090-1111-2222,,,,,,,",
    # Two more new people at new companies in the same batch: each gets its own rows.
    "k5,Jane Doe,,,ACME Inc.,Sales,Director,jane@acme.example,+1 415 555 0100,,,https://acme.example,,,US,,",
    "k6,鈴木 一郎,,すずき いちろう,株式会社ミライ工業,,係長,ichiro@mirai-kogyo.example,,090-5555-6666,,,,,,,",
]
#: What differs by design between a card and an import row, left out of the comparison.
BOOKKEEPING = {"id", "person_id", "company_id", "created_at", "updated_at", "recorded_at", "source"}


@pytest.fixture
def other_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database (SQLite file or PostgreSQL database) next to the app's."""
    other = tmp_path / "other"
    other.mkdir()
    yield from _new_database(request, other, None)


def _csv(rows: list[str]) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def _review(flask_app: Flask, rows: list[str]) -> None:
    """Save each row as a reviewed card, as the review screen would have saved it."""
    data = _csv(rows)
    with flask_app.app_context():
        for item in exchange.read_rows(data, exchange.sniff(data), region="JP"):
            assert isinstance(item, exchange.ImportedRow)
            card = CardFactory(status="read")
            save_reviewed_card(card.id, reviewed_from_row(item.contact), user_id=None)


def _people(flask_app: Flask) -> dict[str, dict[str, Any]]:
    """Every live person by name, without ids, timestamps and where the rows came from."""
    with flask_app.app_context():
        session = db.session
        session.expire_all()
        out: dict[str, dict[str, Any]] = {}
        for person in session.scalars(select(Person).where(Person.merged_into_id.is_(None))):
            data = merging.serialize_person(session, person)
            company = session.get(Company, person.company_id) if person.company_id else None
            out[person.name] = {
                "person": _plain(data["person"]),
                "company": company.name if company else None,
                "emails": [_plain(r) for r in data["emails"]],
                "phones": [_plain(r) for r in data["phones"]],
                "urls": [_plain(r) for r in data["urls"]],
                "sources": len(data["sources"]),
                "career": [_plain(r) for r in data["career"]],
            }
        return out


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in BOOKKEEPING}


def test_imported_rows_become_what_reviewed_cards_become(
    app: Flask, tmp_path: Path, other_database_url: str
) -> None:
    _review(app, [STORED, *ROWS])
    reviewed = _people(app)

    imported_app = make_app(tmp_path / "other", other_database_url)
    runner = imported_app.test_cli_runner()
    upgraded = runner.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    _review(imported_app, [STORED])
    path = tmp_path / "rows.csv"
    path.write_bytes(_csv(ROWS))
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    assert "contacts created: 3" in result.output and "merged automatically: 3" in result.output

    assert _people(imported_app) == reviewed
    taro = reviewed["山田 太郎"]
    assert taro["company"] == "ミライ株式会社" and taro["person"]["title"] == "取締役"
    assert [c["title"] for c in taro["career"]] == ["部長", "取締役"]
    assert taro["sources"] == 3
    assert reviewed["佐藤 花子"]["person"]["notes"] == "最初の名刺\n昇進"
    assert [e["email"] for e in reviewed["Jane Doe"]["emails"]] == ["jane@acme.example"]
    assert reviewed["鈴木 一郎"]["company"] == "株式会社ミライ工業"
    lines = {p["e164"]: p["extension"] for p in taro["phones"] if p["type"] == "work"}
    assert lines == {"+81312345678": None, "+81666667777": "205"}
    assert [(p["e164"], p["extension"]) for p in reviewed["佐藤 花子"]["phones"] if p["type"] == "work"] == [
        ("+81355550000", "12")
    ]


def test_a_row_merged_into_a_stored_person_updates_its_row(app: Flask, runner: Any, tmp_path: Path) -> None:
    _review(app, [STORED])
    with app.app_context():
        before = db.session.scalars(select(Person)).one()
        stamp, person_id = before.updated_at, before.id
    path = tmp_path / "rows.csv"
    path.write_bytes(_csv([ROWS[2]]))

    result = runner.invoke(args=["import-csv", str(path)])

    assert result.exit_code == 0, result.output
    assert "merged automatically: 1" in result.output
    with app.app_context():
        person = db.session.get(Person, person_id)
        assert person is not None
        assert person.title == "部長" and person.notes == "最初の名刺\n昇進"
        assert person.updated_at > stamp
        assert [s.source_id for s in person.sources][-1] == "k3"
        assert db.session.scalars(select(Card.person_id)).all() == [person_id]


def test_import_leaves_columns_it_does_not_change_as_the_database_has_them(app: Flask) -> None:
    from sqlalchemy import update
    from sqlalchemy.orm import selectinload

    from services.cards import ReviewedCard, check_contact
    from services.import_writer import ImportWriter

    with app.app_context():
        card = CardFactory(status="read")
        reviewed = ReviewedCard(
            name="佐藤 花子", company="株式会社エイト", title="課長", address="東京都渋谷区1-1"
        )
        person_id = save_reviewed_card(card.id, reviewed, user_id=None).person_id
        db.session.expire_all()
        session = db.session()
        loaded = session.scalars(
            select(Person).where(Person.id == person_id).options(selectinload(Person.company))
        ).one()
        writer = ImportWriter(
            session, owner_id=None, stored={person_id: loaded}, source="import", career_source="import"
        )
        # Someone edits the address in the web UI while the import runs.
        # (A Core UPDATE: the loaded object keeps the old address, as it would in the import.)
        people = Person.__table__
        session.execute(update(people).where(people.c.id == person_id).values(address="大阪府大阪市北区1-1"))
        row = ReviewedCard(name="佐藤 花子", company="株式会社エイト", title="部長")
        checked, errors = check_contact(row, "JP")
        assert checked is not None and not errors
        writer.store("row:1", row, checked, target=person_id, source_ids=["k9"])
        writer.write()
        session.commit()
        session.expire_all()
        person = session.get(Person, person_id)
        assert (person.title, person.address) == ("部長", "大阪府大阪市北区1-1")
