"""Every notebook runs headless in quick mode (scaled down for CI) under both kernels, ours (rapaio) and IJava: no
cell errs, its figures come out as PNG and its tables and progress bars as HTML (each bar updated in place to its
finished state), and no output is an object dump (a default toString()) or a stderr stream the notebook does not
mean to print. Executed copies: kernel/target/executed-notebooks/<kernel>/."""
import os
import pathlib
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL, ROOT, ijava_kernel

NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "kernel" / "target" / "executed-notebooks"
# kernel label (the folder of its executed copies) -> kernelspec name, None when not installed
KERNELS = {"java-metalearn": KERNEL, "ijava": ijava_kernel()}
# notebook -> number of image/png outputs it must produce
FIGURES = {
    "F1_sine": 2,
    "F2_manifolds": 1,
    "F3_gradient_combinations": 1,
    "F4_overlap": 3,
    "T1_miniimagenet": 0,
    "T2_omniglot": 1,
    "T3_T4_hyperparameters": 0,
}
# notebook -> number of text/html outputs: its tables and progress bars
TABLES_AND_BARS = {
    "F1_sine": 2,
    "F2_manifolds": 0,
    "F3_gradient_combinations": 1,
    "F4_overlap": 3,
    "T1_miniimagenet": 1,
    "T2_omniglot": 2,
    "T3_T4_hyperparameters": 2,
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
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(FIGURES) == sorted(TABLES_AND_BARS)


def unfinished_bars(outputs):
    """Progress bars whose last state is not the finished bar (their updates did not arrive in place)."""
    bars = [o["data"] for o in outputs if "<progress" in str(o.get("data", {}).get("text/html", ""))]
    return ["".join(d.get("text/plain", "")) for d in bars if "done in" not in "".join(d.get("text/plain", ""))]


@pytest.mark.parametrize("kernel", sorted(KERNELS))
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_notebook_runs_and_draws_its_figures(kernel, name):
    spec = KERNELS[kernel]
    if spec is None:
        message = "no IJava kernel installed (kernel-setup/install.sh --ijava=PATH)"
        if os.environ.get("METALEARN_REQUIRE_IJAVA"):
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("METALEARN_QUICK_SCALE", "0.03")
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    folder = OUT / kernel  # also the kernel's working folder: each kernel trains from scratch, not from the
    shutil.rmtree(folder / "runs", ignore_errors=True)  # other's (or an earlier run's) checkpoints
    folder.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(book, kernel_name=spec, timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    nbformat.write(book, folder / f"{name}.ipynb")
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outputs if o.get("output_type") == "error"]
    assert not errors, f"{kernel} {name}: " + "\n".join(errors)
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == FIGURES[name], f"{kernel} {name}: {len(pngs)} PNG outputs, expected {FIGURES[name]}"
    htmls = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(htmls) == TABLES_AND_BARS[name], \
        f"{kernel} {name}: {len(htmls)} text/html outputs (tables, progress bars), expected {TABLES_AND_BARS[name]}"
    assert not unfinished_bars(outputs), f"{kernel} {name}: progress bars not finished: {unfinished_bars(outputs)}"
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
