"""What happens with a contact: interactions (with attachments) and next actions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utcnow
from models.contacts import Company, Person
from models.users import User

INTERACTION_KINDS: tuple[str, ...] = ("visit", "call", "email", "meeting", "other")


class Interaction(Base):
    """A note about a contact. ``company_id`` is copied from the person for the company timeline."""

    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    person: Mapped[Person | None] = relationship()
    company: Mapped[Company | None] = relationship()
    author: Mapped[User | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class Attachment(Base):
    """A file attached to an interaction, kept in private storage (never under static/)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"), index=True)
    storage_path: Mapped[str] = mapped_column(String(255))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    byte_size: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    interaction: Mapped[Interaction] = relationship(back_populates="attachments")


class NextAction(Base):
    """Something to do about a contact by a date; done when ``done_at`` is set."""

    __tablename__ = "next_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    what: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[dt.date | None] = mapped_column(index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    person: Mapped[Person | None] = relationship()
    company: Mapped[Company | None] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
