"""Messages of the exchange package and import service in the interface language.

The exchange package is a plain library: an unreadable file, a rejected row's reason and a
row warning are English sentences (the CLI prints them as they are). The import pages show
them through :func:`exchange_text`, which recognises each known wording and returns the
catalogue's translation (msgids in ``exchange.po``); a message not listed here is shown as it
is rather than hidden. ``tests/web/test_i18n.py`` feeds the package's real messages through
it so a reworded message is noticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Blueprint
from flask_babel import gettext as _

from services.validation import N_

bp = Blueprint("exchange_texts", __name__)

_Translate = Callable[[re.Match[str]], str]

#: What the exchange package's rejected-value labels are called on the pages.
_NOTE_LABELS: dict[str, str] = {
    "Email": N_("E-mail"),
    "Phone": N_("Phone"),
    "Mobile": N_("Mobile"),
    "Fax": N_("Fax"),
    "Other phone": N_("Other phone"),
    "URL": N_("URL"),
}
_WHY: dict[str, str] = {
    "is not a valid e-mail address": N_("%(label)s “%(value)s” is not a valid e-mail address; kept in notes"),
    "is not a valid URL": N_("%(label)s “%(value)s” is not a valid URL; kept in notes"),
    "is not a valid phone number": N_("%(label)s “%(value)s” is not a valid phone number; kept in notes"),
}


def _rejected_value(m: re.Match[str]) -> str:
    label = _NOTE_LABELS.get(m["label"])
    message = _WHY.get(m["why"])
    if label is None or message is None:
        return m.group(0)
    return _(message, label=_(label), value=m["value"])


_NO_CONTENT = "no name, company, e-mail or phone"

#: (pattern on the exchange package's or the import service's wording, translation).
_EXCHANGE_TEXTS: tuple[tuple[re.Pattern[str], _Translate], ...] = (
    (
        re.compile(r"the file is neither UTF-8 nor Shift_JIS/CP932 text"),
        lambda m: _("The file is neither UTF-8 nor Shift_JIS (CP932) text."),
    ),
    (
        re.compile(r"no header row of a known format \(.*\)"),
        lambda m: _(
            "No header row of a known format was found (cardscan, Google, Outlook, HubSpot, "
            "Salesforce, Eight)."
        ),
    ),
    (
        re.compile(r"cannot decode the file as (?P<encoding>\S+): (?P<detail>.*)", re.S),
        lambda m: _("The file cannot be decoded as %(encoding)s.", encoding=m["encoding"]),
    ),
    (re.compile(re.escape(_NO_CONTENT)), lambda m: _("No name, company, e-mail or phone.")),
    (
        re.compile(re.escape(_NO_CONTENT) + r"; (?P<rest>.*)", re.S),
        lambda m: _("No name, company, e-mail or phone.") + " " + exchange_text(m["rest"]),
    ),
    (
        re.compile(r"no name, and no known contact with its e-mail or mobile"),
        lambda m: _("No name, and no existing contact with the same e-mail or mobile number."),
    ),
    (
        re.compile(r"malformed CSV: (?P<detail>.*)", re.S),
        lambda m: _("Broken CSV (%(detail)s).", detail=m["detail"]),
    ),
    (
        re.compile(r"unreadable vCard: (?P<detail>.*)", re.S),
        lambda m: _("Unreadable vCard (%(detail)s).", detail=m["detail"]),
    ),
    (
        re.compile(r"(?P<count>\d+) cell\(s\) beyond the header kept in notes"),
        lambda m: _("%(count)s cell(s) beyond the header row kept in notes.", count=m["count"]),
    ),
    (
        re.compile(r"line (?P<line>\d+): not a vCard property, skipped: (?P<text>.*)", re.S),
        lambda m: _(
            "Line %(line)s is not a vCard property and was skipped: %(text)s", line=m["line"], text=m["text"]
        ),
    ),
    # Last: the vCard warning above also starts with "line N:".
    (
        re.compile(r"line (?P<line>\d+): (?P<detail>.*)", re.S),
        lambda m: _("Line %(line)s cannot be read (%(detail)s).", line=m["line"], detail=m["detail"]),
    ),
    (
        re.compile(
            r"(?P<label>[A-Za-z][A-Za-z ]*?) '(?P<value>.*)' (?P<why>is not a valid [^;]+); kept in notes",
            re.S,
        ),
        _rejected_value,
    ),
)


@bp.app_template_filter("exchange_text")
def exchange_text(text: str | None) -> str:
    """An import error, a rejected row's reason or a row warning in the interface language."""
    if not text:
        return ""
    for pattern, translate in _EXCHANGE_TEXTS:
        found = pattern.fullmatch(text)
        if found:
            return translate(found)
    return text


#: The preview's "goes to" column: ContactRow fields (and two markers) as the pages name them.
_TARGETS: dict[str, str] = {
    "name": N_("Name"),
    "name_latin": N_("Name in Latin letters"),
    "name_reading": N_("Reading"),
    "company": N_("Company"),
    "department": N_("Department"),
    "title": N_("Title"),
    "email": N_("E-mail"),
    "emails": N_("E-mail"),
    "phone": N_("Phone"),
    "phones": N_("Phone"),
    "phone type": N_("Phone type"),
    "mobile": N_("Mobile"),
    "fax": N_("Fax"),
    "url": N_("Web site"),
    "urls": N_("Web site"),
    "postal_code": N_("Postal code"),
    "address": N_("Address"),
    "country": N_("Country"),
    "notes": N_("Notes"),
    "source_id": N_("ID in the other system"),
    "contact_id": N_("cardscan ID"),
    "source_ids": N_("IDs in the other system"),
    "card_count": N_("Number of cards"),
    "ignored": N_("ignored"),
}


@bp.app_template_filter("import_target")
def import_target(target: str) -> str:
    """Where an imported column goes, named as on the contact pages."""
    label = _TARGETS.get(target)
    return _(label) if label else target


#: Audit log actions (``AuditEvent.action``) as the log shows them.
AUDIT_ACTIONS: dict[str, str] = {
    "login": N_("Logged in"),
    "export": N_("Contacts exported"),
    "import": N_("Contacts imported"),
    "merge": N_("Contacts merged"),
    "unmerge": N_("Merge undone"),
    "merge_rejected": N_("Marked as different people"),
    "stage": N_("Company stage changed"),
    "role": N_("Role changed"),
    "password_reset": N_("Password reset"),
    "activate": N_("User reactivated"),
    "deactivate": N_("User deactivated"),
    "create_token": N_("API token created"),
    "revoke_token": N_("API token revoked"),
}


@bp.app_template_filter("audit_action")
def audit_action(action: str) -> str:
    """An audit log action's name in the interface language (unknown ones as they are)."""
    label = AUDIT_ACTIONS.get(action)
    return _(label) if label else action


#: File formats by name (proper names: the same in every language).
FORMAT_NAMES: dict[str, str] = {
    "generic": "cardscan CSV",
    "google": "Google",
    "outlook": "Outlook",
    "hubspot": "HubSpot",
    "salesforce": "Salesforce",
    "eight": "Eight",
    "vcard": "vCard",
}


@bp.app_template_filter("exchange_format")
def exchange_format(name: str) -> str:
    """A detected import format as people know it (``generic`` is cardscan's own CSV)."""
    return FORMAT_NAMES.get(name, name)
