"""End to end through a real worker: an omitted and an added sentence come out as 1-0 / 0-1 links and flags with spans."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from review.core.pipeline import PIPELINE_VERSION
from review.db.models import Document, FlagRow, LinkRow
from review.db.session import make_engine, make_session_factory
from tests.workers.helpers import flush_broker, import_and_score, review_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.apertium]

SOURCE_SENTENCES = [
    "El Ayuntamiento de Sevilla aprobó ayer la ampliación del tranvía hasta el aeropuerto.",
    "Las obras costarán 48 millones de euros y durarán dos años.",
    "La oposición criticó que el proyecto no incluya un estudio de impacto ambiental.",
    "El alcalde defendió que la línea transportará a 20.000 viajeros al día.",
]
TARGET_SENTENCES = [
    "Seville City Council yesterday approved extending the tram to the airport.",
    # the second sentence (48 million euros, two years) is left out
    "The opposition criticised the lack of an environmental impact study in the project.",
    "Seville has hosted the Ibero-American Exposition of 1929 in the Parque de María Luisa gardens.",  # added
    "The mayor argued that the line will carry 20,000 passengers a day.",
]
SOURCE_BODY = " ".join(SOURCE_SENTENCES)
TARGET_BODY = " ".join(TARGET_SENTENCES)


def test_worker_stores_omission_and_addition_links_and_flags(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    batch = tmp_path / "tram.jsonl"
    batch.write_text(json.dumps({
        "id": "sevilla-tranvia",
        "source": {"lang": "es", "headline": "Sevilla amplía el tranvía hasta el aeropuerto", "body": SOURCE_BODY},
        "target": {"lang": "en", "headline": "Seville extends its tram to the airport", "body": TARGET_BODY},
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    flush_broker(redis_url)
    env = review_env(tmp_path, pg_url, redis_url)
    import_and_score(batch, "tram", env, pg_url, tmp_path / "worker.log")
    with make_session_factory(make_engine(pg_url))() as session:
        document = session.scalar(select(Document).where(Document.external_id == "sevilla-tranvia"))
        revision = document.current_revision
        assert revision.scored_version == PIPELINE_VERSION
        links = session.scalars(select(LinkRow).where(LinkRow.revision_id == revision.id, LinkRow.field == "body")
                                .order_by(LinkRow.position)).all()
        flags = {flag.code: flag for flag in session.scalars(select(FlagRow).where(FlagRow.revision_id == revision.id))}
    assert [(link.source_positions, link.target_positions) for link in links] == \
        [([0], [0]), ([1], []), ([2], [1]), ([], [2]), ([3], [3])]
    assert all(0.5 < link.confidence <= 1.0 for link in links)
    omission, addition = flags["omission"], flags["addition"]
    assert SOURCE_BODY[omission.source_start:omission.source_end] == SOURCE_SENTENCES[1]
    assert (omission.target_start, omission.target_end) == (None, None)
    assert TARGET_BODY[addition.target_start:addition.target_end] == TARGET_SENTENCES[2]
    assert (addition.source_start, addition.source_end) == (None, None)
