"""SHAP values and importances cross-checked against shap and an independent computation.

The kernel fits a tree model, exports it with `export MODEL to "f.json" as shap`, and explains
test rows. shap's `TreeExplainer` loads the exported trees (its custom tree format) and explains
the same feature values (`explanation.features`); the values must agree to 1e-6 and the base
values too. In the kernel's own values, base + contributions must equal the output to 1e-9.
Impurity importances must match Spark's definition computed here from the exported trees.
"""

from __future__ import annotations

import json
import tempfile
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
    from jupyter_client.manager import start_new_kernel

    folder = tempfile.mkdtemp(prefix="assay-shap-")
    km, kc = start_new_kernel(kernel_name="assay", startup_timeout=harness.TIMEOUT)
    for name, (_, prepare, _) in CASES.items():
        run(kc, f'{name} = load sample "{name}"{prepare}\n{name}_train, {name}_test = split {name} 0.75 seed 5')
    yield kc, folder
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc: Any, code: str) -> None:
    reply, _ = harness.execute(kc, code, timeout=300)
    assert reply["content"]["status"] == "ok", "\n".join(reply["content"].get("traceback", []))


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
