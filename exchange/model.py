"""Value types of the exchange package: contacts in, rows and errors out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cardscan.types import ParsedCard, Phone

#: CONTRACT section 2: the generic columns, for import and export, in order.
GENERIC_COLUMNS: tuple[str, ...] = (
    "source_id",
    "name",
    "name_latin",
    "name_reading",
    "company",
    "department",
    "title",
    "email",
    "phone",
    "mobile",
    "fax",
    "url",
    "postal_code",
    "address",
    "country",
    "notes",
)

#: ``export-csv --format generic`` adds ``contact_id`` first and these two last.
GENERIC_EXPORT_COLUMNS: tuple[str, ...] = ("contact_id", *GENERIC_COLUMNS, "source_ids", "card_count")

_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ContactRow:
    """One contact as the exchange formats see it.

    Values are already normalised (the importer normalises, the exporter
    trusts the database). Lists keep every value; a format that has one column
    for a field writes the first and keeps the rest in notes or in its own
    extra columns.
    """

    name: str | None = None
    name_latin: str | None = None
    name_reading: str | None = None
    company: str | None = None
    department: str | None = None
    title: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    urls: tuple[str, ...] = ()
    postal_code: str | None = None
    address: str | None = None
    country: str | None = None
    notes: str | None = None
    source_id: str | None = None
    contact_id: int | None = None
    source_ids: tuple[str, ...] = ()
    card_count: int | None = None

    def __post_init__(self) -> None:
        if self.country is not None and not _COUNTRY.match(self.country):
            raise ValueError(f"country must be ISO 3166-1 alpha-2: {self.country!r}")
        if self.card_count is not None and self.card_count < 0:
            raise ValueError(f"negative card_count: {self.card_count}")
        for email in self.emails:
            if "@" not in email:
                raise ValueError(f"not an email address: {email!r}")
        if any(not isinstance(p, Phone) for p in self.phones):
            raise TypeError("phones must be cardscan.types.Phone values")
        if any(";" in s for s in self.source_ids):
            raise ValueError("a source_id cannot contain ';' (the source_ids separator)")

    @classmethod
    def from_parsed_card(
        cls,
        card: ParsedCard,
        *,
        notes: str | None = None,
        source_id: str | None = None,
        contact_id: int | None = None,
        source_ids: tuple[str, ...] = (),
        card_count: int | None = None,
    ) -> ContactRow:
        """A contact from a scanned (and reviewed) card, e.g. for exporting people."""
        return cls(
            name=card.name,
            name_latin=card.name_latin,
            name_reading=card.name_reading,
            company=card.company,
            department=card.department,
            title=card.title,
            emails=card.emails,
            phones=card.phones,
            urls=card.urls,
            postal_code=card.postal_code,
            address=card.address,
            country=card.country,
            notes=notes or None,
            source_id=source_id,
            contact_id=contact_id,
            source_ids=source_ids,
            card_count=card_count,
        )

    def to_parsed_card(self) -> ParsedCard:
        """The contact as a ParsedCard, so an imported row can go through the same
        saving and duplicate detection as a scanned card. Notes become leftover lines.
        """
        return ParsedCard(
            name=self.name,
            name_latin=self.name_latin,
            name_reading=self.name_reading,
            title=self.title,
            department=self.department,
            company=self.company,
            emails=self.emails,
            phones=self.phones,
            urls=self.urls,
            postal_code=self.postal_code,
            address=self.address,
            country=self.country,
            leftover=tuple(self.notes.splitlines()) if self.notes else (),
        )

    def phones_of(self, kind: str) -> tuple[Phone, ...]:
        """The phones of one type (``work``, ``mobile``, ``fax``, ``other``), in order."""
        return tuple(p for p in self.phones if p.type == kind)

    @property
    def is_empty(self) -> bool:
        """True when nothing identifies the person: no name, company, email or phone."""
        return not (self.name or self.name_latin or self.company or self.emails or self.phones)


@dataclass(frozen=True)
class ExportResult:
    """Bytes to write and what could not be written exactly (e.g. cp932 gaps)."""

    data: bytes
    warnings: list[str] = field(default_factory=list)
    media_type: str = "text/csv"
    extension: str = "csv"


@dataclass(frozen=True)
class Detected:
    """What :func:`exchange.sniff` found, for the import preview.

    ``mapping`` maps each header cell, in file order, to the ContactRow field
    it fills (e.g. ``"E-mail 1 - Value" -> "email"``) or to ``None`` when the
    column is kept as a note.
    """

    format: str
    encoding: str
    header: tuple[str, ...] = ()
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    preamble_lines: int = 0
    delimiter: str = ","

    def __post_init__(self) -> None:
        if self.preamble_lines < 0:
            raise ValueError("preamble_lines cannot be negative")
        if len(self.delimiter) != 1:
            raise ValueError(f"delimiter must be one character: {self.delimiter!r}")


@dataclass(frozen=True)
class ImportedRow:
    """A row that was read: the normalised contact and what needed attention.

    ``line`` is the 1-based line of the file where the row (or vCard) starts.
    ``warnings`` name values that could not be normalised; such values are
    kept in ``contact.notes``, never dropped.
    """

    line: int
    contact: ContactRow
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.line < 1:
            raise ValueError(f"line numbers start at 1: {self.line}")


@dataclass(frozen=True)
class RowError:
    """A row that cannot become a contact, with the reason and its raw cells."""

    line: int
    reason: str
    raw: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.line < 1:
            raise ValueError(f"line numbers start at 1: {self.line}")
        if not self.reason:
            raise ValueError("a RowError needs a reason")
