"""Interaction notes on a person, with attachments kept in private storage.

An attachment's type is decided from its first bytes, never from the name or the
Content-Type the browser sent: a file called ``photo.jpg`` that is really HTML is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import INTERACTION_KINDS, Attachment, Interaction, Person
from services import storage
from services.validation import N_, InvalidInput

#: Types an attachment may have: (content type, extension) by leading bytes.
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
}
MAX_NOTE_CHARS = 20_000
MAX_FILES_PER_NOTE = 10


def sniff_type(data: bytes) -> str | None:
    """The content type of ``data`` from its magic bytes, if it is one we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return "image/heic"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def safe_filename(name: str) -> str:
    """A display name without directories or control characters (Japanese kept)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    return base.strip()[:200] or "file"


@dataclass(frozen=True)
class UploadedFile:
    """One file from the form: the name the browser gave and the bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class NoteInput:
    """A note as written in the form."""

    kind: str
    occurred_at: dt.datetime
    text: str
    files: tuple[UploadedFile, ...] = ()
    max_file_bytes: int = 20 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.kind not in INTERACTION_KINDS:
            raise InvalidInput("kind", N_("must be one of %(choices)s"), choices=", ".join(INTERACTION_KINDS))
        if self.occurred_at.tzinfo is None:
            raise InvalidInput("occurred_at", N_("needs a time zone"))
        if not self.text.strip() and not self.files:
            raise InvalidInput("text", N_("write something or attach a file"))
        if len(self.text) > MAX_NOTE_CHARS:
            raise InvalidInput("text", N_("keep a note under %(limit)s characters"), limit=MAX_NOTE_CHARS)
        if len(self.files) > MAX_FILES_PER_NOTE:
            raise InvalidInput(
                "files", N_("attach at most %(limit)s files to one note"), limit=MAX_FILES_PER_NOTE
            )
        for f in self.files:
            if not f.data:
                raise InvalidInput("files", N_("%(file)s is empty"), file=safe_filename(f.filename))
            if len(f.data) > self.max_file_bytes:
                limit_mb = self.max_file_bytes // (1024 * 1024)
                raise InvalidInput(
                    "files",
                    N_("%(file)s is larger than %(limit)s MB"),
                    file=safe_filename(f.filename),
                    limit=limit_mb,
                )
            if sniff_type(f.data) is None:
                raise InvalidInput(
                    "files",
                    N_("%(file)s is not a photo (JPEG, PNG, WebP, HEIC) or a PDF"),
                    file=safe_filename(f.filename),
                )


def add_note(session: Session, person: Person, data: NoteInput, *, author_id: int | None) -> Interaction:
    """Write a note on ``person`` (shown on its company timeline too) and commit.

    Files go to private storage first; ``Person.last_interaction_at`` moves forward
    only, so back-dating an old visit does not hide a newer one.
    """
    note = Interaction(
        person_id=person.id,
        company_id=person.company_id,
        kind=data.kind,
        occurred_at=data.occurred_at,
        author_id=author_id,
        text=data.text.strip(),
    )
    for f in data.files:
        content_type = sniff_type(f.data)
        assert content_type is not None  # checked by NoteInput
        stored = storage.save_bytes(f.data, kind="attachments", extension=ALLOWED_TYPES[content_type])
        note.attachments.append(
            Attachment(
                storage_path=stored.path,
                filename=safe_filename(f.filename),
                content_type=content_type,
                byte_size=stored.byte_size,
            )
        )
    session.add(note)
    if person.last_interaction_at is None or person.last_interaction_at < data.occurred_at:
        person.last_interaction_at = data.occurred_at
    session.commit()
    return note
