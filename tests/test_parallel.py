"""Every core: compiled kernels release the GIL, 2-D calls split rows across threads with bitwise
equal results, and dask arrays (also on a LocalCluster of worker processes) give the in-memory
results."""
import os
import threading
import time

import numpy as np
import pytest

import fastind as fi
from cases import CASES, IDS, as_tuple, market

COMPILED = [b for b in ("cython", "numba") if b in fi.available_backends()]


def _arrays(case, n, rows=None, seed=0):
    data = market(n, seed=seed) if rows is None else None
    if rows is None:
        return [data[k] for k in case.inputs]
    per_row = [market(n, seed=seed + r) for r in range(rows)]
    return [np.stack([d[k] for d in per_row]) for k in case.inputs]


SENTINEL = -12345


def _seen_mid_call(call, outs, tries_seconds=3.0):
    """Whether another thread, running Python code, can see `outs` half written by `call` (which
    writes into them): only possible while the call runs without the GIL. A call that holds the
    GIL is seen before or after, never during. Repeats the call (refilling the outputs) until
    seen or `tries_seconds` pass; independent of the machine's load."""
    state = {"seen": False, "stop": False, "calling": False, "call": 0}

    def watch():
        while not state["stop"] and not state["seen"]:
            call_before, calling_before = state["call"], state["calling"]
            for o in outs:
                flat = o.reshape(-1)
                marks = {flat[0] == SENTINEL, flat[len(flat) // 2] == SENTINEL,
                         flat[-1] == SENTINEL}
                # half written, by this call and while it still ran (the outputs are refilled
                # with the sentinel between calls, outside the marked span)
                if (len(marks) == 2 and calling_before and state["calling"]
                        and state["call"] == call_before):
                    state["seen"] = True
            time.sleep(0)

    watcher = threading.Thread(target=watch)
    start = time.perf_counter()
    watcher.start()
    try:
        while not state["seen"] and time.perf_counter() - start < tries_seconds:
            for o in outs:
                o[...] = SENTINEL
            state["call"] += 1
            state["calling"] = True
            call()
            state["calling"] = False
    finally:
        state["stop"] = True
        watcher.join()
    return state["seen"]


def _outs(case, arrays, params):
    """Output buffers shaped as the function's results, for out=."""
    result = as_tuple(case.native(None, *[a[:10] for a in arrays], **params))
    return tuple(np.empty(arrays[0].shape, r.dtype) for r in result)


@pytest.mark.parametrize("backend", COMPILED)
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_kernels_release_the_gil(case, backend):
    """Another Python thread sees the outputs half written: it ran while the kernel did."""
    arrays = _arrays(case, 1_000_000, seed=3)
    params = case.params[0]
    func = getattr(fi, case.entry.name)
    outs = _outs(case, arrays, params)
    out = outs[0] if len(outs) == 1 else outs
    func(*arrays, **params, backend=backend, out=out)  # compiled (numba) and warm
    assert _seen_mid_call(lambda: func(*arrays, **params, backend=backend, out=out), outs), \
        f"{case.name}: no other thread ran during the call"


@pytest.mark.skipif("cython" not in fi.available_backends(), reason="needs the compiled kernels")
def test_the_probe_tells_a_held_gil_from_a_released_one():
    """The probe itself: the compiled kernel called directly (its cpdef entry holds the GIL) is
    never seen half done; its _nogil_ twin, which the cython backend calls, is."""
    import importlib

    held = importlib.import_module("fastind._kernels.moving").sma["double"]
    released = importlib.import_module("fastind._kernels._nogil_moving").sma["double"]
    x = np.random.default_rng(0).random((1, 1_000_000))
    out = np.empty_like(x)
    assert not _seen_mid_call(lambda: held(x, 30, out), (out,), tries_seconds=1.0)
    assert _seen_mid_call(lambda: released(x, 30, out), (out,))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_thread_count_never_changes_a_result(case, backend):
    arrays = _arrays(case, 30_000, rows=9, seed=7)
    arrays[0][4, 500] = np.nan  # a gap in one row
    for params in case.params[:2]:
        one = as_tuple(case.native(backend, *arrays, **params, ) if False else
                       getattr(fi, case.entry.name)(*arrays, **params, backend=backend, threads=1))
        for threads in (2, 3, 16):
            many = as_tuple(getattr(fi, case.entry.name)(*arrays, **params, backend=backend,
                                                          threads=threads))
            for a, b in zip(one, many):
                np.testing.assert_array_equal(a, b)


def test_default_threads_and_validation(monkeypatch):
    assert fi.get_num_threads() >= 1
    fi.set_num_threads(3)
    try:
        assert fi.get_num_threads() == 3
    finally:
        fi.set_num_threads(None)
    monkeypatch.setenv("FASTIND_NUM_THREADS", "2")
    assert fi.get_num_threads() == 2
    with pytest.raises(ValueError, match="threads"):
        fi.sma(np.ones((3, 10)), 2, threads=0)
    with pytest.raises(ValueError, match="n must be"):
        fi.set_num_threads(-1)


def test_small_inputs_stay_on_the_calling_thread(monkeypatch):
    from fastind import _threads

    def fail(size):
        raise AssertionError("a small call used the pool")

    monkeypatch.setattr(_threads, "_executor", fail)
    fi.sma(np.ones((4, 100)), 5, threads=4)


dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dask_arrays_equal_in_memory(case):
    arrays = _arrays(case, 2_000, rows=6, seed=11)
    lazy = [da.from_array(a, chunks=(2, 700)) for a in arrays]  # time in three chunks
    for params in case.params[:2]:
        want = as_tuple(case.native(None, *arrays, **params))
        got = as_tuple(case.native(None, *lazy, **params))
        assert all(isinstance(g, da.Array) for g in got)
        for g, w in zip(dask.compute(*got), want):
            np.testing.assert_array_equal(g, w)


def test_dask_calls_with_other_parameters_never_share_keys():
    """Two calls of one function with other parameters in one graph keep their own results (a
    fixed task name would let dask take one for the other)."""
    x = market(600, seed=3)["close"]
    lazy = da.from_array(np.stack([x, x[::-1]]), chunks=(1, -1))
    five, ten = dask.compute(fi.sma(lazy, 5), fi.sma(lazy, 10))
    np.testing.assert_array_equal(five[0], fi.sma(x, 5))
    np.testing.assert_array_equal(ten[0], fi.sma(x, 10))


def test_dask_errors_and_one_dimension():
    x = market(500, seed=1)["close"]
    got = fi.ema(da.from_array(x, chunks=100), 10)
    np.testing.assert_array_equal(got.compute(), fi.ema(x, 10))
    with pytest.raises(TypeError, match="out="):
        fi.sma(da.from_array(x, chunks=100), 5, out=np.empty(500))
    with pytest.raises(ValueError, match="same shape"):
        fi.atr(da.ones(10), da.ones(11), da.ones(10), 3)


def test_local_cluster_with_worker_processes():
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(2)
    panel = 100 * np.exp(np.cumsum(0.01 * rng.standard_normal((8, 3_000)), axis=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        lazy = da.from_array(panel, chunks=(2, 1000))
        rsi, (upper, middle, lower) = fi.rsi(lazy, 14), fi.bbands(lazy, 20)
        got = client.compute([rsi, upper, lower], sync=True)
        np.testing.assert_array_equal(got[0], fi.rsi(panel, 14))
        want = fi.bbands(panel, 20)
        np.testing.assert_array_equal(got[1], want[0])
        np.testing.assert_array_equal(got[2], want[2])
        # a long-format frame: indicators per symbol
        n = 400
        frame = pd.DataFrame({"symbol": np.repeat(["A", "B", "C"], n),
                              "date": np.tile(np.arange(n), 3),
                              "close": panel[:3, :n].ravel(), "high": panel[:3, :n].ravel() * 1.01,
                              "low": panel[:3, :n].ravel() * 0.99})
        ddf = dd.from_pandas(frame.sample(frac=1.0, random_state=0), npartitions=3)
        spec = {"rsi": ("rsi", {"period": 14}), "atr": ("atr", {"period": 5})}
        result = fi.dask.per_symbol(ddf, spec).compute()
        for k, sym in enumerate("ABC"):
            rows = result[result.symbol == sym].sort_values("date")
            np.testing.assert_array_equal(rows["rsi"].to_numpy(), fi.rsi(panel[k, :n], 14))
