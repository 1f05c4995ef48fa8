"""Search latency on a large customer base: ``python -m bench.search``.

    python -m bench.search [--count 100000] [--queries 200] [--database sqlite|postgresql]
                           [--analyze] [--json] [--keep DIR]

Fills a fresh database (schema from the migrations, as ``make run`` builds it) with
``--count`` generated contacts (``bench.contacts``: realistic names, readings,
companies with legal forms, phones in many formats, prefectures and titles), then
times ``services.search.search_people`` (the function behind the web list, the API
and the export: the count plus one page of 25 with companies, emails, phones and
tags loaded) for each kind of query, sampled from the stored data:

- ``name_prefix``: a family name in kanji (佐藤 ...), the start of ``name_key``
- ``reading``: a family name in katakana, matched against the hiragana ``reading_key``
- ``phone``: a stored number typed another way (``(090) 1234 5678``, ``+81 90-...``)
- ``email``: a stored address in upper case
- ``company``: a company name without its legal form
- ``prefecture_title``: the filters prefecture + title containing 代表取締役/部長
- ``browse``: no query, sorted by reading, one of the first 40 pages

Prints median and p95 milliseconds per kind, and how many people matched.
``--database postgresql`` starts a throwaway cluster (``initdb`` in a temporary
folder, C locale) and removes it afterwards. ``--analyze`` runs ANALYZE after the
fill (the app itself never does; without it the figures are what a new install sees).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from bench.contacts import generate
from services.keys import (
    company_key,
    format_phone,
    legal_form_of,
    name_key,
    nfkc,
    normalize_email,
    normalize_phone,
    prefecture_of,
    reading_key,
)
from services.search import SearchCriteria, search_people

KINDS: tuple[str, ...] = ("name_prefix", "reading", "phone", "email", "company", "prefecture_title", "browse")
TITLE_FILTERS: tuple[str, ...] = ("代表取締役", "部長")
BATCH = 5000


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A database URL for the run; a throwaway PostgreSQL cluster when asked."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'search-bench.db'}"
        return
    from tests.conftest import PostgresServer

    # The server runs as the 'postgres' user when we are root: it must be able to reach its folder.
    workdir.chmod(0o755)
    server = PostgresServer(workdir / "pg")
    server.start()
    try:
        server.execute("CREATE DATABASE search_bench")
        yield server.url("search_bench")
    finally:
        server.stop()


def _phone_rows(row: dict[str, str]) -> list[tuple[str, str]]:
    phones = []
    for column, kind in (("phone", "work"), ("mobile", "mobile"), ("fax", "fax")):
        if row.get(column):
            e164 = normalize_phone(row[column], "JP")
            if e164:
                phones.append((kind, e164))
    return phones


def fill(session: Any, count: int, seed: int) -> dict[str, int]:
    """Insert ``count`` generated people (with companies, emails, phones) in bulk."""
    from models import Company, Person, PersonEmail, PersonPhone

    rows = generate(count, seed)
    companies: dict[str, int] = {}
    company_rows: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    emails: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    stages = ("potential", "prospect", "customer", "loyal")
    rng = random.Random(seed)
    for person_id, labelled in enumerate(rows, start=1):
        row = labelled.row
        company_id = None
        if row["company"]:
            key = company_key(row["company"])
            company_id = companies.get(key)
            if company_id is None:
                company_id = len(companies) + 1
                companies[key] = company_id
                name = nfkc(row["company"]).strip()
                company_rows.append(
                    {
                        "id": company_id,
                        "name": name,
                        "legal_form": legal_form_of(name),
                        "name_key": key,
                        "stage": rng.choice(stages),
                    }
                )
        reading = row["name_reading"] or None
        address = nfkc(row["address"]).strip() or None
        people.append(
            {
                "id": person_id,
                "name": row["name"],
                "name_key": name_key(row["name"]),
                "name_reading": reading,
                "reading_key": reading_key(reading) or None,
                "name_latin": row["name_latin"] or None,
                "title": row["title"] or None,
                "department": row["department"] or None,
                "company_id": company_id,
                "postal_code": row["postal_code"] or None,
                "address": address,
                "prefecture": prefecture_of(address),
                "country": row["country"] or None,
                "notes": "",
            }
        )
        if row["email"]:
            emails.append({"person_id": person_id, "email": normalize_email(row["email"])})
        phones.extend({"person_id": person_id, "type": t, "e164": e} for t, e in _phone_rows(row))
    for model, batch in (
        (Company, company_rows),
        (Person, people),
        (PersonEmail, emails),
        (PersonPhone, phones),
    ):
        for start in range(0, len(batch), BATCH):
            # Core executemany: the ORM bulk path emits row by row when it must fetch keys.
            session.execute(insert(model.__table__), batch[start : start + BATCH])
    session.commit()
    return {
        "people": len(people),
        "companies": len(company_rows),
        "emails": len(emails),
        "phones": len(phones),
    }


def _retype(e164: str, rng: random.Random) -> str:
    """A stored number the way someone might type it into the search box."""
    national = format_phone(e164, "JP")
    digits = national.replace("-", "")
    style = rng.randrange(4)
    if style == 0:
        return national.replace("-", " ")
    if style == 1:
        parts = national.split("-")
        return f"({parts[0]}) {'-'.join(parts[1:])}" if len(parts) > 1 else digits
    if style == 2:
        return "+81 " + national[1:]
    return digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def sample_queries(session: Any, kind: str, n: int, rng: random.Random) -> list[SearchCriteria]:
    """``n`` criteria of one kind, drawn from the stored data."""
    from models import Company, Person, PersonEmail, PersonPhone

    def pick(stmt: Any) -> list[Any]:
        # All candidate values, in insertion order on every back end, so the sample is
        # the same kind of data on SQLite and PostgreSQL.
        values = [v for v in session.scalars(stmt) if v]
        return [rng.choice(values) for _ in range(n)]

    if kind == "name_prefix":
        names = pick(select(Person.name).where(Person.name.contains(" ")).order_by(Person.id))
        return [SearchCriteria(q=name.split(" ")[0]) for name in names]
    if kind == "reading":
        readings = pick(
            select(Person.name_reading).where(Person.name_reading.is_not(None)).order_by(Person.id)
        )
        return [SearchCriteria(q=r[: max(2, len(r) // 2)]) for r in readings]
    if kind == "phone":
        numbers = pick(select(PersonPhone.e164).where(PersonPhone.e164.like("+81%")).order_by(PersonPhone.id))
        return [SearchCriteria(q=_retype(e, rng)) for e in numbers]
    if kind == "email":
        return [SearchCriteria(q=e.upper()) for e in pick(select(PersonEmail.email).order_by(PersonEmail.id))]
    if kind == "company":
        from services.keys import legal_form_of

        names = pick(select(Company.name).order_by(Company.id))
        # Typed without the legal form, as people search.
        return [SearchCriteria(q=c.replace(legal_form_of(c) or "", "").strip(" ,")) for c in names]
    if kind == "prefecture_title":
        prefectures = pick(
            select(Person.prefecture).where(Person.prefecture.is_not(None)).order_by(Person.id)
        )
        return [SearchCriteria(prefecture=p, title=rng.choice(TITLE_FILTERS)) for p in prefectures]
    if kind == "browse":
        # The unfiltered list by reading, paged: what the people page shows first.
        return [SearchCriteria(page=rng.randint(1, 40)) for _ in range(n)]
    raise ValueError(kind)


def measure(session: Any, queries: list[SearchCriteria]) -> dict[str, float]:
    """Median and p95 wall time (ms) of ``search_people`` over ``queries``, and match counts."""
    search_people(session, queries[0])  # warm the statement cache and the page cache
    times: list[float] = []
    totals: list[int] = []
    for criteria in queries:
        session.expire_all()
        start = time.perf_counter()
        page = search_people(session, criteria)
        times.append((time.perf_counter() - start) * 1000)
        totals.append(page.total)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
        "max_ms": round(times[-1], 2),
        "median_matches": statistics.median(totals),
        "zero_matches": sum(1 for t in totals if t == 0),
    }


def run(args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    """Fill, then time every kind of query; returns the report."""
    with ExitStack() as cleanup:
        if args.keep:
            workdir = Path(args.keep)
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="cardscan-search-")))
        return _run_in(workdir, args, log)


def _run_in(workdir: Path, args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    from app import create_app, ensure_schema
    from extensions import db

    report: dict[str, Any] = {"database": args.database, "count": args.count, "queries": args.queries}
    with database(args.database, workdir) as url:
        app = create_app(
            {
                "INSTANCE_PATH": workdir / "instance",
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "STORAGE_DIR": str(workdir / "storage"),
            }
        )
        ensure_schema(app)
        with app.app_context():
            session = db.session
            start = time.perf_counter()
            report["rows"] = fill(session, args.count, args.seed)
            report["fill_seconds"] = round(time.perf_counter() - start, 1)
            log(f"filled {report['rows']} in {report['fill_seconds']} s ({url.split('://')[0]})")
            if args.analyze:
                session.execute(text("ANALYZE"))
                session.commit()
            report["people_in_db"] = session.scalar(select(func.count()).select_from(text("people")))
            rng = random.Random(args.seed)
            results = {}
            for kind in KINDS:
                queries = sample_queries(session, kind, args.queries, rng)
                results[kind] = measure(session, queries)
                log(f"{kind:17} {results[kind]}")
            report["results"] = results
            session.remove()
            db.engine.dispose()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE after the fill")
    parser.add_argument("--keep", help="folder for the database (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    report = run(args, log)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    people = report["people_in_db"]
    print(f"search latency, {report['database']}, {people} people, {args.queries} queries per kind")
    print(f"{'query':18} {'median ms':>10} {'p95 ms':>10} {'max ms':>10} {'matches (median)':>17}")
    for kind, r in report["results"].items():
        print(f"{kind:18} {r['median_ms']:>10} {r['p95_ms']:>10} {r['max_ms']:>10} {r['median_matches']:>17}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
