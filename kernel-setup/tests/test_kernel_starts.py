"""The kernel must start cleanly every time (rapaio's own start-up races and fails ~1 in 4)."""
import time

from jupyter_client.manager import start_new_kernel

from conftest import KERNEL, execute

STARTS = 20


def test_twenty_consecutive_starts_succeed():
    durations = []
    for i in range(STARTS):
        t0 = time.time()
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        try:
            info = kc.kernel_info(reply=True, timeout=60)["content"]
            # rapaio's reply has no 'status' field; a failed start has no language_info
            assert info.get("status", "ok") == "ok", f"start {i + 1}: kernel_info {info}"
            assert info["language_info"]["name"] == "java", f"start {i + 1}: kernel_info {info}"
            reply, outputs = execute(kc, "1 + 1", timeout=120)
            assert reply["status"] == "ok", f"start {i + 1}: {reply}"
            assert any(o["msg_type"] == "execute_result" for o in outputs), f"start {i + 1}: no result"
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        durations.append(time.time() - t0)
    print(f"{STARTS}/{STARTS} starts ok, {sum(durations) / len(durations):.1f} s each on average")
