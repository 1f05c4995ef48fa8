"""Finding people: one query builder behind the web list, the JSON API and the export.

``search_people(session, criteria)`` is a pure function of the database and a frozen
:class:`SearchCriteria`; it never reads the request. Every text condition is an
indexed prefix range (``key >= q AND key < q + U+FFFF``) or an equality on a stored
key, so a search touches only the index entries that can match; the free-text terms
are combined as a UNION of person ids, which SQLite and PostgreSQL both answer from
indexes instead of scanning ``person``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal, get_args

import jaconv
from sqlalchemy import Select, and_, exists, func, select, union
from sqlalchemy.orm import Session, selectinload

from models import STAGES as MODEL_STAGES
from models import Company, NextAction, Person, PersonEmail, PersonPhone, Tag, person_tags
from services.keys import company_key, name_key, nfkc, normalize_email, normalize_phone, reading_key
from services.validation import MAX_ID, N_, InvalidCriteria

SortKey = Literal["name", "company", "recent", "interaction", "updated"]
SORT_KEYS: tuple[str, ...] = get_args(SortKey)
STAGES: tuple[str, ...] = tuple(MODEL_STAGES)

#: Largest page a caller may ask for; bounds the work of one request.
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 25
#: Matches counted exactly; beyond it the list says "1,000+" (see :func:`search_people`).
COUNT_LIMIT = 1000

# Upper bound of a prefix range: sorts after every character a key can hold.
_PREFIX_END = "\U0010ffff"
# What may appear in a phone number as people type it (after NFKC).
_PHONE_CHARS = re.compile(r"^[+\d\s().\-‐‑‒–—―ー−]+$")
_MIN_PHONE_DIGITS = 6


@dataclass(frozen=True)
class SearchCriteria:
    """What to look for, which filters apply, and which page to show.

    Attributes:
        q: free text: a name, reading, romanised name, company, e-mail or phone in any format.
        prefecture: exact prefecture of the person (e.g. ``東京都``).
        title: text the title must contain (e.g. ``代表取締役``).
        company: prefix of the company name (legal form ignored).
        company_id: exact company.
        stage: customer stage of the person's company.
        tag: exact tag name.
        owner_id: the user who owns the person.
        interaction_after: last interaction on or after this day (UTC).
        interaction_before: last interaction before this day (UTC).
        has_open_action: True for people with an open next action, False for none.
        sort: ``name`` (reading), ``company``, ``recent`` (created), ``interaction``, ``updated``.
        page: 1-based page number.
        per_page: rows per page, at most :data:`MAX_PER_PAGE`.
        region: region for phone numbers typed without a country code.
    """

    q: str = ""
    prefecture: str | None = None
    title: str | None = None
    company: str | None = None
    company_id: int | None = None
    stage: str | None = None
    tag: str | None = None
    owner_id: int | None = None
    interaction_after: dt.date | None = None
    interaction_before: dt.date | None = None
    has_open_action: bool | None = None
    sort: SortKey = "name"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    region: str = "JP"

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise InvalidCriteria("sort", N_("must be one of %(choices)s"), choices=", ".join(SORT_KEYS))
        if self.stage is not None and self.stage not in STAGES:
            raise InvalidCriteria("stage", N_("must be one of %(choices)s"), choices=", ".join(STAGES))
        if self.page < 1:
            raise InvalidCriteria("page", N_("must be 1 or more"))
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise InvalidCriteria("per_page", N_("must be between 1 and %(limit)s"), limit=MAX_PER_PAGE)
        if (
            self.interaction_after is not None
            and self.interaction_before is not None
            and self.interaction_after > self.interaction_before
        ):
            raise InvalidCriteria("interaction_after", N_("is later than interaction_before"))

    @classmethod
    def from_args(cls, args: Mapping[str, str], *, region: str = "JP", **overrides: Any) -> SearchCriteria:
        """Build criteria from query-string arguments (``request.args`` or a dict).

        Empty values mean "no filter"; unknown arguments are ignored so a page can
        carry its own parameters (``lang``) in the same query string.

        Raises:
            InvalidCriteria: a value has the wrong form (not a number, not a date ...).
        """

        def text(name: str) -> str | None:
            value = (args.get(name) or "").strip()
            return value or None

        def integer(name: str) -> int | None:
            value = text(name)
            if value is None:
                return None
            try:
                number = int(value)
            except ValueError:
                raise InvalidCriteria(name, N_("must be a whole number")) from None
            if abs(number) > MAX_ID:
                raise InvalidCriteria(name, N_("must be between 1 and %(limit)s"), limit=MAX_ID)
            return number

        def date(name: str) -> dt.date | None:
            value = text(name)
            if value is None:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise InvalidCriteria(name, N_("must be a date like 2026-04-01")) from None

        def flag(name: str) -> bool | None:
            value = text(name)
            if value is None:
                return None
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise InvalidCriteria(name, N_("must be 1 or 0"))

        values: dict[str, Any] = {
            "q": text("q") or "",
            "prefecture": text("prefecture"),
            "title": text("title"),
            "company": text("company"),
            "company_id": integer("company_id"),
            "stage": text("stage"),
            "tag": text("tag"),
            "owner_id": integer("owner_id"),
            "interaction_after": date("interaction_after"),
            "interaction_before": date("interaction_before"),
            "has_open_action": flag("has_open_action"),
            "sort": text("sort") or "name",
            "page": 1 if (page := integer("page")) is None else page,
            "per_page": DEFAULT_PER_PAGE if (per_page := integer("per_page")) is None else per_page,
            "region": region,
        }
        values.update(overrides)
        return cls(**values)

    def to_args(self, **changes: Any) -> dict[str, str]:
        """Query-string arguments that rebuild these criteria (for links to other pages)."""
        criteria = replace(self, **changes) if changes else self
        args: dict[str, str] = {}
        for f in fields(criteria):
            if f.name == "region":
                continue
            value = getattr(criteria, f.name)
            if value is None or value == "" or value == f.default:
                continue
            if isinstance(value, bool):
                args[f.name] = "1" if value else "0"
            elif isinstance(value, dt.date):
                args[f.name] = value.isoformat()
            else:
                args[f.name] = str(value)
        return args

    @property
    def is_filtered(self) -> bool:
        """True when anything beyond sort and paging narrows the list."""
        return any(
            getattr(self, f.name) not in (None, "")
            for f in fields(self)
            if f.name not in ("sort", "page", "per_page", "region")
        )


@dataclass(frozen=True)
class Page:
    """One page of search results."""

    items: Sequence[Person]
    total: int
    page: int
    per_page: int
    #: False when counting stopped at the count limit: there are at least ``total`` matches.
    exact: bool = True

    def __post_init__(self) -> None:
        if self.total < 0 or self.page < 1 or self.per_page < 1:
            raise ValueError(f"bad page: total={self.total} page={self.page} per_page={self.per_page}")

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or (not self.exact and len(self.items) == self.per_page)


def _prefix(column: Any, key: str) -> Any:
    """An index-friendly "starts with" condition (LIKE is not indexed on every back end)."""
    return and_(column >= key, column < key + _PREFIX_END)


def phone_query(q: str, region: str) -> str | None:
    """The E.164 number ``q`` denotes, if ``q`` looks like a phone number at all."""
    text = nfkc(q).strip()
    if not _PHONE_CHARS.match(text) or sum(c.isdigit() for c in text) < _MIN_PHONE_DIGITS:
        return None
    return normalize_phone(text, region)


def _romaji_readings(q: str) -> list[str]:
    """Hiragana readings a romanised query may stand for, family name first or last.

    Cards print "Taro Yamada" but readings are stored family name first, so both word
    orders are tried.
    """
    words = nfkc(q).lower().split()
    if not words or not all(w.isascii() and w.replace("-", "").isalpha() for w in words):
        return []
    orders = [words, list(reversed(words))] if len(words) > 1 else [words]
    keys = []
    for order in orders:
        kana = jaconv.alphabet2kana("".join(order))
        # alphabet2kana leaves letters it cannot convert; such a key never matches a reading.
        if kana and not any(c.isascii() for c in kana):
            keys.append(reading_key(kana))
    return keys


def _text_match_ids(q: str, region: str) -> Select[Any]:
    """Ids of people matching the free-text query, one indexed SELECT per meaning."""
    parts: list[Select[Any]] = []
    phone = phone_query(q, region)
    if phone:
        parts.append(select(PersonPhone.person_id).where(PersonPhone.e164 == phone))
    if "@" in q:
        email = normalize_email(q)
        parts.append(select(PersonEmail.person_id).where(_prefix(PersonEmail.email, email)))
    key = name_key(q)
    if key and not phone:
        parts.append(select(Person.id).where(_prefix(Person.name_key, key)))
        parts.append(select(Person.id).where(_prefix(Person.reading_key, reading_key(q))))
        for kana in _romaji_readings(q):
            parts.append(select(Person.id).where(_prefix(Person.reading_key, kana)))
        ckey = company_key(q)
        if ckey:
            parts.append(
                select(Person.id)
                .join(Company, Person.company_id == Company.id)
                .where(_prefix(Company.name_key, ckey))
            )
        if "@" not in q and nfkc(q).isascii() and " " not in q.strip():
            # "taro.yamada" or "sample.co.jp": the start of an address or a company domain.
            lowered = normalize_email(q)
            parts.append(select(PersonEmail.person_id).where(_prefix(PersonEmail.email, lowered)))
            parts.append(
                select(Person.id)
                .join(Company, Person.company_id == Company.id)
                .where(Company.domain == lowered)
            )
    if not parts:
        # Nothing the query could mean (e.g. only punctuation): match no one.
        return select(Person.id).where(Person.id.is_(None))
    return union(*parts).subquery().select() if len(parts) > 1 else parts[0]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def build_query(criteria: SearchCriteria) -> Select[tuple[Person]]:
    """The filtered (unsorted, unpaged) SELECT of people for ``criteria``.

    Exposed so the export and the API can stream the same rows without paging.
    """
    stmt = select(Person).where(Person.merged_into_id.is_(None))
    company_joined = False
    if criteria.q.strip():
        stmt = stmt.where(Person.id.in_(_text_match_ids(criteria.q.strip(), criteria.region)))
    if criteria.prefecture:
        stmt = stmt.where(Person.prefecture == nfkc(criteria.prefecture).strip())
    if criteria.title:
        stmt = stmt.where(Person.title.contains(nfkc(criteria.title).strip(), autoescape=True))
    if criteria.company_id is not None:
        stmt = stmt.where(Person.company_id == criteria.company_id)
    if criteria.company or criteria.stage:
        stmt = stmt.join(Company, Person.company_id == Company.id)
        company_joined = True
        if criteria.company:
            stmt = stmt.where(_prefix(Company.name_key, company_key(criteria.company)))
        if criteria.stage:
            stmt = stmt.where(Company.stage == criteria.stage)
    if criteria.tag:
        stmt = stmt.where(
            exists()
            .where(person_tags.c.person_id == Person.id)
            .where(person_tags.c.tag_id == Tag.id)
            .where(Tag.name == criteria.tag.strip())
        )
    if criteria.owner_id is not None:
        stmt = stmt.where(Person.owner_id == criteria.owner_id)
    if criteria.interaction_after is not None:
        stmt = stmt.where(Person.last_interaction_at >= _day_start(criteria.interaction_after))
    if criteria.interaction_before is not None:
        stmt = stmt.where(Person.last_interaction_at < _day_start(criteria.interaction_before))
    if criteria.has_open_action is not None:
        open_action = exists().where(NextAction.person_id == Person.id).where(NextAction.done_at.is_(None))
        stmt = stmt.where(open_action if criteria.has_open_action else ~open_action)
    if criteria.sort == "company" and not company_joined:
        stmt = stmt.outerjoin(Company, Person.company_id == Company.id)
    return stmt


def _ordered(stmt: Select[tuple[Person]], sort: SortKey) -> Select[tuple[Person]]:
    # Person.id last everywhere so pages are stable when keys tie.
    if sort == "company":
        return stmt.order_by(Company.name_key.is_(None), Company.name_key, Person.reading_key, Person.id)
    if sort == "recent":
        return stmt.order_by(Person.created_at.desc(), Person.id.desc())
    if sort == "updated":
        return stmt.order_by(Person.updated_at.desc(), Person.id.desc())
    if sort == "interaction":
        return stmt.order_by(
            Person.last_interaction_at.is_(None), Person.last_interaction_at.desc(), Person.id.desc()
        )
    # (reading_key, id) is exactly what the reading_key index holds (SQLite keeps the rowid in
    # it), so the first page of the whole list is read off the index without sorting.
    return stmt.order_by(Person.reading_key, Person.id)


def search_people(
    session: Session, criteria: SearchCriteria, *, count_limit: int | None = COUNT_LIMIT
) -> Page:
    """One page of the people matching ``criteria``, with the number of matches.

    Args:
        session: an open SQLAlchemy session (read only here).
        criteria: what to find and which page.
        count_limit: stop counting after this many matches (``Page.exact`` is then
            False); None counts them all.

    Returns:
        The page; its ``items`` have company, emails, phones and tags loaded.
    """
    stmt = build_query(criteria)
    counted = stmt.order_by(None)
    if count_limit is not None:
        # Counting 6,000 佐藤 exactly costs more than the page itself; "1,000+" is enough
        # to tell the user to narrow the search, and the LIMIT lets the database stop early.
        counted = counted.limit(count_limit + 1)
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    exact = count_limit is None or total <= count_limit
    rows = session.scalars(
        _ordered(stmt, criteria.sort)
        .options(
            selectinload(Person.company),
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.tags),
        )
        .limit(criteria.per_page)
        .offset((criteria.page - 1) * criteria.per_page)
    ).all()
    return Page(
        items=tuple(rows),
        total=total if exact else count_limit,  # type: ignore[arg-type]
        page=criteria.page,
        per_page=criteria.per_page,
        exact=exact,
    )


__all__ = [
    "COUNT_LIMIT",
    "MAX_PER_PAGE",
    "InvalidCriteria",
    "Page",
    "SearchCriteria",
    "build_query",
    "phone_query",
    "search_people",
]
