"""WordNet read in place (review/core/flags/wordnet.py): antonyms, and base forms of words the analyser lacks; the
Spanish wordnet's English words (review/core/flags/spanish_wordnet.py)."""
from __future__ import annotations

from review.core.flags.spanish_wordnet import english_words
from review.core.flags.wordnet import antonyms, base_forms, synset_words


def test_inflected_forms_find_their_lemma_by_wordnet_rules() -> None:
    assert base_forms("permitted", "v") == ("permit",)  # a doubled consonant undone
    assert base_forms("stopping", "v") == ("stop",)
    assert base_forms("allowed", "v") == ("allow",)  # one answer, though two rules reach it
    assert base_forms("permit", "v") == ("permit",)  # a lemma is its own base
    assert base_forms("qwertyed", "v") == ()


def test_antonyms_of_a_base_form_render_a_negated_word() -> None:
    assert "forbid" in antonyms(base_forms("permitted", "v")[0], "v")  # not permitted = prohibido
    assert {"distrust", "mistrust"} <= antonyms("trust", "v")


def test_spanish_lemmas_give_the_english_words_of_their_synsets() -> None:
    assert "casualty" in english_words("victima", "n")  # through the package's own English wordnet (1.6)
    assert {"fail", "flop"} <= english_words("fracasar", "v")
    assert "farmer" in english_words("granjero", "n")  # through WordNet 3.0 offsets, read from Debian's files
    assert "draw" in english_words("empate", "n") and "draw" not in english_words("empate", "v")  # by part of speech
    assert english_words("qwertyzz", "n") == frozenset()


def test_a_synset_is_read_only_where_one_starts() -> None:
    assert "one" in synset_words(13742573, "n")
    assert synset_words(13742574, "n") == ()  # the middle of a line
