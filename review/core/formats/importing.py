"""Batch import: JSONL bytes -> validated DocumentPairs, with line-numbered errors, and the content hash.

The contract is DESIGN.md's "Batch JSONL". Every line is validated and every error is collected
before anything is returned, so a translator fixing a file sees all of its problems at once.
Texts are normalised (CRLF/CR -> LF, Unicode NFC) so the same article always hashes the same.
Limits: an id holds at most MAX_ID_CHARS characters, a headline or body at most MAX_FIELD_CHARS (as an
edit may), meta nests at most MAX_META_DEPTH deep; text holds no character XML 1.0 cannot carry (C0
controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF), and numbers are finite.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from review.core.model import DocumentPair, Text

BOM = b"\xef\xbb\xbf"
TOP_LEVEL_KEYS = frozenset({"id", "source", "target", "reference", "meta"})
SIDE_KEYS = frozenset({"lang", "headline", "body"})
SIDE_LANGS = {"source": "es", "target": "en", "reference": "en"}
MAX_ID_CHARS = 300  # documents.external_id
MAX_FIELD_CHARS = 100_000  # review.services.editing applies it to saved fields too
MAX_META_DEPTH = 32
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
        record = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        errors.append(RecordError(number, "(json)", f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return None
    except RecursionError:
        errors.append(RecordError(number, "(json)", "invalid JSON: nested too deeply"))
        return None
    except ValueError as exc:  # a number out of range: NaN, Infinity, 1e999, an integer of 4,300+ digits
        errors.append(RecordError(number, "(json)", f"invalid JSON: {exc}"))
        return None
    if not isinstance(record, dict):
        errors.append(RecordError(number, "(json)", "each line must be a JSON object"))
        return None
    return record


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:40]} is out of range")
    return value


def text_problem(text: str, limit: int) -> str | None:
    """Why `text` cannot be stored as a field of at most `limit` characters, or None when it can."""
    if len(text) > limit:
        return f"longer than {limit:,} characters ({len(text):,})"
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        return f"character U+{ord(bad.group()):04X} at position {bad.start() + 1} is not allowed (control " \
               "character or lone surrogate)"
    return None


def _meta_problems(value: Any, path: str, depth: int = 1) -> list[tuple[str, str]]:
    """(field, message) for every key or string in meta that cannot be stored, and for nesting too deep."""
    if depth > MAX_META_DEPTH:
        return [(path, f"nested deeper than {MAX_META_DEPTH} levels")]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    problems: list[tuple[str, str]] = []
    for key, item in items:
        where = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        if isinstance(key, str) and (problem := text_problem(key, MAX_FIELD_CHARS)):
            problems.append((path, f"key: {problem}"))
        if isinstance(item, str) and (problem := text_problem(item, MAX_FIELD_CHARS)):
            problems.append((where, problem))
        problems.extend(_meta_problems(item, where, depth + 1))
    return problems


def read_record(record: dict[str, Any], number: int, errors: list[RecordError]) -> DocumentPair | None:
    """Validate one record of the batch contract (as parsed from JSON, or assembled by review.core.formats);
    append its problems to errors under line `number`, and return the pair when it is valid enough to build."""
    for key in sorted(set(record) - TOP_LEVEL_KEYS):
        errors.append(RecordError(number, key, "unknown key"))
    pair_id = record.get("id")
    if not isinstance(pair_id, str) or not pair_id.strip():
        errors.append(RecordError(number, "id", "must be a non-empty string"))
        pair_id = None
    elif problem := text_problem(pair_id, MAX_ID_CHARS):
        errors.append(RecordError(number, "id", problem))
        pair_id = None
    source = _read_side(record, "source", number, errors, required=True)
    target = _read_side(record, "target", number, errors, required=True)
    reference = _read_side(record, "reference", number, errors, required=False)
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        errors.append(RecordError(number, "meta", "must be an object"))
        meta = {}
    meta_problems = _meta_problems(meta, "meta")
    errors.extend(RecordError(number, field, message) for field, message in meta_problems)
    if pair_id is None or source is None or target is None or meta_problems:
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
        elif problem := text_problem(value, MAX_FIELD_CHARS):
            errors.append(RecordError(number, f"{name}.{key}", problem))
            ok = False
            value = ""
        texts[key] = normalise_text(value)
    if ok and not texts["headline"].strip() and not texts["body"].strip():
        errors.append(RecordError(number, name, "headline and body are both empty"))
        ok = False
    return Text(headline=texts["headline"], body=texts["body"]) if ok else None
