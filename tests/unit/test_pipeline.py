"""Pipeline: one translator call per batch, per-field alignment, scores and flags; the demo batch end to end."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from review.core import pipeline
from review.core.formats.importing import parse_batch
from review.core.model import DocumentPair, Severity, Text
from review.core.pipeline import PIPELINE_VERSION, analyse
from review.core.scoring.metrics import score_of
from review.core.text import bilingual
from review.core.text.translate import ApertiumTranslator, TranslationError

DEMO = Path(__file__).resolve().parents[2] / "review" / "demo" / "newsroom.jsonl"
FAITHFUL_DEMO_IDS = ("prado-velazquez-2026-01-15", "lluvias-murcia-2026-01-16")
MT = {
    "Llueve en Murcia": "It rains in Murcia",
    "La Aemet activó el aviso naranja por lluvias.": "The Aemet activated the orange notice by rains.",
    "El coste será de 1,2 millones de euros.": "The cost will be of 1,2 million euros.",
    "Protección Civil pide prudencia.": "Civil Protection asks prudence.",
}


class FakeTranslator:
    """Looks lines up in MT and records every call."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, lines: Sequence[str]) -> list[str]:
        self.calls.append(list(lines))
        return [MT[line] for line in lines]


def pair(doc_id: str, target_body: str, reference: Text | None = None) -> DocumentPair:
    source = Text("Llueve en Murcia",
                  "La Aemet activó el aviso naranja por lluvias. El coste será de 1,2 millones de euros.\n\n"
                  "Protección Civil pide prudencia.")
    return DocumentPair(doc_id, source, Text("Rain in Murcia", target_body), reference)


def test_one_translator_call_and_input_order() -> None:
    translator = FakeTranslator()
    faithful = pair("b", "Aemet activated the orange warning for rain. The cost will be 1.2 million euros.\n\n"
                         "Civil Protection calls for caution.", reference=Text("Rain in Murcia", "Aemet issued an orange warning."))
    analyses = analyse([pair("a", "Aemet activated the orange warning for rain.\n\nCivil Protection calls for caution."), faithful],
                       translator)
    assert len(translator.calls) == 1 and len(translator.calls[0]) == 8
    assert [a.pair.id for a in analyses] == ["a", "b"]
    omitted, kept = analyses
    assert omitted.pipeline_version == PIPELINE_VERSION
    assert [(l.src, l.tgt) for l in omitted.field("body").links] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert [f.code for f in omitted.flags] == ["omission"]
    flag = omitted.flags[0]
    assert pair("a", "x").source.body[slice(*flag.source_span)] == "El coste será de 1,2 millones de euros."
    assert omitted.field("body").links[1].scores == () and len(omitted.field("body").links[0].scores) == 2
    assert kept.flags == () and omitted.reference_scores == ()
    assert [s.metric for s in kept.reference_scores] == ["chrF", "BLEU", "TER"]  # TER against references only
    assert [s.metric for s in kept.scores] == ["chrF", "BLEU"]
    assert 0 < score_of(kept.scores, "chrF") <= 100
    assert kept.field("headline").pseudo_reference == ("It rains in Murcia",)


def test_addition_flag_has_a_target_span() -> None:
    target = ("Aemet activated the orange warning for rain. The cost will be 1.2 million euros.\n\n"
              "Civil Protection calls for caution. Residents have been told to stay indoors until further notice.")
    (result,) = analyse([pair("a", target)], FakeTranslator())
    (flag,) = result.flags
    assert flag.code == "addition" and flag.source_span is None
    assert target[slice(*flag.target_span)] == "Residents have been told to stay indoors until further notice."


def test_translator_returning_wrong_count_is_an_error() -> None:
    class Short:
        def translate(self, lines: Sequence[str]) -> list[str]:
            return []

    with pytest.raises(TranslationError):
        analyse([pair("a", "Body.")], Short())


@pytest.mark.apertium
def test_demo_batch_with_apertium(apertium: ApertiumTranslator) -> None:
    analyses = {a.pair.id: a for a in analyse(parse_batch(DEMO.read_bytes()), apertium)}
    seed = analyses["peru-corridor-2026-01-12"]
    assert {f.code for f in seed.flags if f.field == "headline"} == {"quote_dropped", "scare_quotes_dropped",
                                                                      "intensity_shift"}
    assert not [f for f in seed.flags if f.field == "body" and "quote" in f.code]
    for doc_id in FAITHFUL_DEMO_IDS:
        assert [f for f in analyses[doc_id].flags if f.severity is not Severity.INFO] == [], doc_id
    assert [f.code for f in analyses["metro-valencia-2026-01-13"].flags] == ["omission"]
    assert analyses["prado-velazquez-2026-01-15"].reference_scores


def test_forked_workers_give_the_same_analyses_in_order() -> None:
    """workers > 1 aligns, scores and flags documents in forked processes: same results, same order, progress."""
    bodies = ["Aemet activated the orange warning for rain.\n\nCivil Protection calls for caution.",
              "Aemet activated the orange warning for rain. The cost will be 1.2 million euros.\n\n"
              "Civil Protection calls for caution. Residents have been told to stay indoors."]
    pairs = [pair(f"d{i}", bodies[i % 2], reference=Text("Rain in Murcia", bodies[0]) if i % 3 else None)
             for i in range(7)]
    calls: list[tuple[int, int]] = []
    forked = analyse(pairs, FakeTranslator(), workers=2, progress=lambda done, total: calls.append((done, total)))
    assert forked == analyse(pairs, FakeTranslator())
    assert calls == [(i, 7) for i in range(8)]


def test_reference_statistics_are_computed_once_and_reach_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers score each document against its reference and send the segments' statistics back, so the
    batch summary (corpus scores and bootstrap) in the parent computes none again."""
    from review.core.reports.gate import Gate
    from review.core.reports.report import batch_report
    from review.core.scoring import metrics

    bodies = ["Aemet activated the orange warning for rain.\n\nCivil Protection calls for caution.",
              "Aemet activated the orange warning for rain. The cost will be 1.2 million euros.\n\n"
              "Civil Protection calls for caution. Residents have been told to stay indoors."]
    pairs = [pair(f"d{i}", bodies[i % 2], reference=Text("Rains in Murcia", bodies[(i + 1) % 2])) for i in range(6)]
    metrics._REFERENCE_CACHE.clear()
    forked = analyse(pairs, FakeTranslator(), workers=2)
    computed: list[str] = []  # TER only: the chrF and BLEU objects also score the links against the pseudo-reference
    ter = dict(metrics.REFERENCE_METRICS)["TER"]
    original = ter._extract_corpus_statistics
    monkeypatch.setattr(ter, "_extract_corpus_statistics",
                        lambda hyps, refs: computed.extend(hyps) or original(hyps, refs))
    summary = batch_report(forked, Gate())["summary"]
    assert computed == [] and summary["reference"]["segments"] == 6 * 3
    metrics._REFERENCE_CACHE.clear()
    assert analyse(pairs, FakeTranslator()) == forked  # in this process, from scratch: the same scores
    assert len(computed) == 5  # each distinct (hypothesis, reference) segment once: the documents repeat 5 of them
    computed.clear()
    assert batch_report(forked, Gate())["summary"] == summary and computed == []


def test_morphology_for_both_languages_in_one_call_each() -> None:
    class Analyser:
        def __init__(self) -> None:
            self.calls: list[tuple[str, int]] = []

        def morphology(self, lines: Sequence[str], lang: str) -> list[tuple]:
            self.calls.append((lang, len(lines)))
            return [() for _ in lines]

    analyser = Analyser()
    analyse([pair("a", "Aemet activated the orange warning for rain.\n\nCivil Protection calls for caution.")],
            FakeTranslator(), analyser=analyser)
    assert sorted(analyser.calls) == [("en", 3), ("es", 4)]


def test_analyser_returning_wrong_count_is_an_error() -> None:
    from review.core.text.morphology import MorphologyError

    class Short:
        def morphology(self, lines: Sequence[str], lang: str) -> list[tuple]:
            return [()] * (len(lines) - 1)

    with pytest.raises(MorphologyError):
        analyse([pair("a", "Body.")], FakeTranslator(), analyser=Short())


def _lt_proc_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dictionary of each question put to a (warm) `lt-proc -b`, from now on (the real lt-proc still answers:
    this only counts the questions)."""
    commands: list[str] = []
    real_ask = bilingual.BilingualDictionary._ask

    def recorded(self: bilingual.BilingualDictionary, block: bytes) -> str:
        commands.append(self.path.name)
        return real_ask(self, block)

    monkeypatch.setattr(bilingual.BilingualDictionary, "_ask", recorded)
    return commands


def _fresh_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bilingual dictionaries that remember nothing yet."""
    monkeypatch.setattr(pipeline, "DICTIONARY", bilingual.BilingualDictionary())
    monkeypatch.setattr(pipeline, "REVERSE", bilingual.BilingualDictionary(pair="eng-spa"))


def test_bilingual_dictionaries_one_lt_proc_call_each_per_batch(apertium: ApertiumTranslator,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _lt_proc_calls(monkeypatch)
    _fresh_dictionaries(monkeypatch)
    pairs = [DocumentPair(f"d{i}", Text("", f"El alcalde visitó {town} ayer. Los vecinos protestaron."),
                          Text("", f"The mayor visited {town} yesterday. Residents protested."))
             for i, town in enumerate(("Soria", "Lugo", "Teruel"))]
    analyse(pairs, apertium)
    assert sorted(commands) == ["eng-spa.autobil.bin", "spa-eng.autobil.bin"]


def _news(index: int) -> DocumentPair:
    """A short article of its own (no corpus text), each with a town and a product of its own."""
    town, producto, product = (("Soria", "zapatos", "shoe"), ("Lugo", "juguetes", "toy"), ("Teruel", "vidrio", "glass"),
                               ("Cuenca", "papel", "paper"), ("Huesca", "acero", "steel"))[index % 5]
    return DocumentPair(f"n{index}", Text(f"Cierra la fábrica de {producto} de {town}",
                                          f"La empresa despidió a 40 trabajadores en {town}. El alcalde no quiso "
                                          f"hacer declaraciones.\n\nLos sindicatos convocaron una huelga."),
                        Text(f"{town} {product} factory closes",
                             f"The company laid off 40 workers in {town}. The mayor declined to comment.\n\n"
                             f"The unions called a strike for Monday."))


@pytest.mark.apertium
def test_warm_chain_sets_look_their_words_up_as_they_come(monkeypatch: pytest.MonkeyPatch) -> None:
    """With two chain sets each set's words go to the bilingual dictionaries (one lt-proc -b call per set and
    direction) as soon as they are tagged, and no second pass asks about the batch: the analyses are those of one
    chain set, whose one call per direction answers for the whole batch."""
    from review.core.text.warm import WarmApertium

    asked = _lt_proc_calls(monkeypatch)
    pairs = [_news(index) for index in range(5)]
    analysed = {}
    for parallel in (2, 1):
        _fresh_dictionaries(monkeypatch)
        asked.clear()
        with WarmApertium(parallel=parallel) as translator:
            analysed[parallel] = analyse(pairs, translator, workers=parallel)
        assert sorted(asked) == sorted(["eng-spa.autobil.bin", "spa-eng.autobil.bin"] * parallel)
    assert analysed[2] == analysed[1]
