"""How well ``cardscan.imaging.find_card`` finds the card in generated phone photos.

    python -m bench.detect --count 300 --seed 0 --workers 2
    python -m bench.detect --seeds 0-319          # the raw seeds bench.ocr_cache reads

Every photo from :mod:`bench.cardgen` records where the card's corners landed;
this scores the outline ``find_card`` returns against them, without OCR, so a
detection change is measured in a minute instead of a full reading run:

- IoU of the detected quadrilateral with the true one (0 when the whole frame
  was used), and the worst corner's distance from the truth as a share of the
  card's diagonal;
- how many cards were found well (IoU ≥ 0.95), roughly (≥ 0.85), wrongly
  (an outline with IoU < 0.85: part of the card, a band, a shadow's edge), or
  not at all (whole frame), by background and by the method that won;
- seconds per card for loading and detection.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import cv2
import numpy as np

GOOD_IOU = 0.95
ROUGH_IOU = 0.85


def quad_iou(a: Any, b: Any) -> float:
    """Intersection over union of two convex quadrilaterals (lists of four x, y points)."""
    pa = np.asarray(a, np.float32).reshape(-1, 2)
    pb = np.asarray(b, np.float32).reshape(-1, 2)
    pa = cv2.convexHull(pa).reshape(-1, 2)
    pb = cv2.convexHull(pb).reshape(-1, 2)
    inter, _ = cv2.intersectConvexConvex(pa, pb)
    union = cv2.contourArea(pa) + cv2.contourArea(pb) - inter
    return float(inter / union) if union > 0 else 0.0


def corner_error(found: Any, truth: Any) -> float:
    """The worst distance from a true corner to the nearest found one, over the card's diagonal."""
    f = np.asarray(found, np.float64).reshape(-1, 2)
    t = np.asarray(truth, np.float64).reshape(-1, 2)
    diagonal = max(np.linalg.norm(t[0] - t[2]), np.linalg.norm(t[1] - t[3]))
    worst = max(float(np.min(np.linalg.norm(f - corner, axis=1))) for corner in t)
    return worst / diagonal


def grade(iou: float, found: bool) -> str:
    if not found:
        return "frame"
    if iou >= GOOD_IOU:
        return "good"
    if iou >= ROUGH_IOU:
        return "rough"
    return "wrong"


def _one(job: tuple[int, dict[str, Any]]) -> dict[str, Any] | None:
    import os

    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)
    from bench.cardgen import generate
    from cardscan.imaging import find_card, load_image

    seed, filters = job
    sample = generate(seed, **filters)
    if sample.meta["capture"] != "photo":
        return None
    started = time.perf_counter()
    photo = load_image(sample.jpeg)
    card = find_card(photo)
    seconds = time.perf_counter() - started
    # The loader shrinks big photos: the truth is in the generated photo's pixels.
    shrink = photo.size[0] / sample.image.size[0]
    truth = np.asarray(sample.meta["distortions"]["corners"]) * shrink
    iou = quad_iou(card.corners, truth) if card.found else 0.0
    error = corner_error(card.corners, truth) if card.found else 1.0
    return {
        "seed": seed,
        "background": sample.meta["distortions"]["background"],
        "method": card.method,
        "iou": iou,
        "corner_error": error,
        "grade": grade(iou, card.found),
        "seconds": seconds,
    }


def report(rows: list[dict[str, Any]], *, worst: int = 10) -> str:
    grades = ("good", "rough", "wrong", "frame")
    lines = [f"{len(rows)} photos"]
    ious = [r["iou"] for r in rows]
    errors = sorted(r["corner_error"] for r in rows)
    lines.append(
        f"IoU mean {statistics.fmean(ious):.4f}, median {statistics.median(ious):.4f}; "
        f"worst corner / diagonal median {statistics.median(errors):.4f}, "
        f"p90 {errors[int(0.9 * (len(errors) - 1))]:.4f}"
    )
    total = Counter(r["grade"] for r in rows)
    lines.append("all: " + ", ".join(f"{g} {total[g]} ({total[g] / len(rows):.1%})" for g in grades))
    for key in ("background", "method"):
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for r in rows:
            groups[r[key]][r["grade"]] += 1
        lines.append(f"by {key}:")
        for name in sorted(groups):
            c = groups[name]
            n = sum(c.values())
            lines.append(f"  {name:<11} {n:4d}  " + "  ".join(f"{g} {c[g]:3d}" for g in grades))
    seconds = sorted(r["seconds"] for r in rows)
    lines.append(
        f"seconds per photo (load + detect): median {statistics.median(seconds):.3f}, "
        f"p90 {seconds[int(0.9 * (len(seconds) - 1))]:.3f}"
    )
    bad = sorted((r for r in rows if r["grade"] != "good"), key=lambda r: r["iou"])[:worst]
    if bad:
        lines.append("worst:")
        lines.extend(
            f"  seed {r['seed']}: {r['grade']} IoU {r['iou']:.3f} ({r['method']}, {r['background']})"
            for r in bad
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.cardgen import sample_seed
    from bench.ocr_cache import parse_seeds

    ap = argparse.ArgumentParser(prog="python -m bench.detect", description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300, help="photos of the data set made from --seed")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", help="raw generator seeds instead, e.g. 0-319 (bench.ocr_cache's dev cards)")
    ap.add_argument("--lang", choices=("ja", "en"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--worst", type=int, default=10, help="misdetected photos to list")
    args = ap.parse_args(argv)
    filters: dict[str, Any] = {"lang": args.lang} if args.lang else {}
    if args.seeds:
        seeds = parse_seeds(args.seeds)  # as bench.ocr_cache draws them: the scans among them are skipped
    else:
        seeds = [sample_seed(args.seed, i) for i in range(1, args.count + 1)]
        filters["capture"] = "photo"
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.workers)) as pool:
        rows = [r for r in pool.map(_one, [(s, filters) for s in seeds], chunksize=4) if r is not None]
    print(report(rows, worst=args.worst))
    print(f"wall {time.perf_counter() - started:.1f}s on {args.workers} workers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
