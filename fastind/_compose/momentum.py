"""Momentum compositions: ADXR in double, the stochastics (fast %K, then moving averages of any MA
type through the one MA dispatch), and the functions whose kernels need a scratch array."""
import numpy as np

from .._compute import hide_first, moving_average
from .._settings import unstable


def _in_double(compute, be, t, arrays, params, outs):
    """Runs `compute` in double and rounds each output once into the float32 `outs`."""
    results = tuple(np.empty(o.shape, np.float64) for o in outs)
    compute(be, "d", tuple(a.astype(np.float64) for a in arrays), params, results)
    for o, res in zip(outs, results):
        o[...] = res


def adxr(be, t, arrays, params, outs):
    """ADXR: ADX and its combination (ADX[t] + ADX[t-period+1]) / 2 in one kernel; float32 is
    computed in double and rounded once (the ADX values kept in float32 would add a rounding)."""
    if t != "d":
        _in_double(adxr, be, t, arrays, params, outs)
        return
    be.kernels[t]["directional.adxr"](*arrays, *params, *outs)


def _extremes(be, t, high, low, period):
    """The window's highest high and lowest low over `period` bars (extrema's O(n) kernels; a
    period of 1 is the bar itself)."""
    hi = np.empty_like(high)
    lo = np.empty_like(low)
    if period == 1:
        hi[...] = high
        lo[...] = low
    else:
        kernels = be.kernels[t]
        kernels["extrema.rolling_max"](high, period, hi)
        kernels["extrema.rolling_min"](low, period, lo)
    return hi, lo


def _fast_k(be, t, high, low, close, period, out):
    hi, lo = _extremes(be, t, high, low, period)
    be.kernels[t]["stochastic.fast_k"](close, hi, lo, period, out)


def _shown_with(line, later):
    """TA-Lib shows a line from where its last stage starts: NaN where `later` is NaN."""
    line[np.isnan(later)] = np.nan


def willr(be, t, arrays, params, outs):
    """WILLR: (hi - close) / ((hi - lo)/-100) over the window's extremes; 0 for a flat window."""
    high, low, close = arrays
    period, = params
    hi, lo = _extremes(be, t, high, low, period)
    be.kernels[t]["stochastic.willr"](close, hi, lo, period, outs[0])


def stochf(be, t, arrays, params, outs):
    """STOCHF: fast %K, and fast %D = MA(%K, fastd_period, fastd_matype) (the one MA dispatch);
    %K shown from where %D starts, as TA-Lib. float32 in double, rounded once."""
    if t != "d":
        _in_double(stochf, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    fastk_period, fastd_period, fastd_matype = params
    k, d = outs
    _fast_k(be, t, high, low, close, fastk_period, k)
    moving_average(be, t, k, fastd_period, fastd_matype, d)
    _shown_with(k, d)


def stoch(be, t, arrays, params, outs):
    """STOCH: fast %K, slow %K = MA(fast %K, slowk_period, slowk_matype), slow %D = MA(slow %K,
    slowd_period, slowd_matype): each stage seeded where the previous one starts (TA-Lib computes
    %K from the data's first full window and calls TA_MA on it twice); slow %K shown from where
    %D starts. float32 in double, rounded once."""
    if t != "d":
        _in_double(stoch, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype = params
    k, d = outs
    fast = np.empty_like(k)
    _fast_k(be, t, high, low, close, fastk_period, fast)
    moving_average(be, t, fast, slowk_period, slowk_matype, k)
    moving_average(be, t, k, slowd_period, slowd_matype, d)
    _shown_with(k, d)


KDJ_DEFAULT = 13  # KDJ reads MA_Type DEFAULT (11) as RMA, its own default


def kdj(be, t, arrays, params, outs):
    """KDJ: STOCH's slow %K and %D (K, D) and J = 3K - 2D; KDJ reads matype 11 (DEFAULT) as
    RMA (13), as TA-Lib."""
    if t != "d":
        _in_double(kdj, be, t, arrays, params, outs)
        return
    fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype = params
    slowk_matype = KDJ_DEFAULT if slowk_matype == 11 else slowk_matype
    slowd_matype = KDJ_DEFAULT if slowd_matype == 11 else slowd_matype
    k, d, j = outs
    stoch(be, t, arrays, (fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype),
          (k, d))
    np.subtract(3.0 * k, 2.0 * d, out=j)


def stochrsi(be, t, arrays, params, outs):
    """STOCHRSI: RSI(period), then STOCHF over it (its high, low and close); the RSI's first
    values hidden by TA-Lib's unstable period RSI, where TA-Lib's STOCHF starts."""
    if t != "d":
        _in_double(stochrsi, be, t, arrays, params, outs)
        return
    period, fastk_period, fastd_period, fastd_matype = params
    rsi = np.empty_like(outs[0])
    be.kernels[t]["momentum.rsi"](arrays[0], period, rsi)
    hide_first(rsi, unstable("RSI"))
    stochf(be, t, (rsi, rsi, rsi), (fastk_period, fastd_period, fastd_matype), outs)


def aroon(be, t, arrays, params, outs):
    """AROON: the kernel keeps its deques of indices in two scratch rings of period+2."""
    period, = params
    hq = np.empty((1, period + 2), np.intp)
    lq = np.empty((1, period + 2), np.intp)
    be.kernels[t]["stochastic.aroon"](*arrays, period, *outs, hq, lq)


def aroonosc(be, t, arrays, params, outs):
    """AROONOSC: as AROON, one output."""
    period, = params
    hq = np.empty((1, period + 2), np.intp)
    lq = np.empty((1, period + 2), np.intp)
    be.kernels[t]["stochastic.aroonosc"](*arrays, period, *outs, hq, lq)


def cci(be, t, arrays, params, outs):
    """CCI over the typical price (high + low + close)/3, formed here (float32: in double)."""
    if t != "d":
        _in_double(cci, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    tp = (high + low + close) / 3.0
    be.kernels[t]["stochastic.cci"](tp, *params, *outs)


def vhf(be, t, arrays, params, outs):
    """VHF: the window's max and min of x (extrema), then the kernel's ratio."""
    x, = arrays
    period, = params
    hi, lo = _extremes(be, t, x, x, period)
    be.kernels[t]["stochastic.vhf"](x, hi, lo, period, outs[0])


def smi(be, t, arrays, params, outs):
    """SMI: momentum close - (hi + lo)/2 and range hi - lo over the window, each smoothed by an
    EMA(slow) then an EMA(fast), SMI = 100 * momentum / (range/2), signal = EMA(SMI); each EMA
    through the one MA dispatch (seeded where the previous stage starts, unstable period
    included, as TA-Lib's stages). float32 in double, rounded once."""
    if t != "d":
        _in_double(smi, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    period, fast, slow, signal = params
    line, sig = outs
    hi, lo = _extremes(be, t, high, low, period)
    num = np.empty_like(line)
    den = np.empty_like(line)
    kernels = be.kernels[t]
    kernels["stochastic.smi_parts"](close, hi, lo, period, num, den)
    for part in (num, den):
        moving_average(be, t, part, slow, 1, hi)
        moving_average(be, t, hi, fast, 1, part)
    kernels["stochastic.smi_ratio"](num, den, line)
    moving_average(be, t, line, signal, 1, sig)
    _shown_with(line, sig)
