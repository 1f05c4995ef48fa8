"""Score a reader's predictions against ground truth, both JSON Lines (CONTRACT section 1).

    python -m bench.score truth.jsonl predictions.jsonl [--json] [--failures N]

Metrics, per group (all cards; by capture tier; by language; by layout; by the card's country
when the truth's meta names it; photos by blur, ``photo_blur=motion|defocus|sharp``, when the
meta records its distortions):

- field accuracy for name, company, title, department, postal_code (and, as
  extras, name_latin and country): values compared after NFKC and whitespace
  collapsing; null against null (or empty) counts as right. name_latin is
  compared case-insensitively as a bag of words ("YAMADA Taro" = "Taro Yamada").
- address: mean rapidfuzz Indel normalized similarity of the normalised
  strings; 1.0 when both are null, 0.0 when only one is.
- emails, phones, urls: micro F1 over all cards of the group. Phones count as
  (e164, type) pairs, and again by e164 alone. URLs are compared without
  scheme and trailing slash, host lowercased. A group with nothing to find and
  nothing found scores 1.0.
- all key fields right: name and company right, and the sets of emails and of
  (e164, type) phones exactly right.
- seconds per card (median, p90, mean) from the predictions' ``seconds``.

A truth row without a prediction, or with an ``error``, counts as a card where
nothing was read. Groups come from the truth row's ``meta`` (lang, capture,
layout) as written by :func:`bench.cardgen.write_dataset`; rows without it
(hand-made truth) get a language guessed from the script and tier "unknown".
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Indel

#: Scalar fields scored by exact match (after normalisation).
EXACT_FIELDS: tuple[str, ...] = ("name", "company", "title", "department", "postal_code")
EXTRA_FIELDS: tuple[str, ...] = ("name_latin", "country")
LIST_FIELDS: tuple[str, ...] = ("emails", "phones", "phone_numbers", "urls")

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def norm_text(value: Any) -> str | None:
    """NFKC, whitespace collapsed and trimmed; empty becomes None."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value))).strip()
    return text or None


def field_equal(field_name: str, truth: Any, pred: Any) -> bool:
    """Whether a scalar field is right."""
    t, p = norm_text(truth), norm_text(pred)
    if field_name == "name_latin" and t and p:
        return sorted(t.casefold().split()) == sorted(p.casefold().split())
    return t == p


def address_similarity(truth: Any, pred: Any) -> float:
    """Indel normalized similarity in [0, 1] of the normalised addresses."""
    t, p = norm_text(truth), norm_text(pred)
    if t is None and p is None:
        return 1.0
    if t is None or p is None:
        return 0.0
    return float(Indel.normalized_similarity(t, p, processor=None))


def norm_url(url: str) -> str:
    """A URL without scheme and trailing slash, host lowercased."""
    text = norm_text(url) or ""
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text)
    host, slash, rest = text.partition("/")
    return (host.lower() + slash + rest).rstrip("/")


def item_set(field_name: str, row: Mapping[str, Any]) -> set[Any]:
    """The items of a list field as a comparable set."""
    if field_name == "emails":
        return {(norm_text(e) or "").lower() for e in row.get("emails") or [] if e}
    if field_name == "urls":
        return {norm_url(u) for u in row.get("urls") or [] if u}
    phones = [p for p in row.get("phones") or [] if isinstance(p, Mapping) and p.get("e164")]
    if field_name == "phones":
        return {(p["e164"], p.get("type")) for p in phones}
    if field_name == "phone_numbers":
        return {p["e164"] for p in phones}
    raise ValueError(f"not a list field: {field_name}")


@dataclass
class Counts:
    """True/false positives and false negatives of one list field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: set[Any], pred: set[Any]) -> None:
        self.tp += len(truth & pred)
        self.fp += len(pred - truth)
        self.fn += len(truth - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class Group:
    """Running totals for one group of cards."""

    n: int = 0
    errors: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    address: float = 0.0
    lists: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in LIST_FIELDS})
    all_key: int = 0
    seconds: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n = max(self.n, 1)
        out: dict[str, Any] = {"n": self.n, "errors": self.errors}
        for f in EXACT_FIELDS + EXTRA_FIELDS:
            out[f] = self.right[f] / n
        out["address"] = self.address / n
        for f in LIST_FIELDS:
            c = self.lists[f]
            out[f"{f}_f1"] = c.f1
            out[f"{f}_precision"] = c.precision
            out[f"{f}_recall"] = c.recall
        out["all_key"] = self.all_key / n
        out["seconds"] = seconds_summary(self.seconds)
        return out


def seconds_summary(values: Sequence[float]) -> dict[str, float | None]:
    """Median, 90th percentile and mean of per-card seconds."""
    if not values:
        return {"median": None, "p90": None, "mean": None}
    ordered = sorted(values)
    # Nearest-rank percentile: the smallest value with at least 90 % of cards at or below it.
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return {"median": statistics.median(ordered), "p90": p90, "mean": statistics.fmean(ordered)}


def groups_of(row: Mapping[str, Any]) -> list[str]:
    """The group keys a truth row belongs to."""
    meta = row.get("meta") or {}
    lang = meta.get("lang")
    if lang is None:
        text = " ".join(str(row.get(k) or "") for k in ("name", "company", "address"))
        lang = "ja" if _CJK.search(text) else "en"
    keys = [
        "all",
        f"capture={meta.get('capture', 'unknown')}",
        f"lang={lang}",
        f"layout={meta.get('layout', 'unknown')}",
    ]
    if meta.get("country"):
        keys.append(f"country={meta['country']}")
    distortions = meta.get("distortions")
    if meta.get("capture") == "photo" and isinstance(distortions, Mapping):
        blur = "sharp"
        if "motion_blur" in distortions:
            blur = "motion"
        elif "gaussian_blur" in distortions:
            blur = "defocus"
        keys.append(f"photo_blur={blur}")
    return keys


def key_fields_right(truth: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Name, company, every e-mail and every (e164, type) phone right."""
    return (
        field_equal("name", truth.get("name"), pred.get("name"))
        and field_equal("company", truth.get("company"), pred.get("company"))
        and item_set("emails", truth) == item_set("emails", pred)
        and item_set("phones", truth) == item_set("phones", pred)
    )


def match_predictions(
    truth_rows: Iterable[Mapping[str, Any]], pred_rows: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any] | None]]:
    """Pair each truth row with its prediction by ``file`` (exact path, else file name)."""
    by_file: dict[str, Mapping[str, Any]] = {}
    by_name: dict[str, Mapping[str, Any]] = {}
    for p in pred_rows:
        f = str(p.get("file", ""))
        by_file[f] = p
        by_name.setdefault(Path(f).name, p)
    pairs = []
    for t in truth_rows:
        f = str(t.get("file", ""))
        pairs.append((t, by_file.get(f) or by_name.get(Path(f).name)))
    return pairs


@dataclass
class Report:
    """Scores by group plus the failures behind them."""

    groups: dict[str, dict[str, Any]]
    failures: dict[str, list[dict[str, Any]]]

    def to_json(self) -> dict[str, Any]:
        return {"groups": self.groups, "failures": self.failures}


def score(truth_rows: Iterable[Mapping[str, Any]], pred_rows: Iterable[Mapping[str, Any]]) -> Report:
    """Score predictions against truth (both: iterables of CONTRACT section 1 objects)."""
    groups: dict[str, Group] = defaultdict(Group)
    failures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for truth, found in match_predictions(truth_rows, pred_rows):
        error = None
        if found is None:
            error = "no prediction"
        elif found.get("error"):
            error = str(found["error"])
        pred: Mapping[str, Any] = {} if error else (found or {})
        keys = groups_of(truth)
        file = truth.get("file")
        for f in EXACT_FIELDS + EXTRA_FIELDS:
            ok = field_equal(f, truth.get(f), pred.get(f))
            for k in keys:
                groups[k].right[f] += ok
            if not ok:
                failures[f].append({"file": file, "truth": truth.get(f), "pred": pred.get(f), "error": error})
        sim = address_similarity(truth.get("address"), pred.get("address"))
        if sim < 1.0:
            failures["address"].append(
                {
                    "file": file,
                    "truth": truth.get("address"),
                    "pred": pred.get("address"),
                    "similarity": round(sim, 3),
                    "error": error,
                }
            )
        for f in LIST_FIELDS:
            t_set, p_set = item_set(f, truth), item_set(f, pred)
            for k in keys:
                groups[k].lists[f].add(t_set, p_set)
            if t_set != p_set and f != "phone_numbers":
                failures[f].append(
                    {
                        "file": file,
                        "missed": sorted(map(str, t_set - p_set)),
                        "extra": sorted(map(str, p_set - t_set)),
                        "error": error,
                    }
                )
        all_key = key_fields_right(truth, pred)
        seconds = found.get("seconds") if found else None
        for k in keys:
            g = groups[k]
            g.n += 1
            g.errors += error is not None
            g.address += sim
            g.all_key += all_key
            if isinstance(seconds, int | float):
                g.seconds.append(float(seconds))
    ordered = dict(sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])))
    return Report({k: g.summary() for k, g in ordered.items()}, dict(failures))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a JSON Lines file (a UTF-8 BOM is tolerated)."""
    rows = []
    with Path(path).open(encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("n", "n"),
    ("name", "name"),
    ("company", "comp"),
    ("title", "title"),
    ("department", "dept"),
    ("postal_code", "postal"),
    ("address", "addr~"),
    ("emails_f1", "emailF1"),
    ("phones_f1", "telF1"),
    ("phone_numbers_f1", "tel#F1"),
    ("urls_f1", "urlF1"),
    ("name_latin", "latin"),
    ("country", "ctry"),
    ("all_key", "ALLKEY"),
    ("errors", "err"),
)


def format_table(report: Report) -> str:
    """A fixed-width table: one row per group, one column per metric."""
    width = max(len(k) for k in report.groups) if report.groups else 5
    head = f"{'group':<{width}} " + " ".join(f"{label:>7}" for _, label in _COLUMNS)
    lines = [head, "-" * len(head)]
    for key, s in report.groups.items():
        cells = []
        for metric, _ in _COLUMNS:
            value = s[metric]
            cells.append(f"{value:>7d}" if isinstance(value, int) else f"{value:>7.3f}")
        lines.append(f"{key:<{width}} " + " ".join(cells))
    lines.append("")
    lines.append("seconds per card (median / p90 / mean):")
    for key, s in report.groups.items():
        sec = s["seconds"]
        if sec["median"] is None:
            continue
        if key == "all" or key.startswith(("capture=", "lang=", "photo_blur=")):
            lines.append(f"  {key:<{width}} {sec['median']:.2f} / {sec['p90']:.2f} / {sec['mean']:.2f}")
    return "\n".join(lines)


def format_failures(report: Report, per_field: int) -> str:
    """Up to ``per_field`` failures per field, one JSON object per line."""
    out = []
    for f, items in sorted(report.failures.items()):
        out.append(f"== {f}: {len(items)} wrong")
        for item in items[:per_field]:
            out.append("   " + json.dumps(item, ensure_ascii=False))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: score two JSON Lines files and print a table or JSON."""
    ap = argparse.ArgumentParser(prog="python -m bench.score", description=__doc__.splitlines()[0])
    ap.add_argument("truth", type=Path)
    ap.add_argument("predictions", type=Path)
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--failures", type=int, default=0, metavar="N", help="print N failures per field")
    args = ap.parse_args(argv)
    report = score(read_jsonl(args.truth), read_jsonl(args.predictions))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_table(report))
        if args.failures:
            print()
            print(format_failures(report, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
