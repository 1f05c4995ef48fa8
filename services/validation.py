"""The error a record service raises for a value it cannot store or a filter it cannot use.

Messages are English msgids with ``%(name)s`` placeholders, kept apart from their values,
so a view can show them translated: ``gettext(e.template, **e.params)``.
"""

from __future__ import annotations

from typing import Any

#: The largest id or page number taken from a request: ids are 32-bit in the
#: schema, and a bigger number would overflow the database driver (a 500).
MAX_ID = 2**31 - 1


def bounded_int(text: str | None) -> int | None:
    """``text`` as a whole number from 0 to :data:`MAX_ID`, or None when it is not one."""
    value = (text or "").strip()
    if not value.isdecimal() or not value.isascii():
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogue without translating it here."""
    return message


class InvalidInput(ValueError):
    """A submitted value cannot be stored; ``field`` names the form field to fix (HTTP 400)."""

    status = 400
    code = "invalid_input"

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        self.template = message
        self.params = params
        self.message = message % params if params else message
        super().__init__(f"{field}: {self.message}")


class InvalidCriteria(InvalidInput):
    """A search parameter has a value the search cannot use (HTTP 400)."""

    code = "invalid_search"
