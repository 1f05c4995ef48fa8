"""Administrators manage accounts: create, change role, deactivate, reset password."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from services import users
from views.access import admin_required
from views.auth import unlock_account
from views.forms import EmptyForm, NewUserForm, PasswordForm, RoleForm

bp = Blueprint("admin_users", __name__, url_prefix="/admin/users")


def user_error_message(error: users.UserError) -> str:
    """The reason an account change failed, in the user's language."""
    messages = {
        "short_password": _("The new password needs at least 8 characters."),
        "bad_email": _("This is not an email address."),
        "bad_role": _("Choose a role from the list."),
        "email_taken": _("A user with this email already exists."),
        "no_user": _("This user does not exist."),
        "last_admin": _("The last active administrator must stay an active administrator."),
    }
    return messages.get(error.code, str(error))


def _page(form: NewUserForm | None = None, status: int = 200) -> ResponseReturnValue:
    return (
        render_template(
            "admin/users.html",
            users=users.list_users(),
            form=form or NewUserForm(),
            button=EmptyForm(),
            password_form=PasswordForm(),
            role_form=RoleForm(),
        ),
        status,
    )


@bp.get("/")
@admin_required
def index() -> ResponseReturnValue:
    return _page()


@bp.post("/")
@admin_required
def create() -> ResponseReturnValue:
    form = NewUserForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        user = users.create_user(
            form.email.data or "",
            form.password.data or "",
            role=form.role.data or "member",
            display_name=form.display_name.data or "",
        )
    except users.UserError as e:
        form.email.errors = [*form.email.errors, user_error_message(e)]
        return _page(form, 422)
    flash(_("User %(email)s created.", email=user.email), "info")
    return redirect(url_for("admin_users.index")), 303


def _apply(action: str, user_id: int) -> None:
    if action == "role":
        form = RoleForm()
        if not form.validate_on_submit():
            abort(400, description="CSRF token missing or invalid")
        users.set_role(user_id, form.role.data or "member", by=current_user)
    elif action in {"deactivate", "activate"}:
        if not EmptyForm().validate_on_submit():
            abort(400, description="CSRF token missing or invalid")
        users.set_active(user_id, action == "activate", by=current_user)
    elif action == "password":
        pform = PasswordForm()
        if not pform.validate_on_submit():
            raise users.UserError("short_password", "password too short")
        user = users.set_password(user_id, pform.password.data or "", by=current_user)
        unlock_account(user.email)  # the new password works at once
    elif action == "unlock":
        if not EmptyForm().validate_on_submit():
            abort(400, description="CSRF token missing or invalid")
        unlock_account(users.record_login_unlock(user_id, by=current_user).email)
    else:
        abort(404)


@bp.post("/<int:user_id>/<action>")
@admin_required
def change(user_id: int, action: str) -> ResponseReturnValue:
    try:
        _apply(action, user_id)
    except users.UserError as e:
        flash(user_error_message(e), "error")
        return _page(status=422)
    flash(_("Saved."), "info")
    return redirect(url_for("admin_users.index")), 303
