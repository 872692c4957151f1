"""Batch import: JSONL bytes -> validated DocumentPairs, with line-numbered errors, and the content hash.

The contract is DESIGN.md's "Batch JSONL". Every line is validated and every error is collected
before anything is returned, so a translator fixing a file sees all of its problems at once.
Texts are normalised (CRLF/CR -> LF, Unicode NFC) so the same article always hashes the same.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from review.core.model import DocumentPair, Text

BOM = b"\xef\xbb\xbf"
TOP_LEVEL_KEYS = frozenset({"id", "source", "target", "reference", "meta"})
SIDE_KEYS = frozenset({"lang", "headline", "body"})
SIDE_LANGS = {"source": "es", "target": "en", "reference": "en"}


@dataclass(frozen=True)
class RecordError:
    """One problem in a batch: 1-based line number, dotted field path and a human message."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class BatchError(ValueError):
    """A batch failed validation; `errors` lists every problem found, in line order."""

    def __init__(self, errors: list[RecordError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def normalise_text(text: str) -> str:
    """Line endings to LF and Unicode to NFC, so equal articles compare and hash equal."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_batch(data: bytes) -> list[DocumentPair]:
    """Parse and validate a JSONL batch; raise BatchError listing every invalid line."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    pairs: list[DocumentPair] = []
    errors: list[RecordError] = []
    first_line_of_id: dict[str, int] = {}
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        record = _decode(raw, number, errors)
        if record is None:
            continue
        line_errors: list[RecordError] = []
        pair = read_record(record, number, line_errors)
        if pair is not None and pair.id in first_line_of_id:
            line_errors.append(RecordError(number, "id", f"duplicate id {pair.id!r} (first on line {first_line_of_id[pair.id]})"))
        elif pair is not None:
            first_line_of_id[pair.id] = number
        errors.extend(line_errors)
        if pair is not None and not line_errors:
            pairs.append(pair)
    if errors:
        raise BatchError(errors)
    return pairs


def content_hash(pair: DocumentPair) -> str:
    """sha256 hex of a canonical JSON of id, source, target and reference (meta is not content)."""

    def side(text: Text | None, lang: str) -> dict[str, str] | None:
        return None if text is None else {"lang": lang, "headline": text.headline, "body": text.body}

    canonical = {
        "id": pair.id,
        "source": side(pair.source, pair.source_lang),
        "target": side(pair.target, pair.target_lang),
        "reference": side(pair.reference, pair.target_lang),
    }
    encoded = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _decode(raw: bytes, number: int, errors: list[RecordError]) -> dict[str, Any] | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(RecordError(number, "(json)", f"not valid UTF-8 (byte {exc.start})"))
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        errors.append(RecordError(number, "(json)", f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return None
    if not isinstance(record, dict):
        errors.append(RecordError(number, "(json)", "each line must be a JSON object"))
        return None
    return record


def read_record(record: dict[str, Any], number: int, errors: list[RecordError]) -> DocumentPair | None:
    """Validate one record of the batch contract (as parsed from JSON, or assembled by review.core.formats);
    append its problems to errors under line `number`, and return the pair when it is valid enough to build."""
    for key in sorted(set(record) - TOP_LEVEL_KEYS):
        errors.append(RecordError(number, key, "unknown key"))
    pair_id = record.get("id")
    if not isinstance(pair_id, str) or not pair_id.strip():
        errors.append(RecordError(number, "id", "must be a non-empty string"))
        pair_id = None
    source = _read_side(record, "source", number, errors, required=True)
    target = _read_side(record, "target", number, errors, required=True)
    reference = _read_side(record, "reference", number, errors, required=False)
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        errors.append(RecordError(number, "meta", "must be an object"))
        meta = {}
    if pair_id is None or source is None or target is None:
        return None
    return DocumentPair(id=pair_id, source=source, target=target, reference=reference, meta=meta)


def _read_side(record: dict[str, Any], name: str, number: int, errors: list[RecordError], *, required: bool) -> Text | None:
    if name not in record:
        if required:
            errors.append(RecordError(number, name, "missing"))
        return None
    side = record[name]
    if not isinstance(side, dict):
        errors.append(RecordError(number, name, "must be an object"))
        return None
    ok = True
    for key in sorted(set(side) - SIDE_KEYS):
        errors.append(RecordError(number, f"{name}.{key}", "unknown key"))
        ok = False
    lang = side.get("lang", SIDE_LANGS[name])
    if lang != SIDE_LANGS[name]:
        errors.append(RecordError(number, f"{name}.lang", f"must be {SIDE_LANGS[name]!r}, got {lang!r}"))
        ok = False
    texts: dict[str, str] = {}
    for key in ("headline", "body"):
        value = side.get(key, "")
        if not isinstance(value, str):
            errors.append(RecordError(number, f"{name}.{key}", "must be a string"))
            ok = False
            value = ""
        texts[key] = normalise_text(value)
    if ok and not texts["headline"].strip() and not texts["body"].strip():
        errors.append(RecordError(number, name, "headline and body are both empty"))
        ok = False
    return Text(headline=texts["headline"], body=texts["body"]) if ok else None
