"""`review check` on 100 WMT dev articles (2008-2011) against the floor, measured in the same run.

The floor is the least any checker must do: one Apertium spa-eng pass over all the Spanish sentences
plus sacrebleu sentence chrF of every English sentence against its Apertium output. `review check`
runs as users run it, `python -m review check BATCH --format json`, on a temporary JSONL batch built
by bench/pipeline.py's dev_pairs from ../shared/corpora/wmt-newstest-es-orig (read at run time, never
copied into the repo). Prints medians over --repeat runs and the ratio; the target (issue 15) is <= 1.3x the floor.
Also prints the CPU seconds each used (processes and their children), which other load on the machine
changes far less than the wall times, and the load average before and after, so a loaded run shows.

--references also times `review check` on the same articles carrying a human reference (the JSONL
`reference` field), so that the corpus BLEU, chrF and TER against it, their bootstrap CIs and the
per-document reference scores are paid for. The reference is the professional English lightly
perturbed (reference_text: about 4% of words dropped, 4% of adjacent pairs swapped, 4% gaining an
inserted "the", seeded), paragraph for paragraph, so that TER's shift search does real work (against
an identical copy it costs almost nothing).

--baseline DIR times the `review` package of another commit's checkout in the same runs (issue 18: within 1.3x).

    .venv/bin/python bench/check.py [--repeat 3] [--docs 100] [--references] [--baseline DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline import CORPUS, dev_pairs  # bench/pipeline.py, next to this script
from sacrebleu.metrics import CHRF

from review.core.formats import write_pairs
from review.core.model import DocumentPair, Text
from review.core.text.translate import ApertiumTranslator


def sentence_pairs(doc_ids: set[str]) -> list[tuple[str, str]]:
    """(Spanish, English) sentences of the given corpus documents, as the corpus segments them."""
    pairs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["docid"] in doc_ids:
            pairs.extend((segment["es"], segment["en"]) for segment in doc["segments"])
    return pairs


def reference_text(text: Text, rng: random.Random) -> Text:
    """A lightly perturbed copy of `text`, paragraph for paragraph (see the module docstring)."""
    def perturb(paragraph: str) -> str:
        words, out, i = paragraph.split(), [], 0
        while i < len(words):
            draw = rng.random()
            if draw < 0.04:  # dropped
                i += 1
                continue
            if draw < 0.08 and i + 1 < len(words):  # swapped with the next word
                out += [words[i + 1], words[i]]
                i += 2
                continue
            if draw < 0.12:  # an inserted word
                out.append("the")
            out.append(words[i])
            i += 1
        return " ".join(out)

    return Text(perturb(text.headline), "\n\n".join(perturb(paragraph) for paragraph in text.body.split("\n\n")))


def with_references(pairs: list[DocumentPair], seed: int = 2008) -> list[DocumentPair]:
    """The pairs, each carrying a perturbed copy of its English as the reference."""
    rng = random.Random(seed)
    return [DocumentPair(pair.id, pair.source, pair.target, reference_text(pair.target, rng)) for pair in pairs]


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children so far."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def floor(sentences: list[tuple[str, str]]) -> tuple[float, float]:
    """Seconds (wall, CPU) for one Apertium call over all Spanish sentences plus sentence chrF over all pairs."""
    start, cpu = time.perf_counter(), cpu_seconds()
    pseudo = ApertiumTranslator().translate([spanish for spanish, _ in sentences])
    chrf = CHRF()
    for (_, english), reference in zip(sentences, pseudo):
        chrf.sentence_score(english, [reference])
    return time.perf_counter() - start, cpu_seconds() - cpu


def check(batch: Path, code: Path | None = None) -> tuple[float, float]:
    """Seconds (wall, CPU) for `python -m review check BATCH --format json` (exit 0 or 1; 2 is a bench bug); with
    `code`, the `review` package found there (a checkout of another commit) runs instead of this one."""
    start, cpu = time.perf_counter(), cpu_seconds()
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    # -P: the current directory (a checkout of ours) must not come before PYTHONPATH's baseline on sys.path
    result = subprocess.run([sys.executable, "-P", "-m", "review", "check", str(batch), "--format", "json"],
                            capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"review check failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--baseline", type=Path, default=None, metavar="DIR",
                        help="also time the review package of a checkout of another commit (git archive COMMIT | tar "
                             "-x -C DIR), interleaved, and print our time over its")
    parser.add_argument("--references", action="store_true",
                        help="also time review check on the batch with perturbed references (see the docstring)")
    args = parser.parse_args()
    pairs = dev_pairs(args.docs)
    sentences = sentence_pairs({pair.id for pair in pairs})
    words = sum(len(spanish.split()) for spanish, _ in sentences)
    with tempfile.TemporaryDirectory() as directory:
        batch = Path(directory) / "wmt-dev.jsonl"
        batch.write_bytes(write_pairs(pairs, "jsonl"))
        referenced = Path(directory) / "wmt-dev-references.jsonl"
        referenced.write_bytes(write_pairs(with_references(pairs), "jsonl"))
        load_before = os.getloadavg()[0]
        floors, checks, reference_checks, baselines = [], [], [], []
        for _ in range(args.repeat):  # interleaved, so all see the same machine load
            floors.append(floor(sentences))
            checks.append(check(batch))
            if args.baseline:
                baselines.append(check(batch, args.baseline))
            if args.references:
                reference_checks.append(check(referenced))
        load_after = os.getloadavg()[0]
    floor_s, check_s = (statistics.median(wall for wall, _ in runs) for runs in (floors, checks))
    floor_cpu, check_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (floors, checks))
    print(f"documents: {len(pairs)}, sentence pairs: {len(sentences)}, Spanish words: {words}, runs: {args.repeat}, "
          f"cores: {os.cpu_count()}, load average {load_before:.2f} before, {load_after:.2f} after")
    print(f"floor (one Apertium pass + sentence chrF): median {floor_s:.2f} s  runs {_runs(floors)}  "
          f"CPU median {floor_cpu:.2f} s")
    print(f"review check --format json:              median {check_s:.2f} s  runs {_runs(checks)}  "
          f"CPU median {check_cpu:.2f} s")
    print(f"ratio: {check_s / floor_s:.2f}x the floor (target <= 1.3x); CPU {check_cpu / floor_cpu:.2f}x")
    if baselines:
        _print_against(f"review check of {args.baseline}:", baselines, check_s, check_cpu, "ratio to the baseline:",
                       inverse=True)
    if reference_checks:
        _print_against("review check, with references:          ", reference_checks, floor_s, floor_cpu,
                       "ratio with references:")


def _print_against(label: str, runs: list[tuple[float, float]], wall: float, cpu: float, ratio_label: str,
                   inverse: bool = False) -> None:
    """Medians of `runs` and their ratio to (wall, cpu); `inverse` gives (wall, cpu) over the runs instead."""
    runs_s = statistics.median(w for w, _ in runs)
    runs_cpu = statistics.median(c for _, c in runs)
    print(f"{label} median {runs_s:.2f} s  runs {_runs(runs)}  CPU median {runs_cpu:.2f} s")
    ratio, ratio_cpu = (wall / runs_s, cpu / runs_cpu) if inverse else (runs_s / wall, runs_cpu / cpu)
    suffix = "" if inverse else " the floor"
    print(f"{ratio_label} {ratio:.2f}x{suffix}; CPU {ratio_cpu:.2f}x")

def _runs(runs: list[tuple[float, float]]) -> str:
    return ", ".join(f"{wall:.2f}" for wall, _ in runs)


if __name__ == "__main__":
    main()
