"""Shared helpers for the kernel and notebook tests (run by ./test.sh after kernel-setup/install.sh)."""
import os
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL = "java-metalearn"
# The kernel's start script picks OpenBLAS kernels when OPENBLAS_CORETYPE is unset; an empty choice makes it pick
# none, so the kernels these tests start run with the machine's OpenBLAS settings untouched.
os.environ.setdefault("METALEARN_OPENBLAS_CORETYPE", "")


def ijava_kernel():
    """Name of the installed IJava kernelspec (install.sh --ijava=PATH installs one), preferring "java"; else None."""
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().get_all_specs()
    names = [n for n, s in specs.items() if n != KERNEL and any(
        re.search(r"(^|/)ijava[^/]*\.jar$", a, re.IGNORECASE) for a in s["spec"].get("argv", []))]
    return min(names, key=lambda n: (n != "java", n)) if names else None


def execute(kc, code, timeout=600):
    """Runs code in the kernel; returns (reply content, list of iopub output messages)."""
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append(msg)
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


@pytest.fixture(scope="session", autouse=True)
def data_directory():
    """Omniglot from the shared folder beside the repository unless METALEARN_DATA says otherwise."""
    if "METALEARN_DATA" not in os.environ:
        shared = ROOT.parent / "shared" / "data"
        if shared.is_dir():
            os.environ["METALEARN_DATA"] = str(shared)
