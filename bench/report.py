"""The stored batch report (`GET /api/v1/batches/ID/report`) on WMT dev articles carrying a reference, cold.

Imports N dev articles (bench/check.py's perturbed copy of the English as reference) into a temporary
SQLite database, scores them as the worker does (`score_document`, which stores each revision's reference
statistics), then times `stored_batch_report` with the process's statistics cache emptied before each
run, as in a freshly started web process: once reading the statistics the worker stored, once with them
marked as another pipeline version's so that the report computes them again (how it worked before they
were stored). Prints medians over --repeat runs and the ratio.

    .venv/bin/python bench/report.py [--docs 30] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from check import with_references  # bench/check.py, next to this script
from pipeline import dev_pairs  # bench/pipeline.py
from sqlalchemy.orm import Session, sessionmaker

from review.core.formats import write_pairs
from review.core.scoring import metrics
from review.core.text.translate import ApertiumTranslator
from review.db.migrate import upgrade
from review.db.models import Revision
from review.db.session import make_engine, make_session_factory
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.services.reporting import stored_batch_report


def timed_report(session_factory: sessionmaker[Session], batch_id: int) -> float:
    metrics._REFERENCE_CACHE.clear()  # a fresh web process
    with session_factory() as session:
        start = time.perf_counter()
        stored_batch_report(session, batch_id)
        return time.perf_counter() - start


def mark_version(session_factory: sessionmaker[Session], version: str) -> None:
    with session_factory() as session, session.begin():
        for revision in session.query(Revision).all():
            revision.reference_statistics = {**revision.reference_statistics, "pipeline_version": version}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pairs = with_references(dev_pairs(args.docs))
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        upgrade(url)
        session_factory = make_session_factory(make_engine(url))
        with session_factory() as session, session.begin():
            result = import_batch(session, write_pairs(pairs, "jsonl"), "bench")
        translator = ApertiumTranslator()
        for document_id in result.queued_ids:
            with session_factory() as session, session.begin():
                score_document(session, document_id, translator)
        batch_id = result.batch_id
        stored = [timed_report(session_factory, batch_id) for _ in range(args.repeat)]
        mark_version(session_factory, "recompute")
        recomputed = [timed_report(session_factory, batch_id) for _ in range(args.repeat)]
    print(f"{len(pairs)} documents with references, report from a cold cache, median of {args.repeat}:")
    print(f"  stored statistics read  {statistics.median(stored):7.2f} s")
    print(f"  statistics recomputed   {statistics.median(recomputed):7.2f} s")
    print(f"  ratio                   {statistics.median(recomputed) / statistics.median(stored):7.1f}x")


if __name__ == "__main__":
    main()
