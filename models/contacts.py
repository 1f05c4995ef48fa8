"""Companies, people and what hangs off a person (emails, phones, URLs, sources, career)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utcnow
from models.users import User

#: Sales stages in order, with their Japanese labels (the UI translates via these keys).
STAGES: dict[str, str] = {"potential": "潜在", "prospect": "見込", "customer": "既存", "loyal": "優良"}
PHONE_KINDS: tuple[str, ...] = ("work", "mobile", "fax", "other")
CAREER_SOURCES: tuple[str, ...] = ("card", "import", "edit")


class Tag(Base):
    """A free label shared by people and companies."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"


person_tags = Table(
    "person_tags",
    Base.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

company_tags = Table(
    "company_tags",
    Base.metadata,
    Column("company_id", ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Company(Base):
    """An organisation. ``name_key`` (no legal form, NFKC, casefolded, no spaces) finds it again."""

    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    legal_form: Mapped[str | None] = mapped_column(String(40))
    reading: Mapped[str | None] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255), index=True)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    postal_code: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    prefecture: Mapped[str | None] = mapped_column(String(20), index=True)
    main_phone: Mapped[str | None] = mapped_column(String(20))
    stage: Mapped[str] = mapped_column(String(16), default="potential")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    owner: Mapped[User | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=company_tags)
    people: Mapped[list[Person]] = relationship(back_populates="company", foreign_keys="Person.company_id")

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    def __repr__(self) -> str:
        return f"<Company {self.id} {self.name}>"


class Person(Base):
    """A contact. A merged-away record keeps ``merged_into_id`` and is hidden, so a merge can be undone."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255), index=True, default="")
    name_reading: Mapped[str | None] = mapped_column(String(255))
    reading_key: Mapped[str | None] = mapped_column(String(255), index=True)
    name_latin: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    is_key_person: Mapped[bool] = mapped_column(default=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    postal_code: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    prefecture: Mapped[str | None] = mapped_column(String(20), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    last_interaction_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    company: Mapped[Company | None] = relationship(back_populates="people", foreign_keys=[company_id])
    owner: Mapped[User | None] = relationship()
    merged_into: Mapped[Person | None] = relationship(remote_side=[id])
    tags: Mapped[list[Tag]] = relationship(secondary=person_tags)
    emails: Mapped[list[PersonEmail]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEmail.id"
    )
    phones: Mapped[list[PersonPhone]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonPhone.id"
    )
    urls: Mapped[list[PersonUrl]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonUrl.id"
    )
    sources: Mapped[list[PersonSource]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonSource.id"
    )
    career: Mapped[list[CareerStep]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="CareerStep.recorded_at"
    )

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.name}>"


class PersonEmail(Base):
    """An email address of a person, lowercased (the matching key)."""

    __tablename__ = "person_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)

    person: Mapped[Person] = relationship(back_populates="emails")


class PersonPhone(Base):
    """A phone number of a person in E.164 (the matching key), with its kind."""

    __tablename__ = "person_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(8), default="work")
    e164: Mapped[str] = mapped_column(String(20), index=True)
    extension: Mapped[str | None] = mapped_column(String(20))

    person: Mapped[Person] = relationship(back_populates="phones")


class PersonUrl(Base):
    """A web address of a person (with scheme, lowercase host)."""

    __tablename__ = "person_urls"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))

    person: Mapped[Person] = relationship(back_populates="urls")


class PersonSource(Base):
    """Where a record came from ("card", "csv", "api"...), kept through merges for export."""

    __tablename__ = "person_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    person: Mapped[Person] = relationship(back_populates="sources")


class CareerStep(Base):
    """A title/company a person held, recorded when it changes (card, import or edit)."""

    __tablename__ = "career_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    company_name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    source: Mapped[str] = mapped_column(String(16), default="card")

    person: Mapped[Person] = relationship(back_populates="career")
    company: Mapped[Company | None] = relationship()
