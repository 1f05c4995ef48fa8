"""Person names: Japanese split and reading (fugashi + unidic-lite), Latin names; kana OCR read twice.

Readings are given in katakana throughout (a hiragana ふりがな printed on the
card is converted), so that stored readings compare equal whatever the card
used.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import logging
import mmap
import os
import re
import struct
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import jaconv

from cardscan.lexicon import HONORIFICS_RE, NAME_SUFFIXES_JA, NOT_NAME_WORDS_EN, POST_NOMINALS_RE
from cardscan.matchkeys import fold_kanji_variants, is_generic_mailbox, strip_accents

log = logging.getLogger(__name__)

_local = threading.local()

KANJI_RE: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f々〆ヶ]")
KANA_RE: Final = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe・\s]+$")
_JA_NAME_CHARS = re.compile(
    r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f々〆ヶ"
    r"\u3041-\u3096\u30a1-\u30fa\u30fc・ ]+$"
)
# Old and variant forms (異体字) names keep on cards but the dictionary knows
# under the common form: looked up folded, printed as on the card. The
# matcher's table, plus 𠮷 (outside the BMP, so not in NFKC's reach either).
_EXTRA_VARIANTS: Final = str.maketrans({"𠮷": "吉"})


def fold_variants(text: str) -> str:
    """``text`` with variant kanji replaced by their common forms, character for character."""
    return fold_kanji_variants(text).translate(_EXTRA_VARIANTS)


# A word of a Latin-script name: letters (accents allowed) with inner - or ',
# an initial ("Q."), or a short particle ("van", "de", "von").
_LATIN_WORD = re.compile(r"^(?:[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|[^\W\d_]\.)$")


@dataclass(frozen=True)
class JapaneseName:
    """A Japanese name split into family and given name.

    Attributes:
        family: Family name (姓).
        given: Given name (名), "" when only one part could be found.
        reading: Katakana reading of the whole name, family and given separated by a space, or None.
        dictionary: How many parts the dictionary tagged as a person name (0-2).
    """

    family: str
    given: str
    reading: str | None
    dictionary: int

    def __post_init__(self) -> None:
        if not self.family:
            raise ValueError("a name needs a family part")
        if not 0 <= self.dictionary <= 2:
            raise ValueError(f"dictionary count out of range: {self.dictionary}")

    @property
    def text(self) -> str:
        return f"{self.family} {self.given}" if self.given else self.family


def _tagger() -> Any:
    # One tagger per thread: MeCab taggers are not thread-safe.
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import fugashi

        tagger = fugashi.Tagger()
        _local.tagger = tagger
    return tagger


def without_marks_after_word(text: str) -> str:
    """``text`` without long-vowel marks that end it after a word the dictionary knows.

    "アクシスシステムーー" is アクシスシステム (a rule read as marks); センター,
    コンピューター and マネージャー are words with their mark.
    """
    marks = re.search(r"[\u30a1-\u30fa]ー+$", text)
    if marks is None:
        return text
    tokens = _tagger()(text[max(0, marks.start() - 12) :])
    cut = 0
    while len(tokens) >= 2 and set(tokens[-1].surface) == {"ー"}:
        cut += len(tokens.pop().surface)
    return text[: len(text) - cut] if cut and tokens[-1].feature.lemma is not None else text


def is_dictionary_word(text: str) -> bool:
    """Whether the dictionary knows ``text`` as one word, or a word of two glyphs or more and a suffix.

    製材所 (製材 and 所) is a word; 燥作所 (a word it does not know) and 製人所
    (three glyphs apart) are not.
    """
    tokens = _tagger()(text)
    if len(tokens) == 1:
        return tokens[0].feature.lemma is not None
    first, *rest = tokens
    return (
        len(rest) == 1 and len(first.surface) >= 2 and first.feature.lemma is not None
        and rest[0].feature.pos1 == "接尾辞"
    )


def kanji_words_read_as(romaji: str) -> tuple[str, ...]:
    """Nouns of one to four kanji that the dictionary reads as ``romaji``, commonest first.

    "fuji" gives 富士 first (then 不治, 不二...), "toa" 東亜 before 東亞 and
    東阿; long vowels do not count ("koki" finds 光輝, こうき). For telling a
    company's name from its web domain when OCR misread a glyph of it.
    """
    return _kanji_words_by_reading().get(loose_romaji(romaji), ())


def dictionary_reading(text: str) -> str | None:
    """The katakana reading the dictionary gives ``text`` (its words' readings run together), if any."""
    readings = [kana for _surface, _tag, kana in _tokens(text)]
    known = [kana for kana in readings if kana]
    return "".join(known) if known and len(known) == len(readings) else None


# unidic's entries as MeCab compiles them (sys.dic): a header of ten 32-bit
# numbers and the charset's name, the double-array of surfaces, 16-byte tokens
# (left and right ids, part of speech, word cost, offset of the features,
# compound) and the features, CSV strings ending in NUL.
_DIC_HEADER = struct.Struct("<10I32s")
_DIC_VERSION = 102
_TOKEN = struct.Struct("<3Hh2I")
# A noun's features: lForm (field 6), orth (8, one to four kanji in UTF-8), kana (17).
_KANJI_NOUN = re.compile(
    rb"\xe5\x90\x8d\xe8\xa9\x9e,(?:[^,\0]*,){5}([^,\0]*),[^,\0]*,((?:[\xe4-\xe9][\x80-\xbf]{2}){1,4}),"
    rb"(?:[^,\0]*,){8}([^,\0]*),"
)
_KANJI_ONLY = re.compile(r"[\u4e00-\u9fff々]+")


@functools.cache
def _kanji_words_by_reading() -> dict[str, tuple[str, ...]]:
    """The dictionary's kanji nouns by loose romaji, commonest first; kept in the user's cache folder.

    Building it reads every entry of unidic (a few seconds); the result, a
    few megabytes of JSON, is written once per dictionary and read after.
    An unknown dictionary format gives an empty index (no respelling).
    """
    import unidic_lite

    path = Path(unidic_lite.DICDIR) / "sys.dic"
    stat = path.stat()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cardscan"
    stored = cache / f"kanji-readings-{stat.st_size}-{int(stat.st_mtime)}.json"
    try:
        with stored.open(encoding="utf-8") as fh:
            return {key: tuple(words) for key, words in json.load(fh).items()}
    except (OSError, ValueError):
        pass
    index = _read_kanji_nouns(path)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        partial.replace(stored)
    except OSError as e:
        log.info("kanji reading index not cached: %s", e)
    return index


def _read_kanji_nouns(path: Path) -> dict[str, tuple[str, ...]]:
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as dic:
        *sizes, charset = _DIC_HEADER.unpack_from(dic)
        _magic, version, _type, _lex, _left, _right, darts, tokens, features, _dummy = sizes
        if version != _DIC_VERSION or charset.rstrip(b"\0").lower() not in (b"utf8", b"utf-8"):
            log.warning("dictionary format %s (%s) unknown: no kanji reading index", version, charset)
            return {}
        start = _DIC_HEADER.size + darts
        blob = dic[start + tokens : start + tokens + features]
        nouns = {m.start(): m for m in _KANJI_NOUN.finditer(blob)}
        cost: dict[tuple[str, str], int] = {}
        for _l, _r, _pos, wcost, offset, _compound in _TOKEN.iter_unpack(dic[start : start + tokens]):
            m = nouns.get(offset)
            if m is None:
                continue
            orth = m.group(2).decode()
            kana = (m.group(3) if m.group(3) != b"*" else m.group(1)).decode()
            if _KANJI_ONLY.fullmatch(orth):
                cost[orth, kana] = min(wcost, cost.get((orth, kana), wcost))
    romaji: dict[str, str] = {}
    by_reading: dict[str, list[tuple[int, str]]] = {}
    for (orth, kana), wcost in cost.items():
        key = romaji.get(kana) or romaji.setdefault(kana, loose_romaji(romaji_of(kana)))
        by_reading.setdefault(key, []).append((wcost, orth))
    return {key: tuple(dict.fromkeys(orth for _c, orth in sorted(ws))) for key, ws in by_reading.items()}


def _tokens(text: str) -> list[tuple[str, str, str | None]]:
    """(surface, person tag 姓/名/"" , katakana reading) for each token."""
    out: list[tuple[str, str, str | None]] = []
    for word in _tagger()(text):
        out.append((word.surface, _person_tag(word.feature), _kana(word.feature)))
    return out


# Big kana Tesseract reads a glyph too many in: the glyph twice (エエコー), its voiced form
# after it (ホールディングスズ), or ユ as コ and ユ (ソレイコユ, コユンサルティング).
_KANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}|[\u3041-\u3096\u30fc]{3,}")
_PIECE_OF: Final = frozenset({("コ", "ユ")})


def _read_twice(first: str, second: str) -> tuple[int, ...]:
    """Which of two kana side by side (0, 1) may be a second reading of the other, likelier first.

    Of a glyph and its voiced form, rather the voiced one (a speck read as the
    dakuten); of コ and ユ, either (ソレイコユ is ソレイユ, コユンサル is コンサル);
    of a glyph's voiced and half-voiced forms, either (サンプブル is サンプル).
    """
    voiced = unicodedata.normalize("NFD", second)
    if first == second:
        return (1,)
    if len(voiced) == 2 and voiced[0] == first:
        return (1, 0)
    marked = unicodedata.normalize("NFD", first)
    if len(voiced) == 2 and len(marked) == 2 and voiced[0] == marked[0]:
        return (0, 1)
    return (0, 1) if (first, second) in _PIECE_OF else ()


def _dictionary_cost(text: str) -> int:
    """How badly the dictionary takes ``text``: its words, an unknown one counting as ten."""
    return sum(10 if word.is_unk else 1 for word in _tagger()(text))


# A kana's voiced and half-voiced forms, one after the other (プブ, ブプ, ぱば).
_MARKS_APART: Final = re.compile(
    "|".join(
        f"{a}{b}|{b}{a}"
        for a, b in zip("ばびぶべぼバビブベボ", "ぱぴぷぺぽパピプペポ", strict=True)
    )
)


def without_kana_read_twice(text: str) -> str:
    """``text`` with a kana Tesseract read twice taken out of each run of kana, where the dictionary says so.

    Only in a run the dictionary does not know; a glyph goes when it sits
    beside one it can be a second reading of (:func:`_read_twice`) and the
    run without it is all words the dictionary knows: "ソレイコユ" is ソレイユ,
    "ネクストコユンサルティング" ネクスト + コンサルティング, "エエコーソリューションズ"
    エコー + ソリューションズ.
    """
    def mend(match: re.Match[str]) -> str:
        run = match.group()
        # (A glyph's voiced and half-voiced forms side by side spell no word: サンプブル
        # is サンプ + ブル to the dictionary, but サンプル read twice.)
        both_marks = any(_MARKS_APART.fullmatch(run[i : i + 2]) for i in range(len(run) - 1))
        if not both_marks and not any(word.is_unk for word in _tagger()(run)):
            return run  # words the dictionary knows, were they only read so (コユキ, ルルルン)
        best, cost = run, _dictionary_cost(run)
        for i in range(len(run) - 1):
            for extra in _read_twice(run[i], run[i + 1]):
                mended = run[: i + extra] + run[i + extra + 1 :]
                mended_cost = _dictionary_cost(mended)
                if mended_cost < cost and all(not word.is_unk for word in _tagger()(mended)):
                    best, cost = mended, mended_cost
        return best

    return _KANA_RUN.sub(mend, text)


# Katakana whose strokes Tesseract's jpn model takes for one another's in blurred
# print (ソ/ツ/ン/シ, ユ/コ, ク/ケ/タ); a voicing mark lost or added (グ/ク/ゲ) and a
# small kana for a big one (ュ/ユ) come on top of these.
_KATAKANA_LOOKALIKES: Final = ("ソツンシ", "ユコロ", "クケタ", "ウワフ", "チテ", "ヌス", "ルレ", "メナ")
_SMALL_KATAKANA: Final = dict(zip("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ", strict=True))
_KATAKANA_RUN_TO_MEND = re.compile(r"[\u30a1-\u30fa\u30fc]{3,16}")


@functools.cache
def _lookalike_katakana(glyph: str) -> tuple[str, ...]:
    """The katakana Tesseract may have read as ``glyph``: lookalikes, voiced or not, its other size."""
    base = unicodedata.normalize("NFD", glyph)[0]
    bases = {base, *(b for group in _KATAKANA_LOOKALIKES if base in group for b in group)}
    found = {
        composed
        for b in bases
        for mark in ("", "\u3099", "\u309a")
        if len(composed := unicodedata.normalize("NFC", b + mark)) == 1 and "\u30a1" <= composed <= "\u30fa"
    }
    sizes = {small for small, big in _SMALL_KATAKANA.items() if glyph in (small, big)}
    sizes |= {big for small, big in _SMALL_KATAKANA.items() if small == glyph}
    return tuple(sorted((found | sizes) - {glyph}))


def with_katakana_lookalikes_mended(text: str) -> str:
    """``text`` with one misread glyph of each katakana run put right, where the dictionary says so.

    For a firm's name: a run the dictionary takes as two words or more is spelt
    with one glyph swapped for a lookalike (:func:`_lookalike_katakana`) when
    exactly one such spelling is fewer words, all of which the dictionary
    knows: "ゲローバル" (ゲロー + バル) is グローバル, "ソレイコ" (ソ + レイコ)
    ソレイユ, "ュニオン" ユニオン; "ツフト" stays (ソフト and シフト are both words).
    A brand the dictionary does not know stays as printed unless a lookalike
    spells it in fewer words (マルハニチロ is no fewer words as マルバ + ニチロ).
    """
    def mend(match: re.Match[str]) -> str:
        run = match.group()
        cost = len(_tagger()(run))
        if cost <= 1:
            return run
        spellings: dict[str, int] = {}
        for i, glyph in enumerate(run):
            for other in _lookalike_katakana(glyph):
                spelt = run[:i] + other + run[i + 1 :]
                words = _tagger()(spelt)
                if len(words) < cost and not any(word.is_unk for word in words):
                    spellings[spelt] = len(words)
        fewest = min(spellings.values(), default=0)
        best = [spelt for spelt, count in spellings.items() if count == fewest]
        return best[0] if len(best) == 1 else run

    return _KATAKANA_RUN_TO_MEND.sub(mend, text)


# The dictionary's best path can take a family name that is also a place for
# the place (千葉さくら: 千葉 a place, さくら a noun) when the next best reads it
# as 姓 and 名; this many paths are looked at.
_NAME_PATHS = 3


def _name_path(text: str) -> list[tuple[str, str, str | None]] | None:
    """Tokens of one of the dictionary's best paths through ``text`` that is a family name and given names."""
    for path in _tagger().nbestToNodeList(text, _NAME_PATHS):
        tokens = [(node.surface, _person_tag(node.feature), _kana(node.feature)) for node in path]
        given = [tag for _s, tag, _k in tokens[1:]]
        if tokens[0][1] == "姓" and given and all(tag in ("名", "人名") for tag in given):
            return tokens
    return None


def _person_tag(feature: Any) -> str:
    if getattr(feature, "pos2", "") == "固有名詞" and getattr(feature, "pos3", "") == "人名":
        return getattr(feature, "pos4", "") or "人名"
    return ""


def _kana(feature: Any) -> str | None:
    kana = getattr(feature, "kana", None)
    return kana if kana and kana != "*" else None


def person_name_score(text: str) -> float:
    """How much ``text`` looks like a Japanese person name, in [0, 1].

    1.0 when the dictionary tags a family name followed by a given name and
    nothing else; lower for partial tags; 0 for text with digits, Latin letters
    or more than a handful of characters.
    """
    compact = _without_kana_speck(text.replace(" ", "").replace("\u3000", ""))
    if not compact or not _JA_NAME_CHARS.match(compact) or not 2 <= len(compact) <= 8:
        return 0.0
    if not KANJI_RE.search(compact):
        return 0.0
    tokens = _tokens(fold_variants(compact))
    tags = [tag for _s, tag, _k in tokens]
    if tags and tags[0] == "姓" and len(tokens) >= 2 and all(t in ("名", "人名", "姓") for t in tags[1:]):
        return 1.0 if len(tokens) == 2 else 0.8
    if tags and tags[0] == "姓":
        return 0.6
    cut = _parts_split(fold_variants(compact))
    if cut is not None:
        return 0.9 if cut[1] else 0.6
    if _name_path(fold_variants(compact)) is not None:
        return 0.8
    if any(tags):
        return 0.45
    return 0.2 if 2 <= len(compact) <= 5 else 0.05


# One or two kana before the kanji of a name: a speck or a logo's edge read as kana
# ("とで佐藤俊介", "ム齋藤結菜"), or a rule read as 一 ("一伊藤大", but 一条 starts a
# family name); family names are written in kanji.
_KANA_SPECK = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc一]{1,2}(?=[\u4e00-\u9fff\u3005])")


def _without_kana_speck(compact: str) -> str:
    """``compact`` without a kana speck in front when a family name follows it and none starts it."""
    speck = _KANA_SPECK.match(compact)
    if speck is None:
        return compact
    rest = compact[speck.end() :]
    starts_with_family = _parts_split(fold_variants(compact)) is not None
    if len(rest) >= 2 and not starts_with_family and _parts_split(fold_variants(rest)) is not None:
        return rest
    return compact


def _parts_split(folded: str) -> tuple[int, bool] | None:
    """Where a known family name ends, looked up part by part; and whether the rest is a known given name.

    The dictionary's best path through a whole name can miss both (岩崎響 comes
    out as a noun and 響 read キョウ), although 岩崎 alone is a family name.
    Family names of one to three characters are tried, two first (the commonest).
    """
    best: tuple[int, bool] | None = None
    for length in (2, 1, 3):
        if len(folded) - length < 1:
            continue
        family = _tokens(folded[:length])
        if len(family) != 1 or family[0][1] != "姓":
            continue
        given = _tokens(folded[length:])
        known = len(given) == 1 and given[0][1] in ("名", "人名")
        if known:
            return length, True
        best = best or (length, False)
    return best


def split_japanese_name(text: str) -> JapaneseName | None:
    """Split a Japanese name into family and given name with its dictionary reading.

    A space printed on the card wins over the dictionary's split.

    Args:
        text: The name as printed, e.g. ``"山田太郎"`` or ``"山田 太郎"``.

    Returns:
        The split name, or None if ``text`` is not Japanese name-like.
    """
    cleaned = text.strip()
    for suffix in NAME_SUFFIXES_JA:
        cleaned = cleaned.removesuffix(suffix)
    cleaned = re.sub(r"[\s\u3000]+", " ", cleaned).strip()
    compact = cleaned.replace(" ", "")
    kept = _without_kana_speck(compact)
    if kept != compact:
        cleaned = compact = kept
    cleaned = _KATAKANA_AMONG_KANJI.sub(lambda m: _KANJI_LOOK_ALIKES[m.group(0)], cleaned)
    compact = cleaned.replace(" ", "")
    if not compact or not _JA_NAME_CHARS.match(compact):
        return None
    folded = fold_variants(compact)
    tokens = _tokens(folded)
    if not tokens or tokens[0][1] != "姓":
        tokens = _name_path(folded) or tokens
    parts = cleaned.split(" ")
    if len(parts) > 2 and sum(len(p) == 1 for p in parts) >= len(parts) - 1:
        # Letter-spaced ("長 谷 部 桃 子"): the spaces are design, not the split.
        parts = [compact]
    if len(parts) == 2:
        family, given = parts
    elif len(parts) > 2:
        family, given = parts[0], "".join(parts[1:])
    else:
        # Split the folded text, then cut the printed one at the same place.
        fam_len = len(_dictionary_split(folded, tokens)[0])
        family, given = compact[:fam_len], compact[fam_len:]
    dictionary = sum(1 for _s, tag, _k in tokens if tag) if tokens else 0
    # The printed form's own reading when the dictionary has one, else the common form's.
    reading = _reading_for(family, given) or _reading_for(fold_variants(family), fold_variants(given))
    return JapaneseName(family, given, reading, min(2, dictionary))


# Katakana that look like kanji, read alone among kanji in a name: 健ニ is 健二.
_KANJI_LOOK_ALIKES: Final[dict[str, str]] = {
    "ニ": "二", "ロ": "口", "エ": "工", "カ": "力", "タ": "夕", "ハ": "八",
}
_KATAKANA_AMONG_KANJI = re.compile(
    r"(?<=[\u4e00-\u9fff\u3005])[" + "".join(_KANJI_LOOK_ALIKES) + r"](?![\u30a1-\u30fc])"
    r"|(?<![\u30a1-\u30fc])[" + "".join(_KANJI_LOOK_ALIKES) + r"](?=[\u4e00-\u9fff])"
)


def _dictionary_split(compact: str, tokens: list[tuple[str, str, str | None]]) -> tuple[str, str]:
    if len(tokens) >= 2 and tokens[0][1] == "姓":
        return tokens[0][0], "".join(s for s, _t, _k in tokens[1:])
    # Family names whose last token is tagged 姓 ("佐々木" may come out as two pieces).
    for i in range(1, len(tokens)):
        if tokens[i][1] == "名" and i >= 1:
            return "".join(s for s, _t, _k in tokens[:i]), "".join(s for s, _t, _k in tokens[i:])
    cut = _parts_split(compact)
    if cut is not None:
        return compact[: cut[0]], compact[cut[0] :]
    if len(tokens) == 1 and len(compact) >= 3:
        # Unknown to the dictionary as a whole: most Japanese family names have
        # two characters, the rest is the given name.
        return compact[:2], compact[2:]
    if len(tokens) >= 2:
        return tokens[0][0], "".join(s for s, _t, _k in tokens[1:])
    return compact, ""


def _reading_for(family: str, given: str) -> str | None:
    # Read as one name, the dictionary may tag the given name as one and pick its
    # reading (克己 カツミ, not the noun's コッキ); alone, a part is read as any
    # other word. A given name not tagged so (響 read キョウ) is read alone.
    whole = _tokens(family + given)
    ends = list(itertools.accumulate(len(surface) for surface, _tag, _kana in whole))
    cut = ends.index(len(family)) + 1 if given and len(family) in ends else 0
    if cut and all(kana for _s, _t, kana in whole) and all(tag == "名" for _s, tag, _k in whole[cut:]):
        return " ".join("".join(str(kana) for _s, _t, kana in part) for part in (whole[:cut], whole[cut:]))
    readings = []
    for part in (family, given):
        if not part:
            continue
        kana = []
        for surface, _tag, reading in _tokens(part):
            if reading is None:
                if _KANA_ONLY.match(surface):
                    kana.append(jaconv.hira2kata(surface))
                    continue
                return None
            kana.append(reading)
        readings.append("".join(kana))
    return " ".join(readings) if readings else None


def kana_reading(text: str) -> str | None:
    """A printed ふりがな as katakana with one space between parts, or None if not all kana.

    Args:
        text: A line such as ``"やまだ たろう"`` or ``"ヤマダ・タロウ"``.
    """
    cleaned = re.sub(r"[\s\u3000・]+", " ", text).strip()
    if not cleaned or not _KANA_ONLY.match(cleaned) or len(cleaned.replace(" ", "")) < 2:
        return None
    if len(set(cleaned.replace(" ", "")) - {"ー", "ｰ"}) < 2:
        return None  # "マーー" is a rule or a logo, not a name
    return jaconv.hira2kata(cleaned)


def looks_like_kana_reading(text: str) -> bool:
    """True if ``text`` is only kana (a printed reading), 2 to 16 characters."""
    reading = kana_reading(text)
    return reading is not None and 2 <= len(reading.replace(" ", "")) <= 16


# ----------------------------------------------------------------- Latin


# Specks after a Latin name: non-Latin glyphs (a kana) and one lone letter among them.
_NOT_LATIN = r"[^\x00-\u024f\s]{1,2}"
_TRAILING_SPECKS = re.compile(rf"(?<=[a-z]{{2}})(?: {_NOT_LATIN})*(?: [A-Za-z])?(?: {_NOT_LATIN})*$")


def clean_latin_name(text: str) -> str:
    """A Latin-script name without honorifics or post-nominals, spacing normalised.

    Args:
        text: e.g. ``"Dr. Avery Smith, PhD"``.

    Returns:
        e.g. ``"Avery Smith"``.
    """
    name = re.sub(r"\s+", " ", text).strip(" ,;|")
    # "Hannah Hughes N ノ": specks read after the name, as a kana or a lone letter.
    name = _TRAILING_SPECKS.sub("", name)
    # "Mei Ling Yeo ou": a lowercase scrap after a capitalised name ("van", "de" come before one).
    name = re.sub(r"(?<=[A-Za-z]{2}) [a-z]{1,2}$", "", name) if re.match(r"[A-Z]", name) else name
    # "Kevin T an": a space read inside a short last name after its capital ("de" and "la" are particles).
    short_end = re.search(r"(?<=[a-z] )([A-Z]) ([a-z]{1,3})$", name)
    if short_end and short_end.group(2) not in _PARTICLES:
        name = name[: short_end.start()] + short_end.group(1) + short_end.group(2)
    # "Sabine F, Schneider": the dot of a middle initial read as a comma.
    name = re.sub(r"(?<=[a-z] [A-Z]),(?= [A-Z][a-z])", ".", name)
    # "ENDO lchiro": an I read as an l; no name starts with l before a consonant.
    name = re.sub(r"(?<![^\s])l(?=[bcdfghjkmnpqrstvwxz][a-z])", "I", name)
    # "james Rodriguez": a J read as j, whose tail dips like it; a name opens with a capital.
    name = re.sub(r"^j(?=[aeiou][a-z]+(?: [A-Z]\.?)? [A-Z][a-z])", "J", name)
    # "IMatthias Klein": a logo's bar read as an I before the capital (IJ starts Dutch names).
    name = re.sub(r"^[Il|1](?=[A-HK-Z][a-z]{2,} )", "", name)
    for _ in range(3):
        new = HONORIFICS_RE.sub("", name)
        new = POST_NOMINALS_RE.sub("", new).strip(" ,;|")
        if new == name:
            break
        name = new
    return name


# A two-letter name word: a capital consonant and a vowel ("Li", "Xu", "Na", "Bo").
_SHORT_NAME_WORD = re.compile(r"^[BCDFGHJKLMNPQRSTVWXZ][aeiouy]$")

# Parts of host names that are no part of a person's name.
_DOMAIN_WORDS: Final = frozenset({"www", "http", "https", "com", "co", "jp", "or", "ne", "net", "org"})

# A word made only of Hepburn romaji syllables ("KOJI", "YAMADA", "SHIN'ICHI", "OHNO").
_ROMAJI_WORD = re.compile(
    r"^(?:(?:[kgszjtdnhbpmrfwy]|sh|ch|ts|[kgnhbpmr]y)?[aiueo]h?|n'?|[kstpgdbcm](?=[kstpgdbcj]))+$",
    re.IGNORECASE,
)


# Small words inside European names.
_PARTICLES: Final = frozenset(
    {"de", "la", "le", "du", "da", "di", "del", "della", "des", "van", "von", "der", "den", "ten", "ter",
     "dos", "das", "do", "bin", "binti", "al", "el", "y", "e", "zu"}
)


def latin_name_score(text: str) -> float:
    """How much ``text`` looks like a person's name in Latin script, in [0, 1].

    Two to four words, each capitalised (or an initial), no digits or symbols
    beyond ``.``, ``-`` and ``'``.
    """
    name = clean_latin_name(text)
    if not name or re.search(r"[0-9@/:&+#_()]", name) or KANJI_RE.search(name) or KANA_RE.search(name):
        return 0.0
    words = name.replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return 0.0
    if not all(_LATIN_WORD.match(w) for w in words):
        return 0.0
    if any(w.strip(".").lower() in _DOMAIN_WORDS and (w.isupper() or w.endswith(".")) for w in words):
        return 0.0  # "FOODS OR. JP": the rest of a web address OCR broke up ("Or Cohen" is a name)
    if any(w.strip(".").lower() in NOT_NAME_WORDS_EN for w in words):
        return 0.0  # "Data Soentst": a title or a department OCR misread, not a person
    if any(len(w) == 1 and w.islower() and w not in _PARTICLES for w in words):
        return 0.0  # "Fit i": a lone small letter is no initial (an initial is a capital)
    # "Jean de la Fontaine", "Ursula von der Leyen": particles are written small.
    lower = sum(1 for w in words if w[0].islower() and w not in _PARTICLES)
    if lower > 1 or words[0][0].islower() or words[-1] in _PARTICLES:
        return 0.0
    if any(w[0].islower() and len(w) <= 3 and w not in _PARTICLES for w in words):
        return 0.0  # "E mad" ("E-mail" misread): a short word in small letters is no part of a name
    # "Ai igarashi": romaji whose capital OCR lost is still a name, a little less surely.
    lost_capital = any(w[0].islower() and len(w) > 3 and w not in _PARTICLES for w in words)
    if lost_capital and not (len(words) == 2 and all(_ROMAJI_WORD.match(w) for w in words)):
        return 0.0
    # "dT", "aB": a capital after a small letter in a short word is OCR noise, not "McKay".
    if any(len(w) <= 3 and re.search(r"[a-z][A-Z]", w) for w in words):
        return 0.0
    caps = sum(1 for w in words if w.isupper() and len(w) > 1)
    score = 0.7
    if all(len(w.strip(".")) <= 2 for w in words) and not all(_SHORT_NAME_WORD.match(w) for w in words):
        # "TK Af", "Ba st": scraps of a logo or a photo; "Li Na", "Xu Bo", "Wu Di" are names.
        return 0.3
    if caps == len(words):
        # "YAMADA TARO" is a name, but so is a shouting slogan; romaji syllables tell them apart.
        score = 0.7 if all(_ROMAJI_WORD.match(w) for w in words) else 0.55
    elif caps == 1:
        score = 0.7  # "YAMADA Taro"
    if any(len(w.strip(".")) == 1 for w in words[1:-1]):
        score += 0.1  # a middle initial is very name-like
    if lost_capital:
        score -= 0.1
    return min(score, 1.0)


def is_romaji_word(word: str) -> bool:
    """True if ``word`` is made only of Hepburn romaji syllables ("kotaro", not "onish")."""
    return _ROMAJI_WORD.match(word) is not None


def romaji_of(reading: str) -> str:
    """Hepburn-ish romaji of a katakana reading, lower case, for comparisons only."""
    return str(jaconv.kana2alphabet(jaconv.kata2hira(reading))).lower().replace(" ", "")


def latin_matches_reading(latin: str, reading: str | None) -> bool:
    """True if a Latin name spells the same name as a katakana reading (any order)."""
    if not reading:
        return False
    letters = re.sub(r"[^a-z]", "", latin.lower())
    parts = [romaji_of(p) for p in reading.split()]
    if not letters or not parts:
        return False
    candidates = {"".join(parts), "".join(reversed(parts))}
    target = _loose(letters)
    return any(_loose(c) == target for c in candidates)


def name_words(*names: str | None, loose: bool = True) -> frozenset[str]:
    """The words of a person's names in romaji, for finding them in e-mail addresses.

    Args:
        names: Latin-script names ("Shigeru Nishimura") and katakana readings
            ("ニシムラ シゲル"), any of them None.
        loose: Without long vowels (Ohno, Ono and Oono as one).

    Returns:
        Lowercase words ("nishimura", "shigeru"), accents taken off.
    """
    words: set[str] = set()
    for name in names:
        if not name:
            continue
        if KANA_RE.search(name):
            parts = [romaji_of(part) for part in name.split()]
        else:
            parts = re.findall(r"[a-z]+", strip_accents(re.sub(r"['’]", "", name)).lower())  # O'Brien: obrien
        words.update(_loose(part) if loose else part for part in parts if len(part) >= 2)
    return frozenset(words)


def loose_romaji(romaji: str) -> str:
    """``romaji`` lowercased without long vowels (Ohno, Oono and Ono are one)."""
    return _loose(romaji.lower())


def _loose(romaji: str) -> str:
    # Long vowels are spelt many ways (Ohno, Ono, Oono, Ōno): compare without them.
    text = re.sub(r"ou|oo|oh(?![aeiou])", "o", romaji)
    text = re.sub(r"uu", "u", text)
    text = re.sub(r"ei|ee", "e", text)
    text = re.sub(r"aa", "a", text)
    # ん before m, b and p is spelt m in Hepburn (Hemmi, Homma), n in others (Henmi).
    text = re.sub(r"n(?=[mbp])", "m", text)
    return re.sub(r"ii", "i", text)


# --- a Japanese name checked against its romaji ------------------------------------------

def romaji_evidence(latin: str | None, emails: Sequence[str]) -> tuple[str, ...]:
    """What a card spells its person's names as: its Latin name's words, its e-mails' letter runs.

    "Kazuya SATO", "k-miyazaki35@…": kazuya, sato, miyazaki; loosened (long
    vowels off), runs of three letters or more, company mailboxes left out.
    """
    words = [word for word in re.findall(r"[a-z]+", strip_accents(latin or "").lower()) if len(word) >= 3]
    for email in emails:
        if is_generic_mailbox(email):
            continue
        local = email.partition("@")[0].lower()
        words += [piece for piece in re.split(r"[^a-z]+", local) if len(piece) >= 3]
    return tuple(dict.fromkeys(_loose(word) for word in words))


def romaji_fit(name: str, evidence: Sequence[str]) -> tuple[int, int]:
    """(parts of the Japanese ``name`` the romaji spells, romaji words none of its parts spells).

    A part is spelt when its dictionary reading, in romaji, is one of the words
    or (three letters or more) inside one: "kmiyazaki" spells 宮崎. So is a
    part the dictionary also reads as one of the words (菅野, read カンノ in a
    name, is sugano too).
    """
    split = split_japanese_name(name)
    readings = split.reading.split(" ") if split is not None and split.reading else []
    parts = [_loose(romaji_of(reading)) for reading in readings]
    glyphs = [split.family, split.given] if split is not None and len(readings) == 2 else [""] * len(parts)
    spelt = [
        p for p, glyph in zip(parts, glyphs, strict=True)
        if any(p == w or (len(p) >= 3 and p in w) or glyph in kanji_words_read_as(w) for w in evidence)
    ]
    unexplained = [
        word for word in evidence
        if len(word) >= 4
        and not any(len(p) >= 3 and p in word for p in parts)
        and not any(glyph in kanji_words_read_as(word) for glyph in glyphs)
    ]
    return len(spelt), len(unexplained)


# The commonest spellings of a word of romaji tried against a name read with a slip.
_SPELLINGS_TRIED = 30


def respelt_by_romaji(
    name: str,
    choices: Sequence[Sequence[str]],
    evidence: Sequence[str],
    readable: frozenset[str] = frozenset(),
) -> str | None:
    """``name`` with a glyph OCR misread put right where the card's romaji says how it is spelt.

    "谷日 早紀" on a card with taniguchi@…: Tesseract weighed 口 for the 日 it
    read; 谷口早紀 is a name its romaji spells, 谷日早紀 is not. The other glyphs
    are those of :func:`cardscan.ocr.read_choices` for the name's line (one
    list per glyph, what was read first), lined up with the name's glyphs
    where they read the same or one for one, and the dictionary's spellings
    of the romaji one glyph off a run of the name. A spelling is taken only when
    it spells more of the name's parts than the one read and the dictionary
    knows it as a whole name; one glyph is changed at most (or the whole
    second reading taken, when it has as many glyphs or a few more: glyphs
    the first reading lost).

    Returns:
        The name respelt (the printed space kept), or None.
    """
    compact = re.sub(r"\s+", "", name)
    if not compact or not evidence:
        return None
    read = "".join(glyph[0] for glyph in choices if glyph)
    # The whole second reading: as long as the name, or longer when the name
    # lost glyphs the first time (和田 for 和田翼, whose 翼 was read as 3).
    candidates = [read] if len(compact) <= len(read) <= len(compact) + _LOST_GLYPHS else []
    # The glyphs read again that stand for glyphs of the name (the same, or one for one).
    matcher = difflib.SequenceMatcher(a=compact, b=read, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            others = [other for other in choices[j] if other != compact[i]]
            candidates += [compact[:i] + other + compact[i + 1 :] for other in others]
    # The dictionary's spellings of the romaji, put for a run of the family name one
    # glyph off them: the right glyph may be one Tesseract did not weigh at all (功野
    # for 菅野 at sugano@). Two glyphs or more, one of them kept: any glyph is one off
    # a name of one. Not in a given name, spelt too many ways for the dictionary to
    # know them all (陽菜 is hina too, which it does not know), unless the glyph put
    # in is one Tesseract cannot read at all (not ``readable``: 紘 of 紘一, read 統).
    printed = name.split()
    split = split_japanese_name(compact) if len(printed) < 2 else None
    family = printed[0] if len(printed) >= 2 else split.family if split is not None else ""
    for word in evidence:
        for spelt in (w for w in kanji_words_read_as(word)[:_SPELLINGS_TRIED] if len(w) >= 2):
            for i in range(len(compact) - len(spelt) + 1):
                run = compact[i : i + len(spelt)]
                put = [b for a, b in zip(run, spelt, strict=True) if a != b]
                in_family = i + len(spelt) <= len(family)
                unreadable = bool(readable) and bool(put) and put[0] not in readable
                if len(put) == 1 and (in_family or unreadable):
                    candidates.append(compact[:i] + spelt + compact[i + len(spelt) :])
    before, _unexplained = romaji_fit(compact, evidence)
    best, best_fit = None, before
    for candidate in dict.fromkeys(candidates):
        if candidate == compact or not _JA_NAME_CHARS.match(candidate):
            continue
        fit, _ = romaji_fit(candidate, evidence)
        if len(candidate) > len(compact) and fit < 2:
            # Glyphs added to a name must be spelt by the romaji too, not only those put right.
            continue
        if fit > best_fit and person_name_score(candidate) >= _WHOLE_NAME:
            best, best_fit = candidate, fit
    if best is None:
        return None
    if " " in name.strip() and len(best) == len(compact):
        cut = len(name.strip().split()[0])
        return f"{best[:cut]} {best[cut:]}"
    return best


def with_last_glyph_back(name: str, evidence: Sequence[str]) -> str | None:
    """``name`` with the last glyph of its given name, which the print lost, put back by the romaji.

    "平野悠" beside yuto (Yuto Hirano, yuto.hirano@): 悠 reads yu, and 悠斗, the
    dictionary's spelling of yuto that goes on from it by one glyph, reads
    yuto (seed 347 #48, its thin 斗 lost in the photo). Only when a romaji word
    is exactly the longer given name's reading and not the one read's, and
    the dictionary knows the whole name. None otherwise.
    """
    compact = re.sub(r"\s+", "", name)
    split = split_japanese_name(compact)
    if split is None or not split.given or not split.reading or " " not in split.reading:
        return None
    read = _loose(romaji_of(split.reading.split(" ")[1]))
    if read in evidence:
        return None  # "佐藤 健" beside Ken Sato: the name read is spelt, whatever else is ("kenji.sato@")
    for word in evidence:
        spellings = kanji_words_read_as(word)
        # (Not a given name that is one of the word's spellings: 翔 is kakeru too, not only shō.)
        if word == read or not word.startswith(read[:1]) or split.given in spellings:
            continue
        found: list[tuple[bool, int, str]] = []
        for spelt in spellings:
            kept = len(spelt) - 1
            if not 1 <= kept <= len(split.given) or not split.given.endswith(spelt[:kept]):
                continue
            longer = split_japanese_name(compact + spelt[kept:])
            if (
                longer is not None and longer.family == split.family and longer.reading
                and _loose(romaji_of(longer.reading.split(" ")[-1])) == word
                and person_name_score(longer.family + longer.given) >= _WHOLE_NAME
            ):
                found.append((spelt[-1] not in _THIN_GLYPHS, len(found), longer.text))
        if found:
            # A glyph of a stroke or two is the one blur wipes out: 健二 for kenji beside 健, not
            # the dictionary's first spelling 健児 (seed 349 #143).
            return min(found)[2]
    return None


def given_name_glyphs(
    name: str, latin: str | None, emails: Sequence[str]
) -> tuple[int, tuple[str, ...]] | None:
    """Which glyph of ``name``'s given name the card's romaji says was misread, and what it may be.

    "鈴木 夢" beside SUZUKI Ren: the romaji spells the family name (suzuki)
    but not the given name, and the dictionary's spellings of the other word
    of that romaji (the Latin name, or the e-mail whose local part spells the
    family name: not tanaka.kyoto@ beside 田中京子 and another address), at
    most :data:`_GLYPHS_TRIED` of them (ren: 蓮, 練, 恋, 連, 廉...) of as many
    glyphs as the given name, all but
    one of them the same, say which glyph it is and what it may be ("森田 信夫"
    beside Shinya Morita: the 夫 of 信夫 may be the 也 of 信也 or the 弥 of
    信弥). The print tells which (:func:`cardscan.variants.glyph_in_print`).
    For given names, which the dictionary spells too many ways to pick one
    by the romaji alone.

    Returns:
        The glyph's index in the name without its space, and the glyphs it may be;
        None when the romaji spells the given name, not the family name, or no
        spelling is one glyph off the given name.
    """
    parts = name.split()
    if len(parts) != 2 or not all(KANJI_RE.fullmatch(glyph) for glyph in "".join(parts)):
        return None
    family, given = parts

    def spells(part: str, word: str) -> bool:
        reading = dictionary_reading(part)
        spelt = reading is not None and _loose(romaji_of(reading)) == word
        return spelt or part in kanji_words_read_as(word)

    sources = [romaji_evidence(latin, ()), *(romaji_evidence(None, (email,)) for email in emails)]
    if any(spells(given, word) for words in sources for word in words):
        return None
    # The other words of a romaji that spells the family name.
    words = [
        word for source in sources if any(spells(family, w) for w in source)
        for word in source if not spells(family, word)
    ]
    at: int | None = None
    glyphs: list[str] = []
    for word in dict.fromkeys(words):
        for spelt in kanji_words_read_as(word)[:_SPELLINGS_TRIED]:
            apart = [i for i, (a, b) in enumerate(zip(given, spelt, strict=False)) if a != b]
            if len(spelt) != len(given) or len(apart) != 1 or at not in (None, apart[0]):
                continue
            at = apart[0]
            glyphs.append(spelt[at])
    if at is None:
        return None
    return len(family) + at, tuple(dict.fromkeys(glyphs))[:_GLYPHS_TRIED]


# The commonest glyphs a misread glyph of a given name may be that are tried against its print:
# the more there are, the likelier one of them fits a blurred print better by chance.
_GLYPHS_TRIED = 10


# Glyphs of one to three short strokes, which the print of a blurred photo loses whole.
_THIN_GLYPHS: Final = frozenset("一二三十八人")


def is_known_name(name: str) -> bool:
    """Whether the dictionary knows ``name`` as a Japanese person's name (family then given name)."""
    return person_name_score(name) >= _KNOWN_NAME


def respelt_by_dictionary(name: str, views: Sequence[Sequence[Sequence[str]]]) -> str | None:
    """``name``, which the dictionary does not know as a name, as a second reading of its line spells it.

    "斉藤 洗" and "太田 拓世" are misreadings of 斉藤浩 and 太田拓也 that no
    dictionary knows as names; the name's band read again on its own
    (:func:`cardscan.ocr.read_choices`, one list of glyphs per view) often reads
    the glyph right, or gives back a given name the page reading lost (伊藤 for
    伊藤真理). A run of a view's first choices is taken when the dictionary
    knows it as a whole name (a family name then a given name, nothing else)
    and it is near the name read: at most two glyphs changed, added or
    dropped, with two glyphs at least (all but two of a longer name) kept,
    and no fewer kanji. The run that keeps most of the name wins, a longer
    one on a tie (glyphs added are the given name the page lost).
    A name the dictionary knows already is left alone, so a rare name read
    right (菅原 響) is not traded for a common one.

    Returns:
        The name respelt, without the space (the parser splits it), or None.
    """
    compact = re.sub(r"\s+", "", name)
    if len(compact) < 2 or is_known_name(compact):
        return None
    best: str | None = None
    best_rank: tuple[int, int] | None = None
    for choices in views:
        read = "".join(glyph[0] for glyph in choices if glyph)
        for length in range(max(2, len(compact) - _RESPELT_EDITS), len(compact) + _RESPELT_EDITS + 1):
            for start in range(len(read) - length + 1):
                run = read[start : start + length]
                if run == compact or not _JA_NAME_CHARS.match(run):
                    continue
                matcher = difflib.SequenceMatcher(a=compact, b=run, autojunk=False)
                kept = sum(block.size for block in matcher.get_matching_blocks())
                edits = max(len(compact), len(run)) - kept
                if edits > _RESPELT_EDITS or kept < max(2, len(compact) - _RESPELT_EDITS):
                    continue
                if len(KANJI_RE.findall(run)) < len(KANJI_RE.findall(compact)):
                    continue  # a kanji is misread, not made up: 福門美奈子 is not 門美奈子
                # Glyphs added cost nothing (a given name the page lost: 伊藤真理, not 伊藤真).
                rank = (len(compact) - kept, -length)
                if (best_rank is None or rank < best_rank) and person_name_score(run) >= _EXACT_NAME:
                    best, best_rank = run, rank
    return best


# A name the dictionary knows: family then given name, or a split it trusts.
_KNOWN_NAME = 0.9
# A run read again is taken as the name only when the dictionary tags it family name then given name.
_EXACT_NAME = 1.0
# Glyphs of a name changed, added or dropped (together) by a second reading, at most.
_RESPELT_EDITS = 2


# A name the dictionary tags family then given name, nothing else.
_WHOLE_NAME = 0.8
# At most this many glyphs of a name lost by the first reading are taken from the second.
_LOST_GLYPHS = 3
