"""Capture: uploads go to private storage, become queued cards and are read by the real reader."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from extensions import db
from models import Card
from services.cards import sniff_image_type
from services.queue import get_queue
from tests.conftest import login
from tests.web.card_images import CORRUPT_PNG, heic_bytes, japanese_card, png_bytes

JSON = {"Accept": "application/json"}


def upload(client, *files, headers=JSON):
    data = {"image": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/capture", data=data, content_type="multipart/form-data", headers=headers)


def test_capture_page_offers_camera_and_gallery(member):
    html = member.get("/capture").get_data(as_text=True)
    assert 'capture="environment"' in html
    assert "multiple" in html and ".heic" in html
    assert "撮影する" in html and "写真を選ぶ" in html
    assert 'name="viewport"' in html


@pytest.mark.slow
def test_upload_is_queued_then_read_by_the_real_reader(app, member):
    jpeg, truth = japanese_card()
    response = upload(member, ("IMG_0001.JPG", jpeg))
    assert response.status_code == 202
    body = response.get_json()
    card_id = body["files"][0]["card_id"]
    assert body["files"][0]["error"] is None

    with app.app_context():
        card = db.session.get(Card, card_id)
        assert card.status == "queued"
        assert card.sha256 == hashlib.sha256(jpeg).hexdigest() and card.byte_size == len(jpeg)
        assert card.content_type == "image/jpeg" and card.original_filename == "IMG_0001.JPG"
        assert "static" not in card.image_path
        assert card.job_id in get_queue().pending_ids()
        assert get_queue().run_pending() == 1

    status = member.get(f"/capture/status?ids={card_id}").get_json()["cards"][0]
    assert status["status"] == "read", status
    with app.app_context():
        card = db.session.get(Card, card_id)
        assert card.parsed["emails"] == truth["emails"]
        assert card.parsed["confidence"]  # the review screen needs them
        assert any(truth["emails"][0] in line["text"].lower() for line in card.raw_ocr["lines"])
        assert card.read_at is not None and card.seconds > 0


def test_bad_uploads_get_a_reason_each_and_good_ones_are_kept(app, member):
    app.config["MAX_UPLOAD_BYTES"] = 10_000
    response = upload(
        member,
        ("empty.jpg", b""),
        ("notes.jpg", b"this is a text file, not a photo"),
        ("huge.png", png_bytes() + b"\0" * 20_000),
        ("good.png", png_bytes()),
    )
    assert response.status_code == 202
    files = response.get_json()["files"]
    assert [f["code"] for f in files] == ["empty", "unsupported_type", "too_large", None]
    assert files[0]["error"] == "ファイルが空です。"
    assert "10" not in files[1]["error"] and "JPEG" in files[1]["error"]
    assert files[3]["card_id"] is not None
    with app.app_context():
        cards = db.session.scalars(select(Card)).all()
        assert [c.original_filename for c in cards] == ["good.png"]


def test_too_many_files_are_refused_one_by_one(app, member):
    app.config["MAX_UPLOAD_FILES"] = 2
    files = upload(member, *[(f"{i}.png", png_bytes((64 + i, 40))) for i in range(3)]).get_json()["files"]
    assert [f["code"] for f in files] == [None, None, "too_many"]
    assert "2" in files[2]["error"]


def test_all_refused_is_422_and_nothing_chosen_is_400(member):
    assert upload(member, ("a.txt", b"hello")).status_code == 422
    response = member.post("/capture", data={}, headers=JSON)
    assert response.status_code == 400


def test_the_request_limit_lets_the_most_files_of_the_largest_size_through(tmp_path: Path) -> None:
    from config import load_config

    config = load_config(tmp_path, {"CARDSCAN_MAX_UPLOAD_BYTES": "300000", "CARDSCAN_MAX_UPLOAD_FILES": "4"})
    assert config["MAX_CONTENT_LENGTH"] >= 4 * 300_000 + 64 * 1024  # room for the form around them
    defaults = load_config(tmp_path, {})
    assert defaults["MAX_CONTENT_LENGTH"] > defaults["MAX_UPLOAD_FILES"] * defaults["MAX_UPLOAD_BYTES"]
    assert load_config(tmp_path, {"CARDSCAN_MAX_REQUEST_BYTES": "5000"})["MAX_CONTENT_LENGTH"] == 5000


def test_files_each_within_the_limit_are_taken_however_many_bytes_together(app, member, tmp_path: Path):
    from config import load_config

    # Small sizes: the test client writes bodies over 500 KB to a file it never closes.
    limits = load_config(tmp_path, {"CARDSCAN_MAX_UPLOAD_BYTES": "100000", "CARDSCAN_MAX_UPLOAD_FILES": "4"})
    app.config.update({k: limits[k] for k in ("MAX_UPLOAD_BYTES", "MAX_UPLOAD_FILES", "MAX_CONTENT_LENGTH")})
    padded = [(f"{i}.png", png_bytes((64 + i, 40)) + bytes(95_000)) for i in range(4)]
    response = upload(member, *padded)
    assert response.status_code == 202
    assert [f["code"] for f in response.get_json()["files"]] == [None] * 4


def test_request_over_the_total_limit_is_413_json(app, member):
    app.config["MAX_CONTENT_LENGTH"] = 5_000
    response = upload(member, ("big.png", png_bytes() + b"\0" * 10_000))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "request_entity_too_large"


def test_plain_form_upload_redirects_with_messages(member):
    response = upload(member, ("a.txt", b"hello"), ("b.png", png_bytes()), headers={})
    assert response.status_code == 303
    page = member.get("/capture").get_data(as_text=True)
    assert "a.txt" in page and "JPEG・PNG・WebP・HEIC の画像ではありません" in page
    assert "1枚の名刺を読み取っています" in page


def test_heic_is_accepted_and_shown_as_jpeg(app, member):
    heic = heic_bytes()
    assert sniff_image_type(heic[:32]) == "image/heic"
    card_id = upload(member, ("IMG_1234.HEIC", heic)).get_json()["files"][0]["card_id"]
    with app.app_context():
        assert db.session.get(Card, card_id).content_type == "image/heic"
    with member.get(f"/files/cards/{card_id}/image") as response:
        assert response.status_code == 200 and response.mimetype == "image/jpeg"
        assert response.data.startswith(b"\xff\xd8")
        first = response.data
        etag = response.headers["ETag"]
    # The rendering is made once, kept in private storage, and revalidated by its ETag.
    with app.app_context():
        sha = db.session.get(Card, card_id).sha256
        previews = list((Path(app.config["STORAGE_DIR"]) / "previews").rglob("*.jpg"))
    assert [p.name for p in previews] == [f"{sha}.jpg"]
    with member.get(f"/files/cards/{card_id}/image") as again:
        assert again.data == first
    with member.get(f"/files/cards/{card_id}/image", headers={"If-None-Match": etag}) as cached:
        assert cached.status_code == 304


def test_type_is_sniffed_from_bytes_not_name():
    assert sniff_image_type(png_bytes()[:32]) == "image/png"
    assert sniff_image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_image_type(b"<html><script>") is None
    assert sniff_image_type(b"GIF89a") is None


def test_image_needs_login_and_has_safe_headers(app, client, member_user):
    login(client, "member@example.com")
    card_id = upload(client, ("a.png", png_bytes())).get_json()["files"][0]["card_id"]
    with client.get(f"/files/cards/{card_id}/image") as response:
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data == png_bytes()
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"].startswith("private")
    client.post("/logout")
    response = client.get(f"/files/cards/{card_id}/image")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get(f"/files/cards/{card_id}/image", headers=JSON).status_code == 401
    assert client.get("/static/../instance/storage").status_code == 404


def test_failed_card_says_why_and_can_be_retried(app, member):
    card_id = upload(member, ("broken.png", CORRUPT_PNG)).get_json()["files"][0]["card_id"]
    with app.app_context():
        assert get_queue().run_pending() == 1
        card = db.session.get(Card, card_id)
        assert card.status == "failed" and card.error
    page = member.get("/capture").get_data(as_text=True)
    assert "読み取り失敗" in page and "再試行" in page
    response = member.post(f"/cards/{card_id}/retry", headers=JSON)
    assert response.get_json()["cards"][0]["status"] == "queued"
    with app.app_context():
        assert db.session.get(Card, card_id).job_id in get_queue().pending_ids()


def test_status_endpoint_needs_login(client):
    assert client.get("/capture/status?ids=1", headers=JSON).status_code == 401


def test_heic_preview_obeys_the_readers_limits(app, member, monkeypatch):
    # The preview is decoded by the reader's loader: a photo over its pixel
    # limit (a decompression bomb) is refused, not decoded whole for a thumbnail.
    import dataclasses

    import cardscan.config

    card_id = upload(member, ("IMG_1234.HEIC", heic_bytes())).get_json()["files"][0]["card_id"]
    small = dataclasses.replace(cardscan.config.DEFAULT_SETTINGS, max_image_pixels=64 * 40 - 1)
    monkeypatch.setattr(cardscan.config, "DEFAULT_SETTINGS", small)

    with member.get(f"/files/cards/{card_id}/image") as response:
        assert response.status_code == 404
    assert not (Path(app.config["STORAGE_DIR"]) / "previews").exists()
