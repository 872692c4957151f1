"""`review submit --wait` hands a batch to a live service (embedded worker), follows it and prints the report."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.workers.helpers import free_port, run_review, start, stop, wait_for_health
from tests.workers.test_serve import embedded_env

pytestmark = pytest.mark.apertium
DEMO = resources.files("review.demo").joinpath("newsroom.jsonl")


def test_submit_waits_for_the_report_and_exits_like_check(tmp_path: Path) -> None:
    env = embedded_env(tmp_path / "home")
    assert run_review(["db", "upgrade"], env).returncode == 0
    assert run_review(["user", "add", "ci", "--role", "admin", "--password", "ci-password"], env).returncode == 0
    created = run_review(["token", "create", "ci", "--label", "ci"], env)
    secret = created.stdout.strip()
    assert created.returncode == 0 and secret.startswith("rvw_")
    port = free_port()
    log = tmp_path / "serve.log"
    server = start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)
    try:
        wait_for_health(port, log)
        server_url = f"http://127.0.0.1:{port}"
        bad = tmp_path / "bad.jsonl"
        bad.write_text('{"id": "x"}\n')
        rejected = run_review(["submit", str(bad), "--server", server_url, "--token", secret], env)
        assert rejected.returncode == 2 and "line 1" in rejected.stderr
        wrong = run_review(["submit", str(DEMO), "--server", server_url, "--token", "rvw_wrong"], env)
        assert wrong.returncode == 1 and "HTTP 401" in wrong.stderr
        submitted = run_review(["submit", str(DEMO), "--server", server_url, "--token", secret, "--wait"], env)
        assert submitted.stdout, f"{submitted.stderr}\nservice log:\n{log.read_text()[-3000:]}"
        report = json.loads(submitted.stdout)
        assert submitted.returncode == (0 if report["summary"]["gate"]["passed"] else 1), submitted.stderr
        assert "done: 6/6" in submitted.stderr
        assert [d["id"] for d in report["documents"]][0] == "peru-corridor-2026-01-12"
        check = run_review(["check", str(DEMO), "--format", "json"], env)
        assert json.loads(check.stdout) == report
    finally:
        stop(server)
