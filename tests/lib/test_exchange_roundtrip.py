"""Round trips: what we export, we read back unchanged."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardscan.normalize import nfkc
from cardscan.types import Phone
from exchange import EXPORT_FORMATS, ContactRow, ImportedRow, export, read_rows, write_csv
from tests.lib.test_exchange_samples import ALL


def import_all(data: bytes) -> list[ContactRow]:
    items = list(read_rows(data))
    assert all(isinstance(i, ImportedRow) for i in items), items
    return [i.contact for i in items]  # type: ignore[union-attr]


def comparable(row: ContactRow, *, with_ids: bool) -> dict[str, object]:
    """A contact's values; phones as a sorted set (their order across types is not kept)."""
    out = {
        "name": row.name,
        "name_latin": row.name_latin,
        "name_reading": row.name_reading,
        "company": row.company,
        "department": row.department,
        "title": row.title,
        "emails": row.emails,
        "phones": sorted((p.type, p.e164, p.extension or "") for p in row.phones),
        "urls": row.urls,
        "postal_code": row.postal_code,
        "address": row.address,
        "country": row.country,
        "notes": row.notes,
    }
    if with_ids:
        out.update(
            source_id=row.source_id,
            contact_id=row.contact_id,
            source_ids=row.source_ids,
            card_count=row.card_count,
        )
    return out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_generic_export_import_export_is_identical(encoding: str) -> None:
    first = write_csv(ALL, "generic", encoding=encoding).data
    contacts = import_all(first)
    assert [comparable(c, with_ids=True) for c in contacts] == [comparable(c, with_ids=True) for c in ALL]
    second = write_csv(contacts, "generic", encoding=encoding).data
    assert second == first


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_no_value_is_lost_through_any_format(fmt: str) -> None:
    contacts = import_all(export(ALL, fmt).data)
    # Only the generic format carries our own ids; every format keeps the contact's values.
    assert [comparable(c, with_ids=False) for c in contacts] == [comparable(c, with_ids=False) for c in ALL]


# Values as the database holds them: already normalised.
_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 山田太郎ヤマダ株式会社=+-@'\",;　\t")),
    max_size=16,
).map(nfkc)
_NOTES = st.text(alphabet=st.sampled_from(list("ab =+-@'\",;\n山田\t")), max_size=30).map(
    lambda s: s.strip("\n")
)
_EMAILS = st.lists(
    st.sampled_from(["a@example.com", "b@example.jp", "c.d@sample.co.jp"]), unique=True, max_size=3
)
_PHONES = st.lists(
    st.tuples(
        st.sampled_from(["work", "mobile", "fax", "other"]),
        st.sampled_from(["+81312345678", "+819012345678", "+14155550100", "+442079460000"]),
    ),
    unique=True,
    max_size=5,
)
_ADDRESS = st.sampled_from(
    [None, "東京都千代田区丸の内1-2-3 丸の内ビル5F", "1 Main St, Springfield, IL", "梅田1-1-1"]
)
_ID = st.text(alphabet=st.sampled_from(list("abc-019")), min_size=1, max_size=8)


@st.composite
def contacts(draw: st.DrawFn) -> ContactRow:
    def opt(value: str) -> str | None:
        return value or None

    return ContactRow(
        name=opt(draw(_TEXT)),
        name_latin=opt(draw(_TEXT)),
        name_reading=opt(draw(_TEXT)),
        company=opt(draw(_TEXT)),
        department=opt(draw(_TEXT)),
        title=opt(draw(_TEXT)),
        emails=tuple(draw(_EMAILS)),
        phones=tuple(Phone(t, e) for t, e in draw(_PHONES)),  # type: ignore[arg-type]
        urls=tuple(draw(st.lists(st.sampled_from(["https://a.example.com", "https://b.jp/x"]), unique=True))),
        postal_code=draw(st.sampled_from([None, "100-0005"])),
        address=draw(_ADDRESS),
        country=draw(st.sampled_from([None, "JP", "US"])),
        notes=opt(draw(_NOTES)),
        source_id=draw(st.none() | _ID),
        contact_id=draw(st.none() | st.integers(min_value=1, max_value=10**6)),
        source_ids=tuple(draw(st.lists(_ID, max_size=3))),
        card_count=draw(st.none() | st.integers(min_value=0, max_value=50)),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=4))
def test_generic_round_trip_property(rows: list[ContactRow]) -> None:
    rows = [r for r in rows if not r.is_empty] or [ContactRow(name="x")]
    first = write_csv(rows, "generic").data
    back = import_all(first)
    assert [comparable(c, with_ids=True) for c in back] == [comparable(c, with_ids=True) for c in rows]
    assert write_csv(back, "generic").data == first


def test_exchange_imports_no_web_or_database_code() -> None:
    code = (
        "import sys, exchange; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'models', 'services')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(), min_size=1, max_size=3), st.sampled_from(EXPORT_FORMATS))
def test_every_format_round_trip_property(rows: list[ContactRow], fmt: str) -> None:
    rows = [r for r in rows if not r.is_empty] or [ContactRow(company="x")]
    back = import_all(export(rows, fmt).data)
    assert [comparable(c, with_ids=False) for c in back] == [comparable(c, with_ids=False) for c in rows]
