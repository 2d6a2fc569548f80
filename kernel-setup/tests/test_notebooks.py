"""Every notebook runs headless in quick mode (scaled down for CI): its figures come out as PNG, and no output is an
object dump (a default toString()) or a stderr stream the notebook does not mean to print."""
import os
import pathlib
import re

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


# what a default Object.toString() looks like: class name, '@', hash
OBJECT_DUMP = re.compile(r"[\w$.]+@[0-9a-f]{5,}")
# notebook -> regexes of stderr lines it is allowed to print (none so far)
ALLOWED_STDERR = {}


def output_texts(output):
    """Every text an output carries: stream text, and each text-like mime type of results and displays."""
    if output.get("output_type") == "stream":
        yield output.get("text", "")
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") or mime.endswith("json"):
            yield value if isinstance(value, str) else "".join(value)


def presentation_problems(name, book):
    """Object dumps and unexpected stderr in an executed notebook, as readable lines (empty = clean)."""
    problems = []
    for index, cell in enumerate(book.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for text in output_texts(output):
                for dump in OBJECT_DUMP.findall(text):
                    problems.append(f"{name} cell {index}: object dump {dump!r} in {output.get('output_type')}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                for line in output.get("text", "").splitlines():
                    if line.strip() and not any(re.search(p, line) for p in ALLOWED_STDERR.get(name, [])):
                        problems.append(f"{name} cell {index}: unexpected stderr {line!r}")
    return problems


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
    problems = presentation_problems(name, book)
    assert not problems, "\n".join(problems)


def test_presentation_check_catches_dumps_and_stderr():
    """The checker itself: a progress bar ending as an object dump, an echoed PrintStream, stray stderr."""
    book = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "org.rapaio.jupyter.kernel.display.DisplayData@673095ca"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "java.io.PrintStream@246d737f"}, execution_count=1),
        nbformat.v4.new_output("stream", name="stderr", text="WARNING: something\n"),
        nbformat.v4.new_output("stream", name="stdout", text="accuracy 0.91, see user@example.org\n"),
    ]
    book.cells.append(cell)
    problems = presentation_problems("fake", book)
    assert len(problems) == 3, problems
    assert "DisplayData@673095ca" in problems[0] and "PrintStream@246d737f" in problems[1]
    assert "unexpected stderr" in problems[2]
