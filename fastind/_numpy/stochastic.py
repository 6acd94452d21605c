"""The stochastic family vectorized (NumPy backend): fast %K, WILLR, VHF, SMI's parts, AROON,
CCI, ULTOSC, VORTEX, FRACTAL. Window sums and extremes are sliding-window reductions; AROON's
indices come from argmax over reversed windows (the latest among ties)."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import nan_array, per_run
from .moving import _ema_from


def _run_length(x):
    """For each bar of the 2-D x, how many finite values end there (0 at a NaN or infinity)."""
    valid = np.isfinite(x)
    idx = np.broadcast_to(np.arange(x.shape[1]), x.shape)
    last_bad = np.maximum.accumulate(np.where(valid, -1, idx), axis=1)
    return np.where(valid, idx - last_bad, 0)


def _ready(x, hi, lo, need):
    return (_run_length(x) >= need) & np.isfinite(hi) & np.isfinite(lo)


def _range_position(high, low, close, period, mode, out):
    def run(h, lw, c):
        res = nan_array(h.shape[0])
        if h.shape[0] >= period:
            hh = sliding_window_view(h, period).max(axis=1)
            ll = sliding_window_view(lw, period).min(axis=1)
            d = hh - ll
            cc = c[period - 1:]
            with np.errstate(divide="ignore", invalid="ignore"):
                if mode == 0:
                    v = np.where(d != 0.0, (cc - ll) / (d / 100.0), 0.0)
                else:
                    v = np.clip(np.where(d != 0.0, (hh - cc) / (d / -100.0), 0.0), -100.0, 0.0)
            res[period - 1:] = v
        return res

    per_run(run, (high, low, close), (out,))


def fast_k(high, low, close, period, out, sv):
    _range_position(high, low, close, period, 0, out)


def willr(high, low, close, period, out, sv):
    _range_position(high, low, close, period, 1, out)


def vhf(x, hi, lo, period, out):
    def run(v):
        res = nan_array(v.shape[0])
        if v.shape[0] > period:
            moves = np.abs(np.diff(v))
            sums = sliding_window_view(moves, period).sum(axis=1)
            w = sliding_window_view(v[1:], period)
            rng = w.max(axis=1) - w.min(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period:] = np.where(sums > 0.0, rng / sums, 0.0)
        return res

    per_run(run, (x,), (out,))


def smi(close, hi, lo, period, fast, slow, signal, u, line, sig):
    """Each stage an EMA (blocked linear filter) of the previous one from where TA-Lib publishes
    it (u: the EMA unstable period)."""
    ok = _ready(close, hi, lo, period)
    h = hi.astype(np.float64)
    lw = lo.astype(np.float64)
    num = np.where(ok, close - (h + lw) * 0.5, np.nan)
    den = np.where(ok, h - lw, np.nan)

    def stage(x, p, skip):
        res = _ema_from(x, p, 2.0 / (p + 1))
        res[:p - 1 + skip] = np.nan
        return res

    def run(a, b):
        n = a.shape[0]
        out_line, out_sig = nan_array(n), nan_array(n)
        a1, b1 = stage(a, slow, u), stage(b, slow, u)
        start = slow - 1 + u
        if n <= start:
            return out_line, out_sig
        a2, b2 = stage(a1[start:], fast, u), stage(b1[start:], fast, u)
        start2 = fast - 1 + u
        if a2.shape[0] <= start2:
            return out_line, out_sig
        half = 0.5 * b2[start2:]
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.where(half > 0.0, 100.0 * a2[start2:] / half, 0.0)
        g = _ema_from(v, signal, 2.0 / (signal + 1))
        first = start + start2
        shown = ~np.isnan(g)
        out_line[first:] = np.where(shown, v, np.nan)
        out_sig[first:] = g
        return out_line, out_sig

    per_run(run, (num, den), (line, sig))


def _aroon_idx(high, low, period):
    """(bars since the latest highest high, bars since the latest lowest low) over period+1 bars,
    from bar `period` on."""
    wh = sliding_window_view(high, period + 1)[:, ::-1]
    wl = sliding_window_view(low, period + 1)[:, ::-1]
    return np.argmax(wh, axis=1), np.argmin(wl, axis=1)


def aroon(high, low, period, down, up, sv, si):
    def run(h, lo):
        n = h.shape[0]
        d, u = nan_array(n), nan_array(n)
        if n > period:
            since_h, since_l = _aroon_idx(h, lo, period)
            factor = 100.0 / period
            u[period:] = factor * (period - since_h)
            d[period:] = factor * (period - since_l)
        return d, u

    per_run(run, (high, low), (down, up))


def aroonosc(high, low, period, out, sv, si):
    def run(h, lo):
        n = h.shape[0]
        res = nan_array(n)
        if n > period:
            since_h, since_l = _aroon_idx(h, lo, period)
            res[period:] = (100.0 / period) * (since_l - since_h)
        return res

    per_run(run, (high, low), (out,))


def cci(high, low, close, period, out, ring):
    def run(h, lw, c):
        v = (h + lw + c) / 3.0
        res = nan_array(v.shape[0])
        if v.shape[0] >= period:
            w = sliding_window_view(v, period)
            mean = w.mean(axis=1)
            dev = np.abs(w - mean[:, None]).mean(axis=1)
            d = v[period - 1:] - mean
            with np.errstate(divide="ignore", invalid="ignore"):
                res[period - 1:] = np.where((d != 0.0) & (dev != 0.0), d / (0.015 * dev), 0.0)
        return res

    per_run(run, (high, low, close), (out,))


def _true_range(high, low, close):
    prev = close[:-1]
    h, lw = high[1:], low[1:]
    return np.maximum(np.maximum(h - lw, np.abs(prev - h)), np.abs(prev - lw))


def ultosc(high, low, close, period1, period2, period3, out, ring):
    periods = sorted((period1, period2, period3))

    def run(h, lw, c):
        n = h.shape[0]
        res = nan_array(n)
        longest = periods[2]
        if n > longest:
            bp = c[1:] - np.minimum(lw[1:], c[:-1])
            tr = _true_range(h, lw, c)
            total = np.zeros(n - longest)
            for weight, p in zip((4.0, 2.0, 1.0), periods):
                a = sliding_window_view(bp, p).sum(axis=1)[longest - p:]
                b = sliding_window_view(tr, p).sum(axis=1)[longest - p:]
                with np.errstate(divide="ignore", invalid="ignore"):
                    total += np.where(b != 0.0, weight * (a / b), 0.0)
            res[longest:] = 100.0 * (total / 7.0)
        return res

    per_run(run, (high, low, close), (out,))


def vortex(high, low, close, period, plus, minus, ring):
    def run(h, lw, c):
        n = h.shape[0]
        p, m = nan_array(n), nan_array(n)
        if n > period:
            up = sliding_window_view(np.abs(h[1:] - lw[:-1]), period).sum(axis=1)
            dn = sliding_window_view(np.abs(lw[1:] - h[:-1]), period).sum(axis=1)
            tr = sliding_window_view(_true_range(h, lw, c), period).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                p[period:] = np.where(tr != 0.0, up / tr, 0.0)
                m[period:] = np.where(tr != 0.0, dn / tr, 0.0)
        return p, m

    per_run(run, (high, low, close), (plus, minus))


def fractal(high, low, left, right, swinghigh, swinglow):
    span = left + right + 1

    def run(h, lw):
        n = h.shape[0]
        sh = np.zeros(n, np.int32)
        sl = np.zeros(n, np.int32)
        if n >= span:
            wh = sliding_window_view(h, span)
            wl = sliding_window_view(lw, span)
            centre_h = wh[:, left]
            centre_l = wl[:, left]
            others = np.r_[0:left, left + 1:span]
            sh[span - 1:] = np.where((wh[:, others] < centre_h[:, None]).all(axis=1), 100, 0)
            sl[span - 1:] = np.where((wl[:, others] > centre_l[:, None]).all(axis=1), 100, 0)
        return sh, sl

    per_run(run, (high, low), (swinghigh, swinglow), fill=0)


def kdj_j(k, d, j):
    j[...] = 3.0 * k.astype(np.float64) - 2.0 * d.astype(np.float64)


def masked_by(line, later, out):
    """out = line where `later` is a number, NaN where it is NaN."""
    out[...] = np.where(np.isnan(later), np.nan, line)
