"""Runs a plan: every task through the timing harness, then the start-up measurements."""
import sys

from . import cases, data, plan, results, startup, timing

try:
    from tqdm import tqdm
except ImportError:  # the bar is a nicety; the run does not need it
    tqdm = None


def _progress(total, disable):
    if tqdm is None or disable:
        return None
    return tqdm(total=total, unit="meas", file=sys.stderr, dynamic_ncols=True)


def run(mode, quiet=False):
    """All records of `mode` (timed tasks, then start-up)."""
    tasks = plan.build(mode)
    n_startup = 3
    bar = _progress(len(tasks) + n_startup, quiet)
    records = []
    previous = None
    try:
        for task in tasks:
            shape = (task.n, task.rows, task.dtype)
            if previous is not None and shape != previous[0] and previous[1] >= plan.LARGE:
                data.clear()  # done with the largest inputs: give their memory back
            previous = (shape, task.values)
            if bar is not None:
                bar.set_description(f"{task.suite} {task.case} {task.impl} n={task.values:.0e}")
            fn = task.make()
            records.append(results.record(task, timing.measure(fn, task.settings)))
            del fn
            if bar is not None:
                bar.update()
        data.clear()
        records += _startup(mode, bar)
    finally:
        if bar is not None:
            bar.close()
    return records


def _startup(mode, bar):
    def step(label):
        if bar is not None:
            bar.set_description("startup " + label)

    def done():
        if bar is not None:
            bar.update()

    out = []
    step("import")
    out.append(results.startup_record("import numpy", "python",
                                      startup.import_time("numpy", mode.import_runs)))
    out.append(results.startup_record("import fastind", "python",
                                      startup.import_time("fastind", mode.import_runs),
                                      "includes numpy's import"))
    done()
    step("numba first call: sma")
    first = startup.numba_first_call([("sma", ("close",))], mode.numba_runs)
    note = "load the numba backend and call sma once (1000 bars, float64)"
    out.append(results.startup_record("numba first call: sma", "numba cold cache",
                                      first["cold"], note))
    out.append(results.startup_record("numba first call: sma", "numba warm cache",
                                      first["warm"], note))
    done()
    if mode.numba_all_runs:
        step(f"numba first call: all {len(cases.CASES)}")
        calls = [(c.name, c.inputs) for c in cases.CASES]
        first = startup.numba_first_call(calls, mode.numba_all_runs)
        note = f"load the numba backend and call each of the {len(calls)} functions once"
        label = f"numba first call: all {len(calls)}"
        out.append(results.startup_record(label, "numba cold cache", first["cold"], note))
        out.append(results.startup_record(label, "numba warm cache", first["warm"], note))
    done()
    return out
