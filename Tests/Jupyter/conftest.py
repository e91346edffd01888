"""Fixtures: the kernel under test, started through jupyter_client like any front end does."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager, start_new_kernel

import harness

_scratch = tempfile.mkdtemp(prefix="assay-tests-")


def pytest_configure(config: pytest.Config) -> None:
    # Kernels inherit this environment: history and tracked runs go to scratch files, never
    # the user's (or the repository's working directory).
    os.environ.setdefault("ASSAY_HISTORY", os.path.join(_scratch, "history"))
    os.environ.setdefault("ASSAY_TRACKING", os.path.join(_scratch, "runs.db"))
    os.environ.setdefault("IPYTHONDIR", os.path.join(_scratch, "ipython"))


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_scratch, ignore_errors=True)


# Every skip in this suite is for another kernel (ASSAY_TEST_KERNEL=python3). When scripts/test.sh
# sets ASSAY_NO_SKIPS, a skipped test against Assay means a check did not run: the run fails.
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped and os.environ.get("ASSAY_NO_SKIPS") and exitstatus == pytest.ExitCode.OK:
        print(f"\nerror: {len(_skipped)} test(s) skipped, and ASSAY_NO_SKIPS forbids skips:")
        for line in _skipped:
            print(f"  {line}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_report_header(config: pytest.Config) -> list[str]:
    try:
        spec = KernelSpecManager().get_kernel_spec(harness.KERNEL_NAME)
        where = " ".join(spec.argv)
    except NoSuchKernel:
        where = "NOT INSTALLED (run scripts/test.sh, or `assay install` with JUPYTER_PATH set)"
    return [f"kernel under test: {harness.KERNEL_NAME}: {where}"]


@pytest.fixture(scope="session")
def kernel_name() -> str:
    return harness.KERNEL_NAME


@pytest.fixture(scope="session")
def samples() -> harness.Samples:
    return harness.SAMPLES


def start(kernel_name: str) -> tuple[KernelManager, Any]:
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=harness.TIMEOUT)
    return km, kc


def stop(km: KernelManager, kc: Any) -> None:
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel(kernel_name: str) -> Iterator[tuple[KernelManager, Any]]:
    """One kernel shared by a module's tests, for those that leave it as they found it."""
    km, kc = start(kernel_name)
    yield km, kc
    stop(km, kc)


@pytest.fixture
def kc(kernel: tuple[KernelManager, Any]) -> Any:
    """The shared kernel's client, with nothing left over from an earlier test."""
    client = kernel[1]
    harness.drain(client, 0.05)
    return client


@pytest.fixture
def fresh_kernel(kernel_name: str) -> Iterator[tuple[KernelManager, Any]]:
    """A kernel of the test's own, for tests that interrupt, restart or stop it."""
    km, kc = start(kernel_name)
    yield km, kc
    stop(km, kc)


@pytest.fixture
def raw(kernel: tuple[KernelManager, Any]) -> Iterator[harness.RawClient]:
    """A wire-level client on the shared kernel, with the right key."""
    client = harness.RawClient(kernel[0].get_connection_info(session=False))
    yield client
    client.close()
