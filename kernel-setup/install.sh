#!/usr/bin/env bash
# Installs the "Java (meta-learning)" Jupyter kernel: the DSL and its dependencies on the kernel's classpath,
# the DSL imports preloaded, and JupyterLab (pinned 4.x, in the project's .venv) unless a jupyter is on PATH.
# Safe to re-run.
#   kernel-setup/install.sh            build + install the kernel
#   kernel-setup/install.sh --run      ... then start JupyterLab on notebooks/ with F1_sine.ipynb open
#   kernel-setup/install.sh --uninstall
#   kernel-setup/install.sh --ijava    also register the DSL on the installed IJava kernel (classpath, start-up
#                                      script, JVM flags -Xmx8g -Djava.awt.headless=true)
#   kernel-setup/install.sh --ijava=PATH   ... and if no IJava kernel is installed, first install it (kernelspec
#                                      "java", "Java (IJava)") from PATH, an IJava jar or release zip
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=java-metalearn
display="Java (meta-learning)"
run=false; uninstall=false; ijava=false; ijava_from=""
for arg in "$@"; do
  case "$arg" in
    --run) run=true ;;
    --uninstall) uninstall=true ;;
    --ijava) ijava=true ;;
    --ijava=*) ijava=true; ijava_from=${arg#--ijava=}
      [[ -f $ijava_from ]] || { echo "install.sh: --ijava: no file $ijava_from" >&2; exit 2; }
      ijava_from=$(cd "$(dirname "$ijava_from")" && pwd)/$(basename "$ijava_from") ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
say() { echo "[kernel-setup] $*" >&2; }

# Which jupyter: the project's .venv, else one on PATH, else create the .venv with pinned JupyterLab.
jupyter_bin() {
  if [[ -x $root/.venv/bin/jupyter ]]; then echo "$root/.venv/bin/jupyter"; return; fi
  if command -v jupyter >/dev/null && jupyter lab --version >/dev/null 2>&1; then command -v jupyter; return; fi
  echo ""
}

if $uninstall; then
  j=$(jupyter_bin)
  if [[ -n $j ]]; then "$j" kernelspec remove -y "$name" 2>/dev/null && say "removed kernel $name" || say "kernel $name was not installed"; fi
  exit 0
fi

command -v java >/dev/null || { say "java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"; exit 1; }
java_major=$(java -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -1)
[[ ${java_major:-0} -ge 17 ]] || { say "java $java_major found, 17+ needed"; exit 1; }
command -v mvn >/dev/null || { say "mvn not found: install Maven (apt-get install maven)"; exit 1; }

say "building the DSL and kernel jars (Maven)..."
rm -rf "$root/kernel/target/lib"
(cd "$root" && mvn -q -B -DskipTests package dependency:copy-dependencies -pl kernel -am \
  -DincludeScope=runtime -DoutputDirectory="$root/kernel/target/lib")
kernel_jar=$root/kernel/target/metalearn-kernel-0.1.0-SNAPSHOT.jar
[[ -f $kernel_jar ]] || { say "build did not produce $kernel_jar"; exit 1; }

j=$(jupyter_bin)
if [[ -z $j ]]; then
  say "installing JupyterLab into $root/.venv ..."
  python3 -m venv "$root/.venv"
  "$root/.venv/bin/pip" install -q --upgrade pip
  "$root/.venv/bin/pip" install -q -r "$root/kernel-setup/requirements.txt"
  j=$root/.venv/bin/jupyter
fi
where=--user
[[ $j == "$root/.venv/bin/jupyter" ]] && where=--sys-prefix

spec=$(mktemp -d)
trap 'rm -rf "$spec"' EXIT
java_bin=$(command -v java)
chmod +x "$root/kernel-setup/kernel.sh"
# The kernel starts through kernel-setup/kernel.sh, which runs this java with the kernel's JVM flags and picks the
# OpenBLAS kernels at each start (so nothing about OpenBLAS is fixed here, and a user's OPENBLAS_CORETYPE wins).
python3 - "$spec/kernel.json" "$java_bin" "$kernel_jar" "$root" "$display" <<'PY'
import json, sys
out, java, jar, root, display = sys.argv[1:]
lib = f"{root}/kernel/target/lib"
spec = {
    "argv": [f"{root}/kernel-setup/kernel.sh", "{connection_file}"],
    "display_name": display,
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "METALEARN_JAVA": java,
        "RJK_CLASSPATH": f"{jar};{lib}/*.jar",
        "RJK_INIT_SCRIPT": f"{root}/kernel-setup/init.jshell",
        "RJK_TIMEOUT_MILLIS": "-1",
    },
}
json.dump(spec, open(out, "w"), indent=2)
PY
"$j" kernelspec install --replace --name "$name" $where "$spec" >/dev/null
say "installed kernel '$display' ($name) for $j"

if $ijava; then
  # finds (or installs from $ijava_from) the IJava kernelspec, then gives it our classpath, start-up script and
  # JVM flags; kernelspecs go where ours went ($where), so a project .venv never touches another one
  python3 "$root/kernel-setup/ijava_spec.py" --jupyter "$j" --where="$where" --java "$java_bin" --jar "$kernel_jar" --root "$root" \
    ${ijava_from:+--install-from "$ijava_from"}
fi

if $run; then
  # JupyterLab with the sine notebook open; the URL it prints opens that notebook (kernel-setup/lab.sh)
  METALEARN_JUPYTER=$j exec "$root/kernel-setup/lab.sh"
fi
