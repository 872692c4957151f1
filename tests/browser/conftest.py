"""A live `review serve` on embedded defaults (its own worker, real Apertium) and headless Debian Chromium."""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workers.helpers import REPO, batch_finished, free_port, run_review, start, stop, wait_until

ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_demo(tmp_path_factory.mktemp("browser-home"))


def serve_demo(home: Path) -> Iterator[str]:
    """`review demo` (users, the demo batch) plus a second translator, served with its worker once scored."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")}, "REVIEW_HOME": str(home)}
    assert run_review(["demo"], env).returncode == 0
    added = run_review(["user", "add", "second", "--role", "translator", "--password", "second-demo"], env)
    assert added.returncode == 0, added.stderr
    port = free_port()
    log = home / "serve.log"
    server = start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)
    try:
        wait_until(batch_finished(f"sqlite:///{home / 'review.sqlite'}"), 120, "the demo batch to be scored", log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
