#!/usr/bin/env bash
# Quick benchmark report: ci/bench.sh [OUT_DIR] [more `python -m bench` options, e.g. --compare OLD.json
# --fail-on-regression]. Uses the first python on PATH (CI activates its venv first); writes
# OUT_DIR/report.md, results.json and plots (default: bench-out/ in the repository root) and fails
# if they were not produced.
set -euo pipefail
caller=$(pwd)
cd "$(dirname "$0")/.."
out=${1:-bench-out}
case "$out" in /*) ;; *) [ $# -ge 1 ] && out="$caller/$out" ;; esac
shift $(( $# > 0 ? 1 : 0 ))
python=$(command -v python || command -v python3) || { echo "no python on PATH" >&2; exit 1; }
# the peers the report compares with (bottleneck, numbagg, ...): the `bench` extra of
# pyproject.toml, installed by itself so that fastind is not rebuilt; without them the report
# still comes, with fewer peers
bench_reqs=$("$python" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bench"]))')
# shellcheck disable=SC2086  # one requirement a line: split on purpose
"$python" -m pip install -q $bench_reqs > /dev/null 2>&1 \
    || echo "ci/bench.sh: could not install the bench extra; peers missing from the report"
"$python" -c 'import fastind; print("fastind backends:", fastind.available_backends(), fastind.unavailable_backends() or "")'

# a stale report from an earlier run must not pass for this one
rm -f "$out/report.md" "$out/results.json"
status=0
"$python" -m bench --quick --out "$out" "$@" || status=$?
for f in report.md results.json; do
    if [ ! -s "$out/$f" ]; then
        echo "ci/bench.sh: $out/$f was not produced" >&2
        exit 1
    fi
done
echo "benchmark report: $out/report.md"
exit "$status"
