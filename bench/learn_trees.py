#!/usr/bin/env python3
"""Benchmark and cross-check of Assay's tree learners against LightGBM and scikit-learn.

Not a test: it prints a table of fit seconds, test AUC and prediction rows/s, with ratios,
for the same synthetic binary data, the same 80/20 split (first 80% of rows train) and
2 threads everywhere.

    python3 bench/learn_trees.py [--sizes 100000,1000000] [--no-forest] [--threads 2]

Needs lightgbm, scikit-learn, numpy and pandas (e.g. in /tmp/venv-probe), and the release
build of `assay-learn-bench` (built here with `swift build -c release`).
"""
import argparse
import json
import os
import subprocess
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", ".data")


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
    x = frame.drop(columns="y").to_numpy()
    y = frame["y"].to_numpy()
    train = len(y) * 8 // 10
    return path, x[:train], y[:train], x[train:], y[train:]


def timed(fit, predict, x_test, y_test):
    from sklearn.metrics import roc_auc_score

    start = time.perf_counter()
    model = fit()
    fit_seconds = time.perf_counter() - start
    predict_seconds = float("inf")
    for _ in range(3):  # best of three, as assay-learn-bench measures
        start = time.perf_counter()
        p = predict(model, x_test)
        predict_seconds = min(predict_seconds, time.perf_counter() - start)
    return {"fit_seconds": fit_seconds, "auc": roc_auc_score(y_test, p),
            "predict_rows_per_second": len(y_test) / predict_seconds}


def assay(path, model, threads, count):
    binary = os.path.join(ROOT, ".build", "release", "assay-learn-bench")
    out = subprocess.run([binary, path, model, str(threads), str(count)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def lightgbm(x, y, x_test, y_test, threads):
    import lightgbm as lgb

    params = {"objective": "binary", "num_leaves": 31, "learning_rate": 0.1, "min_data_in_leaf": 20,
              "max_depth": -1, "max_bin": 255, "num_threads": threads, "verbose": -1}
    return timed(lambda: lgb.train(params, lgb.Dataset(x, y), num_boost_round=100),
                 lambda m, xt: m.predict(xt, num_threads=threads), x_test, y_test)


def hist_gradient_boosting(x, y, x_test, y_test):
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, learning_rate=0.1,
                                           min_samples_leaf=20, early_stopping=False)
    return timed(lambda: model.fit(x, y), lambda m, xt: m.predict_proba(xt)[:, 1], x_test, y_test)


def random_forest(x, y, x_test, y_test, threads):
    from sklearn.ensemble import RandomForestClassifier

    model = RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0)
    return timed(lambda: model.fit(x, y), lambda m, xt: m.predict_proba(xt)[:, 1], x_test, y_test)


def row(name, result, reference):
    fit_ratio = result["fit_seconds"] / reference["fit_seconds"]
    predict_ratio = result["predict_rows_per_second"] / reference["predict_rows_per_second"]
    print(f"  {name:<34} {result['fit_seconds']:>9.3f} {fit_ratio:>7.2f}x {result['auc']:>8.4f} "
          f"{result['auc'] - reference['auc']:>+8.4f} {result['predict_rows_per_second']:>12,.0f} {predict_ratio:>7.2f}x")


def header(title, reference):
    print(f"\n{title}  (ratios against {reference})")
    print(f"  {'model':<34} {'fit s':>9} {'ratio':>8} {'auc':>8} {'Δauc':>8} {'predict rows/s':>12} {'ratio':>8}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-forest", action="store_true")
    parser.add_argument("--no-sklearn", action="store_true", help="skip HistGradientBoosting")
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "assay-learn-bench"], cwd=ROOT, check=True,
                   capture_output=True)
    for rows in [int(s) for s in args.sizes.split(",")]:
        path, x, y, x_test, y_test = dataset(rows)
        reference = lightgbm(x, y, x_test, y_test, args.threads)
        ours = assay(path, "boost", args.threads, 100)
        header(f"boost, {rows:,}×20, 100 rounds, 31 leaves, {args.threads} threads", "LightGBM")
        row("LightGBM", reference, reference)
        if not args.no_sklearn:
            row("sklearn HistGradientBoosting", hist_gradient_boosting(x, y, x_test, y_test), reference)
        row("assay boost", ours, reference)
        if not args.no_forest and rows <= 100_000:
            reference = random_forest(x, y, x_test, y_test, args.threads)
            ours = assay(path, "forest", args.threads, 100)
            header(f"forest, {rows:,}×20, 100 trees, {args.threads} threads", "sklearn RandomForest")
            row("sklearn RandomForest", reference, reference)
            row("assay forest", ours, reference)


if __name__ == "__main__":
    main()
