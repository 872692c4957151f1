"""Report builders: analyses -> the JSON-ready `review check` contract {"summary": ..., "documents": [...]}.

Everything returned is plain dicts, lists, strings, ints and rounded floats, so json.dumps works
as is; other formats (JUnit, Markdown) are rendered from these dicts.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from review.core.model import FIELDS, DocumentAnalysis, Flag, Link, Score, Severity
from review.core.pipeline import PIPELINE_VERSION
from review.core.reports.gate import Gate
from review.core.scoring.metrics import corpus_signatures
from review.core.scoring.mqm import DEFAULT_CONFIG, MqmConfig, document_penalty, document_score, score

SCORE_DIGITS = 2
LINK_DIGITS = 4


def document_report(analysis: DocumentAnalysis, mqm: MqmConfig = DEFAULT_CONFIG) -> dict[str, Any]:
    """One document: id, words, scores (with reference, and mqm under the given MQM weights), alignment per
    field, flags."""
    scores: dict[str, Any] = _score_dict(analysis.scores)
    if analysis.reference_scores:
        scores["reference"] = _score_dict(analysis.reference_scores)
    scores["mqm"] = round(document_score(analysis, mqm), SCORE_DIGITS)
    return {
        "id": analysis.pair.id,
        "words": analysis.word_count,
        "scores": scores,
        "alignment": {name: [link_dict(link) for link in analysis.field(name).links] for name in FIELDS},
        "flags": [flag_dict(flag) for flag in analysis.flags],
    }


def batch_report(analyses: Sequence[DocumentAnalysis], gate: Gate) -> dict[str, Any]:
    """The whole batch: a summary (counts, means, gate verdict, signatures; corpus scores against references
    with 95% CIs when the batch carries any) and every document, each with its share of the gate's verdict.
    MQM scores, per document and for the batch, use the gate's [mqm] weights, as its min_mqm does."""
    flags = [flag for analysis in analyses for flag in analysis.flags]
    words = sum(analysis.word_count for analysis in analyses)
    chrfs = [score.value for analysis in analyses for score in analysis.scores if score.metric == "chrF"]
    result = gate.evaluate(analyses)
    versions = sorted({analysis.pipeline_version for analysis in analyses}) or [PIPELINE_VERSION]
    summary = {
        "documents": len(analyses),
        "words": words,
        "flags": {
            "total": len(flags),
            "by_severity": {severity.value: sum(f.severity is severity for f in flags) for severity in Severity},
            "by_code": dict(sorted(Counter(flag.code for flag in flags).items())),
        },
        "chrF": round(sum(chrfs) / len(chrfs), SCORE_DIGITS) if chrfs else None,
        "mqm": round(score(sum(document_penalty(a, gate.mqm) for a in analyses), words), SCORE_DIGITS),
        "gate": {"passed": result.passed, "reasons": list(result.reasons)},
        "signatures": corpus_signatures(),
        "pipeline_version": ",".join(versions),
    }
    if any(analysis.pair.reference is not None for analysis in analyses):
        from review.core.scoring.significance import reference_scores  # numpy and the bootstrap: only with references

        reference = reference_scores([analysis.pair for analysis in analyses])
        if reference is not None:
            summary["reference"] = reference
    documents = [document_report(analysis, gate.mqm) for analysis in analyses]
    for document in documents:
        reasons = result.documents.get(document["id"], ())
        document["gate"] = {"passed": not reasons, "reasons": list(reasons)}
    return {"summary": summary, "documents": documents}


def link_dict(link: Link) -> dict[str, Any]:
    """A link as in DESIGN.md: {"src": [...], "tgt": [...], "score": ...}."""
    return {"src": list(link.src), "tgt": list(link.tgt), "score": round(link.score, LINK_DIGITS)}


def flag_dict(flag: Flag) -> dict[str, Any]:
    """A flag as in DESIGN.md, spans as [start, end] lists or null, with the id of the rule that raised it."""
    return {
        "code": flag.code,
        "category": flag.category,
        "severity": flag.severity.value,
        "field": flag.field,
        "source_span": list(flag.source_span) if flag.source_span else None,
        "target_span": list(flag.target_span) if flag.target_span else None,
        "message": flag.message,
        "rule": flag.rule or flag.code,
    }


def _score_dict(scores: Sequence[Score]) -> dict[str, Any]:
    return {score.metric: round(score.value, SCORE_DIGITS) for score in scores}
