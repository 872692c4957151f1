"""The service under load, on real processes: chunked scoring stores what scoring each document alone gives; a
reviewer's save overtakes a queued bulk batch (Redis and the embedded broker); an Apertium process killed mid-chunk
loses nothing; every submitted batch ends (`review submit --wait`); Ctrl-C stops `review serve` and its worker."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from review.core.formats.importing import parse_batch
from review.core.pipeline import analyse
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.text.translate import ApertiumTranslator
from review.db.models import Batch, Document, ReviewEvent, Revision
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.batches import batch_progress
from review.services.claims import claim
from review.services.editing import save_revision
from review.services.reporting import stored_batch_report
from review.services.users import add_user
from review.settings import Settings
from tests.workers.helpers import batch_finished, flush_broker, free_port, review_env, run_review, start, stop, \
    synthetic_batch, wait_for_health, wait_until
from tests.workers.test_serve import embedded_env
from workers.celery_app import create_celery, enqueue_scoring

pytestmark = pytest.mark.apertium


def _import(tmp_path: Path, env: dict[str, str], name: str, count: int) -> bytes:
    data = synthetic_batch(count)
    batch = tmp_path / f"{name}.jsonl"
    batch.write_bytes(data)
    result = run_review(["import", str(batch), "--batch-name", name], env)
    assert result.returncode == 0, result.stderr
    return data


def _worker(env: dict[str, str], log: Path, concurrency: int = 2) -> subprocess.Popen[bytes]:
    return start([sys.executable, "-m", "review", "worker", "--concurrency", str(concurrency)], env, log)


def _scored_once(database_url: str) -> dict[str, int]:
    """Score events per document: every document scored, each once."""
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        events = dict(session.execute(select(ReviewEvent.document_id, func.count()).where(ReviewEvent.action == "score")
                                      .group_by(ReviewEvent.document_id)).all())
        documents = session.scalar(select(func.count()).select_from(Document))
        unscored = session.scalar(select(func.count()).select_from(Revision).where(Revision.scored_version.is_(None)))
    engine.dispose()
    assert len(events) == documents and set(events.values()) == {1} and unscored == 0
    return events


@pytest.mark.postgres
@pytest.mark.redis
def test_chunked_scoring_stores_what_each_document_alone_gives(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    data = _import(tmp_path, env, "chunks", 12)  # chunks of 5, 5 and 2 documents, one translation call each
    log = tmp_path / "worker.log"
    worker = _worker(env, log)
    try:
        wait_until(batch_finished(pg_url), 240, "the chunks to be scored", log)
    finally:
        stop(worker)
    assert "review.score_documents" in log.read_text()
    _scored_once(pg_url)
    engine = make_engine(pg_url)
    with make_session_factory(engine)() as session:
        stored = stored_batch_report(session, batch_progress(session)[0].id)
    engine.dispose()
    alone = [analyse([pair], ApertiumTranslator())[0] for pair in parse_batch(data)]
    assert stored == json.loads(json.dumps(batch_report(alone, Gate())))  # same flags, links and scores


def _save_overtakes_bulk(env: dict[str, str], database_url: str, tmp_path: Path) -> None:
    """A save queued while a worker is busy on a bulk batch is scored before the batch is half done."""
    _import(tmp_path, env, "seed", 1)
    log = tmp_path / "worker.log"
    worker = _worker(env, log, concurrency=1)
    try:
        wait_until(batch_finished(database_url), 120, "the seed to be scored", log)
        _import(tmp_path, env, "bulk", 40)  # 8 chunks
        sessions = make_session_factory(make_engine(database_url))

        def bulk_done() -> int:
            with sessions() as session:
                return next(p.done for p in batch_progress(session) if p.name == "bulk")

        wait_until(lambda: bulk_done() >= 1, 120, "the bulk batch to start", log)
        with unit_of_work(sessions) as session:
            user = add_user(session, "reviewer", "translator", "reviewer-password")
            seed = session.scalar(select(Document).where(Document.batch_id == 1))
            claim(session, seed.id, user, timedelta(minutes=5))
            current = seed.current_revision
            save_revision(session, seed.id, user, current.target_headline + " now", current.target_body, current.number)
        enqueue_scoring(create_celery(Settings.from_env(env)), [seed.id], interactive=True)
        saved_at = bulk_done()

        def save_scored() -> bool:
            with sessions() as session:
                return session.get(Document, seed.id).current_revision.scored_version is not None

        wait_until(save_scored, 120, "the save to be scored", log)
        # bulk documents the worker started on before the save (not the progress when this test looks again: with
        # no idle time between tasks the worker may be chunks further by then): at most those done when the save
        # was queued, the chunk in hand and the one prefetched
        assert _started_before(sessions, seed.id, "bulk") <= saved_at + 10 < 40
        wait_until(batch_finished(database_url), 300, "the bulk batch", log)
    finally:
        stop(worker)


def _started_before(sessions: sessionmaker[Session], document_id: int, batch_name: str) -> int:
    """How many documents of the batch a worker started scoring (Revision.scoring_attempted_at) before the
    current revision of the document."""
    with sessions() as session:
        started = session.get(Document, document_id).current_revision.scoring_attempted_at
        return session.scalar(select(func.count()).select_from(Document)
                              .join(Revision, Revision.id == Document.current_revision_id)
                              .join(Batch, Batch.id == Document.batch_id)
                              .where(Batch.name == batch_name, Revision.scoring_attempted_at < started))


@pytest.mark.postgres
@pytest.mark.redis
def test_a_save_overtakes_a_queued_bulk_batch_on_redis(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    _save_overtakes_bulk(review_env(tmp_path, pg_url, redis_url), pg_url, tmp_path)


def test_a_save_overtakes_a_queued_bulk_batch_on_the_embedded_broker(tmp_path: Path) -> None:
    env = embedded_env(tmp_path / "home")
    assert run_review(["db", "upgrade"], env).returncode == 0
    _save_overtakes_bulk(env, f"sqlite:///{tmp_path / 'home' / 'review.sqlite'}", tmp_path)


@pytest.mark.postgres
@pytest.mark.redis
def test_an_apertium_process_killed_mid_chunk_loses_nothing(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    _import(tmp_path, env, "killed", 30)
    log = tmp_path / "worker.log"
    worker = _worker(env, log, concurrency=1)
    killed = 0
    try:
        deadline = time.monotonic() + 120
        while not killed and time.monotonic() < deadline:
            for pid in _descendants(worker.pid):
                if "apertium-transfer" in _cmdline(pid):
                    os.kill(pid, signal.SIGKILL)
                    killed = pid
                    break
            time.sleep(0.1)
        assert killed, "no Apertium process appeared under the worker"
        wait_until(batch_finished(pg_url), 300, "the batch after the kill", log)
    finally:
        stop(worker)
    _scored_once(pg_url)
    engine = make_engine(pg_url)
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Document).where(Document.status == "scored")) == 30
    engine.dispose()


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def _served(env: dict[str, str], tmp_path: Path) -> tuple[str, int, Path, subprocess.Popen[bytes]]:
    """A migrated database with an admin token, and `review serve` on it: (token, port, log, process)."""
    assert run_review(["db", "upgrade"], env).returncode == 0
    assert run_review(["user", "add", "ci", "--role", "admin", "--password", "ci-password"], env).returncode == 0
    secret = run_review(["token", "create", "ci"], env).stdout.strip()
    port = free_port()
    log = tmp_path / "serve.log"
    return secret, port, log, start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)


def test_every_submitted_batch_ends(tmp_path: Path) -> None:
    env = embedded_env(tmp_path / "home")
    secret, port, log, server = _served(env, tmp_path)
    try:
        wait_for_health(port, log)
        base = ["--server", f"http://127.0.0.1:{port}", "--token", secret, "--wait"]
        empty = tmp_path / "empty.jsonl"
        empty.write_bytes(b"")
        refused = run_review(["submit", str(empty), *base], env)
        assert refused.returncode == 2 and "no documents" in refused.stderr
        batch = tmp_path / "articles.jsonl"
        batch.write_bytes(synthetic_batch(3))
        first = run_review(["submit", str(batch), "--batch-name", "run-1", *base], env)
        assert first.returncode in (0, 1), f"{first.stderr}\n{log.read_text()[-3000:]}"
        assert "\r" not in first.stderr and "done: 3/3\n" in first.stderr  # progress as lines off a terminal
        started = time.monotonic()
        again = run_review(["submit", str(batch), "--batch-name", "run-2", *base], env)
        assert time.monotonic() - started < 30 and again.returncode == first.returncode, again.stderr
        assert "0 new, 3 already known" in again.stderr and "done: 3/3" in again.stderr
        assert json.loads(again.stdout) == json.loads(first.stdout)
    finally:
        stop(server)


@pytest.mark.postgres
@pytest.mark.redis
def test_submit_exits_2_when_it_gives_up_waiting(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)  # a server on Redis and no worker: nothing gets scored
    secret, port, log, server = _served(env, tmp_path)
    try:
        wait_for_health(port, log)
        batch = tmp_path / "waiting.jsonl"
        batch.write_bytes(synthetic_batch(2))
        result = run_review(["submit", str(batch), "--server", f"http://127.0.0.1:{port}", "--token", secret,
                             "--wait", "--timeout", "3"], env)
        assert result.returncode == 2 and "not scored after 3 s" in result.stderr
        assert "queued: 0/2\n" in result.stderr and "\r" not in result.stderr
    finally:
        stop(server)


def test_ctrl_c_stops_serve_and_its_worker_and_the_work_is_picked_up_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = embedded_env(home)
    assert run_review(["db", "upgrade"], env).returncode == 0
    database_url = f"sqlite:///{home / 'review.sqlite'}"
    _import(tmp_path, env, "interrupted", 40)
    port = free_port()
    log = tmp_path / "serve.log"
    server = start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)
    sessions = make_session_factory(make_engine(database_url))

    def scored() -> int:
        with sessions() as session:
            return session.scalar(select(func.count()).select_from(Revision).where(Revision.scored_version.is_not(None)))

    wait_for_health(port, log)
    wait_until(lambda: scored() >= 1, 120, "scoring to start", log)
    family = _descendants(server.pid)
    started = time.monotonic()
    server.send_signal(signal.SIGINT)  # what Ctrl-C sends the foreground process
    server.wait(timeout=30)
    assert time.monotonic() - started < 5
    time.sleep(0.5)
    assert [pid for pid in family if _cmdline(pid)] == []  # the worker, its pool and its Apertium are gone
    assert scored() < 40
    server = start([sys.executable, "-m", "review", "serve", "--port", str(port)], env, log)
    try:
        wait_until(batch_finished(database_url), 300, "the batch after the restart", log)
    finally:
        stop(server)
    _scored_once(database_url)
