"""Kanji forms of names that Tesseract cannot output, told from the print itself.

Family names are often printed in an old or variant form: 髙橋 for 高橋, 﨑田 for
崎田, 𠮷田 for 吉田. Tesseract's ``jpn`` model has no such glyph in its
character set, so it reads the common form and the name on the card is lost.
Where a name holds a glyph with such a variant, the glyph's ink is cut out of
the card and compared with both forms as the installed CJK fonts draw them;
the variant is taken only when it fits clearly better than the common form.

Pure image work (numpy, OpenCV, Pillow); no Tesseract call.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from cardscan.ocr import glyphs_cut_apart

GrayArray = npt.NDArray[Any]

#: The common form Tesseract reads, and the forms outside its character set a name may print instead.
VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "高": ("髙",),
    "崎": ("﨑",),
    "吉": ("𠮷",),
    "徳": ("德",),
    "辺": ("邉",),
    "邊": ("邉",),
    "斉": ("齊",),
}
#: Where fonts are looked for (Debian's packages install them here).
FONT_DIRS: Final = ("/usr/share/fonts", "/usr/local/share/fonts")
# Glyphs are compared as blurred squares of this many pixels a side.
_SIDE = 48
_RENDER_SIZE = 96
# A form is taken when its best fit over the fonts reaches this correlation and
# beats the other form's best by this margin (clean prints fit the right form at
# 0.93-0.98 and the wrong one at 0.80-0.91; a blurred photo 0.71 against 0.63).
_LEAST_FIT = 0.65
_MARGIN = 0.05
# A cell this much wider than the print is tall costs four times as much (two glyphs in one).
_WIDE_CELL = 1.2


def with_variants(name: str, line_text: str, ink: GrayArray, *, vertical: bool) -> str:
    """``name`` with each glyph that has a variant form as the line's print shows it.

    Args:
        name: The name as read ("高橋 芽衣").
        line_text: The text of the line the name was read from, spaces aside
            holding only the glyphs of ``ink``.
        ink: The line's ink (non-zero) on zero, as printed (a 縦書き column runs down).
        vertical: Whether the line runs down.

    Returns:
        The name, with variant forms where the print fits them clearly better.
    """
    compact = name.replace(" ", "")
    text = line_text.replace(" ", "")
    if not any(glyph in VARIANTS for glyph in compact) or compact not in text:
        return name
    cells = glyph_cells(np.ascontiguousarray(ink.T) if vertical else ink, len(text))
    if not cells:
        return name
    offset = text.index(compact)
    out = list(compact)
    for k, glyph in enumerate(compact):
        if glyph not in VARIANTS:
            continue
        start, end = cells[offset + k]
        cell = ink[start:end, :] if vertical else ink[:, start:end]
        out[k] = best_form(cell, glyph)
    spelt = iter(out)
    return "".join(ch if ch == " " else next(spelt) for ch in name)


def glyph_in_print(
    line_text: str, ink: GrayArray, index: int, read: str, others: Sequence[str], *, vertical: bool
) -> str:
    """The glyph printed at ``index`` of a line: ``read``, or the one of ``others`` its ink fits clearly best.

    For a glyph Tesseract misread as another that it does know (夢 for 蓮) when
    the card says which others it may be (the romaji of a name). The best of
    ``others`` is taken when it fits the print well, clearly better than
    ``read``, and better than the next best of them.

    Args:
        line_text: The line's text, spaces aside holding only the glyphs of ``ink``.
        ink: The line's ink (non-zero) on zero, as printed (a 縦書き column runs down).
        index: Which glyph of ``line_text`` (spaces not counted).
        read: The glyph read there.
        others: What else it may be.
        vertical: Whether the line runs down.
    """
    text = line_text.replace(" ", "")
    cells = glyph_cells(np.ascontiguousarray(ink.T) if vertical else ink, len(text))
    if not cells or not others:
        return read
    start, end = cells[index]
    shape = _normalised((ink[start:end, :] if vertical else ink[:, start:end]) > 0)
    if shape is None:
        return read
    fits = sorted(((_best_fit(shape, other), other) for other in dict.fromkeys(others)), reverse=True)
    best, choice = fits[0]
    runner_up = fits[1][0] if len(fits) > 1 else 0.0
    if best < _LEAST_FIT or best < runner_up + _MARGIN / 2:
        return read
    return choice if best >= _best_fit(shape, read) + _MARGIN else read


def best_form(cell: GrayArray, glyph: str) -> str:
    """``glyph`` or one of its variants, whichever the ink of ``cell`` fits clearly best."""
    shape = _normalised(cell > 0)
    if shape is None:
        return glyph
    common = _best_fit(shape, glyph)
    choice, best = glyph, common
    for variant in VARIANTS.get(glyph, ()):
        fit = _best_fit(shape, variant)
        if fit >= _LEAST_FIT and fit >= common + _MARGIN and fit > best:
            choice, best = variant, fit
    return choice


def glyph_cells(ink: GrayArray, count: int) -> list[tuple[int, int]]:
    """The column ranges of ``count`` glyphs of a line of print across, or [] when it cannot be cut so.

    The line is cut at blank columns into runs (a glyph of separate parts, 崎
    or 川, makes several); runs are grouped into ``count`` cells as close to
    square as they can be (dynamic programming over the groupings), glyphs set
    so close they touch being cut first at their thinnest columns.
    """
    rows = np.flatnonzero(ink.max(axis=1) > 0)
    columns = np.flatnonzero(ink.max(axis=0) > 0)
    if count < 1 or rows.size == 0:
        return []
    size = float(rows[-1] - rows[0] + 1)
    runs = _runs(columns)
    runs = glyphs_cut_apart(runs, np.ascontiguousarray(ink.T), size)
    if len(runs) < count:
        return []
    inf = float("inf")
    cost = [[inf] * (len(runs) + 1) for _ in range(count + 1)]
    back = [[0] * (len(runs) + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for k in range(1, count + 1):
        for i in range(k, len(runs) + 1):
            for j in range(k - 1, i):
                if cost[k - 1][j] == inf:
                    continue
                width = runs[i - 1][1] - runs[j][0]
                penalty = (width / size - 1) ** 2 * (4 if width > _WIDE_CELL * size else 1)
                if cost[k - 1][j] + penalty < cost[k][i]:
                    cost[k][i], back[k][i] = cost[k - 1][j] + penalty, j
    if cost[count][len(runs)] == inf:
        return []
    cells: list[tuple[int, int]] = []
    i = len(runs)
    for k in range(count, 0, -1):
        j = back[k][i]
        cells.append((runs[j][0], runs[i - 1][1]))
        i = j
    return cells[::-1]


def _runs(columns: npt.NDArray[np.intp]) -> list[tuple[int, int]]:
    """Ranges of consecutive inked columns."""
    if columns.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(columns) > 1)
    starts = [int(columns[0]), *(int(columns[b + 1]) for b in breaks)]
    ends = [*(int(columns[b]) + 1 for b in breaks), int(columns[-1]) + 1]
    return list(zip(starts, ends, strict=True))


def _normalised(shape: npt.NDArray[np.bool_]) -> GrayArray | None:
    """The glyph's ink box centred in a square, scaled to ``_SIDE`` and blurred a little."""
    ys, xs = np.nonzero(shape)
    if ys.size == 0:
        return None
    box = shape[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    high, wide = box.shape
    side = max(high, wide)
    square = np.zeros((side, side), np.float32)
    top, left = (side - high) // 2, (side - wide) // 2
    square[top : top + high, left : left + wide] = box
    small = cv2.resize(square, (_SIDE, _SIDE), interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (0, 0), 1.0)


def _best_fit(shape: GrayArray, glyph: str) -> float:
    """The highest correlation of ``shape`` with ``glyph`` as any installed font draws it (0 without one)."""
    return max((_correlation(shape, template) for template in _templates(glyph)), default=0.0)


def _correlation(a: GrayArray, b: GrayArray) -> float:
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / denominator if denominator else 0.0


@functools.cache
def _templates(glyph: str) -> tuple[GrayArray, ...]:
    """``glyph`` drawn by every installed font that has it, normalised like the print."""
    out = []
    for path in _font_files(glyph):
        drawn = _draw(path, glyph)
        if drawn is not None:
            out.append(drawn)
    return tuple(out)


def _font_files(glyph: str) -> tuple[str, ...]:
    """The font files that draw ``glyph``: fontconfig's answer, else every font file installed."""
    try:
        command = ["fc-list", f":charset={ord(glyph):x}", "file"]
        listed = subprocess.run(command, capture_output=True, text=True, timeout=20, check=True).stdout
        return tuple(sorted({line.strip().rstrip(":") for line in listed.splitlines() if line.strip()}))
    except (OSError, subprocess.SubprocessError):
        return tuple(
            sorted(
                str(path)
                for folder in FONT_DIRS
                for suffix in ("ttf", "ttc", "otf")
                for path in Path(folder).rglob(f"*.{suffix}")
            )
        )


def _draw(path: str, glyph: str) -> GrayArray | None:
    """``glyph`` in the font at ``path``, or None when the font lacks it (draws its empty box)."""
    try:
        font = ImageFont.truetype(path, _RENDER_SIZE)
    except OSError:
        return None
    drawn, missing = _ink(font, glyph), _ink(font, "\U0010fffd")
    if drawn is None or (missing is not None and np.array_equal(drawn, missing)):
        return None
    return _normalised(drawn)


def _ink(font: ImageFont.FreeTypeFont, glyph: str) -> npt.NDArray[np.bool_] | None:
    side = _RENDER_SIZE * 3 // 2
    image = Image.new("L", (side, side), 0)
    ImageDraw.Draw(image).text((_RENDER_SIZE // 5, _RENDER_SIZE // 10), glyph, fill=255, font=font)
    ink = np.asarray(image) > 127
    return ink if ink.any() else None


# Blanks bridged, in line heights, while following a glyph a line's box cuts to its end:
# blurred print joins most of a glyph's parts, and glyphs stand 0.07-0.1 apart.
_GLYPH_GAP = 0.05


def line_ink(image: GrayArray, box: Sequence[int], *, vertical: bool = False) -> GrayArray:
    """The ink of a line of ``image`` (dark print on light) inside ``box`` (left, top, width, height).

    OCR's box of a line of blurred print can cut its last glyph (機 of 精機
    left as 木 and half of 幾): where an end of the box cuts through ink, it
    reaches along the line to the end of that ink, over blanks of up to
    ``_GLYPH_GAP`` line heights and half a line height at most. A box that ends
    on a blank (a glyph's parts apart: 亻 and 匕 of 化) stays as it is.
    An empty box gives no ink.
    """
    left, top, width, height = box
    reach = (width if vertical else height) // 2
    if vertical:
        start, end = max(0, top - reach), min(image.shape[0], top + height + reach)
        crop = image[start:end, left : left + width]
    else:
        start, end = max(0, left - reach), min(image.shape[1], left + width + reach)
        crop = image[top : top + height, start:end]
    if crop.size == 0 or width <= 0 or height <= 0:
        return np.zeros((1, 1), np.uint8)
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    inked = ink.max(axis=1 if vertical else 0) > 0
    first, last = (top, top + height) if vertical else (left, left + width)
    lo, hi = first - start, last - start
    # Out from an end of the box that cuts ink, to the glyph's end: over the small gaps
    # between a glyph's parts (木 and 幾), never over a gap between glyphs or words.
    bridge = max(1, round(_GLYPH_GAP * (width if vertical else height)))
    if lo > 0 and inked[lo - 1] and inked[lo]:
        while lo > 0 and inked[max(0, lo - bridge - 1) : lo].any():
            lo -= 1
    if hi < inked.size and inked[hi] and inked[hi - 1]:
        while hi < inked.size and inked[hi : hi + bridge + 1].any():
            hi += 1
    return ink[lo:hi, :] if vertical else ink[:, lo:hi]
