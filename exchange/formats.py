"""One table per exchange format: which column holds which value.

A table row is ``(header, slot)``. Slots are the small vocabulary that
:mod:`exchange.fields` knows how to fill from a :class:`ContactRow` and to turn
back into one:

- ``name``, ``name_latin``, ``name_reading``, ``family``, ``given``, ``middle``,
  ``phonetic_family``, ``phonetic_given``
- ``company``, ``department``, ``title``, ``notes``
- ``email:N``, ``phone:N`` (work), ``mobile:N``, ``fax:N``, ``other:N``, ``url:N``
- ``tel:N`` + ``tel_label:N`` (any phone, typed by its label column),
  ``email_label:N``, ``url_label:N``, ``adr_label``
- ``postal_code``, ``address``, ``address_formatted``, ``region``, ``city``,
  ``street``, ``country``
- ``contact_id``, ``source_id``, ``source_ids``, ``card_count``
- ``""``: a column the product has that we leave empty; ``skip``: a column read
  but deliberately not kept (product bookkeeping such as Outlook's
  ``Priority``).

Values a format has no column for (a second e-mail in Salesforce, the reading
in HubSpot) are written into its notes column as ``Label: value`` lines, which
the importer reads back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from exchange.model import GENERIC_EXPORT_COLUMNS


@dataclass(frozen=True)
class Format:
    """A CSV dialect of one product.

    Attributes:
        name: the ``--format`` value.
        label: shown in the UI.
        columns: ``(header, slot)`` in the order the file is written.
        aliases: further ``(header, slot)`` pairs recognised on import only
            (older exports of the same product, API field names).
        source: where the header names come from.
        exportable: False for formats we only read (Eight).
    """

    name: str
    label: str
    columns: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...] = ()
    source: str = ""
    exportable: bool = True

    def __post_init__(self) -> None:
        headers = [h for h, _ in self.columns]
        if len(set(headers)) != len(headers):
            raise ValueError(f"{self.name}: duplicate column headers")
        if self.exportable and not any(slot == "notes" for _, slot in self.columns):
            raise ValueError(f"{self.name}: an exportable format needs a notes column for overflow")

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(h for h, _ in self.columns)

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(slot for _, slot in self.columns if slot)

    def import_map(self) -> dict[str, str]:
        """Normalised header -> slot for reading, aliases included."""
        out = {header_key(h): s for h, s in self.aliases}
        out.update({header_key(h): s for h, s in self.columns if s})
        return out


def header_key(header: str) -> str:
    """Header text compared case- and width-insensitively."""
    return " ".join(unicodedata.normalize("NFKC", header).casefold().split())


# CONTRACT §2. Import reads the plain generic columns; export adds
# contact_id first and source_ids, card_count last.
_GENERIC_SLOTS = {
    "email": "email:1",
    "phone": "phone:1",
    "mobile": "mobile:1",
    "fax": "fax:1",
    "url": "url:1",
}
GENERIC = Format(
    name="generic",
    label="cardscan generic CSV",
    columns=tuple((c, _GENERIC_SLOTS.get(c, c)) for c in GENERIC_EXPORT_COLUMNS),
    # Hand-made spreadsheets: common English and Japanese headings.
    aliases=(
        ("full name", "name"),
        ("氏名", "name"),
        ("名前", "name"),
        ("お名前", "name"),
        ("reading", "name_reading"),
        ("フリガナ", "name_reading"),
        ("ふりがな", "name_reading"),
        ("よみがな", "name_reading"),
        ("氏名(フリガナ)", "name_reading"),
        ("company name", "company"),
        ("organization", "company"),
        ("会社", "company"),
        ("会社名", "company"),
        ("企業名", "company"),
        ("部署", "department"),
        ("部署名", "department"),
        ("所属", "department"),
        ("job title", "title"),
        ("役職", "title"),
        ("e-mail", "email:1"),
        ("email address", "email:1"),
        ("mail", "email:1"),
        ("メール", "email:1"),
        ("メールアドレス", "email:1"),
        ("tel", "phone:1"),
        ("telephone", "phone:1"),
        ("電話", "phone:1"),
        ("電話番号", "phone:1"),
        ("携帯", "mobile:1"),
        ("携帯電話", "mobile:1"),
        ("mobile phone", "mobile:1"),
        ("ファックス", "fax:1"),
        ("fax番号", "fax:1"),
        ("website", "url:1"),
        ("web", "url:1"),
        ("ホームページ", "url:1"),
        ("zip", "postal_code"),
        ("postal code", "postal_code"),
        ("郵便番号", "postal_code"),
        ("住所", "address"),
        ("国", "country"),
        ("note", "notes"),
        ("メモ", "notes"),
        ("備考", "notes"),
    ),
    source="/work/shared/CONTRACT.md section 2",
)

# Google Contacts "Google CSV" as contacts.google.com exports it today (the
# importer reads the same header). Checked against several public projects
# that pin Google's current export header in tests, e.g. the golden header
# "First Name,Middle Name,Last Name,Phonetic First Name,...,Address 1 - Extended
# Address" and "Website 1 - Label,Website 1 - Value". Aliases: the pre-2023
# export ("Given Name", "Family Name Yomi", "Organization 1 - Name", ...).
GOOGLE = Format(
    name="google",
    label="Google Contacts CSV",
    columns=(
        ("First Name", "given"),
        ("Middle Name", "middle"),
        ("Last Name", "family"),
        ("Phonetic First Name", "phonetic_given"),
        ("Phonetic Middle Name", ""),
        ("Phonetic Last Name", "phonetic_family"),
        ("Name Prefix", ""),
        ("Name Suffix", ""),
        ("Nickname", ""),
        ("File As", ""),
        ("Organization Name", "company"),
        ("Organization Title", "title"),
        ("Organization Department", "department"),
        ("Birthday", ""),
        ("Notes", "notes"),
        ("Photo", ""),
        ("Labels", "skip"),
        ("E-mail 1 - Label", "email_label:1"),
        ("E-mail 1 - Value", "email:1"),
        ("E-mail 2 - Label", "email_label:2"),
        ("E-mail 2 - Value", "email:2"),
        ("E-mail 3 - Label", "email_label:3"),
        ("E-mail 3 - Value", "email:3"),
        ("Phone 1 - Label", "tel_label:1"),
        ("Phone 1 - Value", "tel:1"),
        ("Phone 2 - Label", "tel_label:2"),
        ("Phone 2 - Value", "tel:2"),
        ("Phone 3 - Label", "tel_label:3"),
        ("Phone 3 - Value", "tel:3"),
        ("Phone 4 - Label", "tel_label:4"),
        ("Phone 4 - Value", "tel:4"),
        ("Address 1 - Label", "adr_label"),
        ("Address 1 - Formatted", "address_formatted"),
        ("Address 1 - Street", "street"),
        ("Address 1 - City", "city"),
        ("Address 1 - PO Box", ""),
        ("Address 1 - Region", "region"),
        ("Address 1 - Postal Code", "postal_code"),
        ("Address 1 - Country", "country"),
        ("Address 1 - Extended Address", ""),
        ("Website 1 - Label", "url_label:1"),
        ("Website 1 - Value", "url:1"),
        ("Website 2 - Label", "url_label:2"),
        ("Website 2 - Value", "url:2"),
    ),
    aliases=(
        ("Name", "name"),
        ("Given Name", "given"),
        ("Additional Name", "middle"),
        ("Family Name", "family"),
        ("Yomi Name", "name_reading"),
        ("Given Name Yomi", "phonetic_given"),
        ("Family Name Yomi", "phonetic_family"),
        ("Group Membership", "skip"),
        ("Organization 1 - Name", "company"),
        ("Organization 1 - Title", "title"),
        ("Organization 1 - Department", "department"),
        ("E-mail 1 - Type", "email_label:1"),
        ("E-mail 2 - Type", "email_label:2"),
        ("E-mail 3 - Type", "email_label:3"),
        ("Phone 1 - Type", "tel_label:1"),
        ("Phone 2 - Type", "tel_label:2"),
        ("Phone 3 - Type", "tel_label:3"),
        ("Phone 4 - Type", "tel_label:4"),
        ("Address 1 - Type", "adr_label"),
        ("Website 1 - Type", "url_label:1"),
        ("Website 2 - Type", "url_label:2"),
    ),
    source="Google Contacts export header (contacts.google.com > Export > Google CSV)",
)

# Outlook.com / Outlook for the web "Outlook CSV" (People > Export contacts);
# the same 61 headers in the same order appear in public converters that pin
# the outlook.live.com export. "Given Yomi"/"Surname Yomi" are Outlook's
# phonetic (furigana) name fields. Aliases: Outlook desktop export names.
_OUTLOOK_EMPTY = ""
OUTLOOK = Format(
    name="outlook",
    label="Outlook CSV",
    columns=(
        ("First Name", "given"),
        ("Middle Name", "middle"),
        ("Last Name", "family"),
        ("Title", _OUTLOOK_EMPTY),  # Outlook's "Title" is the courtesy title (Mr., Dr.)
        ("Suffix", _OUTLOOK_EMPTY),
        ("Nickname", _OUTLOOK_EMPTY),
        ("Given Yomi", "phonetic_given"),
        ("Surname Yomi", "phonetic_family"),
        ("E-mail Address", "email:1"),
        ("E-mail 2 Address", "email:2"),
        ("E-mail 3 Address", "email:3"),
        ("Home Phone", _OUTLOOK_EMPTY),
        ("Home Phone 2", _OUTLOOK_EMPTY),
        ("Business Phone", "phone:1"),
        ("Business Phone 2", "phone:2"),
        ("Mobile Phone", "mobile:1"),
        ("Car Phone", _OUTLOOK_EMPTY),
        ("Other Phone", "other:1"),
        ("Primary Phone", _OUTLOOK_EMPTY),
        ("Pager", _OUTLOOK_EMPTY),
        ("Business Fax", "fax:1"),
        ("Home Fax", _OUTLOOK_EMPTY),
        ("Other Fax", "fax:2"),
        ("Company Main Phone", _OUTLOOK_EMPTY),
        ("Callback", _OUTLOOK_EMPTY),
        ("Radio Phone", _OUTLOOK_EMPTY),
        ("Telex", _OUTLOOK_EMPTY),
        ("TTY/TDD Phone", _OUTLOOK_EMPTY),
        ("IMAddress", _OUTLOOK_EMPTY),
        ("Job Title", "title"),
        ("Department", "department"),
        ("Company", "company"),
        ("Office Location", _OUTLOOK_EMPTY),
        ("Manager's Name", _OUTLOOK_EMPTY),
        ("Assistant's Name", _OUTLOOK_EMPTY),
        ("Assistant's Phone", _OUTLOOK_EMPTY),
        ("Company Yomi", _OUTLOOK_EMPTY),
        ("Business Street", "street"),
        ("Business City", "city"),
        ("Business State", "region"),
        ("Business Postal Code", "postal_code"),
        ("Business Country/Region", "country"),
        ("Home Street", _OUTLOOK_EMPTY),
        ("Home City", _OUTLOOK_EMPTY),
        ("Home State", _OUTLOOK_EMPTY),
        ("Home Postal Code", _OUTLOOK_EMPTY),
        ("Home Country/Region", _OUTLOOK_EMPTY),
        ("Other Street", _OUTLOOK_EMPTY),
        ("Other City", _OUTLOOK_EMPTY),
        ("Other State", _OUTLOOK_EMPTY),
        ("Other Postal Code", _OUTLOOK_EMPTY),
        ("Other Country/Region", _OUTLOOK_EMPTY),
        ("Personal Web Page", _OUTLOOK_EMPTY),
        ("Spouse", _OUTLOOK_EMPTY),
        ("Schools", _OUTLOOK_EMPTY),
        ("Hobby", _OUTLOOK_EMPTY),
        ("Location", _OUTLOOK_EMPTY),
        ("Web Page", "url:1"),
        ("Birthday", _OUTLOOK_EMPTY),
        ("Anniversary", _OUTLOOK_EMPTY),
        ("Notes", "notes"),
    ),
    aliases=(
        ("Business Country", "country"),
        ("Yomi First Name", "phonetic_given"),
        ("Yomi Last Name", "phonetic_family"),
        ("Primary Phone", "phone:3"),
        ("Company Main Phone", "phone:4"),
        ("Home Phone", "other:2"),
        ("Business Street 2", "street_2"),
        # Japanese Outlook desktop (Shift_JIS) export, as pinned by a public
        # Outlook-CSV reader: 姓/名, 姓フリガナ/名前フリガナ, "(会社)" address.
        ("姓", "family"),
        ("名", "given"),
        ("ミドル ネーム", "middle"),
        ("姓フリガナ", "phonetic_family"),
        ("名前フリガナ", "phonetic_given"),
        ("会社名", "company"),
        ("部署", "department"),
        ("役職", "title"),
        ("番地 (会社)", "street"),
        ("住所 2 (会社)", "street_2"),
        ("市町村 (会社)", "city"),
        ("都道府県 (会社)", "region"),
        ("郵便番号 (会社)", "postal_code"),
        ("国 (会社)/地域", "country"),
        ("会社電話", "phone:1"),
        ("会社電話 2", "phone:2"),
        ("会社代表電話", "phone:4"),
        ("会社 FAX", "fax:1"),
        ("その他の FAX", "fax:2"),
        ("携帯電話", "mobile:1"),
        ("その他の電話", "other:1"),
        ("自宅電話", "other:2"),
        ("電子メール アドレス", "email:1"),
        ("電子メール 2 アドレス", "email:2"),
        ("電子メール 3 アドレス", "email:3"),
        ("Web ページ", "url:1"),
        ("メモ", "notes"),
        ("電子メールの種類", "skip"),
        ("電子メール表示名", "skip"),
        ("電子メール 2 の種類", "skip"),
        ("電子メール 2 表示名", "skip"),
        ("電子メール 3 の種類", "skip"),
        ("電子メール 3 表示名", "skip"),
        ("性別", "skip"),
        ("プライベート", "skip"),
        ("秘密度", "skip"),
        ("優先度", "skip"),
        ("イニシャル", "skip"),
        ("分類", "skip"),
        # Outlook desktop bookkeeping columns that always hold a value.
        ("Priority", "skip"),
        ("Sensitivity", "skip"),
        ("Private", "skip"),
        ("Initials", "skip"),
        ("Gender", "skip"),
        ("Categories", "skip"),
        ("E-mail Type", "skip"),
        ("E-mail Display Name", "skip"),
        ("E-mail 2 Type", "skip"),
        ("E-mail 2 Display Name", "skip"),
        ("E-mail 3 Type", "skip"),
        ("E-mail 3 Display Name", "skip"),
    ),
    source="Outlook.com People > Export contacts (Outlook CSV header, 61 columns)",
)

# HubSpot's import matches a column header to a contact property's label
# (knowledge.hubspot.com "Set up your import files": "HubSpot will match the
# column header to the property name"). Labels of HubSpot's default contact
# properties. There is no default reading (furigana) property, so readings go
# to "Notes"; "Department" and "Notes" are matched only where the portal has a
# property with that label, otherwise the import wizard asks to map or skip
# them. Not verified against a live HubSpot portal.
HUBSPOT = Format(
    name="hubspot",
    label="HubSpot contacts import",
    columns=(
        ("First Name", "given"),
        ("Last Name", "family"),
        ("Email", "email:1"),
        ("Phone Number", "phone:1"),
        ("Mobile Phone Number", "mobile:1"),
        ("Fax Number", "fax:1"),
        ("Company Name", "company"),
        ("Job Title", "title"),
        ("Department", "department"),
        ("Website URL", "url:1"),
        ("Street Address", "street"),
        ("City", "city"),
        ("State/Region", "region"),
        ("Postal Code", "postal_code"),
        ("Country/Region", "country"),
        ("Notes", "notes"),
    ),
    aliases=(
        # HubSpot internal property names, as API exports and some tools write them.
        ("firstname", "given"),
        ("lastname", "family"),
        ("Email Address", "email:1"),
        ("phone", "phone:1"),
        ("mobilephone", "mobile:1"),
        ("fax", "fax:1"),
        ("company", "company"),
        ("jobtitle", "title"),
        ("website", "url:1"),
        ("address", "street"),
        ("state", "region"),
        ("zip", "postal_code"),
        ("Zip code", "postal_code"),
        ("Record ID", "skip"),
    ),
    source="HubSpot default contact properties (labels) and import-file guide",
)

# Salesforce Data Import Wizard, "Field Mapping for Other Data Sources and
# Organization Import" (help.salesforce.com): the labels it recommends for
# contact columns (Business Phone -> Contact: Phone, Business Fax -> Fax,
# Contact Description -> Description, Mobile Phone -> Mobile, Mailing ...),
# and Account Name for the company. Aliases: API field names (Data Loader).
# The exact "Mailing ..." labels follow the Contact field labels; not verified
# against a live org.
SALESFORCE = Format(
    name="salesforce",
    label="Salesforce contacts (Data Import Wizard)",
    columns=(
        ("First Name", "given"),
        ("Last Name", "family"),
        ("Account Name", "company"),
        ("Title", "title"),
        ("Department", "department"),
        ("Email", "email:1"),
        ("Business Phone", "phone:1"),
        ("Mobile Phone", "mobile:1"),
        ("Business Fax", "fax:1"),
        ("Mailing Street", "street"),
        ("Mailing City", "city"),
        ("Mailing State/Province", "region"),
        ("Mailing Zip/Postal Code", "postal_code"),
        ("Mailing Country", "country"),
        ("Website", "url:1"),
        ("Contact Description", "notes"),
    ),
    aliases=(
        ("FirstName", "given"),
        ("LastName", "family"),
        ("AccountName", "company"),
        ("Account.Name", "company"),
        ("Phone", "phone:1"),
        ("MobilePhone", "mobile:1"),
        ("Fax", "fax:1"),
        ("MailingStreet", "street"),
        ("MailingCity", "city"),
        ("MailingState", "region"),
        ("Mailing State", "region"),
        ("MailingPostalCode", "postal_code"),
        ("Mailing Zip", "postal_code"),
        ("MailingCountry", "country"),
        ("Description", "notes"),
        ("Contact Full Name", "name"),
        ("Id", "skip"),
        ("Contact ID", "skip"),
    ),
    source="help.salesforce.com: Field Mapping for Other Data Sources and Organization Import",
)

# Eight (Sansan) name-card export: a few preamble lines, then this header.
# Read only. TEL直通 (direct line) is the person's own number, so it becomes
# the first work phone. 名刺交換日 has no field and is kept as a note.
EIGHT = Format(
    name="eight",
    label="Eight 名刺データ",
    columns=(
        ("会社名", "company"),
        ("部署名", "department"),
        ("役職", "title"),
        ("氏名", "name"),
        ("e-mail", "email:1"),
        ("郵便番号", "postal_code"),
        ("住所", "address"),
        ("TEL会社", "phone:3"),
        ("TEL部門", "phone:2"),
        ("TEL直通", "phone:1"),
        ("Fax", "fax:1"),
        ("携帯電話", "mobile:1"),
        ("URL", "url:1"),
        ("名刺交換日", ""),
    ),
    source="Eight CSV export header (issue 5)",
    exportable=False,
)

#: Every CSV format, by ``--format`` name.
FORMATS: dict[str, Format] = {f.name: f for f in (GENERIC, GOOGLE, OUTLOOK, HUBSPOT, SALESFORCE, EIGHT)}

#: What ``export-csv --format`` accepts (``vcard`` is written by exchange.vcard).
EXPORT_FORMATS: tuple[str, ...] = (*(n for n, f in FORMATS.items() if f.exportable), "vcard")

#: What the importer can recognise.
IMPORT_FORMATS: tuple[str, ...] = (*FORMATS, "vcard")
