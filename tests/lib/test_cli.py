"""``python -m cardscan scan`` as a user runs it: a real subprocess, real images."""

import json
import subprocess
import sys

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _run(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "cardscan", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


@pytest.fixture(scope="module")
def japanese_card(tmp_path_factory):
    card = Image.new("RGB", (1400, 846), "white")
    draw = ImageDraw.Draw(card)
    for y, text, size in ((70, "株式会社サンプル商事", 52), (240, "山田 太郎", 92),
                          (520, "TEL 03-1234-5678", 40), (600, "taro.yamada@sample.co.jp", 40)):
        draw.text((80, y), text, font=ImageFont.truetype(FONT, size, index=0), fill="black")
    path = tmp_path_factory.mktemp("cli") / "ja.png"
    card.save(path)
    return path


def test_json_lines_in_input_order_and_exit_status_1_on_a_bad_file(tmp_path, japanese_card):
    broken = tmp_path / "broken.jpg"
    broken.write_text("this is text, not a JPEG")

    done = _run("scan", broken, japanese_card, tmp_path / "missing.webp", "--workers", "2")

    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["file"] for o in objects] == [str(broken), str(japanese_card), str(tmp_path / "missing.webp")]
    assert set(objects[0]) == {"file", "error"} and set(objects[2]) == {"file", "error"}
    card = objects[1]
    for key in ("name", "name_latin", "title", "department", "company", "emails", "phones", "urls",
                "postal_code", "address", "country", "seconds"):
        assert key in card
    assert card["emails"] == ["taro.yamada@sample.co.jp"]
    assert isinstance(card["seconds"], float) and card["seconds"] > 0
    assert "株式会社" in lines[1]  # ensure_ascii=False: Japanese is printed as is
    assert "broken.jpg" in done.stderr  # the reason is logged on stderr too


def test_all_good_exits_0_and_extra_adds_fields(japanese_card):
    done = _run("scan", "--extra", "--workers", "1", japanese_card)

    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    card = json.loads(line)
    assert {"name_reading", "confidence", "leftover"} <= set(card)
    assert card["phones"] == [{"type": "work", "e164": "+81312345678"}]


def test_usage_errors_exit_2():
    assert _run("scan").returncode == 2
    assert _run("scan", "x.jpg", "--workers", "0").returncode == 2
    assert _run("frobnicate").returncode == 2
