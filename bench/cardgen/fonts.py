"""Installed fonts the generator can draw with, found once through ``fc-list``.

Fonts missing on a machine are skipped: the generator only needs one CJK and
one Latin family. The family lists are in a fixed order so that, on a given
machine, the same seed always picks the same font.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass

from PIL import ImageFont

#: Japanese families (they also carry Latin glyphs). Gothic = sans, Mincho = serif.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK JP",
    "Noto Serif CJK JP",
    "IPAGothic",
    "IPAPGothic",
    "IPAMincho",
    "IPAPMincho",
    "IPAexGothic",
    "IPAexMincho",
    "VL Gothic",
    "VL PGothic",
    "TakaoGothic",
    "TakaoPGothic",
    "TakaoMincho",
    "TakaoPMincho",
)

LATIN_FAMILIES: tuple[str, ...] = (
    "DejaVu Sans",
    "DejaVu Serif",
    "Liberation Sans",
    "Liberation Serif",
    "Liberation Sans Narrow",
    "FreeSans",
    "FreeSerif",
    "Nimbus Sans",
    "Nimbus Roman",
    "Nimbus Sans Narrow",
    "URW Gothic",
    "URW Bookman",
    "C059",
    "P052",
    "Lato",
    "Open Sans",
    "Noto Sans",
    "Noto Serif",
)

#: The families of the Debian font packages ``install-system.sh test`` installs. The test
#: suite draws with these only (``CARDGEN_FONTS``), so that a seed gives the same card on
#: every machine that can run the tests, whatever other fonts it has.
TEST_FAMILIES: tuple[str, ...] = (
    *CJK_FAMILIES[:6],  # fonts-noto-cjk, fonts-ipafont-gothic, fonts-ipafont-mincho
    *LATIN_FAMILIES[:2],  # fonts-dejavu-core
)

#: Environment variable: a comma-separated list of the families the generator may use.
FONTS_VARIABLE = "CARDGEN_FONTS"

_REGULAR_STYLES = ("Regular", "Book", "Roman", "Medium", "Light")
_BOLD_STYLES = ("Bold", "Demi", "Semibold", "SemiBold", "Heavy", "Black")


@dataclass(frozen=True)
class FontFace:
    """One font file (and face index inside a .ttc collection)."""

    family: str
    style: str
    path: str
    index: int = 0

    def __post_init__(self) -> None:
        if self.index < 0:
            raise ValueError(f"negative face index: {self.index}")

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        """The face at ``size`` pixels (cached)."""
        return _load(self.path, self.index, max(4, int(size)))


@dataclass(frozen=True)
class FontFamily:
    """A family with a regular face and, when installed, a bold one."""

    name: str
    regular: FontFace
    bold: FontFace
    cjk: bool

    def face(self, bold: bool = False) -> FontFace:
        return self.bold if bold else self.regular


@functools.lru_cache(maxsize=512)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM)


def _fc_list() -> list[tuple[str, int, str, str]]:
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    out = subprocess.run(
        [exe, "--format", "%{file}|%{index}|%{family}|%{style}\n"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    ).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) != 4:
            continue
        path, index, families, styles = parts
        # Type1 .pfb copies of the URW fonts duplicate the .otf ones and lack OpenType features.
        if not path.endswith((".ttf", ".otf", ".ttc")):
            continue
        for family in families.split(","):
            rows.append((path, int(index or 0), family.strip(), styles.split(",")[0].strip()))
    return rows


def _pick(rows: list[tuple[str, int, str, str]], family: str, styles: tuple[str, ...]) -> FontFace | None:
    candidates = [r for r in rows if r[2] == family]
    for style in styles:
        # Sorting makes the choice independent of fc-list's output order.
        for path, index, fam, sty in sorted(candidates):
            if sty.lower() == style.lower():
                return FontFace(fam, sty, path, index)
    return None


@functools.lru_cache(maxsize=1)
def installed_families() -> tuple[tuple[FontFamily, ...], tuple[FontFamily, ...]]:
    """The usable (CJK, Latin) families on this machine (only those named in ``CARDGEN_FONTS``
    when it is set).

    Raises:
        RuntimeError: when no CJK or no Latin family is installed.
    """
    rows = _fc_list()
    wanted = os.environ.get(FONTS_VARIABLE, "")
    allowed = {name.strip() for name in wanted.split(",") if name.strip()}
    found: dict[bool, list[FontFamily]] = {True: [], False: []}
    for cjk, names in ((True, CJK_FAMILIES), (False, LATIN_FAMILIES)):
        for name in names:
            if allowed and name not in allowed:
                continue
            regular = _pick(rows, name, _REGULAR_STYLES)
            if regular is None:
                continue
            bold = _pick(rows, name, _BOLD_STYLES) or regular
            found[cjk].append(FontFamily(name, regular, bold, cjk))
    if not found[True] or not found[False]:
        raise RuntimeError(
            "cardgen needs at least one CJK and one Latin font "
            "(run `scripts/install-system.sh bench`); found "
            f"CJK={[f.name for f in found[True]]} Latin={[f.name for f in found[False]]}"
        )
    return tuple(found[True]), tuple(found[False])
