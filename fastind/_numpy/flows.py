"""The volume family (flows), vectorized (NumPy backend): cumulative sums, window sums and
blocked linear filters instead of bar loops."""
import numpy as np

from ._runs import linear_filter, nan_array, per_run, window_sums


def _money_flow(high, low, close, volume):
    rng = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        flow = ((close - low) - (high - close)) / rng * volume
    return np.where(rng > 0.0, flow, 0.0)


def _ema_first_seeded(x, period):
    """EMA with k = 2/(period+1) seeded with x[0] (ADOSC's seed)."""
    k = 2.0 / (period + 1.0)
    return np.concatenate((x[:1], linear_filter(k * x[1:], 1.0 - k, x[0]))) if x.size else x


def ad(high, low, close, volume, out):
    per_run(lambda h, lo, c, v: np.cumsum(_money_flow(h, lo, c, v)), (high, low, close, volume),
            (out,))


def _adosc(h, lo, c, v, fast, slow):
    out = nan_array(h.shape[0])
    lookback = max(fast, slow) - 1
    if h.shape[0] > lookback:
        line = np.cumsum(_money_flow(h, lo, c, v))
        diff = _ema_first_seeded(line, fast) - _ema_first_seeded(line, slow)
        out[lookback:] = diff[lookback:]
    return out


def adosc(high, low, close, volume, fast, slow, out):
    per_run(lambda h, lo, c, v: _adosc(h, lo, c, v, fast, slow), (high, low, close, volume), (out,))


def _cmf(h, lo, c, v, period):
    out = nan_array(h.shape[0])
    if h.shape[0] >= period:
        flows = window_sums(_money_flow(h, lo, c, v), period)
        volumes = window_sums(v, period)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[period - 1:] = np.where(volumes > 0.0, flows / volumes, 0.0)
    return out


def cmf(high, low, close, volume, period, out):
    per_run(lambda h, lo, c, v: _cmf(h, lo, c, v, period), (high, low, close, volume), (out,))


def _efi(c, v, period):
    out = nan_array(c.shape[0])
    if c.shape[0] > period:
        force = np.diff(c) * v[1:]
        if period == 1:
            out[1:] = force
        else:
            k = 2.0 / (period + 1)
            seed = force[:period].sum() / period
            out[period] = seed
            out[period + 1:] = linear_filter(k * force[period:], 1.0 - k, seed)
    return out


def efi(close, volume, period, out):
    per_run(lambda c, v: _efi(c, v, period), (close, volume), (out,))


def _marketfi(h, lo, v):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(v == 0.0, 0.0, (h - lo) / np.where(v == 0.0, 1.0, v))


def marketfi(high, low, volume, out):
    per_run(_marketfi, (high, low, volume), (out,))


def _volume_index(c, v, up):
    """A running product of (1 + return) on the selected bars: a loop over the bars where the index
    may stop (a non-finite step) would be needed only for overflow, so it is a cumulative product
    with that check done by np.cumprod's own overflow to inf, then a fallback loop."""
    n = c.shape[0]
    if n == 0:
        return c.copy()
    prev_c = c[:-1]
    take = (v[1:] > v[:-1]) if up else (v[1:] < v[:-1])
    take &= prev_c != 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(take, 1.0 + (c[1:] - prev_c) / np.where(prev_c == 0.0, 1.0, prev_c), 1.0)
    with np.errstate(over="ignore", invalid="ignore"):
        index = 1000.0 * np.cumprod(np.concatenate(([1.0], growth)))
    if not np.isfinite(index).all():  # TA-Lib keeps the last finite value: redo bar by bar
        value = 1000.0
        for i in range(1, n):
            nxt = value * growth[i - 1]
            if np.isfinite(nxt):
                value = nxt
            index[i] = value
    return index


def nvi(close, volume, out):
    per_run(lambda c, v: _volume_index(c, v, False), (close, volume), (out,))


def pvi(close, volume, out):
    per_run(lambda c, v: _volume_index(c, v, True), (close, volume), (out,))


def _pvt(c, v):
    if c.shape[0] == 0:
        return c.copy()
    prev_c = c[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(prev_c != 0.0, (c[1:] - prev_c) / np.where(prev_c == 0.0, 1.0, prev_c)
                        * v[1:], 0.0)
    return np.concatenate(([0.0], np.cumsum(step)))


def pvt(close, volume, out):
    per_run(_pvt, (close, volume), (out,))


def _rvol(v, period):
    out = nan_array(v.shape[0])
    if v.shape[0] > period:
        sums = window_sums(v, period)[:-1]  # the window before each bar
        # a window of zero volumes only: exactly 0 (TA-Lib resets its running sum there)
        zeros = window_sums((v == 0.0).astype(np.float64), period)[:-1] == period
        sums[zeros] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            out[period:] = v[period:] / (sums / period)
    return out


def rvol(volume, period, out):
    per_run(lambda v: _rvol(v, period), (volume,), (out,))


def _vwap(h, lo, c, v):
    spv = np.cumsum((h + lo + c) / 3.0 * v)
    sv = np.cumsum(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(sv > 0.0, spv / np.where(sv > 0.0, sv, 1.0), np.nan)
    # before the first positive volume sum: 0; a later non-positive sum repeats the last value
    idx = np.where(sv > 0.0, np.arange(sv.shape[0]), -1)
    idx = np.maximum.accumulate(idx) if idx.size else idx
    return np.where(idx >= 0, ratio[np.maximum(idx, 0)], 0.0)


def vwap(high, low, close, volume, out):
    per_run(_vwap, (high, low, close, volume), (out,))


def percent_oscillator(fast, slow, out):
    f = fast.astype(np.float64)
    s = slow.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = np.where(np.abs(s) < 1e-14, 0.0, (f - s) / s * 100.0)
    res[~(np.isfinite(f) & np.isfinite(s))] = np.nan
    out[...] = res
