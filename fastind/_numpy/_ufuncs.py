"""The numpy backend's element-wise kernels (fastind/_numpy/elementwise.py, written by
tools/gen_elementwise.py): the numpy ufunc of each function, as the compiled backends' batch calls
run it (its inner loop: fastind/_compose/ufuncs.py), an independent oracle for their vec_*
kernels (libm's), equal to them within a few ulps.

Computed in float64: a float32 input's values are cast to double and the result rounded once, as
the compiled kernels do (the ufunc's own float32 loop would round differently). A NaN or infinite
input gives NaN (the gap rule): the ufunc gives NaN for a NaN, and for an infinity where f(inf) is
not a number (SIN, ACOS, ...); where it is (EXP, ATAN, SQRT, ...: `nan_at_infinity` False), the
infinities are found and set to NaN after, once a sum of the input (one read) says it has one.
Out-of-domain inputs give what the ufunc gives (NaN, -inf for log(0)), as TA-Lib.
"""
import numpy as np

DOUBLE = np.dtype(np.float64)


def nan_at_infinity(ufunc):
    """Whether f(+inf) and f(-inf) are both NaN (then the ufunc alone keeps the gap rule)."""
    with np.errstate(all="ignore"):
        return bool(np.isnan(ufunc(np.array([np.inf, -np.inf]))).all())


def _finite(values):
    """Whether every value is finite, by one sum (one read, no array made): a NaN or an infinity
    makes it non-finite (as does an overflow of finite values: then the caller looks closer)."""
    with np.errstate(all="ignore"):
        return bool(np.isfinite(np.add.reduce(values, axis=None)))


def _infinities_to_nan(x, out):
    """NaN in `out` where x is +-inf (nothing to do where x is all finite)."""
    if not _finite(x):
        bad = np.isinf(x)
        if bad.any():
            out[bad] = np.nan


def _probe(ufunc, k):
    """Whether an infinite input k of the binary `ufunc` always gives a NaN or an infinity (ADD,
    SUB, MULT: inf * 0 is NaN); DIV's divisor does not (1 / inf is 0)."""
    others = np.array([0.0, -0.0, 1.0, -1.0, 1e300, -1e300, np.inf, -np.inf, np.nan])
    with np.errstate(all="ignore"):
        for sign in (1.0, -1.0):
            args = [others, others]
            args[k] = np.full_like(others, sign * np.inf)
            if np.isfinite(ufunc(*args)).any():
                return False
    return True


def unary(name):
    """The kernel (x, out) of numpy's ufunc `name` (a function of one series)."""
    ufunc = getattr(np, name)
    gaps = not nan_at_infinity(ufunc)

    def kernel(x, out):
        with np.errstate(all="ignore"):
            if x.dtype == DOUBLE:
                ufunc(x, out=out)
            else:
                ufunc(x, out=out, dtype=DOUBLE)
        if gaps:
            _infinities_to_nan(x, out)

    kernel.__name__ = kernel.__qualname__ = name
    return kernel


def binary(name):
    """The kernel (x0, x1, out) of numpy's ufunc `name` (arithmetic of two series): NaN where
    either input is NaN or infinite. An input whose infinities always show in the result (all
    but DIV's divisor) needs no look of its own where the result is all finite."""
    ufunc = getattr(np, name)
    shown = [_probe(ufunc, 0), _probe(ufunc, 1)]

    def kernel(x0, x1, out):
        with np.errstate(all="ignore"):
            if x0.dtype == DOUBLE:
                ufunc(x0, x1, out=out)
            else:
                ufunc(x0, x1, out=out, dtype=DOUBLE)
        clean = _finite(out)
        for x, seen in ((x0, shown[0]), (x1, shown[1])):
            if not (clean and seen):
                _infinities_to_nan(x, out)

    kernel.__name__ = kernel.__qualname__ = name
    return kernel
