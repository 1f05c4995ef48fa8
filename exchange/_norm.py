"""The one place exchange calls ``cardscan.normalize``.

Imports go through the same normalisation as scanned cards. These wrappers fix
the calling convention in one spot and turn "cannot be normalised" into
``None`` (the caller keeps the raw value in notes), never an exception.
"""

from __future__ import annotations

import functools
import re

import phonenumbers

from cardscan import normalize as _cs
from cardscan.types import Phone, PhoneType

_E164 = re.compile(r"\+[1-9]\d{6,14}")


_SPACES = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """NFKC, dashes between digits unified, runs of spaces collapsed, stripped."""
    if not text or text.isspace():  # most cells of a wide export
        return ""
    return _cs.nfkc(_SPACES.sub(" ", text))


@functools.lru_cache(maxsize=1 << 16)
def normalize_phone(raw: str, region: str, kind: PhoneType) -> Phone | None:
    """E.164 phone of the given kind and its extension, or None when ``raw`` is not a phone number.

    The kind comes from the column (mobile, fax) the value was in: that says
    more than the number itself. Cached: a file repeats main lines and faxes.
    """
    if not raw.strip():
        return None
    if _E164.fullmatch(raw):
        # Our own exports (and most CRM exports) hold E.164 already; skipping
        # the OCR-tolerant matcher makes re-imports several times faster and
        # gives the same result as cardscan.normalize for such input.
        try:
            number = phonenumbers.parse(raw)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_possible_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return Phone(type=kind, e164=e164, raw=raw)
        return None
    try:
        e164, extension = _cs.split_phone(raw, region=region)
        return Phone(type=kind, e164=e164, raw=raw, extension=extension)
    except ValueError:  # InvalidPhone, or an E.164 form Phone refuses
        return None


def normalize_email(raw: str) -> str | None:
    """Lowercased address with valid syntax, else None."""
    return _cs.normalize_email(raw) if raw.strip() else None


@functools.lru_cache(maxsize=1 << 14)  # a company's URL is on every colleague's row
def normalize_url(raw: str) -> str | None:
    """URL with a scheme and a lowercase host, else None."""
    return _cs.normalize_url(raw) if raw.strip() else None


def normalize_postal_code(raw: str, country: str | None) -> str | None:
    """Japanese codes as ``NNN-NNNN``; others as printed."""
    return _cs.normalize_postal_code(raw, country=country) if raw.strip() else None


def postal_code_in_address(raw: str) -> str | None:
    """The Japanese postal code an address starts with (which :func:`normalize_address` drops)."""
    return _cs.postal_code_in_address(raw)


def normalize_address(raw: str) -> str | None:
    """Address without a leading 〒/postal code, NFKC, dashes between numbers unified."""
    return (_cs.normalize_address(raw, ocr=False) or None) if raw.strip() else None
