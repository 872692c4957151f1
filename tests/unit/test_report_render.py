"""Text, JUnit and Markdown renderings of a `review check` report, parsed back where they have a structure."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from review.core.model import Severity
from review.core.reports.gate import Gate
from review.core.reports.report import batch_report
from review.core.reports.report_render import render_junit, render_markdown, render_text
from review.core.scoring.significance import with_baseline
from tests.unit.factories import analysis


def failing_report() -> dict:  # type: ignore[type-arg]
    critical = analysis("crit|cal <doc>", 1000, (Severity.CRITICAL,))  # MQM 97.5: fails only the batch limit
    critical = replace(critical, flags=(replace(critical.flags[0], code="quote_dropped", message="quote «X» dropped"),))
    batch = [critical, analysis("low-mqm", 100, (Severity.MAJOR, Severity.MAJOR)), analysis("clean", 100, ()),
             analysis("minor-only", 100, (Severity.MINOR,))]
    return batch_report(batch, Gate(min_mqm=95))


def test_junit_has_one_case_per_document_plus_the_batch_gate() -> None:
    root = ET.fromstring(render_junit(failing_report(), name="pr-42"))
    assert root.tag == "testsuites" and root.get("tests") == "5" and root.get("failures") == "3"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "pr-42" and suite.get("tests") == "5" and suite.get("failures") == "3"
    assert {p.get("name") for p in suite.iter("property")} == {"documents", "words", "chrF", "mqm", "pipeline_version"}
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["batch gate", "crit|cal <doc>", "low-mqm", "clean", "minor-only"]
    batch_failure = cases["batch gate"].find("failure")
    assert batch_failure is not None and batch_failure.get("message") == "1 critical flags > 0 allowed"
    critical = cases["crit|cal <doc>"].find("failure")
    assert critical is not None and critical.get("type") == "review.gate"
    assert critical.get("message") == "1 critical flag(s); batch: 1 critical flags > 0 allowed"
    assert critical.text == "[critical] quote_dropped (body 0-7): quote «X» dropped"
    low = cases["low-mqm"].find("failure")
    assert low is not None and low.get("message") == "MQM 90.0 < 95" and low.text is not None and low.text.count("\n") == 1
    assert cases["clean"].find("failure") is None and cases["clean"].find("system-out") is None
    minor = cases["minor-only"]
    assert minor.find("failure") is None and minor.findtext("system-out") == "[minor] omission (body 0-7): m"
    assert cases["low-mqm"].get("classname") == "review.check.pr-42"


def test_junit_of_a_passing_batch_has_no_failures() -> None:
    root = ET.fromstring(render_junit(batch_report([analysis("a")], Gate())))
    assert root.get("failures") == "0" and not list(root.iter("failure"))
    assert [case.get("name") for case in root.iter("testcase")] == ["batch gate", "a"]


def table_rows(markdown: str, first_cell: str) -> list[list[str]]:
    """Rows of the Markdown table whose header starts with first_cell, split on unescaped pipes."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_cell} |"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = line.replace("\\|", "\0").strip("|").split("|")
        rows.append([cell.strip().replace("\0", "\\|") for cell in cells])
    return rows


def test_markdown_summary_table_reasons_and_documents() -> None:
    markdown = render_markdown(failing_report(), name="batches/pr-42.jsonl")
    assert markdown.startswith("### ❌ review check failed: `batches/pr-42.jsonl`\n")
    summary = table_rows(markdown, "documents")
    assert summary[0] == ["documents", "words", "flags (info / minor / major / critical)", "chrF vs pseudo-reference", "MQM"]
    assert summary[2][:3] == ["4", "1,300", "0 / 1 / 2 / 1"]
    assert "- 1 critical flags &gt; 0 allowed\n- low-mqm: MQM 90.0 &lt; 95\n" in markdown
    documents = table_rows(markdown, "document")
    assert len(documents) == 2 + 4
    assert all(len(row) == 6 for row in documents)
    assert [row[0] for row in documents[2:4]] == ["`crit\\|cal &lt;doc&gt;`", "`low-mqm`"]  # failing first, escaped
    assert documents[3][5] == "❌ MQM 90.0 &lt; 95" and documents[4][5] == "✅"
    assert "<details open>" in markdown


def test_markdown_shows_reference_scores_and_baseline() -> None:
    report = batch_report([analysis(f"d{i}", 100, (), reference_chrf=50.0, chrf=40.0 + i % 3) for i in range(6)], Gate())
    baseline = batch_report([analysis(f"d{i}", 100, (), chrf=60.0 + i % 3) for i in range(6)], Gate())
    markdown = render_markdown(with_baseline(report, baseline))
    head = table_rows(markdown, "documents")[0]
    assert head[-3:] == ["reference BLEU", "reference chrF", "reference TER"]
    assert " ± " in table_rows(markdown, "documents")[2][-2]
    baseline_rows = table_rows(markdown, "measure")
    assert baseline_rows[2][0] == "chrF" and baseline_rows[2][-1] == "significant drop"
    assert "paired permutation test" in markdown and markdown.startswith("### ❌")


def test_text_lists_flags_and_verdict() -> None:
    text = render_text(failing_report())
    assert "low-mqm: chrF 50.0, MQM 90.0, 2 flag(s)\n  [major] omission (body 0-7): m" in text
    assert text.endswith("gate FAILED: 1 critical flags > 0 allowed; low-mqm: MQM 90.0 < 95\n")
    assert render_text(batch_report([analysis("a")], Gate())).endswith("gate passed\n")
