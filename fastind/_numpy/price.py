"""AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE, Heikin-Ashi and AVGDEV, vectorized (NumPy backend)."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import linear_filter, nan_array, per_run


def _finite(values, out):
    with np.errstate(invalid="ignore", over="ignore"):
        out[...] = np.where(np.isfinite(values), values, np.nan)


def avgprice(open_, high, low, close, out):
    with np.errstate(invalid="ignore", over="ignore"):
        o, h, lo, c = (a.astype(np.float64) for a in (open_, high, low, close))
        _finite((((h + lo) + c) + o) * 0.25, out)


def medprice(high, low, out):
    with np.errstate(invalid="ignore", over="ignore"):
        _finite((high.astype(np.float64) + low) * 0.5, out)


def typprice(high, low, close, out):
    with np.errstate(invalid="ignore", over="ignore"):
        _finite(((high.astype(np.float64) + low) + close) / 3.0, out)


def wclprice(high, low, close, out):
    with np.errstate(invalid="ignore", over="ignore"):
        _finite(((high.astype(np.float64) + low) + close.astype(np.float64) * 2.0) * 0.25, out)


def _heikin_ashi(o, h, lo, c):
    ha_close = (((o + h) + lo) + c) * 0.25
    ha_open = np.empty_like(ha_close)
    if ha_close.shape[0]:
        ha_open[0] = (o[0] + c[0]) * 0.5
        # open[t] = open[t-1]/2 + close[t-1]/2: a linear filter of the closes
        ha_open[1:] = linear_filter(0.5 * ha_close[:-1], 0.5, ha_open[0])
    ha_high = np.maximum(np.maximum(h, ha_open), ha_close)
    ha_low = np.minimum(np.minimum(lo, ha_open), ha_close)
    return ha_open, ha_high, ha_low, ha_close


def heikin_ashi(open_, high, low, close, ha_open, ha_high, ha_low, ha_close):
    per_run(_heikin_ashi, (open_, high, low, close), (ha_open, ha_high, ha_low, ha_close))


def _avgdev(x, period):
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        windows = sliding_window_view(x, period)
        chunk = max(1, (1 << 22) // period)
        res = out[period - 1:]
        for start in range(0, windows.shape[0], chunk):
            w = windows[start:start + chunk]
            res[start:start + chunk] = np.abs(w - w.mean(axis=1, keepdims=True)).mean(axis=1)
    return out


def avgdev(x, period, out):
    per_run(lambda v: _avgdev(v, period), (x,), (out,))
