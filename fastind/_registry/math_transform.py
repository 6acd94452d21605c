"""Math Transform: one element-wise function each (tools/gen_elementwise.py writes their kernels
and computes from one table: fastind/_compose/elementwise.py)."""
from .spec import Indicator

G = "Math Transform"
X = ("x",)


def _transform(name, talib, summary, display, domain=None):
    """An element-wise function of one series: no parameter, lookback 0; its compute from
    tools/gen_elementwise.py's table (fastind/_compose/elementwise.py: numpy's loop of its ufunc
    in a batch call, or the kernel elementwise.vec_<name>, which a stream resumes)."""
    return Indicator(name, talib, G, X, (), ("real",), lambda: 0, f"elementwise:{name}",
                     summary, domain=domain, display=display)


# test and benchmark data (`domain`): [-1, 1] for ACOS/ASIN, and for EXP, COSH, SINH, TANH (signed
# prices of +-100 overflow float32 there, or saturate TANH at +-1); signed values where the sign
# matters (ATAN, CEIL, COS, FLOOR, SIN, TAN); prices for the logarithms and the square root
ENTRIES = (
    _transform("acos", "ACOS", "arc cosine of x, radians; NaN outside [-1, 1]",
               "Vector Trigonometric ACos", "unit"),
    _transform("asin", "ASIN", "arc sine of x, radians; NaN outside [-1, 1]",
               "Vector Trigonometric ASin", "unit"),
    _transform("atan", "ATAN", "arc tangent of x, radians", "Vector Trigonometric ATan", "any"),
    _transform("ceil", "CEIL", "smallest integer >= x", "Vector Ceil", "any"),
    _transform("cos", "COS", "cosine of x radians", "Vector Trigonometric Cos", "any"),
    _transform("cosh", "COSH", "hyperbolic cosine of x", "Vector Trigonometric Cosh", "unit"),
    _transform("exp", "EXP", "e raised to x", "Vector Arithmetic Exp", "unit"),
    _transform("floor", "FLOOR", "largest integer <= x", "Vector Floor", "any"),
    _transform("ln", "LN", "natural logarithm of x; -inf at 0, NaN below", "Vector Log Natural"),
    _transform("log10", "LOG10", "base-10 logarithm of x; -inf at 0, NaN below", "Vector Log10"),
    _transform("sin", "SIN", "sine of x radians", "Vector Trigonometric Sin", "any"),
    _transform("sinh", "SINH", "hyperbolic sine of x", "Vector Trigonometric Sinh", "unit"),
    _transform("sqrt", "SQRT", "square root of x; NaN below 0", "Vector Square Root"),
    _transform("tan", "TAN", "tangent of x radians", "Vector Trigonometric Tan", "any"),
    _transform("tanh", "TANH", "hyperbolic tangent of x", "Vector Trigonometric Tanh", "unit"),
)
