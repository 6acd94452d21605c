"""Overlap Studies compositions: the MA types that take TA-Lib's settings (DEMA, TEMA), HMA, MA,
MAVP, and the bands and channels built from other kernels."""
from math import isqrt

import numpy as np

from .._numpy._runs import true_runs
from .._compute import moving_average
from .._registry import lookbacks as lb
from .._registry.lookbacks import HMA
from .._settings import unstable
from .._streaming import StreamBackend
from .oscillators import from_run_start


def dema(be, t, arrays, params, outs):
    """DEMA: one kernel pass, given TA-Lib's EMA unstable period (it moves EMA2's seed)."""
    be.kernels[t]["averages.dema"](arrays[0], params[0], unstable("EMA"), outs[0])


def tema(be, t, arrays, params, outs):
    """TEMA: one kernel pass, given TA-Lib's EMA unstable period (it moves EMA2's and EMA3's seeds)."""
    be.kernels[t]["averages.tema"](arrays[0], params[0], unstable("EMA"), outs[0])


def hma_into(be, t, x, period, out):
    """HMA = WMA(2*WMA(x, period/2) - WMA(x, period), isqrt(period)), period >= 2: one kernel
    pass; the outer WMA's last isqrt(period) inputs live in a ring the size of that window,
    allocated here (kernels allocate nothing). A scratch series as long as x instead (the
    de-lagged series, then the WMA kernel over it) cost a pass more and a page-faulting
    allocation of n doubles per call."""
    be.kernels[t]["averages.hma"](x, period, np.empty(isqrt(period)), out)


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


def mavp(be, t, arrays, params, outs):
    """MAVP, as TA-Lib: each bar's period is int(periods[t]) clamped to [minperiod, maxperiod];
    the output starts at MA's lookback for maxperiod (L); the value at bar t is that of
    MA(x, period_t) computed as TA_MA computes it from bar L on, i.e. over the series started
    L - lookback(period_t) bars into the run (the EMA-based types are seeded there, not at the
    run's start). The window types (SMA, WMA, TRIMA) bar by bar (averages.mavp_window); the
    others one MA per distinct period in a run (into one reused buffer), its values
    copied where the period is that one (averages.mavp_pick); each valid run (x and periods
    finite) its own series."""
    minperiod, maxperiod, matype = params
    x, periods = arrays
    out = outs[0]
    if isinstance(be, StreamBackend) and matype not in (lb.SMA, lb.WMA, lb.TRIMA, lb.DEFAULT):
        _mavp_every_period(be, t, x, periods, minperiod, maxperiod, matype, out)
        return
    if matype in (lb.SMA, lb.WMA, lb.TRIMA, lb.DEFAULT):  # window MAs: each bar on its own
        kind = lb.SMA if matype == lb.DEFAULT else matype
        be.kernels[t]["averages.mavp_window"](x, periods, minperiod, maxperiod, kind, out)
        return
    out[...] = np.nan
    total = lb.ma(maxperiod, matype)
    valid = np.isfinite(x) & np.isfinite(periods)
    buffer = None
    for r in range(x.shape[0]):
        for start, end in true_runs(valid[r]):
            first = start + total
            if first >= end:
                continue
            wanted = np.trunc(periods[r, first:end])
            np.clip(wanted, minperiod, maxperiod, out=wanted)
            present = np.bincount(wanted.astype(np.intp), minlength=maxperiod + 1)
            if buffer is None or buffer.shape[1] < end - start:
                buffer = np.empty((1, end - start), out.dtype)
            for p in np.flatnonzero(present):
                p = int(p)
                begin = first - lb.ma(p, matype)
                values = buffer[:, :end - begin]
                moving_average(be, t, x[r:r + 1, begin:end], p, matype, values)
                be.kernels[t]["averages.mavp_pick"](values[:, first - begin:],
                                                    periods[r:r + 1, first:end], minperiod,
                                                    maxperiod, p, out[r:r + 1, first:end])


def _mavp_every_period(be, t, x, periods, minperiod, maxperiod, matype, out):
    """MAVP during a stream step: a bar to come may ask for any period, so each period's MA runs
    on every bar (its state kept by the stream), seeded as in mavp (lookback(maxperiod) -
    lookback(period) bars into the run), and each bar takes the value of its own period."""
    valid = np.isfinite(x) & np.isfinite(periods)
    source = np.where(valid, x, np.nan)
    with np.errstate(invalid="ignore"):
        wanted = np.trunc(np.clip(periods, minperiod, maxperiod))
    total = lb.ma(maxperiod, matype)
    out[...] = np.nan
    values = np.empty_like(out)
    for p in range(minperiod, maxperiod + 1):
        seeded = source.copy()
        from_run_start(seeded, source, total - lb.ma(p, matype), be)
        moving_average(be, t, seeded, p, matype, values)
        np.copyto(out, values, where=valid & (wanted == p))


def _channel(be, t, high, low, period, upper, middle, lower, bands):
    """bands.channel with its two buffers of parked suffixes (4 * (period + 1) doubles each)."""
    park = np.empty((2, 4 * (period + 1)))
    be.kernels[t]["bands.channel"](high, low, period, park[0], park[1],
                                   upper, middle, lower, bands)


def donchian(be, t, arrays, params, outs):
    """DONCHIAN: the highest high and the lowest low over `period` bars, and their midpoint (one
    pass, bands.channel)."""
    _channel(be, t, *arrays, params[0], *outs, True)


def midprice(be, t, arrays, params, outs):
    """MIDPRICE: (highest high + lowest low) / 2 over `period` bars (bands.channel)."""
    out = outs[0]
    _channel(be, t, *arrays, params[0], out, out, out, False)


def midpoint(be, t, arrays, params, outs):
    """MIDPOINT: (highest + lowest) / 2 of x over `period` bars (bands.channel, high = low = x)."""
    out = outs[0]
    _channel(be, t, arrays[0], arrays[0], params[0], out, out, out, False)


def kc(be, t, arrays, params, outs):
    """KC: one kernel pass, given TA-Lib's EMA and ATR unstable periods (they move the legs' seeds)."""
    be.kernels[t]["bands.kc"](*arrays, *params, unstable("EMA"), unstable("ATR"), *outs)


def supertrend(be, t, arrays, params, outs):
    """SUPERTREND: one kernel pass, its ATR run through TA-Lib's ATR unstable period before the
    first band (which moves the bands' start, so the values too)."""
    period, multiplier = params
    be.kernels[t]["bands.supertrend"](*arrays, period, multiplier, unstable("ATR"), *outs)
