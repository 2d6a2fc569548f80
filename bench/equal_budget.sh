#!/usr/bin/env bash
# Table 2's Omniglot 5-way cells at an equal, small budget, three ways: the toolkit with the meta-batch's tasks in
# parallel (its default), the toolkit with them one after another (the official order, Adam state carried across
# tasks), and the PyTorch port of the official code (bench/torch_reptile_omniglot.py). Same settings (Table 3's
# 5-way column), same number of meta-iterations and test tasks; if all three follow the paper, their 95 % intervals
# overlap. Each part is skipped when its result already exists, so the script can be re-run after a stop.
#
# usage: bench/equal_budget.sh [ITERATIONS (2000)] [TASKS (1000)] [OUT (results/equal-budget)]
# needs the Omniglot zips in $METALEARN_DATA/omniglot (or ~/.cache/metalearn/omniglot) and PyTorch for the port.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
iterations=${1:-2000}
tasks=${2:-1000}
out=${3:-$root/results/equal-budget}
data=${METALEARN_DATA:-$HOME/.cache/metalearn}
mkdir -p "$out"
cd "$root"
for mode in parallel sequential; do
  if [[ ! -f $out/ours-$mode/table2.csv ]]; then
    flag=(); [[ $mode == sequential ]] && flag=(--sequential)
    ./metalearn table2 --iterations "$iterations" --tasks "$tasks" "${flag[@]}" --out "$out/ours-$mode" \
      > "$out/ours-$mode.log" 2>&1
  fi
done
if [[ ! -f $out/pytorch-port.txt ]]; then
  /usr/bin/python3 bench/torch_reptile_omniglot.py "$data/omniglot" --iterations "$iterations" --tasks "$tasks" \
    > "$out/pytorch-port.txt.part" 2>&1
  mv "$out/pytorch-port.txt.part" "$out/pytorch-port.txt"
fi
echo "equal budget: $iterations meta-iterations, $tasks test tasks per cell"
for mode in parallel sequential; do
  echo "ours, tasks in $mode:"; cat "$out/ours-$mode/table2.csv"
done
echo "PyTorch port:"; grep -E "^(TRAINED|CELL)" "$out/pytorch-port.txt"
