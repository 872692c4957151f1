"""Alignment benchmark: review's aligner next to a plain Gale-Church baseline; prints figures only.

Data is read at run time from ../shared/corpora (never copied into the repo):
- WMT newstest Spanish-original articles, dev = 2008-2011 (held out = 2012-2013, `--split held-out`,
  for one final figure only, with seeds never used on dev). The pseudo-reference is the stored
  `apertium -u spa-eng` output of each segment. Each article is perturbed, at a rate per source
  sentence, by one of: drop a target sentence (1-0), drop two in a row, join two target sentences
  (2-1), join two source sentences (1-2, their MT joined too), insert a sentence from another
  article (0-1).
- The Bleualign de-fr anchor set (`--defr`), with the paper's europarlfull de->fr MT as `--mt`.

Scores: strict and lax precision/recall/F1 over links with both sides (a lax hit shares a source and
a target sentence with a gold link), omission and addition P/R/F1 over the sentences left unaligned,
and time per 1,000 source sentences. `--speed` times one Apertium pass over the 1,708 dev
sentences against aligning them as one document, and 4x that document; memory is tracemalloc's peak.

    .venv/bin/python bench/align.py [--seeds 3] [--rates 0,5,10] [--speed] [--defr] [--split dev|held-out]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gale_church import gale_church  # noqa: E402
from review.core.alignment.aligning import DEFAULT, AlignParams, align  # noqa: E402
from review.core.text.translate import ApertiumTranslator  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
WMT = CORPORA / "wmt-newstest-es-orig"
DEFR = CORPORA / "bleualign-defr-anchor"
SPLITS = {"dev": ({"news-test2008", "newstest2009", "newstest2010", "newstest2011"}, (1, 2, 3, 4, 5)),
          "held-out": ({"newstest2012", "newstest2013"}, (9001, 9002, 9003, 9004, 9005))}
OPERATIONS = ("drop", "drop_two", "join_target", "join_source", "insert")

Bead = tuple[tuple[int, ...], tuple[int, ...]]
Aligner = Callable[[list[str], list[str], list[str]], list[Bead]]


@dataclass(frozen=True)
class Case:
    """One article to align: source, its MT, target and the gold beads."""

    source: list[str]
    mt: list[str]
    target: list[str]
    gold: list[Bead]


def wmt_articles(sets: set[str]) -> list[Case]:
    """Unperturbed articles of the given WMT sets (gold is 1-1 by construction)."""
    mt = {doc["docid"]: [s["mt"] for s in doc["segments"]]
          for doc in map(json.loads, (WMT / "apertium_spa-eng.jsonl").read_text(encoding="utf-8").splitlines())}
    cases = []
    for doc in map(json.loads, (WMT / "docs.jsonl").read_text(encoding="utf-8").splitlines()):
        if doc["set"] in sets:
            segments = doc["segments"]
            cases.append(Case([s["es"] for s in segments], mt[doc["docid"]], [s["en"] for s in segments],
                              [((k,), (k,)) for k in range(len(segments))]))
    return cases


def perturb(case: Case, others: Sequence[str], rate: float, rng: random.Random) -> Case:
    """Apply one random operation to about `rate` of the source sentences; gold follows."""
    source: list[str] = []
    mt: list[str] = []
    target: list[str] = []
    gold: list[Bead] = []

    def add(src: list[int], tgt: list[str]) -> None:
        i, j = len(source), len(target)
        source.extend(case.source[k] for k in src)
        mt.extend(case.mt[k] for k in src)
        target.extend(tgt)
        gold.append((tuple(range(i, i + len(src))), tuple(range(j, j + len(tgt)))))

    k, n = 0, len(case.source)
    while k < n:
        operation = rng.choice(OPERATIONS) if rng.random() < rate else None
        if operation in ("drop_two", "join_target", "join_source") and k + 1 >= n:
            operation = "drop" if operation == "drop_two" else None
        if operation == "insert":
            gold.append(((), (len(target),)))
            target.append(rng.choice(others))
            operation = None
        if operation is None:
            add([k], [case.target[k]])
        elif operation == "drop":
            add([k], [])
        elif operation == "drop_two":
            add([k], [])
            add([k + 1], [])
        elif operation == "join_target":
            add([k, k + 1], [case.target[k] + " " + case.target[k + 1]])
        else:  # join_source
            i = len(source)
            source.append(case.source[k] + " " + case.source[k + 1])
            mt.append(case.mt[k] + " " + case.mt[k + 1])
            j = len(target)
            target.extend([case.target[k], case.target[k + 1]])
            gold.append(((i,), (j, j + 1)))
        k += 2 if operation in ("drop_two", "join_target", "join_source") else 1
    return Case(source, mt, target, gold)


def perturbed(cases: list[Case], rate: float, seed: int) -> list[Case]:
    rng = random.Random(seed)
    result = []
    for index, case in enumerate(cases):
        others = [t for other, c in enumerate(cases) if other != index for t in c.target]
        result.append(perturb(case, others, rate, rng))
    return result


def prf(hits_p: int, total_p: int, hits_r: int, total_r: int) -> tuple[float, float, float]:
    p = hits_p / total_p if total_p else 1.0
    r = hits_r / total_r if total_r else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def link_scores(golds: list[list[Bead]], tests: list[list[Bead]]) -> dict[str, tuple[float, float, float]]:
    """Strict and lax P/R/F1 over links with both sides; omission and addition P/R/F1 over null sentences."""
    counts = dict.fromkeys(("sp", "lp", "np", "sr", "lr", "nr", "op", "oh", "og", "ap", "ah", "ag"), 0)
    for gold, test in zip(golds, tests):
        for mine, theirs, kind in ((test, gold, "p"), (gold, test, "r")):
            links = [b for b in mine if b[0] and b[1]]
            other = {b for b in theirs if b[0] and b[1]}
            partner: dict[int, set[int]] = {}
            for src, tgt in other:
                for i in src:
                    partner.setdefault(i, set()).update(tgt)
            counts["n" + kind] += len(links)
            counts["s" + kind] += sum(b in other for b in links)
            counts["l" + kind] += sum(bool(set(b[1]) & {t for i in b[0] for t in partner.get(i, ())}) for b in links)
        for side, key in ((0, "o"), (1, "a")):
            gold_null = {b[side][0] for b in gold if b[side] and not b[1 - side]}
            test_null = {b[side][0] for b in test if b[side] and not b[1 - side]}
            counts[key + "p"] += len(test_null)
            counts[key + "g"] += len(gold_null)
            counts[key + "h"] += len(gold_null & test_null)
    return {"strict": prf(counts["sp"], counts["np"], counts["sr"], counts["nr"]),
            "lax": prf(counts["lp"], counts["np"], counts["lr"], counts["nr"]),
            "omission": prf(counts["oh"], counts["op"], counts["oh"], counts["og"]),
            "addition": prf(counts["ah"], counts["ap"], counts["ah"], counts["ag"])}


def ours(params: AlignParams) -> Aligner:
    return lambda source, target, mt: [(link.src, link.tgt) for link in align(source, target, mt, params)]


def baseline(source: list[str], target: list[str], mt: list[str]) -> list[Bead]:
    return gale_church(source, target)


def run(aligner: Aligner, cases: list[Case]) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Scores and seconds per 1,000 source sentences."""
    start = time.perf_counter()
    tests = [aligner(c.source, c.target, c.mt) for c in cases]
    seconds = time.perf_counter() - start
    return link_scores([c.gold for c in cases], tests), 1000 * seconds / max(1, sum(len(c.source) for c in cases))


def fmt(scores: tuple[float, float, float]) -> str:
    return "P {:.3f} R {:.3f} F1 {:.3f}".format(*scores)


def accuracy(cases: list[Case], seeds: Sequence[int], rates: Sequence[int], params: AlignParams, with_baseline: bool) -> None:
    print(f"{sum(len(c.source) for c in cases)} source sentences in {len(cases)} articles; seeds {list(seeds)}")
    for rate in rates:
        for name, aligner in (("review", ours(params)), ("gale-church", baseline))[:2 if with_baseline else 1]:
            runs = [run(aligner, perturbed(cases, rate / 100, seed)) for seed in seeds]
            merged = {key: tuple(statistics.mean(r[0][key][k] for r in runs) for k in range(3)) for key in runs[0][0]}
            ms = statistics.median(r[1] for r in runs)
            print(f"  {rate:>2}% {name:<11} strict {fmt(merged['strict'])} | lax {fmt(merged['lax'])} | "
                  f"omission {fmt(merged['omission'])} | addition {fmt(merged['addition'])} | {ms:.2f} s/1k sent")


def defr_cases() -> list[Case]:
    """The 7 de-fr articles with gold links and the europarlfull de->fr MT, split at the .EOA lines."""
    de_all = (DEFR / "eval1989.de").read_text(encoding="utf-8").split("\n")
    mt_all = (DEFR / "eval1989.europarlfull.fr").read_text(encoding="utf-8").split("\n")
    articles: list[list[str]] = [[]]
    for de_line, mt_line in zip(de_all, mt_all):
        if de_line.strip() == ".EOA":
            articles.append([])
        else:
            articles[-1].append(mt_line.strip())
    articles = [a[:-1] if a and not a[-1] and k == len(articles) - 1 else a for k, a in enumerate(articles)]
    cases = []
    for k in range(7):
        de = (DEFR / f"test{k}.de").read_text(encoding="utf-8").rstrip("\n").split("\n")
        fr = (DEFR / f"test{k}.fr").read_text(encoding="utf-8").rstrip("\n").split("\n")
        gold = []
        for line in (DEFR / f"test{k}.defr").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                src, tgt = line.split(":")
                gold.append((tuple(json.loads(src)), tuple(json.loads(tgt))))
        if len(articles[k]) != len(de):
            raise SystemExit(f"article {k}: {len(articles[k])} MT lines for {len(de)} German lines")
        cases.append(Case([s.strip() for s in de], articles[k], [s.strip() for s in fr], gold))
    return cases


def speed(repeat: int, params: AlignParams) -> None:
    cases = wmt_articles(SPLITS["dev"][0])
    source = [s for c in cases for s in c.source]
    mt = [s for c in cases for s in c.mt]
    target = [s for c in cases for s in c.target]
    apertium = ApertiumTranslator()
    times: list[tuple[float, float, float]] = []
    for _ in range(repeat):  # interleaved, so that a burst of load on the machine hits all three alike
        times.append((_timed(lambda: apertium.translate(source)), _timed(lambda: align(source, target, mt, params)),
                      _timed(lambda: align(source * 4, target * 4, mt * 4, params))))
    apertium_s, one, four = (statistics.median(t[k] for t in times) for k in range(3))
    print(f"speed, {len(source)} dev sentences as one document (medians of {repeat} interleaved runs):")
    print(f"  apertium spa-eng pass {apertium_s:.2f} s | align {one:.2f} s = {one / apertium_s:.2f}x apertium")
    print(f"  4x length ({4 * len(source)} sentences): align {four:.2f} s = {four / one:.2f}x the 1x time")
    for factor in (1, 4):
        tracemalloc.start()
        align(source * factor, target * factor, mt * factor, params)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  memory peak at {factor}x: {peak / 2**20:.1f} MiB")


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def parse_params(overrides: list[str]) -> AlignParams:
    """`field=value` overrides of AlignParams; beads are written `beads=1-1,1-0,0-1,2-1,1-2,2-2`."""
    types = {f.name: type(getattr(DEFAULT, f.name)) for f in fields(AlignParams)}
    values: dict[str, object] = {}
    for key, value in (item.split("=", 1) for item in overrides):
        if key == "beads":
            values[key] = tuple(tuple(int(x) for x in bead.split("-")) for bead in value.split(","))
        else:
            values[key] = types[key](value)
    return replace(DEFAULT, **values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rates", default="0,5,10", help="perturbation rates in percent")
    parser.add_argument("--no-baseline", action="store_true", help="skip Gale-Church")
    parser.add_argument("--speed", action="store_true", help="time against one Apertium pass, and 4x length")
    parser.add_argument("--defr", action="store_true", help="the de-fr anchor set")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--set", dest="overrides", action="append", default=[], help="AlignParams field=value")
    args = parser.parse_args()
    params = parse_params(args.overrides)
    sets, seeds = SPLITS[args.split]
    if args.rates:
        print(f"{args.split} ({', '.join(sorted(sets))}):")
        accuracy(wmt_articles(sets), seeds[:args.seeds], [int(r) for r in args.rates.split(",")], params,
                 not args.no_baseline)
    if args.defr:
        cases = defr_cases()
        print(f"de-fr anchor set ({sum(len(c.source) for c in cases)} de sentences, {len(cases)} articles):")
        for name, aligner in (("review", ours(params)), ("gale-church", baseline))[:1 if args.no_baseline else 2]:
            scores, ms = run(aligner, cases)
            print(f"  {name:<11} strict {fmt(scores['strict'])} | lax {fmt(scores['lax'])} | {ms:.2f} s/1k sent")
    if args.speed:
        speed(args.repeat, params)


if __name__ == "__main__":
    main()
