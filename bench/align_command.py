"""`review align` on the 1,708 WMT dev sentences as one document against one `apertium -u spa-eng` pass over its
source, translation included, both as users run them (child processes), interleaved, medians; target <= 1.2x.

The source and target are written one sentence per line to temporary files from ../shared/corpora (read at run
time, never copied into the repo); `review align SRC TGT --presegmented --json` translates with warm Apertium
split across the cores, then aligns.

    .venv/bin/python bench/align_command.py [--repeat 5]
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = wmt_articles(SPLITS["dev"][0])
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory) / "source.txt", Path(directory) / "target.txt"
        source.write_text("".join(s + "\n" for c in cases for s in c.source), encoding="utf-8")
        target.write_text("".join(s + "\n" for c in cases for s in c.target), encoding="utf-8")
        load = os.getloadavg()[0]
        passes, aligns = [], []
        for _ in range(args.repeat):  # interleaved: a burst of load hits both alike
            passes.append(timed(["apertium", "-u", "spa-eng", str(source), str(Path(directory) / "mt.txt")]))
            aligns.append(timed([sys.executable, "-m", "review", "align", str(source), str(target),
                                 "--presegmented", "--json"]))
    apertium_s, align_s = statistics.median(passes), statistics.median(aligns)
    print(f"{sum(len(c.source) for c in cases)} sentences, cores {os.cpu_count()}, load {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print(f"apertium -u spa-eng: median {apertium_s:.2f} s  runs {', '.join(f'{t:.2f}' for t in passes)}")
    print(f"review align --presegmented --json: median {align_s:.2f} s  runs {', '.join(f'{t:.2f}' for t in aligns)}")
    print(f"ratio: {align_s / apertium_s:.2f}x one apertium pass (target <= 1.2x)")


if __name__ == "__main__":
    main()
