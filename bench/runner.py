"""Runs a plan: every task through the timing harness, then the start-up measurements."""
import sys

from . import cases, data, frames, plan, results, startup, timing

try:
    from tqdm import tqdm
except ImportError:  # the bar is a nicety; the run does not need it
    tqdm = None


def _progress(total, disable):
    # only on a terminal: in a log file every redraw would be a line of its own
    if tqdm is None or disable or not sys.stderr.isatty():
        return None
    return tqdm(total=total, unit="meas", file=sys.stderr, dynamic_ncols=True, mininterval=0.1)


def run(mode, quiet=False):
    """All records of `mode` (timed tasks, then start-up)."""
    tasks = plan.build(mode)
    steps = _startup_steps(mode)
    bar = _progress(len(tasks) + len(steps), quiet)
    records = []
    previous = None
    try:
        for task in tasks:
            shape = (task.n, task.rows, task.dtype)
            if previous is not None and shape != previous[0] and previous[1] >= plan.LARGE:
                data.clear()  # done with the largest inputs: give their memory back
                frames.clear()
            previous = (shape, task.values)
            if bar is not None:
                bar.set_description(f"{task.suite} {task.case} {task.impl} n={task.values:.0e}",
                                    refresh=False)
            fn = task.make()
            labels = [label for label, _ in task.beside]
            companions = [make() for _, make in task.beside]
            measured, beside = timing.measure_beside(fn, companions, task.settings)
            records.append(results.record(task, measured, dict(zip(labels, beside))))
            del fn, companions
            if bar is not None:
                bar.update()
        data.clear()
        frames.clear()
        for label, step in steps:
            if bar is not None:
                bar.set_description("startup " + label, refresh=False)
            records += step()
            if bar is not None:
                bar.update()
    finally:
        if bar is not None:
            bar.close()
    return records


def _startup_steps(mode):
    """[(label, callable returning records)] for the start-up measurements `mode` asks for."""
    steps = []
    if mode.import_runs:
        steps.append(("import", lambda: [
            results.startup_record("import numpy", "python",
                                   startup.import_time("numpy", mode.import_runs)),
            results.startup_record("import fastind", "python",
                                   startup.import_time("fastind", mode.import_runs),
                                   "includes numpy's import")]))
    if mode.numba_runs:
        steps.append(("numba first call: sma", lambda: _first_call(
            [("sma", ("close",))], mode.numba_runs, "numba first call: sma",
            "load the numba backend and call sma once (1000 bars, float64)")))
    if mode.numba_all_runs:
        calls = [(c.name, c.inputs) for c in cases.CASES]
        label = f"numba first call: all {len(calls)}"
        steps.append((label, lambda: _first_call(
            calls, mode.numba_all_runs, label,
            f"load the numba backend and call each of the {len(calls)} functions once")))
    return steps


def _first_call(calls, runs, label, note):
    first = startup.numba_first_call(calls, runs)
    return [results.startup_record(label, "numba cold cache", first["cold"], note),
            results.startup_record(label, "numba warm cache", first["warm"], note)]
