"""From what OCR read to the fields of a card: content first, layout second.

The parser works in three passes over the lines of an :class:`OcrPage`:

1. **Extract** what has an unmistakable shape wherever it is on a line:
   emails, URLs, phone numbers with their labels, postal codes. Several items
   on one line are all taken; what remains of the line goes on.
2. **Score** each remaining piece of text for every free-text field (name,
   company, title, department, address, reading) from lexicons (legal forms,
   titles, department suffixes, prefectures, street words), the Japanese
   name dictionary, and layout (glyph size: the name is usually the largest
   text; neighbours: a ふりがな sits next to the name, an address continues
   on the next line).
3. **Assign** the best piece to each field, one piece per field (departments
   and addresses may take two neighbouring pieces), check the Japanese postal
   code against its address, infer the country, and keep everything unused as
   ``leftover``.

Confidence per field is the OCR confidence of the line(s) it came from times
how sure the rule was.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from phonenumbers import geocoder
from rapidfuzz.distance import Levenshtein

from cardscan.lexicon import (
    ADDRESS_LABEL_RE,
    AU_POSTCODE_RE,
    CA_POSTCODE_RE,
    COUNTRY_NAME_RE,
    COUNTRY_NAMES,
    DEPT_EN_RE,
    DEPT_FUNCTIONS_EN,
    DEPT_SUFFIXES_JA,
    EMAIL_LABEL_RE,
    EU_POSTCODE_RE,
    FIRM_WORDS_JA,
    HONORIFICS_RE,
    JA_ADDRESS_CONT_RE,
    JA_ADDRESS_RE,
    JA_BUILDING_RE,
    JP_ROMAN_ADDRESS_RE,
    LANGUAGE_CUES,
    LEGAL_FORM_COUNTRY,
    LEGAL_FORM_LATIN_RE,
    LEGAL_FORMS_JA,
    ORG_WORDS_JA,
    ORG_WORDS_LATIN,
    ORG_WORDS_LATIN_RE,
    PHONE_LABEL_RE,
    POST_NOMINALS_RE,
    PREFECTURE_RE,
    SG_POSTCODE_RE,
    STREET_WORDS_RE,
    TAGLINE_HINTS,
    TITLE_EN_RE,
    TITLES_JA,
    UK_POSTCODE_RE,
    URL_LABEL_RE,
    US_STATES,
    US_ZIP_RE,
    WEAK_TITLE_EN,
    WRITTEN_LEGAL_FORMS_JA,
    contains_any,
    phone_label_kind,
)
from cardscan.names import (
    KANA_RE,
    KANJI_RE,
    JapaneseName,
    clean_latin_name,
    dictionary_reading,
    is_dictionary_word,
    is_romaji_word,
    kana_reading,
    kanji_words_read_as,
    latin_matches_reading,
    latin_name_score,
    loose_romaji,
    name_words,
    person_name_score,
    romaji_evidence,
    romaji_fit,
    romaji_of,
    split_japanese_name,
    with_katakana_lookalikes_mended,
    with_last_glyph_back,
    without_kana_read_twice,
    without_marks_after_word,
)
from cardscan.normalize import (
    EMAIL_RE,
    URL_RE,
    PhoneMatch,
    find_phone_matches,
    is_real_host,
    is_valid_phone,
    join_words,
    mended_if_valid,
    nfkc,
    normalize_address,
    normalize_email,
    normalize_postal_code,
    normalize_url,
    region_of_e164,
    repair_phone_text,
)
from cardscan.postal import check_address, lookup
from cardscan.types import Box, Line, OcrPage, ParsedCard, Phone, PhoneType

log = logging.getLogger(__name__)

#: A line OCR read with less confidence than this is doubtful as a name or company.
_DOUBTFUL_LINE: Final = 0.5
#: A line OCR read with less confidence than this is mostly junk (a logo, a photo, a texture).
_JUNK_LINE: Final = 0.3
#: Below this score a piece of text is not given to a field at all.
MIN_FIELD_SCORE: Final = 0.35

# "〒3811240 4" / "〒38112404": the dash lost or read as "1"; "〒722.-1511", "〒509-_-1622": doubled.
_JP_POSTAL_NODASH = re.compile(
    r"[〒〶〠]\s*(?P<a>[0-9]{3})(?:[1l|]|\s?[-/.・·_ー]{1,3}\s?)?(?P<b>[0-9]{4})(?![0-9])"
)
_JP_POSTAL_ANY = re.compile(
    r"(?P<mark>[〒〶〠T干=F7+Ŧ〤]{1,2})?\s*[:：]?\s*(?P<a>[0-9]{3})\s?-\s?(?P<b>[0-9]{4})(?![0-9]|-[0-9])"
)
_SPLIT_POSTAL = re.compile(
    r"([〒〶〠]\s*[0-9]{3}\s?-\s?[0-9]{1,3})\s([0-9]{1,3})"
    r"(?<=-[0-9]{3}\s[0-9]|-[0-9]{2}\s[0-9]{2}|-[0-9]\s[0-9]{3})(?![0-9])"
)
# Bare codes; "7" is how Tesseract often reads a small 〒 glued to the digits.
_JP_POSTAL_BARE = re.compile(r"(?<![0-9+\-])7?([0-9]{3})-([0-9]{4})(?![0-9\-])")
_CC_RE = re.compile(r"\+\s?\(?\s?([1-9][0-9]{0,2})")
_JUNK_CHARS = re.compile(r"[^\w\u3040-\u30ff\u3400-\u9fff]")
_SEPARATORS = re.compile(r"\s*(?:\||｜|/|／|・{2,}|\s{2,}| - | – | — )\s*")


@dataclass
class _Piece:
    """A piece of a line left after extraction: the unit the scorer works on."""

    line: int  # index into the ordered lines
    text: str
    size: float  # glyph size relative to the card's median
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    used: str | None = None


@dataclass
class _Work:
    """Mutable state while one card is parsed."""

    lines: list[Line]
    texts: list[str]
    rests: list[str]
    emails: list[tuple[str, float]] = field(default_factory=list)
    urls: list[tuple[str, float]] = field(default_factory=list)
    phones: list[tuple[Phone, float, bool]] = field(default_factory=list)  # phone, conf, valid
    postal: tuple[str, int, float] | None = None  # code, line index, conf
    # The text before an address's local part on its line, as read, by local part (a
    # domain read wrong, co.jo, is put right before the words in it are used).
    email_heads: dict[str, str] = field(default_factory=dict)
    # Local parts printed with a capital first ("Noguchi Nanami@"): a capitalised word before
    # one is a name of the address; before one in small letters, the name the card prints.
    capital_locals: set[str] = field(default_factory=set)
    # The e-mail and web addresses whose host was given another address's spelling: no
    # second read of that host.
    copied: set[str] = field(default_factory=set)
    # The numbers typed work for want of a label (none read before them, nor a mobile's code).
    unlabelled: set[str] = field(default_factory=set)


# ---------------------------------------------------------------- public API


def parse_text(text: str, *, default_region: str = "JP") -> ParsedCard:
    """Parse plain text, one card line per text line.

    Every line gets the same size and full confidence, so only content
    decides; useful for tests and for text that did not come from OCR.

    Args:
        text: The card's lines, separated by newlines.
        default_region: Country for phone numbers when the card does not tell.

    Returns:
        The parsed card.
    """
    lines = []
    for i, raw in enumerate(t for t in text.splitlines() if t.strip()):
        lines.append(Line(text=raw.strip(), box=Box(0, i * 40, 20 * len(raw), 30), confidence=1.0))
    page = OcrPage(lines=tuple(lines), width=1000, height=max(40 * len(lines), 1))
    return parse_page(page, default_region=default_region)


def parse_page(page: OcrPage, *, default_region: str = "JP") -> ParsedCard:
    """Parse the lines OCR read on one card into contact fields.

    Args:
        page: The OCR result (lines with boxes, confidences, vertical flags).
        default_region: Country for phone numbers printed without ``+CC`` when
            the card itself gives no hint (address, other numbers, script).

    Returns:
        The parsed card with per-field confidences and the unused lines.
    """
    lines = _reading_order(page)
    texts = [repair_line(nfkc(_CIRCLED_BY_AT.sub("@", _columns_apart(line)))) for line in lines]
    work = _Work(lines=lines, texts=texts, rests=list(texts))
    if not _is_japanese_card(work):
        work.texts = [_without_cjk_ends(text) for text in work.texts]
        work.rests = list(work.texts)
    _extract_emails_urls(work)
    _email_at_web_host(work)
    _reconcile_hosts(work)
    _extract_marked_postal(work)
    _country_code_slips(work)
    region = _infer_region(work, default_region)
    _region_code_slip(work, region)
    _extract_phones(work, region)
    if region == "JP":
        _jp_trunk_among_siblings(work)
    _fax_of_the_office(work)
    _extract_bare_postal(work)
    pieces = _pieces(work)
    for piece in pieces:
        piece.text = _initial_back_by_email(_capital_back_by_email(piece.text, work), work)
        piece.scores = _score(piece, work)
    _layout_adjust(pieces, work)
    return _assemble(work, pieces)


_SPECKED_JP_CODE = re.compile(r"\+[2-9]81(?=[ \-(.][0-9(])")
_CODE_8X = re.compile(r"\+8([0-9])(?=[ \-(.][0-9(])")


def _country_code_slips(work: _Work) -> None:
    """Country codes misread in a way the card's other numbers or its script show.

    - "+381-259-89-0481" on a Japanese card: a speck read as a digit after the "+" of +81;
    - "+87 43 072 5648" on a Japanese card: +8 and a digit no country has is +81;
    - "+61 96 386 8326" on a Japanese card: a code one digit off 81 that makes the
      number invalid, where +81 makes it valid, is +81;
    - "F 465-6475 0649" by "+65-9754-4564": the "+" of a code printed on the card read as a 4 or a 1.
    """
    if _is_japanese_card(work):
        work.rests = [_SPECKED_JP_CODE.sub("+81", text) for text in work.rests]
        work.rests = [_CODE_8X.sub(_unassigned_as_81, text) for text in work.rests]
        work.rests = [_CODE_ONE_OFF_81.sub(_invalid_as_81, text) for text in work.rests]
    # (Codes of two digits or three: "1" and "41" stand for too much else.)
    codes = {code for text in work.rests for code in re.findall(r"\+([1-9][0-9]{1,2})[ \-(.]", text)}
    for code in codes:
        plus_as_digit = re.compile(rf"(?<![0-9+])[14]{code}(?=[ \-(.][0-9( \-.]{{6,}})")
        work.rests = [plus_as_digit.sub(f"+{code}", text) for text in work.rests]


def _region_code_slip(work: _Work, region: str) -> None:
    """"C 161 461 259 747" on an Australian card: the "+" of its own code read as a 1 or a 4.

    Only where the number is valid with the code and not as read.
    """
    code = phonenumbers.country_code_for_region(region)
    # One-digit codes (+1, +7) stand for too much else; +81's slips are undone
    # by _country_code_slips, which knows the card's script.
    if code < 10 or code == 81:
        return

    def fix(match: re.Match[str]) -> str:
        return mended_if_valid(match.group(), "+" + match.group()[1:], region)

    plus_as_digit = re.compile(rf"(?<![0-9+])[14]{code}[ \-(.][0-9( \-.)]{{6,}}[0-9]")
    work.rests = [plus_as_digit.sub(fix, text) for text in work.rests]


# A two-digit code one digit off 81 and the number after it ("+61 96 386 8326", "+21 (0)250-01-5630").
_CODE_ONE_OFF_81 = re.compile(r"\+(?:[0-79]1|8[02-9])(?P<number>[ \-(.][0-9() \-.]{7,}[0-9])")


def _invalid_as_81(match: re.Match[str]) -> str:
    """+81 for a code one digit off it, on a Japanese card, when only +81 makes the number valid."""
    return mended_if_valid(match.group(), "+81" + match["number"], "JP")


def _unassigned_as_81(match: re.Match[str]) -> str:
    unassigned = phonenumbers.region_code_for_country_code(80 + int(match[1])) == "ZZ"
    return "+81" if unassigned else match.group()


def _columns_apart(line: Line) -> str:
    """The line's text with a wide blank where Tesseract joined words of two columns.

    "Lisa Brown 2418 1st Ave NE": the name in the left column, the street in
    the right, read as one line. A blank between two words wider than
    :data:`_COLUMN_GAP` heights of the print becomes a bar, as printed
    between the parts of a line ("Office | 646…"), which parts the pieces.
    """
    words = line.words
    if line.vertical or len(words) < 2 or join_words([w.text for w in words]) != line.text:
        return line.text
    height = statistics.median(word.box.height for word in words)
    groups = [[words[0].text]]
    for k, (before, word) in enumerate(itertools.pairwise(words), start=1):
        gap = word.box.left - before.box.right
        wide = gap > _COLUMN_GAP * height
        # (Words, not an icon beside an address, nor an address's pieces: "ヽ  moreau@…",
        # "lisa@  clearpath.com", "www.  clearpath.com".)
        # (But "Orion Networks Ltd.   654 King Street West", seed 227 #82: a stop ends a word.)
        # (A house number of one digit starting the street: "Sophie Williams   8 Bishopsgate", seed 271 #62.)
        house_number = word.text.isdigit() and k + 1 < len(words) and words[k + 1].text[:1].isupper()
        words_apart = all(
            sum(c.isalnum() for c in w.text) >= 2 and "@" not in w.text
            for w in (before, word) if not (w is word and house_number)
        ) and not (
            before.text.endswith((":", "/", "-"))
            or before.text.endswith(".") and (before.text.lower() == "www." or word.text[:1].islower())
            or word.text.startswith(".")
        )
        # A glyph of Japanese print is a word of its own; after it, much smaller print
        # a glyph's width or more away is another piece of the card on the same row (a
        # tagline beside the company's name: "白鷺製作所振興会  未来をつなぐ、技術で。"). A
        # word of small kana a glyph's width apart, print of the line's size after it, is
        # not: "コンサル ティ ング".
        rest_small = all(w.box.height < _SMALLER_PRINT * height for w in words[k : k + 2])
        smaller_apart = (
            (gap > _TAGLINE_GAP * height or (gap > height and rest_small))
            and _WORD_GLYPH.search(before.text[-1:]) is not None
            and word.box.height < _SMALLER_PRINT * height
            and "@" not in word.text
            and word.text.strip("一ー-") != ""  # a dash, as small as it is flat
        )
        # Latin print a fifth of a line away and much smaller than the word before is
        # another column's ("Prof. Chloe Williams   Brisbane QLD 4000").
        shrunk_apart = (
            words_apart and before.text.isascii() and word.text.isascii()
            and gap > before.box.height and word.box.height < _SMALLER_PRINT * before.box.height
        )
        rule = set(word.text) == {"_"} and k < len(words) - 1
        if ((wide and words_apart) or smaller_apart or shrunk_apart or rule) and groups[-1]:
            groups.append([])
        if not rule:
            # (A rule between two columns read as a word of its own: "Benjamin Anderson _ Office".)
            groups[-1].append(word.text)
    return " | ".join(join_words(group) for group in groups)


def _with_postal_code(text: str, work: _Work) -> bool:
    """Whether a piece of the postal code's line lies in the part of it that holds the code.

    "Nanami Matsui | Ibaraki 311-0112": the name in the left column, the end
    of the address in the right, read as one line and parted at the blank
    (:func:`_columns_apart`); only the right part is the address's.
    """
    assert work.postal is not None
    code, line, _conf = work.postal
    parts = work.texts[line].split(" | ")
    holding = [part for part in parts if code in part or code.replace("-", "") in part]
    return len(parts) < 2 or not holding or any(text in part for part in holding)


# A blank between two words of a line wider than this many heights of its print parts two columns.
_COLUMN_GAP = 3.0
# Print less high than this share of its line's is another piece of text...
_SMALLER_PRINT = 0.6
# ... when set this many heights of the line's print away (1.8 for a tagline on seed
# 139; 1.0 for the small kana inside "コンサルティング" on seed 167 #83), or a height
# away when the print after it is small too.
_TAGLINE_GAP = 1.5
# Kanji and katakana letters (not the marks ヽ, ー that an icon or a dash is read as).
_WORD_GLYPH = re.compile(r"[\u3400-\u9fff\u30a1-\u30fa]")


# Japanese legal forms OCR misreads by one glyph: "台同会社", "修式会社", "株式全社".
_REPAIRABLE_FORMS: Final = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
_FORM_CUT_END = re.compile(r"(?<=[\u30a0-\u30ff\u4e00-\u9fff])(株式|有限|合同)会$")
# (Its 同 read as 司, too: "司会社エコー薬品", seed 257 #180.)
_FORMS_CUT_AT_START: Final = {
    "式会社": "株式会社",
    "限会社": "有限会社",
    "同会社": "合同会社",
    "司会社": "合同会社",
}
_FORM_CUT_START = re.compile(r"^(式会社|限会社|[同司]会社)(?=[A-Za-z\u30a0-\u30ff\u4e00-\u9fff])")
_FORM_WINDOW = re.compile(r"(?=([\u3400-\u9fff]{4}))")
# The written-out forms of five kanji or more (一般社団法人, 特定非営利活動法人): no word
# is one glyph from them but another form ("一役社団法人", seed 227 #138).
_LONG_FORMS: Final = tuple(f for f in LEGAL_FORMS_JA if len(f) >= 5 and all(KANJI_RE.match(c) for c in f))


# Kanji Tesseract's jpn model confuses in card vocabulary, in contexts where the
# misread is not a word: 締→綿 (取締役), 営→党 (営業, 営業所), 管→菅 (管理).
_GLYPH_CONFUSIONS: Final = (
    ("取綿役", "取締役"),
    ("取縮役", "取締役"),
    ("党業", "営業"),
    ("菅理", "管理"),
    ("執行役貞", "執行役員"),
    ("取締役全長", "取締役会長"),
    ("学業所", "営業所"),
    ("宮業", "営業"),
    ("堂業", "営業"),
    ("十葉", "千葉"),
    # 輸 read as 輪 (wheel) in 運輸 (transport), a word every haulier's name has.
    ("運輪", "運輸"),
    # The katakana エ for the kanji 工 in compounds no katakana word forms.
    ("エ業", "工業"),
    ("エ場", "工場"),
    ("エ務店", "工務店"),
    ("エ芸", "工芸"),
    ("エ房", "工房"),
)
# 藤 read as 膝 (knee), a kanji no name and hardly any card prints: in the
# commonest family names around it ("安膝", "後膝", "膝井").
_KNEE_FOR_WISTERIA = re.compile(
    r"(?<=[安後佐伊加斉斎齋齊近遠須武内江首進])膝|膝(?=[井田原本川野村岡沢澤森崎島木谷山])"
)
# (株) read as Latin letters ("(Fk) 昭和システム"), next to a Japanese name.
# One letter, or two with a small one: "(A)", "(Fk)"; "(DX)" is an acronym.
_KABU_MISREAD = re.compile(
    r"(?!\(\s?(?:R|C|TM|r|c|tm)\s?\))"  # ®, ©, ™ written out ("ウォシュレット(R)")
    r"(?:^\(\s?(?:[A-Za-z#]|(?=[^)]{0,2}[a-z#])[A-Za-z#]{2})\s?\)(?=\s?[\u3400-\u9fff\u30a1-\u30fa]{2})"
    # "%) 関西食品": the opening bracket and 株 read as one sign (seed 229 #132).
    r"|^%\s?\)\s?(?=[\u3400-\u9fff\u30a1-\u30fa]{2})"
    r"|(?<=[\u3400-\u9fff\u30a1-\u30fa]{2})\s?(?!\(\s?(?:R|C|TM|r|c|tm)\s?\))"
    r"\(\s?(?:[A-Za-z#]|(?=[^)]{0,2}[a-z#])[A-Za-z#]{2})\s?\)$)"
)
# (株) with 株 read as another kanji or lost, beside a firm's name that ends in the word of its
# trade: "アクシス商事 ( 線 )", "() 東都ホールディングス". Not the other one-kanji forms ((有),
# (同), (農), (税), (弁)…), and not beside other text: 定休日 (水), (兼) 経営企画室長.
_KABU_KANJI = r"(?:[\u4e00-\u9fff](?<![株有同資名合社財学医宗独福協生農税弁司行監特公一相])|)"
_KABU_AS_KANJI = re.compile(
    rf"^\s*\(\s?{_KABU_KANJI}\s?\)\s?(?P<after>[\u3400-\u9fff\u30a1-\u30fa][^()]*)$"
    rf"|^(?P<before>[^()]*[\u3400-\u9fff\u30a1-\u30fa])\s?\(\s?{_KABU_KANJI}\s?\)\s*$"
)


def _kabu_as_kanji(text: str) -> str:
    """``text`` with a bracketed kanji that is (株) misread put right (:data:`_KABU_AS_KANJI`)."""
    match = _KABU_AS_KANJI.match(text)
    if match is None:
        return text
    after, before = match.group("after"), match.group("before")
    name = (after or before or "").strip()
    if not name.endswith(FIRM_WORDS_JA):
        return text
    return f"(株){after}" if after is not None else f"{before}(株)"


# (株) with a bracket lost or misread: "(株」) ミナト工業", "(株冨士精機", "、株新星システム", "光輝印刷(株".
_KABU_BROKEN = re.compile(
    r"^[(（「『、,]\s?株\s?[)）」』\]|]{0,2}\s?(?=[\u3040-\u30ff\u3400-\u9fffA-Z])(?!式)"
    r"|^株\s?[)）」』\]|]{1,2}\s?(?=[\u3040-\u30ff\u3400-\u9fffA-Z])"
    # "株明和システム": both brackets lost (turned brackets of 縦書き print).
    r"|^株(?![式主価券])(?=[\u30a1-\u30fa\u3400-\u9fff]{2})"
    # (Before hiragana too when a kanji word follows them: "株やまびこ運輸", seed 277 #88.)
    r"|^株(?=[\u3041-\u3096]{2,}[\u30a1-\u30fa]*[\u3400-\u9fff]{2})"
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff])\s?(?:[(（「『]\s?株\s?[)）」』\]|]{0,2}|株\s?[)）」』\]|]{1,2})$"
)
# A stray bracket glued to a legal form: "株式会社』J テック不動産".
_BRACKET_AFTER_FORM = re.compile(r"(?<=株式会社|有限会社|合同会社)\s?[」』\]|]\s?")
# 部 read as 音 (its right half lost) ending a department line: "経理音", "購買音".
# Only after a department's function word: 花音, 詩音, 莉音 end given names.
_SOUND_FOR_DEPT = re.compile(
    r"^([\u4e00-\u9fff]{0,4}(?:経理|総務|営業|人事|購買|技術|開発|製造|企画|広報|法務|財務|管理|設計|生産|"
    r"調達|資材|品質|業務|経営|研究|事業|販売|物流|工務|施設|監査|保守|情報|商品|海外|推進|戦略|経営企画|"
    r"業推|編集|制作|教育|工事|建設|設備|保安|安全|環境|秘書|渉外))音$"
)

# Katakana words of card vocabulary, long enough that one glyph OCR slipped
# ("フリューション", "ホールティングス", "システスム") is still only near one of them.
_KATAKANA_WORDS: Final = (
    "ソリューション",
    "ソリューションズ",
    "マーケティング",
    "ホールディングス",
    "テクノロジー",
    "テクノロジーズ",
    "システム",
    "システムズ",
    "エンジニア",
    "エンジニアリング",
    "デザイナー",
    "デザイン",
    "コンサルティング",
    "コンサルタント",
    "マネージャー",
    "マネジメント",
    "ディレクター",
    "グループ",
    "センター",
    "ネットワーク",
    "ネットワークス",
    "サービス",
    "ソフトウェア",
    "プロジェクト",
    "ビルディング",
    "インターナショナル",
    "コーポレーション",
    "イノベーション",
    "コミュニケーション",
    "プランニング",
    "ビジネス",
    "リーダー",
    "スペシャリスト",
    "アーキテクト",
    "プロデューサー",
    "アドバイザー",
    "セールス",
    "サポート",
    "カスタマー",
    "マーケット",
    "クリエイティブ",
    "パートナーズ",
    "エンタープライズ",
    # Spellings firms use in their names, kept as printed.
    "コンサルタンツ",
    "エンジニヤリング",
    "マネージメント",
    "マーケテイング",
)
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{4,}")


def _repair_katakana(text: str) -> str:
    """A katakana word one slipped glyph away from exactly one vocabulary word takes its spelling.

    A substitution counts in words of six or more; an extra glyph only inside
    the word (an added last glyph is a real suffix: "システムズ").
    """
    # Kanji that look like katakana (一 for ー, 工 for エ, 力 for カ) read inside a
    # katakana word, or starting one ("工コー工業" for エコー工業); a doubled ー.
    text = re.sub(r"(?<=[\u30a1-\u30fa])[一工力口二八卜夕](?=[\u30a1-\u30fa])", _as_katakana, text)
    starts = r"(?<![\u3040-\u30ff\u3400-\u9fff])[工力](?=[\u30a1-\u30fa][\u30a1-\u30fc])"
    text = re.sub(starts, _as_katakana, text)
    text = re.sub(r"(?<=[\u30a1-\u30fa])ーー", "ー", text)
    # "ェエコー", "ヤャヤマト", "ゃやまびこ": one glyph read twice, small and full size; the
    # small one it is after a kana it joins ("ソリュユーション").
    text = _SMALL_AND_FULL.sub(_read_once, text)

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if run in _KATAKANA_WORDS:
            return run
        near = {w for w in _KATAKANA_WORDS if _one_glyph_off(run, w)}
        if near:
            return near.pop() if len(near) == 1 else run
        # The word ending a firm's name after its own ("アクシスコンサルディング", seed 191 #125).
        if any(run.endswith(w) and len(run) - len(w) >= 2 for w in _KATAKANA_WORDS):
            return run
        # (The longest word that fits: コンサルティング, not ビルディング.)
        ends = {
            (len(w), run[: len(run) - size] + w)
            for w in _KATAKANA_WORDS
            for size in (len(w), len(w) + 1)
            if len(run) - size >= 2 and _one_glyph_off(run[len(run) - size :], w)
        }
        longest = max((size for size, _ in ends), default=0)
        best = {spelt for size, spelt in ends if size == longest}
        return best.pop() if len(best) == 1 else run

    return _KATAKANA_RUN.sub(fix, text)


_SMALL_KANA = "ぁぃぅぇぉゃゅょァィゥェォャュョ"
_FULL_KANA = "あいうえおやゆよアイウエオヤユヨ"
_FULL_OF_SMALL: Final = dict(zip(_SMALL_KANA, _FULL_KANA, strict=True))
_SMALL_AND_FULL: Final = re.compile(
    "|".join(f"{full}?{small}{full}|{full}{small}" for small, full in _FULL_OF_SMALL.items())
)
# Kana a small ゃゅょ or ぁぃぅぇぉ joins (キャ, シュ, ファ, ティ, ウェ).
_JOINS_SMALL_Y: Final = frozenset("きしちにひみりぎじぢびぴキシチニヒミリギジヂビピ")
_JOINS_SMALL_VOWEL: Final = frozenset("ふてでうとどちしじつくぐすずいフテデウトドチシジツクグスズイヴ")


def _read_once(match: re.Match[str]) -> str:
    pair = match.group(0)[-2:]
    small = pair[0] if pair[0] in _FULL_OF_SMALL else pair[1]
    before = match.string[match.start() - 1] if match.start() else ""
    joins = _JOINS_SMALL_Y if small in "ゃゅょャュョ" else _JOINS_SMALL_VOWEL
    return small if before in joins else _FULL_OF_SMALL[small]


_KANJI_AS_KANA: Final = str.maketrans("一工力口二八卜夕", "ーエカロニハトタ")


def _as_katakana(match: re.Match[str]) -> str:
    return match.group(0).translate(_KANJI_AS_KANA)


def _one_glyph_off(run: str, word: str) -> bool:
    if len(run) == len(word):
        return len(word) >= 6 and sum(a != b for a, b in zip(run, word, strict=True)) == 1
    if len(run) == len(word) + 1 and len(word) >= 4:
        return any(run[:i] + run[i + 1 :] == word for i in range(1, len(run) - 1))
    return False


# An icon read as a circled digit beside an "@" ("mcallister@⑥nimbus.com"); NFKC would
# make it a digit of the address.
_CIRCLED = "[\u2460-\u24ff\u2776-\u2793]"
_CIRCLED_BY_AT = re.compile(rf"{_CIRCLED}?\s*@\s*{_CIRCLED}|{_CIRCLED}\s*@")


def repair_line(text: str) -> str:
    """Repair the OCR slips a whole line can be repaired from before anything is extracted.

    Glyph confusions in card vocabulary (営業 read as 宮業, 取締役 as 取綿役),
    katakana words one glyph off the vocabulary, misread legal forms.

    Args:
        text: One line as OCR read it, NFKC-normalised.

    Returns:
        The line with those slips put right (unchanged when none is found).
    """
    # "…WA 98052, ーー", "CONTOsO — ーー": a rule or an icon's edge read as dashes ending a line.
    text = re.sub(r"[\s,]+(?:[ー—–~_-]\s?){2,}$", "", text)
    # "\\& 4002 1st Ave NE": an icon read as punctuation before the text.
    text = re.sub(r"^[\\&|<>~^*#»«•·§¶]+\s+(?=[A-Za-z0-9])", "", text)
    # "… . 近藤健太": specks read as dots before Japanese print.
    text = re.sub(r"^(?:[…\\&|<>~^*#»«•·§¶.,:;'‘’\"“”]+\s+)+(?=[\u3040-\u30ff\u4e00-\u9fff])", "", text)
    # ". , Michelle E. Ong": and before a capitalised Latin word (seed 277 #167).
    text = re.sub(r"^(?:[…\\&|<>~^*#»«•·§¶.,:;'‘’\"“”]+\s+)+(?=[A-Z][a-z])", "", text)
    # "M5] 2E6": a "J" read as a bracket inside a Canadian postcode.
    text = re.sub(r"\b([A-Z][0-9])\](?=\s?[0-9][A-Z][0-9]\b)", r"\1J", text)
    # "Pty. Lid.": the t of the commonest Latin legal form read as an i or l.
    text = re.sub(r"(?<=[A-Za-z.,] )L[il1]d(?=\.?(?:$|\s))", "Ltd", text)
    # "Robotics Ine.", "Energy, Ine.", "Trading Imc.", "Electric InC.": the c of "Inc." read as
    # an e or a capital, its n as an m.
    text = re.sub(r"(?<=[A-Za-z,] )(?:Ine|Imc|InC)\.$", "Inc.", text)
    # "Quantum Biotech S.A:S.": a stop of S.A.S. read as a colon.
    text = re.sub(r"(?<=[A-Za-z] )S[.:;]A[.:;]S\.?$", "S.A.S.", text)
    for wrong, right in _GLYPH_CONFUSIONS:
        text = text.replace(wrong, right)
    text = _KNEE_FOR_WISTERIA.sub("藤", text)
    text = _KABU_MISREAD.sub("(株)", text)
    text = _kabu_as_kanji(text)
    if "株" in text and "(株)" not in text:
        text = _KABU_BROKEN.sub("(株)", text)
        text = _BRACKET_AFTER_FORM.sub(" ", text)
    sound = _SOUND_FOR_DEPT.match(text.strip())
    if sound:
        text = sound.group(1) + "部"
    # "グロ -- バルソフト", "エコ一製作所": the long-vowel mark of a katakana word read as dashes
    # or as the kanji 一 (seed 241 #81, #148); not before a counter ("…ビル一丁目").
    text = re.sub(r"(?<=[\u30a1-\u30fa])(?:\s?[-‐–—]{2}\s?|[-‐–—]|\s?ー\s?)(?=[\u30a1-\u30fa])", "ー", text)
    text = re.sub(r"(?<=[\u30a1-\u30fa])一(?![丁番号階部課〇一二三四五六七八九十0-9])", "ー", text)
    # "第一- グループ": a speck read as a dash and a space between two Japanese words.
    text = re.sub(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])\s?[-‐–—]\s+(?=[\u3040-\u30ff\u4e00-\u9fff])", "", text)
    # "第ー営業部": the kanji 一 read as a long-vowel mark, which never follows 第.
    text = re.sub(r"第[ー—](?![0-9])", "第一", text)
    if KANA_RE.search(text):
        text = _repair_katakana(text)
    if contains_any(text, LEGAL_FORMS_JA):
        text = _repair_org_word(text)
    # "桜上団法人さくら運輸…", "山彦団法人やまびこ化学協会": 一般社 of a line starting 一般社団法人
    # read as other kanji (seed 383).
    text = _FORM_HEAD_MISREAD.sub(_form_head, text)
    # "般社団法人…": the thin 一 of 一般社団法人 lost (no word starts with 般).
    text = re.sub(r"(?<![一\u4e00-\u9fff])般(?=(?:社団|財団)法人)", "一般", text)
    # "TO10-0676": the 0 after a postal mark read as the letter O.
    text = re.sub(r"(?<=[〒T])\s?[Oo](?=[0-9]{2}-[0-9]{4}\b)", "0", text)
    # "Lakeside Robotics Corp,": the full stop of a legal form ending the line read as a comma.
    text = re.sub(r"(?<=[a-z] )(Corp|Inc|Ltd|Co)[,;]\s*$", r"\1.", text)
    return repair_legal_form(text)


_KANJI_RUN: Final = re.compile(r"[\u4e00-\u9fff]+")
# Words of organisations' names written in kanji only (電機, 不動産), and those of three
# kanji or more (製作所, 信用金庫).
_ORG_WORDS_KANJI_ANY: Final = tuple(w for w in ORG_WORDS_JA if len(w) >= 2 and _KANJI_RUN.fullmatch(w))
_ORG_WORDS_KANJI: Final = tuple(w for w in _ORG_WORDS_KANJI_ANY if len(w) >= 3)


def _repair_org_word(text: str) -> str:
    """A run of kanji ending a name, one glyph off one word of organisations' names, takes its spelling.

    "ヤマト燥作所株式会社", "ABC寺動産(株)": only where the run is no word the
    dictionary knows (製材所 and 研修所 are one glyph from 製作所 and 研究所)
    and ends the kanji or comes right before the legal form.
    """
    for word in _ORG_WORDS_KANJI:
        size = len(word)
        for start in range(len(text) - size + 1):
            window, after = text[start : start + size], text[start + size :]
            if window == word or sum(a != b for a, b in zip(window, word, strict=True)) != 1:
                continue
            ends = not after or not _KANJI_RUN.match(after[0]) or after.startswith(LEGAL_FORMS_JA)
            if ends and _KANJI_RUN.fullmatch(window) and not is_dictionary_word(window):
                text = text[:start] + word + after
    return text


_KATAKANA_GLYPH: Final = re.compile(r"[\u30a1-\u30fa\u30fc]")


def firm_word_slips(company: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Glyphs of a Japanese firm's name that may be a slip in the word of its trade.

    "丸紅屋楽品" ends one glyph off 薬品 and 食品, "東洋プザイン" one off
    デザイン, "ミナト電根" one off 電機 and 電気: the glyph read (楽, プ, 根)
    and those the word would take. A word counts where it ends the name's run
    of kanji or katakana (or comes before a legal form or another such word);
    a word printed right (and any window inside one: 動産 of 不動産) and the
    legal form itself are left alone.
    Which glyph the card shows is the print's to say
    (:func:`cardscan.variants.glyph_in_print`): the text cannot tell 電機 from
    電気.

    Args:
        company: The company as parsed.

    Returns:
        (index in ``company`` without its spaces, glyph read, glyphs the words
        would put there) for each such glyph, in order.
    """
    compact = company.replace(" ", "")
    # The legal form takes no part in a window (会社 is one glyph from 商社).
    masked = compact
    for form in sorted(LEGAL_FORMS_JA, key=len, reverse=True):
        masked = masked.replace(form, "\0" * len(form))
    # Nor does a word printed right, or a window inside one (動産 in 不動産).
    kept = {
        start + k
        for word in FIRM_WORDS_JA
        for start in range(len(masked) - len(word) + 1)
        if masked.startswith(word, start)
        for k in range(len(word))
    }
    slips: dict[int, dict[str, None]] = {}
    for word in FIRM_WORDS_JA:
        size = len(word)
        script = KANJI_RE if KANJI_RE.match(word[-1]) else _KATAKANA_GLYPH
        for start in range(len(masked) - size + 1):
            window, after = masked[start : start + size], masked[start + size :]
            differ = [k for k in range(size) if window[k] != word[k]]
            if len(differ) != 1 or kept.intersection(range(start, start + size)):
                continue
            k = differ[0]
            if not all(script.match(c) for c in window):
                continue
            ends = not after or not script.match(after[0]) or after.startswith(FIRM_WORDS_JA)
            if ends:
                slips.setdefault(start + k, {})[word[k]] = None
    return [(index, compact[index], tuple(glyphs)) for index, glyphs in sorted(slips.items())]


def repair_legal_form(text: str) -> str:
    """Restore a Japanese legal form that OCR misread by exactly one kanji.

    Only a run of four kanji that is one glyph away from exactly one of the
    common forms (and is not a form itself) is replaced, so ordinary words
    ("関連会社") and the forms' own near neighbours (合同/合資/合名) stay; and a
    run one glyph from exactly one of the long forms ("一役社団法人").
    """
    text = _repair_long_form(text)
    if "会" not in text and "社" not in text and "式" not in text:
        return text
    # The line cut inside the form, at its end or its start: "…工業株式会", "同会社中央広告".
    text = _FORM_CUT_END.sub(r"\1会社", text)
    text = _FORM_CUT_START.sub(lambda m: _FORMS_CUT_AT_START[m.group(1)], text)
    for match in list(_FORM_WINDOW.finditer(text)):
        window = match.group(1)
        if window in _REPAIRABLE_FORMS:
            continue
        near = [f for f in _REPAIRABLE_FORMS if sum(a != b for a, b in zip(window, f, strict=True)) == 1]
        # Business cards print legal forms far more often than any word one glyph from them.
        if len(near) == 1:
            start = match.start()
            text = text[:start] + near[0] + text[start + 4 :]
    return text


_FORM_HEAD_MISREAD: Final = re.compile(
    r"^(?!(?:一般|公益|特例)?(?:社|財)団法人)([\u4e00-\u9fff]{1,3})団法人(?=[\u3040-\u30ff\u4e00-\u9fffA-Z])"
)


def _form_head(match: re.Match[str]) -> str:
    """The form ending 団法人 (社団法人 or 財団法人, after 一般, 公益 or 特例) whose start was misread.

    The glyphs read that are left say which ("公益杜", "一般材"); with none of them
    left ("桜上"), 一般社団法人, by far the commonest.
    """
    read = match.group(1)
    head = "公益" if set(read) & set("公益") else "特例" if set(read) & set("特例") else "一般"
    kind = "財" if read[-1] in "財材" else "社"
    return f"{head}{kind}団法人"


def _repair_long_form(text: str) -> str:
    """A run of kanji one glyph from exactly one long written-out form takes its spelling."""
    for size in sorted({len(form) for form in _LONG_FORMS}, reverse=True):
        forms = [form for form in _LONG_FORMS if len(form) == size]
        for start in range(len(text) - size + 1):
            window = text[start : start + size]
            if window in LEGAL_FORMS_JA or not all(KANJI_RE.match(c) for c in window):
                continue
            near = [form for form in forms if sum(a != b for a, b in zip(window, form, strict=True)) == 1]
            if len(near) == 1:
                text = text[:start] + near[0] + text[start + size :]
    return text


# ------------------------------------------------------------------- order


def _reading_order(page: OcrPage) -> list[Line]:
    """Lines in reading order: rows top to bottom (left to right within a row), columns right to left.

    On a vertical (縦書き) card the columns come first, then any horizontal
    lines (an English name, the email); on a horizontal card the other way round.
    """
    lines = [line for line in page.lines if line.text.strip()]
    rows = _halves_rejoined(_bands([ln for ln in lines if not ln.vertical], vertical=False))
    columns = _bands([ln for ln in lines if ln.vertical], vertical=True)
    return [*columns, *rows] if page.vertical else [*rows, *columns]


def _bands(lines: list[Line], *, vertical: bool) -> list[Line]:
    """Group lines into rows (or columns) that overlap by half a glyph, then order them."""

    def across(line: Line) -> float:
        # Position across the reading direction: y of a row, -x of a column (right first).
        return -line.box.center[0] if vertical else line.box.center[1]

    def along(line: Line) -> float:
        return float(line.box.top if vertical else line.box.left)

    bands: list[list[Line]] = []
    for line in sorted(lines, key=across):
        if bands:
            last = bands[-1]
            tolerance = 0.5 * min(min(ln.glyph_size for ln in last), line.glyph_size)
            if abs(across(line) - across(last[0])) <= tolerance:
                last.append(line)
                continue
        bands.append([line])
    return [line for band in bands for line in sorted(band, key=along)]


# The first two kanji of a legal form, and the two that end it.
_FORM_HEAD = re.compile(r"(?:株式|有限|合同|合資|合名)\s*$")
_FORM_TAIL = re.compile(r"^\s*会社")


def _halves_rejoined(rows: list[Line]) -> list[Line]:
    """Lines in reading order, a line Tesseract cut in two on one row joined again.

    - A legal form a logo drawn over a company line split ("株式" | logo |
      "会社ネクスト…", seed 131 #169): the head before the tail, joined.
    - A phone label read as a line of its own before its number ("FAX," |
      "+81 254-40-8641", seed 139 #174), or ending a line of another number:
      the number starts within three heights of print after the label.
    """
    out: list[Line | None] = list(rows)
    for i, head in enumerate(out):
        if head is None:
            continue
        form = _FORM_HEAD.search(head.text) is not None
        # (Or ending a line after its own numbers: "Phone O269-72-0633 FAX," | "(0269)72-0630",
        # seed 229 #67.)
        stripped = head.text.strip() + " "
        labels = list(PHONE_LABEL_RE.finditer(stripped))
        alone = bool(labels) and labels[-1].end() >= len(stripped) - 1 and (
            labels[-1].start() == 0 or re.search(r"[0-9]", stripped[: labels[-1].start()]) is not None
        )
        if not (form or alone):
            continue
        for j in range(i + 1, len(out)):
            tail = out[j]
            if tail is None or not _same_row(head, tail):
                continue
            after_middle = tail.box.left >= head.box.left + head.box.width // 2
            halves = form and after_middle and _FORM_TAIL.match(tail.text) is not None
            numbered = alone and 0 <= tail.box.left - head.box.right <= 3 * head.box.height
            if halves or (numbered and re.match(r"\s*[+(0-9]", tail.text)):
                left, top = head.box.left, min(head.box.top, tail.box.top)
                box = Box(left, top, tail.box.right - left, max(head.box.bottom, tail.box.bottom) - top)
                out[i] = replace(
                    head, text=head.text.rstrip() + ("" if halves else " ") + tail.text.lstrip(), box=box,
                    confidence=min(head.confidence, tail.confidence), words=(*head.words, *tail.words),
                )
                out[j] = None
                break
    return [line for line in out if line is not None]


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    return overlap >= 0.5 * min(a.box.height, b.box.height)


# ------------------------------------------------------------ extraction


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# A stray glyph OCR put next to the "@" ("taro.yamada@ ぐ sample.co.jp").
_JUNK_AT_AFTER = re.compile(r"@\s*[^\x00-\x7f]{1,2}\s+(?=[A-Za-z0-9])")
_JUNK_AT_BEFORE = re.compile(r"(?<=[A-Za-z0-9])\s+[^\x00-\x7f]{1,2}\s*@")


_JP_SECOND_LEVEL = re.compile(r"\.(co|or|ne|ac|go)(?:[\s,-]+|(?=[Jj][Pp]\b))([Jj][Pp])\b")


# The labels a domain ends in, which a space read for a dot comes before ("fuji co jp").
_DOMAIN_LABELS = frozenset(
    {
        "co", "or", "ne", "ac", "go", "ad", "ed", "jp", "com", "net", "org", "info", "biz", "io",
        "uk", "au", "sg", "nz", "ca", "us", "de", "fr", "it", "es", "nl", "be", "ch", "at", "eu",
    }
)
_DOMAIN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,-]*")
_JP_SECOND_LEVEL_LABELS = frozenset({"co", "or", "ne", "ac", "go", "ad", "ed"})
_MAX_DOMAIN_PIECES = 4
_GLUED_JP = re.compile(r"^(co|or|ne|ac|go)jp$", re.IGNORECASE)
_JP_READ_IP = re.compile(r"\.(?:co|or|ne|ac|go)\.[iI][pP]$")


def _join_spaced_domain(text: str) -> str:
    """The domain after an "@" that OCR broke with spaces, joined up again.

    "sank yokogyo.com", "me iwa. co. jp", "toyo-consulting co jp": pieces
    after the "@" are joined until the domain ends the way domains do; a
    space before a domain label (co, jp, com...) stands for a dot, any other
    space for nothing. A domain that already ends well, or that joining
    does not make end well, is left as it is.
    """
    # The "@" of the address, not an icon read as one before it ("@ E: watanabe@al pha. co. jp").
    ats = [m.end() - 1 for m in re.finditer(r"[\w.-]@", text)]
    at = ats[-1] if ats else text.find("@")
    if at < 0:
        return text
    head, tail = text[: at + 1], text[at + 1 :]
    tokens = re.split(r"(\s+)", tail.lstrip())
    domain = tokens[0]
    if not _DOMAIN_TOKEN.fullmatch(domain) or _USUAL_SUFFIX.search(domain.lower()):
        return text
    for j in range(2, min(len(tokens), 2 * _MAX_DOMAIN_PIECES + 1), 2):
        # "-networks.com": a hyphen of the domain set off by the space before it;
        # "cojp": ".co.jp" with both dots lost.
        piece = _GLUED_JP.sub(r".\1.jp", tokens[j])
        # "axis-design ip": the jp ending a domain, its dot read as a space and its j as an i.
        piece = "jp" if piece.lower() == "ip" and j + 2 >= len(tokens) else piece
        if not _DOMAIN_TOKEN.fullmatch(piece.lstrip(".,-")):
            return text
        label = piece.strip(".,").split(".")[0].lower()
        dotted = domain.endswith((".", ",")) or piece.startswith((".", ","))
        domain = domain + ("." if label in _DOMAIN_LABELS and not dotted else "") + piece
        # (A Japanese ending with an i for its j, "co.ip", is put right later.)
        ends_well = _USUAL_SUFFIX.search(domain.lower().replace(",", ".")) or _JP_READ_IP.search(domain)
        # "abc.co" then "jp": .co is a domain's ending, but not when "jp" follows.
        more_jp = j + 2 < len(tokens) and tokens[j + 2].lower().strip(".,") == "jp"
        if ends_well and not (more_jp and label in _JP_SECOND_LEVEL_LABELS):
            return head + domain + "".join(tokens[j + 1 :])
    return text


def _glue_local_part(text: str) -> str:
    """A local part OCR broke with a space, joined up again, and kept apart from its label.

    "Jun _Kudo@", "suzuki. kanako@": a separator beside the space; "nishidal 6@":
    the digits that end it. The word before is no e-mail label; "E. john@" is
    the label E and the address.
    """
    # "E. john@", "E-mail. hemmi.hayato@": a label and its stop, not a name glued to the address.
    text = re.sub(r"(?<![^\s])(E|(?i:e-?mail|mail))\.\s+(?=[a-z0-9][\w.+-]*@)", r"\1: ", text)
    # "schneider-|@": an l read as a bar before the "@"; "meridian_io": a dot as an underscore.
    text = re.sub(r"(?<=[\w.-])\|(?=@)", "l", text)
    # "weber8 | @ kestrel-foods.de": a 1 read as a bar set off by spaces (seed 271 #94).
    text = re.sub(r"(?<=[0-9])\s?\|\s?(?=@)", "1", text)
    text = re.sub(r"(?<=[a-z])\s?\|\s?(?=@)", "l", text)
    # "robert-l\@", "yamamoto67/@": a speck read as a slash by the "@" (seed 193 #7, 307 #8);
    # not the path of a web address ("youtube.com/@abcshoji").
    text = re.sub(r"(?<=\w)\\(?=@)|(?<![./\w])([\w-]+)/(?=@)", lambda m: m.group(1) or "", text)
    # "macdonald-s@\akesidepartners.com": the l that starts the domain read as a backslash or a bar.
    text = re.sub(r"(?<=@)[\\|](?=[a-z])", "l", text)
    # "abc-design.|jp": a speck read as a bar after a dot of the domain.
    text = re.sub(r"(?<=@)([\w.-]+)\.\|(?=[a-z]{2,3}\b)", r"\1.", text)
    text = re.sub(r"(?<=@)([A-Za-z0-9-]+)_(?=(?:com|net|org|io|jp|co|de|fr|uk|au|sg)\b)", r"\1.", text)
    text = _SPLIT_AT_SEPARATOR.sub(r"\1\2", text)
    return _SPLIT_BEFORE_DIGITS.sub(r"\1\2", text)


_LOCAL_WORD = r"(?<![^\s])(?!(?i:e-?mail|mail)\b)([A-Za-z0-9]{2,})"
_SPLIT_AT_SEPARATOR = re.compile(_LOCAL_WORD + r" ?([._-]) ?(?=[A-Za-z0-9]+@)")
_SPLIT_BEFORE_DIGITS = re.compile(_LOCAL_WORD.replace("{2,}", "{3,}") + r" ([0-9]{1,3}) ?(?=@)")


def _email_at_web_host(work: _Work) -> None:
    """An e-mail line whose "@" OCR misread, put right with the card's web host.

    "E-mail j.beckerSvertex.cam" beside "https://vertex.com/en": the host's
    name read right after one glyph (the "@") that follows a local part is
    the address at that host, or at the domain of the card's other address
    ("hayashi nanakoSnihondenki.coJjP" beside contact@nihondenki.co.jp); so
    is an address whose ending was misread after the host's name
    ("ayahemmi@sakurahd co.p").
    Without an e-mail label, only on a line with no mark of a web address
    ("mai. matsumotogminato.co, jp" beside "Web minato. co. jp").
    """
    hosts = {re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0] for url, _c in work.urls}
    hosts |= {email.partition("@")[2] for email, _c in work.emails}
    for i, text in enumerate(work.texts):
        if "@" in work.rests[i]:
            # "ayahemmi@sakurahd co.p" beside contact@sakurahd.co.jp: the "@" read, the
            # ending not; the host's name after it is the address at that host.
            cut = re.search(r"(?P<local>[A-Za-z0-9][\w.+-]*)\s?@\s?(?P<name>[A-Za-z0-9-]{4,})", work.rests[i])
            named = [h for h in sorted(hosts) if cut and h.partition(".")[0] == cut["name"].lower()]
            host = named[0] if named else None
            email = normalize_email(f"{cut['local']}@{host}") if cut and host else None
            if email and email not in (e for e, _c in work.emails):
                work.emails.append((email, work.lines[i].confidence * 0.6))
                work.rests[i] = ""
            continue
        label = EMAIL_LABEL_RE.match(text.strip())
        if "@" in text or (label is None and _WEB_MARK.search(text)):
            continue
        rest = text.strip()[label.end() :] if label else text.strip()
        # "mai. matsumotogminato.co, jp": spaces after the dots, commas for dots.
        rest = re.sub(r"(?<=[A-Za-z0-9])[.,]\s+(?=[A-Za-z])", ".", rest)
        for host in sorted(hosts):
            name, _, suffix = host.partition(".")
            # Unlabelled, the misread "@" is a letter or a sign, not a dot or a slash.
            glyph = r"\S" if label else r"[^\s./:]"
            found = re.search(rf"(?P<local>[A-Za-z0-9][\w.+-]*\w){glyph}(?={re.escape(name)}\.)", rest)
            if len(name) < 4 or found is None:
                continue
            after = rest[found.end() + len(name) + 1 :].split()
            if not after or Levenshtein.distance(after[0].lower().replace(",", "."), suffix) > 1:
                continue  # the host's suffix, read with one slip at most (.cam for .com)
            email = normalize_email(f"{found.group('local')}@{host}")
            if email:
                work.emails.append((email, work.lines[i].confidence * 0.6))
                work.rests[i] = ""
                # "hayashi nanakoS…": a name before the local part, a space between.
                work.email_heads[email.partition("@")[0]] = rest[: found.start()]
                return


_WEB_MARK = re.compile(r"(?i)\bwww|https?:|://")


def _extract_emails_urls(work: _Work) -> None:
    _join_wrapped_addresses(work)
    for i, text in enumerate(work.rests):
        conf = work.lines[i].confidence
        if "@" in text:
            text = _glue_local_part(_join_spaced_domain(text))
        # "alphafoods.co jp", "co-jp", "coJp": the dot before jp lost or misread.
        text = _JP_SECOND_LEVEL.sub(r".\1.\2", text)
        if "@" in text:
            # "uchida9!@", "watanabe! 5@": a 1 read as "!" among the digits before the "@".
            text = re.sub(r"(?<=[0-9])!\s?(?=[0-9]*\s?@)|(?<=[a-z])!\s?(?=[0-9]+\s?@)", "1", text)
            # "].schroder@": the l of an initial read as a bracket or a bar (seed 307 #152).
            text = re.sub(r"(?<![\w.])[\]\[|](?=\.[A-Za-z]{2,}[A-Za-z0-9._-]*@)", "l", text)
            # "y・saito@": a full stop read as a middle dot (seed 311 #84).
            text = re.sub(r"(?<=[A-Za-z0-9])\s?[・･]\s?(?=[A-Za-z0-9][\w.+-]*@)", ".", text)
            # "lee5?7@": a speck read as a "?" inside the local part (seed 223 #171).
            text = re.sub(r"(?<=[A-Za-z0-9])\?(?=[A-Za-z0-9._-]*@)", "", text)
            # "smithS7@", "petitS8@": a capital among small letters and digits before the "@" is a digit.
            text = _CAPITAL_FOR_DIGIT.sub(lambda m: _DIGIT_FOR_CAPITAL[m.group()], text)
            # Same length, so offsets stay valid for blanking.
            text = _JUNK_AT_AFTER.sub(lambda m: "@" + " " * (len(m.group(0)) - 1), text)
            text = _JUNK_AT_BEFORE.sub(lambda m: " " * (len(m.group(0)) - 1) + "@", text)
            text = _GLUED_TLD.sub(lambda m: _tld_apart(m, work), text)
        for match in list(EMAIL_RE.finditer(text)):
            email = normalize_email(match.group(0))
            if email and email.partition("@")[2].startswith("www."):
                # "B® www.mirai-hd.jp": an icon read as "@" before the web address.
                continue
            if email:
                if email not in (e for e, _c in work.emails):
                    work.emails.append((email, conf))
                    work.email_heads[email.partition("@")[0]] = text[: match.start()]
                    if match.group(0)[:1].isupper():
                        work.capital_locals.add(email.partition("@")[0])
                text = _blank(text, match.start(), match.end())
        labelled = URL_LABEL_RE.match(text.strip())
        if labelled and not URL_RE.search(text):
            # "Web chuo-networks. co. jp": after a URL label, a spaced-out host is still the URL.
            url = normalize_url(text.strip())
            if url and "." in url.split("//", 1)[-1]:
                if url not in (u for u, _c in work.urls):
                    work.urls.append((url, conf * 0.8))
                text = ""
        # "mail matsumotoG example.com": an address whose "@" OCR lost is not a web address.
        mail_line = EMAIL_LABEL_RE.match(work.texts[i].strip()) is not None
        for match in list(URL_RE.finditer(text)):
            url = normalize_url(match.group(0))
            marked = re.match(r"(?i)(?:https?:|www)", match.group(0)) is not None
            if url and mail_line and "@" not in work.texts[i] and not marked:
                url = None
            if url:
                if url not in (u for u, _c in work.urls):
                    work.urls.append((url, conf))
                text = _blank(text, match.start(), match.end())
        work.rests[i] = _strip_labels(text)


def _join_wrapped_addresses(work: _Work) -> None:
    """An e-mail address whose domain's ending went on to the next line, joined up again.

    "E m-matsuda@marubeniya-soft." then "or.jp" (a long address wrapped, or a
    line OCR cut in two; seed 311 #110).
    """
    for i in range(len(work.rests) - 1):
        head, tail = work.rests[i].rstrip(), work.rests[i + 1].strip()
        # (Not an address that is whole: "info@abc.com" over a "jp" of something else.)
        cut = re.search(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.$|@[A-Za-z0-9-]+$", head)
        if cut and _DOMAIN_ENDING.fullmatch(tail):
            work.rests[i] = head.rstrip(".") + "." + tail.lstrip(".")
            work.rests[i + 1] = ""


# What ends a domain, alone on a line: "or.jp", ".com", "co.uk".
_DOMAIN_ENDING = re.compile(
    r"\.?(?:(?:co|or|ne|ac|go|com|org|net)\.)?(?:jp|com|net|org|io|uk|de|fr|au|ca|sg)"
)


# Digits read as capitals among the digits that end a local part ("smithS7@", "jane2O@").
_DIGIT_FOR_CAPITAL = {"S": "5", "O": "0"}
_CAPITAL_FOR_DIGIT = re.compile(r"(?<=[a-z0-9])[SO](?=[0-9]+@)|(?<=[0-9])[SO](?=[0-9]*@)")

# "pemberton-s@harborio": the dot before a generic top-level domain lost.
_GLUED_TLD = re.compile(r"(?<=@)([a-z0-9-]{3,}?)(com|net|org|io)(?![\w.@-])", re.IGNORECASE)


def _tld_apart(match: re.Match[str], work: _Work) -> str:
    """The host with its dot back, when the name before the ending is printed elsewhere on the card.

    "harborio" beside "Harbor Systems, Ltd." is harbor.io; a host the card does not name stays as read.
    """
    name, tld = match.group(1), match.group(2)
    address = match.string[: match.end()].split()[-1]
    return f"{name}.{tld}" if _printed_elsewhere(work, name, tld, address.lower()) else match.group(0)


# The word or initial right before an address, past a space, a comma, a colon or a dot
# with a space (the dot read so: "garcia, joseph@", "e, sugawara@", "z:smith@", "|. fontaine @").
_WORD_BEFORE = re.compile(r"(?:^|\s)([A-Za-z][a-z]{1,14}|[a-z|!1]|[A-DF-Z](?=[,.]))(?:[,:.]\s?|\s)$")


# The word before the one before a local part, when the two may be one name OCR split.
_NAME_SPLIT_BEFORE = re.compile(r"(?:^|\s)([a-z]{2,12}) [a-z]{1,12}\s$")


def _repair_emails_from_names(work: _Work, result: dict[str, object]) -> None:
    """Put right e-mail addresses with the person's names: a lost dot, a name's i or l misread.

    "nishimura shigeru@sankyo.com": the "." (or "_") between the two names is
    a speck OCR reads as a space, and the address comes out as
    "shigeru@sankyo.com". When the word before and the local part are both
    the person's names (from the Latin name or the reading), they are joined
    with a dot, the commonest separator. "h.lkeda", "1.garcia",
    "kobayash151": a part of the local part that is one of the names but for
    i, l and 1 read for one another takes the name's spelling. Both are
    guesses, so the e-mail is marked doubtful.
    """
    name = _str(result.get("name"))
    latin_name = name if name and not (KANJI_RE.search(name) or KANA_RE.search(name)) else None
    names = (_str(result.get("name_latin")), _str(result.get("name_reading")), latin_name)
    if not any(names) and name and KANJI_RE.search(name):
        _family_name_slips(work, name)
        return
    words, spelt = name_words(*names), name_words(*names, loose=False)
    if name and (KANJI_RE.search(name) or KANA_RE.search(name)):
        # A Japanese name's romaji read with a slip ("Onish") is no spelling to follow.
        spelt = frozenset(word for word in spelt if is_romaji_word(word))
    _emails_without_at(work, words)
    fixed = []
    for email, conf in work.emails:
        head = work.email_heads.get(email.partition("@")[0], "")
        joined = _name_split_by_space(email, head.lower(), words)
        # The word right before the local part, a space between (a capital initial, "M, Yeo@",
        # but not the label E); none once the local part took it in.
        before = _WORD_BEFORE.search(head) if joined == email else None
        if before and before.group(1)[:1].isupper() and email.partition("@")[0] not in work.capital_locals:
            before = None  # "Taro Yamada  taro@": the name printed, then the address
        email, prefix = joined, before.group(1).lower() if before else None
        if prefix is not None:
            glued = _GLUED_LABEL.match(prefix)
            if glued and loose_romaji(prefix[glued.end() :]) in words:
                prefix = prefix[glued.end() :]  # "mailueda hitomi@"
            prefix = _name_slip(prefix, spelt, words)  # "ychei sato@": yohei
            split = _NAME_SPLIT_BEFORE.search(head) if loose_romaji(prefix) not in words else None
            whole = _name_slip(split.group(1) + prefix, spelt, words) if split is not None else prefix
            if loose_romaji(whole) in words:
                prefix = whole  # "masah ko nakano@": masahiko, its i read as a space (seed 347 #166)
        local, _, domain = email.partition("@")
        label = _GLUED_LABEL.match(local)
        if label and _names_after_label(local[label.end() :], words):
            # "mailnanako_sakai@", "mails.arai@": the label "mail" read glued to the address.
            local = local[label.end() :]
            email, conf = f"{local}@{domain}", conf * 0.8
        repaired = "".join(_name_slip(part, spelt, words) for part in re.split(r"([._-])", local))
        # ("jun sakural@": the name after the space is one with a slip.)
        both_names = prefix is not None and {loose_romaji(prefix), loose_romaji(repaired)} <= words
        if prefix is not None and len(prefix) == 1:
            # "e, sugawara@": an initial (of another of the names) and a name.
            local_name = loose_romaji(local)
            both_names = local_name in words and prefix in {word[0] for word in words - {local_name}}
        elif prefix is not None and re.search(r"[,.]\s?$", head) and loose_romaji(prefix) in words:
            # "hayashi, manabu@" under 林 学 read ガク: one of the names, its separator read as a
            # comma, and a romaji word (seed 311 #23).
            both_names = both_names or is_romaji_word(local)
        elif prefix is not None and not both_names and loose_romaji(local) in words:
            # "yuto, yoshida@" under 吉田悠, its 斗 lost: a romaji word starting as the other name.
            others = words - {loose_romaji(local)}
            both_names = is_romaji_word(prefix) and any(len(w) >= 2 and prefix.startswith(w) for w in others)
        # (After the name's own slip is put right: "Es. yanazaki@" is s.yamazaki, seed 277 #139.)
        initial = _initial_slip(local, words) or _initial_slip(repaired, words)
        if len(words) >= 2 and prefix and prefix != repaired and both_names:
            email, conf = f"{prefix}.{repaired}@{domain}", conf * 0.6
        elif initial is not None:
            email, conf = f"{initial}@{domain}", conf * 0.8
        elif repaired != local:
            email, conf = f"{repaired}@{domain}", conf * 0.8
        fixed.append((email, conf))
    work.emails = fixed


def _family_name_slips(work: _Work, name: str) -> None:
    """A glyph of a Japanese family name misread for its lookalike in an e-mail, where no reading is printed.

    "k.vamamoto@" under 山本 克己 (seed 227 #28): the dictionary reads 山本
    yamamoto. Only the family name, and only a lookalike read for one of
    its letters (v for y, l for i): the dictionary's reading of a given name
    is too often not the person's, and a letter added or dropped may be an
    initial.
    """
    split = split_japanese_name(name)
    if split is None or split.reading is None:
        return
    family = romaji_of(split.reading.split()[0])
    if len(family) < 5 or not is_romaji_word(family):
        return

    def fixed(piece: str) -> str:
        for cut in (0, 1):
            if _slip(piece[cut:], family) == "replace":
                return piece[:cut] + family
        return piece

    emails = []
    for email, conf in work.emails:
        local, _, domain = email.partition("@")
        repaired = "".join(fixed(part) for part in re.split(r"([._-])", local))
        emails.append((f"{repaired}@{domain}", conf * 0.8) if repaired != local else (email, conf))
    work.emails = emails


def _name_split_by_space(email: str, head: str, words: frozenset[str]) -> str:
    """``email`` with the start of its local part back, where OCR cut a name of the person in two.

    "koj ima@meiwa-ad.jp": the glyphs of "kojima" set apart around the j read
    as two words, and only "ima" was taken for the local part. When the word
    before it and the local part together spell one of the person's names,
    they are one; a name and a separator before that ("naomi. koj ima@") are
    the local part's start too, and so are an initial or digits after it
    ("koj ima-a@", "fuj iwara41@", seed 307 #12, #64).
    """
    local, _, domain = email.partition("@")
    cut = _NAME_CUT_BEFORE.search(head)
    if cut is None or loose_romaji(cut["piece"] + re.split(r"[^a-z]", local)[0]) not in words:
        return email
    start = cut["before"] + cut["sep"] if cut["before"] and loose_romaji(cut["before"]) in words else ""
    return f"{start}{cut['piece']}{local}@{domain}"


# A piece of a name before the local part, a space between; the name and separator before it.
_NAME_CUT_BEFORE = re.compile(
    r"(?:(?<![^\s:])(?P<before>[a-z]{2,15})(?P<sep>[._-])\s?)?(?P<piece>[a-z]{1,12}) $"
)


def _emails_without_at(work: _Work, words: frozenset[str]) -> None:
    """Addresses on e-mail lines whose "@" OCR read as a letter, cut apart after the person's names.

    "E メール h.nishidadsakura-hd.jp": a line labelled as an e-mail with no
    "@" holds a word that is a local part made of the person's names (or an
    initial and a name), one glyph, and a host under a known ending. That
    glyph was the "@" when it is the only one that cuts the word so. A
    guess, so the address is marked doubtful.
    """
    for i, text in enumerate(work.texts):
        if "@" in text or EMAIL_LABEL_RE.match(text.strip()) is None:
            continue
        # "okada. tamotsuSmarubeniya-soft.co. jp": spaces OCR put after the dots.
        rest = _SPACE_AFTER_DOT.sub("", work.rests[i])
        for raw in rest.split():
            word = raw.lower().strip(".,;:")
            cuts = [
                k for k in range(2, len(word) - 4)
                if _names_local(word[:k], words) and _HOST.fullmatch(word[k + 1 :])
                and _USUAL_SUFFIX.search(word[k + 1 :])
            ]
            if len(cuts) > 1:
                # "smith.johnqacme.co.uk": the "@" is rather the letter than the dot.
                cuts = [k for k in cuts if word[k] not in "._-"]
            email = normalize_email(f"{word[: cuts[0]]}@{word[cuts[0] + 1 :]}") if len(cuts) == 1 else None
            if email and email not in (e for e, _c in work.emails):
                work.emails.append((email, work.lines[i].confidence * 0.5))
                work.rests[i] = rest = rest.replace(raw, " " * len(raw))


_SPACE_AFTER_DOT = re.compile(r"(?<=[a-z]\.)\s(?=[a-z])", re.IGNORECASE)
_HOST = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+")


def _names_local(local: str, words: frozenset[str]) -> bool:
    """Whether ``local`` is the person's names, or initials and names, apart by dots, hyphens or underscores.

    It ends in a name, or a name and a number ("h.nishida", "nishida12"): an
    initial at the end would let the cut fall inside a name ("john.s|m|ith").
    """
    pieces = re.split(r"[._-]", re.sub(r"[0-9]+$", "", local))
    initials = {word[0] for word in words}
    named = [piece for piece in pieces if loose_romaji(piece) in words]
    initialled = all(piece in named or (len(piece) == 1 and piece in initials) for piece in pieces)
    return pieces[-1] in named and initialled


def _initial_slip(local: str, words: frozenset[str]) -> str | None:
    """An initial beside a name misread in an e-mail's local part, put right, or None.

    "Ec.klein" for c.klein (the label E glued on), "ec.white" for e.white,
    "hl.kinoshita" for h.kinoshita (a speck read as c or l): one of the two
    letters is the initial of another of the person's names, the other an E
    of a label or a c, e, l or i of a speck. "hara-f" for hara-t (たつや): a
    lone letter one stroke off the initial of another of the names, and off
    no other.
    """
    if len(words) < 2:
        return None
    alone = _LONE_INITIAL.fullmatch(local)
    if alone is not None:
        # "hara-f" for hara-t (竜也): a lone letter one stroke off the initial.
        letter, name = alone.group("a") or alone.group("b"), alone.group("n") or alone.group("m")
        initials = {word[0] for word in words - {loose_romaji(name)}}
        meant = [i for i in initials if frozenset((letter, i)) in _INITIAL_SLIPS]
        if loose_romaji(name) in words and letter not in initials and len(meant) == 1:
            return local.replace(letter, meant[0], 1) if alone.group("a") else local[:-1] + meant[0]
        return None
    found = re.fullmatch(r"([a-z])([a-z])([._-])([a-z]{2,})", local)
    if found is None:
        return None
    first, second, separator, name = found.groups()
    if loose_romaji(name) not in words or loose_romaji(first + second) in words:
        return None  # (not "ai.sawada" of 澤田 愛: the two letters are a name)
    initials = {word[0] for word in words - {loose_romaji(name)}}
    if first == "e" and second in initials:
        return f"{second}{separator}{name}"
    if first in initials and second in "celi" and second not in initials:
        return f"{first}{separator}{name}"
    return None


def _names_after_label(rest: str, words: frozenset[str]) -> bool:
    """``rest`` starts with one of the person's names, or an initial and another of them ("s.arai")."""
    parts = [part for part in re.split(r"[._-]", rest) if part]
    if not parts:
        return False
    if loose_romaji(parts[0]) in words:
        return True
    if len(parts) >= 2 and len(parts[0]) == 1 and rest[1] in "._-":
        family = loose_romaji(parts[1])
        return family in words and parts[0] in {word[0] for word in words - {family}}
    return False


_LONE_INITIAL = re.compile(r"(?P<a>[a-z])[._-](?P<n>[a-z]{2,})|(?P<m>[a-z]{2,})[._-](?P<b>[a-z])")
# A lone initial's letter and the letter it is read as.
_INITIAL_SLIPS: Final = frozenset(frozenset(pair) for pair in ("ft", "il", "ce", "co", "lt", "hb"))
# ("emal.jones@": its i lost, seed 311 #127.)
_GLUED_LABEL = re.compile(r"(?:e-?)?ma[il1t]?[l1](?::)?[:.]?")
# Letters OCR reads for one another in e-mail addresses: (as read, as meant).
_CONFUSABLE_LETTERS = frozenset({("1", "l"), ("1", "i"), ("l", "i"), ("i", "l"), ("!", "i"), ("|", "l")})
# One glyph read for another in a name (both ways): thin strokes, and shapes blur
# makes alike (m and n, h and n, c and e or o). Not h and y, f and h: si/shi, hu/fu,
# syun/shun are spellings (Kunrei, Hepburn), not slips.
_LOOKALIKES = frozenset(
    # (An f with its bar or hook lost is an l or a t: "c.woll" under Claudia Wolf, "jletevre" under
    # Jules Lefèvre, seed 311 #38, #121; a y read as a j, "mijuki" under 美由紀, seed 313 #113.)
    frozenset(pair)
    for pair in (
        "1l", "1i", "li", "!i", "|l", "mn", "hn", "ce", "co", "o0", "uv", "ij", "vy", "jy", "fl", "ft",
    )
)
# An initial of one stroke ("i.smith", "1.garcia" for l.garcia, "mcallister-1" for -j).
_STROKES = frozenset("1li|!j")
# Glyphs OCR adds or drops: thin strokes and specks ("jjiones" for jjones).
_THIN = frozenset("il1|!j'.,")
# A digit at the end of a name read as a letter ("takahashil" for takahashi1).
_DIGIT_TAIL = re.compile(r"[0-9lIoO]+$")
# ... or a 5 read as an s, a 1 as an i, among digits ("smiths9" for smith59, "ueno4i" for
# ueno41; "smiths" stays a name).
_DIGITS_TAIL = re.compile(r"(?=.*[0-9])[0-9lIioOsS]+$")
_AS_DIGIT = str.maketrans("lIioOsS", "1110055")


def _name_slip(part: str, names: frozenset[str], loose: frozenset[str] = frozenset()) -> str:
    """``part`` of a local part spelt as the person's names when only an OCR slip tells them apart.

    Three kinds, each a guess taken only when exactly one spelling fits:
    i, l and 1 read for one another anywhere in a name ("kobayash151");
    one glyph misread, added or dropped in a name or an initial and a name
    ("cnoore" for cmoore, "jjiones" for jjones, "inguyen" for lnguyen);
    a digit after the name read as a letter ("takahashil"). A part that is a
    name in another spelling (satou, yuuki: ``loose``) is left alone.
    """
    if not part or part in names or part in "._-" or loose_romaji(part) in loose:
        return part
    if len(part) == 1:
        # "1.garcia", "i.smith": the initial of Léa.
        initials = {name[0] for name in names}
        # (A j read is a j: it is the initial of a middle name as often as a slip.)
        near = {i for i in initials if i in _STROKES and part in _STROKES - {"j"} and i != part}
        return near.pop() if len(near) == 1 and part not in initials else part
    found = set()
    for name in names:
        head, tail = part[: len(name)], part[len(name) :]
        if len(head) < len(name) or head == name or (tail and not tail.isdigit()):
            continue
        if all(a == b or (a, b) in _CONFUSABLE_LETTERS for a, b in zip(head, name, strict=True)):
            found.add(name + tail)
    if found:
        return found.pop() if len(found) == 1 else part
    return _one_slip(part, names | loose)


def _one_slip(part: str, names: frozenset[str]) -> str:
    """``part`` as the one spelling of the names (or an initial and a name) one slip away."""
    # Long vowels as most print them: youhei as yohei, satou as sato.
    short = {re.sub(r"uu", "u", re.sub(r"o[ou]", "o", name)) for name in names}
    words = [name for name in names | short if len(name) >= 2]
    spellings = set(words)
    for first, second in itertools.permutations(words, 2):
        spellings.update((first[0] + second, first + second))
    if part in spellings:
        return part
    # A name and digits, some read as letters ("suganol", "smiths9"; "ono1" is no "ono" with a speck).
    for cut in range(len(part) - 1, 0, -1):
        tail = part[cut:]
        if not re.fullmatch(r"[0-9lIioOsS]+", tail):
            break
        if part[:cut] in spellings and (_DIGIT_TAIL.fullmatch(tail) or _DIGITS_TAIL.fullmatch(tail)):
            return part[:cut] + tail.translate(_AS_DIGIT)
    if len(part) < 4:
        return part
    # Two glyphs read as one or one as two: "saon" for saori (ri as n), "mishimura" for
    # rnishimura (rn as m), and the other way round (seed 241 #61).
    merged = {
        part[:i] + meant + part[i + len(read) :]
        for read, meant in _MERGED_GLYPHS
        for i in range(len(part))
        if part.startswith(read, i)
    }
    if len(found := merged & spellings) == 1:
        return found.pop()
    # A glyph misread is likelier than one added or dropped: "inguyen" is lnguyen,
    # not nguyen with a speck before it.
    # (Not a letter before a name taken off: "jando" is J. Ando, whatever the dictionary reads 淳.)
    slips = {spelling: _slip(part, spelling) for spelling in spellings if part[1:] != spelling}
    for kind in ("replace", "indel"):
        near = [spelling for spelling, slip in slips.items() if slip == kind]
        if near:
            return near[0] if len(near) == 1 else part
    # Any glyph misread in a long name when what was read is no romaji ("sugryama" for
    # sugiyama, seed 271 #83): "hukuda" for fukuda is a spelling, no slip. Not a glyph
    # beside its double ("zzimmermann" is zimmermann read with a z twice, not mzimmermann).
    # (Beside one glyph read as two too: "sugryarna", m read as rn.)
    if len(part) >= 6 and part.isalpha() and not is_romaji_word(part):
        respelt = {
            spelling
            for read in (part, *merged)
            for spelling in spellings
            if len(spelling) == len(read) and Levenshtein.distance(spelling, read) == 1
            and not _beside_its_double(read, _first_difference(read, spelling))
            # (Not an initial: "tsmith" under Frederick Smith is that of another name; "bruger" is
            # Krüger's name misread, seed 331 #107.)
            and (_first_difference(read, spelling) > 0 or spelling in words)
        }
        if len(respelt) == 1:
            return respelt.pop()
    return part


def _first_difference(a: str, b: str) -> int:
    """Where two strings of one length first differ."""
    return next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)


def _beside_its_double(text: str, i: int) -> bool:
    """Whether the glyph at ``i`` is the same as one next to it."""
    return text[i] in text[max(0, i - 1) : i] + text[i + 1 : i + 2]


# Glyphs OCR reads as others of a different count: (as read, as meant).
_MERGED_GLYPHS: Final = (
    ("n", "ri"), ("m", "rn"), ("rn", "m"), ("ri", "n"), ("vv", "w"), ("w", "vv"), ("m", "in"), ("m", "ni"),
)


def _slip(read: str, meant: str) -> str | None:
    """How ``read`` is ``meant`` with one OCR slip, or None.

    "replace": a glyph misread for a lookalike; "indel": a thin glyph added or dropped.
    """
    ops = Levenshtein.editops(read, meant).as_list()
    if len(ops) != 1:
        return None
    tag, src, dest = str(ops[0][0]), int(ops[0][1]), int(ops[0][2])
    if tag == "replace" and src == 0 and "f" in (read[0], meant[0]):
        return None  # "tsmith" for Frederick Smith: an initial is as often another name's
    if tag == "replace":
        return "replace" if frozenset((read[src], meant[dest])) in _LOOKALIKES else None
    thin = meant[dest] if tag == "insert" else read[src]
    return "indel" if thin in _THIN else None


def _reconcile_hosts(work: _Work) -> None:
    """A web address one or two glyphs away from the e-mail domain takes the domain's spelling.

    Both are printed from the same domain; OCR rarely makes the same slip
    twice, and the e-mail passed a stricter syntax check. So the e-mail wins
    (its domain is what duplicate detection uses), and the URL's confidence
    drops; unless the web address spells the piece they differ in as a word
    read surely elsewhere on the card, or as romaji where the e-mail's is
    none (:func:`_better_spelt`): then the e-mail takes its spelling.
    """
    _fix_email_domains(work)
    # The card's words read with faith outside its addresses (an address read wrong, or
    # a logo, is no spelling to follow); capitals of two or three letters too ("ABC 物産",
    # beside abc-shoji and abe-shoji, seed 307 #112).
    printed = {
        word.lower()
        for line in work.lines
        for token in (
            [w.text for w in line.words if w.confidence >= _SURE_WORD] if line.words
            else line.text.split() if line.confidence >= _SURE_WORD else []
        )
        if not re.search(r"[@./:]", token)
        for word in re.findall(r"[A-Za-z]{4,}|(?<![A-Za-z])[A-Z]{2,3}(?![A-Za-z])", token)
    }
    # A domain the web address spells too is two reads that agree: no slip.
    hosts = {(urlsplit(url).hostname or "").removeprefix("www.") for url, _c in work.urls}
    # (Words of five letters too when they are romaji and the piece is not: "nthon-pharma"
    # under the logo's NIHON, seed 229 #171.)
    romaji = {word for word in printed if len(word) == 5 and is_romaji_word(word)}
    work.emails = _email_slips(
        work.emails,
        {word for word in printed if len(word) >= 6} | romaji,
        hosts,
        printed | (kana := _company_kana_romaji(work)),
        kana,
    )
    domains = {e.split("@", 1)[1] for e, _c in work.emails}
    if not domains:
        return
    fixed: list[tuple[str, float]] = []
    for url, conf in work.urls:
        parts = urlsplit(url)
        host = parts.hostname or ""
        www = host.startswith("www.")
        bare = host[4:] if www else host
        if bare not in domains:
            near = [
                d for d in domains
                if len(d) >= 6 and Levenshtein.distance(bare, d) <= 2 or _cut_at_start(bare, d)
            ]
            if len(near) == 1 and _better_spelt(bare, near[0], printed):
                # "meiwa-ad.co.jp" under "Meiwa Advertising Ltd.", beside metwa-ad.co.jp (seed 227 #103).
                work.emails = [
                    (f"{e.partition('@')[0]}@{bare}", c * 0.8) if e.endswith(f"@{near[0]}") else (e, c)
                    for e, c in work.emails
                ]
                work.copied.update(e for e, _c in work.emails if e.endswith(f"@{bare}"))
            elif len(near) == 1:
                host = ("www." if www else "") + near[0]
                url = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
                conf *= 0.8
                work.copied.add(url)
        if url not in (u for u, _c in fixed):
            fixed.append((url, conf))
    work.urls = fixed


def _cut_at_start(host: str, domain: str) -> bool:
    """``host`` is the end of ``domain`` cut inside its name: "ft.co.jp" of meiwasoft.co.jp (seed 227 #31)."""
    if len(host.split(".", 1)[0]) > 3 or len(domain) <= len(host) or not domain.endswith(host):
        return False
    return domain[-len(host) - 1].isalnum()


def _better_spelt(host: str, domain: str, printed: set[str]) -> bool:
    """Whether the web address spells the one piece it and the e-mail domain differ in better.

    Better is a word read surely elsewhere on the card when the e-mail's is
    not, else a romaji word when the e-mail's is no romaji ("meiwa", "metwa").
    """
    pieces, others = re.split(r"[-.]", host), re.split(r"[-.]", domain)
    if len(pieces) != len(others):
        return False
    differ = [(a, b) for a, b in zip(pieces, others, strict=True) if a != b]
    if len(differ) != 1:
        return False
    mine, theirs = differ[0]
    if (mine in printed) != (theirs in printed):
        return mine in printed
    if is_romaji_word(mine) != is_romaji_word(theirs):
        return is_romaji_word(mine)
    # "sankyosoft" beside "sankyosot" (seed 293 #142): romaji and a word firms' domains end in.
    return _spelt_in_words(mine) and not _spelt_in_words(theirs)


def _spelt_in_words(piece: str) -> bool:
    """``piece`` of a host splits into romaji words and words Japanese firms' domains use ("sankyosoft")."""
    ends = {0}
    for end in range(1, len(piece) + 1):
        if any(
            start in ends and (piece[start:end] in _DOMAIN_TAILS or is_romaji_word(piece[start:end]))
            for start in range(end)
        ):
            ends.add(end)
    return len(piece) in ends


def _company_kana_romaji(work: _Work) -> set[str]:
    """The romaji of the katakana words of the card's Japanese company names read surely (ヤマト yamato)."""
    words: set[str] = set()
    for line in work.lines:
        if not contains_any(line.text, LEGAL_FORMS_JA):
            continue
        # (Tesseract parts Japanese print into words of a glyph or two: "ヤ", "マト".)
        sure = "".join(w.text if w.confidence >= _SURE_WORD else " " for w in line.words) if line.words else (
            line.text if line.confidence >= _SURE_WORD else ""
        )
        words.update(romaji_of(run) for run in re.findall(r"[\u30a1-\u30fa]{3,}", sure))
    return words


def _email_slips(
    emails: list[tuple[str, float]],
    printed: set[str],
    hosts: set[str],
    words: AbstractSet[str] = frozenset(),
    kana: AbstractSet[str] = frozenset(),
) -> list[tuple[str, float]]:
    """Slips in a card's addresses that show against each other, the card's words or common words.

    - two separators read together ("stefan._neumann", "michelle__ng",
      "marubeniya--solutions"): one of them;
    - a speck read as a dot among the digits ending a local part ("azuma1.8");
    - a company mailbox one letter off ("soles@" for sales@);
    - a piece of the domain one letter off a word of six or more read sure on
      the card ("tachibanoa-seiki" under "Tachibana Precision"), or two of its
      letters read as one ("stonebndge" under "Stonebridge"), or off a
      romaji word of five when the piece is none ("nthon" under NIHON), and
      off no other, unless the web address spells the domain too;
    - two domains one letter apart on one card ("yamabiko-shoji", "yamabiko-snoji"):
      the one the web address spells too, else the one whose pieces are all
      romaji words, when only one is;
    - a piece made of one of the card's ``words`` (or the romaji of its company's
      katakana) and a word firms' domains end in, with a slip in one of them
      (:func:`_name_and_tail_respelt`).
    """
    fixed = []
    for email, conf in emails:
        local, _, domain = email.partition("@")
        name, dot, suffix = domain.partition(".")
        pieces = [] if domain in hosts else name.split("-")
        for k, piece in enumerate(pieces):
            # (A plural is no slip: "summits" may be the domain of "Summit".)
            # (A romaji word is no slip of one that is not: "yamato" stays by a logo's "vamato".)
            near = [
                word
                for word in printed
                if (min(len(piece), len(word)) >= 6 or len(piece) == len(word) and not is_romaji_word(piece))
                and (Levenshtein.distance(word, piece) == 1 or _glyphs_merged(word, piece))
                and piece.rstrip("s") != word.rstrip("s")
                and not (is_romaji_word(piece) and not is_romaji_word(word))
                and not _capital_i_read_as_l(word, piece)
            ]
            if piece not in printed and len(near) == 1:
                pieces[k], conf = near[0], conf * 0.8
            elif piece not in printed and (respelt := _name_and_tail_respelt(piece, words, kana)) is not None:
                pieces[k], conf = respelt, conf * 0.8
        domain = "-".join(pieces) + dot + suffix if pieces else domain
        local = _SEPARATOR_RUN.sub(lambda m: "_" if "_" in m.group() else "-", local)
        local = re.sub(r"_{2,}", "_", local)  # "michelle__ng": one underscore read twice
        local = re.sub(r"(?<=[a-z][0-9])\.(?=[0-9]+$)", "", local)  # "azuma1.8": a speck among its digits
        if not domain.startswith("xn--"):
            domain = re.sub(r"(?<=[a-z0-9])--(?=[a-z0-9])", "-", domain)  # "marubeniya--solutions"
        near = [box for box in _MAILBOXES if len(box) == len(local) and Levenshtein.distance(box, local) == 1]
        if len(local) >= 4 and len(near) == 1:
            local, conf = near[0], conf * 0.8
        fixed.append((f"{local}@{domain}", conf))
    domains = {email.partition("@")[2] for email, _c in fixed}
    for a, b in itertools.permutations(sorted(domains), 2):
        if Levenshtein.distance(a, b) != 1 or b in hosts:
            continue
        # "abc-bussan" twice (an e-mail and the web address), "abe-bussan" once (seed 307 #175).
        if a in hosts or _romaji_domain(a) and not _romaji_domain(b):
            fixed = [(e.replace(f"@{b}", f"@{a}"), c * 0.8 if e.endswith(f"@{b}") else c) for e, c in fixed]
    unique: dict[str, float] = {}
    for email, conf in fixed:
        unique.setdefault(email, conf)
    return list(unique.items())


def _name_and_tail_respelt(piece: str, words: AbstractSet[str], kana: AbstractSet[str]) -> str | None:
    """A piece of a domain that is a word of the card and a word firms' domains end in, one misread.

    "yamatomsatsu" under "Yamato Printing": yamato and insatsu (印刷), its "in"
    read as one glyph (seed 347 #69); "yazatofoods" under ヤマト食品: yamato
    with a glyph misread, and foods (#90). The word of the card is one of five
    letters or more; a glyph of it misread is a slip of one glyph for another
    (the length kept), and only of the romaji of the company's katakana
    (``kana``: a place printed in the address, "Kyoto", is no spelling of
    kyodokogyo); one of the ending is two glyphs read as one only (one
    misread would take 電工's denko for denki). None unless exactly one
    spelling fits.
    """
    tails = _domain_tails()
    found = set()
    for word in words:
        if len(word) < 5 or len(piece) <= len(word) or word == piece:
            continue
        head, tail = piece[: len(word)], piece[len(word) :]
        if head == word and loose_romaji(tail) not in tails:
            found |= {
                word + meant
                for meant in _glyphs_apart(tail)
                if len(meant) >= 5 and loose_romaji(meant) in tails
            }
        elif (
            word in kana and loose_romaji(tail) in tails and head not in words
            and Levenshtein.distance(head, word) == 1
        ):
            found.add(word + tail)
    return found.pop() if len(found) == 1 else None


@functools.cache
def _domain_tails() -> frozenset[str]:
    """:data:`_DOMAIN_TAILS` and the romaji of the Japanese words of organisations (印刷 insatsu)."""
    readings = (dictionary_reading(word) for word in ORG_WORDS_JA if len(word) >= 2)
    return _DOMAIN_TAILS | {loose_romaji(romaji_of(r)) for r in readings if r and "ー" not in r}


def _glyphs_merged(word: str, piece: str) -> bool:
    """``piece`` is ``word`` with two of its glyphs read as one ("stonebndge", "stonebridge")."""
    return word in _glyphs_apart(piece)


def _glyphs_apart(piece: str) -> set[str]:
    """The spellings ``piece`` has with one glyph of it read back as the two it stands for ("stonebridge")."""
    return {
        piece[:i] + meant + piece[i + len(read) :]
        for read, meant in _MERGED_GLYPHS
        if len(read) < len(meant)
        for i in range(len(piece))
        if piece.startswith(read, i)
    }


def _capital_i_read_as_l(word: str, piece: str) -> bool:
    """``word``, printed on the card, is ``piece`` of a domain with its capital I read as an l.

    "lronbark Labs Corp." above ironbark-labs.ca (seed 211 #38): the print's
    capital I, the domain's small i.
    """
    return word[:1] == "l" and piece[:1] == "i" and word[1:] == piece[1:]


def _romaji_domain(domain: str) -> bool:
    """Every piece of the domain's name is a romaji word ("yamabiko-shoji")."""
    return all(is_romaji_word(piece) for piece in re.split(r"[-.]", domain.split(".", 1)[0]) if piece)


_SEPARATOR_RUN = re.compile(r"[._-]*(?:\.[_-]|[_-]\.)[._-]*")
# Least confidence of a word printed on the card that an e-mail domain is respelt after.
_SURE_WORD = 0.6
# Company mailboxes whose one-letter misreads are put right.
_MAILBOXES: Final = ("sales", "info", "contact", "support", "office", "inquiry")

# Endings of the domains cards print; anything else ("kokisystem.cojjp",
# "himawari-pharma.orjo") is an OCR slip.
_USUAL_SUFFIX = re.compile(
    r"\.(?:(?:co|or|ne|ac|go|ad|ed|gr|lg)\.jp|jp|com|net|org|info|biz|io|ai|app|dev|tech|co|"
    r"(?:co|org|ac|gov|ltd|plc)\.uk|uk|(?:com|net|org|edu|gov)\.(?:au|sg|cn|hk|tw|my)|au|sg|nz|co\.nz|"
    r"ca|us|de|fr|it|es|nl|be|ch|at|se|no|dk|fi|ie|pt|pl|lu|eu|asia|tokyo|cn|kr|co\.kr|tw|hk|in|co\.in)$"
)
_SPECKED_SECOND_LEVEL = re.compile(r"\.[0-9](co|or|ne|ac|go)\.jp$")
_SLIPPED_JP_SUFFIX = re.compile(r"\.(co|or|ne|ac|go)\.?(?:[jJ][jJpPoOdD]?[pP]?|[pP]|[iI][pP])$")


def _fix_email_domains(work: _Work) -> None:
    """An e-mail domain cut short or with an ending no domain has takes the web address's host.

    A Japanese second-level ending OCR garbled ("cojjp", "orjo", "co.ip") is
    put right first. The web address printed on the card is then the surer
    spelling when the e-mail domain is cut short ("abc.co" beside
    "www.abc.co.jp", one slip allowed) or ends in no known way and is one or
    two glyphs from it; without one, a domain cut short on a Japanese card
    ("….co") is completed. The e-mail is marked less sure.
    """
    hosts = {(urlsplit(url).hostname or "").removeprefix("www.") for url, _c in work.urls}
    hosts = {h for h in hosts if _USUAL_SUFFIX.search(h)}
    japanese = _is_japanese_card(work)
    fixed: list[tuple[str, float]] = []
    for email, conf in work.emails:
        local, _, domain = email.partition("@")
        specked = _SPECKED_SECOND_LEVEL.search(domain)
        if specked:
            # "toto-system.0or.jp": a speck read as a digit before the second level.
            domain = f"{domain[: specked.start()]}.{specked.group(1)}.jp"
            email, conf = f"{local}@{domain}", conf * 0.8
        if re.search(r"\.c[ace]\.jp$", domain):
            # "globalseiki.ce.jp": the o of .co.jp misread (no such second level exists; seed 307 #154).
            domain = domain[: -len("ce.jp")] + "co.jp"
            email, conf = f"{local}@{domain}", conf * 0.8
        if japanese and domain.endswith(".jo"):
            # "himawari-soft.jo" on a Japanese card: the p of .jp read as an o (seed 241 #147).
            domain = domain[:-1] + "p"
            email, conf = f"{local}@{domain}", conf * 0.8
        usual = _USUAL_SUFFIX.search(domain) is not None
        slipped = None if usual else _SLIPPED_JP_SUFFIX.search(domain)
        if slipped:
            # "showa-consulting.co.ip": the ending is put right first, and the name as read is
            # then weighed against the web address's like any other (the slip may be the URL's).
            domain, usual = f"{domain[: slipped.start()]}.{slipped.group(1)}.jp", True
            email, conf = f"{local}@{domain}", conf * 0.7
        near = [
            host for host in hosts
            if host != domain and (_cut_short(host, domain) or not usual and _slip_of(host, domain))
        ]
        glued = _GLUED_SECOND_LEVEL.fullmatch(domain)
        if glued and not near and _printed_elsewhere(work, glued.group(1), glued.group(2), email):
            # "brightwaterco.uk" by "Brightwater Studio Limited": the dot before co.uk lost.
            email, conf = f"{local}@{glued.group(1)}.{glued.group(2)}.{glued.group(3)}", conf * 0.8
        if len(near) == 1:
            email, conf = f"{local}@{near[0]}", conf * 0.8
        elif not near and japanese and re.search(r"\.(?:co|or|ne|ac|go)$", domain):
            # "kansainetworks.co" on a Japanese card: .co.jp cut short at the line's end.
            email, conf = f"{local}@{domain}.jp", conf * 0.7
        if email not in (e for e, _c in fixed):
            fixed.append((email, conf))
    work.emails = fixed


_GLUED_SECOND_LEVEL = re.compile(r"([a-z0-9-]{4,}?)(co|or|ne|ac|com|org|net)\.(uk|jp|au|sg|nz)")


def _printed_elsewhere(work: _Work, word: str, label: str, email: str) -> bool:
    """Whether ``word``, not followed by ``label``, starts a word of another line of the card."""
    pattern = re.compile(rf"(?<![a-z]){re.escape(word)}(?!{label})", re.IGNORECASE)
    return any(pattern.search(text) and email not in text.lower() for text in work.texts)


def _cut_short(host: str, domain: str) -> bool:
    """``domain`` is the start of ``host`` up to a dot, one glyph slip allowed ("abc.co" of "abc.co.jp")."""
    start = host[: len(domain)]
    return host[len(domain) : len(domain) + 1] == "." and Levenshtein.distance(start, domain) <= 1


def _slip_of(host: str, domain: str) -> bool:
    return Levenshtein.distance(host, domain) <= 2


_LABEL_WORDS = re.compile(
    r"^(?:E-?mail|Mail|E|URL|Web(?:site)?|HP|W|Homepage|メール(?:アドレス)?|ホームページ)\s*[.:：]?$",
    re.IGNORECASE,
)


def _strip_labels(text: str) -> str:
    """ "" when all that is left of a line is a label such as ``E-mail:`` or ``URL``."""
    return "" if _LABEL_WORDS.match(text.strip()) else text


def _extract_marked_postal(work: _Work) -> None:
    """Japanese postal codes with their 〒, or with what OCR made of it (T, 干, 7, F, +).

    A code without a real 〒 must exist in the postal data and sit next to an
    address, so that a phone number's digits are not taken for one.
    """
    for i, text in enumerate(work.rests):
        if work.postal is not None:
            return
        # "〒 679-243 3": a space OCR put inside the last group (same length kept for offsets).
        text = _SPLIT_POSTAL.sub(lambda m: m.group(1) + m.group(2) + " ", text)
        work.rests[i] = text
        for match in _JP_POSTAL_ANY.finditer(text):
            before = text[: match.start()].rstrip()
            if before and before[-1] in "0123456789-()（）":
                continue
            code = f"{match.group('a')}-{match.group('b')}"
            mark = match.group("mark") or ""
            nxt = work.rests[i + 1] if i + 1 < len(work.rests) else ""
            context = _looks_like_ja_address(text[match.end() :]) or _looks_like_ja_address(nxt)
            if not (any(m in mark for m in "〒〶〠") or (lookup(code) and (context or mark))):
                continue
            work.postal = (code, i, work.lines[i].confidence)
            work.rests[i] = _blank(text, match.start(), match.end())
            break
        if work.postal is None and (nodash := _JP_POSTAL_NODASH.search(text)) is not None:
            code = f"{nodash.group('a')}-{nodash.group('b')}"
            if lookup(code):
                work.postal = (code, i, work.lines[i].confidence * 0.8)
                work.rests[i] = _blank(text, nodash.start(), nodash.end())


def _extract_bare_postal(work: _Work) -> None:
    if work.postal is not None:
        return
    for i, text in enumerate(work.rests):
        match = _JP_POSTAL_BARE.search(text)
        if not match:
            continue
        code = f"{match.group(1)}-{match.group(2)}"
        after = text[match.end() :]
        nxt = work.rests[i + 1] if i + 1 < len(work.rests) else ""
        if lookup(code) or _looks_like_ja_address(after) or _looks_like_ja_address(nxt):
            work.postal = (code, i, work.lines[i].confidence * 0.9)
            work.rests[i] = _blank(text, match.start(), match.end())
            return


def _infer_region(work: _Work, default_region: str) -> str:
    """The country of numbers printed without ``+CC``: postal code, address, other numbers, script."""
    votes: dict[str, float] = {}

    def vote(region: str | None, weight: float) -> None:
        if region:
            votes[region] = votes.get(region, 0.0) + weight

    if work.postal is not None:
        vote("JP", 3.0)
    for line, text in zip(work.lines, work.rests, strict=True):
        repaired = repair_phone_text(text)
        for match in _CC_RE.finditer(repaired):
            region = phonenumbers.region_code_for_country_code(int(match.group(1)))
            if region and region != "ZZ":
                vote(str(region), 2.0)
        if line.confidence < _JUNK_LINE:
            continue  # "H223ER" in a line OCR made of a photo is no British postcode
        if PREFECTURE_RE.search(text):
            vote("JP", 2.0)
        country = _country_in(text)
        if country:
            vote(country, 2.5)
        zip_match = US_ZIP_RE.search(text)
        if zip_match and zip_match.group(1) in US_STATES:
            vote("US", 1.5)
        if not KANJI_RE.search(text):
            if UK_POSTCODE_RE.search(text):
                vote("GB", 1.0)
            # The postal codes the address reads a country from (_clean_address).
            if CA_POSTCODE_RE.search(text):
                vote("CA", 1.5)
            if AU_POSTCODE_RE.search(text):
                vote("AU", 1.5)
    # Japanese script votes when there is more of it than a speck read as one kana (を, ゞ).
    japanese = "".join(
        text for line, text in zip(work.lines, work.texts, strict=True) if line.confidence >= _JUNK_LINE
    )
    if len(KANJI_RE.findall(japanese)) + len(KANA_RE.findall(japanese)) >= 2:
        vote("JP", 1.0)
    legal = _legal_form_country(work)
    if legal:
        vote(legal, 1.5)
    cctld = _cctld_country(work)
    if cctld:
        vote(cctld, 1.0)
    for text in work.texts:
        for pattern, country in LANGUAGE_CUES:
            if pattern.search(text):
                vote(country, 0.75)
    if not votes:
        return _region_of_numbers(work) or default_region
    return max(votes.items(), key=lambda item: item[1])[0]


# Countries whose numbers a card with no other cue to its country is tried in (not those
# whose plans take almost any run of digits, Italy's say).
_NUMBER_REGIONS: Final = ("JP", "US", "GB", "DE", "FR", "AU", "SG", "ES", "NL", "CH")


_DOMESTIC_NUMBER = re.compile(r"(?<![+\w])\(?[0-9][0-9 ().-]{6,}[0-9](?![0-9])")
# A number printed with its country code, left out of the above.
_CC_NUMBER = re.compile(r"\+\s?[0-9][0-9 ().-]*[0-9]")


def _region_of_numbers(work: _Work) -> str | None:
    """The one country in which every number printed without ``+CC`` is valid, if any.

    "Cell: 07583-254017 / Phone 0161 076 8971" with no address, postcode or
    country's domain: valid in Britain, in Japan neither (seed 307 #161).
    Only for a card nothing else places (:func:`_infer_region`); a card from a
    country not tried may be placed in one that is.
    """
    printed = [
        run
        for text in work.rests
        for run in _DOMESTIC_NUMBER.findall(_CC_NUMBER.sub(" ", repair_phone_text(text)))
        if 8 <= sum(char.isdigit() for char in run) <= 12
    ]
    if not printed:
        return None
    fits = [region for region in _NUMBER_REGIONS if all(is_valid_phone(raw, region) for raw in printed)]
    return fits[0] if len(fits) == 1 else None


_CCTLD: Final = {
    "jp": "JP",
    "uk": "GB",
    "de": "DE",
    "fr": "FR",
    "au": "AU",
    "ca": "CA",
    "sg": "SG",
    "it": "IT",
    "es": "ES",
    "nl": "NL",
    "ch": "CH",
    "at": "AT",
    "se": "SE",
    "no": "NO",
    "dk": "DK",
    "fi": "FI",
    "ie": "IE",
    "nz": "NZ",
    "kr": "KR",
    "tw": "TW",
    "hk": "HK",
    "be": "BE",
}


def _cctld_country(work: _Work) -> str | None:
    """The country of the web domains (``.fr``, ``.co.uk``), when all agree."""
    hosts = [e.split("@", 1)[1] for e, _c in work.emails] + [
        re.sub(r"^https?://", "", u).split("/")[0].split(":")[0] for u, _c in work.urls
    ]
    found = {_CCTLD.get(h.rsplit(".", 1)[-1]) for h in hosts}
    return found.pop() if len(found) == 1 and None not in found else None


def _nanp_region(e164: str) -> str | None:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    return str(region) if region else None


def _legal_form_country(work: _Work) -> str | None:
    for text in work.texts:
        for pattern, country in LEGAL_FORM_COUNTRY:
            if pattern.search(text):
                return country
    return None


def _country_in(text: str) -> str | None:
    match = COUNTRY_NAME_RE.search(text.strip().rstrip(" ,"))
    return COUNTRY_NAMES.get(match.group(1).lower()) if match else None


def _line_only_label(text: str) -> PhoneType | None:
    stripped = text.strip().strip(":：.")
    kind = phone_label_kind(stripped)
    return kind  # type: ignore[return-value]


def _extract_phones(work: _Work, region: str) -> None:
    pending_label: PhoneType | None = None
    japanese = _is_japanese_card(work)
    for i, text in enumerate(work.rests):
        conf = work.lines[i].confidence
        if not text.strip():
            continue
        label_only = _line_only_label(text)
        if label_only is not None:
            pending_label = label_only
            work.rests[i] = ""
            continue
        if work.lines[i].vertical:
            text = _vertical_phone_dashes(text)
        matches: list[PhoneMatch] = find_phone_matches(text, region=region, line_label=pending_label)
        doubted = not matches or not all(m.valid or m.has_country_code for m in matches)
        if not japanese and doubted and len(re.findall(r"[0-9]", text)) >= _LEAST_DIGITS:
            # (Only a number the region rejects is read abroad.)
            abroad = [
                m if m.valid or m.has_country_code else _abroad(text, m, pending_label) or m for m in matches
            ]
            matches = abroad or _found_abroad(text, pending_label)
        pending_label = None
        if not matches:
            continue
        repaired = repair_phone_text(text)
        for match in matches:
            # An address line can hold digit groups libphonenumber finds
            # "possible"; demand a label or a +CC there.
            if _looks_like_ja_address(text) and match.label is None and not match.has_country_code:
                continue
            # Digits in a line OCR could hardly read (a logo, a photo) are
            # not a number unless labelled or printed with +CC.
            doubtful = conf < 0.5 and match.label is None and not match.has_country_code
            if doubtful and not _full_national_number(match):
                continue
            phone = match.to_phone()
            if not match.valid and (phone.e164.startswith("+81") or japanese):
                # Japan's numbering plan is complete in libphonenumber (and the
                # made-up 03-1234-5678 is valid in it): a number it rejects is
                # a misread ("+813239707683", a digit too many). Its text stays
                # among the leftover lines, for the review screen.
                continue
            if all(p.e164 != phone.e164 for p, _c, _v in work.phones):
                work.phones.append((phone, conf, match.valid))
                if match.label is None and not match.mobile:
                    work.unlabelled.add(phone.e164)
            repaired = _blank(repaired, match.start, match.end)
            # "HR: +81-478-61-3449": a label OCR misread is still a label, not a department.
            label = re.search(r"(?:^|\s)([A-Za-z]{1,4}\s?[:：./|]\s*)$", repaired[: match.start])
            if label:
                repaired = _blank(repaired, label.start(1), match.start)
        # Drop the labels too, so "TEL FAX" leftovers do not become fields.
        repaired = PHONE_LABEL_RE.sub(lambda m: " " * len(m.group(0)), repaired)
        work.rests[i] = repaired if _meaningful(repaired) else ""


def _fax_of_the_office(work: _Work) -> None:
    """An office's second number, whose label OCR could not read, typed fax.

    "tm +81 (0)22-354-2408 | 上. 022(354)2437", "FAN 0183-37-1018" under
    "T: +81 (0)183-37-1084": cards print the fax right after the office's
    number, the two alike but for their last digits, and a misread label
    leaves it typed work (six cards of seeds 349, 353 and 359). Only on a
    card with no fax found, for the first number after another of its office
    that no label typed, and not for one printed before it.
    """
    if any(phone.type == "fax" for phone, _c, _v in work.phones):
        return
    for k, (phone, conf, valid) in enumerate(work.phones):
        if phone.e164 not in work.unlabelled or phone.type != "work":
            continue
        office = [p for p, _c, _v in work.phones[:k] if p.type == "work" and p.e164[:-4] == phone.e164[:-4]]
        if office:
            work.phones[k] = (replace(phone, type="fax"), conf, valid)
            return


def _abroad(text: str, match: PhoneMatch, label: PhoneType | None) -> PhoneMatch | None:
    """``match`` read in the one country where it is a valid number, if there is one.

    An English card that names no country ("Main: 0117 353 8991", no address) is
    read in the fallback region, where the number is no number at all.
    """
    found = [other for other in _found_abroad(text, label, every=True) if other.start == match.start]
    return found[0] if len(found) == 1 else None


def _found_abroad(text: str, label: PhoneType | None, *, every: bool = False) -> list[PhoneMatch]:
    """The valid numbers without +CC in ``text`` read in each of :data:`_CARD_COUNTRIES`.

    Those of the one country that has any, unless ``every``: then those of all.
    """
    by_country: dict[str, list[PhoneMatch]] = {}
    for country in _CARD_COUNTRIES:
        found = [m for m in find_phone_matches(text, region=country, line_label=label) if _whole(m)]
        if found and not any(m.has_country_code for m in found):
            by_country[country] = found
    if every:
        return [m for found in by_country.values() for m in found]
    return next(iter(by_country.values())) if len(by_country) == 1 else []


def _whole(match: PhoneMatch) -> bool:
    """A valid number made of every digit printed but a trunk 0 (in Germany 0117 353 8991 is 7353 8991)."""
    if not match.valid:
        return False
    printed = re.sub(r"[^0-9]", "", match.raw)
    national = str(phonenumbers.parse(match.e164).national_number)
    return printed.endswith(national) and len(printed) - len(national) <= 1


#: Digits a line needs before it is tried abroad.
_LEAST_DIGITS: Final = 7
#: Countries an English card without +CC is tried in when the card's own region rejects its number:
#: those whose plans fix a number's length (Germany's does not, and takes misreads for numbers).
_CARD_COUNTRIES: Final = ("GB", "US", "FR", "AU", "SG", "IE")


def _jp_trunk_among_siblings(work: _Work) -> None:
    """A North American number on a Japanese card that is a sibling of its Japanese ones with its 0 misread.

    "Phone +81 75 389 7415 F. : 975.389.7493": 975 is an area code in Texas,
    but read with a 0 the fax shares the office's exchange (075-389). So is one
    whose area, read with a 0, the card's address names: "代表 : 978-416-4834"
    under an address in 神戸市 (078 is Kobe's, seed 307 #174). Alone, a number
    shaped like a New York one stays one ("NY Office 646-555-0123").
    """
    national = {p.e164[3:] for p, _c, _v in work.phones if p.e164.startswith("+81")}
    fixed = []
    for phone, conf, valid in work.phones:
        digits = re.sub(r"[^0-9]", "", phone.raw)
        printed_bare = not phone.raw.lstrip().startswith("+")
        if phone.e164.startswith("+1") and printed_bare and digits[:1] in ("6", "9"):
            sibling = "+81" + digits[1:]
            shares = any(other[:_SIBLING_DIGITS] == sibling[3:][:_SIBLING_DIGITS] for other in national)
            named = shares or _area_named_on_card(sibling, work) and not _names_a_place(phone.raw, work)
            if named and is_valid_phone(sibling, "JP"):
                phone = replace(phone, e164=sibling)
        fixed.append((phone, conf, valid))
    work.phones = fixed


def _area_named_on_card(e164: str, work: _Work) -> bool:
    """Whether the place a Japanese number's area code serves (神戸 for 078) is written on the card.

    (A place of one glyph, 津, is no sign: it is in 大津 and 木更津 too.)
    """
    place = geocoder.description_for_number(phonenumbers.parse(e164, None), "ja")
    return len(place) >= 2 and place != "日本" and any(place in text for text in work.texts)


def _names_a_place(raw: str, work: _Work) -> bool:
    """Whether the line of a number has a Latin word besides phone labels ("Minneapolis Office 952-…")."""
    line = next((text for text in work.texts if raw in text), "")
    return re.search(r"[A-Za-z]{3,}", PHONE_LABEL_RE.sub(" ", line.replace(raw, " "))) is not None


# Leading national digits (area code and exchange) two numbers of one office share.
_SIBLING_DIGITS = 5


def _full_national_number(match: PhoneMatch) -> bool:
    """A valid number printed in full with its country's trunk prefix: too long and exact to be chance.

    "03-1234-5678" in Japan, "02033499791" in Britain (ten digits or more). Only
    where numbers of its kind have one or two lengths: in Germany, whose
    numbers have five to fifteen digits, most misread numbers are still valid.
    """
    digits = re.sub(r"[^0-9]", "", match.raw)
    if not match.valid or len(digits) < 10:
        return False
    number = phonenumbers.parse(match.e164, None)
    region = phonenumbers.region_code_for_number(number)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
    if metadata is None or not metadata.national_prefix or not digits.startswith(metadata.national_prefix):
        return False
    kind = phonenumbers.number_type(number)
    desc = metadata.mobile if kind == phonenumbers.PhoneNumberType.MOBILE else metadata.fixed_line
    return desc is not None and len(set(desc.possible_length)) <= 2


def _meaningful(text: str) -> bool:
    return len(_JUNK_CHARS.sub("", text)) >= 2


# -------------------------------------------------------------- pieces


_LETTER_SPACED = re.compile(r"(?:[A-Z]{1,3} ){3,}[A-Z]{1,3}")


def _rejoin_spaced_name(text: str, work: _Work) -> str:
    """ "N OA H TAY LO R": a letter-spaced name, its words found from the e-mail address.

    OCR keeps some of the designer's spaces and loses the ones between words;
    the letters are rejoined and cut where a part of an e-mail's local part
    (noah@..., taylor.n@...) starts or ends them. Without such a part the
    text is left as read.
    """
    if not _LETTER_SPACED.fullmatch(text):
        return _rejoin_broken_words(text)
    letters = text.replace(" ", "")
    for email, _c in work.emails:
        for part in re.split(r"[._\-0-9]+", email.split("@", 1)[0]):
            if len(part) < 3 or len(part) >= len(letters) - 1:
                continue
            if letters.lower().startswith(part):
                return f"{letters[: len(part)]} {letters[len(part) :]}"
            if letters.lower().endswith(part):
                return f"{letters[: -len(part)]} {letters[-len(part) :]}"
    return text


# "Kevi n B. O ng": a lone small letter cut off the end of a capitalised word,
# a lone capital (no period: not an initial) cut off the start of a small one.
_CUT_TAIL = re.compile(r"\b([A-Z][a-z]{2,}) ([a-df-xz])\b(?! ?\.)")
_CUT_HEAD = re.compile(r"(^|\s)([A-Z]) ([a-z]{2,})\b")


def _rejoin_broken_words(text: str) -> str:
    """A Latin name whose words OCR cut in two, glued back when that makes it more of a name."""
    if not text.isascii() or any(c.isdigit() or c == "@" for c in text):
        return text
    joined = _CUT_HEAD.sub(r"\1\2\3", _CUT_TAIL.sub(r"\1\2", text))
    return joined if latin_name_score(joined) > latin_name_score(text) else text


_OFFICE_CODE = re.compile(r"\s{3,}|([〒〶〠]\s*[0-9]{3}\s?-?\s?[0-9]{4})")
_OFFICE_NAME = re.compile(r"[\u3400-\u9fff]{1,5}(?:支店|支社|営業所|オフィス|事業所|本社|工場|出張所)\s*$")


def _pieces(work: _Work) -> list[_Piece]:
    sizes = [line.glyph_size for line in work.lines if line.glyph_size > 0]
    median = statistics.median(sizes) if sizes else 1.0
    pieces: list[_Piece] = []
    for i, rest in enumerate(work.rests):
        size = work.lines[i].glyph_size / median if median else 1.0
        # A wide gap (often where a postal code or number was taken out)
        # separates different things: "札幌支店〒816-0903 福岡県..."; so does
        # the code of a second office ("...エンジニア東京オフィス〒798-2102 ...").
        parts = _OFFICE_CODE.split(rest)
        # With the capturing group, every other item is a second office's code (or None for a gap).
        for k in range(0, len(parts), 2):
            chunk = parts[k]
            if k + 1 < len(parts) and parts[k + 1]:
                # "名古屋支店〒668-0211": the office's name is no department of the person.
                chunk = _OFFICE_NAME.sub("", chunk)
            # ("Silverline Consulting Pty. Ltd,": the full stop ending a legal form read as a comma.)
            text = _COMMA_ENDING_FORM.sub(r"\1.", re.sub(r"\s+", " ", chunk).strip()).strip(" ,;:|・")
            # A label whose value was taken out: "Business Development Manager Email".
            text = _DANGLING_LABEL.sub("", text).strip(" ,;:|・")
            if not _meaningful(text):
                continue
            for part in _split(text):
                part = _rejoin_spaced_name(_clean_piece(part), work)
                if _meaningful(part):
                    confidence = _own_confidence(part, work.lines[i])
                    pieces.append(_Piece(line=i, text=part, size=size, confidence=confidence))
    return pieces


def _own_confidence(text: str, line: Line) -> float:
    """Tesseract's confidence in the words of ``text``, or in its whole line when they are not told apart.

    "@ F +49 (0) 3077314724 Rds Fa": the fax is read sure, the scrap of QR code
    after it is not, and only the scrap is left for a name.
    """
    tokens = text.split()
    words = {word.text: word.confidence for word in line.words}
    if not tokens or any(token not in words for token in tokens):
        return line.confidence
    return statistics.fmean(words[token] for token in tokens)


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SHORT_LATIN = re.compile(r"[A-Za-z0-9&]{1,6}")


def _join_script_gaps(text: str) -> str:
    """ "名古屋営業所 DX 推進室" → "名古屋営業所DX推進室": OCR's spaces around a short Latin word."""
    tokens = text.split(" ")
    out = tokens[0]
    for k, (prev, tok) in enumerate(zip(tokens, tokens[1:], strict=False)):
        if k == 0 and prev in WRITTEN_LEGAL_FORMS_JA:
            # A space after a leading legal form is printed (the reader keeps it only when
            # it sees one): "株式会社 Jテック工業".
            out += " " + tok
            continue
        # The Latin run at the end of prev must itself follow Japanese (or be all of prev).
        run = re.search(r"[A-Za-z0-9&]{1,6}$", prev)
        latin_end = run is not None and (run.start() == 0 or bool(_CJK_OR_DOT.match(prev[run.start() - 1])))
        latin_end = latin_end or (run is not None and prev[: run.start()].endswith(("(株)", "(有)", "(同)")))
        glue = (_CJK_OR_DOT.match(prev[-1:]) and _SHORT_LATIN.fullmatch(tok)) or (
            latin_end and _CJK_CHAR.match(tok[:1])
        )
        out += tok if glue else " " + tok
    return out


_KATAKANA_START = re.compile(r"[\u30a1-\u30fa]")
_CJK_OR_DOT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff・]")


_DANGLING_LABEL = re.compile(
    r"(?:^|\s)(?:E-?mail|Mail|HP|URL|Web|Tel|Fax|Mobile|Phone|メール|Eメール|E)\s*[.:：/]?$", re.IGNORECASE
)
_LEADING_LABEL = re.compile(
    r"(?:E-?mail|Mail|Tel|Fax|Phone|Mobile|Mob|Cell|Web|URL|HP|メール|電話|携帯)\s*[.:：/|]?\s", re.IGNORECASE
)
# ("。 Ethan C. Jones, CFA", "」 Web:": a logo's or a rule's speck read as Japanese punctuation.)
_LEADING_JUNK = re.compile(
    r"^(?:[\s\-=|:;~〜ー*©®@〈〉<>_・»«•·\\/'\"`^、。」]+|「(?!.*」)|[)\]}]+\s*|[A-Za-z]{1,2}@\s+)+"
)
# "今有限会社明和化学": a logo read as one glyph before a form that opens the name (a
# name is printed before its form or after it, not both).
_GLYPH_BEFORE_FORM = re.compile(
    r"^[\u3040-\u30ff\u3400-\u9fff](?=(?:株式|有限|合同|合資|合名)会社[\u30a1-\u30fa\u30fc\u3400-\u9fffA-Za-z]{2})"
)
# A logo's scraps read as a short lowercase word before a company name: "al Lumen Engineering S.A.S.",
# "all, Orion Consulting, Inc.".
_LATIN_SCRAP = re.compile(r"^(?:[a-z]{1,2}[,.;:]?|[a-z]{3}[,.;:])\s+(?=[A-Z][a-z])")
# ...or as Latin letters glued before a Japanese one: "Oo (株) 光輝薬品", or a kana and a
# bracket ("の ) 日本印刷株式会社"). Capitals alone may be the name ("NTT株式会社"), so a
# scrap has a lowercase letter or a quote in it.
_SCRAP_BEFORE_JA = re.compile(
    r"^(?:(?=\S*[a-z\"'.,])[A-Za-z0-9\"'.,]{1,3}|[0-9©®\u3041-\u3096]?\s?[)\]}）]|[、。,.])\s*"
    r"(?=\((?:株|有|同)\)|[\u3400-\u9fff\u30a1-\u30fa]{2})"
)
_JA_SCRAP_BEFORE_LATIN = re.compile(
    r"^(?:\S{0,2}[\u3040-\u30ff\u3400-\u9fff]\S{0,2}\s+)+(?=[A-Z0-9][^\u3040-\u30ff\u3400-\u9fff]*$)"
)
_TRAILING_JUNK = re.compile(r"[\s\-=|:;~〜*©®〈〉<>_・»«•·\\/`^]+$")


# "A BC", "AB C": a short acronym OCR split (the lookaheads keep longer words apart).
_SPLIT_ACRONYM = re.compile(
    r"(?<![A-Za-z])(?:[A-Z] (?=[A-Z]{2,3}(?![A-Za-z]))|[A-Z]{2} (?=[A-Z](?![A-Za-z])))"
)


def _unspace(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", "")


def _clean_piece(text: str) -> str:
    """Strip what logos and rules leave around a piece ("ーー- 課長", "©) FALCON Falcon Pty. Ltd.")."""
    text = _LEADING_JUNK.sub("", text)
    text = _TRAILING_JUNK.sub("", text) if not text.endswith(("ー", "-")) or KANJI_RE.search(text) else text
    # "部長代理 .": a speck after Japanese print (Japanese ends nothing with a Latin dot or comma).
    text = re.sub(r"(?<=[\u3040-\u30ff\u3400-\u9fff])\s+[.,]+$", "", text)
    text = re.sub(r"\s*\(\s*(株|有|同)\s*\)\s*", r"(\1)", text)  # "昭和 (株 ) ABC" from OCR
    if _has_legal_form(text):
        if LEGAL_FORM_LATIN_RE.search(text) and not contains_any(text, LEGAL_FORMS_JA):
            # "の Bluefin Software GmbH": a Japanese glyph or two read from a logo.
            text = _JA_SCRAP_BEFORE_LATIN.sub("", text)
        if KANJI_RE.search(text):
            text = _SCRAP_BEFORE_JA.sub("", text)
            text = _GLYPH_BEFORE_FORM.sub("", text)
        else:
            text = _LATIN_SCRAP.sub("", text)
            # Dots OCR lost or merged inside the commonest Latin forms.
            text = re.sub(r"\bS\.AS\.?$|\bSA\.S\.?$", "S.A.S.", text)
            text = re.sub(r"\bCo\., Ltd$", "Co., Ltd.", text)
            # "lronbark Logistics", "sterling Partners": a name starts with a capital;
            # "l" before a consonant is an "I" (no English word starts "lr", "ln"...).
            text = re.sub(r"^l(?=[bcdfghjkmnpqrstvwxz][a-z])", "I", text)
            text = re.sub(r"^[a-z](?=[a-z]+ [A-Z])", lambda m: m.group(0).upper(), text)
    tokens = text.split(" ")
    # A logo read before the name repeats its first word: "FALCON Falcon Pty. Ltd.".
    for i in range(len(tokens) - 1):
        if len(tokens[i]) > 2 and tokens[i].lower() == tokens[i + 1].lower():
            tokens = tokens[i + 1 :]
            break
    if len(tokens) >= 2 and _has_legal_form(text):
        # Junk before a Japanese company: leading tokens with no Japanese in them.
        first_ja = next(
            (k for k, tok in enumerate(tokens) if contains_any(tok, LEGAL_FORMS_JA) or KANJI_RE.search(tok)),
            None,
        )
        junk_before = first_ja and all(not _has_japanese(t) for t in tokens[:first_ja])
        if first_ja and junk_before and contains_any(" ".join(tokens[first_ja:]), LEGAL_FORMS_JA):
            ja = " ".join(tokens[first_ja:])
            # "ABCソフト開発株式会社": capitals right before a name that ends with its form are part of it.
            keep = first_ja
            named = not _starts_with_form(ja) or ja in LEGAL_FORMS_JA
            # (One capital too before katakana, "J テック食品株式会社": Jテック, or before
            # capitals, an acronym OCR split: "A BC テクノロジー株式会社"; not an O, the
            # commonest logo, a ring: "O イーストシステム株式会社".)
            while keep > 0 and named and (
                re.fullmatch(r"[A-Z][A-Z0-9&]{1,5}", tokens[keep - 1])
                or (
                    re.fullmatch(r"[A-NP-Z]", tokens[keep - 1])
                    and (_KATAKANA_START.match(tokens[keep]) or re.fullmatch(r"[A-Z]{2,3}", tokens[keep]))
                )
            ):
                keep -= 1
            tokens = tokens[keep:]
    text = " ".join(tokens)
    if _has_japanese(text) and not _looks_like_ja_address(text):
        # "(株)A BC 運輸": OCR split a short acronym in a Japanese name.
        text = _SPLIT_ACRONYM.sub(_unspace, text)
        # OCR puts a space at every change of script; Japanese prints none there.
        text = _join_script_gaps(text)
    if not _has_japanese(text):
        # "13050 Marseille [= é{s]": a bracketed scrap of a logo or rule, no word in it.
        scrap = re.search(r"\s+[\[{][^\]}]{0,10}[\]}]?$", text)
        if scrap and not re.search(r"[A-Za-z]{3}", scrap.group(0)):
            text = text[: scrap.start()]
    match = LEGAL_FORM_LATIN_RE.search(text)
    # "Calgary, AB T2P 2B5": a province that reads like a legal form, its postcode after it.
    if match and not KANJI_RE.search(text) and not _looks_like_latin_address(text):
        tail = text[match.end() :].strip()
        # "Bluefin Ltd. ISO 9001 certified", "Pte Ltd Le": the legal form ends the name.
        # "Pty. Ltd. Pen!": one word with a sign no name has in it is debris too.
        short = re.fullmatch(r"[A-Za-z]{1,2}|[A-Za-z]+[!?\]|}>]+", tail) is not None
        other = LEGAL_FORM_LATIN_RE.search(tail) or tail.startswith("&")
        if (len(tail.split()) >= 2 or short) and not other:
            text = text[: match.end()]
    return text.strip()


_GOVERNING_TITLE = re.compile(r"^(?:(?:Senior |Executive )?Vice President|S?VP|EVP|Head|Director)$")


def _split(text: str) -> list[str]:
    """Split a line into pieces that may be different fields."""
    if _has_legal_form(text) and not re.search(r"[|｜/／]", text):
        return _split_company(text)
    parts = [p.strip(" ,") for p in _SEPARATORS.split(text) if _meaningful(p)]
    out: list[str] = []
    for part in parts or [text]:
        # "Senior Researcher, Cloud & AI Department" / "Partner, Marketing": a title and a department.
        if "," in part and not KANJI_RE.search(part):
            left, _sep, right = part.partition(",")
            # ...but "Vice President, Marketing" is one title: its function is its object.
            governs = _GOVERNING_TITLE.match(left.strip())
            if _is_title_en(left.strip()) and _is_dept_en(right.strip()) and not governs:
                out.extend([left.strip(), right.strip()])
                continue
        out.extend(_split_scripts(part))
    return out


def _split_scripts(text: str) -> list[str]:
    """ "営業推進部 President & CEO", "山田太郎 Taro Yamada": a Japanese and a Latin part."""
    tokens = text.split(" ")
    is_ja = [bool(KANJI_RE.search(t) or KANA_RE.search(t)) for t in tokens]
    # "名古屋営業所 DX 推進室": an acronym between Japanese words belongs to them.
    for k, tok in enumerate(tokens):
        if re.fullmatch(r"[A-Z0-9&]{1,4}", tok) and 0 < k < len(tokens) - 1 and is_ja[k - 1] and is_ja[k + 1]:
            is_ja[k] = True
    changes = sum(1 for a, b in zip(is_ja, is_ja[1:], strict=False) if a != b)
    if changes == 1 and not _has_legal_form(text):
        cut = next(k for k in range(1, len(tokens)) if is_ja[k] != is_ja[k - 1])
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        latin = head if not is_ja[0] else tail
        japanese = tail if not is_ja[0] else head
        # "DX 推進室", "IT 戦略部": an acronym is part of the department it names.
        acronym = re.fullmatch(r"[A-Z0-9&]{1,4}", latin) is not None and not is_ja[0] and _dept_ja(japanese)
        if acronym:
            return [latin + japanese]
        if re.search(r"[A-Za-z]{2,}", latin) and not re.search(r"[0-9]", latin):
            return [*_split_ja(head), *_split_ja(tail)]
    return _split_ja(text)


def _split_ja(text: str) -> list[str]:
    if not _has_japanese(text):
        return [text]
    if not _looks_like_ja_address(text):
        text = _join_script_gaps(text)
    # "技術本部設計部所長", "推進室営業部長": a department run straight into a title.
    for cut in range(len(text) - 2, 1, -1):
        head, tail = text[:cut].strip(), text[cut:].strip()
        if tail in TITLES_JA or (_is_title_ja(tail) and not _dept_ja(tail)):
            # "広報部グループリーダー": the longer title, if the department before it is still one.
            longer = next((t for t in _TITLES_LONGEST_FIRST if len(t) > len(tail) and text.endswith(t)), None)
            if longer and _dept_ja(text[: -len(longer)].strip()):
                head, tail = text[: -len(longer)].strip(), longer
            if _dept_ja(head) and not _is_title_ja(head):
                # "営業本部技術部 Bak 執行役員": Latin scraps OCR put before the title.
                return [head, _LATIN_SCRAP_BEFORE_TITLE.sub("", tail)]
            if len(tail) > 8:
                break
    inner = _dept_title_rest(text)
    if inner:
        return inner
    # "部長山田太郎": a title run straight into the name.
    title = next((t for t in _TITLES_LONGEST_FIRST if text.startswith(t) and len(text) > len(t) + 1), None)
    if title and " " not in text and person_name_score(text[len(title) :]) >= 0.8:
        return [title, text[len(title) :]]
    tokens = text.split(" ")
    if len(tokens) < 2:
        return [text]
    # "東京支社研究 “eee マネージャー": a title word ends a line OCR garbled before it.
    if tokens[-1] in TITLES_JA and len(tokens[-1]) >= 2 and person_name_score(" ".join(tokens[:-1])) < 0.6:
        return [" ".join(tokens[:-1]), tokens[-1]]
    # "営業本部 第一営業部 部長": departments, then a title.
    if _is_title_ja(tokens[-1]) and _dept_ja(" ".join(tokens[:-1])):
        return [" ".join(tokens[:-1]), tokens[-1]]
    # "代表取締役社長 山田太郎" / "部長 山田 太郎": a title, then the name.
    if _is_title_ja(tokens[0]) and person_name_score(" ".join(tokens[1:])) >= 0.6:
        return [tokens[0], " ".join(tokens[1:])]
    # "山田太郎 部長": the name, then a title.
    if _is_title_ja(tokens[-1]) and person_name_score(" ".join(tokens[:-1])) >= 0.6:
        return [" ".join(tokens[:-1]), tokens[-1]]
    return [text]


_LATIN_SCRAP_BEFORE_TITLE = re.compile(r"^(?=[A-Z]?[a-z])[A-Za-z]{1,3}\s?(?=[\u3040-\u30ff\u3400-\u9fff])")
_TITLES_LONGEST_FIRST: Final = sorted((t for t in TITLES_JA if len(t) >= 2), key=len, reverse=True)


def _dept_title_rest(text: str) -> list[str] | None:
    """ "事業本部財務部営業課エンジニア東京オフィス": a department, a title, then something else."""
    if " " in text or len(text) < 6:
        return None
    for start in range(2, len(text) - 2):
        head = text[:start]
        title = next((t for t in _TITLES_LONGEST_FIRST if text.startswith(t, start)), None)
        if title is None or not _dept_ja(head) or _is_title_ja(head):
            continue
        rest = text[start + len(title) :]
        if len(rest) >= 2 and not _is_title_ja(rest):
            return [head, title, rest]
    return None


_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096]{4,}")
_SLOGAN_GRAMMAR: Final = re.compile(r"を[\u3041-\u3096\u4e00-\u9fff]|とともに|と共に|のために|づくり|[、。]")
_SLOGAN_LENGTH = 4
_PARTICLES = "にをとがへでのも"
_FIRM_WORD: Final = re.compile("|".join(map(re.escape, sorted(FIRM_WORDS_JA, key=len, reverse=True))))


def _split_company(text: str) -> list[str]:
    """ "株式会社サンプル 営業部": a company, then a department (or a slogan) on the same line."""
    # "ひまわりソフト開発株式会社環境にやさしいものづくり": a company's form never sits
    # inside its name, so what follows a form that ends a name is something else.
    form = contains_any(text, LEGAL_FORMS_JA)
    if form is not None:
        head, _sep, tail = text.partition(form)
        tail = tail.strip()
        # The name right before the form: Japanese, whatever scraps precede it.
        last = head.split()[-1] if head.split() else ""
        named = len(_CJK_CHAR.findall(last)) >= 2 and not re.search(r"[A-Za-z\]\[|]", last)
        slogan = _HIRAGANA_RUN.search(tail) or TAGLINE_HINTS.search(tail)
        # ...or the English name (or a logo's letters) printed after it.
        if named and tail and (slogan or not _has_japanese(tail)):
            return [head.strip() + form, tail]
    if form is not None and text.lstrip().startswith(form):
        # "有限会社丸紅屋ネットワークス必とともに": after a form that starts the name, a slogan
        # read glued to the word of the firm's trade that ends it (seed 383). A slogan shows
        # its grammar (を, とともに, 、): "株式会社住宅あんしん保証" is one name.
        for match in reversed(list(_FIRM_WORD.finditer(text, text.index(form) + len(form)))):
            tail = text[match.end() :].strip()
            # ("…化学環境にやさしいものづくり": a word the slogan's particle follows is the slogan's.)
            glued = _SLOGAN_GRAMMAR.search(tail) is not None and tail[0] not in _PARTICLES
            if len(tail) >= _SLOGAN_LENGTH and glued:
                return [text[: match.end()].strip(), tail]
    tokens = text.split(" ")
    if len(tokens) >= 2 and KANJI_RE.search(text):
        for cut in range(len(tokens) - 1, 0, -1):
            head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            if _has_legal_form(head) and not _has_legal_form(tail) and _dept_ja(tail):
                return [head, tail]
    return [text]


# Units a Japanese department name is built from, where a printed space was
# lost ("名古屋営業所第一営業部総務課" is three units).
_DEPT_UNITS = (
    "事業本部",
    "統括本部",
    "本部",
    "事業部",
    "統括部",
    "部",
    "課",
    "室",
    "支店",
    "支社",
    "営業所",
    "局",
    "センター",
    "グループ",
)


def split_department_units(text: str) -> str:
    """Put a space between the units of a Japanese department printed as one run."""
    if " " in text:
        return " ".join(split_department_units(t) for t in text.split(" "))
    if not KANJI_RE.search(text):
        return text
    for end in range(2, len(text) - 1):
        head, tail = text[:end], text[end:]
        unit = any(head.endswith(u) and len(head) > len(u) for u in _DEPT_UNITS)
        if unit and _dept_ja(tail) and len(tail) >= 3:
            return f"{head} {split_department_units(tail)}"
    return text


# --------------------------------------------------------------- scoring


def _starts_with_form(text: str) -> bool:
    return any(text.startswith(f) for f in LEGAL_FORMS_JA)


def _has_legal_form(text: str) -> bool:
    return contains_any(text, LEGAL_FORMS_JA) is not None or bool(LEGAL_FORM_LATIN_RE.search(text))


def _is_title_ja(text: str) -> bool:
    compact = text.replace(" ", "")
    return len(compact) <= 24 and any(compact.endswith(t) for t in TITLES_JA)


def _is_title_en(text: str) -> bool:
    words = [m.group(0).lower() for m in TITLE_EN_RE.finditer(text)]
    if not words or KANJI_RE.search(text):
        return False
    if all(w in WEAK_TITLE_EN for w in words):
        return False
    return len(text.split()) <= 8


def _is_dept_en(text: str) -> bool:
    return bool(DEPT_EN_RE.search(text) or DEPT_FUNCTIONS_EN.match(text))


def _dept_ja(text: str) -> bool:
    tokens = text.split(" ")
    return all(
        any(tok.endswith(s) and len(tok) > len(s) for s in DEPT_SUFFIXES_JA) for tok in tokens if tok
    ) and bool(KANJI_RE.search(text) or KANA_RE.search(text))


def _looks_like_ja_address(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    return bool(PREFECTURE_RE.match(text) or JA_ADDRESS_RE.search(text))


def _looks_like_latin_address(text: str) -> float:
    if KANJI_RE.search(text) or KANA_RE.search(text):
        return 0.0
    score = 0.0
    if re.match(r"^\d+[A-Za-z]?\s+\w", text) and STREET_WORDS_RE.search(text):
        score = 0.85
    elif STREET_WORDS_RE.search(text) and re.search(r"\d", text):
        score = 0.7
    zip_match = US_ZIP_RE.search(text)
    if zip_match and zip_match.group(1) in US_STATES:
        score = max(score, 0.85)
    if UK_POSTCODE_RE.search(text) or CA_POSTCODE_RE.search(text) or AU_POSTCODE_RE.search(text):
        score = max(score, 0.75)
    if EU_POSTCODE_RE.search(text):
        score = max(score, 0.6)
    if _country_in(text) or SG_POSTCODE_RE.search(text):
        score = max(score, 0.6)
    if JP_ROMAN_ADDRESS_RE.search(text):
        score = max(score, 0.7)
    if re.search(r"\b(?:Suite|Floor|P\.?O\.? Box|Building|Bldg)\b", text, re.IGNORECASE):
        score = max(score, 0.6)
    return score


def _company_domain_match(text: str, work: _Work) -> bool:
    # Not the logo read before the name: "O Lumen" at lumen-partners.com.au.
    text = _LOGO_STROKES.sub("", _LOGO_SPECK.sub("", _LOGO_LETTER.sub("", text)))
    letters = re.sub(r"[^a-z0-9]", "", text.lower())
    if len(letters) < 3:
        return False
    for value, _c in [*work.emails, *work.urls]:
        host = value.split("@")[-1] if "@" in value else re.sub(r"^https?://", "", value).split("/")[0]
        labels = [lab for lab in host.split(".") if lab not in ("www", "co", "com", "jp", "ne", "or", "net")]
        core = re.sub(r"[^a-z0-9]", "", labels[0]) if labels else ""
        if core and (letters == core or (len(core) >= 4 and (core in letters or letters in core))):
            return True
        # "Aoba Construction Organization" at aoba-kensetsu.or.jp: the first word.
        first = re.sub(r"[^a-z0-9]", "", text.split()[0].lower()) if text.split() else ""
        if len(first) >= 3 and core.startswith(first) and len(text.split()) > 1:
            return True
    return False


# What is left of a web address OCR spoilt: no spaces, a dash, dot or slash in it.
_HOST_LIKE = re.compile(r"(?=.*[-./])[A-Za-z0-9./_-]{4,}")


def _score(piece: _Piece, work: _Work) -> dict[str, float]:
    text = piece.text
    scores: dict[str, float] = {}
    if re.search(r"\w\s?@\s?\w", text):
        return scores  # a mangled email address is nothing else either
    if URL_LABEL_RE.match(text) and _HOST_LIKE.fullmatch(URL_LABEL_RE.sub("", text).strip()):
        return scores  # nor is a web address after its label ("Web: shirasagi-systemjp/", seed 311 #22)
    has_kanji = bool(KANJI_RE.search(text))
    legal = _has_legal_form(text)
    latin_legal = bool(LEGAL_FORM_LATIN_RE.search(text))

    # Company.
    if contains_any(text, LEGAL_FORMS_JA):
        scores["company"] = 0.95
    elif latin_legal:
        # Short forms that are also ordinary words or initials score lower.
        weak = re.fullmatch(r".*\b(?:AG|KG|AB|Oy|KK|SL|SA|NV|BV|SE|AS|Co\.)(?:\W.*)?", text)
        scores["company"] = 0.8 if weak else 0.9
    elif (contains_any(text, ORG_WORDS_JA) and not _is_title_ja(text)) or (
        ORG_WORDS_LATIN_RE.search(text) and not DEPT_EN_RE.search(text)
    ):
        scores["company"] = 0.6
    if _company_domain_match(text, work):
        # The domain confirms a company line; alone it is often just the logo.
        if "company" in scores:
            scores["company"] += 0.1
        else:
            # An all-caps single word is more often the logo than the printed name
            # (after a mark read as a glyph: "A CONTOUR" over "Contour").
            word = re.sub(r"^(?:\S\s+)+", "", text)
            scores["company"] = 0.65 if word.isupper() and " " not in word else 0.7

    # Title and department.
    if not legal:
        if has_kanji or KANA_RE.search(text):
            if _is_title_ja(text):
                scores["title"] = 0.85
            # 長谷部, 阿部, 服部: family names that end like a department; "東京オフィス
            # 〒..." names another office, not the person's department.
            office = _OFFICE_NAME.fullmatch(text) is not None and _has_postal(work.texts[piece.line])
            if _dept_ja(text) and not office and not (len(text) <= 4 and person_name_score(text) >= 0.6):
                scores["department"] = 0.8
        else:
            if _is_title_en(text):
                scores["title"] = 0.85 if not DEPT_EN_RE.search(text) or " of " in text else 0.5
            if DEPT_EN_RE.search(text) and not re.match(r"^(?:Director|Head|VP|Vice President)\b", text):
                scores["department"] = 0.8
            elif DEPT_FUNCTIONS_EN.match(text) and "title" not in scores:
                scores["department"] = 0.7

    # Address.
    if has_kanji and _looks_like_ja_address(text):
        scores["address"] = 0.9 if PREFECTURE_RE.match(text) else 0.7
    elif _has_japanese(text) and JA_BUILDING_RE.search(text) and re.search(r"[0-9]", text):
        scores["address_cont"] = 0.6
    elif JA_ADDRESS_CONT_RE.match(text) and not set(scores) & {"company", "title", "department"}:
        scores["address_cont"] = 0.55
    else:
        latin = _looks_like_latin_address(text)
        if latin:
            scores["address"] = latin
    if work.postal is not None and work.postal[1] == piece.line and text and _with_postal_code(text, work):
        scores["address"] = max(scores.get("address", 0.0), 0.8)

    # Names ("Email Shintaro": what is left of a line with a label is not one).
    labelled = _LEADING_LABEL.match(text) is not None
    if not legal and not labelled and "title" not in scores and "department" not in scores:
        ja = person_name_score(text)
        if ja and ja < _NAME_SPELT_BY_EMAIL and _spelt_by_emails(text, work):
            ja = _NAME_SPELT_BY_EMAIL
        if ja:
            scores["name_ja"] = ja
        latin = latin_name_score(text)
        if latin and not ORG_WORDS_LATIN_RE.search(text) and "address" not in scores:
            if _company_domain_match(text, work):
                latin *= 0.5
            bonus = 0.2 if _name_in_email(text, work) else 0.0
            if HONORIFICS_RE.match(text) or POST_NOMINALS_RE.search(text):
                bonus += 0.15  # "Dr. ..." / "..., PhD" is a person
            scores["name_latin"] = latin + bonus
    if kana_reading(text):
        scores["reading"] = 0.6

    if TAGLINE_HINTS.search(text) and max(scores.values(), default=0.0) < 0.9:
        scores = {k: v * 0.5 for k, v in scores.items()}
    if piece.confidence < _DOUBTFUL_LINE and not _has_japanese(text):
        # Latin letters Tesseract itself doubts ("PA SARC IL Te", "HES AS") are
        # mostly a logo or Japanese read with the wrong script: not a name or company.
        for key in ("name_latin", "company"):
            if key in scores:
                scores[key] *= 0.6
    return scores


def _capital_back_by_email(text: str, work: _Work) -> str:
    """A Latin name with the capital OCR lost put back, when the card's e-mail holds the name.

    "Mrs. Noah walker MBA" beside noah_walker@harbor.io: a W read as w; "sho
    MATSUO" beside smatsuo@…. Not the particles of names ("van", "de"), and
    only when the text with the capital back reads as a name and the text as
    read does not.
    """
    if not re.search(r"\b[a-z]{2,}\b", text) or latin_name_score(text) > 0:
        return text

    def capital(match: re.Match[str]) -> str:
        return match.group()[0].upper() + match.group()[1:]

    capped, slips = re.subn(r"\b(?!(?:" + _NAME_PARTICLES + r")\b)[a-z]{2,}\b", capital, text)
    # (One capital lost is a slip; several words in lowercase are a name cut apart: "Ga briel sm ith".)
    return capped if slips == 1 and latin_name_score(capped) > 0 and _name_in_email(capped, work) else text


def _initial_back_by_email(text: str, work: _Work) -> str:
    """A Latin name whose first letter OCR misread (a bracket before it too), put right by the e-mail.

    "(Vicolas Robert" beside nicolas@atlas.io (seed 277 #128): a word of four
    letters or more that a piece of an e-mail's local part spells but for its
    first letter takes that letter, when the text then reads as a name and did
    not before.
    """
    if not work.emails or not _SPECKED_FIRST_WORD.match(text) or latin_name_score(text) > 0:
        return text
    locals_ = [email.split("@")[0] for email, _c in work.emails]
    pieces = {piece for local in locals_ for piece in re.split(r"[._-]", local) if len(piece) >= 4}

    def initial(match: re.Match[str]) -> str:
        word = match.group(1)
        rest, first = word[1:].lower(), word[0].lower()
        meant = [p for p in pieces if p[1:] == rest and p[0] != first and p[0].isalpha()]
        return meant[0][0].upper() + word[1:] if len(meant) == 1 else match.group()

    respelt = _SPECKED_FIRST_WORD.sub(initial, text)
    return respelt if respelt != text and latin_name_score(respelt) > 0 else text


# A capitalised word of four letters or more starting the text, specks or a bracket before it.
_SPECKED_FIRST_WORD = re.compile(r"^[(\[{'\"“‘.,:;|]*\s*([A-Z][a-z]{3,})")


# Small words inside Western names that are written in lowercase.
_NAME_PARTICLES: Final = "van|von|der|den|de|del|della|di|da|du|la|le|des|dos|das|ter|ten"


# The score of a Japanese name the dictionary doubts whose two parts the card's e-mail spells.
_NAME_SPELT_BY_EMAIL: Final = 0.6


def _spelt_by_emails(text: str, work: _Work) -> bool:
    """Whether the card's e-mail addresses spell both parts of the kanji name ``text``.

    "東樹" over itsuki.azuma@: a name the dictionary does not know as one
    (東 reads ヒガシ, 樹 ジュ) is one when its glyphs are words read as the
    address's names (seed 347 #179).
    """
    if not _NAME_KANJI_RUN.fullmatch(re.sub(r"\s+", "", text)):
        return False
    evidence = romaji_evidence(None, [email for email, _c in work.emails])
    return bool(evidence) and romaji_fit(text, evidence)[0] == 2


def _name_in_email(text: str, work: _Work) -> bool:
    parts = [p.lower() for p in re.findall(r"[A-Za-z]{2,}", clean_latin_name(text))]
    if not parts:
        return False
    for email, _c in work.emails:
        local = email.split("@")[0]
        if sum(1 for p in parts if p in local) >= min(2, len(parts)) or (
            len(parts) >= 2 and local.startswith(parts[0][0]) and parts[-1] in local
        ):
            return True
    return False


def _layout_adjust(pieces: list[_Piece], work: _Work) -> None:
    """Size and position: the name is usually the largest text, the company near the top."""
    if not pieces:
        return
    largest = max(p.size for p in pieces)
    for piece in pieces:
        scores = piece.scores
        rank = piece.size / largest if largest else 1.0
        for key in ("name_ja", "name_latin"):
            if key in scores:
                # The largest text gets a bonus, small print a penalty.
                top = 0.1 if piece.size >= largest * 0.98 else 0.0
                scores[key] = scores[key] * (0.75 + 0.35 * rank) + top
    # "A ECHO" over "Echo Technology Inc.": the logo repeats the company's words; a person does not.
    legal = [p.text for p in pieces if p.scores.get("company", 0.0) >= 0.85]
    company_words = {w.lower() for text in legal for w in re.findall(r"[A-Za-z]{3,}", text)}
    for piece in pieces:
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", piece.text)}
        if "name_latin" in piece.scores and words and words <= company_words:
            piece.scores["name_latin"] *= 0.5


# -------------------------------------------------------------- assembly


def _assemble(work: _Work, pieces: list[_Piece]) -> ParsedCard:
    confidence: dict[str, float] = {}
    result: dict[str, object] = {}

    # A bilingual card prints title and company twice; the card's main script wins.
    japanese = _is_japanese_card(work) or _romaji_spells_a_japanese_name(pieces)

    # Its English versions (a romanised name beside the Japanese one) are translations.
    bilingual = japanese and any(p.scores.get("name_latin", 0.0) >= 0.5 for p in pieces)

    def best(key: str, threshold: float = MIN_FIELD_SCORE) -> _Piece | None:
        candidates = [p for p in pieces if p.used is None and p.scores.get(key, 0.0) >= threshold]
        if japanese:
            # "Chairman" beside "代表取締役会長", "Abc Construction Co., Ltd." beside "(株)ABC建設":
            # a Japanese card's field in Japanese, even if it scored lower.
            unused = [p for p in pieces if p.used is None and _has_japanese(p.text)]
            if any(p.scores.get(key, 0.0) >= 0.5 for p in unused) or (bilingual and key == "title"):
                candidates = [p for p in candidates if _has_japanese(p.text)]
        if not candidates:
            return None

        def rank(p: _Piece) -> tuple[float, float, int]:
            bonus = 0.1 if _has_japanese(p.text) == japanese else 0.0
            return (p.scores[key] + bonus, p.size, -p.line)

        return max(candidates, key=rank)

    # Strongly typed content first: company by legal form, titles, departments.
    company = _fuller_print(_surest_reading_of_its_print(best("company", 0.85), pieces, work), pieces)
    if company:
        company.used = "company"

    _assign_address(work, pieces, result, confidence)
    _address_from_postal_code(result, confidence)
    _assign_names(work, pieces, result, confidence, japanese=japanese)

    title = best("title")
    if title:
        title.used = "title"
        result["title"] = _without_stray_letter(title.text)
        confidence["title"] = round(title.confidence * title.scores["title"], 3)
    _assign_department(pieces, result, confidence)

    if company is None:
        company = best("company", 0.5)
        if company:
            company.used = "company"
    if company:
        joined = _join_broken_company(company, pieces)
        joined = _with_rest_of_row(joined, company, pieces, work)
        joined = _with_host_start_before(joined, company, pieces, work)
        joined = _tidy_company(_without_speck_before_form(joined))
        joined = _capital_j_read_as_ryo(joined, work)
        joined = _org_word_completed(joined, work) if KANJI_RE.search(joined) else joined
        joined = _capitals_completed(joined, work) if _has_japanese(joined) else joined
        joined = _singapore_form(joined, work)
        as_read = joined
        joined = _org_word_respelt(joined, work) if KANJI_RE.search(joined) else joined
        respelt = (
            _fit_japanese_company_to_domains(joined, work, _sure_glyphs(work.lines[company.line]))
            if KANJI_RE.search(joined) else joined
        )
        result["company"] = fix_case_slip(_fit_company_to_domain(respelt, work))
        _fit_domains_to_company(str(result["company"]), work)
        if respelt == joined and KANJI_RE.search(joined):
            _fit_domains_to_japanese_company(joined, work, _sure_glyphs(work.lines[company.line]))
        # (A name respelt by its domain is a guess: marked doubtful for review.)
        doubt = _RESPELT_DOUBT if respelt != as_read else 1.0
        confidence["company"] = round(company.confidence * min(1.0, company.scores["company"]) * doubt, 3)
    elif not japanese:
        # Often the company is only a logo OCR cannot read; its web domain
        # names it. A guess, so marked doubtful for review.
        top = _company_from_top(pieces)
        guess = _tidy_company(top.text) if top else _company_from_domain(work)
        if top:
            top.used = "company"
        if guess:
            result["company"] = guess
            confidence["company"] = 0.3

    _repair_emails_from_names(work, result)
    # Put right as far as it goes, a host under no real suffix is OCR's making ("www.kestrel").
    work.emails = [(e, c) for e, c in work.emails if is_real_host(e.partition("@")[2])]
    work.urls = [(u, c) for u, c in work.urls if is_real_host(urlsplit(u).hostname or "")]
    emails = tuple(e for e, _c in work.emails)
    if emails:
        confidence["emails"] = round(min(c for _e, c in work.emails), 3)
    urls = tuple(u for u, _c in work.urls)
    if urls:
        confidence["urls"] = round(min(c for _u, c in work.urls) * 0.95, 3)
    phones = tuple(p for p, _c, _v in work.phones)
    if phones:
        confidence["phones"] = round(min(c * (1.0 if v else 0.6) for _p, c, v in work.phones), 3)

    country = _country(work, result)
    if country:
        confidence["country"] = 0.9 if result.get("postal_code") or result.get("address") else 0.6

    leftover = _leftover(pieces)
    return ParsedCard(
        name=_str(result.get("name")),
        name_latin=_str(result.get("name_latin")),
        name_reading=_str(result.get("name_reading")),
        title=_str(result.get("title")),
        department=_str(result.get("department")),
        company=_str(result.get("company")),
        emails=emails,
        phones=phones,
        urls=urls,
        postal_code=_str(result.get("postal_code")),
        address=_str(result.get("address")),
        country=country,
        confidence={k: max(0.0, min(1.0, v)) for k, v in confidence.items()},
        leftover=leftover,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _assign_names(
    work: _Work,
    pieces: list[_Piece],
    result: dict[str, object],
    confidence: dict[str, float],
    *,
    japanese: bool,
) -> None:
    ja = [p for p in pieces if p.used is None and p.scores.get("name_ja", 0.0) >= 0.45]
    latin = [p for p in pieces if p.used is None and p.scores.get("name_latin", 0.0) >= 0.5]
    ja_best = max(ja, key=lambda p: (p.scores["name_ja"], p.size), default=None)
    if ja_best is not None:
        ja_best = _read_in_full(ja_best, ja, work)
    latin_best = max(latin, key=lambda p: (p.scores["name_latin"], p.size), default=None)
    # "西条 "aurora-software co.uk'": kanji OCR made of a blurred line of an
    # English card, read unsure, are no name beside a Latin one read well.
    latin_sure = latin_best.confidence if latin_best is not None else 0.0
    if not japanese and ja_best is not None and ja_best.confidence < _UNSURE_NAME <= latin_sure:
        ja_best = None
    if ja_best is not None:
        split = split_japanese_name(ja_best.text)
        evidence = romaji_evidence(latin_best.text if latin_best else None, [e for e, _c in work.emails])
        longer = with_last_glyph_back(ja_best.text, evidence) if split is not None else None
        if longer is not None:
            split = split_japanese_name(longer)
        if split is not None:
            ja_best.used = "name"
            result["name"] = split.text
            rule = min(1.0, ja_best.scores["name_ja"]) * (1.0 if split.dictionary == 2 else 0.75)
            confidence["name"] = round(ja_best.confidence * rule, 3)
            printed = _printed_reading(ja_best, pieces, split.family, split.given, work)
            reading = printed or split.reading
            if reading:
                result["name_reading"] = reading
                # Printed and dictionary agreeing is best; the dictionary alone
                # guesses among several readings of the same kanji.
                sure = 0.95 if printed and printed == split.reading else 0.85 if printed else 0.6
                confidence["name_reading"] = sure
            # Of several romanised names, the one that spells the Japanese name's reading.
            spelt = [p for p in latin if latin_matches_reading(p.text, reading)]
            if spelt:
                latin_best = max(spelt, key=lambda p: (p.scores["name_latin"], p.size))
            if latin_best is not None:
                latin_best.used = "name_latin"
                result["name_latin"] = clean_latin_name(latin_best.text)
                match = latin_matches_reading(latin_best.text, reading)
                confidence["name_latin"] = round(latin_best.confidence * (0.95 if match else 0.6), 3)
            return
    if latin_best is not None:
        sure = min(1.0, latin_best.scores["name_latin"])
        spelt_piece = _kanji_spelt_by(latin_best, pieces) if japanese else None
        if spelt_piece is not None:
            # The Japanese name read among specks ("ヽノ松本亮"), which the
            # romanised name spells: the name, with the romaji beside it.
            piece, split = spelt_piece
            piece.used, latin_best.used = "name", "name_latin"
            result["name"], result["name_reading"] = split.text, split.reading
            result["name_latin"] = clean_latin_name(latin_best.text)
            confidence["name"] = round(min(piece.confidence, latin_best.confidence) * 0.75, 3)
            confidence["name_reading"] = 0.6
            confidence["name_latin"] = round(latin_best.confidence * 0.95, 3)
            return
        if japanese:
            # A Japanese card whose Japanese name OCR could not read: the
            # romanised name is still the name_latin, and stands in for the
            # name, marked doubtful for review.
            latin_best.used = "name_latin"
            result["name_latin"] = result["name"] = clean_latin_name(latin_best.text)
            confidence["name_latin"] = round(latin_best.confidence * sure * 0.8, 3)
            confidence["name"] = round(latin_best.confidence * sure * 0.3, 3)
            return
        latin_best.used = "name"
        result["name"] = clean_latin_name(latin_best.text)
        confidence["name"] = round(latin_best.confidence * sure, 3)


_NAME_KANJI_RUN: Final = re.compile(r"[\u4e00-\u9fff\u3005]{2,5}")


def _kanji_spelt_by(latin: _Piece, pieces: list[_Piece]) -> tuple[_Piece, JapaneseName] | None:
    """The one unused run of kanji on the card whose dictionary reading the Latin name spells.

    Specks around a name in big print are read as marks and kana ("ヽ渡邊昭"),
    which keeps the line from scoring as a name; the romaji tell the name.
    """
    found: list[tuple[_Piece, JapaneseName]] = []
    for piece in pieces:
        if piece.used is not None or piece is latin:
            continue
        for run in _NAME_KANJI_RUN.findall(piece.text.replace(" ", "")):
            split = split_japanese_name(run)
            if split is not None and split.reading and latin_matches_reading(latin.text, split.reading):
                found.append((piece, split))
    names = {split.text for _, split in found}
    return found[0] if len(names) == 1 else None


def _read_in_full(best: _Piece, names: list[_Piece], work: _Work) -> _Piece:
    """The reading of ``best``'s print that holds it and a glyph or two more, read at least as surely.

    The big print of a name is read twice (by the page and by the band reader,
    see :func:`cardscan.ocr.read_spaced_bands`); a first glyph lost in one
    reading ("田 優" for 飯田 優, its box stretched by a speck above) makes
    a shorter name that may look bigger.
    """
    compact = best.text.replace(" ", "")
    box = work.lines[best.line].box
    for other in names:
        text = other.text.replace(" ", "")
        if (
            other is not best
            and other.confidence >= best.confidence
            and 1 <= len(text) - len(compact) <= 2
            and compact in text
            and _overlap(work.lines[other.line].box, box)
        ):
            return other
    return best


def _surest_reading_of_its_print(chosen: _Piece | None, pieces: list[_Piece], work: _Work) -> _Piece | None:
    """Of two readings of one company's print, as sure to be a company, the one Tesseract is surer of.

    The page read "ア化学 (株 ) お客様の笑顔のために" and its band, read again,
    アルファ化学(株) (seed 229 #13); a logo beside the name made the first
    line taller, which the choice by size would follow. Two pieces read the
    same print when their lines overlap; the surer one must have as many
    glyphs at least.
    """
    if chosen is None:
        return None
    box = work.lines[chosen.line].box
    glyphs = len(_tidy_company(chosen.text).replace(" ", ""))
    # (Not a reading that lost glyphs, "(株)ヤマトソフ", nor one that read its legal form twice.)
    rivals = [
        p for p in pieces
        if p is not chosen and p.used is None and p.line != chosen.line
        and _has_japanese(p.text) == _has_japanese(chosen.text)  # (not its translation beside it)
        and p.scores.get("company", 0.0) >= chosen.scores["company"]
        and _overlap(work.lines[p.line].box, box)
        and len(_tidy_company(p.text).replace(" ", "")) >= glyphs
        and sum(p.text.count(form) for form in LEGAL_FORMS_JA if len(form) >= 4) <= 1
    ]
    return max([chosen, *rivals], key=lambda p: p.confidence)


def _fuller_print(chosen: _Piece | None, pieces: list[_Piece]) -> _Piece | None:
    """A Japanese company printed twice, once read with the end of its last word lost: the one with it.

    "(株 ) ミナト電" by the logo, "(株)ミナト電機" by the name (seed 293 #171): the
    other reading goes on by a glyph or two that finish a word of firms' names
    (電 and 機: 電機). Not a sister company printed below ("ミナト電機サービス").
    """
    if chosen is None or not _has_japanese(chosen.text):
        return chosen
    key = _tidy_company(chosen.text).replace(" ", "")
    core = _without_legal_forms(key)
    fuller = [
        p for p in pieces
        if p is not chosen and p.used is None and p.scores.get("company", 0.0) >= 0.85
        and _finishes_a_word(core, _without_legal_forms(_tidy_company(p.text).replace(" ", "")))
    ]
    return max(fuller, key=lambda p: p.confidence) if fuller else chosen


def _finishes_a_word(core: str, longer: str) -> bool:
    """``longer`` is ``core`` and one or two glyphs that end a word of firms' names begun in ``core``."""
    extra = longer[len(core) :]
    if not longer.startswith(core) or not 1 <= len(extra) <= 2:
        return False
    return any(
        len(word) > len(extra) and word.endswith(extra) and core.endswith(word[: -len(extra)])
        for word in _ORG_WORDS_TWICE
    )


def _pte(match: re.Match[str]) -> str:
    return "Pte" + match.group()[3:].replace(",", ".")


def _overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share ink: a third of the smaller one's height and width."""
    across = min(a.right, b.right) - max(a.left, b.left)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    return across * 3 >= min(a.width, b.width) and down * 3 >= min(a.height, b.height)


# On a card not Japanese, a Japanese name read less surely than this loses to a
# Latin one read at least as surely.
_UNSURE_NAME = 0.5


def _printed_reading(name: _Piece, pieces: list[_Piece], family: str, given: str, work: _Work) -> str | None:
    """A kana line next to the name (ふりがな), as katakana split like the name.

    A kana line anywhere on the card that spells the dictionary's reading of
    the name is its reading too (two-column cards print it beside the numbers).
    """
    split = split_japanese_name(family + given)
    expected = split.reading.replace(" ", "") if split and split.reading else None
    spelt = [
        p
        for p in pieces
        if p.used is None and p is not name and expected
        and (kana_reading(p.text) or "").replace(" ", "") == expected
    ]
    near = spelt or [
        p
        for p in pieces
        if p.used is None
        and "reading" in p.scores
        and abs(p.line - name.line) <= 1
        and p is not name
        # "マネージャー" next to the name is a title, not its reading.
        and not set(p.scores) & {"title", "department", "company"}
    ]
    if not near:
        return None
    piece = min(near, key=lambda p: (abs(p.line - name.line), p.line > name.line))
    reading = kana_reading(piece.text)
    if reading is None:
        return None
    piece.used = "name_reading"
    swapped = expected is not None and _marks_swapped(reading.replace(" ", ""), expected)
    if swapped and split is not None and _spelt_on_card(split, work):
        # "カトウヒピキ" for ヒビキ beside "hibiki kato@": blur made ゜ of ゛ (seed 347 #158). Not
        # without the romaji: 新保 is シンポ as well as シンボ.
        return split.reading
    if " " not in reading and given:
        # Split the printed reading where the dictionary would, if lengths agree.
        split = split_japanese_name(family + given)
        if split and split.reading and " " in split.reading:
            fam_len = len(split.reading.split(" ")[0])
            if len(split.reading.replace(" ", "")) == len(reading):
                reading = reading[:fam_len] + " " + reading[fam_len:]
    return reading


def _spelt_on_card(split: JapaneseName, work: _Work) -> bool:
    """Whether the romaji of every part of the dictionary's reading of a name is printed on the card."""
    text = " ".join(work.texts).lower()
    parts = (split.reading or "").split(" ")
    return all(loose_romaji(romaji_of(part)) in text or romaji_of(part) in text for part in parts if part)


def _marks_swapped(read: str, meant: str) -> bool:
    """``read`` is ``meant`` with a handakuten (゜) read for a dakuten (゛) or back, and no other change."""
    a, b = unicodedata.normalize("NFD", read), unicodedata.normalize("NFD", meant)
    if len(a) != len(b) or a == b:
        return False
    return all(x == y or {x, y} == {"\u3099", "\u309a"} for x, y in zip(a, b, strict=True))


def _assign_department(pieces: list[_Piece], result: dict[str, object], confidence: dict[str, float]) -> None:
    """The best department piece, joined with the department pieces on the lines next to it."""
    depts = [p for p in pieces if p.used is None and p.scores.get("department", 0.0) >= MIN_FIELD_SCORE]
    if not depts:
        return
    first = min(depts, key=lambda p: (-p.scores["department"], p.line))
    group = [first]
    # Department pieces on the lines next to it (one on each, a chain of up to four) are part of it.
    lines = {p.line: p for p in sorted(depts, key=lambda p: p.scores["department"])}
    for step in (-1, 1):
        line = first.line + step
        while line in lines and len(group) < 4 and lines[line] is not first:
            group.append(lines[line])
            line += step
    group.sort(key=lambda p: p.line)
    for piece in group:
        piece.used = "department"
    parts: list[str] = []
    for piece in group:
        if piece.text not in parts:
            parts.append(piece.text)
    text = " ".join(split_department_units(t) for t in parts)
    # "AI" read as "Al" is the commonest OCR slip in department names; "Dept" lost its dot.
    text = re.sub(r"(?<=& )Al\b|\bAl(?= &| and)", "AI", text)
    result["department"] = re.sub(r"\bDept$", "Dept.", _without_stray_letter(text))
    confidence["department"] = round(min(p.confidence for p in group) * first.scores["department"], 3)


def _assign_address(
    work: _Work, pieces: list[_Piece], result: dict[str, object], confidence: dict[str, float]
) -> None:
    """The best run of neighbouring address lines, joined, its postal code taken out."""
    postal_line = work.postal[1] if work.postal else None
    runs = _address_runs(work, pieces)
    if not runs:
        if work.postal:
            _set_postal(work, None, result, confidence, 0.5)
        return

    def rank(run: list[_Piece]) -> tuple[bool, float, int]:
        lines = {p.line for p in run}
        # The address is the run at the postal code (on its line or right after it).
        near_postal = postal_line is not None and bool(lines & {postal_line, postal_line + 1})
        return (near_postal, max(p.scores.get("address", 0.0) for p in run), -run[0].line)

    group = max(runs, key=rank)
    start = max(group, key=lambda p: p.scores.get("address", 0.0))
    is_latin = not KANJI_RE.search(start.text)
    for piece in group:
        piece.used = "address"
    joiner = ", " if is_latin else " "
    vertical = not is_latin and any(work.lines[p.line].vertical for p in group)
    texts = [_vertical_block_dashes(p.text) if vertical else p.text for p in group]
    raw = joiner.join(texts)
    address, postal_code, foreign_country = _clean_address(raw, work)
    conf = min(p.confidence for p in group) * start.scores.get("address", 0.5)
    if postal_code and not work.postal:
        result["postal_code"] = postal_code
        confidence["postal_code"] = round(conf, 3)
    if foreign_country:
        result["_country"] = foreign_country
    result["address"] = address
    confidence["address"] = round(conf, 3)
    if work.postal:
        _set_postal(work, address, result, confidence, conf)


def _without_stray_letter(text: str) -> str:
    """A Latin title or department without a lone letter OCR read after it ("Deputy Manager H").

    Roman numerals stay ("Software Engineer I").
    """
    stray = re.search(r"(?<=[a-z]{2}) [A-HJ-UWYZa-z]$", text)
    return text[: stray.start()] if stray and len(text.split()) >= 3 else text


def _address_from_postal_code(result: dict[str, object], confidence: dict[str, float]) -> None:
    """No address read but a Japanese postal code: the area the code stands for, marked doubtful.

    On a blurred photo the postal code often survives where the address line
    is junk; the prefecture, city and town it names (the part shared when it
    covers several towns) are a start the review screen asks to complete.
    """
    code = result.get("postal_code")
    if result.get("address") or not isinstance(code, str) or not re.fullmatch(r"[0-9]{3}-[0-9]{4}", code):
        return
    areas = lookup(code)
    if not areas:
        return
    full = {area.full for area in areas}
    if len(full) == 1:
        text = areas[0].full
    else:
        cities = {area.prefecture + area.city for area in areas}
        text = cities.pop() if len(cities) == 1 else ""
    if text:
        result["address"] = text
        confidence["address"] = _AREA_ONLY


# Confidence of an address that is only the area of its postal code.
_AREA_ONLY = 0.3


def _address_runs(work: _Work, pieces: list[_Piece]) -> list[list[_Piece]]:
    """Runs of consecutive lines that read as one address (at most four lines)."""
    by_line: dict[int, _Piece] = {}
    for piece in pieces:
        if piece.used is not None:
            continue
        # Of several pieces on a line, the one that reads most like an address.
        held = by_line.get(piece.line)
        if held is None or _address_score(piece) > _address_score(held):
            by_line[piece.line] = piece
    starts = sorted(
        (p for p in by_line.values() if p.scores.get("address", 0.0) >= 0.5), key=lambda p: p.line
    )
    runs: list[list[_Piece]] = []
    taken: set[int] = set()
    for first in starts:
        if first.line in taken:
            continue
        latin = not KANJI_RE.search(first.text)
        run = [first]
        line = first.line + 1
        while len(run) < 5:
            nxt = by_line.get(line)
            across = _across_column(work, by_line, run[-1].line, line)
            if nxt is None or (across is not None and _address_score(nxt) < 0.5):
                if across is None:
                    break
                # Two columns: a line of the other column came between two lines of the address.
                run.append(across)
                line += 2
                continue
            more = nxt.scores.get("address", 0.0) >= 0.5 or nxt.scores.get("address_cont", 0.0) >= 0.5
            after = by_line.get(line + 1)
            # A bare town line ("Manchester") followed by its postcode line.
            town = (
                latin
                and re.fullmatch(r"[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2}", nxt.text) is not None
                and after is not None
                and after.scores.get("address", 0.0) >= 0.5
            )
            cont = latin and (_latin_address_cont(nxt.text, work) or _street_like(nxt))
            if not (more or town or cont):
                break
            # A line with a postal code of its own is a second office, not more of this one.
            if _has_postal(work.texts[nxt.line]) and any(_has_postal(work.texts[p.line]) for p in run):
                break
            if latin and set(nxt.scores) & {"company", "title", "name_latin"} and not more:
                break
            run.append(nxt)
            line += 1
        # A Latin address often starts with street and building lines the
        # scorer could not tell: "Sky Building 6F" / "2822-3 Egamiyamachou".
        while latin and len(run) < 5:
            prev = by_line.get(run[0].line - 1)
            if prev is None or prev.line in taken or not _street_like(prev):
                break
            run.insert(0, prev)
        taken.update(p.line for p in run)
        runs.append(run)
    return runs


_BLOCK_RUN = re.compile(r"(?<=[町目地丁村字\s])([0-9]{4,8})(?![0-9F階号])")


def _across_column(work: _Work, by_line: dict[int, _Piece], last: int, skip: int) -> _Piece | None:
    """The address piece right after line ``skip`` if ``skip`` belongs to another column, else None.

    The piece after it must be set flush with the address's last line, and
    the skipped line apart from both (left or right of them).
    """
    after = by_line.get(skip + 1)
    if after is None or _address_score(after) < 0.5 or skip >= len(work.lines):
        return None
    a, s, b = work.lines[last].box, work.lines[skip].box, work.lines[skip + 1].box
    if any(work.lines[i].vertical for i in (last, skip, skip + 1)):
        return None
    flush = abs(a.left - b.left) <= 2 * max(work.lines[last].glyph_size, work.lines[skip + 1].glyph_size, 1)
    apart = s.left + s.width < min(a.left, b.left) or s.left > max(a.left + a.width, b.left + b.width)
    return after if flush and apart else None


def _vertical_block_dashes(text: str) -> str:
    """ "稲荷町 312819" → "稲荷町3-28-9": dashes of a vertical block number read as "1".

    Set vertically, the dashes of 丁目-番-号 are thin strokes Tesseract reads
    as "1". A run of four or more digits after the town is split at the "1"s
    that leave two or three groups of one or two digits; when more than one
    choice does, the run is left as read.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(1)
        ones = [i for i, ch in enumerate(run) if ch == "1" and 0 < i < len(run) - 1]
        found: set[str] = set()
        for k in (1, 2):
            for combo in itertools.combinations(ones, k):
                if any(b - a < 2 for a, b in itertools.pairwise(combo)):
                    continue
                groups = _cut(run, combo)
                if all(1 <= len(g) <= 2 and not g.startswith("0") for g in groups):
                    found.add("-".join(groups))
        return found.pop() if len(found) == 1 else run

    return _BLOCK_RUN.sub(fix, text)


_LONG_DIGITS = re.compile(
    r"(?:(?P<plus>\+\s?81\s?(?:\(0\)\s?)?)|\((?P<area>0[0-9]{1,4})\)\s?)?(?P<run>[0-9]{6,14})(?![0-9])"
)


def _vertical_phone_dashes(text: str) -> str:
    """ "+81115157114694" → "+81 15-571-4694": the dashes of a number set down a 縦書き card read as "1".

    A run of digits that is no valid Japanese number is cut at "1"s (never
    two side by side) so that it becomes one; the cuts must fall exactly where
    the standard grouping of that number puts its dashes, and only one number
    may come out, or the run is left as read.
    """

    def fix(match: re.Match[str]) -> str:
        plus, area, run = match.group("plus"), match.group("area"), match.group("run")
        prefix = "+81" if plus else area or ""
        if (not prefix and len(run) < 10) or _valid_jp(prefix + run):
            return match.group(0)
        ones = [i for i, ch in enumerate(run) if ch == "1" and (i > 0 or plus) and i < len(run) - 1]
        found: set[str] = set()
        for k in (1, 2, 3):
            for combo in itertools.combinations(ones, k):
                if any(b - a < 2 for a, b in itertools.pairwise(combo)):
                    continue
                national = _valid_jp(prefix + "".join(ch for i, ch in enumerate(run) if i not in combo))
                dashes = _dash_positions(national, plus=bool(plus), area=area, cut=combo) if national else []
                if national and list(combo) == dashes:
                    found.add(national)
        if len(found) != 1:
            return match.group(0)
        national = found.pop()
        if plus:
            return "+81 " + national[1:]
        return f"({area}){national[len(area) + 1:]}" if area else national

    return _LONG_DIGITS.sub(fix, text)


def _valid_jp(digits: str) -> str | None:
    """The national format ("015-571-4694") of a valid Japanese number, else None."""
    try:
        number = phonenumbers.parse(digits, "JP")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 81 or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _dash_positions(national: str, *, plus: bool, area: str | None, cut: tuple[int, ...]) -> list[int]:
    """Where the dashes of ``national`` stand in the digit run as read, each dash read as a "1".

    After "+81" (``plus``) the trunk 0 is not printed and a dash may follow
    "+81" itself; after a bracketed ``area`` code the run starts with the
    second group. An impossible grouping gives no positions.
    """
    groups = [len(g) for g in re.findall(r"[0-9]+", national)]
    if area:
        if groups[0] != len(area):
            return []
        groups = groups[1:]
    elif plus:
        groups[0] -= 1
    lead = plus and 0 in cut
    positions, pos = ([0], 1) if lead else ([], 0)
    for size in groups[:-1]:
        pos += size
        positions.append(pos)
        pos += 1
    return positions


def _cut(run: str, at: tuple[int, ...]) -> list[str]:
    """``run`` split at the positions ``at``, the characters there dropped."""
    groups, start = [], 0
    for i in at:
        groups.append(run[start:i])
        start = i + 1
    groups.append(run[start:])
    return groups


def _has_postal(text: str) -> bool:
    return "〒" in text or _JP_POSTAL_BARE.search(text) is not None


def _address_score(piece: _Piece) -> float:
    return max(piece.scores.get("address", 0.0), piece.scores.get("address_cont", 0.0))


def _street_like(piece: _Piece) -> bool:
    if set(piece.scores) & {"company", "title", "name_latin", "department", "name_ja"}:
        return False
    text = piece.text
    return bool(
        re.match(r"^\d+[\w-]*,?\s+\w", text)
        or re.search(r"\w\s+\d[\d-]*[a-zA-Z]?$", text)
        or re.search(r"\b(?:Bldg\.?|Building|Tower|Center|Centre|House|Plaza|Suite|Level|Floor)\b", text)
    )


def _latin_address_cont(text: str, work: _Work) -> bool:
    if re.fullmatch(r"#?\s?\d+[-/_]\d+[A-Z]?|(?:Level|Floor|Suite|Unit|Ste\.?)\s+\w+.*", text, re.IGNORECASE):
        return True
    return bool(
        _looks_like_latin_address(text) >= 0.5
        or re.fullmatch(r"[A-Z][A-Za-z .'-]+,\s*[A-Z][A-Za-z .'-]+", text)
        and not latin_name_score(text) >= 0.7
    )


_CJK_SPACE_CJK = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff]) +(?=[\u3040-\u30ff\u3400-\u9fff])")
# "日本生命ビル2 5F": a floor number split by OCR right after the building's name.
_SPLIT_FLOOR = re.compile(r"(?<=[\u30a1-\u30fa\u30fc館棟][0-9]) (?=[0-9]\s?(?:F|階)(?![0-9]))")


def _repair_ja_address(text: str) -> str:
    """Spaces and glyphs OCR got wrong in a normalised Japanese address (a card never prints them)."""
    # "小松島市 和田島町3-1": a space between the kanji of prefecture, city and town.
    digit = re.search(r"[0-9]", text)
    head = text[: digit.start()] if digit else text
    text = _CJK_SPACE_CJK.sub("", head) + text[len(head) :]
    text = _SPLIT_FLOOR.sub("", text)
    # "第5NBF ビル": a space between a Latin name and the katakana of a building.
    text = re.sub(r"(?<=[A-Z]{2}) (?=(?:ビル|タワー|センター|ビルディング|プラザ))", "", text)
    # "16障": 階 read as 障 (the same 阝 beside a similar right half) after a floor number.
    return re.sub(r"(?<=[0-9])障(?=\s|$)", "階", text)


def _clean_address(raw: str, work: _Work) -> tuple[str, str | None, str | None]:
    """Take the postal code out of an address; return (address, postal code, country)."""
    text = ADDRESS_LABEL_RE.sub("", raw)
    if KANJI_RE.search(text):
        # "九」目": 丁 read as a corner bracket or a J before 目.
        text = re.sub(r"(?<=[0-9一二三四五六七八九十])[」亅J](?=目)", "丁", text)
        # "2-4.16", "23.20", "15'6", "1,'16、24": the dashes of a block number read as dots or commas.
        text = re.sub(r"(?<=[0-9])\s?[.,'’、・]{1,2}\s?(?=[0-9])", "-", text)
        pref = PREFECTURE_RE.search(text)
        # "a 北海道...", "TM, 回愛知県...": scraps of icons before the prefecture.
        words_before = pref and re.search(r"[\u3400-\u9fff\u30a1-\u30fa]{2}", text[: pref.start()])
        if pref and 0 < pref.start() <= 8 and not words_before:
            text = text[pref.start() :]
        return _repair_ja_address(normalize_address(text)), None, "JP" if pref else None
    text = _repair_german(text)
    text = re.sub(r"(?<=[0-9])_(?=[0-9])", "-", text)  # "#28_06": a dash read as an underscore
    # A country line OCR placed inside the run ("17, rue de Rivoli, France, 13050 Marseille").
    parts = [p.strip() for p in text.split(",")]
    inner = [p for p in parts[:-1] if COUNTRY_NAMES.get(p.lower().rstrip(".")) is not None]
    if len(inner) == 1:
        parts.remove(inner[0])
        parts.append(inner[0])
        text = ", ".join(parts)
    postal: str | None = None
    country: str | None = None
    zip_match = None
    for match in US_ZIP_RE.finditer(text):
        if match.group(1) in US_STATES:
            zip_match = match
    if zip_match:
        postal, country = zip_match.group(2), "US"
        text = text[: zip_match.start(2)] + text[zip_match.end(2) :]
    elif (m := CA_POSTCODE_RE.search(text)) is not None:
        postal, country = f"{m.group(1)} {m.group(2)}", "CA"
        text = text[: m.start()] + text[m.end() :]
    elif (m := UK_POSTCODE_RE.search(text)) is not None:
        inward = m.group(2).replace("O", "0", 1) if m.group(2)[0] == "O" else m.group(2)
        postal, country = normalize_postal_code(f"{m.group(1)} {inward}", country="GB"), "GB"
        text = text[: m.start()] + text[m.end() :]
    elif (m := AU_POSTCODE_RE.search(text)) is not None:
        postal, country = m.group(2), "AU"
        text = text[: m.start(1)] + m.group(1).upper() + text[m.end(2) :]
    elif (m := SG_POSTCODE_RE.search(text)) is not None:
        postal, country = m.group(1), "SG"
        text = text[: m.start(1)] + text[m.end(1) :]
    elif (m := EU_POSTCODE_RE.search(text)) is not None:
        postal = m.group(1)
        text = text[: m.start(1)] + text[m.end(1) :].lstrip()
    named = _country_in(text)
    if named:
        country = named
        # The country line is not part of the postal address people store
        # (but a city state's name is also its city).
        if named not in ("SG", "HK", "MC"):
            text = COUNTRY_NAME_RE.sub("", text.strip().rstrip(" ,")).strip(" ,")
    text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", text)
    text = re.sub(r"\s+,", ",", text)
    return normalize_address(text).strip(" ,"), postal, country


# "Schillerstraße" as OCR reads its ß: "SchillerstraBe", "Kaiserstralse", "HauptstraSe", "Hauptstral2e".
_STRASSE = re.compile(r"(?<=[a-zäöü])stra(?:B|ls|l3|l2|S|13|f|b)e\b|\bStra(?:B|ls|l3|l2|S|13|f|b)e\b")
#: Cities whose umlaut OCR drops more often than any other word of a German address.
_UMLAUT_CITIES: Final = {
    "Munchen": "München",
    "Koln": "Köln",
    "Dusseldorf": "Düsseldorf",
    "Nurnberg": "Nürnberg",
    "Zurich": "Zürich",
    "Lubeck": "Lübeck",
    "Wurzburg": "Würzburg",
    "Gottingen": "Göttingen",
    "Munster": "Münster",
    "Saarbrucken": "Saarbrücken",
    "Osnabruck": "Osnabrück",
    "Tubingen": "Tübingen",
    "Furth": "Fürth",
    "Monchengladbach": "Mönchengladbach",
    "Gutersloh": "Gütersloh",
}


def _repair_german(text: str) -> str:
    """Restore the ß of "-straße" and the umlaut of a well-known city that OCR lost."""
    text = _STRASSE.sub(lambda m: "Straße" if m.group(0)[0] == "S" else "straße", text)
    return re.sub(r"\b[A-Z][a-z]+\b", lambda m: _UMLAUT_CITIES.get(m.group(0), m.group(0)), text)


def _set_postal(
    work: _Work, address: str | None, result: dict[str, object], confidence: dict[str, float], conf: float
) -> None:
    assert work.postal is not None
    code, _line, code_conf = work.postal
    check = check_address(code, address)
    result["postal_code"] = check.postal_code
    if address is not None:
        result["address"] = check.address
    if check.confirmed:
        confidence["postal_code"] = round(max(code_conf, 0.9) * 0.98, 3)
        if address is not None:
            confidence["address"] = round(min(1.0, max(conf, 0.9)), 3)
    else:
        confidence["postal_code"] = round(code_conf * (0.7 if check.known_code else 0.4), 3)
        if address is not None:
            confidence["address"] = round(conf * 0.8, 3)


def _country(work: _Work, result: dict[str, object]) -> str | None:
    """The card's country: postal code, address, +CC of the numbers, legal form, web domain, script."""
    if result.get("postal_code") and re.fullmatch(r"[0-9]{3}-[0-9]{4}", str(result["postal_code"])):
        return "JP"
    if isinstance(result.get("_country"), str):
        return str(result["_country"])
    address = result.get("address")
    if isinstance(address, str):
        if PREFECTURE_RE.search(address):
            return "JP"
        named = _country_in(address)
        if named:
            return named
    # Numbers printed with +CC, all agreeing.
    ccs = {region_of_e164(p.e164) for p, _c, _v in work.phones}
    printed = [
        str(phonenumbers.region_code_for_country_code(int(m.group(1))))
        for text in work.texts
        for m in _CC_RE.finditer(repair_phone_text(text))
    ]
    if printed and len(set(printed)) == 1 and printed[0] != "ZZ":
        if printed[0] == "US":
            # +1 is shared by the US, Canada and the Caribbean: ask the number.
            nanp = {_nanp_region(p.e164) for p, _c, _v in work.phones}
            if len(nanp) == 1 and None not in nanp:
                return nanp.pop()
        return printed[0]
    legal = _legal_form_country(work)
    if legal:
        return legal
    cctld = _cctld_country(work)
    if cctld:
        return cctld
    if len(ccs) == 1 and work.phones and any(KANJI_RE.search(t) for t in work.texts):
        only = ccs.pop()
        return str(only) if only and only != "ZZ" else None
    if len(ccs) == 1 and work.phones and all(valid for _p, _c, valid in work.phones):
        # Numbers valid only as one country's ("(312) 352-9610") name it, weakly.
        only = ccs.pop()
        return str(only) if only else None
    if (
        any(KANJI_RE.search(t) or KANA_RE.search(t) for t in work.texts)
        and result.get("name")
        and (" " in str(result["name"]) and KANJI_RE.search(str(result["name"])))
    ):
        return "JP"
    return None


def _leftover(pieces: list[_Piece]) -> tuple[str, ...]:
    """Every piece no field took (taglines, logo text, a second office), in reading order."""
    return tuple(p.text for p in sorted(pieces, key=lambda p: p.line) if p.used is None)


_FREE_MAIL: Final = frozenset(
    {
        "gmail",
        "yahoo",
        "hotmail",
        "outlook",
        "live",
        "icloud",
        "me",
        "aol",
        "gmx",
        "web",
        "mail",
        "protonmail",
        "proton",
        "qq",
        "naver",
        "docomo",
        "ezweb",
        "softbank",
        "nifty",
        "biglobe",
        "ocn",
    }
)


def _company_from_top(pieces: list[_Piece]) -> _Piece | None:
    """A short unclaimed line at the very top: where cards print the company (or its logo)."""
    top = [
        p
        for p in pieces
        if p.used is None
        and p.line <= 1
        and 1 <= len(p.text.split()) <= 4
        and not re.search(r"[0-9@:]", p.text)
        and not TAGLINE_HINTS.search(p.text)
        and max(p.scores.values(), default=0.0) < 0.5
        # Two letters, or a line OCR doubts, is a scrap of the logo, not its name.
        and p.confidence >= _DOUBTFUL_LINE
        and len(re.findall(r"[^\W\d_]", p.text)) >= 3
        # Kana a Latin logo was misread as ("ューデー . ーー") is no name either, nor a web address's remains.
        and not re.search(r"ーー|ー\s|^[ァィゥェォャュョッー]", p.text)
        and not re.search(r"(?i)\b(?:www|https?|url|web|com|jp)\b", p.text)
    ]
    if not top:
        return None
    # A logo is often set in capitals; the printed name next to it is not.
    return min(top, key=lambda p: (p.text.isupper(), p.line))


# A leading legal form with a glyph or two of a logo read before it ("N(株)ネクスト不動産",
# "‘O)(株)関西化学"): the form starts the name when more of it follows than precedes.
_SPECK_BEFORE_FORM = re.compile(
    r"^(?P<speck>[^\s]{1,3}?)\s*(?P<form>\(株\)|" + "|".join(f for f in LEGAL_FORMS_JA if len(f) >= 4) + r")"
)


# Capitals one by one, a space between each ("A B C").
_SPACED_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z](?: [A-Z](?![A-Za-z]))+")
# Latin legal forms as printed, by their reading in small letters ("Falcon Labs inc").
_SMALL_FORMS = {"inc": "Inc", "ltd": "Ltd", "llc": "LLC", "corp": "Corp", "gmbh": "GmbH"}
_SMALL_FORM = re.compile(rf"(\b[A-Z][a-z]+ )({'|'.join(_SMALL_FORMS)})(\.?)$")


@functools.lru_cache(maxsize=4096)
def _tidy_company(text: str) -> str:
    """OCR debris at the ends of a company name and the commonest slips of its legal form.

    "般社団法人…" lost its 一; "CO., Ltd." is "Co., Ltd."; "Pty. L" was cut
    inside "Ltd."; "lronbark" is "Ironbark"; junk read after a
    Latin legal form ("Pte. Ltd. のの") or Latin debris with digits or signs
    after a Japanese name ("…不動産 2WWVXWocek", "…薬品 E+ SEO") goes.
    """
    text = re.sub(r"^(般(?:社団|財団)法人)", r"一\1", text)
    # "(株)A B C薬品": capitals of a Japanese name read apart (seed 229 #38).
    if _has_japanese(text):
        text = _SPACED_CAPITALS.sub(lambda m: m.group().replace(" ", ""), text)
    # "ソレイコユ建設株式会社": a kana of big print read twice.
    text = without_kana_read_twice(text)
    # "ゲローバル建設", "ソレイコ建設株式会社": a katakana glyph read as its lookalike.
    text = with_katakana_lookalikes_mended(text)
    # "合同会社アクシスシステムーー": a rule after the name read as long-vowel marks (seed 307 #140);
    # センター keeps its own.
    text = without_marks_after_word(text)
    # "瑞穂建建設": the first glyph of a word of firms' names read twice (seed 277 #11).
    for word in _ORG_WORDS_TWICE:
        if word[0] + word in text and not is_dictionary_word(word[0] * 2):
            text = text.replace(word[0] + word, word)
    # "株式会社ABC こソリューションズ": a speck read as a kana between Latin and katakana (#155).
    text = re.sub(r"(?<=[A-Z]) ?[\u3041-\u3096](?<![のとや])(?=[\u30a1-\u30fa]{3})", "", text)
    text = re.sub(r"\bCO\.,? (?=Ltd\.)", "Co., ", text)
    # "Kestrel Networks CO.": a capital O after capitalised words, as no one prints it.
    text = re.sub(r"(\b[A-Z][a-z]{2,} )CO\.$", r"\1Co.", text)
    # "Co,, Ltd": the dots of the commonest form misread.
    text = re.sub(r"\bCo[.,]{1,2} ?Ltd\.?$", "Co., Ltd.", text)
    # "有限会社昭和化学7": a digit read after a Japanese name that has its legal form.
    if contains_any(text, LEGAL_FORMS_JA):
        text = re.sub(r"(?<=[\u4e00-\u9fff])[0-9]$", "", text)
    # "Juniper Phe, Ltd": the t of Singapore's "Pte." read as h, i or l; "Studio S ARL".
    # (With its stop or comma: "Apple Pie Ltd." is a pie.)
    text = re.sub(r"\bP[hil]e[.,](?= ?Ltd[.,]?$)", _pte, text)
    text = re.sub(r"(?<= )S ARL$", "SARL", text)
    # "Falcon Capital pty. Ltd.", "Keystone Studio Pty, Ltd.": a capital read small, a full stop as a comma.
    text = re.sub(r"\b[Pp](t[ey])[.,](?= Ltd\.?$)", r"P\1.", text)
    text = re.sub(r"\bPry(?=\.? Ltd\.?$)", "Pty", text)  # "Stonebridge Labs Pry Ltd."
    # "Pty. L", "Co., Lt": the end of the line cut off inside "Ltd."
    text = re.sub(r"\b(Pty\.?|Co\.,?) Lt?\.?$", lambda m: f"{m.group(1)} Ltd.", text)
    # "lronbark": a capital I read as l before a consonant, which no word starts with.
    text = re.sub(r"\bl(?=[bcdfghkmnpqrstvwxz][a-z])", "I", text)
    # (Glued on, too: "Pty Ltdの", seed 193 #22.)
    latin_form = re.search(r"(?:Ltd|Inc|LLC|GmbH|Pte|Corp|Co)\.?(?=\s*[^\x00-\x7f\s]+$)", text)
    if latin_form and LEGAL_FORM_LATIN_RE.search(text[: latin_form.end()]):
        text = text[: latin_form.end()]
    # "有限会社Jテック不動産ffっcr": small Latin letters and kana mixed, glued after the name.
    glued = re.search(r"(?<=[\u30a0-\u30ff\u4e00-\u9fff])[a-z\u3041-\u3096]{2,6}$", text)
    mixed = glued is not None and bool(re.search(r"[a-z]", glued.group()) and KANA_RE.search(glued.group()))
    if glued and mixed and contains_any(text[: glued.start()], LEGAL_FORMS_JA):
        text = text[: glued.start()]
    debris = re.search(r"(?<=[\u3040-\u30ff\u4e00-\u9fff)])(?:\s+[\x21-\x7e]+)+$", text)
    if debris and contains_any(text, LEGAL_FORMS_JA) and re.search(r"[0-9+*#@%&=~^|]", debris.group(0)):
        text = text[: debris.start()]
    text = _FOUNDED.sub("", _without_tagline_ja(text))
    if _mostly_ascii(text):
        text = text.replace("、", ",").replace("。", ".")
        text = _LOGO_STROKES.sub("", text)
        text = _ORG_WORD_SLIP.sub(_org_word, _LOGO_SPECK.sub("", _LOGO_LETTER.sub("", text)))
        # "一sakura Chemical Inc.": a logo's bar read as 一 took the capital's place.
        if _LOGO_BAR.match(text):
            text = _LOGO_BAR.sub("", text)
            text = text[0].upper() + text[1:]
        # "Helix Media COrD.": the p of Corp. read as a D, mixed case as no one prints it.
        text = _CORP_SLIP.sub(lambda m: m.group() if m.group() in ("Corp.", "CORP.") else "Corp.", text)
        # "Falcon Labs inc": a legal form in small letters after capitalised words, as no one prints it.
        text = _SMALL_FORM.sub(lambda m: m.group(1) + _SMALL_FORMS[m.group(2)] + m.group(3), text)
        end = _LATIN_FORM_THEN.search(text)
        if end and (_SENTENCE.search(end.group("tail")) or not re.search(r"[A-Za-z]", end.group("tail"))):
            text = text[: end.end("form")]
        text = _STOP_FOR_COMMA.sub(",", text)
        # 'Quantum Software Pty. Ltd:""""s"""""': quotes of a rule glued after the form's stop.
        text = _QUOTES_AFTER_FORM.sub(r"\1.", text)
    return text


# Words a Japanese company's name ends with, beyond those that tell a line is a company's.
_NAME_ENDINGS_JA = (
    *ORG_WORDS_JA, "コンサルティング", "エンジニアリング", "テクノロジー", "デザイン", "サービス",
    "ソフト", "企画", "開発", "薬品", "精機", "製作", "広告", "商社", "設計", "工房",
)


def _ends_like_company_name(text: str) -> bool:
    """Whether ``text`` is four glyphs or more and ends with a word Japanese companies' names end with."""
    text = text.strip()
    return len(text) >= 4 and text.endswith(_NAME_ENDINGS_JA)


def _without_tagline_ja(text: str) -> str:
    """A Japanese company without the tagline read after it on its line.

    "株式会社ひまわり不動産お客様の笑顔のために": the name ends with the last word
    names end with (不動産) before the tagline's first telling word (笑顔).
    """
    form = contains_any(text, LEGAL_FORMS_JA)
    latin = _LATIN_TAGLINE_AFTER_JA.search(text)
    slogan = latin is not None and _SENTENCE.search(latin.group()) is not None
    if form is not None and latin is not None and slogan and text.index(form) < latin.start():
        # "(株)ヤマト薬品Think Different, Act Local.": an English slogan read glued to the name
        # (seeds 347 #42, 359 #58); not "株式会社ABC Holdings", a name in capitals.
        return text[: latin.start()]
    if form is not None and text.index(form) > 0:
        # A legal form after the name ends it: "エコー精機(株)地域とともに歩む" (a sentence after it).
        end = text.index(form) + len(form)
        # (Not a name in hiragana that ends as names do: "今(株)みらいコンサルティング".)
        if len(re.findall(r"[\u3041-\u3096]", text[end:])) >= 3 and not _ends_like_company_name(text[end:]):
            return text[:end]
        # ... or a tagline's telling words: "三協テクノロジー(株)ISO 9001認証取得".
        if TAGLINE_HINTS.search(text[end:]):
            return text[:end]
    if form is not None and text.startswith(form):
        # "株式会社ユニオン化学環境にやさしいものづくり": a phrase in hiragana after a word names end with;
        # "株式会社光輝ソリューションズ食業1952征": a year (創業1952年, misread) after one.
        ends = sorted(m.end() for word in _NAME_ENDINGS_JA for m in re.finditer(re.escape(word), text))
        for end in ends:
            if end > len(form) and len(re.findall(r"[\u3041-\u3096]", text[end:])) >= _TAGLINE_KANA:
                return text[:end]
        digit = re.search(r"[0-9]", text)
        dated = [end for end in ends if digit and len(form) < end <= digit.start()]
        if dated and _JA_GLYPH.search(text[max(dated) :]):
            return text[: max(dated)]
    tagline = TAGLINE_HINTS.search(text) or re.search(r"[、。]", text)
    if form is None or tagline is None:
        return text
    head = text[: tagline.start()]
    ends = [head.rindex(word) + len(word) for word in _NAME_ENDINGS_JA if word in head]
    cut = max(ends, default=0)
    return text[:cut] if cut > text.index(form) + len(form) else text


# Latin words of two or more after Japanese print, to the end of the line.
_LATIN_TAGLINE_AFTER_JA = re.compile(
    r"(?<=[\u3040-\u30ff\u4e00-\u9fff])\s*[A-Za-z][A-Za-z']*(?:[ ,.!&-]+[A-Za-z][A-Za-z']*)+[.!]?$"
)
# Hiragana after the end of a company's name that make a phrase, not more of the name.
_TAGLINE_KANA = 4
_JA_GLYPH = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")
# "創業1952年", "Since 1987" read on the company's line: a tagline, not the name.
_FOUNDED = re.compile(r"\s*(?:創業|設立|[Ss]ince|Est\.|[Ee]stablished)\s*\d{4}\s*年?$")
# Specks of a logo read before a Latin name: signs, a lone accented capital, a kana or two
# ("€ Ironbark", "À Pinecrest", "どど Juniper", "〆 Cobalt", "gil] Blackwood").
_LOGO_SPECK = re.compile(
    r"^(?:(?:[^\w\s]|\([^\w\s]{1,2}\)|[À-ÖØ-Þ]|[\u3000-\u30ff]{1,3}|[a-z]{1,3}[^\w\s]+)\s+)+(?=[A-Za-z])"
)
# A logo read as a lone capital before the name: its initial ("A Atlas GmbH") or a ring ("O Harbor").
_LOGO_LETTER = re.compile(r"^(?:(?P<initial>[A-Z])\s+(?=(?P=initial)[a-z])|O\s+(?=[A-Z][a-z]))")
_LOGO_BAR = re.compile(r"^[一ー—–]\s*(?=[a-z]+\s+[A-Z])")
# A logo of upright bars read as strokes before the name: "alll Meridian Energy Corp.".
# (Not "III Holdings": capital I's alone may be a numeral.)
_LOGO_STROKES = re.compile(r"^[A-Za-z]?(?=[lI1|!]*[l1|!])[lI1|!]{3,}\s+(?=[A-Z])")
_CORP_SLIP = re.compile(r"(?<=\s)C[O0o][rR][DdPp]\.(?=\s|$)")
# "Northwind Media. LLC": the comma before a legal form read as a full stop.
# (After a word of four small letters or more, so not "Co." or "Bros.": "Cobalt Health . Inc.")
_STOP_FOR_COMMA = re.compile(r"(?<=[a-z]{4})(?:\.| [.,])(?= (?:LLC|Inc\.?|Ltd\.?|LLP|Pty\.? Ltd\.?)$)")
_QUOTES_AFTER_FORM: Final = re.compile(r"\b(Ltd|Inc|Corp)[.:;,]?(?=[\"'`“”])\S*$")
_COMMA_ENDING_FORM: Final = re.compile(r"\b(Ltd|Inc|Corp)\s?,$")
# A Latin legal form with something after it on the line.
_LATIN_FORM_THEN = re.compile(
    r"\b(?P<form>(?:Ltd|Inc|LLC|LLP|GmbH|Pte\. Ltd|Pty\. Ltd|Corp|S\.A|SARL|plc|AG)\.?)(?P<tail>\s+\S.*)$"
)
# A tagline: lower-case words, or a comma ("Building tomorrow, today.").
_SENTENCE = re.compile(r"(?:^|\s)[a-z]{4,}\b|,")


# Latin words long enough that one glyph off a word of organisations' names is a slip
# ("Yamabiko Hdldings LLC"), not another word.
_ORG_WORD_SLIP = re.compile(r"\b[A-Za-z]{7,}\b")
_ORG_WORDS_BY_LENGTH: dict[int, tuple[str, ...]] = {
    length: tuple(word.lower() for word in ORG_WORDS_LATIN if len(word) == length)
    for length in {len(word) for word in ORG_WORDS_LATIN}
}


def _org_word(match: re.Match[str]) -> str:
    """A word one misread glyph off exactly one word of organisations' names, spelt as that word."""
    word = match.group(0)
    lower = word.lower()
    same_length = _ORG_WORDS_BY_LENGTH.get(len(word), ())
    if lower in same_length:
        return word
    near = [w for w in same_length if sum(a != b for a, b in zip(w, lower, strict=True)) == 1]
    if len(near) != 1:
        return word
    if word.isupper():
        return near[0].upper()
    return near[0].capitalize() if word[0].isupper() else near[0]


def _mostly_ascii(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.8 * len(letters)


def _without_speck_before_form(text: str) -> str:
    """``text`` without the speck read before its leading legal form."""
    match = _SPECK_BEFORE_FORM.match(text)
    if match is None or len(text) - match.end() < 2:
        return text
    # One kanji may be a name before a short form ("林(株)"); a long form such as
    # 一般社団法人 starts the name ("今一般社団法人瑞穂ソフト開発協会": a speck), and so
    # does a short one before a name of its own ("今(株)みらいコンサルティング").
    named_after = _ends_like_company_name(text[match.end() :])
    if KANJI_RE.search(match.group("speck")) and len(match.group("form")) < 5 and not named_after:
        return text
    return text[match.start("form") :]


def _join_broken_company(company: _Piece, pieces: list[_Piece]) -> str:
    """A company whose piece is its legal form alone, joined with the rest of its name on the next line.

    "Yamato Manufacturing" / "Co., Ltd.", "株式会社" / "サンプル商事": the
    neighbouring line no other field took, in the same script, completes it
    (the line before a Latin form; either side of a Japanese one, the side
    that reads as a company first).
    """
    text = company.text
    form = contains_any(text, LEGAL_FORMS_JA)
    japanese = form is not None
    rest = text.replace(form, "") if form else LEGAL_FORM_LATIN_RE.sub("", text)
    if re.search(r"[^\W\d_]", rest):
        return text

    def free(piece: _Piece) -> bool:
        others = {k for k, v in piece.scores.items() if v >= 0.5} - {"company", "name_latin", "reading"}
        return piece.used is None and not others and _has_japanese(piece.text) == japanese

    before = [p for p in pieces if p.line == company.line - 1 and free(p)]
    after = [p for p in pieces if p.line == company.line + 1 and free(p)] if japanese else []
    options = [(p, True) for p in before[-1:]] + [(p, False) for p in after[:1]]
    if not options:
        return text
    piece, first = max(options, key=lambda o: (o[0].scores.get("company", 0.0), o[1]))
    piece.used = "company"
    joiner = "" if japanese else " "
    return piece.text + joiner + text if first else text + joiner + piece.text


def _with_host_start_before(text: str, company: _Piece, pieces: list[_Piece], work: _Work) -> str:
    """A Japanese company's first word, split off its line as another piece, back where the host spells it.

    "昭和 | システム株式会社" at showa-system.jp (seed 229 #74): Tesseract put
    the box of 昭和 on the logo before it, so the gap to the rest looked like
    a column's. The piece just before the company on its line, kanji no field
    took, goes back when the dictionary reads it as the start of the card's
    e-mail or web host.
    """
    if not _has_japanese(text):
        return text
    on_line = [p for p in pieces if p.line == company.line]
    at = next((i for i, p in enumerate(on_line) if p is company), 0)
    if at == 0:
        return text
    before = on_line[at - 1]
    if before.used is not None or not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", before.text):
        return text
    reading = dictionary_reading(before.text)
    labels = [label.replace("-", "") for label in _host_labels(work)]
    spellings = _host_spellings(romaji_of(reading)) if reading else frozenset()
    if not any(len(spelt) >= 3 and label.startswith(spelt) for label in labels for spelt in spellings):
        return text
    before.used = "company"
    return before.text + text


def _with_rest_of_row(text: str, company: _Piece, pieces: list[_Piece], work: _Work) -> str:
    """A Japanese company name with the rest of it read as a line of its own just after it on its row.

    "(株 ) サ" and "ンプル広告": the band reader read the big glyphs of the name
    apart from the rest. Only a piece no field took, in Japanese, starting
    within half a glyph of the company's end and sharing its row, after a
    name that does not end with its legal form.
    """
    if not _has_japanese(text) or text.endswith(LEGAL_FORMS_JA):
        return text
    box = work.lines[company.line].box
    # (Down a 縦書き card's column: "ママ" of a rule beside the name is in the next column, seed 347 #33.)
    vertical = work.lines[company.line].vertical
    for piece in pieces:
        other = work.lines[piece.line].box
        # (How far the line starts past the company's end, and how much the two share across it.)
        if vertical:
            gap, glyph = other.top - box.bottom, box.width
            overlap = min(box.right, other.right) - max(box.left, other.left)
            across = min(box.width, other.width)
        else:
            gap, glyph = other.left - box.right, box.height
            overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
            across = min(box.height, other.height)
        if (
            piece is not company and piece.used is None and piece.line != company.line
            and _has_japanese(piece.text) and not piece.text.startswith(LEGAL_FORMS_JA)
            and -2 <= gap <= 0.5 * glyph and overlap >= 0.6 * across
            and max(piece.scores.values(), default=0.0) < 0.5
        ):
            piece.used = "company"
            return text + piece.text
    return text


def _domain_cores(work: _Work) -> list[str]:
    """The registrable names of the card's e-mail and web domains ("showafoods"), free mail left out."""
    hosts = [e.split("@", 1)[1] for e, _c in work.emails] + [_host_of(u) for u, _c in work.urls]
    cores: list[str] = []
    for host in hosts:
        core = re.sub(r"[^a-z0-9]", "", _host_label(host))
        if len(core) >= 3 and core not in _FREE_MAIL:
            cores.append(core)
    return cores


def _fit_domains_to_company(company: str, work: _Work) -> None:
    """E-mail and web hosts one glyph off a Latin company's printed name take its spelling.

    "charlotte.campbell@northwindiabs.com" beside "Northwind Labs Corp.": the
    host is the name, l read as i. Only when the name's word the host misspells
    is a word of organisations' names (Labs) and a glyph of it was misread, or
    when another host of the card is misread otherwise ("mapileconsulting" and
    "mapleconsultng" beside "Maple Consulting"): the big print of the name is
    read more surely than the small print of the addresses, but the addresses
    may be right ("showafoods" twice beside "Showaloods"; see
    :func:`_fit_company_to_domain`).
    """
    if _has_japanese(company):
        return
    form = LEGAL_FORM_LATIN_RE.search(company)
    words = re.findall(r"[A-Za-z0-9]+", company[: form.start()] if form else company)
    spellings = {"".join(words).lower(), "-".join(words).lower()}
    if len(min(spellings, key=len)) < 6:
        return
    labels = _host_labels(work)

    def fixed(label: str) -> str:
        for spelt in spellings:
            if Levenshtein.distance(label, spelt) != 1:
                continue
            misspelt = [w for w in words if w.lower() not in label]
            # (A glyph misread, not one added or lost: "granitelab" may be the firm's own.)
            org_word = len(label) == len(spelt) and bool(misspelt) and all(
                w.lower() in _ORG_WORDS_LOWER for w in misspelt
            )
            other_slip = any(
                other not in (label, spelt) and Levenshtein.distance(other, spelt) == 1 for other in labels
            )
            if org_word or other_slip:
                return spelt
        return label

    _relabel_hosts(work, fixed)


_ORG_WORDS_LOWER: Final = frozenset(word.lower() for word in ORG_WORDS_LATIN)
# What follows the name in a Japanese firm's domain ("toanetworks", "fuji-foods"), besides the
# romaji of the rest of its name ("mizuhoseiki") and words of organisations' names.
_DOMAIN_TAILS: Final = frozenset(loose_romaji(word) for word in _ORG_WORDS_LOWER | {
    "hd", "tech", "soft", "net", "sys", "system", "foods", "food", "chem", "design", "corp", "inc",
})


def _fit_japanese_company_to_domains(company: str, work: _Work, sure: frozenset[str] = frozenset()) -> str:
    """The first word of a Japanese company's name respelt as its domain spells it, when one glyph off.

    "量士食品株式会社" at fuji-foods.co.jp: 量士 is one glyph off 富士, the
    word the dictionary reads fuji, and the rest of the name (食品) is a word.
    The name's first run of kanji, or a start of it before a word, takes the
    commonest spelling of the domain's word that is one glyph off (東四 at
    toanetworks is 東亜) or has one glyph more (輝 at koki-system is 光輝, its
    first glyph lost). Never when the dictionary reads any start of the name
    as a word of the domain (日本 at nihon-hd), nor for a glyph in ``sure``
    (read surely: then the domain's small print is what was misread, 東都 at
    rotopharma), and a single glyph is only put for another on a word of five
    letters or more (橋 at tachibanachemical). Both glyphs of a word of two are
    put right only where the domain's word is long and the glyphs read are no word.
    """
    run = _first_kanji_run(company)
    if run is None:
        return company
    labels = _host_labels(work)
    # The pieces of the hosts, and on how many of the card's addresses each is printed.
    support = Counter(
        piece for label in labels if label not in _FREE_MAIL for piece in label.split("-") if len(piece) >= 3
    )
    words = [
        (piece[:k], piece[k:], support[piece]) for piece in sorted(support) for k in range(3, len(piece) + 1)
    ]
    firsts = {label.split("-")[0] for label in labels}
    found: list[tuple[int, int, str, str]] = []
    for start in (run[:n] for n in range(min(4, len(run)), 0, -1)):
        rest = run[len(start) :]
        as_read = dictionary_reading(start)
        read_as = loose_romaji(romaji_of(as_read)) if as_read else None
        # (The rest of the run must be words the dictionary reads: 不動産, 精機.)
        reading = dictionary_reading(rest) if rest else ""
        if reading is None:
            continue
        tails = _DOMAIN_TAILS | {loose_romaji(romaji_of(reading))}
        for word, tail, hosts in words:
            if tail and loose_romaji(tail) not in tails:
                continue
            spellings = kanji_words_read_as(word)
            if start in spellings or read_as == loose_romaji(word):
                return company  # the domain spells the name as read
            if read_as and hosts < 2 and Levenshtein.distance(read_as, loose_romaji(word)) == 1:
                # The name as read is one letter off the domain's word: the small print
                # of a host printed once is likelier the slip (新星 at chinseiseiki, seed 197 #75).
                continue
            for rank, spelt in enumerate(spellings):
                misread = set(start) - set(spelt)
                # (Both glyphs of a two-glyph word misread, only for the commonest spelling of a long
                # domain word the glyphs read are no word for: 自荻 at shirasagi-solutions, seed 313 #130.)
                both = rank == 0 and len(word) >= 6 and len(start) == len(spelt) == 2
                # (The word the host starts with, not the rest's: 白落 is no 建設 at shirasagi-kensetsu.)
                both = both and word + tail in firsts and not is_dictionary_word(start)
                if (
                    (_misread_or_lost_glyph(start, spelt) or both)
                    and (len(spelt) > 1 or len(word) >= 5)
                    and not misread & sure
                ):
                    # The commonest spelling first, then the one taking in most of what was read.
                    found.append((rank, -len(start), start, spelt))
    if not found:
        return company
    rank, _size, start, spelt = min(found)
    if any(other != spelt and r == rank for r, _n, _s, other in found):
        return company  # two spellings as common: no telling
    return company.replace(start, spelt, 1)


def _fit_domains_to_japanese_company(company: str, work: _Work, sure: frozenset[str]) -> None:
    """E-mail and web hosts one letter off the romaji of a Japanese company's name take its spelling.

    "aoba-kegyo.jp" beside 青葉工業, "marubentya-pharma.jp" beside 丸紅屋
    (seed 223 #41, #56): the host spells the start of the name, read as the
    dictionary reads it, with one letter misread in its small print. Only
    when every glyph of that start was read surely (the name's big print is
    then the better read), for a start of five letters or more, and for the
    part of the host before a word of organisations' names or the rest of the
    name (or the whole host); never for a host printed twice alike.

    A start read less surely still counts when the host's letters as read make
    no romaji and the name's do: "metwasoft" beside 明和ソフト開発, whose 明和 read
    at 0.78 (seed 227 #31). So does a whole name of ten letters or more with a
    slip in each five, "metwaserki" beside 明和精機 (#92).
    """
    run = _first_kanji_run(company)
    if run is None:
        return
    spelt: list[tuple[str, frozenset[str], bool]] = []
    for start in (run[:n] for n in range(len(run), 1, -1)):
        reading = dictionary_reading(start)
        rest = dictionary_reading(run[len(start) :]) if run[len(start) :] else ""
        if reading is None or rest is None:
            continue
        tails = _DOMAIN_TAILS | {""} | _host_spellings(romaji_of(rest))
        for romaji in _host_spellings(romaji_of(reading)):
            if len(romaji) >= 5:
                spelt.append((romaji, tails, set(start) <= sure))

    # A host the card prints twice alike (e-mail and web address) is two reads that agree.
    labels = _host_labels(work)

    def fixed(label: str) -> str:
        bare = label.replace("-", "")
        if labels.count(label) >= 2:
            return label
        for romaji, tails, surely in spelt:
            head, tail = bare[: len(romaji)], bare[len(romaji) :]
            if len(head) < len(romaji) or tail not in tails or loose_romaji(head) == romaji:
                continue
            slips = [k for k, (a, b) in enumerate(zip(head, romaji, strict=True)) if a != b]
            unlike_romaji = not is_romaji_word(head) and is_romaji_word(romaji)
            if len(slips) == 1 and surely or 1 <= len(slips) <= len(romaji) // 5 and unlike_romaji:
                # The same letters put right in the label as printed, its hyphens kept.
                letters = [i for i, ch in enumerate(label) if ch != "-"]
                respelt = list(label)
                for k in slips:
                    respelt[letters[k]] = romaji[k]
                return "".join(respelt)
        return label

    _relabel_hosts(work, fixed)


def _singapore_form(company: str, work: _Work) -> str:
    """"Sterling Foods Pie Ltd" on a card from Singapore: its "Pte" misread ("Apple Pie Ltd." elsewhere)."""
    singapore = any(re.search(r"Singapore|\+65\b", text) for text in work.texts)
    return re.sub(r"\bP[hil]e(?=\.? ?Ltd\.?$)", "Pte", company) if singapore else company


def _capitals_completed(company: str, work: _Work) -> str:
    """The capitals of a Japanese company one letter short of its domain, completed.

    "株式会社 AB にシステム" at abcsystem.co.jp (seed 313 #37): the C read as a kana
    (and dropped as a speck); the domain goes on after "ab" with a c and then a
    word firms' domains end in.
    """
    labels = [label.replace("-", "") for label in _host_labels(work)]
    for run in re.finditer(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z])", company):
        letters = run.group().lower()
        added = {
            label[len(letters)]
            for label in labels
            if label.startswith(letters) and len(label) > len(letters) + 1 and label[len(letters)].isalpha()
            and label[len(letters) + 1 :] in _DOMAIN_TAILS
        }
        if len(added) == 1:
            return company[: run.end()] + added.pop().upper() + company[run.end() :]
    return company


def _org_word_completed(company: str, work: _Work) -> str:
    """A Japanese company's name whose last glyph was lost, completed where its domain spells the word.

    "(株)富士不動" at fuji-fudosan.jp (seed 227 #107): the name's kanji end in
    不動, all of 不動産 but its last glyph, and 不動産 reads fudosan, a piece of
    the host's end. Only when exactly one word of organisations' names fits
    (新星電 at shinsei-denki could be 電機 or 電気).
    """
    core = _without_legal_forms(company)
    labels = [label.replace("-", "") for label in _host_labels(work)]
    fits = set()
    for word in _ORG_WORDS_KANJI_ANY:
        if core.endswith(word) or not core.endswith(word[:-1]) or len(core) <= len(word) - 1:
            continue
        spellings = _org_word_spellings(word, english=False)
        if any(label.endswith(spelt) for label in labels for spelt in spellings):
            fits.add(word)
    if len(fits) != 1:
        return company
    word = fits.pop()
    at = company.rindex(core) + len(core)
    return company[:at] + word[-1] + company[at:]


# Words ending firms' names, and the English words their domains spell them with besides
# their romaji (薬品 at nihon-pharma, 食品 at jtech-foods, 広告 at minato-ad).
_ORG_WORD_GLOSSES: Final = {
    "薬品": ("pharma", "pharm"),
    "製薬": ("pharma", "pharm"),
    "食品": ("foods", "food"),
    "建設": ("construction",),
    "工業": ("industries", "industry"),
    "商事": ("trading",),
    "物産": ("trading",),
    "電機": ("electric",),
    "電気": ("electric",),
    "化学": ("chemical", "chemicals", "chem"),
    "運輸": ("transport", "logistics"),
    "印刷": ("printing", "print"),
    "精機": ("precision",),
    "広告": ("ad", "ads"),
    "技研": (),
    "産業": (),
}
_ORG_WORDS_TWICE: Final = tuple(sorted({*_ORG_WORDS_KANJI_ANY, *_ORG_WORD_GLOSSES}))


def _without_legal_forms(company: str) -> str:
    """A Japanese company's name without the legal forms before and after it."""
    core = company
    for form in LEGAL_FORMS_JA:
        core = core.removeprefix(form).removesuffix(form)
    return core.strip()


@functools.cache
def _org_word_spellings(word: str, *, english: bool = True) -> frozenset[str]:
    """How a host spells a word of firms' names: its romaji as the dictionary reads it, and in English."""
    reading = dictionary_reading(word)
    romaji = _host_spellings(romaji_of(reading)) if reading else frozenset()
    return romaji | frozenset(_ORG_WORD_GLOSSES.get(word, ()) if english else ())


def _org_word_respelt(company: str, work: _Work) -> str:
    """The word ending a Japanese company's name, one glyph misread, respelt where its domain spells it.

    "合同会社日本条品" at nihon-pharma.jp, "Jテック劉品株式会社" at jtech-foods: the
    two kanji ending the name are no word the dictionary knows, one glyph off
    exactly one word of firms' names (薬品, 食品) that the host ends in, in
    romaji or in English (:func:`_org_word_spellings`); or that the card's
    English name of the company prints: "(株)協和楽品" over "Kyowa Pharmaceutical
    Co., Ltd." (seed 307 #43).
    """
    core = _without_legal_forms(company)
    labels = [label.replace("-", "") for label in _host_labels(work)]
    english = _english_company_words(work)
    if not (labels or english) or len(core) < 3:
        return company
    fits = set()
    for word in _ORG_WORD_GLOSSES:
        ending = core[-len(word) :]
        if (
            ending == word
            or not _KANJI_RUN.fullmatch(ending)
            or sum(a != b for a, b in zip(ending, word, strict=True)) != 1
            or is_dictionary_word(ending)
        ):
            continue
        for spelt in _org_word_spellings(word):
            hosted = any(label.endswith(spelt) and len(label) > len(spelt) for label in labels)
            if hosted or any(w == spelt or len(spelt) >= 4 and w.startswith(spelt) for w in english):
                fits.add(word)
    if len(fits) != 1:
        return company
    word = fits.pop()
    at = company.rindex(core) + len(core)
    return company[: at - len(word)] + word + company[at:]


def _english_company_words(work: _Work) -> frozenset[str]:
    """The words of a company name the card prints in Latin letters (its English name), lower case."""
    return frozenset(
        word.lower()
        for text in work.texts
        if LEGAL_FORM_LATIN_RE.search(text) and not _has_japanese(text)
        for word in re.findall(r"[A-Za-z]{2,}", text)
    )


def _host_spellings(romaji: str) -> frozenset[str]:
    """How a host may spell a romaji word: long o and u written short (kogyo), and long e too (mewa)."""
    return frozenset({loose_romaji(romaji), re.sub(r"ou|oo", "o", romaji.lower().replace("uu", "u"))})


# A company's name respelt by its domain is a guess: its confidence is taken down so
# far (below the review screen's bar) that the field is marked for review.
_RESPELT_DOUBT = 0.7
# Words OCR is at least this sure of hold no misread glyph to respell.
_SURE_GLYPHS = 0.9


def _sure_glyphs(line: Line) -> frozenset[str]:
    """The glyphs of ``line`` read surely: of its sure words, or all of a sure line without words."""
    if not line.words:
        return frozenset(line.text) if line.confidence >= _SURE_GLYPHS else frozenset()
    return frozenset(c for word in line.words if word.confidence >= _SURE_GLYPHS for c in word.text)


def _misread_or_lost_glyph(read: str, word: str) -> bool:
    """Whether ``word`` is ``read`` with one glyph put for another, or with one more glyph."""
    if len(read) == len(word):
        return sum(a != b for a, b in zip(read, word, strict=True)) == 1
    return len(word) == len(read) + 1 and any(word[:i] + word[i + 1 :] == read for i in range(len(word)))


def _first_kanji_run(company: str) -> str | None:
    """The first run of kanji of a Japanese company's name past its legal form (青葉工業 of (株)青葉工業)."""
    core = company
    for form in LEGAL_FORMS_JA:
        core = core.replace(form, " ")
    first = re.match(r"\s*([\u4e00-\u9fff]+)", core)
    return first.group(1) if first else None


def _capital_j_read_as_ryo(text: str, work: _Work) -> str:
    """A capital J before katakana read as 了 (or as J and り), where the host starts with j.

    "了テック製作所" at jtech; "J りテックシステム" at jtechsystem, its J read
    twice, the company taken without the J as a logo's letter (seed 277 #153):
    a り starting the name where no host spells ri is the J's second reading.
    """
    labels = _host_labels(work)
    if not any(label.startswith("j") for label in labels):
        return text
    second = "[りリ]" if not any(label.startswith("ri") for label in labels) else "(?!)"
    match = re.search(rf"(?:^|(?<=[)）]))(?:了|J\s?[りリ]|{second})(?=[\u30a1-\u30fa\u30fc])", text)
    if match is None:
        return text
    return text[: match.start()] + "J" + text[match.end() :]


def _host_labels(work: _Work) -> list[str]:
    """The first label past www of the host of each of the card's e-mail and web addresses.

    Of each read, that is: not of an address given another's host.
    """
    labels = [_host_label(e.split("@", 1)[1]) for e, _c in work.emails if e not in work.copied]
    return labels + [_host_label(_host_of(u)) for u, _c in work.urls if u not in work.copied]


def _relabel_hosts(work: _Work, fix: Callable[[str], str]) -> None:
    """The card's e-mail and web addresses with the first label of each host as ``fix`` gives it."""
    copied = {_with_host_label(a, fix) for a in work.copied}
    work.emails = [(_with_host_label(e, fix), c) for e, c in work.emails]
    work.urls = [(_with_host_label(u, fix), c) for u, c in work.urls]
    work.copied = copied


def _host_of(url: str) -> str:
    return re.sub(r"^https?://", "", url).split("/")[0].split(":")[0]


def _host_label(host: str) -> str:
    """The first label of ``host`` that is not www ("northwindlabs" of www.northwindlabs.com)."""
    labels = [lab for lab in host.split(".") if lab != "www"]
    return labels[0] if len(labels) >= 2 else ""


def _with_host_label(address: str, fix: Callable[[str], str]) -> str:
    """An e-mail or web address with the first label of its host (past www) as ``fix`` gives it."""
    match = re.search(r"(?:@|://)(?:www\.)?([a-z0-9-]+)(?=\.)", address)
    if match is None:
        return address
    label = fix(match.group(1))
    return address[: match.start(1)] + label + address[match.end(1) :]


def _fit_company_to_domain(text: str, work: _Work) -> str:
    """A Latin company name checked against its own web domain.

    - A word cut in lowercase pieces that make the domain is that word
      ("Iro nb ark" at ironbark.com).
    - A space before a small letter goes when the name without it is the
      domain's ("Black wood Partners LLP" at blackwood-partners.co.uk).
    - Short scraps before the word the domain starts with are a logo's
      ("OE Falcon Capital GmbH" at falcon-capital.de).
    - A name one or two letters away from the domain's spelling takes it
      ("Showaloods Co., Ltd." at showafoods.com): OCR slips on a glyph, the
      domain passed a stricter syntax check, when the e-mail and the web
      address (two reads) agree on it. Only same-length slips are fixed.
    """
    if _has_japanese(text):
        return text
    cores = _domain_cores(work)
    tokens = text.split(" ")
    # "Iro nb ark" at ironbark.com: one word OCR cut where the print is spaced wide.
    cut = len(tokens) >= 2 and all(t.isalpha() and t[0].islower() for t in tokens[1:])
    if cut and "".join(tokens).lower() in cores:
        return "".join(tokens)
    # "Black wood Partners LLP" at blackwood-partners.co.uk: a space OCR put inside a word.
    form = LEGAL_FORM_LATIN_RE.search(text)
    name = text[: form.start()] if form else text
    if re.search(r" [a-z]", name) and re.sub(r"[^a-z0-9]", "", name.lower()) in cores:
        text = re.sub(r" (?=[a-z])", "", name) + text[len(name) :]
    for core in dict.fromkeys(cores):
        tokens = text.split(" ")
        first = re.sub(r"[^a-z0-9]", "", tokens[0].lower())
        for k in range(1, min(3, len(tokens))):
            word = re.sub(r"[^a-z0-9]", "", tokens[k].lower())
            scraps = all(len(t) <= 3 for t in tokens[:k])
            if scraps and len(word) >= 3 and core.startswith(word) and not (first and core.startswith(first)):
                text = " ".join(tokens[k:])
                break
        # A domain OCR read once is as likely misread as the name: two reads must agree.
        if cores.count(core) >= 2:
            text = _respell(text, core)
    return text


def _respell(text: str, core: str) -> str:
    """``text`` with the letters that differ from ``core`` (compared from its start) replaced."""
    form = LEGAL_FORM_LATIN_RE.search(text)
    name_end = form.start() if form else len(text)
    positions = [i for i, ch in enumerate(text[:name_end]) if ch.isascii() and ch.isalnum()]
    if len(positions) < len(core) or len(core) < 6:
        return text
    letters = "".join(text[i].lower() for i in positions[: len(core)])
    slips = [k for k, (a, b) in enumerate(zip(letters, core, strict=True)) if a != b]
    if not slips:
        return text
    longer = "".join(text[i].lower() for i in positions[: len(core) + 1])
    added = [k for k in range(len(longer)) if longer[:k] + longer[k + 1 :] == core]
    if len(slips) > 1 and added and longer[added[0]].isalpha():
        # "Sumnmit Labs" at summit-labs: one glyph added.
        i = positions[added[0]]
        return text[:i] + text[i + 1 :]
    if len(slips) > (1 if len(core) < 10 else 2):
        return text
    # A domain may shorten a word of the name ("yamabikohd" for Yamabiko Holdings):
    # a word organisations' names are made of is spelt right already.
    org_words = {word.lower() for word in ORG_WORDS_LATIN}
    for word in re.finditer(r"[A-Za-z]+", text[:name_end]):
        slipped = any(word.start() <= positions[k] < word.end() for k in slips)
        if slipped and word.group().lower() in org_words:
            return text
    chars = list(text)
    for k in slips:
        i = positions[k]
        chars[i] = core[k].upper() if chars[i].isupper() else core[k]
    return "".join(chars)


def _company_from_domain(work: _Work) -> str | None:
    hosts = [e.split("@", 1)[1] for e, _c in work.emails] + [
        re.sub(r"^https?://", "", u).split("/")[0].split(":")[0] for u, _c in work.urls
    ]
    for host in hosts:
        labels = [lab for lab in host.split(".") if lab != "www"]
        if len(labels) < 2:
            continue
        core = labels[0]
        if core in _FREE_MAIL or not core.isalpha() or len(core) < 3:
            continue
        return _printed_as(core, work) or core.capitalize()
    return None


def _printed_as(core: str, work: _Work) -> str | None:
    """The word ``core`` as a line prints it ("CONTOSO" in a logo OCR read as "CONTOsO"), if any.

    Lines with an e-mail or web address are not looked at: they spell the domain itself.
    """
    for text in work.texts:
        if "@" in text or re.search(r"://|www\.", text, re.IGNORECASE):
            continue
        for word in re.findall(r"[A-Za-z]{3,}", text):
            if word.lower() == core:
                return fix_case_slip(word)
    return None


def fix_case_slip(text: str) -> str:
    """Capital words with one small letter OCR slipped in are all capitals ("CONTOsO" → "CONTOSO").

    Only words of five letters or more with a single small letter past the
    second place, so "McDONALD", "iPhone" and "LinkedIn" stay as printed.
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        small = [i for i, ch in enumerate(word) if ch.islower()]
        return word.upper() if len(small) == 1 and small[0] >= 2 else word

    return re.sub(r"\b[A-Za-z]{5,}\b", fix, text)


def _is_japanese_card(work: _Work) -> bool:
    """Two or more well-read lines with Japanese words, kanji among them.

    Logo junk often reads as a stray kana, and Latin print Tesseract's
    Japanese model misread as katakana ("クダンジランクタケル"); a Japanese card
    prints kanji (its company's form, its address, its name).
    """
    lines = 0
    kanji = False
    for line, text in zip(work.lines, work.texts, strict=True):
        if line.confidence >= 0.5 and len(KANJI_RE.findall(text)) + len(KANA_RE.findall(text)) >= 2:
            lines += 1
        kanji = kanji or len(KANJI_RE.findall(text)) >= 2
    return lines >= 2 and kanji


# At most this many kana or kanji at an end of a Latin card's line are junk.
_CJK_SPECK_GLYPHS = 3


def _without_cjk_ends(text: str) -> str:
    """A Latin card's line without the stray kana or kanji read at its ends.

    Tesseract's Japanese model makes a glyph or two of the ink beside print
    (a logo's edge, the card's border): "アデ 4001 1st Ave NE Redmond, WA 98052
    へ、 _" (real-02). The words at either end with no Latin letter or digit
    go when they hold at most three such glyphs and the rest reads as Latin.
    """
    words = text.split()

    def junk(end: list[str]) -> bool:
        glyphs = sum(len(KANJI_RE.findall(w)) + len(KANA_RE.findall(w)) for w in end)
        return 0 < glyphs <= _CJK_SPECK_GLYPHS

    start, stop = 0, len(words)
    while start < stop and not _LATIN_ALNUM.search(words[start]):
        start += 1
    while stop > start and not _LATIN_ALNUM.search(words[stop - 1]):
        stop -= 1
    rest = " ".join(words[start:stop])
    if len(_LATIN_ALNUM.findall(rest)) < 4 or _has_japanese(rest):
        return text
    head, tail = words[:start], words[stop:]
    kept = [*([] if junk(head) else head), *words[start:stop], *([] if junk(tail) else tail)]
    return text if len(kept) == len(words) else " ".join(kept)


_LATIN_ALNUM = re.compile(r"[A-Za-z0-9]")


def _romaji_spells_a_japanese_name(pieces: list[_Piece]) -> bool:
    """A Japanese name with its romaji printed too ("西村茂" / "NISHIMURA Shigeru"): a Japanese card."""
    latin = [p.text for p in pieces if p.scores.get("name_latin", 0.0) >= 0.5]
    if not latin:
        return False
    for piece in pieces:
        split = split_japanese_name(piece.text) if piece.scores.get("name_ja", 0.0) >= 0.8 else None
        if split is not None and any(latin_matches_reading(text, split.reading) for text in latin):
            return True
    return False


def _has_japanese(text: str) -> bool:
    return bool(KANJI_RE.search(text) or KANA_RE.search(text))
