"""chrF and BLEU sufficient statistics of one segment against one reference, as sacrebleu computes them.

sacrebleu's `_extract_corpus_statistics` for `CHRF()` and `BLEU()` (tokeniser 13a, four n-gram orders,
no lowercasing) gives, per segment, the lists that its `_aggregate_and_compute` turns into scores:
- chrF: for each character n-gram order 1-6 (whitespace removed) [hypothesis n-grams (0 when the
  reference has none of that order), reference n-grams, matched n-grams];
- BLEU: [hypothesis length, reference length, matched 1- to 4-grams, hypothesis 1- to 4-grams], in
  13a tokens.

These functions return the same integers, about twice as fast: n-grams are counted with C-level
iterators (slices and zips) instead of Python loops, matches are summed over the intersection of the
two key views, and the 13a tokeniser's first rule (a space either side of each symbol character) is one
str.translate instead of a regular expression with a template. tests/unit/test_ngram_stats.py checks them
against sacrebleu on generated text; review.core.metrics still computes every score with sacrebleu.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import islice

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
