"""Finding the existing person a new card, import row or API upload belongs to.

The three steps of ``cardscan.match`` against the database:

1. **Normalise**: the new contact becomes a :class:`~cardscan.match.PersonRecord`.
2. **Block**: candidates are the live people sharing an indexed key with it: a personal
   email (``person_emails.email``), an E.164 phone (``person_phones.e164``), the name
   (``people.name_key``), the reading (``people.reading_key``) or, for a small company,
   the company (``companies.name_key``). A key carried by more than ``MATCH_MAX_BLOCK``
   people (a main line, info@, 佐藤 at a big firm) finds nobody, and at most
   ``MATCH_MAX_CANDIDATES`` people are scored, those sharing most keys first. The names of
   the people on each shared phone or email tell the scorer when a line is shared, and the
   number of people carrying the name key how rare the name is (term frequency).
3. **Score**: :func:`cardscan.match.rank_candidates`; the decision follows the
   ``CARDSCAN_MATCH_*`` settings: merge automatically, open a suggestion, or a new person.

:func:`find_existing` is the one entry point of the card review and API uploads (with
:func:`services.cards.contact_record`, every field of the card); the import matches the
same records in memory (:func:`match_settings`, :func:`person_record`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, has_app_context
from rapidfuzz.distance import Levenshtein
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, selectinload

from cardscan.match import (
    Candidate,
    MatchSettings,
    NameFrequency,
    PersonRecord,
    also_certain,
    namesakes_elsewhere_can_be_suggested,
    one_digit_apart,
    rank_candidates,
)
from cardscan.matchkeys import company_key as match_company_key
from cardscan.matchkeys import fold_name
from models import Company, Person, PersonEmail, PersonPhone
from services.keys import company_key, name_key, reading_key

log = logging.getLogger(__name__)

#: session.info key of the suggestions waiting for their new person to be flushed.
_PENDING = "cardscan.pending_suggestions"
#: Id of the record being matched (never a stored person's id).
NEW_RECORD_ID = "new"


def match_settings() -> MatchSettings:
    """The matcher's thresholds from the app config (``CARDSCAN_MATCH_*``), defaults outside an app."""
    if not has_app_context():
        return MatchSettings()
    config = current_app.config
    return MatchSettings(
        auto_merge=float(config.get("MATCH_AUTO_MERGE", 0.97)),
        suggest=float(config.get("MATCH_SUGGEST", 0.5)),
        max_block=int(config.get("MATCH_MAX_BLOCK", 200)),
        max_candidates=int(config.get("MATCH_MAX_CANDIDATES", 50)),
    )


def person_record(person: Person) -> PersonRecord:
    """A stored person as the matcher sees it (merged child rows included, odd values left out)."""
    phones = tuple(
        dict.fromkeys(
            (p.type, p.e164)
            for p in person.phones
            if p.type in ("work", "mobile", "fax", "other")
            and p.e164.startswith("+")
            and p.e164[1:].isdigit()
        )
    )
    return PersonRecord(
        id=person.id,
        name=person.name or None,
        name_reading=person.name_reading,
        name_latin=person.name_latin,
        company=person.company.name if person.company is not None else None,
        department=person.department,
        title=person.title,
        emails=tuple(
            dict.fromkeys(e.email for e in person.emails if "@" in e.email and e.email == e.email.lower())
        ),
        phones=phones,  # type: ignore[arg-type]
        urls=tuple(u.url for u in person.urls),
        address=person.address,
        postal_code=person.postal_code,
    )


@dataclass(frozen=True)
class MatchOutcome:
    """What matching one contact against the database found.

    Attributes:
        decision: ``merge`` (into ``person``), ``suggest`` (a new person, suggestion with
            ``person``) or ``new``.
        person: the best candidate, loaded; None when there was none worth a suggestion.
        candidate: its score, reasons and career-change flag.
        candidates_scored: how many people were scored.
        also: on a merge, other people the contact certainly is too, who agree with
            ``person`` (:func:`cardscan.match.also_certain`): one person's two records.
    """

    decision: str
    person: Person | None = None
    candidate: Candidate | None = None
    candidates_scored: int = 0
    also: tuple[tuple[Person, Candidate], ...] = ()

    def __post_init__(self) -> None:
        if self.decision not in ("merge", "suggest", "new"):
            raise ValueError(f"unknown decision {self.decision!r}")
        if self.decision != "new" and (self.person is None or self.candidate is None):
            raise ValueError(f"a {self.decision} needs a person and a candidate")

    @property
    def score(self) -> float:
        return self.candidate.match.score if self.candidate is not None else 0.0

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.candidate.match.reasons if self.candidate is not None else ()


@dataclass
class _Block:
    """Candidate ids with the number of keys each shares, and names per contact key.

    ``weak`` holds the ids found only by a name key at another company, or only as a
    colleague with an unlike name: pairs the scorer would not even score.
    ``name_frequency`` is how many live people other than the record carry its name key, out
    of how many (for :func:`cardscan.match.name_rarity_weight`), None without a name.
    """

    hits: Counter[int] = field(default_factory=Counter)
    names_on_key: dict[str, set[str]] = field(default_factory=dict)
    weak: set[int] = field(default_factory=set)
    name_frequency: NameFrequency | None = None


def _live_ids(session: Session, stmt: Any, limit: int) -> list[Any]:
    return list(session.execute(stmt.where(Person.merged_into_id.is_(None)).limit(limit + 1)))


def _block(session: Session, rec: PersonRecord, settings: MatchSettings) -> _Block:
    block = _Block()
    limit = settings.max_block
    # Contact keys: who carries them and under which names (a line under three names is shared).
    contact: list[tuple[str, Any, str]] = [("email:" + e, PersonEmail.email, e) for e in rec.personal_emails]
    contact += [("mobile:" + n, PersonPhone.e164, n) for n in rec.mobiles]
    contact += [("phone:" + n, PersonPhone.e164, n) for n in rec.lines - rec.mobiles]
    by_contact: set[int] = set()
    for key, column, value in contact:
        table = PersonEmail if column is PersonEmail.email else PersonPhone
        rows = _live_ids(
            session,
            select(Person.id, Person.name).join(table, table.person_id == Person.id).where(column == value),
            limit,
        )
        if len(rows) > limit:
            continue  # a main line or a team mailbox: no evidence, and too many to score
        ids = {pid for pid, _ in rows}
        by_contact |= ids
        block.hits.update(ids)
        block.names_on_key[key] = {fold_name(n) for _, n in rows if n}
    # Company key: colleagues at a small company, so a misread name still meets its owner.
    ckey = company_key(rec.company) if rec.company else ""
    colleagues: dict[int, str] = {}
    if ckey:
        rows = _live_ids(
            session,
            select(Person.id, Person.name_key)
            .join(Company, Company.id == Person.company_id)
            .where(Company.name_key == ckey),
            limit,
        )
        if len(rows) <= limit:
            colleagues = {pid: key for pid, key in rows}
            block.hits.update(colleagues.keys())
    # Name keys: the stored name and reading keys (services.keys folding).
    name_keys: list[tuple[Any, str]] = []
    own_key = name_key(rec.name) if rec.name else ""
    if own_key:
        name_keys.append((Person.name_key, own_key))
    if rec.name_reading:
        name_keys.append((Person.reading_key, reading_key(rec.name_reading)))
    namesakes: dict[int, int | None] = {}
    for column, value in name_keys:
        if not value:
            continue
        rows = _live_ids(session, select(Person.id, Person.company_id).where(column == value), limit)
        if column is Person.name_key:
            # The name's term frequency (a lower bound past the block limit).
            carriers = len([pid for pid, _ in rows if pid != rec.id])
            block.name_frequency = NameFrequency(carriers, _population(session))
        if len(rows) <= limit:
            block.hits.update(pid for pid, _ in rows)
            namesakes.update({pid: company_id for pid, company_id in rows})
    # Weak hits: a namesake at a company with another key (unless the name is rare enough
    # for a suggestion), a colleague with an unlike name.
    if ckey and namesakes and not namesakes_elsewhere_can_be_suggested(settings, block.name_frequency, rec):
        same_key = set(session.scalars(select(Company.id).where(Company.name_key == ckey)))
        elsewhere = {
            pid
            for pid, company_id in namesakes.items()
            if company_id is not None and company_id not in same_key and pid not in by_contact
        }
        if elsewhere and rec.domain:
            # One employer can be spelt two ways on one domain: keep the namesakes on it.
            elsewhere -= set(
                session.scalars(
                    select(PersonEmail.person_id).where(
                        PersonEmail.person_id.in_(list(elsewhere)),
                        PersonEmail.email.endswith("@" + rec.domain),
                    )
                )
            )
        if elsewhere and rec.mobiles:
            # A mobile one digit off under one name is a slip, not a namesake (w_contact_slip).
            numbers = session.execute(
                select(PersonPhone.person_id, PersonPhone.e164).where(
                    PersonPhone.person_id.in_(list(elsewhere)), PersonPhone.type == "mobile"
                )
            ).all()
            elsewhere -= {pid for pid, number in numbers if one_digit_apart(rec.mobiles, (number,))}
        block.weak |= elsewhere
    if own_key:
        block.weak |= {
            pid
            for pid, key in colleagues.items()
            if pid not in namesakes
            and pid not in by_contact
            and Levenshtein.normalized_similarity(own_key, key or "", processor=None) < 0.5
        }
    return block


def _population(session: Session) -> int:
    """How many people the base holds, estimated by the highest id (one index lookup).

    Ids are not reused, so people merged away count too: an upper bound, close enough for
    the term-frequency evidence, which only needs the order of magnitude.
    """
    return int(session.scalar(select(func.max(Person.id))) or 0)


def _load(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    wanted = list(ids)
    if not wanted:
        return {}
    people = session.scalars(
        select(Person)
        .where(Person.id.in_(wanted))
        .options(
            selectinload(Person.company),
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.urls),
        )
    ).all()
    return {p.id: p for p in people}


def rank_people(
    session: Session,
    rec: PersonRecord,
    *,
    settings: MatchSettings | None = None,
    exclude: Collection[int] = (),
) -> list[tuple[Person, Candidate]]:
    """Score ``rec`` against the live people sharing a key with it, best first (no writes).

    Args:
        session: the caller's session.
        rec: the contact to match (a new record, or a stored person's own record).
        settings: thresholds; :func:`match_settings` when None.
        exclude: person ids never to return (the person itself, pairs known to differ).
    """
    settings = settings or match_settings()
    block = _block(session, rec, settings)
    for pid in exclude:
        block.hits.pop(pid, None)
    if isinstance(rec.id, int):
        block.hits.pop(rec.id, None)
    for pid in block.weak:
        block.hits.pop(pid, None)
    # Ties cut by id (as in cardscan.match.MatchIndex), not by the order rows came back in.
    ranked = sorted(block.hits.items(), key=lambda hit: (-hit[1], hit[0]))
    chosen = [pid for pid, _ in ranked[: settings.max_candidates]]
    people = _load(session, chosen)
    records = [person_record(people[pid]) for pid in chosen if pid in people]
    ranked = rank_candidates(
        rec, records, block.names_on_key, settings=settings, name_frequency=block.name_frequency
    )
    return [(people[int(c.record.id)], c) for c in ranked]


def match_contact(
    session: Session, rec: PersonRecord, *, settings: MatchSettings | None = None
) -> MatchOutcome:
    """Match one new contact against the database and say what to do (no writes).

    Returns:
        ``merge`` with the person it certainly is, ``suggest`` with the person it may be, or
        ``new``.
    """
    ranked = rank_people(session, rec, settings=settings)
    if not ranked:
        return MatchOutcome("new")
    person, best = ranked[0]
    if best.match.decision == "new":
        return MatchOutcome("new", candidates_scored=len(ranked))
    people = {id(c): p for p, c in ranked}
    also = tuple((people[id(c)], c) for c in also_certain(rec, [c for _, c in ranked]))
    return MatchOutcome(best.match.decision, person, best, len(ranked), also)


def new_record(
    *,
    name: str | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    company: str | None = None,
    phone_type: str = "mobile",
) -> PersonRecord:
    """A contact of a few fields as a record (the benchmark's probes, tests)."""
    return PersonRecord(
        id=NEW_RECORD_ID,
        name=name or None,
        company=company or None,
        emails=tuple(dict.fromkeys(e.strip().lower() for e in emails if "@" in e)),
        phones=tuple(dict.fromkeys((phone_type, p) for p in phones if p.startswith("+") and p[1:].isdigit())),  # type: ignore[misc]
    )


@dataclass(frozen=True)
class _Pending:
    """A suggestion to open once the new person it names has been flushed."""

    name: str
    emails: frozenset[str]
    other_id: int
    score: float
    reasons: tuple[str, ...]


def find_existing(session: Session, rec: PersonRecord) -> MatchOutcome:
    """Match a new contact, leaving a suggestion to open when it is uncertain (see below).

    An uncertain match is remembered: when the new person the caller creates is flushed, a
    merge suggestion between the two is opened in the same transaction (see
    :func:`_open_pending`).

    Args:
        session: the caller's session (nothing is committed here).
        rec: the contact (:func:`services.cards.contact_record`, or :func:`new_record`).

    Returns:
        What matching found; ``person`` is the one to write to on a ``merge`` only.
    """
    if not (rec.name or rec.emails or rec.phones):
        return MatchOutcome("new")
    outcome = match_contact(session, rec)
    if outcome.decision == "suggest" and outcome.person is not None and rec.name:
        session.info.setdefault(_PENDING, []).append(
            _Pending(
                name=rec.name,
                emails=frozenset(rec.emails),
                other_id=outcome.person.id,
                score=outcome.score,
                reasons=outcome.reasons,
            )
        )
    return outcome


@event.listens_for(Session, "before_flush")
def _open_pending(session: Session, flush_context: Any, instances: Any) -> None:
    """Open the suggestions :func:`find_existing` left for people about to be inserted.

    The new person has no id before the flush, so the suggestion refers to it by object and
    is inserted in the same flush.
    """
    pending: list[_Pending] = session.info.pop(_PENDING, [])
    if not pending:
        return
    from services.merging import open_suggestion_for_new

    new_people = [obj for obj in session.new if isinstance(obj, Person)]
    for item in pending:
        for person in new_people:
            if person.name == item.name and item.emails <= {e.email for e in person.emails}:
                open_suggestion_for_new(session, item.other_id, person, item.score, list(item.reasons))
                break


def count_live_people(session: Session) -> int:
    """How many people are not merged away (for the benchmark's report)."""
    return int(
        session.scalar(select(func.count()).select_from(Person).where(Person.merged_into_id.is_(None))) or 0
    )


def company_match_key(name: str | None, domain: str | None = None) -> str | None:
    """The matcher's company key (legal form in any place dropped, domain as fallback)."""
    return match_company_key(name, domain)
