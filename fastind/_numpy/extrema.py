"""Rolling MAX/MIN by a direct reduction over sliding windows (NumPy backend)."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import nan_array, per_run


def _extreme(x, period, sign):
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        windows = sliding_window_view(x, period)
        out[period - 1:] = windows.max(axis=1) if sign > 0 else windows.min(axis=1)
    return out


def rolling_max(x, period, out_max):
    per_run(lambda v: _extreme(v, period, 1), (x,), (out_max,))


def rolling_min(x, period, out_min):
    per_run(lambda v: _extreme(v, period, -1), (x,), (out_min,))


def rolling_minmax(x, period, out_max, out_min):
    rolling_max(x, period, out_max)
    rolling_min(x, period, out_min)
