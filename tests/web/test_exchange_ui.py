"""Import/export pages, who may export what, the audit log and the API token page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sqlalchemy import select

from extensions import db
from models import AuditEvent, Person
from tests.conftest import PASSWORD, login, make_app
from tests.factories import PersonFactory, UserFactory

GOOD = (
    "source_id,name,company,email,mobile,notes,会員番号\r\n"
    "u1,山田 太郎,株式会社サンプル,taro@sample.co.jp,090-1111-2222,,A-1\r\n"
    "u2,,,,,,A-2\r\n"
    "u3,Jane Doe,ACME Inc.,jane@acme.example,,,A-3\r\n"
)


def _names(data: bytes) -> list[str]:
    return sorted(r["name"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _upload(client, data: bytes, filename: str = "contacts.csv", **kwargs):
    return client.post(
        "/exchange/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        **kwargs,
    )


def test_import_preview_then_confirm_then_summary(app, member) -> None:
    preview = _upload(member, GOOD.encode("cp932"))
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert 'data-format="generic">cardscan CSV<' in html
    assert 'id="detected-encoding">cp932<' in html
    assert "会員番号" in html  # the unknown column is listed, kept in notes
    assert "山田 太郎" in html and "Jane Doe" in html
    with app.app_context():
        assert db.session.scalars(select(Person)).first() is None  # nothing written by the preview

    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', html)
    assert token, html
    done = member.post("/exchange/import/confirm", data={"token": token.group(1)})
    assert done.status_code == 200
    summary = done.get_data(as_text=True)
    assert 'data-count="rows_read">3<' in summary
    assert 'data-count="created">2<' in summary
    assert 'data-count="rejected">1<' in summary
    assert "<td>3</td><td>氏名・会社名・メールアドレス・電話番号のいずれもありません。</td>" in summary
    with app.app_context():
        people = db.session.scalars(select(Person).order_by(Person.id)).all()
        assert [p.name for p in people] == ["山田 太郎", "Jane Doe"]
        assert "会員番号: A-1" in people[0].notes
        member_id = db.session.scalar(select(Person.owner_id).where(Person.id == people[0].id))
        assert member_id is not None

    again = member.post("/exchange/import/confirm", data={"token": token.group(1)})
    assert again.status_code == 302  # a confirmed import cannot run twice


def test_import_refuses_bad_files_clearly(tmp_path: Path, schema_database_url: str) -> None:
    app = make_app(tmp_path, schema_database_url, MAX_IMPORT_BYTES=200)
    with app.app_context():
        UserFactory(email="u@example.com")
    client = app.test_client()
    login(client, "u@example.com", PASSWORD)

    unreadable = _upload(client, b"\x00\x01 not a csv at all \xff\xfe")
    assert unreadable.status_code == 422
    assert 'id="import-error"' in unreadable.get_data(as_text=True)
    assert "見出し行が見つかりません" in unreadable.get_data(as_text=True)  # translated for display

    # The page is Japanese by default: the size limit is said in Japanese (MAX_IMPORT_BYTES
    # is 200 bytes here, hence 0 MB) ...
    too_big = _upload(client, GOOD.encode() * 10, follow_redirects=True)
    assert too_big.request.path == "/exchange/"
    assert "ファイルが大きすぎます（上限 0 MB）。" in too_big.get_data(as_text=True)
    # ... and in English when asked for.
    too_big_en = _upload(client, GOOD.encode() * 10, follow_redirects=True, query_string={"lang": "en"})
    assert "The file is larger than 0 MB." in too_big_en.get_data(as_text=True)

    no_csrf = client.post(
        "/exchange/import",
        data={"file": (io.BytesIO(GOOD.encode()), "c.csv")},
        content_type="multipart/form-data",
        csrf=False,
    )
    assert no_csrf.status_code == 400


def _export(client, **form: str):
    return client.post("/exchange/export", data=form)


def test_search_page_export_buttons_carry_the_filter(app, admin) -> None:
    with app.app_context():
        PersonFactory(name="山田 花子")
    page = admin.get("/contacts/?company=テスト&prefecture=東京都").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/exchange/export".*?</form>', page, re.S)
    assert form is not None
    hidden = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form.group(0)))
    assert hidden["company"] == "テスト" and hidden["prefecture"] == "東京都" and hidden["csrf_token"]
    assert 'name="format" value="generic-cp932"' in form.group(0)


def test_export_is_a_post_with_the_csrf_token(app, admin) -> None:
    # A link or an image on another site cannot start an export in a signed-in user's name.
    assert admin.get("/exchange/export?format=generic").status_code == 405
    assert admin.post("/exchange/export", data={"format": "generic"}, csrf=False).status_code == 400
    with app.app_context():
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all() == []
    shift_jis = _export(admin, format="generic-cp932")
    assert shift_jis.status_code == 200 and not shift_jis.data.startswith(b"\xef\xbb\xbf")


def test_export_from_ui_uses_the_filter_and_is_audited(app, admin) -> None:
    with app.app_context():
        PersonFactory(name="山田 花子", company__name="株式会社アルファ")
        PersonFactory(name="佐藤 次郎", company__name="株式会社ベータ")
    response = _export(admin, format="generic", company="アルファ")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert _names(response.data) == ["山田 花子"]
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert event.detail["channel"] == "web"
        assert event.detail["rows"] == 1
        assert event.detail["filter"] == {"company": "アルファ"}
        assert event.user is not None and event.user.email == "admin@example.com"


def test_members_export_only_what_they_own(app, member, admin, member_user: int) -> None:
    with app.app_context():
        PersonFactory(name="自分 の人", owner_id=member_user)
        PersonFactory(name="他人 の人")
    assert _names(_export(member, format="generic").data) == ["自分 の人"]
    assert _names(_export(admin, format="generic").data) == ["他人 の人", "自分 の人"]
    with app.app_context():
        scopes = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "export").order_by(AuditEvent.id)
        ).all()
        assert [s["scope"] for s in scopes] == ["own", "all"]


def test_members_export_all_flag(tmp_path: Path, schema_database_url: str) -> None:
    app = make_app(tmp_path, schema_database_url, MEMBERS_EXPORT_ALL=True)
    with app.app_context():
        UserFactory(email="m@example.com", role="member")
        PersonFactory(name="誰か の人")
    client = app.test_client()
    login(client, "m@example.com", PASSWORD)
    assert _names(_export(client, format="generic").data) == ["誰か の人"]


def test_audit_log_for_admins_only(app, admin, member) -> None:
    _export(admin, format="vcard")
    page = admin.get("/admin/audit?action=export")
    assert page.status_code == 200
    assert 'data-action="export"' in page.get_data(as_text=True)
    assert "format=vcard" in page.get_data(as_text=True)
    assert member.get("/admin/audit").status_code == 403


def test_api_token_page_create_use_revoke(app, member) -> None:
    created = member.post("/settings/api-tokens")
    assert created.status_code == 201
    token = re.search(r'<code id="new-token">([^<]+)</code>', created.get_data(as_text=True)).group(1)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/contacts", headers=headers).status_code == 200

    listing = member.get("/settings/api-tokens").get_data(as_text=True)
    assert token not in listing  # shown once only
    token_id = re.search(r"/settings/api-tokens/(\d+)/revoke", listing).group(1)
    assert member.post(f"/settings/api-tokens/{token_id}/revoke").status_code == 302
    assert api.get("/api/v1/contacts", headers=headers).status_code == 401


def test_cannot_revoke_someone_elses_token(app, member, admin) -> None:
    admin.post("/settings/api-tokens")
    admin_page = admin.get("/settings/api-tokens").get_data(as_text=True)
    token_id = re.search(r"/settings/api-tokens/(\d+)/revoke", admin_page).group(1)
    assert member.post(f"/settings/api-tokens/{token_id}/revoke").status_code == 404
