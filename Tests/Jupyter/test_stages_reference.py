"""Feature stages, column selectors and data commands cross-checked against pandas, numpy and
scikit-learn.

The kernel applies a stage to a dataset (`data | stage(...)` fits it on that data and transforms
it) and saves the result; the reference computes the same columns from the same file. Numbers must
agree to 1e-9 relative unless a test says otherwise.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

import pytest

import harness

# Pinned in requirements.txt: a missing reference fails collection instead of skipping the module.
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402
from sklearn.preprocessing import PolynomialFeatures  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("stages are Assay language", allow_module_level=True)

NUMBERS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


@pytest.fixture(scope="module")
def work() -> Any:
    with harness.scratch_kernel("assay-stages-") as (kc, folder):
        path = os.path.join(folder, "penguins.csv")
        run(kc, f'save (load sample "penguins") to "{path}"\nd = load "{path}"\nfull = d | dropna')
        yield kc, folder, pd.read_csv(path)


def run(kc: Any, code: str) -> list[dict]:
    return harness.run_ok(kc, code, timeout=120)


def assay(work: Any, expression: str) -> Any:
    kc, folder, _ = work
    out = os.path.join(folder, "out.csv")
    run(kc, f'save ({expression}) to "{out}"')
    return pd.read_csv(out)


def close(actual: Any, expected: Any, what: str) -> None:
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape}, expected {expected.shape}"
    assert np.array_equal(np.isnan(actual), np.isnan(expected)), f"{what}: missing values differ"
    both = ~np.isnan(expected)
    np.testing.assert_allclose(actual[both], expected[both], rtol=1e-9, atol=1e-12, err_msg=what)


def test_scale_robust_and_minmax(work: Any) -> None:
    df = work[2]
    robust = assay(work, 'd | scale(bill_length_mm, body_mass_g, method="robust")')
    minmax = assay(work, 'd | scale(bill_length_mm, body_mass_g, method="minmax")')
    for column in ["bill_length_mm", "body_mass_g"]:
        x = df[column]
        # RobustScaler's defaults: centre at the median, divide by the interquartile range
        # (numpy's linear quantiles of the values present).
        q1, median, q3 = np.nanquantile(x, [0.25, 0.5, 0.75])
        close(robust[column], (x - median) / (q3 - q1), f"robust {column}")
        close(minmax[column], (x - x.min()) / (x.max() - x.min()), f"minmax {column}")
        assert list(robust["flipper_length_mm"].fillna(-1)) == list(df["flipper_length_mm"].fillna(-1))


def test_index_codes_categories_most_frequent_first(work: Any) -> None:
    df = work[2]
    ours = assay(work, "d | index(species, island)")
    for column in ["species", "island"]:
        counts = df[column].value_counts()
        # Most frequent first, ties in natural (string) order.
        order = sorted(counts.index, key=lambda v: (-counts[v], v))
        expected = df[column].map({v: i for i, v in enumerate(order)})
        close(ours[column], expected, column)
    assert set(ours["sex"].dropna()) == {"male", "female"}, "index touched only the named columns"


def test_bucket_and_quantiles(work: Any) -> None:
    df = work[2]
    ours = assay(work, "d | bucket(body_mass_g, splits=[3500, 4500])")
    mass = df["body_mass_g"].to_numpy(dtype=np.float64)
    # Bucket i holds [s_i, s_i+1): the number of splits at or below the value.
    expected = np.where(np.isnan(mass), np.nan, np.searchsorted([3500, 4500], mass, side="right"))
    close(ours["body_mass_g"], expected, "bucket")
    assert (ours["body_mass_g"] == 1).sum() == ((mass >= 3500) & (mass < 4500)).sum()

    ours = assay(work, "d | quantiles(bill_length_mm, flipper_length_mm, buckets=3)")
    for column in ["bill_length_mm", "flipper_length_mm"]:
        x = df[column].to_numpy(dtype=np.float64)
        splits = np.unique(np.nanquantile(x, [1 / 3, 2 / 3]))
        close(ours[column], np.where(np.isnan(x), np.nan, np.searchsorted(splits, x, side="right")), f"quantiles {column}")
        assert set(ours[column].dropna()) == {0, 1, 2}


def test_poly_and_interact(work: Any) -> None:
    df = work[2].dropna().reset_index(drop=True)
    columns = ["bill_length_mm", "bill_depth_mm"]
    ours = assay(work, "full | poly(bill_length_mm, bill_depth_mm, degree=3)")
    reference = PolynomialFeatures(3, include_bias=False).fit(df[columns])
    names = [n.replace(" ", "*") for n in reference.get_feature_names_out(columns)]
    values = reference.transform(df[columns])
    # The inputs stay where they were and the products are added after every column, in
    # PolynomialFeatures' order and with its names (a space there, `*` here).
    assert list(ours.columns) == list(df.columns) + names[2:]
    for i, name in enumerate(names):
        close(ours[name], values[:, i], name)

    ours = assay(work, "d | interact(bill_length_mm, flipper_length_mm)")
    whole = work[2]
    close(ours["bill_length_mm*flipper_length_mm"], whole.bill_length_mm * whole.flipper_length_mm, "interact")
    assert list(ours.columns) == list(whole.columns) + ["bill_length_mm*flipper_length_mm"]


def test_log_is_log1p(work: Any) -> None:
    df = work[2]
    ours = assay(work, "d | derive shifted = bill_depth_mm - 18 | log(body_mass_g, shifted)")
    close(ours["body_mass_g"], np.log1p(df.body_mass_g), "log(body_mass_g)")
    shifted = df.bill_depth_mm - 18
    # log(1 + x) is undefined at or below x = -1: missing there.
    close(ours["shifted"], np.where(shifted > -1, np.log1p(shifted.where(shifted > -1, 0)), np.nan), "log(shifted)")
    assert (shifted <= -1).any(), "the data must reach the undefined region"


def test_pca_matches_scikit_learn(work: Any) -> None:
    df = work[2].dropna().reset_index(drop=True)
    ours = assay(work, "full | pca(" + ", ".join(NUMBERS) + ", k=2)")
    reference = PCA(2).fit_transform(df[NUMBERS])
    # The components replace their inputs; each is signed so its largest loading is positive,
    # as scikit-learn's svd_flip does, so the scores agree in sign too.
    assert [c for c in ours.columns if c in NUMBERS] == []
    assert list(ours.columns)[-2:] == ["pc1", "pc2"]
    for i in range(2):
        np.testing.assert_allclose(ours[f"pc{i + 1}"], reference[:, i], rtol=1e-7, atol=1e-7 * np.abs(reference[:, i]).max())


def test_selectors_choose_columns_by_type(work: Any) -> None:
    df = work[2]
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    ours = assay(work, 'd | scale(numeric(), method="minmax")')
    for column in numeric:
        x = df[column]
        close(ours[column], (x - x.min()) / (x.max() - x.min()), f"numeric() {column}")
    ours = assay(work, 'd | scale(except(year, body_mass_g), method="minmax")')
    close(ours["year"], df.year, "except() left year alone")
    close(ours["body_mass_g"], df.body_mass_g, "except() left body_mass_g alone")
    close(ours["bill_depth_mm"], (df.bill_depth_mm - df.bill_depth_mm.min()) / np.ptp(df.bill_depth_mm.dropna()), "except()")
    ours = assay(work, "d | onehot(categorical())")
    expected = [c for c in df.columns if c not in ("species", "island", "sex")]
    for column in ["species", "island", "sex"]:
        expected += [f"{column}={v}" for v in sorted(df[column].dropna().unique())]
    assert sorted(ours.columns) == sorted(expected)
    close(ours["island=Dream"], (df.island == "Dream").astype(float), "island=Dream")
    ours = assay(work, 'd | impute(all(), strategy="mode")')
    assert ours.isna().sum().sum() == 0
    for column in ["sex", "body_mass_g"]:
        mode = df[column].mode()
        filled = ours[column][df[column].isna()]
        assert len(filled) > 0 and set(filled) <= set(mode), f"{column}: filled with {set(filled)}, pandas mode {list(mode)}"
