"""Volume Indicators."""
from . import lookbacks as lb
from .spec import Indicator, matype, period

G = "Volume Indicators"
HLCV = ("high", "low", "close", "volume")
CV = ("close", "volume")
MA_UNSTABLE = ("EMA", "KAMA", "MAMA", "T3", "RMA")

ENTRIES = (
    Indicator("obv", "OBV", G, ("close", "volume"), (), ("real",), lambda: 0, "volume.obv",
              "running sum of volume signed by the close's direction, from the first volume",
              talib_inputs=("real", "volume"),
              display='On Balance Volume'),
    Indicator("ad", "AD", G, HLCV, (), ("real",), lambda: 0, "flows.ad",
              "running sum of ((close - low) - (high - close)) / (high - low) * volume (0 where "
              "high <= low)",
              display='Chaikin A/D Line'),
    Indicator("adosc", "ADOSC", G, HLCV,
              (period("fast", 3, talib="fastperiod", doc="fast EMA's period"),
               period("slow", 10, talib="slowperiod", doc="slow EMA's period")),
              ("real",), lambda fast, slow: lb.ema(max(fast, slow)), "flows.adosc",
              "EMA(fast) - EMA(slow) of the A/D line, both seeded with its first value",
              unstable=("EMA",),
              examples=({"fast": 2, "slow": 2}, {"fast": 10, "slow": 3}, {"fast": 5, "slow": 40}),
              display='Chaikin A/D Oscillator'),
    Indicator("cmf", "CMF", G, HLCV, (period(default=20, min=2),), ("real",),
              lambda period: period - 1, "flows.cmf",
              "sum of A/D money flow volume / sum of volume over `period` bars (0 where the "
              "volume sum is not positive)",
              examples=({"period": 2}, {"period": 7}, {"period": 120}),
              display='Chaikin Money Flow'),
    Indicator("efi", "EFI", G, CV, (period(default=13, min=1),), ("real",),
              lambda period: period + lb.U("EMA"), "flows.efi",
              "EMA(period) of (close[t] - close[t-1]) * volume[t], seeded by the mean of the "
              "first `period` forces", unstable=("EMA",),
              examples=({"period": 1}, {"period": 2}, {"period": 60}),
              display="Elder's Force Index"),
    Indicator("marketfi", "MARKETFI", G, ("high", "low", "volume"), (), ("real",), lambda: 0,
              "flows.marketfi", "(high - low) / volume (0 where the volume is 0)",
              display='Market Facilitation Index'),
    Indicator("nvi", "NVI", G, CV, (), ("real",), lambda: 0, "flows.nvi",
              "from 1000: index += index * (close - close[t-1]) / close[t-1] on bars whose volume "
              "fell", display='Negative Volume Index'),
    Indicator("pvi", "PVI", G, CV, (), ("real",), lambda: 0, "flows.pvi",
              "from 1000: index += index * (close - close[t-1]) / close[t-1] on bars whose volume "
              "rose", display='Positive Volume Index'),
    Indicator("pvo", "PVO", G, ("volume",),
              (period("fast", 12, talib="fastperiod", doc="fast MA's period"),
               period("slow", 26, talib="slowperiod", doc="slow MA's period"),
               matype(default=1)),
              ("real",), lambda fast, slow, matype: lb.ma(max(fast, slow),
                                                    lb.EMA if matype == lb.DEFAULT else matype),
              "volume:pvo",
              "(MA(fast) - MA(slow)) / MA(slow) * 100 of the volume (0 where the slow MA is 0); "
              "the periods are swapped when slow < fast; MA_Type DEFAULT is EMA here, as TA-Lib",
              unstable=MA_UNSTABLE,
              examples=({"matype": 0}, {"fast": 5, "slow": 3, "matype": 2},
                        {"fast": 2, "slow": 60}, {"fast": 4, "slow": 9, "matype": 11}),
              display='Percentage Volume Oscillator'),
    Indicator("pvt", "PVT", G, CV, (), ("real",), lambda: 0, "flows.pvt",
              "running sum of volume * (close - close[t-1]) / close[t-1]",
              display='Price Volume Trend'),
    Indicator("rvol", "RVOL", G, ("volume",), (period(default=20, min=1),), ("real",),
              lambda period: period, "flows.rvol",
              "volume / mean of the `period` volumes before it",
              examples=({"period": 1}, {"period": 2}, {"period": 90}),
              display='Relative Volume'),
    Indicator("vwap", "VWAP", G, HLCV, (), ("real",), lambda: 0, "flows.vwap",
              "sum((high + low + close) / 3 * volume) / sum(volume) from the run's first bar "
              "(no session reset: TA-Lib has no session input)",
              display='Volume Weighted Average Price'),
)
