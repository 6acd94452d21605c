"""TA-Lib's global settings: unstable periods and compatibility mode.

`set_unstable_period(id, n)`: functions whose recurrence has an unstable start (EMA, RSI, ATR,
the ADX family, KAMA, T3, the Hilbert transform, ...) show their first value n bars later. TA-Lib
still starts the recurrence at the first bar, so the values themselves do not change: the lookback
grows by n for each use of that id (MACD: twice, its slow EMA and its signal EMA). "ALL" sets every id.

`set_compatibility(0 | 1)`: TA-Lib's default or Metastock mode. TA-Lib 0.8.2's functions give the
same outputs in both modes (tested against it); the value is kept and reported as TA-Lib does.
"""
import contextlib
import contextvars
import threading

import warnings

# TA-Lib 0.8.2's ids (talib._ta_lib._ta_func_unst_ids), and the retired ones it still accepts
UNSTABLE_IDS = ("ADX", "ATR", "CMO", "DX", "EMA", "HT_DCPERIOD", "HT_DCPHASE", "HT_PHASOR",
                "HT_SINE", "HT_TRENDLINE", "HT_TRENDMODE", "KAMA", "MAMA", "MINUS_DI", "MINUS_DM",
                "NATR", "PLUS_DI", "PLUS_DM", "RSI", "T3", "RMA", "HA", "RVI")
RETIRED = {"ADXR": "ADXR has no unstable period of its own; it follows the inner ADX. Set 'ADX' instead.",
           "MFI": "MFI's unstable period was retired in TA-Lib C.",
           "STOCHRSI": "STOCHRSI has no unstable period of its own; it follows the inner RSI. "
                       "Set 'RSI' instead."}
_lock = threading.Lock()
_pinned = contextvars.ContextVar("fastind_unstable_pinned", default=None)
_unstable = dict.fromkeys(UNSTABLE_IDS, 0)
_nonzero = set()
_compatibility = 0


def _check_id(func_id):
    """The id upper-cased; None (with TA-Lib's DeprecationWarning) for a retired one."""
    key = func_id.upper() if isinstance(func_id, str) else func_id
    if key in RETIRED:
        warnings.warn(f"unstable period {func_id!r} is deprecated and has no effect: {RETIRED[key]}",
                      DeprecationWarning, stacklevel=3)
        return None
    if key not in _unstable and key != "ALL":
        raise KeyError(func_id)  # what TA-Lib raises for an unknown id
    return key


def set_unstable_period(func_id, period):
    """Extra bars before the first output of the functions using `func_id` ("ALL": every id)."""
    func_id = _check_id(func_id)
    if isinstance(period, bool) or not isinstance(period, int) or not 0 <= period <= 2 ** 31 - 1:
        raise ValueError(f"period must be a non-negative integer, got {period!r}")
    if func_id is None:
        return
    with _lock:
        for key in (_unstable if func_id == "ALL" else (func_id,)):
            _unstable[key] = period
            (_nonzero.add if period else _nonzero.discard)(key)


def get_unstable_period(func_id):
    key = _check_id(func_id)
    if key is None:
        return 0
    return _unstable["EMA"] if key == "ALL" else _unstable[key]


def unstable(func_id):
    """The unstable period of one id (0 unless set), or that of the snapshot in force (a
    stream's, see applied)."""
    pinned = _pinned.get()
    return _unstable[func_id] if pinned is None else pinned[func_id]


def any_unstable(ids):
    """True when any of `ids` has a non-zero unstable period (cheap: a set test per id)."""
    pinned = _pinned.get()
    if pinned is not None:
        return any(pinned[i] for i in ids)
    return bool(_nonzero) and any(i in _nonzero for i in ids)


def snapshot():
    """The unstable periods in force now: a stream keeps them for its life (and its pickle)."""
    pinned = _pinned.get()
    return dict(_unstable if pinned is None else pinned)


@contextlib.contextmanager
def applied(periods):
    """unstable() answers from `periods` (a snapshot) in this context (this thread or task)."""
    token = _pinned.set(periods)
    try:
        yield
    finally:
        _pinned.reset(token)


def set_compatibility(value):
    """0: TA-Lib's default, 1: Metastock."""
    global _compatibility
    if isinstance(value, bool) or not isinstance(value, int) or value not in (0, 1):
        raise ValueError(f"compatibility must be 0 (default) or 1 (Metastock), got {value!r}")
    _compatibility = value


def get_compatibility():
    return _compatibility
