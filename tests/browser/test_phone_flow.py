"""The whole day of a salesperson on a phone, in real headless Chromium at 390×844.

The real server (waitress, the huey worker thread, a temporary SQLite database and
storage) runs in this process; the cards are generated photos read by the real
pipeline (Tesseract). Nothing is mocked.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from flask import Flask
from PIL import Image

from bench.cardgen import generate
from extensions import db
from services.queue import get_queue
from tests.browser.conftest import serving
from tests.conftest import PASSWORD, make_app
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

EMAIL = "sales@example.com"
# Reading two cards on a busy 2-core machine: generous, the test returns as soon as they are read.
READ_TIMEOUT_MS = 240_000
# Seeds of two clean Japanese cards (scanned, classic layout) whose mobile number is printed.
CARD_SEEDS = (14, 13)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, Flask]]:
    """The app served by waitress on a free port, with its background reader running."""
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'live.db'}")
    with app.app_context():
        db.create_all()
        UserFactory(email=EMAIL, role="member", display_name="営業 花子")
        queue = get_queue()
        queue.start_consumer(1)
    with serving(app) as base:
        try:
            yield base, app
        finally:
            queue.stop_consumer()


def _card(seed: int) -> tuple[bytes, dict[str, Any]]:
    sample = generate(seed, lang="ja", layout="classic", capture="scan")
    return sample.jpeg, sample.truth


def _mobile(truth: dict[str, Any]) -> str:
    mobiles = [p["e164"] for p in truth["phones"] if p["type"] == "mobile"]
    return mobiles[0] if mobiles else truth["phones"][0]["e164"]


def _typed_another_way(e164: str) -> str:
    """The number as someone types it: national digits, full-width, with brackets."""
    national = phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = national.replace("-", "")
    wide = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return f"（{wide[:3]}）{wide[3:7]} {wide[7:]}"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_phone_flow(live_server: tuple[str, Flask], chromium: Any) -> None:
    from playwright.sync_api import expect

    base, _app = live_server
    cards = [_card(seed) for seed in CARD_SEEDS]
    truth = cards[0][1]
    mobile = _mobile(truth)

    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    page = context.new_page()

    # Log in.
    page.goto(f"{base}/login")
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"].primary')
    page.wait_for_url(re.compile(r"/capture$"))

    # Upload two card photos; each is read by the real pipeline in the background.
    page.set_input_files(
        "#gallery",
        files=[
            {"name": f"card{i}.jpg", "mimeType": "image/jpeg", "buffer": jpeg}
            for i, (jpeg, _truth) in enumerate(cards, start=1)
        ],
    )
    review_links = page.locator('#uploads a.button.primary[href*="/review/"]')
    expect(review_links).to_have_count(2, timeout=READ_TIMEOUT_MS)
    assert page.locator("#uploads .error").count() == 0

    # Review the first card: what was read is there; correct the title, make sure of
    # the name and mobile (OCR may slip; the user fixes it here), save.
    card_link = page.locator('#uploads li:has-text("card1.jpg") a.button.primary')
    card_link.click()
    page.wait_for_url(re.compile(r"/review/\d+$"))
    numbers = page.locator('input[name="phone_number"]')
    read_numbers = [numbers.nth(i).input_value() for i in range(numbers.count())]
    read = [page.input_value(f'input[name="{f}"]') for f in ("name", "company", "address")]
    # How well it reads is bench/scan.py's business; here it must have read something.
    assert any(v.strip() for v in read + read_numbers), "the reader filled in nothing"
    page.fill('input[name="name"]', truth["name"])
    page.fill('input[name="title"]', "営業統括部長")
    if not any(
        phonenumbers.format_number(phonenumbers.parse(n, "JP"), phonenumbers.PhoneNumberFormat.E164) == mobile
        for n in read_numbers
        if n.strip()
    ):
        numbers.last.fill(mobile)
    page.locator(".sticky-actions button.primary").click()
    page.wait_for_url(re.compile(r"/contacts/\d+$"))
    person_url = page.url
    expect(page.locator("#person-name")).to_have_text(truth["name"])
    expect(page.locator("#person-title")).to_have_text("営業統括部長")
    thumb = page.locator("#cards img").first
    card_image_url = base + str(thumb.get_attribute("src"))
    assert _fits(page), "the person page scrolls sideways at 390 px"

    # A visit note with a photo attached.
    page.select_option('#note-form select[name="kind"]', "visit")
    page.fill('#note-form textarea[name="text"]', "展示会で名刺交換。来月デモ希望。")
    page.set_input_files(
        '#note-form input[name="files"]',
        files=[{"name": "booth.png", "mimeType": "image/png", "buffer": _png()}],
    )
    page.locator('#note-form button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/contacts/\d+#notes$"))
    note = page.locator("#notes li.note").first
    expect(note).to_contain_text("展示会で名刺交換")
    expect(note.locator(".attachments a")).to_have_text("booth.png")

    # Plan the next action.
    page.fill('#action-form input[name="what"]', "デモの日程を提案する")
    page.fill('#action-form input[name="due_on"]', "2030-01-15")
    page.locator('#action-form button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/contacts/\d+#actions$"))
    expect(page.locator("#actions li.action").first).to_contain_text("デモの日程を提案する")

    # Find the person again by the mobile typed another way.
    page.goto(f"{base}/contacts/")
    typed = _typed_another_way(mobile)
    page.fill("#q", typed)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/contacts/\?"))
    results = page.locator("#results li.person-row a.name")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text(truth["name"])
    assert _fits(page), "the people list scrolls sideways at 390 px"
    results.first.click()
    page.wait_for_url(person_url)

    # The card image is there for the logged-in user ...
    mine = context.request.get(card_image_url)
    assert mine.status == 200 and mine.headers["content-type"].startswith("image/")

    # ... and not for anyone else.
    stranger = chromium.new_context()
    response = stranger.request.get(card_image_url, max_redirects=0)
    assert response.status in (302, 401, 403), response.status
    assert not response.headers.get("content-type", "").startswith("image/")
    stranger.close()
    context.close()


def _fits(page: Any) -> bool:
    """True when the page is no wider than the viewport (no sideways scrolling)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
