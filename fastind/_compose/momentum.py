"""Momentum compositions: ADXR in double, the stochastics (fast %K, then moving averages of any MA
type through the one MA dispatch), and the functions whose kernels need a scratch array."""
import numpy as np

from .._compute import moving_average


def _in_double(compute, be, t, arrays, params, outs):
    """Runs `compute` in double and rounds each output once into the float32 `outs`."""
    results = tuple(np.empty(o.shape, np.float64) for o in outs)
    compute(be, "d", tuple(a.astype(np.float64) for a in arrays), params, results)
    for o, res in zip(outs, results):
        o[...] = res


def adxr(be, t, arrays, params, outs):
    """ADXR: ADX and its combination (ADX[t] + ADX[t-period+1]) / 2 in one kernel; float32 is
    computed in double and rounded once (the ADX values kept in float32 would add a rounding)."""
    if t != "d":
        _in_double(adxr, be, t, arrays, params, outs)
        return
    be.kernels[t]["directional.adxr"](*arrays, *params, *outs)
