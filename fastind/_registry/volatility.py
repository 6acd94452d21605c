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
