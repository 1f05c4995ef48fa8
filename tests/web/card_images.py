"""Card photos for the web tests, rendered by bench.cardgen (cached per test run)."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image


@cache
def japanese_card() -> tuple[bytes, dict]:
    """A flat scan of a Japanese card (JPEG bytes) and its ground truth."""
    from bench.cardgen import generate

    sample = generate(1, lang="ja", layout="classic", capture="scan")
    return sample.jpeg, sample.truth


def png_bytes(size: tuple[int, int] = (64, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def heic_bytes() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), "white").save(buffer, "HEIF")
    return buffer.getvalue()


#: Starts like a PNG, then garbage: accepted at upload, refused by the reader.
CORRUPT_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50
