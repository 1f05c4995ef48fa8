"""Companies: list, page (people, timeline, open actions), new/edit forms, stage change."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from extensions import db
from models import STAGES, Company
from services.companies import (
    CompanyInput,
    company_overview,
    create_company,
    list_companies,
    set_stage,
    split_tags,
    update_company,
)
from services.keys import format_phone
from services.validation import InvalidInput, bounded_int
from views.contacts import owner_choices, show_field_error, stage_labels

bp = Blueprint("companies", __name__, url_prefix="/companies")
PER_PAGE = 50


class CompanyForm(FlaskForm):
    """The new / edit company form."""

    name = StringField(_l("Company name (with legal form)"), validators=[DataRequired(), Length(max=255)])
    reading = StringField(_l("Reading (kana)"), validators=[Optional(), Length(max=255)])
    domain = StringField(_l("Web domain"), validators=[Optional(), Length(max=255)])
    postal_code = StringField(_l("Postal code"), validators=[Optional(), Length(max=20)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    main_phone = StringField(_l("Main phone"), validators=[Optional(), Length(max=40)])
    stage = SelectField(_l("Stage"), default="potential")
    owner_id = SelectField(_l("Owner"), coerce=int, default=0)
    tags = StringField(_l("Tags (comma separated)"), validators=[Optional(), Length(max=500)])


class StageForm(FlaskForm):
    """The one-select stage change on the company page."""

    stage = SelectField(_l("Stage"))


def _prepare(form: CompanyForm | StageForm, company: Company | None = None) -> None:
    labels = stage_labels()
    form.stage.choices = [SelectChoice(s, labels[s]) for s in STAGES]
    if isinstance(form, CompanyForm):
        form.owner_id.choices = owner_choices(company.owner_id if company is not None else None)


def _input(form: CompanyForm) -> CompanyInput:
    return CompanyInput(
        name=form.name.data or "",
        reading=form.reading.data,
        domain=form.domain.data,
        postal_code=form.postal_code.data,
        address=form.address.data,
        main_phone=form.main_phone.data,
        stage=form.stage.data or "potential",
        tags=split_tags(form.tags.data),
        owner_id=form.owner_id.data or None,
        region=current_app.config.get("DEFAULT_REGION", "JP"),
    )


@bp.get("/")
@login_required
def index() -> str:
    """Companies by name, optionally filtered by name prefix and stage."""
    page = max(1, bounded_int(request.args.get("page")) or 1)
    stage = request.args.get("stage") or None
    q = request.args.get("q", "")
    rows, total = list_companies(db.session, q=q, stage=stage, page=page, per_page=PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template(
        "companies/index.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        q=q,
        stage=stage,
        stages=STAGES,
    )


@bp.get("/<int:company_id>")
@login_required
def detail(company_id: int) -> str:
    """People (key persons first), timeline across them, open actions, stage change."""
    view = company_overview(db.session, company_id)
    if view is None:
        abort(404)
    form = StageForm()
    _prepare(form)
    form.stage.data = view.company.stage
    region = current_app.config.get("DEFAULT_REGION", "JP")
    main_phone = format_phone(view.company.main_phone, region) if view.company.main_phone else None
    return render_template(
        "companies/detail.html", view=view, company=view.company, stage_form=form, main_phone=main_phone
    )


@bp.post("/<int:company_id>/stage")
@login_required
def change_stage(company_id: int) -> Response:
    """Move the company to another stage."""
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    form = StageForm()
    _prepare(form)
    if form.validate_on_submit():
        set_stage(db.session, company, form.stage.data or "", user_id=current_user.id)
        flash(_("Stage changed to %(stage)s.", stage=stage_labels()[company.stage]), "success")
    else:
        flash(_("Choose one of the stages and try again."), "error")
    return redirect(url_for("companies.detail", company_id=company_id))


def _fill(form: CompanyForm, company: Company) -> None:
    region = current_app.config.get("DEFAULT_REGION", "JP")
    form.name.data = company.name
    form.reading.data = company.reading
    form.domain.data = company.domain
    form.postal_code.data = company.postal_code
    form.address.data = company.address
    form.main_phone.data = format_phone(company.main_phone, region) if company.main_phone else ""
    form.stage.data = company.stage
    form.owner_id.data = company.owner_id or 0
    form.tags.data = ", ".join(t.name for t in company.tags)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> str | Response | tuple[str, int]:
    """Create a company by hand."""
    form = CompanyForm()
    _prepare(form)
    if request.method == "GET":
        form.owner_id.data = current_user.id
    if form.validate_on_submit():
        try:
            company = create_company(db.session, _input(form))
        except InvalidInput as e:
            db.session.rollback()
            show_field_error(form, e)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("companies.detail", company_id=company.id))
    status = 400 if request.method == "POST" else 200
    return render_template("companies/edit.html", form=form, company=None), status


@bp.route("/<int:company_id>/edit", methods=["GET", "POST"])
@login_required
def edit(company_id: int) -> str | Response | tuple[str, int]:
    """Edit a company's details."""
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    form = CompanyForm()
    _prepare(form, company)
    if request.method == "GET":
        _fill(form, company)
    if form.validate_on_submit():
        try:
            update_company(db.session, company, _input(form))
        except InvalidInput as e:
            db.session.rollback()
            show_field_error(form, e)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("companies.detail", company_id=company.id))
    status = 400 if request.method == "POST" else 200
    return render_template("companies/edit.html", form=form, company=company), status
