"""Bodies of the background jobs. They run in a worker with an app context pushed."""

from __future__ import annotations

import logging
import time
from typing import Any

from cardscan.config import Settings
from cardscan.errors import CardscanError
from cardscan.types import OcrPage
from extensions import db
from models import Card, utcnow
from services import storage

log = logging.getLogger(__name__)


def page_to_json(page: OcrPage | None) -> dict[str, Any] | None:
    """The raw OCR output kept with a card: every line with its box and confidence."""
    if page is None:
        return None
    return {
        "width": page.width,
        "height": page.height,
        "languages": page.languages,
        "vertical": page.vertical,
        "rotation": page.rotation,
        "lines": [
            {
                "text": line.text,
                "box": [line.box.left, line.box.top, line.box.width, line.box.height],
                "confidence": round(line.confidence, 4),
                "vertical": line.vertical,
            }
            for line in page.lines
        ],
    }


def read_card(card_id: int) -> None:
    """Run the reader on a stored card image and keep everything it returns.

    A card that is already read or saved is left alone, so a task delivered twice (after a
    crash, or re-enqueued at start-up) does no harm.
    """
    card = db.session.get(Card, card_id)
    if card is None or card.status not in ("queued", "running"):
        return
    card.status = "running"
    card.error = None
    db.session.commit()
    started = time.monotonic()
    try:
        from cardscan.pipeline import scan  # late: the reader loads OCR models only in workers

        result = scan(storage.resolve(card.image_path), settings=Settings(default_region=_region()))
    except CardscanError as e:
        _fail(card, e.message, started)
        return
    except Exception:
        # A bug in the reader must not leave the card 'running' forever: record it, log it.
        log.exception("reading card %s failed", card_id)
        _fail(card, "internal error while reading the card", started)
        return
    card.seconds = round(time.monotonic() - started, 3)
    card.raw_ocr = page_to_json(result.page)
    if result.card is None:
        card.status = "failed"
        card.error = result.error or "unreadable image"
    else:
        card.status = "read"
        card.parsed = result.card.to_dict()
        card.read_at = utcnow()
    db.session.commit()
    if card.status == "read" and card.auto_save:
        from services.api_cards import auto_save_card  # JSON API uploads skip the review step

        auto_save_card(card.id)


def _region() -> str:
    from flask import current_app

    return str(current_app.config.get("DEFAULT_REGION", "JP"))


def _fail(card: Card, message: str, started: float) -> None:
    db.session.rollback()
    card = db.session.get(Card, card.id) or card
    card.status = "failed"
    card.error = message
    card.seconds = round(time.monotonic() - started, 3)
    db.session.commit()
