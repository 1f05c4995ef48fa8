"""Finding the existing person a new card or import row belongs to.

PLACEHOLDER BODY (D1): an exact match on a lowercased email or an E.164 phone. The
duplicate-detection work replaces the body of :func:`find_existing_person` (keeping its
signature); every caller (card save, API upload, import) goes through this one function.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Person, PersonEmail, PersonPhone


def find_existing_person(
    session: Session,
    *,
    name: str | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    company: str | None = None,
) -> Person | None:
    """The live (not merged-away) person this contact data certainly belongs to, or None.

    Args:
        session: the caller's session (nothing is committed here).
        name: the person's name as saved (unused by the placeholder).
        emails: lowercased email addresses.
        phones: E.164 phone numbers. Fax and main numbers are shared by many people, so
            callers pass only numbers that identify a person (mobile, direct line).
        company: company name as saved (unused by the placeholder).
    """
    if emails:
        person = session.scalars(
            select(Person)
            .join(PersonEmail)
            .where(PersonEmail.email.in_(list(emails)), Person.merged_into_id.is_(None))
            .order_by(Person.id)
        ).first()
        if person is not None:
            return person
    if phones:
        return session.scalars(
            select(Person)
            .join(PersonPhone)
            .where(PersonPhone.e164.in_(list(phones)), Person.merged_into_id.is_(None))
            .order_by(Person.id)
        ).first()
    return None
