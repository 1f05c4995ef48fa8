"""A second labelled set whose people and companies come from another generator.

``bench/contacts/generate.py`` and the matcher were written by one person, so
the matcher may fit that generator's habits (its email patterns, phone
plans, company names). Here the people, companies, addresses and contact
details come from the card generator of ``bench/cardgen`` (written
independently for the OCR benchmark: other name lists, ``.or.jp`` and
foreign companies, non-Japanese phone numbers), and duplicates are made with
a short, separate set of edits. It is a cross-check, not the held-out set.
"""

from __future__ import annotations

import random
import re
from typing import Any

from bench.cardgen.content import make_en, make_ja
from bench.contacts.generate import COLUMNS, LabelledRow

_SHORT_FORMS = {"株式会社": "(株)", "有限会社": "(有)"}


def _truth(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.8:
        content = make_ja(rng, layout=rng.choice(("horizontal", "horizontal", "bilingual")))
    else:
        content = make_en(rng, layout="horizontal")
    truth = dict(content.truth)
    truth["phones"] = [dict(p) for p in truth.get("phones", [])]
    return truth


def _national(e164: str) -> str:
    if e164.startswith("+81"):
        return "0" + e164[3:]
    return e164


def _row(t: dict[str, Any], rng: random.Random, *, edited: bool) -> dict[str, str]:
    def maybe(p: float) -> bool:
        return edited and rng.random() < p

    row = dict.fromkeys(COLUMNS, "")
    name = t.get("name") or ""
    if maybe(0.4):
        name = name.replace(" ", rng.choice(("", "\u3000")))
    row["name"] = name
    row["name_latin"] = t.get("name_latin") or ""
    row["name_reading"] = "" if maybe(0.5) else (t.get("name_reading") or "")
    company = t.get("company") or ""
    if maybe(0.3):
        for form, short in _SHORT_FORMS.items():
            if company.startswith(form):
                company = rng.choice((company[len(form) :] + form, short + company[len(form) :]))
            elif company.endswith(form):
                company = rng.choice((form + company[: -len(form)], company[: -len(form)] + short))
        company = re.sub(r",? (Inc\.|Corp\.|Ltd\.|LLC|GmbH)$", "", company) if maybe(0.5) else company
    row["company"] = company
    row["department"] = "" if maybe(0.2) else (t.get("department") or "")
    row["title"] = "" if maybe(0.2) else (t.get("title") or "")
    emails = list(t.get("emails") or [])
    if maybe(0.1):
        emails = []
    row["email"] = ";".join(e.upper() if maybe(0.05) else e for e in emails)
    columns = {"work": "phone", "mobile": "mobile", "fax": "fax", "other": "phone"}
    for phone in t.get("phones") or []:
        if maybe(0.1):
            continue
        column = columns.get(phone["type"], "phone")
        printed = _national(phone["e164"]) if maybe(0.5) else phone["e164"]
        row[column] = ";".join(x for x in (row[column], printed) if x)
    row["url"] = ";".join(t.get("urls") or [])
    row["postal_code"] = t.get("postal_code") or ""
    row["address"] = "" if maybe(0.2) else (t.get("address") or "")
    row["country"] = t.get("country") or ""
    return row


def crosscheck(rows: int, seed: int) -> list[LabelledRow]:
    """Labelled rows, shuffled: people from ``bench.cardgen``, one to four cards each.

    Args:
        rows: How many rows to make.
        seed: Everything follows from it.

    Returns:
        The rows with their true person ids.
    """
    rng = random.Random(seed)
    out: list[LabelledRow] = []
    people: list[dict[str, Any]] = []
    entity = 0
    while len(out) < rows:
        entity += 1
        t = _truth(rng)
        kind = "first"
        if people and rng.random() < 0.08:
            # A namesake at another company.
            other = rng.choice(people)
            t.update({k: other.get(k) for k in ("name", "name_reading", "name_latin")})
            kind = "namesake"
        elif people and rng.random() < 0.1:
            # A colleague: the company, its lines, URL, address and mailbox.
            other = rng.choice(people)
            for key in ("company", "urls", "postal_code", "address", "country"):
                t[key] = other.get(key)
            shared = [p for p in other["phones"] if p["type"] in ("work", "fax")]
            t["phones"] = [p for p in t["phones"] if p["type"] == "mobile"] + shared
            domain = (other.get("emails") or ["x@example.com"])[0].rpartition("@")[2]
            t["emails"] = [e.rpartition("@")[0] + "@" + domain for e in t.get("emails") or []]
            t["emails"].append("info@" + domain)
            kind = "colleague"
        people.append(t)
        cards = rng.choices((1, 2, 3, 4), weights=(55, 30, 10, 5))[0]
        out.append(LabelledRow(_row(t, rng, edited=False), entity, kind))
        for _ in range(cards - 1):
            if rng.random() < 0.1:
                # A job change: new company, lines and address; name and mobile stay.
                new = _truth(rng)
                mobiles = [p for p in t["phones"] if p["type"] == "mobile"]
                new.update({k: t.get(k) for k in ("name", "name_reading", "name_latin")})
                new["phones"] = [p for p in new["phones"] if p["type"] != "mobile"] + mobiles
                t = new
                out.append(LabelledRow(_row(t, rng, edited=True), entity, "job"))
            else:
                out.append(LabelledRow(_row(t, rng, edited=True), entity, "again"))
    out = out[:rows]
    rng.shuffle(out)
    for i, labelled in enumerate(out, start=1):
        labelled.row["source_id"] = f"x{i}"
    return out
