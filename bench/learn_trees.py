#!/usr/bin/env python3
"""Tree learning benchmark (issue 4, item 8): Assay against LightGBM and scikit-learn.

Not a test: it prints each figure, its ratio to the reference and whether the target is met.

    boost    100 rounds, rate 0.1, 31 leaves without a depth limit (LightGBM's default),
             at least 20 rows a leaf, 255 bins, no L2, on 100k×20 and 1M×20, against
             LightGBM and scikit-learn's HistGradientBoostingClassifier (no early stopping).
             Target: fit time at most LightGBM's, test AUC within 0.002 of LightGBM's.
    forest   100 trees on 100k×20 against scikit-learn's RandomForestClassifier.
             Target: fit time at most half of scikit-learn's.
    predict  rows/s of the boosted 1M×20 model predicting all 1M rows, against LightGBM's
             predict. Target: at least LightGBM's rows/s.

The data is synthetic (make_classification, cached in bench/.data, which git ignores); the first
80% of rows train and the rest give the AUC. Every library gets the same number of threads
(OMP_NUM_THREADS, num_threads, n_jobs; 2 by default). Each figure is the median of the repeats
(3 by default), and the repeats interleave the libraries, so a burst of load elsewhere on the
machine falls on all of them rather than on one. The Python libraries run in this process and
Assay in a child process (`assay-learn-bench`, built here with `swift build -c release`).

OpenMP's worker threads spin while they wait, so LightGBM and scikit-learn slow down far more
than Assay when other processes compete for the cores; the load average is printed first, and
figures taken with a load above the thread count say little about the ratios.

    python bench/learn_trees.py [--sizes 100000,1000000] [--repeats 3] [--threads 2] [--no-forest]
"""
import argparse
import os
import sys

THREADS = 2
for i, arg in enumerate(sys.argv):
    # The OpenMP runtimes read this when they load, so it is set before numpy and friends.
    if arg == "--threads" and i + 1 < len(sys.argv):
        THREADS = int(sys.argv[i + 1])
    elif arg.startswith("--threads="):
        THREADS = int(arg.split("=", 1)[1])
os.environ["OMP_NUM_THREADS"] = str(THREADS)

import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", ".data")
ROUNDS = 100
TREES = 100
AUC_TOLERANCE = 0.002


def dataset(rows):
    """Synthetic 20-feature binary data, written once to bench/.data/."""
    from sklearn.datasets import make_classification

    path = os.path.join(DATA, f"binary_{rows}x20.csv")
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        x, y = make_classification(
            n_samples=rows, n_features=20, n_informative=10, n_redundant=4, flip_y=0.05,
            class_sep=0.8, random_state=0)
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(20)])
        frame["y"] = y
        frame.to_csv(path, index=False, float_format="%.7g")
    frame = pd.read_csv(path)
    x = np.ascontiguousarray(frame.drop(columns="y").to_numpy())
    y = frame["y"].to_numpy()
    return path, x, y


def timed(fit, predict, x, y):
    """One fit, the test AUC, and the median of three predictions of every row."""
    from sklearn.metrics import roc_auc_score

    train = len(y) * 8 // 10
    start = time.perf_counter()
    model = fit(x[:train], y[:train])
    fit_seconds = time.perf_counter() - start
    auc = roc_auc_score(y[train:], predict(model, x[train:]))
    passes = []
    for _ in range(3):
        start = time.perf_counter()
        predict(model, x)
        passes.append(time.perf_counter() - start)
    return {"fit_seconds": fit_seconds, "auc": auc, "predict_seconds": statistics.median(passes)}


def lightgbm(threads):
    import lightgbm as lgb

    params = {"objective": "binary", "num_leaves": 31, "max_depth": -1, "learning_rate": 0.1,
              "min_data_in_leaf": 20, "lambda_l2": 0.0, "max_bin": 255, "num_threads": threads,
              "verbose": -1}
    return (lambda x, y: lgb.train(params, lgb.Dataset(x, y), num_boost_round=ROUNDS),
            lambda m, x: m.predict(x, num_threads=threads))


def hist_gradient_boosting(threads):
    from sklearn.ensemble import HistGradientBoostingClassifier

    def fit(x, y):
        model = HistGradientBoostingClassifier(
            max_iter=ROUNDS, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
            l2_regularization=0.0, max_bins=255, early_stopping=False, random_state=0)
        return model.fit(x, y)

    return fit, lambda m, x: m.predict_proba(x)[:, 1]


def random_forest(threads):
    from sklearn.ensemble import RandomForestClassifier

    def fit(x, y):
        return RandomForestClassifier(n_estimators=TREES, n_jobs=threads, random_state=0).fit(x, y)

    return fit, lambda m, x: m.predict_proba(x)[:, 1]


def assay(path, model, threads, count):
    binary = os.path.join(ROOT, ".build", "release", "assay-learn-bench")
    out = subprocess.run([binary, path, model, str(threads), str(count)], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout)
    return {"fit_seconds": result["fit_seconds"], "auc": result["auc"], "predict_seconds": result["predict_seconds"]}


def measure(runners, repeats):
    """Runs every (name, runner) once per repeat, interleaved; the median of each figure."""
    runs = {name: [] for name, _ in runners}
    for _ in range(repeats):
        for name, run in runners:
            runs[name].append(run())
    return {name: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for name, results in runs.items()}


def verdict(ok):
    return "met" if ok else "MISSED"


def fit_table(title, results, reference, target_ratio, ours):
    print(f"\n{title}")
    print(f"  {'library':<30} {'fit s':>8} {'ratio':>8} {'target':>8} {'auc':>8} {'Δauc':>8}")
    base = results[reference]
    for name, r in results.items():
        ratio = r["fit_seconds"] / base["fit_seconds"]
        target = f"≤{target_ratio:.2f}x" if name == ours else ""
        print(f"  {name:<30} {r['fit_seconds']:>8.3f} {ratio:>7.2f}x {target:>8} {r['auc']:>8.4f} "
              f"{r['auc'] - base['auc']:>+8.4f}")
    mine = results[ours]
    ratio = mine["fit_seconds"] / base["fit_seconds"]
    line = f"  fit {ratio:.2f}x {reference} (target ≤{target_ratio:.2f}x): {verdict(ratio <= target_ratio)}"
    if target_ratio == 1.0:
        delta = mine["auc"] - base["auc"]
        line += f"; Δauc {delta:+.4f} (target within ±{AUC_TOLERANCE}): {verdict(abs(delta) <= AUC_TOLERANCE)}"
    print(line)


def predict_table(title, results, rows, reference, ours):
    print(f"\n{title}")
    print(f"  {'library':<30} {'rows/s':>12} {'ratio':>8} {'target':>8}")
    base = rows / results[reference]["predict_seconds"]
    for name, r in results.items():
        rate = rows / r["predict_seconds"]
        target = "≥1.00x" if name == ours else ""
        print(f"  {name:<30} {rate:>12,.0f} {rate / base:>7.2f}x {target:>8}")
    ratio = (rows / results[ours]["predict_seconds"]) / base
    print(f"  predict {ratio:.2f}x {reference}'s rows/s (target ≥1.00x): {verdict(ratio >= 1.0)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-forest", action="store_true")
    parser.add_argument("--no-sklearn", action="store_true", help="skip HistGradientBoosting")
    parser.add_argument("--no-build", action="store_true", help="use the assay-learn-bench already built")
    args = parser.parse_args()
    threads, repeats = args.threads, args.repeats
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "assay-learn-bench"], cwd=ROOT, check=True,
                       capture_output=True)
    load = os.getloadavg()[0]
    print(f"{threads} threads, median of {repeats}, load average {load:.2f} on {os.cpu_count()} cores"
          + ("  (busy machine: the ratios are unreliable)" if load > os.cpu_count() else ""))
    for rows in [int(s) for s in args.sizes.split(",")]:
        path, x, y = dataset(rows)
        lgb_fit, lgb_predict = lightgbm(threads)
        runners = [("LightGBM", lambda: timed(lgb_fit, lgb_predict, x, y))]
        if not args.no_sklearn:
            hgb_fit, hgb_predict = hist_gradient_boosting(threads)
            runners.append(("sklearn HistGradientBoosting", lambda: timed(hgb_fit, hgb_predict, x, y)))
        runners.append(("assay boost", lambda: assay(path, "boost", threads, ROUNDS)))
        results = measure(runners, repeats)
        fit_table(f"boost, {rows:,}×20, {ROUNDS} rounds, 31 leaves, {threads} threads", results, "LightGBM", 1.0,
                  "assay boost")
        predict_table(f"predict, boosted {rows:,}×20 model, all {rows:,} rows, {threads} threads", results, rows,
                      "LightGBM", "assay boost")
        if not args.no_forest and rows <= 100_000:
            rf_fit, rf_predict = random_forest(threads)
            results = measure([("sklearn RandomForest", lambda: timed(rf_fit, rf_predict, x, y)),
                               ("assay forest", lambda: assay(path, "forest", threads, TREES))], repeats)
            fit_table(f"forest, {rows:,}×20, {TREES} trees, {threads} threads", results, "sklearn RandomForest", 0.5,
                      "assay forest")


if __name__ == "__main__":
    main()
