"""``flask import-csv`` / ``export-csv`` / ``merge-suggestions`` on a real database (CONTRACT §2)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from sqlalchemy import select

from extensions import db
from models import AuditEvent, MergeRecord, Person, PersonSource
from tests.factories import PersonFactory, UserFactory

HEADER = (
    "source_id,name,name_latin,name_reading,company,department,title,email,phone,mobile,fax,url,"
    "postal_code,address,country,notes,favourite_food"
)
ROWS = [
    # A complete Japanese row; the unknown column must end up in the notes.
    "r1,山田 太郎,Taro Yamada,やまだ たろう,株式会社サンプル商事,営業部,部長,Taro.Yamada@Sample.co.jp,"
    "03-1234-5678,090-1111-2222,03-1234-5679,https://www.sample.co.jp,100-0005,"
    "東京都千代田区丸の内１－２－３,JP,展示会で名刺交換,寿司",
    # Same person again (same mobile and e-mail): merged, its source_id kept.
    "r2,山田 太郎,,,株式会社サンプル商事,営業部,部長,taro.yamada@sample.co.jp,,09011112222,,,,,,,",
    # Nothing that identifies anyone: rejected with its line number (line 4).
    "r3,,,,,,,,,,,,,,,only a note,",
    "r4,Jane Doe,,,ACME Inc.,Sales,Director,jane@acme.example,+1 415 555 0100,,,,,,US,,",
]


def csv_bytes(encoding: str, rows: list[str] | None = None) -> bytes:
    text = "\r\n".join([HEADER, *(ROWS if rows is None else rows)]) + "\r\n"
    return text.encode(encoding)


def people(session) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.merged_into_id.is_(None)).order_by(Person.id)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_import_generic_in_every_encoding(app, runner, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_bytes(encoding))

    result = runner.invoke(args=["import-csv", str(path)])

    assert result.exit_code == 0, result.output
    out = result.output
    assert "rows read: 4" in out
    assert "contacts created: 2" in out
    assert "merged automatically: 1" in out
    assert "rows rejected: 1" in out
    assert "line 4: no name, company, e-mail or phone" in out
    with app.app_context():
        found = people(db.session)
        assert [p.name for p in found] == ["山田 太郎", "Jane Doe"]
        taro = found[0]
        assert [e.email for e in taro.emails] == ["taro.yamada@sample.co.jp"]
        assert {(p.type, p.e164) for p in taro.phones} == {
            ("work", "+81312345678"),
            ("mobile", "+819011112222"),
            ("fax", "+81312345679"),
        }
        assert taro.company is not None and taro.company.name == "株式会社サンプル商事"
        assert taro.address == "東京都千代田区丸の内1-2-3"
        assert taro.prefecture == "東京都"
        assert "favourite_food: 寿司" in taro.notes
        assert "展示会で名刺交換" in taro.notes
        assert sorted(s.source_id for s in taro.sources) == ["r1", "r2"]
        assert found[1].phones[0].e164 == "+14155550100"
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).one()
        assert event.detail["rows"] == 4 and event.detail["rejected"] == 1


def test_import_eight_with_owner_and_rejected_lines(app, runner, tmp_path: Path) -> None:
    with app.app_context():
        owner_id = UserFactory(email="owner@example.com").id
    text = (
        "会社名,部署名,役職,氏名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n"
        "株式会社エイト,開発部,課長,佐藤 花子,hanako@eight.example,150-0001,東京都渋谷区神宮前1-1-1,"
        "03-5555-0000,,,,080-3333-4444,https://eight.example,2024/04/01\r\n"
        ",,,,,,,,,,,,,2024/04/02\r\n"
    )
    path = tmp_path / "eight.csv"
    path.write_bytes(text.encode("cp932"))

    result = runner.invoke(args=["import-csv", str(path), "--owner", "owner@example.com"])

    assert result.exit_code == 0, result.output
    assert "format: eight (cp932)" in result.output
    assert "contacts created: 1" in result.output
    assert "line 3:" in result.output
    with app.app_context():
        (hanako,) = people(db.session)
        assert hanako.owner_id == owner_id
        assert hanako.company is not None and hanako.company.name == "株式会社エイト"
        assert ("mobile", "+818033334444") in {(p.type, p.e164) for p in hanako.phones}


def test_row_without_name_only_adds_to_a_known_contact(app, runner, tmp_path: Path) -> None:
    rows = [
        "a1,鈴木 一郎,,,株式会社ミライ,,,ichiro@mirai.example,,090-5555-6666,,,,,,,",
        # No name, but the same mobile and e-mail: belongs to 鈴木 一郎.
        "a2,,,,株式会社ミライ,,課長,ichiro@mirai.example,,090-5555-6666,,,,,,,",
        # No name and nobody known: rejected with the reason.
        "a3,,,,株式会社ミライ,,,someone@mirai.example,,,,,,,,,",
    ]
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes("utf-8", rows))

    result = runner.invoke(args=["import-csv", str(path)])

    assert result.exit_code == 0, result.output
    assert "merged automatically: 1" in result.output
    assert "line 4: no name, and no known contact" in result.output
    with app.app_context():
        (ichiro,) = people(db.session)
        assert ichiro.title == "課長"


def test_unreadable_file_exits_1(runner, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\x80\x81")
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 1
    assert "cannot read" in result.output
    missing = runner.invoke(args=["import-csv", str(tmp_path / "nope.csv")])
    assert missing.exit_code != 0


def _import(runner, tmp_path: Path, rows: list[str] | None = None) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes("utf-8", rows))
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output


def _export(runner, tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "out.bin"
    result = runner.invoke(args=["export-csv", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _rows(data: bytes, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding), newline="")))


def test_export_generic_columns_sources_and_bom(app, runner, tmp_path: Path) -> None:
    _import(runner, tmp_path)
    data = _export(runner, tmp_path, "--format", "generic")

    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[0] == "contact_id" and header[-2:] == ["source_ids", "card_count"]
    assert header[1:-2] == HEADER.split(",")[:-1]
    rows = _rows(data)
    taro = next(r for r in rows if r["name"] == "山田 太郎")
    assert taro["source_ids"] == "r1;r2"
    assert taro["mobile"] == "+819011112222"
    assert taro["email"] == "taro.yamada@sample.co.jp"
    assert taro["card_count"] == "0"
    with app.app_context():
        assert int(taro["contact_id"]) == people(db.session)[0].id


@pytest.mark.parametrize("fmt", ["google", "outlook", "hubspot", "salesforce"])
def test_export_other_csv_formats_read_back(runner, tmp_path: Path, fmt: str) -> None:
    _import(runner, tmp_path)
    data = _export(runner, tmp_path, "--format", fmt)
    rows = _rows(data)
    assert len(rows) == 2
    cells = [" ".join(r.values()) for r in rows]
    assert any("taro.yamada@sample.co.jp" in c for c in cells)
    assert any("jane@acme.example" in c for c in cells)
    assert any("株式会社サンプル商事" in c for c in cells)


def test_export_vcard_reads_back(runner, tmp_path: Path) -> None:
    _import(runner, tmp_path)
    data = _export(runner, tmp_path, "--format", "vcard")
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 2
    assert {c.version.value for c in cards} == {"4.0"}
    assert {c.fn.value for c in cards} == {"山田 太郎", "Jane Doe"}
    taro = next(c for c in cards if c.fn.value == "山田 太郎")
    assert {e.value for e in taro.contents["email"]} == {"taro.yamada@sample.co.jp"}


def test_export_cp932_and_formula_guard(app, runner, tmp_path: Path) -> None:
    with app.app_context():
        PersonFactory(name='=HYPERLINK("http://evil")', title="@sum", department="髙橋部")
    data = _export(runner, tmp_path, "--format", "generic", "--encoding", "cp932")
    rows = _rows(data, "cp932")
    (row,) = rows
    assert not row["name"].startswith("=")
    assert not row["title"].startswith("@")
    assert row["department"] == "髙橋部"


def test_export_filters_and_audit(app, runner, tmp_path: Path) -> None:
    _import(runner, tmp_path)
    data = _export(runner, tmp_path, "--format", "generic", "--company", "ACME")
    assert [r["name"] for r in _rows(data)] == ["Jane Doe"]
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert event.user_id is None
        assert event.detail["actor"] == "cli"
        assert event.detail["channel"] == "cli"
        assert event.detail["rows"] == 1
        assert event.detail["format"] == "generic"
        assert event.detail["filter"] == {"company": "ACME"}


def test_export_as_member_user_sees_only_own(app, runner, tmp_path: Path) -> None:
    with app.app_context():
        member = UserFactory(email="m@example.com", role="member")
        PersonFactory(name="自分 の人", owner=member)
        PersonFactory(name="他人 の人")
    data = _export(runner, tmp_path, "--format", "generic", "--user", "m@example.com")
    assert [r["name"] for r in _rows(data)] == ["自分 の人"]
    everything = _export(runner, tmp_path, "--format", "generic")
    assert len(_rows(everything)) == 2


def test_round_trip_through_an_empty_database(app, runner, tmp_path: Path) -> None:
    """export generic → import into an empty database → export again: same contacts, same values."""
    from tests.conftest import make_app

    _import(runner, tmp_path)
    first = _rows(_export(runner, tmp_path, "--format", "generic"))

    other_dir = tmp_path / "second"
    other_dir.mkdir()
    second_app = make_app(other_dir, f"sqlite:///{other_dir / 'empty.db'}")
    second = second_app.test_cli_runner()
    exported = tmp_path / "first.csv"
    exported.write_bytes(_export(runner, tmp_path, "--format", "generic"))
    result = second.invoke(args=["import-csv", str(exported)])
    assert result.exit_code == 0, result.output
    assert "contacts created: 2" in result.output and "rows rejected: 0" in result.output
    again = _rows(_export(second, other_dir, "--format", "generic"))

    def comparable(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(
            ({k: v for k, v in r.items() if k != "contact_id"} for r in rows), key=lambda r: r["name"]
        )

    assert comparable(again) == comparable(first)


def test_merge_suggestions_json_lines(runner) -> None:
    result = runner.invoke(args=["merge-suggestions", "--json"])
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        item = json.loads(line)
        assert set(item) == {"id", "contact_ids", "score", "reasons"}


def test_import_keeps_every_source_id_through_a_merge(app, runner, tmp_path: Path) -> None:
    _import(runner, tmp_path)
    with app.app_context():
        ids = db.session.scalars(select(PersonSource.source_id).order_by(PersonSource.source_id)).all()
        assert ids == ["r1", "r2", "r4"]


def test_uncertain_duplicate_is_reported_not_merged(app, runner, tmp_path: Path) -> None:
    rows = [
        "s1,田中 一郎,,,株式会社ミライ,営業部,,tanaka@mirai.example,,,,,,,,,",
        # Same name at the same company, nothing else in common: maybe the same person.
        "s2,田中 一郎,,,株式会社ミライ,営業部,,,,,,,,,,,",
    ]
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes("utf-8", rows))
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    assert "contacts created: 2" in result.output
    assert "suggestions opened: 1" in result.output
    with app.app_context():
        ids = [p.id for p in people(db.session)]
    listed = runner.invoke(args=["merge-suggestions", "--json"])
    assert listed.exit_code == 0, listed.output
    if "not stored" in result.output:
        # No suggestion store in this build yet: the import summary names the pair instead.
        assert f"line 3: contacts {ids[0]} and {ids[1]}" in result.output
    else:
        pairs = [sorted(json.loads(line)["contact_ids"]) for line in listed.output.splitlines()]
        assert sorted(ids) in pairs


def test_export_to_stdout_and_warnings_to_stderr(app, runner) -> None:
    with app.app_context():
        PersonFactory(name="𠮷田 太郎")  # not in Shift_JIS: replaced, with a warning
    result = runner.invoke(args=["export-csv", "--format", "generic", "--encoding", "cp932"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("cp932").startswith("contact_id,source_id,name")
    assert "warning:" in result.stderr
    assert "warning:" not in result.stdout_bytes.decode("cp932")


def test_parallel_reader_decides_like_the_sequential_one(app, runner, tmp_path: Path) -> None:
    """Big files are read and matched in a forked child: same contacts as in-process."""
    rows = [
        f"p{i},山本 {i}郎,,,株式会社パラレル{i % 7},,,yama{i % 40}@para.example,,090-1234-{i % 40:04d},,,,,,,"
        for i in range(60)
    ]
    path = tmp_path / "many.csv"
    path.write_bytes(csv_bytes("utf-8", rows))
    sequential = runner.invoke(args=["import-csv", str(path)])
    assert sequential.exit_code == 0, sequential.output
    first = _rows(_export(runner, tmp_path, "--format", "generic"))

    # The forked reader is only used by a single-threaded process, as the real command line
    # is: run it as one, with the size threshold at zero so this small file takes that path.
    other_dir = tmp_path / "parallel"
    other_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{other_dir / 'p.db'}",
        "CARDSCAN_STORAGE_DIR": str(other_dir / "storage"),
        "CARDSCAN_QUEUE_URL": f"sqlite:///{other_dir / 'queue.db'}",
        "SECRET_KEY": "parallel-import-test",
        "CARDSCAN_IMPORT_PARALLEL_MIN_BYTES": "0",
    }
    root = Path(__file__).resolve().parents[2]
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    parallel = subprocess.run(
        [*flask, "import-csv", str(path)], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert parallel.returncode == 0, parallel.stderr
    exported = other_dir / "again.csv"
    done = subprocess.run(
        [*flask, "export-csv", "--format", "generic", "-o", str(exported)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr

    def counts(output: str) -> list[str]:
        return [line for line in output.splitlines() if not line.startswith("time:")]

    assert counts(parallel.stdout) == counts(sequential.output)
    assert _rows(exported.read_bytes()) == first


def test_export_to_a_path_that_cannot_be_written_is_a_clear_error_and_not_audited(
    app, runner, tmp_path: Path
) -> None:
    _import(runner, tmp_path)
    result = runner.invoke(args=["export-csv", "--format", "generic", "-o", str(tmp_path / "no" / "x.csv")])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output
    with app.app_context():
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all() == []


def test_phone_extensions_are_imported_and_exported_without_leaving_the_number_column(
    app, runner, tmp_path: Path
) -> None:
    row = (
        "x1,鈴木 一郎,,,株式会社テスト,,,ichiro@test.example,03-1234-5678 内線 205,"
        "+1 415 555 0100 ext. 12,,,,,JP,,"
    )
    _import(runner, tmp_path, [row])
    with app.app_context():
        person = people(db.session)[0]
        assert sorted((p.type, p.e164, p.extension) for p in person.phones) == [
            ("mobile", "+14155550100", "12"),
            ("work", "+81312345678", "205"),
        ]
    exported = _rows(_export(runner, tmp_path, "--format", "generic"))[0]
    # Phone columns hold E.164 (CONTRACT section 2); the extensions ride in notes.
    assert (exported["phone"], exported["mobile"]) == ("+81312345678", "+14155550100")
    assert exported["notes"].splitlines() == ["Phone: +81312345678 ext. 205", "Mobile: +14155550100 ext. 12"]
    vcard = vobject.readOne(_export(runner, tmp_path, "--format", "vcard").decode())
    assert sorted(t.value for t in vcard.tel_list) == ["+14155550100 ext. 12", "+81312345678 ext. 205"]


def test_a_file_imported_twice_creates_no_one_twice_and_adds_no_note_twice(
    app, runner, tmp_path: Path
) -> None:
    rows = [
        *ROWS,
        # Nothing but a name and a company: only its source_id says it is the same row.
        "r5,田中 一郎,,,株式会社ミライ,,,,,,,,,,,会議で紹介,",
    ]
    _import(runner, tmp_path, rows)
    with app.app_context():
        before = {p.id: (p.name, p.notes) for p in people(db.session)}
    path = tmp_path / "again.csv"
    path.write_bytes(csv_bytes("utf-8", rows))
    result = runner.invoke(args=["import-csv", str(path)])

    assert result.exit_code == 0, result.output
    assert "contacts created: 0" in result.output and "suggestions opened: 0" in result.output
    assert "merged automatically: 4" in result.output
    with app.app_context():
        assert {p.id: (p.name, p.notes) for p in people(db.session)} == before


def test_our_export_read_back_into_the_same_database_goes_to_the_same_contacts(
    app, runner, tmp_path: Path
) -> None:
    with app.app_context():
        # Made in the contact form: no source id, nothing the matcher could merge on.
        PersonFactory(name="高橋 健", notes="")
        db.session.commit()
    _import(runner, tmp_path)
    exported = tmp_path / "ours.csv"
    exported.write_bytes(_export(runner, tmp_path, "--format", "generic"))
    with app.app_context():
        before = sorted(p.id for p in people(db.session))

    result = runner.invoke(args=["import-csv", str(exported)])

    assert result.exit_code == 0, result.output
    assert "contacts created: 0" in result.output
    with app.app_context():
        assert sorted(p.id for p in people(db.session)) == before


def test_an_id_another_system_reuses_for_someone_else_is_not_a_merge(app, runner, tmp_path: Path) -> None:
    _import(runner, tmp_path)
    # "r4" was Jane Doe; in this other file it is someone else entirely.
    path = tmp_path / "other.csv"
    path.write_bytes(csv_bytes("utf-8", ["r4,佐々木 実,,,株式会社ホライズン,,,,,,,,,,,,"]))
    result = runner.invoke(args=["import-csv", str(path)])

    assert result.exit_code == 0, result.output
    assert "contacts created: 1" in result.output
    with app.app_context():
        assert sorted(p.name for p in people(db.session)) == ["Jane Doe", "佐々木 実", "山田 太郎"]


def test_row_that_is_two_records_of_one_person_joins_them(app, runner, tmp_path: Path) -> None:
    rows = [
        "j1,安田 茂,,,株式会社ネクスト,,,yasuda@next.example,,090-7865-0196,,,,,,,",
        # The new job, without the mobile: nothing but the name links it to j1.
        "j2,安田 茂,,,パイドパイパー株式会社,,,s.yasuda@piedpiper.example,,,,,,,,,",
        # The new job's mailbox and the old mobile: both records are this one person.
        "j3,安田 茂,,,パイドパイパー株式会社,,部長,s.yasuda@piedpiper.example,,09078650196,,,,,,,",
    ]
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes("utf-8", rows))
    result = runner.invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    assert "contacts created: 2" in result.output and "merged automatically: 1" in result.output
    assert "contacts joined (a row was two records of one person): 1" in result.output
    with app.app_context():
        (yasuda,) = people(db.session)
        assert {e.email for e in yasuda.emails} == {"yasuda@next.example", "s.yasuda@piedpiper.example"}
        assert yasuda.title == "部長"
        assert {s.source_id for s in yasuda.sources} == {"j1", "j2", "j3"}
        record = db.session.scalars(select(MergeRecord)).one()
        assert record.automatic and record.user_id is None and "line 4 is both people" in record.reasons
