#!/usr/bin/env python
"""The README's "Benchmarks" section from a `python -m bench` results.json.

    python tools/gen_bench_readme.py bench-out/results.json                  # print the section
    python tools/gen_bench_readme.py bench-out/results.json --write README.md --plot docs/img/ratio_talib.png

--plot copies the run's ratio_talib.png (found beside results.json) to that path, relative to the
README, and shows it in the section. --write replaces what lies between the lines `<!-- bench:start -->` and `<!-- bench:end -->`
(the markers stay); the file is left untouched if they are missing.
"""
import argparse
import os
import shutil
import statistics
import sys

# run as a script from anywhere: the bench package lives beside tools/
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import cases, plan, results, tables  # noqa: E402

FLOOR_NOTE = (" ×floor: time / one compiled pass that reads the call's inputs and writes as many "
              "fresh outputs (the least a single-pass implementation pays; 1→1 is about an "
              "array copy).")
START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def _cell(rec, ref):
    if rec is None:
        return "—"
    if ref is None:
        return tables.fmt_time(rec["best_s"])
    # results.annotate's ratio: to the TA-Lib call timed beside this one where there is one (as
    # report.md's tables), else to TA-Lib's own record `ref`
    return f"{tables.fmt_time(rec['best_s'])} ({tables.fmt_ratio(rec['ratio_talib'])})"


def indicator_table(records):
    """Each function at the largest float64 size measured for it: backends, TA-Lib, and the
    fastest backend's ratio to the call's stream floor where the run measured it."""
    bes = tables.backends(records)
    with_floor = tables.has_floor(records, suite="indicators")
    rows = []
    for case in cases.CASES:
        sizes = [r["n"] for r in results.find(records, suite="indicators", case=case.name,
                                              dtype="float64", kind="fastind")]
        if not sizes:
            continue
        n = max(sizes)
        ref = results.one(records, suite="indicators", case=case.name, impl="talib", n=n)
        rows.append([case.label, tables.fmt_n(n)]
                    + [_cell(results.one(records, suite="indicators", case=case.name, impl=b, n=n,
                                         dtype="float64"), ref) for b in bes]
                    + [tables.fmt_time(ref["best_s"]) if ref else "—"]
                    + ([tables.floor_cell(records, case.name, suite="indicators", n=n,
                                          dtype="float64", rows=1)] if with_floor else []))
    header = (["function", "bars"] + bes + ["TA-Lib"]
              + ([tables.FLOOR_HEADER] if with_floor else []))
    return tables.md_table(header, rows, ["---", "--:"] + ["--:"] * (len(header) - 2))


def overhead_line(records):
    """Median over functions of the per-call time at n = 100, per implementation."""
    parts = []
    for impl in tables.backends(records) + ["talib"]:
        times = [r["best_s"] for r in results.find(records, suite="overhead", impl=impl)]
        if times:
            label = "TA-Lib" if impl == "talib" else impl
            parts.append(f"{label} {tables.fmt_time(statistics.median(times))}")
    if not parts:
        return ""
    return f"**Call overhead** ({plan.OVERHEAD_N} bars, median over functions): " + ", ".join(parts) + "."


def panel_line(records):
    rows, n = plan.PANEL_SHAPE
    parts = []
    for case in cases.CASES:
        ref = results.one(records, suite="panel", case=case.name, impl="talib-loop")
        fast = min(results.find(records, suite="panel", case=case.name, kind="fastind"),
                   key=lambda r: r["best_s"], default=None)
        if ref and fast:
            parts.append(f"{case.name} {tables.fmt_time(fast['best_s'])} vs "
                         f"{tables.fmt_time(ref['best_s'])}")
    if not parts:
        return ""
    return (f"**2-D panel** ({rows} series × {n} bars; one fastind call, fastest backend, vs a "
            f"Python loop of TA-Lib calls): " + "; ".join(parts) + ".")


def startup_line(records):
    def best(case, impl=None):
        found = [r for r in results.find(records, suite="startup", case=case)
                 if impl is None or r["impl"] == impl]
        return tables.fmt_time(found[0]["best_s"]) if found else None

    parts = []
    if best("import fastind"):
        parts.append(f"`import fastind` {best('import fastind')} (numpy alone "
                     f"{best('import numpy')})")
    cold = best("numba first call: sma", "numba cold cache")
    warm = best("numba first call: sma", "numba warm cache")
    if cold and warm:
        parts.append(f"numba backend load + first `sma` call {cold} with a cold cache, {warm} warm")
    everything = [r for r in results.find(records, suite="startup")
                  if r["case"].startswith("numba first call: all")]
    if everything:
        c = next((r for r in everything if "cold" in r["impl"]), None)
        w = next((r for r in everything if "warm" in r["impl"]), None)
        if c and w:
            parts.append(f"all {len(cases.CASES)} functions {tables.fmt_time(c['best_s'])} cold, "
                         f"{tables.fmt_time(w['best_s'])} warm")
    return ("**Start-up**: " + "; ".join(parts) + ".") if parts else ""


def section(doc, plot=None):
    """The markdown that goes between the markers; `plot`: the ratio figure's path in the README."""
    records = doc["records"]
    lines = [
        f"Measured on {tables.machine_line(doc)}. Time per call, best of repeated calls after a "
        "warmup; in brackets the ratio to TA-Lib's time for the same call, timed beside it in "
        "alternate samples (below 1: faster); the TA-Lib column is its own measurement."
        + (FLOOR_NOTE if tables.has_floor(records) else "")
        + " How to run and read the benchmarks: [docs/benchmarks.md](docs/benchmarks.md).",
        "",
        indicator_table(records),
    ]
    if plot:
        lines += ["", f"![time / TA-Lib time per function and backend, from the same run]({plot})"]
    for extra in (overhead_line(records), panel_line(records), startup_line(records)):
        if extra:
            lines += ["", extra]
    streaming = tables.updates_table(records)
    if streaming:
        lines += ["", "**Streaming** (`fastind.stream(name).update(bar)` against TA-Lib 0.8.2's "
                  "`talib.stream` handle, µs per update; docs/streaming.md):", "", streaming]
    per_symbol = tables.polars_table(records)
    if per_symbol:
        rows, n = tables.polars_shape(records)
        lines += ["", f"**polars, per symbol** ({rows:,} symbols × {n:,} bars in one long frame, "
                  "the symbol a String column; `df.with_columns(...)`'s time and its ratio to the "
                  "2-D array call on the same values; docs/polars.md):", "", per_symbol]
    return "\n".join(lines)


def replace_section(text, body):
    """text with the lines between START and END replaced by body; ValueError without markers."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip() == START]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise ValueError(f"expected one {START} line followed by one {END} line")
    newline = "\r\n" if lines[starts[0]].endswith("\r\n") else "\n"
    middle = [line + newline for line in body.split("\n")]
    return "".join(lines[:starts[0] + 1] + middle + lines[ends[0]:])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("results", help="results.json written by `python -m bench`")
    p.add_argument("--write", metavar="README.md", help="replace the marked section of this file")
    p.add_argument("--plot", metavar="PATH", help="copy the run's ratio_talib.png here (relative to "
                   "the README) and show it")
    args = p.parse_args(argv)
    if args.plot:
        figure = os.path.join(os.path.dirname(os.path.abspath(args.results)), "ratio_talib.png")
        if not os.path.exists(figure):
            print(f"{figure}: not found (a run with --no-plots?)", file=sys.stderr)
            return 1
        target = os.path.join(os.path.dirname(os.path.abspath(args.write or ".")) if args.write
                              else os.getcwd(), args.plot)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(figure, target)
    body = section(results.load(args.results), args.plot)
    if not args.write:
        print(body)
        return 0
    with open(args.write, encoding="utf-8", newline="") as fh:
        text = fh.read()
    try:
        updated = replace_section(text, body)
    except ValueError as exc:
        print(f"{args.write}: {exc}", file=sys.stderr)
        return 1
    tmp = args.write + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(updated)
    os.replace(tmp, args.write)
    print(f"updated the benchmarks section of {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
