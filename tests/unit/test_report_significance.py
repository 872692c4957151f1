"""Reference scores with bootstrap CIs, paired comparison of renderings, and the baseline drop test."""
from __future__ import annotations

import copy

import pytest

from review.core.model import DocumentPair, Text
from review.core.scoring.references import reference_segments
from review.core.scoring.significance import baseline_check, compare_renderings, reference_scores, with_baseline

REFERENCES = ["The president rejected the humanitarian corridor on Monday.",
              "Prices rose by three percent in March, the institute said.",
              "The minister denied the report in a statement.",
              "Rescue teams reached the village after two days."] * 10
CLOSE = ["The president rejected the humanitarian corridor on Monday.",
         "Prices rose three percent in March, said the institute.",
         "The minister denied the report in a statement.",
         "Rescue teams reached the village two days later."] * 10
FAR = ["President says no to corridor.", "Prices went up.", "Minister: report false.", "Teams got there."] * 10


def test_reference_segments_are_paragraphs_when_they_match_else_fields() -> None:
    pairs = [DocumentPair("a", Text("T", "Cuerpo."), Text("Head  line", "Body\n\ntwo."), Text("Ref head", "Ref body.")),
             DocumentPair("b", Text("T", "Cuerpo."), Text("H", "B."), None),
             DocumentPair("c", Text("", "Cuerpo."), Text("", "Body."), Text("", "Ref."))]
    assert reference_segments(pairs) == (["Head line", "Body two.", "Body."], ["Ref head", "Ref body.", "Ref."])
    same_paragraphs = DocumentPair("d", Text("T", "Uno.\n\nDos."), Text("", "One.\n\n\nTwo  too."), Text("", "1.\n\n2."))
    assert reference_segments([same_paragraphs]) == (["One.", "Two too."], ["1.", "2."])


def test_reference_scores_have_signatures_and_confidence_intervals() -> None:
    pairs = [DocumentPair(str(i), Text("T", "C."), Text("", hyp), Text("", ref)) for i, (hyp, ref) in enumerate(zip(CLOSE, REFERENCES))]
    scores = reference_scores(pairs)
    assert scores is not None and scores["documents"] == 40 and scores["segments"] == 40
    for metric in ("BLEU", "chrF", "TER"):
        assert "bs:1000" in scores[metric]["signature"] and "seed:12345" in scores[metric]["signature"]
        assert 0 < scores[metric]["ci95"] < 20
        assert abs(scores[metric]["mean"] - scores[metric]["score"]) < scores[metric]["ci95"]
    assert scores["chrF"]["score"] > 80 and scores["TER"]["score"] < 30
    assert reference_scores([DocumentPair("x", Text("T", "C."), Text("H", "B."))]) is None


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_compare_finds_the_better_rendering_significant(test: str) -> None:
    comparisons = {c.metric: c for c in compare_renderings(FAR, CLOSE, REFERENCES, test=test)}
    assert set(comparisons) == {"BLEU", "chrF", "TER"}
    for comparison in comparisons.values():
        assert comparison.better == "B" and comparison.significant and comparison.p_value < 0.05
        assert f"{test}:" in comparison.signature
    assert comparisons["TER"].b < comparisons["TER"].a  # lower TER is better


def test_compare_of_a_rendering_with_itself_is_a_tie() -> None:
    for comparison in compare_renderings(CLOSE, CLOSE, REFERENCES, test="ar"):
        assert comparison.better is None and not comparison.significant and comparison.a == comparison.b


def test_compare_needs_parallel_segments() -> None:
    with pytest.raises(ValueError, match="same non-zero number"):
        compare_renderings(CLOSE, CLOSE[:-1], REFERENCES)


def report(scores: list[tuple[str, float, float]]) -> dict:  # type: ignore[type-arg]
    """A minimal `review check` report: (id, chrF, mqm) per document."""
    return {"summary": {"gate": {"passed": True, "reasons": []}},
            "documents": [{"id": doc, "scores": {"chrF": chrf, "mqm": mqm}} for doc, chrf, mqm in scores]}


BASELINE = report([(f"old-{i}", 50.0 + (i % 5), 95.0 + (i % 3)) for i in range(30)])


def test_baseline_unpaired_fails_only_on_a_significant_drop() -> None:
    similar = report([(f"new-{i}", 50.5 + (i % 5), 95.0 + ((i + 1) % 3)) for i in range(30)])
    check = baseline_check(similar, BASELINE)
    assert check["paired"] is False and check["reasons"] == []
    assert [m["measure"] for m in check["measures"]] == ["chrF", "MQM"]
    better = report([(f"new-{i}", 70.0 + (i % 5), 99.0) for i in range(30)])
    assert baseline_check(better, BASELINE)["reasons"] == []
    worse = report([(f"new-{i}", 40.0 + (i % 5), 95.0 + (i % 3)) for i in range(30)])
    check = baseline_check(worse, BASELINE)
    chrf = check["measures"][0]
    assert chrf["significant_drop"] and chrf["difference"] == -10.0 and chrf["p_value"] < 0.001
    assert not check["measures"][1]["significant_drop"]
    assert check["reasons"] == ["significant drop in mean document chrF against the baseline: 52 -> 42 "
                                f"(p = {chrf['p_value']:g} < 0.05)"]


def test_baseline_paired_when_the_same_documents_are_rechecked() -> None:
    small_drop = report([(f"old-{i}", 50.0 + (i % 5) - 0.5, 95.0 + (i % 3)) for i in range(30)])
    check = baseline_check(small_drop, BASELINE)
    assert check["paired"] is True
    assert check["measures"][0]["significant_drop"]  # consistent per-document drop: significant when paired
    noisy = report([(f"old-{i}", 50.0 + (i % 5) + (1.0 if i % 2 else -1.2), 95.0 + (i % 3)) for i in range(30)])
    assert not baseline_check(noisy, BASELINE)["measures"][0]["significant_drop"]


def test_baseline_uses_reference_chrf_when_both_reports_have_it() -> None:
    old, new = copy.deepcopy(BASELINE), copy.deepcopy(BASELINE)
    for document in old["documents"]:
        document["scores"]["reference"] = {"chrF": 60.0 + len(document["id"]) % 3}
    for document in new["documents"]:
        document["scores"]["reference"] = {"chrF": 45.0 + len(document["id"]) % 3}
    check = baseline_check(new, old)
    assert check["measures"][0]["measure"] == "reference chrF" and check["measures"][0]["significant_drop"]


def test_with_baseline_fails_the_gate_and_keeps_the_original() -> None:
    worse = report([(f"new-{i}", 40.0 + (i % 5), 95.0) for i in range(30)])
    result = with_baseline(worse, BASELINE)
    assert result["summary"]["gate"]["passed"] is False and "chrF" in result["summary"]["gate"]["reasons"][0]
    assert result["summary"]["baseline"]["measures"]
    assert worse["summary"]["gate"]["passed"] is True and "baseline" not in worse["summary"]


@pytest.mark.parametrize(
    ("baseline", "fragment"),
    [([], "no \"documents\" list"), ({"documents": [{"id": "a"}]}, "document 1 has no id or no scores"),
     ({"documents": [{"id": "a", "scores": {"chrF": "high"}}]}, "document 1 (a): chrF is not a number")],
)
def test_baseline_rejects_what_is_not_a_report(baseline: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        baseline_check(BASELINE, baseline)  # type: ignore[arg-type]


def test_reference_scores_are_sacrebleus_corpus_score_with_bootstrap() -> None:
    """Scores, bootstrap means, intervals and signatures from the cached statistics are exactly what sacrebleu's
    corpus_score(..., n_bootstrap=1000) gives on the same segments."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    from review.core.scoring.metrics import _REFERENCE_CACHE

    hypotheses = [*CLOSE[:4], *FAR[:4], "Rain is expected on Thursday, forecasters said."]
    references = [*REFERENCES[:4], *REFERENCES[:4], "Forecasters expect rain on Thursday."]
    pairs = [DocumentPair(str(i), Text("T", "C."), Text("", hyp), Text("", ref))
             for i, (hyp, ref) in enumerate(zip(hypotheses, references))]
    for cached in (False, True):  # first computed, then from the cache
        if not cached:
            _REFERENCE_CACHE.clear()
        scores = reference_scores(pairs)
        assert scores is not None
        for name, metric in {"BLEU": BLEU(), "chrF": CHRF(), "TER": TER()}.items():
            direct = metric.corpus_score(hypotheses, [references], n_bootstrap=1000)
            assert scores[name] == {"score": round(direct.score, 2), "mean": round(direct._mean, 2),
                                    "ci95": round(direct._ci, 2), "signature": metric.get_signature().format()}
