"""Accounts: creation, passwords (argon2), roles, API tokens, the first admin."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from sqlalchemy import func, select

from extensions import db
from models import ROLES, ApiToken, AuditEvent, User, utcnow

_HASHERS = {
    "default": PasswordHasher(),
    # Only for the test suite (PASSWORD_HASH_PROFILE=cheapest): same code path, tiny cost.
    "cheapest": PasswordHasher.from_parameters(profiles.CHEAPEST),
}
MIN_PASSWORD_LENGTH = 8
# Verifying against a real hash when the email is unknown keeps the answer time the same,
# so a login form cannot be used to find out which addresses have accounts.
_DUMMY_HASHES = {name: hasher.hash("not-a-real-password") for name, hasher in _HASHERS.items()}


def _profile() -> str:
    name = current_app.config.get("PASSWORD_HASH_PROFILE", "default") if has_app_context() else "default"
    return name if name in _HASHERS else "default"


def _hasher() -> PasswordHasher:
    return _HASHERS[_profile()]


class UserError(ValueError):
    """A request about an account that cannot be done.

    ``code`` names the reason so a view can show it in the user's language; the message is
    the English text for logs and the command line.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class NewToken:
    """A freshly created API token: ``token`` is shown once and never stored."""

    token: str
    prefix: str
    user_id: int

    def __post_init__(self) -> None:
        if not self.token.startswith(self.prefix):
            raise ValueError("prefix must start the token")


def normalize_login_email(email: str) -> str:
    """Lowercase and strip an email used as a login name."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return _hasher().hash(password)


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("short_password", f"password must have at least {MIN_PASSWORD_LENGTH} characters")


def get_user_by_email(email: str) -> User | None:
    """The user with this login email, or None."""
    return db.session.scalar(select(User).where(User.email == normalize_login_email(email)))


def create_user(
    email: str, password: str, *, role: str = "member", display_name: str = "", locale: str = "ja"
) -> User:
    """Create an account and commit.

    Raises:
        UserError: bad email, short password, unknown role or an email already taken.
    """
    email = normalize_login_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise UserError("bad_email", f"not an email address: {email!r}")
    if role not in ROLES:
        raise UserError("bad_role", f"unknown role {role!r}")
    _check_password_rules(password)
    if get_user_by_email(email) is not None:
        raise UserError("email_taken", f"a user with email {email} already exists")
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name.strip(),
        locale=locale,
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user whose password matches, with ``last_login_at`` updated; else None."""
    user = get_user_by_email(email)
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher().verify(_DUMMY_HASHES[_profile()], password)
        return None
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if not user.is_active:
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.add(AuditEvent(user_id=user.id, action="login", detail={}))
    db.session.commit()
    return user


def set_password(user_id: int, password: str, *, by: User | None = None) -> User:
    """Replace a user's password (admin reset or own change) and commit."""
    _check_password_rules(password)
    user = _get(user_id)
    user.password_hash = hash_password(password)
    db.session.add(
        AuditEvent(user_id=by.id if by else None, action="password_reset", detail={"user": user.id})
    )
    db.session.commit()
    return user


def record_login_unlock(user_id: int, *, by: User | None = None) -> User:
    """Audit an administrator lifting the failed-login hold on an account; commits."""
    user = _get(user_id)
    db.session.add(AuditEvent(user_id=by.id if by else None, action="login_unlock", detail={"user": user.id}))
    db.session.commit()
    return user


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise UserError("no_user", f"no user {user_id}")
    return user


def _active_admins() -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(User).where(User.role == "admin", User.is_active.is_(True))
        )
        or 0
    )


def set_role(user_id: int, role: str, *, by: User | None = None) -> User:
    """Change a user's role; refuses to demote the last active admin."""
    if role not in ROLES:
        raise UserError("bad_role", f"unknown role {role!r}")
    user = _get(user_id)
    if user.role == "admin" and role != "admin" and user.is_active and _active_admins() <= 1:
        raise UserError("last_admin", "the last administrator cannot lose the admin role")
    user.role = role
    db.session.add(
        AuditEvent(user_id=by.id if by else None, action="role", detail={"user": user.id, "role": role})
    )
    db.session.commit()
    return user


def set_active(user_id: int, active: bool, *, by: User | None = None) -> User:
    """Deactivate or reactivate a user; refuses to deactivate the last active admin."""
    user = _get(user_id)
    if not active and user.role == "admin" and user.is_active and _active_admins() <= 1:
        raise UserError("last_admin", "the last administrator cannot be deactivated")
    user.is_active = active
    action = "activate" if active else "deactivate"
    db.session.add(AuditEvent(user_id=by.id if by else None, action=action, detail={"user": user.id}))
    db.session.commit()
    return user


def set_locale(user_id: int, locale: str) -> None:
    """Remember a user's interface language."""
    user = _get(user_id)
    user.locale = locale
    db.session.commit()


def list_users() -> list[User]:
    """Every account, admins first then by email."""
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))


def count_users() -> int:
    """How many accounts exist."""
    return db.session.scalar(select(func.count()).select_from(User)) or 0


def ensure_first_admin(email: str, password: str) -> tuple[User, str | None] | None:
    """Create the first admin on a database with no users.

    Args:
        email: the admin's email; ``admin@localhost`` when empty.
        password: the admin's password; a random one is generated when empty.

    Returns:
        None when users already exist; else the admin and the generated password (None when
        the password was given), which the caller prints once.
    """
    if count_users() > 0:
        return None
    generated = None
    if not password:
        generated = secrets.token_urlsafe(12)
        password = generated
    user = create_user(email or "admin@localhost", password, role="admin", display_name="Administrator")
    return user, generated


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(email: str) -> NewToken:
    """Create an API token for the user with this email and commit; only its hash is stored."""
    user = get_user_by_email(email)
    if user is None:
        raise UserError("no_user", f"no user with email {email}")
    token = "cs_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_token_hash(token), prefix=token[:8])
    db.session.add(row)
    db.session.add(AuditEvent(user_id=user.id, action="create_token", detail={"prefix": row.prefix}))
    db.session.commit()
    return NewToken(token=token, prefix=row.prefix, user_id=user.id)


def user_for_token(token: str) -> User | None:
    """The active user a bearer token belongs to (recording its use), or None."""
    row = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.is_active:
        return None
    row.last_used_at = utcnow()
    db.session.commit()
    return row.user


def revoke_token(token_id: int) -> None:
    """Revoke an API token (kept for the record)."""
    row = db.session.get(ApiToken, token_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        db.session.commit()
