"""Rounding error of the running window sums stays bounded on long series.

The compiled kernels keep TA-Lib's running sums (one add per bar) and sum each window afresh every
4096 bars; here a 300 000-bar random walk far from zero, whose running sum would otherwise drift,
is checked against windows summed exactly (math.fsum) at sampled bars."""
import math

import numpy as np
import pytest

import fastind as fi

N = 300_000
PERIOD = 50


@pytest.fixture(scope="module")
def walk():
    rng = np.random.default_rng(11)
    return 1e6 + np.cumsum(rng.standard_normal(N)) * 3.0


def _sampled_bars():
    return np.r_[PERIOD - 1: N: 997, N - 1]


def test_sma_matches_exact_window_sums(walk, backend):
    got = fi.sma(walk, PERIOD, backend=backend)
    for i in _sampled_bars():
        exact = math.fsum(walk[i - PERIOD + 1: i + 1]) / PERIOD
        assert abs(got[i] - exact) <= 1e-13 * abs(exact), (i, got[i], exact)


def test_wma_matches_exact_weighted_sums(walk, backend):
    got = fi.wma(walk, PERIOD, backend=backend)
    weights = np.arange(1, PERIOD + 1, dtype=np.float64)
    divider = PERIOD * (PERIOD + 1) / 2
    for i in _sampled_bars():
        window = walk[i - PERIOD + 1: i + 1]
        exact = math.fsum(window * weights) / divider
        assert abs(got[i] - exact) <= 1e-12 * abs(exact), (i, got[i], exact)


def test_var_matches_two_pass_variance(walk, backend):
    got = fi.var(walk, PERIOD, backend=backend)
    for i in _sampled_bars():
        window = walk[i - PERIOD + 1: i + 1]
        mean = math.fsum(window) / PERIOD
        exact = math.fsum((window - mean) ** 2) / PERIOD
        assert abs(got[i] - exact) <= 1e-9 * exact, (i, got[i], exact)


def test_ema_two_bar_steps_match_the_one_bar_recurrence(walk, backend):
    # the compiled EMA advances two bars per step in steady state (EMA[t+1] from EMA[t-1]); its
    # rounding must stay that of the one-bar recurrence, here carried in extended precision
    k = 2.0 / (PERIOD + 1)
    exact = np.empty(N, dtype=np.longdouble)
    exact[PERIOD - 1] = np.mean(walk[:PERIOD].astype(np.longdouble))
    keep, kl = np.longdouble(1) - np.longdouble(k), np.longdouble(k)
    prev = exact[PERIOD - 1]
    for i in range(PERIOD, N):
        prev = prev * keep + np.longdouble(walk[i]) * kl
        exact[i] = prev
    got = fi.ema(walk, PERIOD, backend=backend)
    rel = np.abs(got[PERIOD - 1:] - exact[PERIOD - 1:]) / np.abs(exact[PERIOD - 1:])
    assert rel.max() <= 1e-14, rel.max()


@pytest.mark.parametrize("func", [fi.sma, fi.wma, fi.var])
def test_a_spike_leaves_no_residue(func, backend):
    # a 1e17 spike (ulp 16) passes through windows of values in [0, 1): a running sum keeps its
    # rounding residue, of order 1, forever (TA-Lib's does); summed afresh every 4096 bars, ours
    # is back to full precision within 4096 bars of the spike leaving the window
    x = np.random.default_rng(5).random(12_000)
    x[100] = 1e17
    got = func(x, 10, backend=backend)
    reference = func(np.r_[np.full(101, np.nan), x[101:]], 10, backend="numpy")
    settled = slice(2 * 4096, None)  # RESUM = 4096 in fastind/_kernels/moving.py
    np.testing.assert_allclose(got[settled], reference[settled], rtol=1e-10)


BLOCK_CASES = {
    "sma": lambda x, b: fi.sma(x, 20, backend=b),
    "ema": lambda x, b: fi.ema(x, 20, backend=b),
    "wma": lambda x, b: fi.wma(x, 20, backend=b),
    "var": lambda x, b: fi.var(x, 20, backend=b),
    "stddev": lambda x, b: fi.stddev(x, 20, 2.0, backend=b),
    "bbands": lambda x, b: fi.bbands(x, 20, backend=b),
    "rsi": lambda x, b: fi.rsi(x, 14, backend=b),
    "mom": lambda x, b: fi.mom(x, 10, backend=b),
    "roc": lambda x, b: fi.roc(x, 10, backend=b),
    "macd": lambda x, b: fi.macd(x, backend=b),
    "atr": lambda x, b: fi.atr(x + 1.0, x - 1.0, x, 14, backend=b),
    "trange": lambda x, b: fi.trange(x + 1.0, x - 1.0, x, backend=b),
    "trange_nan_high_only": lambda x, b: fi.trange(np.where(np.isnan(x), np.nan, x + 1.0),
                                                   np.nan_to_num(x, nan=50.0) - 1.0,
                                                   np.nan_to_num(x, nan=50.0), backend=b),
    "trange_nan_close_only": lambda x, b: fi.trange(np.nan_to_num(x, nan=50.0) + 1.0,
                                                    np.nan_to_num(x, nan=50.0) - 1.0, x, backend=b),
    "momentum_signal": lambda x, b: fi.momentum_signal(x, 10, backend=b),
    "obv": lambda x, b: fi.obv(x, np.sin(np.arange(x.size)) + 2.0, backend=b),
    "obv_nan_volume_only": lambda x, b: fi.obv(np.nan_to_num(x, nan=50.0),
                                               np.where(np.isnan(x), np.nan, 1.5), backend=b),
}


@pytest.mark.parametrize("name", sorted(BLOCK_CASES))
@pytest.mark.parametrize("offset", [0, 1, 37, 128, 255, 256, 300])
def test_nan_anywhere_in_a_steady_state_block(name, offset, backend):
    # the compiled kernels run steady state in blocks of 256 bars without a per-bar NaN test and
    # redo a block bar by bar when a NaN reached it: put NaNs at every kind of place in a block
    x = 100.0 + np.cumsum(np.random.default_rng(offset).standard_normal(4000))
    for pos in (600 + offset, 1900 + offset, 1901 + offset, 3999):
        x[pos] = np.nan
    x[3000 + offset: 3003 + offset] = np.nan
    got = BLOCK_CASES[name](x, backend)
    want = BLOCK_CASES[name](x, "numpy")
    for g, w in zip(got if isinstance(got, tuple) else (got,), want if isinstance(want, tuple) else (want,)):
        np.testing.assert_array_equal(np.isnan(g), np.isnan(w))
        np.testing.assert_allclose(g, w, rtol=1e-9, atol=1e-11, equal_nan=True)  # MACD hist ~ 0


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("which", ["high", "low", "close"])
def test_one_nan_input_at_every_position_of_a_block(which, bad, backend):
    # TRANGE checks a block's NaNs through high, low and the previous close, ATR through its
    # smoothed state (a non-finite high or low reaches it) and the sum of the closes: one NaN or
    # infinity in one input, at each position across two block boundaries. An infinity is a gap
    # like a NaN: the result equals that of the same series with a NaN in its place.
    rng = np.random.default_rng(21)
    close = 100.0 + np.cumsum(rng.standard_normal(700))
    base = {"high": close + rng.random(700), "low": close - rng.random(700), "close": close}
    atr = lambda h, lo, c, backend: fi.atr(h, lo, c, 14, backend=backend)  # noqa: E731
    for pos in range(230, 530):
        series = {k: v.copy() for k, v in base.items()}
        series[which][pos] = bad
        hlc = (series["high"], series["low"], series["close"])
        series[which][pos] = np.nan
        gap = (series["high"], series["low"], series["close"])
        for func in (fi.trange, atr):
            got = func(*hlc, backend=backend)
            np.testing.assert_array_equal(got, func(*gap, backend=backend))
            want = func(*gap, backend="numpy")
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)


def test_bbands_middle_is_the_exact_window_mean(walk, backend):
    # with an SMA middle the bands come from one pass, the middle from the anchored moment sums:
    # it must be the window mean as precisely as sma() is
    upper, middle, lower = fi.bbands(walk, PERIOD, 2.0, 1.5, backend=backend)
    sma = fi.sma(walk, PERIOD, backend=backend)
    np.testing.assert_array_equal(np.isnan(middle), np.isnan(sma))
    std = fi.stddev(walk, PERIOD, backend=backend)
    for i in _sampled_bars():
        exact = math.fsum(walk[i - PERIOD + 1: i + 1]) / PERIOD
        assert abs(middle[i] - exact) <= 1e-13 * abs(exact), (i, middle[i], exact)
        assert abs(upper[i] - (middle[i] + 2.0 * std[i])) <= 1e-12 * abs(exact)
        assert abs(lower[i] - (middle[i] - 1.5 * std[i])) <= 1e-12 * abs(exact)


def test_roc_zero_divisor_inside_a_block(backend):
    # ROC's blocks divide whatever the divisor and select the 0 after; a zero divisor (or 0/0, or
    # an infinity, which is a gap) makes the block be redone bar by bar, which must give TA-Lib's 0
    import talib

    x = 100.0 + np.cumsum(np.random.default_rng(4).standard_normal(3000))
    for pos in (700, 701, 955, 1210, 1211, 1212):
        x[pos] = 0.0
    x[1500] = x[1510] = 0.0  # 0/0
    x[2000] = np.inf  # a gap: TA-Lib instead divides by it (-100 ten bars later)
    got = fi.roc(x, 10, backend=backend)
    np.testing.assert_array_equal(got, fi.roc(x, 10, backend="numpy"))
    assert np.isnan(got[2000:2011]).all() and np.isfinite(got[2011])
    with np.errstate(all="ignore"):
        want = talib.ROC(x, 10)
    finite = np.isfinite(want) & np.isfinite(got)
    np.testing.assert_allclose(got[finite], want[finite], rtol=1e-12)
    assert np.all(got[[710, 711, 965, 1220, 1510]] == 0.0)


@pytest.mark.parametrize("name", ["sma", "ema", "wma", "var", "stddev", "mom", "roc", "rsi", "macd",
                                  "atr", "bbands", "momentum_signal", "obv", "obv_nan_volume_only"])
def test_one_nan_at_every_position_across_a_block_boundary(name, backend):
    # a NaN must restart the run wherever it falls in a steady-state block, including the last
    # `period` bars of a block, where a check that looks only at divisors or lagged bars misses it
    x = 100.0 + np.cumsum(np.random.default_rng(9).standard_normal(900))
    func = BLOCK_CASES[name]
    for pos in range(240, 560):
        y = x.copy()
        y[pos] = np.nan
        got = func(y, backend)
        want = func(y, "numpy")
        for g, w in zip(got if isinstance(got, tuple) else (got,),
                        want if isinstance(want, tuple) else (want,)):
            np.testing.assert_array_equal(np.isnan(g), np.isnan(w), err_msg=f"NaN at {pos}")
            np.testing.assert_allclose(g, w, rtol=1e-9, atol=1e-11, equal_nan=True)


def test_flat_windows_after_large_values_have_zero_variance(backend):
    """The running sums leave the rounding of large terms behind (a level shift, a large value
    leaving the window): where the window is flat the variance must still be exactly 0, as TA-Lib
    gives it. Short series run bar by bar, where every bar is checked."""
    x = np.array([4993.0, 1.0, 145.407172, 145.407172, 145.407172])
    assert (fi.stddev(x, 2, backend=backend)[3:] == 0.0).all()
    upper, middle, lower = fi.bbands(x, 2, backend=backend)
    np.testing.assert_array_equal(upper[3:], middle[3:])
    rng = np.random.default_rng(3)
    flat_seen = 0
    for _ in range(200):
        period = int(rng.integers(2, 10))
        y = rng.choice(rng.uniform(0.5, 1e4, 3), 120)  # three levels: many flat windows
        want = fi.var(y, period, backend="numpy")
        got = fi.var(y, period, backend=backend)
        flat = want == 0.0
        flat_seen += flat.sum()
        np.testing.assert_array_equal(got[flat], 0.0)
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9, equal_nan=True)
    assert flat_seen > 1000


def test_level_shift_in_a_long_series(backend):
    """A random walk near 5000, then flat at 145.4: the blocks that follow the shift are redone
    bar by bar, which re-anchors the sums in the new window, and the flat part is 0 (exactly in
    the loop kernels, as TA-Lib; the NumPy backend's window means are an ulp off)."""
    rng = np.random.default_rng(8)
    x = np.concatenate((5000.0 + np.cumsum(rng.standard_normal(3000)), np.full(3000, 145.4),
                        145.4 + np.cumsum(rng.standard_normal(3000))))
    got = fi.stddev(x, 20, backend=backend)
    assert np.abs(got[3019:6000]).max() <= (0.0 if backend != "numpy" else 1e-12)
    np.testing.assert_allclose(got, fi.stddev(x, 20, backend="numpy"), rtol=1e-9, atol=1e-9,
                               equal_nan=True)


@pytest.mark.parametrize("period", [5, 20])
def test_flat_windows_inside_blocks(period, backend):
    """A level every 40 bars, 3200 bars: windows flat at levels far from the sums' anchor begin and
    end inside the steady-state blocks, which test every bar for it (put_moments) and are redone
    bar by bar, re-anchored, where a window was far."""
    from numpy.lib.stride_tricks import sliding_window_view

    x = np.repeat(np.random.default_rng(11).uniform(0.5, 1e4, 80), 40)
    got = fi.stddev(x, period, backend=backend)
    want = fi.stddev(x, period, backend="numpy")
    flat = np.r_[np.zeros(period - 1, bool), np.ptp(sliding_window_view(x, period), axis=1) == 0]
    assert flat.sum() > 1500
    assert np.abs(got[flat]).max() <= (0.0 if backend != "numpy" else 1e-12 * x.max())
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12 * x.max(), equal_nan=True)


@pytest.mark.parametrize("period", [5, 20])
def test_flat_windows_after_bad_ticks_inside_blocks(period, backend):
    """Bad ticks (100 to 10000 times the price) in noisy stretches of a series flat at its anchor's
    level: the rounding each left in the running sums is far larger than the flat windows'
    variance. The blocks test each bar against the mean square of the bar before (a large value
    just left) and are redone bar by bar, which re-anchors; before, 721 flat windows of period 20
    came out up to 1.3e-4 instead of 0."""
    from numpy.lib.stride_tricks import sliding_window_view

    rng = np.random.default_rng(4)
    x = np.full(3000, 145.4)
    for at in (700, 1500, 2300):
        x[at - 30:at + 30] += rng.uniform(-1, 1, 60)
        x[at] *= 10.0 ** rng.uniform(2, 4)
    got = fi.stddev(x, period, backend=backend)
    flat = np.r_[np.zeros(period - 1, bool), np.ptp(sliding_window_view(x, period), axis=1) == 0]
    assert flat.sum() > 2500
    assert np.abs(got[flat]).max() <= (0.0 if backend != "numpy" else 1e-12 * x.max())
    np.testing.assert_allclose(got, fi.stddev(x, period, backend="numpy"), rtol=1e-9,
                               atol=1e-12 * x.max(), equal_nan=True)


def test_block_range_is_the_true_range_where_high_is_not_below_low():
    """ATR's blocks take max(h, prev) - min(lo, prev) for the true range: the same difference of
    the same two values as true_range's largest term wherever h >= lo, hence the same double, ties
    included; where h < lo it differs, which is why the blocks test h >= lo (edge data
    'inverted_and_ties' in test_talib_parity checks that against TA-Lib)."""
    numba = pytest.importorskip("numba")
    from fastind import _numba_loader

    kernels = _numba_loader.load_family(numba, "volatility")
    rng = np.random.default_rng(12)
    ties = np.round(rng.uniform(-50, 50, (3, 10_000)), 1)
    spread = rng.choice([-1.0, 1.0], (3, 10_000)) * 10.0 ** rng.uniform(-8, 8, (3, 10_000))
    values = np.concatenate((ties, spread), axis=1)
    for h, lo, prev in values.T:
        h, lo = max(h, lo), min(h, lo)
        assert kernels.block_range(h, lo, prev) == kernels.true_range(h, lo, prev)
    assert kernels.block_range(1.0, 2.0, 1.5) == 0.0 != kernels.true_range(1.0, 2.0, 1.5)


@pytest.mark.parametrize("name", ["var", "stddev", "bbands"])
def test_runs_are_their_own_series_with_short_blocks(name, backend):
    """The moments end a run's blocks with a short one (the even bars left, SHORT_BLOCK or more):
    where blocks lie must depend on the run alone, bit for bit, whatever follows the run — a NaN
    inside a full block, a level shift (a far window) before it or at its last bar."""
    func = getattr(fi, name)
    for seed in range(12):
        rng = np.random.default_rng(seed)
        x = 100.0 + np.cumsum(rng.standard_normal(1500))
        x[rng.integers(0, 1500, 4)] *= 50.0  # level spikes: far windows, large values leaving
        cuts = np.sort(rng.choice(np.arange(30, 1500), 5, replace=False))
        x[cuts] = np.nan
        period = int(rng.integers(2, 30))
        whole = func(x, period, backend=backend)
        whole = whole if isinstance(whole, tuple) else (whole,)
        for start, stop in zip(np.r_[0, cuts + 1], np.r_[cuts, 1500]):
            part = func(x[start:stop], period, backend=backend)
            for w, p in zip(whole, part if isinstance(part, tuple) else (part,)):
                np.testing.assert_array_equal(w[start:stop], p, err_msg=f"{seed} {start}:{stop}")
