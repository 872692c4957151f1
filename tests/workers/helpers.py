"""Running the real `review` command in child processes, and waiting on the database for their work."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import redis

from review.db.session import make_engine, make_session_factory
from review.services.batches import batch_progress

REPO = Path(__file__).resolve().parents[2]


def review_env(home: Path, database_url: str, broker_url: str, **extra: str) -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": f"{venv_bin}:{os.environ.get('PATH', '')}", "REVIEW_HOME": str(home),
            "REVIEW_DATABASE_URL": database_url, "REVIEW_BROKER_URL": broker_url,
            "REVIEW_SECRET_KEY": "test-secret", **extra}


def run_review(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review", *args], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A child in a process group of its own, so a test can kill it with all its pool processes."""
    handle = log.open("ab")
    return subprocess.Popen(command, env=env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def flush_broker(broker_url: str) -> None:
    redis.Redis.from_url(broker_url).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], bool], timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{tail}")


def wait_for_health(port: int, log: Path, timeout: float = 60) -> None:
    """Wait until the app on `port` answers /healthz."""
    def answers() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
        except OSError:
            return False

    wait_until(answers, timeout, f"the server on port {port}", log)


def batch_finished(database_url: str) -> Callable[[], bool]:
    factory = make_session_factory(make_engine(database_url))

    def check() -> bool:
        with factory() as session:
            progress = batch_progress(session)
        return bool(progress) and all(p.status in ("done", "failed") for p in progress)

    return check


def import_and_score(batch: Path, batch_name: str, env: dict[str, str], database_url: str, log: Path,
                     concurrency: int = 1) -> None:
    """`review import` the batch, then run a real worker until every batch is scored, and stop it."""
    imported = run_review(["import", str(batch), "--batch-name", batch_name], env)
    assert imported.returncode == 0, imported.stderr
    worker = start([sys.executable, "-m", "review", "worker", "--concurrency", str(concurrency)], env, log)
    try:
        wait_until(batch_finished(database_url), 180, f"batch {batch_name!r} to be scored", log)
    finally:
        stop(worker)


def synthetic_batch(count: int) -> bytes:
    """`count` distinct document pairs built from the demo batch (cycled, each with a numbered headline)."""
    import json
    from importlib import resources

    demo = [json.loads(line) for line in
            resources.files("review.demo").joinpath("newsroom.jsonl").read_text(encoding="utf-8").splitlines()]
    records = []
    for number in range(count):
        record = json.loads(json.dumps(demo[number % len(demo)]))
        record["id"] = f"{record['id']}-{number}"
        record["source"]["headline"] += f" ({number})"
        record["target"]["headline"] += f" ({number})"
        records.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(records).encode()
