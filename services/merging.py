"""Merge suggestions, merges and their undo.

Views and commands call one function each: :func:`suggestion_page`, :func:`merge_contacts`,
:func:`reject_suggestion`, :func:`bulk_accept`, :func:`unmerge`, :func:`merge_history`,
:func:`open_suggestions`. Matching itself lives in :mod:`services.matching`.

A merge keeps the older person (``kept``) and hides the other (``merged_into_id``): its
cards, notes, actions, sources, career steps and the emails, phones and URLs the kept person
lacks move over; nothing is deleted. A :class:`~models.MergeRecord` keeps a snapshot of both
people and the ids of everything moved, so :func:`unmerge` puts back exactly what the merge
moved, and leaves what was written on the merged person since (a later note) where it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import inspect, or_, select, update
from sqlalchemy.orm import Session, selectinload

from extensions import db
from models import (
    AuditEvent,
    Card,
    CareerStep,
    Company,
    Interaction,
    MergeRecord,
    MergeSuggestion,
    NextAction,
    NotSamePerson,
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    User,
    utcnow,
)
from services.matching import person_record, rank_people

T = TypeVar("T")

Side = Literal["kept", "merged"]

#: Fields chosen one by one on the merge page, each with the person columns it sets.
MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "name_key"),
    "name_reading": ("name_reading", "reading_key"),
    "name_latin": ("name_latin",),
    "company": ("company_id",),
    "title": ("title",),
    "department": ("department",),
    "address": ("postal_code", "address", "prefecture"),
    "country": ("country",),
    "owner": ("owner_id",),
}

#: Rows that hang off a person and move with a merge: (name in MergeRecord.moved, model).
_OWNED_ROWS: tuple[tuple[str, Any], ...] = (
    ("cards", Card),
    ("interactions", Interaction),
    ("actions", NextAction),
    ("sources", PersonSource),
    ("career", CareerStep),
    ("emails", PersonEmail),
    ("phones", PersonPhone),
    ("urls", PersonUrl),
)


class MergeError(ValueError):
    """A merge or an undo that cannot be done; the message says why."""


class SuggestionNotFound(LookupError):
    """No open suggestion with this id."""


# --- snapshots -----------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _columns(obj: Any) -> dict[str, Any]:
    return {attr.key: _jsonable(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def serialize_person(session: Session, person: Person) -> dict[str, Any]:
    """Everything about a person: every column, child row, tag, card, note and action.

    The snapshot a merge stores, and what a test compares before a merge and after its undo.
    """
    pid = person.id

    def ids(model: Any) -> list[int]:
        return list(session.scalars(select(model.id).where(model.person_id == pid).order_by(model.id)))

    def rows(model: Any) -> list[dict[str, Any]]:
        found = session.scalars(select(model).where(model.person_id == pid).order_by(model.id))
        return [_columns(r) for r in found]

    return {
        "person": _columns(person),
        "emails": rows(PersonEmail),
        "phones": rows(PersonPhone),
        "urls": rows(PersonUrl),
        "sources": rows(PersonSource),
        "career": rows(CareerStep),
        "tags": sorted(t.id for t in person.tags),
        "cards": ids(Card),
        "interactions": ids(Interaction),
        "actions": ids(NextAction),
    }


# --- suggestions ---------------------------------------------------------------------------


def _pair(a: int, b: int) -> tuple[int, int]:
    if a == b:
        raise MergeError("a person cannot be merged with itself")
    return (a, b) if a < b else (b, a)


def known_different(session: Session, a: int, b: int) -> bool:
    """True when an admin said these two are not the same person."""
    x, y = _pair(a, b)
    return (
        session.scalar(
            select(NotSamePerson.id).where(NotSamePerson.person_a_id == x, NotSamePerson.person_b_id == y)
        )
        is not None
    )


def open_suggestion(
    session: Session, contact_ids: Sequence[int], score: float, reasons: Sequence[str]
) -> MergeSuggestion | None:
    """Open a suggestion for two stored people (not committed; the caller commits).

    Nothing is opened for a pair known to be two people, a pair with an open suggestion
    (its score is raised if this one is higher), or a person already merged away.

    Args:
        session: the caller's session.
        contact_ids: the two person ids, in any order.
        score: the matcher's score in [0, 1].
        reasons: the matcher's reasons, strongest first.

    Returns:
        The open suggestion, or None when none should be open.
    """
    a, b = _pair(int(contact_ids[0]), int(contact_ids[1]))
    if known_different(session, a, b):
        return None
    live = session.scalars(select(Person.id).where(Person.id.in_((a, b)), Person.merged_into_id.is_(None)))
    if len(set(live)) != 2:
        return None
    existing = session.scalars(
        select(MergeSuggestion).where(
            MergeSuggestion.person_a_id == a,
            MergeSuggestion.person_b_id == b,
            MergeSuggestion.status == "open",
        )
    ).first()
    if existing is not None:
        if score > existing.score:
            existing.score = float(score)
            existing.reasons = list(reasons)
        return existing
    suggestion = MergeSuggestion(person_a_id=a, person_b_id=b, score=float(score), reasons=list(reasons))
    session.add(suggestion)
    return suggestion


def open_suggestion_for_new(
    session: Session, other_id: int, new_person: Person, score: float, reasons: list[str]
) -> MergeSuggestion:
    """Open a suggestion between a stored person and one being inserted (no id yet).

    Called during a flush (:func:`services.matching._open_pending`): the new person's id
    will be the larger one, so it is ``person_b``.
    """
    suggestion = MergeSuggestion(
        person_a_id=other_id, person_b=new_person, score=float(score), reasons=reasons
    )
    session.add(suggestion)
    return suggestion


def suggest_duplicates(session: Session, person: Person) -> list[MergeSuggestion]:
    """Match a stored person against everyone else and open suggestions (not committed).

    Used to re-check a contact (after an edit, or from the admin page); pairs an admin
    called two people are skipped.
    """
    opened: list[MergeSuggestion] = []
    for other, candidate in rank_people(session, person_record(person)):
        if candidate.match.decision == "new" or other.id == person.id:
            continue
        suggestion = open_suggestion(
            session, (person.id, other.id), candidate.match.score, candidate.match.reasons
        )
        if suggestion is not None:
            opened.append(suggestion)
    return opened


def _open_query() -> Any:
    return select(MergeSuggestion).where(MergeSuggestion.status == "open")


def open_suggestions() -> list[dict[str, Any]]:
    """Every open suggestion as ``{"id", "contact_ids", "score", "reasons"}``, best first (CONTRACT §2)."""
    found = db.session.scalars(_open_query().order_by(MergeSuggestion.score.desc(), MergeSuggestion.id))
    return [
        {
            "id": s.id,
            "contact_ids": s.contact_ids,
            "score": round(s.score, 4),
            "reasons": list(s.reasons or []),
        }
        for s in found
    ]


@dataclass(frozen=True)
class FieldRow:
    """One field of a suggestion's side-by-side view."""

    field: str
    left: str
    right: str

    @property
    def differs(self) -> bool:
        return self.left != self.right


def _display(person: Person, field: str) -> str:
    if field == "company":
        return person.company.name if person.company is not None else ""
    if field == "address":
        return " ".join(filter(None, [person.postal_code, person.address]))
    if field == "owner":
        return person.owner.label if person.owner is not None else ""
    return str(getattr(person, field) or "")


def field_rows(left: Person, right: Person) -> list[FieldRow]:
    """The mergeable fields of two people side by side (what differs is highlighted)."""
    return [FieldRow(f, _display(left, f), _display(right, f)) for f in MERGE_FIELDS]


@dataclass(frozen=True)
class SuggestionView:
    """A suggestion with both people and their fields side by side."""

    suggestion: MergeSuggestion
    left: Person
    right: Person
    rows: tuple[FieldRow, ...]

    @property
    def emails(self) -> tuple[list[str], list[str]]:
        return [e.email for e in self.left.emails], [e.email for e in self.right.emails]

    @property
    def phones(self) -> tuple[list[str], list[str]]:
        return [p.e164 for p in self.left.phones], [p.e164 for p in self.right.phones]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list (the admin queue, the merge history)."""

    items: tuple[T, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _view(s: MergeSuggestion) -> SuggestionView:
    return SuggestionView(s, s.person_a, s.person_b, tuple(field_rows(s.person_a, s.person_b)))


def suggestion_page(page: int = 1, per_page: int = 20) -> Page[SuggestionView]:
    """Open suggestions, best score first, with both people loaded."""
    from sqlalchemy import func

    session = db.session
    page = max(1, page)
    total = int(session.scalar(select(func.count()).select_from(_open_query().subquery())) or 0)
    people_opts = (
        selectinload(Person.company),
        selectinload(Person.emails),
        selectinload(Person.phones),
        selectinload(Person.owner),
    )
    found = session.scalars(
        _open_query()
        .options(
            *(selectinload(MergeSuggestion.person_a).options(o) for o in people_opts),
            *(selectinload(MergeSuggestion.person_b).options(o) for o in people_opts),
        )
        .order_by(MergeSuggestion.score.desc(), MergeSuggestion.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(tuple(_view(s) for s in found), total, page, per_page)


def get_suggestion(suggestion_id: int) -> SuggestionView:
    """An open suggestion with both people.

    Raises:
        SuggestionNotFound: no open suggestion with this id.
    """
    s = db.session.get(MergeSuggestion, suggestion_id)
    if s is None or s.status != "open":
        raise SuggestionNotFound(suggestion_id)
    return _view(s)


def reject_suggestion(suggestion_id: int, user: User | None) -> MergeSuggestion:
    """Say "not the same person": close the suggestion, remember the pair forever, and commit.

    Raises:
        SuggestionNotFound: no open suggestion with this id.
    """
    session = db.session
    s = session.get(MergeSuggestion, suggestion_id)
    if s is None or s.status != "open":
        raise SuggestionNotFound(suggestion_id)
    s.status = "rejected"
    s.decided_by_id = user.id if user is not None else None
    s.decided_at = utcnow()
    if not known_different(session, s.person_a_id, s.person_b_id):
        session.add(
            NotSamePerson(person_a_id=s.person_a_id, person_b_id=s.person_b_id, decided_by_id=s.decided_by_id)
        )
    session.add(
        AuditEvent(
            user_id=s.decided_by_id,
            action="merge_rejected",
            detail={"suggestion": s.id, "contact_ids": s.contact_ids, "score": s.score},
        )
    )
    session.commit()
    return s


# --- merging -------------------------------------------------------------------------------


def default_choices(kept: Person, merged: Person) -> dict[str, Side]:
    """Keep the kept person's value unless it is empty."""
    return {f: ("kept" if _display(kept, f) or not _display(merged, f) else "merged") for f in MERGE_FIELDS}


def _moved_ids(session: Session, model: Any, merged: Person, kept: Person) -> list[int]:
    """Ids of ``model`` rows of ``merged`` to move to ``kept`` (duplicates of kept's stay)."""
    query = select(model).where(model.person_id == merged.id).order_by(model.id)
    rows = list(session.scalars(query))
    if model is PersonEmail:
        have = {e.email for e in kept.emails}
        return [r.id for r in rows if r.email not in have]
    if model is PersonPhone:
        have_phones = {(p.type, p.e164) for p in kept.phones}
        return [r.id for r in rows if (r.type, r.e164) not in have_phones]
    if model is PersonUrl:
        have_urls = {u.url for u in kept.urls}
        return [r.id for r in rows if r.url not in have_urls]
    return [r.id for r in rows]


def merge_contacts(
    a_id: int,
    b_id: int,
    field_choices: Mapping[str, str] | None = None,
    user: User | None = None,
    *,
    suggestion_id: int | None = None,
    automatic: bool = False,
    reasons: Sequence[str] = (),
) -> MergeRecord:
    """Merge two people into the older one, keep everything of both, record it, and commit.

    Args:
        a_id: one person.
        b_id: the other; the one with the larger id is merged into the smaller.
        field_choices: for each field of :data:`MERGE_FIELDS`, whose value to keep,
            ``"kept"``/``"merged"`` or the person id; missing fields keep the older person's
            value unless it is empty.
        user: who merges (audit); None for the system.
        suggestion_id: the suggestion this merge accepts (marked merged).
        automatic: a merge nobody chose field by field (bulk accept, a linking card).
        reasons: why, for a merge that accepts no suggestion (the suggestion's otherwise).

    Returns:
        The merge record (its id undoes the merge).

    Raises:
        MergeError: the same person twice, a missing or already merged-away person, or a
            pair an admin called two people.
    """
    session = db.session
    kept_id, merged_id = _pair(a_id, b_id)
    kept = session.get(Person, kept_id)
    merged = session.get(Person, merged_id)
    if kept is None or merged is None:
        raise MergeError("no such person")
    if kept.merged_into_id is not None or merged.merged_into_id is not None:
        raise MergeError("one of these people is already merged into another")
    if known_different(session, kept_id, merged_id):
        raise MergeError("an administrator said these are two people")
    session.flush()
    snapshot = {"kept": serialize_person(session, kept), "merged": serialize_person(session, merged)}

    choices: dict[str, Side] = default_choices(kept, merged)
    for f, side in (field_choices or {}).items():
        if f not in MERGE_FIELDS:
            raise MergeError(f"unknown field {f!r}")
        if side in ("kept", str(kept_id)):
            choices[f] = "kept"
        elif side in ("merged", str(merged_id)):
            choices[f] = "merged"
        else:
            raise MergeError(f"choose {kept_id} or {merged_id} for {f}")
    set_fields: dict[str, Any] = {}
    old_company = kept.company_id
    for f, side in choices.items():
        if side != "merged":
            continue
        for column in MERGE_FIELDS[f]:
            value = getattr(merged, column)
            if getattr(kept, column) != value:
                setattr(kept, column, value)
                set_fields[column] = _jsonable(value)
    notes_before = kept.notes or ""
    if merged.notes and merged.notes.strip() not in notes_before:
        kept.notes = (notes_before + "\n" + merged.notes.strip()).strip()
    moved: dict[str, Any] = {
        "fields": set_fields,
        "notes": kept.notes if kept.notes != notes_before else None,
    }

    session.flush()
    for name, model in _OWNED_ROWS:
        ids = _moved_ids(session, model, merged, kept)
        moved[name] = ids
        if ids:
            session.execute(
                update(model).where(model.id.in_(ids)).values(person_id=kept.id),
                execution_options={"synchronize_session": False},
            )
    kept_tags = {t.id for t in kept.tags}
    new_tags = [t for t in merged.tags if t.id not in kept_tags]
    moved["tags"] = [t.id for t in new_tags]
    kept.tags.extend(new_tags)

    merged.merged_into_id = kept.id
    others = session.scalars(
        _open_query().where(
            or_(MergeSuggestion.person_a_id == merged.id, MergeSuggestion.person_b_id == merged.id),
            MergeSuggestion.id != (suggestion_id or 0),
        )
    ).all()
    for other in others:
        other.status = "expired"
    moved["expired_suggestions"] = [o.id for o in others]
    session.flush()
    for obj in (kept, merged):
        session.expire(obj, ["emails", "phones", "urls", "sources", "career"])

    created_career: list[int] = []
    if kept.company_id != old_company:
        # The chosen company is where the person works now: a step in the career history.
        company = session.get(Company, kept.company_id) if kept.company_id is not None else None
        step = CareerStep(
            person_id=kept.id,
            company_id=kept.company_id,
            company_name=company.name if company is not None else None,
            title=kept.title,
            department=kept.department,
            source="edit",
        )
        session.add(step)
        session.flush()
        created_career.append(step.id)
    moved["created_career"] = created_career

    score: float | None = None
    reasons = list(reasons)
    if suggestion_id is not None:
        s = session.get(MergeSuggestion, suggestion_id)
        if s is None or {s.person_a_id, s.person_b_id} != {kept_id, merged_id}:
            raise MergeError("the suggestion is not about these two people")
        s.status = "merged"
        s.decided_by_id = user.id if user is not None else None
        s.decided_at = utcnow()
        score, reasons = s.score, list(s.reasons or [])
    record = MergeRecord(
        kept_id=kept.id,
        merged_id=merged.id,
        suggestion_id=suggestion_id,
        user_id=user.id if user is not None else None,
        automatic=automatic,
        score=score,
        reasons=reasons,
        field_choices=dict(choices),
        snapshot=snapshot,
        moved=moved,
    )
    session.add(record)
    session.flush()
    session.add(
        AuditEvent(
            user_id=record.user_id,
            action="merge",
            detail={
                "merge_record": record.id,
                "kept": kept.id,
                "merged": merged.id,
                "suggestion": suggestion_id,
                "fields": {f: s for f, s in choices.items() if s == "merged"},
                "automatic": automatic,
            },
        )
    )
    session.commit()
    return record


def live_person_id(session: Session, person_id: int) -> int | None:
    """The person ``person_id`` is now: itself, or whom it was merged into (None if gone)."""
    seen: set[int] = set()
    current: int | None = person_id
    while current is not None and current not in seen:
        seen.add(current)
        person = session.get(Person, current)
        if person is None:
            return None
        if person.merged_into_id is None:
            return current
        current = person.merged_into_id
    return None


def merge_linked(pairs: Sequence[tuple[int, int, Sequence[str]]]) -> list[MergeRecord]:
    """Merge people a new card or row showed to be one, as the system (audited, reversible).

    A card with a person's old mobile and new mailbox matches both of their records for
    certain (:func:`cardscan.match.also_certain`); once it is saved, they become one. A pair
    an administrator called two people, or one merged away meanwhile, is left as it is.

    Args:
        pairs: ``(person the card went to, other person, reasons)``; each merge commits.

    Returns:
        The merges done.
    """
    session = db.session
    done: list[MergeRecord] = []
    for target, other, reasons in pairs:
        a, b = live_person_id(session, target), live_person_id(session, other)
        if a is None or b is None or a == b:
            continue
        try:
            done.append(merge_contacts(a, b, automatic=True, reasons=reasons))
        except MergeError:
            session.rollback()
    return done


def bulk_accept(suggestion_ids: Sequence[int], user: User | None) -> list[MergeRecord]:
    """Merge every listed open suggestion with the default field choices (one commit each).

    Suggestions no longer open, or whose people were merged meanwhile, are skipped.
    """
    records: list[MergeRecord] = []
    for sid in dict.fromkeys(int(i) for i in suggestion_ids):
        s = db.session.get(MergeSuggestion, sid)
        if s is None or s.status != "open":
            continue
        try:
            records.append(
                merge_contacts(s.person_a_id, s.person_b_id, None, user, suggestion_id=s.id, automatic=True)
            )
        except MergeError:
            db.session.rollback()
    return records


def unmerge(record_id: int, user: User | None) -> MergeRecord:
    """Undo a merge: both people come back as they were, and commit.

    Rows the merge moved go back; fields it set are restored unless edited since; notes,
    actions and cards added to the kept person after the merge stay with it.

    Raises:
        MergeError: no such merge, already undone, or the kept person was merged again
            later (undo that merge first).
    """
    session = db.session
    record = session.get(MergeRecord, record_id)
    if record is None:
        raise MergeError("no such merge")
    if record.undone_at is not None:
        raise MergeError("this merge is already undone")
    kept = session.get(Person, record.kept_id)
    merged = session.get(Person, record.merged_id)
    assert kept is not None and merged is not None
    if kept.merged_into_id is not None:
        raise MergeError("the kept person was merged into another since: undo that merge first")
    if merged.merged_into_id != kept.id:
        raise MergeError("the merged person is no longer part of the kept one")
    moved = record.moved
    before = record.snapshot["kept"]["person"]
    session.flush()
    for name, model in _OWNED_ROWS:
        ids = moved.get(name) or []
        if ids:
            session.execute(
                update(model)
                .where(model.id.in_(ids), model.person_id == kept.id)
                .values(person_id=merged.id),
                execution_options={"synchronize_session": False},
            )
    created = moved.get("created_career") or []
    if created:
        for step in session.scalars(select(CareerStep).where(CareerStep.id.in_(created))):
            session.delete(step)
    for column, value in (moved.get("fields") or {}).items():
        if _jsonable(getattr(kept, column)) == value:
            setattr(kept, column, before[column])
    if moved.get("notes") is not None and kept.notes == moved["notes"]:
        kept.notes = before["notes"]
    tag_ids = set(moved.get("tags") or [])
    if tag_ids:
        kept.tags[:] = [t for t in kept.tags if t.id not in tag_ids]
    merged.merged_into_id = None
    for sid in [record.suggestion_id, *(moved.get("expired_suggestions") or [])]:
        s = session.get(MergeSuggestion, sid) if sid is not None else None
        if s is not None and s.status in ("merged", "expired"):
            s.status, s.decided_at, s.decided_by_id = "open", None, None
    record.undone_at = utcnow()
    record.undone_by_id = user.id if user is not None else None
    session.add(
        AuditEvent(
            user_id=record.undone_by_id,
            action="unmerge",
            detail={"merge_record": record.id, "kept": kept.id, "merged": merged.id},
        )
    )
    session.flush()
    for obj in (kept, merged):
        session.expire(obj)
    session.commit()
    return record


def merge_history(page: int = 1, per_page: int = 50) -> Page[MergeRecord]:
    """Merges (done and undone), newest first, with both people and who did it."""
    from sqlalchemy import func

    session = db.session
    page = max(1, page)
    total = int(session.scalar(select(func.count()).select_from(MergeRecord)) or 0)
    found = session.scalars(
        select(MergeRecord)
        .options(
            selectinload(MergeRecord.kept),
            selectinload(MergeRecord.merged),
            selectinload(MergeRecord.user),
            selectinload(MergeRecord.undone_by),
        )
        .order_by(MergeRecord.created_at.desc(), MergeRecord.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(tuple(found), total, page, per_page)
