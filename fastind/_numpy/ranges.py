"""The volatility family (ranges), vectorized (NumPy backend): window sums and blocked linear
filters. The scratch arrays the loop kernels take are accepted and not used."""
import numpy as np

from .volatility import atr
from ._runs import linear_filter, nan_array, per_run, valid_runs, window_sums


def _adr(h, lo, period):
    out = nan_array(h.shape[0])
    if h.shape[0] >= period:
        out[period - 1:] = window_sums(h - lo, period) / period
    return out


def adr(high, low, period, out):
    per_run(lambda h, lo: _adr(h, lo, period), (high, low), (out,))


def _ema(values, period):
    """EMA(period) from index period-1 of `values` (len - period + 1 values), seeded by the mean
    of the first `period`, beta = (period-1)/(period+1)."""
    beta = (period - 1.0) / (period + 1.0)
    k = 1.0 - beta
    seed = values[:period].sum() / period
    return np.concatenate(([seed], linear_filter(k * values[period:], 1.0 - k, seed)))


def _cvi(h, lo, period, roc):
    out = nan_array(h.shape[0])
    first = period - 1 + roc
    if h.shape[0] > first:
        e = _ema(h - lo, period)
        now, lag = e[roc:], e[:-roc]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[first:] = np.where(lag != 0.0, 100.0 * ((now - lag) / np.where(lag != 0.0, lag, 1.0)),
                                   0.0)
    return out


def cvi(high, low, period, roc, ema, out):
    per_run(lambda h, lo: _cvi(h, lo, period, roc), (high, low), (out,))


def _massi(h, lo, fast, slow, skip):
    out = nan_array(h.shape[0])
    lbe = fast - 1 + skip
    last = 2 * lbe + slow - 1
    if h.shape[0] > last:
        e1 = _ema(h - lo, fast)  # from index fast - 1
        e1_from_lbe = e1[lbe - (fast - 1):]
        e2 = _ema(e1_from_lbe, fast)  # from index lbe + fast - 1
        e1_aligned = e1_from_lbe[fast - 1:]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(e2 == 0.0, 1.0, e1_aligned / np.where(e2 == 0.0, 1.0, e2))
        ratio = ratio[2 * lbe - (lbe + fast - 1):]  # from index 2 * lbe
        out[last:] = window_sums(ratio, slow)
    return out


def massi(high, low, fast, slow, skip, ratio, out):
    per_run(lambda h, lo: _massi(h, lo, fast, slow, skip), (high, low), (out,))


def natr(high, low, close, period, out):
    """The ATR of the volatility family's NumPy version, then the scaling (period 1: TRANGE)."""
    result = np.empty(out.shape, np.float64)  # in double, rounded once
    atr(high, low, close, period, result)
    if period > 1:
        natr_scale(close, result)
    out[...] = result


def natr_scale(close, out):
    c = close.astype(np.float64)
    a = out.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = np.where(c == 0.0, 0.0, (a / np.where(c == 0.0, 1.0, c)) * 100.0)
    res[~(np.isfinite(a) & np.isfinite(c))] = np.nan
    out[...] = res


def _legs(values, period):
    """Wilder smoothing from index period-1 (seed: the mean of the first `period`)."""
    beta = (period - 1.0) / period
    seed = values[:period].sum() / period
    return np.concatenate(([seed], linear_filter((1.0 - beta) * values[period:], beta, seed)))


def _rvi(x, std, period):
    out = nan_array(x.shape[0])
    valid = np.flatnonzero(np.isfinite(std))
    if valid.size >= period:
        start = valid[0]
        sigma = std[start:]
        delta = x[start:] - x[start - 1:-1]
        up = _legs(np.where(delta > 0.0, sigma, 0.0), period)
        dn = _legs(np.where(delta < 0.0, sigma, 0.0), period)
        total = up + dn
        with np.errstate(divide="ignore", invalid="ignore"):
            out[start + period - 1:] = np.where(total == 0.0, 50.0, 100.0 * (up / total))
    return out


def rvi(x, std, period, out):
    """Runs of x (std is NaN over its own lookback inside them, which _rvi skips)."""
    for r in range(x.shape[0]):
        out[r] = np.nan
        for start, end in valid_runs(x[r]):
            out[r, start:end] = _rvi(x[r, start:end].astype(np.float64),
                                     std[r, start:end].astype(np.float64), period)
