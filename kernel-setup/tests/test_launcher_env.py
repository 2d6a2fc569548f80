"""The launchers' OpenMP setting (kernel-setup/openmp-env.sh): a user's choice wins, otherwise a shorter spin."""
import os
import pathlib
import subprocess

from jupyter_client.manager import start_new_kernel

from conftest import KERNEL, execute

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "kernel-setup" / "openmp-env.sh"


def sourced(env):
    """GOMP_SPINCOUNT and OMP_WAIT_POLICY after sourcing the script with `env` (and nothing else of OpenMP's)."""
    base = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}
    show = 'echo "${GOMP_SPINCOUNT-unset}|${OMP_WAIT_POLICY-unset}"'
    out = subprocess.run(["bash", "-c", f'source "{SCRIPT}"; {show}'], env={**base, **env}, capture_output=True,
                         text=True, check=True).stdout.strip().split("|")
    return tuple(out)


def test_unset_gets_the_shorter_spin_and_a_users_choice_is_kept():
    assert sourced({}) == ("20000", "unset")
    assert sourced({"GOMP_SPINCOUNT": "300000"}) == ("300000", "unset")
    assert sourced({"OMP_WAIT_POLICY": "active"}) == ("unset", "active")
    assert sourced({"GOMP_SPINCOUNT": ""}) == ("", "unset"), "set, even empty, is the user's"


def test_both_launchers_source_it():
    for launcher in ("metalearn", "kernel-setup/kernel.sh"):
        assert 'source "$root/kernel-setup/openmp-env.sh"' in (ROOT / launcher).read_text(), launcher


def test_the_kernels_jvm_has_it():
    if "GOMP_SPINCOUNT" in os.environ or "OMP_WAIT_POLICY" in os.environ:
        expected = os.environ.get("GOMP_SPINCOUNT")
    else:
        expected = "20000"
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
    try:
        reply, outputs = execute(kc, 'String.valueOf(System.getenv("GOMP_SPINCOUNT"))', timeout=120)
        assert reply["status"] == "ok", reply
        text = "".join(o["content"].get("data", {}).get("text/plain", "") for o in outputs
                       if o["msg_type"] == "execute_result")
        assert text.strip().strip('"') == str(expected), text
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
