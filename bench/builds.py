#!/usr/bin/env python3
"""One build of the kernel against another on the same workflows, side by side in one run.

A restructuring must not make the embedded engine slower. This runs the same Assay scripts with
two `assay` binaries (this checkout's release build and one built from another commit),
alternating them so that both see the same machine, and prints the median wall time of each
and their ratio (this build / the other; below 1 is faster).

  data      a 200,000-row CSV loaded, filtered, derived, grouped, joined, sorted, saved
  learn     a board of four models with 3-fold cross-validation, then evaluate and predict
  tune      16 TPE trials of a boosted pipeline with a validation split
  explain   exact TreeSHAP of a forest and permutation importance
  runs      the run store: 30 fits tracked, then queried and compared

Usage:  python bench/builds.py --base PATH/TO/OTHER/assay [--repeats 5]
Build the other binary in a worktree of the earlier commit:
  git worktree add --detach ../assay-base COMMIT && (cd ../assay-base && swift build -c release --product assay)
This is a benchmark, not a test: it reports, it does not fail.
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

ROOT = Path(__file__).resolve().parents[1]

SETUP = """\
big = load synthetic classification rows 200000 features 8 seed 3
big = big | derive grp = round(f1 * 3), label = if(target == 1, "yes", "no")
save big to "big.csv"
"""

WORKFLOWS = {
    "data": """\
d = load "big.csv"
a = d | where f2 > -1 and label == "yes" | derive s = f1 + f2 * f3, r = round(f4, 1)
g = a | group grp aggregate n = count(), m = mean(s), hi = max(f5)
j = a | join g on grp | sort m desc | head 50000
save j to "out.csv"
j.rows
""",
    "learn": """\
set parallel 2
d = load "big.csv" | head 30000 | drop label
train, test = split d 0.8 seed 1
board = fit scale() | [logistic(), tree(depth=6), forest(trees=30), boost(rounds=60)] on train target target cv 3 seed 1
evaluate board on test
p = predict board.best on test
p.rows
""",
    "tune": """\
set parallel 2
d = load "big.csv" | head 20000 | drop label
t = tune boost(rounds=int(20, 80), rate=loguniform(0.02, 0.3), leaves=int(8, 40)) on d target target trials 16 holdout 0.25 seed 2
t.trials.rows
""",
    "explain": """\
set parallel 2
d = load "big.csv" | head 5000 | drop label
m = fit forest(trees=40, depth=8) on d target target seed 1
s = shap m on (d | head 300)
i = importance m on (d | head 2000) method permutation
[s.values.rows, i.rows]
""",
    "runs": """\
d = load "big.csv" | head 2000 | drop label
""" + "\n".join(f"m{i} = fit tree(depth={2 + i % 5}) on d target target seed {i}" for i in range(30)) + """
r = runs where model == "tree" order by metrics.train_f1 desc limit 10
c = compare runs m1, m2, m3
[r.rows, c.rows]
""",
}


def run(binary: str, script: Path, cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([binary, "run", str(script)], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{binary} run {script.name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the other build's assay binary")
    parser.add_argument("--this", default=str(ROOT / ".build" / "release" / "assay"), help="this build's assay binary")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(WORKFLOWS), help="run only these workflows")
    args = parser.parse_args()
    for binary in (args.this, args.base):
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"no executable at {binary}")

    with tempfile.TemporaryDirectory(prefix="assay-builds-") as folder:
        work = Path(folder)
        setup = work / "setup.assay"
        setup.write_text(SETUP)
        run(args.this, setup, work)
        print(f"this build: {args.this}\nother build: {args.base}\n{args.repeats} alternating runs each, median wall time\n")
        print(f"{'workflow':<10} {'this (s)':>9} {'other (s)':>10} {'this/other':>11}")
        for name in args.only or list(WORKFLOWS):
            script = work / f"{name}.assay"
            script.write_text(WORKFLOWS[name])
            times: dict[str, list[float]] = {args.this: [], args.base: []}
            run(args.this, script, work)  # warm the page cache and the run store's file
            for index in range(args.repeats):
                order = (args.this, args.base) if index % 2 == 0 else (args.base, args.this)
                for binary in order:
                    for stale in work.glob("assay-runs.db*"):
                        stale.unlink()
                    times[binary].append(run(binary, script, work))
            mine, other = statistics.median(times[args.this]), statistics.median(times[args.base])
            print(f"{name:<10} {mine:>9.3f} {other:>10.3f} {mine / other:>11.3f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
