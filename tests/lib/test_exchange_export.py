"""CSV exports, read back with the csv module against each product's headers."""

from __future__ import annotations

import csv
import io

import pytest

from cardscan.types import Phone
from exchange import (
    CP932_REPLACEMENT,
    EXPORT_FORMATS,
    FORMATS,
    GENERIC_COLUMNS,
    ContactRow,
    export,
    neutralise,
    write_csv,
)
from exchange.fields import join_name, split_address, split_name
from tests.lib.test_exchange_samples import ALL, DOE, SUZUKI, YAMADA

BOM = b"\xef\xbb\xbf"

# The header each product's importer expects, written out independently of
# exchange.formats so that a slip in the table fails here.
GOOGLE_HEAD = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value"
)
OUTLOOK_HEAD = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,"
    "E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,"
    "Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,"
    "Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,"
    "Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,"
    "Business Street,Business City,Business State,Business Postal Code,Business Country/Region,"
    "Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,"
    "Other State,Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,"
    "Location,Web Page,Birthday,Anniversary,Notes"
)


def read_back(data: bytes, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding), newline="")))


def test_generic_has_the_contract_columns_in_order() -> None:
    data = write_csv(ALL, "generic").data
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ["contact_id", *GENERIC_COLUMNS, "source_ids", "card_count"]
    rows = read_back(data)
    assert len(rows) == 3
    first = rows[0]
    assert first["contact_id"] == "12"
    assert first["name"] == "山田 太郎"
    assert first["name_reading"] == "ヤマダ タロウ"
    assert first["email"] == "taro.yamada@sample.co.jp"
    assert (first["phone"], first["mobile"], first["fax"]) == (
        "+81312345678",
        "+819012345678",
        "+81312345679",
    )
    assert first["source_ids"] == "card-0001;card-0042"
    assert first["card_count"] == "2"
    # The second e-mail and work phone have no column: they are in notes.
    assert "Email: yamada@example.jp" in first["notes"]
    assert "Phone: +81312345670" in first["notes"]
    # An "other" phone is not a work phone: it goes to notes, typed.
    assert rows[2]["phone"] == ""
    assert "Other phone: +81612345678" in rows[2]["notes"]


def test_google_columns() -> None:
    data = export(ALL, "google").data
    text = data.decode("utf-8-sig")
    assert text.startswith(GOOGLE_HEAD)
    row = read_back(data)[0]
    assert (row["Last Name"], row["First Name"]) == ("山田", "太郎")
    assert (row["Phonetic Last Name"], row["Phonetic First Name"]) == ("ヤマダ", "タロウ")
    assert row["Organization Name"] == "株式会社サンプル商事"
    assert row["Organization Department"] == "営業本部 第一営業部"
    assert row["Organization Title"] == "営業部長"
    assert row["E-mail 2 - Value"] == "yamada@example.jp"
    phones = {(row[f"Phone {i} - Label"], row[f"Phone {i} - Value"]) for i in range(1, 5)}
    assert phones == {
        ("Work", "+81312345678"),
        ("Work", "+81312345670"),
        ("Mobile", "+819012345678"),
        ("Work Fax", "+81312345679"),
    }
    assert row["Address 1 - Region"] == "東京都"
    assert row["Address 1 - City"] == "千代田区"
    assert row["Address 1 - Street"] == "丸の内1-2-3 丸の内ビル5F"
    assert row["Address 1 - Postal Code"] == "100-0005"
    assert row["Website 1 - Value"] == "https://www.sample.co.jp"
    assert "Latin name: Taro Yamada" in row["Notes"]
    western = read_back(data)[1]
    assert (western["First Name"], western["Middle Name"], western["Last Name"]) == ("Jane", "Q.", "Doe")


def test_outlook_columns() -> None:
    data = export(ALL, "outlook").data
    assert data.decode("utf-8-sig").split("\r\n", 1)[0] == OUTLOOK_HEAD
    row = read_back(data)[0]
    assert (row["Surname Yomi"], row["Given Yomi"]) == ("ヤマダ", "タロウ")
    assert (row["Business Phone"], row["Business Phone 2"]) == ("+81312345678", "+81312345670")
    assert row["Mobile Phone"] == "+819012345678"
    assert row["Business Fax"] == "+81312345679"
    assert (row["Company"], row["Department"], row["Job Title"]) == (
        "株式会社サンプル商事",
        "営業本部 第一営業部",
        "営業部長",
    )
    assert row["Title"] == ""  # Outlook's Title is Mr./Dr., not the job title
    assert (row["Business State"], row["Business City"]) == ("東京都", "千代田区")
    assert row["E-mail 2 Address"] == "yamada@example.jp"
    assert read_back(data)[2]["Other Phone"] == "+81612345678"


def test_hubspot_columns() -> None:
    rows = read_back(export(ALL, "hubspot").data)
    assert list(rows[0])[:8] == [
        "First Name",
        "Last Name",
        "Email",
        "Phone Number",
        "Mobile Phone Number",
        "Fax Number",
        "Company Name",
        "Job Title",
    ]
    row = rows[0]
    assert (row["First Name"], row["Last Name"], row["Email"]) == ("太郎", "山田", "taro.yamada@sample.co.jp")
    assert row["Mobile Phone Number"] == "+819012345678"
    assert (row["State/Region"], row["Postal Code"], row["Country/Region"]) == ("東京都", "100-0005", "JP")
    # No reading column in HubSpot: the reading travels in notes.
    assert "Reading: ヤマダ タロウ" in row["Notes"]
    assert (rows[1]["First Name"], rows[1]["Last Name"]) == ("Jane Q.", "Doe")


def test_salesforce_columns() -> None:
    rows = read_back(export(ALL, "salesforce").data)
    row = rows[0]
    assert row["Account Name"] == "株式会社サンプル商事"
    assert (row["Business Phone"], row["Mobile Phone"], row["Business Fax"]) == (
        "+81312345678",
        "+819012345678",
        "+81312345679",
    )
    assert row["Mailing Zip/Postal Code"] == "100-0005"
    assert row["Mailing State/Province"] == "東京都"
    assert "Email: yamada@example.jp" in row["Contact Description"]
    assert rows[1]["Title"] == 'VP "Sales"'
    assert rows[1]["Account Name"] == "Acme, Inc."


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "vcard"])
def test_every_csv_format_has_bom_crlf_and_its_table_header(fmt: str) -> None:
    data = export(ALL, fmt).data
    assert data.startswith(BOM)
    assert not data.startswith(BOM + BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.endswith("\r\n")
    assert next(csv.reader(io.StringIO(text))) == list(FORMATS[fmt].header)
    assert len(read_back(data)) == 3


def test_utf8_without_bom_on_request() -> None:
    data = write_csv([DOE], "generic", encoding="utf-8").data
    assert data.startswith(b"contact_id,")


def test_cp932_reports_and_replaces_what_it_cannot_hold() -> None:
    row = ContactRow(
        name="𠮷田 花子",  # U+20BB7 is outside JIS X 0208 and cp932
        company="髙橋商店〜本店",  # 髙 is an IBM extension cp932 has; 〜 maps to ～
        title="Chief 🍣 Officer",
        phones=(Phone("work", "+81312345678"),),
    )
    result = write_csv([row, YAMADA], "generic", encoding="cp932")
    text = result.data.decode("cp932")  # strict: every byte is valid cp932
    assert not result.data.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["name"] == f"{CP932_REPLACEMENT}田 花子"
    assert rows[0]["company"] == "髙橋商店～本店"
    assert rows[0]["title"] == f"Chief {CP932_REPLACEMENT} Officer"
    assert rows[1]["name"] == "山田 太郎"
    assert len(result.warnings) == 2
    assert "U+20BB7" in result.warnings[0] and "name" in result.warnings[0]
    assert "U+1F363" in result.warnings[1] and "title" in result.warnings[1]


@pytest.mark.parametrize("alias", ["shift_jis", "SJIS", "cp932", "Windows-31J"])
def test_cp932_aliases(alias: str) -> None:
    assert write_csv([YAMADA], "google", encoding=alias).data.decode("cp932").startswith("First Name")


def test_unknown_format_and_encoding_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        export([DOE], "excel")
    with pytest.raises(ValueError, match="encoding"):
        write_csv([DOE], "generic", encoding="latin-1")
    with pytest.raises(ValueError, match="import-only"):
        write_csv([DOE], "eight")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("+81312345678", "+81312345678"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("'=x", "''=x"),
        ("plain = text", "plain = text"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, written: str) -> None:
    assert neutralise(cell) == written


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "vcard"])
def test_formula_cells_are_neutralised_in_every_format(fmt: str) -> None:
    evil = ContactRow(
        name="=cmd|' /C calc'!A0",
        company="+Company",
        title="-Title",
        notes="@SUM(1+1)",
        phones=(Phone("work", "+81312345678"),),
    )
    rows = list(csv.reader(io.StringIO(export([evil], fmt).data.decode("utf-8-sig"), newline="")))
    cells = [c for c in rows[1] if c]
    assert cells, "the row has values"
    for cell in cells:
        assert not cell.startswith(("=", "-", "@", "\t", "\r")), cell
        assert not cell.startswith("+") or cell == "+81312345678", cell
    assert any(c.startswith("'=cmd|'") for c in cells)  # kept, but as text
    assert "+81312345678" in cells


@pytest.mark.parametrize(
    ("name", "family", "given", "middle"),
    [
        ("山田 太郎", "山田", "太郎", ""),
        ("山田太郎", "山田太郎", "", ""),
        ("Jane Q. Doe", "Doe", "Jane", "Q."),
        ("Madonna", "Madonna", "", ""),
        ("John Smith", "Smith", "John", ""),
    ],
)
def test_names_split_and_join_back(name: str, family: str, given: str, middle: str) -> None:
    parts = split_name(name)
    assert (parts.family, parts.given, parts.middle) == (family, given, middle)
    assert join_name(parts.family, parts.given, parts.middle) == name


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("東京都千代田区丸の内1-2-3 丸の内ビル5F", ("東京都", "千代田区", "丸の内1-2-3 丸の内ビル5F")),
        ("大阪府大阪市北区梅田1-1-1", ("大阪府", "大阪市北区", "梅田1-1-1")),
        ("北海道札幌市中央区北1条西2丁目", ("北海道", "札幌市中央区", "北1条西2丁目")),
        ("神奈川県足柄下郡箱根町湯本1", ("神奈川県", "足柄下郡箱根町", "湯本1")),
        ("京都府京都市下京区烏丸通七条下ル", ("京都府", "京都市下京区", "烏丸通七条下ル")),
        ("丸の内1-2-3", ("", "", "丸の内1-2-3")),
    ],
)
def test_japanese_addresses_split_losslessly(address: str, parts: tuple[str, str, str]) -> None:
    assert split_address(address, "JP") == parts
    assert "".join(parts) == address


def test_foreign_addresses_are_not_split() -> None:
    assert split_address(DOE.address, "US") == ("", "", DOE.address)
    assert split_address(SUZUKI.address, None)[0] == "大阪府"
