"""Native functions whose signature is their own (registry entries with native=False)."""
from ._call import run
from ._inputs import check_int

__all__ = ["channel"]


def channel(high, low=None, period=20, *, out=None, backend=None, threads=None):
    """Breakout (Donchian) channel, both bands in one call: (upper, lower) = (highest `high`, lowest
    `low`) over the last `period` bars; with one series, its rolling max and min (TA-Lib MINMAX
    swapped to (max, min)). A close above the previous bar's upper band is a breakout. Lookback
    period-1."""
    from .indicators import _B_CHANNEL, _B_MINMAX

    p = check_int(period, "period", 1, 100_000)
    if low is None:
        lower, upper = run(_B_MINMAX, (high,), (p,), None if out is None else out[::-1], backend,
                           threads)
        return upper, lower
    return run(_B_CHANNEL, (high, low), (p,), out, backend, threads)


from ._candles import patterns  # noqa: E402

__all__ += ["patterns"]
