"""Matching keys stored in indexed columns and computed from search queries.

THIN WRAPPER (D2): phone numbers go through ``cardscan.normalize`` (the reader's own
parser); the name, reading and company keys are still computed here. ``cardscan.matchkeys``
now has its own ``company_key``/``fold_reading`` (katakana, domain-aware): switching the
stored keys to them means recomputing ``name_key``/``reading_key``/``Company.name_key`` in a
migration, so that is left to the lead. Models (on save) and the search service (on query) must use the SAME
functions, or stored keys and query keys drift apart.
"""

from __future__ import annotations

import re
import unicodedata

import jaconv
import phonenumbers

from cardscan import normalize as cardscan_normalize
from cardscan.matchkeys import fold_kanji_variants

# Separators that carry no meaning in a name: spaces of every width and middle dots.
_NAME_NOISE = re.compile(r"[\s\u30fb\u00b7\uff65.,'\-]+")

# Legal forms stripped from a company name before comparing. Longest first so
# "株式会社" wins over a shorter overlapping form.
_LEGAL_FORMS: tuple[str, ...] = tuple(
    sorted(
        (
            "株式会社",
            "有限会社",
            "合同会社",
            "合資会社",
            "合名会社",
            "一般社団法人",
            "一般財団法人",
            "公益社団法人",
            "公益財団法人",
            "特定非営利活動法人",
            "npo法人",
            "医療法人",
            "学校法人",
            "社会福祉法人",
            "(株)",
            "(有)",
            "(合)",
            "㈱",
            "㈲",
            "co.,ltd.",
            "co., ltd.",
            "co.ltd.",
            "co.,ltd",
            "company limited",
            "corporation",
            "corp.",
            "corp",
            "inc.",
            "inc",
            "ltd.",
            "ltd",
            "llc",
            "gmbh",
            "k.k.",
            "kk",
        ),
        key=len,
        reverse=True,
    )
)


def nfkc(text: str) -> str:
    """NFKC-normalise ``text`` (full-width ASCII to ASCII, half-width kana to full-width)."""
    return unicodedata.normalize("NFKC", text)


def text_key(text: str | None) -> str:
    """Fold ``text`` for matching: NFKC, katakana to hiragana, kanji variants, casefold, no spaces.

    Folding katakana into hiragana lets a reading typed in either script match; folding
    variant kanji (the matcher's table) lets 高橋 find 髙橋 in search and in duplicate blocking.
    """
    if not text:
        return ""
    folded = fold_kanji_variants(jaconv.kata2hira(nfkc(text))).casefold()
    return _NAME_NOISE.sub("", folded)


def name_key(name: str | None) -> str:
    """Key of a person's name (``Person.name_key``)."""
    return text_key(name)


def reading_key(reading: str | None) -> str:
    """Key of a name reading (``Person.reading_key``); katakana and hiragana fold together."""
    return text_key(reading)


def legal_form_of(name: str) -> str | None:
    """The legal form a company name starts or ends with, as printed (``株式会社``, ``Inc.``)."""
    text = nfkc(name).strip()
    lowered = text.casefold()
    for form in _LEGAL_FORMS:
        if lowered.startswith(form):
            return text[: len(form)]
        if lowered.endswith(form):
            return text[len(text) - len(form) :]
    return None


def strip_legal_form(name: str) -> str:
    """``name`` without a leading or trailing legal form such as 株式会社 or Inc."""
    text = nfkc(name).strip()
    form = legal_form_of(text)
    if form is None:
        return text
    bare = text[len(form) :] if text.casefold().startswith(form.casefold()) else text[: -len(form)]
    return bare.strip(" ,")


def company_key(name: str | None) -> str:
    """Key of a company name (``Company.name_key``): legal form removed, then folded."""
    if not name:
        return ""
    return text_key(strip_legal_form(name))


def normalize_email(email: str | None) -> str:
    """Lower-cased, NFKC-normalised e-mail address (no validation)."""
    return nfkc(email or "").strip().lower()


def normalize_phone(text: str, region: str = "JP") -> str | None:
    """E.164 form of a phone number typed in any format, or None if it is not one.

    Delegates to :func:`cardscan.normalize.normalize_phone`, the same parser the card
    reader uses, so a number typed into a form or the search box gets the key a card
    with that number got (labels such as "TEL" and extensions are dropped).

    Args:
        text: the number as typed (full-width digits, dashes, brackets are fine).
        region: ISO 3166 region used when the number has no country code.
    """
    try:
        return cardscan_normalize.normalize_phone(text, region=region)
    except cardscan_normalize.InvalidPhone:
        return None


def format_phone(e164: str, home_region: str = "JP") -> str:
    """Display form of an E.164 number: national format at home, international abroad.

    Args:
        e164: the stored number.
        home_region: numbers of this region are shown the way people dial them locally.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == home_region.upper():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


PREFECTURES: tuple[str, ...] = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)


def prefecture_of(address: str | None) -> str | None:
    """The prefecture an address starts with (``東京都千代田区...`` → ``東京都``), else None."""
    text = nfkc(address or "").lstrip("〒 0123456789-")
    for prefecture in PREFECTURES:
        if text.startswith(prefecture):
            return prefecture
    return None
