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
# one table: a row per engine and cell, and whether the cell's three 95 % intervals overlap pairwise
python3 - "$out" <<'PY'
import csv, itertools, os, re, sys
out = sys.argv[1]
rows = []
for mode in ("parallel", "sequential"):
    with open(os.path.join(out, f"ours-{mode}", "table2.csv"), newline="") as f:
        for r in csv.DictReader(f):
            rows.append({"engine": f"ours ({mode} tasks)", "shots": int(r["shots"]),
                         "transductive": r["transductive"] == "true", "tasks": int(r["tasks"]),
                         "accuracy": float(r["accuracy"]), "ci95": float(r["ci95"])})
with open(os.path.join(out, "pytorch-port.txt")) as f:
    for m in re.finditer(r"^CELL shots=(\d+) transductive=(\d) tasks=(\d+) accuracy=([\d.]+) ci95=([\d.]+)", f.read(), re.M):
        rows.append({"engine": "PyTorch port of the official code", "shots": int(m[1]), "transductive": m[2] == "1",
                     "tasks": int(m[3]), "accuracy": float(m[4]), "ci95": float(m[5])})
for r in rows:
    cell = [o for o in rows if (o["shots"], o["transductive"]) == (r["shots"], r["transductive"])]
    r["overlap"] = len(cell) == 3 and all(abs(a["accuracy"] - b["accuracy"]) <= a["ci95"] + b["ci95"]
                                          for a, b in itertools.combinations(cell, 2))
rows.sort(key=lambda r: (r["shots"], r["transductive"]))
with open(os.path.join(out, "table.csv.part"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["shots", "transductive", "engine", "tasks", "accuracy", "ci95", "overlap"])
    w.writeheader()
    for r in rows:
        w.writerow({**r, "transductive": str(r["transductive"]).lower(), "overlap": str(r["overlap"]).lower()})
os.replace(os.path.join(out, "table.csv.part"), os.path.join(out, "table.csv"))
PY
echo "equal budget: $iterations meta-iterations, $tasks test tasks per cell ($out/table.csv)"
column -s, -t < "$out/table.csv"
