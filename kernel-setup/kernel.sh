#!/usr/bin/env bash
# Start script of the "Java (meta-learning)" Jupyter kernel: the kernelspec that kernel-setup/install.sh writes
# runs `kernel-setup/kernel.sh {connection_file}`. It chooses the OpenBLAS kernels the way ./metalearn does
# (kernel-setup/openblas-env.sh: a user's OPENBLAS_CORETYPE is kept; only when it is unset does it pick one),
# then replaces itself with the kernel's JVM, so Jupyter's interrupts and shutdowns reach Java directly.
# METALEARN_JAVA: the java binary (install.sh records the one it found); default: java on PATH.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: kernel-setup/kernel.sh CONNECTION_FILE" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/kernel/target/metalearn-kernel-0.1.0-SNAPSHOT.jar
lib=$root/kernel/target/lib
[[ -f $jar ]] || { echo "kernel.sh: $jar is missing; run kernel-setup/install.sh" >&2; exit 1; }
source "$root/kernel-setup/openblas-env.sh"
source "$root/kernel-setup/openmp-env.sh" # OpenMP threads spin less: fair when jobs share cores
# the recorded runs notebooks show (Recorded.of), wherever a notebook is opened from; a user's setting wins
export METALEARN_RESULTS=${METALEARN_RESULTS:-$root/results}
# heap cap (ND4J keeps its arrays off-heap), charts without a display
exec "${METALEARN_JAVA:-java}" -Xmx8g -Djava.awt.headless=true \
  -cp "$jar:$lib/*" org.metalearn.kernel.KernelLauncher "$1"
