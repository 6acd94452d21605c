"""The polars suite's rows (bench.frames) on a small long frame: each timed, and each checked equal
to the 2-D array call on the same values (polars' own rolling mean aside: not TA-Lib's SMA).
`python -m bench` times them on 2000 symbols x 5000 bars."""
import numpy as np
import pytest

from bench import frames

pl = pytest.importorskip("polars")

ROWS, N = 20, 1_000
ROWS_OF = [(name, impl) for name in frames.CALLS for impl in frames.IMPLS
           if impl != "polars rolling_mean.over" or name == "sma"]


def _columns(result, name):
    """The outputs a row computed, as flat arrays."""
    if isinstance(result, pl.DataFrame):
        col = result[name]
        if col.dtype == pl.Struct:
            return [col.struct.field(f).to_numpy() for f in col.struct.fields]
        return [col.to_numpy()]
    return [r.reshape(-1) for r in (result if isinstance(result, tuple) else (result,))]


@pytest.mark.parametrize("name,impl", ROWS_OF, ids=[f"{n}-{i}" for n, i in ROWS_OF])
def test_polars_row(run_bench, name, impl):
    result = run_bench(frames.call(name, impl, ROWS, N), ROWS * N, f"polars {name}", impl=impl)
    if impl == "polars rolling_mean.over":
        assert len(result) == ROWS * N
        return
    want = _columns(frames.call(name, frames.REFERENCE, ROWS, N)(), name)
    for got, ref in zip(_columns(result, name), want):
        np.testing.assert_array_equal(got, ref)


def test_report_rows_and_ratios():
    """frames.rows: IMPLS order, each ratio to the best 2-D call of the run (its own record or one
    timed beside a row)."""
    def rec(impl, best, **extra):
        return dict(suite="polars", case="sma", impl=impl, kind="fastind", n=N, rows=ROWS,
                    dtype="float64", best_s=best, note="", **extra)

    from bench import results

    records = [rec("by=", 3.0, ref_s=1.5), rec(".over", 4.0, ref_s=2.5), rec("2-D call", 2.0)]
    got = [(impl, t, ratio) for _, impl, _, t, ratio in frames.rows(records, results.find)]
    assert got == [("2-D call", 1.5, 1.0), (".over", 4.0, 4.0 / 1.5), ("by=", 3.0, 2.0)]
