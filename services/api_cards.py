"""Cards sent through the JSON API: saved without review once read, and their job status.

An API upload is an ordinary card (``services.cards.accept_uploads`` with ``auto_save``);
when the worker has read it, :func:`auto_save_card` saves what was read through the same
``save_reviewed_card`` the review screen uses. Fields the reader was unsure of are listed
in ``reviewed["extra"]["doubtful"]`` so the web UI can still show them for checking.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app

from cardscan.types import CONTRACT_FIELDS
from extensions import db
from models import Card, User
from services.cards import CardNotFound, ReviewedCard, ReviewedPhone, ReviewError, save_reviewed_card
from services.merging import live_person_id

log = logging.getLogger(__name__)

#: CONTRACT section 1 fields, in order, as kept in ``Card.parsed``.
RESULT_FIELDS: tuple[str, ...] = CONTRACT_FIELDS
_NOT_SAVED = "read but not saved: "


def doubtful_fields(parsed: dict[str, Any]) -> list[str]:
    """Fields whose confidence is under ``REVIEW_CONFIDENCE`` (what the review screen marks)."""
    threshold = float(current_app.config.get("REVIEW_CONFIDENCE", 0.8))
    confidence = parsed.get("confidence") or {}
    return sorted(k for k, v in confidence.items() if isinstance(v, int | float) and v < threshold)


def reviewed_from_parsed(parsed: dict[str, Any]) -> ReviewedCard:
    """What the reader found, as if a user had confirmed it unchanged."""
    phones = []
    for p in parsed.get("phones") or ():
        if p.get("type") in ("work", "mobile", "fax", "other") and p.get("e164"):
            phones.append(ReviewedPhone.of(p["type"], p["e164"], p.get("extension")))
    return ReviewedCard(
        name=parsed.get("name") or "",
        name_reading=parsed.get("name_reading") or "",
        name_latin=parsed.get("name_latin") or "",
        title=parsed.get("title") or "",
        department=parsed.get("department") or "",
        company=parsed.get("company") or "",
        emails=tuple(parsed.get("emails") or ()),
        phones=tuple(phones),
        urls=tuple(parsed.get("urls") or ()),
        postal_code=parsed.get("postal_code") or "",
        address=parsed.get("address") or "",
        country=parsed.get("country") or "",
        notes="\n".join(parsed.get("leftover") or ()),
        extra={"auto_saved": True, "doubtful": doubtful_fields(parsed)},
    )


def auto_save_card(card_id: int) -> int | None:
    """Save a read API card without review, and commit.

    A card that cannot be saved as read (no name found, say) stays ``read`` in the review
    queue with the reason in ``error``, so a person can finish it.

    Returns:
        The person it was saved to, or None.
    """
    card = db.session.get(Card, card_id)
    if card is None or card.status != "read" or card.parsed is None:
        return None
    try:
        outcome = save_reviewed_card(card_id, reviewed_from_parsed(card.parsed), user_id=card.uploaded_by_id)
    except ReviewError as e:
        reason = str(e)
    except Exception:
        # The card is read; a bug while saving must not leave its job 'running' forever.
        log.exception("saving API card %s failed", card_id)
        reason = "internal error while saving"
    else:
        return outcome.person_id
    db.session.rollback()
    card = db.session.get(Card, card_id)
    if card is not None:
        card.error = _NOT_SAVED + reason
        db.session.commit()
    return None


def job_status(card_id: int, user: User) -> dict[str, Any]:
    """The API view of an uploaded card's job (CONTRACT section 3).

    Raises:
        CardNotFound: no such card, or one ``user`` may not see (members see their own).
    """
    card = db.session.get(Card, card_id)
    if card is None or (not user.is_admin and card.uploaded_by_id != user.id):
        raise CardNotFound(card_id)
    status = {"queued": "queued", "running": "running", "failed": "failed", "saved": "done"}.get(card.status)
    error = card.error
    if card.status == "read":
        # Saving follows reading in the same job; an API card still 'read' without an error
        # is between the two steps, a review-mode card is simply done.
        status = "running" if card.auto_save and not error else "done"
    result: dict[str, Any] | None = None
    if card.parsed is not None:
        result = {"file": card.original_filename, **{k: card.parsed.get(k) for k in RESULT_FIELDS}}
        result["emails"] = result["emails"] or []
        result["phones"] = [{"type": p.get("type"), "e164": p.get("e164")} for p in result["phones"] or []]
        result["urls"] = result["urls"] or []
        result["seconds"] = card.seconds
    doubtful = []
    if card.reviewed is not None:
        extra: dict[str, Any] = card.reviewed.get("extra") or {}
        doubtful = list(extra.get("doubtful") or [])
    elif card.parsed is not None:
        doubtful = doubtful_fields(card.parsed)
    return {
        "id": str(card.id),
        "status": status or "queued",
        "error": error,
        "result": result,
        "contact_id": live_person_id(db.session, card.person_id) if card.person_id else None,
        "doubtful": doubtful,
    }


__all__ = ["CardNotFound", "auto_save_card", "doubtful_fields", "job_status", "reviewed_from_parsed"]
