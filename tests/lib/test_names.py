"""Names: Japanese split and reading with the real dictionary, Latin names."""

from __future__ import annotations

import pytest

from cardscan.names import (
    clean_latin_name,
    kana_reading,
    latin_matches_reading,
    latin_name_score,
    person_name_score,
    split_japanese_name,
)


@pytest.mark.parametrize(
    ("printed", "name", "reading"),
    [
        ("山田太郎", "山田 太郎", "ヤマダ タロウ"),
        ("山田　太郎", "山田 太郎", "ヤマダ タロウ"),
        ("佐々木健太郎", "佐々木 健太郎", "ササキ ケンタロウ"),
        ("高橋 美咲", "高橋 美咲", "タカハシ ミサキ"),
    ],
)
def test_split_japanese_name(printed: str, name: str, reading: str) -> None:
    split = split_japanese_name(printed)
    assert split is not None
    assert split.text == name
    assert split.reading == reading
    assert split.dictionary == 2


def test_printed_space_wins_over_dictionary() -> None:
    split = split_japanese_name("長谷川 一")
    assert split is not None and (split.family, split.given) == ("長谷川", "一")


def test_non_names() -> None:
    assert split_japanese_name("Taro Yamada") is None
    assert person_name_score("東京都千代田区丸の内1-2-3") == 0.0
    assert person_name_score("山田太郎") > person_name_score("営業部")


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("やまだ たろう", "ヤマダ タロウ"),
        ("ヤマダ・タロウ", "ヤマダ タロウ"),
        ("ヤマダタロウ", "ヤマダタロウ"),
    ],
)
def test_kana_reading(printed: str, reading: str) -> None:
    assert kana_reading(printed) == reading


def test_kana_reading_rejects_mixed_text() -> None:
    assert kana_reading("山田 たろう") is None
    assert kana_reading("Taro") is None


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("Dr. Avery Smith", "Avery Smith"),
        ("Jane Q. Doe, PhD", "Jane Q. Doe"),
        ("Prof. Hans Müller", "Hans Müller"),
        ("John Smith MBA, CPA", "John Smith"),
        ("Ms.  Mary   Jones", "Mary Jones"),
    ],
)
def test_clean_latin_name(printed: str, clean: str) -> None:
    assert clean_latin_name(printed) == clean


def test_latin_name_score() -> None:
    assert latin_name_score("Jane Q. Doe") > 0.7
    assert latin_name_score("YAMADA Taro") >= 0.6
    assert latin_name_score("Cloud & AI Department") == 0.0
    assert latin_name_score("4001 1st Ave NE") == 0.0
    assert latin_name_score("Contoso") == 0.0


def test_latin_matches_reading_either_order_and_long_vowels() -> None:
    assert latin_matches_reading("Taro Yamada", "ヤマダ タロウ")
    assert latin_matches_reading("YAMADA Taro", "ヤマダ タロウ")
    assert latin_matches_reading("Shota Ohno", "オオノ ショウタ")
    assert not latin_matches_reading("Kenji Suzuki", "ヤマダ タロウ")
