# Sourced by ./metalearn, test.sh and install.sh: picks OpenBLAS's AVX-512 kernels where the CPU has them.
# Why: the OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19) does not know AMD Zen 4/5's AVX-512 and runs its Haswell
# (AVX2) kernels there; measured on this project's machines, forcing SkylakeX makes the conv net's matrix
# products ~1.6x faster. Only set when the CPU reports every AVX-512 subset those kernels use (else they would
# crash with an illegal instruction), and never over a value the user set.
metalearn_openblas_coretype() {
  [[ -n ${OPENBLAS_CORETYPE:-} ]] && { echo "$OPENBLAS_CORETYPE"; return; }
  local flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  for f in avx512f avx512dq avx512cd avx512bw avx512vl; do
    [[ " $flags " == *" $f "* ]] || return 0
  done
  echo SkylakeX
}
coretype=$(metalearn_openblas_coretype)
[[ -n $coretype ]] && export OPENBLAS_CORETYPE=$coretype
unset coretype
