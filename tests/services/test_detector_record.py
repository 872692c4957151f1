"""The detectors' track record, read as plain columns, against the fates of each document (flag_fates, through the
ORM) on a few hundred random revisions and flags, on SQLite and PostgreSQL: the two readings must agree."""
from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from review.db.models import Batch, Document, FlagRow, Revision, User
from review.services.detector_record import OUTCOMES, detector_record
from review.services.flag_fates import document_fates


def random_history(session: Session, documents: int, seed: int) -> None:
    """Documents in two batches, each with 1-4 revisions (some unscored, later ones by a reviewer) carrying 0-5
    flags: detectors' and reviewers', codes, fields and messages drawn so that findings recur across revisions."""
    rng = random.Random(seed)
    with session.begin():
        session.execute(insert(User), [{"id": 1, "name": "ana", "role": "translator", "password_hash": "x"}])
        session.execute(insert(Batch), [{"id": 1, "name": "monday"}, {"id": 2, "name": "tuesday"}])
        session.execute(insert(Document), [
            {"id": i, "batch_id": 1 + i % 2, "external_id": f"d{i}", "source_headline": "h", "source_body": "b",
             "meta": {}, "content_hash": f"{i:064d}", "status": "scored"} for i in range(1, documents + 1)])
        revisions, flags = [], []
        for document_id in range(1, documents + 1):
            for number in range(1, rng.randint(1, 4) + 1):
                revisions.append({"id": len(revisions) + 1, "document_id": document_id, "number": number,
                                  "target_headline": "h", "target_body": "b", "author_id": 1 if number > 1 else None,
                                  "scored_version": "0.10" if rng.random() < 0.8 else None})
                for _ in range(rng.randint(0, 5)):
                    origin = "reviewer" if rng.random() < 0.2 else "detector"
                    flags.append({"revision_id": len(revisions), "code": rng.choice(["negation_flip", "omission"]),
                                  "category": "accuracy", "severity": "major", "field": rng.choice(["headline", "body"]),
                                  "message": f"message {rng.randint(0, 3)}", "detector_version": 1,
                                  "status": rng.choice(["open", "dismissed", "overridden"]), "origin": origin,
                                  "author_id": 1 if origin == "reviewer" else None})
        session.execute(insert(Revision), revisions)
        session.execute(insert(FlagRow), flags)


def record_from_fates(session: Session, batch_id: int | None) -> dict[str, Counter[str]]:
    ids = select(Document.id).order_by(Document.id)
    ids = ids.where(Document.batch_id == batch_id) if batch_id else ids
    tally: dict[str, Counter[str]] = {}
    for document_id in session.scalars(ids).all():
        for fate in document_fates(session, document_id):
            if fate.flag.origin == "detector":
                tally.setdefault(fate.flag.code, Counter())[fate.fate] += 1
    return tally


def test_the_record_agrees_with_every_documents_fates(session: Session) -> None:
    random_history(session, 150, seed=2026)
    for batch_id in (None, 1, 2):
        expected = record_from_fates(session, batch_id)
        record = detector_record(session, batch_id)
        assert {row["code"]: Counter({o: row[o] for o in OUTCOMES if row[o]}) for row in record} == expected
        assert all(row["raised"] == sum(expected[row["code"]].values()) for row in record)
    assert sum(row["raised"] for row in detector_record(session)) > 300  # the history is not trivially small
