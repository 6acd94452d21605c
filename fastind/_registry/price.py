"""Price Transform: bar-wise prices, Heikin-Ashi candles, AVGDEV."""
from . import lookbacks as lb
from .spec import Indicator, period

G = "Price Transform"
OHLC = ("open", "high", "low", "close")

ENTRIES = (
    Indicator("avgdev", "AVGDEV", G, ("x",), (period(default=14, min=2),), ("real",),
              lambda period: period - 1, "price.avgdev",
              "mean of |x - mean(x)| over the last `period` values",
              examples=({"period": 2}, {"period": 5}, {"period": 100}),
              display='Average Deviation'),
    Indicator("avgprice", "AVGPRICE", G, OHLC, (), ("real",), lambda: 0, "price.avgprice",
              "(open + high + low + close) / 4", display='Average Price'),
    Indicator("heikin_ashi", "HA", G, OHLC, (), ("haopen", "hahigh", "halow", "haclose"),
              lambda: lb.U("HA"), "price.heikin_ashi",
              "close = (O+H+L+C)/4, open = (previous open + previous close)/2 (first: (O+C)/2), "
              "high = max(H, open, close), low = min(L, open, close)", unstable=("HA",),
              display='Heikin-Ashi Candles'),
    Indicator("medprice", "MEDPRICE", G, ("high", "low"), (), ("real",), lambda: 0,
              "price.medprice", "(high + low) / 2", display='Median Price'),
    Indicator("typprice", "TYPPRICE", G, ("high", "low", "close"), (), ("real",), lambda: 0,
              "price.typprice", "(high + low + close) / 3", display='Typical Price'),
    Indicator("wclprice", "WCLPRICE", G, ("high", "low", "close"), (), ("real",), lambda: 0,
              "price.wclprice", "(high + low + 2*close) / 4", display='Weighted Close Price'),
)
