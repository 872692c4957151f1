"""Hypothesis fuzzing of every importer (JSONL, XLIFF 1.2/2.0, TMX, CSV, TSV) with hostile input.

The property: any bytes either parse into pairs that can be stored and exported, or raise BatchError
whose every error names a line (>= 1) and says what is wrong; never any other exception. Inputs are
valid files of each format mutated (truncated, bytes flipped or inserted, re-encoded as latin-1 or
UTF-16, entity declarations and deep nesting spliced in), random records and raw bytes, with texts
full of control characters, bidi marks, zero-width characters, emoji and lone surrogates.
REVIEW_FUZZ_EXAMPLES scales the number of examples per test (default 150).
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.core.formats import FORMATS, read_pairs, write_pairs
from review.core.formats.importing import MAX_FIELD_CHARS, MAX_ID_CHARS, BatchError, parse_batch, text_problem
from review.core.model import DocumentPair, Text

EXAMPLES = int(os.environ.get("REVIEW_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
XML_FORMATS = ("xliff", "xliff2", "tmx")

TRICKY = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e", "\u200b", "\u200d", "\u2060", "\ufeff",
          "\U0001F600", "\U0001F469\u200D\U0001F4BB", "\U0001F1EA\U0001F1F8", "e\u0301", "\u00a0", "\u2028",
          "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\uffff",
          "<", "&", '"', "'", "]]>", "\t", "\r", "\n", "\r\n", "\n\n", "#", "#p1", ",", ";", "{{7*7}}"]
hostile_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8),
                                  st.characters(categories=["Cs", "Cc", "Cf", "So", "Zl", "Zp"])),
                        max_size=12).map("".join)
clean_text = st.lists(st.one_of(st.sampled_from(["Hola.", "El «presidente» dijo", "\U0001F600", "\u200b",
                                                 "\u202eabc\u202c", "e\u0301", "Año 2026", "—"]),
                                st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=6)),
                      min_size=1, max_size=6).map(lambda parts: unicodedata.normalize("NFC", " ".join(parts)).strip() or "Texto")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4), max_leaves=12)


def assert_parses_or_names_lines(data: bytes, fmt: str) -> list[DocumentPair]:
    """The property every importer must keep; returns the pairs when the input was accepted."""
    try:
        pairs = read_pairs(data, fmt)
    except BatchError as error:
        assert error.errors, "a BatchError must list its problems"
        for problem in error.errors:
            assert problem.line >= 1, f"{fmt}: error without a line: {problem}"
            assert problem.field and problem.message
        return []
    for pair in pairs:
        assert_storable(pair)
    return pairs


def assert_storable(pair: DocumentPair) -> None:
    assert text_problem(pair.id, MAX_ID_CHARS) is None and pair.id.strip()
    for text in (pair.source, pair.target, pair.reference):
        if text is not None:
            assert text_problem(text.headline, MAX_FIELD_CHARS) is None
            assert text_problem(text.body, MAX_FIELD_CHARS) is None
    json.dumps(pair.meta, allow_nan=False)  # JSON that PostgreSQL accepts


@st.composite
def valid_pairs(draw: st.DrawFn) -> list[DocumentPair]:
    """One to three valid documents (texts NFC, as the importers normalise them), some with a reference."""
    pairs = []
    for n in range(draw(st.integers(1, 3))):
        paragraphs = draw(st.lists(clean_text, max_size=3))
        reference = Text(draw(clean_text), "\n\n".join(paragraphs)) if draw(st.booleans()) else None
        suffix = draw(st.sampled_from(["a", "ñ", "\U0001F600", "x y"]))
        pairs.append(DocumentPair(id=f"doc-{n}-{suffix}",
                                  source=Text(draw(clean_text), "\n\n".join(paragraphs)),
                                  target=Text(draw(clean_text), "\n\n".join(reversed(paragraphs))),
                                  reference=reference))
    return pairs


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few random edits: truncation, byte flips, insertions of hostile bytes, re-encoding."""
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["truncate", "flip", "insert", "encode", "duplicate"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if edit == "truncate":
            data = data[:position]
        elif edit == "flip" and data:
            data = data[:position] + bytes([data[position] ^ draw(st.integers(1, 255))]) + data[position + 1:]
        elif edit == "insert":
            piece = draw(st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'"', b"\n", b"\r", b",", b"\t",
                                          b"<", b"&", b"]]>", b"\xc3", b"\xed\xa0\x80", "\u202e".encode(),
                                          b"&#0;", b"&#x1;", b"&lol;", b"\\u0000", b"\\ud800", b"{", b"["]) | st.binary(max_size=6))
            data = data[:position] + piece + data[position:]
        elif edit == "encode":
            codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "utf-32"]))
            data = data.decode("utf-8", "replace").encode(codec, "replace")
        else:
            data = data + data
    return data


def records(pairs: list[DocumentPair]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in write_pairs(pairs, "jsonl").decode().splitlines()]


# --- JSONL --------------------------------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=2000))
def test_jsonl_random_bytes(data: bytes) -> None:
    assert_parses_or_names_lines(data, "jsonl")


@FUZZ
@given(valid_pairs(), st.data())
def test_jsonl_mutated_files(pairs: list[DocumentPair], data: st.DataObject) -> None:
    assert_parses_or_names_lines(data.draw(mutated(write_pairs(pairs, "jsonl"))), "jsonl")


@FUZZ
@given(valid_pairs(), st.data())
def test_jsonl_records_with_hostile_values(pairs: list[DocumentPair], data: st.DataObject) -> None:
    """Any field replaced by hostile text, any JSON value, or a nested structure; unknown keys added."""
    batch = records(pairs)
    for record in batch:
        path = data.draw(st.sampled_from([("id",), ("meta",), ("source",), ("source", "headline"), ("target", "body"),
                                          ("target", "lang"), ("reference",), ("extra",), ("source", "extra")]))
        value = data.draw(st.one_of(hostile_text, json_values))
        holder = record
        for key in path[:-1]:
            holder = holder.setdefault(key, {}) if isinstance(holder.get(key, {}), dict) else {}
        holder[path[-1]] = value
    lines = [json.dumps(record, ensure_ascii=data.draw(st.booleans())) for record in batch]
    assert_parses_or_names_lines("\n".join(lines).encode("utf-8", "surrogatepass"), "jsonl")


@pytest.mark.parametrize("payload", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"meta": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_001,
    b'{"id": "x", "source": {"headline": "T"}, "target": {"headline": "H"}, "meta": {"n": ' + b"9" * 5_000 + b"}}",
    b'{"id": "x", "source": {"headline": "T"}, "target": {"headline": "H"}, "meta": {"n": NaN}}',
    b'{"id": "x", "source": {"headline": "T"}, "target": {"headline": "H"}, "meta": {"n": -Infinity}}',
    b'{"id": "x", "source": {"headline": "T"}, "target": {"headline": "H"}, "meta": {"n": 1e999}}',
    b'{"id": "x", "source": {"headline": "T\\u0000"}, "target": {"headline": "H"}}',
    b'{"id": "x\\ud800", "source": {"headline": "T"}, "target": {"headline": "H"}}',
    b'{"id": "' + b"x" * (MAX_ID_CHARS + 1) + b'", "source": {"headline": "T"}, "target": {"headline": "H"}}',
    b'{"id": "x", "source": {"headline": "' + b"y" * (MAX_FIELD_CHARS + 1) + b'"}, "target": {"headline": "H"}}',
    b"x" * 5_000_000,
    "{\"id\": \"ñ\"}".encode("latin-1"),
    json.dumps({"id": "x", "source": {"headline": "Título"}, "target": {"headline": "H"}}).encode("utf-16"),
], ids=["deep-array", "deep-meta", "huge-int", "nan", "infinity", "overflow", "nul", "surrogate", "long-id",
        "long-field", "huge-line", "latin-1", "utf-16"])
def test_jsonl_edge_cases_are_refused_with_their_line(payload: bytes) -> None:
    with pytest.raises(BatchError) as refused:
        parse_batch(b'{"id": "fine", "source": {"headline": "T"}, "target": {"headline": "H"}}\n' + payload)
    assert {problem.line for problem in refused.value.errors} == {2}


def test_jsonl_meta_nesting_limit_names_the_field() -> None:
    deep: dict[str, Any] = {"leaf": 1}
    for _ in range(40):
        deep = {"a": deep}
    line = json.dumps({"id": "x", "source": {"headline": "T"}, "target": {"headline": "H"}, "meta": deep})
    with pytest.raises(BatchError) as refused:
        parse_batch(line.encode())
    [problem] = refused.value.errors
    assert problem.field.startswith("meta.a.a") and "nested deeper than 32" in problem.message


@FUZZ
@given(valid_pairs())
def test_legal_unicode_round_trips_through_every_format(pairs: list[DocumentPair]) -> None:
    """Emoji, bidi and zero-width characters are content, not attacks: they survive every format."""
    for fmt in FORMATS:
        assert read_pairs(write_pairs(pairs, fmt), fmt) == pairs, fmt


# --- XLIFF, TMX ---------------------------------------------------------------------------------------------

TEXT_TAG = {"xliff": b"<source>", "xliff2": b"<source>", "tmx": b"<seg>"}
XML_ATTACKS = [
    b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x [<!ENTITY % pe SYSTEM "http://127.0.0.1:9/evil.dtd"> %pe;]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/remote.dtd">',
    b"<!DOCTYPE x [<!ELEMENT x ANY>]>",
]


def with_doctype(data: bytes, doctype: bytes) -> bytes:
    """`data` with its document type declaration (TMX has one) replaced by `doctype`."""
    data = re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", data, count=1)
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:end] + doctype + data[end:]


@st.composite
def hostile_xml(draw: st.DrawFn, fmt: str) -> bytes:
    """A valid XLIFF or TMX file with an attack spliced in: a DTD with entities, deep nesting, a character
    reference XML forbids, a huge attribute, random edits, or the whole file in UTF-16."""
    data = write_pairs(draw(valid_pairs()), fmt)
    tag = TEXT_TAG[fmt]
    kind = draw(st.sampled_from(["attack", "deep", "reference", "mutate", "utf-16", "huge-attribute"]))
    if kind == "attack":
        use = draw(st.sampled_from([b"", b"&xxe;", b"&d;"]))
        data = with_doctype(data, draw(st.sampled_from(XML_ATTACKS))).replace(tag, tag + use, 1)
    elif kind == "deep":
        depth = draw(st.integers(200, 20_000))
        data = data.replace(tag, tag + b"<g>" * depth + b"x" + b"</g>" * depth, 1)
    elif kind == "reference":
        reference = draw(st.sampled_from([b"&nbsp;", b"&#0;", b"&#x1B;", b"&#xD800;", b"&#xFFFE;", b"&amp;", b"&#x202E;"]))
        data = data.replace(tag, tag + reference, 1)
    elif kind == "mutate":
        data = draw(mutated(data))
    elif kind == "utf-16":
        data = data.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
    else:
        data = data.replace(tag[:-1], tag[:-1] + b' xml:space="' + b"a" * draw(st.integers(1, 200_000)) + b'"', 1)
    return data


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_xml_hostile_documents(fmt: str) -> None:
    @FUZZ
    @given(hostile_xml(fmt))
    def check(data: bytes) -> None:
        assert_parses_or_names_lines(data, fmt)

    check()


@pytest.mark.parametrize("fmt", XML_FORMATS)
@pytest.mark.parametrize("attack", XML_ATTACKS[:3], ids=["xxe", "parameter-entity", "billion-laughs"])
def test_xml_entity_declarations_are_refused_by_name(fmt: str, attack: bytes) -> None:
    data = write_pairs([DocumentPair("d", Text("T", "B"), Text("H", "B"))], fmt)
    with pytest.raises(BatchError) as refused:
        read_pairs(with_doctype(data, attack), fmt)
    assert all("entit" in problem.message for problem in refused.value.errors)


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_xml_random_bytes(fmt: str) -> None:
    @FUZZ
    @given(st.binary(max_size=1000) | st.builds(lambda tail: b"<?xml version='1.0'?>" + tail, st.binary(max_size=300)))
    def check(data: bytes) -> None:
        assert_parses_or_names_lines(data, fmt)

    check()


# --- CSV, TSV -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ("csv", "tsv"))
def test_tables_mutated_and_random(fmt: str) -> None:
    @FUZZ
    @given(st.one_of(valid_pairs().map(lambda pairs: write_pairs(pairs, fmt)).flatmap(mutated),
                     st.binary(max_size=500).map(lambda tail: b"id,source,target\n" + tail),
                     st.lists(st.lists(hostile_text, min_size=1, max_size=5), max_size=5).map(
                         lambda rows: "\n".join(["id\tsource\ttarget" if fmt == "tsv" else "id,source,target"] +
                                                [("\t" if fmt == "tsv" else ",").join(row) for row in rows])
                         .encode("utf-8", "surrogatepass"))))
    def check(data: bytes) -> None:
        assert_parses_or_names_lines(data, fmt)

    check()


@pytest.mark.parametrize("fmt", ("csv", "tsv"))
def test_tables_with_a_huge_cell_name_its_line(fmt: str) -> None:
    separator = b"\t" if fmt == "tsv" else b","
    rows = [separator.join(row) for row in ([b"id", b"source", b"target"], [b"a", b"x", b"y"],
                                            [b"b", b"x" * 200_000, b"y"])]
    with pytest.raises(BatchError) as refused:
        read_pairs(b"\n".join(rows) + b"\n", fmt)
    assert [problem.line for problem in refused.value.errors] == [3]
