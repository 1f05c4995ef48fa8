"""Card images and attachments, served only to logged-in users from private storage."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from flask import Blueprint, Response, abort, send_file
from flask_login import current_user, login_required

from extensions import db
from models import Attachment, Card
from services import storage
from services.cards import card_visible_to
from services.exchange import ExportOutcome

bp = Blueprint("files", __name__, url_prefix="/files")

_BROWSER_IMAGES = {"image/jpeg", "image/png", "image/webp"}


def _harden(response: Response) -> Response:
    # Stored files are user content: never let a browser sniff them into HTML or run them.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    # Customer data: the browser revalidates every time, so nothing is shown from its cache
    # after logout on a shared phone or PC.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def export_download(outcome: ExportOutcome) -> Response:
    """An export file as an attachment that no browser or proxy keeps (web UI and API alike)."""
    response = Response(outcome.data, mimetype=outcome.media_type.split(";")[0])
    response.headers["Content-Type"] = outcome.media_type
    response.headers["Content-Disposition"] = f'attachment; filename="{outcome.filename}"'
    response.headers["X-Export-Rows"] = str(outcome.rows)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _path(relative: str) -> Path:
    try:
        path = storage.resolve(relative)
    except ValueError:
        abort(404)
    if not path.is_file():
        abort(404)
    return path


@bp.get("/cards/<int:card_id>/image")
@login_required
def card_image(card_id: int) -> Response:
    card = db.session.get(Card, card_id)
    if card is None or not card_visible_to(card, current_user):
        abort(404)
    path = _path(card.image_path)
    if card.content_type in _BROWSER_IMAGES:
        response = send_file(path, mimetype=card.content_type, conditional=True, etag=card.sha256)
    else:
        # Most browsers cannot show HEIC: send a JPEG rendering, the original stays stored.
        preview = _jpeg_preview(path, card.sha256)
        response = send_file(preview, mimetype="image/jpeg", conditional=True, etag=card.sha256 + "-jpg")
    response.headers["Content-Disposition"] = "inline"
    return _harden(response)


# Long side of the JPEG shown for a HEIC photo: enough to read the card on the review page.
_PREVIEW_LONG_SIDE = 2400


def _jpeg_preview(path: Path, sha256: str) -> Path:
    """The JPEG rendering of a stored HEIC photo, made once and kept in private storage.

    Named after the original's digest, so every card pointing at one photo
    shares it. Decoded by the card reader's loader, with its limits: a photo
    it refuses (a decompression bomb, a corrupt file) has no preview (404)
    rather than being decoded whole here.
    """
    relative = f"previews/{sha256[:2]}/{sha256}.jpg"
    cached = _stored(relative)
    if cached is not None:
        return cached
    from cardscan.config import DEFAULT_SETTINGS
    from cardscan.errors import CardscanError
    from cardscan.imaging import load_image

    buffer = io.BytesIO()
    try:
        upright = load_image(path, settings=replace(DEFAULT_SETTINGS, work_max_side=_PREVIEW_LONG_SIDE))
        upright.thumbnail((_PREVIEW_LONG_SIDE, _PREVIEW_LONG_SIDE))
        upright.save(buffer, "JPEG", quality=85)
    except (CardscanError, OSError):
        abort(404)
    stored = storage.save_derived(buffer.getvalue(), relative)
    return storage.resolve(stored)


def _stored(relative: str) -> Path | None:
    path = storage.resolve(relative)
    return path if path.is_file() else None


@bp.get("/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int) -> Response:
    row = db.session.get(Attachment, attachment_id)
    if row is None:
        abort(404)
    path = _path(row.storage_path)
    response = send_file(
        path,
        mimetype=row.content_type or "application/octet-stream",
        as_attachment=True,
        download_name=row.filename or f"attachment-{row.id}",
        conditional=True,
    )
    return _harden(response)
