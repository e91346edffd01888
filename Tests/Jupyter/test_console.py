"""`jupyter console` driven through a terminal, the way a person types into it."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest

import harness
from harness import SAMPLES as S

# Colours, cursor moves and carriage returns: what prompt_toolkit paints around the text.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\r")
JUPYTER = str(Path(sys.executable).with_name("jupyter"))


class Console:
    """A `jupyter console` session whose screen is read as plain text, in order."""

    def __init__(self, kernel_name: str) -> None:
        env = dict(os.environ, TERM="xterm")
        env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
        self.process = pexpect.spawn(
            JUPYTER, ["console", "--kernel", kernel_name],
            env=env, encoding="utf-8", dimensions=(40, 200), timeout=harness.TIMEOUT,
        )
        self.screen = ""
        self.seen = 0

    def expect(self, pattern: str, timeout: float = harness.TIMEOUT) -> re.Match[str]:
        """Wait for `pattern` after what was matched last."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            if match := regex.search(self.screen, self.seen):
                self.seen = match.end()
                return match
            if time.monotonic() > deadline:
                pytest.fail(f"{pattern!r} never appeared; the screen ends with:\n{self.screen[-1500:]}")
            try:
                self.screen += ANSI.sub("", self.process.read_nonblocking(4096, timeout=0.1))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                pytest.fail(f"the console ended before {pattern!r}:\n{self.screen[-1500:]}")

    def type(self, line: str) -> None:
        self.process.send(line + "\r")

    def children(self) -> list[int]:
        """Processes the console started: its kernel."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def ends_cleanly(self, kernels: list[int]) -> None:
        """The console exits with 0 and takes the `kernels` it started with it."""
        assert kernels, "the console started no kernel process"
        try:
            self.process.expect(pexpect.EOF, timeout=harness.TIMEOUT)
        except pexpect.TIMEOUT:
            pytest.fail(f"the console did not exit:\n{self.screen[-1500:]}")
        self.process.close()
        assert self.process.exitstatus == 0, f"exit status {self.process.exitstatus}"
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not all(map(harness.process_is_gone, kernels)):
            time.sleep(0.05)
        assert all(map(harness.process_is_gone, kernels)), "the kernel outlived the console"

    def close(self) -> None:
        if self.process.isalive():
            self.process.terminate(force=True)


@pytest.fixture
def console(kernel_name: str):
    session = Console(kernel_name)
    yield session
    session.close()


def test_a_console_session(console: Console) -> None:
    console.expect(r"In \[1\]: ")
    kernels = console.children()

    # The kernel says the first line is incomplete, so Enter opens a continuation line.
    console.type(S.list_first_line)
    console.expect(r"\.\.\.: ")
    console.type(S.list_second_line)
    console.expect(r"In \[2\]: ")

    console.type(S.read_x)
    console.expect(r"Out\[2\]: " + re.escape(S.list_shown))
    console.expect(r"In \[3\]: ")

    console.type(S.execute_result[1]["code"])
    console.expect(r"Out\[3\]: " + re.escape(S.ab_shown))
    console.expect(r"In \[4\]: ")

    console.type(S.name_error)
    console.expect(re.escape(S.name_error_shown))
    console.expect(r"In \[\d+\]: ")

    console.type("exit")
    console.ends_cleanly(kernels)


def test_ctrl_d_leaves_the_console(console: Console) -> None:
    console.expect(r"In \[1\]: ")
    kernels = console.children()
    console.process.sendcontrol("d")
    # jupyter console may ask first; either way the session must end.
    index = console.process.expect([pexpect.EOF, r"\(\[y\]/n\)"], timeout=harness.TIMEOUT)
    if index == 1:
        console.process.send("y\r")
    console.ends_cleanly(kernels)
