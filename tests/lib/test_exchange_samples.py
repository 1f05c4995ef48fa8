"""Contacts shared by the exchange tests, and a check that they cover what the tests rely on."""

from __future__ import annotations

from cardscan.types import Phone
from exchange import ContactRow

YAMADA = ContactRow(
    contact_id=12,
    source_id="card-0001",
    source_ids=("card-0001", "card-0042"),
    card_count=2,
    name="山田 太郎",
    name_latin="Taro Yamada",
    name_reading="ヤマダ タロウ",
    company="株式会社サンプル商事",
    department="営業本部 第一営業部",
    title="営業部長",
    emails=("taro.yamada@sample.co.jp", "yamada@example.jp"),
    phones=(
        Phone("work", "+81312345678"),
        Phone("fax", "+81312345679"),
        Phone("mobile", "+819012345678"),
        Phone("work", "+81312345670", extension="205"),
    ),
    urls=("https://www.sample.co.jp",),
    postal_code="100-0005",
    address="東京都千代田区丸の内1-2-3 丸の内ビル5F",
    country="JP",
    notes='展示会で名刺交換\n=HYPERLINK("http://evil")',
)

DOE = ContactRow(
    contact_id=31,
    source_id="import-7",
    source_ids=("import-7",),
    card_count=1,
    name="Jane Q. Doe",
    company="Acme, Inc.",
    title='VP "Sales"',
    emails=("jane@acme.com",),
    phones=(Phone("mobile", "+14155550100", extension="12"),),
    address="1 Main St, Springfield, IL",
    country="US",
    notes="@home; -x",
)

SUZUKI = ContactRow(
    contact_id=40,
    name="鈴木 花子",
    name_reading="スズキ ハナコ",
    company="有限会社テスト",
    phones=(Phone("other", "+81612345678"),),
    postal_code="530-0001",
    address="大阪府大阪市北区梅田1-1-1",
    country="JP",
)

ALL = (YAMADA, DOE, SUZUKI)


def test_samples_cover_what_the_format_tests_need() -> None:
    kinds = {p.type for c in ALL for p in c.phones}
    assert kinds == {"work", "mobile", "fax", "other"}
    assert any(len(c.emails) > 1 for c in ALL)  # overflow into notes / E-mail 2
    assert any(len(c.phones_of("work")) > 1 for c in ALL)  # overflow of work phones
    assert any(c.notes and c.notes.splitlines()[-1].startswith("=") for c in ALL)  # formula text
    assert any(c.country not in (None, "JP") for c in ALL)  # a foreign address, not split
    assert len({c.contact_id for c in ALL}) == len(ALL)
