"""Math Operators compositions: MAXINDEX, MININDEX, MINMAXINDEX.

The window's extreme comes first (the O(n) extrema kernels, into a scratch array of x's dtype),
then the index kernel finds where it is, with TA-Lib's tie rules (fastind/_kernels/operators.py).
"""
import numpy as np


def maxindex(be, t, arrays, params, outs):
    x = arrays[0]
    period, = params
    top = np.empty_like(x)
    kernels = be.kernels[t]
    kernels["extrema.rolling_max"](x, period, top)
    kernels["operators.extreme_index"](x, top, period, outs[0])


def minindex(be, t, arrays, params, outs):
    x = arrays[0]
    period, = params
    bottom = np.empty_like(x)
    kernels = be.kernels[t]
    kernels["extrema.rolling_min"](x, period, bottom)
    kernels["operators.extreme_index"](x, bottom, period, outs[0])


def minmaxindex(be, t, arrays, params, outs):
    """TA-Lib's MINMAXINDEX: (minidx, maxidx), both extremes from one pass over x."""
    x = arrays[0]
    period, = params
    top = np.empty_like(x)
    bottom = np.empty_like(x)
    kernels = be.kernels[t]
    kernels["extrema.rolling_minmax"](x, period, top, bottom)
    kernels["operators.extreme_indexes"](x, bottom, top, period, outs[0], outs[1])
