"""Translation units <-> document pairs: how XLIFF, TMX and CSV/TSV carry our headline-and-body documents.

A unit is one id with a source, a target and an optional reference text. Its id names the document
and the part of it:
- `DOC#headline` the headline; `DOC#body` (or a bare `DOC`) the whole body;
- `DOC#p1`, `DOC#p2`, ... body paragraphs, joined in number order with a blank line.
A unit without any id (as in many TMX files) is a document of its own, id `unit-N`, N its unit number.
Export writes a headline unit, then one unit per paragraph when source, target and reference have the
same paragraphs (else one `#body` unit), so every export reads back to the same pairs.
Each assembled document is validated by review.core.formats.importing.read_record, the JSONL rules.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from review.core.formats.importing import BatchError, RecordError, read_record
from review.core.model import DocumentPair

PART = re.compile(r"^(?P<doc>.+)#(?P<part>headline|body|p(?P<n>[1-9][0-9]*))$", re.DOTALL)
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Unit:
    """One translation unit: 1-based unit number, line in the file (0 if unknown), id and texts."""

    number: int
    line: int
    id: str
    source: str
    target: str
    reference: str | None = None

    def where(self) -> str:
        return f"unit {self.number}" + (f" ({self.id!r})" if self.id else "")


def units_from_pairs(pairs: Sequence[DocumentPair]) -> list[Unit]:
    """Units for export, numbered from 1 (line 0: not yet written)."""
    units: list[Unit] = []

    def add(unit_id: str, source: str, target: str, reference: str | None) -> None:
        units.append(Unit(len(units) + 1, 0, unit_id, source, target, reference))

    for pair in pairs:
        reference = pair.reference
        if pair.source.headline or pair.target.headline or (reference and reference.headline):
            add(f"{pair.id}#headline", pair.source.headline, pair.target.headline, reference.headline if reference else None)
        bodies = [pair.source.body, pair.target.body] + ([reference.body] if reference else [])
        if not any(bodies):
            continue
        split = [_paragraphs(body) for body in bodies]
        if all(paragraphs is not None and len(paragraphs) == len(split[0]) > 1 for paragraphs in split):
            for n, texts in enumerate(zip(*split), start=1):  # type: ignore[call-overload]
                add(f"{pair.id}#p{n}", texts[0], texts[1], texts[2] if reference else None)
        else:
            add(f"{pair.id}#body", pair.source.body, pair.target.body, reference.body if reference else None)
    return units


def pairs_from_units(units: Sequence[Unit]) -> list[DocumentPair]:
    """Group units into documents, in order of first appearance; BatchError lists every problem."""
    errors: list[RecordError] = []
    documents: dict[str, dict[str, Unit]] = {}
    for unit in units:
        doc_id, part = _split_id(unit)
        parts = documents.setdefault(doc_id, {})
        if part in parts:
            errors.append(RecordError(unit.line, unit.where(), f"second {part!r} of document {doc_id!r} "
                                                               f"(first in {parts[part].where()})"))
            continue
        body_kinds = {"body" if name == "body" else "paragraph" for name in parts if name != "headline"}
        kind = {"headline": None, "body": "body"}.get(part, "paragraph")
        if kind is not None and body_kinds - {kind}:
            errors.append(RecordError(unit.line, unit.where(), f"document {doc_id!r} mixes a whole-body unit "
                                                               "with paragraph units"))
            continue
        parts[part] = unit
    pairs: list[DocumentPair] = []
    for doc_id, parts in documents.items():
        pair = _assemble(doc_id, parts, errors)
        if pair is not None:
            pairs.append(pair)
    if errors:
        raise BatchError(sorted(errors, key=lambda error: error.line))
    return pairs


def _split_id(unit: Unit) -> tuple[str, str]:
    if not unit.id.strip():
        return f"unit-{unit.number}", "body"
    match = PART.match(unit.id)
    if match is None:
        return unit.id, "body"
    return match["doc"], match["part"]


def _assemble(doc_id: str, parts: dict[str, Unit], errors: list[RecordError]) -> DocumentPair | None:
    headline = parts.get("headline")
    body_units = [parts["body"]] if "body" in parts else \
        [parts[name] for name in sorted((p for p in parts if p.startswith("p")), key=lambda p: int(p[1:]))]
    first = min(parts.values(), key=lambda unit: unit.number)
    has_reference = any(unit.reference is not None for unit in parts.values())

    def side(attribute: str) -> dict[str, str]:
        return {"headline": (getattr(headline, attribute) or "") if headline else "",
                "body": PARAGRAPH_BREAK.join(getattr(unit, attribute) or "" for unit in body_units)}

    record = {"id": doc_id, "source": side("source"), "target": side("target")}
    if has_reference:
        record["reference"] = side("reference")
    document_errors: list[RecordError] = []
    pair = read_record(record, first.line, document_errors)  # type: ignore[arg-type]
    errors.extend(RecordError(error.line, f"{first.where()}: document {doc_id!r}: {error.field}", error.message)
                  for error in document_errors)
    return pair if not document_errors else None


def _paragraphs(body: str) -> list[str] | None:
    """The body's paragraphs if it splits and re-joins exactly, each trimmed and non-empty; else None."""
    paragraphs = body.split(PARAGRAPH_BREAK)
    if all(paragraph and paragraph == paragraph.strip() for paragraph in paragraphs):
        return paragraphs
    return None
