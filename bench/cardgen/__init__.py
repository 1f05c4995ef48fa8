"""Synthetic business-card photos with ground truth.

    from bench.cardgen import generate, write_dataset
    s = generate(7, lang="ja", layout="vertical", capture="photo")
    s.image   # PIL RGB image (already JPEG-compressed once, like a camera file)
    s.truth   # CONTRACT section 1 fields + name_reading
    s.meta    # lang, layout, capture, country, fonts, seed, distortions
    write_dataset("bench/out/x", 50, seed=0, lang="en")   # 0001.jpg ... + truth.jsonl

Everything is drawn from the seed (``random.Random`` and a numpy Generator),
so a seed gives the same card on the same machine (fonts are whatever
``fc-list`` reports: a machine with other fonts draws other glyphs).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from bench.cardgen import capture as cap
from bench.cardgen.content import make_en, make_ja
from bench.cardgen.render import LAYOUTS, render_card
from cardscan.types import CONTRACT_FIELDS

__all__ = ["CAPTURES", "LANGS", "LAYOUTS", "TRUTH_KEYS", "Sample", "generate", "sample_seed", "write_dataset"]

LANGS: tuple[str, ...] = ("ja", "en")
CAPTURES: tuple[str, ...] = cap.CAPTURES
#: Keys of ``Sample.truth``: CONTRACT section 1 (without file/seconds) plus name_reading.
TRUTH_KEYS: tuple[str, ...] = (*CONTRACT_FIELDS, "name_reading")


@dataclass(frozen=True)
class Sample:
    """One generated card photo and what a perfect reader would return for it."""

    image: Image.Image
    truth: dict[str, Any]
    meta: dict[str, Any]
    jpeg: bytes = field(repr=False, default=b"")

    def __post_init__(self) -> None:
        if tuple(self.truth) != TRUTH_KEYS:
            raise ValueError(f"truth keys {tuple(self.truth)} != {TRUTH_KEYS}")
        if self.image.mode != "RGB":
            raise ValueError(f"image mode {self.image.mode}, expected RGB")


def _choose_layout(rng: random.Random, lang: str) -> str:
    names = [name for name, langs in LAYOUTS.items() if lang in langs]
    weights = [{"vertical": 1.5, "bilingual": 1.5, "classic": 2.0}.get(n, 1.0) for n in names]
    return rng.choices(names, weights=weights)[0]


def generate(
    seed: int,
    *,
    lang: str | None = None,
    layout: str | None = None,
    capture: str | None = None,
    easy: bool = False,
) -> Sample:
    """One synthetic card, the same for the same arguments.

    Args:
        seed: any integer.
        lang: "ja" or "en"; None picks one (Japanese a little more often).
        layout: one of :data:`LAYOUTS`; None picks one that suits the language.
        capture: "scan" or "photo"; None picks one (photos more often).
        easy: same content and look, but a gentle capture (small skew, no motion blur, shadow, glare
            or bend, little noise, good JPEG, large card): a readable fixture for tests of the reader.

    Raises:
        ValueError: for an unknown value or a layout that does not exist for the language.
    """
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; expected one of {LANGS}")
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {tuple(LAYOUTS)}")
    if capture is not None and capture not in CAPTURES:
        raise ValueError(f"unknown capture {capture!r}; expected one of {CAPTURES}")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed & 0xFFFFFFFFFFFFFFFF)
    if lang is None:
        allowed = [lg for lg in LANGS if layout is None or lg in LAYOUTS[layout]]
        lang = allowed[0] if len(allowed) == 1 else ("ja" if rng.random() < 0.55 else "en")
    if layout is None:
        layout = _choose_layout(rng, lang)
    elif lang not in LAYOUTS[layout]:
        raise ValueError(f"layout {layout!r} is not drawn for lang {lang!r}")
    capture = capture or ("photo" if rng.random() < 0.6 else "scan")
    # Content, rendering and capture draw from their own streams, so a change in one part of the
    # generator does not reshuffle the others.
    c_rng, r_rng, k_rng = (random.Random(rng.getrandbits(64)) for _ in range(3))
    content = make_ja(c_rng, layout=layout) if lang == "ja" else make_en(c_rng, layout=layout)
    p = cap.plan(k_rng, capture, easy=easy)
    px_per_mm = p["long_side"] * p["card_fraction"] / 91.0
    card, info = render_card(content, layout, r_rng, px_per_mm=px_per_mm)
    shoot = cap.scan if capture == "scan" else cap.photo
    image, jpeg, distortions = shoot(card, k_rng, nrng, p)
    truth = {key: copy.deepcopy(content.truth[key]) for key in TRUTH_KEYS}
    meta = {
        "seed": seed,
        "lang": lang,
        "layout": layout,
        "capture": capture,
        "easy": easy,
        "country": content.country,
        "fonts": info["fonts"],
        "icons": info["icons"],
        "card_mm": info["card_mm"],
        "card_px": list(card.size),
        "image_px": list(image.size),
        "distortions": distortions,
    }
    return Sample(image=image, truth=truth, meta=meta, jpeg=jpeg)


def sample_seed(dataset_seed: int, index: int) -> int:
    """The seed of card ``index`` in the data set made from ``dataset_seed``."""
    return int(np.random.SeedSequence([dataset_seed, index]).generate_state(1, np.uint64)[0] >> 1)


def iter_dataset(count: int, seed: int = 0, **filters: Any) -> Iterator[tuple[str, Sample]]:
    """``(file name, sample)`` for the cards of a data set, in order."""
    for i in range(1, count + 1):
        yield f"{i:04d}.jpg", generate(sample_seed(seed, i), **filters)


def write_dataset(out_dir: str | Path, count: int, seed: int = 0, **filters: Any) -> Path:
    """Write ``count`` cards as ``0001.jpg ...`` plus ``truth.jsonl`` into ``out_dir``.

    Each truth line is the CLI's JSON object for that file (``file`` plus the
    CONTRACT fields), with ``name_reading`` and a ``meta`` object added.

    Returns:
        The path of truth.jsonl.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth.jsonl"
    tmp = out / "truth.jsonl.part"
    with tmp.open("w", encoding="utf-8") as fh:
        for name, sample in iter_dataset(count, seed, **filters):
            (out / name).write_bytes(sample.jpeg)
            row = {"file": name, **sample.truth, "meta": sample.meta}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    # Written last and renamed, so a truth.jsonl on disk always means a complete set.
    tmp.replace(truth_path)
    return truth_path
