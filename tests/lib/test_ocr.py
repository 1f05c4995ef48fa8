"""Real Tesseract on cards rendered here with a pinned CJK font (no mocks)."""

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import cardscan.ocr as ocr
from cardscan.config import Settings
from cardscan.errors import OcrFailed, OcrUnavailable
from cardscan.imaging import prepare_for_ocr, shows_cjk_print, text_bars
from cardscan.ocr import (
    ACCENTED_LETTERS,
    _accented_words,
    _accents_added,
    _around,
    _band_wins,
    _email_dot,
    _email_separator,
    _halves_joined,
    _latin_misreading,
    _latin_reading_doubtful,
    _letter_spaced,
    _not_a_name,
    _read_band,
    _read_company_band,
    _read_unread_rows,
    _space_after_legal_form,
    _turned_column_wins,
    _unread_rows,
    _without_icon,
    _without_junk,
    _without_logo_glyph,
    _without_logos,
    is_japanese_card,
    join_words,
    packed_band,
    page_quality,
    probe,
    read_accents,
    read_card,
    read_choices,
    read_junk_in_japanese,
    read_lines,
    read_many,
    read_spaced_bands,
    spaced_bands,
    unstacked_column,
)
from cardscan.parse import parse_page
from cardscan.types import Box, Line, OcrPage, Word

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _font(size):
    return ImageFont.truetype(FONT, size, index=0)


def _printed(lines, size=(1400, 846)):
    """A white card with each ``((x, y), text, font size)`` of ``lines`` printed on it."""
    card = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(card)
    for xy, text, font_size in lines:
        draw.text(xy, text, font=_font(font_size), fill="black")
    return card


def japanese_card():
    return _printed(
        (
            ((80, 70), "株式会社サンプル商事", 52),
            ((80, 160), "営業本部 第一営業部 部長", 38),
            ((80, 260), "山田 太郎", 92),
            ((80, 380), "Taro Yamada", 40),
            ((80, 520), "〒100-0005 東京都千代田区丸の内1-2-3", 36),
            ((80, 590), "TEL 03-1234-5678  FAX 03-1234-5679", 36),
            ((80, 660), "taro.yamada@sample.co.jp", 36),
        ),
    )


def vertical_card(company="株式会社サンプル商事"):
    card = Image.new("RGB", (846, 1400), "white")
    draw = ImageDraw.Draw(card)
    for x, text, size in ((700, company, 56), (560, "営業部長", 44), (380, "山田太郎", 100)):
        for i, ch in enumerate(text):
            draw.text((x, 90 + i * round(size * 1.15)), ch, font=_font(size), fill="black")
    # 縦書き cards often print the e-mail across
    draw.text((60, 1280), "taro@sample.co.jp", font=_font(40), fill="black")
    return card


def english_card():
    return _printed(
        (
            ((80, 70), "Acme Widgets Inc.", 58),
            ((80, 210), "Jane Q. Doe", 84),
            ((80, 330), "Director of Sales", 42),
            ((80, 520), "123 Main Street, Springfield, IL 62701", 36),
            ((80, 590), "jane.doe@acme-widgets.com", 36),
        ), size=(1400, 800),
    )


def test_probe_finds_version_and_languages():
    info = probe()
    assert info.version.split(".")[0].isdigit()
    assert {"eng", "jpn", "jpn_vert"} <= info.languages


def test_missing_tesseract_names_the_packages_to_install():
    with pytest.raises(OcrUnavailable) as caught:
        probe(Settings(tesseract_cmd="/nonexistent/tesseract"))
    assert "tesseract-ocr-jpn" in caught.value.message and "apt-get install" in caught.value.message
    assert caught.value.status == 503


def test_japanese_horizontal_card_reads_line_by_line():
    page = read_card(prepare_for_ocr(japanese_card()))

    assert not page.vertical and page.rotation == 0
    texts = [line.text for line in page.lines]
    assert "株式会社サンプル商事" in texts  # no spaces left between the kanji
    assert any("03-1234-5678" in t for t in texts)
    assert any("taro.yamada@sample.co.jp" in t for t in texts)
    # the name is the biggest print: layout survives for the parser
    name = next(line for line in page.lines if "山田" in line.text)
    assert name.glyph_size == max(line.glyph_size for line in page.lines)
    assert all(line.box.left >= 0 and line.box.right <= page.width for line in page.lines)
    assert page_quality(page) > 0.8
    assert page.languages == "jpn+eng"


def test_card_printed_in_latin_script_alone_is_read_with_eng_alone():
    page = read_card(prepare_for_ocr(english_card()))

    assert page.languages == "eng"
    assert [line.text for line in page.lines] == [
        "Acme Widgets Inc.", "Jane Q. Doe", "Director of Sales", "123 Main Street, Springfield, IL 62701",
        "jane.doe@acme-widgets.com",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # eng reads it all as unsure junk
        (((80, 70), "ハンナ ソフト", 60), ((80, 200), "シンプル ハウス", 40),
         ((80, 300), "ノート ストア", 40)),
        # eng reads the Latin lines well and the company as capital junk ("WY F VIF")
        (((80, 70), "ハンナ ソフト", 60), ((80, 200), "Hanna Soft", 40), ((80, 300), "TEL 03-1234-5678", 36),
         ((80, 400), "hanna@soft.jp", 36)),
    ],
)
def test_katakana_the_ink_test_takes_for_latin_is_read_again_with_jpn(lines):
    prepared = prepare_for_ocr(_printed(lines))
    assert not shows_cjk_print(prepared, text_bars(prepared)[0])  # few strokes: it looks like Latin print

    page = read_card(prepared)

    assert page.languages == "jpn+eng"
    assert "ハンナソフト" in [line.text for line in page.lines]


def test_vertical_card_is_read_as_columns():
    page = read_card(prepare_for_ocr(vertical_card()))

    assert page.vertical and page.languages.startswith("jpn_vert")
    texts = [line.text for line in page.lines]
    assert "株式会社サンプル商事" in texts
    assert "営業部長" in texts
    columns = [line for line in page.lines if line.vertical]
    assert len(columns) >= 3
    # right-to-left reading order: the company column (rightmost) comes first
    assert columns[0].box.left > columns[-1].box.left
    # the line printed across is read across, not as a column
    (email,) = [line for line in page.lines if "@" in line.text]
    assert email.text == "taro@sample.co.jp" and not email.vertical


def test_space_after_a_legal_form_down_a_tategaki_card_is_read_as_printed():
    page = read_card(prepare_for_ocr(vertical_card(company="株式会社\u3000サンプル商事")))

    assert page.vertical
    assert "株式会社 サンプル商事" in [line.text for line in page.lines]


def test_upside_down_card_is_turned_and_read():
    upside_down = np.rot90(prepare_for_ocr(english_card()), 2)

    page = read_card(np.ascontiguousarray(upside_down))

    assert page.rotation == 180
    assert "Director of Sales" in page.text
    assert "jane.doe@acme-widgets.com" in page.text


def test_poor_reading_is_tried_upside_down_even_when_osd_is_sure(monkeypatch):
    # Seed 131 #108: OSD said upright with confidence 1.85 of a card upside down read at 0.29.
    monkeypatch.setattr(ocr, "_osd_rotation", lambda prepared, settings: (0, 1.85))
    blurred = Image.fromarray(cv2.GaussianBlur(np.asarray(english_card().convert("L")), (0, 0), 2.0))
    upside_down = np.ascontiguousarray(np.rot90(prepare_for_ocr(blurred), 2))

    page = read_card(upside_down)

    assert page.rotation == 180
    assert "jane.doe@acme-widgets.com" in page.text


def test_upside_down_tategaki_card_is_turned_and_read():
    # Seed 131 #161: OSD was sure the card lay upside down, and it was read only upright.
    upside_down = np.ascontiguousarray(np.rot90(prepare_for_ocr(vertical_card()), 2))

    page = read_card(upside_down)

    assert page.rotation == 180 and page.vertical
    assert "株式会社サンプル商事" in [line.text for line in page.lines]


def test_sideways_card_is_turned_and_read():
    sideways = np.ascontiguousarray(np.rot90(prepare_for_ocr(english_card()), 1))  # turned left

    page = read_card(sideways)

    assert page.rotation == 90
    assert not page.vertical
    assert "Acme Widgets Inc." in page.text


def test_small_blurred_kanji_the_ink_test_takes_for_latin_are_read_again_with_jpn():
    card = _printed(
        (
            ((80, 70), "Acme Widgets Inc.", 58),
            ((80, 190), "Jane Q. Doe", 84),
            ((80, 310), "〒150-0002 東京都渋谷区渋谷2-21-1", 30),
            ((80, 430), "jane.doe@acme-widgets.com", 36),
        ),
    )
    prepared = prepare_for_ocr(Image.fromarray(cv2.GaussianBlur(np.asarray(card), (0, 0), 1.5)))
    assert not shows_cjk_print(prepared, text_bars(prepared)[0])  # the strokes run together

    page = read_card(prepared)

    assert page.languages == "jpn+eng"
    assert "東京都渋谷区渋谷" in page.text


def test_japanese_print_read_as_latin_junk_is_read_again_with_jpn():
    prepared = prepare_for_ocr(japanese_card())
    page = read_card(prepared)
    at = next(i for i, line in enumerate(page.lines) if "東京都" in line.text)
    name = next(i for i, line in enumerate(page.lines) if "Taro" in line.text)
    lines = list(page.lines)
    # As jpn+eng reads such lines on a blurred photo; and sure Latin print made unsure.
    lines[at] = Line("T 100-0005 RAB RAMA 1-2-3", lines[at].box, 0.35)
    lines[name] = Line("TARO YAMADA", lines[name].box, 0.4)

    again = read_junk_in_japanese(prepared, tuple(lines))

    assert "東京都" in again[at].text and "丸の内" in again[at].text and again[at].confidence > 0.35
    assert again[at].box == lines[at].box
    assert again[name] == lines[name]  # read as Latin again: kept
    assert again[:at] + again[at + 1 :] == tuple(lines[:at] + lines[at + 1 :])


def test_latin_junk_on_a_card_without_japanese_is_left_alone():
    # Katakana is printed where the junk was read, and jpn would read it; but nothing else
    # on the card read as Japanese, and sparse katakana is not dense enough for the ink
    # test, so the card is not taken for a Japanese one.
    prepared = prepare_for_ocr(_printed((((80, 70), "Jane Q. Doe", 60), ((80, 200), "ハンナ ソフト", 60))))
    name, junk = text_bars(prepared)[0]
    lines = (Line("Jane Q. Doe", name, 0.9), Line("WY F VIF", junk, 0.3))

    assert read_junk_in_japanese(prepared, lines) == lines
    # The same junk beside a line of Japanese is read again.
    japanese = (Line("山田 太郎", name, 0.9), lines[1])
    assert "ハンナ" in read_junk_in_japanese(prepared, japanese)[1].text


def test_card_whose_japanese_print_all_read_as_latin_junk_is_read_again_by_its_ink():
    # A blurred photo read by jpn+eng with no Japanese in it at all ("AU EA Tat" for
    # 丸紅屋運輸株式会社, ". oF Tb" for a big 佐野 哲也, seed 181 #8): the ink's dense
    # strokes still say Japanese, so the big name and the junk lines are read again.
    prepared = prepare_for_ocr(letter_spaced_name_card())
    page = read_card(prepared)
    junk = ("AU EA Tat", ". oF Tb", "RAB BOHR", "T 240-0002 PME BOHR Y2915", "Tel. 045-101-4436")
    lines = tuple(
        Line(text, line.box, 0.9 if text.startswith("Tel") else 0.3)
        for text, line in zip(junk, sorted(page.lines, key=lambda line: line.box.top), strict=False)
    )
    assert not is_japanese_card(lines)

    banded = read_spaced_bands(prepared, lines)
    assert any(line.text.replace(" ", "") == "山本太郎" for line in banded)
    again = read_junk_in_japanese(prepared, lines)
    assert any("横浜市" in line.text for line in again)
    assert again[-1] == lines[-1]
    # A card read with eng alone is one whose ink showed no CJK print: not looked at again.
    assert read_spaced_bands(prepared, lines, languages="eng") == lines
    assert read_junk_in_japanese(prepared, lines, languages="eng") == lines


def _line(text: str, confidence: float) -> Line:
    return Line(text, Box(0, 0, 10 * len(text), 30), confidence)


_SURE = (_line("Jane Q. Doe", 0.9), _line("Director of Sales, Acme Widgets Inc.", 0.9))


@pytest.mark.parametrize(
    ("lines", "doubtful"),
    [
        ((*_SURE, _line("WY F VIF", 0.3)), True),  # capital junk
        ((*_SURE, _line("WY F VIF", 0.7)), False),  # sure of it
        ((*_SURE, _line("& COBALT", 0.41)), True),
        ((*_SURE, _line("PAN VR-VFI4 YT APR)", 0.05)), True),  # digits in the junk
        ((*_SURE, _line("Jian", 0.14)), False),  # small letters: a misread, not junk
        ((*_SURE, _line("www KEYSTONE.IO", 0.2)), False),  # a web address
        ((*_SURE, _line("E hughes-I@KEYSTONE.COM", 0.3)), False),  # an e-mail address
        ((*_SURE, _line("Phone 617 858-1283", 0.48)), False),
        ((_line("Jane Q. Doe", 0.3), _line("jane@acme.com", 0.4)), True),  # unsure on the whole
        ((), True),
    ],
)
def test_latin_only_reading_is_doubtful_when_unsure_or_holding_capital_junk(lines, doubtful):
    assert _latin_reading_doubtful(lines) is doubtful


def test_timeout_becomes_ocr_failed():
    with pytest.raises(OcrFailed, match="timed out"):
        read_lines(english_card(), languages="jpn+eng", settings=Settings(ocr_timeout=0.01))


def test_images_read_in_one_run_read_as_each_alone():
    # Big print of a name, a blank and a line of Latin: one Tesseract run, three readings
    # (whatever psm 13 makes of the blank, it makes of it alone too).
    images = [
        _printed([((20, 10), "山田 太郎", 80)], size=(520, 120)),
        Image.new("L", (300, 80), 255),
        _printed([((20, 10), "Taro Yamada", 48)], size=(520, 90)),
    ]
    together = read_many(images, languages="jpn", psm=13)
    alone = [read_lines(image, languages="jpn", psm=13) for image in images]

    assert together == alone
    assert together[0][0].text.replace(" ", "") == "山田太郎"
    assert read_many([], languages="jpn") == []


def test_images_go_to_tesseract_uncompressed(monkeypatch):
    # PNG's compression cost a tenth of a second a card; Tesseract reads PNM at once.
    import pytesseract.pytesseract as tesseract_module

    headers = []
    run = tesseract_module.run_tesseract

    def spy(input_filename, *args, **kwargs):
        listed = Path(input_filename)
        paths = listed.read_text(encoding="utf-8").split() if listed.suffix == ".txt" else [listed]
        headers.extend(Path(path).read_bytes()[:2] for path in paths)
        return run(input_filename, *args, **kwargs)

    monkeypatch.setattr(tesseract_module, "run_tesseract", spy)
    one = read_lines(english_card(), languages="eng")
    two = read_many([english_card(), english_card()], languages="eng")

    assert headers == [b"P5"] * 3
    assert two == [one, one]
    assert any("@" in line.text for line in one)


def test_timeout_of_a_run_of_several_images_becomes_ocr_failed():
    with pytest.raises(OcrFailed, match="timed out"):
        read_many([english_card(), japanese_card()], languages="jpn+eng", settings=Settings(ocr_timeout=0.01))


def test_blank_card_reads_nothing_without_error():
    page = read_card(np.full((800, 1400), 255, np.uint8))
    assert isinstance(page, OcrPage)
    assert page.lines == () and page_quality(page) == 0.0


@pytest.mark.parametrize(
    ("words", "line"),
    [
        (["株", "式", "会", "社"], "株式会社"),
        (["山田", "太郎"], "山田太郎"),
        (["TEL", "03-1234-5678"], "TEL 03-1234-5678"),
        (["携帯", "090-1234-5678"], "携帯 090-1234-5678"),
        (["Jane", "Q.", "Doe"], "Jane Q. Doe"),
        (["東京都", "丸の内", "1-2-3"], "東京都丸の内 1-2-3"),
        (["〒", "100-0005"], "〒 100-0005"),
        ([], ""),
    ],
)
def test_join_words_drops_only_spaces_between_cjk(words, line):
    assert join_words(words) == line


def letter_spaced_name_card():
    """A name printed large with wide letter spacing, as many Japanese cards do."""
    card = Image.new("RGB", (1400, 846), "white")
    draw = ImageDraw.Draw(card)
    draw.text((80, 70), "株式会社東洋化学", font=_font(44), fill="black")
    draw.text((80, 150), "東京支社 営業部 執行役員", font=_font(36), fill="black")
    for i, glyph in enumerate("山本太郎"):
        x = 260 + i * 230 + (60 if i >= 2 else 0)  # a wider gap between family and given name
        draw.text((x, 300), glyph, font=_font(110), fill="black")
    draw.text((80, 560), "〒240-0002 神奈川県横浜市保土ケ谷区宮田町8-14-10", font=_font(32), fill="black")
    draw.text((80, 620), "Tel. 045-101-4436  t.yamamoto@toyochemical.com", font=_font(32), fill="black")
    return card


def test_letter_spaced_big_name_is_found_and_packed():
    prepared = prepare_for_ocr(letter_spaced_name_card())
    # The company line in 44-px print is a row of big print too; the name is the tallest.
    band, glyphs = max(spaced_bands(prepared), key=lambda item: item[0].height)
    assert glyphs == 4
    assert band.height > 80 and band.width > 3 * band.height
    packed = packed_band(prepared, band)
    assert packed.shape[0] == band.height and packed.shape[1] < 0.6 * band.width


def tightly_set_name_card():
    """A big name set with ordinary spacing (no gap between its glyphs), a romaji name under it."""
    return _printed(
        (
            ((360, 60), "有限会社アクシス工業", 40),
            ((480, 180), "斉藤隆", 96),
            ((520, 310), "Takashi Saito", 40),
            ((470, 380), "品質保証部 チーフデザイナー", 36),
            ((200, 560), "〒286-0017 千葉県成田市赤坂9丁目6番12号", 36),
            ((200, 640), "Phone 0439-63-3958  mail saito28@axiskogyo.com", 36),
        ),
    )


def test_tightly_set_big_name_is_a_band_counted_by_its_width():
    prepared = prepare_for_ocr(tightly_set_name_card())
    bands = spaced_bands(prepared)
    big = [(band, glyphs) for band, glyphs in bands if band.top < 300 and band.height > 70]
    assert len(big) == 1, bands
    band, glyphs = big[0]
    assert glyphs == 3  # one run of ink, about three of its height wide


def test_ink_on_the_cards_edge_is_no_part_of_a_name_band():
    # A shadow or the background along the edge beside the name, as tall as the name.
    card = tightly_set_name_card()
    ImageDraw.Draw(card).rectangle((0, 185, 14, 290), fill="black")
    bands = spaced_bands(prepare_for_ocr(card))
    big = [band for band, _glyphs in bands if band.top < 300 and band.height > 70]
    assert len(big) == 1 and big[0].left > 400, bands


def test_two_glyph_name_set_close_is_one_band_of_two_glyphs():
    # 森 and 恵 are built of pieces; the tops and bottoms must make one band, two glyphs wide.
    card = _printed(
        (((500, 100), "協和商事株式会社", 44), ((600, 360), "森恵", 100), ((500, 600), "〒944-0002", 36))
    )
    bands = [(band, glyphs) for band, glyphs in spaced_bands(prepare_for_ocr(card)) if band.height > 70]
    assert len(bands) == 1 and bands[0][1] == 2, bands
    band = bands[0][0]
    assert 85 <= band.height <= 110 and 180 <= band.width <= 230, band


def test_chart_logo_of_bars_set_close_is_weighed_as_one_mark():
    # Three bars and a dot (a chart logo) set close beside 木 下 博 之, letter-spaced: each
    # bar alone is no taller than the tallest of the others beside it, the logo as a whole is.
    logo = [Box(243, 345, 36, 123), Box(205, 379, 32, 32), Box(235, 393, 10, 47),
            Box(163, 414, 33, 50), Box(202, 426, 32, 40)]
    name = [Box(440, 378, 30, 32), Box(404, 426, 65, 65), Box(556, 436, 63, 62),
            Box(739, 439, 22, 67), Box(757, 440, 48, 68), Box(889, 449, 63, 63)]
    assert _without_logos([*logo, *name]) == (name, logo)


def test_name_set_close_under_a_line_of_print_is_no_mark_with_it():
    # 水野幸司 (glyphs 50-55 px, set close) 11 px under 東京支社開発部 (34 px): two lines, not one
    # mark twice as tall, and the round logo (150 px) on the name's row is a logo.
    above = [Box(145, 325, 35, 36), Box(224, 322, 35, 35), Box(264, 321, 16, 35), Box(278, 321, 21, 33),
             Box(324, 319, 14, 34), Box(341, 318, 16, 34), Box(362, 317, 35, 34), Box(423, 316, 14, 33)]
    name = [Box(150, 393, 20, 35), Box(166, 378, 38, 54), Box(211, 378, 29, 50), Box(239, 377, 26, 52),
            Box(271, 372, 54, 55), Box(335, 372, 49, 51)]
    logo = Box(1081, 339, 149, 150)
    assert _without_logos([*above, *name, logo]) == ([*above, *name], [logo])


def test_hairline_down_a_sidebar_is_no_glyph_of_the_name_beside_it():
    # The edge of a coloured sidebar, one pixel wide, and a ring logo in it, on the row of a
    # name: the hairline, as tall as the ring, is no glyph to weigh the ring against.
    card = _printed(
        (
            ((345, 60), "有限会社丸紅屋不動産", 40),
            ((345, 250), "大阪支店 研究開発センター", 30),
            ((345, 320), "遠藤圭介", 64),
            ((345, 560), "〒635-0059", 30),
            ((345, 610), "奈良県大和高田市吉井15-2", 30),
            ((345, 660), "T. 0869-35-2993", 30),
        )
    )
    draw = ImageDraw.Draw(card)
    draw.line([(285, 104), (285, 305)], fill="black", width=1)
    draw.line([(285, 409), (285, 527)], fill="black", width=1)
    draw.ellipse([(72, 295), (216, 439)], outline="black", width=6)
    bands = [band for band, _ in spaced_bands(np.array(card.convert("L"))) if band.height > 45]
    assert len(bands) == 1 and bands[0].left >= 340 and bands[0].height < 90, bands


def test_logo_far_taller_than_the_name_beside_it_is_no_piece_of_print():
    # A ring logo 133 px high on the row of 松井 裕太 (glyphs 78-80 px), and the name's own pieces.
    logo = Box(69, 285, 139, 133)
    name = [Box(340, 351, 36, 79), Box(429, 352, 80, 78), Box(602, 351, 83, 80), Box(691, 352, 80, 78)]
    assert _without_logos([logo, *name]) == (name, [logo])
    # A glyph of one piece beside the many smaller pieces of another (東 by the 馬 and 夋 of 駿)
    # is no taller than the tallest of them, and stays.
    pieces = [Box(500, 410, 45, 90), Box(550, 420, 30, 50), Box(585, 425, 40, 45), Box(550, 480, 60, 30)]
    east = Box(380, 410, 90, 90)
    assert _without_logos([east, *pieces]) == ([east, *pieces], [])
    # Nor is a glyph of one piece beside the halves of the others (崎 by the 山 and 石 of 岩 and the
    # pieces of 響, all half as high), with no glyph's width of blank between them.
    iwasaki = [Box(111, 361, 97, 56), Box(120, 318, 79, 37), Box(294, 317, 54, 41), Box(299, 374, 29, 32),
               Box(478, 317, 32, 50), Box(508, 318, 36, 43), Box(548, 318, 29, 46)]
    saki = Box(255, 318, 99, 99)
    assert _without_logos([saki, *iwasaki]) == ([saki, *iwasaki], [])


def test_halves_of_one_line_of_big_print_are_one_row_and_lines_stay_apart():
    top = [Box(600, 370, 90, 63), Box(700, 372, 80, 50)]  # the tops of 森 and 恵
    bottom = [Box(605, 411, 85, 57), Box(702, 420, 78, 45)]  # their bottoms
    (row,) = _halves_joined([top, bottom])
    assert sorted(row, key=lambda b: (b.top, b.left)) == sorted(top + bottom, key=lambda b: (b.top, b.left))
    # Two lines one under the other, or side by side, stay two rows.
    under = [Box(600, 480, 180, 60)]
    assert len(_halves_joined([top + bottom, under])) == 2
    beside = [Box(900, 380, 200, 70)]
    assert len(_halves_joined([top + bottom, beside])) == 2


def _band_glyphs(card) -> list[tuple[Box, int]]:
    return [(band, glyphs) for band, glyphs in spaced_bands(prepare_for_ocr(card)) if band.height > 70]


@pytest.mark.parametrize("big", ["株式会社ABC精機", "営業部"])
def test_big_print_of_a_company_or_a_department_is_not_read_again_as_a_name(big):
    # Read again as one line of Japanese, "株式会社ABC精機" keeps only "株式会社".
    card = _printed((((100, 100), big, 96), ((100, 400), "杉本 隼人", 40)))
    prepared = prepare_for_ocr(card)
    (band, _glyphs), *_ = [item for item in spaced_bands(prepared) if item[0].top < 300]
    lines = (Line(big, band, 0.5), Line("杉本 隼人", Box(100, 400, 300, 40), 0.9))
    assert read_spaced_bands(prepared, lines) == lines


@pytest.mark.parametrize(
    "page",
    [
        ("株式会社東都電",),  # one glyph short, all sure
        ("株式会社東都", "電機"),  # broken into two lines
    ],
)
def test_company_in_big_japanese_print_read_short_or_broken_is_read_again_whole(page):
    card = _printed((((100, 100), "株式会社東都電機", 72), ((100, 400), "杉本 隼人", 40)))
    prepared = prepare_for_ocr(card)
    (band, _glyphs), *_ = [item for item in spaced_bands(prepared) if item[0].top < 300]
    width = band.width // len(page)
    page_lines = tuple(
        Line(text, Box(band.left + i * width, band.top, width, band.height), 0.92)
        for i, text in enumerate(page)
    )
    lines = (*page_lines, Line("杉本 隼人", Box(100, 400, 300, 40), 0.9))
    texts = [line.text for line in read_spaced_bands(prepared, lines)]
    assert texts == ["杉本 隼人", "株式会社東都電機"]


def _reading(*words: tuple[str, float]) -> tuple[Line, ...]:
    return (Line("".join(w for w, _ in words), Box(0, 0, 100, 20), 0.9, tuple(_word(*w) for w in words)),)


def test_company_band_reading_must_hold_the_pages_glyphs_its_legal_form_and_be_sure():
    band = Box(0, 0, 400, 50)
    inside = [Line("株式会社東都電", band, 0.92)]
    whole = _reading(("株式会社", 0.9), ("東都", 0.9), ("電機", 0.9))
    found = _read_company_band([whole], band, inside)
    assert found is not None and found.text == "株式会社東都電機"
    # Another reading altogether, no legal form, a doubtful glyph, or shorter: the page's stays.
    assert _read_company_band([_reading(("株式会社", 0.9), ("北斗商事", 0.9))], band, inside) is None
    assert _read_company_band([_reading(("東都電機", 0.9))], band, inside) is None
    doubtful = _reading(("株式会社", 0.9), ("東都", 0.3), ("電機", 0.9))
    assert _read_company_band([doubtful], band, inside) is None
    assert _read_company_band([_reading(("株式会社", 0.9), ("東都", 0.9))], band, inside) is None


def test_bracketed_legal_form_beside_a_band_reading_is_kept():
    # The page read (株)東亜デザイン as English ("(tk) HTP 4 vy"); read again, it keeps its (株).
    band = Box(128, 137, 436, 61)
    view = _reading(("(株", 0.94), (")", 0.92), ("東", 0.91), ("亜", 0.26), ("デザ", 0.95), ("イン", 0.96))
    found = _read_band([view], band, 0.53, page_named=False)
    assert found is not None and found.text == "(株)東亜デザイン"


def test_band_reading_of_a_company_may_be_longer_than_a_name():
    # The page read 株式会社青葉不動産 as "ALAM ORTH"; nine glyphs are too many for a name, not a company.
    band = Box(738, 110, 551, 57)
    view = _reading(("株式", 0.93), ("会社", 0.93), ("青葉", 0.95), ("不動", 0.75), ("産", 0.91))
    found = _read_band([view], band, 0.12, page_named=False)
    assert found is not None and found.text == "株式会社青葉不動産"
    # Nine glyphs with no legal form are no name's reading.
    view = _reading(("青葉", 0.95), ("不動", 0.9), ("産業", 0.9), ("開発", 0.9), ("部", 0.9))
    assert _read_band([view], band, 0.12, page_named=False) is None


def test_doubtful_latin_reading_spanning_a_band_is_a_misreading_of_it():
    band = Box(128, 137, 436, 61)
    assert _latin_misreading(Line("(tk) HTP 4 vy", Box(128, 135, 430, 66), 0.53), band)
    # Sure, narrow (a romaji scrap beside the name), or a number: not a misreading of the band.
    assert not _latin_misreading(Line("Toa Design", Box(128, 135, 430, 66), 0.93), band)
    assert not _latin_misreading(Line("AR", Box(130, 140, 40, 25), 0.5), band)
    assert not _latin_misreading(Line("Tel 03 1234 5678", Box(128, 135, 430, 66), 0.5), band)


def test_mark_twice_as_tall_as_the_print_after_it_is_a_logo():
    def word(text, height):
        return Word(text, Box(0, 0, 40, height), 0.9)

    words = (word("O", 99), word("株式会社", 33), word("ひまわり", 33), word("精機", 33))
    ring = Line("O 株式会社ひまわり精機", Box(0, 0, 500, 99), 0.9, words)
    assert _without_logo_glyph(ring).text == "株式会社ひまわり精機"
    words = (word("J", 64), word("テック", 60), word("工業", 70))
    letter = Line("J テック工業", Box(0, 0, 500, 64), 0.9, words)
    assert _without_logo_glyph(letter) == letter


def test_solid_icon_read_as_a_word_before_a_line_goes():
    # Seed 227 #4 and #17: squares, discs and diamonds before the lines of a contact block.
    image = Image.new("L", (900, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 50, 50), fill=0)
    draw.ellipse((20, 120, 50, 150), fill=0)
    draw.polygon([(35, 220), (50, 235), (35, 250), (20, 235)], fill=0)
    draw.text((20, 300), "Hi", font=_font(36), fill=0)
    for top, text in ((20, "3 Victoria Road"), (120, "+81-11-258-1573"), (220, "Bristol"), (300, "Bristol")):
        draw.text((90, top), text, font=_font(30), fill=0)
    array = np.asarray(image)

    def line(first, box, rest, top):
        words = (Word(first, box, 0.9), Word(rest, Box(90, top, 300, 36), 0.9))
        return Line(f"{first} {rest}", Box(box.left, top, 370, 36), 0.9, words)

    square = line("HM", Box(20, 20, 31, 31), "3 Victoria Road", 20)
    assert _without_icon(array, square).text == "3 Victoria Road"
    # A phone label read with the icon stays, before a number.
    assert _without_icon(array, line("MF", Box(20, 120, 31, 31), "+81-11-258-1573", 120)).text == (
        "F +81-11-258-1573"
    )
    assert _without_icon(array, line("@", Box(20, 220, 31, 31), "Bristol", 220)).text == "Bristol"
    # Letters are no icon.
    kept = line("Hi", Box(20, 305, 40, 30), "Bristol", 300)
    assert _without_icon(array, kept) == kept


def test_logo_read_as_a_glyph_with_no_faith_before_a_bracketed_legal_form_goes():
    words = (_word("m", 0.63), _word("串", 0.0), _word("(株)", 0.76), _word("ネクスト化学", 0.93))
    line = Line("m 串 (株) ネクスト化学", Box(0, 0, 100, 20), 0.77, words)
    assert _without_logo_glyph(line).text == "(株) ネクスト化学"
    # A name before the form, read with faith, stays ("林(株)"); so does a line without the form.
    sure = Line("林 (株)", Box(0, 0, 100, 20), 0.9, (_word("林", 0.9), _word("(株)", 0.9)))
    assert _without_logo_glyph(sure) == sure
    plain = Line("串 ネクスト", Box(0, 0, 100, 20), 0.5, (_word("串", 0.0), _word("ネクスト", 0.9)))
    assert _without_logo_glyph(plain) == plain


def test_short_latin_scrap_inside_a_name_band_does_not_stop_it_being_read_again():
    # The page read 森 as "PF" and a speck in the band as "AR": the band is read again.
    card = _printed((((100, 100), "株式会社青葉ソフト開発", 44), ((100, 300), "森 美香", 80)))
    prepared = prepare_for_ocr(card)
    (band, _glyphs), *_ = [item for item in spaced_bands(prepared) if item[0].top > 250]
    scrap = Box(band.left + 10, band.top + 20, 40, 25)
    lines = (Line("AR", scrap, 0.89), Line("PF 美香", band, 0.6))
    texts = [line.text.replace(" ", "") for line in read_spaced_bands(prepared, lines)]
    assert "森美香" in texts, texts


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("T +8178 063 4195 | Fax: 078(063)4158", True),
        ("FE メール ssaito@mizuho-shoji.co.jp", True),
        ("〒679 一 4312 兵庫県たつの市新宮町下野 11-6 第一ビルディング", True),
        ("消水健 x 朗 Representative Director", False),
        ("斉藤 さくら", False),
        ("PF 美香", False),
        ("y 度ヾ自湊", False),
    ],
)
def test_big_print_that_cannot_be_a_misread_name_is_not_read_again(text, not_a_name):
    assert _not_a_name(text) is not_a_name


def test_big_name_set_close_with_a_space_counts_all_its_glyphs():
    # Two runs of ink (高田 and 亜希子), five glyphs: a page reading of four is one short.
    card = _printed((((360, 60), "株式会社日本薬品", 40), ((200, 300), "高田 亜希子", 96)))
    assert [glyphs for _band, glyphs in _band_glyphs(card)] == [5]


def test_logo_set_apart_on_the_name_row_past_a_rule_is_no_glyph_of_the_name():
    card = _printed((((360, 60), "株式会社東都ソリューションズ", 40), ((500, 300), "佐野英樹", 96)))
    draw = ImageDraw.Draw(card)
    draw.polygon([(120, 420), (190, 332), (260, 420)], fill="black")  # a logo as tall as the name
    draw.line([(380, 250), (380, 480)], fill="black", width=2)  # a rule between them
    bands = _band_glyphs(card)
    assert len(bands) == 1 and bands[0][1] == 4, bands


@pytest.mark.parametrize(
    ("text", "confidence", "page_confidence", "page_named", "wins"),
    [
        ("高田亜希子", 0.9, 0.0, True, True),  # the page's reading had fewer glyphs than the band
        ("伺田保", 0.6, 0.75, True, False),  # the page's 島田保 was surer
        # a whole name beats a page reading with no name in it, even with less faith...
        ("渡邊湊", 0.2, 0.36, False, True),
        # ...but not a page reading that is a name, nor with no faith at all, nor when not a name
        ("渡邊湊", 0.2, 0.36, True, False),
        ("渡邊湊", 0.05, 0.36, False, False),
        ("回共固", 0.3, 0.36, False, False),
    ],
)
def test_band_reading_replaces_the_pages_when_surer_or_a_name_against_none(
    text, confidence, page_confidence, page_named, wins
):
    assert _band_wins(text, confidence, page_confidence, page_named=page_named) is wins


def _word(text: str, confidence: float) -> Word:
    return Word(text, Box(0, 0, 10, 10), confidence)


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        # Kanji read with no faith at the end of a band are print beside the name...
        ((("中山", 0.9), ("京子", 0.8), ("語和", 0.0)), "中山京子"),
        ((("杉本", 0.9), ("史選", 0.0)), "杉本"),
        # ...unless with them the dictionary knows a whole name and without them it does not.
        ((("杉本", 0.9), ("克己", 0.0)), "杉本克己"),
        ((("渡邊", 0.8), ("千代子", 0.01), ("語", 0.0)), "渡邊千代子"),
        ((("佐々", 0.9), ("木", 0.92), ("宏", 0.86), ("樹", 0.0)), "佐々木宏樹"),
        ((("今井", 0.91), ("悠", 0.82), ("斗", 0.02)), "今井悠斗"),
        ((("濱田", 0.0), ("由美", 0.9)), "濱田由美"),
    ],
)
def test_band_reading_drops_junk_at_its_end_but_not_a_given_name(words, kept):
    assert "".join(w.text for w in _without_junk([_word(*w) for w in words])) == kept


def test_band_reading_keeps_a_glyph_with_no_faith_that_makes_the_count_of_the_bands_glyphs():
    # Seed 229 #124: 響 of 大野 響, an old form, read with no faith; the band's ink shows three glyphs.
    words = [_word("大", 0.93), _word("野", 0.91), _word("響", 0.0)]
    assert "".join(w.text for w in _without_junk(words, 3)) == "大野響"
    assert "".join(w.text for w in _without_junk(words, 2)) == "大野"
    assert "".join(w.text for w in _without_junk(words)) == "大野"


def test_band_reading_with_as_many_glyphs_as_the_band_wins_over_a_surer_shorter_one():
    # Seed 229 #140: packed close, 藤原悠斗 (斗 at 0.68); as printed, 藤原悠 and a 半 with no faith.
    band = Box(96, 508, 446, 84)
    packed = _reading(("藤原", 0.93), ("悠", 0.83), ("斗", 0.68))
    printed = _reading(("藤原", 0.89), ("悠", 0.92), ("半", 0.0))
    found = _read_band([packed, printed], band, 0.0, page_named=False, glyphs=4)
    assert found is not None and found.text == "藤原悠斗"
    found = _read_band([packed, printed], band, 0.0, page_named=False)
    assert found is not None and found.text == "藤原悠"


def test_tightly_set_big_name_misread_by_the_page_is_read_again():
    # The page reads this 斉藤隆 as Latin junk ("Fa BRE"); the band, read on its own, is right.
    page = read_card(prepare_for_ocr(tightly_set_name_card()))
    texts = [line.text.replace(" ", "") for line in page.lines]
    assert "斉藤隆" in texts, texts
    assert "TakashiSaito" in texts


def test_band_reading_keeps_the_small_word_beside_the_band():
    band = Box(150, 300, 130, 42)
    page_line = Line(
        "DX 推進室",
        Box(100, 300, 180, 42),
        0.94,
        (Word("DX", Box(100, 308, 40, 30), 0.95), Word("推進室", Box(152, 300, 126, 42), 0.9)),
    )
    found = Line("推進室", band, 0.8)
    merged = _around(found, [page_line], band)
    assert merged.text.replace(" ", "") == "DX推進室"
    assert merged.box.left == 100 and merged.confidence == 0.8
    # Junk inside the band ("TR 京子" for 千葉京子) and specks beside it go.
    words = (Word("TR", Box(155, 300, 60, 42), 0.5), Word("|", Box(120, 300, 6, 42), 0.3))
    junk = Line("TR 京子", band, 0.6, words)
    assert _around(found, [junk], band) == found


def test_letter_spaced_big_name_is_read_whole():
    page = read_card(prepare_for_ocr(letter_spaced_name_card()))
    texts = [line.text.replace(" ", "") for line in page.lines]
    assert "山本太郎" in texts, texts
    assert "株式会社東洋化学" in texts


def _column(draw, x, top, text, size, step=1.15):
    """Write ``text`` down the card, one glyph under another, centred on ``x``."""
    for i, glyph in enumerate(text):
        draw.text((x, top + i * round(size * step)), glyph, font=_font(size), fill="black", anchor="mt")


def _turned_latin(card, x, top, text, size):
    """Latin printed down a 縦書き card: written across, then turned a quarter right."""
    strip = Image.new("RGB", (round(size * 0.7 * len(text)), round(size * 1.5)), "white")
    ImageDraw.Draw(strip).text((4, size * 0.2), text, font=_font(size), fill="black")
    turned = strip.rotate(-90, expand=True)
    card.paste(turned, (x - turned.width // 2, top))


def tategaki_card():
    """縦書き: company, title, a big letter-spaced name, address, phone and a turned e-mail column."""
    card = Image.new("RGB", (846, 1400), "white")
    draw = ImageDraw.Draw(card)
    _column(draw, 740, 90, "株式会社サンプル商事", 52)
    _column(draw, 650, 90, "営業部長", 40)
    _column(draw, 480, 330, "山田太郎", 110, step=1.6)  # bigger and set wide apart
    _column(draw, 330, 90, "東京都千代田区丸の内", 36)
    _column(draw, 250, 90, "電話０３", 36)
    _turned_latin(card, 150, 90, "taro@sample.co.jp", 36)
    return card


def test_glyphs_of_a_column_set_close_and_apart_are_laid_across_one_by_one():
    # 藤井 set close (one run of ink), 進 far below: three glyphs side by side.
    card = Image.new("RGB", (846, 1400), "white")
    draw = ImageDraw.Draw(card)
    _column(draw, 740, 90, "株式会社明和不動産", 52)
    _column(draw, 480, 300, "藤井", 96, step=1.02)
    _column(draw, 480, 620, "進", 96)
    _column(draw, 330, 90, "福岡県糟屋郡粕屋町長者原西", 36)
    prepared = prepare_for_ocr(card)
    # Columns are found as bands of the card turned on its diagonal.
    bands = spaced_bands(np.ascontiguousarray(prepared.T))
    (band, _glyphs), *_ = [item for item in bands if item[0].height > 80 and 420 < item[0].top < 540]
    column = Box(band.top, band.left, band.height, band.width)
    across = unstacked_column(prepared, column)
    assert across.shape[1] > 2.5 * across.shape[0]  # three glyphs wide, one high
    read = read_lines(Image.fromarray(across), languages="jpn", psm=13)
    assert "".join(word.text for line in read for word in line.words) == "藤井進"


def test_tategaki_columns_big_name_and_turned_latin_are_all_read():
    page = read_card(prepare_for_ocr(tategaki_card()))

    assert page.vertical and page.rotation == 0
    texts = [line.text.replace(" ", "") for line in page.lines]
    for expected in ("株式会社サンプル商事", "営業部長", "山田太郎", "東京都千代田区丸の内"):
        assert expected in texts, texts
    (email,) = [line for line in page.lines if "@" in line.text]
    assert email.text.replace(" ", "").endswith("taro@sample.co.jp") and email.vertical
    # boxes are in the card's coordinates: the name line lies on the name column
    (name,) = [line for line in page.lines if line.text.replace(" ", "") == "山田太郎"]
    assert name.box.left < 480 < name.box.right and name.box.top >= 300 and name.box.bottom > 700


def test_a_turned_column_with_its_label_in_kana_is_read_turned():
    card = tategaki_card()
    ImageDraw.Draw(card).rectangle((100, 60, 200, 1390), fill="white")
    _turned_latin(card, 150, 90, "Eメール taro@sample.co.jp", 36)
    page = read_card(prepare_for_ocr(card))
    (email,) = [line for line in page.lines if "@" in line.text]
    assert email.text.startswith("E メール taro@"), email.text
    assert parse_page(page).emails == ("taro@sample.co.jp",)


def test_upright_numbers_down_a_tategaki_card_that_jpn_vert_skips_are_read_glyph_by_glyph():
    # Small upright Latin and digits set one under another: psm 5 with jpn_vert
    # returns nothing for these columns, and turned they read as junk (seed 383 #142).
    card = Image.new("RGB", (846, 1400), "white")
    draw = ImageDraw.Draw(card)
    _column(draw, 740, 90, "有限会社イーストテクノロジー", 52)
    _column(draw, 650, 90, "購買部", 40)
    _column(draw, 480, 330, "斉藤純子", 110)
    _column(draw, 330, 90, "〒945-0071", 36)
    _column(draw, 270, 90, "新潟県柏崎市安政町297番地", 36)
    _column(draw, 220, 90, "TEL.0254.46.8344", 28, step=1.1)
    _column(draw, 160, 90, "FAX.0254.46.8353", 28, step=1.1)

    page = read_card(prepare_for_ocr(card))

    assert page.vertical
    numbers = [line for line in page.lines if line.text.startswith(("TEL", "FAX"))]
    assert [line.vertical for line in numbers] == [True, True]
    # Right to left, each in its column's place on the card.
    places = [line.box.left < x < line.box.right for line, x in zip(numbers, (220, 160), strict=True)]
    assert places == [True, True]
    phones = {(phone.type, phone.e164) for phone in parse_page(page).phones}
    assert phones == {("work", "+81254468344"), ("fax", "+81254468353")}


@pytest.mark.parametrize(
    ("texts", "shows"),
    [
        (["TEL 03-1234-5678"], True),
        (["電話、0564(29)7849"], True),
        (["+81 3 1234 5678"], True),
        (["〒 023-0021 岩手県"], True),
        (["T.03.7614.24189"], True),
        (["TEL・0254・46・8344"], True),
        # Dashes as OCR gives them: spaced, full-width, a minus sign, ー and 一 between digits.
        (["03 - 1234 - 5678"], True),
        (["０３－１２３４－５６７８"], True),
        (["03−1234−5678"], True),
        (["電話 03ー1234 一 5678"], True),
        (["０３（１２３４）５６７８"], True),
        (["Tel 030 / 1234567"], True),
        (["電話 〇三・三二一二・四五六七"], True),
        (["〒一〇〇-〇〇〇一"], True),
        (["(555) 123-4567", "+44 (0)20 7946 0958"], True),
        # Dates and amounts are no phone number.
        (["2024.04.01", "¥12,800", "ISO 9001:2015"], False),
        # Turned glyphs read as junk; an e-mail and a web address printed turned read well.
        (["Ss", "424i os } Sa て", "8 8 | しいい 8 w 店 mS", "E: okamoto.kumiko@yamatopharma.com"], False),
        (["HP: www.kansai.co.jp", "2555637"], False),
    ],
)
def test_a_reading_shows_numbers_when_it_holds_a_phone_number_or_a_postal_code(texts, shows):
    page = OcrPage(lines=tuple(Line(text, Box(0, 0, 10, 10), 0.9) for text in texts), width=100, height=100)
    assert ocr._shows_numbers(page) is shows


def test_upright_card_whose_numbers_read_unusually_keeps_its_reading_against_a_junk_quarter_turn():
    # Review probe: 電話 ０３－１２３４－５６７８ reads "03ー1234 一 5678", which the first
    # number pattern missed; read a quarter turned, the card's Latin lines read turned
    # ("O3-1234-5678") amid junk at 0.47, and that reading won.
    card = _printed(
        (
            ((80, 70), "株式会社サンプル商事", 52),
            ((80, 160), "営業部長", 38),
            ((80, 260), "山田 太郎", 92),
            ((80, 420), "東京都千代田区丸の内1-2-3", 36),
            ((80, 500), "電話 ０３－１２３４－５６７８", 36),
            ((80, 580), "taro.yamada@sample.co.jp", 36),
        ),
    )
    page = read_card(prepare_for_ocr(card))

    assert page.rotation == 0 and not page.vertical
    assert "株式会社サンプル商事" in [line.text for line in page.lines]


def test_a_reading_every_way_round_wins_only_when_it_shows_numbers_and_is_surer():
    def page(texts, confidence, rotation):
        lines = tuple(Line(text, Box(0, 0, 10, 10), confidence) for text in texts)
        return OcrPage(lines=lines, width=100, height=100, rotation=rotation)

    upright = page(["株式会社サンプル商事", "山田 太郎", "電話 03ー1234 ~ 5678"], 0.75, 0)
    junk_with_numbers = page(["友半助斉キ VN こそ表山", "an O3-1234-5678"], 0.47, 90)
    turned_right = page(["株式会社関西運輸", "代表取締役", "Tel. 052-955-6657"], 0.77, 270)
    short = page(["052-955-6657"], 0.9, 180)

    assert ocr.surer_with_numbers([upright, junk_with_numbers, short], upright) is upright
    assert ocr.surer_with_numbers([upright, junk_with_numbers, turned_right], upright) is turned_right


def test_glyph_height_of_a_column_is_its_width_for_kanji_and_more_for_upright_digits():
    card = Image.new("RGB", (400, 900), "white")
    draw = ImageDraw.Draw(card)
    _column(draw, 300, 40, "新潟県柏崎市", 36)
    _column(draw, 100, 40, "0254.46", 28, step=1.1)
    gray = np.asarray(card.convert("L"))

    def column(left, right):  # the box of the ink between two x
        ys, xs = np.nonzero(gray[:, left:right] < 128)
        top, bottom = int(ys.min()), int(ys.max()) + 1
        return Box(left + int(xs.min()), top, int(xs.max() - xs.min()) + 1, bottom - top)

    kanji, digits = column(250, 350), column(50, 150)
    assert ocr._glyph_height(gray, kanji) == kanji.width
    # A digit of 28 px type is about 16 px wide and 21 px high.
    assert digits.width < 18 and 19 <= ocr._glyph_height(gray, digits) <= 23


@pytest.mark.parametrize(
    ("turned", "sure", "found", "wins"),
    [
        # Seed 151 #193: an address and a web address turned, read unsure but surer than jpn_vert's junk.
        ("E メール okada. tamotsuSmarubeniya-soft.co. jp", 0.596, ("| て ou ロ ou・u ヨ", 0.18), True),
        ("https: //www. marubsniya-soft. Co. ip", 0.37, ("コーていい ミミミ", 0.34), True),
        # Other Latin print needs more; Japanese, or a number jpn_vert read upright, is no turned Latin.
        ("Sales Division", 0.5, ("コーていい", 0.2), False),
        ("Sales Division", 0.7, ("コーていい", 0.2), True),
        ("営業 Sales Division", 0.7, ("コーていい", 0.2), False),
        ("E メール taro@sample.co.jp", 0.5, ("タロウ", 0.6), False),
        ("Tel 03 1234 5678", 0.7, ("電話 03 1234 5678", 0.5), False),
    ],
)
def test_a_turned_reading_of_a_column_wins_when_it_is_latin_and_surer(turned, sure, found, wins):
    def lines(text, confidence):
        return [Line(text, Box(0, 0, 20, 400), confidence)]

    assert _turned_column_wins(lines(turned, sure), lines(*found)) is wins
    assert _turned_column_wins([], lines(*found)) is False


def test_tategaki_card_with_dark_edges_reads_no_junk_from_them():
    prepared = prepare_for_ocr(tategaki_card())
    # What a scanner lid or a shadow leaves down the long edges after light correction: dark bands
    # with ragged inner edges.
    reach = 10 + (np.random.default_rng(3).random(prepared.shape[0]) * 14).astype(int)
    for row, depth in enumerate(reach):
        prepared[row, :depth] = 0
        prepared[row, -depth:] = 0
    prepared[-4:, :] = 0  # and the card's edge along the bottom

    page = read_card(prepared)

    texts = [line.text.replace(" ", "") for line in page.lines]
    assert "株式会社サンプル商事" in texts and "山田太郎" in texts, texts
    assert all(line.box.left > 24 and line.box.right < page.width - 24 for line in page.lines), texts


def bilingual_name_card():
    """The Japanese name with its romaji on the same line, far to the right (bilingual cards)."""
    return _printed(
        (
            ((80, 70), "株式会社東洋化学", 44),
            ((80, 140), "Toyo Chemical Co., Ltd.", 30),
            ((80, 300), "山本", 100),
            ((330, 300), "太郎", 100),
            ((930, 345), "Taro Yamamoto", 44),
            ((80, 560), "〒240-0002 神奈川県横浜市保土ケ谷区宮田町8-14-10", 32),
            ((80, 620), "Tel. 045-101-4436  t.yamamoto@toyochemical.com", 32),
        ),
    )


def test_japanese_and_romaji_name_on_one_line_are_read_apart():
    page = read_card(prepare_for_ocr(bilingual_name_card()))

    texts = [line.text.replace(" ", "") for line in page.lines]
    assert "山本太郎" in texts, texts
    (romaji,) = [line for line in page.lines if line.text.startswith("Taro")]
    assert "山" not in romaji.text and romaji.box.left > 900  # not glued to the Japanese name


def test_letter_spaced_name_keeps_a_flat_last_glyph():
    card = letter_spaced_name_card()
    draw = ImageDraw.Draw(card)
    draw.rectangle((200, 290, 1300, 450), fill="white")
    for i, glyph in enumerate("山田健一"):  # 一 is a glyph wide but far lower than the others
        draw.text((260 + i * 230 + (60 if i >= 2 else 0), 300), glyph, font=_font(110), fill="black")

    page = read_card(prepare_for_ocr(card))

    texts = [line.text.replace(" ", "") for line in page.lines]
    assert "山田健一" in texts, texts


def european_card():
    return _printed(
        (
            ((80, 70), "Contour Logistik AG", 52),
            ((80, 200), "Jürgen Krüger", 84),
            ((80, 320), "Geschäftsführer", 42),
            ((80, 520), "Königsallee 54, 40212 Düsseldorf", 36),
            ((80, 590), "j.krueger@contour-logistik.de", 36),
        ), size=(1400, 800),
    )


def test_accented_latin_letters_are_read_with_the_latin_model():
    prepared = prepare_for_ocr(european_card())
    page = read_card(prepared)

    lines = read_accents(prepared, page.lines)

    texts = [line.text for line in lines]
    assert "Jürgen Krüger" in texts
    assert "Geschäftsführer" in texts
    # the address (digits) and the e-mail address are not read again
    assert [line for line in lines if any(c.isdigit() or c == "@" for c in line.text)] == [
        line for line in page.lines if any(c.isdigit() or c == "@" for c in line.text)
    ]


def test_without_the_latin_model_the_plain_letters_stay(caplog):
    settings = Settings(latin_model="/nonexistent/lat.traineddata")
    prepared = prepare_for_ocr(european_card())
    page = read_card(prepared, settings=settings)

    lines = read_accents(prepared, page.lines, settings=settings)

    assert lines == page.lines
    assert any("Kr" in line.text and "ger" in line.text for line in lines)  # read, just without the accent
    assert "no Latin-script model" in caplog.text


def test_only_accents_are_taken_from_the_second_reading():
    assert _accents_added("Andrea L. Kruger", "Andrea L. Krüger")
    assert _accents_added("LEA GARCIA", "LÉA GARCIA")
    assert _accents_added("Friedrichstrasse 12", "Friedrichstraße 12")
    assert _accents_added("Geschaftsfiihrer", "Geschäftsführer")  # ü read as "ii" by eng
    # eng's own slips where the letter is accented: ü as "th", ö as "G6", ô as "é" and an "e" more
    assert _accents_added("Geschaftsfthrer", "Geschäftsführer")
    assert _accents_added("KG6nigsallee", "Königsallee")
    assert _accents_added("Charlotte L. Céteé", "Charlotte L. Côté")
    assert not _accents_added("Ines Dubois", "Inès Dubois.")  # anything else changed: the old reading stays
    assert not _accents_added("Muller", "Müller GmbH")
    assert not _accents_added("Mailer", "Müller")  # a slip beside the accented letter too
    assert not _accents_added("Kruger", "Krügor")


def test_accents_outside_the_card_languages_letters_are_refused():
    canadian, german = ACCENTED_LETTERS["CA"], ACCENTED_LETTERS["DE"]
    assert not _accents_added("Avery J. Gagnon", "Ávery J. Gägnon", canadian)  # blur read as accents
    assert _accents_added("Francois Gagnon", "François Gagnon", canadian)
    assert not _accents_added("Julia Muller", "Julia Mūller", german)
    assert _accents_added("Julia Muller", "Julia Müller", german)
    assert _accents_added("JULIA MULLER", "JULIA MÜLLER", german)  # capitals too
    assert _accents_added("Julia Muller", "Julia Mūller", None)  # a country without a list takes any


def test_accents_are_taken_word_by_word_when_the_second_reading_differs_elsewhere():
    word = lambda text, left: Word(text, Box(left, 0, 80, 30), 0.9)  # noqa: E731
    line = Line("Francois Bernard", Box(0, 0, 200, 30), 0.9, (word("Francois", 0), word("Bernard", 100)))

    taken = _accented_words(line, "François Bernarqd", ACCENTED_LETTERS["FR"])

    assert taken is not None and taken.text == "François Bernard"
    assert [w.text for w in taken.words] == ["François", "Bernard"]
    assert taken.box == line.box and taken.confidence == line.confidence
    french = ACCENTED_LETTERS["FR"]
    assert _accented_words(line, "Francois Bernarqd", french) is None  # no accent to take
    assert _accented_words(line, "François Bernard SARL", french) is None  # the words do not pair up
    assert _accented_words(line, "Fräncois Bernard", french) is None  # not a French letter


def _company_card(company: str) -> Image.Image:
    return _printed(
        (
            ((80, 70), company, 56),
            ((80, 260), "山田 太郎", 92),
            ((80, 520), "〒100-0005 東京都千代田区丸の内1-2-3", 36),
            ((80, 590), "taro.yamada@sample.co.jp", 36),
        ),
    )


@pytest.mark.parametrize(
    "company",
    [
        "株式会社\u3000大和製作所",
        "株式会社大和製作所",
        "有限会社\u3000ミナト物産",
        "株式会社ミナト物産",
        "有限会社ヤマト化学",
        "株式会社 東亜建設",
        "株式会社 ヤマト運輸",
        "株式会社トヨ精機",
    ],
)
def test_space_after_a_legal_form_is_read_as_printed(company):
    page = read_card(prepare_for_ocr(_company_card(company)))

    # A full-width space becomes one ASCII space; none is made up where none is printed.
    expected = company.replace("\u3000", " ")
    assert expected in [line.text for line in page.lines]


_JAPANESE_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
)


@pytest.mark.parametrize("font", _JAPANESE_FONTS)
@pytest.mark.parametrize("form", ["株式会社", "合同会社", "一般社団法人"])
@pytest.mark.parametrize(
    "body", ["大和製作所", "トヨ精機", "リード工業", "ハート", "さくら運輸", "ABC精機", "Jテック建設"]
)
def test_space_after_a_legal_form_is_measured_against_the_glyph_after_it(font, form, body):
    # A narrow kana (ト, リ) stands off from the form by more than a narrow ASCII space
    # does before a kanji; the glyph after the form is weighed, so neither fools the measure.
    def measured(printed):
        card = Image.new("L", (1200, 120), 255)
        ImageDraw.Draw(card).text((20, 30), printed, font=ImageFont.truetype(font, 48), fill=0)
        array = np.array(card)
        ys, xs = np.nonzero(array < 128)
        box = Box(int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)
        # Tesseract's text: a space only where the script changes.
        read = form + (" " if body[0].isascii() else "") + body
        return _space_after_legal_form(array, Line(read, box, 0.9)).text

    assert measured(form + body) == form + body
    assert measured(f"{form}\u3000{body}") == f"{form} {body}"
    if _is_kanji(body[0]) or (_is_kana(body[0]) and "ipagp" in font):
        # An ASCII space before kana is narrower than the blank a kana leaves (missed,
        # read as no space) except in proportional IPA PGothic; before Latin, narrower
        # than some letters' own side bearing (missed).
        assert measured(f"{form} {body}") == f"{form} {body}"


def _legal_form_line(printed, read, *, font=_JAPANESE_FONTS[0], size=40, rule=False, tagline_at=None):
    """``printed`` drawn, and the line Tesseract would give: ``read``, its words cut at ``tagline_at``."""
    card = Image.new("L", (1800, 140), 255)
    draw = ImageDraw.Draw(card)
    face = ImageFont.truetype(font, size)
    draw.text((20, 40), printed, font=face, fill=0)
    array = np.array(card)
    ys, xs = np.nonzero(array < 128)
    top = int(ys.min())
    if rule:
        # A band's edge just above the print, inside the line's box.
        array[top - 12 : top - 9, :] = 0
        top -= 12
    box = Box(int(xs.min()), top, int(np.ptp(xs)) + 1, int(ys.max()) + 1 - top)
    words = ()
    if tagline_at is not None:
        name, tagline = read[:tagline_at], read[tagline_at:].strip()
        tagline_left = 20 + int(face.getlength(printed[: printed.index(tagline.split()[0])]))
        words = (
            Word(name.strip(), Box(box.left, box.top, tagline_left - box.left - 40, box.height), 0.9),
            *(
                Word(word, Box(tagline_left + 60 * n, box.top, 50, box.height), 0.9)
                for n, word in enumerate(tagline.split())
            ),
        )
    return _space_after_legal_form(array, Line(read, box, 0.9, words)).text


@pytest.mark.parametrize("space", ["", "\u3000"])
def test_space_after_a_legal_form_is_measured_on_the_name_not_the_tagline_after_it(space):
    # Measured over the whole line, the tagline's wide blank stretched the pitch so that the
    # form's own end was looked for a glyph too far (seed 5289: "株式会社 サンプル薬品 … 取得").
    printed = f"株式会社{space}サンプル薬品" + "\u3000" * 8 + "プライバシーマーク取得"
    read = "株式会社サンプル薬品 プライバシーマーク取得"

    measured = _legal_form_line(printed, read, tagline_at=read.index(" "))

    assert measured.startswith("株式会社 サンプル" if space else "株式会社サンプル"), measured


@pytest.mark.parametrize("space", ["", "\u3000"])
def test_a_rule_inside_the_company_lines_box_does_not_hide_the_space(space):
    # A band's edge inked every column, so no blank was seen at all (seed 5107).
    measured = _legal_form_line(f"株式会社{space}青葉化学", "株式会社青葉化学", rule=True)

    assert measured == ("株式会社 青葉化学" if space else "株式会社青葉化学")


@pytest.mark.parametrize("font", _JAPANESE_FONTS)
@pytest.mark.parametrize("space", ["", "\u3000"])
def test_full_width_capitals_read_apart_after_a_form_are_weighed_as_full_width(font, space):
    # "有限会社ＡＢＣ建設": Tesseract reads "A BC"; each capital is centred in a full cell,
    # wider apart than a Latin letter's side bearing (seed 271 #7 got a space).
    measured = _legal_form_line(f"有限会社{space}ＡＢＣ建設", "有限会社 A BC 建設", font=font)

    assert measured.startswith("有限会社 A" if space else "有限会社A"), measured


def _is_kana(char):
    return "\u3040" <= char <= "\u30ff"


def _is_kanji(char):
    return "\u4e00" <= char <= "\u9fff"


@pytest.mark.parametrize(
    ("company", "start"), [("株式会社\u3000ABC精機", "株式会社 ABC"), ("株式会社ABC精機", "株式会社ABC")]
)
def test_space_tesseract_puts_between_a_legal_form_and_latin_stays_only_when_printed(company, start):
    # Tesseract spaces every change of script, printed or not; the blank is measured.
    page = read_card(prepare_for_ocr(_company_card(company)))

    assert page.lines[0].text.startswith(start), page.lines[0].text


def _email_line(text, gap_mark, *, mark_grey=0):
    """``text`` ("local1 local2@domain") drawn with ``gap_mark`` (in ``mark_grey``) between its two words."""
    first, second = text.split(" ")
    font = _font(40)
    card = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(card)
    x, y = 80, 60
    draw.text((x, y), first + gap_mark + second, font=font, fill=0)
    if mark_grey:
        # The mark alone in grey: the words again over it in black.
        draw.rectangle((x, 0, 1400, 200), fill=255)
        draw.text((x, y), first + gap_mark + second, font=font, fill=mark_grey)
        draw.text((x, y), first, font=font, fill=0)
        draw.text((x + round(draw.textlength(first + gap_mark, font=font)), y), second, font=font, fill=0)
    one = draw.textbbox((x, y), first, font=font)
    mark_end = x + round(draw.textlength(first + gap_mark, font=font))
    two = draw.textbbox((mark_end, y), second, font=font)
    top, bottom = min(one[1], two[1]), max(one[3], two[3])
    words = (
        Word(first, Box(one[0], top, one[2] - one[0], bottom - top), 0.9),
        Word(second, Box(two[0], top, two[2] - two[0], bottom - top), 0.9),
    )
    box = words[0].box.union(words[1].box)
    return np.asarray(card), Line(text, box, 0.9, words)


@pytest.mark.parametrize(
    ("mark", "read"),
    [
        ("_", "sachiko_hara@nihon-ad.jp"),
        ("-", "sachiko-hara@nihon-ad.jp"),
        (".", "sachiko.hara@nihon-ad.jp"),
        (" ", "sachiko hara@nihon-ad.jp"),  # a real blank: the parser decides
    ],
)
def test_the_separator_of_an_email_read_as_a_space_is_looked_at(mark, read):
    array, line = _email_line("sachiko hara@nihon-ad.jp", mark)

    assert _email_separator(array, line).text == read


@pytest.mark.parametrize(
    ("mark", "read"), [("_", "wataru_watanabe@echo.com"), (".", "wataru.watanabe@echo.com")]
)
def test_a_faint_separator_and_one_the_blur_of_a_glyph_reaches_are_found(mark, read):
    # A blurred underscore is grey (186 to 230 on white, seed 181 #14); the blur of the
    # glyph before a dot can join it (seed 181 #27).
    array, line = _email_line("wataru watanabe@echo.com", mark, mark_grey=210)
    assert _email_separator(array, line).text == read
    array, line = _email_line("wataru watanabe@echo.com", mark)
    blurred = cv2.GaussianBlur(array, (0, 0), 2.0)
    assert _email_separator(blurred, line).text == read


@pytest.mark.parametrize(
    ("size", "read"), [((9, 4), "jun_noguchi@toyo.co.jp"), ((5, 4), "jun.noguchi@toyo.co.jp")]
)
def test_a_short_faint_underscore_is_told_from_a_dot_by_its_shape(size, read):
    # Seed 193 #23: a blurred underscore's ends fade out, 9 by 4 px left of it.
    array = np.full((100, 700), 255, dtype=np.uint8)
    words = (Word("jun", Box(296, 40, 44, 29), 0.9), Word("noguchi@toyo.co.jp", Box(359, 40, 289, 29), 0.9))
    line = Line("jun noguchi@toyo.co.jp", Box(296, 40, 352, 29), 0.9, words)
    width, height = size
    array[40 + 23 : 40 + 23 + height, 344 : 344 + width] = 205
    assert _email_separator(array, line).text == read


@pytest.mark.parametrize("mark", [".", ":"])
@pytest.mark.parametrize("label", ["Mail", "nail"])  # (its M misread: seed 239 #136)
def test_the_mark_after_a_mail_label_is_not_put_into_the_address(mark, label):
    array, line = _email_line(f"{label} ryan-c@sterling.com", mark)

    assert _email_separator(array, line).text == f"{label} ryan-c@sterling.com"
    # A name one glyph from the label is a name.
    array, line = _email_line("neil smith@sterling.com", mark)
    assert _email_separator(array, line).text == f"neil{mark}smith@sterling.com".replace(":", " ")


def _read_lines_of(card, drop):
    """The card's lines as psm 3 reads them, without the one containing ``drop`` (as if it was missed)."""
    prepared = prepare_for_ocr(card)
    lines = read_lines(Image.fromarray(prepared), languages="jpn+eng", psm=3)
    kept = tuple(line for line in lines if drop not in line.text.replace(" ", ""))
    assert len(kept) == len(lines) - 1, [line.text for line in lines]
    return prepared, kept


def test_a_line_layout_analysis_dropped_is_found_and_read():
    card = japanese_card()
    draw = ImageDraw.Draw(card)
    draw.ellipse((1150, 60, 1290, 200), fill="black")  # a logo: one blob, no row of glyphs
    for x in range(900, 1100, 40):
        draw.rectangle((x, 800, x + 3, 803), fill="black")  # specks under a glyph's height
    prepared, lines = _read_lines_of(card, "サンプル商事")

    rows = _unread_rows(prepared, lines)
    extra = _read_unread_rows(prepared, lines, dpi=None, settings=Settings())

    assert len(rows) == 1
    # the company's line, not the logo
    assert rows[0].top < 130 and rows[0].left < 100 and rows[0].right < 1000
    assert [line.text.replace(" ", "") for line in extra] == ["株式会社サンプル商事"]


def test_nothing_is_read_again_when_every_row_was_read():
    card = japanese_card()
    ImageDraw.Draw(card).ellipse((1150, 60, 1290, 200), fill="black")
    prepared = prepare_for_ocr(card)
    lines = read_lines(Image.fromarray(prepared), languages="jpn+eng", psm=3)

    assert _unread_rows(prepared, lines) == []
    assert _read_unread_rows(prepared, lines, dpi=None, settings=Settings()) == ()


@pytest.mark.parametrize(
    ("text", "spaced"), [("V  E  R  Y  F  I", True), ("Veryfi Inc.", False), ("株式会社サンプル", False)]
)
def test_a_letter_spaced_row_is_a_logo_not_a_dropped_line(text, spaced):
    image = Image.new("L", (900, 80), 255)
    ImageDraw.Draw(image).text((10, 10), text, font=_font(40), fill=0)
    ink = (np.asarray(image) < 128).astype(np.uint8) * 255
    ys, xs = np.nonzero(ink)
    box = Box(int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))

    assert _letter_spaced(ink, box) is spaced


def test_glyphs_of_a_name_read_again_with_those_tesseract_weighed_for_them():
    card = _printed((((100, 100), "谷口早紀", 100),), size=(700, 300))
    array = np.array(card.convert("L"))
    ys, xs = np.nonzero(array < 128)
    box = Box(int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)

    views = read_choices(array, box)

    # Packed close and as printed: each view gives the name's glyphs, the glyph read
    # first, then the others Tesseract weighed, and no glyph twice.
    assert len(views) == 2
    for glyphs in views:
        assert "".join(glyph[0] for glyph in glyphs) == "谷口早紀"
        assert all(len(set(glyph)) == len(glyph) for glyph in glyphs)
    assert any(len(glyph) > 1 for glyphs in views for glyph in glyphs)


def test_glyphs_the_japanese_model_can_read_are_those_of_its_unicharset():
    readable = ocr.readable_glyphs("jpn")
    assert {"統", "菅", "山", "ア", "A", "1"} <= readable
    # 紘 (紘一) and 颯 (颯太) are no glyphs of it: Tesseract reads them as others.
    assert not {"紘", "颯"} & readable
    assert ocr.readable_glyphs("no-such-language") == frozenset()


def _address_word(printed, read, *, size=28, blur=0.0):
    """``printed`` drawn in small print, and a line whose one word OCR read as ``read``."""
    font = _font(size)
    card = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(card)
    draw.text((40, 40), printed, font=font, fill=0)
    left, top, right, bottom = draw.textbbox((40, 40), printed, font=font)
    array = np.asarray(card)
    if blur:
        array = cv2.GaussianBlur(array, (0, 0), blur)
    box = Box(left, top, right - left, bottom - top)
    return array, Line(read, box, 0.9, (Word(read, box, 0.9),))


@pytest.mark.parametrize("blur", [0.0, 1.0])
@pytest.mark.parametrize(
    ("printed", "read", "expected"),
    [
        # The stop after an initial, dropped by OCR, is seen in the print (seed 313 #6).
        ("t.nakajima@alpha.co.jp", "tnakajima@alpha.co.jp", "t.nakajima@alpha.co.jp"),
        ("a.azuma@echo.co.jp", "aazuma@echo.co.jp", "a.azuma@echo.co.jp"),
        # None printed: none put in, whatever the first glyphs' shapes.
        ("tnakajima@alpha.co.jp", "tnakajima@alpha.co.jp", "tnakajima@alpha.co.jp"),
        ("sato@echo.co.jp", "sato@echo.co.jp", "sato@echo.co.jp"),
        ("jsmith@abc.com", "jsmith@abc.com", "jsmith@abc.com"),
        ("sales@echo.co.jp", "sales@echo.co.jp", "sales@echo.co.jp"),
    ],
)
def test_the_stop_after_an_emails_initial_is_looked_at(printed, read, expected, blur):
    array, line = _address_word(printed, read, blur=blur)
    assert _email_dot(array, line).text == expected


def _blobs_word(rects, read, *, size=(40, 200)):
    """A white word box with black rectangles (x, y, w, h) drawn in it, read as ``read``."""
    array = np.full(size, 255, dtype=np.uint8)
    for x, y, w, h in rects:
        array[y : y + h, x : x + w] = 0
    box = Box(0, 0, size[1], size[0])
    return array, Line(read, box, 0.9, (Word(read, box, 0.9),))


def test_a_glyph_blur_broke_in_two_is_no_stop():
    # Seed 331 #125: "saito", its "a" broken into an arch and a bowl on the baseline below it.
    glyph, tall = (0, 14, 10, 22), [(40 + 12 * k, 14, 6, 22) for k in range(6)]
    arch, bowl = (22, 14, 8, 5), (22, 28, 8, 8)
    array, line = _blobs_word([glyph, arch, bowl, *tall], "saito@himawarihd.com")
    assert _email_dot(array, line).text == "saito@himawarihd.com"
    # The same bowl alone, nothing over it, is a stop.
    array, line = _blobs_word([glyph, bowl, *tall], "saito@himawarihd.com")
    assert _email_dot(array, line).text == "s.aito@himawarihd.com"
