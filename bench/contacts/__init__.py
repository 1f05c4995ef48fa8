"""Labelled contact records for the duplicate-detection benchmark (``bench/match.py``)."""

from bench.contacts.generate import COLUMNS, LabelledRow, generate

__all__ = ["COLUMNS", "LabelledRow", "generate"]
