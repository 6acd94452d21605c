"""PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR, vectorized (NumPy backend).

The directional movements and true ranges are whole-array expressions; Wilder's smoothing is the
blocked linear filter of _runs. DX repeats its previous value where it is undefined and ADX then
keeps its value: those recurrences are filtered over each stretch of defined bars (a loop over the
stretches, usually one per run)."""
import numpy as np

from ._runs import linear_filter, nan_array, per_run, true_runs


def _moves(high, low, close):
    """(+DM, -DM, TR) from bar 1 on (length n-1)."""
    up = high[1:] - high[:-1]
    down = low[:-1] - low[1:]
    plus = np.where((up > 0.0) & (up > down), up, 0.0)
    minus = np.where((down > 0.0) & (down > up), down, 0.0)
    prev = close[:-1]
    h, lo = high[1:], low[1:]
    tr = np.maximum(np.maximum(h - lo, np.abs(h - prev)), np.abs(lo - prev))
    return plus, minus, tr


def _smooth(values, period):
    """Wilder's sum: the plain sum of values[:period-1], then S = S*(1 - 1/period) + v. Returns S
    from index period-2 of values (bar period-1 of the run) on; period 1: the values."""
    if period == 1:
        return values
    seed = values[:period - 1].sum()
    rest = linear_filter(values[period - 1:], 1.0 - 1.0 / period, seed)
    return np.concatenate(([seed], rest))


def _hold_filter(b, defined, a, y0):
    """y[t] = a*y[t-1] + b[t] where defined[t], else y[t-1]; y[-1] = y0."""
    y = np.empty(b.shape[0])
    pos = 0
    last = y0
    for start, end in true_runs(defined):
        y[pos:start] = last
        seg = linear_filter(b[start:end], a, last)
        y[start:end] = seg
        last = seg[-1]
        pos = end
    y[pos:] = last
    return y


def _dm(high, low, period, which):
    n = high.shape[0]
    out = nan_array(n)
    first = max(period - 1, 1)
    if n > first:
        moves = _moves(high, low, high)
        out[first:] = _smooth(moves[which], period)
    return out


def _di(high, low, close, period, which):
    n = high.shape[0]
    out = nan_array(n)
    if n > period:
        moves = _moves(high, low, close)
        dm = _smooth(moves[which], period)
        tr = _smooth(moves[2], period)
        if period > 1:
            dm, tr = dm[1:], tr[1:]  # from bar period
        scale = 100.0 if period > 1 else 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            out[period:] = np.where(tr != 0.0, scale * (dm / tr), 0.0)
    return out


def _dx_series(high, low, close, period):
    """(DX from bar period on with TA-Lib's holds, whether each was defined)."""
    plus, minus, tr = _moves(high, low, close)
    sp = _smooth(plus, period)[1:]
    sm = _smooth(minus, period)[1:]
    st = _smooth(tr, period)[1:]
    s = sm + sp
    defined = (st != 0.0) & (s != 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(defined, 100.0 * (np.abs(sm - sp) / s), np.nan)
    # repeat the last defined value (0 before the first)
    idx = np.where(defined, np.arange(raw.shape[0]), -1)
    np.maximum.accumulate(idx, out=idx)
    dx = np.where(idx >= 0, raw[np.maximum(idx, 0)], 0.0)
    return dx, defined


def _dx(high, low, close, period):
    n = high.shape[0]
    out = nan_array(n)
    if n > period:
        out[period:] = _dx_series(high, low, close, period)[0]
    return out


def _adx(high, low, close, period):
    n = high.shape[0]
    out = nan_array(n)
    first = 2 * period - 1
    if n > first:
        dx, defined = _dx_series(high, low, close, period)
        seed = dx[:period][defined[:period]].sum() / period
        rest = _hold_filter(dx[period:] / period, defined[period:], 1.0 - 1.0 / period, seed)
        out[first] = seed
        out[first + 1:] = rest
    return out


def plus_dm(high, low, period, out):
    per_run(lambda h, lo: _dm(h, lo, period, 0), (high, low), (out,))


def minus_dm(high, low, period, out):
    per_run(lambda h, lo: _dm(h, lo, period, 1), (high, low), (out,))


def plus_di(high, low, close, period, out):
    per_run(lambda h, lo, c: _di(h, lo, c, period, 0), (high, low, close), (out,))


def minus_di(high, low, close, period, out):
    per_run(lambda h, lo, c: _di(h, lo, c, period, 1), (high, low, close), (out,))


def dx(high, low, close, period, out):
    per_run(lambda h, lo, c: _dx(h, lo, c, period), (high, low, close), (out,))


def adx(high, low, close, period, out):
    per_run(lambda h, lo, c: _adx(h, lo, c, period), (high, low, close), (out,))


def lag_mean(x, lag, out):
    """out[t] = (x[t] + x[t-lag]) / 2, NaN over the first `lag` bars (ADXR from ADX)."""
    out[:, :lag] = np.nan
    if x.shape[1] > lag:
        out[:, lag:] = (x[:, lag:] + x[:, :x.shape[1] - lag]) / 2.0
