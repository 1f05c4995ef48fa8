"""Import/export pages, the audit log (admins) and the API token settings page.

Exports run from the search page's buttons with exactly the search page's filters; an
import is uploaded, previewed (format, encoding, column mapping, first rows), then
confirmed, and ends on a summary with the rejected rows and their line numbers.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired

import exchange
from extensions import db
from models import AuditEvent
from services import api_tokens
from services.exchange import (
    drop_stashed_import,
    export_contacts,
    export_scope,
    import_file,
    load_stashed_import,
    preview_import,
    stash_import,
)
from services.search import SearchCriteria
from services.users import UserError
from services.validation import InvalidCriteria
from views.access import admin_required
from views.files import export_download
from views.forms import EmptyForm

bp = Blueprint("exchange", __name__)

#: (format, label) offered on the pages.
EXPORT_CHOICES: tuple[tuple[str, str], ...] = (
    ("generic", "cardscan CSV"),
    ("google", "Google"),
    ("outlook", "Outlook"),
    ("hubspot", "HubSpot"),
    ("salesforce", "Salesforce"),
    ("vcard", "vCard 4.0"),
)
AUDIT_PAGE = 200


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or vCard file"), validators=[FileRequired()])


class ConfirmImportForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])


class ExportForm(FlaskForm):
    """Only for the encoding choice on the import/export page (exports are GET links)."""

    encoding = SelectField(
        _l("Encoding"), choices=[("utf-8", "UTF-8 (Excel)"), ("cp932", "Shift_JIS (cp932)")]
    )


@bp.app_context_processor
def export_helpers() -> dict[str, object]:
    """``export_choices`` for the search page's export buttons (templates/exchange/_export_buttons.html)."""
    return {"export_choices": EXPORT_CHOICES}


@bp.get("/exchange/")
@login_required
def index() -> ResponseReturnValue:
    return render_template(
        "exchange/index.html",
        form=ImportForm(),
        export_choices=EXPORT_CHOICES,
        scope=export_scope(current_user),
        max_mb=current_app.config["MAX_IMPORT_BYTES"] // (1024 * 1024),
    )


@bp.post("/exchange/export")
@login_required
def export() -> ResponseReturnValue:
    """Download the contacts matching the search page's filters (audited).

    A POST with the CSRF token: a link on another site cannot make a signed-in user
    export (and have the export audited in their name).
    """
    if not EmptyForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    fmt = request.form.get("format", "generic")
    encoding = "cp932" if request.form.get("encoding") == "cp932" else "utf-8-sig"
    if fmt == "generic-cp932":  # the search page's Shift_JIS button
        fmt, encoding = "generic", "cp932"
    if fmt not in dict(EXPORT_CHOICES):
        abort(400)
    skipped = ("csrf_token", "format", "encoding", "page", "per_page", "lang")
    args = {k: v for k, v in request.form.items() if k not in skipped}
    try:
        criteria = SearchCriteria.from_args(args, region=current_app.config["DEFAULT_REGION"])
    except InvalidCriteria as e:
        problem = _(e.template, **e.params)
        message = _("The export filter %(field)s is not valid: %(problem)s.", field=e.field, problem=problem)
        flash(message, "error")
        return redirect(url_for("contacts.index"))
    outcome = export_contacts(fmt, criteria=criteria, encoding=encoding, user=current_user, channel="web")
    return export_download(outcome)


@bp.post("/exchange/import")
@login_required
def upload() -> ResponseReturnValue:
    """Step 1: receive the file and show what would be imported (nothing written yet)."""
    form = ImportForm()
    limit = current_app.config["MAX_IMPORT_BYTES"]
    if not form.validate_on_submit():
        flash(_("Choose a CSV or vCard file to import."), "error")
        return redirect(url_for("exchange.index"))
    data = form.file.data.stream.read(limit + 1)
    if len(data) > limit:
        flash(_("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)), "error")
        return redirect(url_for("exchange.index"))
    filename = (form.file.data.filename or "import.csv")[:200]
    try:
        preview = preview_import(data, filename=filename)
    except exchange.UnreadableFile as e:
        return render_template(
            "exchange/index.html",
            form=form,
            error=e.message,
            export_choices=EXPORT_CHOICES,
            scope=export_scope(current_user),
            max_mb=limit // (1024 * 1024),
        ), 422
    old = session.pop("pending_import", None)
    if old:
        drop_stashed_import(old["token"])
    token = stash_import(data)
    session["pending_import"] = {"token": token, "filename": filename}
    return render_template(
        "exchange/preview.html", preview=preview, form=ConfirmImportForm(token=token), filename=filename
    )


@bp.post("/exchange/import/confirm")
@login_required
def confirm() -> ResponseReturnValue:
    """Step 2: import the previewed file and show the summary."""
    form = ConfirmImportForm()
    pending = session.get("pending_import") or {}
    if not form.validate_on_submit() or pending.get("token") != form.token.data:
        flash(_("This import was already done or has expired. Upload the file again."), "error")
        return redirect(url_for("exchange.index"))
    try:
        data = load_stashed_import(pending["token"])
    except FileNotFoundError:
        session.pop("pending_import", None)
        flash(_("This import was already done or has expired. Upload the file again."), "error")
        return redirect(url_for("exchange.index"))
    try:
        summary = import_file(
            data,
            owner_id=current_user.id,
            user_id=current_user.id,
            filename=pending["filename"],
            channel="web",
        )
    finally:
        session.pop("pending_import", None)
        drop_stashed_import(pending["token"])
    return render_template("exchange/summary.html", summary=summary, filename=pending["filename"])


@bp.get("/admin/audit")
@admin_required
def audit() -> ResponseReturnValue:
    """The audit log, newest first (exports, imports, logins, merges, user changes)."""
    action = request.args.get("action") or None
    stmt = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(AUDIT_PAGE)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    events = db.session.scalars(stmt).all()
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template("exchange/audit.html", events=events, actions=actions, current_action=action)


@bp.get("/settings/api-tokens")
@login_required
def tokens() -> ResponseReturnValue:
    """The user's API tokens: create one (shown once) or revoke."""
    return render_template(
        "exchange/tokens.html",
        tokens=api_tokens.list_tokens(current_user.id),
        new_token=None,
        form=EmptyForm(),
    )


@bp.post("/settings/api-tokens")
@login_required
def create_token() -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    issued = api_tokens.issue_token(current_user)
    # Shown in this answer only (never put in the session cookie, which is signed, not secret).
    response = render_template(
        "exchange/tokens.html",
        tokens=api_tokens.list_tokens(current_user.id),
        new_token=issued.token,
        form=EmptyForm(),
    )
    return response, 201, {"Cache-Control": "no-store"}


@bp.post("/settings/api-tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int) -> ResponseReturnValue:
    if not EmptyForm().validate_on_submit():
        abort(400, description="CSRF token missing or invalid")
    try:
        api_tokens.revoke_own_token(current_user.id, token_id)
    except UserError:
        abort(404)
    flash(_("The token is revoked."), "success")
    return redirect(url_for("exchange.tokens"))
