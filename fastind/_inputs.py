"""Validation and coercion of everything a user passes in, and wrapping of what goes back.

All checks happen here, in Python, before any kernel runs: the Cython kernels are compiled without
bounds checks, so this module is what keeps them safe.
"""
import math
import numbers

import numpy as np

MAX_PERIOD = 100_000  # TA-Lib's own upper bound for every period parameter
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_ndarray = np.ndarray


def check_period(value, name="period", minimum=1):
    """An integer period in [minimum, MAX_PERIOD]."""
    if type(value) is int and minimum <= value <= MAX_PERIOD:  # the usual case, without the ABC check
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if not minimum <= value <= MAX_PERIOD:
        raise ValueError(f"{name} must be between {minimum} and {MAX_PERIOD}, got {value}")
    return value


def check_int(value, name, minimum, maximum, integral_float=False):
    """An integer in [minimum, maximum]; with `integral_float`, 5.0 counts as 5 (TA-Lib's layer)."""
    if type(value) is int and minimum <= value <= maximum:  # the usual case, without the ABC check
        return value
    if (integral_float and isinstance(value, (float, np.floating)) and math.isfinite(value)
            and float(value).is_integer()):
        value = int(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if not minimum <= value <= maximum:
        raise ValueError(f"{name} must be between {minimum} and {maximum}, got {value}")
    return value


def check_real(value, name, minimum=-math.inf, maximum=math.inf):
    """A finite real number in [minimum, maximum]."""
    if type(value) is float and minimum <= value <= maximum and math.isfinite(value):
        return value  # the usual case, without the ABC check
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if not minimum <= value <= maximum:
        raise ValueError(f"{name} must be between {minimum:g} and {maximum:g}, got {value:g}")
    return value


MA_CODES = {"sma": 0, "ema": 1, "wma": 2, "dema": 3, "tema": 4, "trima": 5, "kama": 6, "mama": 7,
            "t3": 8, "hma": 9, "disabled": 10, "default": 11, "zlema": 12, "rma": 13}


def check_param(param, value, name, talib=False):
    """One registry Param's value, validated as the generated functions do (`talib`: TA-Lib's
    range and 5.0 taken as 5)."""
    if param.kind == "int":
        low = param.min if talib or param.native_min is None else param.native_min
        return check_int(value, name, low, param.max, talib)
    if param.kind == "real":
        return check_real(value, name, param.min, param.max)
    return check_matype(value, name)


def check_matype(value, name="matype"):
    """A moving-average type: TA-Lib's MA_Type code (0-13) or its name ('ema', ...); 10
    (DISABLED) is no smoothing, 11 (DEFAULT) is SMA, as TA-Lib."""
    if type(value) is int and 0 <= value <= 13:
        return value
    if isinstance(value, str) and value.lower() in MA_CODES:
        return MA_CODES[value.lower()]
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if int(value) in MA_CODES.values():
            return int(value)
    raise ValueError(f"{name} must be one of the MA_Type codes 0-13 or a name "
                     f"({', '.join(MA_CODES)}); got {value!r}")


def _from_pandas(obj, name):
    if hasattr(obj, "columns"):  # DataFrame: each column is a series, time down the index
        values = _numeric_frame_values(obj, name)
        return values.T, ("pandas-frame", obj.index, obj.columns)
    if obj.dtype == _F32 or obj.dtype == _F64:
        values = obj.to_numpy()
    else:
        try:
            values = obj.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must hold numbers, got a Series of dtype {obj.dtype}") from None
    return values, ("pandas-series", obj.index, obj.name)


def _numeric_frame_values(frame, name):
    try:
        values = frame.to_numpy()
        if values.dtype.kind not in "fiub":
            values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numbers in every column") from None
    return values


def _from_polars(obj, name):
    if hasattr(obj, "columns"):
        return obj.to_numpy().T, ("polars-frame", list(obj.columns))
    return obj.to_numpy(), ("polars-series", obj.name)


def to_array(obj, name):
    """(ndarray of float32/float64 with ndim 1 or 2, wrap info) for one input argument."""
    wrap = None
    if isinstance(obj, np.ndarray):
        arr = obj
    elif obj is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    else:
        module = type(obj).__module__
        if module.startswith("pandas"):
            arr, wrap = _from_pandas(obj, name)
        elif module.startswith("polars"):
            arr, wrap = _from_polars(obj, name)
        elif isinstance(obj, (str, bytes)):
            raise TypeError(f"{name} must be an array of numbers, got {type(obj).__name__}")
        else:
            try:
                arr = np.asarray(obj)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{name} cannot be read as an array: {exc}") from None
    kind = arr.dtype.kind
    if kind == "f":
        dtype = _F32 if arr.dtype.itemsize <= 4 else _F64
    elif kind in "biu":
        dtype = _F64
    else:
        raise TypeError(f"{name} must be numeric (float, int or bool), got dtype {arr.dtype}")
    if arr.ndim not in (1, 2):
        raise ValueError(f"{name} must be 1-D or 2-D (one series per row, time on the last axis), "
                         f"got {arr.ndim}-D with shape {arr.shape}")
    if arr.dtype != dtype:
        arr = arr.astype(dtype)
    return arr, wrap


# What the kernels get and the results are shaped from, for one call: the tuple
# (arrays, dtype, shape, wrap) -- `arrays` 2-D C-contiguous plain ndarrays of `dtype`, one per input;
# `shape` the inputs' common shape (1-D or 2-D); `wrap` how to wrap results (None for ndarrays).
# A tuple rather than an object: it is built on every call.

def prepare(names, inputs):
    """Validate and convert the inputs (any of those to_array takes) for the kernels: all to one
    dtype (float32 if every input is float32, else float64), all of the first one's shape."""
    arrays = []
    wrap = None
    for name, obj in zip(names, inputs):
        arr, w = to_array(obj, name)
        if wrap is None:
            wrap = w
        arrays.append(arr)
    shape = arrays[0].shape
    for name, arr in zip(names[1:], arrays[1:]):
        if arr.shape != shape:
            raise ValueError(f"{name} must have the same shape as {names[0]}: "
                             f"got {arr.shape} and {shape}")
    dtype = _F32 if all(a.dtype == _F32 for a in arrays) else _F64
    rows = 1 if len(shape) == 1 else shape[0]
    arrays = [np.ascontiguousarray(a, dtype=dtype).reshape(rows, shape[-1]) for a in arrays]
    return arrays, dtype, shape, wrap


def prepare_plain(inputs):
    """prepare()'s result at a fraction of its cost for the common case, where there is nothing to
    convert: every input a plain ndarray (not a subclass), 1-D, C-contiguous, all of one dtype,
    float64 or float32, all of one shape. Each goes to the kernels as a (1, n) view of itself.

    None for any other inputs, valid or not: prepare() then converts them, or raises the error that
    names the argument. This never raises, so every check and message stays in prepare/to_array;
    what it accepts is exactly a subset of what they accept unchanged."""
    arrays = []
    dtype = shape = None
    for a in inputs:
        if type(a) is not _ndarray or not a.flags.c_contiguous:
            return None
        if dtype is None:  # the first input sets dtype and shape, the others must match them
            dtype = a.dtype
            shape = a.shape
            if (dtype is not _F64 and dtype is not _F32) or len(shape) != 1:
                return None
        elif a.dtype is not dtype or a.shape != shape:
            return None
        arrays.append(a[None])
    return arrays, dtype, shape, None


STACK_MAX = 4096  # bars up to which fresh_plain(stack=True) returns the lines as rows of one block
# outputs from this size on get their pages faulted in before the kernel runs (see fresh_empty)
PREFAULT_BYTES = 32 << 20
PAGE = 4096


def fresh_empty(shape, dtype):
    """np.empty(shape, dtype), its pages faulted in first when it is PREFAULT_BYTES or more.

    An allocation that large is a fresh mapping (glibc serves every block over 32 MiB so, then
    returns it to the system on free): its pages fault in on the first write. Taken inside a
    kernel whose loop is one carried chain, those faults cost far more than the zeroing they do
    (1e7 bars: RMA 40 -> 25 ms, LINEARREG_SLOPE 52 -> 40, TEMA 57 -> 42, CMO 58 -> 43; TA-Lib 27,
    55, 51, 66), so one write a page takes them first; memory-bound kernels pay the same either
    way. Smaller blocks are reused from the heap, their pages already there."""
    a = np.empty(shape, dtype)
    if a.nbytes >= PREFAULT_BYTES:
        a.reshape(-1).view(np.uint8)[::PAGE] = 0
    return a


def fresh_plain_py(inputs, n_out, out_dtype=None, stack=False):
    """The common call in one step: plain inputs (those prepare_plain accepts) into fresh results.

    (2-D views of the inputs, their dtype char, 2-D views of the results for the kernel, the
    results: one array if n_out is 1, else a tuple) or None for any other inputs. Results have the
    input's 1-D shape and own their data, of `out_dtype` or the input's dtype. Never raises.

    With `stack`, n_out > 1 and at most STACK_MAX bars, the results are the rows of one
    (n_out, n) block instead, and that block is the kernel's one output (for the `_stacked`
    kernels): a kernel call acquires one buffer (~0.12 us each) instead of n_out, and one array is
    allocated instead of n_out; the results are then views. Longer series get arrays of their own,
    so that keeping one line never keeps the others' memory.
    fastind/_plain.pyx is its compiled twin: `fresh_plain` is that one where it is built."""
    prepared = prepare_plain(inputs)
    if prepared is None:
        return None
    arrays, dtype, shape, _ = prepared
    result_dtype = dtype if out_dtype is None else np.dtype(out_dtype)
    if n_out == 1:
        result = fresh_empty(shape, result_dtype)
        return arrays, dtype.char, (result[None],), result
    if stack and shape[0] <= STACK_MAX:
        block = np.empty((n_out,) + shape, result_dtype)
        return arrays, dtype.char, (block,), tuple(block)
    results = tuple(fresh_empty(shape, result_dtype) for _ in range(n_out))
    return arrays, dtype.char, tuple(r[None] for r in results), results


try:
    from ._plain import fresh_plain
except ImportError:  # a source tree without compiled extensions
    fresh_plain = fresh_plain_py


def allocate(prepared, n_out, out, out_dtype=None):
    """(2-D kernel outputs, user-facing arrays, copies to make after the kernel) for n_out outputs.

    `out` is None, one array (n_out == 1) or a tuple of n_out arrays; each must be a writeable
    ndarray of the input's shape and the result dtype. A non-contiguous `out` is computed into a
    temporary and copied back. Without `out`, each result is allocated in the input's shape (1-D
    results own their data; the kernel writes through a (1, n) view)."""
    arrays, dtype, shape, _ = prepared
    if isinstance(out_dtype, tuple):  # one dtype per output (None: the input's)
        dtypes = [dtype if d is None else np.dtype(d) for d in out_dtype]
    else:
        dtypes = [dtype if out_dtype is None else np.dtype(out_dtype)] * n_out
    dtype = dtypes[0]
    if out is None:
        one_d = len(shape) == 1
        if n_out == 1:
            final = fresh_empty(shape, dtype)
            return (final[None] if one_d else final,), (final,), ()
        finals = []
        kernel_outs = []
        for k in range(n_out):
            final = fresh_empty(shape, dtypes[k])
            finals.append(final)
            kernel_outs.append(final[None] if one_d else final)
        return kernel_outs, finals, ()
    shape2d = arrays[0].shape
    outs = (out,) if n_out == 1 and not isinstance(out, tuple) else out
    if not isinstance(outs, tuple) or len(outs) != n_out:
        raise TypeError(f"out must be a tuple of {n_out} arrays")
    kernel_outs, copies = [], []
    for k, o in enumerate(outs):
        label = "out" if n_out == 1 else f"out[{k}]"
        dtype = dtypes[k]
        if not isinstance(o, np.ndarray):
            raise TypeError(f"{label} must be a numpy array, got {type(o).__name__}")
        if o.shape != shape:
            raise ValueError(f"{label} must have shape {shape}, got {o.shape}")
        if o.dtype != dtype:
            raise TypeError(f"{label} must have dtype {dtype}, got {o.dtype}")
        if not o.flags.writeable:
            raise ValueError(f"{label} must be writeable")
        if any(np.may_share_memory(o, p) for p in arrays):
            raise ValueError(f"{label} must not overlap an input")
        if o.flags.c_contiguous:
            kernel_outs.append(o.reshape(shape2d))
        else:
            tmp = np.empty(shape2d, dtype)
            kernel_outs.append(tmp)
            copies.append((o, tmp))
    return kernel_outs, list(outs), copies


def finish(prepared, finals, copies, names=None):
    """Copy back non-contiguous outs and wrap results as the inputs were: a pandas Series keeps
    its index and name; several outputs of a Series become one DataFrame with the output `names`
    as columns (where `names` is given: the native API; the TA-Lib layer returns a tuple of
    Series, as TA-Lib does); a DataFrame (one series per column) gives DataFrames."""
    for o, tmp in copies:
        o[...] = tmp.reshape(o.shape)
    wrap = prepared[3]
    if wrap is not None:
        if names is None and wrap[0] in ("pandas-series", "polars-series"):
            # the TA-Lib layer: unnamed Series, as TA-Lib returns them
            wrap = (wrap[0], wrap[1], None) if wrap[0] == "pandas-series" else (wrap[0], "")
        if names is not None and len(finals) > 1 and wrap[0] == "pandas-series":
            import pandas

            return pandas.DataFrame({name: f for name, f in zip(names, finals)}, index=wrap[1],
                                    copy=False)
        finals = [_wrap(f, wrap) for f in finals]
    return finals[0] if len(finals) == 1 else tuple(finals)


def _wrap(values, wrap):
    kind = wrap[0]
    if kind == "pandas-series":
        import pandas

        return pandas.Series(values, index=wrap[1], name=wrap[2], copy=False)
    if kind == "pandas-frame":
        import pandas

        return pandas.DataFrame(values.T, index=wrap[1], columns=wrap[2], copy=False)
    import polars

    if kind == "polars-series":
        return polars.Series(wrap[1], values)
    return polars.DataFrame({name: values[k] for k, name in enumerate(wrap[1])})
