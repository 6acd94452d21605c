"""SMA, EMA, WMA, VAR/STDDEV and band assembly, vectorized (NumPy backend)."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import linear_filter, nan_array, per_run, stacked, window_sums


def _sma(x, period):
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        out[period - 1:] = window_sums(x, period) / period
    return out


def _ema_from(x, period, k):
    """EMA seeded by the mean of the first `period` values (k given)."""
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        seed = x[:period].sum() / period
        out[period - 1] = seed
        out[period:] = linear_filter(k * x[period:], 1.0 - k, seed)
    return out


def _ema(x, period):
    return _ema_from(x, period, 2.0 / (period + 1))


def _wma(x, period):
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        weights = np.arange(period, 0, -1, dtype=np.float64)
        out[period - 1:] = np.convolve(x, weights, mode="valid") / (period * (period + 1) // 2)
    return out


def _var(x, period):
    """Population variance of each window, two-pass per window, in chunks to bound memory."""
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        windows = sliding_window_view(x, period)
        chunk = max(1, (1 << 22) // period)
        res = out[period - 1:]
        for start in range(0, windows.shape[0], chunk):
            res[start:start + chunk] = windows[start:start + chunk].var(axis=1)
    return out


def sma(x, period, out):
    per_run(lambda v: _sma(v, period), (x,), (out,))


def ema(x, period, out):
    per_run(lambda v: _ema(v, period), (x,), (out,))


def wma(x, period, out):
    per_run(lambda v: _wma(v, period), (x,), (out,))


def moments(x, period, nbdev, as_std, out):
    def run(v):
        var = _var(v, period)
        if not as_std:
            return var
        return np.sqrt(np.maximum(var, 0.0)) * nbdev

    per_run(run, (x,), (out,))


def bollinger(x, middle, period, nbdevup, nbdevdn, upper, lower):
    # the stddev in double: a float32 one rounded before the bands are formed costs digits
    # where a band nearly cancels (as the compiled kernels, which never store it)
    std = np.empty(x.shape)
    moments(x, period, 1.0, True, std)
    bands(middle, std, nbdevup, nbdevdn, upper, lower)


def bollinger_mean(x, period, nbdevup, nbdevdn, upper, middle, lower):
    # the middle in double too, as the compiled one-pass kernel forms it (`middle` may be float32)
    mean = np.empty(x.shape)
    sma(x, period, mean)
    bollinger(x, mean, period, nbdevup, nbdevdn, upper, lower)
    middle[...] = mean


def bands(middle, std, nbdevup, nbdevdn, upper, lower):
    m = middle.astype(np.float64)
    s = std.astype(np.float64)
    lower[...] = m - s * nbdevdn
    upper[...] = m + s * nbdevup


bollinger_mean_stacked = stacked(bollinger_mean)
