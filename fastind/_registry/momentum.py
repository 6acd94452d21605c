"""Momentum Indicators."""
from . import lookbacks as lb
from .spec import Indicator, period

G = "Momentum Indicators"
X = ("x",)

ENTRIES = (
    Indicator("mom", "MOM", G, X, (period(default=10, min=1),), ("real",),
              lambda period: period, "momentum.mom", "x[t] - x[t-period]",
              examples=({"period": 1}, {"period": 50}),
              display='Momentum'),
    Indicator("roc", "ROC", G, X, (period(default=10, min=1),), ("real",),
              lambda period: period, "momentum.roc",
              "(x[t]/x[t-period] - 1)*100, 0 where x[t-period] is 0",
              examples=({"period": 1}, {"period": 50}),
              display='Rate of change : ((price/prevPrice)-1)*100'),
    Indicator("rsi", "RSI", G, X, (period(default=14, min=2),), ("real",),
              lambda period: period + lb.U("RSI"), "momentum.rsi",
              "100*G/(G+L), G and L Wilder-smoothed average gain and loss; 0 for flat prices",
              unstable=("RSI",), examples=({"period": 2}, {"period": 60}),
              display='Relative Strength Index'),
    Indicator("macd", "MACD", G, X,
              (period("fast", 12, talib="fastperiod", doc="fast EMA's period"),
               period("slow", 26, talib="slowperiod", doc="slow EMA's period"),
               period("signal", 9, min=1, talib="signalperiod", doc="signal EMA's period")),
              ("macd", "macdsignal", "macdhist"),
              lambda fast, slow, signal: lb.ema(max(fast, slow)) + lb.ema(signal), "macd",
              "macd = EMA_fast - EMA_slow (both starting on bar slow-1), signal = EMA(macd, "
              "signal), hist = macd - signal",
              stacked="momentum.macd_stacked", prepare="macd_periods", unstable=("EMA",),
              examples=({"fast": 2, "slow": 3, "signal": 1}, {"fast": 5, "slow": 35, "signal": 5},
                        {"fast": 26, "slow": 12}),
              display='Moving Average Convergence/Divergence'),
)
