"""Companies: create, edit, change stage, and the company page (people, timeline, actions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import STAGES, AuditEvent, Company, Interaction, NextAction, Person, Tag
from services.keys import (
    company_key,
    legal_form_of,
    nfkc,
    normalize_phone,
    prefecture_of,
    same_firm_on_domain,
)
from services.validation import N_, InvalidInput

#: Interactions shown on a company page; older ones are a click away on each person.
TIMELINE_LIMIT = 100
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _clean(value: str | None) -> str | None:
    text = nfkc(value or "").strip()
    return text or None


def split_tags(text: str | None) -> tuple[str, ...]:
    """Tag names from ``"a, b、c"`` (ASCII or Japanese commas), deduplicated, order kept."""
    names = [nfkc(part).strip() for part in re.split(r"[,、，]", text or "")]
    return tuple(dict.fromkeys(name for name in names if name))


def tags_by_name(session: Session, names: Sequence[str]) -> list[Tag]:
    """The Tag rows for ``names``, creating the ones that do not exist yet (not committed)."""
    if not names:
        return []
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            existing[name] = tag
        tags.append(tag)
    return tags


@dataclass(frozen=True)
class CompanyInput:
    """What a user may set on a company, checked and normalised on construction.

    ``main_phone`` is given as typed and stored as E.164 (``main_phone_e164``).
    """

    name: str
    reading: str | None = None
    domain: str | None = None
    postal_code: str | None = None
    address: str | None = None
    main_phone: str | None = None
    stage: str = "potential"
    tags: tuple[str, ...] = ()
    owner_id: int | None = None
    region: str = "JP"

    def __post_init__(self) -> None:
        if not _clean(self.name):
            raise InvalidInput("name", N_("a company needs a name"))
        if self.stage not in STAGES:
            raise InvalidInput("stage", N_("must be one of %(choices)s"), choices=", ".join(STAGES))
        domain = _clean(self.domain)
        if domain and not _DOMAIN.match(domain.lower().removeprefix("www.")):
            raise InvalidInput("domain", N_("enter a domain like example.co.jp"))
        if _clean(self.main_phone) and not normalize_phone(self.main_phone or "", self.region):
            raise InvalidInput("main_phone", N_("not a phone number; include the area code"))

    @property
    def main_phone_e164(self) -> str | None:
        phone = _clean(self.main_phone)
        return normalize_phone(phone, self.region) if phone else None

    @property
    def clean_domain(self) -> str | None:
        domain = _clean(self.domain)
        return domain.lower().removeprefix("www.") if domain else None


def _apply(session: Session, company: Company, data: CompanyInput) -> None:
    name = nfkc(data.name).strip()
    company.name = name
    company.legal_form = legal_form_of(name)
    company.name_key = company_key(name)
    company.reading = _clean(data.reading)
    company.domain = data.clean_domain
    company.postal_code = _clean(data.postal_code)
    company.address = _clean(data.address)
    company.prefecture = prefecture_of(company.address)
    company.main_phone = data.main_phone_e164
    company.stage = data.stage
    company.owner_id = data.owner_id
    company.tags = tags_by_name(session, data.tags)


def create_company(session: Session, data: CompanyInput) -> Company:
    """Store a new company and commit.

    Returns:
        The new company (with its id).
    """
    company = Company()
    _apply(session, company, data)
    session.add(company)
    session.commit()
    return company


def update_company(session: Session, company: Company, data: CompanyInput) -> Company:
    """Overwrite a company's editable fields with ``data`` and commit."""
    _apply(session, company, data)
    session.commit()
    return company


def set_stage(session: Session, company: Company, stage: str, *, user_id: int | None) -> Company:
    """Move a company to another customer stage, audited, and commit.

    Raises:
        InvalidInput: ``stage`` is not one of :data:`models.STAGES`.
    """
    if stage not in STAGES:
        raise InvalidInput("stage", N_("must be one of %(choices)s"), choices=", ".join(STAGES))
    if company.stage != stage:
        session.add(
            AuditEvent(
                user_id=user_id,
                action="stage",
                detail={"company_id": company.id, "from": company.stage, "to": stage},
            )
        )
        company.stage = stage
    session.commit()
    return company


def find_or_create_company(
    session: Session, name: str | None, *, domain: str | None = None
) -> Company | None:
    """The company ``name`` means, created if there is none (not committed).

    Used when a person's company is typed as text (edit form, card save, import). Every
    spelling of one name (株式会社ABC, (株)ABC, ABC Inc.) has one key; a name in the other
    script (ABC Co., Ltd. for 株式会社エービーシー) is the same company when the contact's
    ``domain`` (from their web or mail address) is the company's. A company learns its
    domain from the first contact that tells it.
    """
    if not _clean(name):
        return None
    key = company_key(name)
    if not key:
        return None
    company = session.scalars(select(Company).where(Company.name_key == key).order_by(Company.id)).first()
    if company is None and domain:
        same_domain = session.scalars(select(Company).where(Company.domain == domain).order_by(Company.id))
        company = same_firm_on_domain(key, same_domain, lambda c: c.name_key)
    if company is None:
        printed = nfkc(name or "").strip()
        company = Company(
            name=printed, legal_form=legal_form_of(printed), name_key=key, domain=domain, stage="potential"
        )
        session.add(company)
        session.flush()
    elif company.domain is None and domain:
        company.domain = domain
    return company


@dataclass(frozen=True)
class CompanyOverview:
    """Everything the company page shows."""

    company: Company
    people: Sequence[Person]
    timeline: Sequence[Interaction]
    open_actions: Sequence[NextAction]


def company_overview(session: Session, company_id: int) -> CompanyOverview | None:
    """The company with its people (key persons first), interaction timeline and open actions.

    Returns:
        None when there is no such company.
    """
    company = session.get(Company, company_id, options=[selectinload(Company.tags)])
    if company is None:
        return None
    people = session.scalars(
        select(Person)
        .where(Person.company_id == company_id, Person.merged_into_id.is_(None))
        .order_by(Person.is_key_person.desc(), Person.reading_key, Person.name_key, Person.id)
    ).all()
    timeline = session.scalars(
        select(Interaction)
        .where(Interaction.company_id == company_id)
        .options(selectinload(Interaction.attachments), selectinload(Interaction.person))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(TIMELINE_LIMIT)
    ).all()
    actions = session.scalars(
        select(NextAction)
        .where(NextAction.company_id == company_id, NextAction.done_at.is_(None))
        .options(selectinload(NextAction.person), selectinload(NextAction.assignee))
        .order_by(NextAction.due_on.is_(None), NextAction.due_on, NextAction.id)
    ).all()
    return CompanyOverview(company=company, people=people, timeline=timeline, open_actions=actions)


@dataclass(frozen=True)
class CompanyRow:
    """A line of the company list."""

    company: Company
    people: int


def list_companies(
    session: Session, *, q: str = "", stage: str | None = None, page: int = 1, per_page: int = 50
) -> tuple[list[CompanyRow], int]:
    """Companies whose name starts with ``q`` (legal form ignored), optionally of one stage.

    Returns:
        The rows of the page and the total number of matching companies.
    """
    stmt = select(Company)
    key = company_key(q) if q.strip() else ""
    if key:
        stmt = stmt.where(Company.name_key >= key, Company.name_key < key + "\U0010ffff")
    if stage in STAGES:
        stmt = stmt.where(Company.stage == stage)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    companies = session.scalars(
        stmt.order_by(Company.name_key, Company.id).limit(per_page).offset((max(page, 1) - 1) * per_page)
    ).all()
    counts: dict[int, int] = {}
    if companies:
        counts = dict(
            session.execute(
                select(Person.company_id, func.count())
                .where(Person.company_id.in_([c.id for c in companies]), Person.merged_into_id.is_(None))
                .group_by(Person.company_id)
            ).all()
        )
    return [CompanyRow(company=c, people=counts.get(c.id, 0)) for c in companies], total
