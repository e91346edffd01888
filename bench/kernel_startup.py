#!/usr/bin/env python3
"""How soon a kernel is ready, and how fast a trivial cell comes back: Assay against ipykernel.

Both kernels are driven the same way, through jupyter_client, in the same run:

  ready       launch (KernelManager.start_kernel) to the first kernel_info_reply, median over
              --launches fresh kernels, with jupyter_client's defaults
  ready/5ms   the same with the client retrying its connections every 5 ms instead of libzmq's
              default 100 ms: a client that connects before the kernel has bound its ports
              waits out that retry timer, which can hide how soon a fast kernel is up
  round trip  execute `1` to its idle status on iopub, median over --round-trips cells on one
              warm kernel

Targets: Assay is ready at least 5x sooner than ipykernel, and its round trip is no slower.
This is a benchmark, not a test: it reports, it does not fail. Run it with scripts/bench.sh,
which builds the release binary and installs its kernelspec for the run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 30.0
READY_TARGET = 5.0  # ipykernel's ready time / Assay's, at least
ROUND_TRIP_TARGET = 1.0  # ipykernel's round trip / Assay's, at least
QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}  # kernels' own logs


def reply_to(kc, msg_id: str) -> dict:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            msg = kc.get_shell_msg(timeout=deadline - time.monotonic())
        except Empty:
            break
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise RuntimeError(f"no reply to {msg_id} within {TIMEOUT} s")


def idle_of(kc, msg_id: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        except Empty:
            break
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return
    raise RuntimeError(f"no idle status for {msg_id} within {TIMEOUT} s")


def time_to_ready(kernel_name: str, reconnect_ms: int | None = None) -> float:
    """Seconds from launch to the first kernel_info_reply of one fresh kernel."""
    context = zmq.Context()
    if reconnect_ms is not None:
        context.setsockopt(zmq.RECONNECT_IVL, reconnect_ms)  # default for the client's sockets
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel(**QUIET)
    kc = km.client(context=context)
    kc.start_channels()
    try:
        reply_to(kc, kc.kernel_info())  # queued by ZeroMQ until the kernel's socket is up
        return time.perf_counter() - started
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        context.destroy(linger=0)


def round_trips(kernel_name: str, count: int) -> list[float]:
    """Seconds from sending `1` to its idle status, for `count` cells on one warm kernel."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(**QUIET)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        for _ in range(10):  # warm-up, not timed
            msg_id = kc.execute("1")
            reply_to(kc, msg_id)
            idle_of(kc, msg_id)
        times = []
        for _ in range(count):
            started = time.perf_counter()
            msg_id = kc.execute("1")
            reply_to(kc, msg_id)
            idle_of(kc, msg_id)
            times.append(time.perf_counter() - started)
        return times
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--launches", type=int, default=10)
    parser.add_argument("--round-trips", type=int, default=200)
    parser.add_argument("--assay", default="assay", help="kernelspec name of Assay")
    parser.add_argument("--ipykernel", default="python3", help="kernelspec name of ipykernel")
    args = parser.parse_args()

    os.environ.setdefault("IPYTHONDIR", tempfile.mkdtemp(prefix="bench-ipython-"))
    os.environ.setdefault("ASSAY_HISTORY", os.path.join(tempfile.mkdtemp(), "history"))

    results = {}
    for name in (args.assay, args.ipykernel):
        print(f"measuring {name}: {args.launches} launches ...", file=sys.stderr, flush=True)
        ready = [time_to_ready(name) for _ in range(args.launches)]
        quick = [time_to_ready(name, reconnect_ms=5) for _ in range(args.launches)]
        print(f"measuring {name}: {args.round_trips} round trips ...", file=sys.stderr, flush=True)
        trips = round_trips(name, args.round_trips)
        results[name] = (ready, quick, trips)

    print()
    print(f"{'kernel':<12} {'ready ms':>9} {'(min)':>9} {'(max)':>9}   {'ready/5ms':>9}   "
          f"{'round trip ms':>13} {'(p10)':>9} {'(p90)':>9}")
    for name, (ready, quick, trips) in results.items():
        deciles = statistics.quantiles(trips, n=10)
        print(f"{name:<12} {ms(statistics.median(ready))} {ms(min(ready))} {ms(max(ready))}   "
              f"{ms(statistics.median(quick))}       {ms(statistics.median(trips))} "
              f"{ms(deciles[0])} {ms(deciles[-1])}")

    assay = [statistics.median(x) for x in results[args.assay]]
    python = [statistics.median(x) for x in results[args.ipykernel]]
    print()
    for label, i, target in (("ready", 0, READY_TARGET), ("ready/5ms", 1, READY_TARGET),
                             ("round trip", 2, ROUND_TRIP_TARGET)):
        ratio = python[i] / assay[i]
        verdict = "met" if ratio >= target else "NOT met"
        print(f"ipykernel / assay, {label + ':':<12} {ratio:6.2f}x  (target >= {target:g}x: {verdict})")
    print(f"medians of {args.launches} launches and {args.round_trips} round trips each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
