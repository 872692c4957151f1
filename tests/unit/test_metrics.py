"""sacrebleu wrapper: metric names, scale, signatures, sentence and corpus level."""
from __future__ import annotations

import pytest

from review.core.scoring.metrics import corpus_scores, corpus_signatures, score_of, sentence_scores


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
    from review.core.scoring.metrics import hter

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
    from review.core.scoring.metrics import corpus_scores_from, segment_statistics, sentence_scores_from

    hypotheses = ["The president spoke to the press on Monday.", "", "Border closed.", "Ten thousand marched"]
    references = ["The president talked with the press Monday.", "An extra sentence.", "The border is closed.", ""]
    statistics = segment_statistics(hypotheses, references)
    assert set(statistics[0]) == {"chrF", "BLEU"}
    assert corpus_scores_from(statistics) == corpus_scores(hypotheses, references)[:2]
    assert corpus_scores_from(statistics[:2]) == corpus_scores(hypotheses[:2], references[:2])[:2]
    assert [sentence_scores_from(s) for s in statistics[:1]] == [sentence_scores(hypotheses[0], references[0])]


REFERENCE_HYPOTHESES = ["The president spoke to the press on Monday .", "", "Border closed.", "Ten thousand marched",
                        "Prices rose by three percent in March, the institute said, and then fell again in April."]
REFERENCE_TEXTS = ["The president talked with the press Monday.", "An extra sentence.", "The border is closed.", "",
                   "In March prices went up three percent, said the institute; in April they fell again."]


def test_reference_statistics_give_sacrebleus_corpus_scores() -> None:
    """Document reference scores from cached statistics are sacrebleu's corpus_score on the same segments."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    from review.core.scoring.metrics import reference_scores_from, reference_statistics

    statistics = reference_statistics(REFERENCE_HYPOTHESES, REFERENCE_TEXTS)
    assert set(statistics[0]) == {"chrF", "BLEU", "TER"}
    direct = [metric.corpus_score(REFERENCE_HYPOTHESES, [REFERENCE_TEXTS]).score for metric in (CHRF(), BLEU(), TER())]
    assert [score.value for score in reference_scores_from(statistics)] == [round(value, 6) for value in direct]
    assert reference_scores_from(statistics) == corpus_scores(REFERENCE_HYPOTHESES, REFERENCE_TEXTS)


def test_reference_statistics_are_computed_once_per_segment(monkeypatch: pytest.MonkeyPatch) -> None:
    from review.core.scoring import metrics

    metrics._REFERENCE_CACHE.clear()
    computed: list[str] = []
    original = metrics._extract
    monkeypatch.setattr(metrics, "_extract",
                        lambda metric, hyps, refs: computed.extend(hyps) or original(metric, hyps, refs))
    first = metrics.reference_statistics(REFERENCE_HYPOTHESES[:3], REFERENCE_TEXTS[:3])
    assert len(computed) == 3 * 3  # three segments, three metrics
    again = metrics.reference_statistics(REFERENCE_HYPOTHESES, REFERENCE_TEXTS)
    assert computed[9:] == REFERENCE_HYPOTHESES[3:] * 3  # only the two new segments
    assert again[:3] == first
    # the same hypothesis against another reference is another segment
    metrics.reference_statistics([REFERENCE_HYPOTHESES[0]], ["Something else entirely."])
    assert len(computed) == 9 + 6 + 3
    # statistics computed elsewhere (a forked worker) are taken as they are
    metrics.remember_reference_statistics(["x y"], ["x z"], [{"chrF": [0], "BLEU": [0], "TER": [7.0, 2.0]}])
    assert metrics.reference_statistics(["x y"], ["x z"])[0]["TER"] == [7.0, 2.0] and len(computed) == 18
    with pytest.raises(ValueError):
        metrics.remember_reference_statistics(["a"], ["b"], [])
    metrics._REFERENCE_CACHE.clear()


def test_reference_statistics_cache_is_bounded() -> None:
    from review.core.scoring.metrics import _StatisticsCache

    cache = _StatisticsCache(2)
    cache.put_many([(b"a", {"TER": [1.0, 1.0]}), (b"b", {"TER": [2.0, 1.0]})])
    assert cache.get_many([b"a"]) == [{"TER": [1.0, 1.0]}]  # a is now the most recent
    cache.put_many([(b"c", {"TER": [3.0, 1.0]})])
    assert cache.get_many([b"a", b"b", b"c"]) == [{"TER": [1.0, 1.0]}, None, {"TER": [3.0, 1.0]}]
