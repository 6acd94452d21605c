"""Volatility Indicators."""
from . import lookbacks as lb
from .spec import Indicator, period

G = "Volatility Indicators"
HLC = ("high", "low", "close")

ENTRIES = (
    Indicator("trange", "TRANGE", G, HLC, (), ("real",), lambda: 1, "volatility.trange",
              "max(high - low, |close[t-1] - high|, |close[t-1] - low|)",
              display='True Range'),
    Indicator("atr", "ATR", G, HLC, (period(default=14, min=1),), ("real",),
              lambda period: period + lb.U("ATR"),
              "volatility.atr",
              "Wilder smoothing of TRANGE, seeded by the mean of its first `period` values",
              unstable=("ATR",), examples=({"period": 1}, {"period": 2}, {"period": 100}),
              display='Average True Range'),
)

HL = ("high", "low")
ENTRIES = ENTRIES + (
    Indicator("adr", "ADR", G, HL, (period(default=14, min=1),), ("real",),
              lambda period: period - 1, "ranges.adr", "mean of high - low over `period` bars",
              examples=({"period": 1}, {"period": 2}, {"period": 150}),
              display='Average Day Range'),
    Indicator("cvi", "CVI", G, HL,
              (period(default=10, min=2),
               period("roc", 10, min=1, talib="rocperiod", doc="bars of the rate of change")),
              ("real",), lambda period, roc: lb.ema(period) + roc, "volatility:cvi",
              "100 * (E[t] - E[t-roc]) / E[t-roc], E = EMA(period) of high - low",
              unstable=("EMA",),
              examples=({"period": 2, "roc": 1}, {"period": 5, "roc": 40}, {"period": 60, "roc": 3}),
              display="Chaikin's Volatility"),
    Indicator("massi", "MASSI", G, HL,
              (period("fast", 9, talib="fastperiod", doc="both EMAs' period"),
               period("slow", 25, talib="slowperiod", doc="bars summed")),
              ("real",), lambda fast, slow: 2 * lb.ema(fast) + slow - 1, "volatility:massi",
              "sum over `slow` bars of EMA(fast, high - low) / EMA(fast, EMA(fast, high - low))",
              unstable=("EMA",),
              examples=({"fast": 2, "slow": 2}, {"fast": 30, "slow": 5}, {"fast": 4, "slow": 80}),
              display='Mass Index'),
    Indicator("natr", "NATR", G, HLC, (period(default=14, min=1),), ("real",),
              lambda period: period + lb.U("NATR"), "ranges.natr",
              "ATR(period) / close * 100 (0 where the close is 0); period 1: TRANGE unscaled, as TA-Lib",
              unstable=("NATR",), examples=({"period": 1}, {"period": 2}, {"period": 100}),
              display='Normalized Average True Range'),
    Indicator("rvi", "RVI", G, ("x",),
              (period(default=14, min=1),
               period("stddev", 10, min=2, talib="stddevperiod", doc="bars of the std deviation")),
              ("real",), lambda period, stddev: stddev - 1 + period - 1 + lb.U("RVI"),
              "volatility:rvi",
              "100 * up / (up + down): the std deviation of each bar, to the up leg on a rise and "
              "the down leg on a fall, each Wilder-smoothed over `period`",
              unstable=("RVI",),
              examples=({"period": 1, "stddev": 2}, {"period": 3, "stddev": 30},
                        {"period": 50, "stddev": 5}),
              display='Relative Volatility Index'),
)
