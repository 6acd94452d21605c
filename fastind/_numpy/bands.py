"""ACCBANDS, Keltner channels, parabolic SAR (SAR, SAREXT) and SuperTrend (NumPy backend).

ACCBANDS and KC are vectorized (window sums, EMAs as linear filters). The SAR and SuperTrend are
path-dependent state machines (a reversal or a ratchet at each bar depends on the previous
state): each is a loop over time, one run at a time, with the true ranges and ATR vectorized."""
import numpy as np

from ._runs import nan_array, per_run, window_sums
from .moving import _ema_from


def _true_ranges(high, low, close):
    """True range of bars 1..n-1."""
    prev = close[:-1]
    return np.maximum(np.maximum(high[1:] - low[1:], np.abs(prev - high[1:])),
                      np.abs(prev - low[1:]))


def _accbands(h, lo, c, period):
    t = h + lo
    tiny = np.abs(t) < 1e-14
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = 4.0 * (h - lo) / t
    up = np.where(tiny, h, h * (1.0 + ratio))
    down = np.where(tiny, lo, lo * (1.0 - ratio))
    outs = tuple(nan_array(h.shape[0]) for _ in range(3))
    if h.shape[0] >= period:
        for out, v in zip(outs, (up, c, down)):
            out[period - 1:] = window_sums(v, period) / period
    return outs


def accbands(high, low, close, period, upper, middle, lower):
    per_run(lambda h, lo, c: _accbands(h, lo, c, period), (high, low, close), (upper, middle, lower))


def _kc(h, lo, c, period, atrperiod, nbdev, skip_ema, skip_atr):
    n = h.shape[0]
    lb_ema = period - 1 + skip_ema
    lb_atr = atrperiod + skip_atr
    first = max(lb_ema, lb_atr)
    outs = tuple(nan_array(n) for _ in range(3))
    if n <= first:
        return outs
    start_ema = first - lb_ema
    middle = nan_array(n)
    middle[start_ema:] = _ema_from(((h + lo) + c)[start_ema:] / 3.0, period, 2.0 / (period + 1))
    start_atr = first - lb_atr  # the bar before the first true range
    tr = _true_ranges(h[start_atr:], lo[start_atr:], c[start_atr:])
    atr = nan_array(n)
    atr[start_atr + 1:] = tr if atrperiod == 1 else _ema_from(tr, atrperiod, 1.0 / atrperiod)
    band = atr[first:] * nbdev
    outs[1][first:] = middle[first:]
    outs[0][first:] = middle[first:] + band
    outs[2][first:] = middle[first:] - band
    return outs


def kc(high, low, close, period, atrperiod, nbdev, skip_ema, skip_atr, upper, middle, lower):
    per_run(lambda h, lo, c: _kc(h, lo, c, period, atrperiod, nbdev, skip_ema, skip_atr),
            (high, low, close), (upper, middle, lower))


def _parabolic(high, low, start, offset, accel, signed):
    """One run: a loop over time (the state machine of TA-Lib's SAREXT)."""
    init_long, step_long, max_long, init_short, step_short, max_short = accel
    init_long, step_long = min(init_long, max_long), min(step_long, max_long)
    init_short, step_short = min(init_short, max_short), min(step_short, max_short)
    out = nan_array(high.shape[0])
    if high.shape[0] < 2:
        return out
    if start == 0.0:
        minus = low[0] - low[1]
        is_long = not (minus > 0.0 and high[1] - high[0] < minus)
        sar = low[0] if is_long else high[0]
    else:
        is_long = start > 0.0
        sar = abs(start)
    ep = high[1] if is_long else low[1]
    af_long, af_short = init_long, init_short
    prev_h, prev_l = high[1], low[1]
    sign = -1.0 if signed else 1.0
    for t in range(1, high.shape[0]):
        h, lo = high[t], low[t]
        if t > 1:
            prev_h, prev_l = high[t - 1], low[t - 1]
        if is_long and lo <= sar:
            is_long = False
            sar = max(ep, prev_h, h)
            sar = sar + sar * offset if offset != 0.0 else sar
            out[t] = sign * sar
            af_short, ep = init_short, lo
            sar = max(sar + af_short * (ep - sar), prev_h, h)
        elif is_long:
            out[t] = sar
            if h > ep:
                ep, af_long = h, min(af_long + step_long, max_long)
            sar = min(sar + af_long * (ep - sar), prev_l, lo)
        elif h >= sar:
            is_long = True
            sar = min(ep, prev_l, lo)
            sar = sar - sar * offset if offset != 0.0 else sar
            out[t] = sar
            af_long, ep = init_long, h
            sar = min(sar + af_long * (ep - sar), prev_l, lo)
        else:
            out[t] = sign * sar
            if lo < ep:
                ep, af_short = lo, min(af_short + step_short, max_short)
            sar = max(sar + af_short * (ep - sar), prev_h, h)
    return out


def sar(high, low, acceleration, maximum, out):
    accel = (acceleration, acceleration, maximum, acceleration, acceleration, maximum)
    per_run(lambda h, lo: _parabolic(h, lo, 0.0, 0.0, accel, False), (high, low), (out,))


def sarext(high, low, start, offset, init_long, step_long, max_long, init_short, step_short,
           max_short, out):
    accel = (init_long, step_long, max_long, init_short, step_short, max_short)
    per_run(lambda h, lo: _parabolic(h, lo, start, offset, accel, True), (high, low), (out,))


def _supertrend(h, lo, c, period, multiplier, skip):
    n = h.shape[0]
    first = period + skip
    line = nan_array(n)
    trend = np.zeros(n)
    if n <= first:
        return line, trend
    atr = nan_array(n)
    atr[1:] = _ema_from(_true_ranges(h, lo, c), period, 1.0 / period)
    median = (h + lo) / 2.0
    basic_upper = median + multiplier * atr
    basic_lower = median - multiplier * atr
    upper, lower, up = basic_upper[first], basic_lower[first], True
    for t in range(first, n):  # the ratchet: a loop over time
        if t > first:
            prev = c[t - 1]
            if basic_upper[t] < upper or prev > upper:
                upper = basic_upper[t]
            if basic_lower[t] > lower or prev < lower:
                lower = basic_lower[t]
            up = not (c[t] < lower) if up else c[t] > upper
        line[t] = lower if up else upper
        trend[t] = 1.0 if up else -1.0
    return line, trend


def supertrend(high, low, close, period, multiplier, skip, line, trend):
    per_run(lambda h, lo, c: _supertrend(h, lo, c, period, multiplier, skip),
            (high, low, close), (line, trend), fill=0)
    line[trend == 0] = np.nan


def _channel(h, lo, period):
    from numpy.lib.stride_tricks import sliding_window_view

    upper, lower = nan_array(h.shape[0]), nan_array(h.shape[0])
    if h.shape[0] >= period:
        upper[period - 1:] = sliding_window_view(h, period).max(axis=1)
        lower[period - 1:] = sliding_window_view(lo, period).min(axis=1)
    return upper, (upper + lower) / 2.0, lower


def channel(high, low, period, park_high, park_low, upper, middle, lower, bands):
    if bands:
        per_run(lambda h, lo: _channel(h, lo, period), (high, low), (upper, middle, lower))
    else:
        per_run(lambda h, lo: _channel(h, lo, period)[1], (high, low), (middle,))
