"""Tracked runs through real kernels: they survive restarts, two kernels share a store, a killed
kernel leaves a store that opens cleanly, and an MLflow server sees what a notebook logs."""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.manager import KernelManager, start_new_kernel
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import harness

pytestmark = pytest.mark.skipif(harness.KERNEL_NAME != "assay", reason="tracking is the Assay kernel's own feature")

SETUP = """
penguins = load sample "penguins" | dropna species
train, test = split penguins 0.8 stratify species seed 42
prep = impute(strategy="median") | impute(island, sex, strategy="mode") | onehot(island, sex) | scale()
"""

FIT_TIMEOUT = 60.0


def run(kc: Any, code: str, timeout: float = FIT_TIMEOUT) -> tuple[str, str]:
    """Run a cell that must succeed; return its stdout and its text result (or '')."""
    reply, outputs = harness.execute(kc, code, timeout=timeout)
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    assert reply["content"]["status"] == "ok", f"{code!r} failed: {errors}"
    stdout = "".join(
        m["content"]["text"] for m in outputs
        if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
    )
    return stdout, harness.text_result(outputs) or ""


def kernel_with_store(kernel_name: str, store: Path) -> tuple[KernelManager, Any]:
    env = dict(os.environ, ASSAY_TRACKING=str(store))
    return start_new_kernel(kernel_name=kernel_name, startup_timeout=harness.TIMEOUT, env=env)


def stop(km: KernelManager, kc: Any) -> None:
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


def rows(store: Path, sql: str, *args: Any) -> list[tuple]:
    with sqlite3.connect(store, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def test_runs_survive_a_kernel_restart(kernel_name: str, tmp_path: Path) -> None:
    store = tmp_path / "runs.db"
    km, kc = kernel_with_store(kernel_name, store)
    try:
        run(kc, 'experiment "restart"\n' + SETUP)
        run(kc, "m = fit prep | logistic() on train target species")
        out, _ = run(kc, "print (run m).id")
        run_id = out.strip()
        assert len(run_id) == 6

        km.restart_kernel(now=False)
        harness.wait_ready(kc)
        harness.drain(kc, 0.2)
        _, count = run(kc, "(runs).rows")
        assert count == "0", "the Default experiment should be empty"
        run(kc, 'experiment "restart"')
        _, count = run(kc, "(runs).rows")
        assert count == "1"
        _, status = run(kc, f'(run "{run_id}").status')
        assert status == '"FINISHED"'
        # The model comes back from the store and predicts as before.
        run(kc, SETUP + f'm = load run "{run_id}"')
        _, classes = run(kc, "m.classes")
        assert classes == '["Adelie", "Chinstrap", "Gentoo"]'
    finally:
        stop(km, kc)


def test_two_kernels_log_into_one_store_at_once(kernel_name: str, tmp_path: Path) -> None:
    store = tmp_path / "shared.db"
    kernels = [kernel_with_store(kernel_name, store) for _ in range(2)]
    try:
        for _, kc in kernels:
            run(kc, 'experiment "shared"\n' + SETUP)
        boards = "\n".join(
            f"b{i} = fit prep | [logistic(), tree(depth=2), knn(), bayes()] on train target species"
            for i in range(4)
        )
        sent = [(kc, kc.execute(boards)) for _, kc in kernels]
        for kc, msg_id in sent:
            reply = harness.shell_reply(kc, msg_id, timeout=120)
            assert reply["content"]["status"] == "ok", reply["content"]
            harness.iopub_until_idle(kc, msg_id)

        # 2 kernels × 4 boards × (1 parent + 4 models), all finished, none lost.
        assert rows(store, "PRAGMA integrity_check") == [("ok",)]
        statuses = rows(store, "SELECT status, count(*) FROM runs GROUP BY status")
        assert statuses == [("FINISHED", 40)]
        assert rows(store, "SELECT count(DISTINCT pid) FROM runs") == [(2,)]
        children = rows(store, "SELECT count(*) FROM runs WHERE parent_id IS NOT NULL")
        assert children == [(32,)]
        missing = rows(
            store,
            "SELECT count(*) FROM runs r WHERE parent_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.key = 'train_f1')",
        )
        assert missing == [(0,)]
        _, count = run(kernels[0][1], "(runs).rows")
        assert count == "40"
    finally:
        for km, kc in kernels:
            stop(km, kc)


def test_kill_9_during_a_board_fit_leaves_a_store_that_opens_cleanly(
    kernel_name: str, tmp_path: Path
) -> None:
    store = tmp_path / "killed.db"
    km, kc = kernel_with_store(kernel_name, store)
    try:
        run(kc, 'experiment "killed"\nd = load synthetic classification rows 3000 features 10 seed 1')
        # One model at a time, in board order: three finish quickly, the boost runs on and on.
        msg_id = kc.execute(
            "board = fit [logistic(), tree(depth=3), knn(), boost(rounds=100000, depth=8)] "
            "on d target target parallel 1"
        )
        deadline = time.monotonic() + FIT_TIMEOUT
        finished: list[tuple] = []
        while time.monotonic() < deadline:
            if store.exists():
                finished = rows(
                    store, "SELECT id FROM runs WHERE status = 'FINISHED' AND parent_id IS NOT NULL"
                )
                running = rows(store, "SELECT id FROM runs WHERE model = 'boost' AND status = 'RUNNING'")
                stored = rows(store, "SELECT count(*) FROM artifacts")[0][0]
                if len(finished) == 3 and running and stored == 3:
                    break
            time.sleep(0.1)
        assert len(finished) == 3, "three models should have finished before the boost"
        os.kill(km.provisioner.pid, signal.SIGKILL)
        km.provisioner.process.wait(timeout=10)
        del msg_id
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)

    assert rows(store, "PRAGMA integrity_check") == [("ok",)]
    assert rows(store, "SELECT count(*) FROM runs WHERE status = 'RUNNING'") == [(2,)]

    km, kc = kernel_with_store(kernel_name, store)
    try:
        run(kc, 'experiment "killed"')
        _, failed = run(kc, '(runs where status == "FAILED").rows')
        assert failed == "2", "the board and its boost should be marked FAILED"
        _, intact = run(kc, '(runs where status == "FINISHED" and metrics.train_f1 > 0).rows')
        assert intact == "3"
        _, reason = run(kc, '(runs where model == "boost" and tags.error is not null).rows')
        assert reason == "1"
    finally:
        stop(km, kc)
    reasons = rows(store, "SELECT value FROM tags WHERE key = 'error'")
    assert len(reasons) == 2
    assert all("stopped while the run was running" in r[0] for r in reasons)
    # Every finished model kept its model artifact.
    assert rows(store, "SELECT count(*) FROM artifacts") == [(3,)]


# --- a real MLflow tracking server ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def mlflow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mlflow server` on loopback with a temporary SQLite backend, once it answers."""
    root = tmp_path_factory.mktemp("mlflow")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(root / "server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
            "--artifacts-destination", str(root / "artifacts"),
        ],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            if server.poll() is not None:
                pytest.fail(f"mlflow server exited: {(root / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("mlflow server did not answer within 240 s")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def mlflow_client(url: str) -> Any:
    from mlflow.tracking import MlflowClient

    return MlflowClient(tracking_uri=url)


@pytest.mark.timeout(420)
def test_a_notebook_logs_to_an_mlflow_server(kernel_name: str, mlflow_server: str) -> None:
    notebook = new_notebook(cells=[
        new_code_cell(f'track to "{mlflow_server}"\nexperiment "notebook"'),
        new_code_cell(SETUP),
        new_code_cell("board = fit prep | [logistic(reg=0.1), tree(depth=3)] on train target species cv 3 seed 7"),
        new_code_cell("evaluate board on test"),
        new_code_cell('print (runs where metrics.f1 > 0.5 and model == "tree" and tags.evaluates is null).rows'),
        new_code_cell("best = load run (run board.best).id\nprint (predict best on test).rows"),
    ])
    client = NotebookClient(notebook, kernel_name=kernel_name, timeout=120, startup_timeout=60)
    cells = client.execute().cells
    assert cells[0].outputs[0].text.startswith(f"runs go to {mlflow_server}")
    assert cells[4].outputs[0].text == "1\n"
    assert cells[5].outputs[0].text == "69\n"

    mlflow = mlflow_client(mlflow_server)
    experiment = mlflow.get_experiment_by_name("notebook")
    assert experiment is not None
    runs = mlflow.search_runs([experiment.experiment_id], max_results=100)
    assert len(runs) == 5  # the board, its two models, two evaluations
    by_model = {r.data.tags.get("assay.model"): r for r in runs if "evaluates" not in r.data.tags}
    board, logistic, tree = by_model["board"], by_model["logistic"], by_model["tree"]
    for child in (logistic, tree):
        assert child.data.tags["mlflow.parentRunId"] == board.info.run_id
        assert child.info.status == "FINISHED"
        assert child.data.tags["dataset"] == "train"
        assert 0.5 < child.data.metrics["f1"] <= 1
        assert "f1_std" in child.data.metrics and "train_auc" in child.data.metrics
        assert "fit prep" in child.data.tags["assay.code"]
    assert logistic.data.params["logistic.reg"] == "0.1"
    assert tree.data.params["tree.depth"] == "3"
    assert tree.data.params["impute_2.strategy"] == "mode"
    assert tree.info.run_name == "tree(depth=3)"
    evaluations = [r for r in runs if "evaluates" in r.data.tags]
    assert {r.data.tags["evaluates"] for r in evaluations} == {logistic.info.run_id, tree.info.run_id}
    assert all(r.data.tags["dataset"] == "test" and "accuracy" in r.data.metrics for r in evaluations)
    model = Path(mlflow.download_artifacts(tree.info.run_id, "model.json"))
    assert json.loads(model.read_text())["format"] == "assay-model"


@pytest.mark.timeout(420)
def test_export_copies_the_embedded_store_to_a_server(
    kernel_name: str, mlflow_server: str, tmp_path: Path
) -> None:
    km, kc = kernel_with_store(kernel_name, tmp_path / "local.db")
    try:
        run(kc, 'experiment "exported"\n' + SETUP)
        run(kc, "board = fit prep | [logistic(), knn()] on train target species holdout 0.25 seed 3")
        out, _ = run(kc, f'export runs to "{mlflow_server}"')
        assert out == f"exported 3 runs to {mlflow_server}\n"
        out, _ = run(kc, f'export runs to "{mlflow_server}"')
        assert out == f"exported 0 runs to {mlflow_server}, 3 already there\n"
        local, _ = run(kc, "print (run board).id")
    finally:
        stop(km, kc)

    mlflow = mlflow_client(mlflow_server)
    experiment = mlflow.get_experiment_by_name("exported")
    runs = mlflow.search_runs([experiment.experiment_id])
    assert len(runs) == 3
    parent = next(r for r in runs if r.data.tags["assay.source_run"] == local.strip())
    children = [r for r in runs if r.data.tags.get("mlflow.parentRunId") == parent.info.run_id]
    assert len(children) == 2
    for child in children:
        assert child.info.status == "FINISHED"
        assert child.info.end_time >= child.info.start_time
        assert {"auc", "train_auc", "train_seconds"} <= set(child.data.metrics)
        history = mlflow.get_metric_history(child.info.run_id, "auc")
        assert [m.step for m in history] == [0]


@pytest.mark.timeout(420)
def test_export_where_copies_only_the_runs_that_match(
    kernel_name: str, mlflow_server: str, tmp_path: Path
) -> None:
    km, kc = kernel_with_store(kernel_name, tmp_path / "filtered.db")
    try:
        run(kc, 'experiment "filtered"\n' + SETUP)
        run(kc, "a = fit prep | knn(k=3) on train target species\n"
                "b = fit prep | knn(k=9) on train target species\n"
                "c = fit prep | tree(depth=2) on train target species")
        out, _ = run(kc, f'export runs where model == "knn" and params.knn.k > 5 to "{mlflow_server}"')
        assert out == f"exported 1 run to {mlflow_server}\n"
        out, _ = run(kc, f'export runs where model == "knn" to "{mlflow_server}"')
        assert out == f"exported 1 run to {mlflow_server}, 1 already there\n"
        ids, _ = run(kc, "print [(run a).id, (run b).id]")
    finally:
        stop(km, kc)

    mlflow = mlflow_client(mlflow_server)
    experiment = mlflow.get_experiment_by_name("filtered")
    runs = mlflow.search_runs([experiment.experiment_id])
    assert sorted(r.data.params["knn.k"] for r in runs) == ["3", "9"]
    assert {r.data.tags["assay.model"] for r in runs} == {"knn"}
    assert sorted(r.data.tags["assay.source_run"] for r in runs) == sorted(json.loads(ids))


@pytest.mark.timeout(420)
def test_runs_a_dead_kernel_left_running_on_a_server_are_failed(kernel_name: str, mlflow_server: str) -> None:
    mlflow = mlflow_client(mlflow_server)
    experiment = mlflow.create_experiment("abandoned")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = socket.gethostname()
    left = mlflow.create_run(experiment, tags={"assay.host": host, "assay.pid": str(dead.pid), "mlflow.runName": "left"})
    mlflow.log_metric(left.info.run_id, "loss", 0.5, timestamp=left.info.start_time + 1234)
    alive = mlflow.create_run(experiment, tags={"assay.host": host, "assay.pid": str(os.getpid())})
    elsewhere = mlflow.create_run(experiment, tags={"assay.host": host + "-other", "assay.pid": str(dead.pid)})

    notebook = new_notebook(cells=[new_code_cell(f'track to "{mlflow_server}"\nexperiment "abandoned"')])
    NotebookClient(notebook, kernel_name=kernel_name, timeout=120, startup_timeout=60).execute()

    failed = mlflow.get_run(left.info.run_id)
    assert failed.info.status == "FAILED"
    assert f"process {dead.pid} on {host}" in failed.data.tags["error"]
    assert failed.info.end_time == left.info.start_time + 1234
    assert mlflow.get_run(alive.info.run_id).info.status == "RUNNING"
    assert mlflow.get_run(elsewhere.info.run_id).info.status == "RUNNING"


class SearchFailsHandler(http.server.BaseHTTPRequestHandler):
    """A server that knows one experiment and answers every search of runs with a 500."""

    def do_GET(self) -> None:
        if self.path.startswith("/api/2.0/mlflow/experiments/get-by-name"):
            self.answer(200, {"experiment": {"experiment_id": "7", "name": "Default", "lifecycle_stage": "active"}})
        else:
            self.answer(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": self.path})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.answer(500, {"error_code": "INTERNAL_ERROR", "message": "search is broken here"})

    def answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_upkeep_a_server_refuses_is_a_warning_not_silence(kernel_name: str, tmp_path: Path) -> None:
    """Failing the runs that stopped kernels left RUNNING is best effort, but never unseen."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SearchFailsHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    km, kc = kernel_with_store(kernel_name, tmp_path / "unused.db")
    try:
        reply, outputs = harness.execute(kc, f'track to "{url}"')
        assert reply["content"]["status"] == "ok", reply["content"]
        streams = {m["content"]["name"]: m["content"]["text"] for m in outputs if m["msg_type"] == "stream"}
        assert streams["stdout"] == f'runs go to {url}, experiment "Default"\n'
        assert streams["stderr"].count("warning: runs that stopped kernels left RUNNING") == 1, streams
        assert "search is broken here" in streams["stderr"]
        # Shown once: the next cell does not repeat it, and the session goes on.
        reply, outputs = harness.execute(kc, "1 + 1")
        assert harness.text_result(outputs) == "2"
        assert not [m for m in outputs if m["msg_type"] == "stream"]
    finally:
        stop(km, kc)
        server.shutdown()

