"""polars expressions: `import fastind.polars` registers the expression namespace `ta` with every
function of the registry (made from it at import: no wrapper is written per indicator).

    >>> import polars as pl, fastind.polars  # noqa: F401
    >>> df.with_columns(pl.col("close").ta.sma(20).over("symbol"),
    ...                 pl.col("high").ta.atr(pl.col("low"), pl.col("close"), 14).alias("atr"),
    ...                 pl.col("close").ta.bbands(20).alias("bb"))   # a struct: upperband, ...

The expression the namespace hangs on is the function's first input; the others are given as
expressions (or column names) in the function's input order, then the parameters by their native
names. Several outputs come back as a struct with the output names as fields. Nulls are gaps
(NaN): the indicator restarts after them, as a NaN does. Float32 columns give Float32 results.
Per symbol with `.over("symbol")` (polars calls the function once per group), or faster with
`by="symbol"` (every group in one call: a 2-D call when the groups are contiguous and of one
length); in `group_by().agg`, in lazy frames and with the streaming engine; results equal the
array functions exactly.
"""
import inspect

import numpy as np
import polars as pl

from . import _registry

__all__ = ["TA"]


def _as_expr(value):
    return pl.col(value) if isinstance(value, str) else value


def _numpy(series):
    """The values as float32/float64 with nulls as NaN (no copy for a float column without nulls)."""
    if series.dtype in (pl.Float32, pl.Float64) and series.null_count() == 0:
        return series.to_numpy()
    dtype = pl.Float32 if series.dtype == pl.Float32 else pl.Float64
    return series.cast(dtype).fill_null(float("nan")).to_numpy()


def _per_group(func, arrays, keys, values, n_out):
    """func over each group of `keys` (one series per group, in the frame's order) in one call:
    a 2-D call when the groups are contiguous and of one length, else a call per group."""
    n = len(keys)
    order = None
    runs = keys.rle()  # (len, value) of each run of equal keys: one group per run when contiguous
    if len(runs) != runs.struct.field("value").n_unique():  # interleaved: gather each group
        frame = keys.alias("key").to_frame().with_row_index("row")
        order = frame.sort("key", maintain_order=True)["row"].to_numpy()
        arrays = [a[order] for a in arrays]
        runs = keys.gather(order).rle()
    lengths = runs.struct.field("len").to_numpy()
    edges = np.concatenate(([0], np.cumsum(lengths)))
    if n and (lengths == lengths[0]).all():
        rows = len(lengths)
        result = func(*[a.reshape(rows, -1) for a in arrays], **values)
        result = tuple(r.reshape(-1) for r in result) if n_out > 1 else result.reshape(-1)
    else:
        outs = None
        for lo, hi in zip(edges[:-1], edges[1:]):
            part = func(*[a[lo:hi] for a in arrays], **values)
            part = part if n_out > 1 else (part,)
            if outs is None:
                outs = [np.empty(n, p.dtype) for p in part]
            for o, p in zip(outs, part):
                o[lo:hi] = p
        if outs is None:
            outs = [np.empty(0) for _ in range(n_out)]
        result = tuple(outs) if n_out > 1 else outs[0]
    if order is not None:  # back to the frame's order
        inverse = np.empty_like(order)
        inverse[order] = np.arange(n)
        result = tuple(r[inverse] for r in result) if n_out > 1 else result[inverse]
    return result


def _method(entry):
    import fastind

    params = [p for p in entry.params if p.native]
    others = list(entry.inputs[1:])
    n_out = entry.n_out

    def method(self, *args, by=None, **kwargs):
        exprs = [_as_expr(a) for a in args[:len(others)]]
        missing = others[len(exprs):]
        for name in list(missing):
            if name in kwargs:
                exprs.append(_as_expr(kwargs.pop(name)))
                missing = missing[1:]
        if missing:
            raise TypeError(f"ta.{entry.name} needs the input(s) {', '.join(missing)} as "
                            "expressions or column names")
        values = dict(zip([p.name for p in params], args[len(others):]))
        for key, value in kwargs.items():
            if key not in {p.name for p in params}:
                raise TypeError(f"ta.{entry.name} got an unexpected argument {key!r}")
            values[key] = value
        func = getattr(fastind, entry.name)
        # validate now (a bad parameter fails where it is written, not at collect time)
        func(*([np.zeros(1)] * len(entry.inputs)), **values)
        parts = [self._expr] + exprs + ([_as_expr(by)] if by is not None else [])
        count = len(entry.inputs)

        def compute(series):
            arrays = [_numpy(s) for s in series[:count]]
            if by is None:
                result = func(*arrays, **values)
            else:
                result = _per_group(func, arrays, series[count], values, n_out)
            name = series[0].name
            if n_out == 1:
                return pl.Series(name, result)
            return pl.struct([pl.Series(o, r) for o, r in zip(entry.outputs, result)],
                             eager=True).alias(name)

        if n_out == 1:
            dtype = {"int32": pl.Int32, "int8": pl.Int8}.get(entry.out_dtype)
        else:
            dtype = None
        name = self._expr.meta.output_name(raise_if_undetermined=False) or entry.name
        return pl.map_batches(parts, compute, return_dtype=dtype).alias(name)

    sig = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    sig += [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in others]
    sig += [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default)
            for p in params]
    sig += [inspect.Parameter("by", inspect.Parameter.KEYWORD_ONLY, default=None)]
    method.__signature__ = inspect.Signature(sig)
    method.__name__ = entry.name
    method.__doc__ = f"{entry.summary} (TA-Lib {entry.talib or '-'}); outputs: {', '.join(entry.outputs)}."
    return method


@pl.api.register_expr_namespace("ta")
class TA:
    """fastind's indicators on a polars expression (see the module docstring)."""

    def __init__(self, expr):
        self._expr = expr


for _entry in _registry.ENTRIES:
    setattr(TA, _entry.name, _method(_entry))
