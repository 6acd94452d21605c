"""Computes that are compositions of kernels, and the parameter preparations some entries name
(`Indicator.kernel` / `Indicator.prepare` in the registry).

A compute is `compute(backend, dtype char, 2-D inputs, params, 2-D outputs)`. Every kernel treats a
NaN as a gap, so a composition can feed one kernel's output (NaN over its lookback) to the next:
each stage restarts after the previous one's NaN prefix, as TA-Lib's nested calls do.
"""
import numpy as np

from ._numpy._runs import valid_runs
from ._settings import unstable
from ._streaming import hide_run_start
from ._registry.lookbacks import DEFAULT, DEMA, DISABLED, HMA, MA_NAMES, MAMA, T3, TEMA

# the kernel of each MA type: "family.kernel"; each takes (x, period, out) (T3 and MAMA: their
# extra parameters at TA-Lib's MA defaults; DEMA and TEMA: (x, period, EMA's unstable period, out);
# HMA: (x, period, a ring of isqrt(period) doubles, out))
MA_KERNELS = {0: "moving.sma", 1: "moving.ema", 2: "moving.wma", 3: "averages.dema",
              4: "averages.tema", 5: "averages.trima", 6: "averages.kama", 8: "averages.t3",
              9: "averages.hma", 12: "averages.zlema", 13: "averages.rma"}
# the unstable-period id of the MA types whose first values TA-Lib's unstable period hides (their
# values unchanged: the recurrence starts at the run's first bar either way; DEMA and TEMA take it
# as an argument, as it moves their inner seeds)
MA_UNSTABLE = {1: "EMA", 6: "KAMA", 8: "T3", 12: "EMA", 13: "RMA"}
MA_KERNELS[7] = "hilbert.hilbert"  # MAMA: the Hilbert engine (fastind/_compose/hilbert.py)
MA_UNSTABLE[7] = "MAMA"


def moving_average(be, t, x, period, matype, out):
    """out = MA(x, period) of TA-Lib's MA_Type `matype`, row by row. The one MA dispatch: every
    function taking a matype (MA, BBANDS, MAVP, MACDEXT, STOCH, APO, PPO, ...) calls this.

    `out` is TA_MA's output, unstable periods included: with TA-Lib's unstable period set for the
    type's id, each run's first values are NaN as in TA-Lib (so a later stage that reads `out` is
    seeded where TA-Lib seeds it; no hide_first after this)."""
    if (period == 1 and matype != MAMA) or matype == DISABLED:  # no smoothing, as TA-Lib
        out[...] = np.where(np.isfinite(x), x, np.nan)
        return
    if matype == DEFAULT:
        matype = 0
    key = MA_KERNELS.get(matype)
    if key is None:
        raise ValueError(f"matype {matype} ({MA_NAMES.get(matype, '?')}) is not computed by fastind yet")
    if matype == HMA:
        from ._compose.overlap import hma_into

        hma_into(be, t, x, period, out)
        return
    kernel = be.kernels[t][key]
    if matype == T3:
        kernel(x, period, 0.7, out)
    elif matype == MAMA:  # the MAMA line at TA-Lib's MA defaults (fastlimit 0.5, slowlimit 0.05)
        from ._compose.hilbert import mama_line

        mama_line(be, t, x, out)
    elif matype == DEMA or matype == TEMA:
        kernel(x, period, unstable("EMA"), out)
    else:
        kernel(x, period, out)
    if matype in MA_UNSTABLE:
        hide_first(out, unstable(MA_UNSTABLE[matype]), be)


def bbands(be, t, arrays, params, outs):
    """BBANDS: with an SMA middle, all three lines from one pass over x (the window mean of that
    pass); otherwise the MA of `matype`, then the bands around it."""
    period, up, dn, matype = params
    x = arrays[0]
    upper, middle, lower = outs
    if matype == 0:
        be.kernels[t]["moving.bollinger_mean"](x, period, up, dn, upper, middle, lower)
        return
    moving_average(be, t, x, period, matype, middle)
    be.kernels[t]["moving.bollinger"](x, middle, period, up, dn, upper, lower)
    if matype == DISABLED:  # the middle (x itself) shows from the bands' first bar, as TA-Lib's
        middle[np.isnan(upper)] = np.nan


def bbands_stacked(be, t, arrays, params, block):
    """bbands into one block of the three lines (see fastind._inputs.fresh_plain_py)."""
    if params[3] == 0:
        be.kernels[t]["moving.bollinger_mean_stacked"](*arrays, *params[:3], block)
        return
    rows = len(block) // 3
    bbands(be, t, arrays, params, (block[:rows], block[rows:2 * rows], block[2 * rows:]))


def minmax(be, t, arrays, params, outs):
    """TA-Lib's MINMAX: (min, max); the kernel writes (max, min)."""
    be.kernels[t]["extrema.rolling_minmax"](arrays[0], *params, outs[1], outs[0])


def channel(be, t, arrays, params, outs):
    """The channel of two series: the max of the first, the min of the second."""
    period, = params
    kernels = be.kernels[t]
    kernels["extrema.rolling_max"](arrays[0], period, outs[0])
    kernels["extrema.rolling_min"](arrays[1], period, outs[1])


def hide_first(values, count, be=None):
    """NaN over the first `count` values of each run of non-NaN values, row by row: what TA-Lib's
    unstable period does to a stage whose output a later stage reads (the later stage then starts
    `count` bars later, so its values change, not only where they show). During a stream step
    (`be` a fastind._streaming.StreamBackend) the runs continue those of earlier steps."""
    if count <= 0:
        return
    if hide_run_start(be, values, ~np.isnan(values), count):
        return
    for row in values.reshape(-1, values.shape[-1]):
        for start, end in valid_runs(row):
            row[start:min(start + count, end)] = np.nan


def macd(be, t, arrays, params, outs):
    """MACD: one kernel pass; with an EMA unstable period u, the line's first u values are hidden
    before its signal EMA is seeded (TA-Lib seeds the signal u bars later then)."""
    kernels = be.kernels[t]
    u = unstable("EMA")
    if u == 0:
        kernels["momentum.macd"](*arrays, *params, *outs)
        return
    fast, slow, signal = params
    line, sig, hist = outs
    kernels["momentum.macd"](arrays[0], fast, slow, 1, line, sig, hist)  # the line alone
    hide_first(line, u, be)
    kernels["moving.ema"](line, signal, sig)
    hide_first(sig, u, be)
    np.subtract(line, sig, out=hist)


def macd_periods(fast, slow, signal):
    """MACD swaps fast and slow given the wrong way round, as TA-Lib."""
    return (slow, fast, signal) if slow < fast else (fast, slow, signal)


def stddev_args(period, nbdev):
    return period, nbdev, True


def var_args(period):
    return period, 1.0, False
