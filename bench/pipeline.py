"""Pipeline throughput on the WMT dev articles (2008-2011): one Apertium call per batch vs per document.

Reads ../shared/corpora/wmt-newstest-es-orig (never copied into the repo), builds document pairs with
the professional English as the rendering, and times review.core.pipeline.analyse. Prints medians
over --repeat runs and the ratio against the per-document baseline measured in the same run.

    .venv/bin/python bench/pipeline.py [--repeat 3] [--docs N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from review.core.model import DocumentPair, Text
from review.core.pipeline import analyse
from review.core.text.translate import ApertiumTranslator

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wmt-newstest-es-orig" / "docs.jsonl"
DEV_SETS = {"news-test2008", "newstest2009", "newstest2010", "newstest2011"}


def dev_pairs(limit: int | None) -> list[DocumentPair]:
    """Dev documents as pairs: `hl` blocks make the headline, every other block a body paragraph."""
    pairs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["set"] not in DEV_SETS:
            continue

        def side(lang: str) -> Text:
            blocks: dict[tuple[bool, int], list[str]] = {}
            for segment in doc["segments"]:
                blocks.setdefault((segment["block"] == "hl", segment["para"]), []).append(segment[lang])
            headline = " ".join(" ".join(s) for (is_headline, _), s in blocks.items() if is_headline)
            body = "\n\n".join(" ".join(s) for (is_headline, _), s in blocks.items() if not is_headline)
            return Text(headline, body)

        pairs.append(DocumentPair(id=doc["docid"], source=side("es"), target=side("en")))
    return pairs[:limit] if limit else pairs


def timed(run: callable) -> float:  # type: ignore[valid-type]
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", type=int, default=None, help="limit the number of dev documents")
    args = parser.parse_args()
    pairs = dev_pairs(args.docs)
    translator = ApertiumTranslator()
    sentences = sum(len(f.source_segments) for a in analyse(pairs, translator) for f in a.fields)
    words = sum(len(p.source.headline.split()) + len(p.source.body.split()) for p in pairs)
    per_batch = [timed(lambda: analyse(pairs, translator)) for _ in range(args.repeat)]
    per_document = [timed(lambda: [analyse([pair], translator) for pair in pairs]) for _ in range(args.repeat)]
    batch_s, document_s = statistics.median(per_batch), statistics.median(per_document)
    print(f"dev documents: {len(pairs)}, source sentences: {sentences}, source words: {words}")
    print(f"one Apertium call per batch:    median {batch_s:.2f} s  = {1000 * batch_s / sentences:.1f} s per 1,000 "
          f"sentences, {len(pairs) / batch_s:.1f} docs/s")
    print(f"one Apertium call per document: median {document_s:.2f} s  = {1000 * document_s / sentences:.1f} s per "
          f"1,000 sentences, {len(pairs) / document_s:.1f} docs/s (baseline)")
    print(f"speed-up of batching: {document_s / batch_s:.2f}x  (runs: {args.repeat})")


if __name__ == "__main__":
    main()
