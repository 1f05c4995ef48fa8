"""People: search list, detail page, edit and new forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from werkzeug.wrappers import Response
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from extensions import db
from models import INTERACTION_KINDS, PHONE_KINDS, STAGES, Person, Tag, User
from services.companies import split_tags
from services.contacts import PersonInput, PhoneInput, create_person, person_detail, update_person
from services.keys import PREFECTURES, format_phone
from services.search import SearchCriteria, search_people
from services.validation import InvalidCriteria, InvalidInput

bp = Blueprint("contacts", __name__, url_prefix="/contacts")

#: Blank phone rows offered on the edit form beyond the ones the person has.
SPARE_PHONE_ROWS = 2


def phone_kind_labels() -> dict[str, str]:
    """Translated labels of phone kinds (called per request so the language applies)."""
    return {"work": _("Work"), "mobile": _("Mobile"), "fax": _("Fax"), "other": _("Other")}


def interaction_kind_labels() -> dict[str, str]:
    """Translated labels of interaction kinds."""
    return {
        "visit": _("Visit"),
        "call": _("Call"),
        "email": _("E-mail"),
        "meeting": _("Meeting"),
        "other": _("Other"),
    }


def stage_labels() -> dict[str, str]:
    """Translated labels of the customer stages (Japanese: 潜在/見込/既存/優良)."""
    return {
        "potential": _("Potential"),
        "prospect": _("Prospect"),
        "customer": _("Customer"),
        "loyal": _("Loyal"),
    }


def local_today() -> dt.date:
    """Today in the user's time zone (what "overdue" and date fields mean)."""
    return dt.datetime.now(get_timezone()).date()


@bp.app_context_processor
def record_helpers() -> dict[str, Any]:
    """Labels and formatters the contact, company and action templates share."""
    region = current_app.config.get("DEFAULT_REGION", "JP")
    return {
        "phone_display": lambda e164: format_phone(e164, region),
        "phone_kind_labels": phone_kind_labels,
        "interaction_kind_labels": interaction_kind_labels,
        "stage_labels": stage_labels,
        "local_today": local_today,
    }


class PhoneRow(Form):
    """One phone line of the person form (a sub-form: the outer form carries the CSRF token)."""

    type = SelectField(_l("Type"), choices=[SelectChoice(k) for k in PHONE_KINDS], default="work")
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40)])


class PersonForm(FlaskForm):
    """The edit / new person form."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=255)])
    name_reading = StringField(_l("Reading (kana)"), validators=[Optional(), Length(max=255)])
    name_latin = StringField(_l("Name in Latin letters"), validators=[Optional(), Length(max=255)])
    company = StringField(_l("Company"), validators=[Optional(), Length(max=255)])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=255)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=255)])
    is_key_person = BooleanField(_l("Key person"))
    owner_id = SelectField(_l("Owner"), coerce=int, default=0)
    emails = TextAreaField(_l("E-mail addresses (one per line)"), validators=[Optional(), Length(max=2000)])
    phones = FieldList(FormField(PhoneRow), min_entries=1)
    postal_code = StringField(_l("Postal code"), validators=[Optional(), Length(max=20)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    prefecture = SelectField(
        _l("Prefecture"), choices=[SelectChoice("", "—"), *[SelectChoice(p) for p in PREFECTURES]]
    )
    country = StringField(_l("Country (2 letters)"), validators=[Optional(), Length(max=2)])
    tags = StringField(_l("Tags (comma separated)"), validators=[Optional(), Length(max=500)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])


def owner_choices(current: int | None = None) -> list[SelectChoice]:
    """Active users to own a record, "nobody" (0), and the record's ``current`` owner.

    The current owner stays a choice after their account was deactivated:
    otherwise the browser would select "nobody" and any edit of the record
    would clear its owner.
    """
    active = User.is_active.is_(True)
    owners = active if current is None else or_(active, User.id == current)
    users = db.session.scalars(select(User).where(owners).order_by(User.email)).all()
    return [SelectChoice(0, _("(nobody)")), *[SelectChoice(u.id, u.label) for u in users]]


def _build_form(person: Person | None) -> PersonForm:
    form = PersonForm(obj=None)
    form.owner_id.choices = owner_choices(person.owner_id if person is not None else None)
    labels = phone_kind_labels()
    if request.method == "GET":
        if person is not None:
            form.name.data = person.name
            form.name_reading.data = person.name_reading
            form.name_latin.data = person.name_latin
            form.company.data = person.company.name if person.company else ""
            form.department.data = person.department
            form.title.data = person.title
            form.is_key_person.data = person.is_key_person
            form.owner_id.data = person.owner_id or 0
            form.emails.data = "\n".join(e.email for e in person.emails)
            form.postal_code.data = person.postal_code
            form.address.data = person.address
            form.prefecture.data = person.prefecture or ""
            form.country.data = person.country
            form.tags.data = ", ".join(t.name for t in person.tags)
            form.notes.data = person.notes
            phones = person.phones
        else:
            form.owner_id.data = current_user.id
            phones = []
        region = current_app.config.get("DEFAULT_REGION", "JP")
        while form.phones.entries:
            form.phones.pop_entry()
        for phone in phones:
            number = format_phone(phone.e164, region, phone.extension)
            form.phones.append_entry({"type": phone.type, "number": number})
        for _i in range(SPARE_PHONE_ROWS):
            form.phones.append_entry({"type": "mobile" if not phones else "work", "number": ""})
    for row in form.phones:
        row.form.type.choices = [SelectChoice(k, labels[k]) for k in PHONE_KINDS]
    return form


def _form_input(form: PersonForm) -> PersonInput:
    region = current_app.config.get("DEFAULT_REGION", "JP")
    phones = tuple(
        PhoneInput(type=row.form.type.data, number=row.form.number.data.strip(), region=region)
        for row in form.phones
        if (row.form.number.data or "").strip()
    )
    return PersonInput(
        name=form.name.data or "",
        name_reading=form.name_reading.data,
        name_latin=form.name_latin.data,
        title=form.title.data,
        department=form.department.data,
        company=form.company.data,
        is_key_person=bool(form.is_key_person.data),
        owner_id=form.owner_id.data or None,
        emails=tuple(line.strip() for line in (form.emails.data or "").splitlines() if line.strip()),
        phones=phones,
        postal_code=form.postal_code.data,
        address=form.address.data,
        prefecture=form.prefecture.data or None,
        country=form.country.data,
        notes=form.notes.data or "",
        tags=split_tags(form.tags.data),
    )


def explain(error: InvalidInput) -> str:
    """The error's message in the user's language."""
    return _(error.template, **error.params)


def show_field_error(form: FlaskForm, error: InvalidInput) -> None:
    """Put a service's complaint next to the field it is about (or on top of the page)."""
    field = getattr(form, error.field, None)
    message = _("%(problem)s — please correct it and save again.", problem=explain(error))
    if field is not None and hasattr(field, "errors"):
        # A FieldList keeps per-row dicts in ``errors``; only plain messages are shown.
        field.errors = [*[e for e in field.errors if isinstance(e, str)], message]
    else:
        flash(message, "error")


@bp.get("/")
@login_required
def index() -> str | tuple[str, int]:
    """The people list: one search box, filters, sorting, pages."""
    region = current_app.config.get("DEFAULT_REGION", "JP")
    status = 200
    try:
        criteria = SearchCriteria.from_args(request.args, region=region)
    except InvalidCriteria as e:
        flash(_("The filter %(field)s was ignored: %(problem)s.", field=e.field, problem=explain(e)), "error")
        criteria = SearchCriteria(q=request.args.get("q", ""), region=region)
        status = 400
    page = search_people(db.session, criteria)
    users = db.session.scalars(select(User).order_by(User.email)).all()
    tags = db.session.scalars(select(Tag.name).order_by(Tag.name)).all()
    body = render_template(
        "contacts/index.html",
        page=page,
        criteria=criteria,
        users=users,
        tags=tags,
        prefectures=PREFECTURES,
        stages=list(STAGES),
    )
    return (body, status) if status != 200 else body


@bp.get("/<int:person_id>")
@login_required
def detail(person_id: int) -> str:
    """A person with cards, career, notes and next actions."""
    return render_detail(person_id)


def render_detail(person_id: int, *, note_draft: Mapping[str, str] | None = None) -> str:
    """The person page; ``note_draft`` (kind, occurred_on, text) refills a note that was refused."""
    view = person_detail(db.session, person_id)
    if view is None:
        abort(404)
    users = db.session.scalars(select(User).where(User.is_active.is_(True)).order_by(User.email)).all()
    today = local_today()
    return render_template(
        "contacts/detail.html",
        view=view,
        person=view.person,
        users=users,
        kinds=INTERACTION_KINDS,
        today=today,
        note_draft=note_draft or {"kind": "visit", "occurred_on": today.isoformat(), "text": ""},
    )


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@login_required
def edit(person_id: int) -> str | Response | tuple[str, int]:
    """The edit form; a change of title or company adds a career step."""
    person = db.session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        abort(404)
    form = _build_form(person)
    if form.validate_on_submit():
        try:
            update_person(db.session, person, _form_input(form), by=current_user)
        except InvalidInput as e:
            db.session.rollback()
            show_field_error(form, e)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("contacts.detail", person_id=person.id))
    status = 400 if request.method == "POST" else 200
    return render_template("contacts/edit.html", form=form, person=person), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> str | Response | tuple[str, int]:
    """Type a person in by hand (no card)."""
    form = _build_form(None)
    if form.validate_on_submit():
        try:
            person = create_person(db.session, _form_input(form))
        except InvalidInput as e:
            db.session.rollback()
            show_field_error(form, e)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("contacts.detail", person_id=person.id))
    status = 400 if request.method == "POST" else 200
    return render_template("contacts/edit.html", form=form, person=None), status
