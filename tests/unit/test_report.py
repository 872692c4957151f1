"""Report contract: the `review check` JSON shape from DESIGN.md, JSON-serialisable."""
from __future__ import annotations

import json

from review.core.model import Severity
from review.core.pipeline import PIPELINE_VERSION
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report, document_report
from tests.unit.factories import analysis


def test_document_report_shape() -> None:
    report = document_report(analysis("doc-1", 100, (Severity.MAJOR,), reference_chrf=61.23456))
    assert set(report) == {"id", "words", "scores", "alignment", "flags"}
    assert report["id"] == "doc-1" and report["words"] == 100
    assert report["scores"] == {"chrF": 50.0, "BLEU": 20.12, "TER": 60.0, "reference": {"chrF": 61.23}, "mqm": 95.0}
    assert report["alignment"] == {"headline": [{"src": [0], "tgt": [0], "score": 0.8765}], "body": []}
    assert report["flags"] == [{"code": "omission", "category": "accuracy", "severity": "major", "field": "body",
                                "source_span": [0, 7], "target_span": None, "message": "m",
                                 "rule": "omission"}]  # a flag without a rule names its detector
    assert "reference" not in document_report(analysis())["scores"]


def test_batch_report_summary() -> None:
    batch = [analysis("a", 100, (Severity.MAJOR, Severity.MINOR), chrf=40.0), analysis("b", 100, (), chrf=60.0)]
    report = batch_report(batch, Gate(min_mqm=95))
    json.dumps(report)
    summary = report["summary"]
    assert [d["id"] for d in report["documents"]] == ["a", "b"]
    assert summary["documents"] == 2 and summary["words"] == 200
    assert summary["flags"] == {"total": 2, "by_severity": {"info": 0, "minor": 1, "major": 1, "critical": 0},
                                "by_code": {"omission": 2}}
    assert summary["chrF"] == 50.0 and summary["mqm"] == 97.0
    assert summary["gate"] == {"passed": False, "reasons": ["a: MQM 94.0 < 95"]}
    assert set(summary["signatures"]) == {"chrF", "BLEU"}  # of the pseudo-reference scores
    assert summary["pipeline_version"] == "0.1"


def test_empty_batch_report() -> None:
    summary = batch_report([], Gate())["summary"]
    assert summary["documents"] == 0 and summary["chrF"] is None and summary["gate"]["passed"]
    assert summary["pipeline_version"] == PIPELINE_VERSION


def test_batch_report_documents_carry_their_share_of_the_gate() -> None:
    batch = [analysis("a", 100, (Severity.CRITICAL,)), analysis("b", 100, ())]
    report = batch_report(batch, Gate())
    assert report["summary"]["gate"] == {"passed": False, "reasons": ["1 critical flags > 0 allowed"]}
    assert report["documents"][0]["gate"] == {"passed": False,
                                              "reasons": ["1 critical flag(s); batch: 1 critical flags > 0 allowed"]}
    assert report["documents"][1]["gate"] == {"passed": True, "reasons": []}


def test_batch_report_scores_references_only_when_present() -> None:
    assert "reference" not in batch_report([analysis("a")], Gate())["summary"]
    summary = batch_report([analysis("a", reference_chrf=50.0), analysis("b")], Gate())["summary"]
    reference = summary["reference"]
    assert reference["documents"] == 1 and reference["segments"] == 2
    assert set(reference) == {"documents", "segments", "BLEU", "chrF", "TER"}
    assert "bs:1000" in reference["chrF"]["signature"] and reference["chrF"]["ci95"] is not None
    json.dumps(summary)


class EchoTranslator:
    """Returns the Spanish as its own 'translation': enough to drive the pipeline without Apertium."""

    def translate(self, lines: list[str]) -> list[str]:
        return list(lines)


def test_analyse_reports_progress_per_document() -> None:
    from review.core.model import DocumentPair, Text
    from review.core.pipeline import analyse

    pairs = [DocumentPair(f"d{i}", Text("Titular.", "Cuerpo."), Text("Headline.", "Body.")) for i in range(3)]
    calls: list[tuple[int, int]] = []
    analyses = analyse(pairs, EchoTranslator(), progress=lambda done, total: calls.append((done, total)))
    assert len(analyses) == 3 and calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_batch_report_scores_mqm_with_the_gates_mqm_table() -> None:
    batch = [analysis("a", 100, (Severity.MAJOR, Severity.MINOR)), analysis("b", 100, ())]
    default = batch_report(batch, Gate.from_toml("min_mqm = 90\n"))
    custom = batch_report(batch, Gate.from_toml("min_mqm = 90\n[mqm]\nmajor = 10\nminor = 2\n"))
    assert [d["scores"]["mqm"] for d in default["documents"]] == [94.0, 100.0] and default["summary"]["mqm"] == 97.0
    assert [d["scores"]["mqm"] for d in custom["documents"]] == [88.0, 100.0] and custom["summary"]["mqm"] == 94.0
    # the gate's min_mqm and the reported score use the same weights, so they cannot disagree
    assert default["summary"]["gate"]["passed"]
    assert custom["summary"]["gate"]["reasons"] == ["a: MQM 88.0 < 90"]
    assert document_report(batch[0])["scores"]["mqm"] == 94.0  # alone, the default weights
