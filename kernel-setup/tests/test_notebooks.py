"""Every notebook runs headless in quick mode (scaled down for CI) and its figures come out as PNG."""
import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL, ROOT

NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "kernel" / "target" / "executed-notebooks"
# notebook -> number of image/png outputs it must produce
FIGURES = {
    "F1_sine": 2,
    "F2_manifolds": 1,
    "F3_gradient_combinations": 1,
    "F4_overlap": 1,
    "T1_miniimagenet": 0,
    "T2_omniglot": 1,
    "T3_T4_hyperparameters": 0,
}


def test_every_notebook_is_covered():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_notebook_runs_and_draws_its_figures(name):
    os.environ.setdefault("METALEARN_QUICK_SCALE", "0.03")
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    OUT.mkdir(parents=True, exist_ok=True)  # also the kernel's working folder
    NotebookClient(book, kernel_name=KERNEL, timeout=1200, resources={"metadata": {"path": str(OUT)}}).execute()
    nbformat.write(book, OUT / f"{name}.ipynb")
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) >= FIGURES[name], f"{name}: {len(pngs)} PNG outputs, expected {FIGURES[name]}"
    if FIGURES[name] == 0:
        assert any("text/html" in o.get("data", {}) for o in outputs), f"{name}: no table shown"
