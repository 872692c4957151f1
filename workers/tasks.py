"""Thin, idempotent tasks: open a session, call a service, commit. They take ids, never ORM objects.

Each worker process keeps one warm Apertium (review.core.text.warm) for all its tasks; a bulk task scores a
chunk of documents with one translation call, storing each document in a transaction of its own.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import Task, shared_task
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from review.core.pipeline import DICTIONARY, REVERSE
from review.core.text.translate import TranslationError
from review.core.text.warm import WarmApertium
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services import analysis, maintenance
from review.services.glossary import load_glossary
from review.settings import Settings
from workers.celery_app import ENQUEUE_TASK, SCORE_CHUNK_TASK, SCORE_TASK, SWEEP_TASK, enqueue_scoring

log = logging.getLogger(__name__)
_factories: dict[str, sessionmaker[Session]] = {}
_translators: list[WarmApertium] = []  # this process's warm Apertium, started on first use


def reset_process() -> None:
    """Drop engines and Apertium processes inherited from a parent process (or on the way out); each worker
    process builds its own."""
    for factory in _factories.values():
        factory.kw["bind"].dispose(close=False)
    _factories.clear()
    while _translators:
        _translators.pop().close()
    for dictionary in (DICTIONARY, REVERSE):
        dictionary.close()  # only this process's own lt-proc is stopped; a parent's is left to the parent


def _session_factory(settings: Settings) -> sessionmaker[Session]:
    if settings.database_url not in _factories:
        _factories[settings.database_url] = make_session_factory(make_engine(settings.database_url))
    return _factories[settings.database_url]


def _translator() -> WarmApertium:
    if not _translators:
        _translators.append(WarmApertium())
    return _translators[0]


class ScoringTask(Task):
    """Marks the documents failed, with the reason, once retries are exhausted."""

    def on_failure(self, exc: BaseException, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                   einfo: Any) -> None:
        settings: Settings = self.app.conf.review_settings
        ids = args[0] if isinstance(args[0], list) else [args[0]]
        with unit_of_work(_session_factory(settings)) as session:
            for document_id in ids:
                analysis.mark_failed(session, int(document_id), f"{type(exc).__name__}: {exc}")


RETRIED = dict(bind=True, base=ScoringTask, autoretry_for=(OperationalError, TranslationError), retry_backoff=2,
               retry_backoff_max=60, retry_jitter=True, max_retries=5)


@shared_task(name=SCORE_TASK, **RETRIED)
def score_document(self: Task, document_id: int) -> bool:
    return _score(self, [document_id]) == 1


@shared_task(name=SCORE_CHUNK_TASK, **RETRIED)
def score_documents(self: Task, document_ids: list[int]) -> int:
    """Score a chunk with one translation call. A document that breaks the pipeline (not a passing fault) would
    fail the chunk: the chunk is then queued again one document a task, so that only that one fails."""
    try:
        return _score(self, document_ids)
    except (OperationalError, TranslationError):
        raise
    except Exception:
        if len(document_ids) == 1:
            raise
        log.exception("chunk %s failed: scoring its documents one by one", document_ids)
        for document_id in document_ids:
            self.app.send_task(SCORE_TASK, args=[document_id], queue=self.request.delivery_info.get("routing_key"))
        return 0


def _score(task: Task, document_ids: list[int]) -> int:
    settings: Settings = task.app.conf.review_settings
    factory = _session_factory(settings)
    with unit_of_work(factory) as session:
        for document_id in document_ids:
            analysis.mark_attempted(session, document_id)
    with factory() as session:
        pending = analysis.pending_revisions(session, document_ids)
        glossary = load_glossary(session)
    results = analysis.analyse_pending(pending, _translator(), glossary)
    scored = 0
    for item, result in zip(pending, results):
        with unit_of_work(factory) as session:
            scored += analysis.store_analysis(session, item, result)
    log.info("documents %s: %s scored", document_ids, scored)
    return scored


@shared_task(bind=True, name=SWEEP_TASK, autoretry_for=(OperationalError,), retry_backoff=2, max_retries=3)
def sweep(self: Task) -> dict[str, int]:
    """Re-enqueue scoring whose message was lost, and release lapsed claims (runs on the beat schedule)."""
    settings: Settings = self.app.conf.review_settings
    with unit_of_work(_session_factory(settings)) as session:
        result = maintenance.sweep(session, timedelta(seconds=settings.stale_seconds))
    enqueue_scoring(self.app, result.saved_ids, interactive=True)
    enqueue_scoring(self.app, result.requeue_ids)
    requeued = len(result.saved_ids) + len(result.requeue_ids)
    if requeued or result.released_claims:
        log.warning("sweep: re-enqueued %s document(s) (%s saved by a reviewer), released %s claim(s)", requeued,
                    len(result.saved_ids), result.released_claims)
    return {"requeued": requeued, "released": result.released_claims}


@shared_task(bind=True, name=ENQUEUE_TASK)
def enqueue_chunk(self: Task, document_ids: list[int]) -> int:
    """A large import's fan-out: send the scoring tasks of one chunk of its documents (duplicates are harmless)."""
    enqueue_scoring(self.app, [int(document_id) for document_id in document_ids])
    return len(document_ids)
