"""Faults injected into real processes over the local PostgreSQL and Redis: a worker killed with SIGKILL,
a Redis restart that loses the queue, database connections dropped mid-batch. Every time, every document
ends scored exactly once: none missing, none duplicated, none failed."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from review.db.models import Document, ReviewEvent, Revision
from review.db.session import make_engine, make_session_factory
from tests.workers.helpers import batch_finished, flush_broker, free_port, review_env, run_review, start, stop, \
    synthetic_batch, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.apertium]
DOCUMENTS = 96  # enough work that a fault lands mid-batch with warm, chunked scoring


def imported(tmp_path: Path, env: dict[str, str]) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(synthetic_batch(DOCUMENTS))
    result = run_review(["import", str(batch), "--batch-name", "faults"], env)
    assert result.returncode == 0, result.stderr


def scored_count(database_url: str) -> int:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(Revision).where(Revision.scored_version.is_not(None)))
    engine.dispose()
    return count or 0


def assert_scored_exactly_once(database_url: str) -> None:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        statuses = dict(session.execute(select(Document.status, func.count()).group_by(Document.status)).all())
        score_events = session.execute(
            select(ReviewEvent.document_id, func.count()).where(ReviewEvent.action == "score")
            .group_by(ReviewEvent.document_id)).all()
        unscored = session.scalar(select(func.count()).select_from(Revision).where(Revision.scored_version.is_(None)))
    engine.dispose()
    assert statuses == {"scored": DOCUMENTS}
    assert len(score_events) == DOCUMENTS and {count for _, count in score_events} == {1}
    assert unscored == 0


def worker_command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "review", "worker", "--concurrency", "2", *extra]


def test_a_worker_killed_mid_batch_loses_nothing(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    imported(tmp_path, env)
    log = tmp_path / "worker.log"
    worker = start(worker_command(), env, log)
    wait_until(lambda: scored_count(pg_url) >= 3, 120, "the first documents to be scored", log)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    assert scored_count(pg_url) < DOCUMENTS, "the batch finished before the kill; make it longer"
    restarted = start(worker_command(), env, log)
    try:
        wait_until(batch_finished(pg_url), 180, "the batch to finish after the restart", log)
    finally:
        stop(restarted)
    assert_scored_exactly_once(pg_url)


def test_a_redis_restart_that_loses_the_queue_still_finishes_the_batch(pg_url: str, tmp_path: Path) -> None:
    port = free_port()
    redis_command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis_log = tmp_path / "redis.log"
    server = start(redis_command, dict(os.environ), redis_log)
    broker = f"redis://127.0.0.1:{port}/0"
    env = review_env(tmp_path, pg_url, broker, REVIEW_SWEEP_SECONDS="2", REVIEW_STALE_SECONDS="8")
    log = tmp_path / "worker.log"
    worker = None
    try:
        time.sleep(0.5)
        imported(tmp_path, env)
        worker = start(worker_command("--beat"), env, log)
        wait_until(lambda: scored_count(pg_url) >= 2, 120, "the first documents to be scored", log)
        stop(server)  # the queue held in Redis is gone with it
        time.sleep(1)
        server = start(redis_command, dict(os.environ), redis_log)
        assert scored_count(pg_url) < DOCUMENTS, "the batch finished before the restart; make it longer"
        wait_until(batch_finished(pg_url), 240, "the sweeper and worker to finish the batch", log)
    finally:
        if worker is not None:
            stop(worker)
        stop(server)
    assert "sweep: re-enqueued" in log.read_text()
    assert_scored_exactly_once(pg_url)


def test_dropped_database_connections_are_retried(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    imported(tmp_path, env)
    log = tmp_path / "worker.log"
    worker = start(worker_command(), env, log)
    database = pg_url.rsplit("/", 1)[1]
    admin = create_engine(pg_url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
    dropped = 0
    try:
        wait_until(lambda: scored_count(pg_url) >= 1, 120, "the first document to be scored", log)
        # idle connections come back unnoticed (pool_pre_ping): drop them often until one dies mid-transaction
        for _ in range(200):
            if scored_count(pg_url) >= DOCUMENTS or "OperationalError" in log.read_text():
                break
            with admin.connect() as connection:
                dropped += connection.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :database AND pid <> pg_backend_pid()"), {"database": database}).scalar() or 0
            time.sleep(0.2)
        wait_until(batch_finished(pg_url), 240, "the batch to finish despite dropped connections", log)
    finally:
        stop(worker)
        admin.dispose()
    assert dropped > 0
    assert "OperationalError" in log.read_text() and "retry: Retry in" in log.read_text()
    assert_scored_exactly_once(pg_url)
