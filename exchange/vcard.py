"""vCard: a careful 4.0 writer (RFC 6350) and a 2.1/3.0/4.0 reader (vobject)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import vobject

from exchange import fields
from exchange.model import ContactRow, ImportedRow, RowError

# TEL TYPE values per phone type (RFC 6350 section 6.4.1). Values are written
# as text, which RFC 6350 allows "for backward compatibility with vCard 3":
# phone address books import text numbers more reliably than tel: URIs.
_TEL_TYPES = {"work": "work,voice", "mobile": "cell,voice", "fax": "work,fax", "other": "voice"}


def _escape(value: str) -> str:
    """Escape a text value or one component of a structured value."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _param(value: str) -> str:
    """A quoted parameter value (quotes are not allowed inside; RFC 6868 is overkill here)."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            # Continuation lines start with a space that counts toward the 75.
            current, size, limit = [], 0, 74
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def card_lines(row: ContactRow) -> list[str]:
    """The unfolded content lines of one contact's vCard 4.0."""
    parts = fields.split_name(row.name)
    pf, pg = (row.name_reading or "").partition(" ")[::2]
    fn = row.name or row.name_latin or row.company or (row.emails[0] if row.emails else "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_escape(fn)}"]
    sort_as = f";SORT-AS={_param(','.join(x for x in (pf, pg.strip()) if x))}" if row.name_reading else ""
    n_value = ";".join(_escape(x) for x in (parts.family, parts.given, parts.middle, "", ""))
    lines.append(f"N{sort_as}:{n_value}")
    if row.name_reading:
        # iOS and Android show and sort by these; SORT-AS is the RFC 6350 way.
        lines.append(f"X-PHONETIC-LAST-NAME:{_escape(pf)}")
        if pg.strip():
            lines.append(f"X-PHONETIC-FIRST-NAME:{_escape(pg.strip())}")
    if row.company or row.department:
        org = [row.company or ""]
        if row.department:
            org.append(row.department)
        lines.append("ORG:" + ";".join(_escape(x) for x in org))
    if row.title:
        lines.append(f"TITLE:{_escape(row.title)}")
    for phone in row.phones:
        lines.append(f"TEL;TYPE={_TEL_TYPES[phone.type]}:{_escape(fields.phone_text(phone))}")
    for email in row.emails:
        lines.append(f"EMAIL;TYPE=work:{_escape(email)}")
    for url in row.urls:
        lines.append(f"URL:{url}")
    if row.address or row.postal_code or row.country:
        region, city, street = fields.split_address(row.address, row.country)
        code = row.postal_code or ""
        # LABEL is the address as printed on an envelope.
        shown_code = f"〒{code}" if code and row.country in (None, "JP") else code
        label = " ".join(x for x in (shown_code, row.address or "") if x)
        label_param = f";LABEL={_param(label)}" if label else ""
        adr = ";".join(_escape(x) for x in ("", "", street, city, region, code, row.country or ""))
        lines.append(f"ADR;TYPE=work{label_param}:{adr}")
    notes = [row.notes] if row.notes else []
    if row.name_latin:
        notes.append(f"{fields.NOTE_LABELS['name_latin']}: {row.name_latin}")
    if notes:
        lines.append(f"NOTE:{_escape(chr(10).join(notes))}")
    lines.append("END:VCARD")
    return lines


def write_vcard(rows: Iterable[ContactRow]) -> bytes:
    """Contacts as one vCard 4.0 file: UTF-8, CRLF line endings, folded lines.

    Every card has FN and N; readings go to N's SORT-AS and to the
    X-PHONETIC-LAST-NAME / X-PHONETIC-FIRST-NAME properties phones use; ORG
    carries the department as its second component; ADR is split into
    region / locality / street when the address is Japanese.
    """
    out: list[str] = []
    for row in rows:
        out.extend(_fold(line) for line in card_lines(row))
    return ("\r\n".join(out) + "\r\n").encode("utf-8") if out else b""


# ---------------------------------------------------------------- reading

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
# Properties that carry nothing a contact keeps (or that we read elsewhere).
_IGNORED = {
    "version",
    "prodid",
    "rev",
    "uid",
    "photo",
    "logo",
    "sound",
    "kind",
    "fn",
    "n",
    "org",
    "title",
    "tel",
    "email",
    "url",
    "adr",
    "note",
    "label",
    "x-phonetic-first-name",
    "x-phonetic-last-name",
    "x-phonetic-middle-name",
    "x-phonetic-org",
    "categories",
    "x-abuid",
    "x-ablabel",
    "x-abshowas",
    "x-abadr",
    "clientpidmap",
    "source",
    "x-irmc-luid",
    "x-ms-ol-default-postal-address",
    "key",
}


def split_cards(text: str) -> Iterator[tuple[int, str]]:
    """``(first line number, card text)`` for each BEGIN:VCARD ... END:VCARD block."""
    start: int | None = None
    block: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line.strip("\ufeff")):
            start, block = number, []
        if start is not None:
            block.append(line.lstrip("\ufeff"))
            if _END.match(line):
                yield start, "\r\n".join(block) + "\r\n"
                start = None
    if start is not None:
        yield start, "\r\n".join(block) + "\r\n"


def _text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def _types(prop: vobject.base.ContentLine) -> str:
    """The TYPE values of a property, including vCard 2.1 bare types (TEL;CELL:...)."""
    values: list[str] = list(getattr(prop, "singletonparams", []))
    for key, params in prop.params.items():
        if key.upper() == "TYPE":
            values.extend(params)
    return " ".join(values)


def card_slots(card: vobject.base.Component) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Slots (see exchange.formats) and leftover properties of one parsed card."""
    cells: dict[str, str] = {}
    contents = card.contents
    n = contents.get("n", [None])[0]
    if n is not None and isinstance(n.value, vobject.vcard.Name):
        cells.update(
            family=_text(n.value.family), given=_text(n.value.given), middle=_text(n.value.additional)
        )
    if "x-phonetic-last-name" in contents or "x-phonetic-first-name" in contents:
        cells["phonetic_family"] = _text(
            contents.get("x-phonetic-last-name", [None])[0] and contents["x-phonetic-last-name"][0].value
        )
        cells["phonetic_given"] = _text(
            contents.get("x-phonetic-first-name", [None])[0] and contents["x-phonetic-first-name"][0].value
        )
    elif n is not None and n.params.get("SORT-AS"):
        family, _, given = ",".join(n.params["SORT-AS"]).partition(",")
        cells.update(phonetic_family=family, phonetic_given=given)
    elif "sound" in contents and "X-IRMC-N" in _types(contents["sound"][0]).upper():
        # Japanese feature phones: SOUND;X-IRMC-N:ヤマダ;タロウ;;;
        reading = contents["sound"][0].value
        family, _, given = (reading if isinstance(reading, str) else ";".join(reading)).partition(";")
        cells.update(phonetic_family=family, phonetic_given=given.split(";")[0])
    if "org" in contents:
        org = contents["org"][0].value
        org = org if isinstance(org, list) else [org]
        cells["company"] = _text(org[0]) if org else ""
        cells["department"] = " ".join(_text(o) for o in org[1:] if o)
    if "title" in contents:
        cells["title"] = _text(contents["title"][0].value)
    for i, prop in enumerate(contents.get("tel", []), start=1):
        cells[f"tel:{i}"] = re.sub(r"^tel:", "", _text(prop.value), flags=re.IGNORECASE)
        cells[f"tel_label:{i}"] = _types(prop)
    for i, prop in enumerate(contents.get("email", []), start=1):
        cells[f"email:{i}"] = _text(prop.value)
    for i, prop in enumerate(contents.get("url", []), start=1):
        cells[f"url:{i}"] = _text(prop.value)
    addresses = contents.get("adr", [])
    leftovers: list[tuple[str, str]] = []
    if addresses:
        # Prefer the work address; a second one is kept as a note.
        addresses = sorted(addresses, key=lambda a: "work" not in _types(a).casefold())
        adr = addresses[0].value
        if isinstance(adr, vobject.vcard.Address):
            cells.update(
                street=" ".join(x for x in (_text(adr.street), _text(adr.extended), _text(adr.box)) if x),
                city=_text(adr.city),
                region=_text(adr.region),
                postal_code=_text(adr.code),
                country=_text(adr.country),
            )
        for other in addresses[1:]:
            leftovers.append(("ADR", str(other.value).replace("\n", " ")))
    if "note" in contents:
        cells["notes"] = "\n".join(_text(p.value) for p in contents["note"])
    if not (cells.get("family") or cells.get("given")) and "fn" in contents:
        # FN is mandatory, so writers fill it with the company or an e-mail
        # when there is no name (we do too): that is not a person's name.
        fn = _text(contents["fn"][0].value)
        latin = re.findall(
            rf"^{fields.NOTE_LABELS['name_latin']}: (.+)$", cells.get("notes", ""), re.MULTILINE
        )
        stand_ins = {
            cells.get("company", ""),
            *(v for k, v in cells.items() if k.startswith("email:")),
            *latin,
        }
        if fn not in stand_ins:
            cells["name"] = fn
    for key, props in contents.items():
        if key in _IGNORED or (key.startswith("x-") and key.endswith(("-id", "uid"))):
            continue
        for prop in props:
            if _text(prop.value):
                leftovers.append((key.upper(), _text(prop.value)))
    return cells, leftovers


_CONTENT_LINE = re.compile(r"^[A-Za-z0-9.\-]+(?:;[^:]*)?:")


def _drop_unparseable(chunk: str, first_line: int) -> tuple[str, list[str]]:
    """Remove lines that are no vCard property (vobject would reject the whole card).

    A property is judged with its continuation lines (folded lines, vCard 2.1
    quoted-printable soft breaks) joined on, and kept or dropped with them.
    """
    groups: list[tuple[int, list[str]]] = []
    soft_break = False
    for offset, line in enumerate(chunk.split("\r\n")):
        if groups and (line.startswith((" ", "\t")) or soft_break):
            groups[-1][1].append(line)
        else:
            groups.append((first_line + offset, [line]))
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in "".join(groups[-1][1]).upper()
    kept: list[str] = []
    warnings: list[str] = []
    for number, lines in groups:
        logical = lines[0] + "".join(x[1:] for x in lines[1:])
        if not logical or _CONTENT_LINE.match(logical):
            kept.extend(lines)
        else:
            warnings.append(f"line {number}: not a vCard property, skipped: {logical[:60]!r}")
    return "\r\n".join(kept), warnings


def read_vcards(text: str, *, region: str = "JP") -> Iterator[ImportedRow | RowError]:
    """Read every card of a vCard 2.1/3.0/4.0 file, normalised like CSV rows.

    A line that is no property is skipped with a warning; a card that still
    cannot be parsed, or that names nobody, is a :class:`RowError`.

    Yields:
        One :class:`ImportedRow` or :class:`RowError` per card, with the line
        of its BEGIN:VCARD.
    """
    for line, chunk in split_cards(text):
        cleaned, skipped = _drop_unparseable(chunk, line)
        try:
            card = vobject.readOne(cleaned)
            cells, leftovers = card_slots(card)
            contact, warnings = fields.from_slots(cells, leftovers, region=region)
        except (vobject.base.VObjectError, ValueError, TypeError, AttributeError, IndexError) as e:
            # vobject reports bad input with several exception types; the card
            # is reported with its line, the file goes on.
            yield RowError(line=line, reason=f"unreadable vCard: {e}", raw={"vcard": chunk[:500]})
            continue
        warnings = skipped + warnings
        if contact.is_empty:
            reason = "; ".join(["no name, company, e-mail or phone", *skipped])
            yield RowError(line=line, reason=reason, raw={"vcard": chunk[:500]})
        else:
            yield ImportedRow(line=line, contact=contact, warnings=tuple(warnings))
