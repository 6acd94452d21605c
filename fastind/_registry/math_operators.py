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

X01 = ("x0", "x1")
R01 = ("real0", "real1")  # TA-Lib's names of the two inputs


def _vector(name, talib, summary, display):
    """Element-wise arithmetic of two series: lookback 0; its compute from tools/gen_elementwise.py's
    table (fastind/_compose/elementwise.py: the kernel elementwise.vec_<name>)."""
    return Indicator(name, talib, G, X01, (), ("real",), lambda: 0, f"elementwise:{name}",
                     summary, talib_inputs=R01, display=display)


def _index(name, talib, outputs, kernel, summary, display):
    """TA-Lib's integer index outputs (int32): absolute indices into the input, 0 over the
    lookback and at gaps."""
    return Indicator(name, talib, G, X, (period(default=30),), outputs, lambda period: period - 1,
                     kernel, summary, out_dtype="int32",
                     examples=({"period": 2}, {"period": 3}, {"period": 250}), display=display,
                     flags=("bar_index",))


ENTRIES += (
    _vector("add", "ADD", "x0 + x1", "Vector Arithmetic Add"),
    Indicator("cumsum", "CUMSUM", G, X, (), ("real",), lambda: 0, "operators.cumsum",
              "running sum of x from the start of each run of finite values",
              display="Cumulative Sum"),
    _vector("div", "DIV", "x0 / x1 (inf or NaN where x1 is 0, as TA-Lib)", "Vector Arithmetic Div"),
    _index("maxindex", "MAXINDEX", ("integer",), "math_operators:maxindex",
           "index of the highest value over the last `period` values (O(n); ties as TA-Lib)",
           "Index of highest value over a specified period"),
    _index("minindex", "MININDEX", ("integer",), "math_operators:minindex",
           "index of the lowest value over the last `period` values (O(n); ties as TA-Lib)",
           "Index of lowest value over a specified period"),
    _index("minmaxindex", "MINMAXINDEX", ("minidx", "maxidx"), "math_operators:minmaxindex",
           "(index of the lowest, index of the highest) value over the last `period` values",
           "Indexes of lowest and highest values over a specified period"),
    _vector("mult", "MULT", "x0 * x1", "Vector Arithmetic Mult"),
    _vector("sub", "SUB", "x0 - x1", "Vector Arithmetic Subtraction"),
    Indicator("sum", "SUM", G, X, (period(default=30),), ("real",), lambda period: period - 1,
              "operators.rolling_sum",
              "sum of the last `period` values (a running sum, summed afresh every 4096 bars)",
              examples=({"period": 2}, {"period": 3}, {"period": 250}), display="Summation"),
)
