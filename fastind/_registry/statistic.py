"""Statistic Functions."""
from .spec import Indicator, Param, period, real

G = "Statistic Functions"
X = ("x",)

ENTRIES = (
    Indicator("stddev", "STDDEV", G, X, (period(default=5, min=2), real("nbdev", 1.0, doc="multiplier")),
              ("real",), lambda period, **_: period - 1, "moving.moments",
              "nbdev * sqrt(population variance of the last `period` values); 0 where the "
              "variance is <= 0", prepare="stddev_args",
              examples=({"period": 2}, {"period": 20, "nbdev": 2.5}, {"period": 300}),
              display='Standard Deviation'),
    Indicator("var", "VAR", G, X,
              (period(default=5, min=1),
               Param("nbdev", 1.0, "real", -3e37, 3e37, "nbdev", "accepted and unused, as TA-Lib",
                     native=False)),
              ("real",), lambda period, **_: period - 1, "moving.moments",
              "population variance (ddof=0) of the last `period` values", prepare="var_args",
              examples=({"period": 1}, {"period": 20}, {"period": 300}),
              display='Variance'),
)
