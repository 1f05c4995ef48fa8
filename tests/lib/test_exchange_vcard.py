"""vCard 4.0 export read back with vobject; vCard 2.1/3.0/4.0 import."""

from __future__ import annotations

import vobject

from exchange import ImportedRow, RowError, export, read_rows, sniff, write_vcard
from tests.lib.test_exchange_samples import ALL, DOE, SUZUKI, YAMADA


def test_vcard_40_read_back_with_vobject() -> None:
    data = write_vcard(ALL)
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 3
    card = cards[0]
    assert card.version.value == "4.0"
    assert card.fn.value == "山田 太郎"
    assert (card.n.value.family, card.n.value.given) == ("山田", "太郎")
    assert card.n.params["SORT-AS"] == ["ヤマダ,タロウ"]
    assert card.x_phonetic_last_name.value == "ヤマダ"
    assert card.x_phonetic_first_name.value == "タロウ"
    assert card.org.value == ["株式会社サンプル商事", "営業本部 第一営業部"]
    assert card.title.value == "営業部長"
    tels = {(tuple(t.params["TYPE"]), t.value) for t in card.tel_list}
    assert tels == {
        (("work", "voice"), "+81312345678"),
        (("work", "voice"), "+81312345670 ext. 205"),  # text, as address books show it
        (("work", "fax"), "+81312345679"),
        (("cell", "voice"), "+819012345678"),
    }
    assert [e.value for e in card.email_list] == ["taro.yamada@sample.co.jp", "yamada@example.jp"]
    assert card.url.value == "https://www.sample.co.jp"
    adr = card.adr.value
    assert (adr.street, adr.city, adr.region, adr.code, adr.country) == (
        "丸の内1-2-3 丸の内ビル5F",
        "千代田区",
        "東京都",
        "100-0005",
        "JP",
    )
    assert card.note.value.startswith("展示会で名刺交換\n=HYPERLINK")
    assert "Latin name: Taro Yamada" in card.note.value

    western = cards[1]
    assert (western.n.value.family, western.n.value.given, western.n.value.additional) == (
        "Doe",
        "Jane",
        "Q.",
    )
    assert western.org.value == ["Acme, Inc."]  # the comma was escaped, not split
    assert "x_phonetic_last_name" not in western.contents


def test_vcard_lines_are_crlf_and_folded_at_75_octets() -> None:
    data = write_vcard(ALL)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    assert data.count(b"BEGIN:VCARD") == 3 and data.count(b"END:VCARD") == 3


def test_every_card_has_n_and_fn_even_without_a_name() -> None:
    from exchange import ContactRow

    card = vobject.readOne(write_vcard([ContactRow(company="無名会社")]).decode())
    assert card.fn.value == "無名会社"
    assert "n" in card.contents


def test_export_dispatches_vcard() -> None:
    result = export([SUZUKI], "vcard", encoding="cp932")
    assert result.media_type == "text/vcard"
    assert result.extension == "vcf"
    assert result.warnings == ["vCard 4.0 is always written in UTF-8"]
    assert result.data.decode("utf-8").startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")


IPHONE_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:加藤;直美;;;\r\n"
    "FN:加藤 直美\r\n"
    "X-PHONETIC-FIRST-NAME:ナオミ\r\n"
    "X-PHONETIC-LAST-NAME:カトウ\r\n"
    "ORG:株式会社カトウ;開発部;第二課\r\n"
    "TITLE:課長\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:Naomi@Kato.co.jp\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:090-3333-4444\r\n"
    "TEL;type=WORK;type=VOICE:03-3333-4444\r\n"
    "item1.ADR;type=WORK;type=pref:;;西新宿2-8-1;新宿区;東京都;163-8001;日本\r\n"
    "item1.X-ABADR:jp\r\n"
    "BDAY:1985-04-01\r\n"
    "NICKNAME:なお\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:;;;;\r\n"
    "FN:\r\n"
    "NOTE:nothing to identify\r\n"
    "END:VCARD\r\n"
    "\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N:Smith;John\r\n"
    "TEL;CELL:+44 7700 900123\r\n"
    "TEL;WORK;FAX:+44 20 7946 0000\r\n"
    "SOUND;X-IRMC-N:スミス;ジョン;;;\r\n"
    "END:VCARD\r\n"
)


def test_import_vcard_30_and_21_with_several_cards() -> None:
    data = IPHONE_30.encode("utf-8")
    assert sniff(data).format == "vcard"
    items = list(read_rows(data))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("ImportedRow", 1),
        ("RowError", 17),
        ("ImportedRow", 24),
    ]
    kato = items[0].contact  # type: ignore[union-attr]
    assert kato.name == "加藤 直美"
    assert kato.name_reading == "カトウ ナオミ"
    assert (kato.company, kato.department, kato.title) == ("株式会社カトウ", "開発部 第二課", "課長")
    assert kato.emails == ("naomi@kato.co.jp",)
    assert [(p.type, p.e164) for p in kato.phones] == [("mobile", "+819033334444"), ("work", "+81333334444")]
    assert kato.address == "東京都新宿区西新宿2-8-1"
    assert (kato.postal_code, kato.country) == ("163-8001", "JP")
    # Properties we have no field for are kept as notes.
    assert kato.notes is not None and "BDAY: 1985-04-01" in kato.notes and "NICKNAME: なお" in kato.notes
    assert isinstance(items[1], RowError)
    smith = items[2].contact  # type: ignore[union-attr]
    assert smith.name == "John Smith"
    assert smith.name_reading == "スミス ジョン"
    assert [(p.type, p.e164) for p in smith.phones] == [("mobile", "+447700900123"), ("fax", "+442079460000")]


def test_shift_jis_vcard() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:松本 聡\r\nN:松本;聡;;;\r\n"
        "TEL;TYPE=WORK:052-123-4567\r\nEND:VCARD\r\n"
    )
    items = list(read_rows(data.encode("cp932")))
    assert sniff(data.encode("cp932")).encoding == "cp932"
    assert isinstance(items[0], ImportedRow)
    assert items[0].contact.name == "松本 聡"
    assert items[0].contact.phones[0].e164 == "+81521234567"


def test_broken_card_is_reported_with_its_line() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok Person\r\nN:Person;Ok;;;\r\nstray text\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nthis line is not a property\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Broken;Date\r\nBDAY;VALUE=date:\r\nEND:VCARD\r\n"
    )
    items = list(read_rows(data))
    ok = items[0]
    assert isinstance(ok, ImportedRow) and ok.contact.name == "Ok Person"
    assert ok.warnings == ("line 5: not a vCard property, skipped: 'stray text'",)
    assert isinstance(items[1], RowError)
    assert items[1].line == 7
    assert items[1].reason == (
        "no name, company, e-mail or phone; "
        "line 9: not a vCard property, skipped: 'this line is not a property'"
    )
    assert len(items) == 3


def test_vcard_round_trip() -> None:
    items = list(read_rows(write_vcard(ALL)))
    contacts = [i.contact for i in items if isinstance(i, ImportedRow)]
    assert len(contacts) == 3
    for got, want in zip(contacts, ALL, strict=True):
        for field in (
            "name",
            "name_latin",
            "name_reading",
            "company",
            "department",
            "title",
            "emails",
            "urls",
        ):
            assert getattr(got, field) == getattr(want, field), field
        for field in ("postal_code", "address", "country", "notes"):
            assert getattr(got, field) == getattr(want, field), field
        assert sorted((p.type, p.e164) for p in got.phones) == sorted((p.type, p.e164) for p in want.phones)
    assert contacts[1].name == DOE.name and contacts[0].name == YAMADA.name
