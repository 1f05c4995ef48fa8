"""`flask --app app serve` as `make run` starts it: migrate, first admin, worker, waitress."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from tests.conftest import free_port
from tests.web.card_images import CORRUPT_PNG

ROOT = Path(__file__).resolve().parents[2]


def _multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, content in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_serve_starts_everything_and_reads_in_the_background(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "CARDSCAN_STORAGE_DIR": str(tmp_path / "storage"),
        "CARDSCAN_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}",
        "SECRET_KEY": "serve-test",
        "CARDSCAN_ADMIN_EMAIL": "boss@example.com",
        "CARDSCAN_ADMIN_PASSWORD": "first admin password",
        "PORT": str(port),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                opener.open(base + "/healthz", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.2)

        page = opener.open(base + "/login").read().decode()
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"csrf_token": token, "email": "boss@example.com", "password": "first admin password"}
        ).encode()
        page = opener.open(base + "/login", data=body).read().decode()
        assert "名刺" in page
        # Logging in starts a new session, so the page after it carries a new token.
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

        data, content_type = _multipart({"csrf_token": token}, [("image", "broken.png", CORRUPT_PNG)])
        request = urllib.request.Request(
            base + "/capture", data=data, headers={"Content-Type": content_type, "Accept": "application/json"}
        )
        card_id = json.loads(opener.open(request).read())["files"][0]["card_id"]
        deadline = time.monotonic() + 30
        status = "queued"
        while status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.3)
            answer = json.loads(opener.open(f"{base}/capture/status?ids={card_id}").read())
            status = answer["cards"][0]["status"]
        assert status == "failed"  # read (and refused) by the worker threads, not by the test
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
    assert f"http://localhost:{port}/" in output
    assert "First admin created: log in as boss@example.com" in output
    assert "Traceback" not in output
    assert proc.returncode == 0 and "cardscan stopped." in output
