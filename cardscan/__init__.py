"""cardscan: read business cards from photos.

A plain library (no web framework, no database): image bytes or paths in,
frozen dataclasses out. The web application and the command line both call
the functions exported here.
"""

from cardscan.errors import CardscanError, ImageTooLarge, OcrFailed, OcrUnavailable, UnreadableImage
from cardscan.types import Box, Line, OcrPage, ParsedCard, Phone, ScanResult, Word

__all__ = [
    "Box",
    "CardscanError",
    "ImageTooLarge",
    "Line",
    "OcrFailed",
    "OcrPage",
    "OcrUnavailable",
    "ParsedCard",
    "Phone",
    "ScanResult",
    "UnreadableImage",
    "Word",
]
