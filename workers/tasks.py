"""Thin, idempotent tasks: open a session, call a service, commit. They take ids, never ORM objects."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import Task, shared_task
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from review.core.text.translate import ApertiumTranslator, TranslationError
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services import analysis, maintenance
from review.settings import Settings
from workers.celery_app import SCORE_TASK, SWEEP_TASK, enqueue_scoring

log = logging.getLogger(__name__)
_factories: dict[str, sessionmaker[Session]] = {}


def reset_database() -> None:
    """Drop engines inherited from a parent process; each worker process builds its own."""
    for factory in _factories.values():
        factory.kw["bind"].dispose(close=False)
    _factories.clear()


def _session_factory(settings: Settings) -> sessionmaker[Session]:
    if settings.database_url not in _factories:
        _factories[settings.database_url] = make_session_factory(make_engine(settings.database_url))
    return _factories[settings.database_url]


class ScoringTask(Task):
    """Marks the document failed, with the reason, once retries are exhausted."""

    def on_failure(self, exc: BaseException, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                   einfo: Any) -> None:
        settings: Settings = self.app.conf.review_settings
        with unit_of_work(_session_factory(settings)) as session:
            analysis.mark_failed(session, int(args[0]), f"{type(exc).__name__}: {exc}")


@shared_task(bind=True, base=ScoringTask, name=SCORE_TASK, autoretry_for=(OperationalError, TranslationError),
             retry_backoff=2, retry_backoff_max=60, retry_jitter=True, max_retries=5)
def score_document(self: Task, document_id: int) -> bool:
    settings: Settings = self.app.conf.review_settings
    factory = _session_factory(settings)
    with unit_of_work(factory) as session:
        analysis.mark_attempted(session, document_id)
    with unit_of_work(factory) as session:
        scored = analysis.score_document(session, document_id, ApertiumTranslator())
    log.info("document %s %s", document_id, "scored" if scored else "already scored")
    return scored


@shared_task(bind=True, name=SWEEP_TASK, autoretry_for=(OperationalError,), retry_backoff=2, max_retries=3)
def sweep(self: Task) -> dict[str, int]:
    """Re-enqueue scoring whose message was lost, and release lapsed claims (runs on the beat schedule)."""
    settings: Settings = self.app.conf.review_settings
    with unit_of_work(_session_factory(settings)) as session:
        result = maintenance.sweep(session, timedelta(seconds=settings.stale_seconds))
    enqueue_scoring(self.app, result.requeue_ids)
    if result.requeue_ids or result.released_claims:
        log.warning("sweep: re-enqueued %s document(s), released %s claim(s)", len(result.requeue_ids),
                    result.released_claims)
    return {"requeued": len(result.requeue_ids), "released": result.released_claims}
