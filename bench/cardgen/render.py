"""Drawing a flat card: fonts, colours, layouts and decorations.

Every layout places blocks of text lines into regions of the card; a block is
scaled down until it fits its region, so no printed text is ever clipped (the
truth would otherwise lie).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.cardgen.content import Content
from bench.cardgen.fonts import FontFamily, installed_families

RGB = tuple[int, int, int]

#: Layout names and the languages they apply to.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "classic": ("ja", "en"),
    "centered": ("ja", "en"),
    "left": ("ja", "en"),
    "right": ("ja", "en"),
    "two_column": ("ja", "en"),
    "band": ("ja", "en"),
    "sidebar": ("ja", "en"),
    "dark": ("ja", "en"),
    "vertical": ("ja",),
    "bilingual": ("ja",),
}

_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef〒]")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")

PAPERS: tuple[RGB, ...] = (
    (255, 255, 255),
    (250, 248, 240),
    (246, 244, 236),
    (240, 240, 238),
    (252, 250, 245),
    (236, 242, 248),
    (248, 240, 230),
)
DARK_PAPERS: tuple[RGB, ...] = (
    (22, 32, 62),
    (34, 34, 38),
    (12, 12, 14),
    (20, 52, 44),
    (60, 20, 30),
    (45, 50, 60),
)
INKS: tuple[RGB, ...] = ((20, 20, 20), (40, 40, 45), (10, 30, 70), (60, 60, 60), (0, 0, 0), (50, 35, 25))
ACCENTS: tuple[RGB, ...] = (
    (200, 30, 45),
    (0, 90, 170),
    (0, 130, 90),
    (240, 140, 0),
    (110, 40, 140),
    (0, 150, 170),
    (30, 60, 120),
    (180, 150, 40),
    (90, 90, 90),
    (220, 80, 110),
)


@dataclass
class Style:
    """Colours and fonts of one card."""

    paper: RGB
    ink: RGB
    muted: RGB
    accent: RGB
    cjk: FontFamily
    cjk_name: FontFamily
    latin: FontFamily
    latin_name: FontFamily
    latin_in_cjk: bool  # draw Latin-only lines with the CJK font (common on Japanese cards)


@dataclass
class TL:
    """One line of text to draw."""

    text: str
    size: float
    role: str = "text"
    bold: bool = False
    color: RGB | None = None
    tracking: float = 0.0  # extra space between characters, as a fraction of size
    icon: str | None = None  # a small shape drawn before the text (phone, mail ... icons)


@dataclass
class Painter:
    """Draws text lines and blocks on a card image."""

    image: Image.Image
    style: Style
    used_fonts: set[str] = field(default_factory=set)
    used_icons: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.draw = ImageDraw.Draw(self.image)

    def font(self, tl: TL, size: float) -> ImageFont.FreeTypeFont:
        cjk = bool(_CJK.search(tl.text)) or self.style.latin_in_cjk
        if tl.role == "name":
            family = self.style.cjk_name if cjk else self.style.latin_name
        else:
            family = self.style.cjk if cjk else self.style.latin
        face = family.face(tl.bold)
        self.used_fonts.add(f"{face.family} {face.style}")
        return face.load(round(size))

    def width(self, tl: TL, size: float | None = None) -> float:
        size = size or tl.size
        font = self.font(tl, size)
        lead = 1.4 * size if tl.icon else 0.0
        if tl.tracking <= 0:
            return lead + float(font.getlength(tl.text))
        return (
            lead + sum(float(font.getlength(ch)) for ch in tl.text) + tl.tracking * size * (len(tl.text) - 1)
        )

    def text(self, tl: TL, x: float, y: float, *, align: str = "l", size: float | None = None) -> None:
        size = size or tl.size
        font = self.font(tl, size)
        fill = tl.color or self.style.ink
        w = self.width(tl, size)
        left = x if align == "l" else (x - w / 2 if align == "c" else x - w)
        # A fixed baseline, not the font's ascender: CJK and Latin fonts disagree wildly on ascenders,
        # and lines of different fonts would otherwise overlap.
        base = y + 0.88 * size
        if tl.icon:
            self.icon(tl.icon, left, y + 0.15 * size, 0.75 * size, self.style.accent)
            left += 1.4 * size
        if tl.tracking <= 0:
            self.draw.text((left, base), tl.text, font=font, fill=fill, anchor="ls")
            return
        cursor = left
        for ch in tl.text:
            self.draw.text((cursor, base), ch, font=font, fill=fill, anchor="ls")
            cursor += float(font.getlength(ch)) + tl.tracking * size

    def icon(self, kind: str, x: float, y: float, s: float, color: RGB) -> None:
        self.used_icons.add(kind)
        d = self.draw
        if kind == "circle":
            d.ellipse((x, y, x + s, y + s), fill=color)
        elif kind == "square":
            d.rectangle((x, y, x + s, y + s), fill=color)
        elif kind == "diamond":
            d.polygon([(x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)], fill=color)
        else:  # an envelope-like outline
            d.rectangle((x, y + s * 0.15, x + s, y + s * 0.85), outline=color, width=max(1, int(s * 0.12)))
            d.line(
                (x, y + s * 0.15, x + s / 2, y + s * 0.55, x + s, y + s * 0.15),
                fill=color,
                width=max(1, int(s * 0.12)),
            )

    def block(
        self,
        lines: list[TL],
        box: tuple[float, float, float, float],
        *,
        align: str = "l",
        valign: str = "t",
        spacing: float = 1.35,
    ) -> tuple[float, float, float, float]:
        """Draw ``lines`` inside ``box`` (x0, y0, x1, y1), scaled down to fit; returns the drawn box."""
        lines = [tl for tl in lines if tl.text]
        if not lines:
            return (box[0], box[1], box[0], box[1])
        x0, y0, x1, y1 = box
        bw, bh = max(1.0, x1 - x0), max(1.0, y1 - y0)
        widths = [self.width(tl) for tl in lines]
        heights = [tl.size * spacing for tl in lines]
        total_h = sum(heights) - lines[-1].size * (spacing - 1.0)
        scale = min(1.0, bw / max(widths), bh / total_h)
        # Rounding font sizes can widen a line by a pixel or two; keep a margin.
        scale *= 0.98 if scale < 1.0 else 1.0
        total_h *= scale
        y = y0 if valign == "t" else (y1 - total_h if valign == "b" else y0 + (bh - total_h) / 2)
        top = y
        x = x0 if align == "l" else (x1 if align == "r" else (x0 + x1) / 2)
        max_w = 0.0
        for tl, h in zip(lines, heights, strict=True):
            size = tl.size * scale
            self.text(tl, x, y, align=align, size=size)
            max_w = max(max_w, self.width(tl, size))
            y += h * scale
        left = x if align == "l" else (x - max_w / 2 if align == "c" else x - max_w)
        return (left, top, left + max_w, top + total_h)


def pick_style(rng: random.Random, *, dark: bool, lang: str) -> Style:
    """Fonts and colours for one card; dark cards get light ink."""
    cjk_all, latin_all = installed_families()
    cjk = rng.choice(cjk_all)
    cjk_name = cjk if rng.random() < 0.6 else rng.choice(cjk_all)
    latin = rng.choice(latin_all)
    latin_name = latin if rng.random() < 0.6 else rng.choice(latin_all)
    accent = rng.choice(ACCENTS)
    if dark:
        paper = rng.choice(DARK_PAPERS)
        ink = rng.choice(((245, 245, 245), (235, 230, 215), (255, 255, 255), (220, 225, 235)))
        muted = (190, 190, 190)
        accent = rng.choice(((230, 190, 90), (120, 200, 230), (240, 240, 240), (200, 120, 120)))
    else:
        paper = rng.choice(PAPERS)
        ink = rng.choice(INKS)
        muted = rng.choice(
            ((90, 90, 90), (110, 110, 120), ink, accent if rng.random() < 0.3 else (80, 80, 80))
        )
    return Style(
        paper,
        ink,
        muted,
        accent,
        cjk,
        cjk_name,
        latin,
        latin_name,
        latin_in_cjk=lang == "ja" and rng.random() < 0.5,
    )


# --- decorations --------------------------------------------------------------------------------


def draw_logo(
    p: Painter, rng: random.Random, x: float, y: float, size: float, text: str | None, color: RGB
) -> float:
    """A shape plus an optional wordmark; returns the width used."""
    d = p.draw
    s = size
    kind = rng.choice(["circle", "square", "triangle", "ring", "bars", "diamond", "initial"])
    if kind == "circle":
        d.ellipse((x, y, x + s, y + s), fill=color)
    elif kind == "square":
        d.rounded_rectangle((x, y, x + s, y + s), radius=s * 0.2, fill=color)
    elif kind == "triangle":
        d.polygon([(x, y + s), (x + s / 2, y), (x + s, y + s)], fill=color)
    elif kind == "ring":
        d.ellipse((x, y, x + s, y + s), outline=color, width=max(2, int(s * 0.15)))
        d.ellipse((x + s * 0.35, y + s * 0.35, x + s * 0.65, y + s * 0.65), fill=color)
    elif kind == "bars":
        for i in range(3):
            h = s * (0.4 + 0.3 * i)
            d.rectangle((x + i * s / 3, y + s - h, x + i * s / 3 + s / 4, y + s), fill=color)
    elif kind == "diamond":
        d.polygon([(x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)], fill=color)
    else:
        d.ellipse((x, y, x + s, y + s), fill=color)
        if text:
            tl = TL(text[0], s * 0.6, bold=True, color=p.style.paper)
            p.text(tl, x + s / 2, y + s * 0.12, align="c")
    used = s
    if text and rng.random() < 0.7:
        tl = TL(text, s * rng.uniform(0.45, 0.7), role="logo", bold=True, color=color)
        p.text(tl, x + s * 1.2, y + s * 0.15)
        used += s * 0.2 + p.width(tl)
    return used


def draw_qr(p: Painter, rng: random.Random, x: float, y: float, size: float, color: RGB) -> None:
    """A QR-like block pattern with the three finder squares (a distractor, not a real code)."""
    n = rng.choice([21, 25, 29])
    cell = size / n
    d = p.draw
    d.rectangle((x - cell, y - cell, x + size + cell, y + size + cell), fill=p.style.paper)
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.5:
                d.rectangle((x + i * cell, y + j * cell, x + (i + 1) * cell, y + (j + 1) * cell), fill=color)
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        ox, oy = x + fx * cell, y + fy * cell
        d.rectangle((ox - cell, oy - cell, ox + 8 * cell, oy + 8 * cell), fill=p.style.paper)
        d.rectangle((ox, oy, ox + 7 * cell, oy + 7 * cell), fill=color)
        d.rectangle((ox + cell, oy + cell, ox + 6 * cell, oy + 6 * cell), fill=p.style.paper)
        d.rectangle((ox + 2 * cell, oy + 2 * cell, ox + 5 * cell, oy + 5 * cell), fill=color)


# --- blocks of content --------------------------------------------------------------------------


@dataclass
class Sizes:
    """Font sizes in pixels for the name, the company, titles and contact lines."""

    name: float
    company: float
    title: float
    small: float


def _sizes(rng: random.Random, mm: float, lang: str) -> Sizes:
    name = rng.uniform(4.5, 7.5) if lang == "ja" else rng.uniform(3.8, 6.0)
    return Sizes(
        name * mm, rng.uniform(2.8, 4.6) * mm, rng.uniform(2.1, 3.0) * mm, rng.uniform(1.9, 2.6) * mm
    )


def company_lines(
    c: Content, sz: Sizes, st: Style, rng: random.Random, *, color: RGB | None = None
) -> list[TL]:
    """The company, and its English name when the card prints one."""
    lines = [TL(c.company, sz.company, role="company", bold=rng.random() < 0.6, color=color)]
    if c.company_alt:
        lines.append(TL(c.company_alt, sz.small * 0.9, color=color or st.muted))
    return lines


def identity_lines(
    c: Content, sz: Sizes, st: Style, rng: random.Random, *, color: RGB | None = None
) -> list[TL]:
    """Titles, reading, name and romaji in one of the usual orders."""
    lines = [TL(t, sz.title, role="title", color=color or st.muted) for t in c.title_lines]
    tracking = 0.0
    if c.lang == "ja" and " " in c.name and len(c.name.replace(" ", "").replace("　", "")) <= 5:
        tracking = rng.choice([0.0, 0.0, 0.1, 0.25])
    name = TL(c.name, sz.name, role="name", bold=rng.random() < 0.5, color=color, tracking=tracking)
    reading = (
        TL(c.name_reading, sz.small * 0.85, color=color or st.muted, tracking=0.15)
        if c.name_reading
        else None
    )
    latin = TL(c.name_latin, sz.title, color=color or st.muted) if c.name_latin else None
    if reading and rng.random() < 0.6:
        lines.append(reading)
        reading = None
    lines.append(name)
    for extra in (reading, latin):
        if extra:
            lines.append(extra)
    if c.title_alt:
        lines.append(TL(c.title_alt, sz.small, color=color or st.muted))
    if rng.random() < 0.3 and c.title_lines and len(lines) > len(c.title_lines):
        # Titles under the name instead of above it.
        lines = lines[len(c.title_lines) :] + lines[: len(c.title_lines)]
    return lines


def contact_lines(c: Content, sz: Sizes, rng: random.Random, *, color: RGB | None = None) -> list[TL]:
    """Postal code and address, phones, e-mail and URL, then any branch office."""
    address: list[str] = []
    if c.address_lines:
        if c.postal and rng.random() < 0.6:
            address = [f"{c.postal}{rng.choice([' ', '　', '  '])}{c.address_lines[0]}", *c.address_lines[1:]]
        elif c.postal:
            address = [c.postal, *c.address_lines]
        else:
            address = list(c.address_lines)
    other = [*c.phone_lines, *c.emails, *c.urls]
    texts = address + other if rng.random() < 0.7 else other + address
    texts += c.second_office
    icon = rng.choice(["circle", "square", "diamond", "envelope"]) if rng.random() < 0.15 else None
    return [TL(t, sz.small, role="contact", color=color, icon=icon) for t in texts]


# --- layouts ------------------------------------------------------------------------------------

LayoutFn = Callable[[Painter, Content, float, float, Sizes, random.Random], None]


def _header(
    p: Painter,
    c: Content,
    box: tuple[float, float, float, float],
    sz: Sizes,
    rng: random.Random,
    *,
    align: str = "l",
    color: RGB | None = None,
    logo: bool = True,
) -> None:
    x0, y0, x1, y1 = box
    if logo and rng.random() < 0.55:
        # Beside the company name: a plain mark (a wordmark would squeeze the name); above it: a
        # mark with a wordmark, at most half the header high so the name keeps its room.
        beside = align == "l" and rng.random() < 0.5
        s = min((y1 - y0) * (0.9 if beside else 0.45), sz.company * 1.6)
        if align == "l":
            used = draw_logo(p, rng, x0, y0, s, None if beside else c.logo_text, color or p.style.accent)
            if beside:
                x0 = x0 + used + s * 0.4
            else:
                y0 += s * 1.25
        else:
            draw_logo(
                p,
                rng,
                (x0 + x1) / 2 - s / 2 if align == "c" else x1 - s,
                y0,
                s,
                None,
                color or p.style.accent,
            )
            y0 += s * 1.25
    p.block(company_lines(c, sz, p.style, rng, color=color), (x0, y0, x1, y1), align=align, valign="t")


def _extras(
    p: Painter,
    c: Content,
    W: float,
    H: float,
    sz: Sizes,
    rng: random.Random,
    *,
    qr_box: tuple[float, float, float, float] | None = None,
    slogan_y: float | None = None,
) -> None:
    if qr_box is not None:
        x0, y0, x1, y1 = qr_box
        s = min(x1 - x0, y1 - y0)
        draw_qr(p, rng, x1 - s, y1 - s, s, p.style.ink)
    if c.slogan and slogan_y is not None:
        p.block(
            [TL(c.slogan, sz.small * 0.9, color=p.style.accent)],
            (W * 0.06, slogan_y, W * 0.94, slogan_y + sz.small * 1.4),
            align=rng.choice(["l", "c", "r"]),
        )


def flow(
    p: Painter,
    blocks: list[tuple[list[TL], str, float]],
    box: tuple[float, float, float, float],
    weights: tuple[float, ...],
) -> None:
    """Stack ``blocks`` (lines, align, spacing) top to bottom inside ``box``.

    Free height is shared out by ``weights`` (one per gap: before the first block, between blocks,
    after the last); when the blocks are taller than the box, all of them shrink by the same factor.
    """
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    heights = []
    for lines, _, spacing in blocks:
        lines = [tl for tl in lines if tl.text]
        if not lines:
            heights.append(0.0)
            continue
        widest = max(p.width(tl) for tl in lines)
        total = sum(tl.size * spacing for tl in lines) - lines[-1].size * (spacing - 1.0)
        heights.append(total * min(1.0, bw / widest))
    min_gap = bh * 0.04 * (len(blocks) - 1)
    k = min(1.0, (bh - min_gap) / max(1.0, sum(heights)))
    free = max(0.0, bh - min_gap - k * sum(heights))
    wsum = sum(weights) or 1.0
    y = y0 + free * weights[0] / wsum
    for i, ((lines, align, spacing), h) in enumerate(zip(blocks, heights, strict=True)):
        p.block(lines, (x0, y, x1, y + h * k + 1), align=align, spacing=spacing)
        y += h * k + bh * 0.04 + free * weights[i + 1] / wsum


def layout_classic(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Company top left, name in the middle, contact block bottom left, maybe a QR code."""
    m = W * rng.uniform(0.05, 0.08)
    qr = rng.random() < 0.2
    _header(p, c, (m, m, W * 0.75, H * 0.22), sz, rng)
    indent = W * rng.uniform(0, 0.15)
    ident = identity_lines(c, sz, p.style, rng)
    contacts = contact_lines(c, sz, rng)
    if qr:
        q = H * 0.25
        draw_qr(p, rng, W - m - q, H - m - q, q, p.style.ink)
        flow(p, [(ident, "l", 1.3)], (m + indent, H * 0.25, W - m, H * 0.5), (1, 1))
        p.block(contacts, (m, H * 0.5, W - 2 * m - q, H - m), valign="b", spacing=1.3)
    else:
        flow(p, [(ident, "l", 1.3), (contacts, "l", 1.3)], (m + indent, H * 0.25, W - m, H - m), (1, 1, 0))
    if c.slogan:
        p.block(
            [TL(c.slogan, sz.small * 0.85, color=p.style.accent)],
            (W * 0.55, m, W - m, m + sz.small * 1.2),
            align="r",
        )


def layout_centered(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Everything centred, with an optional rule and tagline."""
    m = W * rng.uniform(0.05, 0.08)
    _header(p, c, (m, m, W - m, H * 0.22), sz, rng, align="c")
    blocks = [(identity_lines(c, sz, p.style, rng), "c", 1.3)]
    if c.slogan:
        blocks.append(([TL(c.slogan, sz.small * 0.8, color=p.style.accent)], "c", 1.2))
    blocks.append((contact_lines(c, sz, rng), "c", 1.3))
    flow(p, blocks, (m, H * 0.25, W - m, H - m), (1, 1, 0) if len(blocks) == 2 else (1, 1, 0.3, 0))


def layout_left(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """One left-aligned column beside a thin accent bar."""
    m = W * rng.uniform(0.06, 0.1)
    p.draw.rectangle((m * 0.5, m, m * 0.5 + W * 0.008, H - m), fill=p.style.accent)
    x0 = m * 0.5 + W * 0.03
    blocks = [
        (company_lines(c, sz, p.style, rng), "l", 1.3),
        (identity_lines(c, sz, p.style, rng), "l", 1.3),
        (contact_lines(c, sz, rng), "l", 1.28),
    ]
    flow(p, blocks, (x0, m, W - m, H - m * 0.8), (0, 1, 1, 0))
    if c.slogan:
        p.block(
            [TL(c.slogan, sz.small * 0.8, color=p.style.accent)],
            (W * 0.5, m * 0.3, W - m * 0.5, m * 0.3 + sz.small),
            align="r",
        )


def layout_right(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Everything right-aligned."""
    m = W * rng.uniform(0.05, 0.08)
    _header(p, c, (W * 0.3, m, W - m, H * 0.2), sz, rng, align="r")
    flow(
        p,
        [(identity_lines(c, sz, p.style, rng), "r", 1.3), (contact_lines(c, sz, rng), "r", 1.3)],
        (m, H * 0.23, W - m, H - m),
        (1, 1, 0),
    )
    if rng.random() < 0.3:
        draw_logo(p, rng, m, H - m - H * 0.15, H * 0.15, None, p.style.accent)


def layout_two_column(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Company and name on the left, contact details on the right of a rule."""
    m = W * rng.uniform(0.05, 0.07)
    split = W * rng.uniform(0.44, 0.52)
    _header(p, c, (m, m, split - m * 0.5, H * 0.3), sz, rng)
    p.block(identity_lines(c, sz, p.style, rng), (m, H * 0.35, split - m * 0.5, H - m), valign="c")
    p.draw.line((split, H * 0.15, split, H * 0.85), fill=p.style.accent, width=max(1, int(W * 0.003)))
    p.block(contact_lines(c, sz, rng), (split + m * 0.6, m, W - m, H - m), valign="c", spacing=1.45)


def layout_band(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """A coloured band: the company on top in paper colour, or the contacts at the bottom in white."""
    m = W * rng.uniform(0.05, 0.07)
    band_h = H * rng.uniform(0.2, 0.28)
    if rng.random() < 0.5:
        # Company on a coloured band at the top.
        p.draw.rectangle((0, 0, W, band_h), fill=p.style.accent)
        _header(p, c, (m, band_h * 0.2, W - m, band_h * 0.85), sz, rng, color=p.style.paper)
        flow(
            p,
            [(identity_lines(c, sz, p.style, rng), "l", 1.3), (contact_lines(c, sz, rng), "l", 1.3)],
            (m, band_h + H * 0.04, W - m, H - m * 0.8),
            (1, 1, 0),
        )
    else:
        # Contact details in light text on a coloured band at the bottom.
        band_top = H * rng.uniform(0.52, 0.6)
        p.draw.rectangle((0, band_top, W, H), fill=p.style.accent)
        _header(p, c, (m, m, W - m, H * 0.2), sz, rng)
        p.block(identity_lines(c, sz, p.style, rng), (m, H * 0.21, W - m, band_top - H * 0.03), valign="c")
        p.block(
            contact_lines(c, sz, rng, color=(255, 255, 255)),
            (m, band_top + H * 0.04, W - m, H - H * 0.04),
            valign="c",
            spacing=1.25,
        )


def layout_sidebar(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """A coloured stripe with a logo on one side, the text beside it."""
    m = W * rng.uniform(0.04, 0.06)
    bar = W * rng.uniform(0.18, 0.28)
    right = rng.random() < 0.3
    x_bar = W - bar if right else 0
    p.draw.rectangle((x_bar, 0, x_bar + bar, H), fill=p.style.accent)
    s = bar * 0.5
    draw_logo(p, rng, x_bar + bar * 0.25, H * 0.35, s, None, p.style.paper)
    x0, x1 = (m, W - bar - m) if right else (bar + m, W - m)
    blocks = [
        (company_lines(c, sz, p.style, rng), "l", 1.3),
        (identity_lines(c, sz, p.style, rng), "l", 1.3),
        (contact_lines(c, sz, rng), "l", 1.3),
    ]
    flow(p, blocks, (x0, m, x1, H - m), (0, 1, 1, 0))


def layout_dark(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Light ink on a dark card, arranged like one of the light layouts."""
    rng.choice([layout_classic, layout_centered, layout_left, layout_two_column])(p, c, W, H, sz, rng)


def layout_bilingual(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """Japanese identity with the English name, title and company alongside."""
    m = W * rng.uniform(0.05, 0.07)
    _header(p, c, (m, m, W * 0.6, H * 0.25), sz, rng)
    ja_id = identity_lines(c, sz, p.style, rng)
    en_lines = [tl for tl in ja_id if tl.text in (c.name_latin, c.title_alt)]
    ja_lines = [tl for tl in ja_id if tl not in en_lines]
    if rng.random() < 0.5:
        p.block(ja_lines, (m, H * 0.28, W * 0.55, H * 0.6), valign="c")
        for tl in en_lines:
            tl.size = sz.title * 1.3 if tl.text == c.name_latin else sz.small
        p.block(en_lines, (W * 0.58, H * 0.3, W - m, H * 0.58), valign="c", align="r")
        p.block(contact_lines(c, sz, rng), (m, H * 0.62, W - m, H - m), valign="b", spacing=1.3)
    else:
        flow(
            p,
            [(ja_lines + en_lines, "l", 1.3), (contact_lines(c, sz, rng), "l", 1.3)],
            (m, H * 0.27, W - m, H - m),
            (1, 1, 0),
        )


def layout_vertical(p: Painter, c: Content, W: float, H: float, sz: Sizes, rng: random.Random) -> None:
    """縦書き: columns read right to left; Latin e-mail and URL horizontal at the bottom or rotated."""
    m = min(W, H) * rng.uniform(0.06, 0.09)
    latin_lines = [*c.emails, *c.urls]
    bottom = rng.random() < 0.7
    bottom_h = (len(latin_lines) * sz.small * 1.4 + m * 0.5) if (latin_lines and bottom) else 0.0
    col_bottom = H - m - bottom_h

    def vert(text: str) -> str:
        out = text.translate(_FULL) if rng.random() < 0.8 else text
        return re.sub(r"(?<=[0-9０-９])[-－‐−](?=[0-9０-９])", "ー", out) if rng.random() < 0.5 else out

    columns: list[tuple[str, float, str]] = []  # text, size, role (right to left)
    columns.append((c.company, sz.company, "company"))
    columns += [(vert(t), sz.title, "title") for t in c.title_lines]
    columns.append((c.name, sz.name, "name"))
    if c.name_reading:
        columns.append((c.name_reading, sz.small * 0.8, "reading"))
    if c.postal:
        columns.append((vert(c.postal), sz.small, "postal"))
    columns += [(vert(a), sz.small, "address") for a in c.address_lines]
    # One number per column: a number broken across two columns is something no card does.
    sep = rng.choice(["　", " ", "：", ""])
    columns += [(vert(f"{ph.label}{sep}{ph.printed}"), sz.small, "phone") for ph in c.phones]
    if not bottom:
        columns += [(t, sz.small, "latin") for t in latin_lines]
    # Scale so every column fits in height and all columns fit in width; a column much longer than the
    # card is broken in two (at a space when there is one), as typesetters do.
    col_h = col_bottom - m

    def length_of(text: str, size: float, role: str) -> float:
        tl = TL(text, size, role="name" if role == "name" else "text")
        if role == "latin":
            return p.width(tl)
        font = p.font(tl, size)
        box = p.draw.textbbox((0, 0), text, font=font, direction="ttb", features=["vert"], anchor="mt")
        return float(box[3] - box[1])

    def gap_of(size: float, role: str) -> float:
        return size * 1.5 + (size * 0.8 if role in ("company", "name") else 0)

    for _ in range(8):
        lengths = [length_of(*col) for col in columns]
        by_height = col_h / max(lengths)
        by_width = (W - 2 * m) / sum(gap_of(size, role) for _, size, role in columns)
        if by_height >= min(1.0, by_width) * 0.98:
            break
        i = max(
            (j for j, col in enumerate(columns) if col[2] in ("address", "title")),
            key=lambda j: lengths[j],
            default=None,
        )
        if i is None or len(columns[i][0]) < 8:
            break
        text, size, role = columns[i]
        cuts = [k for k, ch in enumerate(text) if ch in " 　"] or [
            k + 1 for k, ch in enumerate(text) if ch in "都道府県市区郡町村" and 3 < k < len(text) - 3
        ]
        if not cuts:
            break
        cut = min(cuts, key=lambda k: abs(k - len(text) / 2))
        head, tail = text[:cut].strip(), text[cut:].strip()
        if not head or not tail:
            break
        columns[i : i + 1] = [(head, size, role), (tail, size, role)]
    lengths = [length_of(*col) for col in columns]
    gaps = [gap_of(size, role) for _, size, role in columns]
    scale = min(1.0, col_h / max(lengths), (W - 2 * m) / sum(gaps))
    x = W - m
    for (text, size, role), length in zip(columns, lengths, strict=True):
        s = size * scale
        gap = s * 1.5 + (s * 0.8 if role in ("company", "name") else 0)
        cx = x - gap / 2
        y0 = m if role not in ("name",) else m + (col_h - length * scale) * rng.uniform(0.2, 0.5)
        if role == "latin":
            tl = TL(text, s)
            font = p.font(tl, s)
            w = int(p.width(tl, s)) + 4
            tmp = Image.new("RGBA", (w, int(s * 1.4) + 2), (0, 0, 0, 0))
            ImageDraw.Draw(tmp).text((2, s * 0.95), text, font=font, fill=(*p.style.ink, 255), anchor="ls")
            rot = tmp.rotate(-90, expand=True)
            p.image.paste(rot, (int(cx - rot.width / 2), int(y0)), rot)
        else:
            tl = TL(text, s, role="name" if role == "name" else "text", bold=role in ("company", "name"))
            font = p.font(tl, s)
            fill = p.style.muted if role in ("title", "reading") else p.style.ink
            p.draw.text((cx, y0), text, font=font, fill=fill, direction="ttb", features=["vert"], anchor="mt")
        x -= gap
    if bottom and latin_lines:
        p.block(
            [TL(t, sz.small, role="contact") for t in latin_lines],
            (m, col_bottom + m * 0.3, W - m, H - m * 0.6),
            align=rng.choice(["l", "c"]),
            valign="b",
            spacing=1.3,
        )


LAYOUT_FNS: dict[str, LayoutFn] = {
    "classic": layout_classic,
    "centered": layout_centered,
    "left": layout_left,
    "right": layout_right,
    "two_column": layout_two_column,
    "band": layout_band,
    "sidebar": layout_sidebar,
    "dark": layout_dark,
    "vertical": layout_vertical,
    "bilingual": layout_bilingual,
}


def textured_paper(image: Image.Image, rng: random.Random) -> Image.Image:
    """Linen, kraft or recycled paper: soft blotches plus fine fibres."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    w, h = image.size
    base = np.asarray(image, np.float32)
    blotch = cv2.resize(nrng.random((max(2, h // 40), max(2, w // 40))).astype(np.float32), (w, h))
    grain = nrng.standard_normal((h, w), dtype=np.float32)
    if rng.random() < 0.5:
        # Linen: a fine cross-hatch.
        grain = grain * 0.5 + np.sin(np.arange(w, dtype=np.float32) * 1.7)[None, :] * 0.6
    out = base + ((blotch - 0.5) * rng.uniform(6, 18) + grain * rng.uniform(2, 6))[..., None]
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")


def card_size_mm(country: str, layout: str, rng: random.Random) -> tuple[float, float]:
    """Card size in millimetres (width, height)."""
    w, h = {"JP": (91, 55), "US": (88.9, 50.8), "CA": (88.9, 50.8), "AU": (90, 55), "SG": (90, 54)}.get(
        country, (85, 55)
    )
    if layout == "vertical" and rng.random() < 0.75:
        return h, w
    return w, h


def render_card(c: Content, layout: str, rng: random.Random, *, px_per_mm: float) -> tuple[Image.Image, dict]:
    """Draw ``c`` with ``layout``; returns the flat card and what was used."""
    w_mm, h_mm = card_size_mm(c.country, layout, rng)
    W, H = round(w_mm * px_per_mm), round(h_mm * px_per_mm)
    style = pick_style(rng, dark=layout == "dark", lang=c.lang)
    image = Image.new("RGB", (W, H), style.paper)
    if rng.random() < 0.25:
        image = textured_paper(image, random.Random(rng.getrandbits(32)))
    painter = Painter(image, style)
    sizes = _sizes(rng, px_per_mm, c.lang)
    LAYOUT_FNS[layout](painter, c, float(W), float(H), sizes, rng)
    info = {
        "fonts": sorted(painter.used_fonts),
        "icons": sorted(painter.used_icons),
        "card_mm": [w_mm, h_mm],
        "paper": list(style.paper),
    }
    return image, info
