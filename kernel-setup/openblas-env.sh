# Sourced by the product launchers only (./metalearn and kernel-setup/kernel.sh, the Jupyter kernel's start
# script): picks which OpenBLAS kernels their JVM uses. test.sh and .ci/run do not source it: tests run with
# whatever OPENBLAS_* the machine has.
#
# Rule: an OPENBLAS_CORETYPE already in the environment is always kept. Only when it is unset:
#   - METALEARN_OPENBLAS_CORETYPE, if set, decides (a kernel set name such as Haswell; empty = pick nothing and
#     let OpenBLAS detect the CPU itself);
#   - otherwise SkylakeX, if the CPU reports every AVX-512 subset those kernels execute (F, DQ, CD, BW, VL);
#   - otherwise nothing (OpenBLAS's own detection).
# Why SkylakeX: the conv net's matrix products run in the OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19), which
# does not recognise AMD Zen 4/5 and falls back to its AVX2 kernels there; on this project's 2-core AVX-512
# EPYC the AVX-512 kernels made those products ~1.6x faster. Without the CPU check they would stop on an
# illegal instruction.
metalearn_openblas_coretype() {
  if [[ -n ${OPENBLAS_CORETYPE:-} ]]; then
    return
  fi
  if [[ -n ${METALEARN_OPENBLAS_CORETYPE+set} ]]; then
    echo "${METALEARN_OPENBLAS_CORETYPE}"
    return
  fi
  local flags f
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  for f in avx512f avx512dq avx512cd avx512bw avx512vl; do
    [[ " $flags " == *" $f "* ]] || return 0
  done
  echo SkylakeX
}
metalearn_coretype=$(metalearn_openblas_coretype)
if [[ -n $metalearn_coretype ]]; then export OPENBLAS_CORETYPE=$metalearn_coretype; fi
unset metalearn_coretype
