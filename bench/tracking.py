"""Tracking benchmark: Assay's embedded run store against MLflow's Python client on its SQLite
backend, in the same run.

1. Logging 10,000 metrics over 100 runs (100 steps each): Assay one call per metric and one
   batch per run; MLflow `log_metric` per metric (as training loops do) and `log_batch` per run.
   Every run is created and ended in the timing.
2. Searching 10,000 runs with `metrics.accuracy > 0.9 and params.model = 'forest'` (250 match),
   best of 5, after both stores were filled with the same runs.

    swift build -c release --product assay-tracking-bench
    python bench/tracking.py                 # needs mlflow (Tests/Jupyter/requirements.txt)
    python bench/tracking.py --search-runs 2000

Each engine runs in its own process; only the work itself is timed (not imports or opening).
Target: Assay at least 10x faster than the faster of MLflow's two ways.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

MLFLOW_RUNNER = r"""
import json, sys, time, logging
logging.disable(logging.WARNING)
from mlflow.entities import Metric, Param
from mlflow.tracking import MlflowClient

mode, path, runs, metrics = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = MlflowClient(tracking_uri=f"sqlite:///{path}")
experiment = client.create_experiment("bench")  # creates the schema: not timed

def bench_run(i):
    models = ["forest", "boost", "logistic", "knn"]
    return models[i % 4], i % 10, ((i * 7919) % 1000) / 1000, ((i * 104729) % 1000) / 1000

if mode in ("single", "batch"):
    start = time.perf_counter()
    for r in range(runs):
        run = client.create_run(experiment, run_name=f"run {r}")
        run_id = run.info.run_id
        if mode == "single":
            for m in range(metrics):
                client.log_metric(run_id, "loss", 1 / (m + 1), step=m)
        else:
            now = int(time.time() * 1000)
            client.log_batch(run_id, metrics=[Metric("loss", 1 / (m + 1), now, m) for m in range(metrics)])
        client.set_terminated(run_id)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "metrics": runs * metrics, "metrics_per_second": runs * metrics / elapsed}))
else:
    repeats = metrics
    for i in range(runs):
        model, depth, accuracy, loss = bench_run(i)
        run = client.create_run(experiment, run_name=f"run {i}")
        now = int(time.time() * 1000)
        client.log_batch(run.info.run_id,
                         metrics=[Metric("accuracy", accuracy, now, 0), Metric("loss", loss, now, 0)],
                         params=[Param("model", model), Param("depth", str(depth))])
    best, found = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        found = len(client.search_runs([experiment], "metrics.accuracy > 0.9 and params.model = 'forest'",
                                       max_results=50000))
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "found": found}))
"""


def assay_bench() -> pathlib.Path:
    bin_path = subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    path = pathlib.Path(bin_path) / "assay-tracking-bench"
    if not path.exists():
        sys.exit(f"{path} is missing: swift build -c release --product assay-tracking-bench")
    return path


def run_json(argv: list[str]) -> dict:
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(argv[:3])} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--metrics", type=int, default=100)
    parser.add_argument("--search-runs", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench = assay_bench()

    with tempfile.TemporaryDirectory(prefix="assay-tracking-bench-") as scratch:
        tmp = pathlib.Path(scratch)

        def assay(*argv: str, name: str) -> dict:
            return run_json([str(bench), argv[0], str(tmp / name), *argv[1:]])

        def mlflow(mode: str, name: str, runs: int, metrics: int) -> dict:
            return run_json([sys.executable, "-c", MLFLOW_RUNNER, mode, str(tmp / name), str(runs), str(metrics)])

        n = args.runs * args.metrics
        print(f"logging {n:,} metrics over {args.runs} runs ({args.metrics} steps each)")
        results = {
            "assay, one call per metric": assay("log", str(args.runs), str(args.metrics), "single", name="a1.db"),
            "assay, one batch per run": assay("log", str(args.runs), str(args.metrics), "batch", name="a2.db"),
            "mlflow, log_metric per metric": mlflow("single", "m1.db", args.runs, args.metrics),
            "mlflow, log_batch per run": mlflow("batch", "m2.db", args.runs, args.metrics),
        }
        for name, r in results.items():
            print(f"  {name:32s} {r['seconds']:8.3f} s  {r['metrics_per_second']:12,.0f} metrics/s")
        mlflow_best = min(results["mlflow, log_metric per metric"]["seconds"], results["mlflow, log_batch per run"]["seconds"])
        for name in ("assay, one call per metric", "assay, one batch per run"):
            print(f"  {name} vs the faster MLflow: {mlflow_best / results[name]['seconds']:.1f}x faster")
        like = results["mlflow, log_metric per metric"]["seconds"] / results["assay, one call per metric"]["seconds"]
        print(f"  one call per metric, like for like: {like:.1f}x faster")
        like = results["mlflow, log_batch per run"]["seconds"] / results["assay, one batch per run"]["seconds"]
        print(f"  one batch per run, like for like: {like:.1f}x faster")

        print(f"\nsearching {args.search_runs:,} runs: metrics.accuracy > 0.9 and params.model = 'forest' (best of {args.repeats})")
        assay("populate", str(args.search_runs), name="s.db")
        ours = assay("search", str(args.repeats), name="s.db")
        theirs = mlflow("search", "ms.db", args.search_runs, args.repeats)
        print(f"  assay   {ours['seconds'] * 1000:9.2f} ms  {ours['found']} runs")
        print(f"  mlflow  {theirs['seconds'] * 1000:9.2f} ms  {theirs['found']} runs")
        if ours["found"] != theirs["found"]:
            print(f"  WARNING: the stores found different runs ({ours['found']} vs {theirs['found']})")
        print(f"  assay vs mlflow: {theirs['seconds'] / ours['seconds']:.1f}x faster")


if __name__ == "__main__":
    main()
