"""Interchange formats: round trips, files written by translate-toolkit's own converters, safe XML, bad input."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from translate.convert.po2tmx import po2tmx
from translate.convert.po2xliff import po2xliff
from translate.storage import po, tmx

from review.core.formats import FORMATS, format_of, read_pairs, write_pairs
from review.core.formats.importing import BatchError
from review.core.formats.units import Unit, pairs_from_units, units_from_pairs
from review.core.model import DocumentPair, Text

PAIRS = [
    DocumentPair("peru-corridor-2026-01-12",
                 Text("«Esa medida está descartada»: Presidente de Perú", "Primer párrafo, con «comillas».\n\nSegundo & <b>."),
                 Text("\"That measure is ruled out\": Peru's president", "First paragraph, with \"quotes\".\n\nSecond & <b>."),
                 Text("Reference headline", "Reference one.\n\nReference two.")),
    DocumentPair("body#only", Text("", "Un solo párrafo sin titular."), Text("", "=A single paragraph, no headline.")),
    DocumentPair("merged", Text("Titular", "Uno.\n\nDos.\n\nTres."), Text("Headline", "One. Two.\n\nThree."), None),
    DocumentPair("odd-spacing", Text("Titular", "  Sangría.\n\n\nTres saltos.\tTab "), Text("Headline", "Indent.\n"),
                 Text("", "Reference body only.")),
    DocumentPair("headline-only", Text("Sólo titular", ""), Text("Headline only", "")),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(fmt: str) -> None:
    assert read_pairs(write_pairs(PAIRS, fmt), fmt) == PAIRS


def test_units_use_paragraphs_only_when_all_sides_agree() -> None:
    ids = [unit.id for unit in units_from_pairs(PAIRS)]
    assert ids[:4] == ["peru-corridor-2026-01-12#headline", "peru-corridor-2026-01-12#p1",
                       "peru-corridor-2026-01-12#p2", "body#only#body"]
    assert "merged#body" in ids and "odd-spacing#body" in ids and "headline-only#headline" in ids
    assert not any(unit_id.startswith("headline-only#b") for unit_id in ids)


def test_write_formats_are_what_they_claim() -> None:
    assert b'xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"' in write_pairs(PAIRS, "xliff")
    xliff2 = write_pairs(PAIRS, "xliff2").decode()
    assert 'version="2.0" srcLang="es" trgLang="en"' in xliff2
    assert re.search(r'<unit id="peru-corridor-2026-01-12#headline">\s*<notes>\s*<note category="reference">', xliff2)
    assert b'<tuv xml:lang="es">' in write_pairs(PAIRS, "tmx")
    assert write_pairs(PAIRS, "tsv").startswith(b"id\tsource\ttarget\treference\r\n")


def test_units_group_paragraphs_in_number_order_and_bare_ids_are_bodies() -> None:
    units = [Unit(1, 2, "a#p2", "Dos.", "Two."), Unit(2, 3, "a#headline", "Tit", "Head"), Unit(3, 4, "a#p1", "Uno.", "One."),
             Unit(4, 5, "plain", "Cuerpo.", "Body."), Unit(5, 6, "", "Sin id.", "No id.", "Ref.")]
    assert pairs_from_units(units) == [DocumentPair("a", Text("Tit", "Uno.\n\nDos."), Text("Head", "One.\n\nTwo.")),
                                       DocumentPair("plain", Text("", "Cuerpo."), Text("", "Body.")),
                                       DocumentPair("unit-5", Text("", "Sin id."), Text("", "No id."), Text("", "Ref."))]


def test_unit_problems_are_all_reported_with_lines() -> None:
    units = [Unit(1, 10, "a#headline", "T", "H"), Unit(2, 14, "a#headline", "T2", "H2"), Unit(3, 18, "a#p1", "Uno.", "One."),
             Unit(4, 22, "a#body", "Cuerpo.", "Body."), Unit(5, 26, "b#body", "", ""), Unit(6, 30, "c", "Fuente.", "")]
    errors = [str(error) for error in pytest.raises(BatchError, pairs_from_units, units).value.errors]
    assert errors == [
        "line 14: unit 2 ('a#headline'): second 'headline' of document 'a' (first in unit 1 ('a#headline'))",
        "line 22: unit 4 ('a#body'): document 'a' mixes a whole-body unit with paragraph units",
        "line 26: unit 5 ('b#body'): document 'b': source: headline and body are both empty",
        "line 26: unit 5 ('b#body'): document 'b': target: headline and body are both empty",
        "line 30: unit 6 ('c'): document 'c': target: headline and body are both empty",
    ]


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

msgctxt "peru#headline"
msgid "Presidente de Perú descarta el corredor"
msgstr "Peru's president rules out the corridor"

msgctxt "peru#p1"
msgid "El presidente habló el lunes."
msgstr "The president spoke on Monday."
"""


def test_reads_xliff_written_by_translate_toolkits_po2xliff() -> None:
    store = po.pofile(io.BytesIO(PO.encode()))
    data = po2xliff().convertstore(store, sourcelanguage="es-ES")
    assert b"urn:oasis:names:tc:xliff:document:1.1" in data and b"x-gettext-domain-header" in data
    pairs = read_pairs(data, "xliff")  # po2xliff numbers its units: each one is a document of its own
    assert [(pair.source.body, pair.target.body) for pair in pairs] == [
        ("Presidente de Perú descarta el corredor", "Peru's president rules out the corridor"),
        ("El presidente habló el lunes.", "The president spoke on Monday.")]


def test_reads_tmx_written_by_translate_toolkits_po2tmx() -> None:
    store = tmx.tmxfile()
    po2tmx().convertfiles(io.BytesIO(PO.encode()), store, sourcelanguage="es", targetlanguage="en-GB")
    data = bytes(store)
    assert b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in data  # a DOCTYPE without entities is fine
    assert read_pairs(data, "tmx") == [DocumentPair("peru", Text("Presidente de Perú descarta el corredor",
                                                                 "El presidente habló el lunes."),
                                                    Text("Peru's president rules out the corridor",
                                                         "The president spoke on Monday."))]


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="es" target-language="en"
 datatype="plaintext" original="x"><body><trans-unit id="a"><source>&xxe;</source><target>t</target></trans-unit>
</body></file></xliff>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>&lol9;</seg></tuv></tu></body></tmx>"""
PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="es"/>"""


def test_external_entities_are_refused_by_name() -> None:
    errors = pytest.raises(BatchError, read_pairs, XXE, "xliff").value.errors
    assert [str(error) for error in errors] == [
        "line 3: (xml): external entity 'xxe' (SYSTEM 'file:///etc/passwd') refused: XML external entities (XXE) "
        "are not allowed"]
    assert "external entity 'remote'" in str(pytest.raises(BatchError, read_pairs, PARAMETER, "xliff2").value)


def test_entity_expansion_bombs_are_refused_by_name() -> None:
    errors = pytest.raises(BatchError, read_pairs, LAUGHS, "tmx").value.errors
    assert [error.line for error in errors] == [3, 4, 5, 6]
    assert all("DTD entities are not allowed (entity-expansion bomb protection)" in error.message for error in errors)


@pytest.mark.parametrize(
    ("data", "fmt", "expected"),
    [
        (b"<xliff version='1.2'><file source-language='es'><body>\n<trans-unit id='a'><source>x</source>\n</body>",
         "xliff", "line 3: (xml): not well-formed XML"),
        (b"<tmx version='1.4'/>", "xliff", "line 1: (xml): root element is <tmx>, not <xliff>"),
        (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="en-US" '
         b'target-language="en" datatype="plaintext" original="x"><body/></file></xliff>', "xliff",
         "line 2: source-language: must be 'es' (or a regional variant), got 'en-US'"),
        (b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="es" trgLang="fr"/>', "xliff2",
         "line 1: trgLang: must be 'en' (or a regional variant), got 'fr'"),
        (b'<tmx version="1.4"><header/><body>\n<tu tuid="a"><tuv xml:lang="fr"><seg>x</seg></tuv></tu></body></tmx>',
         "tmx", "line 2: unit 1: no Spanish (es) variant; languages: fr"),
        (b"id,source\nx,uno\n", "csv", "line 1: (header): missing column(s) target"),
        (b"id,source,target,notes\n", "csv", "line 1: (header): unknown column(s) notes"),
        (b"id\tsource\ttarget\na\tuno\tone\textra\nb\tdos\n", "tsv", "line 2: row 1: expected 3 cells as in the header"),
        (b"id,source,target\na,uno,one\n\xff\n", "csv", "line 3: (csv): not valid UTF-8 (byte 27)"),
    ],
)
def test_bad_input_names_the_line(data: bytes, fmt: str, expected: str) -> None:
    assert str(pytest.raises(BatchError, read_pairs, data, fmt).value).startswith(expected)


def test_csv_reports_every_bad_row_and_multiline_cells_keep_line_numbers() -> None:
    data = b'id,source,target\na#headline,"Titular\nen dos lineas",Headline\nb,uno\nc,,\n'
    errors = [str(error) for error in pytest.raises(BatchError, read_pairs, data, "csv").value.errors]
    assert errors == ["line 4: row 2: expected 3 cells as in the header"]
    data = b'id,source,target\na#headline,"Titular\nen dos lineas",Headline\nc,,\n'
    errors = [str(error) for error in pytest.raises(BatchError, read_pairs, data, "csv").value.errors]
    assert errors == ["line 4: unit 2 ('c'): document 'c': source: headline and body are both empty",
                      "line 4: unit 2 ('c'): document 'c': target: headline and body are both empty"]


@pytest.mark.parametrize(("name", "fmt"), [("b.jsonl", "jsonl"), ("b.XLF", "xliff"), ("b.xliff", "xliff"),
                                           ("b.tmx", "tmx"), ("b.csv", "csv"), ("b.tsv", "tsv")])
def test_format_of_extension(name: str, fmt: str) -> None:
    assert format_of(Path("dir") / name) == fmt


def test_format_of_unknown_extension_says_what_to_do() -> None:
    with pytest.raises(ValueError, match="--input-format"):
        format_of("batch.docx")
