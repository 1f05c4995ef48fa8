"""The admin's duplicate queue: suggestions side by side, merge field by field, undo.

Admins only: members get 403. Every form carries the CSRF token (Flask-WTF checks all posts).
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from services import merging
from services.validation import bounded_int
from views.access import admin_required

bp = Blueprint("merge", __name__, url_prefix="/merge")

#: Suggestions scoring at least this are ticked for "merge all checked pairs" (the obvious ones).
BULK_PRECHECK = 0.9

#: Field labels of the side-by-side view, translated per request.
FIELD_LABELS = {
    "name": "Name",
    "name_reading": "Reading",
    "name_latin": "Name (Latin)",
    "company": "Company",
    "title": "Title",
    "department": "Department",
    "address": "Address",
    "country": "Country",
    "owner": "Owner",
}


#: The matcher's reasons (cardscan.match, English in the data and the JSON) for the page.
REASONS: frozenset[str] = frozenset(
    {
        "same mobile",
        "mobile shared with others (ignored)",
        "mobiles one digit apart (OCR slip?)",
        "different mobiles",
        "same personal email",
        "same email",
        "email shared with others (ignored)",
        "emails one character apart (OCR slip?)",
        "different emails at the same domain",
        "same company mailbox (ignored)",
        "same direct line",
        "shared main line (ignored)",
        "name equal",
        "latin name equal",
        "latin name differs",
        "latin name equals reading",
        "latin name differs from reading",
        "reading equal",
        "reading differs",
        "same company",
        "same name at the same company",
        "same department",
        "same title",
        "company differs (job change?)",
        "same address",
        "no shared mobile, email or direct line: not merged automatically",
    }
)
#: Reasons with a name similarity in them: (pattern, message with %(sim)s).
_SIMILARITY_REASONS = (
    (re.compile(r"name ([0-9.]+) \(one slip\)"), "name %(sim)s (one slip)"),
    (re.compile(r"name ([0-9.]+), read differently"), "name %(sim)s, read differently"),
    (re.compile(r"name ([0-9.]+), latin name equal"), "name %(sim)s, latin name equal"),
    (re.compile(r"name differs \(([0-9.]+)\)"), "name differs (%(sim)s)"),
    (re.compile(r"name ([0-9.]+)"), "name similarity %(sim)s"),
)


@bp.app_template_global()
def merge_reason(reason: str) -> str:
    """A matcher's reason in the interface language (unknown ones as they are)."""
    if reason in REASONS:
        # The matcher's fixed reasons are msgids of merge.po (listed above for extraction).
        return _(reason)
    for pattern, message in _SIMILARITY_REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return _(message, sim=found.group(1))
    return reason


def _labels() -> dict[str, str]:
    return {k: _(v) for k, v in FIELD_LABELS.items()}


def _page_arg() -> int:
    return max(1, bounded_int(request.args.get("page")) or 1)


@bp.get("/")
@admin_required
def index() -> ResponseReturnValue:
    page = merging.suggestion_page(_page_arg())
    return render_template("merge/index.html", page=page, labels=_labels(), precheck=BULK_PRECHECK)


@bp.get("/<int:suggestion_id>")
@admin_required
def detail(suggestion_id: int) -> ResponseReturnValue:
    try:
        view = merging.get_suggestion(suggestion_id)
    except merging.SuggestionNotFound:
        abort(404)
    return render_template("merge/detail.html", item=view, labels=_labels())


@bp.post("/<int:suggestion_id>/merge")
@admin_required
def merge(suggestion_id: int) -> ResponseReturnValue:
    try:
        view = merging.get_suggestion(suggestion_id)
    except merging.SuggestionNotFound:
        abort(404)
    choices = {f: request.form[f"field_{f}"] for f in merging.MERGE_FIELDS if request.form.get(f"field_{f}")}
    try:
        record = merging.merge_contacts(
            view.left.id, view.right.id, choices, current_user, suggestion_id=suggestion_id
        )
    except merging.MergeError as e:
        flash(_("Could not merge: %(reason)s", reason=str(e)), "error")
        return redirect(url_for("merge.detail", suggestion_id=suggestion_id)), 303
    flash(_("Merged into %(name)s. You can undo this in the merge history.", name=record.kept.name), "info")
    return redirect(url_for("merge.index")), 303


@bp.post("/<int:suggestion_id>/reject")
@admin_required
def reject(suggestion_id: int) -> ResponseReturnValue:
    try:
        merging.reject_suggestion(suggestion_id, current_user)
    except merging.SuggestionNotFound:
        abort(404)
    flash(_("Marked as two different people; this pair will not be suggested again."), "info")
    return redirect(url_for("merge.index")), 303


@bp.post("/bulk")
@admin_required
def bulk() -> ResponseReturnValue:
    ids = [n for n in (bounded_int(i) for i in request.form.getlist("ids")) if n is not None]
    if not ids:
        flash(_("Nothing was selected."), "warning")
        return redirect(url_for("merge.index")), 303
    records = merging.bulk_accept(ids, current_user)
    flash(_("%(count)d pairs merged.", count=len(records)), "info")
    return redirect(url_for("merge.index")), 303


@bp.get("/history")
@admin_required
def history() -> ResponseReturnValue:
    return render_template("merge/history.html", page=merging.merge_history(_page_arg()))


@bp.post("/history/<int:record_id>/undo")
@admin_required
def undo(record_id: int) -> ResponseReturnValue:
    try:
        merging.unmerge(record_id, current_user)
    except merging.MergeError as e:
        flash(_("Could not undo: %(reason)s", reason=str(e)), "error")
        return redirect(url_for("merge.history")), 303
    flash(_("The merge was undone; both people are back as they were."), "info")
    return redirect(url_for("merge.history")), 303
