"""report.md: the run's machine, headline, per-size tables, overhead, panel, start-up, plots."""
from . import cases, floors, plan, results, tables, threads, updates
from .tables import fmt_n, md_table


def _sizes(records):
    """(n, dtype) of the 1-D grid, largest first, float64 before float32."""
    seen = {(r["n"], r["dtype"]) for r in results.find(records, suite="indicators")}
    return sorted(seen, key=lambda s: (-s[0], s[1] != "float64"))


def _header(doc):
    m, v = doc["machine"], doc["versions"]
    git = doc.get("git") or {}
    lines = [
        "# fastind benchmark report",
        "",
        f"Mode **{doc['mode']}**, started {doc['started']}, took {doc['elapsed_s']:.0f} s.",
        "",
        f"* Machine: {m['cpu']}, {m['cores']} usable cores ({m['logical_cpus']} logical CPUs), "
        f"{m['ram_gb']} GB RAM, {m['platform']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_at_start'] or [])}",
        "* Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val),
        f"* fastind commit: {git.get('commit', 'unknown')}"
        + (" (fastind/ has uncommitted changes)" if git.get("fastind_dirty") else ""),
        "",
        "Times are seconds per call, the **best** of several samples after a warmup call (a JIT's "
        "compile is never timed); the median is in the full tables and in results.json. "
        "×TA-Lib is time / TA-Lib's time for the same call (below 1: faster than TA-Lib), TA-Lib's "
        "call timed beside each call in alternate samples; TA-Lib computes in float64 only, so "
        "float32 rows compare with TA-Lib on the same prices in float64. "
        "×copy is time / `x.copy()` of the same number of values and dtype — an allocation plus "
        "one read and one write stream, the memory-bandwidth floor of a call that returns a new "
        f"array; from {plan.LARGE // 10**6}M values on, the copy is timed beside each call, in "
        "alternate samples. ×floor is time / the stream floor of the call: one compiled pass "
        "(numba) reading each of the call's inputs once and writing as many fresh outputs as it "
        "returns (in→out: ATR 3→1, MACD 1→3), timed beside each call from "
        f"{floors.FLOOR_MIN_N:,} values on; the tables give the fastest backend's. Throughput "
        "is million input values (bars) per second.",
    ]
    return "\n".join(lines)


def _headline(records):
    n = tables.largest_n(records, "float64", cases.HEADLINE)
    if n is None:
        return ""
    names = [c for c in cases.HEADLINE if results.find(records, suite="indicators", case=c, n=n)]
    return (f"## Headline: {fmt_n(n)} bars, float64\n\n"
            + tables.time_ratio_table(records, "indicators", n, "float64", names=names,
                                      with_copy=True))


def _grid(records):
    parts = []
    for n, dtype in _sizes(records):
        parts.append(f"### {fmt_n(n)} bars, {dtype}\n\n"
                     + tables.time_ratio_table(records, "indicators", n, dtype, with_copy=True))
        if results.find(records, suite="indicators", kind="peer", n=n, dtype=dtype):
            parts.append(f"Peers at {fmt_n(n)} bars, {dtype}:\n\n" + tables.peer_table(records, n, dtype))
    return "## Every function by size\n\n" + "\n\n".join(parts)


def _overhead(records):
    if not results.find(records, suite="overhead"):
        return ""
    n = plan.OVERHEAD_N
    bes = tables.backends(records)
    rows = []
    for name in tables.case_names(records, suite="overhead"):
        ref = results.one(records, suite="overhead", case=name, impl="talib")
        row = [tables.case_label(name)]
        for impl in bes + ["fastind.talib", "talib"]:
            r = results.one(records, suite="overhead", case=name, impl=impl)
            if r is None:
                row.append("—")
            elif impl == "talib" or ref is None:
                row.append(tables.fmt_time(r["best_s"]))
            else:
                row.append(f"{tables.fmt_time(r['best_s'])} ({tables.fmt_ratio(r['best_s'] / ref['best_s'])})")
        rows.append(row)
    return (f"## Call overhead at n = {n}\n\nA {n}-bar call is nearly all fixed cost: argument "
            "checks, dispatch, output allocation. `fastind.talib` is the TA-Lib-compatible layer on "
            "the default backend.\n\n"
            + md_table(["function"] + bes + ["fastind.talib", "TA-Lib"], rows))


def _panel(records):
    if not results.find(records, suite="panel"):
        return ""
    rows, n = plan.PANEL_SHAPE
    names = [c for c in tables.case_names(records, suite="panel")]
    return (f"## 2-D panel: {rows} series × {n} bars, float64\n\nOne fastind call on the 2-D array "
            f"against a Python loop calling TA-Lib once per series.\n\n"
            + tables.time_ratio_table(records, "panel", n, "float64", rows=rows, names=names,
                                      reference="talib-loop", with_copy=True))


def _startup(records):
    if not results.find(records, suite="startup"):
        return ""
    return ("## Start-up\n\nEach in a fresh interpreter, timed inside it (interpreter start-up "
            "excluded). Numba cold: an empty `FASTIND_NUMBA_CACHE_DIR`, so the kernels compile; "
            "warm: a second process on the directory the cold one filled.\n\n"
            + tables.startup_table(records))


def _threads(records):
    speed = threads.speedups(records, results.find)
    rows_n = plan.PANEL_SHAPE
    lines = []
    if speed:
        rows = [[tables.case_label(c)] + [f"{by[k]:.2f}×" if k in by else "—"
                                          for k in ("fastind", "talib")]
                for c, by in speed.items()]
        lines.append(f"Two threads, each on its own {fmt_n(threads.THREAD_N)}-bar array: the "
                     "two calls one after the other over the time on two threads (2.00× is "
                     "perfect).\n\n" + md_table(["function", "fastind", "TA-Lib"], rows,
                                                 ["---", "--:", "--:"]))
    panel_rows = []
    for name in tables.case_names(records, suite="panel"):
        one = results.one(records, suite="panel", case=name, impl="threads=1")
        two = results.one(records, suite="panel", case=name, impl="threads=2")
        if one and two:
            panel_rows.append([tables.case_label(name), tables.fmt_time(one["best_s"]),
                               tables.fmt_time(two["best_s"]), f"{one['best_s'] / two['best_s']:.2f}×"])
    if panel_rows:
        lines.append(f"Panel {rows_n[0]} × {rows_n[1]}, default backend:\n\n"
                     + md_table(["function", "threads=1", "threads=2", "speedup"], panel_rows,
                                ["---", "--:", "--:", "--:"]))
    return "## Threads\n\n" + "\n\n".join(lines) if lines else ""


def _updates(records):
    table = tables.updates_table(records)
    if not table:
        return ""
    return ("## Streaming: one update\n\n"
            f"µs per `update(bar)` of `fastind.stream(name)` and of TA-Lib 0.8.2's "
            f"`talib.stream.NAME` handle, each opened on {updates.HISTORY} bars and fed "
            f"{updates.UPDATES} more, timed in alternate samples.\n\n" + table)


def _polars(records):
    table = tables.polars_table(records)
    if not table:
        return ""
    rows, n = tables.polars_shape(records)
    return (f"## polars: per symbol on a long frame\n\n"
            f"{rows:,} symbols × {n:,} bars ({rows * n:,} rows: symbol as a String column, "
            "each symbol's bars contiguous), one indicator per symbol added as a column with "
            "`df.with_columns(...)`; ×2-D call is the time over the 2-D array call on the same "
            "values, (symbols, bars), from this run.\n\n" + table)


def _floor(records):
    rows = []
    for r in results.find(records, suite="floor", rows=1):
        moved = floors.bytes_moved(r["case"], r["n"] * r["rows"], r["dtype"])
        rows.append([fmt_n(r["n"] * r["rows"]), r["dtype"], f"{r['case']}: {r['impl']}",
                     tables.fmt_time(r["best_s"]), f"{moved / r['best_s'] / 1e9:.1f}"])
    return ("## Memory floor\n\n" + md_table(["values", "dtype", "call", "best",
                                              "GB/s (read+write)"],
                                            rows, ["--:", "---", "---", "--:", "--:"]))


def _plots(plot_files):
    if not plot_files:
        return ""
    return "## Plots\n\n" + "\n\n".join(f"![{f}]({f})" for f in plot_files)


def _appendix(records):
    parts = [f"### {fmt_n(n)} bars, {dtype}\n\n" + tables.long_table(records, n, dtype)
             for n, dtype in _sizes(records)]
    rows, n = plan.PANEL_SHAPE
    if results.find(records, suite="panel"):
        parts.append(f"### panel {rows} × {n}\n\n" + tables.long_table(records, n, "float64", rows, "panel"))
    shape = tables.polars_shape(records)
    if shape:
        parts.append(f"### polars {shape[0]} × {shape[1]}\n\n"
                     + tables.long_table(records, shape[1], "float64", shape[0], "polars"))
    return "## All measurements\n\n" + "\n\n".join(parts)


def render(doc, plot_files=()):
    records = doc["records"]
    sections = [_header(doc), _headline(records), _grid(records), _overhead(records),
                _panel(records), _threads(records), _polars(records), _updates(records),
                _startup(records),
                _floor(records), _plots(plot_files),
                _appendix(records)]
    return "\n\n".join(s for s in sections if s) + "\n"


def write(doc, path, plot_files=()):
    with open(path, "w") as fh:
        fh.write(render(doc, plot_files))
