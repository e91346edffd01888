#!/usr/bin/env python3
"""Assay's Spark engine against pyspark's own Connect client, on the same server, in one run.

  aggregate   a `group ... aggregate` over 10,000,000 rows read from Parquet, pushed down to the
              cluster (pyspark: groupBy().agg() and toArrow() of the result)
  collect     1,000,000 rows x 10 mixed columns brought into the kernel (pyspark: toArrow())
  upload      1,000,000 rows x 10 mixed columns sent to the cluster and counted there
              (pyspark: createDataFrame() of an Arrow table, then count())

Assay is timed through a real kernel, cell by cell (the wall time of an execute request from
jupyter_client, protocol included); pyspark in this process. The two alternate, five times
each, and the medians are compared: a ratio below 1 means Assay is faster. Targets: at most 1.0
for every line.

Usage: scripts/bench.sh spark (starts a local Spark Connect server), or
       ASSAY_SPARK_URI=sc://HOST:PORT python bench/spark.py [--repeats 5]
This is a benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from jupyter_client.manager import start_new_kernel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def mixed(rows: int) -> pa.Table:
    rng = np.random.default_rng(1)
    amount = rng.normal(100, 30, rows)
    amount[rng.random(rows) < 0.1] = np.nan
    cities = np.array([f"city_{i}" for i in range(200)])
    return pa.table({
        "id": np.arange(rows, dtype=np.int64),
        "amount": pa.array(amount, from_pandas=True),
        "qty": rng.integers(0, 50, rows).astype(np.int32),
        "score": rng.random(rows),
        "ratio": rng.random(rows) * 3,
        "city": pa.array(cities[rng.integers(0, 200, rows)]),
        "code": pa.array([f"c{x}" for x in rng.integers(0, 500_000, rows)]),
        "member": pa.array(rng.random(rows) < 0.3),
        "flag": pa.array(rng.random(rows) < 0.5),
        "level": rng.integers(0, 5, rows).astype(np.float64),
    })


class Kernel:
    def __init__(self) -> None:
        self.km, self.kc = start_new_kernel(kernel_name="assay", startup_timeout=120)

    def run(self, code: str) -> float:
        started = time.perf_counter()
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=1800)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=1800)
        elapsed = time.perf_counter() - started
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{code!r} failed:\n" + "\n".join(reply["content"].get("traceback", [])))
        while self.kc.iopub_channel.msg_ready():
            self.kc.get_iopub_msg(timeout=1)
        return elapsed

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--mixed-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    uri = os.environ["ASSAY_SPARK_URI"]
    spark = SparkSession.builder.remote(uri).getOrCreate()
    folder = tempfile.mkdtemp(prefix="assay-bench-spark-")
    big = os.path.join(folder, "big.parquet")
    spark.range(0, args.rows, 1, 4).selectExpr("id", "id % 97 AS k", "rand(3) * 100 AS x", "randn(4) AS y") \
        .write.mode("overwrite").parquet(big)
    table = mixed(args.mixed_rows)
    medium = os.path.join(folder, "mixed.parquet")
    pq.write_table(table, medium)
    csv = os.path.join(folder, "mixed.csv")
    table.to_pandas().to_csv(csv, index=False)

    kernel = Kernel()
    kernel.run(f'M = load "{csv}"\nM.rows')
    kernel.run(f'engine spark "{uri}"\nB = load "{big}"\nP = load "{medium}"')
    cases = {
        "aggregate": (
            lambda: kernel.run("G = collect (B | group k aggregate n = count(), mx = mean(x), sy = sum(y))\nG.rows"),
            lambda: spark.read.parquet(big).groupBy("k").agg(F.count(F.lit(1)).alias("n"), F.avg("x").alias("mx"), F.sum("y").alias("sy")).toArrow(),
        ),
        "collect": (
            lambda: kernel.run("C = collect P\nC.rows"),
            lambda: spark.read.parquet(medium).toArrow(),
        ),
        "upload": (
            lambda: kernel.run("U = upload M\nU.rows"),
            lambda: spark.createDataFrame(table).count(),
        ),
    }
    print(f"server {uri}, Spark {spark.version}; {args.rows:,} rows for aggregate, {args.mixed_rows:,} x 10 for collect and upload")
    print(f"{'case':<10} {'Assay (s)':>10} {'pyspark (s)':>12} {'ratio':>7}")
    for name, (assay, reference) in cases.items():
        assay(), reference()  # warm both: JIT on the server, caches, first connection
        ours, theirs = [], []
        for _ in range(args.repeats):
            ours.append(assay())
            theirs.append(timed(reference))
        a, p = statistics.median(ours), statistics.median(theirs)
        print(f"{name:<10} {a:>10.3f} {p:>12.3f} {a / p:>7.2f}")
    kernel.close()
    spark.stop()


if __name__ == "__main__":
    main()
