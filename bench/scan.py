"""Accuracy and speed of the card reader on synthetic (or any) card photos.

    python -m bench.scan --count 60 --seed 0 --workers 2 [--lang ja|en] [--capture scan|photo] [--layout L]
    python -m bench.scan --images /work/shared/real-cards --truth /work/shared/real-cards/truth.jsonl

The first form generates the set with :mod:`bench.cardgen` (cached in
``bench/out/cards-N-sSEED[-filters]/``, reused while its truth.jsonl exists),
the second scores any folder of images against a truth file. Both run
``cardscan.pipeline.scan_many``, write ``predictions.jsonl`` and
``report.json`` next to the output and print the scorer's table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench import score as scorer

OUT_ROOT = Path(__file__).resolve().parent / "out"


def _one(args: tuple[int, int, dict[str, Any]]) -> tuple[str, dict[str, Any], bytes]:
    from bench.cardgen import generate, sample_seed

    index, seed, filters = args
    sample = generate(sample_seed(seed, index), **filters)
    return f"{index:04d}.jpg", {**sample.truth, "meta": sample.meta}, sample.jpeg


def build_dataset(out: Path, count: int, seed: int, *, workers: int, **filters: Any) -> Path:
    """Generate the cards (in parallel) exactly as ``bench.cardgen.write_dataset`` would."""
    truth_path = out / "truth.jsonl"
    if truth_path.exists():
        print(f"using cached cards in {out}", file=sys.stderr)
        return truth_path
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs = [(i, seed, filters) for i in range(1, count + 1)]
    tmp = out / "truth.jsonl.part"
    with tmp.open("w", encoding="utf-8") as fh, ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        for name, row, jpeg in pool.map(_one, jobs, chunksize=4):
            (out / name).write_bytes(jpeg)
            fh.write(json.dumps({"file": name, **row}, ensure_ascii=False) + "\n")
    tmp.replace(truth_path)
    print(f"generated {count} cards in {time.perf_counter() - started:.1f}s into {out}", file=sys.stderr)
    return truth_path


def run_reader(images: list[Path], predictions: Path, *, workers: int, names: list[str]) -> float:
    """Scan ``images`` with the pipeline, writing one JSON line each; returns wall seconds."""
    from cardscan.pipeline import scan_many

    started = time.perf_counter()
    with predictions.open("w", encoding="utf-8") as fh:
        for i, (name, result) in enumerate(zip(names, scan_many(images, workers=workers), strict=True), 1):
            row = result.to_json_dict()
            row["file"] = name
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            if i % 10 == 0 or i == len(images):
                print(f"  scanned {i}/{len(images)} ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Command line: build or pick the image set, scan it, score it, print the table."""
    ap = argparse.ArgumentParser(prog="python -m bench.scan", description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, help="where to put the cards and predictions")
    ap.add_argument("--lang", choices=("ja", "en"))
    ap.add_argument("--capture", choices=("scan", "photo"))
    ap.add_argument("--layout")
    ap.add_argument("--images", type=Path, help="score this folder instead of generated cards")
    ap.add_argument("--truth", type=Path, help="truth JSON Lines for --images")
    ap.add_argument("--failures", type=int, default=3, metavar="N", help="failures to print per field")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)

    if args.images:
        if not args.truth:
            ap.error("--images needs --truth")
        truth_path, image_dir = args.truth, args.images
        out = args.out or OUT_ROOT / f"run-{args.images.resolve().name}"
        out.mkdir(parents=True, exist_ok=True)
    else:
        filters = {
            k: v for k, v in (("lang", args.lang), ("capture", args.capture), ("layout", args.layout)) if v
        }
        tag = "".join(f"-{v}" for v in filters.values())
        out = args.out or OUT_ROOT / f"cards-{args.count}-s{args.seed}{tag}"
        truth_path = build_dataset(out, args.count, args.seed, workers=args.workers, **filters)
        image_dir = out
    truth_rows = scorer.read_jsonl(truth_path)
    names = [str(r["file"]) for r in truth_rows]
    images = [image_dir / n for n in names]
    predictions = out / "predictions.jsonl"
    wall = run_reader(images, predictions, workers=args.workers, names=names)
    report = scorer.score(truth_rows, scorer.read_jsonl(predictions))
    data = report.to_json()
    data["run"] = {
        "cards": len(images),
        "workers": args.workers,
        "wall_seconds": round(wall, 2),
        "cards_per_minute": round(60 * len(images) / wall, 1) if wall else None,
        "truth": str(truth_path),
        "predictions": str(predictions),
    }
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(scorer.format_table(report))
    print(
        f"\n{len(images)} cards, {args.workers} workers: {wall:.1f}s wall, "
        f"{data['run']['cards_per_minute']} cards/min"
    )
    if args.failures:
        print()
        print(scorer.format_failures(report, args.failures))
    print(f"\npredictions: {predictions}\nreport: {out / 'report.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
