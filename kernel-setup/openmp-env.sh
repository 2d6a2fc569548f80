# Sourced by the product launchers only (./metalearn and kernel-setup/kernel.sh): how long oneDNN's OpenMP threads
# (libgomp) spin-wait between parallel regions before they sleep. libgomp reads it once, when Java loads it.
#
# Rule: if OMP_WAIT_POLICY or GOMP_SPINCOUNT is already set, nothing changes; otherwise GOMP_SPINCOUNT=20000.
# Why: libgomp's default spin (~300,000 rounds) is made for a machine to itself. Two jobs that both lend cores to
# oneDNN on the same 2 cores (a notebook beside a background table2 run) spin against each other: measured on a
# 2-core Xeon, each job's Omniglot meta-iteration took 400-535 ms side by side instead of ~33 alone (13x; the two
# together did 1/7 of one job's work). With 20,000 rounds: 97-110 ms side by side (each job about half the
# machine's work plus spinning), 29.5-31.3 ms alone (default: 31.7-34.1); tasks in sequence 36.5 ms (default
# 34.9-38.8). Fewer rounds are fairer side by side (1,000: 57-63 ms) but slow a job alone (tasks in sequence:
# 53.6 ms); OMP_WAIT_POLICY=PASSIVE (59-65 side by side) doubles the time of tasks in sequence alone (79-83 ms).
# (bench's PyTorch peer runs without it: METALEARN_GOMP_SPINCOUNT_SET tells it that the launcher, not the user, set it)
if [[ -z ${OMP_WAIT_POLICY+set} && -z ${GOMP_SPINCOUNT+set} ]]; then
  export GOMP_SPINCOUNT=20000 METALEARN_GOMP_SPINCOUNT_SET=1
fi
