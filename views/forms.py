"""Flask-WTF forms shared by the D1 views (every form carries a CSRF token)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice("member", _l("Member")), SelectChoice("admin", _l("Administrator"))]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Stay logged in"))


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that POST (logout, retry, deactivate)."""


def safe_path(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, else ``default`` (never an open redirect).

    Browsers read a backslash as a slash (``/\\evil.com`` is ``//evil.com``), so neither it
    nor control characters may appear, and an absolute URL never passes.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not any(c == "\\" or ord(c) < 32 for c in target)
        and not urlsplit(target).netloc
    ):
        return target
    return default


class NewUserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False)])
    display_name = StringField(_l("Display name"), validators=[Length(max=120)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8)])
    role = SelectField(_l("Role"), choices=_role_choices)


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8)])


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=_role_choices)
