"""Momentum compositions: ADXR in double, the stochastics (fast %K, then moving averages of any MA
type through the one MA dispatch), and the functions whose kernels need a scratch array (rings of
window values, blocks' suffix extremes)."""
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
    """ADXR = (ADX[t] + ADX[t-period+1]) / 2: the ADX kernel, then the combination; float32 is
    computed in double and rounded once (the ADX values kept in float32 would add a rounding)."""
    if t != "d":
        _in_double(adxr, be, t, arrays, params, outs)
        return
    period, = params
    adx = np.empty_like(outs[0])
    kernels = be.kernels[t]
    kernels["directional.adx"](*arrays, period, adx)
    kernels["directional.lag_mean"](adx, period - 1, outs[0])


def _extremes(be, t, high, low, period):
    """(hi, lo): the window's highest high and lowest low over `period` bars (extrema's O(n)
    kernels: MINMAX's one pass for one series; a period of 1 is the bar itself), each in an
    array of its own (a stream then runs the callers, VHF and SMI, as a chain of kernels). Two
    series take two kernels: the channel's one pass (bands.channel) was 30 % slower for SMI."""
    if period == 1:
        return high, low
    hi = np.empty_like(high)
    lo = np.empty_like(low)
    kernels = be.kernels[t]
    if high is low:
        kernels["extrema.rolling_minmax"](high, period, hi, lo)
    else:
        kernels["extrema.rolling_max"](high, period, hi)
        kernels["extrema.rolling_min"](low, period, lo)
    return hi, lo


def _fast_k(be, t, high, low, close, period, out):
    """STOCH's fast %K in one kernel (its window extremes in blocks, a scratch of 4 x period)."""
    sv = np.empty((4, period), np.float64)
    be.kernels[t]["stochastic.fast_k"](high, low, close, period, out, sv)


def willr(be, t, arrays, params, outs):
    """WILLR: -100*(HH - close)/(HH - LL) over the window, in [-100, 0]; 0 for a flat window."""
    period, = params
    sv = np.empty((4, period), np.float64)
    be.kernels[t]["stochastic.willr"](*arrays, period, *outs, sv)


def stochf(be, t, arrays, params, outs):
    """STOCHF: fast %K, and fast %D = MA(%K, fastd_period, fastd_matype) (the one MA dispatch);
    %K shown from where %D starts, as TA-Lib. float32 in double, rounded once."""
    if t != "d":
        _in_double(stochf, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    fastk_period, fastd_period, fastd_matype = params
    k, d = outs
    fast = np.empty_like(k)
    _fast_k(be, t, high, low, close, fastk_period, fast)
    moving_average(be, t, fast, fastd_period, fastd_matype, d)
    be.kernels[t]["stochastic.masked_by"](fast, d, k)


def stoch(be, t, arrays, params, outs):
    """STOCH: fast %K, slow %K = MA(fast %K, slowk_period, slowk_matype), slow %D = MA(slow %K,
    slowd_period, slowd_matype): each stage seeded where the previous one starts (TA-Lib computes
    %K from the data's first full window and calls TA_MA on it twice); slow %K shown from where
    %D starts. Each stage into its own array, so that a stream runs them as a chain of kernels
    (fastind/_streaming.py). float32 in double, rounded once."""
    if t != "d":
        _in_double(stoch, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype = params
    k, d = outs
    fast = np.empty_like(k)
    slow = np.empty_like(k)
    _fast_k(be, t, high, low, close, fastk_period, fast)
    moving_average(be, t, fast, slowk_period, slowk_matype, slow)
    moving_average(be, t, slow, slowd_period, slowd_matype, d)
    be.kernels[t]["stochastic.masked_by"](slow, d, k)


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
    be.kernels[t]["stochastic.kdj_j"](k, d, j)


def stochrsi(be, t, arrays, params, outs):
    """STOCHRSI: RSI(period), then STOCHF over it (its high, low and close); the RSI's first
    values hidden by TA-Lib's unstable period RSI, where TA-Lib's STOCHF starts."""
    if t != "d":
        _in_double(stochrsi, be, t, arrays, params, outs)
        return
    period, fastk_period, fastd_period, fastd_matype = params
    rsi = np.empty_like(outs[0])
    be.kernels[t]["momentum.rsi"](arrays[0], period, rsi)
    hide_first(rsi, unstable("RSI"), be)
    stochf(be, t, (rsi, rsi, rsi), (fastk_period, fastd_period, fastd_matype), outs)


def aroon(be, t, arrays, params, outs):
    """AROON: the kernel parks its blocks' suffix extremes in a scratch of 2 x (period+1) values
    and indices."""
    period, = params
    sv = np.empty((2, period + 1), np.float64)
    si = np.empty((2, period + 1), np.intp)
    be.kernels[t]["stochastic.aroon"](*arrays, period, *outs, sv, si)


def aroonosc(be, t, arrays, params, outs):
    """AROONOSC: as AROON, one output."""
    period, = params
    sv = np.empty((2, period + 1), np.float64)
    si = np.empty((2, period + 1), np.intp)
    be.kernels[t]["stochastic.aroonosc"](*arrays, period, *outs, sv, si)


def cci(be, t, arrays, params, outs):
    """CCI: the kernel keeps the window's typical prices in a scratch ring of `period`."""
    period, = params
    ring = np.empty((1, period), np.float64)
    be.kernels[t]["stochastic.cci"](*arrays, period, *outs, ring)


def ultosc(be, t, arrays, params, outs):
    """ULTOSC: the kernel keeps the longest window's terms in a scratch ring (2 x longest)."""
    ring = np.empty((2, max(params)), np.float64)
    be.kernels[t]["stochastic.ultosc"](*arrays, *params, *outs, ring)


def vortex(be, t, arrays, params, outs):
    """VORTEX: the kernel keeps the window's three terms in a scratch ring (3 x period)."""
    period, = params
    ring = np.empty((3, period), np.float64)
    be.kernels[t]["stochastic.vortex"](*arrays, period, *outs, ring)


def vhf(be, t, arrays, params, outs):
    """VHF: the window's max and min of x (extrema), then the kernel's ratio."""
    x, = arrays
    period, = params
    hi, lo = _extremes(be, t, x, x, period)
    be.kernels[t]["stochastic.vhf"](x, hi, lo, period, outs[0])


def smi(be, t, arrays, params, outs):
    """SMI: the window's extremes (extrema), then the one-pass SMI kernel
    (its four EMAs and the signal's, seeded where TA-Lib's stages start with TA-Lib's EMA
    unstable period). float32 in double, rounded once."""
    if t != "d":
        _in_double(smi, be, t, arrays, params, outs)
        return
    high, low, close = arrays
    period, fast, slow, signal = params
    line, sig = outs
    hi, lo = _extremes(be, t, high, low, period)
    be.kernels[t]["stochastic.smi"](close, hi, lo, period, fast, slow, signal,
                                    unstable("EMA"), line, sig)
