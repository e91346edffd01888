"""Tracking over HTTP: Assay's MLflow REST client against MLflow's Python client, both logging to
the same real `mlflow server` on loopback (SQLite backend), in the same run.

Logging 10,000 metrics over 10 runs (1,000 steps each) in one batch per run (MLflow's limit is
1,000 metrics a request), and 1,000 metrics in one run with one call per metric (as training
loops do). Per call, the server is the bottleneck: `mlflow server` on SQLite commits each
metric in about 60 ms, so 10,000 single calls take ten minutes a client; `--per-call 10000`
runs them all. Every run is created and ended in the timing. Each client runs in its own
process; only the work itself is timed.

    swift build -c release --product assay-tracking-bench
    python bench/tracking_http.py            # needs mlflow (Tests/Jupyter/requirements.txt)
    python bench/tracking_http.py --runs 2 --metrics 500 --per-call 200

Target: Assay at least as fast as MLflow per call, and its batches 10x faster than MLflow's
per-call logging.
"""
import argparse
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from tracking import assay_bench, run_json

MLFLOW_RUNNER = r"""
import json, sys, time, logging
logging.disable(logging.WARNING)
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient

mode, uri, runs, metrics = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = MlflowClient(tracking_uri=uri)
experiment = client.get_experiment_by_name("bench")
experiment = experiment.experiment_id if experiment else client.create_experiment("bench")
start = time.perf_counter()
for r in range(runs):
    run_id = client.create_run(experiment, run_name=f"run {r}").info.run_id
    if mode == "single":
        for m in range(metrics):
            client.log_metric(run_id, "loss", 1 / (m + 1), step=m)
    else:
        now = int(time.time() * 1000)
        client.log_batch(run_id, metrics=[Metric("loss", 1 / (m + 1), now, m) for m in range(metrics)])
    client.set_terminated(run_id)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "metrics": runs * metrics, "metrics_per_second": runs * metrics / elapsed}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: pathlib.Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(root / "server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
            "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}", "--artifacts-destination", str(root / "artifacts"),
        ],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while True:
        if server.poll() is not None:
            sys.exit(f"mlflow server exited: {(root / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as answer:
                if answer.status == 200:
                    return server, url
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit("mlflow server did not answer within 240 s")
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--metrics", type=int, default=1000)
    parser.add_argument("--per-call", type=int, default=1000, help="metrics logged one call each, in one run")
    args = parser.parse_args()
    bench = assay_bench()

    with tempfile.TemporaryDirectory(prefix="assay-tracking-http-bench-") as scratch:
        server, url = start_server(pathlib.Path(scratch))
        try:
            # A warm-up of each client, so neither pays for the server's first requests.
            run_json([str(bench), "log", url, "1", "10", "single"])
            run_json([sys.executable, "-c", MLFLOW_RUNNER, "single", url, "1", "10"])

            def assay(mode: str, runs: int, metrics: int) -> dict:
                return run_json([str(bench), "log", url, str(runs), str(metrics), mode])

            def mlflow(mode: str, runs: int, metrics: int) -> dict:
                return run_json([sys.executable, "-c", MLFLOW_RUNNER, mode, url, str(runs), str(metrics)])

            n = args.runs * args.metrics
            print(f"mlflow server at {url}: {n:,} metrics batched over {args.runs} runs ({args.metrics} steps each), "
                  f"{args.per_call:,} metrics one call each")
            results = {
                "assay, one call per metric": assay("single", 1, args.per_call),
                "mlflow, log_metric per metric": mlflow("single", 1, args.per_call),
                "assay, one batch per run": assay("batch", args.runs, args.metrics),
                "mlflow, log_batch per run": mlflow("batch", args.runs, args.metrics),
            }
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    for name, r in results.items():
        print(f"  {name:32s} {r['seconds']:8.3f} s  {r['metrics_per_second']:12,.0f} metrics/s")
    seconds = {name: r["seconds"] for name, r in results.items()}
    print(f"  per call, assay vs mlflow: {seconds['mlflow, log_metric per metric'] / seconds['assay, one call per metric']:.2f}x faster")
    print(f"  batched, assay vs mlflow: {seconds['mlflow, log_batch per run'] / seconds['assay, one batch per run']:.2f}x faster")
    rate = {name: r["metrics_per_second"] for name, r in results.items()}
    print(f"  assay batched vs mlflow per call (metrics/s): {rate['assay, one batch per run'] / rate['mlflow, log_metric per metric']:.1f}x faster")


if __name__ == "__main__":
    main()
