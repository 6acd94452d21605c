"""2-D panel: one fastind call on 2000 series x 5000 bars against a Python loop of TA-Lib calls.

The numpy backend is left out here: it loops over rows in Python and takes up to a minute per call
on some indicators (`python -m bench` without --quick measures it once).
"""
import pytest

import fastind
from bench import cases, data, plan

ROWS, N = plan.PANEL_SHAPE
COMPILED = [b for b in fastind.available_backends() if b != "numpy"]
TALIB_CASES = [c for c in cases.CASES if c.talib_name]


@pytest.fixture(scope="module")
def panel():
    return data.panel(ROWS, N)


@pytest.mark.parametrize("backend", COMPILED)
@pytest.mark.parametrize("case", cases.CASES, ids=[c.name for c in cases.CASES])
def test_fastind(run_bench, panel, case, backend):
    run_bench(case.fastind_call(panel, backend), ROWS * N, f"panel {case.name}")


@pytest.mark.parametrize("case", TALIB_CASES, ids=[c.name for c in TALIB_CASES])
def test_talib_row_loop(run_bench, panel, case):
    if cases.talib is None:
        pytest.skip("TA-Lib is not installed")
    run_bench(plan.talib_row_loop(case, panel), ROWS * N, f"panel {case.name}")
