"""Duplicate-detection benchmark: ``python -m bench.match --rows 20000 --seed 1``.

Imports labelled rows one by one the way ``import-csv`` does (each row is
matched against the contacts so far: merged automatically, a suggestion
opened, or a new contact), then scores the outcome pairwise against the true
persons:

- precision / recall / F1 of the automatic merges;
- the same for automatic merges plus suggestions (an admin accepting every
  suggestion), whose recall is what the review queue can reach;
- suggestions per 1,000 rows and rows per second (normalising included);
- the time to match one new card against an index of ``--index-size``
  contacts (median and p95).

A plain rapidfuzz heuristic (name ratio and company ratio over the same
blocks) is scored alongside for comparison. ``--csv FILE`` scores a labelled
CSV made elsewhere (CONTRACT section 2 columns plus a ``--label`` column).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import resource
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, utils

from bench.contacts import generate
from bench.contacts.crosscheck import crosscheck
from cardscan.match import (
    DEFAULT_SETTINGS,
    MatchIndex,
    MatchSettings,
    PersonRecord,
    same_company,
)


@dataclass
class ImportOutcome:
    """Which contact each row ended in, and the suggestions opened."""

    contact_of_row: list[int]
    suggestions: list[tuple[int, int]]
    merged: int
    seconds: float
    cpu_seconds: float
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)


def run_import(rows: Sequence[Mapping[str, str]], settings: MatchSettings) -> ImportOutcome:
    """Import rows in order into an empty in-memory index, like ``import-csv``."""
    start, cpu_start = time.perf_counter(), time.process_time()
    index = MatchIndex(settings)
    contact_of_row: list[int] = []
    alias: dict[int, int] = {}  # contact merged away -> contact it went into
    suggestions: list[tuple[int, int]] = []
    reasons: dict[int, tuple[str, ...]] = {}
    merged = 0
    for i, row in enumerate(rows):
        outcome = index.resolve(PersonRecord.from_row(row, i))
        contact_of_row.append(int(outcome.contact_id))
        for gone in outcome.absorbed:
            alias[int(gone)] = int(outcome.contact_id)
        if outcome.candidate is not None and outcome.decision != "new":
            reasons[i] = outcome.candidate.match.reasons
        if outcome.decision == "merge":
            merged += 1
        elif outcome.decision == "suggest" and outcome.candidate is not None:
            suggestions.append((i, int(outcome.candidate.record.id)))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    def final(c: int) -> int:
        while c in alias:
            c = alias[c]
        return c

    contacts = [final(c) for c in contact_of_row]
    suggestions = [(final(a), final(b)) for a, b in suggestions]
    return ImportOutcome(contacts, suggestions, merged, seconds, cpu_seconds, reasons)


def run_baseline(rows: Sequence[Mapping[str, str]], name_cutoff: float, company_cutoff: float) -> list[int]:
    """The plain rapidfuzz heuristic: same blocks, merge when name and company ratios pass."""
    index = MatchIndex(DEFAULT_SETTINGS)
    parent: list[int] = []
    records: list[PersonRecord] = []
    for i, row in enumerate(rows):
        rec = PersonRecord.from_row(row, i)
        records.append(rec)
        parent.append(i)
        best_id, best_value = None, 0.0
        for cand in index.candidates(rec):
            # Names without spaces (一 space more is not another person);
            # companies as word sets, so a legal form costs a little.
            name = fuzz.ratio(_squeeze(rec.name), _squeeze(cand.name), processor=utils.default_process)
            company = fuzz.token_set_ratio(
                _squeeze_width(rec.company), _squeeze_width(cand.company), processor=utils.default_process
            )
            if name >= name_cutoff and company >= company_cutoff and name + company > best_value:
                best_id, best_value = int(cand.id), name + company
        if best_id is not None:
            parent[i] = _find(parent, best_id)
        index.add(rec)
    return [_find(parent, i) for i in range(len(rows))]


def _squeeze(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "")


def _squeeze_width(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _pairs(counts: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    true_pos: int
    false_pos: int
    false_neg: int

    def __post_init__(self) -> None:
        if min(self.true_pos, self.false_pos, self.false_neg) < 0:
            raise ValueError("negative pair count")

    @classmethod
    def from_counts(cls, true_pos: int, predicted: int, true: int) -> PairScores:
        """Scores from the true pairs found, the pairs predicted and the true pairs in all."""
        precision = true_pos / predicted if predicted else 1.0
        recall = true_pos / true if true else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, true_pos, predicted - true_pos, true - true_pos)


def true_pairs(truth: Sequence[object]) -> int:
    """How many pairs of rows belong to one true person."""
    return _pairs(Counter(truth))


def pairwise(predicted: Sequence[object], truth: Sequence[object]) -> PairScores:
    """Pairwise precision/recall/F1 of a clustering against the true one."""
    tp = _pairs(Counter(zip(predicted, truth, strict=True)))
    return PairScores.from_counts(tp, _pairs(Counter(predicted)), true_pairs(truth))


def name_only_job_changes(rows: Sequence[Mapping[str, str]], truth: Sequence[object]) -> set[tuple[int, int]]:
    """True pairs at two different companies that share no mobile and no personal email.

    Nothing but the name links them, which is exactly what a namesake at
    another company looks like; the issue calls that weak evidence. Recall is
    also reported without them, to tell matcher misses from the impossible.
    """
    records = [PersonRecord.from_row(row, i) for i, row in enumerate(rows)]
    groups: dict[object, list[int]] = {}
    for i, t in enumerate(truth):
        groups.setdefault(t, []).append(i)
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = records[i], records[j]
                linked = a.mobiles & b.mobiles or a.personal_emails & b.personal_emails
                if not linked and same_company(a, b) is False:
                    out.add((i, j))
    return out


def recall_without(
    predicted: Sequence[object], truth: Sequence[object], excluded: set[tuple[int, int]]
) -> float:
    """Pairwise recall over the true pairs not in ``excluded``."""
    groups: dict[object, list[int]] = {}
    for i, t in enumerate(truth):
        groups.setdefault(t, []).append(i)
    found = total = 0
    for members in groups.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in excluded:
                    continue
                total += 1
                found += predicted[i] == predicted[j]
    return found / total if total else 1.0


def with_suggestions(outcome: ImportOutcome) -> list[int]:
    """Contacts after accepting every suggestion."""
    parent = list(range(len(outcome.contact_of_row)))
    for a, b in outcome.suggestions:
        if a == b:
            continue
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[ra] = rb
    return [_find(parent, c) for c in outcome.contact_of_row]


def latency(index_size: int, probes: int, seed: int, settings: MatchSettings) -> dict[str, float]:
    """Milliseconds to normalise and match one new card against ``index_size`` contacts."""
    labelled = generate(index_size + probes, seed)
    index = MatchIndex(settings)
    build_start = time.perf_counter()
    for i, item in enumerate(labelled[:index_size]):
        index.add(PersonRecord.from_row(item.row, i))
    build = time.perf_counter() - build_start
    gc.collect()
    times_total: list[float] = []
    times_match: list[float] = []
    times_cpu: list[float] = []
    for i, item in enumerate(labelled[index_size:], start=index_size):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        rec = PersonRecord.from_row(item.row, i)
        t1 = time.perf_counter()
        index.match(rec)
        t2 = time.perf_counter()
        times_cpu.append((time.thread_time() - c0) * 1000)
        times_total.append((t2 - t0) * 1000)
        times_match.append((t2 - t1) * 1000)
    return {
        "index_size": float(index_size),
        "index_build_s": build,
        "median_ms": statistics.median(times_total),
        "p95_ms": statistics.quantiles(times_total, n=20)[-1],
        "max_ms": max(times_total),
        "match_only_median_ms": statistics.median(times_match),
        "match_only_p95_ms": statistics.quantiles(times_match, n=20)[-1],
        "cpu_median_ms": statistics.median(times_cpu),
        "cpu_p95_ms": statistics.quantiles(times_cpu, n=20)[-1],
    }


def load_csv(path: Path, label: str) -> tuple[list[dict[str, str]], list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = [dict(r) for r in csv.DictReader(f)]
    except UnicodeDecodeError:  # an Excel export from a Japanese Windows
        with path.open(encoding="cp932", newline="") as f:
            rows = [dict(r) for r in csv.DictReader(f)]
    if rows and label not in rows[0]:
        raise SystemExit(f"{path}: no {label!r} column")
    return rows, [r[label] for r in rows]


def _print_errors(
    rows: Sequence[Mapping[str, str]], truth: Sequence[object], outcome: ImportOutcome, limit: int
) -> None:
    first_row_of_contact: dict[int, int] = {}
    for i, c in enumerate(outcome.contact_of_row):
        first_row_of_contact.setdefault(c, i)
    shown = 0
    for i, c in enumerate(outcome.contact_of_row):
        j = first_row_of_contact[c]
        if j != i and truth[i] != truth[j] and shown < limit:
            shown += 1
            print("WRONG MERGE", outcome.reasons.get(i), file=sys.stderr)
            for k in (j, i):
                print("   ", {key: v for key, v in rows[k].items() if v}, file=sys.stderr)
    # Missed: rows whose true person has an earlier row in another, unsuggested contact.
    merged = with_suggestions(outcome)
    seen: dict[object, int] = {}
    shown = 0
    for i, t in enumerate(truth):
        if t in seen and merged[seen[t]] != merged[i] and shown < limit:
            shown += 1
            print("MISSED", outcome.reasons.get(i), file=sys.stderr)
            for k in (seen[t], i):
                print("   ", {key: v for key, v in rows[k].items() if v}, file=sys.stderr)
        seen.setdefault(t, i)


def add_row_arguments(parser: argparse.ArgumentParser) -> None:
    """The options choosing the labelled rows (generated or a CSV), read by :func:`load_rows`."""
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", type=Path, help="labelled CSV to score instead of generated rows")
    parser.add_argument(
        "--source",
        choices=("contacts", "crosscheck"),
        default="contacts",
        help="generator: bench.contacts (default) or the cross-check built on bench.cardgen people",
    )
    parser.add_argument("--label", default="entity", help="true person id column of --csv")


def load_rows(args: argparse.Namespace) -> tuple[list[dict[str, str]], list[str], str]:
    """The rows, their true person ids and a description of where they came from."""
    if args.csv:
        rows, truth = load_csv(args.csv, args.label)
        return rows, truth, str(args.csv)
    make = crosscheck if args.source == "crosscheck" else generate
    labelled = make(args.rows, args.seed)
    rows = [dict(item.row) for item in labelled]
    truth = [str(item.entity) for item in labelled]
    return rows, truth, f"{args.source} rows={args.rows} seed={args.seed}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_row_arguments(parser)
    parser.add_argument("--index-size", type=int, default=100_000, help="0 skips the latency run")
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--auto-merge", type=float, default=DEFAULT_SETTINGS.auto_merge)
    parser.add_argument("--suggest", type=float, default=DEFAULT_SETTINGS.suggest)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--show-errors", type=int, default=0, help="print up to N wrong and missed merges")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args(argv)
    settings = replace(DEFAULT_SETTINGS, auto_merge=args.auto_merge, suggest=args.suggest)

    rows, truth, source = load_rows(args)
    n = len(rows)
    outcome = run_import(rows, settings)
    auto = pairwise(outcome.contact_of_row, truth)
    both = pairwise(with_suggestions(outcome), truth)
    hard = name_only_job_changes(rows, truth)
    result: dict[str, object] = {
        "source": source,
        "rows": n,
        "true_persons": len(set(truth)),
        "contacts": len(set(outcome.contact_of_row)),
        "merged": outcome.merged,
        "auto": auto.__dict__,
        "auto_suggest": both.__dict__,
        "name_only_job_change_pairs": len(hard),
        "auto_recall_without_name_only": recall_without(outcome.contact_of_row, truth, hard),
        "auto_suggest_recall_without_name_only": recall_without(with_suggestions(outcome), truth, hard),
        "suggestions": len(outcome.suggestions),
        "suggestions_per_1000": 1000 * len(outcome.suggestions) / n if n else 0.0,
        "import_seconds": outcome.seconds,
        "rows_per_second": n / outcome.seconds if outcome.seconds else 0.0,
        "import_cpu_seconds": outcome.cpu_seconds,
        "rows_per_cpu_second": n / outcome.cpu_seconds if outcome.cpu_seconds else 0.0,
        "settings": {"auto_merge": settings.auto_merge, "suggest": settings.suggest},
    }
    if not args.no_baseline:
        base = pairwise(run_baseline(rows, 90, 80), truth)
        result["baseline_rapidfuzz"] = {
            "rule": "name ratio>=90 and company token_set_ratio>=80",
            **base.__dict__,
        }
    if args.index_size:
        result["latency"] = latency(args.index_size, args.probes, args.seed + 1000, settings)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.show_errors:
        _print_errors(rows, truth, outcome, args.show_errors)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print_text(result)
    return 0


def _print_text(r: Mapping[str, object]) -> None:
    def line(label: str, s: object) -> str:
        assert isinstance(s, dict)
        return (
            f"{label:<22} precision {s['precision']:.4f}  recall {s['recall']:.4f}  F1 {s['f1']:.4f}"
            f"  (tp {s['true_pos']}, fp {s['false_pos']}, fn {s['false_neg']})"
        )

    print(f"source: {r['source']}")
    print(
        f"rows {r['rows']}  true persons {r['true_persons']}  contacts {r['contacts']}  merged {r['merged']}"
    )
    print(line("automatic merges", r["auto"]))
    print(line("automatic+suggested", r["auto_suggest"]))
    print(
        f"  without the {r['name_only_job_change_pairs']} true pairs linked by nothing but the name "
        f"(job change, no shared mobile/personal email): "
        f"recall auto {r['auto_recall_without_name_only']:.4f}, "
        f"auto+suggested {r['auto_suggest_recall_without_name_only']:.4f}"
    )
    if "baseline_rapidfuzz" in r:
        print(line("baseline rapidfuzz", r["baseline_rapidfuzz"]))
    print(f"suggestions {r['suggestions']}  ({r['suggestions_per_1000']:.1f} per 1,000 rows)")
    print(
        f"import {r['import_seconds']:.2f} s wall ({r['rows_per_second']:.0f} rows/s, one process); "
        f"{r['import_cpu_seconds']:.2f} s CPU ({r['rows_per_cpu_second']:.0f} rows/CPU-s)"
    )
    if "latency" in r:
        lat = r["latency"]
        assert isinstance(lat, dict)
        print(
            f"match one card vs {int(lat['index_size']):,} contacts: median {lat['median_ms']:.2f} ms, "
            f"p95 {lat['p95_ms']:.2f} ms, max {lat['max_ms']:.2f} ms "
            f"(match only: median {lat['match_only_median_ms']:.2f} ms, "
            f"p95 {lat['match_only_p95_ms']:.2f} ms; "
            f"CPU median {lat['cpu_median_ms']:.2f} ms, p95 {lat['cpu_p95_ms']:.2f} ms; "
            f"index built in {lat['index_build_s']:.1f} s)"
        )
    print(f"peak RSS {r['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
