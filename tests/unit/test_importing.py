"""Batch JSONL import: valid input, normalisation, and every validation error with its line."""
from __future__ import annotations

import json

import pytest

from review.core.formats.importing import BatchError, RecordError, content_hash, parse_batch


def line(**overrides: object) -> str:
    record: dict[str, object] = {
        "id": "doc-1",
        "source": {"lang": "es", "headline": "Titular", "body": "Uno.\n\nDos."},
        "target": {"lang": "en", "headline": "Headline", "body": "One.\n\nTwo."},
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


def errors_of(data: bytes) -> list[RecordError]:
    with pytest.raises(BatchError) as caught:
        parse_batch(data)
    return caught.value.errors


def test_parses_a_valid_batch_with_optional_parts() -> None:
    second = line(id="doc-2", reference={"headline": "Ref", "body": "Ref body."}, meta={"translator": "Ana"})
    pairs = parse_batch(f"{line()}\n\n{second}\n".encode())
    assert [p.id for p in pairs] == ["doc-1", "doc-2"]
    assert pairs[0].source.body == "Uno.\n\nDos." and pairs[0].reference is None and pairs[0].meta == {}
    assert pairs[1].reference is not None and pairs[1].reference.headline == "Ref"
    assert pairs[1].meta == {"translator": "Ana"}


def test_lang_defaults_and_missing_text_is_empty() -> None:
    pair = parse_batch(line(source={"headline": "Solo titular"}, target={"body": "Only body."}).encode())[0]
    assert (pair.source.headline, pair.source.body, pair.target.headline) == ("Solo titular", "", "")
    assert (pair.source_lang, pair.target_lang) == ("es", "en")


def test_bom_and_crlf_are_normalised() -> None:
    record = line(source={"headline": "T", "body": "Uno.\r\n\r\nDos.\rTres."})
    pair = parse_batch(b"\xef\xbb\xbf" + record.encode() + b"\r\n")[0]
    assert pair.source.body == "Uno.\n\nDos.\nTres."


def test_empty_batch_gives_no_pairs() -> None:
    assert parse_batch(b"\n  \n") == []


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        (b"\xff\xfe not utf-8", "(json)", "UTF-8"),
        (b"{not json", "(json)", "invalid JSON"),
        (b"[1, 2]", "(json)", "JSON object"),
        (line(id="").encode(), "id", "non-empty"),
        (line(id=7).encode(), "id", "non-empty"),
        (line(extra=1).encode(), "extra", "unknown key"),
        (line(source={"lang": "fr", "headline": "T"}).encode(), "source.lang", "'es'"),
        (line(target={"lang": "es", "headline": "T"}).encode(), "target.lang", "'en'"),
        (line(source={"headline": 3, "body": "B."}).encode(), "source.headline", "string"),
        (line(source={"headline": " ", "body": ""}).encode(), "source", "both empty"),
        (line(target="text").encode(), "target", "object"),
        (line(source={"headline": "T", "colour": "red"}).encode(), "source.colour", "unknown key"),
        (line(reference=["x"]).encode(), "reference", "object"),
        (line(reference={"headline": 1}).encode(), "reference.headline", "string"),
        (line(meta="x").encode(), "meta", "object"),
        (json.dumps({"id": "x", "target": {"headline": "T"}}).encode(), "source", "missing"),
    ],
)
def test_each_error_names_line_and_field(raw: bytes, field: str, fragment: str) -> None:
    errors = errors_of(line(id="ok").encode() + b"\n" + raw)
    assert [(e.line, e.field) for e in errors] == [(2, field)]
    assert fragment in errors[0].message


def test_all_errors_are_collected_with_line_numbers() -> None:
    data = "\n".join([line(), "oops", "", line(), line(id="x", source={"lang": "pt", "headline": "T"}, meta=1)])
    error = pytest.raises(BatchError, parse_batch, data.encode()).value
    assert [(e.line, e.field) for e in error.errors] == [(2, "(json)"), (4, "id"), (5, "source.lang"), (5, "meta")]
    assert "duplicate id 'doc-1' (first on line 1)" in error.errors[1].message
    assert str(error).splitlines()[1].startswith("line 4: id: duplicate id")
    assert isinstance(error, ValueError)


def test_content_hash_is_stable_and_ignores_meta() -> None:
    base = parse_batch(line().encode())[0]
    with_meta = parse_batch(line(meta={"translator": "Tom"}).encode())[0]
    changed = parse_batch(line(target={"headline": "Other", "body": "One."}).encode())[0]
    crlf = parse_batch(line(source={"lang": "es", "headline": "Titular", "body": "Uno.\r\n\r\nDos."}).encode())[0]
    assert len(content_hash(base)) == 64
    assert content_hash(base) == content_hash(with_meta) == content_hash(crlf)
    assert content_hash(base) != content_hash(changed)
