"""TA-Lib's function API over fastind: replace `import talib` with `from fastind import talib`.

Names, positional order, keyword names, defaults and output tuples are TA-Lib 0.8.2's; so are the
parameter ranges (a bad one raises ValueError where TA-Lib raises its generic Exception), the
global settings (set_unstable_period, set_compatibility) and the abstract API
(`fastind.talib.abstract`). Beyond TA-Lib: float32 input gives float32 output, ints, bools, lists
and strided arrays are accepted, and 2-D input computes each row as a series. pandas and polars
Series come back as Series.
"""
from .. import _registry
from .._candles import restore_candle_default_settings, set_candle_settings
from .._settings import get_compatibility, get_unstable_period, set_compatibility, set_unstable_period
from ._functions import *  # noqa: F401,F403
from ._functions import __all__ as _function_names


class _MAType:
    """TA-Lib 0.8.2's MA_Type: integer codes, and their names by index."""

    SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3, HMA, DISABLED, DEFAULT, ZLEMA, RMA = range(14)
    _names = ("Simple Moving Average", "Exponential Moving Average", "Weighted Moving Average",
              "Double Exponential Moving Average", "Triple Exponential Moving Average",
              "Triangular Moving Average", "Kaufman Adaptive Moving Average",
              "MESA Adaptive Moving Average", "Triple Generalized Double Exponential Moving Average",
              "Hull Moving Average", "No Moving Average (identity)",
              "The Function's Own Default Moving Average",
              "Zero-Lag Exponential Moving Average", "Wilder's Smoothed Moving Average")

    def __getitem__(self, code):
        return self._names[code]


MA_Type = _MAType()


def __getattr__(name):
    # TA-Lib 0.8.2's stream handles load on first use (fastind.talib.stream)
    if name in ("stream", "InsufficientHistory"):
        import importlib

        module = importlib.import_module(".stream", __name__)
        return module if name == "stream" else module.InsufficientHistory
    raise AttributeError(f"module 'fastind.talib' has no attribute {name!r}")


def get_function_groups():
    """Covered TA-Lib functions by TA-Lib's group name."""
    return _registry.talib_groups()


def get_functions():
    """Names of the TA-Lib functions fastind covers."""
    return [name for names in _registry.talib_groups().values() for name in names]


__all__ = ["MA_Type", "get_functions", "get_function_groups", "get_compatibility",
           "set_compatibility", "get_unstable_period", "set_unstable_period",
           "set_candle_settings", "restore_candle_default_settings"] + list(_function_names)
