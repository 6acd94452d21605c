"""Every indicator on every fastind backend, at 1e3, 1e5 and 1e7 bars, float64 and float32, with
TA-Lib's equivalent beside it (float64: TA-Lib computes in double only)."""
import numpy as np
import pytest

from bench import cases, data
from bench.conftest import BACKENDS, DTYPES, SIZES, size_id

CASE_IDS = [c.name for c in cases.CASES]


def _group(case, n, dtype):
    return f"{case.name} n={size_id(n)} {np.dtype(dtype).name}"


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("n", SIZES, ids=size_id)
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", cases.CASES, ids=CASE_IDS)
def test_fastind(run_bench, case, backend, n, dtype):
    run_bench(case.fastind_call(data.market(n, dtype), backend), n, _group(case, n, dtype))


@pytest.mark.parametrize("n", SIZES, ids=size_id)
@pytest.mark.parametrize("case", [c for c in cases.CASES if c.talib_name],
                         ids=[c.name for c in cases.CASES if c.talib_name])
def test_talib(run_bench, case, n):
    if cases.talib is None:
        pytest.skip("TA-Lib is not installed")
    run_bench(case.talib_call(data.market(n)), n, _group(case, n, np.float64))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("n", SIZES, ids=size_id)
def test_copy_floor(run_bench, n, dtype):
    """x.copy() of one input: the memory-bandwidth floor of a call returning a new array."""
    x = data.market(n, dtype)["close"]
    run_bench(x.copy, n, f"copy n={size_id(n)} {np.dtype(dtype).name}")
