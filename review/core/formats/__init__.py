"""Batch interchange formats: read any of them into DocumentPairs, write DocumentPairs out.

Formats: jsonl (the batch contract, review.core.formats.importing), xliff (1.2 on write; 1.x or 2.0 on read),
xliff2 (2.0), tmx, csv and tsv. How documents map onto translation units is review.core.formats.units;
the XML formats go through translate-toolkit after review.core.formats.safexml. Every reader raises
review.core.formats.importing.BatchError naming the line (and unit or row) of each problem, and returns
nothing unless the whole file is valid.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath

from review.core.formats.importing import parse_batch
from review.core.formats.tabular import read_table, write_table
from review.core.formats.units import pairs_from_units, units_from_pairs
from review.core.formats.xmlstores import read_tmx, read_xliff, write_tmx, write_xliff
from review.core.model import DocumentPair, Text

FORMATS = ("jsonl", "xliff", "xliff2", "tmx", "csv", "tsv")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".xlf": "xliff", ".xliff": "xliff", ".xlf2": "xliff2",
              ".tmx": "tmx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}


def format_of(path: str | PurePath) -> str:
    """The format named by a file's extension; ValueError for an extension we do not know."""
    suffix = PurePath(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ValueError(f"cannot tell the format of {PurePath(path).name!r} from its extension "
                         f"(known: {', '.join(sorted(EXTENSIONS))}); name it with --input-format")
    return EXTENSIONS[suffix]


def read_pairs(data: bytes, fmt: str) -> list[DocumentPair]:
    """Validated pairs from a file's bytes in the given format (see FORMATS); BatchError on any bad input."""
    if fmt == "jsonl":
        return parse_batch(data)
    if fmt in ("xliff", "xliff2"):
        return pairs_from_units(read_xliff(data))
    if fmt == "tmx":
        return pairs_from_units(read_tmx(data))
    if fmt in ("csv", "tsv"):
        return pairs_from_units(read_table(data, fmt))
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def write_pairs(pairs: Sequence[DocumentPair], fmt: str) -> bytes:
    """The pairs as a file in the given format; read_pairs of the result gives the same pairs back
    (XLIFF, TMX and CSV/TSV do not carry `meta`)."""
    if fmt == "jsonl":
        return "".join(json.dumps(_record(pair), ensure_ascii=False) + "\n" for pair in pairs).encode("utf-8")
    units = units_from_pairs(pairs)
    if fmt in ("xliff", "xliff2"):
        return write_xliff(units, "1.2" if fmt == "xliff" else "2.0")
    if fmt == "tmx":
        return write_tmx(units)
    if fmt in ("csv", "tsv"):
        return write_table(units, fmt)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def _record(pair: DocumentPair) -> dict[str, object]:
    def side(text: Text, lang: str | None) -> dict[str, str]:
        return ({"lang": lang} if lang else {}) | {"headline": text.headline, "body": text.body}

    record: dict[str, object] = {"id": pair.id, "source": side(pair.source, pair.source_lang),
                                 "target": side(pair.target, pair.target_lang)}
    if pair.reference is not None:
        record["reference"] = side(pair.reference, None)
    if pair.meta:
        record["meta"] = pair.meta
    return record
