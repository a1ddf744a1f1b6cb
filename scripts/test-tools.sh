#!/usr/bin/env bash
# Installs the independent tools the tests validate fedcat's output with, when missing:
# raptor2-utils (rapper) from Debian, and a Python virtual environment in .build/pytools with
# rdflib, pyshacl, jsonschema, croniter and ckanapi (scripts/python-requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rapper >/dev/null; then
    echo "fedcat: installing raptor2-utils (rapper) for the export validation tests"
    if [ "$(id -u)" -eq 0 ]; then run=(); elif command -v sudo >/dev/null; then run=(sudo); else
        echo "fedcat: rapper is missing; run as root or install raptor2-utils with apt-get." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${run[@]}" apt-get install -y --no-install-recommends raptor2-utils \
        || { "${run[@]}" apt-get update && "${run[@]}" apt-get install -y --no-install-recommends raptor2-utils; }
fi

venv=.build/pytools
requirements=scripts/python-requirements.txt
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
    echo "fedcat: preparing the Python test tools in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi
