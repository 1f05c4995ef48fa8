"""The Flask application factory, error handlers and command-line commands.

``flask --app app serve`` runs everything a small office needs in one process: schema
upgrade, first admin, huey worker threads and waitress.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import signal
import sys
from collections.abc import Callable, Mapping
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import click
from flask import Flask, Response, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import event
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from cardscan.errors import CardscanError
from config import load_config
from extensions import babel, csrf, db, limiter, login_manager, migrate
from services.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent
MIGRATIONS_DIR = ROOT / "migrations"
#: Largest id a row can have: primary keys are INTEGER (32-bit on PostgreSQL).
MAX_ROW_ID = 2**31 - 1
log = logging.getLogger("cardscan")

#: Blueprint modules, registered when present (each exposes ``bp``). Modules are written by
#: several people; listing them here keeps one place that says what the app serves.
BLUEPRINTS: tuple[str, ...] = (
    "views.auth",
    "views.capture",
    "views.review",
    "views.files",
    "views.admin_users",
    "views.contacts",
    "views.companies",
    "views.actions",
    "views.notes",
    "views.merge",
    "views.exchange",
    "views.api",
    "views.scan_errors",
    "views.exchange_texts",
)

#: What the user should do after each error, shown on every error page.
_ERROR_ADVICE: dict[int, str] = {
    400: "The request was not understood. Go back, reload the page and try again.",
    401: "Please log in and try again.",
    403: "You do not have permission for this. Ask an administrator if you need it.",
    404: "This page does not exist (any more). Check the address or go back to the start page.",
    405: "This action is not possible here. Go back and use the buttons on the page.",
    413: "The upload is too large. Send fewer or smaller files at once.",
    422: "The data could not be processed. Check it and try again.",
    429: "Too many attempts. Wait a while and try again, or ask an administrator.",
    500: "Something went wrong on our side. Try again; if it keeps happening, tell an administrator.",
    503: "A required service is not available. Tell an administrator.",
}


def _STATUS_LABELS() -> dict[str, str]:  # noqa: N802  (a constant that must be translated per request)
    return {
        "queued": _("Waiting"),
        "running": _("Reading…"),
        "read": _("Ready to review"),
        "failed": _("Could not read"),
        "saved": _("Saved"),
    }


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application.

    Args:
        config: settings laid over the environment's (tests pass a temporary database,
            storage and instance folder here). ``INSTANCE_PATH`` moves the instance folder.
    """
    overrides = dict(config or {})
    instance_path = overrides.pop("INSTANCE_PATH", None)
    app = Flask(__name__, instance_path=str(instance_path) if instance_path else None)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if overrides.get("SECRET_KEY") is None and "SECRET_KEY" in overrides:
        overrides.pop("SECRET_KEY")
    app.config.update(load_config(instance))
    app.config.update(overrides)

    if app.config.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # Row ids are 32-bit integers in every database: a larger number in a URL matches no
    # route (404) instead of reaching PostgreSQL as an out-of-range value (500).
    app.url_map.converters["int"] = RowIdConverter
    _init_extensions(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    _register_template_helpers(app)
    _register_commands(app)

    @app.get("/")
    def index() -> ResponseReturnValue:
        if current_user.is_authenticated:
            return redirect(url_for("capture.index"))
        return redirect(url_for("auth.login"))

    @app.before_request
    def remember_language() -> None:
        # Stored here, not in the locale selector: Babel only asks that when a page renders,
        # and a ?lang= link that redirects must still switch the language.
        asked = request.args.get("lang")
        if asked in LANGUAGES:
            session["lang"] = asked

    @app.after_request
    def security_headers(response: Response) -> Response:
        # Pages are never framed (clickjacking) nor sniffed into another type.
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # No inline script anywhere: a stored "javascript:" link or injected markup cannot run.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    @app.get("/healthz")
    def healthz() -> ResponseReturnValue:
        return jsonify(status="ok")

    return app


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in routes: a row id, 0 to 2**31 - 1."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The embedded database is written by the web threads and the reader threads at once:
    # WAL lets readers go on during a write, NORMAL sync is safe with WAL, and SQLite only
    # enforces foreign keys when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _init_extensions(app: Flask) -> None:
    import models  # noqa: F401  (registers every table on the metadata before Migrate sees it)
    from services import queue
    from services.i18n import DOMAINS, compile_catalogues

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    csrf.init_app(app)
    limiter.init_app(app)
    # Compiled into the instance folder: the source tree may be read-only (and stays clean).
    compiled = Path(app.instance_path) / "translations"
    compile_catalogues(ROOT / "translations", compiled)
    babel.init_app(
        app,
        default_locale="ja",
        locale_selector=select_locale,
        # records.po (people, companies, notes, actions) is kept apart from messages.po so two
        # people can edit translations at once; Flask-Babel pairs each domain with a directory
        # and merges them into one catalogue per language.
        # merge.po holds the duplicate queue's strings (views/merge.py, templates/merge/),
        # exchange.po import/export, audit log and API tokens (see translations/babel.cfg).
        default_translation_directories=";".join([str(compiled)] * len(DOMAINS)),
        default_domain=";".join(DOMAINS),
    )
    queue.init_app(app)

    @login_manager.user_loader
    def load_user(user_id: str) -> Any:
        from models import User

        ident, _sep, fingerprint = user_id.partition(".")
        if not ident.isdigit():
            return None
        user = db.session.get(User, int(ident))
        if user is None or not user.is_active or user.session_fingerprint != fingerprint:
            return None
        return user

    @login_manager.unauthorized_handler
    def unauthorized() -> ResponseReturnValue:
        if _wants_json():
            return _json_error(401, "login_required", _("Please log in."))
        return redirect(
            url_for("auth.login", next=request.full_path if request.query_string else request.path)
        )


def select_locale() -> str:
    """The interface language: ``?lang=`` (remembered), then the user's setting, then Japanese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    remembered = session.get("lang")
    if remembered in LANGUAGES:
        return str(remembered)
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return str(current_user.locale)
    return "ja"


def _register_blueprints(app: Flask) -> None:
    for name in BLUEPRINTS:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        app.register_blueprint(module.bp)


def _wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _json_error(status: int, code: str, message: str) -> ResponseReturnValue:
    return jsonify(error={"code": code, "message": message}), status


def _error_page(status: int, code: str, message: str) -> ResponseReturnValue:
    if _wants_json():
        return _json_error(status, code, message)
    advice = _ERROR_ADVICE.get(status, _ERROR_ADVICE[500])
    return render_template("error.html", status=status, code=code, message=message, advice=_(advice)), status


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CardscanError)
    def cardscan_error(e: CardscanError) -> ResponseReturnValue:
        from views.exchange_texts import exchange_text
        from views.scan_errors import scan_error

        if _wants_json():  # machine clients get cardscan's own (English) message
            return _json_error(e.status, e.code, e.message)
        message = exchange_text(e.message) if e.code == "unreadable_file" else scan_error(e.message, e.code)
        return _error_page(e.status, e.code, message)

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException) -> ResponseReturnValue:
        status = e.code or 500
        code = (e.name or "error").lower().replace(" ", "_")
        if code == "bad_request" and "CSRF" in (e.description or ""):
            code = "csrf_failed"
            message = _("The form has expired or was not sent from this site. Reload the page and try again.")
        elif status == 429:
            message = _("Too many attempts. Wait a while and try again, or ask an administrator.")
        else:
            message = _(e.name or "Error")
        return _error_page(status, code, message)

    @app.errorhandler(Exception)
    def unexpected(e: Exception) -> ResponseReturnValue:
        # Log the traceback for the operator; the user only sees what to do next.
        log.exception("unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return _error_page(500, "internal_error", _("Internal error"))


def _register_template_helpers(app: Flask) -> None:
    from flask_babel import get_locale

    from services.keys import format_phone

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {"current_locale": str(get_locale() or "ja"), "languages": LANGUAGES}

    @app.template_global()
    def status_label(status: str) -> str:
        return _STATUS_LABELS().get(status, status)

    @app.context_processor
    def inject_status_labels() -> dict[str, Any]:
        return {"status_labels": _STATUS_LABELS()}

    @app.template_global()
    def phone_kind_label(kind: str) -> str:
        labels = {"work": _("Work"), "mobile": _("Mobile"), "fax": _("Fax"), "other": _("Other")}
        return labels.get(kind, kind)

    @app.template_global()
    def has_endpoint(endpoint: str) -> bool:
        return endpoint in app.view_functions

    @app.template_global()
    def lang_url(code: str) -> str:
        """The current page in another language (GET pages only; else the start page)."""
        if request.method != "GET" or request.endpoint is None or request.endpoint == "static":
            return url_for("index", lang=code)
        # url_for treats "_method", "_anchor", "_external"... as its own options: never pass
        # such query keys through from the request.
        query = {k: v for k, v in request.args.to_dict().items() if not k.startswith("_")}
        args = {**query, **(request.view_args or {}), "lang": code}
        return url_for(request.endpoint, **args)

    @app.template_global()
    def here_path() -> str:
        """This page's path and query without ``lang`` (where the language form comes back to)."""
        if request.method != "GET":
            return url_for("index")
        query = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
        return request.path + ("?" + urlencode(query) if query else "")

    @app.template_filter("phone")
    def phone_filter(e164: str | None) -> str:
        return format_phone(e164, app.config["DEFAULT_REGION"]) if e164 else ""


# --- schema and command line -------------------------------------------------------------


def ensure_schema(app: Flask) -> None:
    """Bring the database schema up to date with the migrations (``flask db upgrade``)."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))


def _with_schema(app: Flask, callback: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        ensure_schema(app)
        return callback(*args, **kwargs)

    return run


def _wrap_commands(app: Flask, group: click.Group) -> None:
    # Every command works on a new, empty database (CONTRACT section 2): upgrade first.
    for name, command in group.commands.items():
        if name in {"db", "shell", "routes"}:
            continue
        if isinstance(command, click.Group):
            _wrap_commands(app, command)
        elif command.callback is not None and not getattr(command.callback, "_schema_wrapped", False):
            command.callback = _with_schema(app, command.callback)
            command.callback._schema_wrapped = True  # type: ignore[attr-defined]


def _register_commands(app: Flask) -> None:
    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--admin", is_flag=True, help="Give the user the admin role.")
    @click.option("--name", default="", help="Display name.")
    def create_user_command(email: str, admin: bool, name: str) -> None:
        """Create a user; the password is read from stdin."""
        from services.users import UserError, create_user

        password = _read_password()
        try:
            user = create_user(email, password, role="admin" if admin else "member", display_name=name)
        except UserError as e:
            raise click.ClickException(str(e)) from e
        click.echo(f"created {user.role} {user.email} (id {user.id})")

    @app.cli.command("create-token")
    @click.argument("email")
    def create_token_command(email: str) -> None:
        """Print a new API token for a user (only its hash is stored)."""
        from services.users import UserError, create_token

        try:
            token = create_token(email)
        except UserError as e:
            raise click.ClickException(str(e)) from e
        click.echo(token.token)

    @app.cli.command("serve")
    @click.option("--host", default=None, help="Address to listen on (HOST, default 127.0.0.1).")
    @click.option("--port", default=None, type=int, help="Port (PORT, default 5000).")
    @click.option(
        "--workers", default=None, type=int, help="Background reader threads (0: none, use `flask worker`)."
    )
    def serve_command(host: str | None, port: int | None, workers: int | None) -> None:
        """Migrate, create the first admin if needed, start the worker and serve with waitress."""
        serve(app, host=host, port=port, workers=workers)

    @app.cli.command("worker")
    @click.option("--once", is_flag=True, help="Run what is queued now, then exit.")
    def worker_command(once: bool) -> None:
        """Run the background reader without the web server (scale-out)."""
        from services.cards import recover_stuck_cards
        from services.queue import get_queue

        recover_stuck_cards()
        queue = get_queue()
        if once:
            click.echo(f"ran {queue.run_pending()} job(s)")
            return
        queue.huey.create_consumer(workers=app.config["QUEUE_WORKERS"], worker_type="thread").run()

    from cli.exchange import register as register_exchange_commands

    register_exchange_commands(app)  # import-csv, export-csv, merge-suggestions
    _wrap_commands(app, app.cli)


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def serve(
    app: Flask, *, host: str | None = None, port: int | None = None, workers: int | None = None
) -> None:
    """Run the whole service in this process until interrupted.

    The schema is already upgraded by the command wrapper; this creates the first admin,
    re-queues cards a crash left behind, starts the huey worker threads and serves.
    """
    import waitress

    from services.cards import recover_stuck_cards
    from services.users import ensure_first_admin

    host = host or app.config["HOST"]
    port = port or app.config["PORT"]
    with app.app_context():
        created = ensure_first_admin(app.config["ADMIN_EMAIL"], app.config["ADMIN_PASSWORD"])
        admin_email = created[0].email if created is not None else None
        requeued = recover_stuck_cards()
        driver = db.engine.url.drivername
    queue = app.extensions["cardscan_queue"]
    url = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/"
    click.echo(f"cardscan is running at {url}  (queue: {queue.backend}, database: {driver})")
    if created is not None and created[1]:
        click.echo(f"First admin created. Log in as {admin_email} with password: {created[1]}")
        click.echo("This password is shown only once: change it after logging in.")
    elif created is not None:
        click.echo(f"First admin created: log in as {admin_email} with CARDSCAN_ADMIN_PASSWORD.")
    else:
        click.echo("Log in with your account (new accounts: flask --app app create-user EMAIL [--admin]).")
    if requeued:
        click.echo(f"Re-queued {requeued} card(s) left unread by the last run.")
    # --workers 0 (or CARDSCAN_QUEUE_WORKERS=0): this process only serves; `flask worker`
    # processes on this or other machines read the cards from the shared queue.
    reader_threads = app.config["QUEUE_WORKERS"] if workers is None else workers
    if reader_threads > 0:
        queue.start_consumer(reader_threads)
    else:
        click.echo("No reader threads here: run `flask --app app worker` to read cards.")
    # SIGTERM (systemd, docker stop) ends the server like Ctrl-C, so the reader threads get to
    # finish the card in hand; anything still queued stays in the persistent queue.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        # waitress returns quietly on KeyboardInterrupt (Ctrl-C, or SIGTERM via the handler).
        waitress.serve(app, host=host, port=port, threads=8, ident="cardscan")
    finally:
        queue.stop_consumer()
        click.echo("cardscan stopped.")


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
