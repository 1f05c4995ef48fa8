"""Errors of the exchange package, in cardscan's exception family."""

from __future__ import annotations

from cardscan.errors import CardscanError


class UnreadableFile(CardscanError):
    """An import file as a whole cannot be read (encoding, no known header).

    Single bad rows are not errors: they come back as ``RowError`` values.
    """

    status = 422
    code = "unreadable_file"
