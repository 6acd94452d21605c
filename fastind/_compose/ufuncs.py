"""The computes of the element-wise functions (fastind/_compose/elementwise.py, written by
tools/gen_elementwise.py from one table: the Math Transform functions; ADD, SUB, MULT, DIV).

`loop`: a batch call on a compiled backend runs numpy's own inner loop of the function's ufunc,
the code np.exp(x) runs (SIMD where numpy has it: its exp, log, atan, tanh, ... take 2-7x fewer
cycles a value than libm's scalar calls), from the compiled kernel ufunc_unary
(fastind/_kernels/elementwise.py), which calls it on blocks of each row and checks each block for
the gap rule while it is in L1: one pass over the data, the GIL released, cython and numba calling
the same loop on the same blocks, so giving the same bits. A stream step (`be` a
fastind._streaming.StreamBackend, its name "stream") calls the function's own kernel (vec_exp:
libm's function, a value at a time), which the stream resumes bar by bar in its compiled update,
as a chain of one kernel; the numpy backend calls its own kernel too (the ufunc itself,
fastind/_numpy/_ufuncs.py). `kernel`: every call runs the kernel (SQRT, ADD, ...: as fast in one
pass, see tools/gen_elementwise.py).

The loop is read from the ufunc object, whose C struct (PyUFuncObject) numpy's headers publish:
its `functions`, `data` and `types` arrays, the loop for doubles ("d" in, "d" out) picked by its
type signature. Where that struct does not read back as the ufunc's own attributes say (nin,
nout, name, the loop count), every call takes the kernel.
"""
import ctypes
import sys

import numpy as np

from .._call import kernel_compute
from .._numpy._ufuncs import nan_at_infinity

# the backends whose kernels can call numpy's loop (compiled code); any other `be` (the numpy
# backend, a stream step) calls the function's kernel
COMPILED = frozenset(("cython", "numba"))


class _UFuncHead(ctypes.Structure):
    """PyUFuncObject after its PyObject head (numpy/ufuncobject.h), as far as `types`."""

    _fields_ = [("nin", ctypes.c_int), ("nout", ctypes.c_int), ("nargs", ctypes.c_int),
                ("identity", ctypes.c_int),
                ("functions", ctypes.POINTER(ctypes.c_void_p)),
                ("data", ctypes.POINTER(ctypes.c_void_p)),
                ("ntypes", ctypes.c_int), ("reserved1", ctypes.c_int),
                ("name", ctypes.c_char_p),
                ("types", ctypes.POINTER(ctypes.c_char))]


def inner_loop(ufunc, dtype="d"):
    """(address of numpy's inner loop of `ufunc` for `dtype` in and out, its data pointer: 0 for
    NULL), or None where the ufunc's struct does not read back as expected (then the kernels)."""
    pointer, count = ctypes.sizeof(ctypes.c_void_p), ctypes.sizeof(ctypes.c_ssize_t)
    if type(ufunc) is not np.ufunc or pointer != count or sys.implementation.name != "cpython":
        # (an id() is an address in CPython only; npy_intp, the loop's count, is pointer-sized
        # where the kernels pass a Py_ssize_t)
        return None
    try:
        head = _UFuncHead.from_address(id(ufunc) + object.__basicsize__)
        if ((head.nin, head.nout, head.nargs) != (ufunc.nin, ufunc.nout, ufunc.nargs)
                or head.name is None or head.name.decode() != ufunc.__name__
                or not 0 < head.ntypes <= len(ufunc.types)):
            return None
        want = [np.dtype(dtype).num] * ufunc.nargs
        for k in range(head.ntypes):
            chars = head.types[k * ufunc.nargs:(k + 1) * ufunc.nargs]
            if ufunc.types[k] != _signature(chars, ufunc.nin):  # the struct is not numpy's
                return None
            if list(chars) == want:
                loop = head.functions[k]
                return (loop, head.data[k] or 0) if loop else None
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return None


# dtype character of each type number, as ufunc.types writes it
_CHARS = {np.dtype(c).num: np.dtype(c).char for c in np.typecodes["All"]}


def _signature(chars, nin):
    """ufunc.types' form ('dd->d') of a loop's type numbers."""
    letters = [_CHARS.get(c, "?") for c in chars]
    return "".join(letters[:nin]) + "->" + "".join(letters[nin:])


def loop(name, ufunc_name):
    """The compute of a function of one series whose batch call runs numpy's loop of the ufunc
    `ufunc_name` ("exp") on a compiled backend; its kernel `name` ("vec_exp") in a stream step,
    on the numpy backend (its own kernel is the ufunc), or where the loop cannot be read."""
    key = "elementwise." + name
    ufunc = getattr(np, ufunc_name)
    found = inner_loop(ufunc)
    if found is None:
        return kernel(name)
    address, data = found
    gaps = not nan_at_infinity(ufunc)  # f(+-inf) is a number: the gap rule must set NaN there

    def compute(be, t, arrays, params, outs):
        if be.name in COMPILED:
            be.kernels[t]["elementwise.ufunc_unary"](arrays[0], outs[0], address, data, gaps)
        else:
            be.kernels[t][key](arrays[0], outs[0])

    compute.__name__ = compute.__qualname__ = name[4:]
    compute.ufunc = ufunc
    return compute


def kernel(name):
    """The compute of a function whose kernel (elementwise.<name>) every call runs: as fast as
    numpy's loop in one pass (SQRT, the arithmetic), or where that loop cannot be read. The
    registry's one-kernel compute, as for "family.kernel" entries."""
    compute = kernel_compute("elementwise." + name)
    compute.__name__ = compute.__qualname__ = name[4:]
    return compute
