"""The stream floor of a call: one compiled pass reading each of its inputs once and writing as
many fresh outputs as it returns.

x.copy() is the floor of a call with one input and one output. ATR reads three series, MACD and
BBANDS write three: their floor is a loop with the same streams, out_j[t] = sum_k in_k[t] for
every output j, its outputs allocated per call as every indicator's are. Compiled by numba (it
vectorizes the loop); without numba there is no stream floor and the report leaves ×floor out.
Timed from FLOOR_MIN_N bars on: below, numba's dispatch of two tuples (~µs) would be the floor.
"""
import functools

import numpy as np

FLOOR_MIN_N = 100_000


@functools.lru_cache(maxsize=None)
def _stream():
    """The numba-compiled stream loop, or None without numba."""
    try:
        import numba
    except ImportError:
        return None

    @numba.njit(nogil=True)
    def stream(ins, outs):
        # the loops over the tuples have a compile-time length: LLVM unrolls them, and the loop
        # over t vectorizes
        n = ins[0].shape[0]
        for t in range(n):
            s = ins[0][t]
            for k in range(1, len(ins)):
                s += ins[k][t]
            for j in range(len(outs)):
                outs[j][t] = s
    return stream


def available():
    return _stream() is not None


def name(n_inputs, n_outputs, out_dtype=None):
    """The floor's label: 'stream 3→1', 'stream 1→1 int8' (outputs of another type than the input).
    Outputs of several types (a tuple) are floored as outputs of the input's type: a little more
    traffic than the call's (SUPERTREND: a float line and an int32 trend)."""
    out_dtype = None if isinstance(out_dtype, tuple) else out_dtype
    return f"stream {n_inputs}→{n_outputs}" + (f" {out_dtype}" if out_dtype else "")


def bytes_moved(label, values, dtype):
    """Bytes a floor record of `values` values in `dtype` reads and writes: one stream each way
    for a copy ('copy', 'copyto'), the inputs' and outputs' streams for a name() label."""
    size = np.dtype(dtype).itemsize
    if not label.startswith("stream "):
        return values * size * 2
    shape, _, out_dtype = label.removeprefix("stream ").partition(" ")
    n_inputs, n_outputs = (int(k) for k in shape.split("→"))
    return values * (n_inputs * size + n_outputs * np.dtype(out_dtype or dtype).itemsize)


def floor_call(arrays, n_outputs, out_dtype=None):
    """A zero-argument callable streaming `arrays` (same shape and dtype) into n_outputs fresh
    arrays of out_dtype (default: the inputs' dtype), returning them; None without numba."""
    if n_outputs not in (1, 2, 3, 4):
        raise ValueError(f"n_outputs must be 1 to 4, got {n_outputs}")
    out_dtype = None if isinstance(out_dtype, tuple) else out_dtype
    stream = _stream()
    if stream is None:
        return None
    ins = tuple(np.ascontiguousarray(a).reshape(-1) for a in arrays)
    sizes = (ins[0].size,) * n_outputs
    dtypes = (np.dtype(out_dtype or ins[0].dtype),) * n_outputs
    empty = np.empty

    def call():
        outs = tuple(map(empty, sizes, dtypes))  # allocated per call, as every indicator's
        stream(ins, outs)
        return outs
    return call
