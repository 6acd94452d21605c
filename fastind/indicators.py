"""The native API: one function per indicator.

Every function takes 1-D or 2-D input (2-D: one series per row, time on the last axis), as ndarray,
list, pandas Series/DataFrame (a DataFrame holds one series per column) or polars Series; float32
in gives float32 out (accumulated in float64), ints and bools become float64. Results have the
input's length with NaN over the lookback, as TA-Lib. A NaN or an infinity in any input restarts
the indicator: each run of finite bars is computed as its own series. `out=` writes into a caller's
buffer; `backend=` overrides the backend for one call.
"""
import numpy as np

from . import _backends
from ._inputs import allocate, check_period, check_real, finish, fresh_plain, prepare, prepare_plain

_MATYPES = {"sma": 0, "ema": 1, "wma": 2}
_MA_KERNEL = {0: "sma", 1: "ema", 2: "wma"}
_X = ("x",)
_HLC = ("high", "low", "close")


def _run(names, inputs, params, n_out, compute, out, backend, out_dtype=None):
    """Every indicator call: resolve the backend, validate and prepare the inputs (`names` name them
    in error messages) and the outputs, run compute(backend, dtype char, 2-D inputs, params, 2-D
    outputs), shape the results. `params` are validated by the caller, before this."""
    be = _backends.current(backend)
    if out is None:
        fresh = fresh_plain(inputs, n_out, out_dtype)
        if fresh is not None:  # the common call: plain 1-D inputs into fresh results
            arrays, dtype_char, kernel_outs, results = fresh
            compute(be, dtype_char, arrays, params, kernel_outs)
            return results
    return _run_general(be, names, inputs, params, n_out, compute, out, out_dtype)


def _run_lines(names, inputs, params, n_out, compute, stacked, out, backend):
    """_run for a kernel of several output lines with a `_stacked` twin ("family.name" `stacked`):
    the fresh results of a short plain series are then rows of one block, which that twin fills
    (see _inputs.fresh_plain_py). A separate entry, so that one-line calls pay nothing for it."""
    be = _backends.current(backend)
    if out is None:
        fresh = fresh_plain(inputs, n_out, None, True)
        if fresh is not None:
            arrays, dtype_char, kernel_outs, results = fresh
            if len(kernel_outs) == 1:  # one block for all the lines
                be.kernels[dtype_char][stacked](*arrays, *params, kernel_outs[0])
            else:
                compute(be, dtype_char, arrays, params, kernel_outs)
            return results
    return _run_general(be, names, inputs, params, n_out, compute, out, None)


def _run_general(be, names, inputs, params, n_out, compute, out, out_dtype):
    """The rest of _run: inputs to convert or check (prepare), or outputs given (`out`)."""
    if out is None:
        prepared = prepare(names, inputs)
    else:
        prepared = prepare_plain(inputs) or prepare(names, inputs)
    kernel_outs, finals, copies = allocate(prepared, n_out, out, out_dtype)
    compute(be, prepared[1].char, prepared[0], params, kernel_outs)
    return finish(prepared, finals, copies)


def _kernel(family, name):
    """The compute for an indicator that is one kernel call: kernel(*inputs, *params, *outputs).
    Made once per indicator, at import, so that a call creates no closure."""
    key = f"{family}.{name}"

    def compute(be, t, arrays, params, outs):
        be.kernels[t][key](*arrays, *params, *outs)

    compute.__qualname__ = compute.__name__ = f"{family}.{name}"
    return compute


_SMA = _kernel("moving", "sma")
_EMA = _kernel("moving", "ema")
_WMA = _kernel("moving", "wma")
_MOMENTS = _kernel("moving", "moments")
_MOM = _kernel("momentum", "mom")
_ROC = _kernel("momentum", "roc")
_MOMENTUM_SIGNAL = _kernel("momentum", "momentum_signal")
_RSI = _kernel("momentum", "rsi")
_MACD = _kernel("momentum", "macd")
_TRANGE = _kernel("volatility", "trange")
_ATR = _kernel("volatility", "atr")
_OBV = _kernel("volume", "obv")
_MAX = _kernel("extrema", "rolling_max")
_MIN = _kernel("extrema", "rolling_min")


_MINMAX = _kernel("extrema", "rolling_minmax")  # one series: both extremes in one pass over it


def _channel_compute(be, t, arrays, params, outs):
    """The channel of two series: the max of the first, the min of the second."""
    period, = params
    kernels = be.kernels[t]
    kernels["extrema.rolling_max"](arrays[0], period, outs[0])
    kernels["extrema.rolling_min"](arrays[1], period, outs[1])


_BOLLINGER_MEAN = _kernel("moving", "bollinger_mean")  # bbands with an SMA middle: one pass
_BOLLINGER_MEAN_STACKED = "moving.bollinger_mean_stacked"
_MACD_STACKED = "momentum.macd_stacked"


def _bbands_compute(be, t, arrays, params, outs):
    """bbands with an EMA or WMA middle: the average, then the bands around the simple mean."""
    period, up, dn, ma = params
    x = arrays[0]
    upper, middle, lower = outs
    be.kernel("moving", ma, t)(x, period, middle)
    be.kernel("moving", "bollinger", t)(x, middle, period, up, dn, upper, lower)


def check_matype(matype):
    """'sma' | 'ema' | 'wma' or TA-Lib's MA_Type 0 | 1 | 2 -> 0 | 1 | 2."""
    if type(matype) is int and matype in _MA_KERNEL:  # the usual cases, without the ABC check
        return matype
    if type(matype) is str and matype in _MATYPES:
        return _MATYPES[matype]
    if isinstance(matype, str) and matype.lower() in _MATYPES:
        return _MATYPES[matype.lower()]
    if isinstance(matype, (int, np.integer)) and not isinstance(matype, bool) and int(matype) in _MA_KERNEL:
        return int(matype)
    raise ValueError(f"matype must be one of 'sma', 'ema', 'wma' (MA_Type 0, 1, 2), got {matype!r}")


def sma(x, period=30, *, out=None, backend=None):
    """Simple moving average: mean of the last `period` values. Lookback period-1."""
    return _run(_X, (x,), (check_period(period),), 1, _SMA, out, backend)


def ema(x, period=30, *, out=None, backend=None):
    """Exponential moving average, k = 2/(period+1), seeded by the SMA of the first `period` values.
    Lookback period-1."""
    return _run(_X, (x,), (check_period(period),), 1, _EMA, out, backend)


def wma(x, period=30, *, out=None, backend=None):
    """Linearly weighted moving average, weights 1..period (newest heaviest). Lookback period-1."""
    return _run(_X, (x,), (check_period(period),), 1, _WMA, out, backend)


def var(x, period=5, *, out=None, backend=None):
    """Rolling population variance (ddof=0) over `period` values. Lookback period-1."""
    return _run(_X, (x,), (check_period(period), 1.0, False), 1, _MOMENTS, out, backend)


def stddev(x, period=5, nbdev=1.0, *, out=None, backend=None):
    """Rolling population standard deviation times `nbdev`. Lookback period-1."""
    return _run(_X, (x,), (check_period(period), check_real(nbdev, "nbdev"), True), 1, _MOMENTS,
                out, backend)


def mom(x, period=10, *, out=None, backend=None):
    """Momentum: x[t] - x[t-period]. Lookback period."""
    return _run(_X, (x,), (check_period(period),), 1, _MOM, out, backend)


def roc(x, period=10, *, out=None, backend=None):
    """Rate of change in percent: (x[t]/x[t-period] - 1)*100, 0 where x[t-period] is 0. Lookback period."""
    return _run(_X, (x,), (check_period(period),), 1, _ROC, out, backend)


def momentum_signal(x, period=10, *, out=None, backend=None):
    """int8 signal: 1 where x[t] > x[t-period] (rising), 0 where not, -1 where undefined (the first
    `period` bars of each run, NaN bars). Lookback period."""
    return _run(_X, (x,), (check_period(period),), 1, _MOMENTUM_SIGNAL, out, backend,
                out_dtype=np.int8)


def rsi(x, period=14, *, out=None, backend=None):
    """Relative strength index, 100*G/(G+L) with Wilder-smoothed average gain G and loss L; 0 for
    flat prices. Lookback period."""
    return _run(_X, (x,), (check_period(period),), 1, _RSI, out, backend)


def macd(x, fast=12, slow=26, signal=9, *, out=None, backend=None):
    """(macd, signal, hist): EMA_fast - EMA_slow, its EMA over `signal`, and their difference. Both
    EMAs start on bar slow-1 (TA-Lib); fast and slow are swapped if given the wrong way round.
    Lookback slow-1 + signal-1. Fresh results of a 1-D series of at most 4096 bars are the rows
    of one (3, n) array."""
    f = check_period(fast, "fast", 2)
    s = check_period(slow, "slow", 2)
    g = check_period(signal, "signal")
    if s < f:
        f, s = s, f
    return _run_lines(_X, (x,), (f, s, g), 3, _MACD, _MACD_STACKED, out, backend)


def rolling_max(x, period=30, *, out=None, backend=None):
    """Highest value over the last `period` values (TA-Lib MAX). Lookback period-1. O(n)."""
    return _run(_X, (x,), (check_period(period),), 1, _MAX, out, backend)


def rolling_min(x, period=30, *, out=None, backend=None):
    """Lowest value over the last `period` values (TA-Lib MIN). Lookback period-1. O(n)."""
    return _run(_X, (x,), (check_period(period),), 1, _MIN, out, backend)


def channel(high, low=None, period=20, *, out=None, backend=None):
    """Breakout (Donchian) channel, both bands in one call: (upper, lower) = (highest `high`, lowest
    `low`) over the last `period` bars; with one series, its rolling max and min (TA-Lib MINMAX
    swapped to (max, min)). A close above the previous bar's upper band is a breakout. Lookback
    period-1."""
    p = check_period(period)
    if low is None:
        return _run(("high",), (high,), (p,), 2, _MINMAX, out, backend)
    return _run(("high", "low"), (high, low), (p,), 2, _channel_compute, out, backend)


def bbands(x, period=20, nbdevup=2.0, nbdevdn=2.0, matype="sma", *, out=None, backend=None):
    """Bollinger bands (upper, middle, lower): middle = moving average of `matype` ('sma', 'ema',
    'wma'); bands = middle +/- nbdev * rolling population stddev around the simple mean (as TA-Lib,
    whatever the matype). With 'sma' all three come from one pass over x, the middle as the window
    mean of that pass (equal to sma() within rounding). Lookback period-1.

    Fresh results of a 1-D series of at most 4096 bars are the rows of one (3, n) array."""
    p = check_period(period)
    up = check_real(nbdevup, "nbdevup")
    dn = check_real(nbdevdn, "nbdevdn")
    ma = _MA_KERNEL[check_matype(matype)]
    if ma == "sma":  # the window mean comes with the moments: one pass
        return _run_lines(_X, (x,), (p, up, dn), 3, _BOLLINGER_MEAN, _BOLLINGER_MEAN_STACKED, out,
                          backend)
    return _run(_X, (x,), (p, up, dn, ma), 3, _bbands_compute, out, backend)


def trange(high, low, close, *, out=None, backend=None):
    """True range: max(high - low, |close[t-1] - high|, |close[t-1] - low|). Lookback 1."""
    return _run(_HLC, (high, low, close), (), 1, _TRANGE, out, backend)


def atr(high, low, close, period=14, *, out=None, backend=None):
    """Average true range: Wilder smoothing of TRANGE seeded by its first `period`-bar mean.
    Lookback period."""
    return _run(_HLC, (high, low, close), (check_period(period),), 1, _ATR, out, backend)


def obv(close, volume, *, out=None, backend=None):
    """On-balance volume: running sum of volume signed by the close's direction, starting at the
    first bar's volume. Lookback 0."""
    return _run(("close", "volume"), (close, volume), (), 1, _OBV, out, backend)


__all__ = ["sma", "ema", "wma", "var", "stddev", "mom", "roc", "momentum_signal", "rsi", "macd",
           "rolling_max", "rolling_min", "channel", "bbands", "trange", "atr", "obv"]
