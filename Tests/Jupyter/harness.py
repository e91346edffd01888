"""What the protocol tests share: which kernel is under test, its code samples, and helpers.

The suite drives the Assay kernel by default. `ASSAY_TEST_KERNEL=python3` points the same
tests at ipykernel, which proves the harness itself: a test that fails on ipykernel is a
broken test, not a broken kernel.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from queue import Empty
from typing import Any

import zmq

KERNEL_NAME = os.environ.get("ASSAY_TEST_KERNEL", "assay")

# Every wait in the suite is bounded: a kernel that hangs fails a test instead of blocking it.
TIMEOUT = 15.0


@dataclass(frozen=True)
class Samples:
    """Code in the kernel's own language for each behaviour the suite checks."""

    language_name: str
    file_extension: str
    hello_world: str
    stderr: str
    completion_prefix: str
    completion_match: str
    complete: list[str]
    incomplete: list[str]
    invalid: list[str]
    page: str
    syntax_error: str
    name_error: str
    name_error_shown: str  # what a person sees of that error in a terminal
    execute_result: list[dict[str, str]]
    display_data: list[dict[str, str]]
    history_pattern: str
    inspect: str
    clear_output: str
    long_cell: str  # runs for 30 s unless interrupted
    short_sleep: str  # runs for 5 s
    interrupted_ename: str
    assign_x: str  # binds x to 5
    read_x: str
    print_never: str
    forty_two: str
    list_first_line: str  # a list literal left open ...
    list_second_line: str  # ... and closed on the next line
    list_shown: str  # how the list is displayed
    ab_shown: str
    min_protocol: tuple[int, int] = (5, 5)  # iopub_welcome arrived in 5.5
    # 5.5 welcomes each new subscriber; ipykernel's XPUB only tells it about the first one.
    welcomes_every_subscriber: bool = True
    # ipykernel sends aborted replies without execution_count; the spec lists it for every status.
    aborted_has_execution_count: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)


ASSAY = Samples(
    language_name="assay",
    file_extension=".assay",
    hello_world='print "hello, world"',
    stderr='warn "oops"',
    completion_prefix="pri",
    completion_match="print",
    complete=["1 + 2", "x = [1, 2]"],
    incomplete=["x = [1,", "1 +", "x = ", '"abc', "a |"],
    invalid=["1 )", "]"],
    page="?print",
    syntax_error="1 +* 2",
    name_error="no_such_name",
    name_error_shown="unknown name `no_such_name`",
    execute_result=[
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": '"ab"'},
    ],
    display_data=[{"code": "vars", "mime": "text/html"}],
    history_pattern="6 * 7",
    inspect="print",
    clear_output="clear",
    long_cell="sleep 30",
    short_sleep="sleep 5",
    interrupted_ename="Interrupted",
    assign_x="x = 5",
    read_x="x",
    print_never='print "never"',
    forty_two="6*7",
    list_first_line="x = [1,",
    list_second_line="2]",
    list_shown="[1, 2]",
    ab_shown='"ab"',
)

PYTHON = Samples(
    language_name="python",
    file_extension=".py",
    hello_world='print("hello, world")',
    stderr='import sys; print("oops", file=sys.stderr)',
    completion_prefix="pri",
    completion_match="print",
    complete=["1 + 2", "x = [1, 2]"],
    incomplete=["x = [1,", "for i in range(3):", "f(1,"],
    invalid=["1 )", "]"],
    page="?print",
    syntax_error="1 +* 2",
    name_error="no_such_name",
    name_error_shown="NameError: name 'no_such_name' is not defined",
    execute_result=[
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "'ab'"},
    ],
    display_data=[
        {
            "code": "from IPython.display import HTML, display; display(HTML('<b>x</b>'))",
            "mime": "text/html",
        }
    ],
    history_pattern="6 * 7",
    inspect="print",
    clear_output="from IPython.display import clear_output; clear_output()",
    long_cell="import time; time.sleep(30)",
    short_sleep="import time; time.sleep(5)",
    interrupted_ename="KeyboardInterrupt",
    assign_x="x = 5",
    read_x="x",
    print_never='print("never")',
    forty_two="6*7",
    list_first_line="x = [1,",
    list_second_line="2]",
    list_shown="[1, 2]",
    ab_shown="'ab'",
    aborted_has_execution_count=False,
    min_protocol=(5, 3),  # ipykernel still reports 5.3 while it sends iopub_welcome
    welcomes_every_subscriber=False,
)

SAMPLES = {"assay": ASSAY, "python3": PYTHON}[KERNEL_NAME]


# --- messages through jupyter_client -----------------------------------------------------------


def execute(kc: Any, code: str, timeout: float = TIMEOUT, **options: Any) -> tuple[dict, list[dict]]:
    """Run `code`; return the execute_reply and every iopub message of the request, busy to idle."""
    msg_id = kc.execute(code, **options)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, iopub_until_idle(kc, msg_id, timeout)


@contextmanager
def scratch_kernel(prefix: str) -> Iterator[tuple[Any, str]]:
    """An Assay kernel and a scratch folder for its files, both gone afterwards (for module
    fixtures that load data once and check many things against a reference library)."""
    from jupyter_client.manager import start_new_kernel

    folder = tempfile.mkdtemp(prefix=prefix)
    km, kc = start_new_kernel(kernel_name="assay", startup_timeout=TIMEOUT)
    try:
        yield kc, folder
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)


def run_ok(kc: Any, code: str, timeout: float = TIMEOUT) -> list[dict]:
    """Run a cell that must succeed; return its iopub messages. A failure shows the traceback."""
    reply, outputs = execute(kc, code, timeout=timeout)
    assert reply["content"]["status"] == "ok", "\n".join(reply["content"].get("traceback", []))
    return outputs


def shell_reply(kc: Any, msg_id: str, timeout: float = TIMEOUT) -> dict:
    """The shell reply to `msg_id`, skipping replies to other requests."""
    return _reply(kc.get_shell_msg, "shell", msg_id, timeout)


def control_reply(kc: Any, msg_id: str, timeout: float = TIMEOUT) -> dict:
    """The control reply to `msg_id`."""
    return _reply(kc.get_control_msg, "control", msg_id, timeout)


def _reply(get: Any, channel: str, msg_id: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no {channel} reply to {msg_id} within {timeout} s")
        try:
            msg = get(timeout=remaining)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until_idle(kc: Any, msg_id: str, timeout: float = TIMEOUT) -> list[dict]:
    """Iopub messages whose parent is `msg_id`, up to and including its `idle` status."""
    deadline = time.monotonic() + timeout
    found: list[dict] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no idle status for {msg_id} within {timeout} s; got {found}")
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        found.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return found


def send_control(kc: Any, msg_type: str, content: dict | None = None) -> str:
    """Send a request on the control channel; return its msg_id."""
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    return msg["header"]["msg_id"]


def drain(kc: Any, seconds: float = 0.2) -> None:
    """Forget whatever is waiting on shell, iopub and control."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg, kc.get_control_msg):
        while True:
            try:
                get(timeout=seconds)
            except Empty:
                break


def wait_ready(kc: Any, timeout: float = TIMEOUT) -> dict:
    """Send kernel_info until the kernel answers on shell and its status reaches iopub; return
    the reply.

    A client's iopub subscription connects asynchronously (libzmq retries every 100 ms or more),
    so after a (re)start the shell can answer before iopub delivers anything; waiting for the
    request's `idle` on iopub proves the subscription is live before a test counts messages.
    """
    deadline = time.monotonic() + timeout
    while True:
        msg_id = kc.kernel_info()
        reply = shell_reply(kc, msg_id, max(deadline - time.monotonic(), 0.1))
        try:
            iopub_until_idle(kc, msg_id, min(1.0, max(deadline - time.monotonic(), 0.1)))
            return reply
        except AssertionError:
            if time.monotonic() >= deadline:
                raise


def text_result(outputs: list[dict]) -> str | None:
    """The text/plain of the execute_result among `outputs`, if any."""
    for msg in outputs:
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"]["text/plain"]
    return None


def process_is_gone(pid: int) -> bool:
    """True once `pid` has exited; a zombie waiting for an adoptive parent counts as exited."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


# --- raw wire access, for what jupyter_client smooths over ----------------------------------------

DELIMITER = b"<IDS|MSG>"
ISO_8601_WITH_ZONE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$"
)


class RawClient:
    """A Jupyter client written against the wire format itself: frames, HMAC and JSON text.

    Nothing is parsed for us, so dates and nulls arrive exactly as the kernel sent them.
    """

    def __init__(self, connection: dict, key: bytes | None = None) -> None:
        self.connection = connection
        given = connection["key"] if key is None else key
        self.key = given.encode() if isinstance(given, str) else given
        self.session = uuid.uuid4().hex
        self.context = zmq.Context()
        self.sockets: list[zmq.Socket] = []

    def url(self, channel: str) -> str:
        c = self.connection
        return f"{c['transport']}://{c['ip']}:{c[channel + '_port']}"

    def dealer(self, channel: str) -> zmq.Socket:
        socket = self.context.socket(zmq.DEALER)
        socket.linger = 0
        socket.identity = uuid.uuid4().hex.encode()
        socket.connect(self.url(channel))
        self.sockets.append(socket)
        return socket

    def subscriber(self) -> zmq.Socket:
        """An iopub subscription, returned once it is known to be live.

        Whatever the kernel publishes before a subscription reaches it is lost. Protocol 5.5
        says when that has happened: the kernel sends the subscriber an iopub_welcome. Kernels
        that don't welcome every subscriber are nudged with kernel_info until iopub speaks.
        """
        socket = self.context.socket(zmq.SUB)
        socket.linger = 0
        socket.setsockopt(zmq.SUBSCRIBE, b"")
        socket.connect(self.url("iopub"))
        self.sockets.append(socket)
        deadline = time.monotonic() + TIMEOUT
        if SAMPLES.welcomes_every_subscriber:
            while time.monotonic() < deadline:
                msg = self.recv(socket, timeout=max(0.0, deadline - time.monotonic()))
                if msg is not None and msg["msg_type"] == "iopub_welcome":
                    return socket
            raise AssertionError(f"no iopub_welcome within {TIMEOUT} s")
        shell = self.dealer("shell")
        while time.monotonic() < deadline:
            self.send(shell, "kernel_info_request")
            if socket.poll(200):
                while self.recv(socket, timeout=0.3) is not None:
                    pass  # the nudges' own busy and idle
                return socket
        raise AssertionError(f"iopub said nothing within {TIMEOUT} s")

    def sign(self, parts: list[bytes]) -> bytes:
        if not self.key:
            return b""
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(part)
        return mac.hexdigest().encode()

    def request(self, msg_type: str, content: dict | None = None, signed: bool = True) -> list[bytes]:
        header = {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "test",
            "session": self.session,
            "date": datetime.now(timezone.utc).isoformat(),
            "version": "5.4",
        }
        parts = [json.dumps(p).encode() for p in (header, {}, {}, content or {})]
        signature = self.sign(parts) if signed else b""
        return [DELIMITER, signature, *parts]

    def send(self, socket: zmq.Socket, msg_type: str, content: dict | None = None,
             signed: bool = True) -> str:
        frames = self.request(msg_type, content, signed)
        socket.send_multipart(frames)
        return json.loads(frames[2])["msg_id"]

    def recv(self, socket: zmq.Socket, timeout: float = TIMEOUT) -> dict | None:
        """The next message on `socket` as raw JSON text per part, or None after `timeout`."""
        if not socket.poll(int(timeout * 1000)):
            return None
        frames = socket.recv_multipart()
        at = frames.index(DELIMITER)
        signature, *parts = frames[at + 1 : at + 6]
        assert signature == self.sign(parts), "kernel signature does not verify"
        header, parent, metadata, content = (p.decode() for p in parts)
        return {
            "raw": {"header": header, "parent_header": parent, "metadata": metadata,
                    "content": content},
            "header": json.loads(header),
            "parent_header": json.loads(parent),
            "metadata": json.loads(metadata),
            "content": json.loads(content),
            "msg_type": json.loads(header)["msg_type"],
        }

    def close(self) -> None:
        for socket in self.sockets:
            socket.close(linger=0)
        self.context.term()
