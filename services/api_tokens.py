"""API tokens on the settings page: list, issue (shown once) and revoke a user's own tokens.

Issuing and hashing live in :mod:`services.users` (``create_token``, ``user_for_token``);
this adds what the page needs on top, with the owner check.
"""

from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import ApiToken, AuditEvent, User, utcnow
from services.users import NewToken, UserError, create_token


def list_tokens(user_id: int) -> list[ApiToken]:
    """A user's tokens, newest first, revoked ones included (for the record)."""
    return list(
        db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc()))
    )


def issue_token(user: User) -> NewToken:
    """A new token for ``user``; the caller shows ``token`` once, only its hash is kept."""
    return create_token(user.email)


def revoke_own_token(user_id: int, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens, audited, and commit.

    Raises:
        UserError: no such token of this user.
    """
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id:
        raise UserError("no_token", f"no token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        db.session.add(AuditEvent(user_id=user_id, action="revoke_token", detail={"prefix": row.prefix}))
        db.session.commit()
    return row
