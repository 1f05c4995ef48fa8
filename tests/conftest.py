"""Shared fixtures: an app with its own database per test, clients, users, servers.

``pytest --database=postgresql`` runs the same tests against a throwaway PostgreSQL cluster
started here (Debian's server binaries, ``initdb`` in a temporary folder, ``pg_ctl`` on a
free port); the default is a SQLite file per test.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings as hypothesis_settings
from itsdangerous import URLSafeTimedSerializer

from bench.cardgen.fonts import FONTS_VARIABLE, TEST_FAMILIES

# Generated cards are drawn with the fonts `make test` installs and no others, so a seed is the
# same card on every machine that runs the tests (a machine with the benchmark's extra fonts
# would otherwise draw other glyphs, and the readings the tests expect would change).
os.environ.setdefault(FONTS_VARIABLE, ",".join(TEST_FAMILIES))

TEST_SECRET = "test-secret-key-not-for-production"
PASSWORD = "correct horse battery"


# CI must be reproducible: there the property tests draw the same examples every run (a
# failure found by exploring locally is then pinned as a plain example test).
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="database back end of the app fixture (postgresql starts a throwaway server)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Checks of SQLite's own query plans mean nothing on PostgreSQL: deselected, not skipped.
    if config.getoption("--database") == "sqlite":
        return
    dropped = [item for item in items if item.get_closest_marker("sqlite_only")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("sqlite_only")]


# --- throwaway servers --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str:
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"PostgreSQL's {name} not found: install the postgresql package")
    return found


def _as_pg_user(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root, so hand the server to 'postgres'.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, trusted local access, on a free port."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.data = base / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")

    def start(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            self.base.chmod(0o700)
        subprocess.run(
            _as_pg_user(
                [
                    _pg_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    self.user,
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            _as_pg_user(
                [
                    _pg_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.base / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=90,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_pg_user([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
            timeout=60,
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run, stopped and deleted at the end."""
    # Not under pytest's tmp dir: that is private to root, and the server runs as 'postgres'.
    base = Path(tempfile.mkdtemp(prefix="cardscan-pg-"))
    server = PostgresServer(base)
    try:
        server.start()
    except subprocess.CalledProcessError as e:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {e.stderr.decode(errors='replace')[-2000:]}")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server for the whole run (no persistence), stopped at the end."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `make test` (it installs redis-server)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


_db_counter = iter(range(1, 1_000_000))


def _new_database(request: pytest.FixtureRequest, tmp_path: Path, template: str | None) -> Iterator[str]:
    if request.config.getoption("--database") == "sqlite":
        path = tmp_path / "test.db"
        if template is not None:
            shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{os.getpid()}_{next(_db_counter)}"
    server.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield server.url(name)
    finally:
        _dispose_all()  # before the drop, so no pooled connection is cut under an engine
        server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for one test: a SQLite file, or a fresh PostgreSQL database."""
    yield from _new_database(request, tmp_path, None)


@pytest.fixture(scope="session")
def schema_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the models' schema, built once and copied for every test.

    ``create_all`` then ``stamp``: CLI commands (which upgrade first) see an up-to-date
    schema; test_models checks that the migrations build exactly this schema.
    """
    from flask_migrate import stamp

    from app import MIGRATIONS_DIR
    from extensions import db

    base = tmp_path_factory.mktemp("template")
    if request.config.getoption("--database") == "sqlite":
        location = str(base / "template.db")
        url = f"sqlite:///{location}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        location = f"template_{os.getpid()}"
        server.execute(f"CREATE DATABASE {location}")
        url = server.url(location)
    flask_app = make_app(base, url)
    with flask_app.app_context():
        db.create_all()
        stamp(directory=str(MIGRATIONS_DIR))
        db.engine.dispose()
    return location


@pytest.fixture
def schema_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, schema_template: str
) -> Iterator[str]:
    """A database for one test that already has the schema (a copy of the template)."""
    yield from _new_database(request, tmp_path, schema_template)


# --- the app ------------------------------------------------------------------------------


def csrf_token_for(client: FlaskClient) -> str:
    """The signed CSRF token a page would embed for this client's session."""
    app = client.application
    with client.session_transaction() as session:
        raw = session.get("csrf_token")
        if not raw:
            raw = hashlib.sha1(os.urandom(64)).hexdigest()
            session["csrf_token"] = raw
    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)


class CsrfClient(FlaskClient):
    """A test client that adds the CSRF token to form posts, as the pages do.

    Pass ``csrf=False`` to send a form without it (to test the rejection).
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with_csrf = kwargs.pop("csrf", True)
        method = str(kwargs.get("method", "GET")).upper()
        if with_csrf and method in {"POST", "PUT", "PATCH", "DELETE"} and "json" not in kwargs:
            data = kwargs.get("data")
            if data is None:
                data = {}
            if isinstance(data, dict) and "csrf_token" not in data:
                kwargs["data"] = {**data, "csrf_token": csrf_token_for(self)}
        return super().open(*args, **kwargs)


def make_app(tmp_path: Path, database_url: str, **overrides: Any) -> Flask:
    """An app on ``database_url`` with its instance, storage and queue under ``tmp_path``."""
    from app import create_app

    config: dict[str, Any] = {
        "TESTING": True,
        "INSTANCE_PATH": tmp_path / "instance",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": TEST_SECRET,
        "STORAGE_DIR": str(tmp_path / "storage"),
        "QUEUE_URL": "",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "ADMIN_EMAIL": "",
        "ADMIN_PASSWORD": "",
        "DEFAULT_REGION": "JP",
        "HOST": "127.0.0.1",
        "PASSWORD_HASH_PROFILE": "cheapest",
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = CsrfClient
    _apps.append(app)
    return app


_apps: list[Flask] = []


def _dispose_all() -> None:
    """Close every database connection the test's apps opened."""
    from extensions import db

    while _apps:
        flask_app = _apps.pop()
        with flask_app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    _dispose_all()


@pytest.fixture
def app(tmp_path: Path, schema_database_url: str) -> Flask:
    """The app on its own database with the current schema and no rows."""
    return make_app(tmp_path, schema_database_url)


@pytest.fixture
def db_session(app: Flask) -> Iterator[Any]:
    """The app's session inside an app context, for arranging and checking rows."""
    from extensions import db

    with app.app_context():
        yield db.session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    """Log ``client`` in through the real login form."""
    return client.post("/login", data={"email": email, "password": password})


def _user(app: Flask, email: str, role: str) -> int:
    from tests.factories import UserFactory

    with app.app_context():
        return int(UserFactory(email=email, role=role).id)


@pytest.fixture
def admin_user(app: Flask) -> int:
    return _user(app, "admin@example.com", "admin")


@pytest.fixture
def member_user(app: Flask) -> int:
    return _user(app, "member@example.com", "member")


@pytest.fixture
def admin(app: Flask, admin_user: int) -> FlaskClient:
    """A client logged in as an administrator (admin@example.com)."""
    c = app.test_client()
    response = login(c, "admin@example.com")
    assert response.status_code == 302, response.get_data(as_text=True)
    return c


@pytest.fixture
def member(app: Flask, member_user: int) -> FlaskClient:
    """A client logged in as a member (member@example.com)."""
    c = app.test_client()
    response = login(c, "member@example.com")
    assert response.status_code == 302, response.get_data(as_text=True)
    return c


def meta_csrf(html: str) -> str:
    """The CSRF token from a page's meta tag."""
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "page has no csrf meta tag"
    return match.group(1)
