"""One Apertium run for the translation and the source morphology: the same output as `apertium -u` and as the
analyser, the tagged stream passed on without its surface forms, and the cases handed back to the analyser."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from review.core.text import apertium as apertium_module
from review.core.text.apertium import ApertiumError, Chains, translate_tagged, without_surfaces
from review.core.text.morphology import Token
from review.core.text.tagged_source import SourceTokens, _surface_case
from review.core.text.translate import ApertiumTranslator


def test_surface_forms_are_taken_out_of_the_tagged_stream() -> None:
    assert without_surfaces("^Los/el<det><def><m><pl>$ ^sin embargo/sin embargo<adv>$^Jerí/*Jerí$[\n") == \
        "^el<det><def><m><pl>$ ^sin embargo<adv>$^*Jerí$[\n"
    # escaped reserved characters: in a surface, in a lemma, in the blanks between units, an escaped backslash
    assert without_surfaces(r"^a\/b/a\/b<n>$ \^^y/y<cnjcoo>$ \/\/^\[/\[<lpar>$\\\\^b/*b$") == \
        r"^a\/b<n>$ \^^y<cnjcoo>$ \/\/^\[<lpar>$\\\\^*b$"


def test_chains_pass_the_tagged_lines_on_without_surfaces(tmp_path: Path) -> None:
    kept: list[str] = []
    chains = Chains(tagging=(("cat",),), rest=(("cat",), ("cat",)))
    assert translate_tagged(chains, "^Los/el<det>$\n^a/a<pr>$\n", kept.append) == "^el<det>$\n^a<pr>$\n"
    assert kept == ["^Los/el<det>$\n", "^a/a<pr>$\n"]
    assert translate_tagged(chains, "", kept.append) == ""


def test_chain_failures_raise_with_the_failed_stage() -> None:
    with pytest.raises(ApertiumError, match=r"sh -c 'echo boom >&2; exit 3' \(3\).*boom"):
        translate_tagged(Chains((("cat",),), (("sh", "-c", "echo boom >&2; exit 3"),)), "x\n", lambda line: None)
    with pytest.raises(ApertiumError, match="not found"):
        translate_tagged(Chains((("/nonexistent/stage",),), (("cat",),)), "x\n", lambda line: None)

    def refuse(line: str) -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        translate_tagged(Chains((("cat",),), (("cat",),)), "x\n" * 50_000, refuse)


def test_a_stage_that_hangs_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apertium_module, "TIMEOUT_SECONDS", 0.2)
    with pytest.raises(ApertiumError, match="timed out"):
        translate_tagged(Chains((("cat",),), (("sleep", "5"),)), "x\n", lambda line: None)


def test_lt_proc_case_rule() -> None:
    """lt-proc without -w: the first letter upper-cased for a capitalised surface, every letter for one in capitals
    (first and last letter upper case), tags untouched; a post-generation mark is skipped; lengths kept."""
    assert _surface_case("el<det><def><m><pl>", "Los") == "El<det><def><m><pl>"
    assert _surface_case("el<det><def><m><sg>", "EL") == "EL<det><def><m><sg>"
    assert _surface_case("haber que<vbmod><fti>", "Habrá que") == "Haber que<vbmod><fti>"
    assert _surface_case("estados unidos<np><loc>", "EE.UU.") == "Estados unidos<np><loc>"
    assert _surface_case("~de<pr>", "De") == "~De<pr>"
    assert _surface_case("straße<n>", "STRASSE") == "STRAßE<n>"


def _read(tagged: list[str], lines: list[str]) -> list[tuple[Token, ...]] | None:
    with SourceTokens(lines, "spa-eng") as source:
        for line in tagged:
            source.add(line)
        return source.result()


@pytest.mark.apertium
def test_streams_that_cannot_be_read_exactly_give_none(apertium: ApertiumTranslator) -> None:
    assert _read(["^Los/El<det><def><m><pl>$ ^a/a<pr>$^./.<sent>$[][\n", "]"], ["Los a"]) == [
        (Token("Los", "el", ("det", "def", "m", "pl"), 0, 3), Token("a", "a", ("pr",), 4, 5))]
    assert _read(["^a/a<pr>$[\n", "]"], ["a", "b"]) is None  # a line short
    assert _read(["^a/a<pr>$^./.<sent>$[][\n", "]^b/b<n>$^./.<sent>$[][\n", "]"], ["a", "b"]) is None  # an empty line
    assert _read(["^a/a<pr>$ ^etc./etc.<abbr>$[][\n", "]"], ["a etc"]) is None  # the added period glued on
    assert _read(["^sin embargo/sin embargo<adv>$[\n", "] ^a/a<pr>$^./.<sent>$[][\n", "]"],
                 ["sin", "embargo a"]) is None  # a multiword across the line break
    assert _read(["^Zzz/zzz<n>$^./.<sent>$[][\n", "]"], ["Zzz"]) is None  # no analysis explains the tagger's


Analyse = Callable[[Sequence[str], str], list[tuple[Token, ...]]]


def watch_analyser(apertium: ApertiumTranslator, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], Analyse]:
    """The languages the (real) analyser is called for from now on, and its unwatched morphology."""
    analysed: list[str] = []
    original = apertium.analyser.morphology
    monkeypatch.setattr(apertium.analyser, "morphology", lambda lines, lang: analysed.append(lang) or original(lines, lang))
    return analysed, original


@pytest.mark.apertium
def test_translation_and_tokens_are_apertiums_and_the_analysers(apertium: ApertiumTranslator,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    analysed, original = watch_analyser(apertium, monkeypatch)
    lines = ["¿Habrá rally de fin de año en bolsa?", "Los EE.UU. y la ONU lo dicen.", "EL PRESIDENTE habló en Madrid.",
             "Sin embargo llegó: a/b [x] ^y$ @z <w> {v} a\\b ~c", "Él dijo «no» — ÑANDÚ, Ávila, Perú y Jerí",
             "Otra línea\ncon salto"]
    translated, found = apertium.translate_analysed(lines)
    assert not analysed  # all from the translation's own tagger
    assert translated == apertium.translate(lines)
    assert found == original(lines, "es")
    # dictionary case, as `lt-proc -w` gives it: not 'Haber', 'El', 'EL'
    assert (found[0][1].lemma, found[1][0].lemma, found[2][0].lemma) == ("haber", "el", "el")


@pytest.mark.apertium
def test_what_the_stream_cannot_tell_goes_to_the_analyser(apertium: ApertiumTranslator,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    analysed, original = watch_analyser(apertium, monkeypatch)
    for lines in (["Uno.", "", "Dos."], ["Compró pan, leche, etc"], ["Llegó sin", "embargo a casa."]):
        translated, found = apertium.translate_analysed(lines)
        assert translated == apertium.translate(lines) and found == original(lines, "es")
    assert analysed == ["es"] * 3
    assert apertium.translate_analysed([]) == ([], [])
