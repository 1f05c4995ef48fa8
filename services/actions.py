"""Next actions: plan one on a person, mark it done, list a user's open actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload

from models import NextAction, Person, User, utcnow
from services.validation import N_, InvalidInput

MAX_WHAT = 500


@dataclass(frozen=True)
class ActionInput:
    """A next action as planned in the form."""

    what: str
    due_on: dt.date | None = None
    assignee_id: int | None = None

    def __post_init__(self) -> None:
        if not self.what.strip():
            raise InvalidInput("what", N_("say what is to be done"))
        if len(self.what.strip()) > MAX_WHAT:
            raise InvalidInput("what", N_("keep it under %(limit)s characters"), limit=MAX_WHAT)


def add_action(
    session: Session, person: Person, data: ActionInput, *, created_by_id: int | None
) -> NextAction:
    """Plan a next action on ``person`` (copied to its company's page) and commit.

    Raises:
        InvalidInput: the assignee is not an active user.
    """
    if data.assignee_id is not None:
        assignee = session.get(User, data.assignee_id)
        if assignee is None or not assignee.is_active:
            raise InvalidInput("assignee_id", N_("choose an active user"))
    action = NextAction(
        person_id=person.id,
        company_id=person.company_id,
        what=data.what.strip(),
        due_on=data.due_on,
        assignee_id=data.assignee_id if data.assignee_id is not None else created_by_id,
        created_by_id=created_by_id,
    )
    session.add(action)
    session.commit()
    return action


def set_done(session: Session, action: NextAction, done: bool = True) -> NextAction:
    """Mark an action done (or open again) and commit."""
    if done and action.done_at is None:
        action.done_at = utcnow()
    elif not done:
        action.done_at = None
    session.commit()
    return action


@dataclass(frozen=True)
class MyActions:
    """A user's open actions, overdue first, and those done in the last days."""

    today: dt.date
    open: Sequence[NextAction]
    recently_done: Sequence[NextAction]

    def is_overdue(self, action: NextAction) -> bool:
        return action.done_at is None and action.due_on is not None and action.due_on < self.today

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.open if self.is_overdue(a))


def my_actions(session: Session, user_id: int, *, today: dt.date, done_days: int = 7) -> MyActions:
    """Open actions assigned to ``user_id``: overdue first, then by due date, undated last.

    Args:
        session: database session.
        user_id: the assignee.
        today: the user's current date (passed in so the page and tests agree on "overdue").
        done_days: how far back to list finished actions.
    """
    overdue_first = case((NextAction.due_on < today, 0), else_=1)
    open_rows = session.scalars(
        select(NextAction)
        .where(NextAction.assignee_id == user_id, NextAction.done_at.is_(None))
        .options(selectinload(NextAction.person).selectinload(Person.company))
        .order_by(overdue_first, NextAction.due_on.is_(None), NextAction.due_on, NextAction.id)
    ).all()
    since = dt.datetime.combine(today - dt.timedelta(days=done_days), dt.time.min, tzinfo=dt.UTC)
    done_rows = session.scalars(
        select(NextAction)
        .where(NextAction.assignee_id == user_id, NextAction.done_at >= since)
        .options(selectinload(NextAction.person))
        .order_by(NextAction.done_at.desc())
    ).all()
    return MyActions(today=today, open=open_rows, recently_done=done_rows)
