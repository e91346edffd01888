"""Search spaces, tuning clauses, `task=`, regression metrics and the members of models, boards,
explanations, tunings, datasets and runs, checked against scikit-learn, pandas or a hand
computation stated next to each check."""

from __future__ import annotations

import math
import os
from typing import Any

import pytest

import harness

# Pinned in requirements.txt: a missing reference fails collection instead of skipping the module.
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.linear_model import ElasticNet, LinearRegression  # noqa: E402
from sklearn.neighbors import KNeighborsRegressor  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("tuning is Assay language", allow_module_level=True)


@pytest.fixture(scope="module")
def work() -> Any:
    with harness.scratch_kernel("assay-tuning-") as (kc, folder):
        run(kc, 'diabetes = load sample "diabetes"\ntrain, test = split diabetes 0.75 seed 2\n'
                f'save train to "{folder}/train.csv"\nsave test to "{folder}/test.csv"')
        yield kc, folder, pd.read_csv(f"{folder}/train.csv"), pd.read_csv(f"{folder}/test.csv")


def run(kc: Any, code: str) -> list[dict]:
    return harness.run_ok(kc, code, timeout=300)


def saved(work: Any, code: str, *names: str) -> list[Any]:
    """Run `code`, in which `{name}` stands for a scratch file; read those files back."""
    kc, folder = work[0], work[1]
    paths = {name: f"{folder}/{name}.csv" for name in names}
    run(kc, code.format(**paths))
    return [pd.read_csv(paths[name]) for name in names]


def result(work: Any, expression: str) -> str:
    outputs = run(work[0], expression)
    return harness.text_result(outputs) or ""


FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def test_tuned_spaces_stay_in_their_domain_and_the_best_is_refitted(work: Any) -> None:
    _, _, train, test = work
    trials, params, predicted, scores = saved(
        work,
        "t = tune scale() | linear(reg=quniform(0.05, 2, 0.25), l1_ratio=uniform(0.1, 0.9)) on train target progression "
        "metric mae search random trials 12 cv 3 seed 4\n"
        'save t.trials to "{trials}"\nsave t.params to "{params}"\n'
        'save (predict t.best on test) to "{predicted}"\n'
        'save (evaluate t.best on test metrics rmse, mae, mse, r2) to "{scores}"',
        "trials", "params", "predicted", "scores")
    assert len(trials) == 12
    assert {"trial", "linear.reg", "linear.l1_ratio", "mae", "mae_std", "seconds"} <= set(trials.columns)
    reg, ratio = trials["linear.reg"], trials["linear.l1_ratio"]
    # quniform(lo, hi, q) is a multiple of q drawn over [lo, hi]; uniform stays in its bounds.
    assert np.allclose(reg / 0.25, np.round(reg / 0.25)) and reg.between(0, 2).all()
    assert ratio.between(0.1, 0.9).all() and ratio.nunique() == 12
    # `metric mae` ranks trials by mae, lower being better: the best parameters are the lowest row's.
    best = trials.loc[trials["mae"].idxmin()]
    chosen = dict(zip(params.iloc[:, 0], params.iloc[:, -1]))
    # (.params shows values as text, to six significant digits.)
    assert math.isclose(float(chosen["linear.reg"]), best["linear.reg"], rel_tol=1e-5)
    assert math.isclose(float(chosen["linear.l1_ratio"]), best["linear.l1_ratio"], rel_tol=1e-5)
    # t.best is the pipeline refitted on all of the data with those values: the same elastic net as
    # scikit-learn's (Assay's reg is its alpha), to coordinate descent's tolerance.
    reference = make_pipeline(StandardScaler(), ElasticNet(alpha=best["linear.reg"], l1_ratio=best["linear.l1_ratio"],
                                                           max_iter=100000, tol=1e-12))
    reference.fit(train[FEATURES], train["progression"])
    expected = reference.predict(test[FEATURES])
    np.testing.assert_allclose(predicted["prediction"], expected, atol=1e-3)
    # Regression metrics through the kernel, against scikit-learn's on the kernel's own predictions.
    truth, ours = test["progression"], predicted["prediction"]
    wanted = {"rmse": np.sqrt(skm.mean_squared_error(truth, ours)), "mae": skm.mean_absolute_error(truth, ours),
              "mse": skm.mean_squared_error(truth, ours), "r2": skm.r2_score(truth, ours)}
    for name, value in wanted.items():
        assert math.isclose(scores[name][0], value, rel_tol=1e-9), f"{name}: assay {scores[name][0]}, scikit-learn {value}"


def test_normal_space_draws_around_its_mean(work: Any) -> None:
    (trials,) = saved(
        work,
        "t = tune scale() | linear(reg=normal(1, 0.2)) on train target progression search random trials 30 cv 2 seed 5\n"
        'save t.trials to "{trials}"',
        "trials")
    reg = trials["linear.reg"]
    # 30 draws of N(1, 0.2²): the sample mean is within 4 standard errors (4 · 0.2/√30 = 0.146) of
    # 1, and the sample deviation within [0.1, 0.3] (a chi-square with 29 degrees of freedom puts
    # it there with probability above 0.9999).
    assert len(reg) == 30 and reg.nunique() == 30
    assert abs(reg.mean() - 1) < 0.146, reg.mean()
    assert 0.1 < reg.std() < 0.3, reg.std()


def test_tpe_stops_after_trials_without_improvement(work: Any) -> None:
    (trials,) = saved(
        work,
        "t = tune scale() | knn(k=int(1, 40)) on train target progression metric r2 search tpe trials 25 cv 2 seed 6 "
        'stop after 4\nsave t.trials to "{trials}"',
        "trials")
    order = trials.sort_values("trial")
    r2 = order["r2"].tolist()
    # Hand computation of `stop after 4`: walk the trials in order, counting those since the last
    # improvement of the best r2 (higher is better); the search ends when that count reaches 4.
    best, since, stopped_at = -math.inf, 0, None
    for i, value in enumerate(r2):
        if value > best:
            best, since = value, 0
        else:
            since += 1
        if since == 4:
            stopped_at = i + 1
            break
    assert stopped_at is not None and stopped_at < 25, f"no 4 trials in a row without improvement: {r2}"
    assert len(r2) == stopped_at, f"{len(r2)} trials run, the rule stops after {stopped_at}: {r2}"
    assert order["knn.k"].between(1, 40).all() and (order["knn.k"] == order["knn.k"].round()).all()


def test_task_overrides_the_inferred_task(work: Any) -> None:
    kc, folder, _, _ = work
    path = f"{folder}/penguins.csv"
    (predicted,) = saved(
        work,
        'p = load sample "penguins" | dropna | select bill_length_mm, bill_depth_mm, flipper_length_mm, year\n'
        f'save p to "{path}"\n'
        'm = fit scale() | knn(k=5, task="regression") on p target year\nsave (predict m on p) to "{predicted}"',
        "predicted")
    data = pd.read_csv(path)
    x, y = data.drop(columns="year"), data["year"]
    # Three integer years would be classes; as a regression the prediction is the neighbours'
    # mean year, as scikit-learn's KNeighborsRegressor gives.
    expected = make_pipeline(StandardScaler(), KNeighborsRegressor(5)).fit(x, y).predict(x)
    assert [c for c in predicted.columns if c.startswith("p_")] == []
    np.testing.assert_allclose(predicted["prediction"], expected, atol=1e-9)
    assert result(work, "m.target") == '"year"'


def test_model_board_explanation_and_dataset_members(work: Any) -> None:
    _, _, train, test = work
    params, values, summary = saved(
        work,
        "m = fit linear(reg=0.5) on train target progression\n"
        'save m.params to "{params}"\n'
        "e = shap m on test\n"
        'save e.values to "{values}"\nsave e.summary to "{summary}"\n'
        "b = fit scale() | [linear(), knn(k=3)] on train target progression",
        "params", "values", "summary")
    # .params: every hyperparameter, given or default.
    rows = {(r.component, r["name"]): str(r.value) for _, r in params.iterrows()}
    assert float(rows[("linear", "reg")]) == 0.5 and float(rows[("linear", "l1_ratio")]) == 0.0, rows
    assert result(work, "m.target") == '"progression"'
    seconds = float(result(work, "m.seconds"))
    assert 0 < seconds < 600
    # .summary: mean |SHAP| per feature, largest first, from .values by hand.
    expected = values[FEATURES].abs().mean().sort_values(ascending=False)
    assert list(summary.iloc[:, 0]) == list(expected.index)
    np.testing.assert_allclose(summary.iloc[:, 1], expected.to_numpy(), rtol=1e-9)
    # .base: the base value of every row, here the mean prediction over the explained data.
    assert math.isclose(float(result(work, "e.base")), values["base"][0], rel_tol=1e-12)
    assert abs(values["base"][0] - values["output"].mean()) <= 1e-9 * abs(values["base"][0])
    # board.models: the models best first; without cv a board ranks by the training rmse, which
    # scikit-learn gives as lower for 3-nn (it nearly memorizes the rows) than for least squares.
    assert result(work, "b.models.length") == "2"
    kinds = [result(work, f"(b.models.{end}).kind") for end in ("first", "last")]
    x, y = train[FEATURES], train["progression"]
    rmse = {f'"{kind}"': np.sqrt(skm.mean_squared_error(y, make_pipeline(StandardScaler(), model).fit(x, y).predict(x)))
            for kind, model in [("linear", LinearRegression()), ("knn", KNeighborsRegressor(3))]}
    assert kinds == sorted(rmse, key=rmse.get), (kinds, rmse)
    # dataset.types: one type per column, as pandas reads the saved file.
    types = result(work, 'types = (load sample "penguins").types\ntypes')
    assert types == '["string", "string", "number", "number", "number", "number", "string", "number"]', types


def test_run_members_record_the_fit(work: Any) -> None:
    params, metrics, history, tags = saved(
        work,
        "m = fit linear(reg=0.25) on train target progression cv 3 seed 1\nr = run m\n"
        'save r.params to "{params}"\nsave r.metrics to "{metrics}"\nsave r.history to "{history}"\n'
        'save r.tags to "{tags}"',
        "params", "metrics", "history", "tags")
    p = dict(zip(params["name"], params["value"].astype(str)))
    assert float(p["linear.reg"]) == 0.25 and float(p["linear.l1_ratio"]) == 0.0, p
    t = dict(zip(tags["name"], tags["value"].astype(str)))
    assert t.get("target") == "progression" and t.get("dataset") == "train", t
    m = metrics.set_index("metric")
    h = history
    # A metric's summary is made from its history: best, min, max and last of the logged values.
    for name, row in m.iterrows():
        logged = h[h.metric == name].sort_values("step")["value"]
        assert row["values"] == len(logged)
        assert math.isclose(row["min"], logged.min(), rel_tol=1e-12) and math.isclose(row["max"], logged.max(), rel_tol=1e-12)
        assert math.isclose(row["last"], logged.iloc[-1], rel_tol=1e-12)
    # The training rmse is the one scikit-learn gets for the same ridge on the same rows.
    _, _, train, _ = work
    from sklearn.linear_model import Ridge
    x, y = train[FEATURES], train["progression"]
    ridge = Ridge(alpha=len(train) * 0.25).fit(x, y)
    name = next(n for n in m.index if n.endswith("rmse") and "train" in n)
    assert math.isclose(m.loc[name, "last"], np.sqrt(skm.mean_squared_error(y, ridge.predict(x))), rel_tol=1e-6)
