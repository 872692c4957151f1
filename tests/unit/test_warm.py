"""Warm Apertium (review.core.text.warm): the same translation and tokens per document as a call of its own,
whatever shares the call; destxt's text cut back into documents exactly; a killed or stalled chain started
again with nothing lost. Real Apertium processes throughout."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from review.core.text.apertium import run_stage
from review.core.text.morphology import ApertiumAnalyser
from review.core.text.translate import ApertiumTranslator
from review.core.text.warm import WarmApertium, deformat

pytestmark = pytest.mark.apertium

SPANISH = [
    ["El Gobierno aprueba el plan de ajuste sin el apoyo de la oposición",
     "El ministro de Economía dijo que la medida no afectará a las pensiones.",
     "«No vamos a subir los impuestos», aseguró en rueda de prensa."],
    ["La banca registra pérdidas récord", "Los bancos perdieron 3.000 millones en el primer trimestre.",
     "Según los analistas, la caída podría continuar hasta finales de año."],
    ["Un incendio obliga a desalojar  dos edificios [actualizado]",
     "Los bomberos tardaron casi dos horas en controlar las llamas.", "No hubo heridos."],
    ["Récord de visitantes en el museo", "El museo recibió a más de un millón de personas\\ el año pasado."],
    [],
    ["La selección gana y se clasifica", "El equipo venció por dos a cero en un partido sin sorpresas.",
     "El entrenador elogió a sus jugadores y criticó el estado del césped."],
]
ENGLISH = [
    ["Government passes austerity plan without opposition support",
     "The economy minister said the measure would not affect pensions.",
     "\"We are not going to raise taxes,\" he told a news conference."],
    ["Banks post record losses", "Banks lost 3 billion in the first quarter.",
     "Analysts say the fall could continue until the end of the year."],
    ["Fire forces evacuation of two buildings [updated]", "Firefighters took almost two hours to control the flames.",
     "Nobody was hurt."],
    ["Record number of visitors at the museum", "The museum received more than a million people last year."],
    ["An English text whose Spanish is missing."],
    ["National team wins and qualifies", "The team won two-nil in a match without surprises.",
     "The coach praised his players and criticised the state of the pitch."],
]


@pytest.fixture(scope="module")
def alone(apertium: ApertiumTranslator) -> list[tuple[list[str], list, list]]:
    """Each document translated and analysed by cold Apertium calls of its own."""
    analyser = ApertiumAnalyser()
    return [(*apertium.translate_analysed(source), analyser.morphology(target, "en"))
            for source, target in zip(SPANISH, ENGLISH)]


@pytest.mark.parametrize("parallel", [1, 2])
def test_each_document_comes_out_as_from_a_call_of_its_own(alone: list, parallel: int) -> None:
    with WarmApertium(parallel=parallel) as warm:
        for _ in range(2):  # the chains carry nothing from one call to the next
            translated, source_tokens, target_tokens = warm.translate_documents(SPANISH, ENGLISH)
            assert list(zip(translated, source_tokens, target_tokens)) == [tuple(a) for a in alone]
        order = [5, 2, 0, 3, 1, 4]  # nor from one document to the next
        translated, source_tokens, target_tokens = warm.translate_documents([SPANISH[i] for i in order],
                                                                            [ENGLISH[i] for i in order])
        assert list(zip(translated, source_tokens, target_tokens)) == [tuple(alone[i]) for i in order]
        assert warm.restarts() == 0


def test_destxt_text_is_cut_back_into_each_documents_own() -> None:
    documents = [document for document in SPANISH if document] + [["a  b\tc", "x \\[y] ^$@<>{}/ w"], ["sin punto"]]
    assert deformat(documents) == [run_stage(["apertium-destxt"], "".join(line + "\n" for line in document))
                                   for document in documents]


def test_plain_translation_split_at_sentence_ends_matches_one_call(apertium: ApertiumTranslator) -> None:
    lines = [line for document in SPANISH for line in document if line.endswith(".")]
    with WarmApertium(parallel=2) as warm:
        assert warm.translate(lines) == apertium.translate(lines)


def test_texts_cut_as_for_two_chain_sets_translate_alike_on_one() -> None:
    """review align cuts its text as where each core had a chain set, whatever the number of sets."""
    lines = [line for document in SPANISH * 3 for line in document]
    with WarmApertium(parallel=2) as two:
        expected, alone = two.translate(lines), two.translate(lines[:1])
    with WarmApertium(parallel=1) as one:
        assert one.translate(lines, texts=2) == expected
        assert one.translate(lines[:1], texts=2) == alone  # too short to cut: one text


def test_a_killed_chain_is_started_again_and_its_documents_sent_again(alone: list) -> None:
    copies = 200  # about a second of translation here, so the kill at 0.2 s lands mid-batch (40 took 0.23 s: a race)
    many_spanish, many_english = SPANISH * copies, ENGLISH * copies
    with WarmApertium() as warm:
        warm.translate_documents(SPANISH[:1], ENGLISH[:1])  # chains started
        victim = next(pid for pid in warm.sets[0].translation.pids()
                      if "apertium-transfer" in open(f"/proc/{pid}/cmdline").read())
        killer = threading.Timer(0.2, os.kill, (victim, signal.SIGKILL))
        killer.start()
        translated, source_tokens, target_tokens = warm.translate_documents(many_spanish, many_english)
        killer.join()
        assert list(zip(translated, source_tokens, target_tokens)) == [tuple(a) for a in alone] * copies
        assert warm.restarts() == 1 and victim not in warm.pids()


def test_a_stalled_chain_is_killed_and_started_again(alone: list) -> None:
    with WarmApertium(stall_seconds=5) as warm:
        warm.translate_documents(SPANISH[:1], ENGLISH[:1])
        victim = next(pid for pid in warm.sets[0].translation.pids()
                      if "apertium-interchunk" in open(f"/proc/{pid}/cmdline").read())
        os.kill(victim, signal.SIGSTOP)
        started = time.monotonic()
        translated, source_tokens, target_tokens = warm.translate_documents(SPANISH, ENGLISH)
        assert time.monotonic() - started < 120
        assert list(zip(translated, source_tokens, target_tokens)) == [tuple(a) for a in alone]
        assert warm.restarts() == 1 and victim not in warm.pids()
