"""Tesseract: the only module of cardscan that runs it.

Every call has a timeout; the version and installed languages are probed once
per process; Tesseract's own failures come out as :class:`OcrUnavailable`
(not installed) or :class:`OcrFailed` (ran and failed), with the original
error chained.

Reading an upright card costs one Tesseract pass. The direction of the text
lines (across or down) comes from OpenCV geometry
(:func:`cardscan.imaging.text_bars`), and the script of lines across from
their ink (:func:`cardscan.imaging.shows_cjk_print`): print with no CJK glyph
is read with ``eng`` alone, anything else (or an unsure ``eng`` reading) with
``jpn+eng``. Orientation detection (OSD) runs only
when the lines run down the card (縦書き, or a card photographed sideways) or
when the first read is poor (upside-down, or a 縦書き card photographed
sideways); the card is then read the way OSD says.

A 縦書き card is read in two passes: its columns, found from the ink's
profile, are pasted side by side on a sheet (big print scaled down to the
rest, wide letter spacing closed up) and read with ``jpn_vert`` as one block
of vertical text; the lines printed across (e-mail, URL) and the columns
``jpn_vert`` read badly, turned upright (Latin printed down the card), are
pasted one under another and read with ``jpn+eng``.

Big print the page read badly (a name, a company read short or as Latin) is
read again on its own, in two views; all the views of a card go to one
Tesseract run (:func:`read_many`), since each run spends about 0.1 s a
language loading its models, more than a band takes to read.

Two fallbacks cost a pass only when needed: text lines that the geometry sees
but automatic layout analysis (psm 3) left out are read again on their own,
and a card on which psm 3 read (almost) nothing is read again as one block
(psm 6).
"""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import logging
import os
import re
import shlex
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pytesseract
from PIL import Image, ImageOps
from rapidfuzz.distance import Levenshtein

from cardscan.config import DEFAULT_SETTINGS, TESSERACT_APT_PACKAGES, Settings
from cardscan.errors import OcrFailed, OcrUnavailable
from cardscan.imaging import GrayArray, shows_cjk_print, text_bars, text_direction
from cardscan.lexicon import (
    DEPT_SUFFIXES_JA,
    EMAIL_LABEL_RE,
    LEGAL_FORMS_JA,
    URL_LABEL_RE,
    WRITTEN_LEGAL_FORMS_JA,
    phone_label_kind,
)
from cardscan.matchkeys import is_generic_mailbox, strip_accents
from cardscan.names import KANA_RE, KANJI_RE, person_name_score
from cardscan.normalize import CJK_CHARS, join_words, nfkc
from cardscan.types import Box, Line, OcrPage, Word

log = logging.getLogger(__name__)

HORIZONTAL_LANGUAGES = "jpn+eng"
VERTICAL_LANGUAGES = "jpn_vert"
# A card printed in Latin script alone (its ink shows no CJK glyph) is read
# with eng alone: jpn+eng misreads some Latin print (Orion Analytcs,
# Softvvare, Martn) and starts twice as slowly. Measured on the English cards
# of two generated sets (seeds 101 and 103, 141 cards): all key fields right
# 0.700 -> 0.733 and 0.627 -> 0.686 (7 cards right more, none less, with
# _accents_added taking eng's own slips; no Japanese card changed), 0.2 s
# less per English card in paired timings.
LATIN_LANGUAGES = "eng"
# A Latin-only reading less sure than this is read again with jpn+eng, as a
# card with CJK print is: the ink test missed the CJK glyphs of a blurred
# photo (eng read 7 such cards of three generated sets at 0.17 to 0.39), or
# the card is upside down (0.09 to 0.32; the poor jpn+eng reading then sends
# read_card to turn it, as before). Upright English cards mostly read at 0.47
# or more; the few below (heavy blur) are read as before.
_LATIN_SURE = 0.45
# A line below this confidence with this many letters in words mostly of
# capitals is CJK print read as Latin, in a Latin-only reading (the card goes
# back to jpn+eng) or in a jpn+eng one (the line is read again by jpn, see
# read_junk_in_japanese). On the Latin-only readings of three generated sets
# (143 English cards, 12 Japanese ones whose ink passed as Latin) it sent 6
# English cards back to jpn+eng ("& COBALT", "URL: WWW. STONEBRIDGE- HEALTH.
# COM.SG") and 5 Japanese ones the overall confidence kept (0.51 to 0.65);
# the other 7 read under _LATIN_SURE.
_LATIN_JUNK = 0.6
_JUNK_LETTERS = 3
_JUNK_CAPITALS = 0.6
_REQUIRED_LANGUAGES = ("eng", "jpn", "jpn_vert")

# psm 3 (automatic layout) keeps the big name line that psm 6 (one uniform
# block) drops on cards mixing 30 px and 70 px print, and unlike psm 11/12
# (sparse text) it keeps words of one printed line in one Tesseract line.
_PSM = 3
# Fallback when psm 3 finds (almost) no text on a card that has text lines.
_PSM_BLOCK = 6
# psm 4: one column of lines of several sizes (a sheet of pasted lines).
_PSM_COLUMN = 4
# psm 13: one raw line, no layout analysis at all.
_PSM_RAW_LINE = 13
# A card with fewer characters read than this was not really read.
_FEW_CHARS = 20
# Tesseract 5 retries every weak line inverted; prepare_for_ocr already made
# all text dark on white, so that retry only costs time.
_BASE_CONFIG = "--oem 1 -c tessedit_do_invert=0"
# White border added around every image read, in pixels.
_MARGIN = 24
# A first read below this (character-weighted mean confidence) asks OSD whether
# the card is turned; blurred but upright photos read at 0.55-0.6.
_LOW_QUALITY = 0.5
# Text-line length down over length across above which a card is read as
# 縦書き; between _DOWN_MAYBE and it, also as 縦書き when the read across is poor.
_DOWN_CARD = 1.3
_DOWN_MAYBE = 0.7
# A first read below this is bad enough to try the card another way round even
# when OSD is unsure.
_POOR = 0.45
# OSD confidence (Tesseract's units) at which its answer is taken without a
# second opinion from reading the card another way round.
_OSD_SURE = 1.0

_CJK_ONLY = re.compile(rf"[{CJK_CHARS}]+")


@dataclass(frozen=True)
class TesseractInfo:
    """What the probe found: the version and the installed language packs."""

    version: str
    languages: frozenset[str]

    def __post_init__(self) -> None:
        if not self.version:
            raise ValueError("empty Tesseract version")

    @property
    def has_osd(self) -> bool:
        return "osd" in self.languages


def readable_glyphs(language: str, settings: Settings = DEFAULT_SETTINGS) -> frozenset[str]:
    """The glyphs Tesseract's model for ``language`` can output at all (its LSTM unicharset).

    jpn has no 紘, 颯 or 竈 among its glyphs: printed, they are read as
    others (統一 for 紘一), however clear the print. Empty when the model's
    file cannot be found or read.
    """
    return _readable_glyphs(settings.tesseract_cmd, language, settings.ocr_timeout)


@functools.cache
def _readable_glyphs(cmd: str, language: str, timeout: float) -> frozenset[str]:
    try:
        listing = subprocess.run(
            [cmd, "--list-langs"], capture_output=True, text=True, timeout=timeout, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    folder = re.search(r'"([^"]+)"', listing)
    path = Path(folder.group(1) if folder else "") / f"{language}.traineddata"
    try:
        data = path.read_bytes()
    except OSError:
        return frozenset()
    # A traineddata file: the number of parts, their offsets (-1: absent), the parts.
    (count,) = struct.unpack_from("<i", data)
    offsets = struct.unpack_from(f"<{count}q", data, 4)
    if count <= _LSTM_UNICHARSET or offsets[_LSTM_UNICHARSET] < 0:
        return frozenset()
    start = offsets[_LSTM_UNICHARSET]
    end = min((o for o in offsets if o > start), default=len(data))
    lines = data[start:end].decode("utf-8", errors="replace").splitlines()[1:]
    return frozenset(line.split(" ", 1)[0] for line in lines if line and line[0] != " ")


# The LSTM model's unicharset among the parts of a traineddata file (TessdataType).
_LSTM_UNICHARSET = 21


def probe(settings: Settings = DEFAULT_SETTINGS) -> TesseractInfo:
    """Check once per process that Tesseract and the needed languages are there.

    Args:
        settings: Names the Tesseract executable.

    Returns:
        The version and installed languages.

    Raises:
        OcrUnavailable: Tesseract or one of eng/jpn/jpn_vert is missing; the
            message names the Debian packages to install.
    """
    return _probe(settings.tesseract_cmd, settings.ocr_timeout)


@functools.cache
def _probe(cmd: str, timeout: float) -> TesseractInfo:
    hint = "install the Debian packages: apt-get install " + " ".join(TESSERACT_APT_PACKAGES)
    _use_command(cmd, 1)
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise OcrUnavailable(f"Tesseract is not installed ({cmd!r} not found); {hint}") from e
    except (pytesseract.TesseractError, OSError) as e:
        raise OcrUnavailable(f"Tesseract does not run: {e}; {hint}") from e
    missing = [lang for lang in _REQUIRED_LANGUAGES if lang not in languages]
    if missing:
        packages = " ".join("tesseract-ocr-" + lang.replace("_", "-") for lang in missing)
        raise OcrUnavailable(
            f"Tesseract language data missing: {', '.join(missing)}; install: apt-get install {packages}"
        )
    return TesseractInfo(version=version, languages=languages)


def read_card(
    prepared: GrayArray, *, dpi: int | None = None, settings: Settings = DEFAULT_SETTINGS
) -> OcrPage:
    """Read the text of a flat, light-corrected card.

    One pass in the script the line geometry and the ink suggest (``eng``
    or ``jpn+eng`` across, ``jpn_vert`` down). Only when that reads badly
    does Tesseract's orientation detection run, and the card is read again
    turned the way it says (upside-down or sideways photos); the better
    reading wins. A reading in Japanese script that shows no phone number or
    postal code has the card read every way round, and a surer reading that
    shows them wins (a 縦書き card lying sideways).

    Args:
        prepared: Output of :func:`cardscan.imaging.prepare_for_ocr`.
        dpi: Resolution of ``prepared`` when known (a whole card warped to a
            known size); None lets Tesseract estimate it from the glyphs.
        settings: Timeout and executable.

    Returns:
        The lines read, with boxes in the coordinates of the image that was
        read (``prepared`` turned by ``OcrPage.rotation`` degrees clockwise).

    Raises:
        OcrUnavailable: Tesseract or a language pack is missing.
        OcrFailed: Tesseract failed or timed out.
    """
    info = probe(settings)
    use_osd = settings.osd and info.has_osd
    readings: list[OcrPage] = []

    def good_at(rotation: int) -> bool:
        if any(page.rotation == rotation for page in readings):
            return False
        readings.append(_read_turned(prepared, rotation, dpi=dpi, settings=settings))
        return page_quality(readings[-1]) >= _LOW_QUALITY

    if text_direction(prepared) == "vertical":
        # Lines running down are 縦書き or a card photographed sideways (the
        # commoner case); OSD, cheaper than a read in the wrong script, says
        # which way. On blurred photos it is often right about a sideways card
        # even when unsure, so its direction is tried first, the opposite next.
        turn, sure = _osd_rotation(prepared, settings) if use_osd else (0, 0.0)
        if turn in (90, 270):
            order = [turn, (turn + 180) % 360, 0]
        elif turn == 180:
            # A 縦書き card upside down: read that way first when OSD is sure of it.
            order = [180, 0] if sure >= _OSD_SURE else [0, 180, 90, 270]
        else:
            order = [0] if sure >= _OSD_SURE else [0, 90, 270]
    else:
        order = [0]
        # (The well-read Latin lines of a card read the wrong way round, its
        # e-mail and web address, can lift the page over the bar while its
        # Japanese reads as junk: seed 79 #84 once the defocus is undone.)
        poor = not good_at(0) or _japanese_quality(readings[0]) < _LOW_QUALITY
        sideways = _latin_running_down(readings[0])
        if (poor or sideways) and readings[0].lines:
            quality = page_quality(readings[0])
            turn, sure = _osd_rotation(prepared, settings) if use_osd else (0, 0.0)
            if sideways:
                # The e-mail of a 縦書き card, printed across it, read running down:
                # the card lies sideways, whatever the reading of the rest scored.
                order = [turn] if turn in (90, 270) else [90, 270]
            elif turn == 0:
                # A blurred but upright card also reads poorly; only a really
                # bad reading is worth reading upside down. OSD can be sure and
                # wrong there (seed 131 #108: 1.85 for upright, read at 0.29).
                order = [180] if quality < _POOR else []
            else:
                # A 縦書き card photographed sideways shows rows of turned
                # glyphs; OSD is rarely sure of those, but a poor reading is
                # worth one more pass the way it says, even when the card's
                # Latin lines, read across, lift it near the bar (seed 79 #84).
                order = [turn]
    for rotation in order:
        if good_at(rotation):
            break
    best = max(readings, key=page_quality)
    if best.languages != LATIN_LANGUAGES and not _shows_numbers(best) and page_chars(best) >= _FEW_CHARS:
        # No phone number or postal code in a reading in Japanese script: a
        # 縦書き card lying sideways reads as rows of turned glyphs that can
        # pass for a blurred reading (its e-mail, printed turned, even reads
        # well), and OSD is rarely sure of such a card. The ways round not
        # yet read are read too (good_at records each reading), and a reading
        # surer than the one kept wins when it shows numbers. (Numbers alone
        # are no sign: a card turned a quarter reads as 縦書き junk whose
        # Latin lines, its numbers among them, read turned.)
        for rotation in (0, 90, 180, 270):
            good_at(rotation)
        best = surer_with_numbers(readings, best)
    if page_chars(best) < _FEW_CHARS and text_direction(prepared) != "none":
        # Automatic layout analysis can take a whole card for a picture (rules
        # of lined paper, a big logo, a photo of a desk around a print crop)
        # and return nothing; one uniform block (psm 6) still reads the lines.
        readings.append(_read_turned(prepared, best.rotation, dpi=dpi, settings=settings, psm=_PSM_BLOCK))
        best = max(readings, key=page_quality)
    log.debug("readings: %s", [(page.rotation, round(page_quality(page), 2)) for page in readings])
    upright = turned(prepared, best.rotation)
    lines = best.lines
    # Letter-spaced big print is read again only on the reading kept: a
    # reading that loses (the card the wrong way up) is not worth the passes.
    lines = read_spaced_bands(
        upright, lines, vertical=best.vertical, languages=best.languages, settings=settings
    )
    lines = tuple(_without_logo_glyph(_without_icon(upright, line)) for line in lines)
    lines = tuple(_email_separator(upright, _space_after_legal_form(upright, line)) for line in lines)
    lines = tuple(_email_dot(upright, line) for line in lines)
    return replace(best, lines=lines)


# What nearly every card prints and a reading of turned glyphs does not: a
# phone number (nine digits or more, up to three separating marks between them) or a
# postal code after 〒. (An e-mail or web address is no sign: a 縦書き card
# prints them turned, so they read upright when its columns lie sideways.)
# Kanji numerals count as digits (〇三・三二一二・四五六七 down a 縦書き card).
_NUMBER_PRINT = re.compile(
    r"(?:[\d〇一二三四五六七八九][\s\-\u30fc\u30fb\u00b7./()+,|]{0,3}){9}|〒\s?[\d〇一二三四五六七八九]{3}"
)


def surer_with_numbers(readings: Sequence[OcrPage], kept: OcrPage) -> OcrPage:
    """The surest of ``readings`` that shows numbers and is surer than ``kept``; else ``kept``.

    A reading with too few characters to be a card's does not count.
    """
    numbered = [
        page for page in readings
        if _shows_numbers(page) and page_chars(page) >= _FEW_CHARS and page_quality(page) > page_quality(kept)
    ]
    return max(numbered, key=page_quality, default=kept)


def _shows_numbers(page: OcrPage) -> bool:
    """Whether a reading holds a phone number or a postal code.

    The text is searched as :func:`cardscan.normalize.nfkc` leaves it: full-width
    digits and brackets folded, every dash between digits a hyphen.
    """
    return any(_NUMBER_PRINT.search(nfkc(line.text)) for line in page.lines)


def turned(prepared: GrayArray, rotation: int) -> GrayArray:
    """``prepared`` turned ``rotation`` degrees clockwise."""
    return prepared if rotation == 0 else np.ascontiguousarray(np.rot90(prepared, k=-rotation // 90))


def _read_turned(
    prepared: GrayArray, rotation: int, *, dpi: int | None, settings: Settings, psm: int = _PSM
) -> OcrPage:
    array = turned(prepared, rotation)
    across, down = text_bars(array)
    down_length = sum(b.height for b in down)
    across_length = sum(b.width for b in across)
    vertical = down_length > _DOWN_CARD * across_length
    if vertical:
        lines, languages = _read_vertical(array, across, down, dpi=dpi, settings=settings)
    else:
        lines, languages = _read_across(array, across, psm=psm, dpi=dpi, settings=settings)
        if down_length > _DOWN_MAYBE * across_length and _confidence(lines) < _LOW_QUALITY:
            # A 縦書き card with long Latin rows (e-mail, URL) and short
            # columns has about as much print across as down: when the read
            # across is poor, the columns get their chance.
            columns, column_languages = _read_vertical(array, across, down, dpi=dpi, settings=settings)
            if _confidence(columns) > _confidence(lines):
                lines, languages, vertical = columns, column_languages, True
    return OcrPage(
        lines=lines,
        width=array.shape[1],
        height=array.shape[0],
        languages=languages,
        vertical=vertical,
        rotation=rotation,
    )


def _read_across(
    array: GrayArray, across: list[Box], *, psm: int, dpi: int | None, settings: Settings
) -> tuple[tuple[Line, ...], str]:
    """Read a card whose lines run across, in the script its ink shows; the lines and the models used.

    Print with no CJK glyph in it is read with ``eng`` alone; when that
    reading is unsure, the card is read with ``jpn+eng`` as any other.
    """
    if not shows_cjk_print(array, across):
        lines = _read_across_in(LATIN_LANGUAGES, array, across, psm=psm, dpi=dpi, settings=settings)
        if not _latin_reading_doubtful(lines):
            return lines, LATIN_LANGUAGES
        log.debug("Latin-only reading doubtful (%.2f): read again with jpn", _confidence(lines))
    lines = _read_across_in(HORIZONTAL_LANGUAGES, array, across, psm=psm, dpi=dpi, settings=settings)
    return lines, HORIZONTAL_LANGUAGES


def _latin_reading_doubtful(lines: Sequence[Line]) -> bool:
    """Whether ``eng`` read print it cannot read: unsure on the whole, or a line holding capital junk.

    CJK print that passed the ink test as Latin (katakana with few strokes,
    small blurred kanji) reads as unsure capitals: "WY F VIF" for ハンナ ソフト,
    "PAN VR-VFI4 YT APR)" for a blurred company name.
    """
    if _confidence(lines) < _LATIN_SURE:
        return True
    return any(map(_latin_junk, lines))


def _latin_junk(line: Line) -> bool:
    """An unsure line of words mostly in capitals: CJK print read as Latin."""
    return line.confidence < _LATIN_JUNK and _capital_letters(line.text) >= _JUNK_LETTERS


def _capital_letters(text: str) -> int:
    """Letters in the words of ``text`` written mostly in capitals, e-mail and web addresses aside."""
    count = 0
    for word in text.split():
        if "@" in word or "." in word:
            continue
        letters = [c for c in word if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= _JUNK_CAPITALS * len(letters):
            count += len(letters)
    return count


def _read_across_in(
    languages: str, array: GrayArray, across: list[Box], *, psm: int, dpi: int | None, settings: Settings
) -> tuple[Line, ...]:
    """One pass in ``languages``, plus the fallbacks when lines were missed."""
    lines = read_lines(Image.fromarray(array), languages=languages, psm=psm, dpi=dpi, settings=settings)
    missed = _missed_bars(across, lines)
    if missed:
        # Layout analysis drops whole blocks it takes for a picture (small
        # condensed print next to a dark corner or a logo); the text lines
        # it left out are read again on their own, as one block.
        return lines + read_lines(
            Image.fromarray(_blank_except(array, missed, keep=True)), languages=languages,
            psm=_PSM_BLOCK, dpi=dpi, settings=settings,
        )
    # Or it drops a line or two the text bars do not show (big print, a line beside a logo).
    return lines + _read_unread_rows(array, lines, languages=languages, dpi=dpi, settings=settings)


# --- 縦書き: columns pasted on a sheet -----------------------------------------------------

# psm 5: one block of vertical text. Automatic layout analysis (psm 3) with
# jpn_vert drops whole columns of a card (a big letter-spaced name, the small
# print beside it) and takes blurred ones for pictures.
_PSM_VERTICAL = 5
# White between the strips pasted into a sheet, in pixels.
_SHEET_GAP = 32
# A blank run inside a column longer than this many column widths is letter
# spacing (a name set 後　藤　健　太) or the gap between two fields; it is
# shortened to _PACKED_RUN widths, as psm 5 expects evenly set print.
_SPACED_RUN = 1.2
_PACKED_RUN = 0.8
# A column read below this confidence is read again turned a quarter left:
# Latin printed down a 縦書き card (an e-mail, a URL) is turned print, which
# jpn_vert reads as junk.
_DOUBTFUL_COLUMN = 0.75
# Down bars up to this many row heights long are rows printed close under
# one another smeared together, not columns.
_ROW_STACK = 4.5
# Two across bars on one line closer than this many line heights are one line.
_ROW_GAP = 4.0
# Least confidence of a turned column's reading to replace the jpn_vert one; of one
# that shows an e-mail address or a web address (jpn_vert reads those as junk of
# 0.2 to 0.35, seed 151 #193).
_LATIN_COLUMN = 0.6
_LATIN_CONTACT_COLUMN = 0.35
# Least confidence of a line read in a column's glyphs laid across (one jpn_vert left
# unread): the bar a turned column's Latin must pass (_LATIN_COLUMN), not tuned on its own.
_SURE_GLYPHS = 0.6
# Share of a turned column's letters (after a label) that must be Latin.
_LATIN_SHARE = 0.9
_WEB_OR_MAIL = re.compile(r"@|https?\s?:|www\s?\.|\.\s?(?:jp|com|net|org|io)\b", re.IGNORECASE)
# Share of a column's box that ink may cover; more is a shadow or a dark edge.
_MAX_INK = 0.45
# Columns of print bigger than this many times the card's usual print (the
# name) are scaled down to it: psm 5 reads one size of print and turns bigger
# glyphs into junk.
_MAX_GLYPH_RATIO = 1.2


@dataclass(frozen=True)
class _Strip:
    """A piece of the card pasted into a sheet, and how to map what is read there back.

    ``rows`` holds, for every row of the strip on the sheet, the card row it
    came from (a column's blank runs are shortened); empty when the strip was
    pasted as it is. What is read on a ``turned`` strip (pasted turned a
    quarter left, or a column's glyphs laid side by side) is given the
    strip's whole box on the card, and runs down it.
    """

    source: Box
    sheet: Box
    rows: tuple[int, ...] = ()
    turned: bool = False
    scale: float = 1.0

    def place(self, box: Box) -> Box:
        """``box`` on the sheet, in the card's coordinates."""
        if self.turned:
            return self.source
        left = self.source.left + round(max(0, box.left - self.sheet.left) / self.scale)
        width = max(0, min(round(box.width / self.scale), self.source.right - left))
        if not self.rows:
            top = self.source.top + max(0, box.top - self.sheet.top)
            return Box(left, top, width, max(0, min(box.height, self.source.bottom - top)))
        last = len(self.rows) - 1
        top = self.rows[min(last, round(max(0, box.top - self.sheet.top) / self.scale))]
        bottom = self.rows[min(last, round(max(0, box.bottom - 1 - self.sheet.top) / self.scale))] + 1
        return Box(left, top, width, max(0, bottom - top))


def _read_vertical(
    array: GrayArray, across: list[Box], down: list[Box], *, dpi: int | None, settings: Settings
) -> tuple[tuple[Line, ...], str]:
    """Read a 縦書き card: the columns with jpn_vert, what runs across with jpn+eng.

    The columns, found from the ink's profile, are pasted side by side on a
    sheet and read as one block of vertical text. Then the lines printed
    across (an e-mail or URL under the columns) and the columns jpn_vert read
    badly, turned upright, are pasted one under another and read across in
    one more pass; a turned column's reading replaces its jpn_vert one when
    it is Latin and surer. A column still unread (upright digits and letters
    jpn_vert skipped) is read once more with its glyphs laid side by side.

    Returns:
        The lines (columns right to left, then rows top to bottom) and the
        languages used.
    """
    rows = _rows_across(across, down)
    columns_only = _off_edges(_blank_except(array, rows, keep=False) if rows else array)
    sheet, strips = _column_sheet(columns_only, _columns(columns_only))
    columns: list[list[Line]] = []
    if strips:
        read = read_lines(
            Image.fromarray(sheet), languages=VERTICAL_LANGUAGES, vertical=True, psm=_PSM_VERTICAL,
            dpi=dpi, settings=settings,
        )
        columns = _unsheet(read, strips)
    doubtful = [
        strip.source for strip, found in zip(strips, columns, strict=True)
        if all(line.confidence < _DOUBTFUL_COLUMN for line in found)
    ]
    if not rows and not doubtful:
        return tuple(line for found in reversed(columns) for line in found), VERTICAL_LANGUAGES
    sheet, across_strips = _row_sheet(array, columns_only, rows, doubtful)
    read = read_lines(
        Image.fromarray(sheet), languages=HORIZONTAL_LANGUAGES, psm=_PSM_BLOCK, dpi=dpi, settings=settings
    )
    found_across = _unsheet(read, across_strips)
    turned = {
        strip.source: found for strip, found in zip(across_strips, found_across, strict=True) if strip.turned
    }
    kept: list[list[Line]] = []
    for strip, found in zip(strips, columns, strict=True):
        latin = turned.get(strip.source, [])
        kept.append(latin if _turned_column_wins(latin, found) else found)
    unread = [index for index, found in enumerate(kept) if not any(line.text.strip() for line in found)]
    if unread:
        # Upright print down a column that jpn_vert skipped (the letters and
        # digits of "TEL. 0254. 46. 8344" set one under another), which reads
        # as junk turned: its glyphs laid side by side read as a line across.
        sources = [strips[index].source for index in unread]
        across_read = _read_glyphs_across(columns_only, sources, dpi=dpi, settings=settings)
        for index, found in zip(unread, across_read, strict=True):
            kept[index] = found
    lines: list[Line] = [line for found in reversed(kept) for line in found]
    for strip, found in zip(across_strips, found_across, strict=True):
        if not strip.turned:
            lines += found
    return tuple(lines), f"{VERTICAL_LANGUAGES},{HORIZONTAL_LANGUAGES}"


def _read_glyphs_across(
    array: GrayArray, columns: list[Box], *, dpi: int | None, settings: Settings
) -> list[list[Line]]:
    """The lines read with ``jpn+eng`` in each column's glyphs laid side by side, in one pass.

    Only lines read surely are kept: a column of junk (a rule, a logo's edge)
    gives nothing.
    """
    pieces = [
        (column, unstacked_column(array, column, glyph_height=_glyph_height(array, column)), True)
        for column in columns
    ]
    sheet, strips = _stacked(pieces)
    read = read_lines(
        Image.fromarray(sheet), languages=HORIZONTAL_LANGUAGES, psm=_PSM_BLOCK, dpi=dpi, settings=settings
    )
    return [[line for line in found if line.confidence >= _SURE_GLYPHS] for found in _unsheet(read, strips)]


def _glyph_height(array: GrayArray, column: Box) -> int:
    """The height of a column's glyphs: its width for Japanese print, more for upright digits and letters.

    The median height of the ink's pieces at least a third of the column's
    width high (dots and small strokes of a kanji left out); never less than
    the column's width.
    """
    crop = array[column.top : column.bottom, column.left : column.right]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    heights = heights[heights >= column.width / 3]
    return max(column.width, round(float(np.median(heights))) if heights.size else 0)


def _turned_column_wins(latin: Sequence[Line], found: Sequence[Line]) -> bool:
    """Whether a column's reading turned upright (``latin``) beats its jpn_vert one (``found``).

    It must be Latin print (after an e-mail or web label, which may be in
    kana: "Eメール okada.tamotsu@..."), read surely enough and more surely than
    jpn_vert; an address or a web address need less, as jpn_vert reads their
    print as junk it is unsure of. A column jpn_vert read digits in is a
    number printed upright, not turned Latin.
    """
    text = " ".join(line.text for line in latin)
    sure = _confidence(latin)
    digits = sum(ch.isdigit() for line in found for ch in line.text)
    least = _LATIN_CONTACT_COLUMN if _WEB_OR_MAIL.search(text) else _LATIN_COLUMN
    letters = [c for c in URL_LABEL_RE.sub("", EMAIL_LABEL_RE.sub("", text)) if c.isalpha()]
    # (A speck among them may be read as a kana: "taro@ ぐ sample.co.jp".)
    latin_text = len(letters) >= 2 and sum(c.isascii() for c in letters) >= _LATIN_SHARE * len(letters)
    return latin_text and sure >= least and sure > _confidence(found) and digits < 6


def _rows_across(across: list[Box], down: list[Box]) -> list[Box]:
    """The lines running across a 縦書き card (an e-mail, a URL) among its across bars.

    Neighbouring columns smear into short across bars that the columns cover;
    a few rows printed close under one another smear into short down bars,
    which do not count against them.
    """
    rows = [
        row for row in across
        if _covered(row, [column for column in down if column.height > _ROW_STACK * row.height]) < 0.3
    ]
    # One printed line can come out as two bars with a gap (a word the
    # smearing missed); what lies between them belongs to the line too.
    merged: list[Box] = []
    for row in sorted(rows, key=lambda box: box.left):
        for index, other in enumerate(merged):
            overlap = min(row.bottom, other.bottom) - max(row.top, other.top)
            gap = row.left - other.right
            height = max(row.height, other.height)
            if overlap > 0.5 * min(row.height, other.height) and gap < _ROW_GAP * height:
                merged[index] = other.union(row)
                break
        else:
            merged.append(row)
    return merged


def _off_edges(array: GrayArray) -> GrayArray:
    """``array`` without the ink touching its edges: the card's outline, a shadow, a scanner lid.

    On a 縦書き card such marks run along whole columns and read as junk
    characters at their ends.
    """
    _, ink = cv2.threshold(array, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = array.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    edge = (left <= 3) | (top <= 3) | (right >= w - 3) | (bottom >= h - 3)
    edge[0] = False
    if not edge.any():
        return array
    out = array.copy()
    out[edge[labels]] = 255
    return out


def _confidence(lines: Sequence[Line]) -> float:
    """Character-weighted mean confidence of some lines, 0 for none."""
    total = sum(len(line.text) for line in lines)
    return sum(line.confidence * len(line.text) for line in lines) / total if total else 0.0


def _ink(array: GrayArray) -> tuple[GrayArray, GrayArray]:
    """Print as a boolean mask, specks of a few pixels left out, and the kept blobs' stats.

    The stats are OpenCV's rows of left, top, width, height and area.
    """
    _, ink = cv2.threshold(array, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= max(6, (max(array.shape) // 400) ** 2)
    keep[0] = False
    return np.asarray(keep[labels]), stats[keep]


def _glyph_size(stats: GrayArray, column: Box) -> float:
    """Median size of the blobs whose middle lies in ``column``."""
    middle = stats[:, cv2.CC_STAT_LEFT] + stats[:, cv2.CC_STAT_WIDTH] / 2
    inside = stats[(middle >= column.left) & (middle < column.right)]
    if not len(inside):
        return float(column.width)
    return float(np.median(np.maximum(inside[:, cv2.CC_STAT_WIDTH], inside[:, cv2.CC_STAT_HEIGHT])))


def _runs(flags: npt.NDArray[np.bool_], min_gap: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the runs of True in ``flags`` that gaps of at least ``min_gap`` False separate."""
    where = np.flatnonzero(flags)
    if where.size == 0:
        return []
    runs = []
    start = prev = int(where[0])
    for index in where[1:]:
        if index - prev > min_gap:
            runs.append((start, prev + 1))
            start = int(index)
        prev = int(index)
    runs.append((start, prev + 1))
    return runs


def _columns(array: GrayArray) -> list[Box]:
    """Columns of print on a 縦書き card, left to right: runs of x with ink, and the rows they span.

    Columns set too close for a blank gap (a skewed card) come out as one,
    which psm 5 still reads as several lines.
    """
    ink, _ = _ink(array)
    columns = []
    for left, right in _runs(np.count_nonzero(ink, axis=0) > 1, max(2, max(array.shape) // 400)):
        rows = np.flatnonzero(ink[:, left:right].any(axis=1))
        box = Box(left, int(rows[0]), right - left, int(rows[-1]) + 1 - int(rows[0]))
        dense = np.count_nonzero(ink[box.top:box.bottom, left:right]) > _MAX_INK * box.width * box.height
        if box.width >= 4 and box.height >= 4 and not dense:
            columns.append(box)
    return columns


def _column_sheet(array: GrayArray, columns: list[Box]) -> tuple[GrayArray, list[_Strip]]:
    """The columns side by side, in the card's order, with their long blank runs shortened."""
    if not columns:
        return array, []
    ink, stats = _ink(array)
    glyphs = [_glyph_size(stats, column) for column in columns]
    usual = float(np.median(glyphs))
    pieces = []
    for column, glyph in zip(columns, glyphs, strict=True):
        crop = array[column.top:column.bottom, column.left:column.right]
        filled = np.asarray(ink[column.top:column.bottom, column.left:column.right].any(axis=1))
        keep = np.ones(column.height, dtype=bool)
        for start, end in _runs(~filled, 0):
            if end - start > _SPACED_RUN * glyph:
                keep[start + round(_PACKED_RUN * glyph):end] = False
        kept = np.flatnonzero(keep)
        scale = min(1.0, _MAX_GLYPH_RATIO * usual / glyph)
        piece = crop[kept]
        if scale < 1.0:
            size = (max(1, round(piece.shape[1] * scale)), max(1, round(piece.shape[0] * scale)))
            piece = cv2.resize(piece, size, interpolation=cv2.INTER_AREA)
        pieces.append((column, piece, kept + column.top, scale))
    height = max(piece.shape[0] for _, piece, _, _ in pieces) + 2 * _SHEET_GAP
    width = sum(piece.shape[1] for _, piece, _, _ in pieces) + _SHEET_GAP * (len(pieces) + 1)
    sheet = np.full((height, width), 255, dtype=array.dtype)
    strips = []
    x = _SHEET_GAP
    for column, piece, rows, scale in pieces:
        sheet[_SHEET_GAP:_SHEET_GAP + piece.shape[0], x:x + piece.shape[1]] = piece
        placed = Box(x, _SHEET_GAP, piece.shape[1], piece.shape[0])
        strips.append(_Strip(column, placed, tuple(int(r) for r in rows), scale=scale))
        x += piece.shape[1] + _SHEET_GAP
    return sheet, strips


def _row_sheet(
    array: GrayArray, columns_only: GrayArray, rows: list[Box], turned: list[Box]
) -> tuple[GrayArray, list[_Strip]]:
    """Rows printed across and columns turned a quarter left, one under another, left-aligned."""
    pad = 6
    pieces: list[tuple[Box, GrayArray, bool]] = []
    for row in sorted(rows, key=lambda box: box.top):
        box = Box(max(0, row.left - pad), max(0, row.top - pad), row.width + 2 * pad, row.height + 2 * pad)
        pieces.append((box, array[box.top:box.bottom, box.left:box.right], False))
    for column in turned:
        crop = columns_only[column.top:column.bottom, column.left:column.right]
        pieces.append((column, np.ascontiguousarray(np.rot90(crop, k=1)), True))
    return _stacked(pieces)


def _stacked(pieces: list[tuple[Box, GrayArray, bool]]) -> tuple[GrayArray, list[_Strip]]:
    """Crops (their box on the card, the pixels, whether turned) one under another on a white sheet."""
    height = sum(piece.shape[0] for _, piece, _ in pieces) + _SHEET_GAP * (len(pieces) + 1)
    width = max(piece.shape[1] for _, piece, _ in pieces) + 2 * _SHEET_GAP
    sheet = np.full((height, width), 255, dtype=pieces[0][1].dtype)
    strips = []
    y = _SHEET_GAP
    for source, piece, is_turned in pieces:
        sheet[y:y + piece.shape[0], _SHEET_GAP:_SHEET_GAP + piece.shape[1]] = piece
        strips.append(_Strip(source, Box(_SHEET_GAP, y, piece.shape[1], piece.shape[0]), turned=is_turned))
        y += piece.shape[0] + _SHEET_GAP
    return sheet, strips


def _unsheet(lines: Sequence[Line], strips: list[_Strip]) -> list[list[Line]]:
    """The lines read on a sheet, sorted to the strips they lie on, in the card's coordinates."""
    found: list[list[Line]] = [[] for _ in strips]
    half = _SHEET_GAP / 2
    for line in lines:
        x, y = line.box.center
        for index, strip in enumerate(strips):
            sheet = strip.sheet
            if sheet.left - half <= x < sheet.right + half and sheet.top - half <= y < sheet.bottom + half:
                words = tuple(Word(w.text, strip.place(w.box), w.confidence) for w in line.words)
                vertical = line.vertical or strip.turned
                found[index].append(Line(line.text, strip.place(line.box), line.confidence, words, vertical))
                break
    return found


# Share of the card's text-line length, and number of lines, that may go
# unread before the missed lines are read again. One or two missed bars are
# nearly always a logo, a rule or a band's edge, and re-reading them only
# adds junk and time (on our generated cards); a dropped block of text is
# several lines.
_MISSED_SHARE = 0.3
_MISSED_LINES = 4


def _missed_bars(bars: list[Box], lines: Sequence[Line]) -> list[Box]:
    """Text lines seen in the image's geometry that no line Tesseract read covers.

    Empty when what was missed is too little to be worth another pass (specks,
    a logo's stripes).
    """
    read = [line.box for line in lines]
    missed = [bar for bar in bars if _covered(bar, read) < 0.3]
    total = sum(bar.width for bar in bars)
    if len(missed) < _MISSED_LINES or sum(bar.width for bar in missed) < _MISSED_SHARE * total:
        return []
    # Widened by a glyph or two: letter-spaced print (a logo's "V E R Y F I")
    # smears into a bar only partly, and its outer letters would be cut off.
    grown = []
    for bar in missed:
        reach = round(1.5 * bar.height)
        left = max(0, bar.left - reach)
        grown.append(Box(left, bar.top, bar.right + reach - left, bar.height))
    return grown


# A row of glyphs no line read covers: at least this many blobs of ink of a
# glyph's height (in the card's pixels) side by side, two heights long or more.
_UNREAD_GLYPHS = 3
_UNREAD_MIN_HEIGHT = 10
# Lines read from such rows are kept when Tesseract is at least this sure of them.
_UNREAD_CONFIDENCE = 0.6


def _read_unread_rows(
    array: GrayArray, lines: tuple[Line, ...], *, languages: str = HORIZONTAL_LANGUAGES, dpi: int | None,
    settings: Settings,
) -> tuple[Line, ...]:
    """Lines read from rows of print that layout analysis left out, one psm 6 pass over them all.

    Automatic layout analysis sometimes drops a single line (a company name
    beside a logo, a title above a big name) that the fallback for dropped
    blocks does not look at. Only confident readings that overlap nothing read
    already are added: a logo's strokes read as junk are not.
    """
    rows = _unread_rows(array, lines)
    if not rows:
        return ()
    read = [line.box for line in lines]
    extra = read_lines(
        Image.fromarray(_blank_except(array, rows, keep=True)), languages=languages,
        psm=_PSM_BLOCK, dpi=dpi, settings=settings,
    )
    return tuple(
        line for line in extra if line.confidence >= _UNREAD_CONFIDENCE and _covered(line.box, read) < 0.3
    )


def _unread_rows(array: GrayArray, lines: Sequence[Line]) -> list[Box]:
    """Boxes of the rows of glyph-sized ink that no line read covers."""
    _, ink = cv2.threshold(array, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = array.shape
    read = [line.box for line in lines]
    covered = np.zeros(array.shape, dtype=bool)
    for box in read:
        covered[max(0, box.top - 4):box.bottom + 4, max(0, box.left - 4):box.right + 4] = True
    glyphs = [
        Box(int(x), int(y), int(w), int(h))
        for x, y, w, h, _ in stats[1:]
        if _UNREAD_MIN_HEIGHT <= h <= height // 4 and w <= width // 4 and not covered[y + h // 2, x + w // 2]
    ]
    rows: list[list[Box]] = []
    for glyph in sorted(glyphs, key=lambda b: b.left):
        middle = glyph.top + glyph.height / 2
        for row in rows:
            last = row[-1]
            size = max(glyph.height, last.height)
            if (
                abs(last.top + last.height / 2 - middle) < 0.5 * size
                and 0.5 < glyph.height / last.height < 2
                and glyph.left - last.right < 1.5 * size
            ):
                row.append(glyph)
                break
        else:
            rows.append([glyph])
    found = []
    for row in rows:
        if len(row) < _UNREAD_GLYPHS:
            continue
        box = row[0]
        for other in row[1:]:
            box = box.union(other)
        if box.width >= 2 * box.height and _covered(box, read) < 0.1 and not _letter_spaced(ink, box):
            found.append(box)
    return found


# A row whose blanks between columns of ink are mostly wider than this share
# of its height is letter-spaced: a logo ("V E R Y F I"), which the card's
# text is not (0.07 to 0.33 on the lines psm 3 dropped on generated cards;
# a letter-spaced name is read as a band of big print instead).
_LETTER_SPACED = 0.5


def _letter_spaced(ink: GrayArray, box: Box) -> bool:
    columns: npt.NDArray[np.bool_] = np.any(ink[box.top:box.bottom, box.left:box.right] > 0, axis=0)
    edges = np.flatnonzero(np.diff(columns.astype(np.int8)))
    # Blank runs between ink: from an end of ink (1 -> 0) to the next start (0 -> 1).
    gaps = [
        int(b - a) for a, b in zip(edges[:-1], edges[1:], strict=True) if columns[a] and not columns[a + 1]
    ]
    return bool(gaps) and float(np.median(gaps)) > _LETTER_SPACED * box.height


def _covered(box: Box, others: list[Box]) -> float:
    """Share of ``box`` that ``others`` cover (a row that is really a few columns smeared together)."""
    covered = 0
    for other in others:
        width = min(box.right, other.right) - max(box.left, other.left)
        height = min(box.bottom, other.bottom) - max(box.top, other.top)
        if width > 0 and height > 0:
            covered += width * height
    return covered / max(1, box.width * box.height)


def _blank_except(array: GrayArray, boxes: list[Box], *, keep: bool) -> GrayArray:
    """White out everything but ``boxes`` (``keep``) or the boxes themselves (not ``keep``).

    The image keeps its size, so word boxes stay in the card's coordinates.
    """
    inside = np.zeros(array.shape, dtype=bool)
    pad = 6
    for box in boxes:
        inside[max(0, box.top - pad):box.bottom + pad, max(0, box.left - pad):box.right + pad] = True
    out = array.copy()
    out[~inside if keep else inside] = 255
    return out


def read_lines(
    image: Image.Image, *, languages: str, vertical: bool = False, psm: int = _PSM,
    dpi: int | None = None, settings: Settings = DEFAULT_SETTINGS, tessdata_dir: str | None = None,
) -> tuple[Line, ...]:
    """One Tesseract pass: words with boxes and confidences, grouped into lines.

    Args:
        image: The image to read (grey or RGB).
        languages: Tesseract language string, e.g. ``"jpn+eng"``.
        vertical: Mark the lines as 縦書き columns.
        psm: Tesseract page segmentation mode.
        dpi: Resolution to tell Tesseract, or None to let it estimate.
        settings: Timeout and executable.
        tessdata_dir: Folder of ``languages``' models when not Tesseract's own.

    Returns:
        Lines in Tesseract's reading order; empty when nothing was read.

    Raises:
        OcrUnavailable: Tesseract is missing.
        OcrFailed: Tesseract failed or timed out.
    """
    return read_many(
        [image], languages=languages, vertical=vertical, psm=psm, dpi=dpi, settings=settings,
        tessdata_dir=tessdata_dir,
    )[0]


def read_many(
    images: Sequence[Image.Image], *, languages: str, vertical: bool = False, psm: int = _PSM,
    dpi: int | None = None, settings: Settings = DEFAULT_SETTINGS, tessdata_dir: str | None = None,
) -> list[tuple[Line, ...]]:
    """Several images in one Tesseract run, each read as :func:`read_lines` reads it.

    Every run of Tesseract loads its models first, about 0.2 s a language:
    more than reading a line of big print takes. Small images read with the
    same settings (the views of a card's name bands) share one run, given to
    Tesseract as a list of image files.

    Args:
        images: The images to read.
        languages, vertical, psm, dpi, settings, tessdata_dir: As for :func:`read_lines`.

    Returns:
        The lines of each image, in the order of ``images``.

    Raises:
        OcrUnavailable: Tesseract is missing.
        OcrFailed: Tesseract failed or timed out.
    """
    if not images:
        return []
    probe(settings)
    _use_command(settings.tesseract_cmd, settings.tesseract_threads)
    # The real resolution keeps a card's columns apart as separate lines; but
    # on a crop of unknown scale a wrong value makes Tesseract drop all text
    # as too large to be print, so then it estimates from the glyphs.
    config = f"--psm {psm} {'' if dpi is None else f'--dpi {dpi} '}{_BASE_CONFIG}"
    if tessdata_dir is not None:
        config += f" --tessdata-dir {shlex.quote(tessdata_dir)}"
    # Print touching the image's edge reads badly; a white margin (taken off
    # the boxes again below) gives Tesseract room.
    padded = [ImageOps.expand(image.convert("L"), border=_MARGIN, fill=255) for image in images]
    if len(padded) == 1:
        data = _image_to_data(_uncompressed(padded[0]), languages, config, settings)
    else:
        with tempfile.TemporaryDirectory(prefix="cardscan-ocr-") as folder:
            data = _image_to_data(_image_list(folder, padded), languages, config, settings)
    return _lines_from_data(data, vertical=vertical, pages=len(padded))


# The images handed to Tesseract go through a file: PNM, which takes no time to
# write, where PNG's compression took a tenth of a second a card.
_FILE_FORMAT = "PPM"


def _uncompressed(image: Image.Image) -> Image.Image:
    """``image``, to be written for Tesseract in a format it reads without decompressing."""
    if image.mode not in ("L", "RGB", "1"):
        image = image.convert("L")
    # pytesseract writes an image in its ``format``; one made in memory has none and goes as PNG.
    image.format = _FILE_FORMAT
    return image


def _image_list(folder: str, images: Sequence[Image.Image]) -> str:
    """The path of a list of ``images`` saved in ``folder``: Tesseract reads them as the pages of one run."""
    paths = [Path(folder) / f"{i:04d}.pnm" for i in range(len(images))]
    for path, image in zip(paths, images, strict=True):
        _uncompressed(image).save(path, format=_FILE_FORMAT)
    listing = Path(folder) / "images.txt"
    listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
    return str(listing)


@contextlib.contextmanager
def _tesseract_errors(settings: Settings) -> Iterator[None]:
    """pytesseract's failures as this package's errors."""
    try:
        yield
    except pytesseract.TesseractNotFoundError as e:
        raise OcrUnavailable(f"Tesseract is not installed: {e}") from e
    except pytesseract.TesseractError as e:
        raise OcrFailed(f"Tesseract failed: {e.message or e.status}") from e
    except RuntimeError as e:
        # pytesseract signals its timeout with a bare RuntimeError.
        raise OcrFailed(f"Tesseract timed out after {settings.ocr_timeout:g} s") from e


def read_choices(
    array: GrayArray, box: Box, *, vertical: bool = False, settings: Settings = DEFAULT_SETTINGS
) -> list[list[tuple[str, ...]]]:
    """Each glyph of the big print in ``box`` read again, with the others Tesseract weighed for it.

    The LSTM model scores every glyph it could output at each place; the best
    few stand behind the one it read (the 口 it weighed against the 日 it read
    in 谷口). What else a glyph can be read as is what a reading must be checked
    against when the card says the name is spelt otherwise. The print is read
    the ways a name's band is (:func:`_band_views`: packed close, as printed;
    down a 縦書き card, laid across), in one run of Tesseract.

    Returns:
        Per view, per glyph in reading order: the glyph read first, then the others, best first.

    Raises:
        OcrUnavailable: Tesseract is missing.
        OcrFailed: Tesseract failed or timed out.
    """
    probe(settings)
    _use_command(settings.tesseract_cmd, settings.tesseract_threads)
    high, wide = array.shape[:2]
    pad = max(2, min(box.width, box.height) // 10)  # the line's box is tight on its ink
    left, top = max(0, box.left - pad), max(0, box.top - pad)
    padded = Box(left, top, min(wide, box.right + pad) - left, min(high, box.bottom + pad) - top)
    if padded.width <= 0 or padded.height <= 0:
        return []
    views = _band_views(array, padded, vertical=vertical)
    config = f"--psm {_PSM_RAW_LINE} {_BASE_CONFIG} -c lstm_choice_mode=2"
    pages = [ImageOps.expand(Image.fromarray(view), border=_MARGIN, fill=255) for view in views]
    with tempfile.TemporaryDirectory(prefix="cardscan-ocr-") as folder, _tesseract_errors(settings):
        listing = _image_list(folder, pages)
        hocr = pytesseract.image_to_pdf_or_hocr(
            listing, lang="jpn", config=config, extension="hocr", timeout=settings.ocr_timeout
        )
    read: list[list[tuple[str, ...]]] = []
    for page in hocr.decode("utf-8").split("<div class='ocr_page'")[1:]:
        glyphs: list[list[str]] = []
        for kind, text in _CHOICE.findall(page):
            if kind == "lstm_choices":
                glyphs.append([])
            elif glyphs and text.strip():
                glyphs[-1].append(html.unescape(text.strip()))
        read.append([tuple(glyph) for glyph in glyphs if glyph])
    return read


# In Tesseract's hOCR with lstm_choice_mode=2: a glyph's span, then a span per choice.
_CHOICE = re.compile(r"<span class='ocrx_cinfo' id='(lstm_choices|choice)_[0-9_]+'[^>]*>([^<]*)")


def _image_to_data(
    image: Image.Image | str, languages: str, config: str, settings: Settings
) -> dict[str, list[object]]:
    with _tesseract_errors(settings):
        data: dict[str, list[object]] = pytesseract.image_to_data(
            image, lang=languages, config=config, timeout=settings.ocr_timeout,
            output_type=pytesseract.Output.DICT,
        )
    return data


def _lines_from_data(
    data: dict[str, list[object]], *, vertical: bool, pages: int = 1
) -> list[tuple[Line, ...]]:
    """The lines of each of ``pages`` images from Tesseract's TSV output (pages numbered from 1)."""
    grouped: dict[tuple[int, int, int, int], list[Word]] = {}
    for index, raw in enumerate(data["text"]):
        text = str(raw).strip()
        confidence = float(str(data["conf"][index]))
        if not text or confidence < 0:
            continue
        key = (int(str(data["page_num"][index])), int(str(data["block_num"][index])),
               int(str(data["par_num"][index])), int(str(data["line_num"][index])))
        box = Box(
            max(0, int(str(data["left"][index])) - _MARGIN), max(0, int(str(data["top"][index])) - _MARGIN),
            int(str(data["width"][index])), int(str(data["height"][index])),
        )
        grouped.setdefault(key, []).append(Word(text=text, box=box, confidence=min(1.0, confidence / 100)))
    lines: list[list[Line]] = [[] for _ in range(pages)]
    for (page, *_), words in grouped.items():
        text = join_words([w.text for w in words])
        if not text or not 1 <= page <= pages:
            continue
        box = words[0].box
        for word in words[1:]:
            box = box.union(word.box)
        weights = [len(w.text) for w in words]
        confidence = float(np.average([w.confidence for w in words], weights=weights))
        line = Line(text=text, box=box, confidence=confidence, words=tuple(words), vertical=vertical)
        lines[page - 1].append(line)
    return [tuple(page_lines) for page_lines in lines]


def _use_command(cmd: str, threads: int) -> None:
    # pytesseract keeps the executable in a module global; set it before every
    # call so one Settings with another command cannot leak into the next scan.
    pytesseract.pytesseract.tesseract_cmd = cmd
    # Tesseract inherits the environment; OpenMP threads only fight each
    # other (and the other workers) on a small machine. Written, never read.
    os.environ["OMP_THREAD_LIMIT"] = str(threads)


def page_quality(page: OcrPage) -> float:
    """Character-weighted mean confidence of a page, 0 when nothing was read.

    Upside-down or sideways text reads as short, low-confidence junk, so this
    is what decides between two readings of one card.
    """
    total = sum(len(line.text) for line in page.lines)
    if total == 0:
        return 0.0
    return sum(line.confidence * len(line.text) for line in page.lines) / total


def _japanese_quality(page: OcrPage) -> float:
    """:func:`page_quality` of the lines with kana or kanji when they hold most of the text; else 1."""
    japanese = [line for line in page.lines if KANJI_RE.search(line.text) or KANA_RE.search(line.text)]
    if 2 * sum(len(line.text) for line in japanese) < sum(len(line.text) for line in page.lines):
        return 1.0
    return page_quality(replace(page, lines=tuple(japanese)))


def _latin_running_down(page: OcrPage) -> bool:
    """A confident line of Latin text whose box stands upright: print running down the image."""
    return any(
        line.box.height > _UPRIGHT * line.box.width
        and len(line.text.replace(" ", "")) >= _DOWN_LATIN_CHARS
        and _mostly_latin(line.text)
        and line.confidence >= _LOW_QUALITY
        for line in page.lines
    )


# A line box this many times taller than wide runs down the image.
_UPRIGHT = 2.0
_DOWN_LATIN_CHARS = 8


def page_chars(page: OcrPage) -> int:
    """Characters read on a page, spaces left out."""
    return sum(len(line.text.replace(" ", "")) for line in page.lines)


def _osd_rotation(prepared: GrayArray, settings: Settings) -> tuple[int, float]:
    """Clockwise rotation that Tesseract's OSD says puts the text upright, and its confidence.

    Returns ``(0, 0.0)`` when OSD finds too few characters to say anything.
    """
    # Full size on purpose: at 1000 px OSD's confidence on a sideways card
    # dropped from 2.1 to 0.5 in our tests.
    image = _uncompressed(Image.fromarray(prepared))
    _use_command(settings.tesseract_cmd, settings.tesseract_threads)
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0 -c min_characters_to_try=10", timeout=settings.ocr_timeout,
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractError:
        return 0, 0.0
    except RuntimeError as e:
        raise OcrFailed(f"Tesseract orientation detection timed out after {settings.ocr_timeout:g} s") from e
    rotate = int(osd.get("rotate", 0))
    confidence = float(osd.get("orientation_conf", 0.0))
    log.debug("OSD: rotate %s (confidence %.2f, script %s)", rotate, confidence, osd.get("script"))
    return (rotate if rotate in (90, 180, 270) else 0), confidence


# --- large and letter-spaced print --------------------------------------------------------

# Names are often printed large and letter-spaced (菅　原　隼　人). Tesseract's layout analysis
# takes such widely spaced big glyphs for separate blocks or pictures and reads junk; the
# same glyphs packed closer together read well as one line.
_BIG_GLYPH = 1.5  # times the card's typical glyph height
_WIDE_GAP = 0.35  # a gap wider than this share of the glyph height separates two glyphs
_PACKED_GAP = 0.15
# A blank this many glyph heights wide separates two things printed on one
# line; a part whose ink is less high than _BIG_PART of the highest is not big print.
_PART_GAP = 2.5
_BIG_PART = 0.7
# No blank inside a name (the space between its parts included) is wider than this many glyph heights.
_NAME_GAP = 1.5
# A run of ink narrower than this share of the glyph height is a rule or a speck, not a glyph.
_RULE_WIDTH = 0.15
# A piece of ink narrower than this share of its height is a hairline rule (the I of a
# big Latin name is about a tenth as wide as high).
_HAIRLINE = 0.05
# The packed band is read as one raw line (psm 13, no layout analysis): psm 7
# returns nothing for some big bands (岩崎 響 at 100 px) and misreads big kanji
# (遠藤 as 如藤) that psm 13 reads right. Measured on the big-print bands of
# 320 generated cards, exact name readings: psm 7 93 at the printed size and
# 120 scaled to 32 px (the best of both by confidence 119), psm 13 130 at the
# printed size (46 scaled); psm 13 with the scaled psm 7 as a second opinion 129.


def spaced_bands(array: GrayArray) -> list[tuple[Box, int]]:
    """Rows of big glyphs (a name, letter-spaced or set close) and how many glyphs each has."""
    _, ink = cv2.threshold(array, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 4:
        return []
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    usable = (heights >= 6) & (heights <= array.shape[0] // 3) & (widths <= array.shape[1] // 3)
    if usable.sum() < 4:
        return []
    typical = float(np.median(heights[usable]))
    big = [
        Box(int(s[cv2.CC_STAT_LEFT]), int(s[cv2.CC_STAT_TOP]), int(s[cv2.CC_STAT_WIDTH]), int(height))
        for s, height, ok in zip(stats[1:], heights, usable, strict=True)
        if ok and s[cv2.CC_STAT_HEIGHT] >= _BIG_GLYPH * typical
        # (A hairline down the card, the edge of a coloured sidebar, is no glyph.)
        and s[cv2.CC_STAT_WIDTH] >= _HAIRLINE * height
    ]
    # Ink touching the card's edge is a shadow or the background, not print.
    high, wide = array.shape[:2]
    on_card = [b for b in big if b.left > 0 and b.top > 0 and b.right < wide and b.bottom < high]
    big, logos = _without_logos(on_card)
    rows: list[list[Box]] = []
    for box in sorted(big, key=lambda b: b.top):
        for row in rows:
            top = min(b.top for b in row)
            bottom = max(b.bottom for b in row)
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap > 0.5 * min(box.height, bottom - top):
                row.append(box)
                break
        else:
            rows.append([box])
    rows = _halves_joined(rows)
    # A flat glyph of the same print (一, ー) is wide but low; it joins the row
    # its middle lies in, or a name like 紘一 loses its last glyph.
    for s, height in zip(stats[1:], heights, strict=True):
        wide = _BIG_GLYPH * typical <= s[cv2.CC_STAT_WIDTH] <= array.shape[1] // 3
        if not wide or height >= _BIG_GLYPH * typical:
            continue
        box = Box(int(s[cv2.CC_STAT_LEFT]), int(s[cv2.CC_STAT_TOP]), int(s[cv2.CC_STAT_WIDTH]), int(height))
        for row in rows:
            if min(b.top for b in row) <= box.center[1] <= max(b.bottom for b in row):
                row.append(box)
                break
    bands = []
    for row in rows:
        band = row[0]
        for box in row[1:]:
            band = band.union(box)
        glyphs = _glyph_runs(ink[band.top:band.bottom, band.left:band.right], band.height)
        # A wide blank splits the row into parts (the romaji name printed on
        # the line of the Japanese one, on bilingual cards); only the parts
        # of the big print are the band.
        crop = ink[band.top:band.bottom, band.left:band.right]
        parts = _parts(glyphs, _PART_GAP * band.height)
        # (The ink of a logo left out of the row may still lie in the band, past a wide blank.)
        print_parts = [part for part in parts if not _in_logo(band, part, logos)] or parts
        tallest = max(_ink_height(crop, part) for part in print_parts)
        kept = [part for part in print_parts if _ink_height(crop, part) >= _BIG_PART * tallest]
        if len(kept) < len(parts):
            band = Box(band.left + kept[0][0][0], band.top, kept[-1][-1][1] - kept[0][0][0], band.height)
            glyphs = [run for part in kept for run in part]
        # Glyphs set close (斉藤隆, or 高田 亜希子 with a space between the parts) make
        # fewer runs than glyphs: a run of big print is about one glyph per its height.
        # (Within one stretch of print: a logo set apart on the row, past a rule, is no glyphs of it.)
        solid = [run for run in glyphs if run[1] - run[0] >= _RULE_WIDTH * band.height] or glyphs
        stretches = _parts(solid, _NAME_GAP * band.height)
        widest = max(sum(end - start for start, end in part) for part in stretches)
        count = max(len(glyphs), round(widest / band.height))
        # (Two glyphs set close, 森恵, are about twice as wide as high.)
        if count >= 2 and band.width > _BAND_RATIO * band.height:
            bands.append((band, count))
    return bands


def _in_logo(band: Box, part: list[tuple[int, int]], logos: list[Box]) -> bool:
    """Whether the columns of ``part`` of ``band`` lie within a logo beside it."""
    left, right = band.left + part[0][0], band.left + part[-1][1]
    return any(
        logo.left <= left and right <= logo.right and min(logo.bottom, band.bottom) > max(logo.top, band.top)
        for logo in logos
    )


def _without_logos(boxes: list[Box]) -> tuple[list[Box], list[Box]]:
    """Big pieces of ink without those of a logo far taller than all the print beside it.

    A logo set on the name's row would join it, and the lines above and below
    that it reaches, into one band. Pieces set close on a row (the bars of a
    chart logo, the parts of a glyph, the glyphs of a name set close) are
    weighed together as one mark. A logo is a mark half again as tall as every
    mark beside it and set apart from them by half their height or more. The
    tallest such mark goes first, then the next is weighed against what is left.

    Returns:
        The pieces kept, and those taken for logos.
    """
    if len(boxes) < 4:
        return list(boxes), []
    member = _marks(boxes)
    marks = [
        _span([box for box, m in zip(boxes, member, strict=True) if m == k]) for k in range(max(member) + 1)
    ]
    pieces = np.bincount(member)
    tops = np.array([mark.top for mark in marks])
    bottoms = np.array([mark.bottom for mark in marks])
    lefts = np.array([mark.left for mark in marks])
    rights = np.array([mark.right for mark in marks])
    heights = bottoms - tops
    # Blank across between two marks (negative when they overlap across).
    gaps = np.maximum(lefts[None, :] - rights[:, None], lefts[:, None] - rights[None, :])
    overlap = np.minimum.outer(bottoms, bottoms) > np.maximum.outer(tops, tops)
    beside = overlap & ~np.eye(len(marks), dtype=bool)
    alive = np.ones(len(marks), dtype=bool)
    for _ in range(_MAX_LOGOS):
        near = beside & alive[None, :]
        tallest = np.where(near, heights[None, :], 0).max(axis=1)
        closest = np.where(near, gaps, np.iinfo(gaps.dtype).max).min(axis=1)
        apart = closest >= _LOGO_GAP * tallest
        crowd = (near * pieces[None, :]).sum(axis=1)
        towers = alive & (crowd >= 3) & (heights > _LOGO_HEIGHT * tallest) & apart
        if not towers.any():
            break
        alive[int(np.argmax(np.where(towers, heights, -1)))] = False
    kept = [box for box, m in zip(boxes, member, strict=True) if alive[m]]
    return kept, [box for box, m in zip(boxes, member, strict=True) if not alive[m]]


def _marks(boxes: list[Box]) -> list[int]:
    """Which mark each piece belongs to: pieces set close beside or over each other."""
    tops = np.array([box.top for box in boxes])
    bottoms = np.array([box.bottom for box in boxes])
    lefts = np.array([box.left for box in boxes])
    rights = np.array([box.right for box in boxes])
    low = np.minimum.outer(bottoms - tops, bottoms - tops)
    across = np.maximum.outer(lefts, lefts) - np.minimum.outer(rights, rights)
    down = np.maximum.outer(tops, tops) - np.minimum.outer(bottoms, bottoms)
    # Side by side on a row, or one over the other (岩 is a 山 over a 石, closer than
    # two lines of print are). Weighed with numpy: a photo's texture makes hundreds of pieces.
    linked = ((down < 0) & (across < _LOGO_GAP * low)) | ((across < 0) & (down < _STACK_GAP * low))
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(linked, k=1)), strict=True):
        parent[root(int(i))] = root(int(j))
    roots = sorted({root(i) for i in range(len(boxes))})
    number = {r: k for k, r in enumerate(roots)}
    return [number[root(i)] for i in range(len(boxes))]


def _halves_joined(rows: list[list[Box]]) -> list[list[Box]]:
    """Rows of glyph pieces with the two halves of one line of big print made one.

    Kanji are built of pieces (森 is a 木 over two more): the pieces of the top
    of a big line can make one row and those of its bottom another, each half
    as high as the line. Two rows overlapping down and across, together no
    higher than twice the lower of them, are one line.
    """
    merged = [list(row) for row in rows]
    joined = True
    while joined:
        joined = False
        for i, j in itertools.combinations(range(len(merged)), 2):
            a, b = _span(merged[i]), _span(merged[j])
            down = min(a.bottom, b.bottom) - max(a.top, b.top)
            across = min(a.right, b.right) - max(a.left, b.left)
            whole = max(a.bottom, b.bottom) - min(a.top, b.top)
            low = min(a.height, b.height)
            if down >= _HALF_OVERLAP * low and across >= 0.5 * min(a.width, b.width) and whole <= 2 * low:
                merged[i] += merged.pop(j)
                joined = True
                break
    return merged


def _span(boxes: Sequence[Box]) -> Box:
    """The smallest box holding all of ``boxes`` (at least one)."""
    span = boxes[0]
    for box in boxes[1:]:
        span = span.union(box)
    return span


def _parts(runs: list[tuple[int, int]], gap: float) -> list[list[tuple[int, int]]]:
    """Runs grouped into parts that blanks wider than ``gap`` separate."""
    parts: list[list[tuple[int, int]]] = []
    for run in runs:
        if parts and run[0] - parts[-1][-1][1] <= gap:
            parts[-1].append(run)
        else:
            parts.append([run])
    return parts


def _ink_height(ink: GrayArray, part: list[tuple[int, int]]) -> int:
    """Height of the ink of some runs of a band."""
    rows = np.flatnonzero(ink[:, part[0][0]:part[-1][1]].max(axis=1) > 0)
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


def _glyph_runs(ink: GrayArray, height: int) -> list[tuple[int, int]]:
    """Column ranges of ink separated by gaps wider than ``_WIDE_GAP`` of the glyph height."""
    columns = np.flatnonzero(ink.max(axis=0) > 0)
    if columns.size == 0:
        return []
    runs = []
    start = prev = int(columns[0])
    for col in columns[1:]:
        if col - prev > _WIDE_GAP * height:
            runs.append((start, prev + 1))
            start = col
        prev = int(col)
    runs.append((start, prev + 1))
    return runs


def packed_band(array: GrayArray, band: Box) -> GrayArray:
    """The band's glyphs side by side with ordinary spacing, on white."""
    crop = array[band.top:band.bottom, band.left:band.right]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    gap = np.full((band.height, max(2, round(_PACKED_GAP * band.height))), 255, dtype=array.dtype)
    parts: list[GrayArray] = []
    for start, end in _glyph_runs(ink, band.height):
        if parts:
            parts.append(gap)
        parts.append(crop[:, start:end])
    return np.ascontiguousarray(np.hstack(parts)) if parts else crop


def unstacked_column(array: GrayArray, column: Box, *, glyph_height: int | None = None) -> GrayArray:
    """The glyphs of a column of big print cut apart and laid side by side across, on white.

    Japanese glyphs stand the same way down a 縦書き card as across one, so the
    column reads as a line of horizontal print. ``glyph_height`` is the glyphs'
    height down the column when it is not the column's width (upright digits).
    """
    crop = array[column.top : column.bottom, column.left : column.right]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    size = column.width if glyph_height is None else glyph_height
    runs = glyphs_cut_apart(_glyph_runs(np.ascontiguousarray(ink.T), size), ink, size)
    if not runs:
        return crop
    height = max(end - start for start, end in runs)
    gap = np.full((height, max(2, round(_PACKED_GAP * height))), 255, dtype=array.dtype)
    parts: list[GrayArray] = []
    for start, end in runs:
        glyph = np.full((height, column.width), 255, dtype=array.dtype)
        top = (height - (end - start)) // 2
        glyph[top : top + end - start] = crop[start:end]
        if parts:
            parts.append(gap)
        parts.append(glyph)
    return np.ascontiguousarray(np.hstack(parts))


def glyphs_cut_apart(runs: list[tuple[int, int]], ink: GrayArray, size: float) -> list[tuple[int, int]]:
    """Runs of a column cut into one per glyph: glyphs set close (藤井) make one run.

    (A line across is cut so too, given its ink turned: ``ink.T``.)

    A run about ``n`` glyphs long is cut in ``n`` at the rows with least ink
    near where the glyphs should meet.
    """
    profile = ink.sum(axis=1)
    quarter = int(size) // 4
    cut: list[tuple[int, int]] = []
    for start, end in runs:
        count = max(1, round((end - start) / size))
        edges = [start]
        for k in range(1, count):
            nominal = start + k * (end - start) // count
            lo, hi = max(start + 1, nominal - quarter), min(end - 1, nominal + quarter)
            edges.append(lo + int(np.argmin(profile[lo:hi])) if hi > lo else nominal)
        edges.append(end)
        cut += list(itertools.pairwise(edges))
    return cut


_SURE_BAND = 0.85
# Endings of a department's name (営業部, 総務課): big print that ends so is no name.
_UNIT_ENDINGS = tuple(suffix for suffix in DEPT_SUFFIXES_JA if not suffix.isascii())
# Share of a band's width a line must span to be the band's whole reading.
_SAME_LINE = 0.8
# Share of a band's width a Latin reading must span to be the band's reading.
_LATIN_SPAN = 0.5
# Margin of the card kept round a band read as printed, in band heights.
_BAND_MARGIN = 0.15
# Confidence under which the last word of a band's reading is taken for junk.
_JUNK_GLYPH = 0.05
# A word less covered than this by a name band lies beside it.
_BESIDE_COVER = 0.2


def _mostly_latin(text: str) -> bool:
    # Latin print has no Japanese in it; "BR隼人" is a name half misread.
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isascii() for c in letters)


def is_japanese_card(lines: Sequence[Line]) -> bool:
    """At least a tenth of what was read is Japanese script."""
    text = "".join(line.text for line in lines)
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(not c.isascii() for c in letters) >= 0.1 * len(letters)


def _japanese_print(array: GrayArray, lines: Sequence[Line], languages: str) -> bool:
    """Whether the card holds Japanese print: read as such, or seen in the ink.

    A poor ``jpn+eng`` reading can take all the Japanese print of a blurred
    card for Latin ("AU EA Tat" for 丸紅屋運輸株式会社, ". oF Tb" for a big
    佐野 哲也): then the text says English but the glyphs' strokes do not. A
    card read with ``eng`` alone is one whose ink showed no CJK print (the
    ink is not looked at again, 20 ms).
    """
    if is_japanese_card(lines):
        return True
    return languages != LATIN_LANGUAGES and shows_cjk_print(array, text_bars(array)[0])


def _is_cjk_text(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    cjk = [c for c in letters if "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or c == "々"]
    return len(letters) >= 2 and len(cjk) == len(letters)


def read_spaced_bands(
    array: GrayArray,
    lines: tuple[Line, ...],
    *,
    vertical: bool = False,
    languages: str = HORIZONTAL_LANGUAGES,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[Line, ...]:
    """Read big Japanese print (a name) again on its own; replaces what psm 3 made of it.

    Only where psm 3 read the band badly: a band already read as confident Japanese, or
    as Latin text (a letter-spaced "V E R Y F I" logo, an English name), is left alone,
    so the extra Tesseract call is paid only on the cards that need it; and the new
    reading is kept only when Tesseract is surer of it than of the page's.

    On a 縦書き card (``vertical``) the bands are columns of big print (藤井　進 set
    down the card, which jpn_vert may not read at all): they are found on the
    card turned on its diagonal, and their glyphs, cut apart, are read laid
    side by side across. ``languages``: the models the card was read with.
    """
    if not _japanese_print(array, lines, languages):
        return lines
    if vertical:
        # Lines read across (an e-mail under the columns) are no part of a column.
        across = [line.box for line in lines if not line.vertical]
        columns_only = _blank_except(array, across, keep=False) if across else array
        found_bands = [
            (Box(band.top, band.left, band.height, band.width), glyphs)
            for band, glyphs in spaced_bands(np.ascontiguousarray(columns_only.T))
        ]
    else:
        found_bands = spaced_bands(array)
    # The views of every band worth reading again are read in one Tesseract run (its
    # models load once); the bands are then gone through in turn as before.
    views_of = {
        band: _band_views(array, band, vertical=vertical)
        for band, glyphs in found_bands
        if _band_plan(lines, band, glyphs, vertical=vertical)
    }
    wanted = [((band, i), view) for band, views in views_of.items() for i, view in enumerate(views)]
    readings = dict(zip(
        (key for key, _ in wanted),
        read_many([Image.fromarray(view) for _, view in wanted], languages="jpn", psm=_PSM_RAW_LINE,
                  settings=settings),
        strict=True,
    ))
    for band, glyphs in found_bands:
        plan = _band_plan(lines, band, glyphs, vertical=vertical)
        if plan is None:
            continue
        inside = plan.inside
        if band not in views_of:  # (the lines changed since the first look)
            views_of[band] = _band_views(array, band, vertical=vertical)
        views = (
            readings[band, i] if (band, i) in readings
            else read_lines(Image.fromarray(view), languages="jpn", psm=_PSM_RAW_LINE, settings=settings)
            for i, view in enumerate(views_of[band])
        )
        if plan.company:
            found = _read_company_band(views, band, inside)
            if found is not None:
                lines = (*(line for line in lines if line not in inside), found)
            continue
        found = _read_band(views, band, plan.page_confidence, page_named=plan.page_named, glyphs=glyphs)
        if found is None:
            continue
        if vertical:
            if person_name_score(found.text) == 1.0:
                lines = (*(line for line in lines if line not in inside), replace(found, vertical=True))
            continue
        # Lines the band reaches into that are not a reading of a name (an e-mail
        # address, a phone line beside a tall name) stay.
        # So does a doubtful Latin reading spanning the band: Japanese print read as
        # English ("(tk) HTP 4 vy" for (株)東亜デザイン).
        replaced = [
            line
            for line in inside
            if (_name_sized(line.text) and not _mostly_latin(line.text)) or _latin_misreading(line, band)
        ]
        kept = (line if line in inside else _outside(line, band) for line in lines if line not in replaced)
        lines = (*(line for line in kept if line is not None), _around(found, replaced, band))
    return lines


@dataclass(frozen=True)
class _BandPlan:
    """A band of big print worth reading again: the page's lines in it and how surely they read it."""

    inside: list[Line]
    page_confidence: float
    page_named: bool
    company: bool = False


def _band_plan(lines: Sequence[Line], band: Box, glyphs: int, *, vertical: bool) -> _BandPlan | None:
    """What to read again of ``band`` (``glyphs`` glyphs of big print), or None when the page read it well."""
    inside = [line for line in lines if _covered(line.box, [band]) >= 0.5]
    chars = sum(len(line.text.replace(" ", "")) for line in inside)
    if vertical and (chars > _NAME_CHARS or chars >= glyphs and any(_sure_name(line) for line in inside)):
        # Down a 縦書き card only a name is read again: columns of big print are
        # also the company's, and jpn_vert reads those well enough. (A name read
        # with fewer glyphs than its column has lost one: 千葉健 of 千葉健一, seed 229 #133.)
        return None
    if any(_company_or_unit(line.text) for line in inside):
        # Big print with a legal form is the company's, with a unit's ending a
        # department's: not read again as a name. A company set in Japanese only
        # is read again whole when the page read fewer glyphs than it has
        # (株式会社東都電 for 株式会社東都電機) or broke it into lines.
        company = (
            not vertical
            and any(_company(line.text) for line in inside)
            and all(_CJK_ONLY.fullmatch(_compact(line.text)) for line in inside)
            and (chars < glyphs or len(inside) > 1)
        )
        if not company:
            return None
        return _BandPlan(inside, min(line.confidence for line in inside), False, company=True)
    sure = all(_is_cjk_text(line.text) and line.confidence >= _SURE_BAND for line in inside)
    if inside and sure and chars >= glyphs:
        return None
    # (A short Latin scrap inside the band, "AR" by "PF 美香", is no reading of all of it.)
    wide = [line for line in inside if line.box.width >= _LATIN_SPAN * band.width]
    if any(_mostly_latin(line.text) and line.confidence >= _SURE_BAND for line in wide):
        return None
    whole_lines = [line for line in inside if line.box.width >= _SAME_LINE * band.width]
    if inside and whole_lines == inside and all(_not_a_name(line.text) for line in inside):
        # A line of an address, a number or an e-mail in big print is no name to read again.
        return None
    # A page reading with fewer glyphs than the band has is no reading of it; one
    # mixing Latin letters into the Japanese ("TR 京子" for 千葉 京子) is a poor one.
    weighed = (line.confidence * (_MIXED_READING if _mixed_name(line.text) else 1.0) for line in inside)
    page_confidence = min(weighed, default=0.0) if chars >= glyphs else 0.0
    page_named = any(person_name_score(line.text) >= _SOME_NAME for line in inside)
    return _BandPlan(inside, page_confidence, page_named)


def _band_views(array: GrayArray, band: Box, *, vertical: bool) -> list[GrayArray]:
    """The views of a band to read, in turn.

    Packed close, then as printed (森美春 packed, 森美香 as printed); down a
    縦書き card, the column's glyphs laid across.
    """
    if vertical:
        return [unstacked_column(array, band)]
    return [packed_band(array, band), _as_printed(array, band)]


def _latin_misreading(line: Line, band: Box) -> bool:
    """A doubtful reading in Latin letters of most of a band of Japanese print."""
    return (
        _mostly_latin(line.text)
        and line.confidence < _SURE_BAND
        and line.box.width >= _LATIN_SPAN * band.width
        and not _not_a_name(line.text)
    )


def _not_a_name(text: str) -> bool:
    """A reading that cannot be a misread name: an e-mail's @, or the digits of a number or an address."""
    return "@" in text or sum(c.isdigit() for c in text) >= 3


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _company(text: str) -> bool:
    """Text with a Japanese legal form (株式会社, (株))."""
    compact = _compact(text)
    return any(form in compact for form in LEGAL_FORMS_JA)


def _read_company_band(views: Iterable[tuple[Line, ...]], band: Box, inside: Sequence[Line]) -> Line | None:
    """A company's big print read whole, if a view reads all of the page's glyphs and more, surely.

    The page's reading (one line or several) must be all there, in order, with
    at most one glyph misread, and each view's reading must be Japanese only
    (a speck or a rule beside it aside) with the legal form in it.
    """
    page = "".join(_compact(line.text) for line in sorted(inside, key=lambda line: line.box.left))
    best: tuple[float, str] | None = None
    for read in views:
        words = [word for line in read for word in line.words]
        run = _with_bracketed_form(words, _longest_cjk_run(words))
        text = _text(run)
        if not run or not _company(text) or len(text) < len(page):
            continue
        if Levenshtein.distance(page, text) > len(text) - len(page) + 1:
            continue  # not the page's reading with glyphs added
        confidence = min(word.confidence for word in run)
        if confidence >= _SURE_COMPANY and (best is None or confidence > best[0]):
            best = (confidence, text)
    if best is None:
        return None
    return Line(text=best[1], box=_span([band, *(line.box for line in inside)]), confidence=best[0])


def _company_or_unit(text: str) -> bool:
    """A company's name (with a legal form) or a department's (ending as units do: 営業部)."""
    compact = text.replace(" ", "")
    return any(form in compact for form in LEGAL_FORMS_JA) or compact.endswith(_UNIT_ENDINGS)


def _sure_name(line: Line) -> bool:
    """A confident reading that the dictionary takes for a whole name."""
    return line.confidence >= _SURE_BAND and person_name_score(line.text) == 1.0


def _around(found: Line, replaced: Sequence[Line], band: Box) -> Line:
    """The band's reading with the words of the lines it replaces that lie beside the band.

    The band is the big print only; a smaller word on its line ("DX" of
    "DX 推進室") is no misreading of it and stays, on the side it was on.
    """
    beside = [
        word
        for line in replaced
        for word in line.words
        if _covered(word.box, [band]) < _BESIDE_COVER
        and any(c.isalnum() for c in word.text)  # not a speck ("| 千葉京子")
        and not band.left <= word.box.center[0] <= band.right
    ]
    if not beside:
        return found
    before = [word.text for word in beside if word.box.center[0] < band.left]
    after = [word.text for word in beside if word.box.center[0] > band.right]
    box = found.box
    for word in beside:
        box = box.union(word.box)
    return Line(join_words([*before, found.text, *after]), box, found.confidence, (), found.vertical)


# A page reading of a band scoring this as a person name is a reading of a name.
_SOME_NAME = 0.6
# Least confidence of a band reading that is a whole name, to beat a page reading that is none.
_NAMED_BAND = 0.1
# Weight of the confidence of a page reading that mixes Latin letters into a Japanese band.
_MIXED_READING = 0.5
# Longest reading of a name band (with the junk OCR adds) taken for one.
_NAME_CHARS = 10
# Most digits in a band's reading that still make it a name with specks beside
# it ("| 千葉京子"), not a line of big print with a number ("ファクス (92. 894.5488").
_BAND_DIGITS = 2
# Share of the lower of two rows of glyph pieces they must overlap by, down the
# card, to be halves of one line.
_HALF_OVERLAP = 0.25
# Least width of a band of big print, in band heights.
_BAND_RATIO = 1.8
# Longest band reading taken for a name, and for a company's name.
_NAME_GLYPHS_MAX = 8
_COMPANY_CHARS = 24
# Width of a Latin letter or digit in widths of a Japanese glyph of the same print.
_LATIN_WIDTH = 0.55
# Least blank between a logo and the print beside it, in heights of that print.
_LOGO_GAP = 0.5
# Most blank between two pieces of one glyph one over the other, in heights of the lower.
_STACK_GAP = 0.25
# Most logos taken out of a card's big print.
_MAX_LOGOS = 8
# A mark this many times as tall as the print after it on its line is a logo.
_LOGO_HEIGHT = 1.5
# Least confidence of every glyph of a company's big print read again whole.
_SURE_COMPANY = 0.6
# A bracketed legal form as Tesseract reads it: (株), （株）, (株 ), (有).
_BRACKETED_FORM = re.compile(
    "[(（]({})[)）]".format("|".join(re.escape(form[1:-1]) for form in LEGAL_FORMS_JA if form[0] == "("))
)
# Glyphs of a Japanese name (no punctuation: "池田花子。" is not one).
_NAME_GLYPHS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+")


def _name_sized(text: str) -> bool:
    """Letters only and short enough to be a reading of a name (not a phone line or "(株)ABC")."""
    compact = text.replace(" ", "")
    return len(compact) <= _NAME_CHARS and re.fullmatch(r"[^\W\d_]+", compact) is not None


def _mixed_name(text: str) -> bool:
    """A name-sized reading with Latin letters among Japanese ones ("TR 京子")."""
    letters = [c for c in text if c.isalpha()]
    mixed = any(c.isascii() for c in letters) and any(not c.isascii() for c in letters)
    return mixed and _name_sized(text)


def _read_band(
    views: Iterable[tuple[Line, ...]],
    band: Box,
    page_confidence: float,
    *,
    page_named: bool = True,
    glyphs: int | None = None,
) -> Line | None:
    """The band read as one raw line of Japanese, if surer than the page's reading.

    ``views`` are the readings of views of the band's glyphs (packed close, as
    printed), taken in turn until one reads as a whole name Tesseract is sure
    of (the rest are never read when they come lazily). A reading the
    dictionary takes for a name wins, the surest of them; else the first view's.
    A view may take in a speck or a rule beside the name ("| 千葉京子"): the
    longest run of Japanese words is the reading, with their confidence.

    With ``glyphs``, the count of glyphs the band's ink shows, a reading of
    that many glyphs wins over a surer one of fewer: 藤原悠斗 (斗 at 0.68) over
    藤原悠 (seed 229 #140); and a last glyph read with no faith is kept when it
    makes the count (響 of 大野響, an old form Tesseract reads at 0.00: #124).
    """
    readings: list[tuple[bool, float, str]] = []
    for read in views:
        words = [word for line in read for word in line.words]
        run = _without_junk(_longest_cjk_run(words), glyphs)
        text = _text(run)
        digits = sum(c.isdigit() for word in words for c in word.text)
        # A company's name in big print the page misread ("ALAM ORTH" for 株式会社青葉不動産) is longer.
        longest = _COMPANY_CHARS if _company(_text(_with_bracketed_form(words, run))) else _NAME_GLYPHS_MAX
        if not 2 <= len(text) <= longest or digits > _BAND_DIGITS:
            if digits > _BAND_DIGITS or len(text) > longest:
                break  # print of another kind, however it is viewed
            continue
        confidence = float(np.average([w.confidence for w in run], weights=[len(w.text) for w in run]))
        # A company's bracketed legal form beside the run ("(株" ")" 東亜デザイン) is part of it.
        text = _text(_with_bracketed_form(words, run))
        readings.append((person_name_score(text) == 1.0, confidence, text))
        if readings[-1][0] and confidence >= _SURE_BAND and glyphs in (None, len(text)):
            break
    if not readings:
        return None
    named = [reading for reading in readings if reading[0]]
    whole = [reading for reading in named if len(reading[2]) == glyphs]
    named = whole or named
    _named, confidence, text = max(named, key=lambda reading: reading[1]) if named else readings[0]
    wins = _band_wins(text, confidence, page_confidence, page_named=page_named)
    return Line(text=text, box=band, confidence=confidence) if wins else None


def _as_printed(array: GrayArray, band: Box) -> GrayArray:
    """The band as printed, with a margin of the card round it (glyphs cut at the edge read badly)."""
    margin = round(_BAND_MARGIN * band.height)
    top, left = max(0, band.top - margin), max(0, band.left - margin)
    return np.ascontiguousarray(array[top : band.bottom + margin, left : band.right + margin])


def _band_wins(text: str, confidence: float, page_confidence: float, *, page_named: bool) -> bool:
    """Whether a band's reading replaces the page's.

    When Tesseract is surer of it; or when it is a whole name the dictionary knows
    (渡邊湊) and the page's reading has none in it ("y 度ヾ自湊"), even with less faith.
    """
    named = not page_named and confidence >= _NAMED_BAND and person_name_score(text) == 1.0
    return confidence > page_confidence or named


def _without_junk(run: list[Word], glyphs: int | None = None) -> list[Word]:
    """A band's reading without the words at its end that are not part of the name.

    Print beside the name that the band took in (a romaji name and title set
    small on two lines) comes out as kanji Tesseract has no faith in: "中山京子語和".
    Only at the end: a rare first kanji, 濱 of 濱田, may be read right with no faith.
    But Tesseract often reads the last glyph of a name right and has no faith in
    it (杉本 0.90 克己 0.00, 佐々木 0.90 宏 0.86 樹 0.00): the words stay when with
    them the dictionary knows a whole name, family then given; or when they make
    the ``glyphs`` the band's ink shows.
    """
    kept = run
    while kept and kept[-1].confidence < _JUNK_GLYPH:
        kept = kept[:-1]
    if len(kept) == len(run) or len(_text(run)) == glyphs:
        return run
    longer = (run[:n] for n in range(len(run), len(kept), -1))
    return next((words for words in longer if person_name_score(_text(words)) == 1.0), kept)


def _text(words: Sequence[Word]) -> str:
    return "".join(word.text for word in words)


def _without_logo_glyph(line: Line) -> Line:
    """``line`` without a logo read at its start: a tall mark, or a glyph with no faith in it before (株).

    "m 串 (株) ネクスト化学": the logo came out as "m" and a 串 Tesseract gives
    0.00; a company's name before "(株)" would be read with some faith.
    """
    words = line.words
    if len(words) >= 3 and len(words[0].text) <= 2 and not any(_is_cjk_char(c) for c in words[0].text):
        # A mark twice as tall as the print after it ("O" for a ring, "C)") is a logo's,
        # not a letter of the name ("Oイースト精機株式会社"; the J of "Jテック" is print-sized).
        rest = sorted(word.box.height for word in words[1:])
        if words[0].box.height >= _LOGO_HEIGHT * rest[len(rest) // 2]:
            return _words_line(line, words[1:])
    for i, word in enumerate(words[:3]):
        after = words[i + 1 : i + 3]
        form = any(_BRACKETED_FORM.fullmatch(_text(after[:n])) for n in (1, 2))
        glyph = len(word.text) == 1 and _is_cjk_char(word.text) and word.confidence < _JUNK_GLYPH
        if form and glyph and all(len(before.text) <= 2 for before in words[:i]):
            return _words_line(line, words[i + 1 :])
    return line


def _without_icon(array: GrayArray, line: Line) -> Line:
    """``line`` without the icon printed before it, a solid square, disc or diamond read as a word.

    Tesseract reads the icon before each line of a contact block as "Hi",
    "HM", "Mi" or "@" ("HM 3 Victoria Road", "@ BS1 5WL": seed 227 #4). Such
    a word's box is inked through its middle, as no letter is. When its text
    past the first glyph is a phone label and the line holds a number ("MF
    +81-11-258-1573", #17), the label is kept. An e-mail line keeps its box:
    read again, it read worse cropped without the icon (seed 233 #30, #192:
    "jorown" for jbrown); other lines take the box of their words, which the
    space after a legal form is judged by (seed 239 #81).
    """
    words = line.words
    if line.vertical or len(words) < 2 or not _solid(array, words[0].box):
        return line
    rest = words[0].text[1:]
    number = sum(c.isdigit() for word in words[1:] for c in word.text) >= 6
    kept = [replace(words[0], text=rest)] if rest and number and phone_label_kind(rest) else []
    without = _words_line(line, [*kept, *words[1:]])
    # (An e-mail line keeps its box: read again, it is cropped with the icon, as read first.)
    mail = "@" in line.text or EMAIL_LABEL_RE.match(without.text) is not None
    return replace(without, box=line.box) if mail else without


def _solid(array: GrayArray, box: Box) -> bool:
    """Whether ``box`` frames a solid mark: about square, inked through its middle half, half inked in all."""
    if box.height < 8 or not 0.6 <= box.width / box.height <= 1.6:
        return False
    ink = array[max(0, box.top) : box.bottom, max(0, box.left) : box.right] < 128
    high, wide = ink.shape
    if high < 8 or wide < 5:
        return False
    middle = ink[high // 4 : high - high // 4, wide // 4 : wide - wide // 4]
    return bool(middle.mean() >= 0.9 and ink.mean() >= 0.45)


def _words_line(line: Line, words: Sequence[Word]) -> Line:
    """``line`` made of ``words`` only (some of its own)."""
    box = _span([word.box for word in words])
    return replace(line, text=join_words([w.text for w in words]), box=box, words=tuple(words))


def _with_bracketed_form(words: Sequence[Word], run: list[Word]) -> list[Word]:
    """``run`` (a stretch of ``words``) with a bracketed legal form read just before or after it."""
    if not run:
        return run
    start = next(i for i, word in enumerate(words) if word is run[0])
    end = start + len(run)
    for size in (1, 2, 3):
        before = words[max(0, start - size) : start]
        if len(before) == size and _BRACKETED_FORM.fullmatch(_text(before)):
            return [*before, *run]
        after = words[end : end + size]
        if len(after) == size and _BRACKETED_FORM.fullmatch(_text(after)):
            return [*run, *after]
    return run


def _longest_cjk_run(words: Sequence[Word]) -> list[Word]:
    best: list[Word] = []
    run: list[Word] = []
    for word in words:
        if _NAME_GLYPHS.fullmatch(word.text):
            run.append(word)
            if sum(len(w.text) for w in run) > sum(len(w.text) for w in best):
                best = list(run)
        else:
            run = []
    return best


def _outside(line: Line, band: Box) -> Line | None:
    """``line`` without its words inside ``band`` when the rest is Latin, None if nothing is left.

    A romaji name printed on the line of the Japanese one (bilingual cards) is
    read in one line with the misread band; the rest of a Japanese line is
    left alone, the band's own reading may have dropped a glyph of it.
    """
    words = tuple(word for word in line.words if _covered(word.box, [band]) < 0.5)
    if len(words) == len(line.words):
        return line
    if not words:
        return None
    if not _mostly_latin(" ".join(word.text for word in words)):
        return line
    box = words[0].box
    for word in words[1:]:
        box = box.union(word.box)
    weights = [len(w.text) for w in words]
    confidence = float(np.average([w.confidence for w in words], weights=weights))
    return Line(join_words([w.text for w in words]), box, confidence, words, line.vertical)


# --- accented Latin letters ---------------------------------------------------------------

_ACCENT_MIN_LETTERS = 3
# Share of a line's height added above it, for the accents of capitals.
_ACCENT_ROOM = 0.4
# Grey below this is ink (anti-aliased edges included).
_INK_LEVEL = 200
# Specks beside a line read as punctuation ("~\\ . Inès Dubois").
_JUNK_ENDS = re.compile(r"^(?:[^\w\s]+\s+)+|(?:\s+[^\w\s]+)+$")
_NOT_WORDS = re.compile(r"@|www\.|https?:|\.(?:com|net|org)\b", re.IGNORECASE)


@functools.cache
def _latin_model(path: str | None) -> tuple[str, str] | None:
    """(folder, language) of the Latin-script model, None when it is not installed."""
    model = Path(path) if path else None
    if model is None or model.suffix != ".traineddata":
        return None
    if not model.is_file():
        log.warning("no Latin-script model at %s: accented letters (ü, é, ç) are read without accents", path)
        return None
    return str(model.parent), model.stem


# The accented letters each country's languages write (lower case). A reading
# with any other is a misreading of blur or a speck ("Ávery J. Gägnon" on a
# Canadian card, "Mūller" on a German one); countries not listed take any.
_FRENCH = "àâæçéèêëîïôœùûüÿ"
_GERMAN = "äöüß"
_ITALIAN = "àèéìíîòóùú"
_SPANISH = "áéíóúüñ"
_PORTUGUESE = "áâãàçéêíóôõú"
_DUTCH = "áéíóúàèëïöüĳ"
ACCENTED_LETTERS: dict[str, str] = {
    "FR": _FRENCH, "BE": _FRENCH + _DUTCH, "CA": _FRENCH, "LU": _FRENCH + _GERMAN, "MC": _FRENCH,
    "DE": _GERMAN, "AT": _GERMAN, "LI": _GERMAN, "CH": _GERMAN + _FRENCH + _ITALIAN,
    "IT": _ITALIAN, "SM": _ITALIAN, "ES": _SPANISH + "çàèïò", "MX": _SPANISH, "AR": _SPANISH,
    "CL": _SPANISH, "CO": _SPANISH, "PE": _SPANISH, "PT": _PORTUGUESE, "BR": _PORTUGUESE,
    "NL": _DUTCH, "SE": "åäöé", "FI": "åäöšž", "NO": "æøåéèóòô", "DK": "æøåé", "IS": "áðéíóúýþæö",
    "PL": "ąćęłńóśźż", "CZ": "áčďéěíňóřšťúůýž", "SK": "áäčďéíĺľňóôŕšťúýž", "HU": "áéíóöőúüű",
    "RO": "ăâîșțşţ", "HR": "čćđšž", "SI": "čšž", "TR": "çğıöşüâîû",
}


def read_accents(
    array: GrayArray, lines: tuple[Line, ...], *, letters: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[Line, ...]:
    """The Latin lines of a card read again with the Latin-script model, for the letters ``eng`` lacks.

    ``eng`` reads Krüger as Kruger, Léa as Lea and François as Francois. The
    lines of words (not e-mail addresses, web addresses or numbers) are pasted
    one under another and read in one pass; a line takes the new reading only
    when it is the old one with accents added, and only accented letters in
    ``letters`` (the card's languages', see :data:`ACCENTED_LETTERS`; None: any),
    so nothing else changes. Cards with Japanese on them are left alone.
    """
    model = _latin_model(settings.latin_model)
    if model is None or is_japanese_card(lines):
        return lines
    targets = sorted(
        (i for i, line in enumerate(lines) if not line.vertical and _word_line(line.text)),
        key=lambda i: lines[i].box.top,
    )
    if not targets:
        return lines
    sheet, strips = _stacked([_with_accents(array, lines[i].box) for i in targets])
    folder, language = model
    read = read_lines(
        Image.fromarray(sheet), languages=language, psm=_PSM_COLUMN, settings=settings, tessdata_dir=folder
    )
    out = list(lines)
    for i, found in zip(targets, _unsheet(read, strips), strict=True):
        text = _JUNK_ENDS.sub("", " ".join(line.text for line in found))
        if _accents_added(lines[i].text, text, letters):
            words = tuple(word for line in found for word in line.words)
            out[i] = Line(text, lines[i].box, lines[i].confidence, words, vertical=False)
        elif (taken := _accented_words(lines[i], text, letters)) is not None:
            out[i] = taken
    return tuple(out)


def _accented_words(line: Line, new: str, letters: str | None) -> Line | None:
    """``line`` with the words of ``new`` that are its own words with accents added, if any.

    The second reading may differ elsewhere ("Théo Girard, P.Eng." for "Theo
    Girard, PEng.", "François Bernarqd" for "Francois Bernard"): word for word,
    when both readings have as many words, the accents are still taken.
    """
    old_words, new_words = line.text.split(), new.split()
    if len(old_words) != len(new_words):
        return None
    merged = [n if _accents_added(o, n, letters) else o for o, n in zip(old_words, new_words, strict=True)]
    if merged == old_words:
        return None
    words = line.words
    if [word.text for word in words] == old_words:
        words = tuple(replace(word, text=text) for word, text in zip(words, merged, strict=True))
    else:
        words = ()
    return replace(line, text=" ".join(merged), words=words)


def _with_accents(array: GrayArray, box: Box) -> tuple[Box, GrayArray, bool]:
    """The line's crop grown upwards for accents, other ink in that room whited out (a sheet piece).

    The box of "LEA" as ``eng`` read it ends below the accent of É. Above a
    line, only small marks close to it are kept: glyphs of the line above
    reaching into the room would be read as junk ("rınance LEA GARCIA").
    """
    pad = 6
    top = max(0, box.top - round(_ACCENT_ROOM * box.height))
    left, right = max(0, box.left - pad), min(array.shape[1], box.right + pad)
    bottom = min(array.shape[0], box.bottom + pad)
    # Looked at from a line height higher, so a glyph of the line above is seen whole.
    seen = max(0, top - box.height)
    region = array[seen:bottom, left:right]
    crop = region[top - seen:].copy()
    ink = (region < _INK_LEVEL).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        comp_top = seen + int(stats[label, cv2.CC_STAT_TOP])
        comp_bottom = comp_top + int(stats[label, cv2.CC_STAT_HEIGHT])
        accent = comp_top >= top and comp_bottom - comp_top <= _ACCENT_ROOM * box.height
        keep[label] = comp_bottom > box.top or accent
    # In the room above the line, whatever is not kept ink goes (faint remains too).
    room = slice(0, box.top - top)
    crop[room][~keep[labels[top - seen:][room]]] = 255
    return Box(left, top, right - left, bottom - top), crop, False


# Letters ``eng`` may have read in place of one accented letter ("th" for ü).
_ACCENT_SLIP = 2


def _word_line(text: str) -> bool:
    # Names, titles and company names; not addresses and numbers (each line read costs time).
    letters = sum(c.isalpha() for c in text)
    digits = any(c.isdigit() for c in text)
    return letters >= _ACCENT_MIN_LETTERS and not digits and not _NOT_WORDS.search(text)


def _unaccented(text: str) -> str:
    plain = strip_accents(text.replace("ß", "ss").replace("ẞ", "SS"))
    return "".join(plain.split()).casefold()


def _accents_added(old: str, new: str, letters: str | None = None) -> bool:
    """``new`` spells ``old`` with accented letters where ``old`` has plain ones (of ``letters`` only).

    ``eng`` also reads an accented letter as something else (ü as "ii" or
    "th", ö as "G6", Côté as "Céteé"): ``old`` may differ from ``new`` by a
    letter or two where ``new`` has an accented one, and nowhere else.
    """
    if new == old or new.isascii():
        return False
    if letters is not None and any(not c.isascii() and c not in letters for c in new.lower()):
        return False
    # Each plain letter of ``new``, and whether it stands for an accented one (ß gives two).
    plain = [(p, not c.isascii()) for c in new for p in _unaccented(c)]
    spelt = "".join(p for p, _ in plain)
    if spelt == _unaccented(old):
        return True
    for op in Levenshtein.opcodes(_unaccented(old), spelt):
        if op.tag == "equal":
            continue
        if max(op.src_end - op.src_start, op.dest_end - op.dest_start) > _ACCENT_SLIP:
            return False
        if op.dest_end > op.dest_start:
            # What ``new`` has there must all stand for accented letters...
            beside = all(accented for _, accented in plain[op.dest_start : op.dest_end])
        else:
            # ...and what ``old`` has more must sit beside one.
            beside = any(accented for _, accented in plain[max(0, op.dest_start - 1) : op.dest_start + 1])
        if not beside:
            return False
    return True


# --- the space printed after a legal form ---------------------------------------------------

# "株式会社 大和製作所" and "株式会社大和製作所" are both printed; the company is kept
# as printed, but Tesseract's word boxes of CJK print are too rough to tell a
# printed space from a cut. The ink tells: where the legal form ends (within
# half a pitch), the blank is weighed against what it would be with no space:
# the tracking between the form's own glyphs, plus the side bearing of the
# glyph after it (a narrow kana such as ト is centred in a full-width cell and
# stands off by half of what it leaves blank). What is left over, a share of
# the form's glyph width, is the space. On 1,176 lines drawn in seven Japanese
# fonts (14 names after 4 forms, no space, ASCII space, full-width space),
# this invents no space on the sharp set; it misses 15 of the 252 narrow ASCII
# spaces before kana and 40 of the 56 before Latin; blurred three ways, it
# misses 54 to 58 and invents 0 to 4, all in IPA Mincho, where the flat 一
# fades. A fixed share of the pitch (the rule before) was fooled by kana both
# ways: 122 wrong on the sharp set. Before a Latin letter, whose side bearing
# varies with the font (the J of Jテック stood off 0.3 of a glyph in two fonts
# of the generated cards, no space printed), that rule stays: only a wide
# blank is a space. Full-width capitals, which Tesseract reads apart ("A BC"),
# are weighed as the form's glyphs are. The pitch is measured on the name
# alone: a tagline set off after it (a blank of two line heights or more) and
# rows a rule or a band's edge inks across are left out. On 3,600 lines of
# five fonts, three sizes, sharp and blurred, half with a tagline, this took
# the wrong answers from 139 to 61 with no space printed, from 688 to 144 with
# a full-width one (all the rest before full-width capitals, which that set
# draws without Tesseract's spaces), from 1,836 to 428 with a narrow one.
_SPACE_WIDTH = 0.15
# Before Latin, a blank this share of the line's glyph pitch is a space (a full-width one).
_SPACE_BLANK = 0.35
# A blank wider than this share of the glyph width ends the glyph after the form (ハ's own blank is narrower).
_GLYPH_BREAK = 0.25
# Capitals read one by one after a legal form: full-width ones, each centred in a full cell.
_FULL_WIDTH_CAPITALS = re.compile(r"^[A-Z]+(?: [A-Z]+)+(?=\s|$|[^A-Za-z])")
# A row inked across this share of the line's box is a rule or an edge, not print.
_RULE_ROW = 0.6
# A blank this many times the line's thickness sets a tagline off the name before it.
_TAGLINE_GAP = 2.0


def _space_after_legal_form(array: GrayArray, line: Line) -> Line:
    """``line`` with a space after its leading legal form when one is printed there (across or down)."""
    text = line.text
    box = line.box
    # A logo read before the form ("O 株式会社ひまわり精機") is left out of the measure.
    logo = re.match(r"^[^\s\u3000-\u9fff]{1,2}\s+", text)
    if logo and len(line.words) >= 2 and line.words[0].text == logo.group().strip():
        first = line.words[1].box
        box = Box(first.left, box.top, box.right - first.left, box.height)
    else:
        logo = None
    head, text = (logo.group(), text[logo.end() :]) if logo else ("", text)
    form = next((f for f in WRITTEN_LEGAL_FORMS_JA if text.startswith(f)), None)
    body = text[len(form) :].lstrip() if form else ""
    if form is None or not body or not (_is_cjk_char(body[0]) or body[0].isalnum()):
        return line
    # Tesseract puts a space wherever the script changes ("株式会社 ABC精機"): whether
    # one is printed after the form is measured, and the space kept only then.
    unspaced = replace(line, text=f"{head}{form}{body}")
    crop = array[box.top:box.bottom, box.left:box.right]
    if crop.size == 0:
        return line
    if line.vertical:
        crop = np.ascontiguousarray(crop.T)  # a 縦書き column, read top to bottom like a row
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # A rule, a band's edge or the card's own caught in the box inks most of a row, no glyph does.
    ink = ink[(ink > 0).mean(axis=1) < _RULE_ROW]
    columns = np.flatnonzero(ink.max(axis=0, initial=0) > 0)
    if columns.size == 0:
        return line
    start, end = int(columns[0]), int(columns[-1]) + 1
    counted = text
    # A tagline set off after the name ("株式会社 Jテック精機　　ISO 9001 認証取得"): the pitch is
    # measured on the name alone, the words Tesseract read past the wide blank left out.
    thickness = crop.shape[0]
    wide = next(
        (left for left, right in _runs(ink.max(axis=0) == 0, 1)
         if right - left >= _TAGLINE_GAP * thickness and left > start + len(form) * 0.8 * thickness),
        None,
    )
    if wide is not None and line.words:
        edge = (box.top if line.vertical else box.left) + wide
        kept = [w.text for w in line.words if (w.box.top if line.vertical else w.box.left) < edge]
        if kept and "".join(kept).replace(" ", "").startswith(f"{head}{form}".replace(" ", "")):
            counted, end = "".join(kept)[len(head.replace(" ", "")) :], wide
    # Latin letters and digits are about half as wide as the form's glyphs; full-width
    # capitals, which Tesseract reads apart ("有限会社 A BC 建設"), are as wide.
    full_width = _FULL_WIDTH_CAPITALS.match(body)
    if full_width:
        counted = counted.replace(full_width.group(), "\u3000" * len(full_width.group().replace(" ", "")), 1)
    widths = sum(1.0 if _is_cjk_char(c) else _LATIN_WIDTH for c in counted.replace(" ", ""))
    pitch = (end - start) / widths
    expected = start + len(form) * pitch
    blanks = [(start + left, start + right) for left, right in _runs(ink[:, start:end].max(axis=0) == 0, 1)]
    # The blank between two of the form's glyphs (the median: 限 and 阝 leave blanks inside a glyph).
    inside = [right - left for left, right in blanks if right <= expected - 0.5 * pitch]
    tracking = float(np.median(inside)) if inside else 0.0
    for n, (left, right) in enumerate(blanks):
        if abs((left + right) / 2 - expected) > 0.5 * pitch:
            continue
        if not _is_cjk_char(body[0]) and not full_width:
            # A Latin letter's side bearing is the font's (a J can stand off a fifth of a
            # glyph): only a wide blank, a full-width space, is taken for one.
            if right - left >= _SPACE_BLANK * pitch:
                return replace(line, text=f"{head}{form} {body}")
            continue
        # A kana or kanji is centred in a full-width cell: a narrow one (ト, リ) stands
        # off by half of what it leaves blank, space or not.
        em = (left - start) / len(form)
        glyph_end = next((a for a, b in blanks[n + 1 :] if b - a > _GLYPH_BREAK * em), end)
        allowance = max(0.0, (em - min(em, glyph_end - right)) / 2)
        if right - left - tracking - allowance >= _SPACE_WIDTH * em:
            return replace(line, text=f"{head}{form} {body}")
    return unspaced


_LOCAL_PIECE = re.compile(r"[A-Za-z0-9]+")
# "Mail. taro@", "Email: taro@": the mark after a label is not part of the address.
# (With a glyph misread too: "nail harumi@…" once the icon before it was taken off, seed 239 #136.)
_MAIL_LABEL = re.compile(r"(?i)e?-?[mn]a[il1]l|e?-?mai[l1I]|e|m")


def _email_separator(array: GrayArray, line: Line) -> Line:
    """The "_", "." or "-" inside an e-mail's local part that OCR read as a space, put back.

    "sachiko hara@nihon-ad.jp": an underscore is a thin stroke on the
    baseline that Tesseract often drops, and the parser cannot tell which
    separator was printed. The gap between the two words is looked at: one
    wide stroke low down is "_", one at mid-height "-", one small dot on the
    baseline "."; anything else (nothing, a colon, specks) leaves the space.
    """
    if line.vertical or "@" not in line.text:
        return line
    words = line.words
    at = next((i for i, word in enumerate(words) if "@" in word.text), None)
    if at is None or at == 0 or words[at].text.startswith("@"):
        return line
    before, after = words[at - 1], words[at]
    if not _LOCAL_PIECE.fullmatch(before.text) or _MAIL_LABEL.fullmatch(before.text):
        return line
    height = line.box.height
    left, right = before.box.right, after.box.left
    if right - left < 2 or right - left > height:
        return line
    # An underscore can sit below the line's box (the baseline of a font with low descenders).
    crop = array[line.box.top:line.box.bottom + height // 4, left + 1:right]
    mark = _gap_mark(crop, height)
    if mark is None:
        # The blur of the glyphs either side can reach into the gap and join the
        # mark (seed 181 #27, "hemmi.hayato"): then only the gap's middle is looked at.
        side = crop.shape[1] // 5
        mark = _gap_mark(crop[:, side : crop.shape[1] - side], height)
    if mark is None:
        return line
    y, w, h = mark
    middle = (y + h / 2) / height
    # (A blurred underscore's faint ends fade out: 9 by 4 px, seed 193 #23.)
    if w >= 2 * h and middle >= 0.6:
        sign = "_"
    elif w >= 1.5 * h and 0.3 <= middle < 0.7:
        sign = "-"
    elif w <= 2 * h and h <= _DOT_HEIGHT * height and middle >= 0.6:
        sign = "."
    else:
        return line
    joined = f"{before.text}{sign}{after.text}"
    text = line.text.replace(f"{before.text} {after.text}", joined, 1)
    if text == line.text:
        return line
    word = Word(joined, before.box.union(after.box), min(before.confidence, after.confidence))
    return replace(line, text=text, words=(*words[: at - 1], word, *words[at + 1 :]))


def _email_dot(array: GrayArray, line: Line) -> Line:
    """The full stop after an e-mail's initial that OCR dropped, put back.

    "tnakajima@alpha.co.jp" read off "t.nakajima@alpha.co.jp" (seed 313 #6, #72,
    #146): the stop between an initial and a name is a speck Tesseract leaves
    out of tight small print. A dot on the baseline between the address's
    first blob of ink and its second is that stop. Not in a company mailbox
    (sales@), nor after a word that may be the local part's start.
    """
    if line.vertical or "@" not in line.text:
        return line
    for k, word in enumerate(line.words):
        local, at, _domain = word.text.partition("@")
        if not at or not re.fullmatch(r"[a-z][a-z]{3,}[0-9]*", local) or is_generic_mailbox(word.text):
            continue
        if k > 0 and re.fullmatch(r"[a-z]+[._-]?", line.words[k - 1].text):
            continue  # "shintare ono@": the end of a local part OCR split, a separator's scrap before it
        if not _dot_after_first_glyph(array, word):
            continue
        text = f"{word.text[0]}.{word.text[1:]}"
        words = (*line.words[:k], replace(word, text=text), *line.words[k + 1 :])
        return replace(line, text=line.text.replace(word.text, text, 1), words=words)
    return line


def _dot_after_first_glyph(array: GrayArray, word: Word) -> bool:
    """Whether a dot stands on the baseline between the first two glyphs of ``word``.

    Glyphs are the blobs of ink at least :data:`_GLYPH_SHARE` of the word's
    height; a dot is a small blob about as wide as high, its foot on the
    baseline (the dots of i and j stand high, over their stems).
    """
    box = word.box
    crop = array[box.top : box.bottom, box.left : box.right]
    if crop.size == 0 or box.height < 8:
        return False
    _threshold, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    blobs = [tuple(int(v) for v in row) for row in stats[1:count]]
    height = box.height
    glyphs = sorted((b for b in blobs if b[3] >= _GLYPH_SHARE * height), key=lambda b: b[0])
    if len(glyphs) < 3:
        return False
    baseline = float(np.median([b[1] + b[3] for b in glyphs]))
    first_end, second_start = glyphs[0][0] + glyphs[0][2], glyphs[1][0]
    # (Apart from both glyphs, small, round and filled, with nothing over it: not a piece of a
    # glyph that blur broke off, the bowl of an "a" under its arch, seed 331 #125.)
    return any(
        first_end < x and x + w < second_start
        and abs(y + h - baseline) <= _BASELINE_SLACK * height
        and h <= _STOP_HEIGHT * height and w <= 2 * h and h <= 2 * w and area >= max(3, 0.6 * w * h)
        and not any(o[1] + o[3] <= y and o[0] < x + w / 2 < o[0] + o[2] for o in blobs)
        for x, y, w, h, area in blobs
        if h < _GLYPH_SHARE * height
    )


# The most a stop's height is of its word's box (which holds ascenders and descenders).
_STOP_HEIGHT = 0.22
# A blob this share of a word's box high or more is a glyph; smaller ones are dots and specks.
_GLYPH_SHARE = 0.35
# How far a stop's foot may be from the baseline, in word heights.
_BASELINE_SLACK = 0.12


# How much lighter than the paper round it a mark between two words may be.
_MARK_CONTRAST = 30
# The most a dot's height is of its line's.
_DOT_HEIGHT = 0.3


def _gap_mark(crop: GrayArray, height: int) -> tuple[int, int, int] | None:
    """The top, width and height of the one mark in the gap between two words, if one.

    A blurred underscore is a faint grey stroke (186 to 230 on white, seed 181
    #14): ink is what stands out from the paper, not only what is dark. The
    edge of a glyph either side (at the gap's side, taller than a dot of the
    line's ``height``) is no mark, nor ink at the head or the foot of the room
    looked at (the foot of a glyph above, the top of the next line's glyphs
    below it): a separator is set between.
    """
    if crop.size == 0:
        return None
    ink = (crop < max(_INK_LEVEL, float(np.median(crop)) - _MARK_CONTRAST)).astype(np.uint8)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = []
    for x, y, w, h, area in (tuple(int(v) for v in row) for row in stats[1:count]):
        at_side = x == 0 or x + w == crop.shape[1]
        at_edge = y == 0 or y + h == crop.shape[0]
        if area >= 3 and not at_edge and (h <= _DOT_HEIGHT * height or not at_side):
            marks.append((y, w, h))
    return marks[0] if len(marks) == 1 else None


def _is_cjk_char(char: str) -> bool:
    return _CJK_ONLY.fullmatch(char) is not None


# --- Latin lines read again on their own ------------------------------------------------------

# Print lower than this (pixels of the line's box) is read again at twice the size:
# the small print of an e-mail address on a blurred photo is 15 to 25 px high.
_SMALL_PRINT = 36
_ENLARGE = 2


# Share of the letters of a line read again by jpn that must be Japanese script.
_JAPANESE_SHARE = 0.5


def read_junk_in_japanese(
    array: GrayArray, lines: tuple[Line, ...], *, languages: str = HORIZONTAL_LANGUAGES,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[Line, ...]:
    """Lines of a Japanese card read as Latin junk, read again by ``jpn`` alone in one pass.

    On a blurred photo ``jpn+eng`` sometimes takes a whole line of Japanese
    print for Latin and reads unsure capitals ("Ib + SEB RA RB 24 BIS DU
    RAILS D—6F" for 浦幌町栄穂24番9号 クリスタルタワー6F); ``jpn`` alone reads
    the same print as Japanese. A line takes the new reading when that holds
    Japanese script and is surer. Lines across only, on cards with Japanese
    read elsewhere on them or seen in their ink (``languages``: the models the
    card was read with).
    """
    if not _japanese_print(array, lines, languages):
        return lines
    targets = [i for i, line in enumerate(lines) if not line.vertical and _latin_junk(line)]
    if not targets:
        return lines
    pieces = [(*_padded(array, lines[i].box, max(4, lines[i].box.height // 4)), False) for i in targets]
    sheet, strips = _stacked(pieces)
    read = read_lines(Image.fromarray(sheet), languages="jpn", psm=_PSM_COLUMN, settings=settings)
    out = list(lines)
    for i, found in zip(targets, _unsheet(read, strips), strict=True):
        # The room round the line may take in a piece of the next one, read as a line of its own.
        box = lines[i].box
        on_it = [line for line in found if _overlap_down(line.box, box) >= line.box.height / 2]
        on_it.sort(key=lambda line: line.box.left)
        if not on_it:
            continue
        text = " ".join(line.text for line in on_it)
        letters = [c for c in text if c.isalpha()]
        japanese = sum(map(_is_cjk_char, letters)) >= _JAPANESE_SHARE * len(letters) > 0
        confidence = _confidence(on_it)
        if japanese and confidence > lines[i].confidence:
            words = tuple(word for line in on_it for word in line.words)
            out[i] = _space_after_legal_form(array, Line(text, box, confidence, words, vertical=False))
    return tuple(out)


def _padded(array: GrayArray, box: Box, pad: int) -> tuple[Box, GrayArray]:
    """The crop of ``box`` with ``pad`` pixels of room round it (inside the image), and its box."""
    high, wide = array.shape[:2]
    left, top = max(0, box.left - pad), max(0, box.top - pad)
    crop = array[top : min(high, box.bottom + pad), left : min(wide, box.right + pad)]
    return Box(left, top, crop.shape[1], crop.shape[0]), crop


def _overlap_down(a: Box, b: Box) -> int:
    """Pixels of height two boxes share."""
    return max(0, min(a.bottom, b.bottom) - max(a.top, b.top))


def read_latin_lines(
    array: GrayArray, boxes: Sequence[Box], *, also: Sequence[GrayArray] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> list[str]:
    """The print in each of ``boxes`` read again by ``eng`` alone, enlarged when small, in one pass.

    ``jpn+eng`` weighs Japanese glyphs against the Latin ones, and on a
    blurred photo the small print of an e-mail address comes out as a mix
    ("E thomas osheyで blockwood com"). Read alone and larger, by the Latin
    model, the same print gives the letters ("white.sienna@lumen.io" where
    the first pass read "white.sienna@!umen.io"). The caller decides whether
    a new reading is better.

    Args:
        array: The card, turned upright.
        boxes: Where the lines are on it.
        also: Other views of the same card (the same size, another
            preparation) whose print in ``boxes`` is read in the same pass.
        settings: Timeout and executable.

    Returns:
        The text read in each box ("" where nothing was), in the order of
        ``boxes``, then the same for each view of ``also`` in turn.

    Raises:
        OcrUnavailable: Tesseract is missing.
        OcrFailed: Tesseract failed or timed out.
    """
    return read_latin_line_groups(array, [boxes], also=also, settings=settings)[0]


def read_latin_line_groups(
    array: GrayArray, groups: Sequence[Sequence[Box]], *, also: Sequence[GrayArray] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> list[list[str]]:
    """:func:`read_latin_lines` for several groups of boxes in one run, each group on sheets of its own.

    A sheet is thresholded as a whole, so what a box reads depends on the
    others on its sheet: groups read for different ends (e-mail lines, lines
    of numbers) are kept apart and read as they would be alone, for one start
    of Tesseract. Returns, for each group, what :func:`read_latin_lines` would.
    """
    sheets = [_latin_sheet(view, group) for group in groups if group for view in (array, *also)]
    if not sheets:
        return [[] for _group in groups]
    images = [Image.fromarray(sheet) for sheet, _strips in sheets]
    found_on = read_many(images, languages="eng", psm=_PSM_COLUMN, settings=settings)
    reads = iter(zip(found_on, sheets, strict=True))
    out: list[list[str]] = []
    for group in groups:
        texts: list[str] = []
        for _view in ((array, *also) if group else ()):
            read, (_sheet, strips) = next(reads)
            texts.extend(" ".join(line.text for line in found) for found in _unsheet(read, strips))
        out.append(texts)
    return out


def _latin_sheet(view: GrayArray, boxes: Sequence[Box]) -> tuple[GrayArray, list[_Strip]]:
    """The print in ``boxes`` stacked on one sheet, small print enlarged, and where each piece went."""
    pieces: list[tuple[Box, GrayArray, bool]] = []
    scales: list[float] = []
    for box in boxes:
        room, crop = _padded(view, box, max(4, box.height // 3))
        scale = _ENLARGE if box.height < _SMALL_PRINT else 1
        if scale > 1:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        pieces.append((Box(room.left, room.top, crop.shape[1] // scale, crop.shape[0] // scale), crop, False))
        scales.append(scale)
    sheet, strips = _stacked(pieces)
    return sheet, [replace(strip, scale=scale) for strip, scale in zip(strips, scales, strict=True)]
