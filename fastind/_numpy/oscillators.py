"""BOP, ROCP/ROCR/ROCR100, QSTICK, AO, AC, fixed-k MACD, CMO, CMOU, COPPOCK's ROC sum, DPO, ER,
ERI, IMI, MFI, TRIX, TSI, WAD, vectorized (NumPy backend): window sums from compensated prefix sums,
EMAs and Wilder's smoothing as blocked linear filters, each run of finite bars on its own."""
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


def _ema_beta(values, period):
    """EMA with TA-Lib's ERI/TSI factors (beta = (p-1)/(p+1), k = 1 - beta), seeded by the mean of
    the first `period` values; from index period-1."""
    beta = (period - 1.0) / (period + 1.0)
    k = 1.0 - beta
    if beta < 0.5:
        beta = 1.0 - k
    seed = values[:period].sum() / period
    return np.concatenate(([seed], linear_filter(k * values[period:], beta, seed)))


def cmo(x, period, out):
    """Wilder's smoothing of gains and losses as a linear filter over the run."""
    from .momentum import _wilder

    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > period:
            d = np.diff(v)
            g = _wilder(np.maximum(d, 0.0), period)
            lo = _wilder(np.maximum(-d, 0.0), period)
            s = g + lo
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period:] = np.where(s != 0.0, 100.0 * ((g - lo) / s), 0.0)
        return res

    per_run(run, (x,), (out,))


def cmou(x, period, out):
    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > period:
            d = np.diff(v)
            up = window_sums(np.maximum(d, 0.0), period)
            dn = window_sums(np.maximum(-d, 0.0), period)
            moves = window_sums((d != 0.0).astype(np.float64), period)
            s = up + dn
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period:] = np.where((moves > 0.5) & (s != 0.0), 100.0 * (up - dn) / s, 0.0)
        return res

    per_run(run, (x,), (out,))


def dpo(x, period, out):
    shift = period // 2 + 1
    lookback = max(period - 1, shift)

    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > lookback:
            mean = _window_mean(v, period)[lookback - period + 1:]
            res[lookback:] = v[lookback - shift:v.shape[0] - shift] - mean
        return res

    per_run(run, (x,), (out,))


def er(x, period, out):
    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > period:
            total = window_sums(np.abs(np.diff(v)), period)
            net = v[period:] - v[:-period]
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period:] = np.where((total <= 0.0) | (total <= net), 1.0, np.abs(net / total))
        return res

    per_run(run, (x,), (out,))


def roc_sum(x, p1, p2, out):
    longest = max(p1, p2)

    def roc(now, then):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(then != 0.0, (now / then - 1.0) * 100.0, 0.0)

    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > longest:
            now = v[longest:]
            res[longest:] = (roc(now, v[longest - p1:v.shape[0] - p1])
                             + roc(now, v[longest - p2:v.shape[0] - p2]))
        return res

    per_run(run, (x,), (out,))


def eri(high, low, close, period, bull, bear):
    def run(h, lo, c):
        n = c.shape[0]
        b, e = nan_array(n), nan_array(n)
        if n >= period:
            ema = c if period == 1 else np.concatenate((nan_array(period - 1),
                                                        _ema_beta(c, period)))
            b[period - 1:] = h[period - 1:] - ema[period - 1:]
            e[period - 1:] = lo[period - 1:] - ema[period - 1:]
        return b, e

    per_run(run, (high, low, close), (bull, bear))


def imi(open_, close, period, out):
    def run(o, c):
        res = nan_array(c.shape[0])
        if c.shape[0] >= period:
            up = window_sums(np.where(c > o, c - o, 0.0), period)
            dn = window_sums(np.where(o > c, o - c, 0.0), period)
            s = up + dn
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period - 1:] = np.where(s != 0.0, 100.0 * (up / s), 50.0)
        return res

    per_run(run, (open_, close), (out,))


def mfi(high, low, close, volume, period, out, flows_scratch):
    """Window sums of the money flows (the compiled kernels' scratch is not used)."""
    def run(h, lo, c, vol):
        res = nan_array(c.shape[0])
        if c.shape[0] > period:
            tp = (h + lo + c) / 3.0
            move = np.diff(tp)
            scale = np.abs(tp[1:]) + np.abs(tp[:-1])
            money = np.where(np.abs(move) <= 1e-14 * scale, 0.0, tp[1:] * vol[1:])
            pos = window_sums(np.where(move < 0.0, 0.0, money), period)
            neg = window_sums(np.where(move < 0.0, money, 0.0), period)
            s = pos + neg
            p = np.minimum(np.maximum(pos, 0.0), s)
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period:] = np.where(s <= 0.0, 0.0, 100.0 * (p / s))
        return res

    per_run(run, (high, low, close, volume), (out,))


def tsi(x, first, second, lead, out):
    """Two EMA stages as linear filters over the run's changes."""
    start = first - 1 + lead

    def run(v):
        res = nan_array(v.shape[0])
        lookback = 1 + start + second - 1
        if v.shape[0] > lookback:
            m = np.diff(v)
            num = _ema_beta(_ema_beta(m, first)[lead:], second)
            den = _ema_beta(_ema_beta(np.abs(m), first)[lead:], second)
            with np.errstate(divide="ignore", invalid="ignore"):
                res[lookback:] = np.where(den > 0.0, 100.0 * num / den, 0.0)
        return res

    per_run(run, (x,), (out,))


def wad(high, low, close, out):
    def run(h, lo, c):
        res = np.zeros(c.shape[0])
        if c.shape[0] > 1:
            prev, now = c[:-1], c[1:]
            term = np.where(now > prev, now - np.minimum(prev, lo[1:]),
                            np.where(now < prev, now - np.maximum(prev, h[1:]), 0.0))
            res[1:] = np.cumsum(term)
        return res

    per_run(run, (high, low, close), (out,))


def trix(x, period, lead, out):
    """Three EMAs as linear filters, each on the previous one's values from `lead` bars after its
    first (TA-Lib's unstable period), then the 1-bar rate of change."""
    from .moving import _ema_from

    k = 2.0 / (period + 1)
    vis = period - 1 + lead

    def run(v):
        res = nan_array(v.shape[0])
        e = v
        for _ in range(3):
            if e.shape[0] <= vis:
                return res
            e = _ema_from(e, period, k)[vis:]
        if e.shape[0] > 1:
            before, now = e[:-1], e[1:]
            with np.errstate(divide="ignore", invalid="ignore"):
                res[v.shape[0] - now.shape[0]:] = np.where(before != 0.0,
                                                           (now / before - 1.0) * 100.0, 0.0)
        return res

    per_run(run, (x,), (out,))
