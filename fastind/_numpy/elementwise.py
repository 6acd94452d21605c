"""Math Transform functions and ADD, SUB, MULT, DIV as NumPy ufuncs (NumPy backend).

NumPy's own implementations (its SIMD routines where it has them), not libm's: an independent
oracle for the compiled kernels, equal to them within a few ulps. Computed in float64 (a float32
input's result is rounded once, as the compiled kernels do). A NaN or infinite input gives
NaN (the gap rule); out-of-domain inputs give what the ufunc gives (NaN, -inf for log(0)), as
TA-Lib.
"""
import numpy as np


def _unary(ufunc):
    def kernel(x, out):
        with np.errstate(all="ignore"):
            out[...] = ufunc(x.astype(np.float64))
        out[~np.isfinite(x)] = np.nan

    kernel.__name__ = ufunc.__name__
    return kernel


def _binary(ufunc):
    def kernel(x0, x1, out):
        with np.errstate(all="ignore"):
            out[...] = ufunc(x0.astype(np.float64), x1.astype(np.float64))
        out[~(np.isfinite(x0) & np.isfinite(x1))] = np.nan

    kernel.__name__ = ufunc.__name__
    return kernel


vec_acos = _unary(np.arccos)
vec_asin = _unary(np.arcsin)
vec_atan = _unary(np.arctan)
vec_ceil = _unary(np.ceil)
vec_cos = _unary(np.cos)
vec_cosh = _unary(np.cosh)
vec_exp = _unary(np.exp)
vec_floor = _unary(np.floor)
vec_ln = _unary(np.log)
vec_log10 = _unary(np.log10)
vec_sin = _unary(np.sin)
vec_sinh = _unary(np.sinh)
vec_sqrt = _unary(np.sqrt)
vec_tan = _unary(np.tan)
vec_tanh = _unary(np.tanh)

vec_add = _binary(np.add)
vec_sub = _binary(np.subtract)
vec_mult = _binary(np.multiply)
vec_div = _binary(np.divide)
