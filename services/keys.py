"""Matching keys stored in indexed columns and computed from search queries.

THIN WRAPPER (D2): phone numbers go through ``cardscan.normalize`` (the reader's own
parser); the name, reading and company keys are still computed here. ``cardscan.matchkeys``
now has its own ``company_key``/``fold_reading`` (katakana, domain-aware): switching the
stored keys to them means recomputing ``name_key``/``reading_key``/``Company.name_key`` in a
migration, so that is left to the lead. Models (on save) and the search service (on query) must use the SAME
functions, or stored keys and query keys drift apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import jaconv
import phonenumbers

from cardscan import normalize as cardscan_normalize
from cardscan.lexicon import LEGAL_FORM_LATIN_RE, LEGAL_FORMS_JA
from cardscan.matchkeys import company_domain, fold_kanji_variants
from cardscan.matchkeys import company_key as match_company_key

CompanyT = TypeVar("CompanyT")

# Separators that carry no meaning in a name: spaces of every width and middle dots.
_NAME_NOISE = re.compile(r"[\s\u30fb\u00b7\uff65.,'\-]+")

# A Latin legal form at the end of a name ("ACME Co., Ltd.", "Globex GmbH"); the forms are
# cardscan's lexicon, the parser's and matcher's too.
_LATIN_FORM_AT_END = re.compile(
    r"[\s,]*(?:" + LEGAL_FORM_LATIN_RE.pattern + r")\.?$", LEGAL_FORM_LATIN_RE.flags | re.IGNORECASE
)
_JA_FORMS = tuple(dict.fromkeys(unicodedata.normalize("NFKC", f) for f in LEGAL_FORMS_JA))


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
    for form in _JA_FORMS:
        if text.startswith(form):
            return form
        if text.endswith(form):
            return form
    found = _LATIN_FORM_AT_END.search(text)
    if found is None or found.start() == 0:
        return None
    return found.group(0).strip(" ,")


def company_key(name: str | None) -> str:
    """Key of a company name (``Company.name_key``): the matcher's key, kana folded like names.

    株式会社ABC, ABC株式会社, (株)ABC, ABC Co., Ltd. and ABC Inc. share one key.
    """
    key = match_company_key(name) if name else None
    return jaconv.kata2hira(key) if key else ""


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
    parts = split_phone(text, region)
    return parts[0] if parts else None


@functools.lru_cache(maxsize=1 << 16)
def split_phone(text: str, region: str = "JP") -> tuple[str, str | None] | None:
    """``(e164, extension)`` of a phone number typed in any format, or None if it is not one.

    ``03-1234-5678 内線 12``, ``+1 212 555 0100 ext. 45`` and ``…;ext=45`` keep their
    extension; see :func:`cardscan.normalize.split_phone`. Cached: an import sees a
    company's main line and each re-read number many times.
    """
    try:
        return cardscan_normalize.split_phone(text, region=region)
    except cardscan_normalize.InvalidPhone:
        return None


def format_phone(e164: str, home_region: str = "JP", extension: str | None = None) -> str:
    """Display form of an E.164 number: national format at home, international abroad.

    Args:
        e164: the stored number.
        home_region: numbers of this region are shown the way people dial them locally.
        extension: written after the number as `` ext. 12`` (which :func:`split_phone` reads back).
    """
    suffix = f" ext. {extension}" if extension else ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164 + suffix
    if phonenumbers.region_code_for_number(number) == home_region.upper():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL) + suffix
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL) + suffix


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


#: Hosts of profiles, shops and blogs, which tell nothing about the employer.
PLATFORM_HOSTS: frozenset[str] = frozenset(
    {
        "linkedin.com", "facebook.com", "fb.com", "instagram.com", "x.com", "twitter.com",
        "youtube.com", "youtu.be", "tiktok.com", "note.com", "ameblo.jp", "line.me", "lin.ee",
        "github.com", "github.io", "sites.google.com", "google.com", "wixsite.com", "jimdofree.com",
        "jimdo.com", "wordpress.com", "hatenablog.com", "peraichi.com", "bit.ly", "eight.ly",
        "8card.net", "linktr.ee", "amazon.co.jp", "amazon.com", "rakuten.co.jp",
    }
)  # fmt: skip


def contact_domain(emails: Sequence[str], urls: Sequence[str]) -> str | None:
    """The employer's domain a contact's mail or web address tells, if any.

    A non-free mail domain comes first (it is the employer's by construction); a web
    address only when no such mail address exists. Free-mail hosts and platforms
    (LinkedIn, Facebook, note, a shop on Rakuten ...) never stand for a company.
    """

    def usable(host: str | None) -> str | None:
        if not host or host in PLATFORM_HOSTS or any(host.endswith("." + p) for p in PLATFORM_HOSTS):
            return None
        return host

    for email in emails:
        found = usable(company_domain([email], []))
        if found:
            return found
    for url in urls:
        found = usable(company_domain([], [url]))
        if found:
            return found
    return None


_LATIN_KEY = re.compile(r"[a-z0-9]+")
_ANY_LATIN = re.compile(r"[a-z]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def one_firm_in_two_scripts(key_a: str, key_b: str) -> bool:
    """True when two company keys are one spelled in Latin letters and one in Japanese.

    株式会社エービーシー and ABC Co., Ltd. have no key in common, but on one web domain
    they are one company; two Latin (or two Japanese) names that differ are two firms of a
    group even when they share the group's domain (ABC Holdings, ABC Logistics), and a
    mixed name (ABC物流) is its own firm.
    """

    def latin(key: str) -> bool:
        return bool(_LATIN_KEY.fullmatch(key)) and bool(_ANY_LATIN.search(key))

    def japanese(key: str) -> bool:
        return bool(_JAPANESE.search(key)) and not _ANY_LATIN.search(key)

    return (latin(key_a) and japanese(key_b)) or (japanese(key_a) and latin(key_b))


def same_firm_on_domain(
    key: str, same_domain: Iterable[CompanyT], key_of: Callable[[CompanyT], str]
) -> CompanyT | None:
    """The first company on the contact's domain (in id order) that is ``key`` in the other script.

    The one rule of :func:`services.companies.find_or_create_company` and of the import's
    writer for a company whose name key found nothing.
    """
    return next((c for c in same_domain if one_firm_in_two_scripts(key_of(c), key)), None)
