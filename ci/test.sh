#!/usr/bin/env bash
# The README's test command: set up a venv from this checkout and run the whole test suite.
# (torch is pinned to the CPU build that these machines carry on local disk; the project accepts any torch >= 2.3)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv && .venv/bin/pip install -q torch==2.13.0 && .venv/bin/pip install -q -e ".[test,numba,model]" && .venv/bin/python -m pytest -q
