"""Flask-WTF forms shared by the D1 views (every form carries a CSRF token)."""

from __future__ import annotations

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


class NewUserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False)])
    display_name = StringField(_l("Display name"), validators=[Length(max=120)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8)])
    role = SelectField(_l("Role"), choices=_role_choices)


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=8)])


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=_role_choices)
