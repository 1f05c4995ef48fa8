"""The Splink baseline's scoring helpers (Splink itself is a bench extra, not needed here)."""

from __future__ import annotations

from bench.splink_baseline import clusters, evaluate_links, prepare


def test_clusters_join_links_at_or_above_the_threshold_transitively() -> None:
    pairs = [(0, 1, 0.99), (1, 2, 0.95), (3, 4, 0.5)]
    at_high = clusters(5, pairs, 0.95)
    assert at_high[0] == at_high[1] == at_high[2]
    assert at_high[3] != at_high[4]
    at_low = clusters(5, pairs, 0.5)
    assert at_low[3] == at_low[4]
    assert at_low[0] != at_low[3]


def test_links_are_counted_on_their_own_against_every_true_pair() -> None:
    truth = ["a", "a", "a", "b", "c"]  # three true pairs, all inside "a"
    pairs = [(0, 1, 0.999), (1, 2, 0.5), (3, 4, 0.999)]
    scores = evaluate_links(pairs, truth)
    high = scores[0.999]
    assert (high.true_pos, high.false_pos, high.false_neg) == (1, 1, 2)
    assert high.precision == 0.5
    low = scores[0.5]
    assert (low.true_pos, low.false_pos, low.false_neg) == (2, 1, 1)


def test_prepare_gives_normalised_columns_and_none_for_missing() -> None:
    rows = [
        {
            "name": "佐藤　太郎",
            "company": "株式会社サンプル",
            "email": "Taro.Sato@Sample.co.jp; info@sample.co.jp",
            "mobile": "090-1234-5678",
            "phone": "03-1234-5678",
        },
        {"name": "John Smith"},
    ]
    first, second = prepare(rows)
    assert first["unique_id"] == 0
    assert first["email"] == "taro.sato@sample.co.jp"  # the personal address, not info@
    assert first["mobile"] == "+819012345678"
    assert first["line"] == "+81312345678"
    assert first["domain"] == "sample.co.jp"
    assert first["name"] == prepare([{"name": "佐藤太郎"}])[0]["name"]  # spacing folded
    assert second["email"] is None and second["mobile"] is None and second["company"] is None
