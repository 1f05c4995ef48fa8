"""Login, logout, throttling, CSRF, roles, admin user management, CLI accounts, errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import ApiToken, AuditEvent, User
from services import users
from tests.conftest import PASSWORD, login


def test_login_page_is_japanese_with_csrf_meta(client):
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'lang="ja"' in html and "ログイン" in html
    assert '<meta name="csrf-token"' in html


def test_english_on_request_and_remembered(client):
    html = client.get("/login?lang=en").get_data(as_text=True)
    assert 'lang="en"' in html and "Log in" in html
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)


def test_login_logout_roundtrip(client, member_user):
    assert client.get("/capture").status_code == 302
    response = login(client, "MEMBER@example.com ")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/capture").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/capture").status_code == 302


def test_login_sets_last_login_and_audits(app, client, member_user):
    login(client, "member@example.com")
    with app.app_context():
        user = db.session.get(User, member_user)
        assert user.last_login_at is not None
        assert db.session.scalars(select(AuditEvent.action)).all() == ["login"]


def test_wrong_password_and_inactive_user_are_refused(app, client, member_user):
    response = login(client, "member@example.com", "wrong password")
    assert response.status_code == 401
    assert "パスワード" in response.get_data(as_text=True)
    with app.app_context():
        users.set_active(member_user, False)
    assert login(client, "member@example.com").status_code == 401


def test_login_next_is_kept_but_not_an_open_redirect(client, member_user):
    response = client.post("/login?next=/review", data={"email": "member@example.com", "password": PASSWORD})
    assert response.headers["Location"] == "/review"
    client.post("/logout")
    response = client.post(
        "/login?next=https://evil.example/", data={"email": "member@example.com", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "/\tx"])
def test_login_next_rejects_paths_browsers_read_as_another_host(client, member_user, target):
    response = client.post(
        "/login", query_string={"next": target}, data={"email": "member@example.com", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example/"])
def test_action_done_next_is_never_another_host(target):
    from views.forms import safe_path

    assert safe_path(target, "/actions/") == "/actions/"
    assert safe_path("/contacts/7?tab=notes", "/actions/") == "/contacts/7?tab=notes"


def test_a_lang_link_changes_the_session_language_never_the_account(app, member, member_user):
    html = member.get("/capture?lang=en").get_data(as_text=True)
    assert 'lang="en"' in html
    with app.app_context():
        assert db.session.get(User, member_user).locale != "en"
    # Signed in, the language is a form (POST with the CSRF token) that comes back here.
    assert 'action="/settings/language"' in html and 'name="next" value="/capture"' in html


def test_the_language_form_saves_the_choice_on_the_account(app, member, member_user):
    refused = member.post("/settings/language", data={"lang": "en", "next": "/contacts/"}, csrf=False)
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.get(User, member_user).locale != "en"

    response = member.post("/settings/language", data={"lang": "en", "next": "/contacts/?q=山田"})
    assert response.status_code == 302 and response.headers["Location"] == "/contacts/?q=%E5%B1%B1%E7%94%B0"
    with app.app_context():
        assert db.session.get(User, member_user).locale == "en"
    away = member.post("/settings/language", data={"lang": "ja", "next": "/\\evil.example/"})
    assert away.headers["Location"] == "/"
    unknown = member.post("/settings/language", data={"lang": "xx", "next": "/contacts/"})
    assert unknown.headers["Location"] == "/contacts/"
    with app.app_context():
        assert db.session.get(User, member_user).locale == "ja"


def test_pages_forbid_inline_script(client):
    csp = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_login_is_throttled(app, client, member_user):
    statuses = [login(client, "member@example.com", "nope").status_code for _ in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429, 429]
    # Even the right password waits: the throttle is per client address.
    assert login(client, "member@example.com").status_code == 429


def test_throttle_counts_the_real_client_behind_a_proxy(tmp_path, schema_database_url):
    from tests.conftest import make_app

    app = make_app(tmp_path / "proxied", schema_database_url, PROXY_COUNT=1)
    client = app.test_client()
    for _ in range(10):
        client.post(
            "/login",
            data={"email": "a@example.com", "password": "x"},
            headers={"X-Forwarded-For": "10.0.0.1"},
        )
    blocked = client.post(
        "/login", data={"email": "a@example.com", "password": "x"}, headers={"X-Forwarded-For": "10.0.0.1"}
    )
    other = client.post(
        "/login", data={"email": "a@example.com", "password": "x"}, headers={"X-Forwarded-For": "10.0.0.2"}
    )
    assert (blocked.status_code, other.status_code) == (429, 401)


def test_failed_logins_are_also_throttled_per_account(tmp_path, schema_database_url):
    from tests.conftest import make_app
    from tests.factories import UserFactory

    app = make_app(
        tmp_path / "spray", schema_database_url, PROXY_COUNT=1, LOGIN_ACCOUNT_RATE_LIMIT="5 per hour"
    )
    with app.app_context():
        UserFactory(email="target@example.com", role="member")
        UserFactory(email="bystander@example.com", role="member")
    client = app.test_client()

    def attempt(n: int, email: str, password: str) -> int:
        response = client.post(
            "/login", data={"email": email, "password": password}, headers={"X-Forwarded-For": f"10.1.0.{n}"}
        )
        client.post("/logout")
        return int(response.status_code)

    # Successful logins are not counted against the account.
    assert [attempt(n, "target@example.com", PASSWORD) for n in range(1, 8)] == [302] * 7
    # Five wrong passwords from five addresses, in any spelling of the address: the account is held.
    spellings = [
        "target@example.com",
        "TARGET@example.com",
        " target@example.com",
        "Target@Example.com",
        "target@example.com",
    ]
    assert [attempt(10 + n, e, "guess") for n, e in enumerate(spellings)] == [401] * 5
    assert attempt(30, "target@example.com", PASSWORD) == 429
    # Other accounts, from a fresh address, are not affected.
    assert attempt(31, "bystander@example.com", PASSWORD) == 302
    # An administrator lifts the hold (audited); the owner logs in at once.
    with app.app_context():
        admin_id = UserFactory(email="root@example.com", role="admin").id
        target_id = db.session.scalar(select(User.id).where(User.email == "target@example.com"))
    assert attempt(32, "root@example.com", PASSWORD) == 302
    held = client.post("/login", data={"email": "root@example.com", "password": PASSWORD})
    unlocked = client.post(f"/admin/users/{target_id}/unlock", headers={"X-Forwarded-For": "10.1.0.33"})
    assert held.status_code == 302 and unlocked.status_code == 303
    client.post("/logout")
    assert attempt(34, "target@example.com", PASSWORD) == 302
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login_unlock")).one()
        assert event.user_id == admin_id and event.detail == {"user": target_id}


def test_form_without_csrf_token_is_rejected(client, member_user):
    response = client.post("/login", data={"email": "member@example.com", "password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert "再読み込み" in response.get_data(as_text=True)


def test_csrf_failure_as_json(member):
    response = member.post("/capture", data={}, csrf=False, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"


def test_session_cookie_flags_and_page_headers(client, member_user):
    response = login(client, "member@example.com")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/capture")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_secure_cookies_when_served_beyond_localhost(tmp_path):
    from config import load_config

    assert load_config(tmp_path, {"HOST": "0.0.0.0"})["SESSION_COOKIE_SECURE"] is True
    assert load_config(tmp_path, {"HOST": "127.0.0.1"})["SESSION_COOKIE_SECURE"] is False
    behind_proxy = load_config(tmp_path, {"HOST": "127.0.0.1", "CARDSCAN_PROXY_COUNT": "1"})
    assert behind_proxy["SESSION_COOKIE_SECURE"] is True
    assert behind_proxy["REMEMBER_COOKIE_SECURE"] is True
    assert (
        load_config(tmp_path, {"HOST": "0.0.0.0", "CARDSCAN_SECURE_COOKIES": "0"})["SESSION_COOKIE_SECURE"]
        is False
    )


def test_secret_key_generated_once(tmp_path):
    from config import load_config

    first = load_config(tmp_path, {})["SECRET_KEY"]
    assert len(first) > 40
    assert load_config(tmp_path, {})["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_member_cannot_manage_users(member):
    assert member.get("/admin/users/").status_code == 403
    assert (
        member.post("/admin/users/", data={"email": "x@example.com", "password": "12345678"}).status_code
        == 403
    )


def test_admin_creates_user_who_can_log_in(app, admin):
    response = admin.post(
        "/admin/users/",
        data={
            "email": "New@Example.com",
            "password": "long enough pw",
            "role": "member",
            "display_name": "新人",
        },
    )
    assert response.status_code == 303
    page = admin.get("/admin/users/").get_data(as_text=True)
    assert "new@example.com" in page and "新人" in page
    fresh = app.test_client()
    assert login(fresh, "new@example.com", "long enough pw").status_code == 302


def test_admin_create_user_errors_are_shown(admin):
    response = admin.post(
        "/admin/users/", data={"email": "admin@example.com", "password": "long enough pw", "role": "member"}
    )
    assert response.status_code == 422
    assert "既に存在" in response.get_data(as_text=True)
    response = admin.post(
        "/admin/users/", data={"email": "short@example.com", "password": "short", "role": "member"}
    )
    assert response.status_code == 422


def test_admin_changes_role_deactivates_and_resets_password(app, admin, member_user):
    assert admin.post(f"/admin/users/{member_user}/role", data={"role": "admin"}).status_code == 303
    with app.app_context():
        assert db.session.get(User, member_user).role == "admin"
    assert (
        admin.post(f"/admin/users/{member_user}/password", data={"password": "brand new pass"}).status_code
        == 303
    )
    assert login(app.test_client(), "member@example.com", "brand new pass").status_code == 302
    assert admin.post(f"/admin/users/{member_user}/deactivate").status_code == 303
    with app.app_context():
        assert db.session.get(User, member_user).is_active is False
    assert login(app.test_client(), "member@example.com", "brand new pass").status_code == 401


def test_deactivated_user_loses_open_session(app, admin, member, member_user):
    assert member.get("/capture").status_code == 200
    admin.post(f"/admin/users/{member_user}/deactivate")
    assert member.get("/capture").status_code == 302


def test_password_reset_ends_open_sessions(app, admin, member, member_user):
    assert member.get("/capture").status_code == 200
    admin.post(f"/admin/users/{member_user}/password", data={"password": "brand new pass"})
    assert member.get("/capture").status_code == 302
    assert admin.get("/capture").status_code == 200


def test_last_admin_cannot_be_demoted(app, admin, admin_user):
    response = admin.post(f"/admin/users/{admin_user}/role", data={"role": "member"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(User, admin_user).role == "admin"


def test_create_user_and_token_commands(app, runner):
    result = runner.invoke(args=["create-user", "Boss@Example.com", "--admin"], input="s3cret password\n")
    assert result.exit_code == 0, result.output
    assert "admin boss@example.com" in result.output
    result = runner.invoke(args=["create-user", "boss@example.com"], input="another password\n")
    assert result.exit_code == 1 and "already exists" in result.output
    result = runner.invoke(args=["create-token", "boss@example.com"])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    with app.app_context():
        row = db.session.scalars(select(ApiToken)).one()
        assert row.token_hash != token and len(row.token_hash) == 64 and token.startswith(row.prefix)
        assert users.user_for_token(token).email == "boss@example.com"
        assert users.user_for_token(token + "x") is None
    assert runner.invoke(args=["create-token", "nobody@example.com"]).exit_code == 1


def test_first_admin_generated_once(app):
    with app.app_context():
        created = users.ensure_first_admin("", "")
        assert created is not None
        user, password = created
        assert user.role == "admin" and password and len(password) >= 12
        assert users.authenticate(user.email, password) is not None
        assert users.ensure_first_admin("", "") is None


def test_error_pages_html_and_json(client, member):
    response = member.get("/no/such/page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "アドレス" in html
    response = member.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.get_json() == {"error": {"code": "not_found", "message": "見つかりません"}}
    assert client.get("/api/v1/nothing").get_json()["error"]["code"] == "not_found"


def test_unexpected_error_shows_no_traceback(app, client, member_user):
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    login(client, "member@example.com")
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "管理者" in body


def test_cardscan_errors_map_to_their_status(app, client, member_user):
    from cardscan.errors import ImageTooLarge, OcrUnavailable

    @app.get("/raise/<kind>")
    def raiser(kind: str) -> str:
        raise (OcrUnavailable("tesseract missing") if kind == "ocr" else ImageTooLarge("too many pixels"))

    login(client, "member@example.com")
    member = client
    response = member.get("/raise/ocr", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.get_json() == {"error": {"code": "ocr_unavailable", "message": "tesseract missing"}}
    response = member.get("/raise/big")
    # Pages are Japanese: cardscan's English message is shown by its code, translated.
    assert response.status_code == 413 and "写真が大きすぎます。" in response.get_data(as_text=True)
    response = member.get("/raise/big?lang=en")
    assert response.status_code == 413 and "The photo is too large." in response.get_data(as_text=True)
