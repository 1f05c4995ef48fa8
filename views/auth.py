"""Login, logout and the interface language."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from extensions import limiter
from services import users
from services.i18n import LANGUAGES
from views.forms import EmptyForm, LoginForm, safe_path

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _account_limit() -> str:
    return str(current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"])


_ACCOUNT_KEY = "login-account:"


def _login_account() -> str:
    # Failed logins are also counted per account tried, so guessing one account's password
    # from many addresses (a botnet, a proxy pool) is throttled too.
    return _ACCOUNT_KEY + users.normalize_login_email(request.form.get("email", ""))


def unlock_account(email: str) -> None:
    """Forget the failed logins counted against an account, so its owner can log in at once.

    An administrator lifts the hold after someone hammered the account with wrong passwords
    (the per-address limit is not touched).
    """
    endpoint = "auth.login"
    key = _ACCOUNT_KEY + users.normalize_login_email(email)
    prefix = [current_app.config.get("RATELIMIT_KEY_PREFIX") or ""]
    _defaults, decorated = limiter.limit_manager.resolve_limits(current_app, endpoint, bp.name)[:2]
    for limit in decorated:
        if limit.key_func is _login_account:
            identifiers = [*filter(None, prefix), key, limit.scope_for(endpoint, "POST")]
            limiter.limiter.clear(limit.limit, *identifiers)


def _failed(response: ResponseReturnValue) -> bool:
    return getattr(response, "status_code", None) == 401


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, key_func=_login_account, methods=["POST"], deduct_when=_failed)
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(safe_path(request.args.get("next"), url_for("index")))
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            session.clear()  # a fresh session on login: no fixation
            login_user(user, remember=bool(form.remember.data))
            return redirect(safe_path(request.args.get("next"), url_for("index")))
        flash(_("Wrong email or password, or the account is deactivated."), "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    if EmptyForm().validate_on_submit():
        logout_user()
        session.clear()
        flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/settings/language")
def set_language() -> ResponseReturnValue:
    """Switch the interface language; a signed-in user keeps it on the account (other devices).

    A POST with the CSRF token: a ``?lang=`` link only changes the language of the session
    it is opened in, never an account's setting.
    """
    asked = request.form.get("lang")
    back = safe_path(request.form.get("next"), url_for("index"))
    if not EmptyForm().validate_on_submit() or asked not in LANGUAGES:
        return redirect(back)
    session["lang"] = asked
    if current_user.is_authenticated and current_user.locale != asked:
        users.set_locale(current_user.id, asked)
    return redirect(back)
