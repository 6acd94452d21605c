"""Streams equal the batch functions: every registry function, fed bar by bar, in blocks, and
across a pickle round trip, gives the batch result (same NaN mask, 1e-12 relative)."""
import pickle

import numpy as np
import pytest

import fastind as fi
from fastind import _registry

from cases import assert_matches, market

ENTRIES = [e for e in _registry.ENTRIES if e.native]
IDS = [e.name for e in ENTRIES]
# functions that do not stream yet, each with the reason (the registry test below keeps the
# list honest: an entry here that streams fails it)
NOT_YET = {}


def _data(entry, n, seed, gaps=True):
    from cases import _source

    data = market(n, seed)
    arrays = [data[_source(entry, name)].copy() for name in entry.inputs]
    if gaps:
        rng = np.random.default_rng(seed + 1)
        for a in arrays:
            a[:3] = np.nan  # a NaN prefix, then interior gaps that restart every run
        for lo, hi in ((0.03, 0.08), (0.13, 0.27), (0.4, 0.99)):  # gaps in each way of feeding
            at = rng.integers(int(lo * n), int(hi * n), 2)
            arrays[0][at[0]] = np.nan
            arrays[-1][at[1]:at[1] + 2] = np.inf if arrays[-1] is not arrays[0] else np.nan
    return arrays


def _batch(entry, arrays, params):
    result = getattr(fi, entry.name)(*arrays, **params, backend="cython")
    return result if isinstance(result, tuple) else (result,)


def _as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


def _cuts(entry, arrays, params, cuts):
    """The stream fed in pieces: update_many up to cuts[0], single bars up to cuts[1] (across
    the buffers' moves, every ROOM bars), a pickle round trip and a copy, blocks of 7 up to
    cuts[2], then one long block (the kernels' block paths) to the end."""
    s = fi.stream(entry.name, **params)
    n = arrays[0].shape[-1]
    pieces = [[] for _ in range(entry.n_out)]

    def keep(values):
        for k, v in enumerate(_as_tuple(values)):
            pieces[k].append(np.atleast_1d(np.asarray(v, dtype=np.float64)))

    keep(s.update_many(*[a[:cuts[0]] for a in arrays]))
    for i in range(cuts[0], cuts[1]):
        keep(s.update(*[a[i] for a in arrays]))
    s = pickle.loads(pickle.dumps(s))
    s = s.copy()
    for i in range(cuts[1], cuts[2], 7):
        keep(s.update_many(*[a[i:min(i + 7, cuts[2])] for a in arrays]))
    keep(s.update_many(*[a[cuts[2]:] for a in arrays]))
    return [np.concatenate(p) for p in pieces], s


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_stream_equals_batch(entry):
    if entry.name in NOT_YET:
        pytest.skip(NOT_YET[entry.name])
    n = 2400
    for seed, params in enumerate(entry.param_sets()):
        arrays = _data(entry, n, seed)
        expected = _batch(entry, arrays, params)
        got, s = _cuts(entry, arrays, params, (40 + seed, 1200, 1300))
        # 1e-12 relative to the value, the output's scale or the inputs' (an output that is a
        # difference of averages, as APO, carries its inputs' absolute rounding: the bar path
        # and the batch's two-bar blocks round apart by ~1e-13 of the inputs)
        inputs = max(float(np.nanmax(np.abs(np.where(np.isfinite(a), a, np.nan)))) for a in arrays)
        for k, (a, e) in enumerate(zip(got, expected)):
            assert_matches(a, e.astype(np.float64), rtol=1e-12, atol=1e-12 * inputs,
                           label=f"{entry.name}{params} output {k}")
        last = _as_tuple(s.value)
        for k, e in enumerate(expected):
            v, w = last[k], e[-1]
            assert (np.isnan(v) and np.isnan(w)) or v == pytest.approx(w, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_a_long_block_equals_batch(entry):
    """A block of thousands of bars after a short one: past its first few hundred bars the
    kernels run on the caller's arrays (Site._run_block; a substituted kernel's batch code, its
    state made again from the block's end), then single bars and a block continue from it."""
    arrays = _data(entry, 6000, 11)
    expected = _batch(entry, arrays, {})
    s = fi.stream(entry.name)
    pieces = [_as_tuple(s.update_many(*[a[:100] for a in arrays])),
              _as_tuple(s.update_many(*[a[100:5900] for a in arrays]))]
    pieces += [_as_tuple(s.update(*[a[i] for a in arrays])) for i in range(5900, 5940)]
    pieces.append(_as_tuple(s.update_many(*[a[5940:] for a in arrays])))
    inputs = max(float(np.nanmax(np.abs(np.where(np.isfinite(a), a, np.nan)))) for a in arrays)
    for k, e in enumerate(expected):
        got = np.concatenate([np.atleast_1d(np.asarray(p[k], np.float64)) for p in pieces])
        assert_matches(got, e.astype(np.float64), rtol=1e-12, atol=1e-12 * inputs,
                       label=f"{entry.name} output {k}")


def test_a_long_block_runs_on_the_given_arrays():
    """update_many of many bars runs the kernels on the caller's arrays past the first few
    hundred (the buffers keep only what a window reads back) and equals batch."""
    x = market(60_000, 4)["close"]
    s = fi.stream("macd")
    s.update_many(x[:50])
    got = s.update_many(x[50:])
    assert max(b.shape[1] for b in s._engine.buffers) < 2_000
    for g, e in zip(got, fi.macd(x)):
        assert_matches(g, e[50:], rtol=1e-12, atol=1e-12)
    assert s.update(x[-1]) == pytest.approx(tuple(e[-1] for e in fi.macd(np.append(x, x[-1]))),
                                            rel=1e-12)


def test_every_function_streams():
    """A registry function without a stream fails here, so a new one cannot be forgotten."""
    missing = []
    for entry in ENTRIES:
        try:
            s = fi.stream(entry.name)
            s.update_many(*_data(entry, 80, 0, gaps=False))
        except NotImplementedError as exc:
            missing.append(f"{entry.name}: {exc}")
    assert sorted(m.split(":")[0] for m in missing) == sorted(NOT_YET), missing


def test_copy_and_peek_leave_the_original():
    x = market(120, 3)["close"]
    s = fi.stream("bbands", period=10)
    s.update_many(x[:100])
    fork = s.copy()
    fork.update(1.0)
    fork.update(500.0)
    expected = fi.bbands(x[:101], period=10)
    got = s.update(x[100])
    assert got == pytest.approx(tuple(e[-1] for e in expected), rel=1e-12)


@pytest.mark.parametrize("name, setting", [("ema", "EMA"), ("rsi", "RSI"), ("macd", "EMA"),
                                           ("adx", "ADX"), ("stochrsi", "RSI"), ("kama", "KAMA"),
                                           ("macdext", "EMA"), ("t3", "T3"), ("trix", "EMA"),
                                           ("ht_dcperiod", "HT_DCPERIOD"), ("mama", "MAMA")])
def test_unstable_periods_stream_as_batch(name, setting):
    """TA-Lib's unstable periods in force when a stream starts apply to it as to batch."""
    from fastind import talib as ft

    entry = _registry.get(name)
    arrays = _data(entry, 700, 5)
    ft.set_unstable_period(setting, 7)
    try:
        expected = _batch(entry, arrays, {})
        got, _ = _cuts(entry, arrays, {}, (30, 350, 400))
    finally:
        ft.set_unstable_period(setting, 0)
    for k, (a, e) in enumerate(zip(got, expected)):
        assert_matches(a, e, rtol=1e-12, atol=1e-10, label=f"{name} under {setting}=7, output {k}")


def test_several_series_at_once():
    """Bars as 1-D arrays (one value per series) or 2-D blocks stream each row as batch does."""
    data = [market(600, seed) for seed in range(3)]
    high, low, close = (np.stack([d[k] for d in data]) for k in ("high", "low", "close"))
    close[1, 200] = np.nan
    expected = fi.adx(high, low, close, period=10)
    s = fi.stream("adx", period=10)
    first = s.update_many(high[:, :100], low[:, :100], close[:, :100])
    rest = [s.update(high[:, i], low[:, i], close[:, i]) for i in range(100, 600)]
    got = np.concatenate([first, np.stack(rest, axis=1)], axis=1)
    assert_matches(got, expected, rtol=1e-12)
    assert s.value.shape == (3,)


def test_pickle_restores_in_another_process(tmp_path):
    """A checkpoint written here continues, bit for bit, in a fresh interpreter."""
    import subprocess
    import sys

    d = market(900, 4)
    s = fi.stream("macd")
    s.update_many(d["close"][:500])
    for v in d["close"][500:600]:
        s.update(v)
    (tmp_path / "state.pkl").write_bytes(pickle.dumps(s))
    np.save(tmp_path / "rest.npy", d["close"][600:])
    here = np.array([s.copy().update(v) for v in d["close"][600:601]])
    code = ("import pickle, sys, numpy as np\n"
            f"s = pickle.loads(open(r'{tmp_path / 'state.pkl'}', 'rb').read())\n"
            f"rest = np.load(r'{tmp_path / 'rest.npy'}')\n"
            "out = np.array([s.update(v) for v in rest])\n"
            f"np.save(r'{tmp_path / 'out.npy'}', out)\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    there = np.load(tmp_path / "out.npy")
    for v in d["close"][600:]:
        s.update(v)
    assert np.array_equal(there[0], here[0])
    batch = np.stack(fi.macd(d["close"]), axis=1)[600:]
    assert_matches(there, batch, rtol=1e-12, atol=1e-10)


def test_bad_use_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown indicator"):
        fi.stream("not_an_indicator")
    with pytest.raises(ValueError, match="period"):
        fi.stream("sma", period=0)
    with pytest.raises(TypeError, match="no parameter"):
        fi.stream("sma", window=5)
    s = fi.stream("atr", timeperiod=5)  # TA-Lib's keyword works too
    assert s.params == {"period": 5}
    with pytest.raises(TypeError):
        s.update(1.0, 2.0)
    s.update(2.0, 1.0, 1.5)
    with pytest.raises(TypeError):
        s.update(1.0)
    with pytest.raises(ValueError, match="same shape"):
        s.update_many(np.ones(3), np.ones(4), np.ones(3))


def test_a_stream_keeps_the_unstable_periods_it_started_with():
    from fastind import talib as ft

    x = market(400, 8)["close"]
    ft.set_unstable_period("EMA", 9)
    try:
        expected = fi.macd(x)
        s = fi.stream("macd")
    finally:
        ft.set_unstable_period("EMA", 0)
    got = s.update_many(x[:100])
    s = pickle.loads(pickle.dumps(s))
    rest = [s.update(v) for v in x[100:]]
    got = [np.concatenate([g, np.array([r[k] for r in rest])]) for k, g in enumerate(got)]
    for a, e in zip(got, expected):
        assert_matches(a, e, rtol=1e-12, atol=1e-10)
