"""exchange: contacts to and from the files other tools read and write.

Pure Python (no Flask, no SQLAlchemy): plain dataclasses in, bytes or rows
out. The web service wires it to ``flask --app app export-csv`` /
``import-csv``, the import preview and the API.

Export::

    result = export(rows, "google")                 # ExportResult(data, warnings, ...)
    result = export(rows, "generic", encoding="cp932")
    result = export(rows, "vcard")

Import::

    detected = sniff(data)                          # format, encoding, header, mapping
    for item in read_rows(data, detected):          # ImportedRow | RowError, with line numbers
        ...
"""

from __future__ import annotations

from collections.abc import Iterable

from exchange.csvio import (
    CP932_REPLACEMENT,
    ENCODINGS,
    decode,
    neutralise,
    preview,
    read_rows,
    sniff,
    write_csv,
)
from exchange.errors import UnreadableFile
from exchange.formats import EXPORT_FORMATS, FORMATS, IMPORT_FORMATS, Format
from exchange.model import (
    GENERIC_COLUMNS,
    GENERIC_EXPORT_COLUMNS,
    ContactRow,
    Detected,
    ExportResult,
    ImportedRow,
    RowError,
)
from exchange.vcard import read_vcards, write_vcard


def export(rows: Iterable[ContactRow], fmt: str, encoding: str = "utf-8-sig") -> ExportResult:
    """Write contacts in any of :data:`EXPORT_FORMATS`.

    Args:
        rows: the contacts.
        fmt: ``generic``, ``google``, ``outlook``, ``hubspot``, ``salesforce`` or ``vcard``.
        encoding: for CSV, ``utf-8-sig`` (default), ``utf-8`` or ``cp932``.
            vCard 4.0 is always UTF-8 (RFC 6350); asking for anything else
            adds a warning.

    Returns:
        The bytes with their media type and file extension, and warnings.

    Raises:
        ValueError: unknown format or encoding.
    """
    if fmt == "vcard":
        warnings = [] if encoding.lower().startswith("utf") else ["vCard 4.0 is always written in UTF-8"]
        return ExportResult(
            data=write_vcard(rows), warnings=warnings, media_type="text/vcard", extension="vcf"
        )
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
    result = write_csv(rows, fmt, encoding)
    charset = "shift_jis" if ENCODINGS[encoding.lower()] == "cp932" else "utf-8"
    return ExportResult(data=result.data, warnings=result.warnings, media_type=f"text/csv; charset={charset}")


__all__ = [
    "CP932_REPLACEMENT",
    "ENCODINGS",
    "EXPORT_FORMATS",
    "FORMATS",
    "GENERIC_COLUMNS",
    "GENERIC_EXPORT_COLUMNS",
    "IMPORT_FORMATS",
    "ContactRow",
    "Detected",
    "ExportResult",
    "Format",
    "ImportedRow",
    "RowError",
    "UnreadableFile",
    "decode",
    "export",
    "neutralise",
    "preview",
    "read_rows",
    "read_vcards",
    "sniff",
    "write_csv",
    "write_vcard",
]
