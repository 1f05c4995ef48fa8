"""The job queue: persistent across restarts, recovers stuck cards, runs on SQLite and Redis."""

from __future__ import annotations

import io
import time

from extensions import db
from models import Card
from services.cards import recover_stuck_cards
from services.queue import get_queue
from tests.conftest import login, make_app
from tests.factories import CardFactory, UserFactory
from tests.web.card_images import CORRUPT_PNG

JSON = {"Accept": "application/json"}


def _upload_corrupt(client) -> int:
    # A corrupt image is refused by the reader in milliseconds: the queue is what is tested.
    response = client.post(
        "/capture",
        data={"image": [(io.BytesIO(CORRUPT_PNG), "x.png")]},
        content_type="multipart/form-data",
        headers=JSON,
    )
    assert response.status_code == 202
    return int(response.get_json()["files"][0]["card_id"])


def test_queued_card_survives_a_restart(tmp_path, schema_database_url):
    first = make_app(tmp_path, schema_database_url)
    with first.app_context():
        UserFactory(email="m@example.com")
    client = first.test_client()
    login(client, "m@example.com")
    card_id = _upload_corrupt(client)
    del first, client

    # A new process on the same instance folder: the task is still in huey's SQLite file.
    second = make_app(tmp_path, schema_database_url)
    with second.app_context():
        queue = get_queue()
        assert queue.backend == "SqliteHuey"
        assert len(queue.pending_ids()) == 1
        assert queue.run_pending() == 1
        card = db.session.get(Card, card_id)
        assert card.status == "failed" and card.error


def test_start_up_requeues_cards_whose_job_is_gone(app):
    with app.app_context():
        running = CardFactory(status="running", job_id="lost-in-crash").id
        queued_no_job = CardFactory(status="queued", job_id=None).id
        done = CardFactory(status="read").id
        assert recover_stuck_cards() == 2
        pending = get_queue().pending_ids()
        for card_id in (running, queued_no_job):
            card = db.session.get(Card, card_id)
            assert card.status == "queued" and card.job_id in pending
        assert db.session.get(Card, done).status == "read"
        # A second start finds their jobs waiting and queues nothing twice.
        assert recover_stuck_cards() == 0
        assert len(get_queue().pending_ids()) == 2


def test_consumer_threads_read_in_the_background(app, member):
    card_id = _upload_corrupt(member)
    with app.app_context():
        queue = get_queue()
        queue.start_consumer(workers=1)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                db.session.expire_all()
                if db.session.get(Card, card_id).status == "failed":
                    break
                time.sleep(0.1)
        finally:
            queue.stop_consumer()
        assert db.session.get(Card, card_id).status == "failed"


def test_redis_backend_enqueues_and_runs(tmp_path, schema_database_url, redis_url):
    app = make_app(tmp_path, schema_database_url, QUEUE_URL=redis_url)
    with app.app_context():
        UserFactory(email="m@example.com")
        queue = get_queue()
        assert queue.backend == "RedisHuey"
        queue.huey.flush()
    client = app.test_client()
    login(client, "m@example.com")
    card_id = _upload_corrupt(client)
    with app.app_context():
        assert db.session.get(Card, card_id).job_id in queue.pending_ids()
        assert queue.run_pending() == 1
        assert db.session.get(Card, card_id).status == "failed"
        assert queue.pending_ids() == set()
