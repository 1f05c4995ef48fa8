"""The writes of an import, a few multi-row statements per batch instead of one ORM object per row.

:func:`services.exchange.import_file` decides every row from the file and its in-memory
match index, then hands each kept row to :class:`ImportWriter`. The writer applies it to
a plain draft of the person with the rules of every save (:func:`services.cards.apply_contact`
and :func:`services.cards.new_contact_values`, which :func:`services.cards.store_contact`
uses too), and :meth:`ImportWriter.write` sends a batch as one ``INSERT ... RETURNING`` for
the new companies and people, an UPDATE by primary key of only the changed columns for
people that already had a row, and one INSERT per kind of child row, in the order the rows
came (new people get ascending ids in file order, as saving them one by one would give).

The ORM did the same writes object by object; its bookkeeping (events, history,
dependency sorting) made writing cost more than reading and matching the whole file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from models import CareerStep, Company, Person, PersonEmail, PersonPhone, PersonSource, PersonUrl
from services.cards import CheckedContact, ReviewedCard, apply_contact, new_contact_values
from services.keys import company_key, contact_domain, legal_form_of, nfkc, same_firm_on_domain

#: The index id of a person: a stored person's id, or ``"row:N"`` for a row's new person.
PersonKey = int | str


@dataclass(eq=False)
class CompanyRef:
    """A company an import links people to; ``id`` is None until its batch is written."""

    name: str
    name_key: str
    legal_form: str | None = None
    domain: str | None = None
    id: int | None = None


@dataclass(eq=False, slots=True)
class PersonDraft:
    """A person as the import leaves it: the columns a save writes, company and child values.

    ``emails``, ``phones`` and ``urls`` hold everything the person has (stored and added),
    so a later row adds only what is new, as :func:`services.cards.store_contact` does.
    """

    name: str
    owner_id: int | None = None
    id: int | None = None
    name_key: str = ""
    name_reading: str | None = None
    reading_key: str | None = None
    name_latin: str | None = None
    title: str | None = None
    department: str | None = None
    address: str | None = None
    postal_code: str | None = None
    prefecture: str | None = None
    country: str | None = None
    notes: str = ""
    company: CompanyRef | None = None
    emails: set[str] = field(default_factory=set)
    phones: set[tuple[str, str]] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    #: ``(type, e164)`` of the phones the person has without an extension.
    bare_phones: set[tuple[str, str]] = field(default_factory=set)

    def row(self) -> dict[str, Any]:
        """The person's column values as written to ``people`` (its company written first)."""
        values = {name: getattr(self, name) for name in _COLUMNS}
        values["company_id"] = _company_id(self.company)
        return values

    def state(self) -> tuple[Any, ...]:
        """What a save can change on the person's row, to tell whether it needs an UPDATE."""
        return (*(getattr(self, name) for name in _COLUMNS), self.company)


def _company_id(ref: CompanyRef | None) -> int | None:
    if ref is None:
        return None
    if ref.id is None:
        raise LookupError(f"company {ref.name!r} is not written yet")
    return ref.id


#: The columns of ``people`` a draft carries (everything but the company and child values).
_COLUMNS: tuple[str, ...] = tuple(
    f.name
    for f in fields(PersonDraft)
    if f.name not in ("id", "company", "emails", "phones", "urls", "bare_phones")
)


def _draft_of(person: Person, company: CompanyRef | None) -> PersonDraft:
    """The draft of a stored person (loaded with its company, emails, phones and URLs)."""
    draft = PersonDraft(name=person.name, id=person.id, company=company)
    for name in _COLUMNS:
        setattr(draft, name, getattr(person, name))
    draft.emails = {e.email for e in person.emails}
    draft.phones = {(p.type, p.e164) for p in person.phones}
    draft.bare_phones = {(p.type, p.e164) for p in person.phones if not p.extension}
    draft.urls = {u.url for u in person.urls}
    return draft


class ImportWriter:
    """Applies an import's rows to drafts and writes them batch by batch (the caller commits).

    Args:
        session: the import's session.
        owner_id: owner of the people the import creates.
        stored: the live stored people by id, as loaded for the match index (with their
            company, emails, phones and URLs); a row that merges into one starts its draft.
        source: ``PersonSource.source`` of every row.
        career_source: ``CareerStep.source`` of the career steps the import records.
    """

    def __init__(
        self,
        session: Session,
        *,
        owner_id: int | None,
        stored: Mapping[int, Person],
        source: str,
        career_source: str,
    ) -> None:
        self.session = session
        self.owner_id = owner_id
        self.source = source
        self.career_source = career_source
        self._stored = stored
        self._drafts: dict[PersonKey, PersonDraft] = {}
        self._companies_by_id: dict[int, CompanyRef] = {}
        self._companies: dict[str, CompanyRef] = {}
        self._by_domain: dict[str, list[CompanyRef]] = {}
        for company_id, name, key, legal_form, domain in session.execute(
            select(Company.id, Company.name, Company.name_key, Company.legal_form, Company.domain).order_by(
                Company.id.desc()
            )
        ):
            ref = CompanyRef(name=name, name_key=key, legal_form=legal_form, domain=domain, id=company_id)
            self._companies_by_id[company_id] = ref
            self._companies[key] = ref  # lowest id wins, like find_or_create_company
            if domain:
                self._by_domain.setdefault(domain, []).insert(0, ref)
        self._new_companies: list[CompanyRef] = []
        self._learned_domains: dict[int, CompanyRef] = {}
        self._new_people: list[PersonDraft] = []
        self._changed: dict[int, PersonDraft] = {}
        # Each written person's row as the database holds it (what an UPDATE compares with).
        self._written: dict[int, dict[str, Any]] = {}
        self._children: dict[type[Any], list[tuple[PersonDraft, dict[str, Any]]]] = {
            model: [] for model in (PersonEmail, PersonPhone, PersonUrl, PersonSource, CareerStep)
        }
        # Extensions a row gives for phones written earlier without one: (person, type, e164, extension).
        self._extensions: list[tuple[PersonDraft, str, str, str]] = []

    def company(self, name: str | None, domain: str | None = None) -> CompanyRef | None:
        """The company a row names, as :func:`services.companies.find_or_create_company` finds it.

        By company key, else by ``domain`` for a name in the other script; a new one is
        written with the next batch.
        """
        printed = nfkc(name or "").strip()
        key = company_key(printed) if printed else ""
        if not key:
            return None
        ref = self._companies.get(key)
        if ref is None and domain:
            same_domain = self._by_domain.get(domain, ())
            ref = same_firm_on_domain(key, same_domain, lambda c: c.name_key)
        if ref is None:
            ref = CompanyRef(name=printed, name_key=key, legal_form=legal_form_of(printed), domain=domain)
            self._companies[key] = ref
            self._new_companies.append(ref)
            if domain:
                self._by_domain.setdefault(domain, []).append(ref)
        elif ref.domain is None and domain:
            ref.domain = domain
            same_domain = self._by_domain.setdefault(domain, [])
            same_domain.append(ref)
            # In id order, as find_or_create_company scans them (new ones last, as they come).
            same_domain.sort(key=lambda c: (c.id is None, c.id or 0))
            if ref.id is not None:
                self._learned_domains[ref.id] = ref
        return ref

    def store(
        self,
        key: PersonKey,
        reviewed: ReviewedCard,
        checked: CheckedContact,
        *,
        target: PersonKey | None,
        source_ids: Sequence[str],
    ) -> bool:
        """Write one checked row to the person ``target`` (a merge) or to a new person ``key``.

        The same writes as :func:`services.cards.store_contact`: columns, company, new
        emails, phones and URLs, one source per distinct source id, and a career step for
        a new person or a changed company or title.

        Returns:
            Whether a person was created.
        """
        company = self.company(reviewed.company, contact_domain(checked.emails, checked.urls))
        created = target is None
        draft = self._new_person(key) if target is None else self._draft(target)
        before = (draft.company, draft.title)
        written = draft.state() if draft.id is not None else None
        apply_contact(draft, reviewed, checked, created=created)
        if company is not None:
            draft.company = company
        if draft.id is not None and draft.state() != written:
            self._changed[draft.id] = draft
        self._add_values(draft, checked)
        first = source_ids[0] if source_ids else ""
        for source_id in [first, *(s for s in dict.fromkeys(source_ids[1:]) if s != first)]:
            self._children[PersonSource].append((draft, {"source": self.source, "source_id": source_id}))
        if created or before != (draft.company, draft.title):
            self._children[CareerStep].append((draft, self._career(draft)))
        return created

    def person_id(self, key: PersonKey) -> int:
        """The id of a stored person or of a row's person (after :meth:`write`)."""
        draft = self._drafts.get(key)
        if draft is None:
            return self._stored[int(key)].id
        if draft.id is None:
            raise LookupError(f"person {key} is not written yet")
        return draft.id

    def write(self) -> None:
        """Write what the rows since the last call changed (not committed)."""
        self._insert_companies()
        if self._learned_domains:
            companies = _table(Company)
            stmt = update(companies).where(companies.c.id == bindparam("pk"))
            self.session.execute(
                stmt, [{"pk": c.id, "domain": c.domain} for c in self._learned_domains.values()]
            )
            self._learned_domains.clear()
        self._insert_people()
        if self._changed:
            self._update_people()
        for step in self._children[CareerStep]:
            step[1]["company_id"] = _company_id(step[1]["company_id"])
        for model, rows in self._children.items():
            if rows:
                values = [{"person_id": d.id, **v} for d, v in rows]
                self.session.execute(insert(_table(model)), values)
                rows.clear()
        if self._extensions:
            phones = _table(PersonPhone)
            stmt = (
                update(phones)
                .where(phones.c.person_id == bindparam("pid"), phones.c.type == bindparam("kind"))
                .where(phones.c.e164 == bindparam("number"), phones.c.extension.is_(None))
                .values(extension=bindparam("ext"))
            )
            self.session.execute(
                stmt,
                [{"pid": d.id, "kind": k, "number": e, "ext": x} for d, k, e, x in self._extensions],
            )
            self._extensions.clear()

    def merged_into_stored(self) -> list[Person]:
        """The stored people (loaded before the import) that rows were merged into.

        Their loaded objects no longer show what the database holds: expire them.
        """
        return [self._stored[key] for key in self._drafts if isinstance(key, int)]

    def _new_person(self, key: PersonKey) -> PersonDraft:
        draft = PersonDraft(name="", owner_id=self.owner_id)
        self._drafts[key] = draft
        self._new_people.append(draft)
        return draft

    def _draft(self, key: PersonKey) -> PersonDraft:
        draft = self._drafts.get(key)
        if draft is None:
            person = self._stored[int(key)]
            company = self._companies_by_id.get(person.company_id) if person.company_id is not None else None
            draft = self._drafts[key] = _draft_of(person, company)
            self._written[person.id] = draft.row()
        return draft

    def _add_values(self, draft: PersonDraft, checked: CheckedContact) -> None:
        added = new_contact_values(checked, emails=draft.emails, phones=draft.phones, urls=draft.urls)
        draft.emails.update(added.emails)
        draft.phones.update(added.phones)
        draft.urls.update(added.urls)
        self._children[PersonEmail] += [(draft, {"email": e}) for e in added.emails]
        self._children[PersonPhone] += [
            (draft, {"type": t, "e164": e, "extension": checked.extension_of(t, e)}) for t, e in added.phones
        ]
        self._children[PersonUrl] += [(draft, {"url": u}) for u in added.urls]
        # A number known without its extension gets the one this row gives, as a card's save does.
        for kind, e164, extension in checked.extensions:
            if (kind, e164) not in draft.bare_phones or (kind, e164) in added.phones:
                continue
            draft.bare_phones.discard((kind, e164))
            unwritten = self._children[PersonPhone]
            pending = next(
                (v for d, v in unwritten if d is draft and (v["type"], v["e164"]) == (kind, e164)), None
            )
            if pending is not None:
                pending["extension"] = extension
            else:
                self._extensions.append((draft, kind, e164, extension))
        draft.bare_phones.update(key for key in added.phones if checked.extension_of(*key) is None)

    def _career(self, draft: PersonDraft) -> dict[str, Any]:
        return {
            "company_id": draft.company,  # a CompanyRef until the batch is written
            "company_name": draft.company.name if draft.company is not None else None,
            "title": draft.title,
            "department": draft.department,
            "source": self.career_source,
        }

    def _insert_companies(self) -> None:
        if not self._new_companies:
            return
        rows = [
            {
                "name": c.name,
                "legal_form": c.legal_form,
                "name_key": c.name_key,
                "domain": c.domain,
                "stage": "potential",
            }
            for c in self._new_companies
        ]
        ids = _insert_returning_ids(self.session, Company, rows)
        for ref, company_id in zip(self._new_companies, ids, strict=True):
            ref.id = company_id
            self._companies_by_id[company_id] = ref
        self._new_companies.clear()

    def _update_people(self) -> None:
        """UPDATE only the columns the rows changed, one statement per set of columns.

        A column the import did not change is not written back from the snapshot it loaded,
        so an edit made in the web UI while a long import runs is not undone.
        """
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for draft in self._changed.values():
            assert draft.id is not None
            row = draft.row()
            base = self._written.get(draft.id, {})
            changed = tuple(k for k, v in row.items() if k not in base or base[k] != v)
            if changed:
                by_columns.setdefault(changed, []).append({"pk": draft.id, **{k: row[k] for k in changed}})
            self._written[draft.id] = row
        people = _table(Person)
        for values in by_columns.values():
            self.session.execute(update(people).where(people.c.id == bindparam("pk")), values)
        self._changed.clear()

    def _insert_people(self) -> None:
        if not self._new_people:
            return
        rows = [d.row() for d in self._new_people]
        ids = _insert_returning_ids(self.session, Person, rows)
        for draft, person_id, row in zip(self._new_people, ids, rows, strict=True):
            draft.id = person_id
            self._written[person_id] = row
        self._new_people.clear()


def _insert_returning_ids(
    session: Session, model: type[Company | Person], rows: list[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` into the table of ``model`` in multi-row statements; their new ids, in order.

    PostgreSQL numbers the rows of an ``INSERT ... RETURNING`` in the order given and
    SQLAlchemy sorts what it returns by that order. SQLite has no such form (SQLAlchemy
    would fall back to one INSERT per row): there each new row of a statement gets the
    next larger rowid, so the ids, sorted, are the rows' ids in order; they must be
    consecutive, which holds unless the table's largest id has reached the 64-bit limit.

    Raises:
        RuntimeError: SQLite handed out ids that cannot be matched to the rows; the import
            rolls back the current batch (earlier batches are already committed).
    """
    table = _table(model)
    if session.get_bind().dialect.name != "sqlite":
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.scalars(stmt, rows))
    ids = sorted(session.scalars(insert(table).returning(table.c.id), rows))
    if len(ids) != len(rows) or (ids and ids[-1] - ids[0] != len(ids) - 1):
        raise RuntimeError(
            f"SQLite gave {table.name} ids that are not consecutive; cannot match them to rows"
        )
    return ids


def _table(model: type[Any]) -> Table:
    """The table of a model, for Core statements (no ORM bookkeeping per row)."""
    return cast(Table, model.__table__)
