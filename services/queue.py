"""The job queue behind one small interface: huey with SQLite (default) or Redis.

The SQLite file lives in ``instance/queue.db`` so pending work survives a restart; with
``CARDSCAN_QUEUE_URL=redis://...`` the same tasks go through Redis. Views and services only
call :func:`enqueue_read` / :func:`get_queue`; nothing else imports huey.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

log = logging.getLogger(__name__)
EXTENSION_KEY = "cardscan_queue"
READ_TASK = "cardscan.read_card"


def _make_huey(config: dict[str, Any], instance_path: str) -> Huey:
    url: str = config.get("QUEUE_URL") or ""
    name = "cardscan"
    if config.get("QUEUE_IMMEDIATE"):
        # Runs each task inside enqueue; only for tests that want no worker at all.
        return MemoryHuey(name, immediate=True)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url)
    if url.startswith("sqlite:///"):
        filename = url.removeprefix("sqlite:///")
    elif url == "":
        filename = str(Path(instance_path) / "queue.db")
    else:
        raise ValueError(f"CARDSCAN_QUEUE_URL must be empty, sqlite:///PATH or redis://..., got {url!r}")
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=filename)


class JobQueue:
    """The app's queue: enqueue card reads, list pending ones, run a consumer."""

    def __init__(self, huey: Huey, read_card: Callable[[int], None]) -> None:
        self.huey = huey
        # huey registers tasks by name on this instance; the body gets the app via closure.
        self._read = huey.task(name=READ_TASK)(read_card)
        self._consumer: Consumer | None = None

    @property
    def backend(self) -> str:
        return type(self.huey).__name__

    def enqueue_read(self, card_id: int) -> str:
        """Queue the OCR read of a card; returns the job id."""
        result = self._read(card_id)
        return str(result.id) if result is not None else ""

    def pending_ids(self) -> set[str]:
        """Ids of the tasks waiting in the queue."""
        return {str(task.id) for task in self.huey.pending()}

    def run_pending(self, limit: int | None = None) -> int:
        """Execute waiting tasks in this thread (tests, one-shot workers); returns how many ran."""
        done = 0
        while limit is None or done < limit:
            task = self.huey.dequeue()
            if task is None:
                break
            self.huey.execute(task)
            done += 1
        return done

    def start_consumer(self, workers: int = 1) -> None:
        """Start worker threads in this process (``serve`` does this next to waitress)."""
        if self._consumer is not None:
            return
        consumer = self.huey.create_consumer(workers=workers, worker_type="thread", periodic=False)
        # huey installs SIGINT/SIGTERM handlers meant for its own main loop, which we do not
        # run: put back the previous ones so Ctrl-C still stops the web server.
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
        consumer.start()
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        self._consumer = consumer

    def stop_consumer(self) -> None:
        """Stop the worker threads, letting a running task finish."""
        if self._consumer is not None:
            self._consumer.stop(graceful=True)
            self._consumer = None


def init_app(app: Flask) -> JobQueue:
    """Create the app's queue from its config and register the task bodies."""
    from services.tasks import read_card  # late: tasks imports models/services that need db

    def run_read(card_id: int) -> None:
        with app.app_context():
            read_card(card_id)

    queue = JobQueue(_make_huey(app.config, app.instance_path), run_read)
    app.extensions[EXTENSION_KEY] = queue
    return queue


def get_queue() -> JobQueue:
    """The queue of the current app."""
    queue: JobQueue = current_app.extensions[EXTENSION_KEY]
    return queue


def enqueue_read(card_id: int) -> str:
    """Queue the OCR read of a card in the current app's queue; returns the job id."""
    return get_queue().enqueue_read(card_id)
