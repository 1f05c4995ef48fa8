"""Review a read card beside its photo and save it to the customer base."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import PHONE_KINDS
from services import cards
from services.keys import format_phone
from views.forms import EmptyForm

bp = Blueprint("review", __name__)

TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "name_reading",
    "name_latin",
    "company",
    "department",
    "title",
    "postal_code",
    "address",
    "country",
)


@bp.get("/review")
@login_required
def index() -> ResponseReturnValue:
    # Admins review the whole team's queue; a member the cards they uploaded.
    mine = None if current_user.is_admin else current_user.id
    return render_template("review/index.html", cards=cards.review_queue(user_id=mine), form=EmptyForm())


def _initial_values(card: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = card.parsed or {}
    region = current_app.config["DEFAULT_REGION"]
    values: dict[str, Any] = {name: parsed.get(name) or "" for name in TEXT_FIELDS}
    values["emails"] = list(parsed.get("emails") or [])
    values["urls"] = list(parsed.get("urls") or [])
    values["phones"] = [
        {"type": p.get("type", "work"), "number": format_phone(p.get("e164", ""), region, p.get("extension"))}
        for p in parsed.get("phones") or []
    ]
    values["notes"] = "\n".join(parsed.get("leftover") or [])
    return values


def _form_values() -> dict[str, Any]:
    form = request.form
    values: dict[str, Any] = {name: form.get(name, "") for name in TEXT_FIELDS}
    values["emails"] = [e for e in form.getlist("email") if e.strip()]
    values["urls"] = [u for u in form.getlist("url") if u.strip()]
    values["phones"] = [
        {"type": t if t in PHONE_KINDS else "other", "number": n}
        for t, n in zip(form.getlist("phone_type"), form.getlist("phone_number"), strict=False)
        if n.strip()
    ]
    values["notes"] = form.get("notes", "")
    return values


def _doubtful(card: Any) -> set[str]:
    threshold = float(current_app.config["REVIEW_CONFIDENCE"])
    confidence: dict[str, float] = (card.parsed or {}).get("confidence") or {}
    return {name for name, value in confidence.items() if value < threshold}


def _render(
    card: Any, values: dict[str, Any], errors: dict[str, str], status: int = 200
) -> ResponseReturnValue:
    return (
        render_template(
            "review/card.html",
            card=card,
            values=values,
            errors=errors,
            doubtful=_doubtful(card),
            phone_kinds=PHONE_KINDS,
            form=EmptyForm(),
        ),
        status,
    )


@bp.get("/review/<int:card_id>")
@login_required
def card(card_id: int) -> ResponseReturnValue:
    try:
        found = cards.get_card(card_id, user=current_user)
    except cards.CardNotFound:
        abort(404)
    values = found.reviewed if found.status == "saved" and found.reviewed else _initial_values(found)
    if found.status == "saved" and found.reviewed:
        region = current_app.config["DEFAULT_REGION"]
        values = {
            **values,
            "phones": [
                {"type": p["type"], "number": format_phone(p["e164"], region, p.get("extension"))}
                for p in found.reviewed.get("phones", [])
            ],
        }
    return _render(found, values, {})


@bp.post("/review/<int:card_id>")
@login_required
def save(card_id: int) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    try:
        found = cards.get_card(card_id, user=current_user)
    except cards.CardNotFound:
        abort(404)
    values = _form_values()
    reviewed = cards.ReviewedCard(
        name=values["name"],
        name_reading=values["name_reading"],
        name_latin=values["name_latin"],
        title=values["title"],
        department=values["department"],
        company=values["company"],
        emails=tuple(values["emails"]),
        phones=tuple(cards.ReviewedPhone(p["type"], p["number"]) for p in values["phones"]),
        urls=tuple(values["urls"]),
        postal_code=values["postal_code"],
        address=values["address"],
        country=values["country"],
        notes=values["notes"],
    )
    try:
        outcome = cards.save_reviewed_card(card_id, reviewed, user_id=current_user.id)
    except cards.ReviewError as e:
        flash(_("Please correct the marked fields."), "error")
        return _render(found, values, e.errors, 422)
    if outcome.created:
        flash(_("Saved as a new contact."), "info")
    else:
        flash(_("Added to an existing contact."), "info")
    next_card = next((c for c in cards.review_queue(user_id=current_user.id) if c.status == "read"), None)
    if request.form.get("then") == "next" and next_card is not None:
        return redirect(url_for("review.card", card_id=next_card.id)), 303
    return redirect(_person_url(outcome.person_id)), 303


def _person_url(person_id: int) -> str:
    # The person page belongs to the contacts blueprint; fall back to the queue without it.
    if "contacts.detail" in current_app.view_functions:
        return url_for("contacts.detail", person_id=person_id)
    return url_for("capture.index")
