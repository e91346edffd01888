"""Interrupting a long cell, by SIGINT and by interrupt_request, keeps the session alive."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jupyter_client.manager import KernelManager

import harness
from harness import SAMPLES as S


def wait_until_running(kc: Any, msg_id: str) -> None:
    """Block until the cell's execute_input is out: the kernel is inside the cell now."""
    deadline = time.monotonic() + harness.TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=harness.TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            time.sleep(0.3)  # well inside the sleep, not racing its first instruction
            return
    pytest.fail("the long cell never started")


@pytest.mark.parametrize("how", ["signal", "message"])
def test_interrupt_ends_a_long_cell_and_keeps_the_names(
    kernel: tuple[KernelManager, Any], how: str
) -> None:
    km, kc = kernel
    harness.drain(kc, 0.05)
    assigned, _ = harness.execute(kc, S.assign_x)
    assert assigned["content"]["status"] == "ok"

    msg_id = kc.execute(S.long_cell)
    wait_until_running(kc, msg_id)
    started = time.monotonic()
    if how == "signal":
        assert km.kernel_spec is not None
        assert km.kernel_spec.interrupt_mode == "signal"
        km.interrupt_kernel()
    else:
        interrupt = harness.send_control(kc, "interrupt_request")
        answer = harness.control_reply(kc, interrupt, timeout=5)
        assert answer["msg_type"] == "interrupt_reply"
        assert answer["content"]["status"] == "ok"
    reply = harness.shell_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - started

    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == S.interrupted_ename
    assert elapsed < 1.5, f"the cell ended {elapsed:.2f} s after the interrupt"
    outputs = harness.iopub_until_idle(kc, msg_id)
    errors = [m for m in outputs if m["msg_type"] == "error"]
    assert errors and errors[0]["content"]["ename"] == S.interrupted_ename

    reply, outputs = harness.execute(kc, S.read_x)
    assert reply["content"]["status"] == "ok"
    assert harness.text_result(outputs) == "5"
