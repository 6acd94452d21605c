"""Volatility compositions: the kernels that need a double scratch array (CVI, MASSI) and RVI (the rolling standard deviation, then its smoothed legs)."""
import numpy as np

from .._settings import unstable


def _in_double(compute, be, t, arrays, params, outs):
    """float32: the whole computation in double on the widened inputs, rounded once at the end
    (a float32 intermediate would cost the result many float32 ulps)."""
    result = np.empty(outs[0].shape, np.float64)
    compute(be, "d", tuple(a.astype(np.float64) for a in arrays), params, (result,))
    outs[0][...] = result


def cvi(be, t, arrays, params, outs):
    period, roc = params
    ema = np.empty(outs[0].shape, np.float64)
    be.kernels[t]["ranges.cvi"](*arrays, period, roc, ema, outs[0])


def massi(be, t, arrays, params, outs):
    """MASSI: TA-Lib seeds its second EMA at the first EMA's lookback, unstable period included,
    so that period is passed to the kernel (it moves the values, not only where they show)."""
    fast, slow = params
    ratio = np.empty(outs[0].shape, np.float64)
    be.kernels[t]["ranges.massi"](*arrays, fast, slow, unstable("EMA"), ratio, outs[0])


def rvi(be, t, arrays, params, outs):
    """RVI: the population standard deviation over `stddev` bars (the moments kernel, double),
    then the up and down legs smoothed over `period` bars."""
    if t != "d":
        _in_double(rvi, be, t, arrays, params, outs)
        return
    period, stddev = params
    x = arrays[0]
    std = np.empty(outs[0].shape, np.float64)
    kernels = be.kernels[t]
    kernels["moving.moments"](x, stddev, 1.0, True, std)
    kernels["ranges.rvi"](x, std, period, outs[0])
