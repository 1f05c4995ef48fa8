"""cardscan's reading errors in the interface language, at display time.

cardscan is a plain library: its errors are English sentences with a code
(``cardscan.errors``), and the CLI and the JSON API show them as they are. Pages show them
through :func:`scan_error`, which goes by the exception code where it is still at hand and by
cardscan's fixed wording where only the text was stored (``Card.error``), and returns the
catalogue's translation (msgids in ``messages.po``). A message not listed here is shown as
it is rather than hidden; ``tests/web/test_i18n.py`` feeds cardscan's real messages through
it so a reworded message is noticed.
"""

from __future__ import annotations

import re

from flask import Blueprint
from flask_babel import gettext as _

from services.validation import N_

bp = Blueprint("scan_errors", __name__)

#: What the person at the capture page should know for each cardscan exception code.
SCAN_ERRORS: dict[str, str] = {
    "unreadable_image": N_("The photo cannot be read as an image. Take it again as JPEG, PNG, WebP or HEIC."),
    "image_too_large": N_("The photo is too large. Take it with fewer pixels or send a smaller file."),
    "ocr_unavailable": N_("The text reader (Tesseract) is not available. Tell an administrator."),
    "ocr_failed": N_("The text reader failed on this photo. Retry, or take the photo again."),
}

#: Finer messages for the most frequent unreadable photos (pattern on cardscan's wording).
_SCAN_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"empty file"), N_("The file is empty.")),
    (re.compile(r"image is too small to hold a card: .*"), N_("The photo is too small to hold a card.")),
    (
        re.compile(r"not a supported image \(.*\)"),
        N_("Not a JPEG, PNG, WebP or HEIC image."),
    ),
    (
        re.compile(r"Tesseract (orientation detection )?timed out after .*", re.S),
        N_("Reading took too long and was stopped. Retry, or take the photo again."),
    ),
    (
        re.compile(r"internal error while reading the card"),
        N_("Internal error while reading the card. Retry; if it keeps happening, tell an administrator."),
    ),
)

#: cardscan's wording per code, for texts stored without their code (``Card.error``).
_SCAN_CODES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"image has \d+x\d+ pixels, over the limit .*"
            r"|image is too large to decode safely.*"
            r"|file is (\d+ bytes, )?over the limit .*",
            re.S,
        ),
        "image_too_large",
    ),
    (
        re.compile(
            r"corrupt or truncated image.*|file not found|is a directory, not an image file"
            r"|cannot read file.*|unreadable image",
            re.S,
        ),
        "unreadable_image",
    ),
    (
        re.compile(r"Tesseract (is not installed|does not run|language data missing).*", re.S),
        "ocr_unavailable",
    ),
    (re.compile(r"Tesseract failed.*", re.S), "ocr_failed"),
)

_NOT_SAVED = re.compile(r"read but not saved: (.*)", re.S)


def scan_error(text: str | None, code: str | None = None) -> str:
    """A card reading error (``ScanResult.error``, ``Card.error``, a ``CardscanError``) translated.

    Args:
        text: the English message cardscan (or the reading task) gave.
        code: the exception's ``code`` when it is known; else it is told from the wording.
    """
    if not text and not code:
        return ""
    text = text or ""
    not_saved = _NOT_SAVED.fullmatch(text)
    if not_saved:
        return _("Read, but not saved: %(reason)s", reason=not_saved.group(1))
    for pattern, message in _SCAN_DETAILS:
        if pattern.fullmatch(text):
            return _(message)
    if code is None:
        code = next((c for pattern, c in _SCAN_CODES if pattern.fullmatch(text)), None)
    if code in SCAN_ERRORS:
        return _(SCAN_ERRORS[code])
    return text


@bp.app_template_filter("scan_error")
def scan_error_filter(text: str | None) -> str:
    """:func:`scan_error` for templates: ``{{ card.error | scan_error }}``."""
    return scan_error(text)
