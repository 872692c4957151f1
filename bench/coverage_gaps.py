"""Coverage gaps: which Spanish and English words coverage leaves without a counterpart in the same faithful pairs.

On faithful dev material (bench/data/written_news.tsv and written_news_2.tsv; with `--corpora`, also NTREX-128's dev
half and the WMT 2008-2011 dev articles from ../shared/corpora), every linked pair's coverage (adequacy.py's, with
the batch's dictionary lookups) is recorded: the Spanish content words with no English counterpart and the English
ones with no Spanish counterpart. Printed: how many there are, the words most often left uncovered on each side, and
the (Spanish, English) pairs that are uncovered in the same sentence pairs most often, scored by count² / sqrt(count
of each word alone) so that a pair that goes together ranks above two frequent words that merely meet. A pair high in
that list is a sense the bilingual dictionary lacks (cientos = hundreds), or a mechanism's gap (the `#` of a
multiword, a currency sign): issue 18's seventeenth pass found its fixes so. Candidates for rules/senses.toml are
kept only where a bilingual dictionary agrees; held-out material is never read here.

    .venv/bin/python bench/coverage_gaps.py [--corpora] [--top N]
"""
from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from review.core.flags import FieldContext, SentencePair, adequacy
from review.core.flags.coverage import Coverage
from review.core.pipeline import analyse
from review.core.text.translate import ApertiumTranslator

from flags import WRITTEN_NEWS, WRITTEN_NEWS_2, wmt_docs, written_pairs  # noqa: E402  (bench/ is on sys.path)
from unseen import ntrex_documents  # noqa: E402

MIN_TOGETHER = 5  # pairs of words met fewer times than this are not listed


@contextmanager
def recording(coverages: list[tuple[SentencePair, Coverage]]) -> Iterator[None]:
    """Record each linked pair with its coverage (adequacy.py's, each field once) while the pipeline runs."""
    original = adequacy.pair_coverages
    seen: set[tuple[str, str, str]] = set()  # the fields recorded (a context's id may be reused once it is freed)

    def recorded(context: FieldContext) -> tuple[list, float]:
        result = original(context)
        if (field := (context.field, context.source, context.target)) not in seen:
            seen.add(field)
            coverages.extend((pair, found) for pair, found, _ in result[0])
        return result

    adequacy.pair_coverages = recorded
    try:
        yield
    finally:
        adequacy.pair_coverages = original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", action="store_true", help="also NTREX-128 dev and WMT 2008-2011 (../shared)")
    parser.add_argument("--top", type=int, default=40, help="how many words and pairs to list")
    args = parser.parse_args()
    pairs = written_pairs(WRITTEN_NEWS) + written_pairs(WRITTEN_NEWS_2)
    if args.corpora:  # NTREX-128's dev half and the WMT 2008-2011 dev articles
        pairs += ntrex_documents("dev")[1] + [doc.pair() for doc in wmt_docs(held_out=False)]
    coverages: list[tuple[SentencePair, Coverage]] = []
    with recording(coverages):
        analyse(pairs, ApertiumTranslator())
    gaps = [({w.surface.lower() for w in found.missing}, {w.surface.lower() for w in found.added})
            for _, found in coverages]
    spanish = Counter(word for missing, _ in gaps for word in missing)
    english = Counter(word for _, added in gaps for word in added)
    together = Counter((es, en) for missing, added in gaps for es in missing for en in added)
    print(f"{len(pairs)} documents, {len(gaps)} linked pairs; uncovered: {sum(spanish.values())} Spanish and "
          f"{sum(english.values())} English content words (counted once per pair)")
    print("Spanish most often uncovered: " + ", ".join(f"{w} {n}" for w, n in spanish.most_common(args.top)))
    print("English most often uncovered: " + ", ".join(f"{w} {n}" for w, n in english.most_common(args.top)))
    ranked = sorted((pair for pair, n in together.items() if n >= MIN_TOGETHER),
                    key=lambda pair: -together[pair] ** 2 / (spanish[pair[0]] * english[pair[1]]) ** 0.5)
    print("Uncovered together (Spanish = English, pairs): "
          + ", ".join(f"{es} = {en} {together[es, en]}" for es, en in ranked[:args.top]))


if __name__ == "__main__":
    main()
