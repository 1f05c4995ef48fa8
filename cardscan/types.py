"""Value types shared by every stage of the cardscan pipeline.

All of them are frozen dataclasses that check themselves on construction, so a
value that exists is a valid value. Geometry is in pixels of the flattened card
image that OCR saw (origin top-left).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

PhoneType = Literal["work", "mobile", "fax", "other"]
PHONE_TYPES: tuple[str, ...] = get_args(PhoneType)

#: The card fields of CONTRACT section 1's JSON object, in its order (without file/seconds).
CONTRACT_FIELDS: tuple[str, ...] = (
    "name",
    "name_latin",
    "title",
    "department",
    "company",
    "emails",
    "phones",
    "urls",
    "postal_code",
    "address",
    "country",
)

#: Names of the fields a parsed card carries (the contract's plus the kana reading).
CARD_FIELDS: tuple[str, ...] = (
    "name",
    "name_latin",
    "name_reading",
    "title",
    "department",
    "company",
    "emails",
    "phones",
    "urls",
    "postal_code",
    "address",
    "country",
)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    left: int
    top: int
    width: int
    height: int

    def __post_init__(self) -> None:
        if self.width < 0 or self.height < 0:
            raise ValueError(f"negative box size: {self.width}x{self.height}")

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.width / 2, self.top + self.height / 2)

    def union(self, other: Box) -> Box:
        left = min(self.left, other.left)
        top = min(self.top, other.top)
        return Box(left, top, max(self.right, other.right) - left, max(self.bottom, other.bottom) - top)


@dataclass(frozen=True)
class Word:
    """One word as Tesseract read it. ``confidence`` is in [0, 1]."""

    text: str
    box: Box
    confidence: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence out of range: {self.confidence}")


@dataclass(frozen=True)
class Line:
    """A line of text: words in reading order.

    ``vertical`` is True for a column of 縦書き text; then ``box.width`` is the
    glyph size and ``box.height`` the length of the line.
    """

    text: str
    box: Box
    confidence: float
    words: tuple[Word, ...] = ()
    vertical: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence out of range: {self.confidence}")

    @property
    def glyph_size(self) -> int:
        """Approximate font size in pixels: the line's thickness."""
        return self.box.width if self.vertical else self.box.height


@dataclass(frozen=True)
class OcrPage:
    """Everything OCR read on one flattened card image."""

    lines: tuple[Line, ...]
    width: int
    height: int
    languages: str = ""
    vertical: bool = False
    rotation: int = 0  # degrees clockwise applied to the photo before OCR

    def __post_init__(self) -> None:
        if self.rotation not in (0, 90, 180, 270):
            raise ValueError(f"rotation must be a multiple of 90: {self.rotation}")

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Phone:
    """A phone number found on a card, normalised to E.164."""

    type: PhoneType
    e164: str
    raw: str = ""
    extension: str | None = None

    def __post_init__(self) -> None:
        if self.type not in PHONE_TYPES:
            raise ValueError(f"unknown phone type: {self.type!r}")
        if not (self.e164.startswith("+") and self.e164[1:].isdigit() and 8 <= len(self.e164) <= 16):
            raise ValueError(f"not an E.164 number: {self.e164!r}")

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "e164": self.e164}


@dataclass(frozen=True)
class ParsedCard:
    """The fields of one card.

    ``confidence`` maps a field name from :data:`CARD_FIELDS` to a value in
    [0, 1]; the review screen marks fields below a threshold as doubtful.
    ``leftover`` keeps the lines the parser did not assign, so nothing read is
    ever lost.
    """

    name: str | None = None
    name_latin: str | None = None
    name_reading: str | None = None
    title: str | None = None
    department: str | None = None
    company: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    urls: tuple[str, ...] = ()
    postal_code: str | None = None
    address: str | None = None
    country: str | None = None
    confidence: Mapping[str, float] = field(default_factory=dict)
    leftover: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for key, value in self.confidence.items():
            if key not in CARD_FIELDS:
                raise ValueError(f"confidence for unknown field {key!r}")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"confidence out of range for {key}: {value}")

    def to_contract_dict(self) -> dict[str, Any]:
        """The card as the JSON object of CONTRACT section 1 (without file/seconds)."""
        return {
            "name": self.name,
            "name_latin": self.name_latin,
            "title": self.title,
            "department": self.department,
            "company": self.company,
            "emails": list(self.emails),
            "phones": [p.to_dict() for p in self.phones],
            "urls": list(self.urls),
            "postal_code": self.postal_code,
            "address": self.address,
            "country": self.country,
        }

    def to_dict(self) -> dict[str, Any]:
        """Every field, including reading, phone extensions, confidences and leftover lines."""
        data = self.to_contract_dict()
        data["phones"] = [
            {**p.to_dict(), **({"extension": p.extension} if p.extension else {})} for p in self.phones
        ]
        data["name_reading"] = self.name_reading
        data["confidence"] = dict(self.confidence)
        data["leftover"] = list(self.leftover)
        return data


@dataclass(frozen=True)
class ScanResult:
    """The outcome of scanning one image: a card, or an error, never both."""

    file: str
    seconds: float
    card: ParsedCard | None = None
    error: str | None = None
    page: OcrPage | None = None
    timings: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.card is None) == (self.error is None):
            raise ValueError("a ScanResult has exactly one of card and error")

    def to_json_dict(self, *, extra: bool = False) -> dict[str, Any]:
        """The JSON Lines object of CONTRACT section 1.

        With ``extra``, adds ``name_reading``, ``confidence`` and ``leftover``.
        """
        if self.card is None:
            return {"file": self.file, "error": self.error}
        body = self.card.to_dict() if extra else self.card.to_contract_dict()
        return {"file": self.file, **body, "seconds": round(self.seconds, 3)}
