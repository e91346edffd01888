"""Messages are authenticated: the kernel ignores what is not signed with its key."""

from __future__ import annotations

import json
import time
from typing import Any

import zmq
from jupyter_client.manager import KernelManager

import harness

QUIET = 2.0  # seconds of silence that count as "no reply"


def test_a_client_with_the_wrong_key_is_ignored(kernel: tuple[KernelManager, Any],
                                                raw: harness.RawClient) -> None:
    stranger = harness.RawClient(kernel[0].get_connection_info(session=False), key=b"not-the-key")
    try:
        shell = stranger.dealer("shell")
        stranger.send(shell, "kernel_info_request")
        assert not shell.poll(int(QUIET * 1000)), "the kernel answered a wrongly signed request"
    finally:
        stranger.close()

    shell = raw.dealer("shell")
    raw.send(shell, "kernel_info_request")
    reply = raw.recv(shell)
    assert reply is not None and reply["msg_type"] == "kernel_info_reply"


def test_an_unsigned_message_is_ignored(raw: harness.RawClient) -> None:
    shell = raw.dealer("shell")
    raw.send(shell, "kernel_info_request", signed=False)
    assert not shell.poll(int(QUIET * 1000)), "the kernel answered an unsigned request"
    raw.send(shell, "kernel_info_request")
    assert raw.recv(shell) is not None


def test_a_tampered_message_is_ignored(raw: harness.RawClient) -> None:
    shell = raw.dealer("shell")
    frames = raw.request("execute_request", {"code": "1", "silent": False})
    frames[-1] = json.dumps({"code": "2", "silent": False}).encode()  # signature is for "1"
    shell.send_multipart(frames)
    assert not shell.poll(int(QUIET * 1000)), "the kernel ran a request whose signature failed"


def test_heartbeat_answers_while_a_cell_runs(kernel: tuple[KernelManager, Any]) -> None:
    km, kc = kernel
    harness.drain(kc, 0.05)
    # A cell that runs until it is interrupted, so "still running" after the pings holds however
    # slow the machine is, and the pings' 5 s allowance is far above an echo's milliseconds.
    msg_id = kc.execute(harness.SAMPLES.long_cell)
    context = zmq.Context()
    hb = context.socket(zmq.REQ)
    hb.linger = 0
    c = km.get_connection_info()
    hb.connect(f"{c['transport']}://{c['ip']}:{c['hb_port']}")
    try:
        time.sleep(0.5)  # the cell is running by now
        for beat in range(3):
            payload = f"ping {beat}".encode()
            hb.send(payload)
            assert hb.poll(5000), f"no heartbeat echo within 5 s (beat {beat})"
            assert hb.recv() == payload
            time.sleep(0.3)
        # Only a ping answered while the cell was still running proves anything.
        assert not kc.shell_channel.msg_ready(), "the cell ended before the heartbeat was checked"
        km.interrupt_kernel()
        reply = harness.shell_reply(kc, msg_id)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == harness.SAMPLES.interrupted_ename
    finally:
        hb.close(linger=0)
        context.term()
    harness.iopub_until_idle(kc, msg_id)
