"""Settings from the environment. This is the only module that reads ``os.environ``.

``load_config`` returns a plain dict of Flask config keys; ``create_app(config=...)`` lays
explicit overrides (tests) on top of it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

#: Hosts on which plain http is normal, so session cookies need not be marked Secure.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as e:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from e


def secret_key(instance_path: Path) -> str:
    """The secret key kept in ``instance/secret_key``, generated on first use.

    Keeping it in a file (mode 600) means sessions survive restarts without anyone having to
    invent a key.
    """
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # O_EXCL so two processes starting together do not both write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


def load_config(instance_path: Path, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the app's configuration from environment variables.

    Args:
        instance_path: the app's instance folder (SQLite file, secret key, storage, queue).
        env: variables to read; ``os.environ`` when not given.

    Returns:
        Flask config keys and values.
    """
    env = os.environ if env is None else env
    host = env.get("HOST", "127.0.0.1")
    secure_cookies = env.get("CARDSCAN_SECURE_COOKIES", "auto").strip().lower()
    proxy_count = _int(env, "CARDSCAN_PROXY_COUNT", 0)
    # Behind a TLS-terminating proxy the app listens on localhost but users arrive over https.
    auto_secure = host not in LOCAL_HOSTS or proxy_count > 0
    cookie_secure = auto_secure if secure_cookies == "auto" else _flag(secure_cookies, True)
    max_upload = _int(env, "CARDSCAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    max_files = _int(env, "CARDSCAN_MAX_UPLOAD_FILES", 20)
    return {
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'cardscan.db'}",
        "SECRET_KEY": env.get("SECRET_KEY") or secret_key(instance_path),
        "STORAGE_DIR": env.get("CARDSCAN_STORAGE_DIR") or str(instance_path / "storage"),
        # Empty: huey's SQLite storage in instance/; redis://...: RedisHuey.
        "QUEUE_URL": env.get("CARDSCAN_QUEUE_URL", ""),
        "QUEUE_WORKERS": _int(env, "CARDSCAN_QUEUE_WORKERS", 1),
        "ADMIN_EMAIL": env.get("CARDSCAN_ADMIN_EMAIL", ""),
        "ADMIN_PASSWORD": env.get("CARDSCAN_ADMIN_PASSWORD", ""),
        "DEFAULT_REGION": env.get("CARDSCAN_DEFAULT_REGION", "JP").upper(),
        "HOST": host,
        # Reverse proxies in front of the app (nginx, Caddy): trust that many X-Forwarded-* hops
        # so client addresses (login throttling) and https detection are right.
        "PROXY_COUNT": proxy_count,
        "PORT": _int(env, "PORT", 5000),
        # Per file and per request; Flask answers 413 itself above MAX_CONTENT_LENGTH, which by
        # default lets the most files of the largest size through at once (werkzeug spools
        # them to disk, and they are read one at a time).
        "MAX_UPLOAD_BYTES": max_upload,
        "MAX_UPLOAD_FILES": max_files,
        "MAX_CONTENT_LENGTH": _int(env, "CARDSCAN_MAX_REQUEST_BYTES", max_files * max_upload + 1024 * 1024),
        "MAX_FORM_PARTS": 1000,
        "REVIEW_CONFIDENCE": float(env.get("CARDSCAN_REVIEW_CONFIDENCE", "0.8")),
        # Duplicate detection (services/matching.py): merge automatically at or above
        # AUTO_MERGE, open a merge suggestion at or above SUGGEST, else a new contact.
        "MATCH_AUTO_MERGE": float(env.get("CARDSCAN_MATCH_AUTO_MERGE", "0.97")),
        "MATCH_SUGGEST": float(env.get("CARDSCAN_MATCH_SUGGEST", "0.5")),
        "MATCH_MAX_BLOCK": _int(env, "CARDSCAN_MATCH_MAX_BLOCK", 200),
        "MATCH_MAX_CANDIDATES": _int(env, "CARDSCAN_MATCH_MAX_CANDIDATES", 50),
        # Exchange (services/exchange.py): members export only the contacts they own unless
        # this is set; admins and the command line always export everything.
        "MEMBERS_EXPORT_ALL": _flag(env.get("CARDSCAN_MEMBERS_EXPORT_ALL"), False),
        # Imports at least this big (command line only) are read and matched in a forked child.
        "IMPORT_PARALLEL_MIN_BYTES": _int(env, "CARDSCAN_IMPORT_PARALLEL_MIN_BYTES", 256 * 1024),
        "MAX_IMPORT_BYTES": _int(env, "CARDSCAN_MAX_IMPORT_BYTES", 50 * 1024 * 1024),
        "LOGIN_RATE_LIMIT": env.get("CARDSCAN_LOGIN_RATE_LIMIT", "10 per minute"),
        # Failed logins per account, from any address.
        "LOGIN_ACCOUNT_RATE_LIMIT": env.get("CARDSCAN_LOGIN_ACCOUNT_RATE_LIMIT", "20 per hour"),
        "RATELIMIT_STORAGE_URI": env.get("CARDSCAN_RATELIMIT_STORAGE_URI", "memory://"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": cookie_secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": cookie_secure,
        "REMEMBER_COOKIE_DURATION": timedelta(days=_int(env, "CARDSCAN_REMEMBER_DAYS", 14)),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "ja",
        "BABEL_DEFAULT_TIMEZONE": env.get("CARDSCAN_TIMEZONE", "Asia/Tokyo"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
