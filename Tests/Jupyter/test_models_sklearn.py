"""Models cross-checked against scikit-learn and LightGBM on the same data.

The kernel loads a sample, splits it with a seed and saves both parts; scikit-learn (LightGBM for
`boost`) fits the equivalent pipeline with the same hyperparameters on the same training rows.
Each model's test metric must be within a stated tolerance of the reference's:

- exact solvers of the same objective (logistic, linear, ridge, lasso, knn, bayes): 0.005;
- one CART tree (tree): 0.05, because ties between equally good splits are broken differently
  and thresholds sit at bin edges rather than midpoints, which moves one or two of wine's 45 test
  rows (each is 0.022 of f1);
- ensembles (forest: means over five seeds on each side; boost): 0.03.

The metric functions themselves must agree with scikit-learn's to 1e-9 on the same predictions.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pytest

import harness

# The references are pinned in requirements.txt: a missing one is an error at collection, never a
# module quietly skipped (pandas reads the kernel's files, numpy backs the reference models,
# scikit-learn is the reference for the models, LightGBM for boost).
import lightgbm  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge  # noqa: E402
from sklearn.naive_bayes import GaussianNB  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("models are Assay language", allow_module_level=True)

EXACT, SINGLE_TREE, RANDOM = 0.005, 0.05, 0.03

# sample, target, metric, how the kernel prepares the data, the kernel's prep stages
DATASETS = {
    "breast_cancer": ("diagnosis", "auc", "", "scale() | "),
    "wine": ("class", "f1", "", "scale() | "),
    "diabetes": ("progression", "rmse", "", "scale() | "),
    "penguins": ("species", "f1", " | dropna species",
                 'impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale() | '),
}


@pytest.fixture(scope="module")
def session() -> Any:
    from jupyter_client.manager import start_new_kernel

    folder = tempfile.mkdtemp(prefix="assay-models-")
    km, kc = start_new_kernel(kernel_name="assay", startup_timeout=harness.TIMEOUT)
    frames = {}
    for name, (target, _, prepare, _) in DATASETS.items():
        stratify = "" if name == "diabetes" else f" stratify {target}"
        run(kc, f'{name} = load sample "{name}"{prepare}\n'
                f'{name}_train, {name}_test = split {name} 0.75{stratify} seed 11\n'
                f'save {name}_train to "{folder}/{name}_train.csv"\n'
                f'save {name}_test to "{folder}/{name}_test.csv"')
        frames[name] = (pd.read_csv(f"{folder}/{name}_train.csv"), pd.read_csv(f"{folder}/{name}_test.csv"))
    yield kc, folder, frames
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc: Any, code: str) -> list[dict]:
    reply, outputs = harness.execute(kc, code, timeout=300)
    assert reply["content"]["status"] == "ok", "\n".join(reply["content"].get("traceback", []))
    return outputs


def assay_score(session: Any, dataset: str, model: str, metric: str, seed: int = 3) -> float:
    kc, folder, _ = session
    target, _, _, prep = DATASETS[dataset]
    out = f"{folder}/score.csv"
    run(kc, f"m = fit {prep}{model} on {dataset}_train target {target} seed {seed}\n"
            f'save (evaluate m on {dataset}_test metrics {metric}) to "{out}"')
    return float(pd.read_csv(out)[metric][0])


def reference_score(session: Any, dataset: str, estimator: Any, metric: str) -> float:
    _, _, frames = session
    target = DATASETS[dataset][0]
    train, test = frames[dataset]
    x_train, y_train = train.drop(columns=target), train[target]
    x_test, y_test = test.drop(columns=target), test[target]
    if dataset == "penguins":
        numeric = [c for c in x_train.columns if c not in ("island", "sex")]
        prep = ColumnTransformer([
            ("numbers", SimpleImputer(strategy="median"), numeric),
            ("categories", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")),
             ["island", "sex"]),
        ])
        model = make_pipeline(prep, StandardScaler(), estimator)
    else:
        model = make_pipeline(StandardScaler(), estimator)
    model.fit(x_train, y_train)
    if metric == "rmse":
        return float(np.sqrt(skm.mean_squared_error(y_test, model.predict(x_test))))
    if metric == "auc":
        return float(skm.roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))
    return float(skm.f1_score(y_test, model.predict(x_test), average="weighted"))


def n_train(session: Any, dataset: str) -> int:
    return len(session[2][dataset][0])


CLASSIFIERS = ["breast_cancer", "wine", "penguins"]


@pytest.mark.parametrize("dataset", CLASSIFIERS)
def test_logistic_matches_scikit_learn(session: Any, dataset: str) -> None:
    metric = DATASETS[dataset][1]
    reg = 0.01
    ours = assay_score(session, dataset, f"logistic(reg={reg}, max_iter=1000)", metric)
    theirs = reference_score(session, dataset, LogisticRegression(C=1 / (n_train(session, dataset) * reg), max_iter=5000, tol=1e-10), metric)
    assert abs(ours - theirs) <= EXACT, f"{metric}: assay {ours}, scikit-learn {theirs}"


@pytest.mark.parametrize("dataset", CLASSIFIERS)
def test_knn_and_bayes_match_scikit_learn(session: Any, dataset: str) -> None:
    metric = DATASETS[dataset][1]
    ours = assay_score(session, dataset, "knn(k=7)", metric)
    theirs = reference_score(session, dataset, KNeighborsClassifier(7), metric)
    assert abs(ours - theirs) <= EXACT, f"knn {metric}: assay {ours}, scikit-learn {theirs}"
    ours = assay_score(session, dataset, "bayes()", metric)
    theirs = reference_score(session, dataset, GaussianNB(), metric)
    assert abs(ours - theirs) <= EXACT, f"bayes {metric}: assay {ours}, scikit-learn {theirs}"


@pytest.mark.parametrize("dataset", CLASSIFIERS)
def test_tree_and_forest_match_scikit_learn(session: Any, dataset: str) -> None:
    metric = DATASETS[dataset][1]
    ours = assay_score(session, dataset, "tree(depth=4)", metric)
    theirs = reference_score(session, dataset, DecisionTreeClassifier(max_depth=4, random_state=0), metric)
    assert abs(ours - theirs) <= SINGLE_TREE, f"tree {metric}: assay {ours}, scikit-learn {theirs}"
    # A forest's test score on 45-90 rows moves by a row or two between seeds: compare the means
    # over five seeds on each side.
    ours = np.mean([assay_score(session, dataset, "forest(trees=200)", metric, seed) for seed in range(5)])
    theirs = np.mean([reference_score(session, dataset, RandomForestClassifier(200, random_state=seed, n_jobs=2), metric)
                      for seed in range(5)])
    assert abs(ours - theirs) <= RANDOM, f"forest {metric}: assay {ours}, scikit-learn {theirs} (means of 5 seeds)"


@pytest.mark.parametrize("dataset", CLASSIFIERS)
def test_boost_matches_lightgbm(session: Any, dataset: str) -> None:
    metric = DATASETS[dataset][1]
    ours = assay_score(session, dataset, "boost(rounds=100, rate=0.1, depth=6, leaves=31, min_leaf=20)", metric)
    reference = lightgbm.LGBMClassifier(
        n_estimators=100, learning_rate=0.1, max_depth=6, num_leaves=31, min_child_samples=20, reg_lambda=0.0,
        n_jobs=2, verbose=-1, random_state=0)
    theirs = reference_score(session, dataset, reference, metric)
    assert abs(ours - theirs) <= RANDOM, f"boost {metric}: assay {ours}, LightGBM {theirs}"


def test_regressors_match_scikit_learn_and_lightgbm(session: Any) -> None:
    n = n_train(session, "diabetes")
    cases = [
        ("linear()", LinearRegression(), EXACT * 100),
        ("linear(reg=0.1)", Ridge(alpha=n * 0.1), EXACT * 100),
        ("linear(reg=0.5, l1_ratio=1)", Lasso(alpha=0.5, max_iter=100000, tol=1e-10), EXACT * 100),
        ("knn(k=9)", KNeighborsRegressor(9), EXACT * 100),
        ("tree(depth=3)", DecisionTreeRegressor(max_depth=3, random_state=0), 3.0),
        ("forest(trees=300, min_leaf=5)", RandomForestRegressor(300, min_samples_leaf=5, random_state=0, n_jobs=2), 3.0),
        ("boost(rounds=100, rate=0.05, depth=3, leaves=8, min_leaf=20)",
         lightgbm.LGBMRegressor(n_estimators=100, learning_rate=0.05, max_depth=3, num_leaves=8, min_child_samples=20,
                                n_jobs=2, verbose=-1, random_state=0), 3.0),
    ]
    for model, reference, tolerance in cases:
        ours = assay_score(session, "diabetes", model, "rmse")
        theirs = reference_score(session, "diabetes", reference, "rmse")
        # rmse is in the target's units (disease progression, about 55 here): tolerances are absolute.
        assert abs(ours - theirs) <= tolerance, f"{model} rmse: assay {ours}, reference {theirs}"


@pytest.mark.parametrize("dataset", ["breast_cancer", "wine"])
def test_metric_functions_match_scikit_learn(session: Any, dataset: str) -> None:
    kc, folder, frames = session
    target = DATASETS[dataset][0]
    names = ["accuracy", "precision", "recall", "f1", "auc", "pr_auc", "logloss"]
    run(kc, f"m = fit scale() | logistic(reg=0.05) on {dataset}_train target {target}\n"
            f'save (predict m on {dataset}_test) to "{folder}/p.csv"\n'
            f'save (evaluate m on {dataset}_test metrics {", ".join(names)}) to "{folder}/s.csv"')
    predicted = pd.read_csv(f"{folder}/p.csv")
    ours = pd.read_csv(f"{folder}/s.csv").iloc[0]
    classes = sorted(predicted[target].unique())
    proba = predicted[[f"p_{c}" for c in classes]].to_numpy()
    truth = predicted[target].to_numpy()
    labels = np.array(classes)[proba.argmax(axis=1)]
    binary = len(classes) == 2
    expected = {
        "accuracy": skm.accuracy_score(truth, labels),
        "precision": skm.precision_score(truth, labels, average="weighted", zero_division=0),
        "recall": skm.recall_score(truth, labels, average="weighted", zero_division=0),
        "f1": skm.f1_score(truth, labels, average="weighted", zero_division=0),
        "auc": skm.roc_auc_score(truth == classes[1], proba[:, 1]) if binary else skm.roc_auc_score(truth, proba, multi_class="ovr", labels=classes),
        "pr_auc": skm.average_precision_score(truth == classes[1], proba[:, 1]) if binary else np.mean(
            [skm.average_precision_score(truth == c, proba[:, i]) for i, c in enumerate(classes)]),
        "logloss": skm.log_loss(truth, proba, labels=classes),
    }
    for name in names:
        # The CSV round trip keeps 17 significant digits, so 1e-9 tests the metric, not the file.
        assert abs(float(ours[name]) - expected[name]) <= 1e-9, f"{name}: assay {ours[name]}, scikit-learn {expected[name]}"
