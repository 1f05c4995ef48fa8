"""Import speed through the real command line: ``python -m bench.import_csv --rows 20000``.

Writes a labelled generic CSV with ``bench.contacts`` (duplicates and hard negatives
included; the label columns are dropped so they cannot help), then runs
``flask --app app import-csv`` in a fresh process against an empty SQLite database
(or ``--database-url``) and prints the command's summary with wall and CPU time.
The target of issue 4 is 20,000 rows in 30 s or less on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.contacts.generate import COLUMNS, generate

ROOT = Path(__file__).resolve().parents[1]


def write_csv(path: Path, rows: int, seed: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        for labelled in generate(rows, seed):
            writer.writerow(labelled.row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cardscan-import-bench-") as tmp:
        work = Path(tmp)
        source = work / "contacts.csv"
        write_csv(source, args.rows, args.seed)
        env = {
            **os.environ,
            "DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.db'}",
            "CARDSCAN_STORAGE_DIR": str(work / "storage"),
            "CARDSCAN_QUEUE_URL": f"sqlite:///{work / 'queue.db'}",
            "SECRET_KEY": "import-bench",
        }
        flask = [sys.executable, "-m", "flask", "--app", "app"]
        # Schema first, so the timed run measures the import alone.
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        load = os.getloadavg()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [*flask, "import-csv", str(source)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(done.stdout.rstrip())
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return done.returncode
    print(
        f"import of {args.rows} rows: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes), "
        f"{args.rows / wall:.0f} rows/s; target <= 30 s for 20,000 rows"
    )
    # Wall time on a busy machine says little: the load tells how busy it was.
    print(f"load average before/after: {load[0]:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
