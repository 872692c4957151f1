"""sacrebleu wrapper: metric names, scale, signatures, sentence and corpus level."""
from __future__ import annotations

import pytest

from review.core.metrics import corpus_scores, corpus_signatures, score_of, sentence_scores


def test_sentence_scores_identical_and_different() -> None:
    same = sentence_scores("The president ruled out the corridor.", "The president ruled out the corridor.")
    assert [s.metric for s in same] == ["chrF", "BLEU", "TER"]
    assert score_of(same, "chrF") == 100.0 and score_of(same, "BLEU") == 100.0 and score_of(same, "TER") == 0.0
    other = sentence_scores("Rain is expected on Thursday.", "The president ruled out the corridor.")
    assert 0 <= score_of(other, "chrF") < 30 and score_of(other, "TER") > 50


def test_signatures_are_recorded() -> None:
    chrf, bleu, ter = sentence_scores("a b c", "a b c")
    assert chrf.signature.startswith("nrefs:1|") and "version:2." in chrf.signature
    assert "eff:yes" in bleu.signature and "tok:tercom" in ter.signature
    corpus_bleu = corpus_scores(["a b c"], ["a b c"])[1]
    assert "eff:no" in corpus_bleu.signature
    assert corpus_signatures()["BLEU"] == corpus_bleu.signature


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
    assert corpus_scores_from(statistics) == corpus_scores(hypotheses, references)
    assert corpus_scores_from(statistics[:2]) == corpus_scores(hypotheses[:2], references[:2])
    assert [sentence_scores_from(s) for s in statistics[:1]] == [sentence_scores(hypotheses[0], references[0])]
