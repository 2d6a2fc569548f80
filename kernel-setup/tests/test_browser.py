"""Opens JupyterLab in headless Chromium, runs the sine notebook through the UI and saves a screenshot of its plot.

Needs Debian's chromium (/usr/bin/chromium) and playwright-core (npm, in tests/browser); ./test.sh installs both.
The screenshots are kept at kernel/target/browser/F1_sine.png (the first plot) and F1_sine-progress.png (the training
cell's progress bar in its finished state).
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT

BROWSER_DIR = ROOT / "kernel-setup" / "tests" / "browser"
OUT = ROOT / "kernel" / "target" / "browser"
TOKEN = "metalearn-browser-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sine_notebook_runs_in_jupyterlab_and_shows_its_plot(tmp_path):
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    assert os.path.exists(chromium), "Debian's chromium is needed: apt-get install -y chromium"
    assert (BROWSER_DIR / "node_modules" / "playwright-core").is_dir(), "run: npm install in " + str(BROWSER_DIR)
    # a copy, so JupyterLab's autosave never writes outputs into the repository's notebook
    shutil.copy(ROOT / "notebooks" / "F1_sine.ipynb", tmp_path / "F1_sine.ipynb")
    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / "F1_sine.png"
    progress_shot = OUT / "F1_sine-progress.png"
    for old in (shot, progress_shot):
        if old.exists():
            old.unlink()
    port = free_port()
    env = dict(os.environ, METALEARN_QUICK_SCALE=os.environ.get("METALEARN_QUICK_SCALE", "0.03"))
    jupyter = str(ROOT / ".venv" / "bin" / "jupyter") if (ROOT / ".venv" / "bin" / "jupyter").exists() else "jupyter"
    server = subprocess.Popen([jupyter, "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                               f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}",
                               "--LabApp.expose_app_in_browser=True"] + (["--allow-root"] if os.geteuid() == 0 else []),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                assert time.time() < deadline, "JupyterLab did not start within 90 s"
                time.sleep(1)
        url = f"http://127.0.0.1:{port}/lab/tree/F1_sine.ipynb?token={TOKEN}"
        # node's own waits (page 120 s, kernel idle 180 s, outputs 2 x 480 s) end before this timeout does, so a
        # stuck run reports where it stopped and leaves a failure screenshot
        run = subprocess.run(["node", "run_notebook.mjs", url, str(shot), "480", str(progress_shot)], cwd=BROWSER_DIR,
                             capture_output=True, text=True, timeout=1500, env=dict(env, CHROMIUM=chromium))
        sys.stdout.write(run.stdout)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "plot visible" in run.stdout
        assert shot.exists() and shot.stat().st_size > 20_000, "screenshot missing or blank"
        # the live bar ends as the finished bar (100 %, total time, final loss), not as an object dump
        assert "finished progress bar:" in run.stdout and "(100%) done in" in run.stdout, run.stdout
        assert progress_shot.exists() and progress_shot.stat().st_size > 20_000, "progress screenshot missing"
    finally:
        server.terminate()
        server.wait(timeout=30)
