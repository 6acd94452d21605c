"""Statistic compositions: PERCENTILE and PERCENTRANK (the sorted-window scratch array their
kernels keep the window in), LINEARREG_ANGLE (the slope kernel, then its angle)."""
import math

import numpy as np


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
    angle's (float32: from the double slope, rounded once)."""
    period, = params
    if t != "d":
        result = np.empty(outs[0].shape, np.float64)
        linearreg_angle(be, "d", (arrays[0].astype(np.float64),), params, (result,))
        outs[0][...] = result
        return
    slope = np.empty_like(outs[0])
    kernels = be.kernels["d"]
    kernels["statistic.linearreg_slope"](arrays[0], period, slope)
    kernels["statistic.slope_angle"](slope, outs[0])
