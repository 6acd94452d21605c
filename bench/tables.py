"""Markdown tables over results records, shared by report.md and the README section."""
from . import cases, frames, results

BACKEND_ORDER = ("cython", "numba", "numpy")


def fmt_time(seconds):
    """A time with a unit that keeps 3 significant digits readable: 812 ns, 4.2 µs, 38.1 ms, 1.52 s."""
    if seconds is None:
        return "—"
    for scale, unit in ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs")):
        if seconds >= scale:
            return _sig(seconds / scale) + " " + unit
    return _sig(seconds / 1e-9) + " ns"


def _sig(value):
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def fmt_ratio(ratio):
    return "—" if ratio is None else f"{ratio:.2f}×"


def fmt_n(n):
    """10000000 -> 1e7 (sizes are powers of ten), else with thousands separators."""
    text = f"{n:.0e}".replace("e+0", "e").replace("e+", "e")
    return text if float(text) == n else f"{n:,}"


def md_table(header, rows, align=None):
    align = align or ["---"] + ["--:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def backends(records):
    """fastind backends present in the records, in the usual order."""
    found = {r["impl"] for r in records if r["kind"] == "fastind"}
    return [b for b in BACKEND_ORDER if b in found]


def case_names(records, **labels):
    """Cases measured with the given labels, in CASES order."""
    found = {r["case"] for r in results.find(records, **labels)}
    return [c.name for c in cases.CASES if c.name in found]


def case_label(name):
    case = cases.BY_NAME.get(name)
    return name if case is None else case.label


def largest_n(records, dtype="float64", names=None):
    """The largest 1-D size measured for dtype (over `names` only, when given)."""
    sizes = [r["n"] for r in results.find(records, suite="indicators", dtype=dtype)
             if names is None or r["case"] in names]
    return max(sizes) if sizes else None


def time_ratio_table(records, suite, n, dtype, rows=1, names=None, reference="talib",
                     with_copy=False):
    """One row per case: each fastind backend's time (×reference), the reference's time, and,
    with_copy, each backend's ratio to x.copy() of the same size and, where the run measured
    it, the fastest backend's ratio to the stream floor with the call's inputs and outputs."""
    names = names or case_names(records, suite=suite, n=n, dtype=dtype, rows=rows)
    bes = backends(records)
    header = ["function"] + [f"{b} (×{_ref_label(reference)})" for b in bes] + [_ref_label(reference)]
    with_floor = with_copy and has_floor(records, suite=suite, n=n, dtype=dtype, rows=rows)
    if with_copy:
        header += [f"{b} ×copy" for b in bes]
    if with_floor:
        header.append(FLOOR_HEADER)
    table = []
    for name in names:
        ref = results.one(records, suite=suite, case=name, impl=reference, n=n, rows=rows)
        row = [case_label(name)]
        cells = []
        for b in bes:
            r = results.one(records, suite=suite, case=name, impl=b, n=n, dtype=dtype, rows=rows)
            ratio = None if (r is None or ref is None) else r["best_s"] / ref["best_s"]
            row.append("—" if r is None else f"{fmt_time(r['best_s'])} ({fmt_ratio(ratio)})")
            cells.append(r)
        row.append("—" if ref is None else fmt_time(ref["best_s"]))
        if with_copy:
            row += [fmt_ratio(None if r is None else r.get("ratio_copy")) for r in cells]
        if with_floor:
            row.append(floor_cell(records, name, n=n, dtype=dtype, rows=rows, suite=suite))
        table.append(row)
    return md_table(header, table)


FLOOR_HEADER = "fastest ×floor (in→out)"


def has_floor(records, **labels):
    """Whether any fastind record with these labels has a ratio to its stream floor."""
    return any(r.get("ratio_floor") for r in results.find(records, kind="fastind", **labels))


def floor_cell(records, name, **labels):
    """'1.14× (3→1)': the fastest fastind backend's ratio to the case's stream floor, or —."""
    fast = min(results.find(records, case=name, kind="fastind", **labels),
               key=lambda r: r["best_s"], default=None)
    if fast is None or not fast.get("ratio_floor"):
        return "—"
    shape = cases.BY_NAME[name].floor_name.removeprefix("stream ")
    return f"{fmt_ratio(fast['ratio_floor'])} ({shape})"


def _ref_label(reference):
    return {"talib": "TA-Lib", "talib-loop": "TA-Lib loop"}.get(reference, reference)


def peer_table(records, n, dtype):
    """Peers beside fastind's fastest backend and TA-Lib, for the cases that have peers."""
    peer_recs = results.find(records, suite="indicators", kind="peer", n=n, dtype=dtype)
    names = [c.name for c in cases.CASES if any(r["case"] == c.name for r in peer_recs)]
    rows = []
    for name in names:
        fast = min(results.find(records, suite="indicators", kind="fastind", case=name, n=n,
                                dtype=dtype), key=lambda r: r["best_s"], default=None)
        ref = results.one(records, suite="indicators", case=name, impl="talib", n=n)
        for r in [fast] + [p for p in peer_recs if p["case"] == name]:
            if r is None:
                continue
            impl = f"fastind {r['impl']} (fastest)" if r["kind"] == "fastind" else r["impl"]
            rows.append([case_label(name), impl, fmt_time(r["best_s"]),
                         fmt_ratio(None if ref is None else r["best_s"] / ref["best_s"]),
                         r.get("note") or ""])
    return md_table(["function", "implementation", "time", "×TA-Lib", "note"], rows,
                    ["---", "---", "--:", "--:", "---"])


def long_table(records, n, dtype, rows=1, suite="indicators"):
    """Every measurement of one size: time, median, throughput, ratios."""
    out = []
    for name in case_names(records, suite=suite, n=n, dtype=dtype, rows=rows):
        for r in results.find(records, suite=suite, case=name, n=n, dtype=dtype, rows=rows):
            out.append([case_label(name), r["impl"], fmt_time(r["best_s"]), fmt_time(r["median_s"]),
                        f"{r['mbars_s']:.1f}", fmt_ratio(r.get("ratio_talib")),
                        fmt_ratio(r.get("ratio_copy")), fmt_ratio(r.get("ratio_floor")),
                        f"{r['repeats']}×{r['number']}"])
    return md_table(["function", "impl", "best", "median", "M values/s", "×TA-Lib", "×copy",
                     "×floor", "samples×calls"], out, ["---", "---"] + ["--:"] * 7)


def startup_table(records):
    rows = []
    for r in results.find(records, suite="startup"):
        parts = ""
        if "load_s" in r:
            parts = f"backend load {fmt_time(r['load_s'])}, calls {fmt_time(r['calls_s'])}"
        rows.append([r["case"], r["impl"], fmt_time(r["best_s"]), fmt_time(r["median_s"]),
                     r["repeats"], parts or r.get("note", "")])
    return md_table(["what", "how", "best", "median", "runs", "detail"], rows,
                    ["---", "---", "--:", "--:", "--:", "---"])


def machine_line(doc):
    m, v = doc["machine"], doc["versions"]
    libs = ", ".join(f"{k} {v[k]}" for k in ("numpy", "numba", "talib") if v.get(k))
    commit = doc.get("git", {}).get("commit", "")[:10] or "unknown commit"
    return (f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; Python {v['python']}, {libs}; "
            f"fastind {v.get('fastind')} at {commit}; `python -m bench"
            f"{' --quick' if doc['mode'] == 'quick' else ''}` ({doc['started'][:10]})")


def updates_table(records):
    """The updates suite as markdown: a summary line, then µs per update of fastind's stream and
    TA-Lib's handle and their ratio, per function ("" without such records)."""
    rows = []
    ratios = []
    for r in results.find(records, suite="updates"):
        ours = r["best_s"] / r["n"]
        theirs = r["talib_s"] / r["n"] if r.get("talib_s") else None
        ratio = ours / theirs if theirs else None
        if ratio is not None:
            ratios.append(ratio)
        rows.append([case_label(r["case"]), f"{ours * 1e6:.3f}",
                     "—" if theirs is None else f"{theirs * 1e6:.3f}",
                     "—" if ratio is None else f"{ratio:.2f}×"])
    if not rows:
        return ""
    summary = ""
    if ratios:
        ratios.sort()
        summary = (f"Median {ratios[len(ratios) // 2]:.2f}× TA-Lib's handle over {len(ratios)} "
                   f"functions; {sum(x > 1.0 for x in ratios)} slower than it.\n\n")
    return summary + md_table(["function", "fastind µs/update", "TA-Lib µs/update", "ratio"],
                              rows, ["---", "--:", "--:", "--:"])


def polars_table(records):
    """The polars suite as markdown: per function, each row's time and its ratio to the 2-D call
    on the same values ("" without such records)."""
    rows = []
    for name, impl, r, seconds, ratio in frames.rows(records, results.find):
        note = r.get("note") or ""
        if impl == frames.REFERENCE:
            note = "its best in the run: on its own and beside each row"
        rows.append([case_label(name), impl, fmt_time(seconds), fmt_ratio(ratio), note])
    if not rows:
        return ""
    return md_table(["function", "how", "time", "×2-D call", "note"], rows,
                    ["---", "---", "--:", "--:", "---"])


def polars_shape(records):
    """(symbols, bars) of the polars suite's frame, or None."""
    found = results.find(records, suite="polars")
    return (found[0]["rows"], found[0]["n"]) if found else None
