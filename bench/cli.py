"""`python -m bench`: run the benchmarks, write report.md, plots and results.json, compare."""
import argparse
import datetime
import os
import sys
import time

from . import cases, compare, machine, plan, plots, report, results, runner


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true",
                   help="sizes 1e3/1e5/1e6 (1e7 for sma, ema, rsi, rolling_max), fewer repeats: "
                        "a few minutes")
    p.add_argument("--out", default="bench-out", help="output folder (default: bench-out)")
    p.add_argument("--compare", metavar="OLD.json", help="a previous results.json to compare with")
    p.add_argument("--fail-on-regression", action="store_true",
                   help="exit 1 when --compare finds a regression")
    p.add_argument("--threshold", type=float, default=0.10,
                   help="regression threshold on new/old best time - 1 (default 0.10)")
    p.add_argument("--cases", help="comma-separated fastind function names (default: all)")
    p.add_argument("--sizes", help="comma-separated bar counts of the 1-D grid to keep, e.g. "
                   "1000000,10000000 (default: the mode's)")
    p.add_argument("--backends", help="comma-separated fastind backends to time (default: every "
                   "one that loads)")
    p.add_argument("--no-panel", action="store_true",
                   help="skip the panel, threads and polars suites (the 1-D grid, overhead and "
                        "updates only)")
    p.add_argument("--no-polars", action="store_true",
                   help="skip the polars suite (.over/by= per symbol on a long frame against the "
                        "2-D call)")
    p.add_argument("--no-updates", action="store_true",
                   help="skip the updates suite (a stream's update against TA-Lib's handle)")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG figures")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    if args.fail_on_regression and not args.compare:
        p.error("--fail-on-regression needs --compare OLD.json")
    if args.threshold < 0:
        p.error("--threshold must be >= 0")
    return args


def _mode(args):
    mode = plan.MODES["quick" if args.quick else "full"]
    if args.cases:
        names = tuple(cases.select([c.strip() for c in args.cases.split(",") if c.strip()]))
        keep = tuple(c.name for c in names)

        def only(selected):
            return keep if selected is None else tuple(c for c in selected if c in keep)

        mode = plan.Mode(**{**mode.__dict__, "grid": tuple((n, dt, only(sel)) for n, dt, sel in mode.grid),
                            "overhead_cases": only(mode.overhead_cases),
                            "panel_cases": only(mode.panel_cases),
                            "polars_cases": only(mode.polars_cases)})
    if args.sizes:
        sizes = {int(float(v)) for v in args.sizes.split(",") if v.strip()}
        mode = plan.Mode(**{**mode.__dict__,
                            "grid": tuple(g for g in mode.grid if g[0] in sizes)})
    if args.no_panel:
        mode = plan.Mode(**{**mode.__dict__, "panel_cases": (), "threads": False,
                            "polars": False})
    if args.no_polars:
        mode = plan.Mode(**{**mode.__dict__, "polars": False})
    if args.no_updates:
        mode = plan.Mode(**{**mode.__dict__, "updates": False})
    if args.backends:
        chosen = tuple(b.strip() for b in args.backends.split(",") if b.strip())
        mode = plan.Mode(**{**mode.__dict__, "backends": chosen})
    return mode


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # read the baseline first: it may be the results.json this run is about to replace
    old = results.load(args.compare) if args.compare else None
    mode = _mode(args)
    os.makedirs(args.out, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    info = {"machine": machine.machine(), "versions": machine.versions(), "git": machine.git()}
    t0 = time.perf_counter()
    records = runner.run(mode, quiet=args.no_progress)
    doc = results.document(mode.name, info["machine"], info["versions"], info["git"], records,
                           _settings(mode), started, time.perf_counter() - t0)
    results.save(doc, os.path.join(args.out, "results.json"))
    figures = [] if args.no_plots else plots.write_all(doc["records"], args.out)
    report.write(doc, os.path.join(args.out, "report.md"), figures)
    print(f"wrote {os.path.join(args.out, 'report.md')}, results.json and {len(figures)} plots "
          f"in {doc['elapsed_s']:.0f} s")
    if old is None:
        return 0
    outcome = compare.compare(old, doc, args.threshold)
    text = compare.render(outcome, args.compare, os.path.join(args.out, "results.json"))
    with open(os.path.join(args.out, "compare.md"), "w") as fh:
        fh.write(text)
    print(text)
    if outcome["regressions"] and args.fail_on_regression:
        return 1
    return 0


def _settings(mode):
    return {"grid": [[n, dt, list(sel) if sel else None] for n, dt, sel in mode.grid],
            "panel_backends": mode.panel_backends, "panel_cases": mode.panel_cases,
            "overhead_cases": mode.overhead_cases,
            "overhead_n": plan.OVERHEAD_N, "panel_shape": list(plan.PANEL_SHAPE),
            "polars_shape": list(mode.polars_shape) if mode.polars else None,
            "timing": mode.settings.__dict__, "large_timing": mode.large_settings.__dict__,
            "large_from_values": plan.LARGE,
            "case_params": {c.name: c.params for c in cases.CASES}}
