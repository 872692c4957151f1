"""A large import answers 202 without enqueuing its documents one by one: the request sends one message per chunk
of ENQUEUE_CHUNK documents to the real Redis broker, and a worker's fan-out task turns each into the
documents' scoring messages (bulk chunks). A small import still enqueues its documents at once."""
from __future__ import annotations

import base64
import json
from dataclasses import replace

import pytest
import redis
from flask import Flask

from review.settings import Settings
from review.web import create_app
from tests.web.conftest import Tokens
import workers.tasks  # noqa: F401 - registers the tasks a worker runs
from workers.celery_app import CHUNK_SIZE, ENQUEUE_CHUNK, ENQUEUE_TASK, SCORE_CHUNK_TASK, create_celery

pytestmark = pytest.mark.redis


def batch(size: int, prefix: str) -> bytes:
    return "\n".join(json.dumps({"id": f"{prefix}-{n}", "source": {"headline": f"Titular {n}", "body": f"Cuerpo {n}."},
                                 "target": {"headline": f"Headline {n}", "body": f"Body {n}."}})
                     for n in range(size)).encode()


def queued_tasks(client: redis.Redis) -> list[str]:
    return [json.loads(message)["headers"]["task"] for message in client.lrange("review", 0, -1)]


@pytest.fixture
def broker(redis_url: str) -> redis.Redis:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    return client


def test_a_large_import_is_enqueued_in_chunks_by_the_worker(app: Flask, settings: Settings, tokens: Tokens,
                                                            redis_url: str, broker: redis.Redis) -> None:
    configured = replace(settings, broker_url=redis_url)
    web = create_app(configured)
    size = 2 * ENQUEUE_CHUNK + 7
    response = web.test_client().post("/api/v1/batches?name=large", data=batch(size, "large"),
                                      headers={"Authorization": f"Bearer {tokens['admin']}"})
    assert response.status_code == 202 and response.json["created"] == size
    assert queued_tasks(broker) == [ENQUEUE_TASK] * 3  # three messages, not one per document
    chunks = [json.loads(base64.b64decode(json.loads(m)["body"]))[0][0] for m in broker.lrange("review", 0, -1)]
    assert sorted(len(chunk) for chunk in chunks) == [7, ENQUEUE_CHUNK, ENQUEUE_CHUNK]
    broker.delete("review")
    worker_app = create_celery(configured)
    for chunk in chunks:  # what a worker does with each fan-out message
        worker_app.tasks[ENQUEUE_TASK].apply(args=[chunk])
    sent = queued_tasks(broker)
    assert sent == [SCORE_CHUNK_TASK] * (2 * -(-ENQUEUE_CHUNK // CHUNK_SIZE) + -(-7 // CHUNK_SIZE))  # bulk chunks


def test_a_small_import_enqueues_its_documents_at_once(app: Flask, settings: Settings, tokens: Tokens,
                                                       redis_url: str, broker: redis.Redis) -> None:
    web = create_app(replace(settings, broker_url=redis_url))
    response = web.test_client().post("/api/v1/batches?name=small", data=batch(3, "small"),
                                      headers={"Authorization": f"Bearer {tokens['admin']}"})
    assert response.status_code == 202
    assert queued_tasks(broker) == [SCORE_CHUNK_TASK]  # one bulk chunk of its 3 documents
