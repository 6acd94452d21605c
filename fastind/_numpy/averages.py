"""DEMA, TEMA, T3, TRIMA, KAMA, ZLEMA, RMA, HMA, VWMA, vectorized (NumPy
backend): EMAs as blocked linear filters (fastind._numpy._runs.linear_filter), window sums from
compensated prefix sums. KAMA's adaptive recurrence is a loop over time (per run), its smoothing
constants vectorized."""
from math import isqrt

import numpy as np

from ._runs import nan_array, per_run, window_sums
from .moving import _ema_from, _sma, _wma


def _k(period):
    return 2.0 / (period + 1)


def _ema_after(values, start, period, k):
    """The EMA (seeded by the mean of its first `period` inputs) of values[start:], in place."""
    out = nan_array(values.shape[0])
    if values.shape[0] > start:
        out[start:] = _ema_from(values[start:], period, k)
    return out


def _dema(x, period, skip):
    lb1 = period - 1 + skip
    k = _k(period)
    e1 = _ema_from(x, period, k)
    e2 = _ema_after(e1, lb1, period, k)
    out = 2.0 * e1 - e2
    out[:2 * lb1] = np.nan
    return out


def _tema(x, period, skip):
    lb1 = period - 1 + skip
    out = x.copy()
    if period > 1:
        k = _k(period)
        e1 = _ema_from(x, period, k)
        e2 = _ema_after(e1, lb1, period, k)
        e3 = _ema_after(e2, 2 * lb1, period, k)
        out = e3 + (3.0 * e1 - 3.0 * e2)
    out[:3 * lb1] = np.nan
    return out


def _t3(x, period, vfactor):
    if period == 1:
        return x.copy()
    k = 2.0 / (period + 1.0)
    e = [x]
    for level in range(6):
        e.append(_ema_after(e[-1], level * (period - 1), period, k))
    a, a2 = vfactor, vfactor * vfactor
    c1 = -a2 * a
    c2 = 3.0 * (a2 - c1)
    c3 = -6.0 * a2 - 3.0 * (a - c1)
    c4 = 1.0 + 3.0 * a - c1 + 3.0 * a2
    return c1 * e[6] + c2 * e[5] + c3 * e[4] + c4 * e[3]


def _trima(x, period):
    a = (period + 1) // 2 if period % 2 else period // 2
    b = period + 1 - a
    first = _sma(x, a)
    out = nan_array(x.shape[0])
    out[a - 1:] = _sma(first[a - 1:], b)
    return out


def _kama(x, period):
    n = x.shape[0]
    out = nan_array(n)
    if period == 1:
        return x.copy()
    if n <= period:
        return out
    total = window_sums(np.abs(np.diff(x)), period)  # bars period..n-1
    change = x[period:] - x[:-period]
    with np.errstate(divide="ignore", invalid="ignore"):
        er = np.where((total <= change) | (np.abs(total) < 1e-14), 1.0, np.abs(change / total))
    sc = (er * (2.0 / 3.0 - 2.0 / 31.0) + 2.0 / 31.0) ** 2
    prev = x[period - 1]
    values = x[period:]
    res = out[period:]
    for t in range(values.shape[0]):  # the adaptive recurrence: a loop over time
        prev = prev * (1.0 - sc[t]) + values[t] * sc[t]
        res[t] = prev
    return out


def _zlema(x, period):
    if period == 1:
        return x.copy()
    lag = (period - 1) // 2
    out = nan_array(x.shape[0])
    if x.shape[0] > lag:
        d = 2.0 * x[lag:] - x[:x.shape[0] - lag]
        out[lag:] = _ema_from(d, period, _k(period))
    return out


def _rma(x, period):
    return _ema_from(x, period, 1.0 - (period - 1.0) / period)


def _hma(x, period):
    half = period // 2
    delag = 2.0 * (x if half == 1 else _wma(x, half)) - _wma(x, period)
    s = isqrt(period)
    out = nan_array(x.shape[0])
    if s == 1:
        return delag
    if x.shape[0] >= period:
        out[period - 1:] = _wma(delag[period - 1:], s)
    return out


def _vwma(x, volume, period):
    if period == 1:
        return x.copy()
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        with np.errstate(divide="ignore", invalid="ignore"):
            out[period - 1:] = window_sums(x * volume, period) / window_sums(volume, period)
    return out


def dema(x, period, skip, out):
    per_run(lambda v: _dema(v, period, skip), (x,), (out,))


def tema(x, period, skip, out):
    per_run(lambda v: _tema(v, period, skip), (x,), (out,))


def t3(x, period, vfactor, out):
    per_run(lambda v: _t3(v, period, vfactor), (x,), (out,))


def trima(x, period, out):
    per_run(lambda v: _trima(v, period), (x,), (out,))


def kama(x, period, out):
    per_run(lambda v: _kama(v, period), (x,), (out,))


def zlema(x, period, out):
    per_run(lambda v: _zlema(v, period), (x,), (out,))


def rma(x, period, out):
    per_run(lambda v: _rma(v, period), (x,), (out,))


def hma(x, period, ring, out):
    per_run(lambda v: _hma(v, period), (x,), (out,))


def vwma(x, volume, period, out):
    per_run(lambda v, w: _vwma(v, w, period), (x, volume), (out,))


def mavp_pick(values, periods, minperiod, maxperiod, period, out):
    wanted = np.clip(np.trunc(periods.astype(np.float64)), minperiod, maxperiod)
    np.copyto(out, values, where=wanted == period)


def _mavp_window(x, periods, minperiod, maxperiod, kind):
    out = nan_array(x.shape[0])
    first = maxperiod - 1
    if x.shape[0] <= first:
        return out
    wanted = np.clip(np.trunc(periods[first:]), minperiod, maxperiod).astype(np.intp)
    res = out[first:]
    for p in np.unique(wanted):
        ma = x if p == 1 else {0: _sma, 2: _wma, 5: _trima}[kind](x, p)
        take = wanted == p
        res[take] = ma[first:][take]
    return out


def mavp_window(x, periods, minperiod, maxperiod, kind, out):
    per_run(lambda v, q: _mavp_window(v, q, minperiod, maxperiod, kind), (x, periods), (out,))
