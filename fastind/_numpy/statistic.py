"""The statistic family, vectorized (NumPy backend): every window computed two-pass from its own
values (sliding windows, in chunks), an exact oracle for the running sums of the loop kernels.
The scratch arrays the loop kernels take are accepted and not used."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import nan_array, per_run

CHUNK = 1 << 20  # window values per chunk


def _chunks(count, period):
    step = max(1, CHUNK // period)
    return range(0, count, step), step


def _returns(p):
    last = p[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(last != 0.0, (p[1:] - last) / np.where(last != 0.0, last, 1.0), 0.0)


def _beta(a, b, period):
    out = nan_array(a.shape[0])
    if a.shape[0] > period:
        x = sliding_window_view(_returns(a), period)
        y = sliding_window_view(_returns(b), period)
        res = out[period:]
        starts, step = _chunks(x.shape[0], period)
        for s in starts:
            xs, ys = x[s:s + step], y[s:s + step]
            dx = xs - xs.mean(axis=1, keepdims=True)
            dy = ys - ys.mean(axis=1, keepdims=True)
            sxx = (dx * dx).sum(axis=1)
            sxy = (dx * dy).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                res[s:s + step] = np.where(sxx != 0.0, sxy / np.where(sxx != 0.0, sxx, 1.0), 0.0)
    return out


def beta(x0, x1, period, out):
    per_run(lambda a, b: _beta(a, b, period), (x0, x1), (out,))


def _correl(a, b, period):
    out = nan_array(a.shape[0])
    if a.shape[0] >= period:
        x = sliding_window_view(a, period)
        y = sliding_window_view(b, period)
        res = out[period - 1:]
        starts, step = _chunks(x.shape[0], period)
        for s in starts:
            xs, ys = x[s:s + step], y[s:s + step]
            # deviations from a value of the window, as the kernel's sums (from its mean, a
            # constant window's deviations would be its mean's rounding, not 0: CORREL 1, not 0)
            dx = xs - xs[:, :1]
            dy = ys - ys[:, :1]
            sx, sy = dx.sum(axis=1), dy.sum(axis=1)
            den = (((dx * dx).sum(axis=1) - sx * sx / period)
                   * ((dy * dy).sum(axis=1) - sy * sy / period))
            with np.errstate(divide="ignore", invalid="ignore"):
                res[s:s + step] = np.where(den > 0.0, ((dx * dy).sum(axis=1) - sx * sy / period)
                                           / np.sqrt(np.where(den > 0.0, den, 1.0)), 0.0)
    return out


def correl(x0, x1, period, out):
    per_run(lambda a, b: _correl(a, b, period), (x0, x1), (out,))


def _line(v, period):
    """(slope per bar, the line's value at each window's last bar) of every window, two-pass
    (centred on the window's mean and on its mid time)."""
    w = sliding_window_view(v, period)
    t = np.arange(period, dtype=np.float64) - (period - 1) / 2.0
    tt = (t * t).sum()
    slope = np.empty(w.shape[0])
    last = np.empty(w.shape[0])
    starts, step = _chunks(w.shape[0], period)
    for s in starts:
        ws = w[s:s + step]
        anchor = ws[:, :1]  # each window's first value: w - anchor is exact for nearby values
        dev = ws - anchor
        mean = dev.mean(axis=1)
        m = ((dev - mean[:, None]) @ t) / tt
        slope[s:s + step] = m
        last[s:s + step] = (mean + m * ((period - 1) / 2.0)) + anchor[:, 0]
    return slope, last


def _regression(v, period, mode):
    out = nan_array(v.shape[0])
    if v.shape[0] >= period:
        m, last = _line(v, period)
        res = {"linearreg": last, "slope": m, "intercept": last - m * (period - 1),
               "tsf": last + m}[mode]
        out[period - 1:] = res
    return out


def linearreg(x, period, out):
    per_run(lambda v: _regression(v, period, "linearreg"), (x,), (out,))


def linearreg_slope(x, period, out):
    per_run(lambda v: _regression(v, period, "slope"), (x,), (out,))


def linearreg_intercept(x, period, out):
    per_run(lambda v: _regression(v, period, "intercept"), (x,), (out,))


def tsf(x, period, out):
    per_run(lambda v: _regression(v, period, "tsf"), (x,), (out,))


def _fosc(v, period):
    out = nan_array(v.shape[0])
    if v.shape[0] > period:
        forecast = _regression(v, period, "tsf")[period - 1:-1]
        now = v[period:]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[period:] = np.where(now != 0.0, 100.0 * (now - forecast)
                                    / np.where(now != 0.0, now, 1.0), 0.0)
    return out


def fosc(x, period, out):
    per_run(lambda v: _fosc(v, period), (x,), (out,))


def _percentile(v, period, rank):
    out = nan_array(v.shape[0])
    if v.shape[0] >= period:
        w = sliding_window_view(v, period)
        starts, step = _chunks(w.shape[0], period)
        res = out[period - 1:]
        for s in starts:
            res[s:s + step] = np.partition(w[s:s + step], rank - 1, axis=1)[:, rank - 1]
    return out


def percentile(x, period, rank, window, out):
    per_run(lambda v: _percentile(v, period, rank), (x,), (out,))


def _percentrank(v, period):
    out = nan_array(v.shape[0])
    if v.shape[0] > period:
        w = sliding_window_view(v[:-1], period)
        now = v[period:]
        starts, step = _chunks(w.shape[0], period)
        res = out[period:]
        for s in starts:
            below = (w[s:s + step] < now[s:s + step, None]).sum(axis=1)
            res[s:s + step] = below / period * 100.0
    return out


def percentrank(x, period, window, out):
    per_run(lambda v: _percentrank(v, period), (x,), (out,))


def slope_angle(slope, out):
    """atan(slope) in TA-Lib's degrees (* 180 / pi)."""
    out[...] = np.arctan(slope.astype(np.float64)) * (180.0 / 3.14159265358979323846)
