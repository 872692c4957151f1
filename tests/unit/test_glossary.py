"""The newsroom's glossary: read from TBX (translate-toolkit) or CSV, and read by the entity, untranslated and
terminology checks as known equivalences and required English."""
from __future__ import annotations

import pytest

from review.core.flags import rulebook
from review.core.formats.glossary import glossary_format, read_glossary
from review.core.formats.importing import BatchError
from review.core.model import DocumentPair, GlossaryTerm, Severity, Text
from review.core.pipeline import analyse
from review.core.text.translate import ApertiumTranslator

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="es">
<text><body>
<termEntry id="t1"><note>institution</note>
  <langSet xml:lang="es"><tig><term>Fiscalía</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>Prosecutor's Office</term></tig></langSet></termEntry>
<termEntry id="t2">
  <langSet xml:lang="en-GB"><tig><term>Basque Health Service</term></tig></langSet>
  <langSet xml:lang="es-ES"><tig><term>Osakidetza</term></tig></langSet></termEntry>
</body></text>
</martif>
""".encode()
GLOSSARY = (GlossaryTerm("Fiscalía", "Prosecutor's Office", "institution"),
            GlossaryTerm("Osakidetza", "Basque Health Service"),
            GlossaryTerm("lehendakari", "lehendakari", "the Basque premier: house style keeps it"))


@pytest.fixture
def glossary() -> None:
    rulebook.use_glossary(GLOSSARY)  # tests/conftest.py gives the next test its rule book back


def test_tbx_terms_are_read_by_language_whatever_the_order_of_the_lang_sets() -> None:
    assert read_glossary(TBX, "tbx") == [GlossaryTerm("Fiscalía", "Prosecutor's Office", "institution"),
                                         GlossaryTerm("Osakidetza", "Basque Health Service")]


def test_csv_terms_with_or_without_a_header_and_a_later_entry_wins() -> None:
    data = "source,target,note\nFiscalía,Prosecutor's Office,institution\n\nXunta,Galician government\n" \
           "Xunta,Xunta of Galicia\n".encode()
    assert read_glossary(data, "csv") == [GlossaryTerm("Fiscalía", "Prosecutor's Office", "institution"),
                                          GlossaryTerm("Xunta", "Xunta of Galicia")]
    assert read_glossary(b"Xunta,Galician government\n", "csv") == [GlossaryTerm("Xunta", "Galician government")]


@pytest.mark.parametrize(("data", "fmt", "errors"), [
    (b"Fiscalia,\nXunta,Galician government,a,b\n", "csv",
     ["line 1: target: missing", "line 2: (row): expected source,target[,note]: 4 columns"]),
    (TBX.replace(b"<term>Osakidetza</term>", b"<term></term>"), "tbx", ["line 7: source: missing"]),
    (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif/>', "tbx",
     ["external entity 'x'"]),
    (b"<martif><text>", "tbx", ["line 1: (xml): not well-formed XML"]),
])
def test_a_bad_glossary_is_refused_whole_naming_each_line(data: bytes, fmt: str, errors: list[str]) -> None:
    with pytest.raises(BatchError) as refused:
        read_glossary(data, fmt)
    messages = [str(error) for error in refused.value.errors]
    assert len(messages) == len(errors) and all(want in got for want, got in zip(errors, messages))


def test_the_format_comes_from_the_extension() -> None:
    assert (glossary_format("terms.TBX"), glossary_format("house.csv")) == ("tbx", "csv")
    with pytest.raises(ValueError, match="use .tbx or .csv"):
        glossary_format("terms.xlsx")


def flags(apertium: ApertiumTranslator, source: str, target: str) -> list[tuple[str, Severity, str]]:
    [result] = analyse([DocumentPair("g", Text("", source), Text("", target))], apertium)
    return [(f.code, f.severity, f.rule) for f in result.flags if f.severity is not Severity.INFO]


@pytest.mark.apertium
def test_a_glossary_pair_is_a_known_equivalence_for_the_entity_check(apertium: ApertiumTranslator,
                                                                   glossary: None) -> None:
    assert flags(apertium, "Osakidetza contrató a 300 médicos.", "The Basque Health Service hired 300 doctors.") == []


@pytest.mark.apertium
def test_without_the_glossary_the_same_name_is_missing(apertium: ApertiumTranslator) -> None:
    assert ("entity_mismatch", Severity.MAJOR, "entity_mismatch") in flags(
        apertium, "Osakidetza contrató a 300 médicos.", "The Basque Health Service hired 300 doctors.")


@pytest.mark.apertium
def test_a_glossary_term_without_its_english_raises_terminology(apertium: ApertiumTranslator, glossary: None) -> None:
    found = flags(apertium, "La Fiscalía abrió una investigación.", "The public prosecutor opened an investigation.")
    assert ("terminology", Severity.MINOR, "glossary:Fiscalía") in found
    assert [code for code, _, _ in flags(apertium, "La Fiscalía abrió una investigación.",
                                         "The Prosecutor's Office opened an investigation.")] == []


@pytest.mark.apertium
def test_a_term_the_glossary_keeps_in_spanish_is_not_untranslated(apertium: ApertiumTranslator) -> None:
    source, target = "El lehendakari visitó la fábrica.", "The lehendakari visited the factory."
    assert [code for code, _, _ in flags(apertium, source, target)] == ["untranslated"]
    rulebook.use_glossary(GLOSSARY)
    assert flags(apertium, source, target) == []
