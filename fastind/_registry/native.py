"""fastind's own functions, with no TA-Lib twin."""
from .spec import Indicator, period

ENTRIES = (
    Indicator("momentum_signal", None, "Native", ("x",), (period(default=10, min=1, talib=None),),
              ("signal",), lambda period: period, "momentum.momentum_signal",
              "int8: 1 where x[t] > x[t-period], 0 where not, -1 where undefined (lookback, gaps)",
              out_dtype="int8", examples=({"period": 1}, {"period": 50})),
    Indicator("channel", None, "Native", ("high", "low"), (period(default=20, talib=None),),
              ("upper", "lower"), lambda period: period - 1, "channel",
              "(highest high, lowest low) over the last `period` bars; with one series, its "
              "rolling max and min", native=False, examples=({"period": 2}, {"period": 30})),
)
