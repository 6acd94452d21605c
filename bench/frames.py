"""The polars suite (issue 23): one indicator per symbol on a long frame, fastind's polars
namespace against the 2-D array call on the same values.

The frame has SHAPE[0] symbols x SHAPE[1] bars (10M rows: symbol, t, close, high, low), each
symbol's bars contiguous and in time order, the symbol a String column. Rows of the report:

* `2-D call`: `fastind.sma(close_2d, 20)` on the (symbols, bars) float64 array, the reference of
  every ratio;
* `2-D from the frame`: the same call on the frame's column reshaped (no copy) and its result put
  back as a column: what one writes who knows the frame's layout, with nothing checked;
* `.over`: `pl.col("close").ta.sma(20).over("symbol")`;
* `.over, sorted flag`: the same on the frame polars knows to be sorted by symbol (as
  `df.sort("symbol", "t")` leaves it);
* `by=`: `pl.col("close").ta.sma(20, by="symbol")`;
* `per-group .over`: polars' own `over` (`pl.Expr.over`), calling the function once per symbol;
* `Python loop`: `df.partition_by("symbol")`, one fastind call per part, the results concatenated;
* `polars rolling_mean.over` (SMA only): polars' own `rolling_mean(20).over("symbol")`.

Every row but the 2-D call computes on the frame and adds the result as a column
(`with_columns`). The ratio is each row's time over the 2-D call's best in the run: the 2-D
call is timed on its own and beside every row, in alternate samples (a shared machine drifts
between minutes).
"""
import functools

import numpy as np

from . import data

SHAPE = (2000, 5000)        # symbols x bars (issue 23's panel)
QUICK_SHAPE = (200, 1000)   # the quick plan's: a few seconds in all
# the measured functions and their parameters (issue 23: SMA 20, ATR 14, one multi-output)
CALLS = {"sma": {"period": 20}, "atr": {"period": 14}, "bbands": {"period": 20}}
INPUTS = {"sma": ("close",), "atr": ("high", "low", "close"), "bbands": ("close",)}
REFERENCE = "2-D call"
IMPLS = (REFERENCE, "2-D from the frame", ".over", ".over, sorted flag", "by=", "per-group .over",
         "Python loop", "polars rolling_mean.over")
KINDS = {"Python loop": "loop", "polars rolling_mean.over": "peer"}
NOTES = {
    "2-D from the frame": "the frame's columns reshaped (no copy), no check of the layout",
    ".over": "String symbol, polars not told that the frame is sorted",
    ".over, sorted flag": "the symbol column flagged sorted, as df.sort('symbol', 't') leaves it",
    "per-group .over": "pl.Expr.over: polars calls the function once per symbol",
    "Python loop": "df.partition_by('symbol'), a fastind call per part, concatenated",
    "polars rolling_mean.over": "polars' own rolling mean (not TA-Lib's SMA bit for bit)",
}


def available():
    try:
        import polars  # noqa: F401
        import fastind.polars  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=2)
def frame(rows, n, sorted_flag=False):
    """The long frame of data.panel(rows, n): symbol (String), t, close, high, low."""
    import polars as pl

    if sorted_flag:
        df = frame(rows, n)
        return df.with_columns(pl.col("symbol").set_sorted())
    panel = data.panel(rows, n)
    names = pl.Series("symbol", [f"S{k:05d}" for k in range(rows)])
    return pl.DataFrame({"symbol": names.gather(np.repeat(np.arange(rows), n)),
                         "t": np.tile(np.arange(n, dtype=np.int64), rows),
                         **{k: panel[k].reshape(-1) for k in ("close", "high", "low")}})


def clear():
    frame.cache_clear()


def _expr(name, params, by=None):
    import polars as pl
    import fastind.polars  # noqa: F401

    first, *others = INPUTS[name]
    method = getattr(pl.col(first).ta, name)
    if by is not None:
        return method(*others, **params, by=by).alias(name)
    return method(*others, **params).alias(name)


def _as_column(name, result, n_out):
    """The result of a 2-D or per-part call as one column (a struct for several outputs)."""
    import polars as pl

    if n_out == 1:
        return pl.Series(name, result.reshape(-1))
    return pl.DataFrame({str(k): r.reshape(-1) for k, r in enumerate(result)}).to_struct(name)


def call(name, impl, rows, n):
    """A zero-argument callable of one row of the suite (None where it does not apply)."""
    import polars as pl

    import fastind

    params = CALLS[name]
    func = getattr(fastind, name)
    n_out = 3 if name == "bbands" else 1
    if impl == REFERENCE:
        panel = data.panel(rows, n)
        arrays = [panel[k] for k in INPUTS[name]]
        return lambda: func(*arrays, **params)
    df = frame(rows, n, sorted_flag=impl == ".over, sorted flag")
    if impl == "2-D from the frame":
        def from_frame():
            arrays = [df[k].to_numpy().reshape(rows, n) for k in INPUTS[name]]
            return df.with_columns(_as_column(name, func(*arrays, **params), n_out))
        return from_frame
    if impl in (".over", ".over, sorted flag"):
        expr = _expr(name, params).over("symbol")
    elif impl == "by=":
        expr = _expr(name, params, by="symbol")
    elif impl == "per-group .over":
        expr = pl.Expr.over(_expr(name, params), "symbol")
    elif impl == "Python loop":
        def loop():
            parts = df.partition_by("symbol", maintain_order=True)
            outs = [func(*[p[k].to_numpy() for k in INPUTS[name]], **params) for p in parts]
            if n_out == 1:
                result = np.concatenate(outs)
            else:
                result = tuple(np.concatenate(o) for o in zip(*outs))
            return df.with_columns(_as_column(name, result, n_out))
        return loop
    elif impl == "polars rolling_mean.over":
        if name != "sma":
            return None
        expr = pl.col("close").rolling_mean(params["period"]).over("symbol").alias(name)
    else:
        raise ValueError(f"unknown row {impl!r}")
    return lambda: df.with_columns(expr)


def tasks(Task, F64, shape=SHAPE, names=None):
    """Task list of the suite (Task and F64 from plan, which imports this module); [] without
    polars."""
    if not available():
        return []
    rows, n = shape
    result = []
    for name in CALLS:
        if names is not None and name not in names:
            continue
        for impl in IMPLS:
            if impl == "polars rolling_mean.over" and name != "sma":
                continue
            beside = () if impl == REFERENCE else (
                ("ref", lambda name=name: call(name, REFERENCE, rows, n)),)
            result.append(Task("polars", name, impl, KINDS.get(impl, "fastind"), n, rows, F64,
                               (lambda name=name, impl=impl: call(name, impl, rows, n)),
                               NOTES.get(impl, ""), beside=beside))
    return result


def rows(records, find):
    """[(case, impl, record, seconds, ratio to the case's 2-D call)] of the suite's records, in
    IMPLS order per case. The 2-D call's time is its best in the run: its own record's and those
    timed beside each row (on a shared 2-core VM it took 12 or 23 ms from one sample to the next,
    as its two threads found two free cores or not; and a VM's first touch of fresh pages after a
    large frame's work slowed the next 2-D calls several-fold), shown as the 2-D call's row."""
    out = []
    recs = find(records, suite="polars")
    for name in dict.fromkeys(r["case"] for r in recs):
        mine = [r for r in recs if r["case"] == name]
        refs = [r["best_s"] for r in mine if r["impl"] == REFERENCE]
        refs += [r["ref_s"] for r in mine if r.get("ref_s")]
        base = min(refs, default=None)
        mine.sort(key=lambda r: IMPLS.index(r["impl"]) if r["impl"] in IMPLS else len(IMPLS))
        for r in mine:
            seconds = base if r["impl"] == REFERENCE else r["best_s"]
            out.append((name, r["impl"], r, seconds, seconds / base if base else None))
    return out


def main(argv=None):
    """`python -m bench.frames [SYMBOLSxBARS] [sma,atr,bbands]`: the suite on its own (default
    2000x5000, every function), timed as `python -m bench` times it; prints the report's table."""
    import sys

    from . import plan, results, tables, timing

    argv = sys.argv[1:] if argv is None else argv
    shape = tuple(int(v) for v in argv[0].split("x")) if argv else SHAPE
    names = argv[1].split(",") if len(argv) > 1 else None
    records = []
    for task in tasks(plan.Task, plan.F64, shape, names):
        settings = plan.FULL.large_settings if task.values >= plan.LARGE else plan.FULL.settings
        labels = [label for label, _ in task.beside]
        measured, beside = timing.measure_beside(task.make(), [make() for _, make in task.beside],
                                                 settings)
        records.append(results.record(task, measured, dict(zip(labels, beside))))
        print(f"{task.case} {task.impl}: {tables.fmt_time(measured.best)}", file=sys.stderr,
              flush=True)
    print(tables.polars_table(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
