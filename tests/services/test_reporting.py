"""The stored batch report reads the reference statistics the worker kept with each revision, on SQLite and
PostgreSQL: the same report as computing them afresh, and no second TER and chrF pass in the web process."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from review.core.pipeline import PIPELINE_VERSION, analyse
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.scoring import metrics
from review.core.text.translate import ApertiumTranslator
from review.db.models import Document
from review.services.analysis import pair_of, score_document
from review.services.importing import import_batch
from review.services.reporting import stored_batch_report

pytestmark = pytest.mark.apertium
ARTICLES = [
    {"id": "a", "source": {"headline": "El Gobierno aprueba la reforma",
                           "body": "El Gobierno aprobó la reforma laboral.\n\nLos sindicatos convocaron una huelga."},
     "target": {"headline": "Government approves reform",
                "body": "The government approved the labour reform yesterday.\n\nThe unions called a strike."},
     "reference": {"headline": "Government passes the reform",
                   "body": "The government passed the labour reform yesterday.\n\nUnions called a general strike."}},
    {"id": "b", "source": {"headline": "Llueve en Lima", "body": "Llovió tres días seguidos en Lima."},
     "target": {"headline": "Rain in Lima", "body": "It rained for three days in a row in Lima."},
     "reference": {"headline": "It rains in Lima", "body": "It rained three days running in Lima."}},
]


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """The statistics cache is process-wide: these tests plant false statistics in it, so it starts and ends empty."""
    metrics._REFERENCE_CACHE.clear()
    yield
    metrics._REFERENCE_CACHE.clear()


def scored_batch(session: Session) -> list[Document]:
    body = "\n".join(json.dumps(article, ensure_ascii=False) for article in ARTICLES).encode()
    with session.begin():
        result = import_batch(session, body, "with-references")
    for document_id in result.queued_ids:
        with session.begin():
            score_document(session, document_id, ApertiumTranslator())
    return [session.get(Document, document_id) for document_id in result.queued_ids]


def test_the_report_uses_the_reference_statistics_stored_by_the_worker(session: Session) -> None:
    documents = scored_batch(session)
    stored = [document.current_revision.reference_statistics for document in documents]
    assert [s["pipeline_version"] for s in stored] == [PIPELINE_VERSION] * 2
    assert [len(s["segments"]) for s in stored] == [3, 2]  # headline and paragraphs: one segment each
    assert all(set(segment) == {"chrF", "BLEU", "TER"} for s in stored for segment in s["segments"])

    metrics._REFERENCE_CACHE.clear()  # a fresh web process
    report = stored_batch_report(session, documents[0].batch_id)
    fresh = batch_report(analyse([pair_of(d, d.current_revision) for d in documents], ApertiumTranslator()), Gate())
    assert report == json.loads(json.dumps(fresh))
    assert report["summary"]["reference"]["TER"]["score"] > 0

    for document in documents:  # statistics that claim no edits at all: the report must show TER 0, so it read them
        statistics = json.loads(json.dumps(document.current_revision.reference_statistics))
        for segment in statistics["segments"]:
            segment["TER"][0] = 0
        document.current_revision.reference_statistics = statistics
    session.commit()
    metrics._REFERENCE_CACHE.clear()
    assert stored_batch_report(session, documents[0].batch_id)["summary"]["reference"]["TER"]["score"] == 0


def test_statistics_of_another_pipeline_version_are_recomputed(session: Session) -> None:
    documents = scored_batch(session)
    honest = stored_batch_report(session, documents[0].batch_id)["summary"]["reference"]["TER"]["score"]
    for document in documents:
        statistics = json.loads(json.dumps(document.current_revision.reference_statistics))
        statistics["pipeline_version"] = "0.0"
        for segment in statistics["segments"]:
            segment["TER"][0] = 0
        document.current_revision.reference_statistics = statistics
    session.commit()
    metrics._REFERENCE_CACHE.clear()
    assert stored_batch_report(session, documents[0].batch_id)["summary"]["reference"]["TER"]["score"] == honest > 0
