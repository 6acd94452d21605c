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
Per symbol with `.over("symbol")` or `by="symbol"`, the same computation: every group in one call,
a 2-D call when each symbol's rows are contiguous and all symbols have as many (else a call per
group, or the rows gathered per group first when symbols interleave). `.over` with one key and the
default mapping is rewritten so (the method returns a polars expression whose `over` and `alias`
know it); several keys, `order_by=` or another `mapping_strategy` use polars' own `over`, which
calls the function once per group (~0.15-0.2 ms a group of polars' machinery). Finding the groups
scans the keys once (a String column: ~4 ns a row; integers or a Categorical: <1 ns) unless
polars knows the key column sorted (`df.sort("symbol", ...)`): then equal-length groups are
checked at their ends only. Also in `group_by().agg`, in lazy frames and with the streaming
engine; results equal the array functions exactly.
"""
import inspect

import numpy as np
import polars as pl

from . import _registry
from ._groups import over_segments

__all__ = ["TA"]


def _as_expr(value):
    return pl.col(value) if isinstance(value, str) else value


def _numpy(series):
    """The values as float32/float64 with nulls as NaN (no copy for a float column without nulls)."""
    if series.dtype in (pl.Float32, pl.Float64) and series.null_count() == 0:
        return series.to_numpy()
    dtype = pl.Float32 if series.dtype == pl.Float32 else pl.Float64
    return series.cast(dtype).fill_null(float("nan")).to_numpy()


def _changes(keys):
    """Rows i >= 1 whose key differs from row i - 1's (a null equals a null), as int64."""
    n = len(keys)
    if n < 2:
        return np.empty(0, np.int64)
    physical = keys.to_physical()
    if physical.dtype.is_integer() and not physical.has_nulls():
        # integers, dates, categoricals (their codes): compared in NumPy, no copy of the keys
        a = physical.to_numpy()
        return np.flatnonzero(a[1:] != a[:-1]) + 1
    differs = keys.slice(1).ne_missing(keys.slice(0, n - 1))
    return differs.arg_true().to_numpy().astype(np.int64) + 1


def _sorted_equal_edges(keys):
    """The edges of equal-length groups of keys that polars knows to be sorted, checked at the
    groups' ends only (a sorted block whose first and last keys are equal is one key), or None."""
    if not keys.flags["SORTED_ASC"] or keys.has_nulls():
        return None
    if not (keys.dtype == pl.String or keys.dtype.is_integer() or keys.dtype.is_temporal()):
        return None
    n = len(keys)
    length = int(keys.search_sorted(keys[0], side="right"))
    if length <= 0 or n % length:
        return None
    starts = np.arange(0, n, length)
    first = keys[starts]
    if not first.eq_missing(keys[starts + (length - 1)]).all():
        return None
    if first.n_unique() != len(first):
        return None
    return np.append(starts, n)


def _group_edges(keys):
    """[0, end of the first group, ..., n] when each key's rows are contiguous, else None."""
    n = len(keys)
    edges = _sorted_equal_edges(keys) if n else None
    if edges is not None:
        return edges
    starts = np.concatenate(([0], _changes(keys))) if n else np.empty(0, np.int64)
    if len(starts) > 1 and keys[starts].n_unique() != len(starts):
        return None  # a key recurs after another one
    return np.append(starts, n)


def _per_group(func, arrays, keys, values, n_out):
    """func over each group of `keys` (one series per group, in the frame's order) in one call:
    a 2-D call when the groups are contiguous and of one length, else a call per group."""
    n = len(keys)
    if n == 0:
        return func(*arrays, **values)
    order = None
    edges = _group_edges(keys)
    if edges is None:  # interleaved: gather each group's rows, in the frame's order within it
        frame = keys.alias("key").to_frame().with_row_index("row")
        order = frame.sort("key", maintain_order=True)["row"].to_numpy()
        arrays = [a[order] for a in arrays]
        edges = _group_edges(keys.gather(order))
    result = over_segments(func, arrays, edges, values, n_out)
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
        count = len(entry.inputs)
        outputs = list(entry.outputs)

        def compute(series, grouped):
            arrays = [_numpy(s) for s in series[:count]]
            keys = series[count] if grouped else None
            if keys is not None and len(keys) != len(series[0]):
                if len(keys) != 1:
                    raise ValueError(f"ta.{entry.name}: the key has {len(keys)} rows, the "
                                     f"inputs {len(series[0])}")
                keys = None  # one key for every row: one group
            if keys is not None:
                result = _per_group(func, arrays, keys, values, n_out)
            else:
                result = func(*arrays, **values)
            name = series[0].name
            if n_out == 1:
                return pl.Series(name, result)
            return pl.DataFrame(dict(zip(outputs, result))).to_struct(name)

        if n_out == 1:
            dtype = {"int32": pl.Int32, "int8": pl.Int8}.get(entry.out_dtype)
        else:
            dtype = None
        name = self._expr.meta.output_name(raise_if_undetermined=False) or entry.name

        def build(key):
            """The expression over every row at once, or (key given) per group of key."""
            parts = [self._expr] + exprs + ([_as_expr(key)] if key is not None else [])
            grouped = key is not None
            return pl.map_batches(parts, lambda series: compute(series, grouped),
                                  return_dtype=dtype).alias(name)

        if by is not None:
            return build(by)
        return _Indicator._wrap(build(None), build)

    sig = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    sig += [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in others]
    sig += [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default)
            for p in params]
    sig += [inspect.Parameter("by", inspect.Parameter.KEYWORD_ONLY, default=None)]
    method.__signature__ = inspect.Signature(sig)
    method.__name__ = entry.name
    method.__doc__ = f"{entry.summary} (TA-Lib {entry.talib or '-'}); outputs: {', '.join(entry.outputs)}."
    return method


def _single_key(partition_by, more_exprs, kwargs):
    """The one key of an .over() call that by= computes the same, or None."""
    if more_exprs or kwargs.get("order_by") is not None:
        return None
    if kwargs.get("mapping_strategy", "group_to_rows") != "group_to_rows":
        return None
    if set(kwargs) - {"order_by", "mapping_strategy", "descending", "nulls_last"}:
        return None
    if isinstance(partition_by, (list, tuple)) and len(partition_by) == 1:
        partition_by = partition_by[0]
    if isinstance(partition_by, str):
        return partition_by
    if isinstance(partition_by, pl.Expr) and not partition_by.meta.has_multiple_outputs():
        return partition_by
    return None


class _Indicator(pl.Expr):
    """The expression a `ta` method returns. `.over(key)` with one key (a column name or an
    expression) and the default mapping computes as `by=key`: every group in one call (a 2-D call
    when the groups are contiguous and of one length) instead of polars calling the function once
    per group; the results are the same. Several keys, order_by= or another mapping_strategy go to
    polars' own `over`. `.alias()` keeps this; other methods give a plain polars expression."""

    _grouped = None  # key -> the expression computing per group of key

    @classmethod
    def _wrap(cls, expr, grouped):
        out = cls._from_pyexpr(expr._pyexpr)
        out._grouped = grouped
        return out

    def alias(self, name):
        grouped = self._grouped
        return _Indicator._wrap(super().alias(name), lambda key: grouped(key).alias(name))

    def over(self, partition_by=None, *more_exprs, **kwargs):
        key = _single_key(partition_by, more_exprs, kwargs)
        if key is None or self._grouped is None:
            return super().over(partition_by, *more_exprs, **kwargs)
        return self._grouped(key)


@pl.api.register_expr_namespace("ta")
class TA:
    """fastind's indicators on a polars expression (see the module docstring)."""

    def __init__(self, expr):
        self._expr = expr


for _entry in _registry.ENTRIES:
    setattr(TA, _entry.name, _method(_entry))
