"""Call overhead: every indicator at n = 100, where fixed costs (checks, dispatch, allocation)
dominate; TA-Lib and fastind's TA-Lib-compatible layer beside the backends."""
import pytest

from bench import cases, data, plan
from bench.conftest import BACKENDS

N = plan.OVERHEAD_N
TALIB_CASES = [c for c in cases.CASES if c.talib_name]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", cases.CASES, ids=[c.name for c in cases.CASES])
def test_fastind(run_bench, case, backend):
    run_bench(case.fastind_call(data.market(N), backend), N, f"overhead {case.name}")


@pytest.mark.parametrize("case", TALIB_CASES, ids=[c.name for c in TALIB_CASES])
def test_talib(run_bench, case):
    if cases.talib is None:
        pytest.skip("TA-Lib is not installed")
    run_bench(case.talib_call(data.market(N)), N, f"overhead {case.name}")


@pytest.mark.parametrize("case", TALIB_CASES, ids=[c.name for c in TALIB_CASES])
def test_fastind_talib_layer(run_bench, case):
    """`from fastind import talib` on the default backend."""
    run_bench(plan.compat_call(case, data.market(N)), N, f"overhead {case.name}")
