"""Importing CSV files: detection, encodings, normalisation, bad rows with line numbers."""

from __future__ import annotations

import pytest

from exchange import (
    EXPORT_FORMATS,
    ImportedRow,
    RowError,
    UnreadableFile,
    export,
    preview,
    read_rows,
    sniff,
)
from tests.lib.test_exchange_samples import ALL

# An Eight (名刺アプリ) export: preamble lines, then the fixed header. The
# second card's address spans two lines, so later rows start one line later.
EIGHT_TEXT = (
    "Eight 名刺データ\r\n"
    "エクスポート日時: 2024/05/01 10:00\r\n"
    "\r\n"
    "会社名,部署名,役職,氏名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n"
    "株式会社サンプル商事,営業本部 第一営業部,営業部長,山田　太郎,Taro.Yamada@Sample.co.jp,〒100-0005,"
    "東京都千代田区丸の内１－２－３　丸の内ビル5F,03-1234-5678,,03-1234-5670,03-1234-5679,090-1234-5678,"
    "www.sample.co.jp,2024/04/01\r\n"
    '有限会社テスト,,,鈴木 花子,,5300001,"大阪府大阪市北区\r\n梅田1-1-1",06-1234-5678,,,,,,2024/04/02\r\n'
    ",,,,,,,,,,,,,2024/04/03\r\n"
    "株式会社エラー,,,佐藤 一郎,not-an-email,,,12,,,,,,2024/04/04\r\n"
)


def eight_items(encoding: str) -> tuple[list[ImportedRow], list[RowError], str, int]:
    data = EIGHT_TEXT.encode(encoding)
    detected = sniff(data)
    items = list(read_rows(data, detected))
    rows = [i for i in items if isinstance(i, ImportedRow)]
    errors = [i for i in items if isinstance(i, RowError)]
    return rows, errors, detected.encoding, detected.preamble_lines


@pytest.mark.parametrize(
    ("encoding", "detected_as"), [("cp932", "cp932"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")]
)
def test_eight_export_in_either_encoding(encoding: str, detected_as: str) -> None:
    data = EIGHT_TEXT.encode(encoding)
    detected = sniff(data)
    assert detected.format == "eight"
    assert detected.encoding == detected_as
    assert detected.preamble_lines == 3
    assert detected.header[0] == "会社名"
    assert detected.mapping["TEL直通"] == "phone"
    assert detected.mapping["名刺交換日"] is None  # kept as a note

    rows, errors, _, _ = eight_items(encoding)
    assert [r.line for r in rows] == [5, 6, 9]
    assert [(e.line, e.reason) for e in errors] == [(8, "no name, company, e-mail or phone")]
    assert errors[0].raw["名刺交換日"] == "2024/04/03"

    yamada = rows[0].contact
    assert yamada.name == "山田 太郎"  # ideographic space normalised
    assert yamada.company == "株式会社サンプル商事"
    assert yamada.department == "営業本部 第一営業部"
    assert yamada.emails == ("taro.yamada@sample.co.jp",)
    # The direct line comes first: it is the person's own number.
    assert [(p.type, p.e164) for p in yamada.phones] == [
        ("work", "+81312345670"),
        ("work", "+81312345678"),
        ("mobile", "+819012345678"),
        ("fax", "+81312345679"),
    ]
    assert yamada.urls == ("https://www.sample.co.jp",)
    assert yamada.postal_code == "100-0005"
    assert yamada.address == "東京都千代田区丸の内1-2-3 丸の内ビル5F"
    assert yamada.notes == "名刺交換日: 2024/04/01"
    assert rows[0].warnings == ()

    suzuki = rows[1].contact
    assert suzuki.postal_code == "530-0001"
    assert suzuki.address == "大阪府大阪市北区 梅田1-1-1"
    assert [p.e164 for p in suzuki.phones] == ["+81612345678"]

    # Bad values are reported and kept, never dropped.
    sato = rows[2]
    assert sato.contact.name == "佐藤 一郎"
    assert sato.contact.emails == () and sato.contact.phones == ()
    assert "Email: not-an-email" in (sato.contact.notes or "")
    assert "Phone: 12" in (sato.contact.notes or "")
    assert len(sato.warnings) == 2


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS])
def test_sniff_recognises_every_export(fmt: str) -> None:
    data = export(ALL, fmt).data
    detected = sniff(data)
    assert detected.format == fmt
    assert detected.preamble_lines == 0
    items = list(read_rows(data, detected))
    assert all(isinstance(i, ImportedRow) for i in items)
    assert [i.contact.name for i in items] == [c.name for c in ALL]  # type: ignore[union-attr]


def test_handmade_japanese_spreadsheet_in_shift_jis() -> None:
    text = (
        "氏名,フリガナ,会社名,メールアドレス,電話番号,携帯,住所,誕生日\r\n"
        "田中 一郎,タナカ イチロウ,ＡＢＣ株式会社,ICHIRO@ABC.CO.JP,０３（１２３４）５６７８,"
        "090-1111-2222,〒150-0001 東京都渋谷区神宮前1-1,1980/01/01\r\n"
        "\r\n"
        ",,,,,,,\r\n"
        "=HYPERLINK(1),,,,,,,\r\n"
    )
    data = text.encode("cp932")
    detected = sniff(data)
    assert (detected.format, detected.encoding) == ("generic", "cp932")
    assert detected.mapping == {
        "氏名": "name",
        "フリガナ": "name_reading",
        "会社名": "company",
        "メールアドレス": "email",
        "電話番号": "phone",
        "携帯": "mobile",
        "住所": "address",
        "誕生日": None,
    }
    items = list(read_rows(data))
    assert [type(i).__name__ for i in items] == ["ImportedRow", "ImportedRow"]
    tanaka = items[0].contact  # type: ignore[union-attr]
    assert tanaka.name_reading == "タナカ イチロウ"
    assert tanaka.company == "ABC株式会社"  # NFKC
    assert tanaka.emails == ("ichiro@abc.co.jp",)
    assert [(p.type, p.e164) for p in tanaka.phones] == [
        ("work", "+81312345678"),
        ("mobile", "+819011112222"),
    ]
    assert tanaka.address == "東京都渋谷区神宮前1-1"
    assert tanaka.notes == "誕生日: 1980/01/01"  # unknown column kept as a note
    # Blank lines are skipped, not counted as rows; the formula-looking name is data.
    assert items[1].line == 5
    assert items[1].contact.name == "=HYPERLINK(1)"  # type: ignore[union-attr]


def test_google_legacy_export_with_multi_values() -> None:
    text = (
        "Name,Given Name,Family Name,Given Name Yomi,Family Name Yomi,Organization 1 - Name,"
        "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,"
        "Group Membership\n"
        "伊藤 健,健,伊藤,ケン,イトウ,伊藤商会,* Work,ken@ito.jp ::: ken.ito@example.com,Mobile,"
        "090-2222-3333,Work,03-5555-6666 ::: 03-5555-7777,* myContacts\n"
    )
    detected = sniff(text.encode())
    assert detected.format == "google"
    [item] = list(read_rows(text.encode()))
    assert isinstance(item, ImportedRow)
    c = item.contact
    assert (c.name, c.name_reading, c.company) == ("伊藤 健", "イトウ ケン", "伊藤商会")
    assert c.emails == ("ken@ito.jp", "ken.ito@example.com")
    assert [(p.type, p.e164) for p in c.phones] == [
        ("mobile", "+819022223333"),
        ("work", "+81355556666"),
        ("work", "+81355557777"),
    ]
    assert c.notes is None  # Group Membership is bookkeeping, not a note


def test_salesforce_api_names_and_foreign_country() -> None:
    text = (
        "FirstName,LastName,AccountName,Email,Phone,MailingStreet,MailingCity,MailingState,"
        "MailingPostalCode,MailingCountry\n"
        "Ann,Lee,Globex,ann@globex.com,(415) 555-0199,500 Oak St,San Francisco,CA,94107,United States\n"
    )
    assert sniff(text.encode()).format == "salesforce"
    [item] = list(read_rows(text.encode()))
    c = item.contact  # type: ignore[union-attr]
    assert c.name == "Ann Lee"
    assert c.country == "US"
    # The row's own country decides how a national number is read.
    assert [p.e164 for p in c.phones] == ["+14155550199"]
    assert c.address == "500 Oak St, San Francisco, CA"
    assert c.postal_code == "94107"


def test_generic_cells_with_several_values_are_split() -> None:
    text = (
        "name,email,phone,mobile,url\n"
        "山田 太郎,taro@sample.co.jp; info@sample.co.jp,03-1234-5678 / 03-1234-5600,"
        "090-1234-5678,www.sample.co.jp\n"
        "佐藤 花子,hanako@sample.co.jp;not-mail,03-1111-2222,,\n"
    )
    first, second = list(read_rows(text.encode()))
    assert isinstance(first, ImportedRow) and isinstance(second, ImportedRow)
    assert first.contact.emails == ("taro@sample.co.jp", "info@sample.co.jp")
    assert [(p.type, p.e164) for p in first.contact.phones] == [
        ("work", "+81312345678"),
        ("work", "+81312345600"),
        ("mobile", "+819012345678"),
    ]
    assert first.contact.urls == ("https://www.sample.co.jp",)
    assert not first.warnings
    # A bad value next to a good one: the good one is used, the bad one kept in notes.
    assert second.contact.emails == ("hanako@sample.co.jp",)
    assert second.contact.notes is not None and "not-mail" in second.contact.notes


def test_source_ids_are_kept_exactly_as_written() -> None:
    text = "source_id,name\n0--0,山田 太郎\n ＡＢ－１ ,佐藤 花子\n"
    first, second = list(read_rows(text.encode()))
    assert isinstance(first, ImportedRow) and isinstance(second, ImportedRow)
    assert (first.contact.source_id, second.contact.source_id) == ("0--0", "ＡＢ－１")


def test_unknown_country_is_kept_in_notes() -> None:
    text = "name,country\nSomeone,Atlantis\n"
    [item] = list(read_rows(text.encode()))
    assert isinstance(item, ImportedRow)
    assert item.contact.country is None
    assert item.contact.notes == "Country: Atlantis"
    assert item.warnings


def test_cells_beyond_the_header_are_kept() -> None:
    text = "name,email\nAko,ako@example.com,extra value\n"
    [item] = list(read_rows(text.encode()))
    assert isinstance(item, ImportedRow)
    assert item.contact.notes == "column 3: extra value"


def test_preview_reads_only_the_first_rows() -> None:
    data = export(ALL * 10, "outlook").data
    detected, rows = preview(data, limit=5)
    assert detected.format == "outlook"
    assert detected.mapping["Given Yomi"] == "name_reading"
    assert detected.mapping["Business Phone"] == "phone"
    assert detected.mapping["Pager"] is None
    lines = [r.line for r in rows]
    assert len(lines) == 5
    assert lines[0] == 2
    assert lines == sorted(set(lines))


def test_tab_separated_utf16_from_excel() -> None:
    text = "name\temail\tphone\r\n小林 誠\tmakoto@example.jp\t045-123-4567\r\n"
    data = text.encode("utf-16")
    detected = sniff(data)
    assert (detected.format, detected.encoding, detected.delimiter) == ("generic", "utf-16", "\t")
    [item] = list(read_rows(data, detected))
    assert item.contact.phones[0].e164 == "+81451234567"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x85\x40\xa0\x81\xff", "neither UTF-8 nor Shift_JIS"),
        (b"foo,bar\n1,2\n", "no header row"),
        (b"", "no header row"),
    ],
)
def test_unreadable_files(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message) as info:
        list(read_rows(data))
    assert info.value.status == 422


def test_numbered_and_repeated_columns_fill_the_next_slot() -> None:
    text = (
        "氏名,電話1,電話2,Email 1,Email 2,会社名,会社名\n"
        "林 真,03-1111-2222,03-3333-4444,a@hayashi.jp,b@hayashi.jp,林商事,林ホールディングス\n"
    )
    detected = sniff(text.encode())
    assert detected.mapping["電話2"] == "phone" and detected.mapping["Email 2"] == "email"
    [item] = list(read_rows(text.encode(), detected))
    assert isinstance(item, ImportedRow)
    c = item.contact
    assert [p.e164 for p in c.phones] == ["+81311112222", "+81333334444"]
    assert c.emails == ("a@hayashi.jp", "b@hayashi.jp")
    # A second company has no second slot: kept as a note, not dropped.
    assert c.company == "林商事"
    assert c.notes == "会社名: 林ホールディングス"


def test_imported_row_becomes_a_parsed_card_and_back() -> None:
    [item] = [i for i in read_rows(EIGHT_TEXT.encode("cp932")) if isinstance(i, ImportedRow)][:1]
    card = item.contact.to_parsed_card()
    assert card.name == "山田 太郎"
    assert card.leftover == ("名刺交換日: 2024/04/01",)
    back = type(item.contact).from_parsed_card(card, notes="名刺交換日: 2024/04/01")
    assert back == item.contact


def test_japanese_outlook_desktop_export() -> None:
    header = (
        "肩書き,名,ミドル ネーム,姓,敬称,会社名,部署,役職,番地 (会社),住所 2 (会社),市町村 (会社),"
        "都道府県 (会社),郵便番号 (会社),国 (会社)/地域,会社 FAX,会社電話,携帯電話,電子メール アドレス,"
        "電子メールの種類,電子メール表示名,記念日,誕生日,性別,メモ,姓フリガナ,名前フリガナ,優先度,秘密度"
    )
    row = (
        ",健一,,中村,,中村工業株式会社,技術部,主任,栄3-4-5,,名古屋市中区,愛知県,460-0008,日本,"
        "052-111-2223,052-111-2222,080-1234-5678,kenichi@nakamura.co.jp,SMTP,中村 健一,0/0/00,1975/5/5,"
        "指定なし,展示会,ナカムラ,ケンイチ,標準,標準"
    )
    data = f"{header}\r\n{row}\r\n".encode("cp932")
    detected = sniff(data)
    assert (detected.format, detected.encoding) == ("outlook", "cp932")
    [item] = list(read_rows(data, detected))
    assert isinstance(item, ImportedRow)
    c = item.contact
    assert (c.name, c.name_reading) == ("中村 健一", "ナカムラ ケンイチ")
    assert (c.company, c.department, c.title) == ("中村工業株式会社", "技術部", "主任")
    assert c.address == "愛知県名古屋市中区栄3-4-5"
    assert (c.postal_code, c.country) == ("460-0008", "JP")
    assert [(p.type, p.e164) for p in c.phones] == [
        ("work", "+81521112222"),
        ("mobile", "+818012345678"),
        ("fax", "+81521112223"),
    ]
    assert c.emails == ("kenichi@nakamura.co.jp",)
    # Outlook's bookkeeping and its "0/0/00" empty dates are not notes; a real birthday is.
    assert c.notes == "展示会\n誕生日: 1975/5/5"


@pytest.mark.parametrize(
    "header",
    [
        "name",  # one known column alone
        "name,birthday,hobby,shoe size,favourite colour,pet,car",  # beside many of the user's own
    ],
)
def test_a_first_row_naming_one_known_column_is_the_header(header: str) -> None:
    cells = header.split(",")
    row = ",".join(["田中 一", "1990-01-01", "chess", "42", "blue", "cat", "volvo"][: len(cells)])
    data = f"{header}\n{row}\n".encode()
    assert sniff(data).format == "generic"
    [item] = list(read_rows(data))
    assert isinstance(item, ImportedRow) and item.contact.name == "田中 一"
    if len(cells) > 1:
        assert "hobby: chess" in (item.contact.notes or "") and "car: volvo" in (item.contact.notes or "")


def test_a_long_note_is_read_and_a_cell_over_the_limit_loses_no_other_row() -> None:
    note = "メモ" * 100_000  # 200,000 characters: over Python's default cell limit
    too_long = "x" * (5 * 1024 * 1024)
    data = f"name,notes\nA Smith,{note}\nB Jones,{too_long}\nC Brown,ok\n".encode()
    items = list(read_rows(data))
    assert [type(i).__name__ for i in items] == ["ImportedRow", "RowError", "ImportedRow"]
    first, error, last = items
    assert isinstance(first, ImportedRow) and first.contact.notes == note
    assert isinstance(error, RowError) and error.line == 3 and "field larger" in error.reason
    assert isinstance(last, ImportedRow) and last.contact.name == "C Brown"


@pytest.mark.parametrize(
    ("postal_cell", "country", "postal", "notes"),
    [
        ("", "", "100-0001", None),  # only in the address: kept, not lost with the 〒
        ("abc", "JP", "100-0001", "Postal code: abc"),  # no Japanese code: in notes, the address's kept
        ("530-0001", "", "530-0001", "Address: 〒100-0001 東京都千代田区千代田1-1"),  # two codes: both kept
    ],
)
def test_a_postal_code_written_in_the_address_is_not_lost(
    postal_cell: str, country: str, postal: str, notes: str | None
) -> None:
    address = "〒100-0001 東京都千代田区千代田1-1"
    text = f"name,postal_code,address,country\n住所 花子,{postal_cell},{address},{country}\n"
    [item] = list(read_rows(text.encode()))
    assert isinstance(item, ImportedRow)
    assert item.contact.postal_code == postal
    assert item.contact.address == "東京都千代田区千代田1-1"
    assert item.contact.notes == notes
    assert bool(item.warnings) == (notes is not None)
