"""Write labelled contacts as a generic CSV: ``python -m bench.contacts --rows 20000 --seed 1 -o out.csv``.

The CSV has the CONTRACT section 2 columns plus ``entity`` (the true person id)
and ``kind`` (how the row was made), so it can be imported with
``flask --app app import-csv`` (extra columns become notes) and scored.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from bench.contacts.generate import COLUMNS, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args(argv)
    rows = generate(args.rows, args.seed)
    out = sys.stdout if args.output == "-" else Path(args.output).open("w", newline="", encoding="utf-8")  # noqa: SIM115
    try:
        writer = csv.DictWriter(out, fieldnames=[*COLUMNS, "entity", "kind"])
        writer.writeheader()
        for labelled in rows:
            writer.writerow({**labelled.row, "entity": labelled.entity, "kind": labelled.kind})
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
