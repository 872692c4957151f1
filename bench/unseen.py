"""Figures on two sets the detectors were never tuned on: NTREX-128 (false alarms) and HalOmi (hallucination recall).

Read from ../shared/corpora at run time, never copied into the repo; bench/flags.py calls these. Each set
is split in halves by hash: `dev` to study and tune on, `held-out` for one final figure (`--held-out`,
which never prints items).

- NTREX-128 (`ntrex128-en-es`): English news (newstest2019) and its professional Spanish translation.
  The Spanish is fed as the source, the English original as the target; the first line is the headline,
  every other line a paragraph of the body. Faithful, so every major or critical flag is counted as a
  false alarm: flags per 100 sentences (Spanish lines) and documents with one.
- HalOmi (`halomi-es-en`): NLLB translations with human labels of hallucination and omission (1 none,
  2 small, 3 partial, 4 full). One row is one document (body only). For spa->eng rows the Spanish original
  is the source and the MT the target; for eng->spa rows the Spanish MT is the source and the English
  original the target. Faithful rows (no hallucination, no omission): share with a major or critical flag,
  per direction. Recall: share of rows with a partial or full hallucination or omission that get one,
  both directions pooled, and of full hallucinations alone.
- pofilter (translate-toolkit, as in bench/flags.py) on the same sentence pairs.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from review.core.model import DocumentAnalysis, DocumentPair, Severity, Text
from review.core.pipeline import analyse
from review.core.text.translate import ApertiumTranslator

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SERIOUS = (Severity.MAJOR, Severity.CRITICAL)
Pofilter = Callable[[str, str], set[str]]


def serious(analysis: DocumentAnalysis) -> list[str]:
    return [f.code for f in analysis.flags if f.severity in SERIOUS]


def share(values: Iterable[bool]) -> str:
    values = list(values)
    return f"{sum(values) / len(values):.2f}" if values else "  -  "


def ntrex_documents(split: str) -> tuple[list[dict], list[DocumentPair]]:
    """NTREX-128's documents of one half (`dev` or `held-out`) and their pairs: the Spanish as the source, the first
    line the headline."""
    lines = (CORPORA / "ntrex128-en-es" / "newstest2019_en_spa.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [doc for doc in map(json.loads, lines) if doc["split"] == split]
    return docs, [DocumentPair(doc["docid"], Text(doc["es"][0], "\n\n".join(doc["es"][1:])),
                               Text(doc["en"][0], "\n\n".join(doc["en"][1:]))) for doc in docs]


def ntrex(held_out: bool, translator: ApertiumTranslator, pofilter: Pofilter, show: int) -> None:
    split = "held-out" if held_out else "dev"
    docs, pairs = ntrex_documents(split)
    results = analyse(pairs, translator)
    sentences = sum(len(doc["es"]) for doc in docs)
    ours = [serious(result) for result in results]
    theirs = sum(len(pofilter(es, en)) for doc in docs for es, en in zip(doc["es"], doc["en"]))
    codes = Counter(code for found in ours for code in found)
    print(f"\nNTREX-128 {split}: {len(docs)} documents, {sentences} sentences (Spanish as source, faithful)")
    print(f"  major+critical flags per 100 sentences: ours {100 * sum(map(len, ours)) / sentences:.1f} | "
          f"pofilter {100 * theirs / sentences:.1f}")
    print(f"  documents with a major or critical flag: {sum(map(bool, ours))} of {len(docs)}")
    print(f"  our codes: {', '.join(f'{c} {n}' for c, n in codes.most_common())}")
    if show and not held_out:
        for result in results:
            for flag in [f for f in result.flags if f.severity in SERIOUS][:show]:
                print(f"    [{result.pair.id}] {flag.code} {flag.severity.value}: {flag.message}")


def halomi(held_out: bool, translator: ApertiumTranslator, pofilter: Pofilter, show: int) -> None:
    split = "held-out" if held_out else "dev"
    with (CORPORA / "halomi-es-en" / "halomi_spa_eng.tsv").open(encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream, delimiter="\t") if row["split"] == split]
    sides = [(row["src_text"], row["mt_text"]) if row["src_lang"].startswith("spa") else (row["mt_text"], row["src_text"])
             for row in rows]
    pairs = [DocumentPair(f"halomi-{row['halomi_full_row']}", Text("", es), Text("", en))
             for row, (es, en) in zip(rows, sides)]
    results = analyse(pairs, translator)
    ours = [bool(serious(result)) for result in results]
    theirs = [bool(pofilter(es, en)) for es, en in sides]
    hall = [int(row["class_hall"][0]) for row in rows]
    omit = [int(row["class_omit"][0]) for row in rows]
    direction = ["spa->eng" if row["src_lang"].startswith("spa") else "eng->spa" for row in rows]
    print(f"\nHalOmi {split}: {len(rows)} rows; share with a major or critical flag (ours | pofilter), n")
    for way in ("spa->eng", "eng->spa"):
        faithful = [i for i in range(len(rows)) if direction[i] == way and hall[i] == 1 and omit[i] == 1]
        print(f"  faithful {way}   false alarms {share(ours[i] for i in faithful):>6} | "
              f"{share(theirs[i] for i in faithful):>6}  n={len(faithful)}")
    groups = {"partial/full hallucination or omission": [i for i in range(len(rows)) if hall[i] >= 3 or omit[i] >= 3],
              "full hallucination": [i for i in range(len(rows)) if hall[i] == 4],
              "partial hallucination": [i for i in range(len(rows)) if hall[i] == 3],
              "partial omission only": [i for i in range(len(rows)) if omit[i] == 3 and hall[i] < 3],
              "small only": [i for i in range(len(rows)) if 2 in (hall[i], omit[i]) and max(hall[i], omit[i]) == 2]}
    for label, members in groups.items():
        codes = Counter(code for i in members for code in set(serious(results[i])))
        top = ", ".join(f"{c} {n}" for c, n in codes.most_common(3))
        print(f"  {label:40} recall {share(ours[i] for i in members):>6} | {share(theirs[i] for i in members):>6}"
              f"  n={len(members):3}  {top}")
    if show and not held_out:
        missed = [i for i in groups["partial/full hallucination or omission"] if not ours[i]][:show]
        alarms = [i for i in range(len(rows)) if hall[i] == 1 and omit[i] == 1 and ours[i]][:show]
        for label, chosen in (("missed", missed), ("false alarm", alarms)):
            for i in chosen:
                flags = [f"{f.code} {f.severity.value}" for f in results[i].flags]
                print(f"  [{label} {direction[i]} h{hall[i]} o{omit[i]}] {flags}\n    ES {sides[i][0]}\n    EN {sides[i][1]}")
