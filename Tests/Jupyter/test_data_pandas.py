"""Data operations cross-checked against pandas on the same file.

The kernel loads a CSV, applies one operation and saves the result; pandas reads the same file,
applies the equivalent operation, and the two tables must agree (numbers to 1e-9 relative).
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

import pytest

import harness

# pandas is the reference for data operations and pinned in requirements.txt: if it is missing
# the module fails to collect instead of being skipped.
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402

if harness.KERNEL_NAME != "assay":
    pytest.skip("data operations are Assay language", allow_module_level=True)


@pytest.fixture(scope="module")
def work() -> Any:
    with harness.scratch_kernel("assay-data-") as (kc, folder):
        path = os.path.join(folder, "penguins.csv")
        run(kc, f'save (load sample "penguins") to "{path}"')
        run(kc, f'd = load "{path}"')
        yield kc, folder, pd.read_csv(path)


def run(kc: Any, code: str) -> list[dict]:
    return harness.run_ok(kc, code)


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


@pytest.mark.parametrize("frame", [
    {"x": [1.5, None, 3.0, None, -2.0, 4.25, None]},
    {"s": ["a", None, "b", "e", None, "c", "d"]},
    {"x": [None, None, 1.0, 2.0, 3.0, 4.0, 5.0]},
], ids=["numbers", "strings", "leading-missing"])
def test_a_one_column_file_with_missing_values_keeps_every_row(work: Any, frame: dict) -> None:
    """A missing value alone on its line must not become a dropped row, either way round."""
    kc, folder, _ = work
    name = next(iter(frame))
    expected = pd.DataFrame(frame)
    # pandas writes such a row as `""`; the kernel must read it as a missing value.
    written_by_pandas = os.path.join(folder, f"one-{name}-pandas.csv")
    expected.to_csv(written_by_pandas, index=False)
    outputs = run(kc, f'one = load "{written_by_pandas}"\n[one.rows, one.columns]')
    assert harness.text_result(outputs) == f'[7, ["{name}"]]'
    # ...and what the kernel saves, pandas and the kernel read back with the same 7 rows.
    saved_by_assay = os.path.join(folder, f"one-{name}-assay.csv")
    outputs = run(kc, f'save one to "{saved_by_assay}"\nback = load "{saved_by_assay}"\n[back.rows, back == one]')
    assert harness.text_result(outputs) == "[7, true]"
    same(pd.read_csv(saved_by_assay), pd.read_csv(written_by_pandas))

def numbered(work: Any, rows: int = 200) -> tuple[str, Any]:
    """A file whose rows each carry a distinct id, so parts of a split can be matched to rows."""
    folder = work[1]
    path = os.path.join(folder, "numbered.csv")
    frame = pd.DataFrame({"id": range(rows), "label": ["a" if i % 4 else "b" for i in range(rows)],
                          "x": [i * 0.5 for i in range(rows)]})
    frame.to_csv(path, index=False)
    return path, frame


@pytest.mark.parametrize("how", ["0.7 seed 3", "0.7 stratify label seed 3", "0.5, 0.3, 0.2 seed 9"])
def test_split_parts_are_disjoint_and_cover_the_input(work: Any, how: str) -> None:
    kc, folder, _ = work
    path, frame = numbered(work)
    parts = ["p1", "p2", "p3"][: how.count(",") + 2 if "," in how else 2]
    run(kc, f'n = load "{path}"\n{", ".join(parts)} = split n {how}')
    ids = [assay(work, part, part)["id"].tolist() for part in parts]
    seen = [i for part in ids for i in part]
    assert len(seen) == len(set(seen)), f"a row is in two parts: {sorted(i for i in set(seen) if seen.count(i) > 1)[:10]}"
    assert sorted(seen) == list(range(len(frame))), "the parts do not cover the input"
    # Every row comes through whole: its other columns are the input's.
    for part in parts:
        rows = assay(work, part, part).sort_values("id").reset_index(drop=True)
        same(rows, frame.set_index("id").loc[rows["id"]].reset_index())
    shares = [float(s) for s in re.findall(r"0\.\d+", how.split("seed")[0])]
    if len(shares) == 1:
        shares.append(1 - shares[0])
    for part, share in zip(ids, shares):
        assert abs(len(part) - share * len(frame)) <= 2, f"{len(part)} rows for a share of {share}"


def test_load_with_separator_and_types(work: Any) -> None:
    kc, folder, _ = work
    path = os.path.join(folder, "semicolons.csv")
    with open(path, "w") as f:
        f.write("zip;city;people\n02134;Boston;12.5\n10001;New York;\n00501;Holtsville;3\n")
    out = os.path.join(folder, "semicolons_out.csv")
    run(kc, f'z = load "{path}" sep ";" types {{zip: string}}\nsave z to "{out}"')
    expected = pd.read_csv(path, sep=";", dtype={"zip": str})
    same(pd.read_csv(out, dtype={"zip": str}), expected)
    # Without the type the zip codes are numbers and lose their leading zeros, as pandas reads them.
    run(kc, f'z = load "{path}" sep ";"\nsave z to "{out}"')
    same(pd.read_csv(out), pd.read_csv(path, sep=";"))
    outputs = run(kc, f'columns (load "{path}" sep ";" types {{zip: string}})')
    text = next(o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "display_data")
    types = {line.split()[0]: line.split()[1] for line in text.splitlines()[2:] if line.split()[:1] in (["zip"], ["city"], ["people"])}
    assert types == {"zip": "string", "city": "string", "people": "number"}, text


def test_columns_lists_names_types_missing_and_distinct(work: Any) -> None:
    kc, _, df = work
    outputs = run(kc, "columns d")
    text = next(o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "display_data")
    rows = {}
    for line in text.splitlines():
        cells = line.split()
        if cells and cells[0] in df.columns:
            rows[cells[0]] = cells
    assert list(rows) == list(df.columns)
    for column in df.columns:
        kind = "number" if pd.api.types.is_numeric_dtype(df[column]) else "string"
        assert rows[column][1:4] == [kind, str(df[column].isna().sum()), str(df[column].nunique())], rows[column]


def test_show_limits_the_rows_and_shows_their_values(work: Any) -> None:
    kc, _, df = work
    outputs = run(kc, "show (d | select species, island, body_mass_g) limit 4")
    text = next(o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "display_data")
    body = [line.split() for line in text.splitlines() if line.split()[:1] and line.split()[0] in set(df.species)]
    # `limit 4` shows the first two and the last two rows, and says how many are between.
    shown = pd.concat([df.head(2), df.tail(2)])
    assert len(body) == 4, text
    for cells, (_, row) in zip(body, shown.iterrows()):
        assert cells == [row.species, row.island, f"{row.body_mass_g:g}"], (cells, row)
    assert f"… {len(df) - 4} more rows" in text
    assert f"{len(df)} rows × 3 columns" in text


def test_first_and_last_aggregates(work: Any) -> None:
    df = work[2]
    # Sorted by mass, the birds without a mass (and sex) come last in their species: `last` must
    # skip them, as pandas' GroupBy.last does.
    actual = assay(work, "d | sort body_mass_g desc | group species aggregate a = first(sex), b = last(body_mass_g), "
                         "c = last(sex), e = first(bill_length_mm)", "first_last")
    ordered = df.sort_values("body_mass_g", ascending=False, kind="stable", na_position="last")
    assert ordered.groupby("species", sort=False).body_mass_g.apply(lambda s: s.isna().iloc[-1]).any()
    g = ordered.groupby("species", sort=False)
    expected = pd.DataFrame({"a": g.sex.first(), "b": g.body_mass_g.last(), "c": g.sex.last(),
                             "e": g.bill_length_mm.first()}).reset_index()
    same(actual, expected)


def test_synthetic_regression_is_a_noisy_linear_model(work: Any) -> None:
    kc, folder, _ = work
    paths = [os.path.join(folder, f"synthetic{i}.csv") for i in range(3)]
    run(kc, f'save (load synthetic regression rows 4000 features 4 noise 0.5 seed 1) to "{paths[0]}"\n'
            f'save (load synthetic regression rows 4000 features 4 noise 0.5 seed 1) to "{paths[1]}"\n'
            f'save (load synthetic regression rows 4000 features 4 noise 0.5 seed 2) to "{paths[2]}"')
    data, again, other = (pd.read_csv(p) for p in paths)
    assert list(data.columns) == ["f1", "f2", "f3", "f4", "target"] and len(data) == 4000
    same(again, data)
    assert not np.allclose(other.target, data.target), "another seed gives other data"
    x = data[["f1", "f2", "f3", "f4"]]
    # Standard normal features: means within 4/sqrt(n) of 0, standard deviations within 5%.
    assert (x.mean().abs() < 4 / np.sqrt(4000)).all() and (abs(x.std() - 1) < 0.05).all()
    fit = LinearRegression().fit(x, data.target)
    residual = data.target - fit.predict(x)
    # The target is a weighted sum plus N(0, 0.5²): least squares recovers weights of size 1 to
    # 10 and no intercept, and the residuals' spread is the noise (within 5% for 4000 rows).
    assert abs(residual.std() - 0.5) < 0.025, residual.std()
    assert all(1 - 0.05 <= abs(w) <= 10 + 0.05 for w in fit.coef_), fit.coef_
    assert abs(fit.intercept_) < 0.05


def test_quit_asks_the_front_end_to_exit(work: Any) -> None:
    kc = work[0]
    for command in ["quit", "exit"]:
        reply, _ = harness.execute(kc, command)
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["payload"] == [{"source": "ask_exit", "keepkernel": False}], reply["content"]
    # The kernel itself keeps running: the front end decides whether to leave.
    run(kc, "print 1")
