"""Merges on a real database: import → suggestion → merge → exact undo, the admin queue, audit.

Run on PostgreSQL too: ``pytest tests/web/test_merging.py --database=postgresql``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from extensions import db
from models import (
    AuditEvent,
    Card,
    Interaction,
    MergeRecord,
    MergeSuggestion,
    NextAction,
    NotSamePerson,
    Person,
)
from services import merging
from tests.factories import CardFactory, InteractionFactory, NextActionFactory, TagFactory

HEADER = (
    "source_id,name,name_latin,name_reading,company,department,title,email,phone,mobile,fax,url,"
    "postal_code,address,country,notes"
)
ROWS = [
    "s1,田中 一郎,,たなか いちろう,株式会社ミライ,営業部,課長,tanaka@mirai.example,03-1111-2222,,,"
    "https://mirai.example,100-0005,東京都千代田区丸の内1-2-3,JP,展示会",
    # Same name at the same company, nothing else in common: maybe the same person.
    "s2,田中 一郎,Ichiro Tanaka,,ミライ株式会社,営業部,部長,,,090-5555-6666,,,,,JP,電話で",
]


def _import(runner: Any, tmp_path: Path) -> str:
    path = tmp_path / "contacts.csv"
    path.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-8")
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    return str(result.output)


def _state(session: Any, *ids: int) -> dict[int, dict[str, Any]]:
    """Both people serialised in full, without the bookkeeping timestamp."""
    session.expire_all()
    out = {}
    for pid in ids:
        data = merging.serialize_person(session, session.get(Person, pid))
        data["person"].pop("updated_at")
        out[pid] = data
    return out


def _enrich(session: Any, pid: int, word: str) -> None:
    """Give a person a card, a note, an action and a tag of their own."""
    person = session.get(Person, pid)
    card = CardFactory(status="saved", person=person)
    InteractionFactory(person=person, text=f"{word}との打ち合わせ")
    NextActionFactory(person=person, what=f"{word}に見積もり", due_on=dt.date(2026, 12, 1))
    tag = TagFactory(name=f"tag-{word}")
    person.tags.append(tag)
    session.commit()
    assert card.person_id == pid


def test_import_suggestion_merge_and_exact_undo(app, runner, tmp_path: Path) -> None:
    output = _import(runner, tmp_path)
    assert "suggestions opened: 1" in output
    listed = runner.invoke(args=["merge-suggestions", "--json"])
    [row] = [json.loads(line) for line in listed.output.splitlines()]
    a, b = row["contact_ids"]
    assert a < b and "same company" in row["reasons"]

    with app.app_context():
        session = db.session
        _enrich(session, a, "A")
        _enrich(session, b, "B")
        before = _state(session, a, b)

        record = merging.merge_contacts(
            a, b, {"title": "merged", "name_latin": "merged"}, None, suggestion_id=row["id"]
        )
        session.expire_all()
        kept, gone = session.get(Person, a), session.get(Person, b)
        assert gone.merged_into_id == a
        assert kept.title == "部長" and kept.name_latin == "Ichiro Tanaka" and kept.department == "営業部"
        # Every card, email, phone, note, action, source and tag of both is on the kept person.
        assert {e.email for e in kept.emails} == {"tanaka@mirai.example"}
        assert {p.e164 for p in kept.phones} == {"+81311112222", "+819055556666"}
        assert sorted(s.source_id for s in kept.sources) == ["s1", "s2"]
        assert session.scalars(select(Card.person_id).distinct()).all() == [a]
        assert set(session.scalars(select(Interaction.person_id))) == {a}
        assert set(session.scalars(select(NextAction.person_id))) == {a}
        assert {t.name for t in kept.tags} == {"tag-A", "tag-B"}
        assert "展示会" in kept.notes and "電話で" in kept.notes
        assert session.get(MergeSuggestion, row["id"]).status == "merged"
        assert merging.open_suggestions() == []
        # A note written on the merged record after the merge.
        later = InteractionFactory(person=kept, text="合併後のメモ")
        later_id = later.id

        merging.unmerge(record.id, None)
        after = _state(session, a, b)
        later_note = session.get(Interaction, later_id)
        assert later_note.person_id == a
        after[a]["interactions"].remove(later_id)
        assert after == before
        assert session.get(MergeRecord, record.id).undone_at is not None
        assert [s["id"] for s in merging.open_suggestions()] == [row["id"]]
        audited = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.action.in_(("merge", "unmerge")))
            .order_by(AuditEvent.id)
        ).all()
        assert audited == ["merge", "unmerge"]


def test_merged_person_cannot_be_merged_again_and_undo_needs_order(db_session) -> None:
    from tests.factories import PersonFactory

    a, b, c = (PersonFactory(name=n) for n in ("甲 太郎", "乙 太郎", "丙 太郎"))
    first = merging.merge_contacts(a.id, b.id, {}, None)
    second = merging.merge_contacts(a.id, c.id, {}, None)
    try:
        merging.merge_contacts(b.id, c.id, {}, None)
    except merging.MergeError:
        pass
    else:
        raise AssertionError("a merged-away person was merged again")
    merging.unmerge(second.id, None)
    merging.unmerge(first.id, None)
    db_session.expire_all()
    assert all(db_session.get(Person, p).merged_into_id is None for p in (a.id, b.id, c.id))


def _suggestion(session: Any) -> tuple[int, int, int]:
    from tests.factories import PersonFactory

    a = PersonFactory(name="中村 翔", department="開発部")
    b = PersonFactory(name="中村 翔", department="開発部", company=a.company)
    s = merging.open_suggestion(session, (b.id, a.id), 0.9, ["same company", "name equal"])
    session.commit()
    assert s is not None and (s.person_a_id, s.person_b_id) == (a.id, b.id)
    return s.id, a.id, b.id


def test_members_get_403_everywhere(app, member, db_session) -> None:
    sid, _a, _b = _suggestion(db_session)
    for url in ("/merge/", f"/merge/{sid}", "/merge/history"):
        assert member.get(url).status_code == 403
    for url in (f"/merge/{sid}/merge", f"/merge/{sid}/reject", "/merge/bulk", "/merge/history/1/undo"):
        assert member.post(url, data={"ids": [str(sid)]}).status_code == 403
    assert db_session.get(MergeSuggestion, sid).status == "open"
    assert "/merge/" not in member.get("/contacts/").get_data(as_text=True)


def test_admin_queue_shows_pairs_side_by_side_with_reasons(app, admin) -> None:
    # No app context held open here: Flask-Babel keeps the locale in it, and this test
    # switches languages between requests.
    with app.app_context():
        sid, _a, _b = _suggestion(db.session)
    ja = admin.get("/merge/?lang=ja").get_data(as_text=True)
    assert f'id="suggestion-{sid}"' in ja and "中村 翔" in ja
    assert "重複" in ja and "同一人物ではない" in ja and "同じ会社" in ja and "氏名が一致" in ja
    # A score this high is ticked for the bulk merge of the page's obvious pairs.
    assert f'name="ids" value="{sid}" checked' in ja
    en = admin.get("/merge/?lang=en").get_data(as_text=True)
    assert "same company" in en and "Not the same person" in en


def test_every_matcher_reason_has_a_japanese_label(app) -> None:
    from babel.messages.pofile import read_po

    from views.merge import REASONS, merge_reason

    with (Path(app.root_path) / "translations/ja/LC_MESSAGES/merge.po").open("rb") as f:
        catalog = read_po(f)
    for reason in REASONS:
        assert catalog.get(reason) is not None and catalog.get(reason).string, reason
    with app.test_request_context("/?lang=ja"):
        assert merge_reason("name 0.93 (one slip)") == "氏名の類似度 0.93（1文字違い）"
        assert merge_reason("name differs (0.40)") == "氏名が異なる（類似度 0.40）"
        assert merge_reason("something new") == "something new"


def test_forms_need_the_csrf_token(admin, db_session) -> None:
    sid, _a, _b = _suggestion(db_session)
    assert admin.post(f"/merge/{sid}/merge", data={}, csrf=False).status_code == 400
    assert admin.post(f"/merge/{sid}/reject", data={}, csrf=False).status_code == 400
    assert db_session.get(MergeSuggestion, sid).status == "open"


def test_merge_by_form_with_field_choice_then_undo(admin, db_session) -> None:
    sid, a, b = _suggestion(db_session)
    db_session.get(Person, b).title = "CTO"
    db_session.commit()
    response = admin.post(f"/merge/{sid}/merge", data={"field_title": "merged", "field_name": "kept"})
    assert response.status_code == 303
    db_session.expire_all()
    assert db_session.get(Person, a).title == "CTO"
    assert db_session.get(Person, b).merged_into_id == a
    record = db_session.scalars(select(MergeRecord)).one()
    assert record.user.email == "admin@example.com"
    assert f'action="/merge/history/{record.id}/undo"' in admin.get("/merge/history").get_data(as_text=True)
    assert admin.post(f"/merge/history/{record.id}/undo").status_code == 303
    db_session.expire_all()
    assert db_session.get(Person, a).title == "営業部長"
    assert db_session.get(Person, b).merged_into_id is None
    events = db_session.scalars(select(AuditEvent).where(AuditEvent.action.in_(("merge", "unmerge")))).all()
    assert [(e.action, e.user.email) for e in events] == [
        ("merge", "admin@example.com"),
        ("unmerge", "admin@example.com"),
    ]


def test_not_the_same_person_is_remembered(admin, db_session) -> None:
    sid, a, b = _suggestion(db_session)
    assert admin.post(f"/merge/{sid}/reject").status_code == 303
    assert db_session.scalars(select(NotSamePerson)).one().person_a_id == a
    assert merging.open_suggestion(db_session, (a, b), 0.99, ["again"]) is None
    assert merging.open_suggestions() == []
    assert "suggestion-" not in admin.get("/merge/").get_data(as_text=True)


def test_bulk_accept_merges_the_checked_pairs(admin, db_session) -> None:
    first, a, b = _suggestion(db_session)
    second, c, d = _suggestion(db_session)
    assert admin.post("/merge/bulk", data={"ids": [str(first), str(second)]}).status_code == 303
    db_session.expire_all()
    assert db_session.get(Person, b).merged_into_id == a
    assert db_session.get(Person, d).merged_into_id == c
    assert merging.open_suggestions() == []
    assert len(db_session.scalars(select(MergeRecord).where(MergeRecord.automatic.is_(True))).all()) == 2
