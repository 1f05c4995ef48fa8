"""The admin's duplicate queue in real headless Chromium: reasons, field choice, merge, undo.

The real server (waitress) runs in this process on a temporary SQLite database; the pair is
made by saving two contacts through the real matcher, which opens the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from extensions import db
from models import MergeRecord, MergeSuggestion, Person
from services.cards import ReviewedCard, save_reviewed_card
from tests.browser.conftest import serving
from tests.conftest import PASSWORD, make_app
from tests.factories import CardFactory, UserFactory

pytestmark = pytest.mark.browser

ADMIN = "boss@example.com"


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, Flask, tuple[int, int]]]:
    """The app served by waitress on a free port, with one open merge suggestion."""
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'live.db'}")
    with app.app_context():
        db.create_all()
        UserFactory(email=ADMIN, role="admin", display_name="管理 太郎")
        ids = []
        for company, title in (("株式会社ミライ", "課長"), ("ミライ株式会社", "部長")):
            card = CardFactory(status="read")
            reviewed = ReviewedCard(name="田中 一郎", company=company, department="営業部", title=title)
            ids.append(save_reviewed_card(card.id, reviewed, user_id=None).person_id)
        assert db.session.query(MergeSuggestion).count() == 1
    with serving(app) as base:
        yield base, app, (ids[0], ids[1])


def test_admin_merges_a_pair_choosing_a_field_then_undoes_it(
    live_server: tuple[str, Flask, tuple[int, int]], chromium: Any
) -> None:
    from playwright.sync_api import expect

    base, app, (left, right) = live_server
    page = chromium.new_context(viewport={"width": 1024, "height": 900}, locale="ja-JP").new_page()
    page.goto(f"{base}/login")
    page.fill('input[name="email"]', ADMIN)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"].primary')
    page.wait_for_url(re.compile(r"/capture$"))

    # The queue: both records side by side, the differing title highlighted, the reasons.
    page.get_by_role("link", name="重複").click()
    page.wait_for_url(re.compile(r"/merge/$"))
    pair = page.locator("article.merge-pair")
    expect(pair).to_have_count(1)
    expect(pair.locator(".reasons")).to_contain_text("同じ会社")
    expect(pair.locator("tr.differs")).to_contain_text(["課長"])
    pair.get_by_role("link", name="項目を選んで統合").click()
    page.wait_for_url(re.compile(r"/merge/\d+$"))

    # Take the title from the right-hand (newer) record, keep the rest, merge.
    page.check('input[name="field_title"][value="merged"]')
    page.get_by_role("button", name="統合する").click()
    page.wait_for_url(re.compile(r"/merge/$"))
    expect(page.locator(".flashes")).to_contain_text("統合しました")
    expect(page.locator("article.merge-pair")).to_have_count(0)
    with app.app_context():
        kept = db.session.get(Person, left)
        assert kept.title == "部長" and kept.merged_into_id is None
        assert db.session.get(Person, right).merged_into_id == left

    # Undo from the history: both come back, the suggestion is open again.
    page.get_by_role("link", name="統合履歴").click()
    page.wait_for_url(re.compile(r"/merge/history$"))
    row = page.locator("tr", has_text="田中 一郎")
    row.get_by_role("button", name="元に戻す").click()
    page.wait_for_url(re.compile(r"/merge/history$"))
    expect(page.locator(".flashes")).to_contain_text("統合を取り消しました")
    expect(page.locator("table.history tr.undone")).to_have_count(1)
    with app.app_context():
        db.session.expire_all()
        assert db.session.get(Person, left).title == "課長"
        assert db.session.get(Person, right).merged_into_id is None
        assert db.session.query(MergeRecord).one().undone_at is not None
    page.goto(f"{base}/merge/")
    expect(page.locator("article.merge-pair")).to_have_count(1)
