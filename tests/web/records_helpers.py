"""Helpers shared by the records tests (people, companies, notes, actions, search).

Rows are made through the real services (``create_person`` computes the matching keys
exactly as the edit form does), users through the factory (one argon2 hash for all).
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from extensions import db
from services.contacts import PersonInput, PhoneInput, create_person
from tests.conftest import login
from tests.factories import UserFactory


def make_user(app: Flask, email: str, *, role: str = "member", name: str = "") -> int:
    """Create an account (password ``tests.conftest.PASSWORD``) and return its id."""
    with app.app_context():
        return int(UserFactory(email=email, role=role, display_name=name or email.split("@")[0]).id)


def logged_in(app: Flask, email: str, *, role: str = "member") -> tuple[FlaskClient, int]:
    """A new client logged in as a new user; returns the client and the user id."""
    user_id = make_user(app, email, role=role)
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, user_id


def add_person(app: Flask, name: str, *, phones: tuple[tuple[str, str], ...] = (), **fields: Any) -> int:
    """Store a person through the contacts service; returns the id."""
    with app.app_context():
        data = PersonInput(name=name, phones=tuple(PhoneInput(t, n) for t, n in phones), **fields)
        return create_person(db.session, data).id
