"""People: the detail page, the edit form (with career history), manual creation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import (
    PHONE_KINDS,
    Card,
    CareerStep,
    Interaction,
    NextAction,
    Person,
    PersonEmail,
    PersonPhone,
    User,
)
from services.companies import find_or_create_company, tags_by_name
from services.keys import (
    PREFECTURES,
    name_key,
    nfkc,
    normalize_email,
    prefecture_of,
    reading_key,
    split_phone,
)
from services.validation import N_, InvalidInput

#: Interactions shown on a person page, newest first.
NOTES_LIMIT = 100


def _clean(value: str | None) -> str | None:
    text = nfkc(value or "").strip()
    return text or None


@dataclass(frozen=True)
class PhoneInput:
    """A phone number as typed, with its kind; ``e164`` and ``extension`` are derived."""

    type: str
    number: str
    region: str = "JP"

    def __post_init__(self) -> None:
        if self.type not in PHONE_KINDS:
            raise InvalidInput("phones", N_("unknown phone type %(type)s"), type=self.type)
        if split_phone(self.number, self.region) is None:
            raise InvalidInput(
                "phones", N_("%(number)s is not a phone number; include the area code"), number=self.number
            )

    @property
    def e164(self) -> str:
        parts = split_phone(self.number, self.region)
        assert parts is not None  # checked in __post_init__
        return parts[0]

    @property
    def extension(self) -> str | None:
        parts = split_phone(self.number, self.region)
        assert parts is not None  # checked in __post_init__
        return parts[1]


@dataclass(frozen=True)
class PersonInput:
    """What the edit form may change on a person, checked on construction."""

    name: str
    name_reading: str | None = None
    name_latin: str | None = None
    title: str | None = None
    department: str | None = None
    company: str | None = None
    is_key_person: bool = False
    owner_id: int | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[PhoneInput, ...] = ()
    postal_code: str | None = None
    address: str | None = None
    prefecture: str | None = None
    country: str | None = None
    notes: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not _clean(self.name):
            raise InvalidInput("name", N_("a person needs a name"))
        for email in self.emails:
            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError as e:
                raise InvalidInput(
                    "emails", N_("%(email)s is not a valid e-mail address"), email=email
                ) from e
        if self.prefecture and self.prefecture not in PREFECTURES:
            raise InvalidInput("prefecture", N_("choose a prefecture from the list"))
        country = _clean(self.country)
        if country and not (len(country) == 2 and country.isalpha()):
            raise InvalidInput("country", N_("use a two-letter country code such as JP or US"))


@dataclass(frozen=True)
class PersonDetail:
    """Everything the person page shows."""

    person: Person
    cards: Sequence[Card]
    notes: Sequence[Interaction]
    open_actions: Sequence[NextAction]
    done_actions: Sequence[NextAction]


def person_detail(session: Session, person_id: int) -> PersonDetail | None:
    """The person with cards, notes, actions and career; None if unknown.

    A merged-away person is still returned (the page says where it went).
    """
    person = session.get(
        Person,
        person_id,
        options=[
            selectinload(Person.company),
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.urls),
            selectinload(Person.tags),
            selectinload(Person.career),
        ],
    )
    if person is None:
        return None
    cards = session.scalars(select(Card).where(Card.person_id == person_id).order_by(Card.created_at)).all()
    notes = session.scalars(
        select(Interaction)
        .where(Interaction.person_id == person_id)
        .options(selectinload(Interaction.attachments), selectinload(Interaction.author))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(NOTES_LIMIT)
    ).all()
    actions = session.scalars(
        select(NextAction)
        .where(NextAction.person_id == person_id)
        .options(selectinload(NextAction.assignee))
        .order_by(NextAction.due_on.is_(None), NextAction.due_on, NextAction.id)
    ).all()
    return PersonDetail(
        person=person,
        cards=cards,
        notes=notes,
        open_actions=[a for a in actions if a.done_at is None],
        done_actions=[a for a in actions if a.done_at is not None],
    )


def _career_state(person: Person) -> tuple[int | None, str | None, str | None, str | None]:
    company_name = person.company.name if person.company is not None else None
    return (person.company_id, company_name, person.title, person.department)


def _apply(session: Session, person: Person, data: PersonInput) -> None:
    person.name = _clean(data.name) or ""
    person.name_key = name_key(person.name)
    person.name_reading = _clean(data.name_reading)
    person.reading_key = reading_key(person.name_reading) or None
    person.name_latin = _clean(data.name_latin)
    person.title = _clean(data.title)
    person.department = _clean(data.department)
    company = find_or_create_company(session, data.company)
    person.company = company
    person.company_id = company.id if company is not None else None
    person.is_key_person = data.is_key_person
    person.owner_id = data.owner_id
    person.postal_code = _clean(data.postal_code)
    person.address = _clean(data.address)
    person.prefecture = data.prefecture or prefecture_of(person.address)
    person.country = (_clean(data.country) or "").upper() or None
    person.notes = data.notes.strip()
    person.tags = tags_by_name(session, data.tags)

    # Keep existing rows for unchanged values so ids (and anything pointing at them) survive.
    wanted_emails = list(dict.fromkeys(normalize_email(e) for e in data.emails if e.strip()))
    person.emails = [e for e in person.emails if e.email in wanted_emails]
    have = {e.email for e in person.emails}
    person.emails.extend(PersonEmail(email=e) for e in wanted_emails if e not in have)
    person.emails.sort(key=lambda e: wanted_emails.index(e.email))

    wanted_phones = list(dict.fromkeys((p.type, p.e164, p.extension) for p in data.phones))
    person.phones = [p for p in person.phones if (p.type, p.e164, p.extension) in wanted_phones]
    have_phones = {(p.type, p.e164, p.extension) for p in person.phones}
    person.phones.extend(
        PersonPhone(type=t, e164=e, extension=x)
        for (t, e, x) in wanted_phones
        if (t, e, x) not in have_phones
    )


def update_person(session: Session, person: Person, data: PersonInput, *, by: User | None = None) -> Person:
    """Save the edit form and commit; record a career step if title or company changed.

    When the person has no career history yet, the state before the edit is recorded
    first so the history starts with what was known, not with the change.

    Args:
        session: the request's session.
        person: the person to change.
        data: the new values.
        by: who edits. A member may hand over a person they own, or take one nobody owns,
            but never take someone else's: the owner decides what a member may export.
    """
    if (
        by is not None
        and not by.is_admin
        and data.owner_id != person.owner_id
        and person.owner_id not in (None, by.id)
    ):
        raise InvalidInput("owner_id", N_("Only an admin or the current owner can change the owner."))
    before = _career_state(person)
    _apply(session, person, data)
    after = _career_state(person)
    if before[0] != after[0] or before[2] != after[2]:
        if not person.career and (before[1] or before[2]):
            person.career.append(
                CareerStep(
                    company_id=before[0],
                    company_name=before[1],
                    title=before[2],
                    department=before[3],
                    recorded_at=person.updated_at or person.created_at,
                    source="edit",
                )
            )
        person.career.append(
            CareerStep(
                company_id=after[0],
                company_name=after[1],
                title=after[2],
                department=after[3],
                source="edit",
            )
        )
    session.commit()
    return person


def create_person(session: Session, data: PersonInput) -> Person:
    """Store a person typed in by hand (no card) and commit; starts the career history."""
    person = Person(name="")
    session.add(person)
    _apply(session, person, data)
    if person.company_id is not None or person.title:
        person.career.append(
            CareerStep(
                company_id=person.company_id,
                company_name=person.company.name if person.company else None,
                title=person.title,
                department=person.department,
                source="edit",
            )
        )
    session.commit()
    return person
