"""A real worker scores with the newsroom's rule files (REVIEW_RULES) and stores the rule behind each flag."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from review.core.formats import write_pairs
from review.db.models import Document, FlagRow
from review.db.session import make_engine, make_session_factory
from tests.cli.test_rules_cli import HOUSE, PAIRS
from tests.workers.helpers import REPO, flush_broker, import_and_score, review_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.apertium]


def stored_negations(database_url: str) -> dict[str, list[tuple[str, str | None]]]:
    with make_session_factory(make_engine(database_url))() as session:
        return {document.external_id: [(flag.severity, flag.rule) for flag in document.current_revision.flags
                                        if flag.code == "negation_flip"]
                for document in session.scalars(select(Document))}


def test_the_worker_reads_the_newsroom_rules(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    flush_broker(redis_url)
    house = tmp_path / "house.toml"
    house.write_text(HOUSE, encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(write_pairs(PAIRS, "jsonl"))
    env = review_env(tmp_path, pg_url, redis_url, REVIEW_RULES=str(house))
    import_and_score(batch, "house-rules", env, pg_url, tmp_path / "worker.log")
    assert stored_negations(pg_url) == {"wonder": [], "nary": [("critical", "polarity.house-nary")]}
    with make_session_factory(make_engine(pg_url))() as session:
        assert all(rule for rule in session.scalars(select(FlagRow.rule)))


def test_a_worker_with_a_malformed_rule_file_does_not_start(pg_url: str, redis_url: str, tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(HOUSE.replace("slot = \"en_negators\"", "slot = \"negators\""), encoding="utf-8")
    env = review_env(tmp_path, pg_url, redis_url, REVIEW_RULES=str(house))
    started = subprocess.run([sys.executable, "-m", "review", "worker"], env=env, cwd=REPO, capture_output=True,
                             text=True, timeout=60)
    assert started.returncode == 2
    assert f"{house}:13: rule polarity.house-nary: unknown slot 'negators'" in started.stderr
