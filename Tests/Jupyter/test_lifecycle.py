"""Restart, shutdown and the death of the kernel's parent, as a notebook server sees them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

import harness
from harness import SAMPLES as S


def test_restart_gives_a_new_session_that_remembers_history(
    fresh_kernel: tuple[KernelManager, Any],
) -> None:
    km, kc = fresh_kernel
    marker = f"{S.forty_two} # before restart {uuid.uuid4().hex[:8]}"
    harness.execute(kc, S.assign_x)
    reply, _ = harness.execute(kc, marker)
    assert reply["content"]["status"] == "ok"
    old_pid = km.provisioner.pid

    km.restart_kernel(now=False)
    harness.drain(kc, 0.05)
    assert harness.wait_ready(kc)["content"]["status"] == "ok"
    assert km.provisioner.pid != old_pid, "restart kept the old process"

    reply, _ = harness.execute(kc, S.read_x)
    assert reply["content"]["status"] == "error", "a name survived the restart"
    assert reply["content"]["ename"] == "NameError"

    history = harness.shell_reply(
        kc, kc.history(hist_access_type="tail", n=50, raw=True, output=False)
    )
    sources = [entry[2] for entry in history["content"]["history"]]
    assert marker in sources, "history from before the restart is gone"


def test_shutdown_request_ends_the_process_cleanly(fresh_kernel: tuple[KernelManager, Any]) -> None:
    km, kc = fresh_kernel
    process = km.provisioner.process
    msg_id = harness.send_control(kc, "shutdown_request", {"restart": False})
    reply = harness.control_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is False
    try:
        code = process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        pytest.fail("the kernel was still running 3 s after shutdown_request")
    assert code == 0


def test_kernel_manager_shutdown_needs_no_force(fresh_kernel: tuple[KernelManager, Any]) -> None:
    km, _ = fresh_kernel
    process = km.provisioner.process
    started = time.monotonic()
    km.shutdown_kernel(now=False)
    elapsed = time.monotonic() - started
    assert not km.is_alive()
    # jupyter_client kills the kernel after waiting shutdown_wait_time (5 s); a clean exit is 0.
    assert process.returncode == 0, f"exit code {process.returncode}"
    assert elapsed < km.shutdown_wait_time


INTERMEDIATE = """
import os, subprocess, sys, time, json
argv = json.loads(sys.argv[1])
env = dict(os.environ, JPY_PARENT_PID=str(os.getpid()))
child = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(child.pid, flush=True)
time.sleep(600)
"""


def test_kernel_exits_when_its_parent_dies(kernel_name: str, tmp_path: Path) -> None:
    connection_file = str(tmp_path / "kernel.json")
    write_connection_file(connection_file, key=uuid.uuid4().hex.encode())
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    argv = [part.format(connection_file=connection_file) for part in spec.argv]
    if argv[0] in ("python", "python3"):
        argv[0] = sys.executable  # as jupyter_client does for ipykernel's spec
    parent = subprocess.Popen(
        [sys.executable, "-c", INTERMEDIATE, json.dumps(argv)],
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    kernel_pid = int(parent.stdout.readline())
    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    client.start_channels()
    try:
        assert harness.wait_ready(client)["content"]["status"] == "ok"
        parent.kill()
        parent.wait(timeout=5)
        # The kernel checks its parent every few hundred milliseconds; 15 s only bounds a hang.
        deadline = time.monotonic() + harness.TIMEOUT
        while time.monotonic() < deadline and not harness.process_is_gone(kernel_pid):
            time.sleep(0.05)
        assert harness.process_is_gone(kernel_pid), f"the kernel outlived its parent by more than {harness.TIMEOUT} s"
    finally:
        client.stop_channels()
        if not harness.process_is_gone(kernel_pid):
            os.kill(kernel_pid, signal.SIGKILL)
        parent.stdout.close()
