#!/usr/bin/env bash
# Runs every test of the project: the library's unit and integration tests (Maven).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify
