"""What a large, unscored batch costs the web process: the report asked for while it is being scored, and the
enqueuing after its import.

Imports --docs synthetic documents into a temporary SQLite database (timed: parsing and storing, which stays
in the request), then in one run, side by side:
- "still being scored": the old path (`stored_batch_report`, which loaded every document before answering
  409) against the new one (`batch_report_json`, counts only): median time and peak traced memory;
- enqueuing on the embedded broker (kombu's SQLAlchemy transport on SQLite, the default set-up): one
  message per document (`enqueue_scoring`, as the request did) against `enqueue_import` (one fan-out
  message per 500 documents).

    .venv/bin/python bench/large_batches.py [--docs 20000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from review.core.workflow import IllegalTransition
from review.db.migrate import upgrade
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.importing import import_batch
from review.services.report_store import batch_report_json
from review.services.reporting import stored_batch_report
from review.settings import Settings
from workers.celery_app import create_celery, enqueue_import, enqueue_scoring


def synthetic(size: int) -> bytes:
    return "\n".join(json.dumps({"id": f"doc-{n}", "source": {"headline": f"Titular {n}", "body": f"Cuerpo {n}."},
                                 "target": {"headline": f"Headline {n}", "body": f"Body {n}."}})
                     for n in range(size)).encode()


def measured(action: Callable[[], Any]) -> tuple[float, int]:
    """Seconds and peak traced bytes of one call (a 409 is the expected outcome, not an error)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        action()
    except IllegalTransition:
        pass
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env({"REVIEW_HOME": home})
        upgrade(settings.database_url)
        sessions = make_session_factory(make_engine(settings.database_url))
        start = time.perf_counter()
        with unit_of_work(sessions) as session:
            result = import_batch(session, synthetic(args.docs), "large")
        print(f"import of {args.docs} documents (parse and store): {time.perf_counter() - start:.1f} s")

        def report(builder: Callable[[Any, int], Any]) -> Callable[[], Any]:
            def ask() -> Any:
                with sessions() as session:
                    return builder(session, result.batch_id)
            return ask

        paths = {"old: load the batch, then 409": report(stored_batch_report),
                 "new: counts, then 409": report(batch_report_json)}
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in paths}
        for _ in range(args.repeat):
            for name, ask in paths.items():
                runs[name].append(measured(ask))
        for name, values in runs.items():
            print(f"{name:32s} median {statistics.median(v[0] for v in values) * 1000:9.1f} ms, "
                  f"peak {statistics.median(v[1] for v in values) / 1e6:8.2f} MB")
        celery = create_celery(settings)
        for name, enqueue in (("old: one message per document", enqueue_scoring),
                              ("new: enqueue_import", enqueue_import)):
            start = time.perf_counter()
            enqueue(celery, result.queued_ids)
            print(f"enqueue {name:30s} {time.perf_counter() - start:8.2f} s")


if __name__ == "__main__":
    main()
