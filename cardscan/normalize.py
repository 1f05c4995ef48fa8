"""Normalisers for what a business card prints: text, phones, emails, URLs, addresses.

Every normaliser is idempotent (``f(f(x)) == f(x)``) so that a value already
stored can be passed through again (CSV import, review form) without drifting.
Phones use libphonenumber (``phonenumbers``); the reason it gives for a
rejected number (``NumberParseException.error_type``) is kept, not swallowed.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumberFormat,
    PhoneNumberMatcher,
    PhoneNumberType,
)
from publicsuffixlist import PublicSuffixList

from cardscan.lexicon import EMAIL_LABEL_RE, PHONE_LABEL_RE, PREFECTURE_RE, URL_LABEL_RE, phone_label_kind
from cardscan.types import Phone, PhoneType

log = logging.getLogger(__name__)

# Everything a card (or OCR) prints as a dash between two numbers. "一" (the
# kanji for one) is what Tesseract's jpn model most often reads for "ー"
# between digits; between two ASCII digits it is never meant as a kanji.
DASHES: Final[str] = (
    "\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70\ufe63\uff0d"
    "\u2043\u02d7\u4e00\u2500\u2501\u2e3a"
)
#: CJK punctuation, kana, ideographs, full-width forms and half-width katakana (a character class body).
CJK_CHARS: Final = (
    r"\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff01-\uff60\uff65-\uff9f"
)
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK_CHARS}])\s+(?=[{CJK_CHARS}])")
# "969--5344", "010—-0676": OCR doubles a dash as often as it drops one.
_DASH_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])\s*[{DASHES}]{{1,2}}\s*(?=[0-9])")
_SPACES = re.compile(r"[^\S\n]+")


def _nfkc_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DASH_BETWEEN_DIGITS.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def nfkc(text: str) -> str:
    """NFKC, dashes between digits as ``-``, runs of spaces as one space, stripped.

    Args:
        text: Any text, e.g. an OCR line.

    Returns:
        The normalised text. Applying it again changes nothing.
    """
    # Replacing characters can in rare cases enable a new NFKC composition, so
    # iterate to the fixed point (at most a couple of rounds in practice).
    for _ in range(4):
        new = _nfkc_once(text)
        if new == text:
            return new
        text = new
    return text


# ------------------------------------------------------------------ phones

# Runs that look like a phone number with OCR letter/digit slips in them.
# An O ending the run is a 0 only when no letter follows it ("5005 ORO]" is junk after a number)
# nor a colon (the label of an office line: "6836 O:+61");
# an @ inside or starting it is a 0 ("93@2 1403", "FAX: @78-816-3560"), not one after a word (an e-mail).
_PHONE_ISH = re.compile(
    r"(?:[+(0-9]|[Oo](?=[0-9])|(?<![\w.])@(?=[0-9]))[0-9OoIl|!()\-. /@]{6,}"
    r"(?:[0-9]|[Oo](?![A-Za-z]|\s?[:：]))"
)
_LETTER_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "!": "1", "@": "0"})
_EXTENSION = re.compile(
    r"\s*[(（]?\s*(?:内線|内|ext\.?|Ext\.?|EXT\.?|extension|x|X|#)\s*[.:：]?\s*([0-9]{1,6})\s*[)）]?"
)


@dataclass(frozen=True)
class PhoneMatch:
    """A phone number found in a line of text, before its type is decided.

    Attributes:
        start: Offset of the first character of the number in the searched text.
        end: Offset just past the number (and its extension, if any).
        e164: The number in E.164.
        raw: The text as printed.
        extension: Digits of an extension (``内線123``, ``ext. 45``), or None.
        has_country_code: True when the card printed ``+CC``.
        valid: libphonenumber's ``is_valid_number``; False for merely possible numbers.
        mobile: libphonenumber says the number is a mobile one.
        label: The type given by the nearest label, or None when unlabelled.
    """

    start: int
    end: int
    e164: str
    raw: str
    extension: str | None
    has_country_code: bool
    valid: bool
    mobile: bool
    label: PhoneType | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def to_phone(self, default: PhoneType | None = None) -> Phone:
        """The :class:`Phone`, typed by label, then mobile-ness, then ``default``."""
        kind: PhoneType
        if self.label is not None:
            kind = self.label
        elif self.mobile:
            kind = "mobile"
        else:
            kind = default or "work"
        return Phone(type=kind, e164=self.e164, raw=self.raw, extension=self.extension)


class InvalidPhone(ValueError):
    """A string that is not a phone number; ``reason`` is libphonenumber's error type name."""

    def __init__(self, raw: str, reason: str) -> None:
        super().__init__(f"not a phone number ({reason}): {raw!r}")
        self.raw = raw
        self.reason = reason


def repair_phone_text(text: str) -> str:
    """Fix OCR letter-for-digit slips inside runs that look like phone numbers.

    ``O``/``o`` become ``0`` and ``I``/``l``/``|`` become ``1``, but only inside a
    run that starts and ends like a number and has at least six real digits, so
    words such as "Tel" or "Mobile" are left alone. Length is preserved, so
    offsets into the repaired text are offsets into the original.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if sum(ch.isdigit() for ch in run) < 6:
            return run
        return run.translate(_LETTER_DIGIT)

    # "(0265)05、5834", "+81、80、2127、5292": a dash of a 縦書き card's Latin row read as an
    # ideographic comma; "*,81": its "+" read as an asterisk (seed 311 #55).
    text = re.sub(r"(?<=[0-9])、(?=[0-9])", "-", text)
    text = re.sub(r"(?<![\w+])\*[,.]?(?=81[-\s(.、])", lambda m: "+".ljust(len(m.group())), text)
    # "03・7524・0193": a middle dot between the groups (縦書き cards print them so).
    text = re.sub(r"(?<=[0-9])[・･](?=[0-9])", "-", text)
    text = re.sub(r"(?<=[0-9])[・･][.,](?=[0-9])", "- ", text)  # "3388・.8031": a speck beside it
    # "043'105'4553": a dash of vertical print read as an apostrophe; "8729°7087", of
    # small print as a degree sign.
    text = re.sub(r"(?<=[0-9])['’`°º](?=[0-9])", "-", text)
    # "十 8 (0) 80-9210-7039", "十 81 47 …": the "+" of a country code read as the kanji ten.
    text = re.sub(r"(?<![\u3400-\u9fff])十\s?(?=[0-9]{1,3}[\s(.-]\s?[(0-9])", "+", text)
    # "+81 (9)942-27-6349": the trunk 0 in brackets after a country code read as a 9, 6 or O.
    text = re.sub(r"(\+[0-9]{1,3} ?)\([96oO]\)", r"\1(0)", text)
    # "LA #5 /(025)532-0150": a label read as a digit, then the slash after it, before a number
    # that opens with its bracketed area code (no number goes on past a slash into a bracket).
    # (Not the last group of a number before it: "044 123 45 67 / (079) 123 45 67".)
    text = re.sub(r"(?<![0-9+])(?<![0-9][ -])[0-9]{1,2} ?/ ?(?=\(0[0-9])", _blanked, text)
    # "7059_O583": a dash read as an underscore between two groups.
    text = re.sub(r"(?<=[0-9]{3})_(?=[0-9Oo][0-9]{3}(?![0-9]))", "-", text)
    # "097-_-106-_-9045": a rule under the dashes read as an underscore.
    text = re.sub(r"(?<=-)_(?=-)", "-", text)
    # "0943-_-83_-2076", "25-332-_ 2307": an underscore glued to a dash, or standing for one.
    text = re.sub(r"(?<=[0-9])(?:_-|-_)(?=[0-9])", "--", text)
    text = re.sub(r"(?<=[0-9])(?:-_|_-| _)(?= [0-9])", lambda m: m.group().replace("_", "-"), text)
    # "+T81-90-6153-3162": a speck read as a capital between the "+" and its country code
    # (not one that reads for a digit: "+B1" is +81).
    text = re.sub(r"(?<=\+)[ACDEFHJKLMNPQRTUVWXY](?=[1-9][0-9]?[\s(.-]?[0-9(])", " ", text)
    # "+6) 3 9940 3003": the 1 of a country code read as a bracket (only when that makes
    # the number valid: "+7) 495 123-45-67" is Moscow with its "(" lost).
    text = _LOST_ONE_IN_CODE.sub(_restore_one_in_code, text)
    # "T./+81-+43-280-7650": a speck read as a second "+" after the country code.
    text = re.sub(r"(?<=\+[0-9]{2}[-\s])\+(?=[0-9])|(?<=\+[0-9][-\s])\+(?=[0-9])", " ", text)
    # "M #1 (416) 524-0744": the "+" before a country code read as "#" (when that makes it valid).
    text = _HASH_FOR_PLUS.sub(_plus_for_hash, text)
    # "6286-(0967": a stray bracket inside the last group.
    text = re.sub(r"(?<=[0-9])-\((?=[0-9]{3,4}(?![0-9]*\)))", " -", text)
    # "+B1 25.140-73B8", "82. $49-6882": an 8 read as a B and a 5 as a $ in blurred print,
    # between digits or in a country code.
    text = _B_OR_DOLLAR.sub(lambda m: "8" if m.group() == "B" else "5", text)
    # "Fox. +8] 11-53)-3552": a 1 read as a square bracket after a digit, or as a closing
    # bracket with no opening one before it in the group ("(011)-531" keeps its bracket).
    # ("+1 604.883.3140] O": a bracket ending a number is no digit.)
    # "P:+] 604-447-7686": the 1 itself after the "+".
    text = re.sub(r"(?<=\+[0-9])\](?=[\s.-])|(?<=[0-9])\](?=[0-9])|(?<=\+)\](?=[\s.-]?[0-9])", "1", text)
    text = _ONE_READ_AS_BRACKET.sub(_one_for_bracket, text)
    return _PHONE_ISH.sub(fix, text)


# ("Main 01 7) 30 78 47": a group of one digit and a bracket, seed 307 #105; no one prints "(7)".)
_ONE_READ_AS_BRACKET = re.compile(r"(?<=[0-9])\)(?=-[0-9])|(?<=[\s-][0-9])\)(?=\s[0-9])")


def _blanked(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _one_for_bracket(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 6) : match.start()]
    return ")" if "(" in before or "（" in before else "1"


_B_OR_DOLLAR = re.compile(
    r"(?<=[0-9]{2})B(?=[0-9])|(?<=[0-9])B(?=[0-9]{2})|(?<=\+)B(?=[0-9])"  # (not "K1A 0B1")
    # ("+44-78$2-573675": between two digits too.)
    r"|(?:(?<=[0-9][\s.-])|(?<=[0-9][.-]\s))\$(?=[0-9]{2})|(?<=[0-9])\$(?=[0-9])"
)


# ("+8).80 3843 7626": before a dot, or a bracketed trunk 0.)
_LOST_ONE_IN_CODE = re.compile(r"(?<!\()(\+[1-9])\)([\s.]?[0-9(][0-9 ().-]{5,}[0-9])")


_HASH_FOR_PLUS = re.compile(r"(?<![\w#])#(?=[1-9][0-9]{0,2}[\s(.-]{1,2}[0-9][0-9 ().-]{6,}[0-9])")


def _plus_for_hash(match: re.Match[str]) -> str:
    number = re.match(r"[0-9][0-9 ().-]*[0-9]", match.string[match.end() :])
    valid = number is not None and is_valid_phone("+" + number.group(), "ZZ")
    return "+" if valid else "#"


def _restore_one_in_code(match: re.Match[str]) -> str:
    code, rest = match.group(1), match.group(2)
    as_one = f"{code}1{rest}"
    as_is = f"{code}{rest}"
    if is_valid_phone(as_one, "ZZ") and not is_valid_phone(as_is, "ZZ"):
        return as_one
    return f"{code} {rest.lstrip()}"


# "9562(47)4262", "93.5913.9575", "(911)746-3949": a Japanese number's leading 0 read as 9 or 6.
_JP_LOST_TRUNK = re.compile(
    r"(?<![0-9+\-.(])(?:[69][0-9]{1,3}[-.( ]{1,2}|\([69][0-9]{1,3}\) ?)[0-9]{1,4}[-.) ]{1,2}[0-9]{4}(?![0-9])"
)


# "0579126)5629": the opening bracket of "0579(26)5629" read as a 1.
_JP_LOST_OPENING = re.compile(r"(?<![0-9(])0[0-9]{2,8}\)\s?[0-9]{4}(?![0-9])")


def _restore_jp_opening(match: re.Match[str]) -> str:
    run = match.group(0)
    close = run.index(")")
    options = [run[:i] + "(" + run[i + 1 :] for i in range(2, close - 1) if run[i] == "1"]
    valid = [o for o in options if is_valid_phone(o, "JP")]
    if len(valid) == 1:
        return valid[0]
    # One "1" only: the bracket was there whatever the metadata knows of the area code.
    return options[0] if len(options) == 1 and not valid else run


# "FAX 90978-46-8855": a speck read as a digit glued before a number's trunk 0.
_JP_SPECK_DIGIT = re.compile(
    r"(?<![0-9+\-.(])[1-9]0[0-9]{1,4}[-.( ]{1,2}[0-9]{1,4}[-.) ]{1,2}[0-9]{4}(?![0-9])"
)


def _drop_speck_digit(match: re.Match[str]) -> str:
    run = match.group(0)
    return mended_if_valid(run, " " + run[1:], "JP")


# "+S1-S65-58-7678", "Phone +S81 (0)44 2S7 5123": an 8 read as an S in blurred print, or a
# speck before the 8 of +81 read as one (seed 293 #24, #88).
_S_AMONG_DIGITS = re.compile(r"(?<![A-Za-z0-9])\+?[0-9S][0-9S ().-]{6,}[0-9](?![0-9])")


def _eight_for_s(match: re.Match[str]) -> str:
    """The run with its Ss read as the digit that makes it a valid number, when only one does.

    An S is an 8 or a 5 misread: "03-S123-4567" is valid either way, and stays as read.
    """
    run = match.group(0)
    if "S" not in run:
        return run
    start = run.replace("+S8", "+ 8", 1)
    valid = {
        meant
        for digit in "85"
        for meant in (run.replace("S", digit), start.replace("S", digit))
        if is_valid_phone(meant, "JP")
    }
    return valid.pop() if len(valid) == 1 else run


# "M:O9O0 3857 9741", "携帯 O80O-7059_O583": the last 0 of a mobile's 090 (or of 050, an
# internet phone's code) read twice, or a dash after it read as an O.
_MOBILE_CODE_ZERO_TWICE = re.compile(r"(?<![0-9+])0[5789]00[-. ]?[0-9]{4}[-. ]?[0-9]{4}(?![0-9])")


def _mobile_code_once(match: re.Match[str]) -> str:
    run = match.group(0)
    return mended_if_valid(run, run[:3] + " " + run[4:], "JP")


# "(999)9362-5361", "M, (999)9427-6762": the 0s of 090 read as 9s in blurred print (seed 347
# #164, #97). Put right only when that makes the number valid.
_MOBILE_CODE_NINES = re.compile(r"(?<![0-9+])\(?9[789]9\)?[-. ]?[0-9]{4}[-. ]?[0-9]{4}(?![0-9])")


def _mobile_code_of_nines(match: re.Match[str]) -> str:
    run = match.group(0)
    at = run.index("9")
    return mended_if_valid(run, run[:at] + "0" + run[at + 1] + "0" + run[at + 3 :], "JP")


# "+81 25 有 246 有 3558", "075^905^9535", "070: 5.799 1153": a dash read as a kanji, a caret or a
# colon between two groups of a Japanese number (seed 347 #84, #52; seed 337 #160).
_JP_GLYPH_FOR_DASH = re.compile(
    r"(?:\+81[ (]*|(?<![0-9+])0)[0-9()]{1,5}"
    r"(?:(?: [\u3400-\u9fff] |\^|: ?)[0-9.]{1,5}){1,2}[-. ]?[0-9]{3,4}(?![0-9])"
)


def _dash_for_glyph(match: re.Match[str]) -> str:
    run = match.group(0)
    mended = re.sub(r" [\u3400-\u9fff] |\^|: ?", lambda m: "-".ljust(len(m.group())), run)
    return mended_if_valid(run, mended, "JP")


# "9825 G308", "+81 25-146-G960": a 6 read as a G (seed 313 #39, #124); put right where that makes
# the number valid.
_G_AMONG_DIGITS = re.compile(r"(?<![A-Za-z0-9])\+?[0-9G][0-9G ().-]{6,}[0-9](?![0-9])")


def _six_for_g(match: re.Match[str], region: str) -> str:
    return mended_if_valid(match.group(), match.group().replace("G", "6"), region)


# "618 0959 95 5962": a label read as three digits before a number with its trunk 0 (seed 337 #12).
# Only at the start of a line: after another number its last group ("0120-123-456 03-…") or an
# extension ("Ext. 123 090-…") reads the same.
_JP_LABEL_AS_DIGITS = re.compile(
    r"^\s*([0-9]{3}) (0[1-9][0-9]{0,4}[ -]?[0-9]{1,4}[ -]?[0-9]{4})(?![0-9])"
)


def _without_label_digits(match: re.Match[str]) -> str:
    lead = match.group(0)[: match.start(1) - match.start()]
    return mended_if_valid(match.group(0), lead + " " * (len(match.group(1)) + 1) + match.group(2), "JP")


# "T/03.8733.489]", "Cell:070. 1133. 708]": a last 1 read as a bracket (seed 337 #126, 347 #104);
# put right only where the number is invalid without it ("+1 604.883.3140] O" ends with a speck).
# ("Fox | +1 514-474.244)": a closing bracket that opens nothing, seed 347 #105.)
_ONE_READ_AS_END_BRACKET = re.compile(r"(?<![0-9])\+?[0-9][0-9 .()-]{6,}[0-9][\])](?![0-9])")


def _one_for_end_bracket(match: re.Match[str], region: str) -> str:
    run = match.group(0)
    if run.endswith(")") and run.count("(") >= run.count(")"):
        return run  # "(03) 1234-5678" closes its own bracket
    return mended_if_valid(run, run[:-1] + "1", region)


# "Fax006-6608-9389" (FaxO06…): a speck or a letter before the trunk 0 read as another 0.
# libphonenumber keeps both zeros as part of the number (+8100666089389) and calls it valid.
_JP_DOUBLED_TRUNK = re.compile(
    r"(?<![0-9+])00[1-9][0-9]{0,3}[-.() ]{1,2}[0-9]{1,4}[-.() ]{1,2}[0-9]{4}(?![0-9])"
)


def _single_jp_trunk(match: re.Match[str]) -> str:
    run = match.group(0)
    return run[1:] if is_valid_phone(run[1:], "JP") else run


def _restore_jp_trunk(match: re.Match[str]) -> str:
    run = match.group(0)
    if _NANP_SHAPE.fullmatch(run) and is_valid_phone(run, "US"):
        return run  # "646-555-0123": a New York number, not 0646 with its 0 misread
    first = 1 if run.startswith("(") else 0
    return mended_if_valid(run, run[:first] + "0" + run[first + 1 :], "JP")


def mended_if_valid(read: str, meant: str, region: str) -> str:
    """``meant``, a slip of ``read`` undone, when that makes the number valid in ``region``; else ``read``."""
    return meant if is_valid_phone(meant, region) and not is_valid_phone(read, region) else read


def is_valid_phone(text: str, region: str) -> bool:
    """Whether ``text`` is a valid number in ``region`` (any region when it starts with +CC)."""
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, region)))
    except NumberParseException:
        return False


def _label_spans(text: str) -> list[tuple[int, int, PhoneType]]:
    spans: list[tuple[int, int, PhoneType]] = []
    for match in PHONE_LABEL_RE.finditer(text):
        kind = phone_label_kind(match.group(1))
        if kind is not None:
            spans.append((match.start(1), match.end(), kind))  # type: ignore[arg-type]
    return spans


def find_phone_matches(
    text: str, *, region: str = "JP", line_label: PhoneType | None = None, ocr: bool = True
) -> list[PhoneMatch]:
    """Every phone number in ``text`` with the label that applies to it.

    Several numbers on one line (``TEL 03-1234-5678 FAX 03-1234-5679``) are all
    found; each takes the closest label before it, else a label right after it
    (``03-1234-5678(代表)``), else ``line_label`` (a label printed on its own line).

    Args:
        text: One line of text (already :func:`nfkc`-normalised or not).
        region: ISO country for numbers printed without ``+CC``.
        line_label: Type from a label on a neighbouring line, if any.
        ocr: Also undo OCR slips that change digits ("+" read as "4", dashes
            read as "1" in an invalid number); off for numbers people typed.

    Returns:
        The matches in text order.
    """
    text = repair_phone_text(text)
    if ocr and region == "JP":
        # "481-259-12-3245", "181 80 4285 9482": "+81" with its "+" read as a 4 or a 1
        # (no Japanese number starts with either, its trunk 0 aside).
        text = re.sub(r"(?<![0-9+])[14](?=81[ \-(.][0-9(])", "+", text)
        # "+S1-250-62-0000": the 8 of +81 read as an S or a B.
        text = re.sub(r"(?<=\+)[SB](?=1[ \-(.][0-9(])", "8", text)
        # "電話番号 f81 85141515519": the "+" of a vertical "+81" read as a lowercase letter.
        text = re.sub(r"(?<![A-Za-z0-9])[ft](?=81[ \-(][0-9(])", "+", text)
        text = _JP_LOST_TRUNK.sub(_restore_jp_trunk, text)
        text = _JP_DOUBLED_TRUNK.sub(_single_jp_trunk, text)
        text = _JP_LOST_OPENING.sub(_restore_jp_opening, text)
        text = _JP_SPECK_DIGIT.sub(_drop_speck_digit, text)
        text = _S_AMONG_DIGITS.sub(_eight_for_s, text)
        text = _MOBILE_CODE_ZERO_TWICE.sub(_mobile_code_once, text)
        text = _MOBILE_CODE_NINES.sub(_mobile_code_of_nines, text)
        text = _JP_GLYPH_FOR_DASH.sub(_dash_for_glyph, text)
        text = _JP_LABEL_AS_DIGITS.sub(_without_label_digits, text)
    elif ocr:
        text = _plus_read_as_digit(text, region)
    if ocr:
        text = _G_AMONG_DIGITS.sub(lambda match: _six_for_g(match, region), text)
        text = _LABEL_COLON_AS_ONE.sub(lambda match: _colon_for_one(match, region), text)
        text = _COMMA_IN_NUMBER.sub(lambda match: _comma_for_dot(match, region), text)
        text = _ONE_READ_AS_END_BRACKET.sub(lambda match: _one_for_end_bracket(match, region), text)
        text = _FAX_READ_AS_GLYPHS.sub(lambda match: "F".ljust(len(match.group())), text)
    labels = _label_spans(text)
    found: list[PhoneMatch] = []
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        number = match.number
        nanp_shape = _NANP_SHAPE.fullmatch(match.raw_string) is not None
        # A Japanese number printed without +81 starts with its trunk 0.
        no_trunk = region == "JP" and not match.raw_string.lstrip("(").startswith(("0", "+"))
        if region != "US" and nanp_shape and (no_trunk or not phonenumbers.is_valid_number(number)):
            # "(312) 352-9610" on a card whose country was guessed wrong: the
            # North American shape (no trunk 0) is valid there and nowhere else.
            nanp = phonenumbers.parse(match.raw_string, "US")
            if phonenumbers.is_valid_number(nanp):
                number = nanp
        raw, start, end = match.raw_string, match.start, match.end
        # ("0 020-3908-5299": a label read as a 0 makes 00, the international prefix; +20 is Egypt.)
        abroad = re.match(r"[0-9]\s+0[1-9]", raw) is not None and not _in_region(number, region)
        if ocr and (abroad or not phonenumbers.is_valid_number(number)):
            number, raw, cut = _without_stray_group(number, raw, region)
            start += cut
            end = start + len(raw)
        extension = number.extension or None
        ext_match = _EXTENSION.match(text, end) if extension is None else None
        if ext_match:
            extension = ext_match.group(1)
            end = ext_match.end()
        number.extension = None
        if ocr and not phonenumbers.is_valid_number(number):
            number = repair_invalid_number(number)
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if not 8 <= len(e164) <= 16:
            continue
        kind = phonenumbers.number_type(number)
        found.append(
            PhoneMatch(
                start=start,
                end=end,
                e164=e164,
                raw=raw,
                extension=extension,
                has_country_code=raw.lstrip("(").startswith("+"),
                valid=phonenumbers.is_valid_number(number),
                mobile=kind in (PhoneNumberType.MOBILE,),
            )
        )
    labelled = [_with_label(m, i, found, labels, text, line_label) for i, m in enumerate(found)]
    if ocr:
        labelled = [_fax_by_misread_label(m, i, labelled, text) for i, m in enumerate(labelled)]
        labelled = [_mobile_code_mended(m) if region == "JP" else m for m in labelled]
    return [m for m in labelled if _long_enough(m)]


# "M107 83 79 54 12": the colon after a one-letter label read as a 1 before the trunk 0.
_LABEL_COLON_AS_ONE = re.compile(r"(?<![A-Za-z0-9])([A-Z])1(0[1-9][0-9 .-]{7,}[0-9])(?![0-9])")


def _colon_for_one(match: re.Match[str], region: str) -> str:
    return match.group(1) + mended_if_valid("1" + match.group(2), " " + match.group(2), region)


def _without_stray_group(
    number: phonenumbers.PhoneNumber, raw: str, region: str
) -> tuple[phonenumbers.PhoneNumber, str, int]:
    """A number without a lone digit or two set off at its end or start, when that makes it valid.

    Tried on invalid numbers, and on valid ones abroad that start with a lone digit before a
    trunk 0 (the card's own country's number, read with a label as a digit).

    "+81 11-511-7896 1Cell:…": a bar between two numbers read as a digit joined the first;
    "10 028-916-9766": a label read as digits before a number printed with its trunk 0.

    Returns:
        The number, its text and how many characters were cut from the start.
    """
    trailing = re.search(r"\s[0-9]{1,2}$", raw)
    if trailing is not None:
        cut = _valid_or_none(raw[: trailing.start()], region)
        if cut is not None:
            return cut, raw[: trailing.start()], 0
    leading = re.match(r"[0-9]{1,2}\s+(?=\(?0)", raw)
    if leading is not None:
        cut = _valid_or_none(raw[leading.end() :], region)
        if cut is not None:
            return cut, raw[leading.end() :], leading.end()
    return number, raw, 0


def _in_region(number: phonenumbers.PhoneNumber, region: str) -> bool:
    return number.country_code == phonenumbers.country_code_for_region(region)


def _valid_or_none(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


# A fax label misread, right before its number: "PAX./+81", "FAYXY054", "FA X/078", "FaxX +81",
# "Fan (042", "fay 312", "Fox. +81", "FiO82", "Fj +1 416", "Fo 079", "Fox | +1" (the
# A, X of FAX or its colon; not Fl, a floor),
# "LF O1 76", "MF +81", "FE 048" (an F beside a speck or an icon read as a
# letter), "E 0748" (the F of "F." read as an E, after another number of the line).
_MISREAD_FAX = re.compile(
    r"(?<![A-Za-z0-9@._-])([A-Z]?[FP]A ?[A-Z]?X[A-Z]?|Fax[A-Z]|[Ff]a[a-z]|Fox|[A-Z]F|F[A-EG-Zijo]|E)"
    # (A bar after a fax label's own letters only: "SF | +1 415", "Tampa, FL | 813" are places.)
    r"[.,]?\s*(?:[:/]|(?<=[Ff]ox|[Ff]ax|FAX)\s?\|)?\s*(?=[+(0-9])"
)
# A fax label read as glyphs that would join the number or the one before it: "777A+81",
# "/ 77 7A/+81" (ファクス in small print, seed 229 #102, #130); "ドド . 0285" (FF down a
# 縦書き card, #14). Put for an F, the length kept.
_FAX_READ_AS_GLYPHS = re.compile(r"(?<![0-9A-Za-z])(?:ドド|7 ?7 ?7? ?A)(?=\s*[.:/]?\s*[+(0-9])")


def _mobile_code_mended(match: PhoneMatch) -> PhoneMatch:
    """An invalid number under a mobile label whose code 070, 080 or 090 lost its 0 to a misread.

    "携帯電話 +81 89 7552 1231" (seed 313 #194): the 0 of 080 read as a 9; with it,
    a valid mobile.
    """
    if match.label != "mobile" or match.valid or not match.e164.startswith("+81") or len(match.e164) != 13:
        return match
    national = match.e164[3:]
    if national[0] not in "789" or national[1] == "0":
        return match
    mended = f"+81{national[0]}0{national[2:]}"
    if not _valid_mobile(mended):
        return match
    return PhoneMatch(**{**match.__dict__, "e164": mended, "valid": True, "mobile": True})


def _valid_mobile(e164: str) -> bool:
    number = phonenumbers.parse(e164, None)
    return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) == PhoneNumberType.MOBILE


def _fax_by_misread_label(match: PhoneMatch, index: int, found: list[PhoneMatch], text: str) -> PhoneMatch:
    """``match`` typed fax when it has no label and a misread fax label stands right before it."""
    if match.label is not None or match.mobile:
        return match
    start = found[index - 1].end if index > 0 else 0
    for guess in _MISREAD_FAX.finditer(text, start):
        if guess.end() > match.start or text[guess.end() : match.start].strip(" (（"):
            continue
        if guess.group(1) == "E" and index == 0:
            continue  # a lone E is a misread F only after another number ("TEL 03-… E 03-…")
        return PhoneMatch(**{**match.__dict__, "label": "fax"})
    return match


_NANP_SHAPE = re.compile(r"\(?[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}")


def _plus_read_as_digit(text: str, region: str) -> str:
    """The "+" before the card's own country code read as a 4 or a 1, put back where that makes a number.

    "C (465) 8247 8899" on a card from Singapore is +65 8247 8899 (seed 229
    #32); a number valid as read stays. (Japan's +81 has its own, wider rule.)
    """
    code = phonenumbers.country_code_for_region(region)
    if not code:
        return text

    def plus(match: re.Match[str]) -> str:
        run = match.group(0)
        return mended_if_valid(run, f"+{code}{match.group(2)}", region).ljust(len(run))

    pattern = rf"(?<![0-9+])\(?[41]({code})\)?([ .-]?[0-9][0-9 .-]{{5,14}}[0-9])"
    return re.sub(pattern, plus, text)

# "FAX 0156. 35, 2918", "+1.303.919,7697": a dot or dash of small print read as a comma.
_COMMA_IN_NUMBER = re.compile(r"\+?\(?[0-9][0-9 ().-]*[0-9](?:, ?[0-9][0-9 ().-]*[0-9])+")


def _comma_for_dot(match: re.Match[str], region: str) -> str:
    """The run with its commas as dashes, when that makes one valid number and no piece is one.

    Two numbers a comma lists ("03-1234-5678, 03-1234-5679") stay apart.
    """
    run = match.group(0)
    joined = run.replace(",", "-")
    if is_valid_phone(joined, region) and not any(is_valid_phone(part, region) for part in run.split(",")):
        return joined
    return run


#: At most this many digits "1" are taken out of an invalid number (dashes OCR read as "1").
_MAX_ONES_DROPPED: Final = 3


def repair_invalid_number(number: phonenumbers.PhoneNumber) -> phonenumbers.PhoneNumber:
    """The valid number an invalid one most likely was, or the number unchanged.

    OCR reads the dashes of a vertical or small-print number as "1"
    (``+81 97-106-9070`` → ``+81 97110619070``) and keeps the trunk "0" that a
    ``(0)`` or a doubled "O0" left after the country code (``+81 006 3689
    3124``). Leading zeros after the country code are dropped first, then the
    fewest "1" digits whose removal makes libphonenumber call the number
    valid. When several different numbers qualify, the one whose groups
    (the digits between the dropped "1"s) are the country's standard grouping
    wins (``011181618567`` → ``011-816-8567``), else the one whose groups are
    that grouping with some separators missing; if none or several do,
    nothing is guessed.
    """
    cc = number.country_code
    nsn = phonenumbers.national_significant_number(number)
    if not cc or not nsn:
        return number

    def valid(digits: str) -> phonenumbers.PhoneNumber | None:
        try:
            candidate = phonenumbers.parse(f"+{cc}{digits}", None)
        except NumberParseException:
            return None
        return candidate if phonenumbers.is_valid_number(candidate) else None

    stripped = nsn.lstrip("0")
    if stripped != nsn and (found := valid(stripped)) is not None:
        return found
    ones = [i for i, ch in enumerate(stripped) if ch == "1"]
    for dropped in range(1, _MAX_ONES_DROPPED + 1):
        results: dict[str, phonenumbers.PhoneNumber] = {}
        # By how well the groups between the dropped 1s fit the standard grouping: exactly, or coarser.
        fits: tuple[dict[str, phonenumbers.PhoneNumber], ...] = ({}, {})
        for combo in itertools.combinations(ones, dropped):
            digits = "".join(ch for i, ch in enumerate(stripped) if i not in combo)
            if len(digits) < 6:
                continue
            found = valid(digits)
            if found is not None:
                results[digits] = found
                fit = _grouping_fit(found, _cut_at(stripped, combo))
                if fit:
                    fits[fit - 1][digits] = found
        if len(results) == 1:
            return next(iter(results.values()))
        for fitting in reversed(fits):
            if len(fitting) == 1:
                return next(iter(fitting.values()))
            if fitting:
                break
        if results:
            return number  # ambiguous: leave it for review
    return number


def _cut_at(digits: str, at: tuple[int, ...]) -> list[str]:
    """``digits`` split at the positions ``at``, the characters there dropped."""
    bounds = [-1, *at, len(digits)]
    return [digits[a + 1 : b] for a, b in itertools.pairwise(bounds)]


def _grouping_fit(number: phonenumbers.PhoneNumber, groups: list[str]) -> int:
    """How ``groups`` fit the digit groups of ``number``'s national format (trunk prefix aside).

    2: the same groups ("11-816-8567" for 011-816-8567); 1: the same with some
    of its separators missing ("25134-2303" for 0251-34-2303); 0: neither.
    """
    national = re.findall(r"[0-9]+", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    if not national or "" in groups:
        return 0
    region = phonenumbers.region_code_for_number(number)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
    national_prefix = (metadata.national_prefix or "") if metadata is not None else ""
    if national_prefix and national[0].startswith(national_prefix):
        national[0] = national[0][len(national_prefix) :]
    if national == groups:
        return 2
    ends = set(itertools.accumulate(len(g) for g in national))
    return 1 if set(itertools.accumulate(len(g) for g in groups)) <= ends else 0


def _long_enough(match: PhoneMatch) -> bool:
    # libphonenumber's "possible" accepts short numbers that on a card are
    # postcodes, years or street numbers ("10117 Berlin"); without a label or
    # a +CC, a number needs the length of a real subscriber number.
    digits = sum(ch.isdigit() for ch in match.raw)
    if match.label is not None or match.has_country_code:
        return digits >= 7
    # (In countries whose numbers all have 8 digits, a valid one is long enough.)
    return digits >= 9 or (digits >= 8 and match.valid and match.e164.startswith(_EIGHT_DIGIT_PLANS))


#: Singapore, Hong Kong, Denmark, Norway: every number has 8 digits.
_EIGHT_DIGIT_PLANS: Final = ("+65", "+852", "+45", "+47")


def _with_label(
    match: PhoneMatch,
    index: int,
    found: list[PhoneMatch],
    labels: list[tuple[int, int, PhoneType]],
    text: str,
    line_label: PhoneType | None,
) -> PhoneMatch:
    label = _trailing_label(match, labels, text)
    if label is None:
        previous = found[index - 1] if index > 0 else None
        previous_end = previous.end if previous else 0
        before = [
            (start, kind)
            for start, end, kind in labels
            if start >= previous_end and end <= match.start + 1
            and not (previous and _trailing_label(previous, labels, text) and start < previous_end + 3)
        ]
        label = before[-1][1] if before else None
    if label is None and index == 0:
        label = line_label
    return PhoneMatch(**{**match.__dict__, "label": label})


def _trailing_label(
    match: PhoneMatch, labels: list[tuple[int, int, PhoneType]], text: str
) -> PhoneType | None:
    # "03-1234-5678(代表)": a label in brackets right after the number is its own.
    for start, _end, kind in labels:
        gap = text[match.end : start]
        if 0 < start - match.end <= 2 and gap.strip() in ("(", "（"):
            return kind
    return None


def find_phones(text: str, *, region: str = "JP") -> list[Phone]:
    """Phones in ``text``, typed by their labels (see :func:`find_phone_matches`).

    Args:
        text: Text with one or more numbers and their labels.
        region: ISO country for numbers printed without ``+CC``.

    Returns:
        One :class:`Phone` per number, in text order.
    """
    return [m.to_phone() for m in find_phone_matches(text, region=region)]


def phone_parse_error(text: str, *, region: str = "JP") -> str | None:
    """Why libphonenumber rejects ``text`` (the ``error_type`` name), or None if it parses."""
    try:
        phonenumbers.parse(text, region)
    except NumberParseException as e:
        return _error_name(e)
    return None


_PLAIN_NUMBER = re.compile(r"\+?[\d\s().-]{6,24}")


def normalize_phone(raw: str, *, region: str = "JP") -> str:
    """One phone number as E.164 (an extension, if any, is left out: see :func:`split_phone`).

    Numbers libphonenumber deems invalid but *possible* (fictional area codes,
    ``+44 (0) 20 ...``) are kept, because cards do print them.

    Args:
        raw: The number as printed or typed (labels and an extension allowed).
        region: ISO country for numbers without ``+CC``.

    Returns:
        The E.164 string, e.g. ``"+81312345678"``.

    Raises:
        InvalidPhone: Not a phone number; ``reason`` carries libphonenumber's error type.
    """
    return split_phone(raw, region=region)[0]


def split_phone(raw: str, *, region: str = "JP") -> tuple[str, str | None]:
    """One phone number as E.164 and its extension.

    The extension is read in the forms cards and address books write it:
    ``内線123``, ``(内線 123)``, ``ext. 45``, ``x45``, ``#45`` and RFC 3966's ``;ext=45``.

    Args:
        raw: The number as printed or typed (labels allowed).
        region: ISO country for numbers without ``+CC``.

    Returns:
        ``(e164, extension)``, e.g. ``("+81312345678", "123")``; the extension is None
        when there is none.

    Raises:
        InvalidPhone: Not a phone number; ``reason`` carries libphonenumber's error type.
    """
    text = nfkc(raw)
    if _PLAIN_NUMBER.fullmatch(text):
        # The common case (a number alone, already E.164 or national): parse it directly,
        # the matcher below costs ten times more and finds the same valid number.
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, PhoneNumberFormat.E164), None
    # Typed numbers are kept as typed: only the OCR of a card gets its digits repaired.
    matches = find_phone_matches(text, region=region, ocr=False)
    if matches:
        return matches[0].e164, matches[0].extension
    try:
        number = phonenumbers.parse(repair_phone_text(text), region)
    except NumberParseException as e:
        reason = _error_name(e)
        log.debug("phone %r rejected: %s", raw, reason)
        raise InvalidPhone(raw, reason) from e
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone(raw, str(phonenumbers.is_possible_number_with_reason(number)))
    extension = number.extension or None
    number.extension = None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164), extension


def _error_name(error: NumberParseException) -> str:
    names = {
        NumberParseException.INVALID_COUNTRY_CODE: "INVALID_COUNTRY_CODE",
        NumberParseException.NOT_A_NUMBER: "NOT_A_NUMBER",
        NumberParseException.TOO_SHORT_AFTER_IDD: "TOO_SHORT_AFTER_IDD",
        NumberParseException.TOO_SHORT_NSN: "TOO_SHORT_NSN",
        NumberParseException.TOO_LONG: "TOO_LONG",
    }
    return names.get(error.error_type, str(error.error_type))


def region_of_e164(e164: str) -> str | None:
    """The main ISO country of an E.164 number's country code (``"+81..."`` → ``"JP"``), or None.

    The main country, not the most precise one: ``+44 7911`` is a Guernsey
    range, but a card that prints it is a British card.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return None
    if number.country_code is None:
        return None
    region = phonenumbers.region_code_for_country_code(number.country_code)
    return str(region) if region and region != "ZZ" else None


# ------------------------------------------------------------------ emails

_MISSING_DOT = re.compile(r"(?<=\.)(co|or|ne|ac|go|com)(jp|uk|au|sg|nz)$", re.IGNORECASE)
_AT_LOOKALIKES = re.compile(r"\s*(?:[@©®]|\(at\)|\[at\])\s*", re.IGNORECASE)
_DOT_SPACES = re.compile(r"\s*\.\s*")
#: An email address as OCR may print it: spaces around "@" and dots, "©" for "@".
EMAIL_RE: Final = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+'-]*(?:\s?\.\s?[A-Za-z0-9_%+'-]+|(?<=[A-Za-z]),[A-Za-z][A-Za-z0-9_%+'-]*"
    r"|(?<=[A-Za-z0-9]_)\s[A-Za-z0-9][A-Za-z0-9_%+'-]*)*"
    r"\s*(?:[@©®]|\(at\))\s*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\s?[.,]\s?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?![\w.+-]*@))*"
    r"(?:\s?[.,]\s?[A-Za-z]{2,}(?![\w.+-]*@)|\s(?i:com|jp|fr|de|uk|net|org|io|ca|au|sg)\b|(?<=[a-z0-9])(?:jp|com)\b)",
)


def normalize_email(raw: str) -> str | None:
    """An email address, lowercased and syntax-checked, with OCR slips repaired.

    Repairs ``©``/``®`` read for ``@``, spaces around ``@`` and dots, a leading
    label (``E-mail:``) and trailing punctuation.

    Args:
        raw: The address as printed or typed.

    Returns:
        The address in lower case, or None if it is not a valid address.
    """
    text = nfkc(raw)
    text = EMAIL_LABEL_RE.sub("", text) if not EMAIL_RE.match(text) else text
    text = _AT_LOOKALIKES.sub("@", text)
    text = _DOT_SPACES.sub(".", text)
    if "@" in text:
        local, _at, domain = text.rpartition("@")
        local = local.replace(",", ".")  # "c,sugiyama": a dot read as a comma
        # OCR reads dots as commas and drops the dot of ".co.jp": repair the domain only.
        domain = re.sub(r"\s*,\s*|\s+", ".", domain.strip())
        domain = _MISSING_DOT.sub(lambda m: m.group(1) + "." + m.group(2), domain)
        domain = re.sub(r"\.ip$", ".jp", domain, flags=re.IGNORECASE)
        # "next-solutions.c.co.jp": the c of .co read twice, once as a label of its own.
        domain = re.sub(r"(?<=[a-z0-9])\.([a-z])\.(?=\1[a-z]\.[a-z]{2}$)", ".", domain, flags=re.IGNORECASE)
        # "shinsei-denkijp": a domain without any dot lost the one before its TLD.
        domain = re.sub(r"^([a-z0-9-]{3,}?)(jp|com)$", r"\1.\2", domain) if "." not in domain else domain
        text = f"{local}@{domain}"
    text = re.sub(r"\s+", "", text).strip(".,;:()<>[]'\"")
    text = text.replace("..", ".").lower()
    if text.count("@") != 1 or not _tld_exists(text.rpartition(".")[2]):
        return None
    return validated_email(text)


def _tld_exists(tld: str) -> bool:
    """False for a two-letter top-level domain that is no country's.

    "wa" of "M@ Seattle, WA 98183" (an icon read as "M@") makes no address.
    Longer endings are left to the caller: OCR garbles them ("cojjp") in
    ways a reader can put right (:func:`is_real_host` checks the result).
    """
    return len(tld) != 2 or _suffix_list().is_public(tld.lower(), accept_unknown=False)


@functools.cache
def _suffix_list() -> PublicSuffixList:
    """The Public Suffix List bundled with the package, its ICANN part: every real top-level domain."""
    return PublicSuffixList(only_icann=True)


def is_real_host(host: str) -> bool:
    """Whether ``host`` lies under a real public suffix (.com, .co.jp, .tokyo) and is more than the suffix.

    OCR makes hosts up out of misread print: "nagaoka-shi.niigata" and "austin.tx" from
    an address line behind an icon read as "@", "yamato-ad.cajp" for yamato-ad.co.jp,
    "www.kestrel" with its ".io" lost; "co.uk" is what is left of a host whose name
    was lost. A typed address is only syntax-checked (:func:`normalize_email`): this
    check is for what a card is read to hold, once its slips are put right.
    """
    host = host.lower().rstrip(".")
    return _suffix_list().publicsuffix(host, accept_unknown=False) not in (None, host)


@functools.lru_cache(maxsize=1 << 14)
def validated_email(text: str) -> str | None:
    """``text`` checked by email-validator's syntax rules (no repairs), lowercased; else None.

    Cached: the check costs more than all the repairs of :func:`normalize_email`, and an
    address recurs on every card of its owner (a mailbox on every colleague's).
    """
    try:
        info = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    return str(info.normalized).lower()


# ------------------------------------------------------------------ URLs

_URL_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$")
#: A URL as printed: with a scheme, or starting ``www.``, or a bare host with a common TLD.
URL_RE: Final = re.compile(
    r"(?:https?\s?:?\s?/[/A]?\s?(?:[mvw]{3}(?:\s?[.,]\s?|\s))?|www\s?[.,]\s?)"
    r"[A-Za-z0-9-]+(?:(?:\s?\.\s?|,(?!\s))[A-Za-z0-9-]+)*"
    r"(?:\s?\.\s?[A-Za-z]{2,}|\.\s?[\]\[|}{]p\b|,(?:com|net|org|jp|de|fr|uk|io|au|ca|sg)\b)(?::[0-9]+)?(?:/[^\s]*)?"
    r"|(?<![@\w.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|jp|co\.jp|io|ai|dev|app|biz|info|"
    r"co\.uk|de|fr|uk|us|au|ca|eu|tech|inc|ne\.?jp|or\.?jp|ac\.jp|go\.jp|cojp|sg|com\.sg|com\.au|ch|at|nl)"
    r"(?![\w@])(?:/[^\s]*)?",
    re.IGNORECASE,
)


def repair_url_text(text: str) -> str:
    """Undo OCR slips in a printed web address.

    ``https:/Awww`` and ``http: //`` (a misread or spaced ``//``), ``nttp``, ``mww.`` for
    ``www.``, commas for dots and spaces around dots in the host.
    """
    text = text.strip()
    # "nttp //stonebridge io/": the h of the scheme read as an n.
    text = re.sub(r"^n(?=ttps?\s*[:;]?\s*/)", "h", text)
    text = re.sub(r"^(https?)\s*[:;]?\s*/?[/A]?\s*(?=[A-Za-z])", r"\1://", text, flags=re.IGNORECASE)
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "", text
    host, slash, path = rest.partition("/")
    host = re.sub(r"\s*[.,]\s*", ".", host.strip())
    host = re.sub(r"^(?:[mvw]ww|w[mv]w|ww[mv])(?=[.\s])", "www", host, flags=re.IGNORECASE)
    host = re.sub(r"^www\s+", "www.", host, flags=re.IGNORECASE)
    # "wwwyamato-ad.jp": the dot after "www" lost.
    host = re.sub(r"^(www)(?=[a-z0-9-]+\.[a-z])", r"\1.", host, flags=re.IGNORECASE)
    # "global.cojp", "kansai-pharma.]p": the dot of a second-level domain lost, "j" read as a bracket.
    host = re.sub(r"(?<=\.)[\]\[|}{]p$", "jp", host)
    host = _MISSING_DOT.sub(lambda m: m.group(1) + "." + m.group(2), host)
    # "SAKURACHE MICAL COM": the last dot read as a space; ".ip" (no such domain) is ".jp".
    host = re.sub(r"\s+(com|net|org|jp|io)$", r".\1", host, flags=re.IGNORECASE)
    host = re.sub(r"\.ip$", ".jp", host, flags=re.IGNORECASE)
    return (scheme + sep if sep else "") + host + slash + path


def normalize_url(raw: str) -> str | None:
    """A web address with a scheme (``https://`` when none was printed) and a lowercase host.

    Args:
        raw: The address as printed (``www.example.co.jp``, ``URL: https://Example.com/jp``).

    Returns:
        The URL, path kept as printed, or None if there is no plausible host.
    """
    text = nfkc(raw)
    unlabelled = URL_LABEL_RE.sub("", text)
    # "HP.com", "Web.de": a host that starts like a label keeps it when nothing host-like is left.
    text = repair_url_text(unlabelled if "." in unlabelled or "//" in unlabelled else text)
    text = re.sub(r"\s+", "", text).rstrip(".,;:)]}>\"'").lstrip("(<[\"'")
    if not text:
        return None
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    # "URL www keystonestudio.com" with its spaces gone: the label and the dot after www.
    host = re.sub(r"^(?:url|web|hp)(?=www)", "", host)
    host = re.sub(r"^www(?=[a-z0-9-]{3,}\.)", "www.", host)
    # "MIRAIINSATSU.CO. JP. jp/": the last label read twice.
    host = re.sub(r"\.(jp|com|net|org|io|au|uk)\.\1$", r".\1", host)
    if parts.scheme.lower() not in ("http", "https") or not _URL_HOST.match(host):
        return None
    if _suffix_list().is_public(host, accept_unknown=False):
        return None  # "co.uk" alone is what is left of a misread host
    if host.startswith("www.") and "." not in host[4:] and len(host) <= 6:
        return None  # "www.st": the start of a host whose end OCR lost ("www.com" is a host)
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


# ------------------------------------------------------------- postal codes

_JP_CODE = re.compile(r"^(?:〒|T|干|=|〶|〠)?\s*([0-9]{3})\s*-?\s*([0-9]{4})$")
_UK_CODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalize_postal_code(raw: str, *, country: str | None = None) -> str | None:
    """A postal code: Japan as ``NNN-NNNN``, elsewhere as printed (spacing tidied).

    Args:
        raw: The code as printed (``〒100-0005``, ``１００００００５``, ``w2 6bd``).
        country: ISO country when known; without it a 7-digit code is taken as Japanese.

    Returns:
        The code, or None if nothing is left (or, in Japan, no ``NNN-NNNN`` code is).
    """
    text = nfkc(raw)
    while True:  # strip marks and punctuation in any order, until nothing changes
        stripped = text.strip(" ,.").lstrip("〒").strip()
        if stripped == text:
            break
        text = stripped
    match = _JP_CODE.match(text)
    if match and country in (None, "JP"):
        return f"{match.group(1)}-{match.group(2)}"
    if country == "JP":
        return None  # a Japanese code is seven digits; anything else is no code
    upper = text.upper()
    uk = _UK_CODE.match(upper)
    if uk and country in (None, "GB"):
        return f"{uk.group(1)} {uk.group(2)}"
    if country in ("CA", "GB", "NL"):
        text = upper
    return text or None


# ------------------------------------------------------------------ addresses

_LEADING_POSTAL = re.compile(r"^(?:〒|〶|〠)\s*(?:[0-9]{3}\s*-?\s*[0-9]{4})?\s*")
_LEADING_JP_CODE = re.compile(r"^(?:T|干|=)?\s*[0-9]{3}-[0-9]{4}\s+")


def postal_code_in_address(raw: str) -> str | None:
    """The Japanese postal code an address starts with ("〒100-0001 東京都…"), as ``NNN-NNNN``, or None.

    :func:`normalize_address` takes it off the address; a caller with no
    postal code of its own keeps it from here.
    """
    found = _ADDRESS_JP_CODE.match(nfkc(raw.replace("\n", " ")).strip())
    if found is None:
        return None
    digits = [g for g in found.groups() if g]
    return f"{digits[0]}-{digits[1]}"


# After a 〒, with or without its dash; unmarked (or a 〒 read as T or 干), only with it.
_ADDRESS_JP_CODE = re.compile(
    r"^(?:[〒〶〠]\s*([0-9]{3})\s*-?\s*([0-9]{4})|(?:T|干)?\s*([0-9]{3})-([0-9]{4}))(?![0-9-])"
)


def normalize_address(raw: str, *, ocr: bool = True) -> str:
    """A postal address without its postal code or a leading ``〒``.

    NFKC (full-width digits and letters to ASCII), dashes between numbers as
    ``-`` with no spaces around them, lines joined with one space.

    Args:
        raw: The address, possibly over several lines.
        ocr: Also undo what OCR makes of a Japanese card's address (another
            address read after it, specks read as letters: :func:`_one_japanese_address`);
            off for addresses people typed.

    Returns:
        The normalised address ("" if nothing is left).
    """
    text = nfkc(raw.replace("\n", " "))
    for _ in range(3):
        new = _LEADING_POSTAL.sub("", text)
        new = _LEADING_JP_CODE.sub("", new)
        new = re.sub(r"^(?:住所|所在地|Address)\s*[:：]?\s*", "", new, flags=re.IGNORECASE)
        new = new.strip(" ,、;")
        if new == text:
            break
        text = new
    text = nfkc(text)
    if _CJK.search(text):
        text = _tidy_japanese_address(text, ocr=ocr)
    return text


_CJK_CLASS = r"\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_CLASS}]")
# OCR puts spaces between kanji and digits that the card did not print.
_CJK_SPACE_DIGIT = re.compile(f"(?<=[{_CJK_CLASS}]) (?=[0-9])")
_DIGIT_SPACE_CJK = re.compile(f"(?<=[0-9]) (?=[{_CJK_CLASS}FＦ])")
_BUILDING_END = re.compile(
    r"(?:ビル|ビルディング|タワー|センター|プラザ|ヒルズ|館|棟|ハイツ|マンション|BLDG\.?)$"
)


def _after_building(text: str, pos: int) -> bool:
    # Room numbers are set apart from the building name ("XXビル 401号室"); floors are not.
    return bool(_BUILDING_END.search(text[:pos])) and bool(re.match(r"[0-9]+\s?号室", text[pos + 1 :]))


# The block number (丁目・番地・号) ends the street part; a building name follows it.
_BLOCK = re.compile(
    r"(?:[0-9一二三四五六七八九十]+丁目\s?)?[0-9]+(?:-[0-9]+)+"
    r"|(?:[0-9一二三四五六七八九十]+丁目\s?)?[0-9]+番地?[0-9]+号?"
    r"|(?:[0-9一二三四五六七八九十]+丁目\s?)?[0-9]+番地"
)


_SPLIT_NUMBER = re.compile(r"(?<=[0-9]) (?=[0-9]+(?![0-9]*\s?(?:号室|F|階)))")


def _tidy_japanese_address(text: str, *, ocr: bool = True) -> str:
    if ocr:
        text = _one_japanese_address(text)
        # "大宮町6 」月5番": 丁目 with its 丁 read as a bracket (seed 229 #154).
        text = re.sub(r"(?<=[0-9])\s?」\s?[月日目](?=\s?[0-9])", "丁目", text)
        # "…601974番地 rd スカイセンター15階ced": small Latin letters OCR made of specks.
        text = re.sub(r"(?<=[\u3005\u3040-\u30ff\u3400-\u9fff0-9]) ?[a-z]{2,4}$| [a-z]{2,3}(?= )", "", text)
    # "扇田町 2 9 番地 2 3": OCR splits numbers; a card never prints a space inside one.
    text = _SPLIT_NUMBER.sub("", text)
    # "XXビル 5F" keeps a space the card (probably) printed; elsewhere a space
    # between kanji and a digit is OCR's doing.
    text = _CJK_SPACE_DIGIT.sub(lambda m: " " if _after_building(text, m.start()) else "", text)
    text = _DIGIT_SPACE_CJK.sub("", text)
    match = _BLOCK.search(text)
    if match and match.end() < len(text):
        rest = text[match.end() :].lstrip()
        # Only a building/floor part after the block gets its own space.
        if rest and not rest[0].isdigit() and rest[0] not in "-号番丁":
            text = text[: match.end()] + " " + rest
    return text


def _one_japanese_address(text: str) -> str:
    """``text`` cut to one address: from its prefecture (a garbled postal code before it goes) to the next.

    "T99B-O10] 山形県…": a postal code OCR garbled is no part of the address;
    "…住友ビル19F 190-1211東京都西多摩郡…" holds a branch's address after the
    office's, "…越戸5丁目22-20 栃木県字都宮" the start of the address read twice
    (seed 229 #121, #102, #27).
    """
    prefectures = list(PREFECTURE_RE.finditer(text))
    if not prefectures:
        return text
    head = text[: prefectures[0].start()]
    if head and len(head.strip()) <= 10 and re.search(r"[0-9]", head) and not _CJK.search(head):
        text = text[prefectures[0].start() :]
        prefectures = list(PREFECTURE_RE.finditer(text))
    for later in prefectures[1:]:
        start = later.start()
        code = re.search(r"(?:[〒T7]\s?)?[0-9]{3}-?[0-9]{4}\s?$", text[:start])
        if code:
            # (With the branch's name before its code: "…5-25-5 大阪支社028-1371岩手県…".)
            return _BRANCH_AT_END.sub("", text[: code.start()].rstrip()).rstrip(" ,、")
        if later.group() == prefectures[0].group():
            # The start read twice: that run goes, a building after it stays.
            end = text.find(" ", start)
            return (text[:start].rstrip(" ,、") + (text[end:] if end > 0 else "")).strip()
    return text


_BRANCH_AT_END = re.compile(r"\s?[^\s0-9]{0,8}(?:支社|支店|営業所|出張所|オフィス|事務所|工場|本社|本店)$")


def join_words(words: Sequence[str]) -> str:
    """Join Tesseract's words into a line, without the spaces it puts between CJK characters.

    Tesseract cuts Japanese into one "word" per character or two, and its
    word boxes are too rough to tell a printed space from a cut, so every
    space between two CJK characters goes (the parser splits names by
    dictionary). Spaces between Latin words, and between CJK and Latin or
    digits, are kept as Tesseract saw them.

    Args:
        words: Word texts of one line in reading order.

    Returns:
        The line text.
    """
    return _SPACE_BETWEEN_CJK.sub("", " ".join(w for w in words if w)).strip()
