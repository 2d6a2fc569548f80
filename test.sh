#!/usr/bin/env bash
# Runs every test of the project: the Java library (Maven: unit, integration and data tests, the Spark cluster
# test on two Spark distributions it installs into .spark/), then the kernel,
# notebook and browser tests (Python, Node) against the kernel that kernel-setup/install.sh installs, the notebooks
# also under IJava (installed from $METALEARN_IJAVA_JAR, default the workplace's copy beside the repository).
set -euo pipefail
cd "$(dirname "$0")"
# the Spark cluster test (spark-app's StandaloneClusterIT) starts standalone clusters from the Spark distributions
# users install from PyPI: one Spark 3.5 (Scala 2.12) and one Spark 4 (Scala 2.13)
spark_homes=()
for version in 3.5.3 4.0.1; do
  venv=.spark/$version
  [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "pyspark==$version"
  spark_homes+=("$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')")
done
METALEARN_SPARK_HOMES=$(IFS=:; echo "${spark_homes[*]}")
export METALEARN_SPARK_HOMES
mvn -B verify
ijava_jar=${METALEARN_IJAVA_JAR:-../shared/kernels/ijava/ijava-1.3.0.jar}
if [[ -f $ijava_jar ]]; then
  bash kernel-setup/install.sh --ijava="$ijava_jar"
else
  echo "test.sh: no IJava jar at $ijava_jar: the notebooks run under our kernel only (IJava tests skip)" >&2
  bash kernel-setup/install.sh
fi
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q -r kernel-setup/requirements-test.txt
# the browser test drives JupyterLab in Debian's headless Chromium with playwright-core (npm)
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "test.sh: the browser test needs Debian's chromium: sudo apt-get install -y chromium" >&2
  fi
fi
(cd kernel-setup/tests/browser && npm ci --no-audit --no-fund --silent)
.venv/bin/python -m pytest kernel-setup/tests -v -p no:cacheprovider
