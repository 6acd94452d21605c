"""fastind on Dask: every function given a dask array returns a lazy dask array.

    >>> import dask.array as da, fastind as fi
    >>> panel = da.from_array(prices, chunks=(500, -1))    # rows = series, time on the last axis
    >>> fi.rsi(panel, 14)                                   # lazy; .compute() on the workers
    >>> fi.macd(panel)                                      # a tuple of three lazy arrays

Rows are independent series, so row chunks are computed in parallel as they are. The time axis
must be whole for a series: a time axis in several chunks is rechunked into one (every indicator
here has a recursive or running state whose value depends on where the series starts, so
overlapping chunks by the lookback would not give the in-memory result bit for bit). Chunk the
rows so that one block (rows x bars x 8 bytes, times inputs + outputs) fits a worker comfortably.

`per_symbol(frame, spec)` computes indicators for every symbol of a long-format dask DataFrame
(symbol, date, open/high/low/close/volume). `dask` (and `distributed` for a cluster) are an optional
extra; `import fastind` does not import them.
"""
import numpy as np

from . import _call


def _result_dtypes(spec, arrays):
    """The dtype of each output."""
    floating = np.float32 if all(np.dtype(a.dtype) == np.float32 for a in arrays) else np.float64
    return [spec.entry.output_dtype(k, floating) for k in range(spec.n_out)]


def apply(spec, inputs, values, backend=None, threads=None, out=None):
    """The lazy computation of one registry function (`spec`, a fastind._call.Bound) with native
    parameter values `values` over dask inputs (any non-dask input is wrapped)."""
    import dask.array as da

    if out is not None:
        raise TypeError("out= cannot be used with dask arrays: the result is lazy")
    arrays = [da.asarray(a) for a in inputs]
    shape = arrays[0].shape
    for name, a in zip(spec.names, arrays):
        if a.ndim not in (1, 2):
            raise ValueError(f"{name} must be 1-D or 2-D (one series per row, time on the last "
                             f"axis), got {a.ndim}-D with shape {a.shape}")
        if a.shape != shape:
            raise ValueError(f"{name} must have the same shape as {spec.names[0]}: "
                             f"got {a.shape} and {shape}")
        if np.dtype(a.dtype).kind not in "fiub":
            raise TypeError(f"{name} must be numeric (float, int or bool), got dtype {a.dtype}")
    dtypes = _result_dtypes(spec, arrays)
    whole_time = {a.ndim - 1: -1}
    arrays = [a.rechunk(whole_time) for a in arrays]
    arrays = [arrays[0]] + [a.rechunk(arrays[0].chunks) for a in arrays[1:]]
    n_out = spec.n_out
    name = spec.name

    def block(*blocks):
        return _call.run(spec, tuple(np.asarray(b) for b in blocks), values, None, backend,
                         threads)

    if n_out == 1:
        return da.map_blocks(block, *arrays, dtype=dtypes[0], token=f"fastind-{name}")
    # several outputs: one task per block returning them all (no stacked copy), one array each
    axes = "(t)," * len(arrays)
    signature = axes.rstrip(",") + "->" + ",".join(["(t)"] * n_out)
    return tuple(da.apply_gufunc(block, signature, *arrays, output_dtypes=dtypes,
                                 allow_rechunk=False, vectorize=False))


def per_symbol(frame, spec, by="symbol", order="date"):
    """Indicators per symbol of a long-format dask (or pandas) DataFrame, with the spec of
    fastind.features ({new column: (function, {parameters})}). The rows are shuffled so that each
    symbol lies in one partition, then each partition is sorted by (`by`, `order`) and every
    symbol computed as one series, exactly as in memory. Returns the lazy frame with the new
    columns (a multi-output function's columns are named <column>_<output>)."""
    from ._features import features

    if not hasattr(frame, "dask"):  # pandas: in memory
        return features(frame, spec, by=by, order=order)
    meta = features(frame._meta, spec, by=by, order=order)
    return frame.shuffle(on=by).map_partitions(features, spec, by=by, order=order, meta=meta)


__all__ = ["apply", "per_symbol"]
