"""Every covered function equals TA-Lib 0.8.2 on every backend, dtype and layout: same NaN prefix,
values within 1e-9 relative (float64) — on random walks and on edge data."""
import numpy as np
import pytest

from cases import CASES, IDS, as_tuple, assert_matches, complete, market

talib = pytest.importorskip("talib")

LENGTHS = [(50, 1), (1_000, 2), (5_000, 3)]
EDGE = {
    "short": lambda: market(3, seed=4),
    "constant": lambda: complete({k: np.full(60, 5.0 if k != "volume" else 100.0) for k in
                                  ("open", "high", "low", "close", "volume")}),
    "leading_nans": lambda: _with_leading_nans(market(400, seed=5)),
    "tiny_1e-8": lambda: market(400, seed=6, scale=1e-10),
    "huge_1e8": lambda: market(400, seed=7, scale=1e6),
    "empty": lambda: market(0, seed=8),
    "steps": lambda: _steps(),
    "inverted_and_ties": lambda: _inverted_and_ties(),
}


def _with_leading_nans(data):
    for k, cut in zip(("close", "high", "low", "volume"), (9, 11, 10, 12)):
        data[k][:cut] = np.nan
    return data


def _inverted_and_ties():
    """3000 bars (the steady-state blocks run): a few bad bars whose high is below their low, and
    many ties of the previous close with the high or the low and of the high with the low, so that
    the true range's three terms win in every order, with ties."""
    data = market(3000, seed=9)
    rng = np.random.default_rng(9)
    high, low, close = data["high"], data["low"], data["close"]
    bad = rng.choice(np.arange(300, 3000), 6, replace=False)
    high[bad], low[bad] = low[bad].copy(), high[bad].copy()
    for target, share in ((high, 0.05), (low, 0.05)):
        tie = np.flatnonzero(rng.random(3000) < share)
        tie = tie[(tie > 0) & ~np.isin(tie, bad)]
        target[tie] = close[tie - 1]
    flat = np.flatnonzero(rng.random(3000) < 0.03)
    flat = flat[~np.isin(flat, bad)]
    low[flat] = high[flat]
    return complete(data)


def _steps():
    # flat stretches and jumps: exercises zero gains/losses, ties in extrema, zero ROC denominators
    base = np.repeat([10.0, 10.0, 12.0, 9.0, 9.0, 0.0, 5.0, 5.0], 15)
    return complete({"high": base + 1.0, "low": base - 1.0, "close": base,
                     "volume": np.full(base.size, 7.0)})


def _compare(case, backend, data, dtype, rtol):
    arrays = [data[k] for k in case.inputs]
    for params in case.params:
        ours = as_tuple(case.native(backend, *[a.astype(dtype) for a in arrays], **params))
        # TA-Lib sees exactly the values we saw (float32 values widened to float64)
        ref = as_tuple(case.reference(*[a.astype(dtype).astype(np.float64) for a in arrays], **params))
        assert len(ours) == len(ref)
        slack = _talib_error(case, arrays, dtype, params)
        for k, (o, r) in enumerate(zip(ours, ref)):
            assert o.dtype == case.out_dtype(dtype, k), (case.name, o.dtype)
            assert_matches(o, r, rtol, f"{case.name} {params} output {k} [{backend}]", slack[k])


RTOL = {np.float64: 1e-9, np.float32: 2e-6}


def _talib_error(case, arrays, dtype, params):
    """Absolute slack per output: 1e-12 of the input's scale (a zero result computed another way
    may be 1e-16 off), plus TA-Lib's own rounding error where its formula cancels."""
    widened = [a.astype(dtype).astype(np.float64) for a in arrays]
    finite = np.concatenate([w[np.isfinite(w)] for w in widened] + [np.zeros(1)])
    floor = 1e-12 * float(np.max(np.abs(finite)))
    extra = (0.0,) * 8 if case.talib_error is None else case.talib_error(*widened, **params)
    return tuple(floor + e for e in extra)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("n,seed", LENGTHS)
def test_random_walks(case, backend, dtype, n, seed):
    _compare(case, backend, market(n, seed), dtype, RTOL[dtype])


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("edge", sorted(EDGE))
def test_edge_data(case, backend, dtype, edge):
    _compare(case, backend, EDGE[edge](), dtype, RTOL[dtype])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_two_dimensional_rows_are_independent_series(case, backend, dtype):
    rows = [market(700, seed=s) for s in (11, 12, 13)]
    rows[1] = _with_leading_nans(rows[1])
    panel = [np.stack([r[k] for r in rows]).astype(dtype) for k in case.inputs]
    for params in case.params:
        ours = as_tuple(case.native(backend, *panel, **params))
        for row in range(3):
            ref = as_tuple(case.reference(*[p[row].astype(np.float64) for p in panel], **params))
            slack = _talib_error(case, [p[row] for p in panel], dtype, params)
            for k, (o, r) in enumerate(zip(ours, ref)):
                assert o.shape == panel[0].shape
                assert_matches(o[row], r, RTOL[dtype], f"{case.name} row {row} output {k}", slack[k])
