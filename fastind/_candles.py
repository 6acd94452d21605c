"""TA-Lib's candle settings, and `patterns()`: every candlestick pattern of one OHLC set at once.

A candle setting (BodyLong, BodyVeryLong, BodyShort, BodyDoji, ShadowLong, ShadowVeryLong,
ShadowShort, ShadowVeryShort, Near, Far, Equal) is a range type (0 RealBody: |close - open|,
1 HighLow: high - low, 2 Shadows: upper + lower shadow), an averaging period and a factor. A
pattern compares a candle with factor * (the mean range of the `period` candles before it), halved
for Shadows; a period of 0 compares with the candle's own range (ShadowLong: a shadow longer than
the candle's own body). TA-Lib's defaults are those of ta_global.c.

`set_candle_settings(setting, rangetype, avgperiod, factor)` changes a setting for every later call,
as TA-Lib's TA_SetCandleSettings; `restore_candle_default_settings(setting)` (ALL = 11: every one)
undoes it. `with candle_settings(BodyDoji=(1, 10, 0.05)):` changes settings for the calls inside
the block only (a context variable: other threads and tasks keep theirs). The lookbacks follow the
settings, as TA-Lib's do.
"""
import contextlib
import contextvars
import math
import threading

import numpy as np

SETTINGS = ("BodyLong", "BodyVeryLong", "BodyShort", "BodyDoji", "ShadowLong", "ShadowVeryLong",
            "ShadowShort", "ShadowVeryShort", "Near", "Far", "Equal")
ALL = len(SETTINGS)  # TA-Lib's AllCandleSettings
RANGE_TYPES = ("RealBody", "HighLow", "Shadows")
REAL_BODY, HIGH_LOW, SHADOWS = range(3)
DEFAULTS = {
    "BodyLong": (REAL_BODY, 10, 1.0),
    "BodyVeryLong": (REAL_BODY, 10, 3.0),
    "BodyShort": (REAL_BODY, 10, 1.0),
    "BodyDoji": (HIGH_LOW, 10, 0.1),
    "ShadowLong": (REAL_BODY, 0, 1.0),
    "ShadowVeryLong": (REAL_BODY, 0, 2.0),
    "ShadowShort": (SHADOWS, 10, 1.0),
    "ShadowVeryShort": (HIGH_LOW, 10, 0.1),
    "Near": (HIGH_LOW, 5, 0.2),
    "Far": (HIGH_LOW, 5, 0.6),
    "Equal": (HIGH_LOW, 5, 0.05),
}

_lock = threading.Lock()
_global = dict(DEFAULTS)
_context = contextvars.ContextVar("fastind_candle_settings", default=None)


class _State:
    """One complete set of settings with the kernels' arrays of it: ci[0] range types, ci[1]
    periods (intp), cf factors (float64)."""

    __slots__ = ("values", "ci", "cf")

    def __init__(self, values):
        self.values = dict(values)
        self.ci = np.array([[self.values[s][0] for s in SETTINGS],
                            [self.values[s][1] for s in SETTINGS]], dtype=np.intp)
        self.cf = np.array([self.values[s][2] for s in SETTINGS], dtype=np.float64)
        self.ci.flags.writeable = False
        self.cf.flags.writeable = False


_global_state = _State(_global)


def _setting_index(setting, allow_all=False):
    if isinstance(setting, str):
        names = {s.lower(): k for k, s in enumerate(SETTINGS)}
        if allow_all and setting.lower() in ("all", "allcandlesettings"):
            return ALL
        if setting.lower() not in names:
            raise ValueError(f"unknown candle setting {setting!r}; one of {', '.join(SETTINGS)}")
        return names[setting.lower()]
    if isinstance(setting, bool) or not isinstance(setting, (int, np.integer)) or not (
            0 <= setting < len(SETTINGS) + allow_all):
        raise ValueError(f"candle setting must be 0..{len(SETTINGS) - 1 + allow_all} or a name "
                         f"({', '.join(SETTINGS)}), got {setting!r}")
    return int(setting)


def _check(rangetype, avgperiod, factor):
    """(rangetype, avgperiod, factor) as TA_SetCandleSettings accepts them (ValueError where it
    answers TA_BAD_PARAM): a range type 0..2 or its name, a period >= 0, a finite factor."""
    if isinstance(rangetype, str):
        names = {r.lower(): k for k, r in enumerate(RANGE_TYPES)}
        if rangetype.lower() not in names:
            raise ValueError(f"unknown range type {rangetype!r}; one of {', '.join(RANGE_TYPES)}")
        rangetype = names[rangetype.lower()]
    if isinstance(rangetype, bool) or not isinstance(rangetype, (int, np.integer)) \
            or not 0 <= rangetype <= 2:
        raise ValueError(f"rangetype must be 0 (RealBody), 1 (HighLow) or 2 (Shadows), got {rangetype!r}")
    if isinstance(avgperiod, bool) or not isinstance(avgperiod, (int, np.integer)) \
            or not 0 <= avgperiod <= 2 ** 31 - 1:
        raise ValueError(f"avgperiod must be a non-negative integer, got {avgperiod!r}")
    if isinstance(factor, bool) or not isinstance(factor, (int, float, np.integer, np.floating)) \
            or not math.isfinite(factor):
        raise ValueError(f"factor must be a finite real number, got {factor!r}")
    return int(rangetype), int(avgperiod), float(factor)


def set_candle_settings(settingtype, rangetype, avgperiod, factor):
    """TA_SetCandleSettings: setting `settingtype` (TA-Lib's CandleSettingType code 0..10 or its
    name) becomes (rangetype, avgperiod, factor) for every later call."""
    global _global_state
    key = SETTINGS[_setting_index(settingtype)]
    value = _check(rangetype, avgperiod, factor)
    with _lock:
        _global[key] = value
        _global_state = _State(_global)


def restore_candle_default_settings(settingtype=ALL):
    """TA_RestoreCandleDefaultSettings: one setting (or ALL = 11, every one) back to TA-Lib's
    default."""
    global _global_state
    index = _setting_index(settingtype, allow_all=True)
    with _lock:
        for key in (SETTINGS if index == ALL else (SETTINGS[index],)):
            _global[key] = DEFAULTS[key]
        _global_state = _State(_global)


def get_candle_settings():
    """{setting name: (rangetype, avgperiod, factor)} as a call made here would use them."""
    return dict(_current().values)


@contextlib.contextmanager
def candle_settings(settings=None, **changes):
    """Settings for the calls inside the block only: `candle_settings(BodyDoji=(1, 10, 0.05))` or
    `candle_settings({"BodyDoji": (1, 10, 0.05)})`; the others stay as they are."""
    values = dict(_current().values)
    for name, value in {**(settings or {}), **changes}.items():
        values[SETTINGS[_setting_index(name)]] = _check(*value)
    token = _context.set(_State(values))
    try:
        yield
    finally:
        _context.reset(token)


def _current():
    state = _context.get()
    return _global_state if state is None else state


def arrays():
    """(ci, cf) of the settings in force: what the kernels read."""
    state = _current()
    return state.ci, state.cf


def period(name):
    """The averaging period of one setting in force (the registry's lookbacks read it)."""
    return _current().values[name][1]


def patterns(open, high, low, close, *, names=None, backend=None):
    """Every candlestick pattern of one OHLC set: {TA-Lib name: int32 array} (TA-Lib's values,
    0 over each pattern's lookback), computed in one pass that shares the candle averages.

    `names`: some TA-Lib names only (default: all 61), in the order given. Inputs as for the
    single functions, 1-D or 2-D (one series per row); the results are ndarrays of the inputs'
    shape. The candle settings in force apply (see the module docstring); the patterns with a
    penetration use its default (fastind.cdl_<name> takes others)."""
    from ._compose.candles import all_patterns

    return all_patterns(open, high, low, close, names=names, backend=backend)
