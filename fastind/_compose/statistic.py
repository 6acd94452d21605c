"""Statistic compositions: PERCENTILE and PERCENTRANK (the sorted-window scratch array their
kernels keep the window in), LINEARREG_ANGLE (the slope kernel, then its angle)."""
import math

import numpy as np

from .ufuncs import COMPILED, inner_loop

_ATAN = inner_loop(np.arctan)  # numpy's atan loop for doubles: (address, data), or None


def percentile(be, t, arrays, params, outs):
    """PERCENTILE: nearest rank, rank = ceil(percentile * period / 100) (multiplied before the
    divide, as TA-Lib: 20 * 5 / 100 is exactly 1, 20 / 100 * 5 is not) clamped to 1..period."""
    period, pct = params
    rank = min(max(math.ceil(pct * period / 100.0), 1), period)
    window = np.empty(period, np.float64)
    be.kernels[t]["statistic.percentile"](arrays[0], period, rank, window, outs[0])


def percentrank(be, t, arrays, params, outs):
    period, = params
    window = np.empty(period, np.float64)
    be.kernels[t]["statistic.percentrank"](arrays[0], period, window, outs[0])


def linearreg_angle(be, t, arrays, params, outs):
    """LINEARREG_ANGLE = atan(slope) * 180 / pi, TA-Lib's degrees: the slope kernel, then the
    angle's (float32: from the double slope, rounded once). On a compiled backend the slopes are
    written into the output and made angles in place, by numpy's atan loop (ufunc_unary) and one
    multiply: no second array (a fresh array's first touch costs as much as the slope loop, and
    numpy's atan a third of libm's). A stream step and the numpy backend run the slope_angle
    kernel (libm's atan)."""
    period, = params
    if t != "d":
        result = np.empty(outs[0].shape, np.float64)
        linearreg_angle(be, "d", (arrays[0].astype(np.float64),), params, (result,))
        outs[0][...] = result
        return
    kernels = be.kernels["d"]
    if be.name in COMPILED and _ATAN is not None:
        out = outs[0]
        kernels["statistic.linearreg_slope"](arrays[0], period, out)
        kernels["elementwise.ufunc_unary"](out, out, _ATAN[0], _ATAN[1], False)
        np.multiply(out, 180.0 / 3.14159265358979323846, out=out)
        return
    slope = np.empty_like(outs[0])
    kernels["statistic.linearreg_slope"](arrays[0], period, slope)
    kernels["statistic.slope_angle"](slope, outs[0])
