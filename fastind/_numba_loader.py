"""Compile the kernel sources in fastind/_kernels with Numba.

The same .py files that Cython compiles are executed here as fresh modules (never imported through
the package, which would give the Cython build), seeded with the C math names that their .pxd
declares, and every function is replaced by its njit twin so helpers resolve to jitted code.
The local variable types that the .pxd gives Cython (``@cython.locals``) are handed to Numba too:
without them Numba would infer float32 for a value read from a float32 array and round
intermediate results where Cython computes in double.
"""
import functools
import hashlib
import importlib.util
import math
import os
import re
import sys
import tempfile
import types
import warnings

import numpy

KERNEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_kernels")
FAMILIES = tuple(sorted(os.path.basename(p)[:-3] for p in os.listdir(KERNEL_DIR)
                        if p.endswith(".py") and not p.startswith("_")))
# what each .pxd takes from C: <math.h>, and the block-loop form for LLVM's loop vectorizer
# (and the prefetch hint, prefetch_intrinsic below; elementwise's ufunc_row, ufunc_row_helper)
C_MATH = {"NAN": math.nan, "sqrt": math.sqrt, "LOOP_VECTORIZER": True,
          # elementwise.py (tools/gen_elementwise.py): <math.h>'s functions, the same libm calls;
          # floor and ceil as numpy's, which return a float (math.floor returns an int under numba)
          "acos": math.acos, "asin": math.asin, "atan": math.atan, "cos": math.cos,
          "cosh": math.cosh, "exp": math.exp, "log": math.log, "log10": math.log10,
          "sin": math.sin, "sinh": math.sinh, "tan": math.tan, "tanh": math.tanh,
          "floor": numpy.floor, "ceil": numpy.ceil}


_LOCALS_BLOCK = re.compile(r"@cython\.locals\(([^)]*)\)\s*c(?:p)?def\s+(?:inline\s+)?\w+\s+(\w+)\s*\(")
_CYTHON_TO_NUMBA = {"double": "float64", "Py_ssize_t": "intp", "size_t": "uintp", "bint": "boolean",
                    "int": "intc"}


def pxd_locals(numba, family):
    """{function: {variable: numba type}} from the @cython.locals declarations in <family>.pxd."""
    path = os.path.join(KERNEL_DIR, family + ".pxd")
    if not os.path.exists(path):
        return {}
    with open(path) as fh:
        text = fh.read()
    result = {}
    for declared, func in _LOCALS_BLOCK.findall(text):
        pairs = (item.split("=") for item in declared.replace("\n", " ").split(",") if item.strip())
        # `floating` (the input's dtype) is left to numba, which infers it from the array read
        result[func] = {name.strip(): getattr(numba.types, _CYTHON_TO_NUMBA[ctype.strip()])
                        for name, ctype in pairs if ctype.strip() != "floating"}
    return result


def _cache_dirs():
    """Candidate cache directories, first writable wins: $FASTIND_NUMBA_CACHE_DIR, else
    $NUMBA_CACHE_DIR/fastind, else _kernels/__pycache__, else the user's cache folder."""
    explicit = os.environ.get("FASTIND_NUMBA_CACHE_DIR")
    if explicit:
        return [explicit]
    if os.environ.get("NUMBA_CACHE_DIR"):
        return [os.path.join(os.environ["NUMBA_CACHE_DIR"], "fastind")]
    user = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [os.path.join(KERNEL_DIR, "__pycache__"), os.path.join(user, "fastind", "numba")]


def writable_cache_dir():
    """The cache directory to use, or None when none can be written."""
    for path in _cache_dirs():
        try:
            os.makedirs(path, exist_ok=True)
            tempfile.TemporaryFile(dir=path).close()
            return path
        except OSError:
            continue
    return None


def _source_stamp(py_file):
    """Hash of everything that defines a compiled kernel: its .py, its .pxd (the local types) and
    this loader. Numba's own stamp hashes the .py only, so a .pxd edit would load stale code."""
    digest = hashlib.sha256()
    for path in (py_file, py_file[:-3] + ".pxd", os.path.abspath(__file__)):
        with open(path, "rb") as fh:
            digest.update(fh.read())
    return digest.hexdigest()


def _install_locator(numba):
    """Put a cache locator for fastind's kernel files in front of numba's own (once)."""
    from numba.core import caching

    # the class names moved between numba releases
    impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")
    base = getattr(caching, "_CacheLocator", None) or getattr(caching, "CacheLocator")
    if any(getattr(c, "_fastind", False) for c in impl._locator_classes):
        return

    class KernelCacheLocator(base):
        _fastind = True

        def __init__(self, py_func, py_file, path):
            self._py_file = py_file
            self._lineno = py_func.__code__.co_firstlineno
            self._path = path

        def get_cache_path(self):
            return self._path

        def get_source_stamp(self):
            return _source_stamp(self._py_file)

        def get_disambiguator(self):
            return str(self._lineno)

        @classmethod
        def from_function(cls, py_func, py_file):
            if os.path.dirname(os.path.abspath(py_file)) != KERNEL_DIR:
                return None
            path = writable_cache_dir()
            return None if path is None else cls(py_func, py_file, path)

    impl._locator_classes.insert(0, KernelCacheLocator)


@functools.lru_cache(maxsize=None)
def prefetch_intrinsic():
    """prefetch(x, r, j) for the jitted kernels: LLVM's llvm.prefetch of x[r, j]'s address (read,
    all cache levels), what the .pxd's prefetch is in C. Built once, on the first load."""
    from llvmlite import ir
    from numba.core import cgutils, types as nbtypes
    from numba.extending import intrinsic

    # the intrinsic's name carries its pointer type: i8* is the typed-pointer LLVMs' own (numba
    # 0.59 has LLVM 14), and the opaque-pointer ones remangle it to .p0 as they read it (checked
    # with LLVM 22: the kernels carry prefetcht0)
    name = "llvm.prefetch.p0i8"
    byte_ptr = ir.IntType(8).as_pointer()
    i32 = ir.IntType(32)

    @intrinsic
    def prefetch(typingctx, x, r, j):
        def codegen(context, builder, sig, args):
            array = context.make_array(sig.args[0])(context, builder, args[0])
            index = [context.cast(builder, value, ty, nbtypes.intp)
                     for value, ty in zip(args[1:], sig.args[1:])]
            address = cgutils.get_item_pointer(context, builder, sig.args[0], array, index,
                                               wraparound=False)
            hint = cgutils.get_or_insert_function(
                builder.module, ir.FunctionType(ir.VoidType(), [byte_ptr, i32, i32, i32]), name)
            builder.call(hint, [builder.bitcast(address, byte_ptr), i32(0), i32(3), i32(1)])
            return context.get_dummy_value()

        return nbtypes.void(x, r, j), codegen

    return prefetch


# values a call of numpy's inner loop computes in ufunc_row: FASTIND_UFUNC_BLOCK of elementwise.pxd
UFUNC_BLOCK = 1024


@functools.lru_cache(maxsize=None)
def ufunc_row_helper():
    """ufunc_row(loop, data, x, out, r, gaps) for the jitted kernel elementwise.ufunc_unary, as
    elementwise.pxd's C (its comment says how): numpy's inner loop of a ufunc for doubles, given
    by its address, on blocks of row r, each block then given the gap rule where it holds a NaN
    or an infinity (with `gaps`). The same loop on the same blocks, so the same bits as the
    Cython build. Built once, on the first load of elementwise; not cached itself (it is compiled
    into the kernel calling it, whose cache entry holds it and whose stamp covers this file: the
    loop's address is an argument, never a constant of the cached code)."""
    import numba
    import numpy as np
    from llvmlite import ir
    from numba.core import cgutils, types as nbtypes
    from numba.extending import intrinsic

    @intrinsic
    def call_loop(typingctx, loop, data, source, target, m):
        """loop(args, &m, steps, data): args the addresses source and target, steps 8 bytes."""
        def codegen(context, builder, sig, args):
            intp = context.get_value_type(nbtypes.intp)
            byte_ptr = ir.IntType(8).as_pointer()
            loop, data, source, target, m = [context.cast(builder, v, t, nbtypes.intp)
                                              for v, t in zip(args, sig.args)]
            argv = cgutils.alloca_once(builder, byte_ptr, size=2)
            steps = cgutils.alloca_once(builder, intp, size=2)
            for j, address in enumerate((source, target)):
                builder.store(builder.inttoptr(address, byte_ptr),
                              builder.gep(argv, [ir.Constant(intp, j)]))
                builder.store(ir.Constant(intp, 8), builder.gep(steps, [ir.Constant(intp, j)]))
            dims = cgutils.alloca_once_value(builder, m)
            function = ir.FunctionType(ir.VoidType(), [byte_ptr.as_pointer(), intp.as_pointer(),
                                                       intp.as_pointer(), byte_ptr])
            builder.call(builder.inttoptr(loop, function.as_pointer()),
                         [argv, dims, steps, builder.inttoptr(data, byte_ptr)])
            return context.get_dummy_value()

        return nbtypes.void(loop, data, source, target, m), codegen

    @intrinsic
    def address(typingctx, x, r, j):
        """The address of x[r, j], an integer."""
        def codegen(context, builder, sig, args):
            array = context.make_array(sig.args[0])(context, builder, args[0])
            index = [context.cast(builder, value, ty, nbtypes.intp)
                     for value, ty in zip(args[1:], sig.args[1:])]
            pointer = cgutils.get_item_pointer(context, builder, sig.args[0], array, index,
                                               wraparound=False)
            return builder.ptrtoint(pointer, context.get_value_type(nbtypes.intp))

        return nbtypes.intp(x, r, j), codegen

    block = UFUNC_BLOCK
    exponent = np.uint64(0x7FF0000000000000)
    carry = np.uint64(0x0010000000000000)
    sign = np.uint64(63)
    jit = numba.njit(nogil=True, error_model="numpy")

    @jit
    def nonfinite(xb):
        """Whether a float64 block holds a NaN or an infinity (the .pxd's fastind_nonfinite:
        integer operations on the bits, vectorized; indexed from 0, so no negative-index
        wrap-around)."""
        bits = xb.view(np.uint64)
        acc = np.uint64(0)
        for k in range(bits.shape[0]):
            acc |= (bits[k] & exponent) + carry
        return (acc >> sign) != 0

    @jit
    def ufunc_row(loop, data, x, out, r, gaps):
        n = x.shape[1]
        if x.itemsize == 8:  # float64: the loop on the row itself
            i0 = 0
            while i0 < n:
                m = min(block, n - i0)
                call_loop(loop, data, address(x, r, i0), address(out, r, i0), m)
                if gaps and nonfinite(x[r, i0:i0 + m]):
                    xb = x[r, i0:i0 + m]
                    ob = out[r, i0:i0 + m]
                    for k in range(m):
                        v = xb[k]
                        ob[k] = ob[k] * (1.0 + (v - v))
                i0 += m
        else:  # float32: through double buffers, rounded once
            a = np.empty((1, block))
            b = np.empty((1, block))
            i0 = 0
            while i0 < n:
                m = min(block, n - i0)
                for k in range(m):
                    a[0, k] = x[r, i0 + k]
                call_loop(loop, data, address(a, 0, 0), address(b, 0, 0), m)
                if gaps:
                    for k in range(m):
                        v = a[0, k]
                        out[r, i0 + k] = b[0, k] * (1.0 + (v - v))
                else:
                    for k in range(m):
                        out[r, i0 + k] = b[0, k]
                i0 += m

    return ufunc_row


def _jit(numba, func, local_types, cache):
    options = dict(nogil=True, error_model="numpy", locals=local_types)
    return numba.njit(cache=cache, **options)(func)


def load_family(numba, family):
    """Execute _kernels/<family>.py as module fastind._numba_kernels.<family>, all functions jitted."""
    name = "fastind._numba_kernels." + family
    if name in sys.modules:
        return sys.modules[name]
    path = os.path.join(KERNEL_DIR, family + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    module.__dict__.update(C_MATH)
    module.prefetch = prefetch_intrinsic()
    if family == "elementwise":
        module.ufunc_row = ufunc_row_helper()
    # numba's cache keys on the module: it must be importable by this name on a cache hit
    sys.modules[name] = module
    cache = os.environ.get("FASTIND_NUMBA_CACHE", "1") != "0"
    if cache:
        _install_locator(numba)
        if writable_cache_dir() is None:
            # never fall through to numba's own locators: their stamp ignores the .pxd
            warnings.warn("fastind: no writable numba cache directory "
                          f"(tried {', '.join(_cache_dirs())}); kernels are compiled in memory",
                          RuntimeWarning, stacklevel=3)
            cache = False
    try:
        spec.loader.exec_module(module)
        local_types = pxd_locals(numba, family)
        # a family's NUMBA_IN_PYTHON: functions that only choose which jitted function to call;
        # left in Python, they compile just the one chosen
        in_python = set(getattr(module, "NUMBA_IN_PYTHON", ()))
        for attr, obj in list(vars(module).items()):
            if (isinstance(obj, types.FunctionType) and obj.__module__ == name
                    and attr not in in_python):
                setattr(module, attr, _jit(numba, obj, local_types.get(attr, {}), cache))
    except BaseException:
        del sys.modules[name]
        raise
    return module


def family_loader():
    """load(family) -> the jitted module, for the numba backend's families (loaded on first use)."""
    import numba

    return functools.partial(load_family, numba)


def load_all():
    import numba

    return {family: load_family(numba, family) for family in FAMILIES}
