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

ENTRIES += (
    Indicator("cmo", "CMO", G, X, (period(default=14, min=2),), ("real",),
              lambda period: period + lb.U("CMO"), "oscillators.cmo",
              "100*(G - L)/(G + L), G and L Wilder-smoothed gains and losses; 0 for flat prices",
              unstable=("CMO",), examples=({"period": 2}, {"period": 60}),
              display="Chande Momentum Oscillator"),
    Indicator("cmou", "CMOU", G, X, (period(default=14, min=2),), ("real",),
              lambda period: period, "oscillators.cmou",
              "100*(U - D)/(U + D), U and D the sums of the up and down moves over `period` "
              "changes; 0 for a window of no change",
              examples=({"period": 2}, {"period": 60}),
              display="Chande Momentum Oscillator (Unsmoothed)"),
    Indicator("coppock", "COPPOCK", G, X,
              (period("wma_period", 10, min=1, talib="wmaperiod", doc="WMA period"),
               period("roc1_period", 11, min=1, talib="roc1period", doc="first ROC's period"),
               period("roc2_period", 14, min=1, talib="roc2period", doc="second ROC's period")),
              ("real",), lambda wma_period, roc1_period, roc2_period:
              max(roc1_period, roc2_period) + wma_period - 1, "oscillators:coppock",
              "WMA(ROC(x, roc1) + ROC(x, roc2), wma_period)",
              examples=({"wma_period": 1}, {"wma_period": 2, "roc1_period": 1, "roc2_period": 1},
                        {"wma_period": 30, "roc1_period": 20, "roc2_period": 5}),
              display="Coppock Curve"),
    Indicator("dpo", "DPO", G, X, (period(default=20, min=2),), ("real",),
              lambda period: max(period - 1, period // 2 + 1), "oscillators.dpo",
              "x[t - (period/2 + 1)] - SMA(x, period)",
              examples=({"period": 2}, {"period": 3}, {"period": 61}),
              display="Detrended Price Oscillator"),
    Indicator("er", "ER", G, X, (period(default=10, min=2),), ("real",),
              lambda period: period, "oscillators.er",
              "|x[t] - x[t-period]| / sum of |x[j] - x[j-1]| over `period` changes (1 for a "
              "window of no change)",
              examples=({"period": 2}, {"period": 60}),
              display="Kaufman Efficiency Ratio"),
    Indicator("eri", "ERI", G, ("high", "low", "close"), (period(default=13, min=1),),
              ("bullpower", "bearpower"), lambda period: lb.ema(period), "oscillators.eri",
              "bull = high - EMA(close, period), bear = low - EMA(close, period)",
              unstable=("EMA",), examples=({"period": 1}, {"period": 2}, {"period": 50}),
              display="Elder Ray Index (Bull Power / Bear Power)"),
    Indicator("imi", "IMI", G, ("open", "close"), (period(default=14, min=2),), ("real",),
              lambda period: period - 1, "oscillators.imi",
              "100*U/(U + D) over `period` bars, U the sum of close - open on up bars, D of "
              "open - close on the others; 50 where both are 0",
              examples=({"period": 2}, {"period": 60}),
              display="Intraday Momentum Index"),
    Indicator("mfi", "MFI", G, ("high", "low", "close", "volume"), (period(default=14, min=2),),
              ("real",), lambda period: period, "oscillators:mfi",
              "100*P/(P + N), P and N the positive and negative money flows (typical price * "
              "volume) over `period` bars; 0 where both are 0",
              examples=({"period": 2}, {"period": 60}),
              display="Money Flow Index"),
    Indicator("trix", "TRIX", G, X, (period(default=30, min=1),), ("real",),
              lambda period: 3 * lb.ema(period) + 1, "oscillators:trix",
              "ROC(EMA(EMA(EMA(x, period))), 1): the 1-bar rate of change of a triple EMA",
              unstable=("EMA",), examples=({"period": 1}, {"period": 2}, {"period": 9}),
              display="1-day Rate-Of-Change (ROC) of a Triple Smooth EMA"),
    Indicator("tsi", "TSI", G, X,
              (period("first", 25, talib="firstperiod", doc="first EMA's period"),
               period("second", 13, talib="secondperiod", doc="second EMA's period")),
              ("real",), lambda first, second: 1 + lb.ema(first) + lb.ema(second),
              "oscillators:tsi",
              "100 * EMA(EMA(m, first), second) / EMA(EMA(|m|, first), second), m = x[t] - "
              "x[t-1]; 0 where the denominator is 0", unstable=("EMA",),
              examples=({"first": 2, "second": 2}, {"first": 5, "second": 40}),
              display="True Strength Index"),
    Indicator("wad", "WAD", G, ("high", "low", "close"), (), ("real",), lambda: 0,
              "oscillators.wad",
              "running sum of close - min(low, close[t-1]) on up closes and close - "
              "max(high, close[t-1]) on down closes",
              display="Williams' Accumulation/Distribution"),
)
