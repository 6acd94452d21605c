"""The updates suite: one bar's update, fastind's stream against TA-Lib 0.8.2's stream handle.

Each function is opened on HISTORY bars of the market data (fastind.stream + update_many, and
talib.stream.NAME(history...)); a timed call then feeds UPDATES further bars one update at a
time, cycling over the same bars (the state keeps moving on). Per-update time = the call's time
/ UPDATES; both timed in alternate samples, so the ratio is fastind over TA-Lib in one run.
"""
from . import cases, data

HISTORY = 2_000
UPDATES = 1_000
# the quick plan's cases (issue 22's targets, and one of each kind of stream: a window replayed,
# a candlestick, a composition that keeps the Python step); the full plan times every function
TARGETS = ("sma", "ema", "rsi", "atr", "macd", "bbands", "stoch", "adx", "rolling_max",
           "cdl_engulfing", "cci", "macdext")


def _bars(case, market):
    arrays = [a.astype("float64") for a in case.arrays(market)]
    history = [a[:HISTORY] for a in arrays]
    bars = [tuple(float(a[HISTORY + i]) for a in arrays) for i in range(UPDATES)]
    return history, bars


def _feeding(update, bars):
    def run():
        for bar in bars:
            update(*bar)
    return run


def fastind_updates(case, market):
    """A callable feeding UPDATES bars to a fastind stream of the case (opened on its history)."""
    import fastind

    history, bars = _bars(case, market)
    s = fastind.stream(case.name, **case.params)
    s.update_many(*history)
    return _feeding(s.update, bars)


def talib_updates(case, market):
    """The same with TA-Lib's stream handle, or None without one."""
    if cases.talib is None or case.talib_name is None:
        return None
    import talib.stream

    history, bars = _bars(case, market)
    handle = getattr(talib.stream, case.talib_name)(*history, *case.talib_args)
    return _feeding(handle.update, bars)


def tasks(Task, F64, names=None):
    """Task list of the suite (Task and F64 from plan, which imports this module)."""
    result = []
    market = (lambda: data.market(HISTORY + UPDATES, F64))
    for case in cases.select(names):
        if case.name == "channel":  # a native composition with no stream of its own
            continue
        beside = ()
        if cases.talib is not None and case.talib_name:
            beside = (("talib", lambda case=case: talib_updates(case, market())),)
        result.append(Task("updates", case.name, "fastind.stream", "fastind", UPDATES, 1, F64,
                           (lambda case=case: fastind_updates(case, market())),
                           f"{UPDATES} updates after {HISTORY} bars of history", beside=beside))
    return result
