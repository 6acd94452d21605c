"""Compile the kernel sources in fastind/_kernels with Numba.

The same .py files that Cython compiles are executed here as fresh modules (never imported through
the package, which would give the Cython build), seeded with the C math names that their .pxd
declares, and every function is replaced by its njit twin so helpers resolve to jitted code.
"""
import importlib.util
import math
import os
import sys
import types
import warnings

KERNEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_kernels")
FAMILIES = ("moving", "momentum", "extrema", "volatility", "volume")
# what each .pxd cimports from <math.h>
C_MATH = {"NAN": math.nan, "sqrt": math.sqrt}


def _jit(numba, func):
    """njit with the on-disk cache; without it when no cache directory is writable."""
    options = dict(nogil=True, error_model="numpy")
    if os.environ.get("FASTIND_NUMBA_CACHE", "1") != "0":
        try:
            return numba.njit(cache=True, **options)(func)
        except Exception as exc:  # numba raises RuntimeError("cannot cache function ...")
            warnings.warn(f"fastind: numba cache unavailable ({exc}); compiling without it",
                          RuntimeWarning, stacklevel=3)
    return numba.njit(**options)(func)


def load_family(numba, family):
    """Execute _kernels/<family>.py as module fastind._numba_kernels.<family>, all functions jitted."""
    name = "fastind._numba_kernels." + family
    if name in sys.modules:
        return sys.modules[name]
    path = os.path.join(KERNEL_DIR, family + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    module.__dict__.update(C_MATH)
    # numba's cache keys on the module: it must be importable by this name on a cache hit
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        for attr, obj in list(vars(module).items()):
            if isinstance(obj, types.FunctionType) and obj.__module__ == name:
                setattr(module, attr, _jit(numba, obj))
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_all():
    import numba

    return {family: load_family(numba, family) for family in FAMILIES}
