"""Contacts in and out of the database: export, import preview and import.

Views, the command line and the API call one function each: :func:`export_contacts`,
:func:`preview_import`, :func:`import_file`. The file formats themselves live in the pure
``exchange`` package; this module maps people to and from its :class:`ContactRow` and owns
the session and the commits.

Who may export what (enforced here, not in the views):

- the command line and administrators export every contact;
- members export only the contacts they own, unless ``CARDSCAN_MEMBERS_EXPORT_ALL`` is on.

Every export writes an ``AuditEvent`` (action ``export``) naming who, how, which filter,
which format and how many rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing as mp
import secrets
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

import exchange
from cardscan.match import MatchIndex, PersonRecord, also_certain, merge_records, name_similarity
from cardscan.types import Phone
from exchange import ContactRow, Detected, ImportedRow, RowError
from extensions import db
from models import AuditEvent, Card, Person, PersonSource, User
from services import merging
from services.cards import CheckedContact, ReviewedCard, ReviewedPhone, check_contact, contact_record
from services.import_writer import ImportWriter
from services.matching import match_settings, person_record
from services.search import SearchCriteria, build_query

log = logging.getLogger(__name__)

Channel = Literal["cli", "web", "api"]

#: Rows written per batch of statements and commit during an import: large enough that the
#: multi-row INSERTs pay off, small enough that a crash loses little.
IMPORT_BATCH = 1000
#: People loaded per query during an export.
EXPORT_CHUNK = 1000
#: PersonSource.source of rows that came from an import file.
IMPORT_SOURCE = "import"


class ExportForbidden(PermissionError):
    """The user may not export (inactive account)."""


# --- export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportOutcome:
    """An export file ready to send or write, and what it contained."""

    data: bytes
    media_type: str
    filename: str
    rows: int
    scope: Literal["all", "own"]
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.rows < 0:
            raise ValueError("rows cannot be negative")


def export_scope(user: User | None) -> Literal["all", "own"]:
    """What ``user`` may export: ``all`` contacts or only their ``own``.

    ``None`` is the command line (the operator of the server), which may export everything.
    """
    if user is None or user.is_admin or current_app.config.get("MEMBERS_EXPORT_ALL", False):
        return "all"
    return "own"


def _merged_children(session: Session) -> dict[int, list[int]]:
    """For each live person, the merged-away people that now belong to it (any depth)."""
    parents: dict[int, int] = {
        child: parent
        for child, parent in session.execute(
            select(Person.id, Person.merged_into_id).where(Person.merged_into_id.is_not(None))
        )
        if parent is not None
    }
    children: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        root, seen = parent, {child}
        while root in parents and root not in seen:  # a chain left by merging merged contacts
            seen.add(root)
            root = parents[root]
        children[root].append(child)
    return children


def _phone(kind: str, e164: str, extension: str | None) -> Phone | None:
    try:
        return Phone(type=kind, e164=e164, extension=extension)  # type: ignore[arg-type]
    except ValueError:
        # A number typed by hand that is not E.164 is still exported, via the notes.
        return None


def _contact_row(person: Person, source_ids: Sequence[str], card_count: int) -> ContactRow:
    phones: list[Phone] = []
    odd_phones: list[str] = []
    for p in person.phones:
        phone = _phone(p.type, p.e164, p.extension)
        if phone is None:
            odd_phones.append(f"{p.type}: {p.e164}")
        else:
            phones.append(phone)
    country = (person.country or "").upper()
    notes = "\n".join(filter(None, [person.notes or "", *odd_phones])) or None
    clean_ids = tuple(dict.fromkeys(s.replace(";", ",") for s in source_ids if s))
    return ContactRow(
        name=person.name or None,
        name_latin=person.name_latin,
        name_reading=person.name_reading,
        company=person.company.name if person.company is not None else None,
        department=person.department,
        title=person.title,
        emails=tuple(e.email for e in person.emails if "@" in e.email),
        phones=tuple(phones),
        urls=tuple(u.url for u in person.urls),
        postal_code=person.postal_code,
        address=person.address,
        country=country if len(country) == 2 and country.isalpha() and country.isascii() else None,
        notes=notes,
        source_id=clean_ids[0] if clean_ids else None,
        contact_id=person.id,
        source_ids=clean_ids,
        card_count=card_count,
    )


def _export_rows(session: Session, ids: Sequence[int]) -> Iterator[ContactRow]:
    children = _merged_children(session)
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = list(ids[start : start + EXPORT_CHUNK])
        family = {pid: [pid, *children.get(pid, ())] for pid in chunk}
        owner_of = {member: pid for pid, members in family.items() for member in members}
        sources: dict[int, list[str]] = defaultdict(list)
        for person_id, source_id in session.execute(
            select(PersonSource.person_id, PersonSource.source_id)
            .where(PersonSource.person_id.in_(list(owner_of)), PersonSource.source == IMPORT_SOURCE)
            .order_by(PersonSource.id)
        ):
            sources[owner_of[person_id]].append(source_id)
        cards: dict[int, int] = defaultdict(int)
        for card_person, count in session.execute(
            select(Card.person_id, func.count())
            .where(Card.person_id.in_(list(owner_of)))
            .group_by(Card.person_id)
        ):
            if card_person is not None:
                cards[owner_of[card_person]] += count
        people = session.scalars(
            select(Person)
            .where(Person.id.in_(chunk))
            .options(
                selectinload(Person.company),
                selectinload(Person.emails),
                selectinload(Person.phones),
                selectinload(Person.urls),
            )
            .order_by(Person.id)
        ).all()
        for person in people:
            yield _contact_row(person, sources.get(person.id, ()), cards.get(person.id, 0))
            # Keeps memory flat on big exports; the caller's own objects (the user) stay.
            session.expunge(person)


def export_contacts(
    fmt: str,
    *,
    criteria: SearchCriteria | None = None,
    encoding: str = "utf-8-sig",
    user: User | None = None,
    channel: Channel = "web",
    actor: str | None = None,
) -> ExportOutcome:
    """Export the contacts matching ``criteria`` that ``user`` may see, audited, and commit.

    Args:
        fmt: ``generic``, ``google``, ``outlook``, ``hubspot``, ``salesforce`` or ``vcard``.
        criteria: the same filters as the search page (paging ignored); everything when None.
        encoding: ``utf-8-sig`` (UTF-8 with BOM, default), ``utf-8`` or ``cp932``.
        user: who exports; None for the command line without ``--user``.
        channel: ``cli``, ``web`` or ``api`` (recorded in the audit event).
        actor: name recorded when there is no user (``cli``).

    Returns:
        The file with its media type, a file name, the row count and encoding warnings.

    Raises:
        ValueError: unknown format or encoding.
        ExportForbidden: the user is deactivated.
    """
    if user is not None and not user.is_active:
        raise ExportForbidden("this account is deactivated")
    if fmt not in exchange.EXPORT_FORMATS and fmt != "vcard":
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(exchange.EXPORT_FORMATS)}")
    if encoding.lower() not in exchange.ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}; known: {', '.join(exchange.ENCODINGS)}")
    session = db.session
    criteria = criteria or SearchCriteria(region=current_app.config["DEFAULT_REGION"])
    scope = export_scope(user)
    stmt = build_query(criteria)
    if scope == "own":
        assert user is not None
        stmt = stmt.where(Person.owner_id == user.id)
    ids = list(session.scalars(stmt.with_only_columns(Person.id).order_by(Person.id)))
    rows = list(_export_rows(session, ids))
    result = exchange.export(rows, fmt, encoding)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    filename = f"cardscan-{fmt}-{stamp}.{result.extension}"
    session.add(
        AuditEvent(
            user_id=user.id if user is not None else None,
            action="export",
            detail={
                "channel": channel,
                "actor": user.email if user is not None else (actor or "cli"),
                "format": fmt,
                "encoding": encoding,
                "rows": len(rows),
                "scope": scope,
                "filter": criteria.to_args(page=1),
                "warnings": len(result.warnings),
            },
        )
    )
    session.commit()
    return ExportOutcome(
        data=result.data,
        media_type=result.media_type,
        filename=filename,
        rows=len(rows),
        scope=scope,
        warnings=tuple(result.warnings),
    )


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejected:
    """A row that was not imported, with its 1-based line number and why."""

    line: int
    reason: str

    def __post_init__(self) -> None:
        if self.line < 1 or not self.reason:
            raise ValueError("a rejected row needs a line number and a reason")


@dataclass(frozen=True)
class Suggestion:
    """An uncertain duplicate found during an import: a new contact that may be another."""

    line: int
    contact_ids: tuple[int, int]
    score: float
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be within 0..1: {self.score}")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did. Every row read is counted in exactly one of created/merged/rejected."""

    format: str
    encoding: str
    rows_read: int
    created: int
    merged: int
    rejected: tuple[Rejected, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    warnings: tuple[tuple[int, str], ...] = ()
    seconds: float = 0.0
    suggestions_stored: bool = False
    #: Pairs of existing contacts merged because a row was certainly both (a job change).
    joined: int = 0

    def __post_init__(self) -> None:
        if self.created + self.merged + len(self.rejected) != self.rows_read:
            raise ValueError("every row must be created, merged or rejected")

    def lines(self) -> list[str]:
        """The summary as printed by ``flask --app app import-csv``."""
        out = [
            f"format: {self.format} ({self.encoding})",
            f"rows read: {self.rows_read}",
            f"contacts created: {self.created}",
            f"merged automatically: {self.merged}",
            f"suggestions opened: {len(self.suggestions)}",
            f"rows rejected: {len(self.rejected)}",
        ]
        if self.joined:
            out.insert(4, f"contacts joined (a row was two records of one person): {self.joined}")
        out += [f"  line {r.line}: {r.reason}" for r in self.rejected]
        if self.suggestions and not self.suggestions_stored:
            out.append("possible duplicates (not stored: no merge-suggestion store in this build):")
            out += [
                f"  line {s.line}: contacts {s.contact_ids[0]} and {s.contact_ids[1]}, score {s.score:.2f}"
                f" ({', '.join(s.reasons)})"
                for s in self.suggestions
            ]
        if self.warnings:
            out.append(f"values kept in notes: {len(self.warnings)}")
            out += [f"  line {line}: {text}" for line, text in self.warnings[:50]]
            if len(self.warnings) > 50:
                out.append(f"  ... and {len(self.warnings) - 50} more")
        out.append(f"time: {self.seconds:.1f} s")
        return out


@dataclass(frozen=True)
class ImportPreview:
    """What an import would read, before anything is written."""

    detected: Detected
    rows: tuple[ImportedRow | RowError, ...]
    filename: str = ""


def preview_import(data: bytes, *, filename: str = "", limit: int = 20) -> ImportPreview:
    """Detect format, encoding and column mapping and read the first rows (nothing written).

    Raises:
        exchange.UnreadableFile: the file as a whole cannot be read.
    """
    detected, rows = exchange.preview(data, limit=limit)
    return ImportPreview(detected=detected, rows=tuple(rows), filename=filename)


def reviewed_from_row(contact: ContactRow) -> ReviewedCard:
    """An import row as the review screen would have saved it.

    A row with only a romanised name keeps it as the name.
    """
    return ReviewedCard(
        name=contact.name or contact.name_latin or "",
        name_reading=contact.name_reading or "",
        name_latin=(contact.name_latin or "") if contact.name else "",
        title=contact.title or "",
        department=contact.department or "",
        company=contact.company or "",
        emails=contact.emails,
        phones=tuple(ReviewedPhone.of(p.type, p.e164, p.extension) for p in contact.phones),
        urls=contact.urls,
        postal_code=contact.postal_code or "",
        address=contact.address or "",
        country=contact.country or "",
        notes=contact.notes or "",
    )


class _ImportIndex:
    """The matcher of one import: every live person plus the rows imported so far, in memory.

    Built once from the database, so matching a row costs no query; ids are person ids for
    stored people (loaded in ``people``) and ``"row:N"`` for people created by this import.
    """

    def __init__(self, session: Session) -> None:
        # The same thresholds and the same view of a stored person as the card save path.
        self.index = MatchIndex(match_settings())
        self.people: dict[int, Person] = {}
        stored = session.scalars(
            select(Person)
            .where(Person.merged_into_id.is_(None))
            .options(
                selectinload(Person.company),
                selectinload(Person.emails),
                selectinload(Person.phones),
                selectinload(Person.urls),
            )
        )
        for person in stored:
            self.index.add(person_record(person))
            self.people[person.id] = person
        self.known_ids = _known_ids(session, self.people)


#: Least similarity of two folded names for a row to go to the contact its id names.
SAME_ID_NAME_SIMILARITY = 0.8


def _known_ids(session: Session, live: Collection[int]) -> dict[str, set[int | str]]:
    """Every id a live contact is known by: ``source:X`` (its source ids) and ``contact:N``.

    Sources of contacts merged away count for the contact they went into.
    """
    rows = session.execute(select(Person.id, Person.merged_into_id))
    parents: dict[int, int | None] = {person_id: parent for person_id, parent in rows}

    def root(person_id: int) -> int:
        seen = {person_id}
        while (parent := parents.get(person_id)) is not None and parent not in seen:
            seen.add(parent)
            person_id = parent
        return person_id

    known: dict[str, set[int | str]] = defaultdict(set)
    for person_id in live:
        known[f"contact:{person_id}"].add(person_id)
    sources = select(PersonSource.person_id, PersonSource.source_id).where(PersonSource.source_id != "")
    for person_id, source_id in session.execute(sources):
        if (owner := root(person_id)) in live:
            known[f"source:{source_id}"].add(owner)
    return known


def _row_ids(row: _CheckedRow) -> list[str]:
    ids = [f"source:{s}" for s in row.source_ids]
    return ids + [f"contact:{row.contact_id}"] if row.contact_id is not None else ids


def _known_by_id(
    row: _CheckedRow, index: MatchIndex, known: Mapping[str, set[int | str]]
) -> PersonRecord | None:
    """The contact this row's own ids name (a file imported again, our own export read back).

    An id alone is not trusted: two systems may both number their contacts from 1. The
    contact must also carry the row's name, give or take a misread glyph.
    """
    if not row.record.name_key:
        return None
    for row_id in _row_ids(row):
        for record_id in sorted(known.get(row_id, ()), key=str):
            if record_id not in index:
                continue
            candidate = index.get(record_id)
            if name_similarity(candidate.name_key, row.record.name_key) >= SAME_ID_NAME_SIMILARITY:
                return candidate
    return None


def _store_suggestions(session: Session, suggestions: Sequence[Suggestion]) -> bool:
    """Open merge suggestions for the uncertain duplicates an import found (not committed).

    Goes through :func:`services.merging.open_suggestion`, so a pair an admin said are two
    people is not suggested again and a pair already open is not opened twice.
    """
    for s in suggestions:
        merging.open_suggestion(session, contact_ids=s.contact_ids, score=s.score, reasons=list(s.reasons))
    return bool(suggestions)


def open_merge_suggestions() -> list[dict[str, Any]]:
    """Open merge suggestions as ``{"id", "contact_ids", "score", "reasons"}`` (CONTRACT §2)."""
    return merging.open_suggestions()


@dataclass(frozen=True)
class _Decision:
    """What to do with one row, decided from the file and the match index alone (no database).

    ``target`` is the index id of the contact a certain duplicate goes to; ``suggest`` names
    the best uncertain candidate of a new contact; ``linked`` the other contacts (with the
    reasons) the row certainly is too, to be merged into ``target`` after the import.
    """

    line: int
    kind: Literal["rejected", "new", "merge"]
    reason: str = ""
    reviewed: ReviewedCard | None = None
    checked: CheckedContact | None = None
    record_id: str = ""
    target: int | str | None = None
    suggest: tuple[int | str, float, tuple[str, ...]] | None = None
    source_ids: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    linked: tuple[tuple[int | str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        if (self.kind == "merge") != (self.target is not None):
            raise ValueError("a merge, and only a merge, has a target")
        if self.kind == "rejected" and not self.reason:
            raise ValueError("a rejected row needs a reason")


@dataclass(frozen=True)
class _CheckedRow:
    """A row read and checked, not matched yet: what the reader hands to the matcher.

    ``record`` is the row as the matcher sees it, its blocking keys already computed (that
    work then happens in the reader's process). ``nameless`` rows were checked with a
    stand-in name; they are kept only on a certain match.
    """

    line: int
    reviewed: ReviewedCard
    checked: CheckedContact
    record: PersonRecord
    nameless: bool = False
    source_ids: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    contact_id: int | None = None


def _checked_rows(items: Iterable[ImportedRow | RowError], region: str) -> Iterator[_CheckedRow | _Decision]:
    """Check and normalise every row on its own (no index, no database); rejected rows are decided."""
    for item in items:
        if isinstance(item, RowError):
            yield _Decision(item.line, "rejected", reason=item.reason)
            continue
        reviewed = reviewed_from_row(item.contact)
        nameless = not reviewed.name.strip()
        # A row without a name can still add a card's details to someone we know: check the
        # rest with a stand-in name and keep it only on a certain match.
        checked, errors = check_contact(replace(reviewed, name="?") if nameless else reviewed, region)
        if checked is None:
            yield _Decision(item.line, "rejected", reason="; ".join(f"{k}: {v}" for k, v in errors.items()))
            continue
        source_ids = tuple(dict.fromkeys(s for s in (item.contact.source_id, *item.contact.source_ids) if s))
        record = contact_record(f"row:{item.line}", reviewed, checked)
        _ = record.keys  # cached on the record, and sent with it
        yield _CheckedRow(
            item.line, reviewed, checked, record, nameless, source_ids, item.warnings, item.contact.contact_id
        )


def _decisions(
    rows: Iterable[_CheckedRow | _Decision], index: MatchIndex, known: dict[str, set[int | str]]
) -> Iterator[_Decision]:
    """Match every checked row, keeping ``index`` and ``known`` (ids to contacts) up to date.

    A row whose own id (``source_id``, our export's ``contact_id``) names a contact with its
    name goes to that contact, so a file imported twice creates no one twice.
    """
    for row in rows:
        if isinstance(row, _Decision):
            yield row
            continue
        reviewed, checked, record = row.reviewed, row.checked, row.record
        record_id = str(record.id)
        same_id = _known_by_id(row, index, known)
        ranked = [] if same_id is not None else index.match(record)
        best = ranked[0] if ranked else None
        certain = same_id or (best.record if best is not None and best.match.decision == "merge" else None)
        for source_id in row.source_ids:
            known[f"source:{source_id}"].add(certain.id if certain is not None else record.id)
        if row.nameless:
            if certain is None:
                reason = "no name, and no known contact with its e-mail or mobile"
                yield _Decision(row.line, "rejected", reason=reason)
                continue
            name = certain.name or certain.name_latin or "?"
            reviewed = replace(reviewed, name=name)
            checked = replace(checked, name=name)
        common = {
            "reviewed": reviewed,
            "checked": checked,
            "source_ids": row.source_ids,
            "warnings": row.warnings,
        }
        if certain is not None:
            # A row with one record's mobile and another's mailbox joins them (one person).
            also = also_certain(record, ranked) if same_id is None else []
            joined = certain
            for other in also:
                joined = merge_records(joined, index.remove(other.record.id))
            index.add(merge_records(joined, record))
            linked = tuple((o.record.id, o.match.reasons) for o in also)
            target = certain.id
            yield _Decision(row.line, "merge", record_id=record_id, target=target, linked=linked, **common)
            continue
        index.add(record)
        suggest = None
        if best is not None and best.match.decision == "suggest":
            suggest = (best.record.id, best.match.score, tuple(best.match.reasons))
        yield _Decision(row.line, "new", record_id=record_id, suggest=suggest, **common)


#: After an import that created at least this many people, PostgreSQL statistics are refreshed.
ANALYZE_AFTER_ROWS = 1000

#: Below this many bytes an import is read in-process (a second process costs more);
#: the app setting IMPORT_PARALLEL_MIN_BYTES overrides it.
PARALLEL_MIN_BYTES = 256 * 1024
_ROW_BATCH = 256


def _produce(conn: Any, items: Iterable[ImportedRow | RowError], region: str) -> None:
    """Child process: read and check rows and send them in batches; errors are sent, not raised."""
    try:
        batch: list[_CheckedRow | _Decision] = []
        for row in _checked_rows(items, region):
            batch.append(row)
            if len(batch) >= _ROW_BATCH:
                conn.send(("rows", batch))
                batch = []
        conn.send(("rows", batch))
        conn.send(("end", None))
    except exchange.UnreadableFile as e:
        conn.send(("unreadable", e.message))
    except Exception as e:  # the parent re-raises it with the child's message
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def _checked_rows_in_parallel(
    items: Iterable[ImportedRow | RowError], region: str, *, size: int = 0
) -> Iterator[_CheckedRow | _Decision]:
    """The rows of :func:`_checked_rows`, read and checked in a forked child.

    Reading, normalising and checking rows and computing their blocking keys (about half
    of an import's work) then run on the second core while this process matches and
    writes them (the other half). Only when it is safe to fork: a single-threaded process
    (the command line) on a platform with fork; a web worker with threads reads in-process.
    """
    min_bytes = current_app.config.get("IMPORT_PARALLEL_MIN_BYTES", PARALLEL_MIN_BYTES)
    if size < min_bytes or threading.active_count() > 1 or "fork" not in mp.get_all_start_methods():
        yield from _checked_rows(items, region)
        return
    ctx = mp.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_produce, args=(child_end, items, region), daemon=True)
    child.start()
    child_end.close()
    try:
        while True:
            try:
                kind, payload = parent_end.recv()
            except EOFError:
                raise RuntimeError("the import reader process stopped unexpectedly") from None
            if kind == "rows":
                yield from payload
            elif kind == "end":
                return
            elif kind == "unreadable":
                raise exchange.UnreadableFile(payload)
            else:
                raise RuntimeError(f"import reader failed: {payload}")
    finally:
        parent_end.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()


def import_file(
    data: bytes,
    *,
    owner_id: int | None = None,
    user_id: int | None = None,
    detected: Detected | None = None,
    filename: str = "",
    channel: Channel = "cli",
) -> ImportSummary:
    """Import every contact of a CSV or vCard file, and commit.

    Each row goes through :func:`services.cards.check_contact` and the rules of
    :func:`services.cards.store_contact` (via :class:`services.import_writer.ImportWriter`),
    exactly like a reviewed card; duplicates are found with ``cardscan.match`` against
    everyone already stored and every earlier row of the file: certain ones are merged,
    uncertain ones become suggestions. Rows are written with a few multi-row statements
    and committed in batches of :data:`IMPORT_BATCH`.

    Args:
        data: the file's bytes.
        owner_id: owner of the people this import creates.
        user_id: who imports (audit); None for the command line.
        detected: format/encoding/mapping from a preview; sniffed again when None.
        filename: shown in the audit log.
        channel: ``cli``, ``web`` or ``api``.

    Returns:
        Counts, rejected rows with line numbers and reasons, suggestions, warnings.

    Raises:
        exchange.UnreadableFile: the file as a whole cannot be read (nothing written).
    """
    started = dt.datetime.now(dt.UTC)
    region: str = current_app.config["DEFAULT_REGION"]
    detected = detected or exchange.sniff(data)
    items = exchange.read_rows(data, detected, region=region)
    session = db.session()
    matcher = _ImportIndex(session)
    writer = ImportWriter(
        session, owner_id=owner_id, stored=matcher.people, source=IMPORT_SOURCE, career_source="import"
    )
    rows_read = created = merged = 0
    rejected: list[Rejected] = []
    warnings: list[tuple[int, str]] = []
    pending_suggestions: list[tuple[int, str, int | str, float, tuple[str, ...]]] = []
    pending_links: list[tuple[int, int | str, int | str, tuple[str, ...]]] = []
    keep_loaded = session.expire_on_commit
    # The stored people stay loaded across batch commits: a row merged into one of them
    # starts its draft from the loaded object (expiring it would cost a query per reuse).
    session.expire_on_commit = False
    try:
        rows = _checked_rows_in_parallel(items, region, size=len(data))
        for decision in _decisions(rows, matcher.index, matcher.known_ids):
            rows_read += 1
            if decision.kind == "rejected":
                rejected.append(Rejected(decision.line, decision.reason))
                continue
            warnings += [(decision.line, w) for w in decision.warnings]
            assert decision.reviewed is not None and decision.checked is not None
            if writer.store(
                decision.record_id,
                decision.reviewed,
                decision.checked,
                target=decision.target,
                source_ids=decision.source_ids,
            ):
                created += 1
                if decision.suggest is not None:
                    other, score, reasons = decision.suggest
                    pending_suggestions.append((decision.line, decision.record_id, other, score, reasons))
            else:
                merged += 1
                assert decision.target is not None
                pending_links += [(decision.line, decision.target, o, r) for o, r in decision.linked]
            if rows_read % IMPORT_BATCH == 0:
                writer.write()
                session.commit()
        writer.write()
        suggestions = tuple(
            Suggestion(line, (writer.person_id(other), writer.person_id(new)), round(score, 4), reasons)
            for line, new, other, score, reasons in pending_suggestions
        )
        stored = _store_suggestions(session, suggestions) if suggestions else False
        seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
        summary = ImportSummary(
            format=detected.format,
            encoding=detected.encoding,
            rows_read=rows_read,
            created=created,
            merged=merged,
            rejected=tuple(rejected),
            suggestions=suggestions,
            warnings=tuple(warnings),
            seconds=seconds,
            suggestions_stored=stored,
        )
        session.add(
            AuditEvent(
                user_id=user_id,
                action="import",
                detail={
                    "channel": channel,
                    "filename": filename,
                    "format": detected.format,
                    "encoding": detected.encoding,
                    "rows": rows_read,
                    "created": created,
                    "merged": merged,
                    "suggestions": len(suggestions),
                    "rejected": len(rejected),
                },
            )
        )
        session.commit()
        if pending_links:
            links = [
                (writer.person_id(target), writer.person_id(other), (f"line {line} is both people", *reasons))
                for line, target, other, reasons in pending_links
            ]
            summary = replace(summary, joined=len(merging.merge_linked(links)))
        if created >= ANALYZE_AFTER_ROWS and session.get_bind().dialect.name == "postgresql":
            # A big import leaves the planner without statistics: phone and email lookups of
            # the matcher would scan the people table (about 250 ms instead of 2 ms).
            session.execute(text("ANALYZE"))
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.expire_on_commit = keep_loaded
        for person in writer.merged_into_stored():
            session.expire(person)
    return summary


__all__ = [
    "ExportForbidden",
    "ExportOutcome",
    "ImportPreview",
    "ImportSummary",
    "Rejected",
    "Suggestion",
    "export_contacts",
    "export_scope",
    "import_file",
    "preview_import",
    "reviewed_from_row",
    "stash_import",
    "load_stashed_import",
    "drop_stashed_import",
]


# --- pending imports (between the preview and the confirmation) -------------------------

_STASH_DIR = "imports"


def _stash_path(token: str) -> Path:
    from services.storage import storage_root

    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        raise FileNotFoundError(token)
    return storage_root() / _STASH_DIR / f"{token}.bin"


def stash_import(data: bytes) -> str:
    """Keep an uploaded import file in private storage until it is confirmed; returns its token."""
    token = secrets.token_hex(16)
    path = _stash_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return token


def load_stashed_import(token: str) -> bytes:
    """The bytes of a stashed import file.

    Raises:
        FileNotFoundError: unknown or already used token.
    """
    return _stash_path(token).read_bytes()


def drop_stashed_import(token: str) -> None:
    """Delete a stashed import file (after the import, or when it is abandoned)."""
    with contextlib.suppress(FileNotFoundError):
        _stash_path(token).unlink()
