"""Normalised forms and blocking keys for duplicate detection.

Everything here is a pure function of strings. Keys are typed strings
(``"email:taro@sample.co.jp"``, ``"mobile:+819012345678"``, ``"name:山田太郎"``)
so a service can store them in one indexed column and fetch every contact that
shares any key with a new record.

Name keys are built to survive what really differs between two cards of one
person: spacing, full/half width, kanji variants (髙/高, 齋/斎, 邊/辺, 﨑/崎),
OCR confusions between look-alike kana and kanji (ロ/口, ー/一) and one wrong
character (deletion keys).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import jaconv

from cardscan.lexicon import LEGAL_FORMS_JA

# Itaiji (variant kanji) in names, folded to the common form. Only true
# variants of one character: 斉/斎 or 竜/龍 are different names, not spellings.
_KANJI_VARIANTS: dict[str, str] = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "碕": "崎",
    "齋": "斎",
    "齊": "斉",
    "邊": "辺",
    "邉": "辺",
    "澤": "沢",
    "濱": "浜",
    "濵": "浜",
    "國": "国",
    "廣": "広",
    "櫻": "桜",
    "德": "徳",
    "眞": "真",
    "藏": "蔵",
    "惠": "恵",
    "澁": "渋",
    "冨": "富",
    "槇": "槙",
    "瀨": "瀬",
    "淺": "浅",
    "關": "関",
    "榮": "栄",
    "實": "実",
    "壽": "寿",
    "條": "条",
    "增": "増",
    "學": "学",
    "黑": "黒",
    "萬": "万",
    "鐵": "鉄",
    "龜": "亀",
    "會": "会",
    "圓": "円",
    "峯": "峰",
    "嶋": "島",
    "嶌": "島",
    "籠": "篭",
    "檜": "桧",
    "舘": "館",
    "驒": "騨",
    "昻": "昂",
    "靜": "静",
    "聰": "聡",
    "曻": "昇",
    "彌": "弥",
    "顯": "顕",
    "巖": "巌",
    "佛": "仏",
    "禮": "礼",
    "傳": "伝",
    "與": "与",
    "賴": "頼",
}

# Characters Tesseract confuses inside Japanese names: katakana that look like
# kanji and dash-like marks. Folding both sides to one form lets a name read
# with ロ match the same name read with 口.
_OCR_CONFUSABLES: dict[str, str] = {
    "ロ": "口",
    "ー": "一",
    "－": "一",
    "-": "一",
    "‐": "一",
    "―": "一",
    "—": "一",
    "カ": "力",
    "エ": "工",
    "ニ": "二",
    "タ": "夕",
    "ト": "卜",
    "ハ": "八",
    "へ": "ヘ",
    "べ": "ベ",
    "ぺ": "ペ",
}

# Look-alikes that NFKC would turn into Latin letters (Ⅲ -> III) before the
# confusable table could fold them back to the kanji they stand for.
_PRE_NFKC_TABLE = str.maketrans({"Ⅲ": "川", "Ⅱ": "川"})
_KANJI_TABLE = str.maketrans(_KANJI_VARIANTS)
# ...and when NFKC already ran (a stored name), "III" next to a kanji.
_ROMAN_THREE = re.compile(r"(?<=[\u4e00-\u9fff])I{2,3}|I{2,3}(?=[\u4e00-\u9fff])")
_CONFUSABLE_TABLE = str.maketrans(_OCR_CONFUSABLES)

_SEPARATORS = re.compile(r"[\s\u3000・･·.,_'’\"()（）]+")
_NON_WORD = re.compile(r"[^\w]+")

#: Local parts of mailboxes that belong to a company, not a person.
GENERIC_MAILBOXES: frozenset[str] = frozenset(
    {
        "info",
        "information",
        "sales",
        "contact",
        "contactus",
        "support",
        "office",
        "admin",
        "hello",
        "inquiry",
        "inquiries",
        "enquiry",
        "enquiries",
        "toiawase",
        "otoiawase",
        "webmaster",
        "mail",
        "service",
        "pr",
        "press",
        "recruit",
        "saiyo",
        "jinji",
        "soumu",
        "somu",
        "eigyo",
        "eigyou",
        "hr",
        "marketing",
        "team",
        "customer",
        "cs",
        "help",
        "desk",
        "general",
        "reception",
        "order",
        "orders",
        "ir",
        "media",
        "business",
        "biz",
        "mailbox",
        "noreply",
        "no-reply",
        "postmaster",
        "main",
        "global",
        "japan",
        "jp",
    }
)

# Words that make a mailbox generic even with a suffix (sales.tokyo@,
# info-jp@). Short ones (hr, pr, jp) are left out: hr.yamada@ is a person.
_GENERIC_PREFIXES: frozenset[str] = frozenset(
    {
        "info",
        "information",
        "sales",
        "contact",
        "support",
        "inquiry",
        "toiawase",
        "otoiawase",
        "recruit",
        "eigyo",
        "eigyou",
        "marketing",
        "customer",
        "service",
        "office",
        "press",
        "webmaster",
        "noreply",
    }
)

#: Mail providers whose domain says nothing about the employer.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "yahoo.com",
        "ymail.ne.jp",
        "hotmail.com",
        "hotmail.co.jp",
        "outlook.com",
        "outlook.jp",
        "live.jp",
        "live.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "ocn.ne.jp",
        "so-net.ne.jp",
        "aol.com",
        "protonmail.com",
        "proton.me",
        "mail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "qq.com",
        "163.com",
        "naver.com",
    }
)

# Legal forms (cardscan.lexicon's), matched on the NFKC-folded, lowercased company name;
# longest first so that a longer form is removed before a shorter one inside it.
_LEGAL_FORMS_JA: tuple[str, ...] = tuple(
    sorted({unicodedata.normalize("NFKC", f).lower() for f in LEGAL_FORMS_JA}, key=len, reverse=True)
)
_LEGAL_FORMS_LATIN = re.compile(
    r"(?:^|(?<=[\s,.]))(?:"
    r"co\.?\s*,?\s*ltd\.?|company\s+limited|co\.?\s*,?\s*inc\.?|corporation|incorporated|company|"
    r"limited|ltd\.?|inc\.?|corp\.?|co\.?|l\.?l\.?c\.?|l\.?l\.?p\.?|llp|llc|plc|gmbh|ag|s\.?a\.?s?|"
    r"s\.?r\.?l\.?|b\.?v\.?|n\.?v\.?|k\.?k\.?|g\.?k\.?|y\.?k\.?|pte\.?|pty\.?|oy|ab|as|a/s|sarl|"
    r"kabushiki\s+kaisha|kabushikigaisha|godo\s+kaisha|yugen\s+kaisha"
    r")(?=$|[\s,.])",
)

_JP_MOBILE_PREFIXES = ("+8170", "+8180", "+8190")


def nfkc(text: str) -> str:
    """NFKC-normalise and trim (full-width letters/digits to ASCII, half-width kana to full)."""
    return unicodedata.normalize("NFKC", text).strip()


_NOT_LATIN = re.compile(r"[^\x00-\u024f]")
_KANA_ONLY = re.compile(r"[\u3040-\u30ff\s\u3000・･·]+")


def _is_latin(text: str) -> bool:
    return _NOT_LATIN.search(text) is None and any(ch.isalpha() for ch in text)


def _is_kana(text: str) -> bool:
    return _KANA_ONLY.fullmatch(text) is not None


def fold_kanji_variants(text: str) -> str:
    """Old and variant kanji to their common form (髙→高, 齋→斎, 邊→辺, 﨑→崎 ...)."""
    return text.translate(_KANJI_TABLE)


def fold_name(name: str) -> str:
    """The comparison form of a personal name in any script.

    Spacing, width and case are dropped; Latin names are lowercased with their
    words sorted (so "Taro Yamada" equals "YAMADA Taro"); Japanese names get
    kanji variants and OCR look-alikes folded (so "髙橋 一郎" equals "高橋一郎"
    and "高橋ー郎").

    Args:
        name: The name as printed or typed.

    Returns:
        The folded name, ``""`` when nothing is left.
    """
    text = nfkc(name.translate(_PRE_NFKC_TABLE))
    if _is_latin(text):
        return " ".join(sorted(romaji_tokens(text)))
    text = jaconv.hira2kata(text) if _is_kana(text) else text
    text = _SEPARATORS.sub("", text)
    text = _ROMAN_THREE.sub("川", text)
    return text.translate(_KANJI_TABLE).translate(_CONFUSABLE_TABLE).lower()


def romaji_tokens(name: str) -> list[str]:
    """Lowercased words of a Latin name with romanisation variants folded.

    Long vowels and Hepburn/Kunrei spellings differ between cards of one person
    ("Satoh", "Satou", "Sato"; "Shuuichi", "Syuichi"), so they are folded to
    one spelling. Initials such as "J." are kept as one letter.
    """
    text = strip_accents(nfkc(name).lower())
    words = [w for w in _NON_WORD.split(text.replace("-", " ")) if w]
    return [_fold_romaji(w) for w in words]


def strip_accents(text: str) -> str:
    """``text`` without accents (Krüger → Kruger, Léa → Lea)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def romaji_anagram(name_or_reading: str) -> str:
    """The letters of a romanised name, sorted: one key for "Taro Yamada",
    "YAMADA Taro" and the reading やまだ たろう, whatever the word order.

    Args:
        name_or_reading: A Latin name, or a kana reading.

    Returns:
        The sorted letters, ``""`` when there are none.
    """
    text = nfkc(name_or_reading)
    if _KANA_ONLY.fullmatch(text):
        text = jaconv.kana2alphabet(jaconv.kata2hira(_SEPARATORS.sub("", text)))
    elif not _is_latin(text):
        return ""
    joined = _fold_romaji("".join(romaji_tokens(text)))
    return "".join(sorted(ch for ch in joined if ch.isalpha()))


def romaji_of_kana(word: str) -> str:
    """A kana word in romaji (かなもり → kanamori); anything else as it is."""
    text = nfkc(word)
    if _KANA_ONLY.fullmatch(text):
        return str(jaconv.kana2alphabet(jaconv.kata2hira(_SEPARATORS.sub("", text))))
    return word


_ROMAJI_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"sy"), "sh"),
    (re.compile(r"si"), "shi"),
    (re.compile(r"zy"), "j"),
    (re.compile(r"zi"), "ji"),
    (re.compile(r"ty"), "ch"),
    (re.compile(r"ti"), "chi"),
    (re.compile(r"tu"), "tsu"),
    (re.compile(r"(?<![sc])hu"), "fu"),
    (re.compile(r"oh(?=[^aeiouy]|$)"), "o"),
    (re.compile(r"ou"), "o"),
    (re.compile(r"oo"), "o"),
    (re.compile(r"uu"), "u"),
    (re.compile(r"ii"), "i"),
    (re.compile(r"aa"), "a"),
    (re.compile(r"ee"), "e"),
)


def _fold_romaji(word: str) -> str:
    # Until nothing changes: one pass turns "aaa" into "aa", "ouhk" into "ohk",
    # and a key must fold to itself.
    while True:
        folded = word
        for pattern, repl in _ROMAJI_RULES:
            folded = pattern.sub(repl, folded)
        if folded == word:
            return word
        word = folded


def fold_reading(reading: str) -> str:
    """A kana reading as full-width katakana without spaces (ひらがな and ｶﾀｶﾅ alike)."""
    text = jaconv.hira2kata(nfkc(reading))
    return _SEPARATORS.sub("", text)


def normalize_email(email: str) -> str | None:
    """A lowercased, trimmed address, or ``None`` when it is not one."""
    text = nfkc(email).lower().strip(" <>.;,")
    text = text.removeprefix("mailto:")
    local, sep, domain = text.rpartition("@")
    if not sep or not local or "." not in domain or " " in text:
        return None
    return text


def email_domain(email: str) -> str:
    """The domain of an email address (lowercase)."""
    return email.rpartition("@")[2].lower()


def is_generic_mailbox(email: str) -> bool:
    """True for a company mailbox such as ``info@`` or ``sales@``, which many people share."""
    local = email.rpartition("@")[0].lower()
    base = re.split(r"[.+_-]", local, maxsplit=1)[0]
    return local in GENERIC_MAILBOXES or base in _GENERIC_PREFIXES


def url_domain(url: str) -> str | None:
    """The registrable-looking host of a URL without ``www.``, or ``None``."""
    text = nfkc(url).lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host = re.split(r"[/?#:]", text, maxsplit=1)[0].strip(".")
    host = host.removeprefix("www.")
    return host if "." in host else None


def company_domain(emails: Iterable[str], urls: Iterable[str]) -> str | None:
    """The company's domain as told by the URL or a non-free email address."""
    for url in urls:
        host = url_domain(url)
        if host and host not in FREE_MAIL_DOMAINS:
            return host
    for email in emails:
        domain = email_domain(email)
        if domain and domain not in FREE_MAIL_DOMAINS:
            return domain
    return None


def company_key(name: str | None, domain: str | None = None) -> str | None:
    """One key for every spelling of a company.

    Legal forms (株式会社, (株), ㈱, Co., Ltd., Inc., GmbH ...) in any position,
    width, case, spacing and punctuation are dropped, so 株式会社ABC, ABC株式会社,
    (株)ABC, ABC Co., Ltd. and ABC Inc. all give ``"abc"``. Without a usable
    name, the domain stands for the company (``"@abc.co.jp"``).

    Args:
        name: The company as printed.
        domain: The company's web or mail domain, used when the name gives no key.

    Returns:
        The key, or ``None`` when neither gives one.
    """
    if name:
        text = nfkc(name).lower()
        for form in _LEGAL_FORMS_JA:
            text = text.replace(form, " ")
        text = _LEGAL_FORMS_LATIN.sub(" ", text)
        text = text.translate(_KANJI_TABLE)
        key = re.sub(r"[\W_]+", "", text)
        if key:
            return key
    if domain:
        return "@" + domain.lower().removeprefix("www.")
    return None


def is_mobile_number(e164: str) -> bool:
    """True for Japanese mobile numbers (070/080/090), whatever the card called them."""
    return e164.startswith(_JP_MOBILE_PREFIXES) and len(e164) == 13


def name_deletion_keys(folded: str) -> frozenset[str]:
    """The folded name with each one character left out.

    Two spellings that differ by one character (an OCR slip or an unknown
    variant kanji) share at least one of these, so they meet in one block.
    Only for names of 3 to 8 characters: shorter ones would block with too
    many others, longer ones are Latin names that other keys cover.
    """
    if not 3 <= len(folded) <= 8 or " " in folded:
        return frozenset()
    return frozenset(folded[:i] + folded[i + 1 :] for i in range(len(folded)))
