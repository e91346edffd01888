"""The Spark engine through a real Spark Connect server (scripts/test.sh starts one, local[2] on
loopback, and sets ASSAY_SPARK_URI).

Every data operation runs three ways on the same file: on Spark through Assay, on Assay's
embedded engine, and with pyspark's own Connect client. Assay on Spark must give the embedded
engine's rows (in the same order where the operation defines one) and pyspark's values.
"""

from __future__ import annotations

import math
import os
import random
import re
import socket
import subprocess
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import harness

SPARK_URI = os.environ.get("ASSAY_SPARK_URI", "")

if harness.KERNEL_NAME != "assay":
    pytest.skip("the Spark engine is Assay language", allow_module_level=True)
if not SPARK_URI:
    pytest.skip("no Spark Connect server: scripts/test.sh starts one and sets ASSAY_SPARK_URI", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

ROWS = 3000


def mixed_table(path: str) -> pd.DataFrame:
    """A table users have: ids, numbers with gaps, a few categories, bools, text with gaps."""
    rng = random.Random(7)
    cities = ["Lisbon", "Porto", "Braga", "Faro", "Évora"]
    rows = []
    for i in range(ROWS):
        rows.append({
            "id": i,
            "amount": None if rng.random() < 0.1 else round(rng.uniform(-50, 500), 3),
            "qty": rng.randint(0, 20),
            "city": None if rng.random() < 0.05 else rng.choice(cities),
            "member": rng.random() < 0.4,
            "note": None if rng.random() < 0.3 else f"n{rng.randint(0, 40)}",
        })
    frame = pd.DataFrame(rows)
    frame.to_csv(path, index=False)
    return frame


@pytest.fixture(scope="module")
def spark() -> Any:
    session = SparkSession.builder.remote(SPARK_URI).getOrCreate()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def work(spark: Any) -> Any:
    with harness.scratch_kernel("assay-spark-") as (kc, folder):
        path = os.path.join(folder, "mixed.csv")
        mixed_table(path)
        penguins = os.path.join(folder, "penguins.csv")
        harness.run_ok(kc, f'save (load sample "penguins") to "{penguins}"')
        harness.run_ok(kc, f'L = load "{path}"\nLP = load "{penguins}"')
        harness.run_ok(kc, f'engine spark "{SPARK_URI}"', timeout=120)
        harness.run_ok(kc, f'S = load "{path}"\nSP = load "{penguins}"', timeout=120)
        reference = spark.read.csv(path, header=True, inferSchema=True)
        yield kc, folder, reference


def frames(work: Any, steps: str, name: str, local_steps: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same steps on Spark (collected) and on the embedded engine, as pandas tables."""
    kc, folder, _ = work
    on_spark = os.path.join(folder, name + "-spark.csv")
    local = os.path.join(folder, name + "-local.csv")
    harness.run_ok(kc, f'save (collect (S {steps})) to "{on_spark}"\nsave (L {local_steps or steps}) to "{local}"', timeout=120)
    return pd.read_csv(on_spark, keep_default_na=False, na_values=[""]), pd.read_csv(local, keep_default_na=False, na_values=[""])


def same(actual: pd.DataFrame, expected: pd.DataFrame, ordered: bool = True) -> None:
    assert list(actual.columns) == list(expected.columns)
    assert len(actual) == len(expected), f"{len(actual)} rows, expected {len(expected)}"
    if not ordered:
        actual = actual.sort_values(list(actual.columns), na_position="last").reset_index(drop=True)
        expected = expected.sort_values(list(expected.columns), na_position="last").reset_index(drop=True)
    for column in expected.columns:
        for i, (a, e) in enumerate(zip(actual[column].tolist(), expected[column].tolist())):
            if isinstance(e, float) and math.isnan(e):
                assert isinstance(a, float) and math.isnan(a), f"{column}[{i}]: {a!r}, expected missing"
            elif isinstance(e, (int, float)) and not isinstance(e, bool):
                assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9), f"{column}[{i}]: {a!r}, expected {e!r}"
            else:
                assert a == e, f"{column}[{i}]: {a!r}, expected {e!r}"


def spark_rows(frame: Any) -> pd.DataFrame:
    """pyspark's result through Arrow, missing values as NaN/None like the CSV round trip."""
    return frame.toPandas()


def text(outputs: list[dict]) -> str:
    """What a cell printed and showed, without progress displays (they depend on timing)."""
    parts = []
    for message in outputs:
        content = message["content"]
        if content.get("transient", {}).get("display_id", "").startswith("assay-progress-"):
            continue
        if message["msg_type"] == "stream":
            parts.append(content["text"])
        elif message["msg_type"] in ("display_data", "execute_result"):
            parts.append(content["data"].get("text/plain", ""))
        elif message["msg_type"] == "error":
            parts.append("\n".join(content["traceback"]))
    return "\n".join(parts)


def error_text(kc: Any, code: str, timeout: float = 120) -> str:
    reply, outputs = harness.execute(kc, code, timeout=timeout)
    assert reply["content"]["status"] == "error", f"expected an error from {code!r}"
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["content"]["traceback"]))


# --- the engine itself ----------------------------------------------------------------------


def test_engine_names_spark_its_version_and_master(work: Any, spark: Any) -> None:
    kc, _, _ = work
    shown = text(harness.run_ok(kc, "engine"))
    assert f"spark {spark.version}" in shown
    assert SPARK_URI in shown and "master local[2]" in shown


def test_vars_shows_spark_datasets_without_running_them(work: Any) -> None:
    kc, _, _ = work
    shown = text(harness.run_ok(kc, "vars"))
    line = next(line for line in shown.splitlines() if line.startswith("S "))
    assert "dataset (spark)" in line and "6 columns" in line
    assert "dataset (spark)" not in next(line for line in shown.splitlines() if line.startswith("L "))


def test_completion_offers_a_spark_datasets_columns(work: Any) -> None:
    kc, _, _ = work
    code = "S | where amo"
    msg_id = kc.complete(code, len(code))
    reply = harness.shell_reply(kc, msg_id)
    assert "amount" in reply["content"]["matches"]


def test_rows_and_columns_run_on_the_cluster(work: Any, spark: Any) -> None:
    kc, _, reference = work
    assert text(harness.run_ok(kc, "S.rows")).strip() == str(reference.count())
    shown = text(harness.run_ok(kc, "columns S"))
    for name, kind in [("id", "number"), ("amount", "number"), ("city", "string"), ("member", "bool")]:
        assert any(line.split()[:2] == [name, kind] for line in shown.splitlines()), shown


def test_show_fetches_the_rows_it_shows(work: Any) -> None:
    kc, _, _ = work
    shown = text(harness.run_ok(kc, "show S limit 5"))
    assert "first 5 rows × 6 columns of a Spark dataset" in shown
    # The ids of the file's first five rows, in order.
    body = [line.split()[0] for line in shown.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert body[:5] == ["0", "1", "2", "3", "4"]


# --- data operations: the embedded engine's results, pyspark's values -------------------------


def test_where_and_derive_match_the_embedded_engine_and_pyspark(work: Any) -> None:
    _, _, reference = work
    steps = ('| where amount > 100 and city != "Faro" or qty % 7 == 3 '
             '| derive share = amount / qty, big = amount >= 250, r = round(amount, 1), lg = log(qty), '
             'up = upper(city), n = len(note), c = coalesce(note, "none"), k = if(member, qty * 2, 0 - qty), '
             'm = (0 - qty) % 7, p = qty ^ 0.5, cl = clip(amount, 0, 300), has = contains(city, "o"), '
             'pick = city in ["Porto", "Braga", null], lo = min(amount, qty), miss = amount is null')
    on_spark, local = frames(work, steps, "where-derive")
    same(on_spark, local)
    expected = spark_rows(reference.filter(((F.col("amount") > 100) & (F.col("city") != "Faro")) | (F.pmod("qty", F.lit(7)) == 3)))
    assert sorted(on_spark["id"]) == sorted(expected["id"])


def test_division_follows_ieee_as_locally(work: Any) -> None:
    on_spark, local = frames(work, "| where id < 40 | derive a = amount / (qty - qty), b = 0 / (qty - qty), z = qty / 0 | select id, a, b, z", "divide")
    same(on_spark, local)
    assert on_spark["z"].isin([math.inf, -math.inf]).any() or (on_spark["z"].isna() | (on_spark["z"] == math.inf)).all()


def test_select_drop_rename(work: Any) -> None:
    same(*frames(work, "| select id, city, amount | rename amount as euros | drop city", "select"))


def test_sort_is_stable_with_missing_last(work: Any) -> None:
    on_spark, local = frames(work, "| sort city desc, member | select id, city, member", "sort")
    same(on_spark, local)
    assert pd.isna(on_spark["city"].iloc[-1])


def test_head_tail_dropna_distinct(work: Any, spark: Any) -> None:
    _, _, reference = work
    same(*frames(work, "| sort amount desc | head 25", "head"))
    same(*frames(work, "| tail 7", "tail"))
    on_spark, local = frames(work, "| dropna amount, city", "dropna")
    same(on_spark, local)
    assert len(on_spark) == reference.dropna(subset=["amount", "city"]).count()
    on_spark, local = frames(work, "| distinct city, member | select city, member", "distinct")
    same(on_spark, local, ordered=False)
    assert len(on_spark) == reference.select("city", "member").distinct().count()


def test_group_aggregate_matches_and_keeps_first_appearance_order(work: Any) -> None:
    _, _, reference = work
    steps = ("| group city, member aggregate n = count(), k = count(amount), total = sum(amount), avg = mean(amount), "
             "med = median(amount), sd = std(amount), v = var(qty), lo = min(note), hi = max(amount), "
             "kinds = distinct_count(note), first_note = first(note), last_note = last(note)")
    on_spark, local = frames(work, steps, "group")
    same(on_spark, local)
    expected = spark_rows(reference.groupBy("city", "member").agg(
        F.count(F.lit(1)).alias("n"), F.avg("amount").alias("avg"), F.stddev_samp("amount").alias("sd")))
    merged = on_spark.merge(expected, on=["city", "member"], suffixes=("", "_pyspark"))
    assert len(merged) == len(expected) == len(on_spark)
    for name in ["n", "avg", "sd"]:
        for a, e in zip(merged[name], merged[name + "_pyspark"]):
            assert (pd.isna(a) and pd.isna(e)) or math.isclose(a, e, rel_tol=1e-9), (name, a, e)


def test_join_with_a_local_table_uploads_it_and_keeps_the_left_columns_first(work: Any) -> None:
    kc, _, _ = work
    harness.run_ok(kc, 'cities = load sample "penguins" | group island aggregate birds = count() | rename island as city')
    harness.run_ok(kc, 'sizes = L | group city aggregate qty = mean(qty), rows = count()')
    on_spark, local = frames(work, "| join sizes on city left | select id, city, qty, qty_right, rows", "join-left")
    same(on_spark, local, ordered=False)
    on_spark, local = frames(work, "| join (upload sizes) on city | select id, city, qty_right", "join-inner",
                             local_steps="| join sizes on city | select id, city, qty_right")
    same(on_spark, local, ordered=False)
    # A local dataset joined with a Spark one is sent along when small: the result is on Spark.
    shown = text(harness.run_ok(kc, "vars\nmixed = sizes | join S on city\nvars"))
    assert any(line.startswith("mixed ") and "dataset (spark)" in line for line in shown.splitlines())


def test_sample_and_split_parts_are_disjoint_and_cover(work: Any) -> None:
    kc, folder, reference = work
    harness.run_ok(kc, "a, b, c = split S 0.6, 0.2 seed 4\nsa, sb = split S 0.7 stratify city seed 2")
    ids = {}
    for part in ["a", "b", "c", "sa", "sb"]:
        out = os.path.join(folder, f"split-{part}.csv")
        harness.run_ok(kc, f'save (collect {part}) to "{out}"')
        ids[part] = set(pd.read_csv(out)["id"])
    assert not (ids["a"] & ids["b"]) and not (ids["a"] & ids["c"]) and not (ids["b"] & ids["c"])
    assert ids["a"] | ids["b"] | ids["c"] == set(range(ROWS))
    assert abs(len(ids["a"]) / ROWS - 0.6) < 0.05 and abs(len(ids["b"]) / ROWS - 0.2) < 0.05
    assert not (ids["sa"] & ids["sb"]) and ids["sa"] | ids["sb"] == set(range(ROWS))
    # Stratified: each city (and the missing one) is cut at 70% of its rows, to the row.
    rows = pd.read_csv(os.path.join(folder, "split-a.csv")).shape[0]
    assert rows == len(ids["a"])
    harness.run_ok(kc, f'save (collect (S | sample 100 seed 3)) to "{folder}/sample.csv"')
    drawn = pd.read_csv(f"{folder}/sample.csv")
    assert len(drawn) == 100 and drawn["id"].is_unique
    # The same plan drawn again gives the same rows.
    harness.run_ok(kc, f'save (collect (S | sample 100 seed 3)) to "{folder}/sample2.csv"')
    assert list(pd.read_csv(f"{folder}/sample2.csv")["id"]) == list(drawn["id"])


def test_describe_matches_the_embedded_engine(work: Any) -> None:
    kc, _, _ = work
    remote = text(harness.run_ok(kc, "describe S", timeout=120))
    local = text(harness.run_ok(kc, "describe L"))
    assert remote == local


# --- Arrow: every Spark type Assay reads, against pyarrow ----------------------------------------


def test_every_supported_spark_type_reads_as_pyarrow_reads_it(work: Any, spark: Any) -> None:
    kc, folder, _ = work
    table = pa.table({
        "i8": pa.array([1, None, -3], pa.int8()), "i16": pa.array([300, -2, None], pa.int16()),
        "i32": pa.array([None, 70000, -1], pa.int32()), "i64": pa.array([2**40, None, 5], pa.int64()),
        "f32": pa.array([1.5, None, -2.25], pa.float32()), "f64": pa.array([None, 3.125, float("nan")], pa.float64()),
        "dec": pa.array([None, Decimal("12.5"), Decimal("-0.25")], pa.decimal128(9, 2)), "flag": pa.array([True, None, False]),
        "text": pa.array(["a", None, "ção"]), "day": pa.array([None, 19000, 0], pa.date32()),
        "when": pa.array([0, None, 1_700_000_000_000_000], pa.timestamp("us", tz="UTC")),
    })
    path = os.path.join(folder, "types.parquet")
    pq.write_table(table, path)
    out = os.path.join(folder, "types.csv")
    harness.run_ok(kc, f'T = load "{path}"\nsave (collect T) to "{out}"', timeout=120)
    got = pd.read_csv(out, keep_default_na=False, na_values=[""])
    expected = spark.read.parquet(path).toPandas()
    assert list(got.columns) == list(table.column_names)
    for column in ["i8", "i16", "i32", "i64", "f32", "f64", "dec"]:
        for a, e in zip(got[column], expected[column]):
            e = None if e is None or (isinstance(e, float) and math.isnan(e)) else float(e)
            assert (e is None and pd.isna(a)) or math.isclose(a, e, rel_tol=1e-7), (column, a, e)
    assert [None if pd.isna(v) else bool(v) for v in got["flag"]] == [True, None, False]
    assert [None if pd.isna(v) else v for v in got["text"]] == ["a", None, "ção"]
    assert [None if pd.isna(v) else v for v in got["day"]] == [None, "2022-01-08", "1970-01-01"]
    assert pd.isna(got["when"][1]) and str(got["when"][0]).startswith("1970-01-01")


def test_a_type_override_holds_before_inference(work: Any) -> None:
    kc, folder, _ = work
    path = os.path.join(folder, "zips.csv")
    Path(path).write_text("zip,n\n01234,1\n98765,2\n00501,3\n")
    out = os.path.join(folder, "zips-out.csv")
    harness.run_ok(kc, f'Z = load "{path}" types {{zip: string}}\nsave (collect Z) to "{out}"', timeout=120)
    assert pd.read_csv(out, dtype=str)["zip"].tolist() == ["01234", "98765", "00501"]
    shown = text(harness.run_ok(kc, "columns Z"))
    assert any(line.split()[:2] == ["zip", "string"] for line in shown.splitlines())


# --- writing on the cluster ---------------------------------------------------------------------


def test_save_to_parquet_and_to_a_table_run_on_the_cluster(work: Any, spark: Any) -> None:
    kc, folder, reference = work
    path = os.path.join(folder, "members.parquet")
    harness.run_ok(kc, f'save (S | where member) to "{path}"', timeout=120)
    assert spark.read.parquet(path).count() == reference.filter(F.col("member")).count()
    harness.run_ok(kc, 'save (S | where qty > 10) to table "assay_test_qty"\nQ = load table "assay_test_qty"', timeout=120)
    assert text(harness.run_ok(kc, "Q.rows")).strip() == str(reference.filter(F.col("qty") > 10).count())
    assert text(harness.run_ok(kc, 'print (load sql "SELECT count(*) AS n FROM assay_test_qty").rows')).strip() == "1"


# --- errors ---------------------------------------------------------------------------------------


def test_unknown_columns_and_type_errors_are_caught_before_anything_runs(work: Any) -> None:
    kc, _, _ = work
    shown = error_text(kc, "S | where amout > 3")
    assert "unknown column `amout`" in shown and "did you mean `amount`?" in shown
    shown = error_text(kc, 'S | derive x = city - 1')
    assert "city" in shown and "Spark:" not in shown


def test_training_on_a_spark_dataset_says_to_collect_it(work: Any) -> None:
    kc, _, _ = work
    shown = error_text(kc, "fit logistic() on (S | dropna) target member")
    assert "not available yet" in shown and "collect DATA" in shown
    # What it says to do works: a collected sample trains in the kernel.
    harness.run_ok(kc, "m = fit logistic() on (collect (S | dropna | select qty, amount, member) limit 500) target member", timeout=120)


def test_a_spark_analysis_error_is_an_assay_error_with_sparks_class(work: Any) -> None:
    kc, _, _ = work
    shown = error_text(kc, 'load sql "SELECT nope FROM range(3)"')
    assert "Spark: [UNRESOLVED_COLUMN" in shown and "nope" in shown
    assert "--> cell" in shown
    assert text(harness.run_ok(kc, "S.rows")).strip() == str(ROWS)


def test_a_bad_uri_and_an_unreachable_server_are_clear_errors(work: Any) -> None:
    kc, _, _ = work
    shown = error_text(kc, 'engine spark "http://127.0.0.1:15002"')
    assert "sc://" in shown
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    shown = error_text(kc, f'engine spark "sc://127.0.0.1:{port}"')
    assert time.monotonic() - started < 20
    assert "does not answer" in shown
    # The session still has its names and its engine.
    assert "dataset (spark)" in text(harness.run_ok(kc, "vars"))


def test_an_interrupt_cancels_the_spark_job_and_keeps_the_session(spark: Any) -> None:
    with harness.scratch_kernel("assay-spark-int-") as (kc, _):
        harness.run_ok(kc, f'engine spark "{SPARK_URI}"\nkeep = load sql "SELECT 1 AS one"', timeout=120)
        msg_id = kc.execute('big = load sql "SELECT count(*) AS n FROM range(0, 100000000000, 1, 4) a"\nshow big')
        # Wait for the job's progress to show: the plan is running on the cluster.
        deadline = time.monotonic() + 60
        shown = False
        while time.monotonic() < deadline and not shown:
            message = kc.get_iopub_msg(timeout=60)
            if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] in ("display_data", "update_display_data"):
                shown = "Spark" in message["content"]["data"].get("text/plain", "")
        assert shown, "no Spark progress within 60 s"
        asked = time.monotonic()
        harness.send_control(kc, "interrupt_request")
        reply = harness.shell_reply(kc, msg_id, timeout=30)
        waited = time.monotonic() - asked
        print(f"interrupt to reply: {waited:.3f} s")
        assert waited < 1.0
        assert reply["content"]["status"] == "error"
        assert "interrupt" in "\n".join(reply["content"]["traceback"]).lower()
        # The cancelled job held both of the server's cores with tasks that never end on their
        # own (four partitions of 25e9 rows): a new job runs only if they were really cancelled.
        assert text(harness.run_ok(kc, "print keep.rows", timeout=30)).strip() == "1"


def test_a_stopped_server_is_a_clear_error_and_the_next_cell_reconnects(tmp_path: Path) -> None:
    spark_home = Path(__import__("pyspark").__file__).parent
    jar = next(spark_home.glob("jars/spark-connect_*.jar"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [str(spark_home / "bin" / "spark-submit"), "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
             "--master", "local[1]", "--conf", f"spark.connect.grpc.binding.port={port}",
             "--conf", "spark.connect.grpc.binding.address=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
             "--conf", "spark.ui.enabled=false", str(jar)],
            env={**os.environ, "SPARK_HOME": str(spark_home)}, stdout=open(tmp_path / "server.log", "ab"),
            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                return process
            except OSError:
                assert process.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
                time.sleep(0.5)
        raise AssertionError("the second Spark Connect server did not start")

    def stop(process: subprocess.Popen) -> None:
        os.killpg(process.pid, 9)
        process.wait(30)

    server = start()
    try:
        with harness.scratch_kernel("assay-spark-kill-") as (kc, _):
            harness.run_ok(kc, f'engine spark "sc://127.0.0.1:{port}"\nr = load sql "SELECT id FROM range(10)"\nlocal = load sample "iris"', timeout=120)
            stop(server)
            shown = error_text(kc, "show r", timeout=60)
            assert f"the Spark Connect server at sc://127.0.0.1:{port} does not answer" in shown
            assert "iris" not in shown
            assert "dataset (spark)" in text(harness.run_ok(kc, "vars"))
            server = start()
            shown = text(harness.run_ok(kc, "print r.rows", timeout=120))
            assert shown.strip().splitlines()[-1] == "10"
            assert "the Spark server started a new session" in shown
    finally:
        if server.poll() is None:
            stop(server)


# --- the notebook -----------------------------------------------------------------------------


def test_the_spark_notebook_runs_headless_against_the_server() -> None:
    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parents[2] / "notebooks" / "spark.ipynb"
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[1]
    assert first.source.startswith('engine spark "sc://127.0.0.1:15002"')
    first.source = f'engine spark "{SPARK_URI}"'
    NotebookClient(notebook, kernel_name="assay", timeout=600, startup_timeout=120, allow_errors=False).execute()
    outputs = {i: cell.get("outputs", []) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"}
    shown = {i: "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in out) for i, out in outputs.items()}
    assert "spark 4." in shown[3]
    assert "of a Spark dataset" in shown[5]
    assert any("did you mean `bill_length_mm`?" in "\n".join(o.get("traceback", [])) for o in outputs[11])
    assert "7 rows × 3 columns" in shown[15]
    assert "dataset (spark)" in shown[19]
