"""Next actions: "my actions", planning one on a person, marking done."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from extensions import db
from models import NextAction, Person
from services.actions import ActionInput, add_action, my_actions, set_done
from services.validation import InvalidInput
from views.contacts import explain, local_today, owner_choices
from views.forms import safe_path

bp = Blueprint("actions", __name__, url_prefix="/actions")


class ActionForm(FlaskForm):
    """Plan a next action."""

    what = StringField(validators=[DataRequired(), Length(max=500)])
    due_on = DateField(validators=[Optional()])
    assignee_id = SelectField(coerce=int, validators=[Optional()])


class DoneForm(FlaskForm):
    """An empty form: only the CSRF token, for the "done" buttons."""


@bp.get("/")
@login_required
def index() -> str:
    """The current user's open actions, overdue first."""
    view = my_actions(db.session, current_user.id, today=local_today())
    return render_template("actions/mine.html", view=view, done_form=DoneForm())


@bp.post("/person/<int:person_id>")
@login_required
def create(person_id: int) -> Response:
    """Plan a next action on a person."""
    person = db.session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        abort(404)
    form = ActionForm()
    form.assignee_id.choices = owner_choices()
    back = redirect(url_for("contacts.detail", person_id=person_id) + "#actions")
    if not form.validate_on_submit():
        flash(_("The action was not saved: say what is to be done (and give a valid date)."), "error")
        return back
    try:
        add_action(
            db.session,
            person,
            ActionInput(
                what=form.what.data or "", due_on=form.due_on.data, assignee_id=form.assignee_id.data or None
            ),
            created_by_id=current_user.id,
        )
    except InvalidInput as e:
        db.session.rollback()
        flash(_("The action was not saved: %(problem)s.", problem=explain(e)), "error")
        return back
    flash(_("Next action planned."), "success")
    return back


@bp.post("/<int:action_id>/done")
@login_required
def done(action_id: int) -> Response:
    """Mark an action done (or open again with ``undo=1``)."""
    action = db.session.get(NextAction, action_id)
    if action is None:
        abort(404)
    form = DoneForm()
    if not form.validate_on_submit():
        flash(_("The page had expired; please press the button again."), "error")
    else:
        set_done(db.session, action, done=request.form.get("undo") != "1")
        flash(_("Action marked done.") if action.done_at else _("Action opened again."), "success")
    default = (
        url_for("contacts.detail", person_id=action.person_id)
        if action.person_id
        else url_for("actions.index")
    )
    return redirect(safe_path(request.form.get("next"), default))
