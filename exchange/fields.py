"""Between a ContactRow and the slots of a format table (see exchange.formats).

``to_slots`` spreads a contact over slots for writing; ``from_slots`` gathers
the cells of one imported row back into a normalised contact. Both directions
share the name and address splitting rules so that what we export, we read
back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cardscan.types import Phone, PhoneType
from exchange import _norm
from exchange.model import ContactRow

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")

# Labels of the "Label: value" lines that carry overflow values in notes.
# Order matters only for writing.
NOTE_LABELS: dict[str, str] = {
    "email": "Email",
    "phone": "Phone",
    "mobile": "Mobile",
    "fax": "Fax",
    "other": "Other phone",
    "url": "URL",
    "name_latin": "Latin name",
    "name_reading": "Reading",
    "department": "Department",
    "postal_code": "Postal code",
    "address": "Address",
}
_LABEL_TO_KIND = {v.casefold(): k for k, v in NOTE_LABELS.items()}
_NOTE_LINE = re.compile(r"^([A-Za-z][A-Za-z ]*?)(?: \d+)?: (.+)$")

_PHONE_LABELS: dict[PhoneType, str] = {
    "work": "Work",
    "mobile": "Mobile",
    "fax": "Work Fax",
    "other": "Other",
}


@dataclass(frozen=True)
class NameParts:
    """A name split the way contact apps store it."""

    family: str = ""
    given: str = ""
    middle: str = ""


def is_cjk(text: str) -> bool:
    """True when the text contains kana or kanji."""
    return bool(_CJK.search(text))


def split_name(name: str | None) -> NameParts:
    """Split a contract-style name into family / given / middle.

    Japanese names (any kana or kanji) are "family given" on the one ASCII
    space; without a space the whole name is the family name, which every
    importer requires. Western names are "Given [Middle...] Family".
    """
    if not name:
        return NameParts()
    name = name.strip()
    if is_cjk(name):
        family, _, given = name.partition(" ")
        return NameParts(family=family, given=given.strip())
    parts = name.split()
    if len(parts) == 1:
        return NameParts(family=parts[0])
    return NameParts(family=parts[-1], given=parts[0], middle=" ".join(parts[1:-1]))


def join_name(family: str, given: str, middle: str = "") -> str:
    """The inverse of :func:`split_name`."""
    family, given, middle = family.strip(), given.strip(), middle.strip()
    if is_cjk(family + given):
        return " ".join(p for p in (family, given) if p)
    return " ".join(p for p in (given, middle, family) if p)


_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|[^\s都道府県]{2,3}県)")
_CITY = re.compile(r"^(.{1,6}?郡.{1,5}?[町村]|.{1,5}?市.{1,4}?区|.{1,6}?[市区町村])")


def split_address(address: str | None, country: str | None) -> tuple[str, str, str]:
    """``(region, city, street)`` of a Japanese address, else ``("", "", address)``.

    The three parts are consecutive slices of the address, so they always
    concatenate back to exactly the address: nothing is lost or moved.
    """
    if not address:
        return "", "", ""
    if country not in (None, "JP"):
        return "", "", address
    pref = _PREFECTURE.match(address)
    if not pref:
        return "", "", address
    rest = address[pref.end() :]
    city = _CITY.match(rest)
    city_text = city.group(1) if city else ""
    street = rest[len(city_text) :]
    return pref.group(1), city_text, street


def join_address(region: str, city: str, street: str, street_2: str = "") -> str:
    """Compose an address from a product's columns.

    Japanese: region, city, street run together (the inverse of
    :func:`split_address`). Elsewhere: "street, city, region".
    """
    region, city, street, street_2 = (p.strip() for p in (region, city, street, street_2))
    if is_cjk(region + city + street):
        return (region + city + street + (" " + street_2 if street_2 else "")).strip()
    return ", ".join(p for p in (street, street_2, city, region) if p)


def _split_reading(reading: str | None) -> tuple[str, str]:
    if not reading:
        return "", ""
    family, _, given = reading.strip().partition(" ")
    return family, given.strip()


def phone_text(phone: Phone) -> str:
    """The number with its extension, as written in notes and vCards: ``+81312345678 ext. 12``."""
    return f"{phone.e164} ext. {phone.extension}" if phone.extension else phone.e164


def _phone_label(phone: Phone) -> str:
    return NOTE_LABELS["phone" if phone.type == "work" else phone.type]


def _ordered_phones(row: ContactRow) -> list[Phone]:
    order = {"work": 0, "mobile": 1, "fax": 2, "other": 3}
    return sorted(row.phones, key=lambda p: order[p.type])


def to_slots(row: ContactRow, held: frozenset[str]) -> dict[str, str]:
    """Fill every slot a format may ask for; values it cannot hold go to notes.

    Args:
        row: the contact.
        held: the slots the target format has columns for.

    Returns:
        slot -> cell text ("" for nothing).
    """
    out: dict[str, str] = {}
    parts = split_name(row.name)
    out.update(family=parts.family, given=parts.given, middle=parts.middle)
    if "middle" not in held and parts.middle:
        out["given"] = f"{parts.given} {parts.middle}"
    pf, pg = _split_reading(row.name_reading)
    out.update(phonetic_family=pf, phonetic_given=pg)
    scalars = {
        "name": row.name,
        "name_latin": row.name_latin,
        "name_reading": row.name_reading,
        "company": row.company,
        "department": row.department,
        "title": row.title,
        "postal_code": row.postal_code,
        "address": row.address,
        "address_formatted": row.address,
        "country": row.country,
        "source_id": row.source_id,
        "contact_id": None if row.contact_id is None else str(row.contact_id),
        "source_ids": ";".join(row.source_ids),
        "card_count": None if row.card_count is None else str(row.card_count),
    }
    out.update({k: v or "" for k, v in scalars.items()})
    region, city, street = split_address(row.address, row.country)
    out.update(region=region, city=city, street=street)
    if row.address:
        out["adr_label"] = "Work"

    overflow: list[str] = []

    def spread(kind: str, values: Iterable[str], label_slot: str | None = None, label: str = "") -> None:
        for i, value in enumerate(values, start=1):
            slot = f"{kind}:{i}"
            if slot in held:
                out[slot] = value
                if label_slot:
                    out[f"{label_slot}:{i}"] = label
            else:
                overflow.append(f"{NOTE_LABELS[kind]}: {value}")

    spread("email", row.emails, "email_label", "Work")
    spread("url", row.urls, "url_label", "Work")
    if any(s.startswith("tel:") for s in held):
        # One typed list of phones (Google): the label column says the type.
        for i, phone in enumerate(_ordered_phones(row), start=1):
            if f"tel:{i}" in held:
                out[f"tel:{i}"] = phone.e164
                out[f"tel_label:{i}"] = _PHONE_LABELS[phone.type]
            else:
                overflow.append(f"{_phone_label(phone)}: {phone_text(phone)}")
    else:
        spread("phone", (p.e164 for p in row.phones_of("work")))
        spread("mobile", (p.e164 for p in row.phones_of("mobile")))
        spread("fax", (p.e164 for p in row.phones_of("fax")))
        spread("other", (p.e164 for p in row.phones_of("other")))
    # Phone columns hold E.164 numbers (CONTRACT section 2), so an extension is written
    # in notes with its number; reading the file back puts it on that phone again.
    overflow += [
        line
        for p in row.phones
        if p.extension and (line := f"{_phone_label(p)}: {phone_text(p)}") not in overflow
    ]

    # Scalars the format has no column for still reach the target, in notes.
    if row.name_latin and "name_latin" not in held:
        overflow.insert(0, f"{NOTE_LABELS['name_latin']}: {row.name_latin}")
    if row.name_reading and not ({"name_reading", "phonetic_family"} & held):
        overflow.insert(0, f"{NOTE_LABELS['name_reading']}: {row.name_reading}")
    if row.department and "department" not in held:
        overflow.append(f"{NOTE_LABELS['department']}: {row.department}")
    if row.address and not ({"address", "street"} & held):
        overflow.append(f"{NOTE_LABELS['address']}: {row.address}")
    if row.postal_code and "postal_code" not in held:
        overflow.append(f"{NOTE_LABELS['postal_code']}: {row.postal_code}")
    notes = [row.notes] if row.notes else []
    out["notes"] = "\n".join(notes + overflow)
    return out


_MOBILE_WORDS = ("mobile", "cell", "携帯", "iphone")
_FAX_WORDS = ("fax", "ファックス", "ファクス")
_WORK_WORDS = ("work", "business", "main", "会社", "勤務先", "仕事", "直通", "代表")


def phone_type_from_label(label: str) -> PhoneType:
    """Map a product's phone label ("* Mobile", "Work Fax", "携帯") to our type."""
    text = label.casefold()
    if any(w in text for w in _FAX_WORDS):
        return "fax"
    if any(w in text for w in _MOBILE_WORDS):
        return "mobile"
    if any(w in text for w in _WORK_WORDS):
        return "work"
    return "other"


_COUNTRY_NAMES = {
    "japan": "JP",
    "日本": "JP",
    "日本国": "JP",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
    "アメリカ": "US",
    "アメリカ合衆国": "US",
    "united kingdom": "GB",
    "uk": "GB",
    "イギリス": "GB",
    "china": "CN",
    "中国": "CN",
    "south korea": "KR",
    "korea": "KR",
    "韓国": "KR",
    "taiwan": "TW",
    "台湾": "TW",
    "germany": "DE",
    "ドイツ": "DE",
    "france": "FR",
    "フランス": "FR",
    "singapore": "SG",
    "シンガポール": "SG",
    "hong kong": "HK",
    "香港": "HK",
    "canada": "CA",
    "カナダ": "CA",
    "australia": "AU",
    "オーストラリア": "AU",
    "india": "IN",
}


def country_code(raw: str) -> str | None:
    """ISO 3166-1 alpha-2 from a code or a common English/Japanese name."""
    text = _norm.nfkc(raw)
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    return _COUNTRY_NAMES.get(text.casefold())


# One cell may hold several values ("a@x.jp; info@x.jp", "03-1234-5678 / 090-1234-5678"),
# as spreadsheets kept by hand and some CRM exports do.
_EMAIL_SEPARATORS = re.compile(r"[;,、\s]+")
_URL_SEPARATORS = re.compile(r"[;、\s]+")
_PHONE_SEPARATORS = re.compile(r"\s*(?:[;,、\n]|\s/\s)\s*")


def _parts(raw: str, separators: re.Pattern[str]) -> list[str]:
    return [part for part in separators.split(raw.strip()) if part]


class _Builder:
    """Collects normalised values of one row, keeping every rejected value in notes."""

    def __init__(self, region: str) -> None:
        self.region = region
        self.emails: list[str] = []
        self.urls: list[str] = []
        self.phones: list[Phone] = []
        self.notes: list[str] = []
        self.warnings: list[str] = []

    def reject(self, label: str, value: str, why: str) -> None:
        self.notes.append(f"{label}: {value}")
        self.warnings.append(f"{label} {value!r} {why}; kept in notes")

    def email(self, raw: str) -> None:
        for part in _parts(raw, _EMAIL_SEPARATORS):
            value = _norm.normalize_email(part)
            if value is None:
                self.reject(NOTE_LABELS["email"], part, "is not a valid e-mail address")
            elif value not in self.emails:
                self.emails.append(value)

    def url(self, raw: str) -> None:
        for part in _parts(raw, _URL_SEPARATORS):
            value = _norm.normalize_url(part)
            if value is None:
                self.reject(NOTE_LABELS["url"], part, "is not a valid URL")
            elif value not in self.urls:
                self.urls.append(value)

    def phone(self, raw: str, kind: PhoneType) -> None:
        for part in _parts(raw, _PHONE_SEPARATORS):
            value = _norm.normalize_phone(part, self.region, kind)
            if value is None:
                label = NOTE_LABELS["phone" if kind == "work" else kind]
                self.reject(label, part, "is not a valid phone number")
            else:
                self._add_phone(value)

    def _add_phone(self, value: Phone) -> None:
        for i, known in enumerate(self.phones):
            if (known.e164, known.type) == (value.e164, value.type):
                if value.extension and not known.extension:
                    # "Phone: +81312345678 ext. 12" in notes completes the phone column.
                    self.phones[i] = value
                return
        self.phones.append(value)


def _indexed(cells: Mapping[str, str]) -> dict[str, list[str]]:
    """The values of ``kind:N`` slots by kind, ordered by N (empty ones left out)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for slot, value in cells.items():
        head, _, index = slot.partition(":")
        if value and index.isdigit():
            found.setdefault(head, []).append((int(index), value))
    return {kind: [v for _, v in sorted(values)] for kind, values in found.items()}


def from_slots(
    cells: Mapping[str, str], unmapped: Iterable[tuple[str, str]], region: str = "JP"
) -> tuple[ContactRow, list[str]]:
    """Build a normalised ContactRow from the slot values of one row.

    Args:
        cells: slot -> raw cell text (already stripped of our formula guard).
        unmapped: ``(header, value)`` of columns no slot takes; kept as notes.
        region: phone region for numbers written without a country code
            (overridden by the row's own country).

    Returns:
        The contact and the warnings about values that were kept in notes.
    """

    def get(slot: str) -> str:
        return _norm.nfkc(cells.get(slot, ""))

    country = country_code(get("country")) if get("country") else None
    b = _Builder(country or region)
    if get("country") and country is None:
        b.reject("Country", get("country"), "is not a known country")

    # Overflow lines we wrote ourselves come back to their fields, after the
    # columns' own values so that the order of e-mails and phones is kept.
    note_lines: list[str] = []
    pending: list[tuple[str, str]] = []
    extra: dict[str, str] = {}
    for line in cells.get("notes", "").splitlines():
        match = _NOTE_LINE.match(line.strip())
        kind = _LABEL_TO_KIND.get(match.group(1).casefold()) if match else None
        if match is None or kind is None:
            note_lines.append(line)
        elif kind in ("email", "url", "phone", "mobile", "fax", "other"):
            pending.append((kind, match.group(2).strip()))
        elif kind not in extra:
            extra[kind] = match.group(2).strip()
        else:
            note_lines.append(line)
    notes_text = "\n".join(note_lines).strip("\n")

    name = get("name") or join_name(get("family"), get("given"), get("middle"))
    reading = (
        get("name_reading")
        # Readings are written family first whatever the script.
        or " ".join(p for p in (get("phonetic_family"), get("phonetic_given")) if p)
        or _norm.nfkc(extra.pop("name_reading", ""))
    )
    name_latin = get("name_latin") or extra.pop("name_latin", "")

    indexed = _indexed(cells)
    for value in indexed.get("email", ()):
        # Google joins several values of one cell with " ::: ".
        for one in value.split(":::"):
            b.email(one)
    for value in indexed.get("url", ()):
        b.url(value)
    for kind in ("phone", "mobile", "fax", "other"):
        for value in indexed.get(kind, ()):
            b.phone(value, "work" if kind == "phone" else kind)  # type: ignore[arg-type]
    tel_found = []
    for slot, value in cells.items():
        head, _, index = slot.partition(":")
        if head == "tel" and value:
            tel_found.append((int(index), value, cells.get(f"tel_label:{index}", "")))
    for _, value, label in sorted(tel_found):
        for one in value.split(":::"):
            b.phone(one, phone_type_from_label(label))
    for kind, value in pending:
        if kind in ("email", "url"):
            getattr(b, kind)(value)
        else:
            b.phone(value, "work" if kind == "phone" else kind)  # type: ignore[arg-type]

    raw_address = (
        get("address")
        or join_address(get("region"), get("city"), get("street"), get("street_2"))
        or get("address_formatted")
        or extra.pop("address", "")
    )
    address = _norm.normalize_address(raw_address) if raw_address else None
    postal_raw = get("postal_code") or extra.pop("postal_code", "")
    postal = _norm.normalize_postal_code(postal_raw, country) if postal_raw else None
    if postal_raw and postal is None:
        b.reject(NOTE_LABELS["postal_code"], postal_raw, "is not a valid postal code")
    # "〒100-0001 東京都…" in the address: the code comes off the address, so keep it.
    japanese = raw_address and country in (None, "JP")
    in_address = _norm.postal_code_in_address(raw_address) if japanese else None
    if in_address and postal is None:
        postal = in_address
    elif in_address and in_address != postal:
        b.reject(NOTE_LABELS["address"], raw_address, "starts with another postal code")

    department = get("department") or extra.pop("department", "")
    notes_parts = [notes_text] if notes_text else []
    for kind, value in extra.items():
        notes_parts.append(f"{NOTE_LABELS[kind]}: {value}")
    notes_parts += [f"{h}: {v}" for h, v in unmapped if v.strip()]
    notes_parts += b.notes
    notes = "\n".join(notes_parts) or None

    source_ids = tuple(s.strip() for s in cells.get("source_ids", "").split(";") if s.strip())
    contact_id = get("contact_id")
    card_count = get("card_count")
    row = ContactRow(
        name=name or None,
        name_latin=name_latin or None,
        name_reading=reading or None,
        company=get("company") or None,
        department=department or None,
        title=get("title") or None,
        emails=tuple(b.emails),
        phones=tuple(b.phones),
        urls=tuple(b.urls),
        postal_code=postal,
        address=address,
        country=country,
        notes=notes,
        # An identifier from another system: kept exactly as written (only trimmed).
        source_id=cells.get("source_id", "").strip() or None,
        contact_id=int(contact_id) if contact_id.isdigit() else None,
        source_ids=source_ids,
        card_count=int(card_count) if card_count.isdigit() else None,
    )
    return row, b.warnings
