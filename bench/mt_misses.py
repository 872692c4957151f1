"""The dev MT error items no detector catches, with what coverage leaves uncovered on each side.

Reads bench/data/mt_errors.tsv and mt_errors_2.tsv (dev material written for the project; the held-out MT sets are
never read here), runs them through the pipeline as bench/flags.py does, and prints each erroneous item of the
chosen directions and kinds that gets no major or critical flag: its two sentences and the Spanish and English content
words coverage (adequacy.py's) left without a counterpart.
Uncovered words that a faithful rendering also has (corrige = fixes, comerciantes = shopkeepers) are dictionary gaps
that hide the invented or dropped stretch: issue 18's eighteenth pass found its last fixes so.

    .venv/bin/python bench/mt_misses.py [--direction es-en|en-es] [--kinds partial_hallucination,both,...]
"""
from __future__ import annotations

import argparse

from review.core.flags import SentencePair
from review.core.flags.coverage import Coverage
from review.core.model import DocumentPair, Severity, Text
from review.core.pipeline import analyse
from review.core.text.translate import ApertiumTranslator

from coverage_gaps import recording  # noqa: E402  (bench/ is on sys.path when this script runs)
from flags import MT_ERRORS, MT_ERRORS_2, mt_items  # noqa: E402

SERIOUS = (Severity.MAJOR, Severity.CRITICAL)
KINDS = "partial_omission,partial_hallucination,full_hallucination,both"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direction", choices=("es-en", "en-es"), default=None, help="one direction only")
    parser.add_argument("--kinds", default=KINDS, help=f"comma-separated labels (default {KINDS})")
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    items = [(f"{path.stem}/{item_id}", spanish, english) for path in (MT_ERRORS, MT_ERRORS_2)
             for item_id, direction, label, spanish, english in mt_items(path)
             if label in kinds and args.direction in (None, direction)]
    coverages: list[tuple[SentencePair, Coverage]] = []
    with recording(coverages):
        analyses = analyse([DocumentPair(item_id, Text("", es), Text("", en)) for item_id, es, en in items],
                           ApertiumTranslator())
    found = {pair.source: coverage for pair, coverage in coverages}  # Spanish sentence -> its pair's coverage
    missed = [item for item, result in zip(items, analyses)
              if not any(flag.severity in SERIOUS for flag in result.flags)]
    print(f"{len(missed)} of {len(items)} items with no major or critical flag")
    for item_id, spanish, english in missed:
        print(f"\n{item_id}\n  ES {spanish}\n  EN {english}")
        if coverage := found.get(spanish):
            print(f"  uncovered Spanish: {', '.join(w.surface for w in coverage.missing) or '-'}; English: "
                  f"{', '.join(w.surface for w in coverage.added) or '-'}")


if __name__ == "__main__":
    main()
