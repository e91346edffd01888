"""Long fits show progress in place and stop promptly when interrupted.

A fit longer than a second publishes one display_data with a display id and then
update_display_data messages for the same id; an interrupt ends the fit within 0.5 s and leaves
the session's names as they were.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from jupyter_client.manager import KernelManager

import harness

if harness.KERNEL_NAME != "assay":
    pytest.skip("fits are Assay language", allow_module_level=True)

LONG_FIT = "slow = fit boost(rounds=3000, rate=0.05, leaves=63) on big target target seed 1"


def prepare(kc: Any) -> None:
    reply, _ = harness.execute(kc, "big = load synthetic classification rows 30000 features 20 seed 4\n"
                                   "small = fit logistic() on (big | head 500) target target")
    assert reply["content"]["status"] == "ok", reply["content"]


@pytest.mark.timeout(300)
def test_a_long_fit_updates_its_progress_in_place(fresh_kernel: tuple[KernelManager, Any]) -> None:
    _, kc = fresh_kernel
    prepare(kc)
    reply, outputs = harness.execute(kc, "m = fit boost(rounds=400, rate=0.05, leaves=63) on big target target seed 1", timeout=600)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = [m for m in outputs if m["msg_type"] == "display_data" and m["content"].get("transient", {}).get("display_id")]
    assert shown, "a fit of several seconds showed no progress display"
    display_id = shown[0]["content"]["transient"]["display_id"]
    updates = [m for m in outputs if m["msg_type"] == "update_display_data"
               and m["content"]["transient"]["display_id"] == display_id]
    assert len(updates) >= 2, f"{len(updates)} progress updates"
    assert "%" in shown[0]["content"]["data"]["text/plain"]
    assert "text/html" in shown[0]["content"]["data"]
    assert updates[-1]["content"]["data"]["text/plain"].startswith("fitted boost(")


def test_a_quick_fit_shows_no_progress(fresh_kernel: tuple[KernelManager, Any]) -> None:
    _, kc = fresh_kernel
    prepare(kc)
    reply, outputs = harness.execute(kc, "q = fit logistic() on (big | head 1000) target target")
    assert reply["content"]["status"] == "ok"
    assert not [m for m in outputs if m["msg_type"] in ("display_data", "update_display_data")]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("how", ["signal", "message"])
def test_an_interrupted_fit_stops_quickly_and_keeps_the_session(
    fresh_kernel: tuple[KernelManager, Any], how: str
) -> None:
    km, kc = fresh_kernel
    prepare(kc)
    msg_id = kc.execute(LONG_FIT)
    # Wait for the progress display: the fit is well under way then.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "display_data":
            break
    else:
        pytest.fail("the long fit showed no progress")
    started = time.monotonic()
    if how == "signal":
        km.interrupt_kernel()
    else:
        harness.control_reply(kc, harness.send_control(kc, "interrupt_request"), timeout=5)
    reply = harness.shell_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - started
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert elapsed < 0.5, f"the fit ended {elapsed:.2f} s after the interrupt"
    harness.iopub_until_idle(kc, msg_id)
    reply, outputs = harness.execute(kc, "[small.kind, big.rows]")
    assert harness.text_result(outputs) == '["logistic", 30000]'
    reply, outputs = harness.execute(kc, "vars")
    text = "".join(m["content"].get("text", "") + m["content"].get("data", {}).get("text/plain", "") for m in outputs)
    assert "slow" not in text


@pytest.mark.timeout(300)
def test_an_interrupted_tune_keeps_its_finished_trials(fresh_kernel: tuple[KernelManager, Any]) -> None:
    km, kc = fresh_kernel
    prepare(kc)
    msg_id = kc.execute("t = tune boost(rounds=int(20, 100), rate=loguniform(0.01, 0.3)) on (big | head 6000) target target trials 500 cv 3 seed 1")
    deadline = time.monotonic() + 120
    progress: list[str] = []
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("display_data", "update_display_data"):
            progress.append(msg["content"]["data"]["text/plain"])
            if any("best auc" in p for p in progress):
                break
    else:
        pytest.fail("the sweep showed no progress with a best score")
    assert any("trial" in p and "of 500" in p for p in progress), progress
    started = time.monotonic()
    km.interrupt_kernel()
    reply = harness.shell_reply(kc, msg_id, timeout=30)
    elapsed = time.monotonic() - started
    assert elapsed < 0.5, f"the sweep ended {elapsed:.2f} s after the interrupt"
    assert reply["content"]["status"] == "ok", reply["content"]
    harness.iopub_until_idle(kc, msg_id)
    reply, outputs = harness.execute(kc, "[t.trials.rows > 0, t.trials.rows < 500]")
    assert harness.text_result(outputs) == "[true, true]"
    reply, outputs = harness.execute(kc, "t.best.kind", timeout=300)
    assert harness.text_result(outputs) == '"boost"'
