"""Normalised forms and blocking keys used by duplicate detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardscan.matchkeys import (
    company_domain,
    company_key,
    fold_name,
    fold_reading,
    is_generic_mailbox,
    is_mobile_number,
    name_deletion_keys,
    normalize_email,
    url_domain,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("髙橋 一郎", "高橋一郎"),
        ("齋藤 翔太", "斎藤　翔太"),
        ("渡邊 健", "渡辺 健"),
        ("渡邉 健", "渡辺健"),
        ("山﨑 花子", "山崎 花子"),
        ("高橋 一郎", "高橋ー郎"),  # OCR read the kanji 一 as the long-vowel mark
        ("山口 太郎", "山ロ 太郎"),  # katakana ロ for kanji 口
        ("Taro Yamada", "YAMADA  Taro"),
        ("Ｊｏｈｎ Ｓｍｉｔｈ", "john smith"),
        ("Shuuichi Satoh", "Syuichi Sato"),
        ("古川 直樹", "古Ⅲ 直樹"),
    ],
)
def test_fold_name_makes_spellings_of_one_name_equal(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("斉藤 翔太", "斎藤 翔太"),  # two different family names, not variants
        ("佐藤 翔太", "佐藤 翔大"),
        ("John Smith", "Jane Smith"),
    ],
)
def test_fold_name_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold_name(a) != fold_name(b)


_NAME_CHARS = "佐藤鈴木高髙橋渡辺邊崎﨑斎齋一ー口ロ太郎花子翔大 　abcdefghijklmnopqrstuvwxyzABCXYZＡＢ.-"


@given(st.text(alphabet=_NAME_CHARS, max_size=12))
def test_fold_name_is_idempotent(name: str) -> None:
    once = fold_name(name)
    assert fold_name(once) == once


def test_fold_reading_ignores_script_width_and_spaces() -> None:
    spellings = ["やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ"]
    assert {fold_reading(s) for s in spellings} == {"ヤマダタロウ"}


@pytest.mark.parametrize(
    "company",
    [
        "株式会社ABC",
        "ABC株式会社",
        "(株)ABC",
        "（株）ＡＢＣ",
        "㈱ABC",
        "ABC Co., Ltd.",
        "ABC CO.,LTD.",
        "ABC Inc.",
        "abc corporation",
        "株式会社 ABC",
    ],
)
def test_company_key_drops_legal_form_width_case_and_spacing(company: str) -> None:
    assert company_key(company) == "abc"


def test_company_key_keeps_distinct_names_and_falls_back_to_domain() -> None:
    assert company_key("ABC商事株式会社") != company_key("ABC物産株式会社")
    assert company_key("Sample Trading Co., Ltd.") == "sampletrading"
    assert company_key(None, "www.abc.co.jp") == "@abc.co.jp"
    assert company_key("株式会社", "abc.co.jp") == "@abc.co.jp"  # only a legal form printed
    assert company_key(None) is None


def test_company_domain_prefers_url_and_skips_free_mail() -> None:
    assert company_domain(["taro@gmail.com", "taro@abc.co.jp"], []) == "abc.co.jp"
    assert company_domain(["taro@abc.co.jp"], ["https://www.abc-group.com/ja/"]) == "abc-group.com"
    assert company_domain(["taro@yahoo.co.jp"], []) is None
    assert url_domain("HTTP://WWW.Example.CO.JP:8080/x") == "example.co.jp"


@pytest.mark.parametrize(
    ("email", "generic"),
    [
        ("info@abc.co.jp", True),
        ("sales@abc.co.jp", True),
        ("contact@abc.co.jp", True),
        ("sales.tokyo@abc.co.jp", True),
        ("taro.yamada@abc.co.jp", False),
        ("t-yamada@abc.co.jp", False),
        ("info-jp@abc.co.jp", True),
        ("hr.yamada@abc.co.jp", False),
        ("jp.taro@abc.co.jp", False),
    ],
)
def test_generic_mailboxes(email: str, generic: bool) -> None:
    assert is_generic_mailbox(email) is generic


def test_normalize_email() -> None:
    assert normalize_email(" Taro.Yamada@ABC.co.jp ") == "taro.yamada@abc.co.jp"
    assert normalize_email("mailto:taro@abc.jp") == "taro@abc.jp"
    assert normalize_email("not an email") is None


def test_japanese_mobile_numbers() -> None:
    assert is_mobile_number("+819012345678")
    assert is_mobile_number("+817012345678")
    assert not is_mobile_number("+81312345678")
    assert not is_mobile_number("+12125550100")


def test_one_wrong_character_still_shares_a_deletion_key() -> None:
    right = name_deletion_keys(fold_name("佐藤 太郎"))
    slipped = name_deletion_keys(fold_name("佐藤 大郎"))
    assert right & slipped == {"佐藤郎"}
    assert name_deletion_keys("佐藤") == frozenset()  # too short: would block with everyone
