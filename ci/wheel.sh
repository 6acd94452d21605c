#!/usr/bin/env bash
# Build the platform wheel, install it into a clean venv that has numpy only, check that the
# compiled backend computes there, then run the core tests against the installed wheel (not the tree).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/build" && "$work/build/bin/pip" install -q --upgrade pip
# the modules ci/test.sh's editable install just compiled from these sources are packed as they
# are (setup.py's FASTIND_REUSE_INPLACE: one compile a CI run, not two); a module whose C source
# is newer, or any module of a clean checkout, is compiled
FASTIND_REUSE_INPLACE=1 "$work/build/bin/pip" wheel -q --no-deps -w "$work/dist" .
wheel=$(ls "$work"/dist/fastind-*.whl)
echo "built $(basename "$wheel")"
case "$wheel" in *none-any*) echo "expected a platform wheel, got $wheel" >&2; exit 1;; esac
"$work/build/bin/pip" install -q auditwheel && "$work/build/bin/auditwheel" show "$wheel" || true
# the wheel must hold every compiled module, and the sdist every source setup.py compiles
python3 - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for mod in ("fastind/_plain", "fastind/_kernels/moving", "fastind/_kernels/momentum",
            "fastind/_kernels/extrema", "fastind/_kernels/volatility", "fastind/_kernels/volume"):
    assert any(n.startswith(mod + ".") and n.endswith((".so", ".pyd")) for n in names), mod
PY
"$work/build/bin/pip" install -q --upgrade "setuptools>=77" "Cython>=3.1" "numpy>=2"
"$work/build/bin/python" setup.py -q sdist -d "$work/sdist" > "$work/sdist.log" 2>&1 || { cat "$work/sdist.log" >&2; exit 1; }
tar tzf "$work"/sdist/fastind-*.tar.gz > "$work/sdist.txt"  # not piped to grep -q: pipefail + SIGPIPE
grep -q "fastind/_plain.pyx$" "$work/sdist.txt" || { echo "sdist lacks fastind/_plain.pyx" >&2; exit 1; }

python3 -m venv "$work/clean"
"$work/clean/bin/pip" install -q "$wheel"
cd "$work"
"$work/clean/bin/python" - <<'PY'
import sys
import numpy as np
import fastind, fastind.talib
assert "numba" not in sys.modules and "pandas" not in sys.modules
assert fastind.get_backend() == "cython", fastind.unavailable_backends()
assert fastind.sma(np.arange(100.0), period=10)[-1] == 94.5
print("clean venv (numpy only):", fastind.available_backends(), "->", fastind.get_backend())
PY

# the core suite against the installed wheel: tests copied out of the tree, so `import fastind`
# can only resolve to site-packages (test_readme.py and test_generated.py check the checkout,
# not the package). The full matrix already ran on the tree's build of the same sources; here
# every function once per backend on random walks and edge data, and the API, input and
# registry checks, so that a missing module or file in the wheel shows (CI's time: the catalog
# is ~200 functions)
"$work/clean/bin/pip" install -q "pytest>=7" "hypothesis>=6" "ta-lib==0.8.2" "pandas>=2.0" "polars>=1.0" "numba>=0.59"
mkdir "$work/tests" && cp "$root"/tests/*.py "$work/tests/" && rm "$work/tests/test_readme.py" "$work/tests/test_generated.py"
cd "$work/tests"
"$work/clean/bin/python" -c "import fastind, os; assert not fastind.__file__.startswith('$root'), fastind.__file__; print('testing', os.path.dirname(fastind.__file__))"
# numba: one function of each kernel family, against the compiled backend (it shows that the
# wheel carries the kernel sources and their .pxd, which the numba loader reads; compiling all
# ~200 functions took most of this step's time). The streams: every function, from the wheel's
# resume modules.
"$work/clean/bin/python" -m pytest -q -p no:cacheprovider test_talib_parity.py test_inputs.py \
    test_fast_path.py test_dispatch.py test_registry.py test_abstract.py test_talib_api.py \
    test_parallel.py test_stream.py -k "not test_edge_data and (not test_random_walks or 1000-2) and not numba" \
    --deselect test_talib_parity.py::test_two_dimensional_rows_are_independent_series
"$work/clean/bin/python" - <<'PY'
import numpy as np
import fastind
from fastind import _registry
from cases import market, _source
data = market(500, 1)
families = {}
for e in _registry.ENTRIES:
    if e.native and "." in e.kernel and ":" not in e.kernel:
        families.setdefault(e.kernel.split(".")[0], e)
for family, e in sorted(families.items()):
    args = [data[_source(e, n)] for n in e.inputs]
    a, b = (getattr(fastind, e.name)(*args, backend=be) for be in ("numba", "cython"))
    for x, y in zip(a if isinstance(a, tuple) else (a,), b if isinstance(b, tuple) else (b,)):
        assert np.array_equal(x, y, equal_nan=True), (family, e.name)
print("numba from the wheel: one function of each of", len(families), "kernel families, bitwise cython's")
PY
