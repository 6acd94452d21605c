"""What a run measures: the quick and full plans, as a list of tasks.

A task is one timed callable plus the labels its record carries. Callables are built lazily (the
largest inputs are hundreds of MB) and tasks are ordered by input size, so the runner can drop the
inputs of one size before generating the next.
"""
from dataclasses import dataclass, field

import numpy as np

import fastind

from . import cases, data, floors, frames, peers, threads, timing, updates
from .updates import TARGETS as UPDATE_TARGETS

F64 = "float64"
F32 = "float32"
PANEL_SHAPE = (2000, 5000)  # series x bars
OVERHEAD_N = 100


@dataclass(frozen=True)
class Mode:
    """A plan's shape: which sizes, dtypes and cases, and how hard to time them."""

    name: str
    grid: tuple            # (n, dtype, case names or None for all)
    overhead_cases: tuple  # None for all
    panel_cases: tuple
    panel_backends: tuple  # None for every available backend
    import_runs: int       # fresh interpreters timing `import` (0: skipped)
    numba_runs: int        # cold/warm pairs making one numba call (0: skipped)
    numba_all_runs: int    # cold/warm pairs compiling every function (0: skipped)
    settings: timing.Settings = timing.Settings()
    threads: bool = True   # the threads suite (two threads on their own arrays)
    updates: bool = True   # the updates suite (a stream's update against TA-Lib's handle)
    updates_cases: tuple = UPDATE_TARGETS  # None for every function
    polars: bool = True    # the polars suite (.over / by= on a long frame against the 2-D call)
    polars_shape: tuple = frames.SHAPE  # symbols x bars of its frame
    polars_cases: tuple = None  # None for all of frames.CALLS
    backends: tuple = None  # fastind backends of the 1-D grid (None: every one that loads)
    # the numpy backend above this many values is left out of the grid: some of its versions of
    # adaptive recurrences loop over time in Python (the oracle, not a contender at 1e7)
    numpy_up_to: int = 1_000_000
    large_settings: timing.Settings = timing.Settings(repeats=5, budget=1.0)


QUICK = Mode(
    name="quick",
    # every function at 1e5 (the catalog is ~200 functions: CI's time), the headline ones at
    # every size
    grid=((1_000, F64, cases.HEADLINE), (100_000, F64, None), (1_000_000, F64, cases.HEADLINE),
          (100_000, F32, cases.HEADLINE), (10_000_000, F64, cases.HEADLINE)),
    # a fixed quarter of the catalog: at n = 100 a numba call's first one loads its compiled
    # code from the cache (~0.1 s a function), which for every function was a third of CI's bench
    overhead_cases=cases.SAMPLE,
    panel_cases=cases.HEADLINE,
    # the numpy backend loops over rows in Python: seconds to a minute per panel call
    panel_backends=("cython", "numba"),
    import_runs=5,
    numba_runs=2,
    # compiling every function cold with numba takes minutes with ~200 functions (the
    # candlestick family alone ~100 s): the full plan measures it
    numba_all_runs=0,
    polars_shape=frames.QUICK_SHAPE,
    settings=timing.Settings(repeats=5, min_sample=0.002, budget=0.1),
    large_settings=timing.Settings(repeats=3, min_repeats=2, budget=0.5),
)

FULL = Mode(
    name="full",
    grid=tuple((n, F64, None) for n in (1_000, 10_000, 100_000, 1_000_000, 10_000_000))
    + tuple((n, F32, None) for n in (100_000, 1_000_000)),
    overhead_cases=None,
    panel_cases=None,
    panel_backends=None,
    import_runs=9,
    numba_runs=3,
    numba_all_runs=2,
    updates_cases=None,
)

MODES = {"quick": QUICK, "full": FULL}
LARGE = 5_000_000  # from this many values per call, large_settings apply


@dataclass
class Task:
    """One measurement. make() returns the zero-argument callable to time."""

    suite: str      # indicators | floor | overhead | panel
    case: str
    impl: str
    kind: str       # fastind | talib | peer | floor
    n: int          # bars per series
    rows: int
    dtype: str
    make: object
    note: str = ""
    settings: timing.Settings = field(default=None)
    # (label, make) of the references timed in alternate samples with it: 'talib', 'copy',
    # 'floor' (the stream floor with the call's inputs and outputs)
    beside: tuple = ()

    @property
    def values(self):
        return self.n * self.rows


def _backends(only=None):
    return [b for b in fastind.available_backends() if only is None or b in only]


def _case_tasks(suite, case, n, dtype, get_inputs, rows=1, talib_loop=False, backends=None):
    """fastind on every backend (or those in `backends`), then TA-Lib, for one case at one size.
    Where TA-Lib computes the case (one call per series), each fastind call is timed beside
    TA-Lib's on float64 input, in alternate samples, for its ratio to TA-Lib."""
    tasks = [Task(suite, case.name, be, "fastind", n, rows, dtype,
                  (lambda be=be: case.fastind_call(get_inputs(), be)))
             for be in _backends(backends)]
    if cases.talib is not None and case.talib_name is not None and dtype == F32 and rows == 1:
        # TA-Lib on the same prices in float64, beside each float32 call
        talib64 = (lambda: case.talib_call(data.market(n, F64)))
        for task in tasks:
            task.beside = (("talib", talib64),)
    if cases.talib is not None and case.talib_name is not None and dtype == F64:
        if talib_loop:
            tasks.append(Task(suite, case.name, "talib-loop", "talib", n, rows, dtype,
                              lambda: talib_row_loop(case, get_inputs()),
                              "Python loop over rows, one TA-Lib call per series"))
        else:
            talib_call = (lambda: case.talib_call(get_inputs()))
            for task in tasks:
                task.beside = (("talib", talib_call),)
            tasks.append(Task(suite, case.name, "talib", "talib", n, rows, dtype, talib_call))
    return tasks


def talib_row_loop(case, panel):
    """A Python loop calling TA-Lib once per row of the panel: what a TA-Lib user writes for 2-D."""
    func = getattr(cases.talib, case.talib_name)
    arrays = case.arrays(panel)
    rows = arrays[0].shape[0]
    args = case.talib_args
    return lambda: [func(*(a[r] for a in arrays), *args) for r in range(rows)]


def _copy_maker(get_inputs):
    """make() of x.copy for the close series of `get_inputs`."""
    return lambda: get_inputs()["close"].copy


def _floor_tasks(n, dtype, get_inputs, rows=1, case_list=()):
    """The memory-bandwidth floor: copying one input. x.copy() allocates its result as every
    indicator call does; np.copyto into a reused buffer is the bare stream. From FLOOR_MIN_N
    values on, also the stream floor of each distinct (inputs, outputs) among `case_list`."""
    copy = _copy_maker(get_inputs)

    def copyto():
        x = get_inputs()["close"]
        dst = np.empty_like(x)
        return lambda: np.copyto(dst, x)

    tasks = [Task("floor", "copy", "x.copy()", "floor", n, rows, dtype, copy),
             Task("floor", "copyto", "np.copyto", "floor", n, rows, dtype, copyto)]
    if n * rows >= floors.FLOOR_MIN_N and floors.available():
        shapes = {case.floor_name: case for case in case_list}
        tasks += [Task("floor", name, "numba loop", "floor", n, rows, dtype,
                       (lambda case=case: case.floor_call(get_inputs())))
                  for name, case in shapes.items()]
    return tasks


def _beside_floor(case, get_inputs):
    """('floor', make) of the case's stream floor, to time beside its calls; () without numba."""
    if not floors.available():
        return ()
    return (("floor", lambda: case.floor_call(get_inputs())),)


def _peer_tasks(case, n, dtype, get_inputs, available_peers):
    return [Task("indicators", case.name, p.impl, "peer", n, 1, dtype,
                 (lambda p=p: p.callable(case, get_inputs())), p.note)
            for p in peers.for_case(case.name, available_peers)]


def build(mode):
    """Every timed task of `mode`, smallest inputs first."""
    available_peers = peers.available()
    tasks = []
    for n, dtype, names in sorted(mode.grid, key=lambda g: (g[0], g[1] != F64)):
        get = (lambda n=n, dtype=dtype: data.market(n, dtype))
        tasks += _floor_tasks(n, dtype, get, case_list=cases.select(names))
        # at the largest sizes each call is timed beside a copy of its input (alternate samples):
        # its ratio to a copy timed minutes apart swung with the VM (15.7-19.3 ms for one copy).
        # Beside its stream floor from FLOOR_MIN_N on: at 1e5 a fresh 800 KB output is mapped
        # afresh or reused depending on what the process freed before (glibc's mmap threshold),
        # so the call and its floor must see the same allocator state
        copy = (("copy", _copy_maker(get)),) if n >= LARGE else ()
        grid_backends = [b for b in (mode.backends or _backends())
                         if b != "numpy" or n <= mode.numpy_up_to]
        for case in cases.select(names):
            group = (_case_tasks("indicators", case, n, dtype, get, backends=grid_backends)
                     + _peer_tasks(case, n, dtype, get, available_peers))
            floor = _beside_floor(case, get) if n >= floors.FLOOR_MIN_N else ()
            for task in group:
                task.beside += copy + floor
            tasks += group
    over = (lambda: data.market(OVERHEAD_N, F64))
    overhead = []
    for case in cases.select(mode.overhead_cases):
        overhead += _case_tasks("overhead", case, OVERHEAD_N, F64, over)
        if case.talib_name is not None:
            # the TA-Lib-compatible layer on the default backend: what `from fastind import
            # talib` costs a caller over TA-Lib itself
            overhead.append(Task("overhead", case.name, "fastind.talib", "fastind", OVERHEAD_N, 1,
                                 F64, (lambda case=case: compat_call(case, over())),
                                 f"default backend ({fastind.get_backend()})",
                                 beside=(("talib", lambda case=case: case.talib_call(over())),)
                                 if cases.talib is not None else ()))
    rows, n = PANEL_SHAPE
    pan = (lambda: data.panel(rows, n, F64))
    panel_cases = cases.select(mode.panel_cases)
    panel = _floor_tasks(n, F64, pan, rows, panel_cases) if panel_cases else []
    for case in panel_cases:
        panel += _case_tasks("panel", case, n, F64, pan, rows=rows, talib_loop=True,
                             backends=mode.panel_backends)
        # the default backend with one thread and with two (the tasks above use the default:
        # every core)
        for count in (1, 2):
            panel.append(Task("panel", case.name, f"threads={count}", "fastind", n, rows, F64,
                              (lambda case=case, count=count: written_threads(case, pan(), count)),
                              f"default backend ({fastind.get_backend()}), threads={count}"))
    panel += (frames.tasks(Task, F64, mode.polars_shape, mode.polars_cases)
              if mode.polars else [])
    panel += threads.tasks(Task, F64) if mode.threads else []
    panel += updates.tasks(Task, F64, mode.updates_cases) if mode.updates else []
    for task in tasks + overhead + panel:
        task.settings = mode.large_settings if task.values >= LARGE else mode.settings
    # overhead first (smallest), then the size grid, the panel last
    return overhead + tasks + panel


def written_threads(case, market, count):
    func = getattr(fastind, case.name)
    return cases.written_call(func, case.arrays(market), dict(case.params, threads=count))


def compat_call(case, market):
    """fastind.talib's function for the case (default backend), as a zero-argument callable."""
    from fastind import talib as ft

    func = getattr(ft, case.talib_name)
    args = case.arrays(market) + case.talib_args
    return lambda: func(*args)
