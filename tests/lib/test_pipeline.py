"""The whole reader on generated card photos: real images, real Tesseract."""

import io

import pytest

from bench.cardgen import generate
from cardscan.pipeline import STAGES, scan, scan_many
from cardscan.types import ScanResult


def _jpeg_bytes(sample):
    if sample.jpeg:
        return sample.jpeg
    buffer = io.BytesIO()
    sample.image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def english_photo(tmp_path_factory):
    """An English card photographed on a desk (seed chosen for a plain upright photo)."""
    sample = generate(10, lang="en", capture="photo")
    path = tmp_path_factory.mktemp("cards") / "en.jpg"
    path.write_bytes(_jpeg_bytes(sample))
    return path, sample


def test_scan_reads_a_photo_and_times_every_stage(english_photo):
    path, sample = english_photo

    result = scan(path)

    assert result.error is None and result.card is not None
    assert result.file == str(path)
    assert tuple(result.timings) == STAGES
    assert result.seconds >= sum(result.timings.values()) * 0.99
    assert result.page is not None and len(result.page.lines) >= 4
    assert result.card.emails == tuple(sample.truth["emails"])
    body = result.to_json_dict()
    assert body["file"] == str(path) and body["seconds"] == round(result.seconds, 3)


def test_scan_of_bad_bytes_is_a_result_not_an_exception():
    result = scan(b"GIF89a but not really", name="upload.gif")
    assert isinstance(result, ScanResult)
    assert result.card is None and result.error
    assert result.to_json_dict() == {"file": "upload.gif", "error": result.error}


def test_scan_many_keeps_input_order_across_workers(tmp_path, english_photo):
    path, _ = english_photo
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "text.jpg"
    text.write_text("hello")
    sources = [text, path, empty, tmp_path / "missing.png"]

    results = list(scan_many(sources, workers=2))

    assert [r.file for r in results] == [str(s) for s in sources]
    assert [r.error is None for r in results] == [False, True, False, False]
    assert "empty" in results[2].error and "not found" in results[3].error
