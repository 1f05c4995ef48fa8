"""Duplicate handling: merge suggestions, pairs known to be two people, and reversible merges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utcnow
from models.contacts import Person
from models.users import User

SUGGESTION_STATUSES: tuple[str, ...] = ("open", "merged", "rejected", "expired")


class MergeSuggestion(Base):
    """Two people that may be one, waiting for an admin. ``person_a_id < person_b_id`` always."""

    __tablename__ = "merge_suggestions"
    __table_args__ = (CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    score: Mapped[float]
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    person_a: Mapped[Person] = relationship(foreign_keys=[person_a_id])
    person_b: Mapped[Person] = relationship(foreign_keys=[person_b_id])
    decided_by: Mapped[User | None] = relationship()

    @property
    def contact_ids(self) -> list[int]:
        return [self.person_a_id, self.person_b_id]

    def __repr__(self) -> str:
        return f"<MergeSuggestion {self.id} {self.person_a_id}/{self.person_b_id} {self.status}>"


class NotSamePerson(Base):
    """A pair an admin said are two people: never suggested (nor merged automatically) again."""

    __tablename__ = "not_same_person"
    __table_args__ = (
        UniqueConstraint("person_a_id", "person_b_id", name="uq_not_same_person_pair"),
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)


class MergeRecord(Base):
    """One merge of ``merged_id`` into ``kept_id``, with what is needed to undo it exactly.

    ``snapshot`` holds both people as they were before (every column, email, phone, URL,
    source, career step and tag); ``moved`` the ids of the rows the merge re-parented
    (cards, notes, actions, child rows) and the rows it created, so an undo moves back only
    those and leaves later notes where they were written.
    """

    __tablename__ = "merge_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    merged_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("merge_suggestions.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    automatic: Mapped[bool] = mapped_column(default=False)
    score: Mapped[float | None]
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    field_choices: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    undone_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    kept: Mapped[Person] = relationship(foreign_keys=[kept_id])
    merged: Mapped[Person] = relationship(foreign_keys=[merged_id])
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    undone_by: Mapped[User | None] = relationship(foreign_keys=[undone_by_id])

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None

    def __repr__(self) -> str:
        return f"<MergeRecord {self.id} {self.merged_id}→{self.kept_id}>"
