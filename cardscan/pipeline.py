"""From an image to a parsed card: the whole reader, one image or a batch.

:func:`scan` never raises for a bad image: a file that cannot be read gives a
:class:`ScanResult` with ``error`` set, so a batch goes on. Missing Tesseract
(:class:`OcrUnavailable`) does raise, because no later image would fare better.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

import cv2
from rapidfuzz.distance import Levenshtein

from cardscan.config import DEFAULT_SETTINGS, Settings
from cardscan.errors import OcrFailed, OcrUnavailable, UnreadableImage
from cardscan.imaging import GrayArray, ImageSource, find_card, load_image, prepare_for_ocr, whole_frame
from cardscan.lexicon import EMAIL_LABEL_RE
from cardscan.names import (
    given_name_glyphs,
    is_known_name,
    respelt_by_dictionary,
    respelt_by_romaji,
    romaji_evidence,
    romaji_fit,
)
from cardscan.normalize import find_phone_matches, nfkc
from cardscan.ocr import (
    ACCENTED_LETTERS,
    is_japanese_card,
    page_chars,
    probe,
    read_accents,
    read_card,
    read_choices,
    read_junk_in_japanese,
    read_latin_line_groups,
    readable_glyphs,
    turned,
)
from cardscan.types import Box, Line, OcrPage, ParsedCard, Phone, ScanResult
from cardscan.variants import VARIANTS, glyph_in_print, line_ink, with_variants

if TYPE_CHECKING:
    from PIL import Image

    Parser = Callable[..., ParsedCard]

log = logging.getLogger(__name__)

# Long side of a Japanese card (91 mm) in inches.
_CARD_LONG_SIDE_INCHES = 91 / 25.4

# A page with fewer characters than this was not really read.
_FEW_CHARS = 20

#: Stages timed in ``ScanResult.timings``, in pipeline order.
STAGES: tuple[str, ...] = ("load", "detect", "prepare", "ocr", "parse")


def scan(
    source: ImageSource, *, name: str | None = None, settings: Settings = DEFAULT_SETTINGS
) -> ScanResult:
    """Read one card photo.

    Args:
        source: A path or the encoded image bytes.
        name: What to report as ``file``; defaults to the path (or ``"<bytes>"``).
        settings: Limits, default region and timeouts.

    Returns:
        A result holding the parsed card, the OCR page and per-stage timings
        in seconds, or an error message when the image could not be read or
        OCR failed on it.

    Raises:
        OcrUnavailable: Tesseract or a language pack is not installed.
    """
    if name is None:
        name = "<bytes>" if isinstance(source, bytes | bytearray) else os.fspath(source)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = started

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(timings.get(stage, 0.0) + now - clock, 4)
        clock = now

    try:
        photo = load_image(source, settings=settings)
        lap("load")
        card = find_card(photo, settings=settings)
        lap("detect")
        flat, prepared = card.image, prepare_for_ocr(card.image)
        lap("prepare")
        # A card (or a scan that is all card) warped to a known size has a
        # known resolution; a crop around the print alone does not.
        dpi = None if card.method == "print" else round(max(prepared.shape) / _CARD_LONG_SIDE_INCHES)
        page = read_card(prepared, dpi=dpi, settings=settings)
        if card.found and page_chars(page) < _FEW_CHARS:
            # The outline found was not the card (a colour band, a shadow's
            # edge, a patch of desk): the whole photo, read at an unknown
            # scale, does better than returning nothing.
            whole = whole_frame(photo, settings=settings).image
            frame = prepare_for_ocr(whole)
            retry = read_card(frame, dpi=None, settings=settings)
            if page_chars(retry) > page_chars(page):
                page, prepared, flat = retry, frame, whole
        lap("ocr")
        parse = _parser()
        parsed = parse(page, default_region=settings.default_region)
        lap("parse")
        # Japanese print read as Latin junk is worth a reading in Japanese script alone.
        unjunked = _optional(_with_junk_read_in_japanese, page, parsed, prepared, settings)
        lap("ocr")
        if unjunked is not page:
            page, parsed = unjunked, parse(unjunked, default_region=settings.default_region)
            lap("parse")
        # E-mail lines and lines of phone numbers are worth a reading in Latin script alone
        # (two, in one pass).
        reread = _optional(_with_addresses_read_again, page, parsed, prepared, flat, settings)
        lap("ocr")
        if reread is not page:
            page, parsed = reread, parse(reread, default_region=settings.default_region)
            lap("parse")
        # The parsed country says whether the card is one whose names carry accents.
        accented = _optional(_with_accents, page, parsed.country, prepared, settings)
        lap("ocr")
        if accented is not page:
            page, parsed = accented, parse(accented, default_region=settings.default_region)
            lap("parse")
        # The card's romaji says how its Japanese name is spelt.
        spelt = _optional(_with_name_spelt, page, parsed, prepared, settings)
        lap("ocr")
        if spelt is not page:
            page, parsed = spelt, parse(spelt, default_region=settings.default_region)
            lap("parse")
        # A glyph of a given name the romaji spells otherwise, told from the print.
        given = _with_given_name_in_print(page, parsed, prepared)
        if given is not page:
            page, parsed = given, parse(given, default_region=settings.default_region)
        # A glyph of the firm's trade word read as another (楽品 for 薬品), told from the print.
        firm = _with_firm_word_in_print(page, parsed, prepared)
        if firm is not page:
            page, parsed = firm, parse(firm, default_region=settings.default_region)
        # Forms of a name's kanji Tesseract cannot output (髙, 﨑), told from the print.
        parsed = _with_variant_kanji(page, parsed, prepared)
        lap("parse")
    except OcrUnavailable:
        raise
    except UnreadableImage as e:
        return ScanResult(file=name, seconds=time.perf_counter() - started, error=e.message, timings=timings)
    except Exception as e:  # noqa: BLE001 - one bad image must not stop a batch
        if not hasattr(e, "message"):
            log.exception("unexpected failure on %s", name)
        reason = getattr(e, "message", None) or f"{type(e).__name__}: {e}"
        return ScanResult(file=name, seconds=time.perf_counter() - started, error=reason, timings=timings)
    return ScanResult(
        file=name, seconds=time.perf_counter() - started, card=parsed, page=page, timings=timings
    )


def _optional(step: Callable[..., OcrPage], page: OcrPage, *args: object) -> OcrPage:
    """``step(page, *args)``, or ``page`` as it was when Tesseract fails or times out in it.

    The second readings only improve a card already read: one that fails must
    not cost the card its first reading.
    """
    try:
        return step(page, *args)
    except OcrFailed as e:
        log.warning("%s skipped, the first reading is kept: %s", step.__name__.lstrip("_"), e.message)
        return page


# Cards from where names, titles and company names are written without accents:
# the Latin-script pass (cardscan.ocr.read_accents) is not worth its time there.
_UNACCENTED_COUNTRIES = frozenset({"US", "GB", "AU", "NZ", "SG", "IE", "JP"})


def _with_accents(page: OcrPage, country: str | None, prepared: GrayArray, settings: Settings) -> OcrPage:
    """``page`` with the accents ``eng`` dropped put back, on Latin cards from where they are written.

    The same ``page`` object when nothing changed.
    """
    if page.vertical or country in _UNACCENTED_COUNTRIES or is_japanese_card(page.lines):
        return page
    letters = ACCENTED_LETTERS.get(country) if country else None
    lines = read_accents(turned(prepared, page.rotation), page.lines, letters=letters, settings=settings)
    return page if lines == page.lines else replace(page, lines=lines)


def _with_junk_read_in_japanese(
    page: OcrPage, parsed: ParsedCard, prepared: GrayArray, settings: Settings
) -> OcrPage:
    """``page`` with its lines of Japanese print read as Latin junk read again by ``jpn``, one by one.

    A new reading (:func:`cardscan.ocr.read_junk_in_japanese`) is kept when
    the card parsed with it loses none of its phone numbers and e-mail
    addresses and keeps its postal code: a number read among the junk can
    come out worse in Japanese script ("(092)438 つ 249"), and a second
    address in junk can become one that fits another postal code. The same
    ``page`` object when no line was taken.
    """
    again = read_junk_in_japanese(
        turned(prepared, page.rotation), page.lines, languages=page.languages, settings=settings
    )
    parse, region = _parser(), settings.default_region
    lines = list(page.lines)
    for i, new in enumerate(again):
        if new is page.lines[i]:
            continue
        trial = parse(replace(page, lines=(*lines[:i], new, *lines[i + 1 :])), default_region=region)
        if _keeps_numbers(parsed, trial):
            lines[i], parsed = new, trial
    return page if lines == list(page.lines) else replace(page, lines=tuple(lines))


def _keeps_numbers(old: ParsedCard, new: ParsedCard) -> bool:
    """Whether ``new`` has every phone number and e-mail address of ``old``, and its postal code."""
    return (
        {phone.e164 for phone in old.phones} <= {phone.e164 for phone in new.phones}
        and set(old.emails) <= set(new.emails)
        and old.postal_code in (None, new.postal_code)
    )


def _with_addresses_read_again(
    page: OcrPage, parsed: ParsedCard, prepared: GrayArray, flat: Image.Image, settings: Settings
) -> OcrPage:
    """``page`` with its e-mail lines and lines of numbers read again by ``eng`` where that reads better.

    Every line across with an "@", or labelled as an e-mail, that Tesseract
    was unsure of or that gave no address is read again; when one is, and the
    page runs across, so is every other line across of seven digits or more it
    was unsure of (:func:`cardscan.ocr.read_latin_line_groups`, each kind on
    sheets of its own). All are read twice in one pass: on the card as
    prepared, and as :func:`prepare_for_ocr` prepares it with ``linear``
    contrast, where blurred strokes keep their grey.

    - An e-mail line none of whose parsed addresses' local part it holds takes
      the first new reading when that holds an "@" and the card parsed with it
      has more addresses.
    - An e-mail line that gave addresses takes the first new reading when both
      new readings give the same addresses and the first reading other ones:
      two reads that agree against one ("union-tech" twice, "unton-tech" once).
    - A line of numbers has the digits of its numbers put right where both new
      readings agree (:func:`_with_numbers_outvoted`).

    Each is kept only when the card's name, company and phone numbers (or, for
    numbers, its e-mail addresses) stay as they were. The same ``page`` object
    when no line was taken.
    """
    locals_ = [email.partition("@")[0] for email in parsed.emails]
    emails = [i for i, line in enumerate(page.lines) if not line.vertical and _email_line(line.text)]
    unread = {i for i in emails if _unread_address(page.lines[i].text, locals_)}
    targets = [i for i in emails if i in unread or page.lines[i].confidence < _SURE_EMAIL_LINE]
    # (Lines of numbers only in a run that is made anyway: alone they cost more than they gave.)
    numbered = [] if page.vertical or not targets else [
        i for i, line in enumerate(page.lines)
        if i not in emails and not line.vertical and "@" not in line.text
        and line.confidence < _SURE_NUMBER_LINE and sum(c.isdigit() for c in line.text) >= _NUMBER_DIGITS
    ]
    if not targets:
        return page
    upright = turned(prepared, page.rotation)
    linear = turned(prepare_for_ocr(flat, linear=True), page.rotation)
    # (The two kinds of line on sheets of their own: an e-mail line reads as it did alone.)
    groups = [[page.lines[i].box for i in targets], [_numbers_box(page.lines[i]) for i in numbered]]
    reads: dict[int, tuple[str, str]] = {}
    read = read_latin_line_groups(upright, groups, also=(linear,), settings=settings)
    for indices, texts in zip((targets, numbered), read, strict=True):
        pairs = zip(texts[: len(indices)], texts[len(indices) :], strict=True)
        reads.update(zip(indices, pairs, strict=True))
    parse, region = _parser(), settings.default_region
    lines = list(page.lines)
    for i in targets:
        first, second = reads[i]
        if i in unread and ("@" not in first or first == lines[i].text):
            continue
        if i not in unread and not _outvoted(lines[i].text, first, second, region):
            continue
        first = _with_stops_kept(first, lines[i].text)
        trial_lines = (*lines[:i], replace(lines[i], text=first, words=()), *lines[i + 1 :])
        trial = parse(replace(page, lines=trial_lines), default_region=region)
        kept = (trial.name, trial.company, trial.phones) == (parsed.name, parsed.company, parsed.phones)
        # A line that gave no address must give one more; a slip put right keeps the count.
        more = len(trial.emails) - len(parsed.emails) >= (1 if i in unread else 0)
        if kept and more:
            lines, parsed = list(trial_lines), trial
    page = page if lines == list(page.lines) else replace(page, lines=tuple(lines))
    return _with_numbers_outvoted(page, parsed, {i: reads[i] for i in numbered}, settings)


def _numbers_box(line: Line) -> Box:
    """Where the numbers of ``line`` are: its words with digits (the labels beside them left out)."""
    boxes = [word.box for word in line.words if any(c.isdigit() or c in "+()" for c in word.text)]
    return functools.reduce(Box.union, boxes) if boxes else line.box


def _with_numbers_outvoted(
    page: OcrPage, parsed: ParsedCard, reads: dict[int, tuple[str, str]], settings: Settings
) -> OcrPage:
    """``page`` with digits of its phone numbers put right where two readings by ``eng`` agree.

    ``reads`` holds the two new readings of each line of numbers Tesseract
    was unsure of (:func:`_with_addresses_read_again`). Where they give the
    same numbers, the line's are put right by them (:func:`outvoted_numbers`):
    the digits change, the line's labels stay ("電話 96-8743-6138"). On a
    blurred photo ``jpn+eng`` reads 5 for 8 and 1 for 7 where the Latin model,
    on the print enlarged, reads them right twice (seed 271, where this was
    made: 3 cards' numbers put right of 200, none made wrong; held-out seeds
    281 and 283: no card made right or wrong, after the office rule below).

    Kept only when the card's name, company and e-mail addresses stay as they
    were, it has as many numbers, and as many of them alike but for their last
    four digits (an office's lines: two readings by one model may share a
    misreading, and parting a number from its fax's is one). The same ``page``
    object when no line changed.
    """
    region = parsed.country or settings.default_region
    lines = list(page.lines)
    for i, (first, second) in reads.items():
        text = outvoted_numbers(lines[i].text, first, second, region)
        if text != lines[i].text:
            lines[i] = replace(lines[i], text=text, words=())
    if lines == list(page.lines):
        return page
    trial = _parser()(replace(page, lines=tuple(lines)), default_region=settings.default_region)
    kept = (trial.name, trial.company, trial.emails) == (parsed.name, parsed.company, parsed.emails)
    # An office's numbers differ in their last digits: a change that parts two of them is no
    # slip put right (seed 281 #176: the 8 of 083 "read right" as 3, the fax still 083).
    together = _same_office(trial.phones) >= _same_office(parsed.phones)
    more = len(trial.phones) >= len(parsed.phones)
    return replace(page, lines=tuple(lines)) if kept and together and more else page


def _same_office(phones: Sequence[Phone]) -> int:
    """How many pairs of ``phones`` are alike but for their last four digits."""
    heads = Counter(phone.e164[:-4] for phone in phones)
    return sum(n * (n - 1) // 2 for n in heads.values())


def outvoted_numbers(read: str, first: str, second: str, region: str) -> str:
    """``read`` with each number two new readings outvote put right, its labels kept.

    The new readings must give the same numbers; a number of ``read`` that is
    none of them takes the one of them within :data:`_VOTED_DIGITS` digits of
    it (as long, and not read elsewhere on the line), when only one is.
    """
    def numbers(text: str) -> list[str]:
        return [m.e164 for m in find_phone_matches(text, region=region, ocr=True)]

    again = numbers(first)
    if not again or sorted(again) != sorted(numbers(second)):
        return read
    matches = find_phone_matches(read, region=region, ocr=True)
    was = {m.e164 for m in matches}
    text = read
    for match in sorted(matches, key=lambda m: -m.start):
        near = {
            new for new in again
            if new not in was and len(new) == len(match.e164)
            and Levenshtein.distance(new, match.e164) <= _VOTED_DIGITS
        }
        if match.e164 not in again and len(near) == 1:
            text = text[: match.start] + near.pop() + text[match.end :]
    return text


# A line of numbers read at least this surely is not read again. Lines of numbers are
# read only in a run that reads an e-mail line again: a run of Tesseract for them alone
# cost 0.10 s a card (seed 283, median), for no card more right on seeds 281 and 283; in
# that run they cost 0.025 s (median of 60 cards of seed 283, each timed twice both ways).
_SURE_NUMBER_LINE = 0.85
# Digits a line of numbers needs to be read again (a phone number has seven or more).
_NUMBER_DIGITS = 7
# Digits a number outvoted by two new readings may differ by.
_VOTED_DIGITS = 2


def _email_line(text: str) -> bool:
    return "@" in text or EMAIL_LABEL_RE.match(nfkc(text).strip()) is not None


def _outvoted(read: str, first: str, second: str, region: str) -> bool:
    """Whether two new readings of an e-mail line give the same addresses, and the line as read others.

    The two readings are one model's on two contrasts of one print, so they may
    share a misreading: only a slip is put right, each new address within
    :data:`_VOTED_EDITS` edits of one read the first time ("unton-tech" for
    union-tech, "rotsuka" for r.otsuka), not a rewrite ("k.nakajima" as "ima").
    """
    from cardscan.parse import parse_text  # (as _parser: loaded on first use)

    def addresses(text: str) -> frozenset[str]:
        return frozenset(parse_text(text, default_region=region).emails)

    again, before = addresses(first), addresses(read)
    if not again or again != addresses(second) or again == before or not before:
        return False
    # (Fewer addresses than read the first time is no correction; more of one is:
    # "a@himawari-tech.jp" read in full as "yamauchi-a@himawari-tech.jp".)
    nearest = [min(_edits_to(new, was) for was in before) for new in again - before]
    # (Nor a stop of the local part left out: the print showed it, "t.nakajima" read "tnakajima".)
    dropped = all(any(_without_stop(was) == new for was in before) for new in again - before)
    return bool(nearest) and max(nearest) <= _VOTED_EDITS and not dropped


def _with_stops_kept(new: str, read: str) -> str:
    """``new`` with the local parts of ``read`` whose stops it lost ("amatsuo@" read again, "a.matsuo@" read).

    The first reading's stops were in the print (Tesseract read them, or the
    print was looked at: :func:`cardscan.ocr.read_card`); a second reading of
    small print drops them, and is taken for what else it reads better.
    """
    for local in re.findall(r"([A-Za-z0-9][A-Za-z0-9._-]*)@", read):
        if "." in local:
            new = re.sub(rf"(?<![A-Za-z0-9._-]){re.escape(local.replace('.', ''))}(?=@)", local, new, count=1)
    return new


def _without_stop(address: str) -> str:
    """``address`` with the first full stop of its local part left out."""
    local, at, domain = address.partition("@")
    return local.replace(".", "", 1) + at + domain


def _edits_to(new: str, read: str) -> int:
    """Edits from the address ``read`` to ``new``; none when ``new`` only holds more of its start."""
    return 0 if new.endswith(read) else Levenshtein.distance(new, read)


# Edits (glyphs misread, added or lost) an address outvoted by two new readings may differ by.
_VOTED_EDITS = 2
# An e-mail line read at least this surely is not read again when it gave an address
# (seed 139: 111 of 232 e-mail lines are below it, and every slip two readings put right).
_SURE_EMAIL_LINE = 0.85


def _unread_address(text: str, locals_: Sequence[str]) -> bool:
    """Whether ``text`` looks like an e-mail line that gave none of the parsed addresses."""
    folded = nfkc(text).casefold()
    if "@" not in folded and EMAIL_LABEL_RE.match(folded.strip()) is None:
        return False
    compact = folded.replace(" ", "")
    return not any(local and local in compact for local in locals_)


def _with_variant_kanji(page: OcrPage, parsed: ParsedCard, prepared: GrayArray) -> ParsedCard:
    """``parsed`` with its name's glyphs in the variant form the print shows (:mod:`cardscan.variants`)."""
    name = parsed.name
    if not name or not any(glyph in VARIANTS for glyph in name):
        return parsed
    found = _name_line_ink(page, name.replace(" ", ""), prepared)
    if found is None:
        return parsed
    line, ink = found
    spelt = with_variants(name, line.text, ink, vertical=line.vertical)
    return parsed if spelt == name else replace(parsed, name=spelt)


def _with_given_name_in_print(page: OcrPage, parsed: ParsedCard, prepared: GrayArray) -> OcrPage:
    """``page`` with a glyph of the given name put right where the romaji and the print say so.

    "鈴木 夢" beside SUZUKI Ren: the romaji spells 鈴木 but not 夢, and of the
    dictionary's spellings of ren (:func:`cardscan.names.given_name_glyphs`)
    the print fits 蓮 clearly best (:func:`cardscan.variants.glyph_in_print`).
    The same ``page`` object when nothing changed.
    """
    name = parsed.name
    found = given_name_glyphs(name, parsed.name_latin, parsed.emails) if name else None
    if not name or found is None:
        return page
    index, glyphs = found
    compact = name.replace(" ", "")
    inked = _name_line_ink(page, compact, prepared)
    if inked is None:
        return page
    line, ink = inked
    offset = line.text.replace(" ", "").index(compact)
    glyph = glyph_in_print(line.text, ink, offset + index, compact[index], glyphs, vertical=line.vertical)
    if glyph == compact[index]:
        return page
    log.debug("given name of %s respelt with %s (romaji and print)", name, glyph)
    text = _respelt_in(line.text, compact, compact[:index] + glyph + compact[index + 1 :])
    lines = tuple(replace(other, text=text, words=()) if other is line else other for other in page.lines)
    return replace(page, lines=lines)


def _with_firm_word_in_print(page: OcrPage, parsed: ParsedCard, prepared: GrayArray) -> OcrPage:
    """``page`` with a glyph of the word of the firm's trade put right where the print says so.

    "(株)丸紅屋楽品": 楽品 is one glyph from 薬品 and 食品
    (:func:`cardscan.parse.firm_word_slips`), and the print fits 薬 clearly
    best (:func:`cardscan.variants.glyph_in_print`). The same ``page`` object
    when nothing changed.
    """
    from cardscan.parse import firm_word_slips  # with the parser, on first use (see _parser)

    company = parsed.company
    slips = firm_word_slips(company) if company else []
    if not company or not slips:
        return page
    compact = company.replace(" ", "")
    inked = _name_line_ink(page, compact, prepared, _FIRM_LINE)
    if inked is None:
        return page
    line, ink = inked
    offset = line.text.replace(" ", "").index(compact)
    spelt = list(compact)
    for index, read, glyphs in slips:
        spelt[index] = glyph_in_print(line.text, ink, offset + index, read, glyphs, vertical=line.vertical)
    if "".join(spelt) == compact:
        return page
    log.debug("firm %s respelt as %s (print)", company, "".join(spelt))
    text = _respelt_in(line.text, compact, "".join(spelt))
    lines = tuple(replace(other, text=text, words=()) if other is line else other for other in page.lines)
    return replace(page, lines=lines)


def _name_line_ink(
    page: OcrPage, compact: str, prepared: GrayArray, pattern: re.Pattern[str] | None = None
) -> tuple[Line, GrayArray] | None:
    """The line of Japanese glyphs alone holding the name ``compact``, in its biggest print, and its ink.

    ``pattern`` says what else the line may hold (the brackets of (株) in a firm's name).
    """
    whole = pattern or _JAPANESE_LINE
    lines = [
        line for line in page.lines
        if compact in line.text.replace(" ", "") and whole.fullmatch(line.text.replace(" ", ""))
    ]
    if not lines:
        return None
    # The name in its big print, when a band reading left a second line of it.
    line = max(lines, key=lambda line: line.glyph_size)
    box = line.box
    upright = turned(prepared, page.rotation)
    return line, line_ink(upright, (box.left, box.top, box.width, box.height), vertical=line.vertical)


# A line of Japanese glyphs alone, each cut out as one cell.
_JAPANESE_LINE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{2,10}")
# A firm's name: longer, and (株) or (有) may be part of it.
_FIRM_LINE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff()]{2,20}")


def _with_name_spelt(page: OcrPage, parsed: ParsedCard, prepared: GrayArray, settings: Settings) -> OcrPage:
    """``page`` with the Japanese name read again where the card or the dictionary doubts it.

    When a word of romaji on the card (its Latin name, its e-mail) spells no
    part of the name, or the dictionary does not know the name (斉藤 洗), the
    name's line is read once more for the other glyphs Tesseract weighed.
    The romaji pick among them (:func:`cardscan.names.respelt_by_romaji`);
    failing that, a name the dictionary does not know takes the second
    reading's run that it knows (:func:`cardscan.names.respelt_by_dictionary`).
    Either may give back a given name the first reading lost. The same
    ``page`` object when nothing changed.
    """
    name = parsed.name
    # (A kanji name on a card read mostly as Latin junk is still a Japanese name.)
    if not name or not any("\u4e00" <= c <= "\u9fff" for c in name):
        return page
    evidence = romaji_evidence(parsed.name_latin, parsed.emails)
    spelt, unexplained = romaji_fit(name, evidence)
    doubted_by_romaji = bool(evidence) and spelt < 2 and unexplained > 0
    if not doubted_by_romaji and is_known_name(name):
        return page
    compact = name.replace(" ", "")
    line = next((line for line in page.lines if compact in line.text.replace(" ", "")), None)
    if line is None:
        return page
    views = read_choices(turned(prepared, page.rotation), line.box, vertical=line.vertical, settings=settings)
    respelt = None
    if doubted_by_romaji:
        readable = readable_glyphs("jpn", settings)
        respelt = next(
            filter(None, (respelt_by_romaji(name, choices, evidence, readable) for choices in views)), None
        )
    if respelt is None:
        respelt = respelt_by_dictionary(name, views)
        if respelt is not None and romaji_fit(respelt, evidence)[0] < spelt:
            respelt = None  # the romaji spell the name read better than the dictionary's
    if respelt is None:
        return page
    log.debug("name %s respelt %s (romaji %s)", name, respelt, evidence)
    new = respelt.replace(" ", "")
    # A longer name is the whole second reading of the line (glyphs the first lost or misread as others).
    text = _respelt_in(line.text, compact, new) if len(new) == len(compact) else respelt
    lines = tuple(replace(other, text=text, words=()) if other is line else other for other in page.lines)
    return replace(page, lines=lines)


def _respelt_in(text: str, old: str, new: str) -> str:
    """``text`` with its run of ``old`` (spaces inside it not counted) read as ``new``, its spaces kept."""
    glyphs = [i for i, char in enumerate(text) if char != " "]
    start = "".join(text[i] for i in glyphs).find(old)
    first, last = glyphs[start], glyphs[start + len(old) - 1]
    if len(new) == len(old):
        chars = list(text)
        for i, char in zip(glyphs[start : start + len(old)], new, strict=True):
            chars[i] = char
        return "".join(chars)
    return text[:first] + new + text[last + 1 :]


def _parser() -> Parser:
    # Imported on first use: the parser pulls in dictionaries (MeCab, postal
    # data) that loading an image does not need.
    try:
        from cardscan.parse import parse_page
    except ImportError:
        log.warning("cardscan.parse is not available; returning the OCR text unparsed")
        return _unparsed
    return parse_page


def _unparsed(page: OcrPage, *, default_region: str = "JP") -> ParsedCard:
    return ParsedCard(leftover=tuple(line.text for line in page.lines))


def scan_many(
    sources: Iterable[ImageSource], *, workers: int | None = None, settings: Settings = DEFAULT_SETTINGS
) -> Iterator[ScanResult]:
    """Scan several images in parallel, yielding results in input order.

    Each worker process runs one Tesseract at a time on one thread, so
    ``workers`` equal to the number of cores keeps them all busy without
    oversubscribing them.

    Args:
        sources: Paths or encoded images.
        workers: Worker processes; default the number of CPU cores. 1 scans in
            this process.
        settings: Passed to every :func:`scan`.

    Yields:
        One result per source, in the order given.

    Raises:
        OcrUnavailable: Tesseract or a language pack is not installed.
    """
    items = list(sources)
    workers = max(1, min(workers or os.cpu_count() or 1, len(items) or 1))
    if workers == 1:
        _prepare_worker(settings)
        for item in items:
            yield scan(item, settings=settings)
        return
    # Fresh interpreters rather than forks: forking a process whose OpenCV
    # or BLAS thread pools are running can deadlock the child.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_prepare_worker, initargs=(settings,)
    ) as pool:
        # map() keeps input order and lets a few results run ahead of the consumer.
        yield from pool.map(_scan_one, items, [settings] * len(items))


def _scan_one(source: ImageSource, settings: Settings) -> ScanResult:
    return scan(source, settings=settings)


def _prepare_worker(settings: Settings) -> None:
    """Get a process ready to scan, so the first image's ``seconds`` is not inflated.

    The probe and the parser's dictionaries are loaded here once instead of
    inside the first scan's timing. (Tesseract's thread limit is set by
    :mod:`cardscan.ocr` on every call.)
    """
    # One thread for OpenCV too: the workers already fill the cores.
    cv2.setNumThreads(1)
    try:
        probe(settings)
    except OcrUnavailable:
        return  # scan() raises it again where the caller can see it
    _parser()
