"""Interaction notes: written on a person, attachments checked by content and kept private."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from extensions import db
from models import Attachment, Interaction, Person
from services import storage
from services.notes import NoteInput, UploadedFile, add_note, sniff_type
from services.validation import InvalidInput
from tests.web.records_helpers import add_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def note_form(text: str = "見積の相談", **extra: object) -> dict[str, object]:
    return {"kind": "visit", "occurred_on": "2026-11-20", "text": text, **extra}


def test_note_with_attachments_on_person_and_company_timeline(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎", company="株式会社サンプル商事")
    photo = png_bytes()
    response = member.post(
        f"/contacts/{person}/notes",
        data=note_form(files=[(io.BytesIO(photo), "ホワイトボード.png"), (io.BytesIO(PDF), "見積.pdf")]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/contacts/{person}#notes")
    with app.app_context():
        note = db.session.scalars(select(Interaction)).one()
        stored_person = db.session.get(Person, person)
        assert stored_person is not None
        assert (
            note.kind == "visit" and note.text == "見積の相談" and note.company_id == stored_person.company_id
        )
        assert [(a.filename, a.content_type, a.byte_size) for a in note.attachments] == [
            ("ホワイトボード.png", "image/png", len(photo)),
            ("見積.pdf", "application/pdf", len(PDF)),
        ]
        # Stored privately, outside static/, under the storage root.
        path = storage.resolve(note.attachments[0].storage_path)
        assert path.read_bytes() == photo and "static" not in path.parts
        # The day typed in the form, at noon Tokyo time.
        assert note.occurred_at == dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
        assert stored_person.last_interaction_at == note.occurred_at
        company_id = stored_person.company_id
        attachment_ids = [a.id for a in note.attachments]
    page = member.get(f"/contacts/{person}").get_data(as_text=True)
    assert "見積の相談" in page and "ホワイトボード.png" in page
    assert f'href="/files/attachments/{attachment_ids[0]}"' in page
    timeline = member.get(f"/companies/{company_id}").get_data(as_text=True)
    assert "見積の相談" in timeline and "山田 太郎" in timeline
    # A streamed file: close the response so the file handle is released.
    with member.get(f"/files/attachments/{attachment_ids[1]}") as download:
        assert download.status_code == 200 and download.data == PDF


def test_attachments_are_not_served_to_strangers(
    member: FlaskClient, client: FlaskClient, app: Flask
) -> None:
    person = add_person(app, "山田 太郎")
    member.post(
        f"/contacts/{person}/notes",
        data=note_form(files=[(io.BytesIO(PDF), "secret.pdf")]),
        content_type="multipart/form-data",
    )
    with app.app_context():
        attachment_id = db.session.scalars(select(Attachment.id)).one()
    response = client.get(f"/files/attachments/{attachment_id}")
    assert response.status_code in (302, 401) and PDF not in response.data


def test_file_type_comes_from_the_bytes_not_the_name(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(
        f"/contacts/{person}/notes?lang=en",
        data=note_form(files=[(io.BytesIO(b"<html><script>alert(1)</script>"), "photo.jpg")]),
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "photo.jpg is not a photo (JPEG, PNG, WebP, HEIC) or a PDF" in html
    with app.app_context():
        assert db.session.scalars(select(Interaction)).all() == []
        assert db.session.get(Person, person).last_interaction_at is None  # type: ignore[union-attr]


def test_sniff_type() -> None:
    assert sniff_type(png_bytes()) == "image/png"
    assert sniff_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_type(b"\x00\x00\x00\x18ftypheic") == "image/heic"
    assert sniff_type(PDF) == "application/pdf"
    assert sniff_type(b"MZ\x90\x00") is None
    assert sniff_type(b"") is None


def test_note_input_limits() -> None:
    now = dt.datetime.now(dt.UTC)
    with pytest.raises(InvalidInput, match="larger than 1 MB"):
        NoteInput(
            "call", now, "x", files=(UploadedFile("big.pdf", PDF + b" " * 2_000_000),), max_file_bytes=1 << 20
        )
    with pytest.raises(InvalidInput, match="write something"):
        NoteInput("call", now, "   ")
    with pytest.raises(InvalidInput, match="must be one of"):
        NoteInput("lunch", now, "x")
    with pytest.raises(InvalidInput, match="is empty"):
        NoteInput("call", now, "", files=(UploadedFile("empty.pdf", b""),))


def test_last_interaction_only_moves_forward(app: Flask) -> None:
    person_id = add_person(app, "山田 太郎")
    recent = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    older = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    with app.app_context():
        person = db.session.get(Person, person_id)
        assert person is not None
        add_note(db.session, person, NoteInput("call", recent, "電話"), author_id=None)
        add_note(db.session, person, NoteInput("visit", older, "昔の訪問を後から記録"), author_id=None)
        assert person.last_interaction_at == recent


def test_a_refused_note_gives_back_what_was_typed(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    text = "見積の相談。来月 <b>再訪</b>\n担当: 佐藤"
    response = member.post(
        f"/contacts/{person}/notes",
        data={
            "kind": "call",
            "occurred_on": "2026-11-02",
            "text": text,
            "files": [(io.BytesIO(png_bytes()), "ok.png"), (io.BytesIO(b"MZ\x90\x00"), "setup.exe")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "入力した文は下に残っています" in html
    typed = "見積の相談。来月 &lt;b&gt;再訪&lt;/b&gt;\n担当: 佐藤"  # escaped, never markup
    assert f'<textarea name="text" rows="3">{typed}</textarea>' in html
    assert '<option value="call" selected>' in html
    assert 'name="occurred_on" value="2026-11-02"' in html
    with app.app_context():
        assert db.session.scalars(select(Interaction)).all() == []
        assert db.session.scalars(select(Attachment)).all() == []


def test_note_without_text_or_file_is_refused_with_advice(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(f"/contacts/{person}/notes", data=note_form(text=""), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert re.search(r"メモは保存されていません：内容を書くかファイルを添付してください", html)


def test_note_needs_the_csrf_token(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(f"/contacts/{person}/notes", data=note_form(), csrf=False)
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Interaction)).all() == []
