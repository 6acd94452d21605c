"""The Hilbert-transform family (HT_DCPERIOD, HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE,
HT_TRENDLINE, MAMA), NumPy backend: the kernel's signature (fastind/_kernels/hilbert.py), another
algorithm.

The dominant cycle period is an adaptive recurrence (each bar's Hilbert filters are scaled by the
last bar's period estimate, through an arctangent and clamps), so its core is a loop over time,
vectorized across every run of finite values of every row side by side (acceptable for adaptive
recurrences; a single run loops on Python floats instead, some thirty times faster than on
1-element arrays: about 3 us a bar, 0.3 s for 1e5 bars). So are TA-Lib's running
WMA sums (their rounding is what the filters see on a smooth trend) and MAMA/FAMA (two short
loops). Everything else is vectorized over time: after the loop, the DC phase (a gathered
one-frequency DFT per bar, added in TA-Lib's order: on a flat window it is rounding noise), the
sine lines, the trendline (gathered window means of the price), the trend mode (days since the sine
lines last crossed, by a running maximum) and MAMA's alpha.
"""
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._runs import valid_runs

DCPERIOD, DCPHASE, PHASOR, SINE, TRENDMODE, TRENDLINE, MAMA = range(7)
A, B = 0.0962, 0.5769
DEG = 180.0 / np.pi
CHUNK = 1 << 14  # bars per chunk of the gathered windows (50 values each)


class _Rows:
    """The loops' arithmetic across runs: each step one numpy array of the runs' values."""

    @staticmethod
    def zeros(steps, m):
        return np.zeros((steps, m)) if steps else np.zeros(m)

    @staticmethod
    def period(im, re, last):
        """360 / atan(im/re) in degrees, the last period where im or re is 0."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((im != 0.0) & (re != 0.0), 360.0 / (np.arctan(im / re) * DEG), last)

    clip = staticmethod(np.clip)


class _One:
    """The same for a single run: Python floats, some thirty times faster than 1-element arrays."""

    @staticmethod
    def zeros(steps, m):
        return [0.0] * steps if steps else 0.0

    @staticmethod
    def period(im, re, last):
        if im == 0.0 or re == 0.0:
            return last
        angle = math.atan(im / re) * DEG
        return 360.0 / angle if angle != 0.0 else math.copysign(math.inf, angle)

    @staticmethod
    def clip(x, lo, hi):
        return min(max(x, lo), hi)


def _smooth(prices, ops):
    """TA-Lib's price smoother, a 4-bar WMA (4, 3, 2, 1)/10 kept as two running sums (per step,
    from each run's first bar; valid from bar 3). Its rounding is TA-Lib's on purpose: on a smooth
    trend the detrended series is that rounding, and the period follows it."""
    steps = len(prices)
    sm = ops.zeros(steps, len(prices[0]) if ops is _Rows else 1)
    wsum = (prices[0] + prices[1] * 2.0) + prices[2] * 3.0
    sub = (prices[0] + prices[1]) + prices[2]
    trailing = 0.0
    for t in range(3, steps):
        sub = (sub + prices[t]) - trailing
        wsum = wsum + prices[t] * 4.0
        trailing = prices[t - 3]
        sm[t] = wsum * 0.1
        wsum = wsum - sub
    return sm


def _fir(v, t):
    """The Hilbert FIR at step t of the history v (steps x runs), zero before step 0, summed in
    TA-Lib's order (a constant input then gives exactly zero, as TA-Lib's)."""
    def lag(k):
        return v[t - k] if t - k >= 0 else 0.0
    return (((0.0 - A * lag(6)) + A * lag(0)) - B * lag(4)) + B * lag(2)


def _engine(sm, ops):
    """The Hilbert stage over smoothed prices sm (per step: the runs' values, zero past a run's
    end): the detrender, Q1 and the smoothed period, per step."""
    steps = len(sm)
    m = len(sm[0]) if ops is _Rows else 1
    det = ops.zeros(steps, m)
    q1 = ops.zeros(steps, m)
    smp = ops.zeros(steps, m)
    period = sp = i2 = q2 = re = im = ops.zeros(0, m)
    for t in range(steps):
        adj = 0.075 * period + 0.54
        det[t] = _fir(sm, t) * adj
        q1[t] = _fir(det, t) * adj
        i1 = det[t - 3] if t >= 3 else 0.0
        ji = (_fir(det, t - 3) if t >= 3 else 0.0) * adj
        jq = _fir(q1, t) * adj
        q2_new = 0.2 * (q1[t] + ji) + 0.8 * q2
        i2_new = 0.2 * (i1 - jq) + 0.8 * i2
        re = 0.2 * (i2_new * i2 + q2_new * q2) + 0.8 * re
        im = 0.2 * (i2_new * q2 - q2_new * i2) + 0.8 * im
        i2, q2 = i2_new, q2_new
        raw = ops.clip(ops.clip(ops.period(im, re, period), 0.67 * period, 1.5 * period), 6.0, 50.0)
        period = 0.2 * raw + 0.8 * period
        sp = 0.33 * period + 0.67 * sp
        smp[t] = sp
    return det, q1, smp


def _windows(values, cycle, weights=None):
    """Per step t: sum over j < cycle[t] of values[t - j] (* weights[cycle[t], j]), added in that
    order (a cumulative sum: the DFT of a flat window is rounding noise, TA-Lib's own); values
    has the 49 bars before the first step in front (steps + 49, runs)."""
    steps, m = cycle.shape
    out = np.zeros((steps, m))
    for c in range(m):
        win = sliding_window_view(values[:, c], 50)[:, ::-1]  # win[t, j] = values[t - j]
        for s in range(0, steps, CHUNK):
            e = min(steps, s + CHUNK)
            n = cycle[s:e, c]
            mask = np.arange(50)[None, :] < n[:, None]
            w = mask if weights is None else weights[n] * mask
            out[s:e, c] = np.cumsum(win[s:e] * w, axis=1)[:, -1]
    return out


def _dft_weights():
    """sin and cos of 2*pi*j/n (row n): Python's math (the C library's, as TA-Lib's)."""
    sin_w = np.zeros((51, 50))
    cos_w = np.zeros((51, 50))
    for n in range(1, 51):
        for j in range(n):
            sin_w[n, j] = math.sin(2.0 * math.pi * j / n)
            cos_w[n, j] = math.cos(2.0 * math.pi * j / n)
    return sin_w, cos_w


def _phase(sm, smp):
    """The DC phase per step (TA-Lib's: atan of a one-frequency DFT over the last
    int(smp + 0.5) smoothed prices, plus 90, the WMA's lag of 360/smp, 180 where the cosine part
    is negative, wrapped above 315; where that part is exactly zero, the last phase turned by 90)."""
    steps, m = sm.shape
    cycle = (smp + 0.5).astype(np.int64)
    padded = np.concatenate((np.zeros((49, m)), sm))
    sin_w, cos_w = _dft_weights()
    real = _windows(padded, cycle, sin_w)
    imag = _windows(padded, cycle, cos_w)
    with np.errstate(divide="ignore", invalid="ignore"):
        turn = 90.0 + 360.0 / smp + np.where(imag < 0.0, 180.0, 0.0)
        phase = np.arctan(real / imag) * DEG + turn
    phase = np.where(phase > 315.0, phase - 360.0, phase)
    for t, c in zip(*np.nonzero(imag == 0.0)):  # rare: they depend on the step before
        last = phase[t - 1, c] if t > 0 else 0.0
        last += np.sign(real[t, c]) * 90.0 + turn[t, c]
        phase[t, c] = last - 360.0 if last > 315.0 else last
    return phase, cycle


def _trend_mode(sm, smp, phase, cycle, history):
    steps, m = sm.shape
    with np.errstate(invalid="ignore", divide="ignore"):
        rad = phase * (np.pi / 180.0)
        sine, lead = np.sin(rad), np.sin(rad + np.pi / 4.0)
        prev_sine = np.concatenate((np.zeros((1, m)), sine[:-1]))
        prev_lead = np.concatenate((np.zeros((1, m)), lead[:-1]))
        cross = ((sine > lead) & (prev_sine <= prev_lead)) | ((sine < lead) & (prev_sine >= prev_lead))
        step = np.arange(steps)[:, None]
        last_cross = np.maximum.accumulate(np.where(cross, step, 0), axis=0)
        days = step - last_cross + 1
        trend = ~cross & (days >= 0.5 * smp)
        delta = phase - np.concatenate((np.zeros((1, m)), phase[:-1]))
        cyclic = (smp != 0.0) & (delta > 0.67 * 360.0 / smp) & (delta < 1.5 * 360.0 / smp)
        trend &= ~cyclic
        line = _trendline(history, cycle)
        trend |= (line != 0.0) & (np.abs((sm - line) / line) >= 0.015)
    return trend.astype(np.int32)


def _trendline(history, cycle):
    """TA-Lib's instantaneous trendline: the mean price over the last int(smp + 0.5) bars (0 for
    a cycle of 0), weighted 4, 3, 2, 1 over the last four steps (zero before the first). history:
    the prices from 49 bars before the first step (zero before the run's start)."""
    steps, m = cycle.shape
    sums = _windows(history, cycle)
    mean = np.where(cycle > 0, sums / np.maximum(cycle, 1), 0.0)
    lagged = [np.concatenate((np.zeros((k, m)), mean[:steps - k])) for k in range(4)]
    return (4.0 * lagged[0] + 3.0 * lagged[1] + 2.0 * lagged[2] + lagged[3]) / 10.0


def _mama(price, i1, q1, fast, slow):
    steps, m = price.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        phase = np.where(i1 != 0.0, np.arctan(q1 / i1) * DEG, 0.0)
    delta = np.concatenate((np.zeros((1, m)), phase[:-1])) - phase
    delta = np.maximum(delta, 1.0)
    alpha = np.where(delta > 1.0, np.maximum(fast / delta, slow), fast)
    if m == 1:  # Python floats: faster than 1-element arrays
        alpha, price = alpha[:, 0].tolist(), price[:, 0].tolist()
    mama = [0.0] * steps
    fama = [0.0] * steps
    mm = ff = 0.0
    for t in range(steps):
        mm = alpha[t] * price[t] + (1.0 - alpha[t]) * mm
        ff = 0.5 * alpha[t] * mm + (1.0 - 0.5 * alpha[t]) * ff
        mama[t], fama[t] = mm, ff
    return np.array(mama).reshape(steps, m), np.array(fama).reshape(steps, m)


def _compute(runs, mode, fast, slow):
    """{run index: tuple of outputs (float64 arrays as long as the run, NaN/0 over the lookback)}.

    Each run on its own: numpy's vectorized arctan (SIMD) and libm's differ in the last bit, so a
    run computed across others would differ from the same run alone, and a row's result would
    depend on the other rows (or on how threads split them)."""
    warm, shown = (12, 32) if mode in (DCPERIOD, PHASOR, MAMA) else (37, 63)
    long_runs = [k for k, v in enumerate(runs) if len(v) > shown]
    if len(long_runs) > 1:
        return {k: _compute([runs[k]], mode, fast, slow)[0] for k in long_runs}
    results = {}
    if long_runs:
        steps = max(len(runs[k]) for k in long_runs) - warm
        m = len(long_runs)
        history = np.zeros((steps + 49, m))  # the prices from 49 bars before the first step
        whole = np.zeros((steps + warm, m))  # each run from its first bar
        for c, k in enumerate(long_runs):
            v = runs[k]
            whole[:len(v), c] = v
            first = max(0, warm - 49)
            history[49 - (warm - first):49 + len(v) - warm, c] = v[first:]
        price = history[49:]
        if m == 1:  # a single run: the loops on Python floats
            sm = _smooth(whole[:, 0].tolist(), _One)[warm:]
            det, q1, smp = (np.array(v)[:, None] for v in _engine(sm, _One))
            sm = np.array(sm)[:, None]
        else:
            sm = _smooth(whole, _Rows)[warm:]
            det, q1, smp = _engine(sm, _Rows)
        i1 = np.zeros((steps, m))
        i1[3:] = det[:-3]
        if mode == DCPERIOD:
            outs = (smp,)
        elif mode == PHASOR:
            outs = (i1, q1)
        elif mode == MAMA:
            outs = _mama(price, i1, q1, fast, slow)
        elif mode == TRENDLINE:
            outs = (_trendline(history, (smp + 0.5).astype(np.int64)),)
        else:
            phase, cycle = _phase(sm, smp)
            if mode == DCPHASE:
                outs = (phase,)
            elif mode == SINE:
                rad = phase * (np.pi / 180.0)
                outs = (np.sin(rad), np.sin(rad + np.pi / 4.0))
            else:
                outs = (_trend_mode(sm, smp, phase, cycle, history),)
        for c, k in enumerate(long_runs):
            n = len(runs[k])
            results[k] = tuple(np.concatenate((np.full(shown, np.nan), o[shown - warm:n - warm, c]))
                               for o in outs)
    return results


def hilbert(x, mode, fast, slow, table, ring, out0, out1, iout):
    """Same contract as the kernel (table and ring are the kernel's scratch: unused here)."""
    targets = (iout,) if mode == TRENDMODE else (out0, out1) if mode in (PHASOR, SINE, MAMA) else (out0,)
    runs, where = [], []
    for r in range(x.shape[0]):
        row = x[r].astype(np.float64)
        for o in targets:
            o[r] = 0 if o.dtype.kind in "iu" else np.nan
        for start, end in valid_runs(row):
            runs.append(row[start:end])
            where.append((r, start, end))
    results = _compute(runs, mode, fast, slow)
    with np.errstate(over="ignore", invalid="ignore"):
        for k, values in results.items():
            r, start, end = where[k]
            for o, v in zip(targets, values):
                o[r, start:end] = np.nan_to_num(v, nan=0.0) if o.dtype.kind in "iu" else v
