"""The `assay` command line beside the kernel: run, install and version."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager

import harness

pytestmark = pytest.mark.skipif(
    harness.KERNEL_NAME != "assay", reason="these test the assay binary, not a kernel protocol"
)

KERNELSPEC = Path(__file__).resolve().parents[2] / "kernelspec"


@pytest.fixture(scope="module")
def assay() -> str:
    """The binary the installed kernelspec launches."""
    return KernelSpecManager().get_kernel_spec("assay").argv[0]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=harness.TIMEOUT,
                          stdin=subprocess.DEVNULL)


def test_version_matches_the_kernel(assay: str, kc) -> None:
    done = run(assay, "--version")
    assert done.returncode == 0
    info = harness.wait_ready(kc)["content"]
    assert done.stdout.strip() == info["implementation_version"]


def test_run_prints_each_result_and_the_streams(assay: str, tmp_path: Path) -> None:
    script = tmp_path / "ok.assay"
    script.write_text('x = 6 * 7\nx\nprint "hi"\nwarn "careful"\n"a" + "b"\n')
    done = run(assay, "run", str(script))
    assert done.returncode == 0, done.stderr
    assert done.stdout == '42\nhi\n"ab"\n'
    assert "careful" in done.stderr


def test_run_stops_at_an_error_and_fails(assay: str, tmp_path: Path) -> None:
    script = tmp_path / "bad.assay"
    script.write_text('y = 1\nnope + 1\nprint "after"\n')
    done = run(assay, "run", str(script))
    assert done.returncode != 0
    assert "after" not in done.stdout
    assert "unknown name `nope`" in done.stderr
    assert "line 2, column 1" in done.stderr


def test_install_writes_the_kernelspec_with_this_binary(assay: str, tmp_path: Path) -> None:
    done = run(assay, "install", "--prefix", str(tmp_path))
    assert done.returncode == 0, done.stderr
    installed = tmp_path / "share" / "jupyter" / "kernels" / "assay"
    spec = json.loads((installed / "kernel.json").read_text())
    template = json.loads((KERNELSPEC / "kernel.json").read_text())
    assert Path(spec["argv"][0]).is_absolute()
    assert Path(spec["argv"][0]).resolve() == Path(assay).resolve()
    assert spec["argv"][1:] == template["argv"][1:]
    assert {k: v for k, v in spec.items() if k != "argv"} == {
        k: v for k, v in template.items() if k != "argv"
    }
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        assert (installed / logo).read_bytes() == (KERNELSPEC / logo).read_bytes(), logo


def test_install_refuses_two_destinations(assay: str, tmp_path: Path) -> None:
    done = run(assay, "install", "--user", "--prefix", str(tmp_path))
    assert done.returncode != 0
    assert not (tmp_path / "share").exists()
