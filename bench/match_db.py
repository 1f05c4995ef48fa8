"""Speed of matching one new card against the database: ``python -m bench.match_db --people 100000``.

Fills a fresh database (SQLite file by default, ``--database-url`` for PostgreSQL) with
synthetic people the way the service stores them (indexed name/reading keys, E.164 phones,
lowercased emails, companies by key; colleagues share the main line and ``info@``), then
matches ``--probes`` new contacts through :func:`services.matching.match_contact`, the code
path of ``find_existing``, and prints the time per match (median, p95, max) and the
decisions. Probes are of four kinds: a second card of a stored person (same mobile: must
merge), a colleague sharing the main line and info@ (must not merge), a namesake at another
company (must not merge) and a stranger.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.cardgen.names import JP_GIVEN, JP_SURNAMES


def _fill(people: int, seed: int) -> list[dict[str, Any]]:
    """Insert ``people`` people (Core bulk inserts); returns a sample of them for probes."""
    from sqlalchemy import insert

    from extensions import db
    from models import Company, Person, PersonEmail, PersonPhone
    from models.base import utcnow
    from services.keys import company_key, name_key, reading_key

    rng = random.Random(seed)
    # Common surnames are much more common (Zipf-like), as in a real address book.
    weights = [1.0 / (i + 1) for i in range(len(JP_SURNAMES))]
    n_companies = max(1, people // 20)
    now = utcnow()
    companies = [
        {
            "id": i + 1,
            "name": f"株式会社テスト{i:05d}",
            "legal_form": "株式会社",
            "name_key": company_key(f"株式会社テスト{i:05d}"),
            "domain": f"test{i:05d}.co.jp",
            "stage": "potential",
            "created_at": now,
            "updated_at": now,
        }
        for i in range(n_companies)
    ]
    db.session.execute(insert(Company), companies)
    rows: list[dict[str, Any]] = []
    emails: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    for pid in range(1, people + 1):
        ((sk, sr, sl),) = rng.choices(JP_SURNAMES, weights)
        gk, gr, gl = rng.choice(JP_GIVEN)
        company = rng.randrange(n_companies)
        name = f"{sk} {gk}"
        reading = f"{sr} {gr}"
        rows.append(
            {
                "id": pid,
                "name": name,
                "name_key": name_key(name),
                "name_reading": reading,
                "reading_key": reading_key(reading),
                "company_id": company + 1,
                "notes": "",
                "is_key_person": False,
                "created_at": now,
                "updated_at": now,
            }
        )
        domain = companies[company]["domain"]
        emails.append({"person_id": pid, "email": f"{gl.lower()}.{sl.lower()}{pid}@{domain}"})
        emails.append({"person_id": pid, "email": f"info@{domain}"})
        phones.append({"person_id": pid, "type": "work", "e164": f"+813{company:08d}"})
        if rng.random() < 0.7:
            phones.append({"person_id": pid, "type": "mobile", "e164": f"+8190{pid:08d}"})
    for table, data in ((Person, rows), (PersonEmail, emails), (PersonPhone, phones)):
        for start in range(0, len(data), 20000):
            db.session.execute(insert(table), data[start : start + 20000])
    db.session.commit()
    mobile_of = {p["person_id"]: p["e164"] for p in phones if p["type"] == "mobile"}
    sample = []
    for row in rng.sample(rows, min(2000, len(rows))):
        company = companies[row["company_id"] - 1]
        sample.append(
            {
                **row,
                "company": company["name"],
                "domain": company["domain"],
                "mobile": mobile_of.get(row["id"]),
            }
        )
    return sample


def _probes(sample: list[dict[str, Any]], count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed + 1)
    with_mobile = [s for s in sample if s["mobile"]]
    probes: list[tuple[str, dict[str, Any]]] = []
    for i in range(count):
        kind = ("same_mobile", "colleague", "namesake", "stranger")[i % 4]
        s = rng.choice(with_mobile if kind == "same_mobile" else sample)
        if kind == "same_mobile":
            data = {"name": s["name"], "company": s["company"], "phones": [s["mobile"]], "emails": []}
        elif kind == "colleague":
            data = {
                "name": "新人 花子",
                "company": s["company"],
                "phones": [],
                "emails": [f"info@{s['domain']}"],
            }
        elif kind == "namesake":
            data = {"name": s["name"], "company": "株式会社ベンチ別会社", "phones": [], "emails": []}
        else:
            data = {
                "name": "無関係 一人",
                "company": "株式会社どこか",
                "phones": [f"+8180{i:08d}"],
                "emails": [],
            }
        probes.append((kind, data))
    return probes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", default="", help="an empty database (default: a temporary SQLite file)"
    )
    args = parser.parse_args(argv)

    from sqlalchemy import text

    from app import create_app
    from extensions import db
    from services.matching import match_contact, new_record

    with tempfile.TemporaryDirectory(prefix="match-db-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": Path(tmp) / "instance", "SECRET_KEY": "bench"}
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            sample = _fill(args.people, args.seed)
            fill_seconds = time.perf_counter() - started
            # A database in use has planner statistics (autovacuum, or ANALYZE after an import);
            # fresh from bulk inserts it has none, and PostgreSQL then scans people for a phone.
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            probes = _probes(sample, args.probes, args.seed)
            # Warm the connection and SQLite's page cache the way a running service is warm.
            for _kind, data in probes[:20]:
                match_contact(db.session, new_record(**data))
            times: list[float] = []
            by_kind: dict[str, list[float]] = {}
            decisions: Counter[tuple[str, str]] = Counter()
            scored: list[int] = []
            for kind, data in probes:
                t0 = time.perf_counter()
                outcome = match_contact(db.session, new_record(**data))
                times.append((time.perf_counter() - t0) * 1000)
                by_kind.setdefault(kind, []).append(times[-1])
                decisions[(kind, outcome.decision)] += 1
                scored.append(outcome.candidates_scored)
                db.session.rollback()  # nothing written; keeps the identity map small
            db.session.remove()
            db.engine.dispose()
    times.sort()
    report = {
        "people": args.people,
        "database": url.split(":", 1)[0],
        "fill_seconds": round(fill_seconds, 1),
        "probes": len(times),
        "ms_median": round(statistics.median(times), 2),
        "ms_p95": round(times[int(len(times) * 0.95) - 1], 2),
        "ms_max": round(times[-1], 2),
        "ms_median_by_kind": {k: round(statistics.median(v), 2) for k, v in sorted(by_kind.items())},
        "candidates_scored_max": max(scored),
        "decisions": {f"{k}->{d}": n for (k, d), n in sorted(decisions.items())},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    wrong = sum(n for (k, d), n in decisions.items() if (k == "same_mobile") != (d == "merge"))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
