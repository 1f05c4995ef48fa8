"""Turning a flat card into a scan or a phone photo.

Backgrounds are procedural (wood grain, fabric, desk, dark surface, marble),
the card is warped in perspective, rotated (also by 90, 180 and 270 degrees),
lit unevenly, blurred, noised and JPEG-compressed. Every step is drawn from the
card's seeded generators and recorded in the returned ``distortions`` dict.
"""

from __future__ import annotations

import io
import math
import random
from typing import Any

import cv2
import numpy as np
from PIL import Image

CAPTURES: tuple[str, ...] = ("scan", "photo")
BACKGROUNDS: tuple[str, ...] = ("wood", "fabric", "desk", "dark", "marble", "paper")
#: The card's long side in a photo is at least this many pixels (about 9 px/mm on a 91 mm card).
MIN_CARD_PX = 820


def plan(rng: random.Random, capture: str, *, easy: bool = False) -> dict[str, Any]:
    """Frame size and card scale for ``capture``, chosen before drawing the card.

    ``easy`` keeps every random draw (so the card's content and look stay those of the seed) but
    tames the distortions: a readable fixture for tests rather than a benchmark card.
    """
    if capture == "scan":
        long_side = rng.randint(1000, 2600)
        return {"long_side": long_side, "card_fraction": rng.uniform(0.86, 0.95), "easy": easy}
    long_side = rng.randint(1000, 3000)
    p = {
        "long_side": long_side,
        "card_fraction": rng.uniform(0.45, 0.85),
        "aspect": rng.choice([4 / 3, 4 / 3, 16 / 9, 3 / 2]),
        "portrait": rng.random() < 0.3,
        "easy": easy,
    }
    if easy:
        p.update(long_side=max(long_side, 1600), card_fraction=max(p["card_fraction"], 0.7), portrait=False)
    return p


def _smooth_noise(nrng: np.random.Generator, h: int, w: int, scale: int) -> np.ndarray:
    small = nrng.random((max(2, h // scale), max(2, w // scale))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def background(nrng: np.random.Generator, kind: str, h: int, w: int) -> np.ndarray:
    """A procedural surface, float32 RGB in [0, 255]."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array(
            nrng.choice([[150, 100, 60], [180, 130, 80], [110, 70, 40], [200, 160, 110]]), np.float32
        )
        warp = _smooth_noise(nrng, h, w, 64) * 40
        angle = nrng.uniform(-0.3, 0.3)
        u = xx * math.sin(angle) + yy * math.cos(angle) + warp * 3
        rings = np.sin(u / nrng.uniform(6, 18) + _smooth_noise(nrng, h, w, 16) * 4) * 0.5 + 0.5
        shade = 0.75 + 0.25 * rings + (_smooth_noise(nrng, h, w, 8) - 0.5) * 0.1
        img = base[None, None, :] * shade[..., None]
    elif kind == "fabric":
        base = np.array(
            nrng.choice([[60, 70, 110], [120, 40, 40], [70, 90, 70], [140, 140, 150], [40, 40, 50]]),
            np.float32,
        )
        period = nrng.uniform(3, 7)
        weave = (np.sin(xx * 2 * math.pi / period) * np.sin(yy * 2 * math.pi / period)) * 0.12
        shade = 1.0 + weave + (_smooth_noise(nrng, h, w, 40) - 0.5) * 0.2 + nrng.normal(0, 0.04, (h, w))
        img = base[None, None, :] * shade[..., None]
    elif kind == "desk":
        base = np.array(
            nrng.choice([[200, 200, 195], [170, 175, 180], [220, 215, 200], [120, 125, 130]]), np.float32
        )
        shade = 1.0 + (_smooth_noise(nrng, h, w, 80) - 0.5) * 0.15 + nrng.normal(0, 0.015, (h, w))
        img = base[None, None, :] * shade[..., None]
    elif kind == "dark":
        base = np.array(nrng.choice([[30, 30, 32], [20, 25, 35], [45, 40, 38]]), np.float32)
        speckle = (nrng.random((h, w)) > 0.995).astype(np.float32) * 40
        shade = 1.0 + (_smooth_noise(nrng, h, w, 50) - 0.5) * 0.4
        img = base[None, None, :] * shade[..., None] + speckle[..., None]
    elif kind == "marble":
        base = np.array([225, 222, 218], np.float32)
        veins = np.abs(np.sin((xx + yy) / 40 + _smooth_noise(nrng, h, w, 30) * 12))
        shade = 0.85 + 0.15 * veins**0.3
        img = base[None, None, :] * shade[..., None]
    else:  # a pile of paper / notebook: light with faint ruled lines
        base = np.array([235, 235, 228], np.float32)
        period = nrng.uniform(25, 45)
        lines = (np.abs(((yy + nrng.uniform(0, period)) % period) - period / 2) < 1.0).astype(np.float32)
        img = base[None, None, :] - lines[..., None] * np.array([60, 40, 10], np.float32)
    return np.clip(img, 0, 255).astype(np.float32)


def _lighting(
    nrng: np.random.Generator, rng: random.Random, h: int, w: int, info: dict[str, Any], *, easy: bool = False
) -> np.ndarray:
    # Light varies slowly: computed at 1/8 size and scaled up, which is much cheaper on big frames.
    sh, sw = max(2, h // 8), max(2, w // 8)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    strength = rng.uniform(0.05, 0.35) * (0.3 if easy else 1.0)
    grad = ((xx / sw - 0.5) * math.cos(angle) + (yy / sh - 0.5) * math.sin(angle)) * strength
    field = 1.0 + grad
    vign = rng.uniform(0.0, 0.45) * (0.3 if easy else 1.0)
    r2 = ((xx / sw - 0.5) ** 2 + (yy / sh - 0.5) ** 2) * 2
    field *= 1.0 - vign * r2
    info["light_gradient"] = round(strength, 3)
    info["vignette"] = round(vign, 3)
    if rng.random() < 0.35:
        # A soft shadow (a hand or the phone) across part of the frame.
        mask = np.zeros((sh, sw), np.float32)
        cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
        axes = (int(rng.uniform(0.2, 0.6) * sw), int(rng.uniform(0.2, 0.6) * sh))
        cv2.ellipse(mask, (int(cx), int(cy)), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
        k = int(max(sh, sw) * 0.08) | 1
        mask = cv2.GaussianBlur(mask, (k, k), 0)
        depth = 0.0 if easy else rng.uniform(0.2, 0.5)
        field *= 1.0 - depth * mask
        info["shadow"] = round(depth, 3)
    if rng.random() < 0.25:
        # Glare: a bright soft spot where a lamp reflects on the card.
        spot = np.zeros((sh, sw), np.float32)
        cv2.circle(
            spot,
            (int(rng.uniform(0.2, 0.8) * sw), int(rng.uniform(0.2, 0.8) * sh)),
            int(rng.uniform(0.05, 0.15) * max(sh, sw)),
            1.0,
            -1,
        )
        k = int(max(sh, sw) * 0.1) | 1
        glare = 0.0 if easy else rng.uniform(0.15, 0.45)
        field += glare * cv2.GaussianBlur(spot, (k, k), 0)
        info["glare"] = round(glare, 3)
    return cv2.resize(field.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)


def _blur(img: np.ndarray, rng: random.Random, info: dict[str, Any], *, strong: bool) -> np.ndarray:
    r = rng.random()
    if strong and r < 0.3:
        # Hand shake is a fraction of the frame: a few pixels on a small photo, more on a big one.
        length = rng.randint(3, max(4, max(img.shape[:2]) // 230))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1.0 / length
        angle = rng.uniform(0, 180)
        rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
        kernel = cv2.warpAffine(kernel, rot, (length, length))
        kernel /= max(kernel.sum(), 1e-6)
        info["motion_blur"] = length
        # Degrees counter-clockwise from the x axis (image y pointing down), as cv2 rotates.
        info["motion_angle"] = round(angle, 1)
        return cv2.filter2D(img, -1, kernel)
    sigma = rng.uniform(0.0, 2.0 if strong else 0.7)
    if sigma > 0.3:
        info["gaussian_blur"] = round(sigma, 2)
        return cv2.GaussianBlur(img, (0, 0), sigma)
    return img


def _finish(
    img: np.ndarray,
    nrng: np.random.Generator,
    rng: random.Random,
    info: dict[str, Any],
    *,
    noise: tuple[float, float],
    quality: tuple[int, int],
) -> tuple[Image.Image, bytes]:
    sigma = rng.uniform(*noise)
    img = img + (nrng.standard_normal(img.shape[:2], dtype=np.float32) * sigma)[..., None]
    info["noise_sigma"] = round(sigma, 2)
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    q = rng.randint(*quality)
    info["jpeg_quality"] = q
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=q)
    data = buf.getvalue()
    return Image.open(io.BytesIO(data)).convert("RGB"), data


def scan(
    card: Image.Image, rng: random.Random, nrng: np.random.Generator, p: dict[str, Any]
) -> tuple[Image.Image, bytes, dict]:
    """A flatbed scan: light background, small margin, slight skew, little noise."""
    info: dict[str, Any] = {"capture": "scan"}
    w, h = card.size
    margin = int(max(w, h) * rng.uniform(0.02, 0.07))
    bg = tuple(int(v) for v in nrng.integers(225, 256, 3)) if rng.random() < 0.8 else (30, 30, 30)
    canvas = Image.new("RGB", (w + 2 * margin, h + 2 * margin), bg)
    canvas.paste(card, (margin, margin))
    easy = p.get("easy", False)
    angle = rng.uniform(-3.0, 3.0) if not easy else rng.uniform(-1.0, 1.0)
    if not easy and rng.random() < 0.15:
        angle += rng.choice([90, 180, 270])
    info["rotation"] = round(angle, 2)
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=bg)
    arr = np.asarray(canvas, np.float32)
    arr = _blur(arr, rng, info, strong=False)
    image, data = _finish(
        arr, nrng, rng, info, noise=(0.5, 2.0 if easy else 4.0), quality=(85 if easy else 70, 95)
    )
    return image, data, info


def photo(
    card: Image.Image, rng: random.Random, nrng: np.random.Generator, p: dict[str, Any]
) -> tuple[Image.Image, bytes, dict]:
    """A phone photo: textured surface, perspective, rotation, uneven light, blur, noise."""
    info: dict[str, Any] = {"capture": "photo"}
    long_side = p["long_side"]
    short = int(long_side / p["aspect"])
    fw, fh = (short, long_side) if p["portrait"] else (long_side, short)
    kind = rng.choice(BACKGROUNDS)
    info["background"] = kind
    cw, ch = card.size
    easy = p.get("easy", False)
    r = rng.random()
    if easy:
        angle = rng.uniform(-5, 5)
    elif r < 0.6:
        angle = rng.uniform(-12, 12)
    elif r < 0.75:
        angle = 90 + rng.uniform(-8, 8)
    elif r < 0.85:
        angle = 270 + rng.uniform(-8, 8)
    elif r < 0.95:
        angle = 180 + rng.uniform(-8, 8)
    else:
        angle = rng.uniform(-35, 35)
    info["rotation"] = round(angle, 2)
    # Destination corners: scale, rotate around the frame centre, then jitter for perspective.
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    persp = rng.uniform(0.0, 0.04 if easy else 0.12)
    info["perspective"] = round(persp, 3)
    # The frame side along which the card's long edge lies bounds the card's size.
    card_horizontal = (abs(math.cos(math.radians(angle))) >= abs(math.sin(math.radians(angle)))) == (cw >= ch)
    along = fw if card_horizontal else fh
    if along * 0.92 < MIN_CARD_PX:
        # Nobody photographs a card so that it fills a third of the screen: turn the phone.
        fw, fh = fh, fw
        along = fw if card_horizontal else fh
    fraction = max(p["card_fraction"], min(0.92, MIN_CARD_PX / along))
    # Textures are drawn at half size: twice as cheap, and a phone blurs them anyway.
    bg = cv2.resize(background(nrng, kind, fh // 2, fw // 2), (fw, fh), interpolation=cv2.INTER_LINEAR)
    for _ in range(30):
        scale = fraction * along / max(cw, ch)
        pts = (src - [cw / 2, ch / 2]) * scale
        pts += np.array(
            [
                [rng.uniform(-1, 1) * persp * cw * scale, rng.uniform(-1, 1) * persp * ch * scale]
                for _ in range(4)
            ],
            np.float32,
        )
        a = math.radians(angle)
        rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
        pts = pts @ rot.T
        off = np.array([fw / 2 + rng.uniform(-0.08, 0.08) * fw, fh / 2 + rng.uniform(-0.08, 0.08) * fh])
        dst = (pts + off).astype(np.float32)
        lo, hi = dst.min(axis=0), dst.max(axis=0)
        pad = 0.02 * min(fw, fh)
        if lo[0] >= pad and lo[1] >= pad and hi[0] <= fw - pad and hi[1] <= fh - pad:
            break
        fraction *= 0.93
    else:
        raise RuntimeError("card does not fit in the frame")
    info["card_fraction"] = round(fraction, 3)
    # Where the card's corners land in the photo (top-left, top-right, bottom-right, bottom-left of
    # the card as printed): the truth bench.detect scores card detection against.
    info["corners"] = [[round(float(x), 1), round(float(y), 1)] for x, y in dst]
    m = cv2.getPerspectiveTransform(src, dst)
    card_arr = np.asarray(card, np.float32)
    card_mask = np.ones((ch, cw), np.float32)
    if not easy and rng.random() < 0.25:
        # A bent card: rows bow up or down across the card, so text lines curve.
        amp = rng.uniform(0.006, 0.02) * ch * rng.choice([-1, 1])
        xs = np.arange(cw, dtype=np.float32)
        map_x = np.repeat(xs[None, :], ch, axis=0)
        map_y = np.arange(ch, dtype=np.float32)[:, None] - amp * np.sin(np.pi * xs / cw)[None, :]
        card_arr = cv2.remap(card_arr, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        card_mask = cv2.remap(card_mask, map_x, map_y, cv2.INTER_LINEAR, borderValue=0)
        info["curl"] = round(float(amp / ch), 4)
    warped = cv2.warpPerspective(
        card_arr, m, (fw, fh), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    )
    mask = cv2.warpPerspective(card_mask, m, (fw, fh), flags=cv2.INTER_LINEAR)
    # Drop shadow under the card, blurred at 1/4 size.
    small = cv2.resize(mask, (max(2, fw // 4), max(2, fh // 4)), interpolation=cv2.INTER_AREA)
    shift = np.float32([[1, 0, rng.uniform(-0.01, 0.02) * fw / 4], [0, 1, rng.uniform(0, 0.02) * fh / 4]])
    small = cv2.warpAffine(small, shift, (small.shape[1], small.shape[0]))
    k = int(min(fw, fh) * 0.005) | 1
    small = cv2.GaussianBlur(small, (k, k), 0) * rng.uniform(0.2, 0.6)
    shadow = cv2.resize(small, (fw, fh), interpolation=cv2.INTER_LINEAR)
    img = bg * (1.0 - shadow[..., None])
    img = img * (1.0 - mask[..., None]) + warped * mask[..., None]
    img = img * _lighting(nrng, rng, fh, fw, info, easy=easy)[..., None]
    cast = np.array([rng.uniform(0.9, 1.08), rng.uniform(0.95, 1.03), rng.uniform(0.88, 1.08)], np.float32)
    img = img * cast[None, None, :]
    img = _blur(img, rng, info, strong=not easy)
    image, data = _finish(
        img, nrng, rng, info, noise=(1.0, 3.0) if easy else (1.5, 9.0), quality=(80, 92) if easy else (40, 92)
    )
    return image, data, info
