"""The family of cardscan's own exceptions.

Each carries the HTTP status a web front end should answer with, so the app can
handle all of them in one place without knowing every subclass.
"""

from __future__ import annotations


class CardscanError(Exception):
    """Base of every error cardscan raises on purpose."""

    status: int = 500
    code: str = "cardscan_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableImage(CardscanError):
    """The bytes are not an image we can decode (corrupt, empty, truncated, wrong type)."""

    status = 422
    code = "unreadable_image"


class ImageTooLarge(UnreadableImage):
    """The image is over the pixel or byte limit (for example a decompression bomb)."""

    status = 413
    code = "image_too_large"


class OcrUnavailable(CardscanError):
    """Tesseract or one of its language packs is not installed."""

    status = 503
    code = "ocr_unavailable"


class OcrFailed(CardscanError):
    """Tesseract ran but failed or timed out on this image."""

    status = 422
    code = "ocr_failed"
