"""A photographed business card: the image, what OCR read, and what the user saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utcnow
from models.contacts import Person
from models.users import User

CARD_STATUSES: tuple[str, ...] = ("queued", "running", "read", "failed", "saved")


class Card(Base):
    """One uploaded card image and its journey: queued → running → read|failed → saved.

    The image, ``raw_ocr`` and ``parsed`` are never overwritten by a save: ``reviewed`` holds
    what the user confirmed, so the reader's output can always be compared with it.
    """

    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    image_path: Mapped[str] = mapped_column(String(255))
    original_filename: Mapped[str] = mapped_column(String(255), default="")
    content_type: Mapped[str] = mapped_column(String(64))
    byte_size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    job_id: Mapped[str | None] = mapped_column(String(64), index=True)
    raw_ocr: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviewed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    read_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    saved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    seconds: Mapped[float | None]
    # Cards sent through the JSON API are saved without a review step once read
    # (services.tasks.read_card → services.api_cards.auto_save_card); doubtful fields stay marked.
    auto_save: Mapped[bool] = mapped_column(default=False, server_default=false())

    person: Mapped[Person | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Card {self.id} {self.status}>"
