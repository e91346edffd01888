"""Notebooks run headless through nbclient, as nbconvert --execute and CI pipelines do."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import harness
from harness import SAMPLES as S

TOUR = Path(__file__).resolve().parents[2] / "notebooks" / "tour.ipynb"


def run(notebook: nbformat.NotebookNode, kernel_name: str) -> nbformat.NotebookNode:
    # The timeouts only guard against a hang: no cell is meant to come near them, on any machine.
    client = NotebookClient(
        notebook, kernel_name=kernel_name, timeout=600, startup_timeout=120, allow_errors=False
    )
    return client.execute()


def test_a_small_notebook_runs_with_its_outputs(kernel_name: str) -> None:
    notebook = new_notebook(cells=[
        new_code_cell(S.hello_world),
        new_code_cell(S.execute_result[0]["code"]),
        new_code_cell(S.syntax_error, metadata={"tags": ["raises-exception"]}),
        new_code_cell(S.execute_result[1]["code"]),
    ])
    hello, product, failing, joined = run(notebook, kernel_name).cells

    assert [o.output_type for o in hello.outputs] == ["stream"]
    assert hello.outputs[0].name == "stdout"
    assert hello.outputs[0].text == "hello, world\n"

    assert [o.output_type for o in product.outputs] == ["execute_result"]
    assert product.outputs[0].data["text/plain"] == "42"
    assert product.execution_count == hello.execution_count + 1

    assert [o.output_type for o in failing.outputs] == ["error"]
    assert failing.outputs[0].ename == "SyntaxError"

    assert joined.outputs[0].data["text/plain"] == S.execute_result[1]["result"]


def test_an_untagged_error_stops_the_notebook(kernel_name: str) -> None:
    from nbclient.exceptions import CellExecutionError

    notebook = new_notebook(cells=[new_code_cell(S.name_error), new_code_cell(S.forty_two)])
    with pytest.raises(CellExecutionError) as raised:
        run(notebook, kernel_name)
    assert raised.value.ename == "NameError"
    assert notebook.cells[1].outputs == []


@pytest.mark.skipif(harness.KERNEL_NAME != "assay", reason="the tour is written in Assay")
def test_the_tour_runs_without_unexpected_errors(kernel_name: str) -> None:
    notebook = nbformat.read(TOUR, as_version=4)
    nbformat.validate(notebook)
    executed = run(notebook, kernel_name)  # raises on an error in a cell not tagged for it

    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if "raises-exception" in cell.metadata.get("tags", []):
            assert errors, f"this cell should fail but did not:\n{cell.source}"
        else:
            assert not errors, f"unexpected error in:\n{cell.source}"


def test_the_tour_is_a_clean_assay_notebook() -> None:
    notebook = nbformat.read(TOUR, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec == {
        "name": "assay", "display_name": "Assay", "language": "assay"
    }
    assert notebook.metadata.language_info.name == "assay"
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
