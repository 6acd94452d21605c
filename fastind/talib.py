"""TA-Lib's function API over fastind: replace `import talib` with `from fastind import talib`.

Names, positional order, keyword names, defaults and output tuples are TA-Lib 0.8.2's; so are the
parameter ranges (a bad one raises ValueError where TA-Lib raises its generic Exception). Beyond
TA-Lib: float32 input gives float32 output, ints, bools, lists and strided arrays are accepted, and
2-D input computes each row as a series. pandas and polars Series come back as Series.
"""
import numbers

import numpy as np

from . import indicators as _ind
from ._inputs import check_period

__all__ = ["MA_Type", "get_functions", "get_function_groups", "SMA", "EMA", "WMA", "MOM", "ROC",
           "MAX", "MIN", "MINMAX", "STDDEV", "VAR", "RSI", "TRANGE", "ATR", "MACD", "BBANDS", "OBV"]


class _MAType:
    """TA-Lib's MA_Type: integer codes, and their names by index. fastind computes SMA, EMA, WMA."""

    SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3 = range(9)
    _names = ("Simple Moving Average", "Exponential Moving Average", "Weighted Moving Average",
              "Double Exponential Moving Average", "Triple Exponential Moving Average",
              "Triangular Moving Average", "Kaufman Adaptive Moving Average",
              "MESA Adaptive Moving Average", "Triple Generalized Double Exponential Moving Average")

    def __getitem__(self, code):
        return self._names[code]


MA_Type = _MAType()


def _period(value, name, minimum):
    # TA-Lib's int parameters also take integral floats (5.0)
    if type(value) is not int and isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return check_period(value, name, minimum)


def _matype(matype):
    try:
        return _ind.check_matype(matype)
    except ValueError:
        if isinstance(matype, numbers.Integral) and 3 <= int(matype) <= 8:
            raise ValueError(f"matype {int(matype)} ({MA_Type[int(matype)]}) is not computed by "
                             "fastind; supported: MA_Type.SMA, MA_Type.EMA, MA_Type.WMA") from None
        raise


def SMA(real, timeperiod=30):
    """Simple Moving Average (Overlap Studies). Output: real."""
    return _ind.sma(real, _period(timeperiod, "timeperiod", 1))


def EMA(real, timeperiod=30):
    """Exponential Moving Average (Overlap Studies). Output: real."""
    return _ind.ema(real, _period(timeperiod, "timeperiod", 1))


def WMA(real, timeperiod=30):
    """Weighted Moving Average (Overlap Studies). Output: real."""
    return _ind.wma(real, _period(timeperiod, "timeperiod", 1))


def MOM(real, timeperiod=10):
    """Momentum (Momentum Indicators). Output: real."""
    return _ind.mom(real, _period(timeperiod, "timeperiod", 1))


def ROC(real, timeperiod=10):
    """Rate of change: ((price/prevPrice)-1)*100 (Momentum Indicators). Output: real."""
    return _ind.roc(real, _period(timeperiod, "timeperiod", 1))


def MAX(real, timeperiod=30):
    """Highest value over a specified period (Math Operators). Output: real."""
    return _ind.rolling_max(real, _period(timeperiod, "timeperiod", 2))


def MIN(real, timeperiod=30):
    """Lowest value over a specified period (Math Operators). Output: real."""
    return _ind.rolling_min(real, _period(timeperiod, "timeperiod", 2))


def MINMAX(real, timeperiod=30):
    """Lowest and highest values over a specified period (Math Operators). Outputs: min, max."""
    upper, lower = _ind.channel(real, period=_period(timeperiod, "timeperiod", 2))
    return lower, upper


def STDDEV(real, timeperiod=5, nbdev=1.0):
    """Standard Deviation (Statistic Functions). Output: real."""
    return _ind.stddev(real, _period(timeperiod, "timeperiod", 2), nbdev)


def VAR(real, timeperiod=5, nbdev=1.0):
    """Variance (Statistic Functions); nbdev is accepted and, as in TA-Lib, unused. Output: real."""
    _ind.check_real(nbdev, "nbdev")
    return _ind.var(real, _period(timeperiod, "timeperiod", 1))


def RSI(real, timeperiod=14):
    """Relative Strength Index (Momentum Indicators). Output: real."""
    return _ind.rsi(real, _period(timeperiod, "timeperiod", 2))


def TRANGE(high, low, close):
    """True Range (Volatility Indicators). Output: real."""
    return _ind.trange(high, low, close)


def ATR(high, low, close, timeperiod=14):
    """Average True Range (Volatility Indicators). Output: real."""
    return _ind.atr(high, low, close, _period(timeperiod, "timeperiod", 1))


def MACD(real, fastperiod=12, slowperiod=26, signalperiod=9):
    """Moving Average Convergence/Divergence (Momentum Indicators). Outputs: macd, macdsignal,
    macdhist."""
    return _ind.macd(real, _period(fastperiod, "fastperiod", 2), _period(slowperiod, "slowperiod", 2),
                     _period(signalperiod, "signalperiod", 1))


def BBANDS(real, timeperiod=20, nbdevup=2.0, nbdevdn=2.0, matype=0):
    """Bollinger Bands (Overlap Studies). Outputs: upperband, middleband, lowerband."""
    return _ind.bbands(real, _period(timeperiod, "timeperiod", 2), nbdevup, nbdevdn, _matype(matype))


def OBV(real, volume):
    """On Balance Volume (Volume Indicators). Output: real."""
    return _ind.obv(real, volume)


_GROUPS = {
    "Math Operators": ["MAX", "MIN", "MINMAX"],
    "Momentum Indicators": ["MACD", "MOM", "ROC", "RSI"],
    "Overlap Studies": ["BBANDS", "EMA", "SMA", "WMA"],
    "Statistic Functions": ["STDDEV", "VAR"],
    "Volatility Indicators": ["ATR", "TRANGE"],
    "Volume Indicators": ["OBV"],
}


def get_function_groups():
    """Covered TA-Lib functions by TA-Lib's group name."""
    return {group: list(names) for group, names in _GROUPS.items()}


def get_functions():
    """Names of the TA-Lib functions fastind covers."""
    return [name for names in _GROUPS.values() for name in names]
