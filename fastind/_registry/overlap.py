"""Overlap Studies: moving averages, bands, channels, SAR."""
from . import lookbacks as lb
from .spec import Indicator, matype, period, real

G = "Overlap Studies"
X = ("x",)

ENTRIES = (
    Indicator("sma", "SMA", G, X, (period(default=30, min=1),), ("real",),
              lambda period: period - 1, "moving.sma",
              "mean of the last `period` values", examples=({"period": 1}, {"period": 2},
                                                             {"period": 7}, {"period": 200}),
              display='Simple Moving Average'),
    Indicator("ema", "EMA", G, X, (period(default=30, min=1),), ("real",),
              lambda period: lb.ema(period), "moving.ema",
              "EMA[t] = EMA[t-1] + k*(x[t] - EMA[t-1]), k = 2/(period+1), seeded by the SMA of "
              "the first `period` values", unstable=("EMA",),
              examples=({"period": 1}, {"period": 2}, {"period": 9}, {"period": 200}),
              display='Exponential Moving Average'),
    Indicator("wma", "WMA", G, X, (period(default=30, min=1),), ("real",),
              lambda period: period - 1, "moving.wma",
              "sum(w_i*x[t-period+i]) / sum(w_i), weights 1..period (newest heaviest)",
              examples=({"period": 1}, {"period": 2}, {"period": 10}, {"period": 150}),
              display='Weighted Moving Average'),
    Indicator("bbands", "BBANDS", G, X,
              (period(default=20, min=2), real("nbdevup", 2.0, doc="upper band's multiplier"),
               real("nbdevdn", 2.0, doc="lower band's multiplier"), matype()),
              ("upperband", "middleband", "lowerband"),
              lambda period, matype, **_: lb.ma(period, matype), "bbands",
              "middle = MA(period, matype); upper/lower = middle +/- nbdev*stddev(period) "
              "(population stddev around the simple mean, whatever the matype)",
              examples=({"period": 5, "nbdevup": 1.0, "nbdevdn": 1.0},
                        {"period": 10, "nbdevdn": 1.5, "matype": 1},
                        {"period": 7, "nbdevup": 3.0, "nbdevdn": 3.0, "matype": 2}),
              stacked="bbands_stacked",
              unstable=("EMA", "KAMA", "MAMA", "T3", "RMA"),
              display='Bollinger Bands'),
)
