"""Next actions: planned on a person, listed as "my actions" (overdue first), marked done."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from extensions import db
from models import NextAction, Person, User
from services.actions import ActionInput, add_action, my_actions
from services.validation import InvalidInput
from tests.web.records_helpers import add_person, make_user
from views.contacts import local_today


def plan(app: Flask, person_id: int, what: str, due: dt.date | None, assignee: int | None) -> int:
    with app.app_context():
        person = db.session.get(Person, person_id)
        assert person is not None
        return add_action(db.session, person, ActionInput(what, due, assignee), created_by_id=assignee).id


def test_plan_an_action_from_the_person_page(member: FlaskClient, member_user: int, app: Flask) -> None:
    person = add_person(app, "山田 太郎", company="株式会社サンプル商事")
    response = member.post(
        f"/actions/person/{person}",
        data={"what": "見積書を送る", "due_on": "2026-12-01", "assignee_id": str(member_user)},
    )
    assert response.status_code == 302
    with app.app_context():
        action = db.session.scalars(select(NextAction)).one()
        assert (action.what, action.due_on, action.assignee_id, action.created_by_id) == (
            "見積書を送る",
            dt.date(2026, 12, 1),
            member_user,
            member_user,
        )
        assert action.company_id == db.session.get(Person, person).company_id  # type: ignore[union-attr]
    page = member.get(f"/contacts/{person}").get_data(as_text=True)
    assert "見積書を送る" in page and "2026-12-01" in page
    company_page = member.get(f"/companies/{action.company_id}").get_data(as_text=True)
    assert "見積書を送る" in company_page


def test_my_actions_overdue_first_then_by_date(member: FlaskClient, member_user: int, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    with app.app_context():
        today = local_today()  # in the app's time zone (Asia/Tokyo), as the page counts it
    plan(app, person, "来週の件", today + dt.timedelta(days=7), member_user)
    plan(app, person, "日付なし", None, member_user)
    plan(app, person, "先月の件", today - dt.timedelta(days=30), member_user)
    plan(app, person, "昨日の件", today - dt.timedelta(days=1), member_user)
    other = make_user(app, "other@example.com")
    plan(app, person, "他人の件", today, other)

    html = member.get("/actions/").get_data(as_text=True)
    order = [html.index(w) for w in ("先月の件", "昨日の件", "来週の件", "日付なし")]
    assert order == sorted(order)
    assert "他人の件" not in html
    assert html.count('class="action overdue"') == 2
    assert "期限切れが 2 件あります" in html


def test_mark_done_and_open_again(member: FlaskClient, member_user: int, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    action_id = plan(app, person, "電話する", dt.date(2026, 1, 1), member_user)
    response = member.post(f"/actions/{action_id}/done", data={"next": "/actions/"})
    assert response.status_code == 302 and response.headers["Location"] == "/actions/"
    with app.app_context():
        assert db.session.get(NextAction, action_id).done_at is not None  # type: ignore[union-attr]
        view = my_actions(db.session, member_user, today=local_today())
        assert list(view.open) == [] and [a.id for a in view.recently_done] == [action_id]
    html = member.get(f"/contacts/{person}").get_data(as_text=True)
    assert re.search(r"<details><summary>完了（1件）</summary>", html)
    member.post(f"/actions/{action_id}/done", data={"undo": "1"})
    with app.app_context():
        assert db.session.get(NextAction, action_id).done_at is None  # type: ignore[union-attr]


def test_done_redirect_stays_on_this_site(member: FlaskClient, member_user: int, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    action_id = plan(app, person, "電話する", None, member_user)
    response = member.post(f"/actions/{action_id}/done", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == f"/contacts/{person}"


def test_action_needs_what_and_an_active_assignee(member: FlaskClient, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    response = member.post(
        f"/actions/person/{person}", data={"what": "  ", "due_on": ""}, follow_redirects=True
    )
    assert "アクションは保存されていません" in response.get_data(as_text=True)
    gone = make_user(app, "gone@example.com")
    with app.app_context():
        db.session.get(User, gone).is_active = False  # type: ignore[union-attr]
        db.session.commit()
        with pytest.raises(InvalidInput, match="active user"):
            add_action(
                db.session, db.session.get(Person, person), ActionInput("x", None, gone), created_by_id=None
            )  # type: ignore[arg-type]
        assert db.session.scalars(select(NextAction)).all() == []


def test_mark_done_needs_the_csrf_token(member: FlaskClient, member_user: int, app: Flask) -> None:
    person = add_person(app, "山田 太郎")
    action_id = plan(app, person, "電話する", None, member_user)
    assert member.post(f"/actions/{action_id}/done", data={}, csrf=False).status_code == 400
    with app.app_context():
        assert db.session.get(NextAction, action_id).done_at is None  # type: ignore[union-attr]
