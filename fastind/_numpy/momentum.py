"""MOM, ROC, momentum signal, RSI, MACD, vectorized (NumPy backend)."""
import numpy as np

from ._runs import linear_filter, nan_array, per_run, stacked
from .moving import _ema_from


def _lagged(x, period, op):
    out = nan_array(x.shape[0])
    if x.shape[0] > period:
        out[period:] = op(x[period:], x[:-period])
    return out


def _roc(now, then):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(then != 0.0, (now / then - 1.0) * 100.0, 0.0)


def mom(x, period, out):
    per_run(lambda v: _lagged(v, period, np.subtract), (x,), (out,))


def roc(x, period, out):
    per_run(lambda v: _lagged(v, period, _roc), (x,), (out,))


def momentum_signal(x, period, out):
    def run(v):
        res = np.full(v.shape[0], -1, dtype=np.int8)
        if v.shape[0] > period:
            res[period:] = v[period:] > v[:-period]
        return res

    per_run(run, (x,), (out,), fill=-1)


def _wilder(values, period):
    """Wilder smoothing: mean of the first `period` values, then y = y*(period-1)/period + v/period.
    Returns the smoothed series from index period-1 of `values`."""
    seed = values[:period].sum() / period
    rest = linear_filter(values[period:] / period, (period - 1) / period, seed)
    return np.concatenate(([seed], rest))


def _rsi(x, period):
    out = nan_array(x.shape[0])
    if x.shape[0] > period:
        d = np.diff(x)
        gain = _wilder(np.where(d > 0.0, d, 0.0), period)
        loss = _wilder(np.where(d < 0.0, -d, 0.0), period)
        total = gain + loss
        with np.errstate(divide="ignore", invalid="ignore"):
            # flat prices (G+L == 0) give 0, as TA-Lib 0.8.2
            out[period:] = np.where(total == 0.0, 0.0, 100.0 * gain / total)
    return out


def rsi(x, period, out):
    per_run(lambda v: _rsi(v, period), (x,), (out,))


def _macd(x, fast, slow, signal):
    n = x.shape[0]
    m_out, s_out, h_out = nan_array(n), nan_array(n), nan_array(n)
    lookback = slow - 1 + signal - 1
    if n > lookback:
        # both EMAs start on bar slow-1; the fast one is seeded by the `fast` bars ending there
        slow_ema = _ema_from(x, slow, 2.0 / (slow + 1))[slow - 1:]
        fast_ema = _ema_from(x[slow - fast:], fast, 2.0 / (fast + 1))[fast - 1:]
        macd_line = fast_ema - slow_ema
        sig = _ema_from(macd_line, signal, 2.0 / (signal + 1))
        m_out[lookback:] = macd_line[signal - 1:]
        s_out[lookback:] = sig[signal - 1:]
        h_out[lookback:] = m_out[lookback:] - s_out[lookback:]
    return m_out, s_out, h_out


def macd(x, fast, slow, signal, out_macd, out_signal, out_hist):
    per_run(lambda v: _macd(v, fast, slow, signal), (x,), (out_macd, out_signal, out_hist))


macd_stacked = stacked(macd)
