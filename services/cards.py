"""Cards: accepting uploads, reading them in the background, review and save.

Views call one function each: :func:`accept_uploads`, :func:`card_progress`,
:func:`review_queue`, :func:`save_reviewed_card`, :func:`retry_card`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO, Protocol

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from cardscan.match import PersonRecord
from cardscan.normalize import normalize_url, validated_email
from extensions import db
from models import (
    PHONE_KINDS,
    Card,
    CareerStep,
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    User,
    utcnow,
)
from services import storage
from services.companies import find_or_create_company
from services.keys import (
    contact_domain,
    name_key,
    nfkc,
    normalize_email,
    prefecture_of,
    reading_key,
    split_phone,
)
from services.matching import NEW_RECORD_ID, find_existing
from services.merging import live_person_id, merge_linked
from services.queue import enqueue_read, get_queue

log = logging.getLogger(__name__)

#: Image types accepted, told from the first bytes, never from the file name.
IMAGE_TYPES: dict[str, str] = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "image/heif": ".heif",
}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
_HEIF_BRANDS = {b"mif1", b"msf1"}


def sniff_image_type(head: bytes) -> str | None:
    """The MIME type of an image from its first bytes, or None when it is not one we read."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return "image/heic"
        if brand in _HEIF_BRANDS:
            return "image/heif"
    return None


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name as sent and at most ``limit + 1`` bytes of it."""

    filename: str
    data: bytes


class UploadedStream(Protocol):
    """A file part of a request (werkzeug's ``FileStorage``): a name and a stream."""

    filename: str | None
    stream: BinaryIO


def read_uploads(files: Iterable[UploadedStream]) -> Iterator[Upload]:
    """The files of a request as :class:`Upload`, each read only when it is reached.

    :func:`accept_uploads` stores one before the next is read, so a request of twenty
    large photos holds one in memory at a time. One byte over ``MAX_UPLOAD_BYTES`` is
    read at most: enough to refuse a file as too large.
    """
    limit: int = current_app.config["MAX_UPLOAD_BYTES"]
    for f in files:
        yield Upload(filename=f.filename or "", data=f.stream.read(limit + 1))


@dataclass(frozen=True)
class UploadOutcome:
    """What happened to one uploaded file: a queued card or a reason it was refused."""

    filename: str
    card_id: int | None = None
    error: str | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if (self.card_id is None) == (self.error is None):
            raise ValueError("an upload outcome has exactly one of card_id and error")

    @property
    def ok(self) -> bool:
        return self.card_id is not None


def accept_uploads(
    uploads: Iterable[Upload], *, user_id: int | None, auto_save: bool = False
) -> list[UploadOutcome]:
    """Store each image, create its queued card and enqueue the read; refuse bad files one by one.

    Each card row is committed before its job is queued, so the worker always finds it; a job
    that cannot be queued leaves the card 'queued' and :func:`recover_stuck_cards` queues it
    again at the next start. Nothing accepted is lost.

    Args:
        uploads: the files (read one by one: see :func:`read_uploads`).
        user_id: the uploader.
        auto_save: save each card without review once read (JSON API uploads).

    Returns:
        One outcome per upload, in order.
    """
    max_bytes: int = current_app.config["MAX_UPLOAD_BYTES"]
    max_files: int = current_app.config["MAX_UPLOAD_FILES"]
    outcomes: list[UploadOutcome] = []
    for index, upload in enumerate(uploads):
        name = (upload.filename or "").strip()[:255] or f"image-{index + 1}"
        if index >= max_files:
            outcomes.append(
                UploadOutcome(name, error=f"too many files: at most {max_files} at once", code="too_many")
            )
            continue
        if not upload.data:
            outcomes.append(UploadOutcome(name, error="the file is empty", code="empty"))
            continue
        if len(upload.data) > max_bytes:
            limit_mb = max_bytes / (1024 * 1024)
            outcomes.append(
                UploadOutcome(name, error=f"the file is larger than {limit_mb:g} MB", code="too_large")
            )
            continue
        content_type = sniff_image_type(upload.data[:32])
        if content_type is None:
            outcomes.append(
                UploadOutcome(name, error="not a JPEG, PNG, WebP or HEIC image", code="unsupported_type")
            )
            continue
        stored = storage.save_bytes(upload.data, kind="cards", extension=IMAGE_TYPES[content_type])
        card = Card(
            uploaded_by_id=user_id,
            image_path=stored.path,
            original_filename=name,
            content_type=content_type,
            byte_size=stored.byte_size,
            sha256=stored.sha256,
            status="queued",
            auto_save=auto_save,
        )
        db.session.add(card)
        db.session.commit()
        _enqueue(card)
        outcomes.append(UploadOutcome(name, card_id=card.id))
    return outcomes


def _enqueue(card: Card) -> None:
    card_id = card.id
    try:
        job_id = enqueue_read(card_id)
    except Exception:
        # The card stays 'queued' with no job: recover_stuck_cards() picks it up later.
        log.exception("could not queue card %s", card_id)
        db.session.rollback()
        return
    # In immediate mode the job already ran in another session: reload before writing.
    db.session.expire_all()
    fresh = db.session.get(Card, card_id)
    if fresh is not None:
        fresh.job_id = job_id
        db.session.commit()


def recover_stuck_cards() -> int:
    """Queue again every card left 'queued' or 'running' whose job is no longer waiting.

    Called at start-up: a crash while a card was being read, or a queue that lost its
    data, would otherwise leave the card waiting forever.

    Returns:
        How many cards were queued again.
    """
    pending = get_queue().pending_ids()
    stuck = db.session.scalars(
        select(Card).where(Card.status.in_(("queued", "running"))).order_by(Card.id)
    ).all()
    count = 0
    for card in stuck:
        if card.status == "queued" and card.job_id and card.job_id in pending:
            continue
        card.status = "queued"
        db.session.commit()
        _enqueue(card)
        count += 1
    return count


def retry_card(card_id: int, *, user: User | None = None) -> Card:
    """Queue a failed card again; answers the card unchanged if it is not failed.

    Raises:
        CardNotFound: no such card, or ``user`` may not see it.
    """
    card = get_card(card_id, user=user)
    if card.status == "failed":
        card.status = "queued"
        card.error = None
        db.session.commit()
        _enqueue(card)
        db.session.refresh(card)
    return card


class CardNotFound(LookupError):
    """No card with this id."""


def _get(card_id: int) -> Card:
    card = db.session.get(Card, card_id)
    if card is None:
        raise CardNotFound(card_id)
    return card


def card_visible_to(card: Card, user: User) -> bool:
    """Who may see a card: admins every card; a member the cards they uploaded and the
    cards saved to a contact (those belong to the shared customer base). A card still
    waiting for review stays with its uploader until it is saved."""
    saved = card.status == "saved" and card.person_id is not None
    return user.is_admin or card.uploaded_by_id == user.id or saved


def get_card(card_id: int, *, user: User | None = None) -> Card:
    """The card with this id.

    Raises:
        CardNotFound: no such card, or ``user`` may not see it (the same answer, so ids
            of other people's cards are not revealed).
    """
    card = _get(card_id)
    if user is not None and not card_visible_to(card, user):
        raise CardNotFound(card_id)
    return card


def card_progress(card_ids: Sequence[int], *, user: User | None = None) -> list[dict[str, Any]]:
    """Status of some cards for the capture page's poll (small JSON objects).

    Cards ``user`` may not see are left out.
    """
    if not card_ids:
        return []
    found = db.session.scalars(select(Card).where(Card.id.in_(list(card_ids))).order_by(Card.id)).all()
    cards = [c for c in found if user is None or card_visible_to(c, user)]
    return [
        {
            "id": c.id,
            "status": c.status,
            "error": c.error,
            "filename": c.original_filename,
            "name": (c.parsed or {}).get("name"),
            "company": (c.parsed or {}).get("company"),
            "person_id": c.person_id,
        }
        for c in cards
    ]


def review_queue(user_id: int | None = None, limit: int = 200) -> list[Card]:
    """Cards waiting for a person: read (to review), failed (to retry) or still being read.

    Args:
        user_id: only cards this user uploaded; every user's when None.
        limit: most cards returned, oldest first.
    """
    query = select(Card).where(Card.status.in_(("queued", "running", "read", "failed")))
    if user_id is not None:
        query = query.where(Card.uploaded_by_id == user_id)
    return list(db.session.scalars(query.order_by(Card.created_at, Card.id).limit(limit)))


# --- review and save ---------------------------------------------------------------------


class ReviewError(ValueError):
    """Fields of a reviewed card that cannot be saved; ``errors`` maps field to message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class ReviewedPhone:
    """A phone number as the user confirmed it (any format; normalised on save)."""

    type: str
    number: str

    def __post_init__(self) -> None:
        if self.type not in PHONE_KINDS:
            raise ValueError(f"unknown phone type {self.type!r}")

    @classmethod
    def of(cls, kind: str, e164: str, extension: str | None = None) -> ReviewedPhone:
        """A stored or read number (E.164 and its extension) as if typed."""
        return cls(type=kind, number=f"{e164} ext. {extension}" if extension else e164)


@dataclass(frozen=True)
class ReviewedCard:
    """What the user saves from the review screen."""

    name: str
    name_reading: str = ""
    name_latin: str = ""
    title: str = ""
    department: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[ReviewedPhone, ...] = ()
    urls: tuple[str, ...] = ()
    postal_code: str = ""
    address: str = ""
    country: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SaveOutcome:
    """Result of saving a card: the person it went to and whether it was new."""

    person_id: int
    created: bool
    company_id: int | None


def _clean(text: str | None) -> str | None:
    value = nfkc(text or "").strip()
    return value or None


def _normalized_phones(
    phones: Sequence[ReviewedPhone], region: str
) -> tuple[list[tuple[str, str]], dict[tuple[str, str], str], list[str]]:
    """``(kind, e164)`` pairs in order, the extension of those that have one, and the bad numbers."""
    good: list[tuple[str, str]] = []
    extensions: dict[tuple[str, str], str] = {}
    bad: list[str] = []
    for phone in phones:
        if not phone.number.strip():
            continue
        parts = split_phone(phone.number, region)
        if parts is None:
            bad.append(phone.number)
            continue
        key = (phone.type, parts[0])
        if key not in good:
            good.append(key)
        if parts[1] and key not in extensions:
            extensions[key] = parts[1]
    return good, extensions, bad


def _normalized_emails(emails: Sequence[str]) -> tuple[list[str], list[str]]:
    good: list[str] = []
    bad: list[str] = []
    for raw in emails:
        email = normalize_email(raw)
        if not email:
            continue
        if validated_email(email) is None:
            bad.append(raw)
            continue
        if email not in good:
            good.append(email)
    return good, bad


@dataclass(frozen=True)
class CheckedContact:
    """A reviewed contact that passed :func:`check_contact`: the normalised values to write."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[tuple[str, str], ...] = ()
    urls: tuple[str, ...] = ()
    country: str | None = None
    #: ``(kind, e164, extension)`` of the phones typed with an extension (内線 12, ext. 12).
    extensions: tuple[tuple[str, str, str], ...] = ()

    def extension_of(self, kind: str, e164: str) -> str | None:
        """The extension typed with this phone, or None."""
        return next((x for k, e, x in self.extensions if (k, e) == (kind, e164)), None)

    def __post_init__(self) -> None:
        if any(not u.startswith(("https://", "http://")) for u in self.urls):
            raise ValueError(f"urls must be http(s): {self.urls!r}")
        if not self.name:
            raise ValueError("a checked contact has a name")
        if any(kind not in PHONE_KINDS or not e164.startswith("+") for kind, e164 in self.phones):
            raise ValueError(f"phones must be (kind, E.164) pairs: {self.phones!r}")


def check_contact(reviewed: ReviewedCard, region: str) -> tuple[CheckedContact | None, dict[str, str]]:
    """Validate and normalise a contact (card review, import row, API upload alike).

    Returns:
        The checked contact, or None and the reasons per field when it cannot be saved.
    """
    errors: dict[str, str] = {}
    name = _clean(reviewed.name)
    if not name:
        errors["name"] = "a name is required"
    emails, bad_emails = _normalized_emails(reviewed.emails)
    if bad_emails:
        errors["emails"] = "not an email address: " + ", ".join(bad_emails)
    phones, extensions, bad_phones = _normalized_phones(reviewed.phones, region)
    if bad_phones:
        errors["phones"] = "not a phone number (include the area code): " + ", ".join(bad_phones)
    # Only http(s) addresses are kept: a typed "javascript:" link would run in the page of
    # whoever clicks it later.
    urls = [(u, normalize_url(u)) for u in reviewed.urls if u.strip()]
    bad_urls = [raw for raw, url in urls if url is None]
    if bad_urls:
        errors["urls"] = "not a web address (http or https): " + ", ".join(bad_urls)
    country = (_clean(reviewed.country) or "").upper() or None
    if country and not (len(country) == 2 and country.isalpha()):
        errors["country"] = "use a two-letter country code such as JP or US"
    if errors or name is None:
        return None, errors
    clean_urls = tuple(dict.fromkeys(url for _, url in urls if url))
    return (
        CheckedContact(
            name=name,
            emails=tuple(emails),
            phones=tuple(phones),
            urls=clean_urls,
            country=country,
            extensions=tuple((k, e, x) for (k, e), x in extensions.items()),
        ),
        {},
    )


class ContactColumns(Protocol):
    """The columns of a person that saving a contact writes (a model, or an import's draft)."""

    name: str
    name_key: str
    name_reading: str | None
    reading_key: str | None
    name_latin: str | None
    title: str | None
    department: str | None
    address: str | None
    postal_code: str | None
    prefecture: str | None
    country: str | None
    notes: str


def apply_contact(
    person: ContactColumns, reviewed: ReviewedCard, checked: CheckedContact, *, created: bool
) -> None:
    """Write a contact's texts onto a person's columns, the rules of every save.

    A known person keeps their name; other texts are replaced by the contact's when it has
    them (a newer card is the best knowledge), notes are appended. The company and the
    child rows (emails, phones, URLs, sources, career) are the caller's.

    Args:
        person: the person written to (a :class:`models.Person` or an import's draft).
        reviewed: the contact as confirmed.
        checked: what :func:`check_contact` answered for ``reviewed``.
        created: ``person`` was just created for this contact.
    """
    person.name = person.name if not created and person.name else checked.name
    person.name_key = name_key(person.name)
    if _clean(reviewed.name_reading):
        person.name_reading = _clean(reviewed.name_reading)
        person.reading_key = reading_key(person.name_reading) or None
    if _clean(reviewed.name_latin):
        person.name_latin = _clean(reviewed.name_latin)
    if _clean(reviewed.title):
        person.title = _clean(reviewed.title)
    if _clean(reviewed.department):
        person.department = _clean(reviewed.department)
    if _clean(reviewed.address):
        person.address = _clean(reviewed.address)
        person.postal_code = _clean(reviewed.postal_code)
        person.prefecture = prefecture_of(person.address)
    if checked.country:
        person.country = checked.country
    if _clean(reviewed.notes) and not holds_note(person.notes, reviewed.notes):
        person.notes = ((person.notes or "") + "\n" + reviewed.notes.strip()).strip()


def holds_note(notes: str | None, note: str) -> bool:
    """Whether ``notes`` already hold ``note`` whole, as lines of their own.

    The same file imported twice, or two cards with the same leftover lines, add a note once.
    """
    return f"\n{note.strip()}\n" in f"\n{(notes or '').strip()}\n"


@dataclass(frozen=True)
class NewContactValues:
    """The emails, phones and URLs of a contact that a person does not have yet, in order."""

    emails: tuple[str, ...] = ()
    phones: tuple[tuple[str, str], ...] = ()
    urls: tuple[str, ...] = ()


def new_contact_values(
    checked: CheckedContact,
    *,
    emails: Collection[str],
    phones: Collection[tuple[str, str]],
    urls: Collection[str],
) -> NewContactValues:
    """What of ``checked`` a person with these ``emails``, ``phones`` and ``urls`` lacks."""
    return NewContactValues(
        emails=tuple(e for e in checked.emails if e not in emails),
        phones=tuple(p for p in checked.phones if p not in phones),
        urls=tuple(u for u in checked.urls if u not in urls),
    )


def contact_record(record_id: int | str, reviewed: ReviewedCard, checked: CheckedContact) -> PersonRecord:
    """A contact as the matcher sees it: every field of the card, emails and phones as checked.

    The card review, API uploads and the import match the same record, so a card finds
    what the benchmark (``bench.match``) measures.
    """
    return PersonRecord(
        id=record_id,
        name=reviewed.name or None,
        name_reading=reviewed.name_reading or None,
        name_latin=reviewed.name_latin or None,
        company=reviewed.company or None,
        department=reviewed.department or None,
        title=reviewed.title or None,
        emails=checked.emails,
        phones=checked.phones,  # type: ignore[arg-type]
        urls=checked.urls,
        address=reviewed.address or None,
        postal_code=reviewed.postal_code or None,
    )


@dataclass(frozen=True)
class StoredContact:
    """Where :func:`store_contact` put a contact.

    Attributes:
        person: the new or existing person.
        created: whether the person is new.
        linked: other people the contact certainly is too (it carries the old mobile of one
            and the new mailbox of another, say), to be merged into ``person`` once it is
            committed (:func:`services.merging.merge_linked`).
        reasons: why, for the merge records.
    """

    person: Person
    created: bool
    linked: tuple[int, ...] = ()
    reasons: tuple[str, ...] = ()


def store_contact(
    session: Session,
    reviewed: ReviewedCard,
    checked: CheckedContact,
    *,
    user_id: int | None,
    source: str,
    source_id: str,
) -> StoredContact:
    """Write one checked contact to the person it belongs to, or to a new one (no commit).

    Where a card (reviewed, or uploaded through the API) becomes a person. The CSV import
    writes in bulk (:mod:`services.import_writer`) with the same rules, shared through
    :func:`apply_contact` and :func:`new_contact_values`.

    Args:
        session: the caller's session; the caller commits.
        reviewed: the contact as confirmed (texts are cleaned here).
        checked: what :func:`check_contact` answered for ``reviewed``.
        user_id: owner of a newly created person.
        source: where the record came from ("card", "import", "api"), kept in PersonSource.
        source_id: its id there (card id).

    Returns:
        The person and whether it was created.
    """
    company = find_or_create_company(
        session, reviewed.company, domain=contact_domain(checked.emails, checked.urls)
    )
    found = find_existing(session, contact_record(NEW_RECORD_ID, reviewed, checked))
    person = found.person if found.decision == "merge" else None
    created = person is None
    if person is None:
        person = Person(name=checked.name, owner_id=user_id, notes="")
        session.add(person)
    # Compared by object, not id: a company created in this batch has no id before the flush.
    before = (person.company, person.title)
    apply_contact(person, reviewed, checked, created=created)
    # A newer card is the best knowledge of where the person works now.
    if company is not None:
        person.company = company

    added = new_contact_values(
        checked,
        emails={e.email for e in person.emails},
        phones={(p.type, p.e164) for p in person.phones},
        urls={u.url for u in person.urls},
    )
    person.emails.extend(PersonEmail(email=e) for e in added.emails)
    person.phones.extend(PersonPhone(type=t, e164=e) for t, e in added.phones)
    for phone in person.phones:
        # A number known without its extension gets the one this contact gives.
        phone.extension = phone.extension or checked.extension_of(phone.type, phone.e164)
    person.urls.extend(PersonUrl(url=u) for u in added.urls)
    person.sources.append(PersonSource(source=source, source_id=source_id))

    if created or before != (person.company, person.title):
        person.career.append(
            CareerStep(
                company=person.company,
                company_name=person.company.name if person.company is not None else None,
                title=person.title,
                department=person.department,
                source="card",
            )
        )
    linked = tuple(other.id for other, _ in found.also) if not created else ()
    reasons = tuple(r for _, c in found.also for r in c.match.reasons)
    return StoredContact(person, created, linked, reasons)


def save_reviewed_card(card_id: int, reviewed: ReviewedCard, *, user_id: int | None) -> SaveOutcome:
    """Save a reviewed card to a new or existing person, and commit.

    Emails are lowercased and phones re-normalised to E.164 (:func:`check_contact`); the
    person is found and written by :func:`store_contact`, with the rules imports apply. A
    career step is recorded when a person's company or title changes (or on the first
    card). The card keeps its image, raw OCR and parsed result; ``reviewed`` records what
    was saved.

    Raises:
        CardNotFound: no such card.
        ReviewError: a field cannot be saved (no name, bad email or phone); nothing is written.
    """
    card = _get(card_id)
    region: str = current_app.config["DEFAULT_REGION"]
    checked, errors = check_contact(reviewed, region)
    if card.status == "saved":
        errors["card"] = "this card is already saved"
    elif card.status in ("queued", "running"):
        # The worker would overwrite the saved state when it finishes reading.
        errors["card"] = "this card is still being read; wait a moment"
    if errors or checked is None:
        raise ReviewError(errors)

    stored = store_contact(
        db.session, reviewed, checked, user_id=user_id, source="card", source_id=str(card.id)
    )
    person, created = stored.person, stored.created
    db.session.flush()
    card.person_id = person.id
    card.reviewed = {
        **reviewed.to_dict(),
        "emails": list(checked.emails),
        "phones": [
            {"type": t, "e164": e, **({"extension": x} if (x := checked.extension_of(t, e)) else {})}
            for t, e in checked.phones
        ],
    }
    card.status = "saved"
    card.saved_at = utcnow()
    db.session.commit()
    if stored.linked:
        reasons = (f"card {card.id} is both people", *stored.reasons)
        merge_linked([(person.id, other, reasons) for other in stored.linked])
        person = db.session.get(Person, live_person_id(db.session, person.id) or person.id) or person
    return SaveOutcome(person_id=person.id, created=created, company_id=person.company_id)
