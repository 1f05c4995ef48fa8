"""The capture page: photograph or pick cards, upload, watch them being read."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from services import cards
from services.validation import bounded_int
from views.forms import EmptyForm
from views.scan_errors import scan_error

bp = Blueprint("capture", __name__)


def _message(outcome: cards.UploadOutcome) -> str:
    # Translated by code: the service's English text carries numbers the catalogue cannot know.
    config = current_app.config
    messages = {
        "empty": _("The file is empty."),
        "too_large": _("The file is larger than %(mb)d MB.", mb=config["MAX_UPLOAD_BYTES"] // (1024 * 1024)),
        "unsupported_type": _("Not a JPEG, PNG, WebP or HEIC image."),
        "too_many": _("Too many files: at most %(count)d at once.", count=config["MAX_UPLOAD_FILES"]),
    }
    return messages.get(outcome.code or "", outcome.error or "")


def _progress(card_ids: list[int]) -> list[dict[str, object]]:
    # The poll shows the reading error on the page: in the page's language, like the HTML.
    found = cards.card_progress(card_ids, user=current_user)
    return [{**c, "error": scan_error(c["error"]) or None} for c in found]


def _wants_json() -> bool:
    return (
        request.accept_mimetypes.best == "application/json"
        or request.headers.get("X-Requested-With") == "fetch"
    )


@bp.get("/capture")
@login_required
def index() -> ResponseReturnValue:
    queue = cards.review_queue(user_id=current_user.id)
    return render_template(
        "capture/index.html",
        form=EmptyForm(),
        queue=queue,
        max_files=current_app.config["MAX_UPLOAD_FILES"],
        max_mb=current_app.config["MAX_UPLOAD_BYTES"] // (1024 * 1024),
    )


@bp.post("/capture")
@login_required
def upload() -> ResponseReturnValue:
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    files = request.files.getlist("image")
    outcomes = cards.accept_uploads(cards.read_uploads(files), user_id=current_user.id)
    accepted = [o for o in outcomes if o.ok]
    if _wants_json():
        body = {
            "files": [
                {
                    "filename": o.filename,
                    "card_id": o.card_id,
                    "error": _message(o) if o.error else None,
                    "code": o.code,
                }
                for o in outcomes
            ],
            "status_url": url_for("capture.status"),
        }
        status = 202 if accepted else (400 if not outcomes else 422)
        return jsonify(body), status
    if not outcomes:
        flash(_("Choose at least one photo."), "error")
    for o in outcomes:
        if o.error:
            flash(f"{o.filename}: {_message(o)}", "error")
    if accepted:
        flash(_("%(count)d card(s) are being read.", count=len(accepted)), "info")
    return redirect(url_for("capture.index")), 303


@bp.get("/capture/status")
@login_required
def status() -> ResponseReturnValue:
    raw = request.args.get("ids", "")
    ids = [n for n in (bounded_int(part) for part in raw.split(",")) if n is not None][:200]
    return jsonify(cards=_progress(ids))


@bp.post("/cards/<int:card_id>/retry")
@login_required
def retry(card_id: int) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    try:
        card = cards.retry_card(card_id, user=current_user)
    except cards.CardNotFound:
        abort(404)
    if _wants_json():
        return jsonify(cards=_progress([card.id]))
    flash(_("The card is queued again."), "info")
    return redirect(url_for("capture.index")), 303
