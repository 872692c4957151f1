"""`review align` on the 1,708 WMT dev sentences as one document against one `apertium -u spa-eng` pass over its
source, translation included, both as users run them (child processes), interleaved, medians; target <= 1.2x.

The source and target are written one sentence per line to temporary files from ../shared/corpora (read at run
time, never copied into the repo); `review align SRC TGT --presegmented --json` translates with warm Apertium
split across the cores, then aligns. It is also timed with `--mt` (the first Apertium pass's output), which
leaves the aligner and the command's start-up.

`--baseline DIR` also times the same two commands run from DIR, a tree of the code before a change
(`git archive COMMIT | tar -x -C DIR`), in the same rounds (the order of the two trees alternating), prints
new / baseline ratios, and says whether both trees printed the same bytes in every run.

    .venv/bin/python bench/align_command.py [--repeat 5] [--baseline DIR]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from align import SPLITS, wmt_articles  # bench/align.py, next to this script

TREE = Path(__file__).resolve().parents[1]  # the code this script belongs to


def timed(command: list[str], tree: Path | None = None) -> tuple[float, bytes]:
    """Seconds and standard output of the command; with a tree, its `review` package is the one imported (run
    from the tree: `python -m` puts the working directory first on sys.path, before PYTHONPATH)."""
    env = None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    stdout = subprocess.run(command, check=True, capture_output=True, env=env, cwd=tree).stdout
    return time.perf_counter() - start, stdout


def runs(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.2f} s  runs {', '.join(f'{t:.2f}' for t in seconds)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a tree of the code before the change, timed side by side")
    args = parser.parse_args()
    if args.baseline and not (args.baseline / "review" / "cli.py").is_file():
        parser.error(f"{args.baseline} holds no review/cli.py")
    trees = {"new": TREE, "baseline": args.baseline.resolve()} if args.baseline else {"new": TREE}
    cases = wmt_articles(SPLITS["dev"][0])
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory) / "source.txt", Path(directory) / "target.txt"
        mt = Path(directory) / "mt.txt"
        source.write_text("".join(s + "\n" for c in cases for s in c.source), encoding="utf-8")
        target.write_text("".join(s + "\n" for c in cases for s in c.target), encoding="utf-8")
        commands = {"translated": [sys.executable, "-m", "review", "align", str(source), str(target),
                                   "--presegmented", "--json"]}
        commands["--mt"] = [*commands["translated"], "--mt", str(mt)]
        load = os.getloadavg()[0]
        passes: list[float] = []
        seconds = {(name, kind): [] for name in trees for kind in commands}
        outputs = {(name, kind): set() for name in trees for kind in commands}
        for round_ in range(args.repeat):  # interleaved: a burst of load hits every command alike
            passes.append(timed(["apertium", "-u", "spa-eng", str(source), str(mt)])[0])
            for name in (list(trees) if round_ % 2 == 0 else list(reversed(trees))):
                for kind, command in commands.items():
                    elapsed, stdout = timed(command, trees[name])
                    seconds[name, kind].append(elapsed)
                    outputs[name, kind].add(stdout)
    apertium_s = statistics.median(passes)
    print(f"{sum(len(c.source) for c in cases)} sentences, cores {os.cpu_count()}, load {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after, {args.repeat} rounds")
    print(f"apertium -u spa-eng: {runs(passes)}")
    for kind in commands:
        title = "review align --presegmented --json" + (" --mt (no translation)" if kind == "--mt" else "")
        for name in trees:
            median = statistics.median(seconds[name, kind])
            print(f"{title} [{name}]: {runs(seconds[name, kind])}  = {median / apertium_s:.2f}x apertium"
                  + (" (target <= 1.2x)" if kind == "translated" and name == "new" else ""))
        if args.baseline:
            new, old = (statistics.median(seconds[name, kind]) for name in ("new", "baseline"))
            print(f"  new / baseline: {new / old:.3f}")
    if args.baseline:
        same = all(len(outputs["new", kind] | outputs["baseline", kind]) == 1 for kind in commands)
        print(f"output identical to the baseline's in every run: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
