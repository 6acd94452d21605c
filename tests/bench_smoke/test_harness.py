import numpy as np
import pytest

import fastind
from bench import cases, data, floors, peers, plan, results, timing

FAST = timing.Settings(repeats=3, min_repeats=2, min_sample=0.0005, budget=0.05)


def test_measure_reports_per_call_seconds():
    calls = []
    t = timing.measure(lambda: calls.append(1), FAST)
    assert 0 < t.best <= t.median
    assert 2 <= t.repeats <= 3 and t.number >= 1
    # warmup + calibration + samples: every call is counted in the per-call figure
    assert len(calls) >= 1 + t.repeats * t.number


def test_single_slow_call_is_timed_once():
    calls = []
    t = timing.measure(lambda: calls.append(1),
                       timing.Settings(single_call_above=0.0))
    assert (t.repeats, t.number, len(calls)) == (1, 1, 1)


def test_measure_beside_alternates_samples_with_the_references():
    log = []
    t, (f, g) = timing.measure_beside(lambda: log.append("f"),
                                      [lambda: log.append("c"), lambda: log.append("t")], FAST)
    assert 0 < f.best <= f.median and f.repeats == g.repeats == t.repeats
    # after the warmups and calibrations, each sample of fn is followed by one of each reference
    samples = ("f" * t.number + "c" * f.number + "t" * g.number) * (t.repeats - 1)
    assert "".join(log).endswith(samples)
    assert timing.measure_beside(lambda: None, [], FAST)[1] == []


def test_calls_are_timed_beside_talib_and_large_ones_beside_a_copy():
    for t in plan.build(plan.FULL):
        labels = [label for label, _ in t.beside]
        if t.suite == "indicators":
            assert ("copy" in labels) == (t.values >= plan.LARGE), (t.case, t.impl, t.n)
        talib_computes = (t.kind == "fastind" and t.suite not in ("panel", "threads", "polars")
                          and cases.BY_NAME[t.case].talib_name is not None
                          and cases.talib is not None)
        assert ("talib" in labels) == talib_computes, (t.suite, t.case, t.impl, t.n, t.dtype)
    big = next(t for t in plan.build(plan.QUICK) if t.values >= plan.LARGE and t.beside)
    copy = dict(big.beside)["copy"]()
    assert copy().shape == (big.n,) and copy().dtype == big.dtype


needs_numba = pytest.mark.skipif(not floors.available(), reason="the stream floor needs numba")


@needs_numba
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_stream_floor_reads_every_input_and_writes_fresh_outputs(dtype):
    m = data.market(1000, dtype)
    for inputs, n_out, out_dtype in ((("close",), 1, None), (("high", "low", "close"), 1, None),
                                     (("close", "volume"), 1, None), (("close",), 3, None),
                                     (("close",), 1, "int8")):
        arrays = tuple(m[f] for f in inputs)
        call = floors.floor_call(arrays, n_out, out_dtype)
        first, second = call(), call()
        expect = sum(a.astype("float64") for a in arrays).astype(out_dtype or dtype)
        assert len(first) == n_out
        for out in first:
            assert out.dtype == np.dtype(out_dtype or dtype) and out.shape == (1000,)
            if out_dtype is None and len(arrays) == 1:
                np.testing.assert_array_equal(out, expect)
            elif out_dtype is None:
                np.testing.assert_allclose(out, expect, rtol=1e-6)
        assert not np.shares_memory(first[0], second[0])  # allocated per call
    with pytest.raises(ValueError, match="n_outputs"):
        floors.floor_call((m["close"],), 5)


@pytest.mark.parametrize("case", cases.CASES, ids=lambda c: c.name)
def test_case_declares_the_outputs_fastind_returns(case):
    out = case.fastind_call(data.market(200), None)()
    out = out if isinstance(out, tuple) else (out,)
    assert len(out) == case.outputs
    declared = case.out_dtype if isinstance(case.out_dtype, tuple) else (case.out_dtype,) * len(out)
    assert [a.dtype for a in out] == [np.dtype(d or "float64") for d in declared]
    assert case.floor_name.startswith(f"stream {len(case.inputs)}→{case.outputs}")


@needs_numba
def test_large_calls_are_timed_beside_their_stream_floor():
    full = plan.build(plan.FULL)
    for t in full:
        if t.suite == "indicators" and t.kind == "fastind":
            assert ("floor" in dict(t.beside)) == (t.values >= floors.FLOOR_MIN_N), (t.case, t.n)
    floor_tasks = [t for t in full if t.impl == "numba loop"]
    wanted = {c.floor_name for c in cases.CASES}
    for n in (100_000, 10_000_000):
        assert {t.case for t in floor_tasks if (t.n, t.rows, t.dtype) == (n, 1, "float64")} == wanted
    assert min(t.values for t in floor_tasks) >= floors.FLOOR_MIN_N
    big = next(t for t in full if t.case == "atr" and t.impl == "cython" and t.values >= plan.LARGE)
    outs = dict(big.beside)["floor"]()()
    assert len(outs) == 1 and outs[0].shape == (big.n,)


def test_ratios_prefer_the_references_timed_beside():
    def rec(suite, case, impl, kind, best, **beside):
        return dict(suite=suite, case=case, impl=impl, kind=kind, n=10, rows=1, dtype="float64",
                    best_s=best, **beside)
    recs = results.annotate([rec("floor", "copy", "x.copy()", "floor", 2.0),
                             rec("indicators", "sma", "talib", "talib", 4.0),
                             rec("indicators", "sma", "cython", "fastind", 3.0, copy_s=1.5,
                                 talib_s=6.0),
                             rec("indicators", "sma", "numba", "fastind", 3.0)])
    assert [(r["ratio_copy"], r["ratio_talib"]) for r in recs[2:]] == [(2.0, 0.5), (1.5, 0.75)]
    assert [r["ratio_floor"] for r in recs] == [None] * 4  # no floor measured
    floor = cases.BY_NAME["atr"].floor_name
    recs = results.annotate([rec("floor", floor, "numba loop", "floor", 2.0),
                             rec("floor", "stream 1→1", "numba loop", "floor", 1.0),
                             rec("indicators", "atr", "cython", "fastind", 3.0, floor_s=2.5),
                             rec("indicators", "atr", "numba", "fastind", 3.0),
                             rec("indicators", "sma", "numba", "fastind", 3.0)])
    assert [r["ratio_floor"] for r in recs] == [None, None, 1.2, 1.5, 3.0]


def test_market_is_deterministic_readonly_and_ordered():
    m = data.market(1000)
    assert set(m) == set(data.FIELDS)
    assert all(a.shape == (1000,) and not a.flags.writeable for a in m.values())
    assert np.all(m["high"] >= m["close"]) and np.all(m["low"] <= m["close"])
    assert data.market(1000, np.float32)["close"].dtype == np.float32
    np.testing.assert_array_equal(m["close"], data.market(1000)["close"])
    p = data.panel(3, 50)
    assert p["close"].shape == (3, 50)


def test_every_indicator_has_a_case():
    from fastind import _registry

    assert {c.name for c in cases.CASES} == {e.name for e in _registry.ENTRIES}


@pytest.mark.parametrize("case", cases.CASES, ids=lambda c: c.name)
def test_case_calls_match_talib_outputs(case):
    m = data.market(200)
    ours = case.fastind_call(m, None)()
    ours = ours if isinstance(ours, tuple) else (ours,)
    talib_call = case.talib_call(m)
    if talib_call is None:
        assert case.talib_name is None or cases.talib is None
        return
    ref = talib_call()
    ref = ref if isinstance(ref, tuple) else (ref,)
    assert [a.shape for a in ours] == [b.shape for b in ref]


@pytest.mark.parametrize("peer", peers.available(), ids=lambda p: f"{p.case}-{p.impl}")
def test_peers_run(peer):
    out = peer.callable(cases.BY_NAME[peer.case], data.market(300))()
    assert len(out) == 300


def test_plans_cover_the_grid():
    full = plan.build(plan.FULL)
    sizes = {(t.n, t.dtype) for t in full if t.suite == "indicators"}
    assert sizes == ({(n, "float64") for n in (1_000, 10_000, 100_000, 1_000_000, 10_000_000)}
                     | {(n, "float32") for n in (100_000, 1_000_000)})
    assert {t.case for t in full if t.suite == "panel" and t.kind == "talib"} == \
        {c.name for c in cases.CASES if c.talib_name}
    quick = plan.build(plan.QUICK)
    assert {t.case for t in quick if t.n == 10_000_000 and t.suite == "indicators"} == set(cases.HEADLINE)
    # every function of the registry is measured in the quick plan (at 1e5)
    assert {t.case for t in quick if t.n == 100_000 and t.suite == "indicators"} == \
        {c.name for c in cases.CASES}


def test_written_call_passes_the_arguments_written_out():
    # the timed callables call as a user writes the call: no tuple or dict unpacked per call
    import dis

    seen = []

    def func(*args, **kwargs):
        seen.append((args, kwargs))
        return 7

    call = cases.written_call(func, (1.5, "x"), {"period": 3, "backend": "numpy"})
    assert call() == 7 and seen == [((1.5, "x"), {"period": 3, "backend": "numpy"})]
    assert "CALL_FUNCTION_EX" not in {ins.opname for ins in dis.get_instructions(call)}
    assert cases.written_call(func, (), {})() == 7 and seen[-1] == ((), {})
