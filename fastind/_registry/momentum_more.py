"""Momentum Indicators (continued): oscillators built from moving averages and differences."""
from . import lookbacks as lb
from .spec import Indicator, matype, period

G = "Momentum Indicators"
X = ("x",)
MA_UNSTABLE = ("EMA", "KAMA", "MAMA", "T3", "RMA")


def _po_lookback(fast, slow, matype):
    """APO/PPO: the longer MA's lookback; MA_Type DEFAULT is their own default, EMA."""
    matype = lb.EMA if matype == lb.DEFAULT else matype
    return max(lb.ma(fast, matype), lb.ma(slow, matype))


def _macdext_lookback(fast, fast_matype, slow, slow_matype, signal, signal_matype):
    return max(lb.ma(fast, fast_matype), lb.ma(slow, slow_matype)) + lb.ma(signal, signal_matype)


ENTRIES = (
    Indicator("bop", "BOP", G, ("open", "high", "low", "close"), (), ("real",), lambda: 0,
              "oscillators.bop", "(close - open) / (high - low), 0 where high <= low",
              display="Balance Of Power"),
    Indicator("rocp", "ROCP", G, X, (period(default=10, min=1),), ("real",),
              lambda period: period, "oscillators.rocp",
              "(x[t] - x[t-period]) / x[t-period], 0 where x[t-period] is 0",
              examples=({"period": 1}, {"period": 50}),
              display="Rate of change Percentage: (price-prevPrice)/prevPrice"),
    Indicator("rocr", "ROCR", G, X, (period(default=10, min=1),), ("real",),
              lambda period: period, "oscillators.rocr",
              "x[t] / x[t-period], 0 where x[t-period] is 0",
              examples=({"period": 1}, {"period": 50}),
              display="Rate of change ratio: (price/prevPrice)"),
    Indicator("rocr100", "ROCR100", G, X, (period(default=10, min=1),), ("real",),
              lambda period: period, "oscillators.rocr100",
              "x[t] / x[t-period] * 100, 0 where x[t-period] is 0",
              examples=({"period": 1}, {"period": 50}),
              display="Rate of change ratio 100 scale: (price/prevPrice)*100"),
    Indicator("qstick", "QSTICK", G, ("open", "close"), (period(default=10, min=1),), ("real",),
              lambda period: period - 1, "oscillators.qstick",
              "mean of (close - open) over `period` bars",
              examples=({"period": 1}, {"period": 2}, {"period": 60}),
              display="Qstick"),
    Indicator("ao", "AO", G, ("high", "low"),
              (period("fast", 5, talib="fastperiod", doc="fast SMA's period"),
               period("slow", 34, talib="slowperiod", doc="slow SMA's period")),
              ("real",), lambda fast, slow: max(fast, slow) - 1, "oscillators.ao",
              "SMA(median, fast) - SMA(median, slow), median = (high + low)/2 (not swapped "
              "when fast > slow)",
              examples=({"fast": 2, "slow": 3}, {"fast": 34, "slow": 5}, {"fast": 10, "slow": 80}),
              display="Awesome Oscillator"),
    Indicator("ac", "AC", G, ("high", "low"),
              (period("fast", 5, talib="fastperiod", doc="fast SMA's period"),
               period("slow", 34, talib="slowperiod", doc="slow SMA's period"),
               period("signal", 5, talib="signalperiod", doc="SMA period of the AO")),
              ("real",), lambda fast, slow, signal: max(fast, slow) - 1 + signal - 1,
              "oscillators:ac", "AO - SMA(AO, signal)",
              examples=({"fast": 2, "slow": 3, "signal": 2}, {"fast": 34, "slow": 5},
                        {"fast": 10, "slow": 60, "signal": 40}),
              display="Accelerator/Decelerator Oscillator"),
    Indicator("apo", "APO", G, X,
              (period("fast", 12, talib="fastperiod", doc="fast MA's period"),
               period("slow", 26, talib="slowperiod", doc="slow MA's period"),
               matype(default=1)),
              ("real",), _po_lookback, "oscillators:apo",
              "MA(fast) - MA(slow); the periods are swapped when slow < fast",
              unstable=MA_UNSTABLE,
              examples=({"matype": 0}, {"fast": 5, "slow": 3, "matype": 2},
                        {"fast": 2, "slow": 60, "matype": 11}, {"matype": 10}),
              display="Absolute Price Oscillator"),
    Indicator("ppo", "PPO", G, X,
              (period("fast", 12, talib="fastperiod", doc="fast MA's period"),
               period("slow", 26, talib="slowperiod", doc="slow MA's period"),
               matype(default=1)),
              ("real",), _po_lookback, "oscillators:ppo",
              "(MA(fast) - MA(slow)) / MA(slow) * 100, 0 where the slow MA is 0; the periods are "
              "swapped when slow < fast", unstable=MA_UNSTABLE,
              examples=({"matype": 0}, {"fast": 5, "slow": 3, "matype": 2},
                        {"fast": 2, "slow": 60, "matype": 11}),
              display="Percentage Price Oscillator"),
    Indicator("macdext", "MACDEXT", G, X,
              (period("fast", 12, talib="fastperiod", doc="fast MA's period"),
               matype("fast_matype", 0, talib="fastmatype", doc="fast MA's type"),
               period("slow", 26, talib="slowperiod", doc="slow MA's period"),
               matype("slow_matype", 0, talib="slowmatype", doc="slow MA's type"),
               period("signal", 9, min=1, talib="signalperiod", doc="signal MA's period"),
               matype("signal_matype", 0, talib="signalmatype", doc="signal MA's type")),
              ("macd", "macdsignal", "macdhist"), _macdext_lookback, "oscillators:macdext",
              "macd = MA_fast - MA_slow (both first valued on the same bar), signal = "
              "MA_signal(macd), hist = macd - signal, each MA of its own type",
              unstable=MA_UNSTABLE,
              examples=({"fast_matype": 1, "slow_matype": 1, "signal_matype": 1},
                        {"fast_matype": 1, "slow_matype": 1, "signal_matype": 0},
                        {"fast": 26, "fast_matype": 2, "slow": 12, "slow_matype": 1, "signal": 1},
                        {"fast": 2, "slow": 3, "signal": 2, "fast_matype": 11, "slow_matype": 10,
                         "signal_matype": 1}),
              display="MACD with controllable MA type"),
    Indicator("macdfix", "MACDFIX", G, X,
              (period("signal", 9, min=1, talib="signalperiod", doc="signal EMA's period"),),
              ("macd", "macdsignal", "macdhist"),
              lambda signal: lb.ema(26) + lb.ema(signal), "oscillators:macdfix",
              "MACD 12/26 with TA-Lib's fixed factors 0.15 and 0.075, signal = EMA(macd, "
              "signal), hist = macd - signal", unstable=("EMA",),
              examples=({"signal": 1}, {"signal": 2}, {"signal": 40}),
              display="Moving Average Convergence/Divergence Fix 12/26"),
)
