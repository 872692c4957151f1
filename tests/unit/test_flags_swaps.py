"""`mistranslation`: one content word rendered as another of its kind, table-driven.

Sentences written for these tests, each positive next to its faithful negative, run through real Apertium
(translation, morphology and the bilingual dictionary) as the pipeline does.
"""
from __future__ import annotations

import pytest

from review.core.flags import detect_all
from review.core.model import Severity
from review.core.text.translate import ApertiumTranslator
from tests.unit.test_flags_adequacy import with_dictionary

pytestmark = pytest.mark.apertium

CASES = [
    # (source, target, flagged)
    # a closed set: seasons, times of day, compass points, kin
    ("El lago se congela cada invierno.", "The lake freezes every summer.", True),
    ("El lago se congela cada invierno.", "The lake freezes every winter.", False),
    ("Las obras empezarán por la mañana.", "The works will start in the evening.", True),
    ("Las obras empezarán por la tarde.", "The works will start in the evening.", False),  # tarde runs into evening
    ("La ciudad está en el sur de Francia.", "The city is in the east of France.", True),
    ("La ciudad está en el sur de Francia.", "The city is in the south of France.", False),
    ("La ciudad está en el sur de Francia.", "The city is in the north of France.", False),  # antonym's: north/south
    ("Su hermana ganó el premio.", "Her daughter won the prize.", True),
    # a colour inside a fixed phrase is no colour
    ("La empresa está en números rojos.", "The company is in the red.", False),
    # demonyms of places apart; not a compound's part
    ("El chef francés abrió un restaurante.", "The Italian chef opened a restaurant.", True),
    ("El chef francés abrió un restaurante.", "The French chef opened a restaurant.", False),
    # co-hyponyms among concrete nouns; a broader English word is a translator's generalisation
    ("El gato duerme en el sofá.", "The dog sleeps on the sofa.", True),
    ("El gato duerme en el sofá.", "The cat sleeps on the sofa.", False),
    ("Las hormigas invadieron la cocina.", "Bugs invaded the kitchen.", False),
    # an English verb is no member of a set: "left" for razón (right)
    ("Meses después se supo la razón.", "Months later we learned why he had left.", False),
]


@pytest.mark.parametrize(("source", "target", "flagged"), CASES)
def test_mistranslation(apertium: ApertiumTranslator, source: str, target: str, flagged: bool) -> None:
    found = [f for f in detect_all(with_dictionary(apertium, source, target)) if f.code == "mistranslation"]
    assert bool(found) == flagged
    assert all(f.severity is Severity.MAJOR for f in found)
