"""WordNet read in place (review/core/flags/wordnet.py): antonyms, and base forms of words the analyser lacks."""
from __future__ import annotations

from review.core.flags.wordnet import antonyms, base_forms


def test_inflected_forms_find_their_lemma_by_wordnet_rules() -> None:
    assert base_forms("permitted", "v") == ("permit",)  # a doubled consonant undone
    assert base_forms("stopping", "v") == ("stop",)
    assert base_forms("allowed", "v") == ("allow",)  # one answer, though two rules reach it
    assert base_forms("permit", "v") == ("permit",)  # a lemma is its own base
    assert base_forms("qwertyed", "v") == ()


def test_antonyms_of_a_base_form_render_a_negated_word() -> None:
    assert "forbid" in antonyms(base_forms("permitted", "v")[0], "v")  # not permitted = prohibido
    assert {"distrust", "mistrust"} <= antonyms("trust", "v")
