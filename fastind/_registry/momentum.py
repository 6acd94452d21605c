"""Momentum Indicators."""
from . import lookbacks as lb
from .spec import Indicator, period

G = "Momentum Indicators"
X = ("x",)
HL = ("high", "low")
HLC = ("high", "low", "close")

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
    # ---- the directional movement family (fastind/_kernels/directional.py, one engine) ----
    Indicator("plus_dm", "PLUS_DM", G, HL, (period(default=14, min=1),), ("real",),
              lambda period: period - 1 + lb.U("PLUS_DM") if period > 1 else 1,
              "directional.plus_dm",
              "Wilder sum of +DM (high - prev high where it exceeds prev low - low and 0): the "
              "sum of the first period-1, then S - S/period + DM",
              unstable=("PLUS_DM",), examples=({"period": 1}, {"period": 2}, {"period": 50}),
              display='Plus Directional Movement'),
    Indicator("minus_dm", "MINUS_DM", G, HL, (period(default=14, min=1),), ("real",),
              lambda period: period - 1 + lb.U("MINUS_DM") if period > 1 else 1,
              "directional.minus_dm",
              "Wilder sum of -DM (prev low - low where it exceeds high - prev high and 0): the "
              "sum of the first period-1, then S - S/period + DM",
              unstable=("MINUS_DM",), examples=({"period": 1}, {"period": 2}, {"period": 50}),
              display='Minus Directional Movement'),
    Indicator("plus_di", "PLUS_DI", G, HLC, (period(default=14, min=1),), ("real",),
              lambda period: period + lb.U("PLUS_DI") if period > 1 else 1,
              "directional.plus_di",
              "100 * S(+DM)/S(TR), Wilder sums; 0 where S(TR) is 0; period 1: +DM/TR (no 100)",
              unstable=("PLUS_DI",), examples=({"period": 1}, {"period": 2}, {"period": 50}),
              display='Plus Directional Indicator'),
    Indicator("minus_di", "MINUS_DI", G, HLC, (period(default=14, min=1),), ("real",),
              lambda period: period + lb.U("MINUS_DI") if period > 1 else 1,
              "directional.minus_di",
              "100 * S(-DM)/S(TR), Wilder sums; 0 where S(TR) is 0; period 1: -DM/TR (no 100)",
              unstable=("MINUS_DI",), examples=({"period": 1}, {"period": 2}, {"period": 50}),
              display='Minus Directional Indicator'),
    Indicator("dx", "DX", G, HLC, (period(default=14, min=2),), ("real",),
              lambda period: period + lb.U("DX"), "directional.dx",
              "100 * |-DI - +DI| / (-DI + +DI); the previous DX where undefined (0 at first)",
              unstable=("DX",), examples=({"period": 2}, {"period": 5}, {"period": 50}),
              display='Directional Movement Index'),
    Indicator("adx", "ADX", G, HLC, (period(default=14, min=2),), ("real",),
              lambda period: 2 * period - 1 + lb.U("ADX"), "directional.adx",
              "Wilder average of DX: the mean of its first `period` values, then "
              "(ADX*(period-1) + DX)/period",
              unstable=("ADX",), examples=({"period": 2}, {"period": 5}, {"period": 50}),
              display='Average Directional Movement Index'),
    Indicator("adxr", "ADXR", G, HLC, (period(default=14, min=2),), ("real",),
              lambda period: 3 * period - 2 + lb.U("ADX"), "momentum:adxr",
              "(ADX[t] + ADX[t-period+1]) / 2",
              unstable=("ADX",), examples=({"period": 2}, {"period": 5}, {"period": 50}),
              display='Average Directional Movement Index Rating'),
)
