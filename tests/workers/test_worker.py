"""A real Celery worker process over the local Redis scores an imported batch into PostgreSQL."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import func, select

from review.db.models import Document, FlagRow, Revision, ScoreRow, SegmentRow
from review.db.session import make_engine, make_session_factory
from review.services.batches import batch_progress
from tests.workers.helpers import batch_finished, flush_broker, import_and_score, review_env, run_review, start, stop, \
    wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.apertium]
DEMO = resources.files("review.demo").joinpath("newsroom.jsonl")


def test_worker_scores_an_imported_batch_once(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    import_and_score(Path(str(DEMO)), "demo", env, pg_url, tmp_path / "worker.log", concurrency=2)
    sessions = make_session_factory(make_engine(pg_url))
    with sessions() as session:
        [progress] = batch_progress(session)
        assert (progress.status, progress.done, progress.failed) == ("done", progress.total, 0)
        assert session.scalar(select(func.count()).select_from(Revision).where(Revision.scored_version.is_(None))) == 0
        assert session.scalar(select(func.count()).select_from(ScoreRow).where(ScoreRow.scope == "document")) == \
            2 * progress.total  # chrF and BLEU against the pseudo-reference (TER only against references)
        seed = session.scalar(select(Document).where(Document.external_id == "peru-corridor-2026-01-12"))
        codes = set(session.scalars(select(FlagRow.code).where(FlagRow.revision_id == seed.current_revision.id,
                                                               FlagRow.field == "headline")))
        assert {"quote_dropped", "scare_quotes_dropped"} <= codes
        segments = session.scalar(select(func.count()).select_from(SegmentRow))
    # importing again queues nothing new, and a worker restart leaves the stored analysis untouched
    again = run_review(["import", str(DEMO), "--batch-name", "demo"], env)
    assert "0 new documents" in again.stdout
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(SegmentRow)) == segments


def test_work_queued_before_a_restart_is_picked_up(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    env = review_env(tmp_path, pg_url, redis_url)
    assert run_review(["import", str(DEMO), "--batch-name", "demo"], env).returncode == 0
    flush_broker(redis_url)  # the broker lost every message, as after a crash without persistence
    log = tmp_path / "worker.log"
    worker = start([sys.executable, "-m", "review", "worker", "--concurrency", "1"], env, log)
    try:
        wait_until(batch_finished(pg_url), 180, "the re-queued batch to be scored", log)
    finally:
        stop(worker)
    assert "re-queued" in log.read_text()
