"""``import-csv``, ``export-csv`` and ``merge-suggestions`` (CONTRACT section 2).

Thin wrappers: each parses its options, calls one service function and prints. Results go
to stdout (the file, the summary, JSON Lines); warnings go to stderr.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app

import exchange

#: Search filters ``export-csv`` accepts, as in the search page's query string.
FILTER_OPTIONS: tuple[tuple[str, str], ...] = (
    ("q", "Free text: name, reading, company, e-mail or phone."),
    ("company", "Company name prefix (legal form ignored)."),
    ("prefecture", "Exact prefecture, e.g. 東京都."),
    ("title", "Text the title contains."),
    ("stage", "Company stage: potential, prospect, customer, loyal."),
    ("tag", "Exact tag name."),
)


def _user(email: str | None) -> Any:
    from services.users import get_user_by_email

    if not email:
        return None
    user = get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    return user


def register(app: Flask) -> None:
    """Add the exchange commands to ``app.cli``."""

    @app.cli.command("import-csv")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--owner", default=None, metavar="EMAIL", help="User who owns the contacts created.")
    def import_csv_command(file: Path, owner: str | None) -> None:
        """Import contacts from a CSV (generic, Google, Outlook, HubSpot, Salesforce, Eight) or vCard file.

        Exits 0 when the file was read, even if some rows were rejected (they are listed with
        their line numbers); 1 when the file itself cannot be read.
        """
        from services.exchange import import_file

        owner_user = _user(owner)
        try:
            data = file.read_bytes()
        except OSError as e:
            raise click.ClickException(f"cannot read {file}: {e.strerror or e}") from e
        try:
            summary = import_file(
                data,
                owner_id=owner_user.id if owner_user is not None else None,
                filename=file.name,
                channel="cli",
            )
        except exchange.UnreadableFile as e:
            raise click.ClickException(f"cannot read {file}: {e.message}") from e
        for line in summary.lines():
            click.echo(line)

    @app.cli.command("export-csv")
    @click.option(
        "--format",
        "fmt",
        required=True,
        type=click.Choice(["generic", "google", "outlook", "hubspot", "salesforce", "vcard"]),
        help="File format; vcard writes vCard 4.0.",
    )
    @click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
    )
    @click.option(
        "--encoding",
        type=click.Choice(["utf-8", "utf-8-sig", "cp932"], case_sensitive=False),
        default="utf-8-sig",
        show_default=True,
        help="utf-8 (= utf-8-sig: with BOM, for Excel) or cp932 (Shift_JIS).",
    )
    @click.option(
        "--user", "user_email", default=None, metavar="EMAIL", help="Export as this user (audit, rights)."
    )
    @click.option("--owner", default=None, metavar="EMAIL", help="Only contacts this user owns.")
    @click.option("--q", default="", help=FILTER_OPTIONS[0][1])
    @click.option("--company", default="", help=FILTER_OPTIONS[1][1])
    @click.option("--prefecture", default="", help=FILTER_OPTIONS[2][1])
    @click.option("--title", default="", help=FILTER_OPTIONS[3][1])
    @click.option("--stage", default="", help=FILTER_OPTIONS[4][1])
    @click.option("--tag", default="", help=FILTER_OPTIONS[5][1])
    def export_csv_command(
        fmt: str,
        output: Path | None,
        encoding: str,
        user_email: str | None,
        owner: str | None,
        **filters: str,
    ) -> None:
        """Export contacts (all, or those matching the filters) as CSV or vCard."""
        from services.exchange import export_contacts
        from services.search import SearchCriteria
        from services.validation import InvalidCriteria

        # "utf-8" keeps the BOM (CONTRACT: exported CSV is UTF-8 with a BOM by default).
        encoding = "utf-8-sig" if encoding.lower() in ("utf-8", "utf-8-sig") else "cp932"
        user = _user(user_email)
        owner_user = _user(owner)
        args = {k: v for k, v in filters.items() if v}
        if owner_user is not None:
            args["owner_id"] = str(owner_user.id)
        try:
            criteria = SearchCriteria.from_args(args, region=current_app.config["DEFAULT_REGION"])
        except InvalidCriteria as e:
            raise click.BadParameter(str(e)) from e
        # The file is opened first: an export that cannot be written is neither made nor audited.
        try:
            sink = sys.stdout.buffer if output is None else output.open("wb")
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e.strerror or e}") from e
        with contextlib.nullcontext(sink) if output is None else sink:
            outcome = export_contacts(
                fmt, criteria=criteria, encoding=encoding, user=user, channel="cli", actor="cli"
            )
            for warning in outcome.warnings:
                click.echo(f"warning: {warning}", err=True)
            sink.write(outcome.data)
            sink.flush()
        if output is not None:
            click.echo(f"wrote {outcome.rows} contact(s) to {output}", err=True)

    @app.cli.command("merge-suggestions")
    @click.option("--json", "as_json", is_flag=True, help="JSON Lines (one suggestion per line).")
    def merge_suggestions_command(as_json: bool) -> None:
        """List the open merge suggestions."""
        from services.exchange import open_merge_suggestions

        for s in open_merge_suggestions():
            if as_json:
                click.echo(json.dumps(s, ensure_ascii=False))
            else:
                ids = " + ".join(str(i) for i in s["contact_ids"])
                click.echo(f"#{s['id']}  {ids}  score {s['score']:.2f}  {', '.join(s['reasons'])}")
