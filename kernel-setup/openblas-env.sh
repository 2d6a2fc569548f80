# Sourced by ./metalearn, test.sh and install.sh: makes the JVMs they start use OpenBLAS's AVX-512 kernels where
# the CPU has AVX-512.
# Why: the conv net's matrix products run in the OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19), which does not
# know AMD Zen 4/5's AVX-512 (and machines here preset OPENBLAS_CORETYPE=Haswell); measured on this project's
# 2-core EPYC, its SkylakeX kernels make those products ~1.6x faster. Set only when the CPU reports every
# AVX-512 subset the kernels use (else they would stop on an illegal instruction).
# METALEARN_OPENBLAS_CORETYPE overrides the choice (e.g. Haswell; empty keeps OPENBLAS_CORETYPE as it is).
metalearn_openblas_coretype() {
  if [[ -n ${METALEARN_OPENBLAS_CORETYPE+set} ]]; then
    echo "${METALEARN_OPENBLAS_CORETYPE:-${OPENBLAS_CORETYPE:-}}"
    return
  fi
  local flags f
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  for f in avx512f avx512dq avx512cd avx512bw avx512vl; do
    [[ " $flags " == *" $f "* ]] || { echo "${OPENBLAS_CORETYPE:-}"; return; }
  done
  echo SkylakeX
}
metalearn_coretype=$(metalearn_openblas_coretype)
if [[ -n $metalearn_coretype ]]; then export OPENBLAS_CORETYPE=$metalearn_coretype; fi
unset metalearn_coretype
