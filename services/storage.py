"""Private file storage for card images and attachments (never under static/).

Files are stored by content: ``<kind>/<sha[:2]>/<sha><ext>``, so the same photo uploaded twice
is kept once, and a stored path can never be steered outside the storage root.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

KINDS: tuple[str, ...] = ("cards", "attachments", "previews")


@dataclass(frozen=True)
class StoredFile:
    """A file saved in private storage."""

    path: str  # relative to the storage root, with forward slashes
    sha256: str
    byte_size: int

    def __post_init__(self) -> None:
        if self.path.startswith("/") or ".." in Path(self.path).parts:
            raise ValueError(f"stored path must be relative and inside storage: {self.path!r}")
        if len(self.sha256) != 64:
            raise ValueError("sha256 must be 64 hex digits")


def storage_root() -> Path:
    """The storage directory of the current app (created on first use)."""
    root = Path(current_app.config["STORAGE_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    return root


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename so a crash never leaves a half-written file under the final name.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_bytes(data: bytes, *, kind: str, extension: str) -> StoredFile:
    """Store ``data`` under its sha256 and return where it went.

    Args:
        data: the file content.
        kind: one of :data:`KINDS` (the top folder).
        extension: file extension with its dot, e.g. ``.jpg``, chosen from the sniffed type.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown storage kind {kind!r}")
    if not (extension.startswith(".") and extension[1:].isalnum()):
        raise ValueError(f"bad extension {extension!r}")
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{kind}/{digest[:2]}/{digest}{extension.lower()}"
    target = storage_root() / relative
    if not target.exists():
        _write_atomically(target, data)
    return StoredFile(path=relative, sha256=digest, byte_size=len(data))


def save_derived(data: bytes, relative: str) -> str:
    """Store a file derived from a stored original (a preview) under ``previews/``.

    Only ``previews/`` may be written this way: originals are stored by their own content
    and never overwritten.
    """
    if not relative.startswith("previews/"):
        raise ValueError(f"derived files go under previews/: {relative!r}")
    target = resolve(relative)
    _write_atomically(target, data)
    return relative


def resolve(relative: str) -> Path:
    """The absolute path of a stored file; refuses anything outside the storage root."""
    root = storage_root().resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"path escapes storage: {relative!r}")
    return path
