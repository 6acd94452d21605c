"""Synthetic market inputs: a geometric random walk with high/low around it and volume.

Deterministic (fixed seed) and cached per (rows, size, dtype); arrays come back read-only because
every suite shares them.
"""
import functools

import numpy as np

SEED = 20240607
# per-bar log-return scale: small enough that a 10M-bar walk stays within a few e-folds of its
# start, so float32 keeps its relative precision and ROC never divides by a vanishing price
_VOL = 0.001
FIELDS = ("open", "close", "high", "low", "volume", "unit", "signed", "periods")


@functools.lru_cache(maxsize=6)
def _generate(rows, n, dtype_name):
    if dtype_name != "float64":
        # convert from the float64 walk, so both dtypes see the same prices
        return {k: _readonly(v.astype(dtype_name)) for k, v in _generate(rows, n, "float64").items()}
    rng = np.random.default_rng(SEED)
    close = 100.0 * np.exp(np.cumsum(rng.standard_normal((rows, n)) * _VOL, axis=1))
    spread = np.abs(rng.standard_normal((rows, n))) * (_VOL * close)
    high = close + spread
    low = close - spread * rng.random((rows, n))
    volume = np.floor(rng.lognormal(10.0, 1.0, (rows, n)))
    open_ = np.concatenate((close[:, :1], close[:, :-1]), axis=1) if n else close.copy()
    high = np.maximum(high, open_)
    low = np.minimum(low, open_)
    # the inputs of functions with a domain: values in [-1, 1] (ACOS/ASIN), signed ones, and MAVP's
    # per-bar periods
    signed = close - 100.0
    unit = np.tanh(signed / 10.0)
    periods = (2 + np.arange(n) % 29).astype(np.float64) * np.ones((rows, 1))
    return {"open": _readonly(open_), "close": _readonly(close), "high": _readonly(high),
            "low": _readonly(low), "volume": _readonly(volume), "unit": _readonly(unit),
            "signed": _readonly(signed), "periods": _readonly(periods)}


def _readonly(arr):
    arr.flags.writeable = False
    return arr


def market(n, dtype=np.float64):
    """{'open', 'close', 'high', 'low', 'volume', 'unit', 'signed', 'periods'}: 1-D arrays of n
    bars in `dtype`."""
    return {k: v[0] for k, v in _generate(1, int(n), np.dtype(dtype).name).items()}


def shifted_market(n, dtype=np.float64):
    """As market(), another series of the same size (its own memory), for a second thread."""
    return {k: v[1] for k, v in _generate(2, int(n), np.dtype(dtype).name).items()}


def panel(rows, n, dtype=np.float64):
    """As market(), 2-D: `rows` independent series of n bars each, one per row."""
    return dict(_generate(int(rows), int(n), np.dtype(dtype).name))


def clear():
    """Drop cached inputs (the largest sizes hold hundreds of MB)."""
    _generate.cache_clear()
