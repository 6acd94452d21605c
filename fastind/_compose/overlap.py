"""Overlap Studies compositions: the MA types that take TA-Lib's settings (DEMA, TEMA), HMA, MA,
MAVP, and the bands and channels built from other kernels."""
from math import isqrt

import numpy as np

from .._compute import moving_average
from .._registry import lookbacks as lb
from .._registry.lookbacks import HMA
from .._settings import unstable


def dema(be, t, arrays, params, outs):
    """DEMA: one kernel pass, given TA-Lib's EMA unstable period (it moves EMA2's seed)."""
    be.kernels[t]["averages.dema"](arrays[0], params[0], unstable("EMA"), outs[0])


def tema(be, t, arrays, params, outs):
    """TEMA: one kernel pass, given TA-Lib's EMA unstable period (it moves EMA2's and EMA3's seeds)."""
    be.kernels[t]["averages.tema"](arrays[0], params[0], unstable("EMA"), outs[0])


def hma_into(be, t, x, period, out):
    """HMA = WMA(2*WMA(x, period/2) - WMA(x, period), isqrt(period)), period >= 2: the de-lagged
    series into a scratch array (averages.hma_delag), then the WMA kernel over it.

    A composition rather than one kernel: the outer WMA subtracts the de-lagged value of
    isqrt(period) bars back, which one kernel could only keep in a ring of isqrt(period) slots (an
    allocation, which kernels may not make) or recompute from two more lagged WMAs (twice the
    arithmetic). The scratch costs one more pass over n doubles and reuses the tuned WMA kernel.
    float32 inputs are computed in double and rounded once (a float32 scratch would round the
    de-lagged series before its WMA)."""
    if t != "d":
        result = np.empty(out.shape, np.float64)
        hma_into(be, "d", np.asarray(x, np.float64), period, result)
        out[...] = result
        return
    delag = np.empty(out.shape, np.float64)
    kernels = be.kernels["d"]
    kernels["averages.hma_delag"](x, period, delag)
    kernels["moving.wma"](delag, isqrt(period), out)


def hma(be, t, arrays, params, outs):
    moving_average(be, t, arrays[0], params[0], HMA, outs[0])


def ma(be, t, arrays, params, outs):
    """MA: the one MA dispatch (every MA_Type)."""
    period, matype = params
    moving_average(be, t, arrays[0], period, matype, outs[0])


def mavp_args(minperiod, maxperiod, matype):
    """MAVP's parameters; TA-Lib rejects a minimum above the maximum."""
    if minperiod > maxperiod:
        raise ValueError(f"minperiod ({minperiod}) must not exceed maxperiod ({maxperiod})")
    return minperiod, maxperiod, matype


def _runs(valid):
    edges = np.flatnonzero(np.diff(np.concatenate(([0], valid.view(np.int8), [0]))))
    return edges.reshape(-1, 2)


def mavp(be, t, arrays, params, outs):
    """MAVP, as TA-Lib: each bar's period is int(periods[t]) clamped to [minperiod, maxperiod];
    the output starts at MA's lookback for maxperiod (L); the value at bar t is that of
    MA(x, period_t) computed as TA_MA computes it from bar L on, i.e. over the series started
    L - lookback(period_t) bars into the run (the EMA-based types are seeded there, not at the
    run's start). One MA per distinct period in a run, each valid run (x and periods finite)
    its own series."""
    minperiod, maxperiod, matype = params
    x, periods = arrays
    out = outs[0]
    out[...] = np.nan
    total = lb.ma(maxperiod, matype)
    valid = np.isfinite(x) & np.isfinite(periods)
    for r in range(x.shape[0]):
        for start, end in _runs(valid[r]):
            first = start + total
            if first >= end:
                continue
            wanted = np.clip(np.trunc(periods[r, first:end].astype(np.float64)),
                             minperiod, maxperiod).astype(np.int64)
            for p in np.unique(wanted):
                begin = first - lb.ma(int(p), matype)
                values = np.empty((1, end - begin), out.dtype)
                moving_average(be, t, np.ascontiguousarray(x[r:r + 1, begin:end]), int(p), matype,
                               values)
                take = np.flatnonzero(wanted == p)
                out[r, first + take] = values[0, first - begin + take]


def _gaps_in_both(a, b):
    """a and b with NaN wherever either is NaN or infinite (a bar missing in one input is a gap
    for both), as themselves where both are finite throughout."""
    bad = ~(np.isfinite(a) & np.isfinite(b))
    if not bad.any():
        return a, b
    return np.where(bad, np.nan, a).astype(a.dtype), np.where(bad, np.nan, b).astype(b.dtype)


def _halfway(upper, lower, out):
    """out = (upper + lower) / 2 (in the arrays' type: the sum of two float32 values rounded once,
    halved exactly, is the float32 rounding of the double computation)."""
    np.add(upper, lower, out=out)
    out *= 0.5


def donchian(be, t, arrays, params, outs):
    """DONCHIAN: the highest high and the lowest low over `period` bars (the extrema kernels) and
    their midpoint."""
    period, = params
    high, low = _gaps_in_both(*arrays)
    upper, middle, lower = outs
    kernels = be.kernels[t]
    kernels["extrema.rolling_max"](high, period, upper)
    kernels["extrema.rolling_min"](low, period, lower)
    _halfway(upper, lower, middle)


def midprice(be, t, arrays, params, outs):
    """MIDPRICE: (highest high + lowest low) / 2 over `period` bars."""
    period, = params
    high, low = _gaps_in_both(*arrays)
    out = outs[0]
    lowest = np.empty_like(out)
    kernels = be.kernels[t]
    kernels["extrema.rolling_max"](high, period, out)
    kernels["extrema.rolling_min"](low, period, lowest)
    _halfway(out, lowest, out)


def midpoint(be, t, arrays, params, outs):
    """MIDPOINT: (highest + lowest) / 2 of x over `period` bars (both from one extrema pass)."""
    period, = params
    out = outs[0]
    lowest = np.empty_like(out)
    be.kernels[t]["extrema.rolling_minmax"](arrays[0], period, out, lowest)
    _halfway(out, lowest, out)


def kc(be, t, arrays, params, outs):
    """KC: one kernel pass, given TA-Lib's EMA and ATR unstable periods (they move the legs' seeds)."""
    be.kernels[t]["bands.kc"](*arrays, *params, unstable("EMA"), unstable("ATR"), *outs)
