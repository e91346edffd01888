"""SHAP values and importances cross-checked against shap and an independent computation.

The kernel fits a tree model, exports it with `export MODEL to "f.json" as shap`, and explains
test rows. shap's `TreeExplainer` loads the exported trees (its custom tree format) and explains
the same feature values (`explanation.features`); the values must agree to 1e-6 and the base
values too. In the kernel's own values, base + contributions must equal the output to 1e-9.
Impurity importances must match Spark's definition computed here from the exported trees.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import harness

# The references are pinned in requirements.txt: a missing one fails collection instead of
# skipping the module (pandas reads the kernel's files, numpy holds the exported trees, shap is
# the reference for SHAP values).
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shap  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("explanations are Assay language", allow_module_level=True)

CASES = {
    "breast_cancer": ("diagnosis", "", "scale() | "),
    "diabetes": ("progression", "", ""),
    "penguins": ("species", " | dropna species",
                 'impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | '),
}
MODELS = ["boost(rounds=40, depth=4)", "forest(trees=30, depth=6)", "tree(depth=5)"]


@pytest.fixture(scope="module")
def session() -> Any:
    with harness.scratch_kernel("assay-shap-") as (kc, folder):
        for name, (_, prepare, _) in CASES.items():
            run(kc, f'{name} = load sample "{name}"{prepare}\n{name}_train, {name}_test = split {name} 0.75 seed 5')
        yield kc, folder


def run(kc: Any, code: str) -> list[dict]:
    return harness.run_ok(kc, code, timeout=300)


def explain(session: Any, dataset: str, model: str) -> tuple[dict, Any, Any, Any]:
    kc, folder = session
    target, _, prep = CASES[dataset]
    run(kc, f"m = fit {prep}{model} on {dataset}_train target {target} seed 2\n"
            f'export m to "{folder}/trees.json" as shap\n'
            f"e = shap m on {dataset}_test limit 60\n"
            f'save e.values to "{folder}/values.csv"\n'
            f'save e.features to "{folder}/features.csv"\n'
            f'save (importance m) to "{folder}/importance.csv"')
    with open(f"{folder}/trees.json") as f:
        exported = json.load(f)
    return (exported, pd.read_csv(f"{folder}/values.csv"), pd.read_csv(f"{folder}/features.csv"),
            pd.read_csv(f"{folder}/importance.csv"))


def shap_model(exported: dict) -> dict:
    trees = []
    for tree in exported["trees"]:
        trees.append({
            "children_left": np.array(tree["children_left"], dtype=np.int32),
            "children_right": np.array(tree["children_right"], dtype=np.int32),
            "children_default": np.array(tree["children_default"], dtype=np.int32),
            "features": np.array(tree["features"], dtype=np.int32),
            "thresholds": np.array(tree["thresholds"], dtype=np.float64),
            "values": np.array(tree["values"], dtype=np.float64).reshape(len(tree["features"]), -1),
            "node_sample_weight": np.array(tree["node_sample_weight"], dtype=np.float64),
        })
    return {"trees": trees, "base_offset": np.array(exported["base_offset"], dtype=np.float64).reshape(-1)}


def spark_importance(exported: dict, forest: bool) -> np.ndarray:
    """Spark's featureImportances from the trees alone: each split's gain × rows."""
    total = np.zeros(len(exported["feature_names"]))
    for tree in exported["trees"]:
        values = np.array(tree["values"], dtype=np.float64).reshape(len(tree["features"]), -1)
        weight = np.array(tree["node_sample_weight"], dtype=np.float64)
        left, right = tree["children_left"], tree["children_right"]
        own = np.zeros_like(total)
        for node, feature in enumerate(tree["features"]):
            if left[node] < 0:
                continue
            # Impurity decrease × rows, from the exported covers and node values alone: for the
            # squared-error / Gini view Spark uses, gain = w·var(node) − w_l·var(l) − w_r·var(r).
            own[feature] += split_gain(values, weight, node, left[node], right[node])
        if forest and own.sum() > 0:
            own /= own.sum()
        total += own
    return total / total.sum() if total.sum() > 0 else total


def split_gain(values: Any, weight: Any, node: int, left: int, right: int) -> float:
    # Between-children variance of the node values: w_l·w_r/w · |v_l − v_r|² equals the decrease
    # of the within-node sum of squares for a mean-valued split.
    w, wl, wr = weight[node], weight[left], weight[right]
    return float(wl * wr / w * np.sum((values[left] - values[right]) ** 2)) if w > 0 else 0.0


@pytest.mark.parametrize("dataset", list(CASES))
@pytest.mark.parametrize("model", MODELS)
def test_shap_values_match_shaps_tree_explainer(session: Any, dataset: str, model: str) -> None:
    exported, ours, features, _ = explain(session, dataset, model)
    names = exported["feature_names"]
    x = features[names].to_numpy(dtype=np.float64)
    explainer = shap.TreeExplainer(shap_model(exported), feature_perturbation="tree_path_dependent")
    theirs = np.asarray(explainer.shap_values(x, check_additivity=False)).reshape(len(x), x.shape[1], -1)
    expected = np.atleast_1d(np.asarray(explainer.expected_value, dtype=np.float64))
    outputs = theirs.shape[2]
    if "class" in ours.columns and outputs > 1:
        classes = sorted(set(exported.get("classes", [])) or set(ours["class"]))
        index = [classes.index(c) if outputs == len(classes) else outputs - 1 for c in ours["class"]]
    else:
        index = [outputs - 1] * len(ours)
    for row in range(len(ours)):
        k = index[row]
        np.testing.assert_allclose(ours.loc[row, names].to_numpy(dtype=np.float64), theirs[row, :, k], atol=1e-6, rtol=0,
                                   err_msg=f"{model} on {dataset}, row {row}")
        assert abs(ours.loc[row, "base"] - expected[k]) <= 1e-6
    total = ours["base"] + ours[names].sum(axis=1)
    assert np.max(np.abs(total - ours["output"])) <= 1e-9


@pytest.mark.parametrize("model", MODELS)
def test_impurity_importance_matches_an_independent_computation(session: Any, model: str) -> None:
    exported, _, _, importance = explain(session, "diabetes", model)
    expected = spark_importance(exported, forest=model.startswith("forest") or model.startswith("tree"))
    ours = dict(zip(importance["feature"], importance["importance"]))
    for name, value in zip(exported["feature_names"], expected):
        assert abs(ours[name] - value) <= 1e-6, f"{model} {name}: assay {ours[name]}, from the trees {value}"


# --- Linear, logistic, knn and bayes explanations; coefficient and permutation importance -----------


def saved(session: Any, code: str, *names: str) -> list[Any]:
    """Run `code`, in which `{name}` stands for a scratch file path; read those files back."""
    kc, folder = session
    paths = {name: f"{folder}/{name}.csv" for name in names}
    run(kc, code.format(**paths))
    return [pd.read_csv(paths[name]) for name in names]


def test_linear_shap_and_coefficients_match_a_hand_computation(session: Any) -> None:
    from sklearn.linear_model import LinearRegression

    train, values, features, plain, spread = saved(
        session,
        'save diabetes_train to "{train}"\n'
        "m = fit linear() on diabetes_train target progression\n"
        "e = shap m on diabetes_test\n"
        'save e.values to "{values}"\nsave e.features to "{features}"\n'
        'save (importance m) to "{plain}"\nsave (importance m method coefficients on diabetes_test) to "{spread}"',
        "train", "values", "features", "plain", "spread")
    names = [c for c in train.columns if c != "progression"]
    reference = LinearRegression().fit(train[names], train["progression"])
    x = features[names].to_numpy(dtype=np.float64)
    # Exact linear SHAP with the explained data as background: w_j (x_j - mean_j), base = the mean
    # prediction. Least squares is solved exactly on both sides (tolerance 1e-6 of the values).
    expected = reference.coef_ * (x - x.mean(axis=0))
    np.testing.assert_allclose(values[names].to_numpy(), expected, atol=1e-6 * np.abs(expected).max(), rtol=0)
    np.testing.assert_allclose(values["base"], reference.predict(features[names]).mean(), rtol=1e-9)
    np.testing.assert_allclose(values["output"], reference.predict(features[names]), rtol=1e-9)
    # A linear model's importance defaults to its coefficients: |w| without data, |w|·std(x) on data.
    coefficients = dict(zip(names, reference.coef_))
    for table, weight in [(plain, lambda n: 1.0), (spread, lambda n: features[n].std(ddof=0))]:
        assert list(table.columns) == ["feature", "importance", "coefficient"]
        assert list(table["importance"]) == sorted(table["importance"], reverse=True)
        for _, row in table.iterrows():
            assert abs(row.coefficient - coefficients[row.feature]) <= 1e-6 * abs(reference.coef_).max()
            assert abs(row.importance - abs(coefficients[row.feature]) * weight(row.feature)) <= 1e-6 * row.importance + 1e-9


def test_logistic_shap_is_in_margin_space_for_the_chosen_class(session: Any) -> None:
    from sklearn.linear_model import LogisticRegression

    values, features, chosen = saved(
        session,
        'iris = load sample "iris"\n'
        "m = fit logistic(reg=0.05, max_iter=2000) on iris target species\n"
        'e = shap m on iris\nsave e.values to "{values}"\nsave e.features to "{features}"\n'
        'save (shap m on iris class "virginica").values to "{chosen}"',
        "values", "features", "chosen")
    names = [c for c in features.columns if c not in ("species", "class")]
    x = features[names].to_numpy(dtype=np.float64)
    classes = ["setosa", "versicolor", "virginica"]
    y = saved(session, 'save iris to "{iris}"', "iris")[0]["species"]
    reference = LogisticRegression(C=1 / (len(x) * 0.05), max_iter=20000, tol=1e-12).fit(x, y)
    centred = x - x.mean(axis=0)
    # Multinomial margins are one linear score per class; their SHAP values are w_k,j (x_j - mean_j).
    # L-BFGS stops at a gradient tolerance on both sides: agreement to 1e-3 of values about 1-10.
    k = classes.index("virginica")
    np.testing.assert_allclose(chosen[names].to_numpy(), reference.coef_[k] * centred, atol=1e-3, rtol=0)
    assert set(chosen["class"]) == {"virginica"}
    # Without `class`, each row is explained for its predicted class.
    predicted = reference.predict(x)
    assert list(values["class"]) == list(predicted)
    expected = np.array([reference.coef_[classes.index(c)] * centred[r] for r, c in enumerate(predicted)])
    np.testing.assert_allclose(values[names].to_numpy(), expected, atol=1e-3, rtol=0)


@pytest.mark.parametrize("model", ["knn(k=7)", "bayes()"])
def test_kernel_shap_matches_shaps_kernel_explainer(session: Any, model: str) -> None:
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier

    train, values, features, other, small = saved(
        session,
        "s = load synthetic classification rows 200 features 4 informative 3 classes 2 seed 4\n"
        "s_train, s_test = split s 0.8 seed 1\n"
        'save s_train to "{train}"\n'
        f"m = fit {model} on s_train target target\n"
        'e = shap m on s_test background 1000\nsave e.values to "{values}"\nsave e.features to "{features}"\n'
        'save (shap m on s_test background 1000 class "0").values to "{other}"\n'
        'save (shap m on s_test background 5).values to "{small}"',
        "train", "values", "features", "other", "small")
    names = ["f1", "f2", "f3", "f4"]
    estimator = KNeighborsClassifier(7) if model.startswith("knn") else GaussianNB()
    estimator.fit(train[names], train["target"])
    x = features[names].to_numpy(dtype=np.float64)
    # A background at least as large as the data is the data itself; with 4 features both sides
    # enumerate all 14 coalitions, so Kernel SHAP is exact and the two agree to rounding.
    explainer = shap.KernelExplainer(estimator.predict_proba, x)
    theirs = np.asarray(explainer.shap_values(x, nsamples=1000, silent=True))
    theirs = theirs if theirs.shape[-1] == 2 else np.moveaxis(theirs, 0, -1)  # rows × features × classes
    np.testing.assert_allclose(values[names].to_numpy(), theirs[:, :, 1], atol=1e-9)
    np.testing.assert_allclose(other[names].to_numpy(), theirs[:, :, 0], atol=1e-9)
    probabilities = estimator.predict_proba(x)
    np.testing.assert_allclose(values["base"], probabilities[:, 1].mean(), atol=1e-12)
    np.testing.assert_allclose(values["output"], probabilities[:, 1], atol=1e-12)
    # Five k-means centres summarize the data: another base, the same outputs, still additive.
    assert abs(small["base"][0] - values["base"][0]) > 1e-6
    np.testing.assert_allclose(small["output"], probabilities[:, 1], atol=1e-12)
    np.testing.assert_allclose(small["base"] + small[names].sum(axis=1), small["output"], atol=1e-9)


def test_permutation_importance_matches_scikit_learns(session: Any) -> None:
    from sklearn.inspection import permutation_importance
    from sklearn.linear_model import LinearRegression

    train, test, ours = saved(
        session,
        'save diabetes_train to "{train}"\nsave diabetes_test to "{test}"\n'
        "m = fit linear() on diabetes_train target progression\n"
        'save (importance m method permutation on diabetes_test repeats 40 seed 3) to "{ours}"',
        "train", "test", "ours")
    names = [c for c in train.columns if c != "progression"]
    model = LinearRegression().fit(train[names], train["progression"])
    theirs = permutation_importance(model, test[names], test["progression"], scoring="neg_root_mean_squared_error",
                                    n_repeats=40, random_state=0)
    assert list(ours["importance"]) == sorted(ours["importance"], reverse=True)
    # Both are means over 40 random shuffles of the same expectation (the rise in rmse when a
    # feature is shuffled): they must agree within four standard errors of the difference.
    for _, row in ours.iterrows():
        j = names.index(row.feature)
        error = np.sqrt((row["std"] ** 2 + theirs.importances_std[j] ** 2) / 40)
        assert abs(row.importance - theirs.importances_mean[j]) <= 4 * error + 1e-9, (
            f"{row.feature}: assay {row.importance} ± {row['std']}, scikit-learn {theirs.importances_mean[j]}")
    top = ours["feature"][0]
    assert top == names[int(np.argmax(theirs.importances_mean))], "the same feature matters most"
