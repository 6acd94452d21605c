"""Backends agree: Cython == Numba bitwise (one kernel source), NumPy within 1e-9; the NaN policy
(NaN and infinities are gaps); accuracy against exact oracles where TA-Lib's own formula loses
digits."""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import fastind as fi
from cases import CASES, IDS, as_tuple, assert_matches, complete, market

# outputs that are absolute indices into the input (TA-Lib's MAXINDEX family): a run computed on
# its own gives indices relative to the run's start
ABSOLUTE_INDEX = {"MAXINDEX", "MININDEX", "MINMAXINDEX"}

COMPILED = [b for b in ("cython", "numba") if b in fi.available_backends()]


def _inputs(case, data, dtype):
    return [data[k].astype(dtype) for k in case.inputs]


@pytest.mark.skipif(len(COMPILED) < 2, reason="needs both cython and numba")
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cython_and_numba_are_bitwise_equal(case, dtype):
    data = market(3000, seed=21)
    data["close"][[100, 101, 1500]] = np.nan  # interior gaps too
    arrays = _inputs(case, data, dtype)
    for params in case.params:
        a = as_tuple(case.native("cython", *arrays, **params))
        b = as_tuple(case.native("numba", *arrays, **params))
        for x, y in zip(a, b):
            np.testing.assert_array_equal(x, y, err_msg=f"{case.name} {params}")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_numpy_backend_matches_compiled(case, dtype):
    compiled = COMPILED[0] if COMPILED else pytest.skip("no compiled backend")
    data = market(3000, seed=22)
    data["high"][[50, 51, 2000]] = np.nan
    arrays = _inputs(case, data, dtype)
    rtol = 1e-9 if dtype == np.float64 else 2e-6
    for params in case.params:
        a = as_tuple(case.native(compiled, *arrays, **params))
        b = as_tuple(case.native("numpy", *arrays, **params))
        for k, (x, y) in enumerate(zip(a, b)):
            slack = 1e-12 * 200.0
            if case.talib_error is not None:  # the numpy backend's VAR is two-pass, ours anchored
                slack += 1e-6 if dtype == np.float32 else 1e-9
            assert_matches(x, y, rtol, f"{case.name} {params} output {k}", slack)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_valid_run_is_its_own_series(case, backend):
    """A NaN in any input restarts the indicator: output equals computing each run separately."""
    data = market(900, seed=23)
    gaps = {"close": [300], "high": [610], "low": [611], "volume": [450]}
    for k, idx in gaps.items():
        data[k][idx] = np.nan
    arrays = [data[k] for k in case.inputs]
    invalid = np.zeros(900, bool)
    for a in arrays:
        invalid |= np.isnan(a)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (~invalid).view(np.int8), [0]))))
    for params in case.params:
        whole = as_tuple(case.native(backend, *arrays, **params))
        for out in whole:
            assert np.isnan(out[invalid]).all() if out.dtype.kind == "f" else True
        for start, end in edges.reshape(-1, 2):
            part = as_tuple(case.native(backend, *[a[start:end] for a in arrays], **params))
            for w, p in zip(whole, part):
                if case.name in ABSOLUTE_INDEX:  # indices past the run's lookback move by start
                    p = p.copy()
                    p[case.entry.lookback_of(**params):] += start
                np.testing.assert_array_equal(w[start:end], p)


def test_momentum_signal(backend):
    x = np.array([1.0, 2.0, 2.0, 1.0, np.nan, 3.0, 4.0, 4.0])
    got = fi.momentum_signal(x, period=1, backend=backend)
    assert got.dtype == np.int8
    np.testing.assert_array_equal(got, [-1, 1, 0, 0, -1, -1, 1, 0])
    close = market(500, seed=3)["close"]
    sig = fi.momentum_signal(close, 10, backend=backend)
    mom = fi.mom(close, 10, backend=backend)
    np.testing.assert_array_equal(sig[10:], (mom[10:] > 0).astype(np.int8))
    assert (sig[:10] == -1).all()


def test_channel_bands(backend):
    d = market(400, seed=4)
    upper, lower = fi.channel(d["high"], d["low"], period=20, backend=backend)
    np.testing.assert_array_equal(upper, fi.rolling_max(d["high"], 20, backend=backend))
    np.testing.assert_array_equal(lower, fi.rolling_min(d["low"], 20, backend=backend))
    assert np.isnan(upper[:19]).all() and (upper[19:] >= lower[19:]).all()


def test_extrema_linear_on_monotone_input(backend):
    """vHGW is O(n) whatever the data; check correctness on the rescan worst case (decreasing)."""
    x = np.arange(20_000, 0, -1, dtype=np.float64)
    np.testing.assert_array_equal(fi.rolling_max(x, 1000, backend=backend)[999:], x[:-999])


def _exact_var(x, period):
    from numpy.lib.stride_tricks import sliding_window_view

    w = sliding_window_view(x, period)
    return np.concatenate((np.full(period - 1, np.nan), ((w - w.mean(1, keepdims=True)) ** 2).mean(1)))


@pytest.mark.parametrize("scale", [1.0, 1e8])
def test_variance_accurate_where_talib_cancels(backend, scale):
    """Nearly equal prices far from zero: E[x^2]-E[x]^2 loses every digit; ours keeps them."""
    rng = np.random.default_rng(5)
    x = scale * (100.0 + 1e-4 * np.cumsum(rng.standard_normal(200_000)))
    for period in (2, 20):
        exact = _exact_var(x, period)
        assert_matches(fi.var(x, period, backend=backend), exact, 1e-7, f"var {period}",
                       atol=1e-10 * float(np.nanmax(exact)))


# where an infinity lands: the lookback, a steady-state block's first, middle and last bars (blocks
# of 256), two in a row of opposite signs, the very last bar
INFINITY_SPOTS = [3, 400, 511, 512, 513, 700, 1030, 1031, 2047]


def _with(data, keys, value, spots):
    out = {k: v.copy() for k, v in data.items()}
    for j, pos in enumerate(spots):
        key = keys[j % len(keys)]
        out[key][pos] = value if j % 2 == 0 else -value  # +inf and -inf alternate
    return out


@pytest.mark.parametrize("layout", ["1d", "2d"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_infinity_is_a_gap_like_nan(case, backend, dtype, layout):
    """+inf and -inf in any input are missing values exactly as NaN is: the result equals the one
    with NaN in their places, bit for bit, on every backend (TA-Lib instead carries them through
    its running sums: SMA NaN for ever after, RSI 0 for ever after)."""
    data = market(2048, seed=41)
    inf = _with(data, case.inputs, np.inf, INFINITY_SPOTS)
    nan = _with(data, case.inputs, np.nan, INFINITY_SPOTS)
    for params in case.params:
        args_inf = _inputs(case, inf, dtype)
        args_nan = _inputs(case, nan, dtype)
        if layout == "2d":  # three series: clean, with infinities, clean
            clean = _inputs(case, data, dtype)
            args_inf = [np.stack([c, a, c]) for c, a in zip(clean, args_inf)]
            args_nan = [np.stack([c, a, c]) for c, a in zip(clean, args_nan)]
        got = as_tuple(case.native(backend, *args_inf, **params))
        want = as_tuple(case.native(backend, *args_nan, **params))
        for k, (g, w) in enumerate(zip(got, want)):
            np.testing.assert_array_equal(g, w, err_msg=f"{case.name} {params} output {k}")
            at_gap = (g if g.ndim == 1 else g[1])[INFINITY_SPOTS[0]]
            assert (at_gap == 0) if g.dtype.kind in "iu" else np.isnan(at_gap)


def test_momentum_signal_infinity_is_a_gap(backend, dtype):
    x = market(2048, seed=42)["close"].astype(dtype)
    with_inf, with_nan = x.copy(), x.copy()
    with_inf[INFINITY_SPOTS] = np.inf
    with_inf[INFINITY_SPOTS[::2]] = -np.inf
    with_nan[INFINITY_SPOTS] = np.nan
    got = fi.momentum_signal(with_inf, 10, backend=backend)
    np.testing.assert_array_equal(got, fi.momentum_signal(with_nan, 10, backend=backend))
    assert (got[INFINITY_SPOTS] == -1).all()


finite_prices = st.floats(min_value=0.5, max_value=1e4, allow_nan=False, width=64)
maybe_nan = st.one_of(finite_prices, st.sampled_from([np.nan, np.inf, -np.inf]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=hnp.arrays(np.float64, st.integers(0, 120), elements=maybe_nan),
       period=st.integers(1, 40), case_index=st.integers(0, len(CASES) - 1))
def test_all_backends_agree_property(x, period, case_index):
    case = CASES[case_index]
    arrays = [x * (1.0 + 0.01 * k) for k in range(len(case.inputs))]
    params = dict(case.params[0])
    for key in ("period",):
        if key in params:
            params[key] = max(period, 2)
    results = {b: as_tuple(case.native(b, *arrays, **params)) for b in fi.available_backends()}
    names = list(results)
    for other in names[1:]:
        for k, (a, b) in enumerate(zip(results[names[0]], results[other])):
            if {names[0], other} == {"cython", "numba"}:
                np.testing.assert_array_equal(a, b)
            else:
                slack = 1e-9 * 1e4 if case.talib_error is not None else 1e-12 * 1e4
                assert_matches(a, b, 1e-9, f"{case.name} {other} output {k}", slack)


def test_float32_lagged_equal_double_computation_rounded(backend):
    """float32 MOM is computed in float32 (the exact difference rounded once, which the double
    difference rounded to float32 equals: 53 >= 2*24 + 2 bits), ROC in double rounded to float32,
    the signal compared in float32: all as computing from the float64 values and rounding. Values
    over sixty decades, both signs and zeros (ROC's 0 for a zero divisor), through the blocks."""
    rng = np.random.default_rng(8)
    n, k = 5000, 7
    x = (rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-30, 30, n)).astype(np.float32)
    x[rng.integers(0, n, 40)] = 0.0
    x64 = x.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        mom = (x64[k:] - x64[:-k]).astype(np.float32)
        roc = np.where(x64[:-k] != 0.0, (x64[k:] / x64[:-k] - 1.0) * 100.0, 0.0).astype(np.float32)
    got = fi.mom(x, k, backend=backend)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got[k:], mom)
    np.testing.assert_array_equal(fi.roc(x, k, backend=backend)[k:], roc)
    np.testing.assert_array_equal(fi.momentum_signal(x, k, backend=backend)[k:],
                                  (x64[k:] > x64[:-k]).astype(np.int8))


def _swings(n, seed):
    """Zero-mean prices of scale 1e4: window sums and the lower band cancel to near zero, where a
    float32 rounding before the end shows as many ulps of the result."""
    rng = np.random.default_rng(seed)
    close = rng.standard_normal(n) * 1e4
    spread = np.abs(rng.standard_normal((2, n))) * 1e3
    return complete({"close": close, "high": close + spread[0], "low": close - spread[1],
                     "volume": rng.random(n) * 1e4})


@pytest.mark.parametrize("data", ["walk", "swings"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_float32_is_the_double_computation_rounded_once(case, backend, data):
    """float32 in, float32 out, accumulated in double: each value is within one float32 ulp of the
    float64 computation on the same (widened) values. (SMA's blocks once subtracted two float32
    reads in float32: zero-mean data gave 10^4 ulps.) BBANDS' bands with an EMA or WMA middle are
    formed from the stored float32 middle: half an ulp of the middle more."""
    values = market(3000, seed=5) if data == "walk" else _swings(3000, seed=5)
    arrays = [values[k].astype(np.float32) for k in case.inputs]
    for params in case.params:
        single = as_tuple(case.native(backend, *arrays, **params))
        double = as_tuple(case.native(backend, *[a.astype(np.float64) for a in arrays], **params))
        ulp = lambda v: np.spacing(np.abs(v).astype(np.float32)).astype(np.float64)  # noqa: E731
        for k, (got, want) in enumerate(zip(single, double)):
            assert got.dtype == case.out_dtype(np.float32, k)
            if got.dtype.kind in "iu":  # integer outputs: the same integers
                np.testing.assert_array_equal(got, want, err_msg=f"{case.name} {params} output {k}")
                continue
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            slack = ulp(want)
            if case.name == "BBANDS" and params["matype"] != 0 and k != 1:
                slack = slack + ulp(double[1])
            error = np.abs(got.astype(np.float64) - want)
            finite = np.isfinite(want)
            assert np.all(error[finite] <= slack[finite]), (
                f"{case.name} {params} output {k}: {np.max(error[finite] / slack[finite]):.1f} ulps")
