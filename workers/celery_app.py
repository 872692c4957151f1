"""The Celery app, built from Settings: late acks, requeue on a lost worker, one message prefetched at a time.

Two queues: INTERACTIVE (a reviewer's saved revision) and BULK (imported batches, in chunks of CHUNK_SIZE
documents, one translation call per chunk). A worker consuming both always takes the interactive queue first
(kombu's `priority` queue order on Redis; workers/broker.py on the embedded broker), so a save waits at
most for the chunk each of its processes is on.
"""
from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown
from kombu import Queue

from review.settings import Settings
from workers import broker  # noqa: F401  (the embedded broker's queues polled in order)

SCORE_TASK = "review.score_document"  # one document (messages queued before chunks existed, and split chunks)
SCORE_CHUNK_TASK = "review.score_documents"
SWEEP_TASK = "review.sweep"
ENQUEUE_TASK = "review.enqueue_scoring"
ENQUEUE_CHUNK = 500  # documents per fan-out message of a large import
INTERACTIVE = "review-interactive"
BULK = "review"
QUEUES = {"interactive": (INTERACTIVE,), "bulk": (BULK,), "all": (INTERACTIVE, BULK)}
CHUNK_SIZE = 5  # documents per bulk task: start-up is paid once per worker process, so chunks only need to be
# big enough to spare per-message costs, and small enough that an interactive task never waits long


def create_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("review", broker=settings.broker_url, include=["workers.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=BULK,
        task_queues=[Queue(INTERACTIVE), Queue(BULK)],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    if settings.broker_url.startswith("redis"):
        # an unacknowledged task is redelivered after this long (longer than any scoring task takes); the queues
        # are polled in the order a worker lists them (interactive first), not in turn
        app.conf.broker_transport_options = {"visibility_timeout": 3600, "queue_order_strategy": "priority"}
    app.conf.beat_schedule = {"sweep": {"task": SWEEP_TASK, "schedule": float(settings.sweep_seconds),
                                        "options": {"queue": BULK}}}
    app.conf.beat_schedule_filename = str(settings.home / "celerybeat-schedule")
    app.conf.review_settings = settings
    return app


def enqueue_scoring(app: Celery, document_ids: list[int], interactive: bool = False) -> None:
    """Queue scoring of the documents. Call only after the transaction that stored them committed. A reviewer's
    revision goes to the interactive queue, one document a task; bulk work in chunks of CHUNK_SIZE."""
    if interactive:
        for document_id in document_ids:
            app.send_task(SCORE_TASK, args=[document_id], queue=INTERACTIVE)
        return
    for start in range(0, len(document_ids), CHUNK_SIZE):
        app.send_task(SCORE_CHUNK_TASK, args=[document_ids[start:start + CHUNK_SIZE]], queue=BULK)


def enqueue_import(app: Celery, document_ids: list[int]) -> None:
    """Enqueue an import's documents without holding the request for one message per document: up to
    ENQUEUE_CHUNK are sent at once; a larger import sends one message per chunk, and a worker's fan-out
    task (review.enqueue_scoring) sends that chunk's scoring tasks. A lost fan-out message is recovered
    like any lost scoring message, by the sweeper."""
    if len(document_ids) <= ENQUEUE_CHUNK:
        enqueue_scoring(app, document_ids)
        return
    for start in range(0, len(document_ids), ENQUEUE_CHUNK):
        app.send_task(ENQUEUE_TASK, args=[document_ids[start:start + ENQUEUE_CHUNK]], queue=BULK)


@worker_process_init.connect
def _fresh_connections_after_fork(**_: object) -> None:
    from workers.tasks import reset_process

    reset_process()


@worker_process_shutdown.connect
def _stop_apertium(**_: object) -> None:
    from workers.tasks import reset_process

    reset_process()
