"""The Celery app, built from Settings: late acks, requeue on a lost worker, one message prefetched at a time."""
from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init

from review.settings import Settings

SCORE_TASK = "review.score_document"
SWEEP_TASK = "review.sweep"
ENQUEUE_TASK = "review.enqueue_scoring"
ENQUEUE_CHUNK = 500  # documents per fan-out message of a large import


def create_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("review", broker=settings.broker_url, include=["workers.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue="review",
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    if settings.broker_url.startswith("redis"):
        # an unacknowledged task is redelivered after this long (longer than any scoring task takes)
        app.conf.broker_transport_options = {"visibility_timeout": 3600}
    app.conf.beat_schedule = {"sweep": {"task": SWEEP_TASK, "schedule": float(settings.sweep_seconds)}}
    app.conf.beat_schedule_filename = str(settings.home / "celerybeat-schedule")
    app.conf.review_settings = settings
    return app


def enqueue_scoring(app: Celery, document_ids: list[int]) -> None:
    """Send one scoring task per document. Call only after the transaction that stored them committed."""
    for document_id in document_ids:
        app.send_task(SCORE_TASK, args=[document_id])


def enqueue_import(app: Celery, document_ids: list[int]) -> None:
    """Enqueue an import's documents without holding the request for one message per document: up to
    ENQUEUE_CHUNK are sent at once; a larger import sends one message per chunk, and a worker's fan-out
    task (review.enqueue_scoring) sends that chunk's scoring tasks. A lost fan-out message is recovered
    like any lost scoring message, by the sweeper."""
    if len(document_ids) <= ENQUEUE_CHUNK:
        enqueue_scoring(app, document_ids)
        return
    for start in range(0, len(document_ids), ENQUEUE_CHUNK):
        app.send_task(ENQUEUE_TASK, args=[document_ids[start:start + ENQUEUE_CHUNK]])


@worker_process_init.connect
def _fresh_connections_after_fork(**_: object) -> None:
    from workers.tasks import reset_database

    reset_database()
