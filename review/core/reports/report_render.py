"""Renderings of a `review check` report dict (review.core.reports.report) for people and CI: text, JUnit XML, Markdown.

All three read only the JSON contract, so a report fetched from elsewhere renders the same way.
- JUnit: one test suite, one test case for the batch-wide gate and one per document; a document's
  case fails when the gate names it (its own thresholds, or flags that made a batch threshold fail),
  with its reasons as the message and its flags, one per line, as the body.
- Markdown: a verdict line, a summary table, the gate's reasons, the baseline test when there is one,
  and a per-document table (failing documents first), sized for a pull-request comment.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

Report = dict[str, Any]
MARKDOWN_DOCUMENT_ROWS = 100


def flag_line(flag: dict[str, Any]) -> str:
    """[severity] code (field source-span): message."""
    span = flag.get("source_span") or flag.get("target_span")
    where = f"{flag['field']} {span[0]}-{span[1]}" if span else flag["field"]
    return f"[{flag['severity']}] {flag['code']} ({where}): {flag['message']}"


def render_text(report: Report) -> str:
    """One line per document with its flags indented, then the gate verdict."""
    lines = []
    for document in report["documents"]:
        lines.append(f"{document['id']}: chrF {document['scores']['chrF']:.1f}, MQM {document['scores']['mqm']:.1f}, "
                     f"{len(document['flags'])} flag(s)")
        lines.extend(f"  {flag_line(flag)}" for flag in document["flags"])
    summary = report["summary"]
    for metric, value in _reference_cells(summary).items():
        lines.append(f"reference {metric}: {value}  ({summary['reference'][metric]['signature']})")
    gate = summary["gate"]
    lines.append("gate passed" if gate["passed"] else "gate FAILED: " + "; ".join(gate["reasons"]))
    return "\n".join(lines) + "\n"


def render_junit(report: Report, name: str = "review check") -> str:
    """JUnit XML (the schema Jenkins, GitLab and GitHub test reporters read)."""
    summary = report["summary"]
    cases: list[ET.Element] = []
    batch = ET.Element("testcase", classname="review.check", name="batch gate")
    batch_reasons = [reason for reason in summary["gate"]["reasons"]
                     if not any(reason.startswith(f"{d['id']}: ") for d in report["documents"])]
    if batch_reasons:
        _failure(batch, "; ".join(batch_reasons), "\n".join(batch_reasons))
    cases.append(batch)
    for document in report["documents"]:
        case = ET.Element("testcase", classname=f"review.check.{name}", name=document["id"])
        flags = "\n".join(flag_line(flag) for flag in document["flags"])
        reasons = document.get("gate", {}).get("reasons", [])
        if reasons:
            _failure(case, "; ".join(reasons), flags)
        elif flags:
            ET.SubElement(case, "system-out").text = flags
        cases.append(case)
    failures = sum(case.find("failure") is not None for case in cases)
    suites = ET.Element("testsuites", name="review check", tests=str(len(cases)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name=name, tests=str(len(cases)), failures=str(failures), errors="0")
    properties = ET.SubElement(suite, "properties")
    for key in ("documents", "words", "chrF", "mqm", "pipeline_version"):
        ET.SubElement(properties, "property", name=key, value=str(summary.get(key)))
    suite.extend(cases)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def render_markdown(report: Report, name: str = "batch") -> str:
    """A pull-request comment: verdict, summary table, reasons, baseline, documents."""
    summary = report["summary"]
    passed = summary["gate"]["passed"]
    severities = summary["flags"]["by_severity"]
    lines = [f"### {'✅' if passed else '❌'} review check {'passed' if passed else 'failed'}: `{_cell(name)}`", ""]
    head = ["documents", "words", "flags (" + " / ".join(severities) + ")", "chrF vs pseudo-reference", "MQM"]
    row = [str(summary["documents"]), f"{summary['words']:,}", " / ".join(str(n) for n in severities.values()),
           _number(summary["chrF"]), _number(summary["mqm"])]
    for metric, value in _reference_cells(summary).items():
        head.append(f"reference {metric}")
        row.append(value)
    lines += _table(head, [row])
    if not passed:
        lines += ["", "**Gate failed:**", ""] + [f"- {_cell(reason)}" for reason in summary["gate"]["reasons"]]
    baseline = summary.get("baseline")
    if baseline:
        lines += ["", f"**Against the baseline** ({'paired' if baseline['paired'] else 'unpaired'} permutation test, "
                      f"one-sided, α = {baseline['alpha']:g}):", ""]
        lines += _table(["measure", "baseline", "current", "change", "p", "verdict"],
                        [[m["measure"], _number(m["baseline_mean"]), _number(m["current_mean"]), f"{m['difference']:+.2f}",
                          f"{m['p_value']:.4f}", "significant drop" if m["significant_drop"] else "ok"]
                         for m in baseline["measures"]])
    documents = sorted(report["documents"], key=lambda d: d.get("gate", {}).get("passed", True))
    if documents:
        lines += ["", f"<details{'' if passed else ' open'}><summary>Documents ({len(documents)})</summary>", ""]
        lines += _table(["document", "words", "chrF", "MQM", "flags", "gate"],
                        [[f"`{_cell(d['id'])}`", str(d["words"]), _number(d["scores"]["chrF"]), _number(d["scores"]["mqm"]),
                          _flag_counts(d["flags"]), _document_verdict(d)] for d in documents[:MARKDOWN_DOCUMENT_ROWS]])
        if len(documents) > MARKDOWN_DOCUMENT_ROWS:
            lines += ["", f"…and {len(documents) - MARKDOWN_DOCUMENT_ROWS} more (see the JSON or JUnit report)."]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _failure(case: ET.Element, message: str, body: str) -> None:
    failure = ET.SubElement(case, "failure", message=message, type="review.gate")
    failure.text = body or message


def _reference_cells(summary: dict[str, Any]) -> dict[str, str]:
    reference = summary.get("reference")
    if not reference:
        return {}
    return {metric: f"{reference[metric]['score']:.2f}" + (f" ± {reference[metric]['ci95']:.2f}"
                                                            if reference[metric].get("ci95") is not None else "")
            for metric in ("BLEU", "chrF", "TER")}


def _document_verdict(document: dict[str, Any]) -> str:
    reasons = document.get("gate", {}).get("reasons", [])
    return "❌ " + _cell("; ".join(reasons)) if reasons else "✅"


def _flag_counts(flags: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for flag in flags:
        counts[flag["severity"]] = counts.get(flag["severity"], 0) + 1
    return ", ".join(f"{n} {severity}" for severity, n in counts.items()) or "none"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(row) + " |" for row in rows]


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _cell(text: str) -> str:
    """Safe inside a Markdown table cell: no pipes or line breaks, no raw HTML."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
