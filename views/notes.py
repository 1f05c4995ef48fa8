"""Interaction notes on a person. Attachments are served by ``views.files`` (login only)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import DateField, MultipleFileField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import Optional

from extensions import db
from models import INTERACTION_KINDS, Person
from services.notes import NoteInput, UploadedFile, add_note
from services.validation import InvalidInput
from views.contacts import explain, render_detail

bp = Blueprint("notes", __name__)


class NoteForm(FlaskForm):
    """The note form on the person page."""

    kind = SelectField(choices=[SelectChoice(k) for k in INTERACTION_KINDS], default="visit")
    occurred_on = DateField(validators=[Optional()])
    text = TextAreaField()
    files = MultipleFileField()


def occurred_at(day: dt.date | None) -> dt.datetime:
    """When a note dated ``day`` happened: now for today, else noon that day, local time.

    Noon keeps a back-dated note on the right day whatever the time zone offset.
    """
    # Flask-Babel hands out pytz zones, which give wrong offsets with datetime(tzinfo=...).
    tz = ZoneInfo(str(get_timezone()))
    now = dt.datetime.now(tz)
    if day is None or day == now.date():
        return now.astimezone(dt.UTC)
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=tz).astimezone(dt.UTC)


@bp.post("/contacts/<int:person_id>/notes")
@login_required
def create(person_id: int) -> Response | tuple[str, int]:
    """Write a note (with attachments) on a person, then show the person again."""
    person = db.session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        abort(404)
    form = NoteForm()

    def refused(message: str) -> tuple[str, int]:
        # The page again with what was typed, so nothing written is lost (files must be chosen again).
        flash(message, "error")
        draft = {
            "kind": request.form.get("kind", ""),
            "occurred_on": request.form.get("occurred_on", ""),
            "text": request.form.get("text", ""),
        }
        return render_detail(person_id, note_draft=draft), 400

    if not form.validate_on_submit():
        return refused(
            _(
                "The note was not saved: the form was incomplete or expired. "
                "Your text is below; attach any files again and send it."
            )
        )
    limit = current_app.config.get("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    # One byte over the limit is enough to tell "too large" without holding a huge file.
    files = tuple(
        UploadedFile(filename=f.filename or "", data=f.stream.read(limit + 1))
        for f in request.files.getlist(form.files.name)
        if f and f.filename
    )
    try:
        data = NoteInput(
            kind=form.kind.data or "other",
            occurred_at=occurred_at(form.occurred_on.data),
            text=form.text.data or "",
            files=files,
            max_file_bytes=limit,
        )
        add_note(db.session, person, data, author_id=current_user.id)
    except InvalidInput as e:
        db.session.rollback()
        return refused(
            _(
                "The note was not saved: %(problem)s. Your text is below; attach the files again "
                "without that one and send it.",
                problem=explain(e),
            )
        )
    flash(_("Note saved."), "success")
    return redirect(url_for("contacts.detail", person_id=person_id) + "#notes")
