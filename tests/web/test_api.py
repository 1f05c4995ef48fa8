"""The JSON API: bearer tokens, JSON errors, search, records, export and card upload → job → done."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from extensions import db
from models import AuditEvent, Card, Person
from services.queue import get_queue
from services.users import create_token, set_active
from tests.conftest import make_app
from tests.factories import PersonEmailFactory, PersonFactory, UserFactory
from tests.web.card_images import CORRUPT_PNG, japanese_card


def _token(app, email: str, role: str = "member") -> str:
    with app.app_context():
        UserFactory(email=email, role=role)
        return create_token(email).token


@pytest.fixture
def admin_token(app) -> str:
    return _token(app, "api-admin@example.com", "admin")


@pytest.fixture
def member_token(app) -> str:
    return _token(app, "api-member@example.com", "member")


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_json_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    assert "Traceback" not in response.get_data(as_text=True)
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def test_auth_errors_are_json_401(app, client: FlaskClient, member_token: str) -> None:
    assert_json_error(client.get("/api/v1/contacts"), 401, "token_required")
    assert_json_error(
        client.get("/api/v1/contacts", headers={"Authorization": "Basic abc"}), 401, "token_required"
    )
    assert_json_error(client.get("/api/v1/contacts", headers=auth("cs_wrong")), 401, "bad_token")
    assert client.get("/api/v1/contacts", headers=auth(member_token)).status_code == 200

    with app.app_context():
        from services.users import get_user_by_email

        set_active(get_user_by_email("api-member@example.com").id, False)
    assert_json_error(client.get("/api/v1/contacts", headers=auth(member_token)), 401, "bad_token")


def test_session_cookie_is_not_api_auth(admin: FlaskClient) -> None:
    # A logged-in browser session does not authenticate API calls: no CSRF exposure.
    assert_json_error(admin.post("/api/v1/contacts", json={"name": "x"}), 401)


def test_openapi_document_is_served_and_lists_the_contract_paths(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/cards", "/api/v1/jobs/{job_id}", "/api/v1/contacts"):
        assert path in doc["paths"]
    assert doc["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_not_found_forbidden_and_invalid_are_json(client: FlaskClient, member_token: str) -> None:
    h = auth(member_token)
    assert_json_error(client.get("/api/v1/contacts/424242", headers=h), 404, "not_found")
    assert_json_error(client.get("/api/v1/jobs/424242", headers=h), 404, "not_found")
    assert_json_error(client.get("/api/v1/no-such-thing", headers=h), 404)
    assert_json_error(client.get("/api/v1/merge-suggestions", headers=h), 403, "forbidden")
    assert_json_error(client.get("/api/v1/contacts?per_page=1000", headers=h), 422, "invalid_input")
    assert_json_error(client.post("/api/v1/contacts", json={"title": "no name"}, headers=h), 422)
    error = assert_json_error(
        client.post("/api/v1/contacts", json={"name": "x", "emails": ["not-an-address"]}, headers=h), 422
    )
    assert "emails" in error["message"]
    assert_json_error(client.post("/api/v1/cards", headers=h), 422)


def test_upload_too_large_is_413_json(tmp_path: Path, schema_database_url: str) -> None:
    app = make_app(tmp_path, schema_database_url, MAX_CONTENT_LENGTH=10_000)
    token = _token(app, "big@example.com")
    response = app.test_client().post(
        "/api/v1/cards",
        data={"image": (io.BytesIO(b"\xff\xd8\xff" + b"0" * 20_000), "big.jpg")},
        content_type="multipart/form-data",
        headers=auth(token),
    )
    assert_json_error(response, 413)


def test_search_like_the_web_list(app, client: FlaskClient, member_token: str) -> None:
    with app.app_context():
        taro = PersonEmailFactory(person__name="山田 太郎", email="taro@sample.co.jp").person
        PersonFactory(name="佐藤 花子")
        taro_id = taro.id
    h = auth(member_token)
    by_name = client.get("/api/v1/contacts", query_string={"q": "山田"}, headers=h).get_json()
    assert [c["id"] for c in by_name["items"]] == [taro_id]
    by_email = client.get("/api/v1/contacts", query_string={"q": "taro@sample.co.jp"}, headers=h).get_json()
    assert by_email["total"] == 1 and by_email["items"][0]["emails"] == ["taro@sample.co.jp"]
    everyone = client.get("/api/v1/contacts", query_string={"per_page": 1}, headers=h).get_json()
    assert everyone["total"] == 2 and len(everyone["items"]) == 1


def test_contact_company_note_action_round(app, client: FlaskClient, member_token: str) -> None:
    h = auth(member_token)
    created = client.post(
        "/api/v1/contacts",
        json={
            "name": "鈴木 一郎",
            "company": "株式会社ミライ",
            "emails": ["Ichiro@Mirai.example"],
            "phones": [{"type": "mobile", "number": "090-1234-5678"}],
        },
        headers=h,
    )
    assert created.status_code == 201
    contact = created.get_json()
    assert contact["emails"] == ["ichiro@mirai.example"]
    assert contact["phones"][0]["e164"] == "+819012345678"
    cid = contact["id"]

    patched = client.patch(f"/api/v1/contacts/{cid}", json={"title": "部長"}, headers=h).get_json()
    assert patched["title"] == "部長" and patched["emails"] == ["ichiro@mirai.example"]
    assert client.get(f"/api/v1/contacts/{cid}", headers=h).get_json()["title"] == "部長"

    company_id = contact["company"]["id"]
    company = client.patch(
        f"/api/v1/companies/{company_id}", json={"stage": "customer"}, headers=h
    ).get_json()
    assert company["stage"] == "customer" and company["name"] == "株式会社ミライ"
    listed = client.get("/api/v1/companies", query_string={"q": "ミライ"}, headers=h).get_json()
    assert [c["id"] for c in listed["items"]] == [company_id]
    new_company = client.post("/api/v1/companies", json={"name": "ACME Inc."}, headers=h)
    assert new_company.status_code == 201 and new_company.get_json()["legal_form"] == "Inc."

    note = client.post(f"/api/v1/contacts/{cid}/notes", json={"kind": "visit", "text": "訪問"}, headers=h)
    assert note.status_code == 201
    assert [n["text"] for n in client.get(f"/api/v1/contacts/{cid}/notes", headers=h).get_json()] == ["訪問"]
    action = client.post(
        f"/api/v1/contacts/{cid}/actions", json={"what": "見積もり", "due_on": "2030-01-31"}, headers=h
    )
    assert action.status_code == 201 and action.get_json()["due_on"] == "2030-01-31"


def test_api_export_is_audited_and_restricted(app, client: FlaskClient, member_token: str) -> None:
    with app.app_context():
        from services.users import get_user_by_email

        member_id = get_user_by_email("api-member@example.com").id
        PersonFactory(name="自分 の人", owner_id=member_id)
        PersonFactory(name="他人 の人")
    response = client.get("/api/v1/export", query_string={"format": "generic"}, headers=auth(member_token))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["自分 の人"]
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert (
            event.detail["channel"] == "api" and event.detail["scope"] == "own" and event.detail["rows"] == 1
        )


def test_upload_job_done_with_the_real_reader(app, client: FlaskClient, member_token: str) -> None:
    jpeg, truth = japanese_card()
    h = auth(member_token)
    response = client.post(
        "/api/v1/cards",
        data={"image": [(io.BytesIO(jpeg), "card.jpg"), (io.BytesIO(CORRUPT_PNG), "broken.png")]},
        content_type="multipart/form-data",
        headers=h,
    )
    assert response.status_code == 202
    jobs = response.get_json()["jobs"]
    assert len(jobs) == 2
    good, broken = jobs
    assert good["url"] == f"/api/v1/jobs/{good['id']}"
    assert client.get(good["url"], headers=h).get_json()["status"] == "queued"

    with app.app_context():
        assert get_queue().run_pending() == 2

    done = client.get(good["url"], headers=h).get_json()
    assert done["status"] == "done", done
    assert done["result"]["file"] == "card.jpg"
    assert done["result"]["name"] == truth["name"]
    assert done["contact_id"] is not None
    failed = client.get(broken["url"], headers=h).get_json()
    assert failed["status"] == "failed" and failed["error"] and failed["contact_id"] is None
    with app.app_context():
        person = db.session.get(Person, done["contact_id"])
        assert person is not None and person.name == truth["name"]
        card = db.session.get(Card, int(good["id"]))
        assert card.status == "saved" and card.reviewed["extra"]["auto_saved"] is True
    # Another user's job is not visible to a member.
    other = _token(app, "other@example.com")
    assert_json_error(client.get(good["url"], headers=auth(other)), 404)


def test_writes_to_a_merged_away_contact_are_refused_and_name_the_contact_it_went_into(
    app, client: FlaskClient, member_token: str
) -> None:
    # Written to the merged-away record, a note or action would show on no page.
    with app.app_context():
        kept, gone = PersonFactory(name="山田 太郎"), PersonFactory(name="山田 太郎")
        db.session.flush()
        gone.merged_into_id = kept.id
        db.session.commit()
        kept_id, gone_id = kept.id, gone.id
    writes = [
        ("patch", f"/api/v1/contacts/{gone_id}", {"title": "部長"}),
        ("post", f"/api/v1/contacts/{gone_id}/notes", {"kind": "call", "text": "電話した"}),
        ("post", f"/api/v1/contacts/{gone_id}/actions", {"what": "見積を送る"}),
    ]
    for method, url, body in writes:
        error = assert_json_error(getattr(client, method)(url, json=body, headers=auth(member_token)), 409)
        assert error["code"] == "merged" and f"contact {kept_id}" in error["message"]
    # Reading it still says where it went; the contact it went into takes the note.
    shown = client.get(f"/api/v1/contacts/{gone_id}", headers=auth(member_token)).get_json()
    assert shown["merged_into_id"] == kept_id
    note = {"kind": "call", "text": "電話した"}
    written = client.post(f"/api/v1/contacts/{kept_id}/notes", json=note, headers=auth(member_token))
    assert written.status_code == 201
    with app.app_context():
        assert db.session.get(Person, gone_id).title != "部長"
