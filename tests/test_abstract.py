"""fastind.talib.abstract returns what talib.abstract returns, for every function both have: the
same info, lookback after set_parameters, and the same results from a dict, a pandas DataFrame
(Series/DataFrame with the frame's index) and a polars DataFrame."""
import numpy as np
import pytest

from cases import as_tuple, assert_matches, market
from fastind import _registry
from fastind.talib import abstract as ours

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
theirs = pytest.importorskip("talib.abstract")

ENTRIES = [e for e in _registry.ENTRIES if e.talib is not None]
IDS = [e.talib for e in ENTRIES]
COLUMNS = ("open", "high", "low", "close", "volume", "periods")


def _data(n=300):
    d = market(n, seed=31)
    return {k: d[k] for k in COLUMNS}


def _values(result):
    if isinstance(result, list):
        return tuple(result)
    if hasattr(result, "columns"):  # a frame: its columns in order
        return tuple(np.asarray(result[c]) for c in result.columns)
    return (np.asarray(result),)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_info_and_lookback_match(entry):
    mine, ref = ours.Function(entry.talib), theirs.Function(entry.talib)
    for key in ("name", "group", "display_name", "input_names", "parameters", "output_names"):
        assert mine.info[key] == ref.info[key], key
    for params in entry.param_sets()[1:]:
        talib_params = {p.talib: params[p.name] for p in entry.params if p.name in params}
        mine.set_parameters(talib_params)
        ref.set_parameters(talib_params)
        assert mine.lookback == ref.lookback, talib_params
        assert mine.parameters == ref.parameters


@pytest.mark.parametrize("frame", ["dict", "pandas", "polars"])
@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_results_match(entry, frame):
    data = _data()
    if frame == "pandas":
        data = pd.DataFrame(data, index=pd.date_range("2021-01-01", periods=300, freq="h"))
    elif frame == "polars":
        data = pl.DataFrame(data)
    mine = getattr(ours, entry.talib)(data)
    ref = getattr(theirs, entry.talib)(data)
    assert type(mine) is type(ref)
    if frame == "pandas":
        assert mine.index.equals(ref.index)
        if hasattr(ref, "columns"):
            assert list(mine.columns) == list(ref.columns)
    if frame == "polars" and hasattr(ref, "columns"):
        assert list(mine.columns) == list(ref.columns)
    for a, b in zip(_values(mine), _values(ref)):
        assert_matches(a, b, 1e-9, entry.talib, 1e-9 * 100)


def test_call_forms_and_errors():
    d = _data()
    sma = ours.Function("sma", timeperiod=7)
    assert_matches(sma(d), theirs.Function("SMA", timeperiod=7)(d), 1e-12)
    np.testing.assert_array_equal(ours.SMA(d, 5), ours.SMA(d["close"], 5))
    assert_matches(ours.SMA(d, timeperiod=5, price="open"), theirs.SMA(d, timeperiod=5, price="open"),
                   1e-12)
    f = ours.Function("BBANDS")
    f.set_input_arrays(d)
    assert [a.shape for a in as_tuple(tuple(f.outputs))] == [(300,)] * 3
    with pytest.raises(ValueError, match="timeperiod"):
        f.set_parameters(timeperiod=1)
    with pytest.raises(ValueError, match="no parameter"):
        f.set_parameters(period=5)
    with pytest.raises(ValueError, match="needs input column"):
        ours.Function("ATR").set_input_arrays({"close": d["close"]})
    with pytest.raises(ValueError, match="unknown indicator"):
        ours.Function("NOPE")
