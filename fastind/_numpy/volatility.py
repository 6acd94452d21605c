"""TRANGE and ATR, vectorized (NumPy backend)."""
import numpy as np

from ._runs import nan_array, per_run
from .momentum import _wilder


def _true_range(high, low, close):
    """True range from bar 1 on (len n-1)."""
    prev = close[:-1]
    h, lo = high[1:], low[1:]
    return np.maximum(h - lo, np.maximum(np.abs(prev - h), np.abs(prev - lo)))


def _trange(high, low, close):
    out = nan_array(high.shape[0])
    if high.shape[0] > 1:
        out[1:] = _true_range(high, low, close)
    return out


def _atr(high, low, close, period):
    out = nan_array(high.shape[0])
    if high.shape[0] > period:
        tr = _true_range(high, low, close)
        out[period:] = tr[period - 1:] if period == 1 else _wilder(tr, period)
    return out


def trange(high, low, close, out):
    per_run(_trange, (high, low, close), (out,))


def atr(high, low, close, period, out):
    per_run(lambda h, lo, c: _atr(h, lo, c, period), (high, low, close), (out,))
