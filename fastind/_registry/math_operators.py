"""Math Operators."""
from .spec import Indicator, Param, period

G = "Math Operators"
X = ("x",)
# the native rolling extremes also take a period of 1 (the series itself)
EXTREME_PERIOD = Param("period", 30, "int", 2, 100_000, "timeperiod", "bars in the window", native_min=1)

ENTRIES = (
    Indicator("rolling_max", "MAX", G, X, (EXTREME_PERIOD,), ("real",),
              lambda period: period - 1, "extrema.rolling_max",
              "highest value over the last `period` values (O(n))",
              examples=({"period": 2}, {"period": 3}, {"period": 250}),
              display='Highest value over a specified period'),
    Indicator("rolling_min", "MIN", G, X, (EXTREME_PERIOD,), ("real",),
              lambda period: period - 1, "extrema.rolling_min",
              "lowest value over the last `period` values (O(n))",
              examples=({"period": 2}, {"period": 3}, {"period": 250}),
              display='Lowest value over a specified period'),
    Indicator("minmax", "MINMAX", G, X, (period(default=30),), ("min", "max"),
              lambda period: period - 1, "minmax",
              "(lowest, highest) value over the last `period` values, one pass",
              examples=({"period": 2}, {"period": 20}),
              display='Lowest and highest values over a specified period'),
)
