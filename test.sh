#!/usr/bin/env bash
# Runs every test of the project: the Java library (Maven: unit, integration and data tests), then the kernel
# and notebook tests (Python) against the kernel that kernel-setup/install.sh installs.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify
bash kernel-setup/install.sh
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q -r kernel-setup/requirements-test.txt
.venv/bin/python -m pytest kernel-setup/tests -v -p no:cacheprovider
