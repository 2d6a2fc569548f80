"""Every notebook runs headless in quick mode (scaled down for CI) under both kernels, ours (rapaio) and IJava: no
cell errs, its figures come out as PNG and its tables and progress bars as HTML (each bar updated in place to its
finished state), and no output is an object dump (a default toString()) or a stderr stream the notebook does not
mean to print. Executed copies: kernel/target/executed-notebooks/<kernel>/."""
import csv
import decimal
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
    "T2_omniglot": 2,
    "T3_T4_hyperparameters": 0,
    "S1_search": 3,
}
# notebook -> number of text/html outputs: its tables and progress bars
TABLES_AND_BARS = {
    "F1_sine": 3,
    "F2_manifolds": 0,
    "F3_gradient_combinations": 1,
    "F4_overlap": 3,
    "T1_miniimagenet": 1,
    "T2_omniglot": 3,
    "T3_T4_hyperparameters": 2,
    "S1_search": 4,
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


# notebook -> the recorded run its recorded view shows (results/<run>)
RECORDED = {"T2_omniglot": "table2-omniglot-5way", "F1_sine": "figure1-paper"}
# notebook -> (results/<run>, the file whose presence means recorded): figures ./metalearn figure3 / figure4 record;
# until recorded the view says so, once recorded it adds the claims table and one figure
RECORDED_FIGURES = {"F3_gradient_combinations": ("figure3-paper", "figure3.csv"), "F4_overlap": ("figure4", "figure4.csv")}


def figure_recorded(name, results=ROOT / "results"):
    """True when the figure the notebook's recorded view shows is recorded in results/."""
    if name not in RECORDED_FIGURES:
        return False
    run, marker = RECORDED_FIGURES[name]
    return (results / run / marker).exists()


def recorded_figure_problems(name, book, results=ROOT / "results"):
    """What the recorded view of a figure notebook fails to show: once recorded, every compared setting, both
    accuracies (2 decimals) and the verdict of each row of its claims.csv; before, that it is not recorded yet."""
    run, _ = RECORDED_FIGURES[name]
    cells = [c for c in book.cells if c.cell_type == "code" and "Recorded.of(" in "".join(c.source)]
    if len(cells) != 1:
        return [f"{name}: {len(cells)} recorded-view cells, expected 1"]
    shown = "".join(t for o in cells[0].get("outputs", []) for t in output_texts(o))
    if not figure_recorded(name, results):
        return [] if f"results/{run}: not recorded yet" in shown else [f"{name}: the view does not say {run} is not recorded yet"]
    rows = read_csv(results / run / "claims.csv")
    if not rows:
        return [f"{name}: {run}/claims.csv has no rows"]
    expected = [{r["left"]} for r in rows] + [{r["right"]} for r in rows] + [{r["holds"]} for r in rows] \
        + [two_decimals(r[k]) for r in rows for k in ("leftAccuracy", "rightAccuracy")]
    return [f"{name}: recorded view does not show {sorted(e)} from results/{run}/claims.csv" for e in expected
            if not any(form in shown for form in e)]


def recorded_view_problems(name, book):
    """What the notebook's recorded view (the cell calling Recorded.of) fails to show of results/<run>: for Table 2
    every accuracy, interval and paper number of its table2.csv as the table renders them (2 decimals), or, while the
    run is unfinished, its status line; for Figure 1 each panel's mean MSE over the held-out sines (4 digits)."""
    folder = ROOT / "results" / RECORDED[name]
    cells = [c for c in book.cells if c.cell_type == "code" and "Recorded.of(" in "".join(c.source)]
    if len(cells) != 1:
        return [f"{name}: {len(cells)} recorded-view cells, expected 1"]
    shown = "".join(t for o in cells[0].get("outputs", []) for t in output_texts(o))
    table = folder / "table2.csv"
    if name == "F1_sine":
        expected = [{significant4(r["mseAfterMean"])} for r in read_csv(folder / "figure1-sines.csv")]
        if len(expected) != 3:
            return [f"{folder}: {len(expected)} panels, expected 3"]
    elif table.exists():
        rows = read_csv(table)
        if len(rows) != 4:
            return [f"{table}: {len(rows)} rows, expected Table 2's 4 cells"]
        expected = [two_decimals(r[k]) for r in rows for k in ("accuracy", "ci95", "paper %")]
    else:
        expected = [{(folder / "status.txt").read_text().strip()}]
    return [f"{name}: recorded view does not show {sorted(e)} from {folder}" for e in expected
            if not any(form in shown for form in e)]


CLAIMS_HEADER = "claim,comparison,left,leftAccuracy,leftCi95,right,rightAccuracy,rightCi95,difference,differenceCi95,holds\n"
# a recorded figure as ./metalearn figure3 / figure4 write it, made up (the view only reads the files)
FAKE_RECORDS = {
    "F3_gradient_combinations": ("figure3-paper", {
        "figure3.csv": "label,iteration,evalAccuracy,ci95\n" + "".join(
            f"{label},{it},{60 + i + it / 1000:.2f},{1.2 + i / 10:.2f}\n"
            for i, label in enumerate(["g1", "g1+g2", "(g1+g2)/2", "g2", "g1+g2+g3", "(g1+g2+g3)/3", "g3", "g4",
                                       "g1+g2+g3+g4", "(g1+...+g4)/4"]) for it in (1000, 2000)),
        "claims.csv": CLAIMS_HEADER + "2. with two steps g2 ahead of g1+g2,g2 > g1+g2,g2,63.42,1.5,g1+g2,61.17,1.3,"
                      "2.25,1.98,yes\n4. with 3-4 steps the sums beat the last gradient alone,g1+g2+g3 > g3,"
                      "g1+g2+g3,64.05,1.6,g3,66.38,1.8,-2.33,2.41,not resolved\n"}),
    "F4_overlap": ("figure4", {
        "figure4.csv": "panel,setting,value,algorithm,accuracy,ci95\n" + "".join(
            f"{panel},{setting},{value},{algorithm},{70 + j * 3 + k:.2f},0.9\n"
            for panel, setting, values in (("a", "innerSteps", (2, 4, 8)), ("b", "innerBatch", (10, 25, 50)),
                                            ("c", "metaStep", (0.25, 1.0)))
            for j, algorithm in enumerate(("reptile", "fomaml", "fomaml separate(5)"))
            for k, value in enumerate(values)),
        "claims.csv": CLAIMS_HEADER + "1. shared-tail FOMAML degrades with overlap,(a) x > (a) y,"
                      "(a) fomaml at innerSteps 2,73.21,0.9,(a) fomaml at innerSteps 8,75.48,0.9,-2.27,1.27,no\n"}),
}


@pytest.mark.parametrize("name", sorted(RECORDED_FIGURES))
def test_recorded_figure_view_shows_a_recorded_run(name, tmp_path, monkeypatch):
    """The figure notebooks' recorded-view cell on a recorded run (made up in a results folder of the test's, which
    our kernel takes from METALEARN_RESULTS): the claims table and the figure, every claims row shown."""
    run, files = FAKE_RECORDS[name]
    results = tmp_path / "results"
    (results / run).mkdir(parents=True)
    for file, text in files.items():
        (results / run / file).write_text(text)
    monkeypatch.setenv("METALEARN_RESULTS", str(results))
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    book.cells = [c for c in book.cells if c.cell_type == "code" and "Recorded.of(" in "".join(c.source)]
    NotebookClient(book, kernel_name=KERNEL, timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in book.cells for o in c.get("outputs", [])]
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outputs if o.get("output_type") == "error"]
    assert not errors, "\n".join(errors)
    assert len([o for o in outputs if "image/png" in o.get("data", {})]) == 1
    assert len([o for o in outputs if "text/html" in o.get("data", {})]) == 1
    problems = recorded_figure_problems(name, book, results)
    assert not problems, "\n".join(problems)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def significant4(text):
    """A CSV number in 1e-3..1e6 as the kernel's tables show it: 4 significant digits, half up, no trailing zeros."""
    value = decimal.Context(prec=4, rounding=decimal.ROUND_HALF_UP).create_decimal(decimal.Decimal(float(text)))
    return format(value.normalize(), "f")


def two_decimals(text):
    """A CSV number as the kernel's tables round it: Java rounds the shortest decimal form half up, Python's format
    the binary value half to even; they differ only on ties such as 95.385, so either form is accepted."""
    value = decimal.Decimal(text)
    return {f"{float(text):.2f}", str(value.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP))}


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
    recorded = 1 if figure_recorded(name) else 0  # the recorded view's claims table and figure
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == FIGURES[name] + recorded, \
        f"{kernel} {name}: {len(pngs)} PNG outputs, expected {FIGURES[name] + recorded}"
    htmls = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(htmls) == TABLES_AND_BARS[name] + recorded, f"{kernel} {name}: {len(htmls)} text/html outputs " \
        f"(tables, progress bars), expected {TABLES_AND_BARS[name] + recorded}"
    assert not unfinished_bars(outputs), f"{kernel} {name}: progress bars not finished: {unfinished_bars(outputs)}"
    problems = presentation_problems(name, book)
    if name in RECORDED:
        problems += recorded_view_problems(name, book)
    if name in RECORDED_FIGURES:
        problems += recorded_figure_problems(name, book)
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


def write_miniimagenet_fixture(root):
    """Mini-ImageNet in the pre-resized layout with the paper's shape (the official 64/16/20 classes, 600 images
    each) but 8x8 images, one colour per class: the library checks and decodes it like a real copy (resizing to
    84x84), and the 60,000 files take seconds to write. Returns the data folder (METALEARN_DATA)."""
    import io
    from PIL import Image
    folder = root / "miniimagenet"
    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    metadata = ROOT / "data" / "miniimagenet" / "official-metadata"
    colour = 0
    for split in ("train", "val", "test"):
        rows = ["filename,label"]
        for wnid in sorted(p.stem for p in (metadata / split).glob("*.csv")):
            colour += 1
            png = io.BytesIO()
            Image.new("RGB", (8, 8), ((colour * 37) % 256, (colour * 91) % 256, (colour * 53) % 256)).save(png, "PNG")
            for i in range(600):
                name = f"{wnid}{i:08d}.png"
                (images / name).write_bytes(png.getvalue())
                rows.append(f"{name},{wnid}")
        (folder / f"{split}.csv").write_text("\n".join(rows) + "\n")
    return root


def test_t1_trains_and_fills_its_table_on_a_miniimagenet_fixture(tmp_path, monkeypatch):
    """T1 with data present (a generated copy of the paper's shape): trains, plots, fills its table; our kernel."""
    data = write_miniimagenet_fixture(tmp_path / "data")
    monkeypatch.setenv("METALEARN_DATA", str(data))
    monkeypatch.setenv("METALEARN_QUICK_SCALE", "0.01")  # 3 meta-iterations, 1 task per cell
    # the decoded cache (1.3 GB at 84x84x3 per image) goes to the test's folder, deleted with it
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", f"-Dmetalearn.cache={tmp_path / 'cache'}")
    book = nbformat.read(NOTEBOOKS / "T1_miniimagenet.ipynb", as_version=4)
    folder = OUT / KERNEL / "t1-fixture"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    NotebookClient(book, kernel_name=KERNEL, timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    nbformat.write(book, folder / "T1_miniimagenet.ipynb")
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outputs if o.get("output_type") == "error"]
    assert not errors, "\n".join(errors)
    texts = "".join(t for o in outputs for t in output_texts(o))
    assert "skipped" not in texts, "T1 did not find the fixture: " + texts[:500]
    assert len([o for o in outputs if "image/png" in o.get("data", {})]) == 1, "no learning-curve plot"
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    ours = [t for t in tables if "Mini-ImageNet 5-way accuracy" in str(t) and "paper (Reptile)" in str(t)]
    assert ours and all(cell in str(ours[0]) for cell in ("1-shot", "5-shot + transduction", "validation classes"))
    assert not unfinished_bars(outputs)
    assert not presentation_problems("T1_miniimagenet (fixture)", book)
