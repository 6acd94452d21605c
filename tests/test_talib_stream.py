"""fastind.talib.stream against TA-Lib 0.8.2's talib.stream: the same handle, opened on the same
history and updated bar by bar, gives TA-Lib's value at every step (1e-9 relative, candlesticks
and indexes equal integers), for every TA-Lib function fastind covers."""
import pickle

import numpy as np
import pytest

from fastind import _registry
from fastind.talib import stream as fs

from cases import CASES, IDS, _source, market

talib = pytest.importorskip("talib")
ts = pytest.importorskip("talib.stream")


def _talib_params(entry, params):
    names = {p.name: p.talib for p in entry.params}
    return {names[k]: v for k, v in params.items()}


def _close(a, b, scale, slack, label):
    a, b = np.atleast_1d(np.asarray(a, np.float64)), np.atleast_1d(np.asarray(b, np.float64))
    assert np.array_equal(np.isnan(a), np.isnan(b)), f"{label}: {a} vs TA-Lib {b}"
    ok = ~np.isnan(b)
    assert np.all(np.abs(a[ok] - b[ok]) <= 1e-9 * np.maximum(scale, np.abs(b[ok])) + slack[ok]), (
        f"{label}: {a} vs TA-Lib {b}")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_handle_matches_talib(case):
    entry = case.entry
    params = case.params[0]
    data = market(190, 11)
    arrays = [data[_source(entry, n)] for n in entry.inputs]
    history = [a[:150] for a in arrays]
    kw = _talib_params(entry, params)
    theirs = getattr(ts, entry.talib)(*history, **kw)
    ours = getattr(fs, entry.talib)(*history, **kw)
    full = getattr(talib, entry.talib)(*arrays, **kw)
    full = full if isinstance(full, tuple) else (full,)
    scale = np.array([np.nanmax(np.abs(f)) if np.isfinite(f).any() else 0.0 for f in full])
    slack = np.zeros(len(full))
    if case.talib_error is not None:
        slack = np.asarray(case.talib_error(*arrays, **params), np.float64)
    assert ours.out_range == tuple(theirs.out_range)
    _close(ours.value, theirs.value, scale, slack, f"{entry.talib} open")
    bar = [a[150] for a in arrays]
    _close(ours.peek(*bar), theirs.peek(*bar), scale, slack, f"{entry.talib} peek")
    for i in range(150, 190):
        bar = [a[i] for a in arrays]
        if i == 170:  # a checkpoint in the middle: pickled, restored, forked
            ours = pickle.loads(pickle.dumps(ours)).copy()
        _close(ours.update(*bar), theirs.update(*bar), scale, slack, f"{entry.talib} bar {i}")
    assert ours.out_range == tuple(theirs.out_range)
    if entry.out_dtype is not None:  # integers stay integers
        values = ours.value if isinstance(ours.value, tuple) else (ours.value,)
        assert all(type(v) is int for v in values if entry.output_dtype(0, np.float64).kind in "iu")


def test_open_and_fill_and_errors():
    x = market(60, 2)["close"]
    handle, series = fs.SMA.open_and_fill(x, timeperiod=5)
    np.testing.assert_allclose(series, talib.SMA(x, timeperiod=5), rtol=1e-12)
    assert handle.value == pytest.approx(series[-1], rel=1e-15)
    with pytest.raises(fs.InsufficientHistory, match="at least 5"):
        fs.SMA(np.array([np.nan, 1.0, 2.0, 3.0, 4.0]), timeperiod=5)
    with pytest.raises(ValueError, match="real is nan"):
        handle.update(np.nan)
    with pytest.raises(ValueError, match="timeperiod"):
        fs.SMA(x, timeperiod=0)
    with pytest.raises(TypeError, match="no parameter"):
        fs.SMA(x, period=5)
    handle.advance()
    assert handle.out_range.nbelement == 57


def test_every_talib_function_has_a_handle():
    names = {e.talib for e in _registry.ENTRIES if e.talib is not None}
    assert names <= set(dir(fs))
    assert names <= {n for n in dir(ts) if n.isupper()}
