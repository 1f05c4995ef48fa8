"""Routes of the JSON API. Each parses its input (marshmallow), calls one service, answers JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app, g, request, url_for
from flask.typing import ResponseReturnValue
from flask_smorest import Blueprint
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from extensions import db
from models import Company, Interaction, NextAction, Person, User
from services import api_cards, cards
from services.companies import CompanyInput, create_company, list_companies, update_company
from services.contacts import PersonInput, PhoneInput, create_person, update_person
from services.exchange import ExportForbidden, export_contacts, open_merge_suggestions
from services.search import SearchCriteria, search_people
from services.users import user_for_token
from services.validation import InvalidInput
from views.api import schemas as s
from views.files import export_download

PREFIX = "/api/v1"

cards_bp = Blueprint("api_cards", __name__, url_prefix=PREFIX, description="Card uploads and their jobs")
contacts_bp = Blueprint(
    "api_contacts", __name__, url_prefix=PREFIX, description="People, notes, next actions"
)
companies_bp = Blueprint("api_companies", __name__, url_prefix=PREFIX, description="Companies")
admin_bp = Blueprint("api_admin", __name__, url_prefix=PREFIX, description="Duplicates and export")
BLUEPRINTS: tuple[Blueprint, ...] = (cards_bp, contacts_bp, companies_bp, admin_bp)


class ApiError(Exception):
    """An API answer other than success: status, code and message."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields


def _error(status: int, code: str, message: str, fields: Any = None) -> ResponseReturnValue:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}, status


def _authenticate() -> ResponseReturnValue | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "token_required", "send Authorization: Bearer TOKEN (create one in your settings)")
    user = user_for_token(token.strip())
    if user is None:
        return _error(401, "bad_token", "the token is unknown, revoked, or its user is deactivated")
    g.api_user = user
    return None


def _http_error(e: HTTPException) -> ResponseReturnValue:
    status = e.code or 500
    data = getattr(e, "data", None) or {}
    messages = data.get("messages")
    if status == 422 and messages:
        return _error(422, "invalid_input", "the request has invalid values", messages)
    code = (e.name or "error").lower().replace(" ", "_")
    return _error(status, code, e.description or e.name or "error")


def _api_error(e: ApiError) -> ResponseReturnValue:
    return _error(e.status, e.code, e.message, e.fields)


def _invalid_input(e: InvalidInput) -> ResponseReturnValue:
    return _error(422, "invalid_input", f"{e.field}: {e.message}", {e.field: [e.message]})


for _bp in BLUEPRINTS:
    _bp.before_request(_authenticate)
    _bp.register_error_handler(HTTPException, _http_error)
    _bp.register_error_handler(ApiError, _api_error)
    _bp.register_error_handler(InvalidInput, _invalid_input)


def _user() -> User:
    user: User = g.api_user
    return user


def _region() -> str:
    return str(current_app.config["DEFAULT_REGION"])


def _not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"no such {what}")


# --- serialisation -----------------------------------------------------------------------


def contact_json(person: Person) -> dict[str, Any]:
    """A person as the API shows it."""
    return {
        "id": person.id,
        "name": person.name,
        "name_reading": person.name_reading,
        "name_latin": person.name_latin,
        "title": person.title,
        "department": person.department,
        "company": {"id": person.company.id, "name": person.company.name} if person.company else None,
        "emails": [e.email for e in person.emails],
        "phones": [{"type": p.type, "e164": p.e164, "extension": p.extension} for p in person.phones],
        "urls": [u.url for u in person.urls],
        "postal_code": person.postal_code,
        "address": person.address,
        "prefecture": person.prefecture,
        "country": person.country,
        "notes": person.notes,
        "is_key_person": person.is_key_person,
        "owner_id": person.owner_id,
        "tags": [t.name for t in person.tags],
        "merged_into_id": person.merged_into_id,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


def company_json(company: Company) -> dict[str, Any]:
    """A company as the API shows it."""
    return {
        "id": company.id,
        "name": company.name,
        "legal_form": company.legal_form,
        "reading": company.reading,
        "domain": company.domain,
        "postal_code": company.postal_code,
        "address": company.address,
        "prefecture": company.prefecture,
        "main_phone": company.main_phone,
        "stage": company.stage,
        "owner_id": company.owner_id,
        "tags": [t.name for t in company.tags],
    }


def _note_json(note: Interaction) -> dict[str, Any]:
    return {
        "id": note.id,
        "person_id": note.person_id,
        "company_id": note.company_id,
        "kind": note.kind,
        "occurred_at": note.occurred_at,
        "text": note.text,
        "author_id": note.author_id,
    }


def _action_json(action: NextAction) -> dict[str, Any]:
    return {
        "id": action.id,
        "person_id": action.person_id,
        "company_id": action.company_id,
        "what": action.what,
        "due_on": action.due_on,
        "assignee_id": action.assignee_id,
        "done": action.done_at is not None,
    }


# --- cards and jobs ----------------------------------------------------------------------


@cards_bp.route("/cards", methods=["POST"])
@cards_bp.arguments(s.UploadSchema, location="files", as_kwargs=True)
@cards_bp.response(202, s.JobsSchema)
def upload_cards(image: list[Any]) -> Any:
    """Upload card photos; each is read in the background and saved without review.

    Answers 202 at once with one job per accepted image; poll the job's ``url``.
    """
    files = request.files.getlist("image")
    if not files:
        raise ApiError(422, "invalid_input", "send one or more files in the field 'image'")
    outcomes = cards.accept_uploads(cards.read_uploads(files), user_id=_user().id, auto_save=True)
    jobs = [
        {"id": str(o.card_id), "url": url_for("api_cards.get_job", job_id=str(o.card_id))}
        for o in outcomes
        if o.card_id is not None
    ]
    rejected = [
        {"filename": o.filename, "code": o.code or "rejected", "message": o.error or ""}
        for o in outcomes
        if o.card_id is None
    ]
    if not jobs:
        too_large = all(r["code"] == "too_large" for r in rejected)
        first = rejected[0]
        raise ApiError(413 if too_large else 422, first["code"], first["message"], {"image": rejected})
    return {"jobs": jobs, "rejected": rejected}


@cards_bp.route("/jobs/<string:job_id>", methods=["GET"])
@cards_bp.response(200, s.JobSchema)
def get_job(job_id: str) -> Any:
    """The state of an upload: queued, running, done (saved to ``contact_id``) or failed."""
    if not job_id.isdigit() or len(job_id) > 18:
        raise _not_found("job")
    try:
        return api_cards.job_status(int(job_id), _user())
    except cards.CardNotFound:
        raise _not_found("job") from None


# --- contacts ----------------------------------------------------------------------------


def _person(person_id: int, *, writing: bool = False) -> Person:
    """The person, for reading; for ``writing``, only one not merged into another.

    A merged-away person is kept so an unmerge can restore it; what is written
    to it would show on no page, so a write is refused and names the contact
    it went into.
    """
    person = db.session.get(Person, person_id) if person_id <= s.MAX_ID else None
    if person is None:
        raise _not_found("contact")
    if writing and person.merged_into_id is not None:
        raise ApiError(
            409,
            "merged",
            f"contact {person_id} was merged into contact {person.merged_into_id}; write to that one",
        )
    return person


def _person_input(data: dict[str, Any], base: Person | None = None) -> PersonInput:
    def pick(name: str, current: Any) -> Any:
        return data.get(name, current)

    region = _region()
    phones = (
        tuple(PhoneInput(type=p["type"], number=p["number"], region=region) for p in data["phones"])
        if "phones" in data
        else tuple(
            PhoneInput(
                type=p.type, number=p.e164 + (f" ext. {p.extension}" if p.extension else ""), region=region
            )
            for p in (base.phones if base is not None else ())
        )
    )
    return PersonInput(
        name=pick("name", base.name if base else ""),
        name_reading=pick("name_reading", base.name_reading if base else None),
        name_latin=pick("name_latin", base.name_latin if base else None),
        title=pick("title", base.title if base else None),
        department=pick("department", base.department if base else None),
        company=pick("company", base.company.name if base and base.company else None),
        is_key_person=pick("is_key_person", base.is_key_person if base else False),
        owner_id=base.owner_id if base is not None else _user().id,
        emails=tuple(pick("emails", [e.email for e in base.emails] if base else [])),
        phones=phones,
        postal_code=pick("postal_code", base.postal_code if base else None),
        address=pick("address", base.address if base else None),
        prefecture=base.prefecture if base is not None and "address" not in data else None,
        country=pick("country", base.country if base else None),
        notes=pick("notes", base.notes if base else "") or "",
        tags=tuple(pick("tags", [t.name for t in base.tags] if base else [])),
    )


@contacts_bp.route("/contacts", methods=["GET"])
@contacts_bp.arguments(s.ContactQuerySchema, location="query")
@contacts_bp.response(200, s.ContactPageSchema)
def list_contacts(args: dict[str, Any]) -> Any:
    """Search people exactly like the web list (free text ``q`` plus the same filters)."""
    criteria = SearchCriteria.from_args({k: str(v) for k, v in args.items()}, region=_region())
    page = search_people(db.session, criteria)
    return {
        "items": [contact_json(p) for p in page.items],
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
    }


@contacts_bp.route("/contacts", methods=["POST"])
@contacts_bp.arguments(s.ContactInputSchema)
@contacts_bp.response(201, s.ContactSchema)
def create_contact(data: dict[str, Any]) -> Any:
    """Create a person (owned by the token's user)."""
    return contact_json(create_person(db.session, _person_input(data)))


@contacts_bp.route("/contacts/<int:person_id>", methods=["GET"])
@contacts_bp.response(200, s.ContactSchema)
def get_contact(person_id: int) -> Any:
    """One person (a merged-away one says where it went in ``merged_into_id``)."""
    return contact_json(_person(person_id))


@contacts_bp.route("/contacts/<int:person_id>", methods=["PATCH"])
@contacts_bp.arguments(s.ContactPatchSchema)
@contacts_bp.response(200, s.ContactSchema)
def update_contact(data: dict[str, Any], person_id: int) -> Any:
    """Change some fields of a person; fields not sent keep their values."""
    person = _person(person_id, writing=True)
    return contact_json(update_person(db.session, person, _person_input(data, person), by=_user()))


@contacts_bp.route("/contacts/<int:person_id>/notes", methods=["GET"])
@contacts_bp.response(200, s.NoteSchema(many=True))
def list_notes(person_id: int) -> Any:
    """Interaction notes on a person, newest first."""
    _person(person_id)
    notes = db.session.scalars(
        select(Interaction)
        .where(Interaction.person_id == person_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(200)
    )
    return [_note_json(n) for n in notes]


@contacts_bp.route("/contacts/<int:person_id>/notes", methods=["POST"])
@contacts_bp.arguments(s.NoteInputSchema)
@contacts_bp.response(201, s.NoteSchema)
def add_note(data: dict[str, Any], person_id: int) -> Any:
    """Write an interaction note (visit, call, e-mail, meeting, other)."""
    from services.notes import NoteInput
    from services.notes import add_note as add

    person = _person(person_id, writing=True)
    occurred = data.get("occurred_at") or dt.datetime.now(dt.UTC)
    note = NoteInput(kind=data["kind"], occurred_at=occurred, text=data["text"])
    return _note_json(add(db.session, person, note, author_id=_user().id))


@contacts_bp.route("/contacts/<int:person_id>/actions", methods=["GET"])
@contacts_bp.response(200, s.ActionSchema(many=True))
def list_actions(person_id: int) -> Any:
    """Next actions on a person, open ones first by due date."""
    _person(person_id)
    actions = db.session.scalars(
        select(NextAction)
        .where(NextAction.person_id == person_id)
        .order_by(
            NextAction.done_at.is_not(None), NextAction.due_on.is_(None), NextAction.due_on, NextAction.id
        )
    )
    return [_action_json(a) for a in actions]


@contacts_bp.route("/contacts/<int:person_id>/actions", methods=["POST"])
@contacts_bp.arguments(s.ActionInputSchema)
@contacts_bp.response(201, s.ActionSchema)
def add_action(data: dict[str, Any], person_id: int) -> Any:
    """Plan a next action (assigned to the token's user unless ``assignee_id`` is given)."""
    from services.actions import ActionInput
    from services.actions import add_action as add

    person = _person(person_id, writing=True)
    action = ActionInput(what=data["what"], due_on=data.get("due_on"), assignee_id=data.get("assignee_id"))
    return _action_json(add(db.session, person, action, created_by_id=_user().id))


# --- companies ---------------------------------------------------------------------------


def _company(company_id: int) -> Company:
    company = db.session.get(Company, company_id) if company_id <= s.MAX_ID else None
    if company is None:
        raise _not_found("company")
    return company


def _company_input(data: dict[str, Any], base: Company | None = None) -> CompanyInput:
    def pick(name: str, current: Any) -> Any:
        return data.get(name, current)

    return CompanyInput(
        name=pick("name", base.name if base else ""),
        reading=pick("reading", base.reading if base else None),
        domain=pick("domain", base.domain if base else None),
        postal_code=pick("postal_code", base.postal_code if base else None),
        address=pick("address", base.address if base else None),
        main_phone=pick("main_phone", base.main_phone if base else None),
        stage=pick("stage", base.stage if base else "potential"),
        tags=tuple(pick("tags", [t.name for t in base.tags] if base else [])),
        owner_id=base.owner_id if base is not None else _user().id,
        region=_region(),
    )


@companies_bp.route("/companies", methods=["GET"])
@companies_bp.arguments(s.CompanyQuerySchema, location="query")
@companies_bp.response(200, s.CompanyPageSchema)
def list_companies_view(args: dict[str, Any]) -> Any:
    """Companies whose name starts with ``q`` (legal form ignored), optionally of one stage."""
    rows, total = list_companies(
        db.session, q=args.get("q", ""), stage=args.get("stage"), page=args["page"], per_page=args["per_page"]
    )
    return {
        "items": [company_json(r.company) for r in rows],
        "total": total,
        "page": args["page"],
        "per_page": args["per_page"],
    }


@companies_bp.route("/companies", methods=["POST"])
@companies_bp.arguments(s.CompanyInputSchema)
@companies_bp.response(201, s.CompanySchema)
def create_company_view(data: dict[str, Any]) -> Any:
    """Create a company."""
    return company_json(create_company(db.session, _company_input(data)))


@companies_bp.route("/companies/<int:company_id>", methods=["GET"])
@companies_bp.response(200, s.CompanySchema)
def get_company(company_id: int) -> Any:
    """One company."""
    return company_json(_company(company_id))


@companies_bp.route("/companies/<int:company_id>", methods=["PATCH"])
@companies_bp.arguments(s.CompanyPatchSchema)
@companies_bp.response(200, s.CompanySchema)
def update_company_view(data: dict[str, Any], company_id: int) -> Any:
    """Change some fields of a company."""
    company = _company(company_id)
    return company_json(update_company(db.session, company, _company_input(data, company)))


# --- merge suggestions and export --------------------------------------------------------


@admin_bp.route("/merge-suggestions", methods=["GET"])
@admin_bp.response(200, s.SuggestionSchema(many=True))
def merge_suggestions() -> Any:
    """Open merge suggestions (administrators only)."""
    if not _user().is_admin:
        raise ApiError(403, "forbidden", "only administrators see merge suggestions")
    return open_merge_suggestions()


@admin_bp.route("/export", methods=["GET"])
@admin_bp.arguments(s.ExportQuerySchema, location="query")
@admin_bp.response(
    200,
    content_type="text/csv",
    description="The file (CSV, or vCard 4.0 for format=vcard). Members get only contacts they own.",
)
def export(args: dict[str, Any]) -> Any:
    """Export the contacts matching the search filters (audited)."""
    fmt = args.pop("format")
    encoding = "utf-8-sig" if args.pop("encoding") == "utf-8" else "cp932"
    args.pop("page", None)
    args.pop("per_page", None)
    criteria = SearchCriteria.from_args({k: str(v) for k, v in args.items()}, region=_region())
    try:
        outcome = export_contacts(fmt, criteria=criteria, encoding=encoding, user=_user(), channel="api")
    except ExportForbidden as e:
        raise ApiError(403, "forbidden", str(e)) from e
    return export_download(outcome)
