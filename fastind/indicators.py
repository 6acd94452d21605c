"""The native API: one function per indicator.

Every function takes 1-D or 2-D input (2-D: one series per row, time on the last axis), as ndarray,
list, pandas Series/DataFrame (a DataFrame holds one series per column) or polars Series; float32
in gives float32 out (accumulated in float64), ints and bools become float64. Results have the
input's length with NaN over the lookback, as TA-Lib. A NaN in any input restarts the indicator:
each run of valid bars is computed as its own series. `out=` writes into a caller's buffer;
`backend=` overrides the backend for one call.
"""
import numpy as np

from . import _backends
from ._inputs import Prepared, allocate, check_period, check_real, finish

_MATYPES = {"sma": 0, "ema": 1, "wma": 2}
_MA_KERNEL = {0: "sma", 1: "ema", 2: "wma"}


def _run(named_inputs, n_out, compute, out, backend, out_dtype=None):
    be = _backends.current(backend)
    prep = Prepared(named_inputs)
    kernel_outs, finals, copies = allocate(prep, n_out, out, out_dtype)
    compute(be, prep.dtype.char, prep.arrays, kernel_outs)
    return finish(prep, finals, copies)


def _one(family, kernel, x, params, out, backend):
    """Single input, single output kernels: kernel(x, *params, out)."""
    return _run((("x", x),), 1,
                lambda be, t, a, o: be.kernel(family, kernel, t)(a[0], *params, o[0]), out, backend)


def check_matype(matype):
    """'sma' | 'ema' | 'wma' or TA-Lib's MA_Type 0 | 1 | 2 -> 0 | 1 | 2."""
    if isinstance(matype, str) and matype.lower() in _MATYPES:
        return _MATYPES[matype.lower()]
    if isinstance(matype, (int, np.integer)) and not isinstance(matype, bool) and int(matype) in _MA_KERNEL:
        return int(matype)
    raise ValueError(f"matype must be one of 'sma', 'ema', 'wma' (MA_Type 0, 1, 2), got {matype!r}")


def sma(x, period=30, *, out=None, backend=None):
    """Simple moving average: mean of the last `period` values. Lookback period-1."""
    return _one("moving", "sma", x, (check_period(period),), out, backend)


def ema(x, period=30, *, out=None, backend=None):
    """Exponential moving average, k = 2/(period+1), seeded by the SMA of the first `period` values.
    Lookback period-1."""
    return _one("moving", "ema", x, (check_period(period),), out, backend)


def wma(x, period=30, *, out=None, backend=None):
    """Linearly weighted moving average, weights 1..period (newest heaviest). Lookback period-1."""
    return _one("moving", "wma", x, (check_period(period),), out, backend)


def var(x, period=5, *, out=None, backend=None):
    """Rolling population variance (ddof=0) over `period` values. Lookback period-1."""
    return _one("moving", "moments", x, (check_period(period), 1.0, False), out, backend)


def stddev(x, period=5, nbdev=1.0, *, out=None, backend=None):
    """Rolling population standard deviation times `nbdev`. Lookback period-1."""
    return _one("moving", "moments", x, (check_period(period), check_real(nbdev, "nbdev"), True),
                out, backend)


def mom(x, period=10, *, out=None, backend=None):
    """Momentum: x[t] - x[t-period]. Lookback period."""
    return _one("momentum", "mom", x, (check_period(period),), out, backend)


def roc(x, period=10, *, out=None, backend=None):
    """Rate of change in percent: (x[t]/x[t-period] - 1)*100, 0 where x[t-period] is 0. Lookback period."""
    return _one("momentum", "roc", x, (check_period(period),), out, backend)


def momentum_signal(x, period=10, *, out=None, backend=None):
    """int8 signal: 1 where x[t] > x[t-period] (rising), 0 where not, -1 where undefined (the first
    `period` bars of each run, NaN bars). Lookback period."""
    p = check_period(period)
    return _run((("x", x),), 1,
                lambda be, t, a, o: be.kernel("momentum", "momentum_signal", t)(a[0], p, o[0]),
                out, backend, out_dtype=np.int8)


def rsi(x, period=14, *, out=None, backend=None):
    """Relative strength index, 100*G/(G+L) with Wilder-smoothed average gain G and loss L; 0 for
    flat prices. Lookback period."""
    return _one("momentum", "rsi", x, (check_period(period),), out, backend)


def macd(x, fast=12, slow=26, signal=9, *, out=None, backend=None):
    """(macd, signal, hist): EMA_fast - EMA_slow, its EMA over `signal`, and their difference. Both
    EMAs start on bar slow-1 (TA-Lib); fast and slow are swapped if given the wrong way round.
    Lookback slow-1 + signal-1."""
    f = check_period(fast, "fast", 2)
    s = check_period(slow, "slow", 2)
    g = check_period(signal, "signal")
    if s < f:
        f, s = s, f
    return _run((("x", x),), 3,
                lambda be, t, a, o: be.kernel("momentum", "macd", t)(a[0], f, s, g, o[0], o[1], o[2]),
                out, backend)


def _extreme(x, period, sign, out, backend):
    p = check_period(period)

    def compute(be, t, a, o):
        be.kernel("extrema", "extreme", t)(a[0], p, sign, o[0], np.empty(p))

    return _run((("x", x),), 1, compute, out, backend)


def rolling_max(x, period=30, *, out=None, backend=None):
    """Highest value over the last `period` values (TA-Lib MAX). Lookback period-1. O(n)."""
    return _extreme(x, period, 1.0, out, backend)


def rolling_min(x, period=30, *, out=None, backend=None):
    """Lowest value over the last `period` values (TA-Lib MIN). Lookback period-1. O(n)."""
    return _extreme(x, period, -1.0, out, backend)


def channel(high, low=None, period=20, *, out=None, backend=None):
    """Breakout (Donchian) channel, both bands in one call: (upper, lower) = (highest `high`, lowest
    `low`) over the last `period` bars; with one series, its rolling max and min (TA-Lib MINMAX
    swapped to (max, min)). A close above the previous bar's upper band is a breakout. Lookback
    period-1."""
    p = check_period(period)
    inputs = (("high", high),) if low is None else (("high", high), ("low", low))

    def compute(be, t, a, o):
        kernel = be.kernel("extrema", "extreme", t)
        work = np.empty(p)
        kernel(a[0], p, 1.0, o[0], work)
        kernel(a[-1], p, -1.0, o[1], work)

    return _run(inputs, 2, compute, out, backend)


def bbands(x, period=20, nbdevup=2.0, nbdevdn=2.0, matype="sma", *, out=None, backend=None):
    """Bollinger bands (upper, middle, lower): middle = moving average of `matype` ('sma', 'ema',
    'wma'); bands = middle +/- nbdev * rolling population stddev around the simple mean (as TA-Lib,
    whatever the matype). Lookback period-1."""
    p = check_period(period)
    up = check_real(nbdevup, "nbdevup")
    dn = check_real(nbdevdn, "nbdevdn")
    ma = _MA_KERNEL[check_matype(matype)]

    def compute(be, t, a, o):
        upper, middle, lower = o
        be.kernel("moving", ma, t)(a[0], p, middle)
        be.kernel("moving", "moments", t)(a[0], p, 1.0, True, upper)
        be.kernel("moving", "bands", t)(middle, upper, up, dn, upper, lower)

    return _run((("x", x),), 3, compute, out, backend)


def trange(high, low, close, *, out=None, backend=None):
    """True range: max(high - low, |close[t-1] - high|, |close[t-1] - low|). Lookback 1."""
    return _run((("high", high), ("low", low), ("close", close)), 1,
                lambda be, t, a, o: be.kernel("volatility", "trange", t)(a[0], a[1], a[2], o[0]),
                out, backend)


def atr(high, low, close, period=14, *, out=None, backend=None):
    """Average true range: Wilder smoothing of TRANGE seeded by its first `period`-bar mean.
    Lookback period."""
    p = check_period(period)
    return _run((("high", high), ("low", low), ("close", close)), 1,
                lambda be, t, a, o: be.kernel("volatility", "atr", t)(a[0], a[1], a[2], p, o[0]),
                out, backend)


def obv(close, volume, *, out=None, backend=None):
    """On-balance volume: running sum of volume signed by the close's direction, starting at the
    first bar's volume. Lookback 0."""
    return _run((("close", close), ("volume", volume)), 1,
                lambda be, t, a, o: be.kernel("volume", "obv", t)(a[0], a[1], o[0]), out, backend)


__all__ = ["sma", "ema", "wma", "var", "stddev", "mom", "roc", "momentum_signal", "rsi", "macd",
           "rolling_max", "rolling_min", "channel", "bbands", "trange", "atr", "obv"]
