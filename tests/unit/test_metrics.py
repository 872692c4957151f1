"""sacrebleu wrapper: metric names, scale, signatures, sentence and corpus level."""
from __future__ import annotations

import pytest

from review.core.metrics import corpus_scores, corpus_signatures, score_of, sentence_scores


def test_sentence_scores_identical_and_different() -> None:
    """Link scores against the pseudo-reference are chrF and BLEU: no TER against Apertium output."""
    same = sentence_scores("The president ruled out the corridor.", "The president ruled out the corridor.")
    assert [s.metric for s in same] == ["chrF", "BLEU"]
    assert score_of(same, "chrF") == 100.0 and score_of(same, "BLEU") == 100.0 and score_of(same, "TER") is None
    other = sentence_scores("Rain is expected on Thursday.", "The president ruled out the corridor.")
    assert 0 <= score_of(other, "chrF") < 30 and score_of(other, "BLEU") < 30


def test_signatures_are_recorded() -> None:
    chrf, bleu = sentence_scores("a b c", "a b c")
    assert chrf.signature.startswith("nrefs:1|") and "version:2." in chrf.signature
    assert "eff:yes" in bleu.signature
    corpus_bleu, corpus_ter = corpus_scores(["a b c"], ["a b c"])[1:]
    assert "eff:no" in corpus_bleu.signature and "tok:tercom" in corpus_ter.signature
    assert corpus_signatures() == {"chrF": chrf.signature, "BLEU": corpus_bleu.signature}


def test_reference_scores_carry_ter_and_hter() -> None:
    """Against a human reference (and a post-edit) TER is still computed."""
    from review.core.metrics import hter

    scores = corpus_scores(["Rain is expected on Thursday."], ["The president ruled out the corridor."])
    assert [s.metric for s in scores] == ["chrF", "BLEU", "TER"] and score_of(scores, "TER") > 50
    assert hter("The cat sat.", "The cat sat.") == 0.0 and hter("The cat sat.", "A dog ran off.") > 50


def test_corpus_scores_and_length_check() -> None:
    scores = corpus_scores(["the cat sat on the mat", "a dog"], ["the cat sat on the mat", "a dog"])
    assert score_of(scores, "chrF") == 100.0 and score_of(scores, "TER") == 0.0
    assert score_of(scores, "missing") is None
    with pytest.raises(ValueError):
        corpus_scores(["a"], [])


def test_scores_from_statistics_equal_direct_scores() -> None:
    from review.core.metrics import corpus_scores_from, segment_statistics, sentence_scores_from

    hypotheses = ["The president spoke to the press on Monday.", "", "Border closed.", "Ten thousand marched"]
    references = ["The president talked with the press Monday.", "An extra sentence.", "The border is closed.", ""]
    statistics = segment_statistics(hypotheses, references)
    assert set(statistics[0]) == {"chrF", "BLEU"}
    assert corpus_scores_from(statistics) == corpus_scores(hypotheses, references)[:2]
    assert corpus_scores_from(statistics[:2]) == corpus_scores(hypotheses[:2], references[:2])[:2]
    assert [sentence_scores_from(s) for s in statistics[:1]] == [sentence_scores(hypotheses[0], references[0])]
