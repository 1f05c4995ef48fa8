"""The benchmark scorer on hand-made truth and predictions (numbers worked out by hand)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bench import score as sc

TRUTH = {
    "file": "0001.jpg",
    "name": "山田 太郎",
    "name_latin": "Taro Yamada",
    "title": "部長",
    "department": "営業本部 第一営業部",
    "company": "株式会社サンプル商事",
    "emails": ["taro.yamada@sample.co.jp"],
    "phones": [
        {"type": "work", "e164": "+81312345678"},
        {"type": "fax", "e164": "+81312345679"},
        {"type": "mobile", "e164": "+819012345678"},
    ],
    "urls": ["https://www.sample.co.jp"],
    "postal_code": "100-0005",
    "address": "東京都千代田区丸の内1-2-3 丸の内ビル5F",
    "country": "JP",
    "name_reading": "ヤマダ タロウ",
    "meta": {"lang": "ja", "capture": "photo", "layout": "classic"},
}

EN_TRUTH = {
    "file": "0002.jpg",
    "name": "Jane Q. Doe",
    "name_latin": None,
    "title": None,
    "department": None,
    "company": "Northwind Labs, Inc.",
    "emails": ["jane@northwind.com"],
    "phones": [{"type": "work", "e164": "+14155550134"}],
    "urls": [],
    "postal_code": "94105",
    "address": "100 Main Street, San Francisco, CA",
    "country": "US",
    "meta": {"lang": "en", "capture": "scan", "layout": "centered"},
}


def pred_of(truth: dict, seconds: float = 1.0) -> dict:
    pred = {k: copy.deepcopy(v) for k, v in truth.items() if k not in ("meta", "name_reading")}
    pred["seconds"] = seconds
    return pred


def test_perfect_predictions_score_one_everywhere() -> None:
    report = sc.score([TRUTH, EN_TRUTH], [pred_of(TRUTH), pred_of(EN_TRUTH)])
    overall = report.groups["all"]
    for metric in (*sc.EXACT_FIELDS, *sc.EXTRA_FIELDS, "address", "all_key"):
        assert overall[metric] == 1.0, metric
    for f in sc.LIST_FIELDS:
        assert overall[f"{f}_f1"] == 1.0, f
    assert overall["n"] == 2
    assert overall["errors"] == 0
    assert report.failures == {}


def test_missing_phone_drops_f1_as_computed_by_hand() -> None:
    pred = pred_of(TRUTH)
    pred["phones"] = pred["phones"][:2]  # the mobile is missed
    s = sc.score([TRUTH], [pred]).groups["all"]
    # tp=2, fp=0, fn=1: precision 1, recall 2/3, F1 = 2*2/(2*2+0+1) = 0.8
    assert s["phones_f1"] == pytest.approx(0.8)
    assert s["phones_recall"] == pytest.approx(2 / 3)
    assert s["phones_precision"] == 1.0
    assert s["phone_numbers_f1"] == pytest.approx(0.8)
    assert s["all_key"] == 0.0
    assert s["name"] == 1.0


def test_micro_f1_pools_counts_over_cards() -> None:
    pred_ja = pred_of(TRUTH)
    pred_ja["phones"] = pred_ja["phones"][:1]  # tp 1, fn 2
    pred_en = pred_of(EN_TRUTH)
    pred_en["phones"].append({"type": "fax", "e164": "+14155550135"})  # tp 1, fp 1
    s = sc.score([TRUTH, EN_TRUTH], [pred_ja, pred_en]).groups["all"]
    # pooled: tp=2, fp=1, fn=2 -> F1 = 4 / (4 + 1 + 2) = 4/7 (a per-card mean would give 0.58)
    assert s["phones_f1"] == pytest.approx(4 / 7)


def test_wrong_phone_type_counts_for_pairs_but_not_numbers() -> None:
    pred = pred_of(TRUTH)
    pred["phones"][1]["type"] = "work"  # the fax read as a second work line
    s = sc.score([TRUTH], [pred]).groups["all"]
    # pairs: tp=2, fp=1, fn=1 -> 4/6
    assert s["phones_f1"] == pytest.approx(2 / 3)
    assert s["phone_numbers_f1"] == 1.0
    assert s["all_key"] == 0.0


def test_fields_compare_after_nfkc_and_whitespace() -> None:
    pred = pred_of(TRUTH)
    pred["name"] = "山田　太郎"  # ideographic space
    pred["company"] = "株式会社サンプル商事 "
    pred["department"] = "営業本部  第一営業部"
    pred["address"] = "東京都千代田区丸の内１-２-３ 丸の内ビル５F"
    s = sc.score([TRUTH], [pred]).groups["all"]
    assert s["name"] == s["company"] == s["department"] == 1.0
    assert s["address"] == 1.0
    assert sc.field_equal("company", "（株）サンプル", "(株)サンプル")
    assert not sc.field_equal("name", "山田 太郎", "山田太郎")


def test_null_against_null_is_right_and_null_against_value_is_wrong() -> None:
    pred = pred_of(EN_TRUTH)
    pred["title"] = "CEO"  # truth has no title
    s = sc.score([EN_TRUTH], [pred]).groups["all"]
    assert s["department"] == 1.0
    assert s["title"] == 0.0
    assert sc.field_equal("title", None, "")
    assert s["urls_f1"] == 1.0  # nothing to find, nothing found


def test_name_latin_ignores_order_and_case() -> None:
    assert sc.field_equal("name_latin", "YAMADA Taro", "Taro Yamada")
    assert not sc.field_equal("name_latin", "Taro Yamada", "Taro Yamamoto")


def test_address_similarity_by_hand() -> None:
    # Indel distance between "abcd" and "abce" is 2 (one deletion, one insertion) over 8 characters.
    assert sc.address_similarity("abcd", "abce") == pytest.approx(0.75)
    assert sc.address_similarity(None, None) == 1.0
    assert sc.address_similarity("x", None) == 0.0


def test_urls_compare_without_scheme_and_trailing_slash() -> None:
    assert sc.item_set("urls", {"urls": ["https://www.x.com/"]}) == sc.item_set(
        "urls", {"urls": ["http://WWW.X.com"]}
    )
    assert sc.item_set("urls", {"urls": ["https://x.com/en"]}) != sc.item_set(
        "urls", {"urls": ["https://x.com"]}
    )


def test_errors_and_missing_predictions_count_as_unread() -> None:
    report = sc.score([TRUTH, EN_TRUTH], [{"file": "0001.jpg", "error": "unreadable image"}])
    s = report.groups["all"]
    assert s["errors"] == 2
    assert s["name"] == 0.0
    assert s["phones_f1"] == 0.0
    assert s["address"] == 0.0
    assert report.failures["name"][0]["error"] == "unreadable image"
    assert report.failures["name"][1]["error"] == "no prediction"


def test_groups_by_capture_language_and_layout() -> None:
    pred_en = pred_of(EN_TRUTH)
    pred_en["name"] = "Jane Doe"
    groups = sc.score([TRUTH, EN_TRUTH], [pred_of(TRUTH), pred_en]).groups
    assert list(groups)[0] == "all"
    assert groups["all"]["name"] == 0.5
    assert groups["lang=ja"]["name"] == 1.0
    assert groups["lang=en"]["name"] == 0.0
    assert groups["capture=scan"]["n"] == 1
    assert groups["layout=classic"]["all_key"] == 1.0


def test_photos_are_grouped_by_the_blur_the_generator_applied() -> None:
    shaken = copy.deepcopy(TRUTH)
    shaken["file"] = "0003.jpg"
    shaken["meta"]["distortions"] = {"capture": "photo", "motion_blur": 7, "motion_angle": 12.5}
    defocused = copy.deepcopy(TRUTH)
    defocused["file"] = "0004.jpg"
    defocused["meta"]["distortions"] = {"capture": "photo", "gaussian_blur": 1.2}
    sharp = copy.deepcopy(TRUTH)
    sharp["file"] = "0005.jpg"
    sharp["meta"]["distortions"] = {"capture": "photo"}
    misread = pred_of(shaken)
    misread["name"] = "山田"
    rows = [shaken, defocused, sharp, TRUTH]
    groups = sc.score(rows, [misread, pred_of(defocused), pred_of(sharp), pred_of(TRUTH)]).groups
    assert groups["photo_blur=motion"]["n"] == 1
    assert groups["photo_blur=motion"]["name"] == 0.0
    assert groups["photo_blur=defocus"]["name"] == 1.0
    assert groups["photo_blur=sharp"]["n"] == 1
    # A photo whose meta does not record distortions (and every scan) is in no blur group.
    assert sum(groups[k]["n"] for k in groups if k.startswith("photo_blur=")) == 3


def test_truth_without_meta_gets_language_from_script() -> None:
    bare = {k: v for k, v in TRUTH.items() if k != "meta"}
    groups = sc.score([bare], [pred_of(bare)]).groups
    assert "lang=ja" in groups
    assert "capture=unknown" in groups


def test_predictions_match_by_file_name_when_paths_differ() -> None:
    pred = pred_of(TRUTH)
    pred["file"] = "bench/out/cards/0001.jpg"
    assert sc.score([TRUTH], [pred]).groups["all"]["errors"] == 0


def test_seconds_summary() -> None:
    s = sc.seconds_summary([float(v) for v in range(1, 11)])
    assert s == {"median": 5.5, "p90": 9.0, "mean": 5.5}
    assert sc.seconds_summary([])["median"] is None


def test_cli_prints_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = tmp_path / "truth.jsonl"
    preds = tmp_path / "predictions.jsonl"
    truth.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (TRUTH, EN_TRUTH)) + "\n", encoding="utf-8"
    )
    missing = pred_of(TRUTH, seconds=2.0)
    missing["phones"] = missing["phones"][:2]
    preds.write_text(json.dumps(missing) + "\n" + json.dumps(pred_of(EN_TRUTH)) + "\n", encoding="utf-8")
    assert sc.main([str(truth), str(preds)]) == 0
    table = capsys.readouterr().out
    assert "telF1" in table and "lang=ja" in table
    assert sc.main([str(truth), str(preds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 4 true phones, 3 found: F1 = 2*3 / (2*3 + 0 + 1) = 6/7
    assert data["groups"]["all"]["phones_f1"] == pytest.approx(6 / 7)
    assert data["groups"]["all"]["seconds"]["mean"] == pytest.approx(1.5)
