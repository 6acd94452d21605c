"""BOP, ROCP/ROCR/ROCR100, QSTICK, AO, AC, fixed-k MACD, vectorized (NumPy backend)."""
import numpy as np

from ._runs import linear_filter, nan_array, per_run, window_sums


def bop(open_, high, low, close, out):
    def run(o, h, lo, c):
        rng = h - lo
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(rng > 0.0, (c - o) / np.where(rng > 0.0, rng, 1.0), 0.0)

    per_run(run, (open_, high, low, close), (out,))


def _lagged_ratio(op):
    def compute(x, period, out):
        def run(v):
            res = nan_array(v.shape[0])
            if v.shape[0] > period:
                now, then = v[period:], v[:-period]
                safe = np.where(then == 0.0, 1.0, then)
                res[period:] = np.where(then == 0.0, 0.0, op(now, safe))
            return res

        per_run(run, (x,), (out,))

    return compute


rocp = _lagged_ratio(lambda now, then: (now - then) / then)
rocr = _lagged_ratio(lambda now, then: now / then)
rocr100 = _lagged_ratio(lambda now, then: (now / then) * 100.0)


def _window_mean(values, period):
    """The mean of each `period`-window, from index period-1 (len(values) - period + 1 of them)."""
    return window_sums(values, period) / period


def qstick(open_, close, period, out):
    def run(o, c):
        res = nan_array(c.shape[0])
        if c.shape[0] >= period:
            res[period - 1:] = _window_mean(c - o, period)
        return res

    per_run(run, (open_, close), (out,))


def _ao(h, lo, fast, slow):
    """AO from index max(fast, slow) - 1 (a shorter array), or None when the run is too short."""
    longest = max(fast, slow)
    if h.shape[0] < longest:
        return None
    m = (h + lo) / 2.0
    return _window_mean(m, fast)[longest - fast:] - _window_mean(m, slow)[longest - slow:]


def ao(high, low, fast, slow, out):
    def run(h, lo):
        res = nan_array(h.shape[0])
        osc = _ao(h, lo, fast, slow)
        if osc is not None:
            res[max(fast, slow) - 1:] = osc
        return res

    per_run(run, (high, low), (out,))


def ac(high, low, fast, slow, signal, out, osc_scratch):
    """AC = AO - SMA(AO, signal) (the scratch array of the compiled kernels is not used)."""
    def run(h, lo):
        res = nan_array(h.shape[0])
        osc = _ao(h, lo, fast, slow)
        if osc is not None and osc.shape[0] >= signal:
            res[max(fast, slow) + signal - 2:] = osc[signal - 1:] - _window_mean(osc, signal)
        return res

    per_run(run, (high, low), (out,))


def _ema_seeded(values, period, k):
    """EMA with factor k seeded by the mean of the first `period` values, from index period-1."""
    seed = values[:period].sum() / period
    return np.concatenate(([seed], linear_filter(k * values[period:], 1.0 - k, seed)))


def macd_k(x, fast, slow, signal, lead, kf, ks, out_macd, out_signal, out_hist):
    """MACD with given factors for the two price EMAs (see the compiled kernel)."""
    def run(v):
        n = v.shape[0]
        m_out, s_out, h_out = nan_array(n), nan_array(n), nan_array(n)
        first = slow - 1 + lead + signal - 1
        if n > first:
            slow_ema = _ema_seeded(v, slow, ks)
            fast_ema = _ema_seeded(v[slow - fast:], fast, kf)
            line = (fast_ema - slow_ema)[lead:]
            sig = _ema_seeded(line, signal, 2.0 / (signal + 1))
            m_out[first:] = line[signal - 1:]
            s_out[first:] = sig
            h_out[first:] = m_out[first:] - sig
        return m_out, s_out, h_out

    per_run(run, (x,), (out_macd, out_signal, out_hist))
