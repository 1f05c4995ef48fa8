"""Variant kanji told from the print: glyphs rendered here with installed CJK fonts."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from cardscan.variants import VARIANTS, best_form, glyph_cells, glyph_in_print, line_ink, with_variants

# Both fonts draw the variants (髙, 﨑, 𠮷); the Japanese Noto face is face 0 of its collection.
SERIF = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _line(text, font=SANS, size=90, *, vertical=False):
    """The ink of ``text`` printed in one line (down a column when ``vertical``), slightly spaced."""
    face = ImageFont.truetype(font, size, index=0)
    step = int(size * 1.1)
    width, height = (size * 2, step * len(text) + size) if vertical else (step * len(text) + size, size * 2)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for k, glyph in enumerate(text):
        draw.text((size // 2, size // 2 + k * step) if vertical else (size // 2 + k * step, size // 2), glyph,
                  font=face, fill=0)
    gray = np.asarray(image)
    return line_ink(gray, (0, 0, width, height))


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_variant_printed_in_a_name_is_told_from_the_common_form(font):
    assert with_variants("高橋 芽衣", "高橋芽衣", _line("髙橋芽衣", font), vertical=False) == "髙橋 芽衣"
    assert with_variants("高橋 芽衣", "高橋芽衣", _line("高橋芽衣", font), vertical=False) == "高橋 芽衣"
    assert with_variants("崎田 孝", "崎田孝", _line("﨑田孝", font), vertical=False) == "﨑田 孝"
    assert with_variants("山崎 由紀", "山崎由紀", _line("山崎由紀", font), vertical=False) == "山崎 由紀"


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_old_form_tesseract_reads_for_another_variant_is_told_apart_too(font):
    # Tesseract reads 渡邉 as 渡邊, a form it has; both are printed in real names.
    assert with_variants("渡邊 隆", "渡邊隆", _line("渡邉隆", font), vertical=False) == "渡邉 隆"
    assert with_variants("渡邊 隆", "渡邊隆", _line("渡邊隆", font), vertical=False) == "渡邊 隆"


def test_variant_down_a_tategaki_column():
    ink = _line("髙橋弘", SERIF, vertical=True)
    assert with_variants("高橋 弘", "高橋弘", ink, vertical=True) == "髙橋 弘"


def test_name_inside_a_longer_line_keeps_its_place():
    ink = _line("営業部髙野豊", SANS)
    assert with_variants("高野 豊", "営業部高野豊", ink, vertical=False) == "髙野 豊"


def test_glyph_of_separate_parts_is_one_cell():
    # 川 and 崎 are each several runs of ink across; each is still one cell, about square.
    cells = glyph_cells(_line("川崎", SANS), 2)
    assert len(cells) == 2
    for start, end in cells:
        assert 60 <= end - start <= 100
    # Fewer runs than glyphs asked for: no cells rather than a wrong cut.
    assert glyph_cells(_line("田", SANS), 3) == []


def test_without_ink_or_a_variant_the_name_stays():
    blank = np.zeros((100, 300), np.uint8)
    assert with_variants("高橋 芽衣", "高橋芽衣", blank, vertical=False) == "高橋 芽衣"
    assert with_variants("田中 一郎", "田中一郎", _line("田中一郎"), vertical=False) == "田中 一郎"
    assert best_form(blank, "高") == "高"
    assert all(len(forms) >= 1 for forms in VARIANTS.values())


REN = ("靚", "蓮", "輦", "練", "戀", "恋", "錬", "連", "廉")  # the dictionary's spellings of ren


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_misread_glyph_is_told_from_the_print_among_what_the_romaji_allows(font):
    # 鈴木蓮 read 鈴木夢 beside SUZUKI Ren (seed 373 #98): of the spellings of ren, the print is 蓮.
    assert glyph_in_print("鈴木夢", _line("鈴木蓮", font), 2, "夢", REN, vertical=False) == "蓮"
    assert glyph_in_print("森田信夫", _line("森田信也", font), 3, "夫", ("也", "弥"), vertical=False) == "也"
    # Down a 縦書き column, and inside a longer line.
    column = _line("小林葵", font, vertical=True)
    assert glyph_in_print("小林壮", column, 2, "壮", ("葵", "蒼"), vertical=True) == "葵"
    assert glyph_in_print("営業部鈴木夢", _line("営業部鈴木蓮", font), 5, "夢", REN, vertical=False) == "蓮"


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_glyph_read_right_stays_whatever_the_romaji_allows(font):
    # 横山陽菜 beside hina: the dictionary spells hina 雛, 比奈, 陽奈...; the print is still 陽菜.
    assert glyph_in_print("横山陽菜", _line("横山陽菜", font), 3, "菜", ("奈",), vertical=False) == "菜"
    assert glyph_in_print("鈴木夢", _line("鈴木夢", font), 2, "夢", REN, vertical=False) == "夢"
    assert glyph_in_print("鈴木夢", np.zeros((100, 300), np.uint8), 2, "夢", REN, vertical=False) == "夢"
    assert glyph_in_print("鈴木夢", _line("鈴木蓮", font), 2, "夢", (), vertical=False) == "夢"


def _photographed(text, font, size):
    """``text`` printed small, blurred and stored as a JPEG, as a photo's name line; its ink."""
    import io

    import cv2

    face = ImageFont.truetype(font, size, index=0)
    step = int(size * 1.1)
    width, height = step * len(text) + size, size * 2
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for k, glyph in enumerate(text):
        draw.text((size // 2 + k * step, size // 2), glyph, font=face, fill=0)
    blurred = cv2.GaussianBlur(np.asarray(image).astype(np.float32), (0, 0), 1.0)
    stored = io.BytesIO()
    Image.fromarray(np.clip(blurred, 0, 255).astype(np.uint8)).save(stored, "JPEG", quality=60)
    return line_ink(np.asarray(Image.open(io.BytesIO(stored.getvalue()))), (0, 0, width, height))


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_glyph_is_told_from_small_blurred_print_too(font):
    # 28 px glyphs blurred by 1 px and stored as a JPEG, not the clean fonts the templates come from.
    assert glyph_in_print("鈴木夢", _photographed("鈴木蓮", font, 28), 2, "夢", REN, vertical=False) == "蓮"
    assert glyph_in_print("鈴木夢", _photographed("鈴木夢", font, 28), 2, "夢", REN, vertical=False) == "夢"
    hina = _photographed("横山陽菜", font, 28)
    assert glyph_in_print("横山陽菜", hina, 3, "菜", ("奈",), vertical=False) == "菜"


@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_glyph_of_a_firms_trade_word_is_told_from_the_print(font):
    # 薬品 read 楽品, デザイン read プザイン (seeds 373, 379): the print says which word it is.
    assert glyph_in_print("東洋楽品", _line("東洋薬品", font), 2, "楽", ("食", "薬"), vertical=False) == "薬"
    design = _line("東洋デザイン", font)
    assert glyph_in_print("東洋プザイン", design, 2, "プ", ("デ",), vertical=False) == "デ"
    assert glyph_in_print("東洋楽品", _line("東洋楽品", font), 2, "楽", ("食", "薬"), vertical=False) == "楽"


def _printed(text, size=60):
    face = ImageFont.truetype(SANS, size, index=0)
    image = Image.new("L", (size * (len(text) + 4), size * 2), 255)
    ImageDraw.Draw(image).text((size, size // 2), text, font=face, fill=0)
    return np.asarray(image)


def test_a_line_box_that_cuts_its_last_glyph_reaches_to_its_end():
    # OCR's box of blurred print cut 機 in half ("精根" read): the ink goes to the glyph's end.
    gray = _printed("精機")
    columns = np.flatnonzero((gray < 128).any(axis=0))
    rows = np.flatnonzero((gray < 128).any(axis=1))
    left, right, top, height = int(columns[0]), int(columns[-1]) + 1, int(rows[0]), int(np.ptp(rows)) + 1
    whole = line_ink(gray, (left, top, right - left, height))
    cut = line_ink(gray, (left, top, (right - left) * 3 // 4, height))
    # (Otsu's threshold on the two crops may differ by a grey step at the glyphs' edges.)
    assert abs(cut.shape[1] - whole.shape[1]) <= 2
    assert glyph_in_print("精根", cut, 1, "根", ("機", "工", "密"), vertical=False) == "機"
    # Down a column too.
    column = np.ascontiguousarray(gray.T)
    assert abs(line_ink(column, (top, left, height, (right - left) * 3 // 4), vertical=True).shape[0]
               - whole.shape[1]) <= 2


@pytest.mark.parametrize(("gap", "reached"), [(2, True), (6, False)])
def test_a_cut_glyph_is_followed_over_small_blanks_only(gap, reached):
    # Two strokes 50 px tall, ``gap`` px apart; the box ends inside the first (and the reach
    # of half a line height takes in the second). A blank of
    # 0.04 line heights is inside a blurred glyph; one of 0.12 is between two glyphs.
    gray = np.full((80, 200), 255, np.uint8)
    gray[15:65, 40:70] = 0
    gray[15:65, 70 + gap : 78 + gap] = 0
    ink = line_ink(gray, (40, 15, 20, 50))
    assert ink.shape[1] == (38 + gap if reached else 30)


def test_an_empty_box_or_one_off_the_image_has_no_ink():
    gray = _printed("精機")
    for box in ((0, 0, 0, 40), (10, 10, 40, 0), (5000, 10, 40, 40)):
        ink = line_ink(gray, box)
        assert not ink.any()
        assert glyph_in_print("精根", ink, 1, "根", ("機",), vertical=False) == "根"


def test_a_line_box_does_not_reach_print_beyond_a_gap():
    gray = _printed("精機  電気")
    ink = gray < 128
    columns = np.flatnonzero(ink[:, : gray.shape[1] // 2 + 10].any(axis=0))
    rows = np.flatnonzero(ink.any(axis=1))
    left = int(columns[0])
    # The box of 精機 alone, taken from the ink up to the gap before 電気.
    gap = next(c for c in range(left, gray.shape[1]) if not ink[:, c : c + 20].any())
    box = (left, int(rows[0]), gap - left, int(np.ptp(rows)) + 1)
    assert line_ink(gray, box).shape[1] == gap - left
