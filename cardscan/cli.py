"""``python -m cardscan scan IMAGE [IMAGE ...]``: the reader on the command line (CONTRACT §1).

One JSON object per image on stdout, in input order (JSON Lines); logs on
stderr. Exit status 0 when every image was read, 1 when at least one could
not be, 2 for a usage error, 3 when Tesseract is not installed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence

from cardscan.config import Settings
from cardscan.errors import OcrUnavailable
from cardscan.pipeline import scan_many

log = logging.getLogger("cardscan")

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_OCR_UNAVAILABLE = 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cardscan`` command."""
    parser = argparse.ArgumentParser(
        prog="python -m cardscan", description="Read business cards from photos."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="read card images and print one JSON object per image")
    scan.add_argument("images", nargs="+", metavar="IMAGE", help="JPEG, PNG, WebP or HEIC/HEIF files")
    scan.add_argument(
        "--workers", type=_positive_int, default=os.cpu_count() or 1,
        help="images read in parallel (default: number of CPU cores)",
    )
    scan.add_argument(
        "--default-region", default="JP", type=str.upper,
        help="region for phone numbers printed without country code when the card gives no hint (default JP)",
    )
    scan.add_argument(
        "--extra", action="store_true", help="add name_reading, confidence and leftover to each object"
    )
    scan.add_argument("-v", "--verbose", action="store_true", help="log per-stage timings on stderr")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.verbose:
        # Our own debug lines only; Pillow and pytesseract are very chatty.
        log.setLevel(logging.DEBUG)
    try:
        settings = Settings(default_region=args.default_region)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    status = EXIT_OK
    out = sys.stdout
    try:
        for result in scan_many(args.images, workers=args.workers, settings=settings):
            if result.error is not None:
                status = EXIT_SOME_FAILED
                log.warning("%s: %s", result.file, result.error)
            else:
                log.info("%s: %.2f s %s", result.file, result.seconds, dict(result.timings))
            out.write(json.dumps(result.to_json_dict(extra=args.extra), ensure_ascii=False) + "\n")
            out.flush()
    except OcrUnavailable as e:
        print(f"error: {e.message}", file=sys.stderr)
        return EXIT_OCR_UNAVAILABLE
    return status
