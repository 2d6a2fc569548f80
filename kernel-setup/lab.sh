#!/usr/bin/env bash
# Starts JupyterLab on the notebooks with the Figure 1 sine notebook open: the URL it prints and the page it opens
# are .../lab/tree/F1_sine.ipynb?token=... (JupyterLab's own default_url, /lab, would show the Launcher; it overrides
# the server's, so it is LabApp's that is set here). `kernel-setup/install.sh --run` runs this after installing.
#   kernel-setup/lab.sh [JUPYTER_LAB_OPTIONS...]   e.g. --no-browser, --ServerApp.port=8899
# Environment: METALEARN_JUPYTER (default: the project's .venv, else jupyter on PATH), METALEARN_NOTEBOOKS (the
# folder served, default notebooks/ of this repository; it must hold F1_sine.ipynb).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
notebooks=${METALEARN_NOTEBOOKS:-$root/notebooks}
jupyter=${METALEARN_JUPYTER:-}
if [[ -z $jupyter ]]; then
  if [[ -x $root/.venv/bin/jupyter ]]; then jupyter=$root/.venv/bin/jupyter; else jupyter=jupyter; fi
fi
[[ -f $notebooks/F1_sine.ipynb ]] || { echo "lab.sh: no F1_sine.ipynb in $notebooks" >&2; exit 2; }
echo "[kernel-setup] starting JupyterLab on $notebooks with F1_sine.ipynb open (Ctrl-C to stop)" >&2
as_root=(); [[ $(id -u) -eq 0 ]] && as_root=(--allow-root)
exec "$jupyter" lab --ServerApp.root_dir="$notebooks" --ServerApp.ip=127.0.0.1 \
  --LabApp.default_url=/lab/tree/F1_sine.ipynb "${as_root[@]}" "$@"
