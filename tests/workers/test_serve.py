"""`review serve` on embedded defaults (SQLite, no broker server) runs its own worker and serves the demo."""
from __future__ import annotations

import re
import sys
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.workers.helpers import batch_finished, free_port, run_review, start, stop, wait_until

pytestmark = pytest.mark.apertium


def embedded_env(home: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")}
    return {**env, "REVIEW_HOME": str(home)}


def test_serve_scores_work_queued_while_it_was_down_and_shows_the_flags(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = embedded_env(home)
    demo = run_review(["demo"], env)  # migrates, adds users, queues the demo batch; nothing is serving yet
    assert demo.returncode == 0, demo.stderr
    assert "demo translator login: translator / translator-demo" in demo.stdout
    port = free_port()
    log = tmp_path / "serve.log"
    server = start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)
    try:
        database_url = f"sqlite:///{home / 'review.sqlite'}"
        wait_until(batch_finished(database_url), 120, "the embedded worker to score the demo", log)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        base = f"http://127.0.0.1:{port}"
        login_page = opener.open(f"{base}/login").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
        opener.open(f"{base}/login", data=urlencode(
            {"name": "translator", "password": "translator-demo", "csrf_token": token}).encode())
        queue = opener.open(f"{base}/queue").read().decode()
        seed_item = re.search(r'href="(/items/\d+)">Peruvian President Dismisses', queue).group(1)
        item = opener.open(base + seed_item).read().decode()
        assert "peru-corridor-2026-01-12" in item
        assert "quote_dropped" in item and "scare_quotes_dropped" in item
    finally:
        stop(server)
    assert "re-queued" in log.read_text()
