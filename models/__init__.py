"""Typed SQLAlchemy models, one module per area; import them from here."""

from models.base import Base, UtcDateTime, utcnow
from models.cards import CARD_STATUSES, Card
from models.contacts import (
    CAREER_SOURCES,
    PHONE_KINDS,
    STAGES,
    CareerStep,
    Company,
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Tag,
    company_tags,
    person_tags,
)
from models.crm import INTERACTION_KINDS, Attachment, Interaction, NextAction
from models.merging import SUGGESTION_STATUSES, MergeRecord, MergeSuggestion, NotSamePerson
from models.users import LOCALES, ROLES, ApiToken, AuditEvent, User

__all__ = [
    "CAREER_SOURCES",
    "CARD_STATUSES",
    "INTERACTION_KINDS",
    "LOCALES",
    "PHONE_KINDS",
    "ROLES",
    "STAGES",
    "SUGGESTION_STATUSES",
    "ApiToken",
    "Attachment",
    "AuditEvent",
    "Base",
    "Card",
    "CareerStep",
    "Company",
    "Interaction",
    "MergeRecord",
    "MergeSuggestion",
    "NextAction",
    "NotSamePerson",
    "Person",
    "PersonEmail",
    "PersonPhone",
    "PersonSource",
    "PersonUrl",
    "Tag",
    "User",
    "UtcDateTime",
    "company_tags",
    "person_tags",
    "utcnow",
]
