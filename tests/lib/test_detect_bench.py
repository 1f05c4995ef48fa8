"""bench.detect's scoring of a found card outline against the generator's corners."""

from __future__ import annotations

import pytest

from bench.detect import corner_error, grade, quad_iou, report

SQUARE = [(0, 0), (100, 0), (100, 100), (0, 100)]


def test_iou_of_a_quad_with_itself_is_one_in_any_corner_order() -> None:
    assert quad_iou(SQUARE, SQUARE) == pytest.approx(1.0)
    assert quad_iou(SQUARE, SQUARE[::-1]) == pytest.approx(1.0)


def test_iou_of_half_the_card_and_of_a_disjoint_quad() -> None:
    half = [(0, 0), (50, 0), (50, 100), (0, 100)]
    assert quad_iou(SQUARE, half) == pytest.approx(0.5)
    far = [(200, 200), (300, 200), (300, 300), (200, 300)]
    assert quad_iou(SQUARE, far) == 0.0


def test_corner_error_is_the_worst_corner_over_the_diagonal() -> None:
    shifted = [(0, 0), (100, 0), (100, 100), (0, 100 + 14.142)]
    assert corner_error(shifted, SQUARE) == pytest.approx(0.1, abs=1e-3)
    assert corner_error(SQUARE, SQUARE) == 0.0


def test_grades() -> None:
    assert grade(0.99, True) == "good"
    assert grade(0.9, True) == "rough"
    assert grade(0.5, True) == "wrong"
    assert grade(0.0, False) == "frame"


def test_report_counts_grades_by_background_and_method() -> None:
    rows = [
        {"seed": 1, "background": "wood", "method": "lines", "iou": 0.99, "corner_error": 0.01,
         "grade": "good", "seconds": 0.1},
        {"seed": 2, "background": "paper", "method": "frame", "iou": 0.0, "corner_error": 1.0,
         "grade": "frame", "seconds": 0.2},
    ]
    text = report(rows)
    assert "good 1 (50.0%)" in text and "frame 1 (50.0%)" in text
    assert "seed 2: frame IoU 0.000 (frame, paper)" in text
    assert "seed 1:" not in text
