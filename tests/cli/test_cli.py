"""The `review` command in-process through click's runner: exit codes, the check contract, import."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from review.cli import main
from review.db.models import Document
from review.db.session import make_engine, make_session_factory

DEMO = resources.files("review.demo").joinpath("newsroom.jsonl")
SEED_HEADLINE = "«Esa medida está descartada»: Presidente de Perú echó por tierra el «corredor humanitario» de Kast"


def documents_in(home: Path) -> int:
    engine = make_engine(f"sqlite:///{home / 'review.sqlite'}")
    with make_session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(Document)) or 0
    engine.dispose()
    return count


@pytest.mark.apertium
def test_check_prints_the_json_contract(runner: CliRunner, tmp_path: Path) -> None:
    lenient = tmp_path / "gate.toml"
    lenient.write_text("max_critical = 100\n")
    result = runner.invoke(main, ["check", str(DEMO), "--format", "json", "--gate", str(lenient)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"summary", "documents"}
    seed = report["documents"][0]
    assert seed["id"] == "peru-corridor-2026-01-12"
    assert {"chrF", "BLEU"} <= set(seed["scores"]) and "TER" not in seed["scores"]  # TER only against references
    assert set(seed["alignment"]) == {"headline", "body"}
    headline_flags = {f["code"]: f for f in seed["flags"] if f["field"] == "headline"}
    dropped = headline_flags["quote_dropped"]
    assert set(dropped) == {"code", "category", "severity", "field", "source_span", "target_span", "message",
                            "rule", "origin"}  # DESIGN.md: a flag also names its rule and its origin
    start, end = dropped["source_span"]
    assert SEED_HEADLINE[start:end] == "«Esa medida está descartada»"
    start, end = headline_flags["scare_quotes_dropped"]["source_span"]
    assert SEED_HEADLINE[start:end] == "«corredor humanitario»"
    assert report["summary"]["gate"]["passed"] is True


@pytest.mark.apertium
def test_check_exits_1_when_the_gate_fails(runner: CliRunner, tmp_path: Path) -> None:
    gate = tmp_path / "gate.toml"
    gate.write_text("min_mqm = 99.5\n")
    result = runner.invoke(main, ["check", str(DEMO), "--gate", str(gate)])
    assert result.exit_code == 1
    assert "gate FAILED" in result.stdout and "peru-corridor-2026-01-12" in result.stdout


def test_check_exits_2_on_bad_input_naming_lines(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(DEMO.read_bytes().splitlines()[0] + b'\n{"id": 3}\n\xff\xfe\n')
    result = runner.invoke(main, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert "line 2: id:" in result.stderr and "line 3:" in result.stderr
    assert result.stdout == ""


def test_check_exits_2_on_a_bad_gate_file(runner: CliRunner, tmp_path: Path) -> None:
    gate = tmp_path / "gate.toml"
    gate.write_text("max_typos = 3\n")
    assert runner.invoke(main, ["check", str(DEMO), "--gate", str(gate)]).exit_code == 2


def test_import_is_all_or_nothing_and_idempotent(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(DEMO.read_bytes() + b"{not json}\n")
    result = runner.invoke(main, ["import", str(bad)])
    assert result.exit_code == 2 and "line 7" in result.stderr and "nothing was imported" in result.stderr
    assert documents_in(home) == 0
    first = runner.invoke(main, ["import", str(DEMO), "--batch-name", "demo"])
    assert first.exit_code == 0 and "6 new documents" in first.stdout
    second = runner.invoke(main, ["import", str(DEMO), "--batch-name", "demo"])
    assert second.exit_code == 0 and "0 new documents queued, 6 already imported, 0 updated articles re-queued" in second.stdout
    assert documents_in(home) == 6


def test_user_add_refuses_a_short_password(runner: CliRunner) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(main, ["user", "add", "ana", "--role", "editor", "--password", "short"]).exit_code == 2
    assert runner.invoke(main, ["user", "add", "ana", "--role", "editor", "--password", "long enough"]).exit_code == 0


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    from review.settings import Settings

    first = Settings.from_env({"REVIEW_HOME": str(tmp_path / "h")}).secret_key
    again = Settings.from_env({"REVIEW_HOME": str(tmp_path / "h")}).secret_key
    assert first == again and len(first) == 64
    assert (tmp_path / "h" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_python_dash_m_review_runs() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "review", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "check" in result.stdout and "import" in result.stdout


def test_export_writes_nothing_for_unfinished_work_and_refuses_unknown_batches(runner: CliRunner,
                                                                               tmp_path: Path) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(main, ["import", str(DEMO), "--batch-name", "demo"]).exit_code == 0
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["export", "--batch", "demo", "-o", str(out)])
    assert result.exit_code == 0 and "exported 0 document(s)" in result.stderr and out.read_text() == ""
    assert runner.invoke(main, ["export", "--batch", "nope"]).exit_code == 2


def test_export_all_and_import_restore_a_whole_database(runner: CliRunner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(main, ["user", "add", "ana", "--role", "editor", "--password", "long enough"]).exit_code == 0
    assert runner.invoke(main, ["import", str(DEMO), "--batch-name", "demo"]).exit_code == 0
    backup = tmp_path / "backup.jsonl"
    assert runner.invoke(main, ["export", "--all", "-o", str(backup)]).exit_code == 0
    monkeypatch.setenv("REVIEW_HOME", str(tmp_path / "elsewhere"))
    restored = runner.invoke(main, ["import", str(backup)])
    assert restored.exit_code == 0 and "6 documents" in restored.stdout and "1 users" in restored.stdout
    assert documents_in(tmp_path / "elsewhere") == 6
    again = runner.invoke(main, ["import", str(backup)])
    assert again.exit_code == 2 and "empty database" in again.stderr


@pytest.mark.apertium
def test_rescore_queues_the_scored_documents_of_a_batch(runner: CliRunner, tmp_path: Path) -> None:
    from review.core.text.translate import ApertiumTranslator
    from review.db.session import unit_of_work
    from review.services.analysis import score_document

    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(main, ["import", str(DEMO), "--batch-name", "demo"]).exit_code == 0
    unknown = runner.invoke(main, ["rescore", "--batch", "tuesday"])
    assert unknown.exit_code == 2 and "batch 'tuesday' does not exist" in unknown.stderr
    assert runner.invoke(main, ["rescore"]).stdout == "0 document(s) queued for scoring again\n"  # none scored yet
    engine = make_engine(f"sqlite:///{tmp_path / 'home' / 'review.sqlite'}")
    sessions = make_session_factory(engine)
    with sessions() as session:
        first, second = session.scalars(select(Document.id).order_by(Document.id).limit(2)).all()
    for document_id in (first, second):
        with unit_of_work(sessions) as session:
            score_document(session, document_id, ApertiumTranslator())
    engine.dispose()
    rescored = runner.invoke(main, ["rescore", "--batch", "demo"])
    assert rescored.exit_code == 0 and rescored.stdout == "2 document(s) queued for scoring again\n", rescored.output
