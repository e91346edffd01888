#!/usr/bin/env python3
"""Cross-check of Assay's TreeSHAP against shap, and its throughput against shap on XGBoost and
LightGBM.

Not a test: it prints a table. For each model kind (tree, forest, boost) and task (binary,
multiclass, regression) it fits a model with `assay-shap-bench` on the same synthetic data
(with missing values), exports it in shap's custom tree format, loads that into
`shap.TreeExplainer` (path-dependent) and compares shap's values and base value with Assay's.
Then it times 100 trees of depth 6 on 20 features: rows explained per second by Assay, by shap
on XGBoost and by shap on LightGBM, all with 2 threads, with ratios.

    python3 bench/shap_crosscheck.py [--rows 2000] [--speed-rows 50000] [--threads 2] [--no-speed]

Needs shap, numpy, pandas, scikit-learn, xgboost and lightgbm (`scripts/bench.sh shap` installs them), and the
release build of `assay-shap-bench` (`swift build -c release --product assay-shap-bench`).
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", ".data")
BENCH = os.path.join(ROOT, ".build", "release", "assay-shap-bench")


def dataset(task, rows, features, missing):
    """Synthetic data written once to bench/.data/; `missing` of the values of feature 1 blank."""
    from sklearn.datasets import make_classification, make_regression

    path = os.path.join(DATA, f"shap_{task}_{rows}x{features}.csv")
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        if task == "regression":
            x, y = make_regression(n_samples=rows, n_features=features, n_informative=features // 2, noise=5.0, random_state=0)
        else:
            x, y = make_classification(
                n_samples=rows, n_features=features, n_informative=features // 2, n_redundant=2,
                n_classes=3 if task == "multiclass" else 2, n_clusters_per_class=1, flip_y=0.05, random_state=0)
        if missing > 0:
            rng = np.random.default_rng(1)
            x[rng.random(rows) < missing, 1] = np.nan
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(features)])
        frame["y"] = y
        frame.to_csv(path, index=False, float_format="%.17g")
    frame = pd.read_csv(path)
    return path, frame.drop(columns="y").to_numpy(dtype=np.float64), frame["y"].to_numpy()


def shap_model(path):
    """The exported JSON as the dict shap.TreeExplainer takes: lists become numpy arrays."""
    with open(path) as f:
        model = json.load(f)
    for tree in model["trees"]:
        for key in ("children_left", "children_right", "children_default", "features"):
            tree[key] = np.array(tree[key], dtype=np.int32)
        for key in ("thresholds", "values", "node_sample_weight"):
            tree[key] = np.array(tree[key], dtype=np.float64)
    model["base_offset"] = np.array(model["base_offset"], dtype=np.float64).reshape(-1)
    del model["feature_names"]
    return model


def crosscheck(rows):
    import shap

    print(f"agreement with shap.TreeExplainer (path-dependent), {rows} rows x 8 features, feature 1 10% missing")
    print(f"{'model':<8}{'task':<12}{'outputs':>8}{'max |dphi|':>14}{'max |dbase|':>14}{'additivity':>14}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, trees, depth in (("tree", 1, 6), ("forest", 30, 8), ("boost", 50, 5)):
            for task in ("binary", "multiclass", "regression"):
                path, x, _ = dataset(task, rows, 8, 0.1)
                out = os.path.join(tmp, f"{kind}_{task}")
                result = subprocess.run(
                    [BENCH, "explain", path, kind, task, str(trees), str(depth), out],
                    check=True, capture_output=True, text=True)
                info = json.loads(result.stdout)
                k = info["outputs"]
                ours = np.loadtxt(out + ".values", ndmin=2)
                phi = ours[:, :-k].reshape(len(x), x.shape[1], k)
                raw = ours[:, -k:]
                base = np.array(info["base"])
                explainer = shap.TreeExplainer(shap_model(out + ".json"), feature_perturbation="tree_path_dependent")
                theirs = np.asarray(explainer.shap_values(x)).reshape(len(x), x.shape[1], -1)
                dphi = np.abs(theirs - phi).max()
                dbase = np.abs(np.asarray(explainer.expected_value).reshape(-1) - base).max()
                additivity = np.abs(base + phi.sum(axis=1) - raw).max()
                worst = max(worst, dphi, dbase)
                print(f"{kind:<8}{task:<12}{k:>8}{dphi:>14.2e}{dbase:>14.2e}{additivity:>14.2e}")
    print(f"worst difference {worst:.2e} ({'ok' if worst < 1e-6 else 'FAILS'} at 1e-6)")
    return worst


def best_of_three(f):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def speed(rows, threads):
    import lightgbm
    import shap
    import xgboost

    path, x, y = dataset("binary", rows, 20, 0.0)
    train = len(y) * 8 // 10
    x_train, y_train, x_test = x[:train], y[:train], x[train:]
    n = len(x_test)
    print(f"\nthroughput: 100 trees of depth 6, 20 features, {n} rows explained, {threads} threads (best of 3)")

    result = subprocess.run([BENCH, "time", path, "100", "6", str(threads)], check=True, capture_output=True, text=True)
    assay = json.loads(result.stdout)
    rates = {"assay": assay["rows_per_second"]}

    booster = xgboost.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.1, n_jobs=threads, tree_method="hist")
    booster.fit(x_train, y_train)
    xgb_explainer = shap.TreeExplainer(booster)
    rates["shap + xgboost"] = n / best_of_three(lambda: xgb_explainer.shap_values(x_test))

    lgbm = lightgbm.LGBMClassifier(n_estimators=100, max_depth=6, num_leaves=64, learning_rate=0.1, n_jobs=threads, verbose=-1)
    lgbm.fit(x_train, y_train)
    lgbm_explainer = shap.TreeExplainer(lgbm)
    rates["shap + lightgbm"] = n / best_of_three(lambda: lgbm_explainer.shap_values(x_test))

    print(f"{'explainer':<18}{'rows/s':>12}{'assay / this':>14}")
    for name, rate in rates.items():
        print(f"{name:<18}{rate:>12,.0f}{rates['assay'] / rate:>14.2f}")
    print(f"assay has {assay['leaves']} leaves in {assay['trees']} trees")
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--speed-rows", type=int, default=50000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(BENCH):
        raise SystemExit(f"build the bench first: swift build -c release --product assay-shap-bench ({BENCH} is missing)")
    crosscheck(args.rows)
    if not args.no_speed:
        speed(args.speed_rows, args.threads)


if __name__ == "__main__":
    main()
