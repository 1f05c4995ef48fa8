"""Writing and reading the CSV formats of exchange.formats."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from exchange import fields
from exchange.errors import UnreadableFile
from exchange.formats import FORMATS, Format, header_key
from exchange.model import ContactRow, Detected, ExportResult, ImportedRow, RowError

# Cells a spreadsheet would evaluate (OWASP "CSV injection"): a leading quote
# makes Excel, LibreOffice and Google Sheets show them as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GUARD = "'"

#: Encodings ``write_csv`` accepts, by the names users type.
ENCODINGS: dict[str, str] = {
    "utf-8-sig": "utf-8-sig",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
}

# Unicode code points that JIS-based text uses but Python's cp932 codec maps
# elsewhere (WAVE DASH vs FULLWIDTH TILDE and friends): the same glyph in
# Excel, so translating them is not a loss worth a warning.
_CP932_FIX = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 -> ～
        "\u2212": "\uff0d",  # − -> －
        "\u2016": "\u2225",  # ‖ -> ∥
        "\u00a2": "\uffe0",  # ¢ -> ￠
        "\u00a3": "\uffe1",  # £ -> ￡
        "\u00ac": "\uffe2",  # ¬ -> ￢
        "\u2014": "\u2015",  # — -> ―
    }
)
#: What replaces a character cp932 cannot hold: the geta mark, the customary
#: visible placeholder in Japanese text.
CP932_REPLACEMENT = "〓"


def neutralise(cell: str) -> str:
    """Guard a cell against being run as a formula by spreadsheets.

    A plain number (an E.164 phone such as ``+81312345678``, ``-5``) is left
    alone; so is any cell not starting with ``= + - @``, tab or CR. A cell
    that already starts with our guard before such a character gets one more,
    so the importer's un-guarding gives back the original.
    """
    if not cell:
        return cell
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return _GUARD + cell
    if cell.startswith(_GUARD) and cell[1:2] and (cell[1:2] in _FORMULA_START or cell[1:2] == _GUARD):
        return _GUARD + cell
    return cell


def unguard(cell: str) -> str:
    """Undo :func:`neutralise` on a cell read back."""
    if cell.startswith(_GUARD) and cell[1:2] and (cell[1:2] in _FORMULA_START or cell[1:2] == _GUARD):
        return cell[1:]
    return cell


def _format(fmt: str | Format) -> Format:
    if isinstance(fmt, Format):
        return fmt
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown CSV format {fmt!r}; known: {', '.join(FORMATS)}") from None


def rows_for(rows: Iterable[ContactRow], fmt: str | Format) -> Iterator[list[str]]:
    """The header and then one list of (unguarded) cells per contact."""
    f = _format(fmt)
    if not f.exportable:
        raise ValueError(f"{f.name} is an import-only format")
    yield list(f.header)
    held = f.slots
    for row in rows:
        slots = fields.to_slots(row, held)
        yield [slots.get(slot, "") if slot and slot != "skip" else "" for _, slot in f.columns]


def write_csv(rows: Iterable[ContactRow], fmt: str | Format, encoding: str = "utf-8-sig") -> ExportResult:
    """Write contacts as a CSV file of one product's format.

    Args:
        rows: the contacts, in output order.
        fmt: a :data:`FORMATS` name or a :class:`Format`.
        encoding: ``utf-8-sig`` (default: UTF-8 with a BOM so that Excel reads
            Japanese correctly), ``utf-8``, or ``cp932`` / ``shift_jis`` for
            older Japanese Excel.

    Returns:
        The bytes, and one warning per character cp932 could not hold (each
        replaced by :data:`CP932_REPLACEMENT`); never raises on content.

    Raises:
        ValueError: unknown format or encoding.
    """
    codec = ENCODINGS.get(encoding.lower())
    if codec is None:
        raise ValueError(f"unsupported encoding {encoding!r}; use utf-8-sig, utf-8 or cp932")
    f = _format(fmt)
    warnings: list[str] = []
    buffer = io.StringIO()
    # CRLF is what RFC 4180 and Excel expect.
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, cells in enumerate(rows_for(rows, f)):
        if codec == "cp932":
            cells = [_to_cp932(c, index, f.header[j], warnings) for j, c in enumerate(cells)]
        writer.writerow([neutralise(c) for c in cells])
    return ExportResult(data=buffer.getvalue().encode(codec), warnings=warnings)


def _to_cp932(cell: str, row: int, header: str, warnings: list[str]) -> str:
    cell = cell.translate(_CP932_FIX)
    try:
        cell.encode("cp932")
        return cell
    except UnicodeEncodeError:
        pass
    out = []
    for ch in cell:
        try:
            ch.encode("cp932")
            out.append(ch)
        except UnicodeEncodeError:
            warnings.append(
                f"row {row}, {header}: {ch!r} (U+{ord(ch):04X}) cannot be written in cp932; "
                f"replaced with {CP932_REPLACEMENT}"
            )
            out.append(CP932_REPLACEMENT)
    return "".join(out)


# ---------------------------------------------------------------- reading

# A cell may hold a long note (Python's csv stops at 128 KiB by default); a
# longer one is reported as its row's error, and the rows after it are read.
_MAX_CELL_CHARS = 4 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), _MAX_CELL_CHARS))


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (BOM or not), UTF-16 with BOM, else CP932.

    Strict UTF-8 is tried before CP932 because valid Japanese Shift_JIS text
    is almost never valid UTF-8, while the reverse is often "valid" garbage.

    Raises:
        UnreadableFile: none of them decodes the bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp932"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("the file is neither UTF-8 nor Shift_JIS/CP932 text")


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


#: What the vCard reader takes from which property, for the preview.
VCARD_MAPPING: dict[str, str | None] = {
    "N / FN": "name",
    "X-PHONETIC-LAST-NAME / X-PHONETIC-FIRST-NAME / N;SORT-AS / SOUND;X-IRMC-N": "name_reading",
    "ORG": "company, department",
    "TITLE": "title",
    "EMAIL": "email",
    "TEL": "phone, mobile, fax (by TYPE)",
    "URL": "url",
    "ADR": "postal_code, address, country",
    "NOTE": "notes",
    "other properties": None,
}

#: Order of preference when two formats recognise the same number of headers.
_PRIORITY = ("generic", "eight", "google", "outlook", "salesforce", "hubspot")


def _slot_field(slot: str | None) -> str | None:
    """The ContactRow field a slot fills, for the preview."""
    if slot is None:
        return None
    head = slot.partition(":")[0]
    return {
        "family": "name",
        "given": "name",
        "middle": "name",
        "phonetic_family": "name_reading",
        "phonetic_given": "name_reading",
        "street": "address",
        "street_2": "address",
        "city": "address",
        "region": "address",
        "address_formatted": "address",
        "tel": "phone",
        "other": "phone",
        "tel_label": "phone type",
        "email_label": "ignored",
        "url_label": "ignored",
        "adr_label": "ignored",
        "skip": "ignored",
    }.get(head, head)


def _score(cells: list[str], *, loose: bool = False) -> str:
    """The format whose headers this row is, or "" when it is no header row.

    A header row is mostly headers some format knows (two at least); ``loose``,
    for a file's first row, one column the format reads is enough.
    """
    keys = [header_key(c) for c in cells if c.strip()]
    best_key, best_name = (0, 0), ""
    for name in _PRIORITY:
        fmt = FORMATS[name]
        own_headers = {header_key(h) for h in fmt.header}
        known = fmt.import_map()
        if loose:
            # Only columns whose values would be read count (not Outlook's "Name" it skips).
            hits = sum(1 for k in keys if _slot_field(_resolve(known, k)) not in (None, "ignored"))
        else:
            hits = sum(1 for k in keys if k in own_headers or _resolve(known, k) is not None)
        # Exact own headers (not aliases) break ties between look-alike formats.
        own = sum(1 for k in keys if k in own_headers)
        if hits >= (1 if loose else max(2, len(keys) // 2)) and (hits, own) > best_key:
            best_key, best_name = (hits, own), name
    return best_name


def _detected(name: str, cells: list[str], encoding: str, lines_before: int, delimiter: str) -> Detected:
    known = FORMATS[name].import_map()
    header = tuple(c.strip() for c in cells)
    mapping = {h: _slot_field(_resolve(known, h)) for h in header if h}
    return Detected(
        format=name,
        encoding=encoding,
        header=header,
        mapping=mapping,
        preamble_lines=lines_before,
        delimiter=delimiter,
    )


def sniff(data: bytes) -> Detected:
    """Detect the format, encoding, header row and column mapping of an import file.

    Raises:
        UnreadableFile: the bytes are not text we can decode, or no header row
            of a known kind appears in the first 30 lines.
    """
    text, encoding = decode(data)
    if text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD"):
        return Detected(format="vcard", encoding=encoding, mapping=VCARD_MAPPING)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines_before = 0
    first: tuple[list[str], int] | None = None  # the first row with something in it
    for _ in range(30):
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise UnreadableFile(f"line {reader.line_num}: {e}") from e
        name = _score(cells)
        if name:
            return _detected(name, cells, encoding, lines_before, delimiter)
        if first is None and any(c.strip() for c in cells):
            first = (cells, lines_before)
        lines_before = reader.line_num
    # No row is mostly known headers: a file's first row is still its header
    # when it names one column we know ("name" alone, or beside many of the
    # user's own columns, which are kept as notes).
    if first is not None:
        name = _score(first[0], loose=True)
        if name:
            return _detected(name, first[0], encoding, first[1], delimiter)
    raise UnreadableFile(
        "no header row of a known format (generic, Google, Outlook, HubSpot, Salesforce, Eight)"
    )


def read_rows(
    data: bytes, detected: Detected | None = None, *, region: str = "JP"
) -> Iterator[ImportedRow | RowError]:
    """Read every contact of an import file, normalised.

    Args:
        data: the file's bytes.
        detected: what :func:`sniff` said (sniffed again when None); the UI may
            pass a corrected one.
        region: phone region for numbers written without a country code, when
            the row has no country of its own.

    Yields:
        One :class:`ImportedRow` or :class:`RowError` per row (per card for
        vCard), in file order, with 1-based line numbers where it starts.
        Blank lines are not rows.

    Raises:
        UnreadableFile: the file as a whole cannot be read.
    """
    detected = detected or sniff(data)
    try:
        text = data.decode(detected.encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise UnreadableFile(f"cannot decode the file as {detected.encoding}: {e}") from e
    if detected.format == "vcard":
        from exchange.vcard import read_vcards

        yield from read_vcards(text, region=region)
        return
    fmt = _format(detected.format)
    known = fmt.import_map()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detected.delimiter)
    header: list[str] | None = None
    slots: list[str | None] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            # The reader goes on with the next line: one bad row loses no others.
            yield RowError(line=max(start, 1), reason=f"malformed CSV: {e}")
            continue
        if header is None:
            if start > detected.preamble_lines:
                header = [c.strip() for c in cells]
                if header and header[0].startswith("\ufeff"):
                    header[0] = header[0][1:]
                slots = [_resolve(known, h) for h in header]
            continue
        if not any(c.strip() for c in cells):
            continue
        yield _row(start, header, slots, cells, region)


# Outlook desktop writes these into every empty birthday/anniversary cell.
_EMPTY_DATES = frozenset({"0/0/00", "00/0/0", "0/0/0000"})
_NUMBERED = re.compile(r"^(.*?)\s*(\d+)$")
_INDEXED_KINDS = ("email", "phone", "mobile", "fax", "other", "url")


def _resolve(known: dict[str, str], header: str) -> str | None:
    """The slot of a header; "Email 2", "電話2" fall back to their kind."""
    key = header_key(header)
    if key in known:
        return known[key]
    numbered = _NUMBERED.match(key)
    if numbered:
        slot = known.get(numbered.group(1))
        if slot and slot.partition(":")[0] in _INDEXED_KINDS:
            return slot
    return None


def _free(values: dict[str, str], slot: str) -> str | None:
    """Where a second value for a filled slot goes: the next index of its kind."""
    if not values.get(slot):
        return slot
    kind, _, index = slot.partition(":")
    if kind not in _INDEXED_KINDS or not index.isdigit():
        return None
    n = int(index)
    while values.get(f"{kind}:{n}"):
        n += 1
    return f"{kind}:{n}"


def _row(
    line: int, header: list[str], slots: list[str | None], cells: list[str], region: str
) -> ImportedRow | RowError:
    raw = {(header[j] if j < len(header) else f"column {j + 1}"): c for j, c in enumerate(cells)}
    values: dict[str, str] = {}
    unmapped: list[tuple[str, str]] = []
    for j, cell in enumerate(cells):
        cell = unguard(cell)
        slot = slots[j] if j < len(slots) else None
        name = header[j] if j < len(header) else f"column {j + 1}"
        if slot == "skip" or (slot is None and cell.strip() in _EMPTY_DATES):
            continue
        target = _free(values, slot) if slot else None
        if target is None:
            unmapped.append((name or f"column {j + 1}", cell))
        elif cell.strip() or target not in values:
            values[target] = cell
    try:
        contact, warnings = fields.from_slots(values, unmapped, region=region)
    except ValueError as e:
        return RowError(line=line, reason=str(e), raw=raw)
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        warnings.append(f"{len(cells) - len(header)} cell(s) beyond the header kept in notes")
    if contact.is_empty:
        return RowError(line=line, reason="no name, company, e-mail or phone", raw=raw)
    return ImportedRow(line=line, contact=contact, warnings=tuple(warnings))


def preview(data: bytes, limit: int = 20) -> tuple[Detected, list[ImportedRow | RowError]]:
    """Detection plus the first ``limit`` rows, for the UI before anything is written."""
    detected = sniff(data)
    out: list[ImportedRow | RowError] = []
    for item in read_rows(data, detected):
        out.append(item)
        if len(out) >= limit:
            break
    return detected, out
