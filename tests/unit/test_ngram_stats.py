"""review.core.scoring.ngram_stats gives exactly sacrebleu's chrF and BLEU statistics (and 13a tokens)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from review.core.scoring.ngram_stats import bleu_statistics, chrf_statistics, chrf_statistics_many, tokenize_13a

# what 13a's rules look at (digits next to '.', ',' and '-', its symbol class, entities, line breaks), words and
# non-ASCII letters, punctuation and spaces
ALPHABET = st.sampled_from(list("0123456789.,-'\"&;:/()[]{}<>@^`~_|!?$%#*+= \t\n\u00a0\u2019éñçÉ") + ["the", "cat",
                           "&amp;", "&quot;", "&lt;", "&gt;", "<skipped>", "-\n", " . ", "3.5", "1,000", "año"])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)

CASES = [
    ("", ""), ("a", ""), ("", "a"), ("ab", "a"), ("The cat sat on the mat.", "The cat sat on the mat."),
    ("Prices rose 3.5% to $1,000 (in 2008-2009).", "Prices went up 3.5 % to 1.000 dollars, in 2008 - 2009 ."),
    ("He said: \"no\" &amp; left...", "He said \u201cno\u201d and left."), ("año  niño\tcañón", "ano nino canon"),
]


def _same(hypothesis: str, reference: str) -> None:
    assert chrf_statistics(hypothesis, reference) == CHRF()._extract_corpus_statistics([hypothesis], [[reference]])[0]
    assert bleu_statistics(hypothesis, reference) == BLEU()._extract_corpus_statistics([hypothesis], [[reference]])[0]
    assert tokenize_13a(hypothesis) == tuple(Tokenizer13a()(hypothesis.rstrip()).split())


def test_known_cases() -> None:
    for hypothesis, reference in CASES:
        _same(hypothesis, reference)
    hypotheses, references = zip(*CASES)
    assert chrf_statistics_many(hypotheses, references) == [chrf_statistics(*case) for case in CASES]
    assert chrf_statistics_many([], []) == []


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT)
def test_generated_text(hypothesis: str, reference: str) -> None:
    _same(hypothesis, reference)


def test_statistics_are_ints() -> None:
    """sacrebleu sums statistics keeping the first one's type: ints must stay ints."""
    statistics = chrf_statistics("a b c", "a b d") + bleu_statistics("a b c", "a b d")
    assert all(type(value) is int for value in statistics)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), max_size=12))
def test_many_pairs_at_once(pairs: list[tuple[str, str]]) -> None:
    assert chrf_statistics_many([h for h, _ in pairs], [r for _, r in pairs]) == [chrf_statistics(*pair) for pair in pairs]


def test_many_pairs_beyond_63_bits_go_pair_by_pair() -> None:
    """An alphabet of 2,000 characters needs 11 bits a character: 66 bits for a 6-gram, so pair by pair."""
    wide = "".join(map(chr, range(0x4E00, 0x4E00 + 2000)))
    pairs = [(wide[:1000], wide[500:1500]), ("abc", "abd")]
    assert chrf_statistics_many(*zip(*pairs)) == [chrf_statistics(*pair) for pair in pairs]
