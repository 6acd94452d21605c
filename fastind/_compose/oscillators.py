"""Oscillator compositions: AC (a scratch row), APO, PPO, MACDEXT (moving averages of any MA type
through the one MA dispatch), MACDFIX (the fixed-k MACD kernel).

Compositions that subtract two averages compute in double for float32 inputs: averages stored in
float32 would leave thousands of float32 ulps in their difference."""
import numpy as np

from .._numpy._runs import valid_runs
from .. import _compute
from .._compute import moving_average
from .._registry import lookbacks as lb
from .._settings import unstable
from .._streaming import hide_run_start

START_FREE = (lb.SMA, lb.WMA, lb.TRIMA)  # MA types whose values do not depend on where they start


def _in_double(compute, be, t, arrays, params, outs):
    """compute() on float64 copies of float32 inputs, each result rounded once into `outs`."""
    results = tuple(np.empty(o.shape, np.float64) for o in outs)
    compute(be, "d", tuple(a.astype(np.float64) for a in arrays), params, results)
    for o, res in zip(outs, results):
        o[...] = res


def finite_or_nan(x):
    """x with its infinities as NaN (both are gaps)."""
    return np.where(np.isfinite(x), x, np.nan)


def from_run_start(values, x, count, be=None):
    """NaN over values[start:start+count] for each run of finite bars of x, row by row: a stage
    that starts `count` bars into every run (TA-Lib's startIdx for that stage); during a stream
    step, runs that began in earlier steps count their earlier bars."""
    if count <= 0:
        return
    if hide_run_start(be, values, np.isfinite(x), count):
        return
    for r in range(x.shape[0]):
        for start, end in valid_runs(x[r]):
            values[r, start:min(start + count, end)] = np.nan


def ac(be, t, arrays, params, outs):
    """AC: one kernel pass; its AO values go through a scratch row for the signal window."""
    high = arrays[0]
    osc = np.empty((1, high.shape[1]), np.float64)
    be.kernels[t]["oscillators.ac"](*arrays, *params, *outs, osc)


def _po_type(matype):
    """APO/PPO read MA_Type DEFAULT (11) as their own default, EMA (TA_MA reads it as SMA)."""
    return lb.EMA if matype == lb.DEFAULT else matype


def _po_averages(be, t, x, fast, slow, matype, fast_out, slow_out):
    """The fast and the slow MA of x for APO/PPO: each over the whole run (TA-Lib's PO starts both
    at the data's start, unlike MACDEXT), the periods swapped when slow < fast."""
    if slow < fast:
        fast, slow = slow, fast
    matype = _po_type(matype)
    moving_average(be, t, x, fast, matype, fast_out)
    moving_average(be, t, x, slow, matype, slow_out)


def apo(be, t, arrays, params, outs):
    """APO = MA(fast) - MA(slow)."""
    if t != "d":
        return _in_double(apo, be, t, arrays, params, outs)
    fast, slow, matype = params
    fast_ma = np.empty_like(outs[0])
    slow_ma = np.empty_like(outs[0])
    _po_averages(be, t, arrays[0], fast, slow, matype, fast_ma, slow_ma)
    be.kernels[t]["elementwise.vec_sub"](fast_ma, slow_ma, outs[0])


def ppo(be, t, arrays, params, outs):
    """PPO = (MA(fast) - MA(slow)) / MA(slow) * 100, 0 where |MA(slow)| < 1e-14."""
    if t != "d":
        return _in_double(ppo, be, t, arrays, params, outs)
    fast, slow, matype = params
    fast_ma = np.empty_like(outs[0])
    slow_ma = np.empty_like(outs[0])
    _po_averages(be, t, arrays[0], fast, slow, matype, fast_ma, slow_ma)
    be.kernels[t]["flows.percent_oscillator"](fast_ma, slow_ma, outs[0])


def _macdext_type(matype):
    return lb.SMA if matype == lb.DEFAULT else matype  # MACDEXT's own default is SMA


def macdext(be, t, arrays, params, outs):
    """MACDEXT: line = MA_fast - MA_slow, signal = MA_signal(line), hist = line - signal, each MA
    of its own type. As TA-Lib: periods (with their types) swapped when slow < fast; both MAs
    start so that they give their first value on the same bar, `largest` (the larger of their
    lookbacks; an EMA-like MA started later has other values); the signal starts on the line's
    first value; all three EMAs with periods >= 2 are MACD's single pass."""
    if t != "d":
        return _in_double(macdext, be, t, arrays, params, outs)
    fast, ftype, slow, stype, signal, gtype = params
    ftype, stype, gtype = _macdext_type(ftype), _macdext_type(stype), _macdext_type(gtype)
    if slow < fast:
        fast, ftype, slow, stype = slow, stype, fast, ftype
    if ftype == stype == gtype == lb.EMA and fast >= 2 and signal >= 2:
        return _compute.macd(be, t, arrays, _compute.macd_periods(fast, slow, signal), outs)
    x = arrays[0]
    line, sig, hist = outs
    lb_fast, lb_slow = lb.ma(fast, ftype), lb.ma(slow, stype)
    largest = max(lb_fast, lb_slow)
    fast_ma = np.empty_like(line)
    slow_ma = np.empty_like(line)
    for period, matype, lookback, out in ((fast, ftype, lb_fast, fast_ma),
                                          (slow, stype, lb_slow, slow_ma)):
        source = x
        if lookback < largest and matype not in START_FREE and period > 1:
            source = finite_or_nan(x)
            from_run_start(source, x, largest - lookback, be)
        moving_average(be, t, source, period, matype, out)
    # each stage into an array of its own, through kernels: a stream runs them as a chain
    kernels = be.kernels[t]
    raw = np.empty_like(line)
    kernels["elementwise.vec_sub"](fast_ma, slow_ma, raw)
    if any(unstable(i) for i in ("EMA", "KAMA", "MAMA", "T3", "RMA")):
        from_run_start(raw, x, largest, be)  # the MAs' values show later, the signal starts there
    moving_average(be, t, raw, signal, gtype, sig)
    # the three outputs start together, with the signal
    kernels["stochastic.masked_by"](raw, sig, line)
    kernels["elementwise.vec_sub"](line, sig, hist)


def macdfix(be, t, arrays, params, outs):
    """MACDFIX: MACD 12/26 with TA-Lib's fixed factors k = 0.15 and 0.075 (not 2/(n+1)); the
    signal an EMA of `signal`, seeded `unstable('EMA')` bars after the line's first value."""
    signal, = params
    be.kernels[t]["oscillators.macd_k"](arrays[0], 12, 26, signal, unstable("EMA"), 0.15, 0.075,
                                        *outs)


def coppock(be, t, arrays, params, outs):
    """COPPOCK = WMA(ROC(x, roc1) + ROC(x, roc2), wma): the sum in one pass, then the WMA."""
    if t != "d":
        return _in_double(coppock, be, t, arrays, params, outs)
    wma_period, roc1, roc2 = params
    summed = np.empty_like(outs[0])
    be.kernels[t]["oscillators.roc_sum"](arrays[0], roc1, roc2, summed)
    moving_average(be, t, summed, wma_period, lb.WMA, outs[0])


def trix(be, t, arrays, params, outs):
    """TRIX = ROC(EMA(EMA(EMA(x))), 1): one kernel pass (each stage seeded after the previous
    one's unstable period, as TA-Lib's nested calls); period 1 (EMA(1) is a copy) through the
    MA dispatch."""
    period, = params
    if period >= 2:
        be.kernels[t]["oscillators.trix"](arrays[0], period, unstable("EMA"), outs[0])
        return
    if t != "d":
        return _in_double(trix, be, t, arrays, params, outs)
    out = outs[0]
    a = np.empty_like(out)
    moving_average(be, t, arrays[0], period, lb.EMA, a)
    moving_average(be, t, a, period, lb.EMA, out)
    moving_average(be, t, out, period, lb.EMA, a)
    be.kernels[t]["momentum.roc"](a, 1, out)


def mfi(be, t, arrays, params, outs):
    """MFI: one kernel pass; each bar's money flows go through a (2, n) scratch for the window."""
    flows = np.empty((2, arrays[0].shape[1]), np.float64)
    be.kernels[t]["oscillators.mfi"](*arrays, *params, *outs, flows)


def tsi(be, t, arrays, params, outs):
    """TSI: one kernel pass; TA-Lib's EMA unstable period starts the second smoothing later."""
    first, second = params
    be.kernels[t]["oscillators.tsi"](arrays[0], first, second, unstable("EMA"), outs[0])
