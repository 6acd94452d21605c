"""BETA, CORREL and the linear regressions against exact two-pass windows, on a long series of
large, nearly equal prices (1e6 + a walk of 0.01 a bar, 2e5 bars): where TA-Lib's running sums of
raw values lose digits, ours (deviations from an anchor in the window, summed afresh every
`period` bars) keep them. The oracle works on x - 1e6, which is exact in float64 for these prices,
two-pass per window (centred on the window's mean and mid time).

Measured here (max abs error over the series, period 14 / 30; TA-Lib 0.8.2):
  LINEARREG_SLOPE       ours 1.7e-18            TA-Lib 2.4e-8 / 1.1e-8   (1e10 times)
  LINEARREG_ANGLE       ours 1.1e-16            TA-Lib 1.4e-6 / 6.2e-7   (1e10 times)
  LINEARREG, _INTERCEPT, TSF (values ~1e6): ours 5.8e-11, half an ulp of 1e6 (the output's own
                        rounding), TA-Lib 1.6e-7 (~3e3 times, ~1300 ulps)
  FOSC                  ours 5.8e-15            TA-Lib 1.8e-11           (3e3 times)
  CORREL                ours 3e-14 / 1.9e-14    TA-Lib 6.4e-12 / 5.4e-12 (200-300 times)
  BETA                  ours 1e-14 / 2e-14      TA-Lib 3e-14 / 1.2e-14   (the same: BETA sums one-bar
                        returns, which are small and do not cancel; both are ~10 ulps of beta)
"""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import fastind as fi

N = 200_000
BASE = 1e6
EPS = np.finfo(np.float64).eps


@pytest.fixture(scope="module")
def prices():
    rng = np.random.default_rng(7)
    walk0 = np.cumsum(0.01 * rng.standard_normal(N))
    walk1 = 0.5 * walk0 + np.cumsum(0.01 * rng.standard_normal(N))
    return BASE + walk0, BASE + walk1


def _pad(values, lookback):
    return np.concatenate((np.full(lookback, np.nan), values))


def _line(y, period):
    """(slope, the line at each window's last bar) of every window of y, two-pass."""
    w = sliding_window_view(y, period)
    t = np.arange(period) - (period - 1) / 2.0
    mean = w.mean(axis=1)
    slope = ((w - mean[:, None]) @ t) / (t @ t)
    return slope, mean + slope * (period - 1) / 2.0


def _exact(name, x0, x1, period):
    y0, y1 = x0 - BASE, x1 - BASE  # exact
    slope, last = _line(y0, period)
    lb = period - 1
    if name == "linearreg_slope":
        return _pad(slope, lb), 0.0
    if name == "linearreg_angle":
        return _pad(np.degrees(np.arctan(slope)), lb), 0.0
    if name == "linearreg":
        return _pad(last, lb), BASE
    if name == "linearreg_intercept":
        return _pad(last - slope * (period - 1), lb), BASE
    if name == "tsf":
        return _pad(last + slope, lb), BASE
    if name == "fosc":
        forecast = _pad(last + slope, lb)
        out = np.full(N, np.nan)
        out[period:] = 100.0 * (y0[period:] - forecast[period - 1:-1]) / x0[period:]
        return out, 0.0
    if name == "correl":
        a, b = sliding_window_view(y0, period), sliding_window_view(y1, period)
        da, db = a - a.mean(1, keepdims=True), b - b.mean(1, keepdims=True)
        return _pad((da * db).sum(1) / np.sqrt((da * da).sum(1) * (db * db).sum(1)), lb), 0.0
    if name == "beta":
        rx = (y0[1:] - y0[:-1]) / x0[:-1]
        ry = (y1[1:] - y1[:-1]) / x1[:-1]
        a, b = sliding_window_view(rx, period), sliding_window_view(ry, period)
        da, db = a - a.mean(1, keepdims=True), b - b.mean(1, keepdims=True)
        return _pad((da * db).sum(1) / (da * da).sum(1), period), 0.0
    raise KeyError(name)


# the most each may be off, in units of the exact series' largest magnitude times eps (the
# regression lines are ~1e6: half an ulp of the output is their floor, the offset term)
BOUND = {"linearreg_slope": 64, "linearreg_angle": 64, "linearreg": 64, "linearreg_intercept": 64,
         "tsf": 64, "fosc": 256, "correl": 1024, "beta": 1024}


def _max_error(got, exact, offset):
    finite = np.isfinite(exact)
    assert np.array_equal(finite, np.isfinite(got))
    return float(np.max(np.abs((got[finite] - offset) - exact[finite])))


@pytest.mark.parametrize("name", sorted(BOUND))
@pytest.mark.parametrize("period", [14, 30])
def test_exact_on_large_nearly_equal_prices(prices, backend, name, period):
    x0, x1 = prices
    exact, offset = _exact(name, x0, x1, period)
    args = (x0, x1) if name in ("beta", "correl") else (x0,)
    got = getattr(fi, name)(*args, period, backend=backend)
    scale = float(np.nanmax(np.abs(exact)))
    # the output's own rounding near 1e6 (FOSC: that of its forecast, divided by x ~ 1e6)
    floor = np.spacing(BASE) if offset else 100.0 * np.spacing(BASE) / BASE if name == "fosc" else 0.0
    error = _max_error(got, exact, offset)
    assert error <= BOUND[name] * EPS * scale + floor, (name, error, scale)


@pytest.mark.parametrize("name", sorted(BOUND))
def test_at_least_as_exact_as_talib(prices, name):
    """Ours is never less exact than TA-Lib's (up to 16 eps of the scale: BETA's two sums are
    as good as each other), and the regressions and CORREL are hundreds to 1e10 times more."""
    talib = pytest.importorskip("talib")
    x0, x1 = prices
    period = 14
    exact, offset = _exact(name, x0, x1, period)
    args = (x0, x1) if name in ("beta", "correl") else (x0,)
    ours = _max_error(getattr(fi, name)(*args, period), exact, offset)
    theirs = _max_error(getattr(talib, name.upper())(*args, period), exact, offset)
    scale = float(np.nanmax(np.abs(exact)))
    assert ours <= theirs + 16 * EPS * scale, (name, ours, theirs)
    if name != "beta":
        assert theirs >= 100 * ours, (name, ours, theirs)
