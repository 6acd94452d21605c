"""Many indicators at once on a table: `features(frame, spec)` (pandas or polars, long format
with a symbol column, or one symbol), per symbol, in time order.

spec: {new column: function} where function is a name ('rsi'), (name, {parameters}) or
(name, {parameters}, {input: column}). Inputs default to the column named like the input
(open, high, low, close, volume; a single-series input 'x' reads 'close'). A function with
several outputs adds one column per output, named <column>_<output> (bbands -> bb_upperband...).
"""
import numpy as np

from . import _registry
from ._groups import over_segments

DEFAULT_COLUMN = {"x": "close"}


def _parse(spec):
    """[(column, entry, params, {input: column})]."""
    parsed = []
    for column, item in spec.items():
        if isinstance(item, str):
            item = (item,)
        name, params, columns = (tuple(item) + ({}, {}))[:3]
        entry = _registry.get(name)
        inputs = {n: columns.get(n, DEFAULT_COLUMN.get(n, n)) for n in entry.inputs}
        parsed.append((column, entry, dict(params), inputs))
    return parsed


def _kind(frame):
    module = type(frame).__module__
    if module.startswith("polars"):
        return "polars"
    if module.startswith("pandas"):
        return "pandas"
    raise TypeError(f"frame must be a pandas or polars DataFrame, got {type(frame).__name__}")


def _column(frame, name, kind):
    if name not in frame.columns:
        raise ValueError(f"frame has no column {name!r} (columns: {', '.join(map(str, frame.columns))})")
    col = frame[name]
    if kind == "polars":
        return col.cast(float).fill_null(np.nan).to_numpy()
    return col.to_numpy(dtype=np.float64, na_value=np.nan)


def _group_edges(frame, by, kind):
    """[0, end of the first symbol's rows, ..., n] of a frame sorted by symbol."""
    n = len(frame)
    if by is None:
        return np.array([0, n])
    if kind == "polars":
        from .polars import _group_edges

        return _group_edges(frame[by])  # the frame was sorted by `by`: polars knows it
    keys = frame[by]
    if keys.dtype == object:  # (None keys equal, as numpy compares them)
        values = keys.to_numpy()
        change = np.flatnonzero(values[1:] != values[:-1]) + 1
    else:  # string, categorical, numbers: pandas' own comparison, no objects made
        change = np.flatnonzero(keys.ne(keys.shift()).to_numpy(dtype=bool, na_value=True)[1:]) + 1
    return np.concatenate(([0], change, [n]))


def compute_columns(frame, spec, by=None):
    """{output column: values} for a frame already sorted by (symbol, time): one 2-D call when
    every symbol has as many rows, else a call per symbol."""
    import fastind

    kind = _kind(frame)
    edges = _group_edges(frame, by, kind)
    cache = {}
    result = {}
    for column, entry, params, inputs in _parse(spec):
        arrays = []
        for name in inputs.values():
            if name not in cache:
                cache[name] = _column(frame, name, kind)
            arrays.append(cache[name])
        func = getattr(fastind, entry.name)
        outs = over_segments(func, arrays, edges, params, entry.n_out)
        if entry.n_out == 1:
            result[column] = outs
        else:
            for name, o in zip(entry.outputs, outs):
                result[f"{column}_{name}"] = o
    return result


def add_features(frame, spec):
    """The columns of `spec` added to a pandas or polars frame holding one series in time order."""
    return _attach(frame, compute_columns(frame, spec))


def _attach(frame, columns):
    if _kind(frame) == "polars":
        import polars

        return frame.with_columns([polars.Series(k, v) for k, v in columns.items()])
    return frame.assign(**columns)


def features(frame, spec, by="symbol", order=None):
    """The frame sorted by (`by`, `order`) with the columns of `spec` added, each symbol computed
    as its own series (by=None, or no such column: the frame is one series)."""
    kind = _kind(frame)
    if by is not None and by not in frame.columns:
        by = None
    keys = [k for k in (by, order) if k is not None]
    if keys:
        frame = frame.sort(keys) if kind == "polars" else frame.sort_values(keys, kind="stable")
    return _attach(frame, compute_columns(frame, spec, by))
