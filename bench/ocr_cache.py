"""Cached OCR pages of generated cards, to iterate on the parser in seconds.

    python -m bench.ocr_cache build --seeds 0-79 --workers 2     # OCR once, pickle per seed
    python -m bench.ocr_cache score --seeds 0-79 [--failures 5] [--field name] [--json]
    python -m bench.ocr_cache build --seeds 0-59 --layout vertical --cache bench/out/ocr-vert

``--layout``/``--lang``/``--capture`` are passed to ``generate`` (use a separate ``--cache``
folder for each such set: a cached page is kept while its file exists).

``build`` generates ``bench.cardgen.generate(seed)`` for each seed, runs the
real reader (``cardscan.pipeline.scan``) on the JPEG and pickles the
``OcrPage`` with the truth under ``bench/out/ocr-cache/SEED.pkl`` (kept while
the file exists). ``score`` re-parses every cached page with the current
``cardscan.parse.parse_page`` and prints ``bench.score``'s table, so a parser
change is measured on exactly the same OCR output as before.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench import score as scorer

CACHE = Path(__file__).resolve().parent / "out" / "ocr-cache"


def parse_seeds(spec: str) -> list[int]:
    """``"0-79,1000-1059,7"`` → the listed seeds, in order."""
    seeds: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        lo, dash, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi) + 1) if dash else [int(lo)])
    return seeds


def _build_one(job: tuple[int, Path, dict[str, str]]) -> tuple[int, float]:
    import os

    os.environ["OMP_THREAD_LIMIT"] = "1"
    from bench.cardgen import generate
    from cardscan.pipeline import scan

    seed, cache, options = job
    path = cache / f"{seed}.pkl"
    if path.exists():
        return seed, 0.0
    sample = generate(seed, **options)  # type: ignore[arg-type]
    result = scan(sample.jpeg, name=f"{seed}.jpg")
    row = {"truth": {**sample.truth, "meta": sample.meta}, "page": result.page, "error": result.error}
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pickle.dumps(row))
    tmp.replace(path)
    return seed, result.seconds


def build(seeds: list[int], workers: int, cache: Path = CACHE, options: dict[str, str] | None = None) -> None:
    """OCR every seed not yet cached in ``cache``; ``options`` go to ``generate``."""
    cache.mkdir(parents=True, exist_ok=True)
    todo = [(s, cache, options or {}) for s in seeds if not (cache / f"{s}.pkl").exists()]
    started = time.perf_counter()
    # Fresh interpreters, as in cardscan.pipeline: forking a process with OpenCV threads can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        for i, (seed, secs) in enumerate(pool.map(_build_one, todo), 1):
            print(f"  {i}/{len(todo)} seed {seed}: {secs:.1f}s", file=sys.stderr, flush=True)
    print(f"cached {len(todo)} pages in {time.perf_counter() - started:.0f}s", file=sys.stderr)


def load(seeds: list[int], cache: Path = CACHE) -> list[dict[str, Any]]:
    """The cached rows (truth + page) of the seeds that are cached in ``cache``."""
    rows = []
    for s in seeds:
        path = cache / f"{s}.pkl"
        if path.exists():
            row = pickle.loads(path.read_bytes())
            row["seed"] = s
            rows.append(row)
    return rows


def predict(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Truth rows and prediction rows (CONTRACT section 1) with the current parser."""
    from cardscan.parse import parse_page

    truths, preds = [], []
    for row in rows:
        name = f"{row['seed']}.jpg"
        truths.append({"file": name, **row["truth"]})
        if row["page"] is None:
            preds.append({"file": name, "error": row["error"] or "no page"})
            continue
        card = parse_page(row["page"])
        preds.append({"file": name, **card.to_contract_dict(), "seconds": 0.0})
    return truths, preds


def show(rows: list[dict[str, Any]]) -> None:
    """Print each cached page's lines, the truth and the current parse, to study a failure."""
    from cardscan.parse import parse_page

    for row in rows:
        truth = {k: v for k, v in row["truth"].items() if k not in ("meta", "name_reading")}
        meta = row["truth"]["meta"]
        print(f"=== seed {row['seed']} {meta['lang']} {meta['layout']} {meta['capture']}")
        page = row["page"]
        if page is None:
            print("  error:", row["error"])
            continue
        for line in page.lines:
            flag = "V" if line.vertical else " "
            print(f"  {flag} {line.confidence:.2f} {line.glyph_size:4d} | {line.text}")
        pred = parse_page(page).to_contract_dict()
        for key, value in truth.items():
            mark = "  " if value == pred.get(key) else "!!"
            print(f"  {mark} {key}: {value!r} -> {pred.get(key)!r}")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``build`` or ``score``."""
    ap = argparse.ArgumentParser(prog="python -m bench.ocr_cache", description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("build", "score", "show"))
    ap.add_argument("--seeds", default="0-79")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--failures", type=int, default=0)
    ap.add_argument("--field", help="print only this field's failures")
    ap.add_argument("--json", type=Path, help="write the report here")
    ap.add_argument("--cache", type=Path, default=CACHE, help="cache folder (default bench/out/ocr-cache)")
    for option in ("lang", "layout", "capture"):
        ap.add_argument(f"--{option}", help=f"build: passed as {option}= to bench.cardgen.generate")
    args = ap.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    if args.command == "build":
        options = {k: getattr(args, k) for k in ("lang", "layout", "capture") if getattr(args, k)}
        build(seeds, args.workers, args.cache, options)
        return 0
    if args.command == "show":
        show(load(seeds, args.cache))
        return 0
    truths, preds = predict(load(seeds, args.cache))
    report = scorer.score(truths, preds)
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(scorer.format_table(report).split("\nseconds per card")[0])
    if args.failures:
        if args.field:
            report.failures = {args.field: report.failures.get(args.field, [])}
        print(scorer.format_failures(report, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
