"""chrF and BLEU sufficient statistics of one segment against one reference, as sacrebleu computes them.

sacrebleu's `_extract_corpus_statistics` for `CHRF()` and `BLEU()` (tokeniser 13a, four n-gram orders,
no lowercasing) gives, per segment, the lists that its `_aggregate_and_compute` turns into scores:
- chrF: for each character n-gram order 1-6 (whitespace removed) [hypothesis n-grams (0 when the
  reference has none of that order), reference n-grams, matched n-grams];
- BLEU: [hypothesis length, reference length, matched 1- to 4-grams, hypothesis 1- to 4-grams], in
  13a tokens.

These functions return the same integers, faster: n-grams are counted with C-level iterators (slices
and zips) instead of Python loops, matches are summed over the intersection of the two key views, and the
13a tokeniser's first rule (a space either side of each symbol character) is one str.translate instead of
a regular expression with a template. chrf_statistics_many counts the character n-grams of many pairs at
once with numpy (about three times faster than pair by pair). tests/unit/test_ngram_stats.py checks them
against sacrebleu on generated text; review.core.scoring.metrics still computes every score with sacrebleu.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

import numpy as np

CHRF_ORDER = 6
BLEU_ORDER = 4

# sacrebleu.tokenizers.tokenizer_re.TokenizerRegexp: its first rule, r'([\{-\~\[-\` -\&\(-\+\:-\@\/])' -> r' \1 ',
# replaces every character of that class (all ASCII) by itself between spaces, which a translation table does.
_SYMBOLS = str.maketrans({chr(code): f" {chr(code)} " for code in
                          [*range(0x7B, 0x7F), *range(0x5B, 0x61), *range(0x20, 0x27), *range(0x28, 0x2C),
                           *range(0x3A, 0x41), 0x2F]})
_RULES = (  # its other rules, kept as regular expressions: their matches consume the character before or after
    (re.compile(r"([^0-9])([\.,])"), lambda match: f"{match[1]} {match[2]} "),
    (re.compile(r"([\.,])([^0-9])"), lambda match: f" {match[1]} {match[2]}"),
)
_DIGIT_DASH = re.compile(r"([0-9])(-)")


@lru_cache(maxsize=2**14)
def tokenize_13a(line: str) -> tuple[str, ...]:
    """Tokens of sacrebleu's 13a tokeniser (Tokenizer13a) for `line`, as BLEU preprocesses it (right-stripped)."""
    line = line.rstrip().replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} ".translate(_SYMBOLS)
    for pattern, replacement in _RULES:
        line = pattern.sub(replacement, line)
    if "-" in line:
        line = _DIGIT_DASH.sub(lambda match: f"{match[1]} {match[2]} ", line)
    return tuple(line.split())


def chrf_statistics(hypothesis: str, reference: str) -> list[int]:
    """sacrebleu CHRF()'s statistics of `hypothesis` against the single `reference`."""
    hyp, ref = "".join(hypothesis.split()), "".join(reference.split())
    statistics: list[int] = []
    for n in range(1, CHRF_ORDER + 1):
        hyp_total, ref_total = max(0, len(hyp) - n + 1), max(0, len(ref) - n + 1)
        if not hyp_total or not ref_total:
            statistics += (hyp_total if ref_total else 0, ref_total, 0)
            continue
        hyp_grams, ref_grams = _char_ngrams(hyp, n), _char_ngrams(ref, n)
        statistics += (hyp_total, ref_total, _matches(hyp_grams, ref_grams))
    return statistics


def chrf_statistics_many(hypotheses: Sequence[str], references: Sequence[str]) -> list[list[int]]:
    """chrf_statistics of each (hypothesis, reference) pair, counted for all pairs at once with numpy.

    Each character becomes its rank in the pairs' alphabet, an n-gram the number its ranks spell, tagged with
    its pair's index; np.unique counts the n-grams of each side and the matches are the smaller counts of
    the numbers both sides have. Exact while a tagged 6-gram fits in 63 bits (an alphabet of up to 255
    characters for up to 2**15 pairs); beyond that, pair by pair.
    """
    if not hypotheses:
        return []
    hyps, refs = ["".join(text.split()) for text in hypotheses], ["".join(text.split()) for text in references]
    characters = np.frombuffer(("".join(hyps) + "".join(refs)).encode("utf-32-le"), dtype=np.uint32)
    alphabet = np.unique(characters)
    bits, pair_bits = int(alphabet.size).bit_length(), max(1, (len(hyps) - 1).bit_length())
    if bits * CHRF_ORDER + pair_bits > 63:
        return [chrf_statistics(hypothesis, reference) for hypothesis, reference in zip(hypotheses, references)]
    ranks = np.searchsorted(alphabet, characters).astype(np.uint64) + np.uint64(1)  # 0 never stands for a character
    hyp_lengths = np.fromiter(map(len, hyps), dtype=np.int64, count=len(hyps))
    ref_lengths = np.fromiter(map(len, refs), dtype=np.int64, count=len(refs))
    hyp_ranks, ref_ranks = ranks[:int(hyp_lengths.sum())], ranks[int(hyp_lengths.sum()):]
    statistics = np.zeros((len(hyps), 3 * CHRF_ORDER), dtype=np.int64)
    for n in range(1, CHRF_ORDER + 1):
        hyp_total, ref_total = np.maximum(hyp_lengths - n + 1, 0), np.maximum(ref_lengths - n + 1, 0)
        hyp_grams, hyp_counts = np.unique(_tagged_ngrams(hyp_ranks, hyp_lengths, n, bits), return_counts=True)
        ref_grams, ref_counts = np.unique(_tagged_ngrams(ref_ranks, ref_lengths, n, bits), return_counts=True)
        common, in_hyp, in_ref = np.intersect1d(hyp_grams, ref_grams, assume_unique=True, return_indices=True)
        matches = np.bincount((common >> np.uint64(bits * n)).astype(np.int64), minlength=len(hyps),
                              weights=np.minimum(hyp_counts[in_hyp], ref_counts[in_ref]))
        statistics[:, 3 * n - 3] = np.where(ref_total > 0, hyp_total, 0)
        statistics[:, 3 * n - 2] = ref_total
        statistics[:, 3 * n - 1] = matches.astype(np.int64)
    return statistics.tolist()  # type: ignore[no-any-return]


def _tagged_ngrams(ranks: np.ndarray, lengths: np.ndarray, n: int, bits: int) -> np.ndarray:
    """Every n-gram inside one text of the concatenated `ranks` as one number: the text's index, then the ranks."""
    if ranks.size < n:
        return np.zeros(0, dtype=np.uint64)
    count = ranks.size - n + 1
    grams = ranks[:count].copy()
    for k in range(1, n):
        grams = (grams << np.uint64(bits)) | ranks[k:k + count]
    texts = np.repeat(np.arange(lengths.size, dtype=np.int64), lengths)[:count]
    starts = np.cumsum(lengths) - lengths
    inside = np.arange(count) - starts[texts] <= lengths[texts] - n
    return (texts[inside].astype(np.uint64) << np.uint64(bits * n)) | grams[inside]


def bleu_statistics(hypothesis: str, reference: str) -> list[int]:
    """sacrebleu BLEU()'s statistics of `hypothesis` against the single `reference` (13a tokens)."""
    hyp, ref = tokenize_13a(hypothesis), tokenize_13a(reference)
    correct, total = [], []
    for n in range(1, BLEU_ORDER + 1):
        hyp_total = max(0, len(hyp) - n + 1)
        total.append(hyp_total)
        correct.append(_matches(_word_ngrams(hyp, n), _word_ngrams(ref, n)) if hyp_total and len(ref) >= n else 0)
    return [len(hyp), len(ref), *correct, *total]


def _char_ngrams(text: str, n: int) -> Counter[str]:
    if n == 1:
        return Counter(text)
    return Counter(map(text.__getitem__, map(slice, range(len(text) - n + 1), range(n, len(text) + 1))))


def _word_ngrams(tokens: tuple[str, ...], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(islice(tokens, k, None) for k in range(n))))


def _matches(hyp: Counter, ref: Counter) -> int:  # type: ignore[type-arg]
    """Sum over the n-grams of both of the smaller count."""
    common = hyp.keys() & ref.keys()
    return sum(map(min, map(hyp.__getitem__, common), map(ref.__getitem__, common)))
