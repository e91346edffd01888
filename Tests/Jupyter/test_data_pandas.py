"""Data operations cross-checked against pandas on the same file.

The kernel loads a CSV, applies one operation and saves the result; pandas reads the same file,
applies the equivalent operation, and the two tables must agree (numbers to 1e-9 relative).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from typing import Any

import pytest

import harness

# pandas is the reference for data operations and pinned in requirements.txt: if it is missing
# the module fails to collect instead of being skipped.
import pandas as pd  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("data operations are Assay language", allow_module_level=True)


@pytest.fixture(scope="module")
def work() -> Any:
    from jupyter_client.manager import start_new_kernel

    folder = tempfile.mkdtemp(prefix="assay-data-")
    km, kc = start_new_kernel(kernel_name="assay", startup_timeout=harness.TIMEOUT)
    path = os.path.join(folder, "penguins.csv")
    run(kc, f'save (load sample "penguins") to "{path}"')
    run(kc, f'd = load "{path}"')
    yield kc, folder, pd.read_csv(path)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc: Any, code: str) -> list[dict]:
    reply, outputs = harness.execute(kc, code)
    assert reply["content"]["status"] == "ok", "\n".join(reply["content"].get("traceback", []))
    return outputs


def assay(work: Any, pipeline: str, name: str) -> Any:
    kc, folder, _ = work
    out = os.path.join(folder, name + ".csv")
    run(kc, f'save ({pipeline}) to "{out}"')
    return pd.read_csv(out)


def same(actual: Any, expected: Any) -> None:
    expected = expected.reset_index(drop=True)
    assert list(actual.columns) == list(expected.columns)
    assert len(actual) == len(expected), f"{len(actual)} rows, pandas has {len(expected)}"
    for column in expected.columns:
        for i, (a, e) in enumerate(zip(actual[column].tolist(), expected[column].tolist())):
            if isinstance(e, float) and math.isnan(e):
                assert isinstance(a, float) and math.isnan(a), f"{column}[{i}]: {a!r}, pandas NaN"
            elif isinstance(e, (int, float)) and not isinstance(e, bool):
                assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{column}[{i}]: {a!r}, pandas {e!r}"
            else:
                assert a == e, f"{column}[{i}]: {a!r}, pandas {e!r}"


def test_where(work: Any) -> None:
    df = work[2]
    same(assay(work, 'd | where bill_length_mm > 40 and sex == "female"', "where"),
         df[(df.bill_length_mm > 40) & (df.sex == "female")])


def test_where_in_and_is_null(work: Any) -> None:
    df = work[2]
    same(assay(work, 'd | where island in ["Dream", "Biscoe"] and sex is null', "where_in"),
         df[df.island.isin(["Dream", "Biscoe"]) & df.sex.isna()])


def test_derive(work: Any) -> None:
    df = work[2]
    expected = df.assign(ratio=df.bill_length_mm / df.bill_depth_mm)
    expected = expected.assign(log_mass=(expected.body_mass_g + 1).apply(math.log), twice=expected.ratio * 2)
    same(assay(work, "d | derive ratio = bill_length_mm / bill_depth_mm, log_mass = log(body_mass_g + 1), twice = ratio * 2",
               "derive"), expected)


def test_select_drop_rename(work: Any) -> None:
    df = work[2]
    same(assay(work, "d | select species, island", "select"), df[["species", "island"]])
    same(assay(work, "d | drop year", "drop"), df.drop(columns=["year"]))
    same(assay(work, "d | rename island as isle", "rename"), df.rename(columns={"island": "isle"}))


def test_sort_is_stable_with_missing_last(work: Any) -> None:
    df = work[2]
    expected = df.sort_values(["body_mass_g", "species"], ascending=[False, True], kind="stable", na_position="last")
    same(assay(work, "d | sort body_mass_g desc, species", "sort"), expected)


def test_head_tail(work: Any) -> None:
    df = work[2]
    same(assay(work, "d | head 7", "head"), df.head(7))
    same(assay(work, "d | tail 5", "tail"), df.tail(5))


def test_dropna_and_distinct(work: Any) -> None:
    df = work[2]
    same(assay(work, "d | dropna", "dropna"), df.dropna())
    same(assay(work, "d | dropna sex", "dropna_sex"), df.dropna(subset=["sex"]))
    same(assay(work, "d | distinct species, island | select species, island", "distinct"),
         df.drop_duplicates(subset=["species", "island"])[["species", "island"]])


def test_group_with_every_aggregate(work: Any) -> None:
    df = work[2]
    actual = assay(
        work,
        "d | group species, island aggregate n = count(), mass = mean(body_mass_g), total = sum(body_mass_g), "
        "lo = min(body_mass_g), hi = max(body_mass_g), mid = median(body_mass_g), sd = std(body_mass_g), "
        "v = var(body_mass_g), kinds = distinct_count(sex)",
        "group")
    g = df.groupby(["species", "island"], sort=False)
    expected = pd.DataFrame({
        "n": g.size(), "mass": g.body_mass_g.mean(), "total": g.body_mass_g.sum(), "lo": g.body_mass_g.min(),
        "hi": g.body_mass_g.max(), "mid": g.body_mass_g.median(), "sd": g.body_mass_g.std(),
        "v": g.body_mass_g.var(), "kinds": g.sex.nunique(),
    }).reset_index()
    same(actual, expected)


def test_join_left_and_inner(work: Any) -> None:
    kc, _, df = work
    run(kc, "islands = d | group island aggregate birds = count() | where birds > 60")
    counts = df.groupby("island", sort=False).size().rename("birds").reset_index()
    counts = counts[counts.birds > 60]
    same(assay(work, "d | join islands on island left", "join_left"), df.merge(counts, on="island", how="left"))
    same(assay(work, "d | join islands on island", "join_inner"), df.merge(counts, on="island", how="inner"))


def test_split_partitions_and_stratifies(work: Any) -> None:
    kc, folder, df = work
    run(kc, "train, test = split d 0.8 stratify species seed 42")
    train = assay(work, "train", "train")
    test = assay(work, "test", "test")
    assert len(train) + len(test) == len(df)
    for species, share in df.species.value_counts(normalize=True).items():
        assert abs((train.species == species).mean() - share) < 0.02, species
    again = os.path.join(folder, "train_again.csv")
    run(kc, f'a, b = split d 0.8 stratify species seed 42\nsave a to "{again}"')
    same(pd.read_csv(again), train)


def test_describe_matches_pandas(work: Any) -> None:
    kc, _, df = work
    outputs = run(kc, "describe d")
    text = next(o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "display_data")
    rows = {}
    lines = text.splitlines()
    header = re.split(r"\s{2,}", lines[0].strip())
    for line in lines[2:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) >= 4 and cells[0] in df.columns:
            rows[cells[0]] = cells
    stats = df.describe()
    for column in ["bill_length_mm", "body_mass_g"]:
        cells = dict(zip(header, rows[column]))
        assert int(cells["count"]) == int(stats[column]["count"])
        for ours, theirs in [("mean", "mean"), ("std", "std"), ("min", "min"), ("25%", "25%"), ("50%", "50%"),
                             ("75%", "75%"), ("max", "max")]:
            assert math.isclose(float(cells[ours]), stats[column][theirs], rel_tol=1e-5), (column, ours)
        assert int(cells["missing"]) == int(df[column].isna().sum())


def test_save_and_load_round_trip(work: Any) -> None:
    kc, folder, df = work
    path = os.path.join(folder, "tricky.csv")
    tricky = pd.DataFrame({"text": ['a,b', 'say "hi"', "line\nbreak", " padded ", None], "x": [1.5, None, 3, 1e-7, -2]})
    tricky.to_csv(path, index=False)
    again = os.path.join(folder, "tricky_again.csv")
    run(kc, f't = load "{path}"\nsave t to "{again}"')
    same(pd.read_csv(again), pd.read_csv(path))


def test_string_functions_and_conditionals(work: Any) -> None:
    df = work[2]
    actual = assay(
        work,
        'd | where contains(lower(species), "gen") | derive heavy = if(body_mass_g > 5000, "yes", "no"), '
        "bill = coalesce(bill_length_mm, 0), n = len(island) | select species, heavy, bill, n",
        "strings")
    expected = df[df.species.str.lower().str.contains("gen")].copy()
    expected["heavy"] = ["yes" if m > 5000 else ("no" if m == m else None) for m in expected.body_mass_g]
    expected["bill"] = expected.bill_length_mm.fillna(0)
    expected["n"] = expected.island.str.len()
    same(actual, expected[["species", "heavy", "bill", "n"]])


def test_sample_draws_distinct_rows_of_the_input(work: Any) -> None:
    kc, _, df = work
    drawn = assay(work, "d | derive row = year * 0 | sample 50 seed 7", "sample")
    again = assay(work, "d | derive row = year * 0 | sample 50 seed 7", "sample_again")
    assert len(drawn) == 50
    same(again, drawn)
    merged = drawn.drop(columns=["row"]).merge(df.drop_duplicates(), how="left", indicator=True)
    assert (merged["_merge"] == "both").all()
    fraction = assay(work, "d | sample 0.25 seed 7", "sample_fraction")
    assert len(fraction) == round(len(df) * 0.25)
