"""TA-Lib's global settings: with unstable periods set (each id, and ALL) and in Metastock
compatibility, every covered function equals TA-Lib's output under the same setting."""
import warnings

import numpy as np
import pytest

import fastind as fi
from cases import CASES, IDS, as_tuple, assert_matches, market
from fastind import talib as ft

talib = pytest.importorskip("talib")


@pytest.fixture
def settings_reset():
    yield
    talib.set_unstable_period("ALL", 0)
    ft.set_unstable_period("ALL", 0)
    talib.set_compatibility(0)
    ft.set_compatibility(0)


def _compare(case, data, backend="numpy" if False else None):
    arrays = [data[k] for k in case.inputs]
    for params in case.params:
        ours = as_tuple(case.native(backend, *arrays, **params))
        ref = as_tuple(case.reference(*arrays, **params))
        for k, (o, r) in enumerate(zip(ours, ref)):
            assert_matches(o, r, 1e-9, f"{case.name} {params} output {k}", 1e-9 * 100)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("unstable", [1, 7])
def test_unstable_period_all(case, unstable, settings_reset):
    data = market(400, seed=3)
    data["close"][:5] = np.nan  # runs start after leading NaNs too
    talib.set_unstable_period("ALL", unstable)
    ft.set_unstable_period("ALL", unstable)
    _compare(case, data)


@pytest.mark.parametrize("func_id", ["EMA", "RSI", "ATR"])
def test_unstable_period_one_id(func_id, settings_reset):
    data = market(300, seed=4)
    talib.set_unstable_period(func_id, 6)
    ft.set_unstable_period(func_id, 6)
    assert ft.get_unstable_period(func_id) == talib.get_unstable_period(func_id) == 6
    for case in CASES:
        _compare(case, data)


def test_unstable_period_applies_per_run_and_backend(settings_reset):
    x = market(200, seed=5)["close"]
    x[100] = np.nan
    ft.set_unstable_period("EMA", 4)
    for backend in fi.available_backends():
        got = fi.ema(x, 10, backend=backend)
        ft.set_unstable_period("EMA", 0)
        plain = fi.ema(x, 10, backend=backend)
        ft.set_unstable_period("EMA", 4)
        hidden = np.isnan(got) & ~np.isnan(plain)
        assert np.flatnonzero(hidden).tolist() == [9, 10, 11, 12, 110, 111, 112, 113]
        np.testing.assert_array_equal(got[~hidden], plain[~hidden])


def test_settings_errors_and_retired_ids(settings_reset):
    with pytest.raises(KeyError):
        ft.set_unstable_period("NOPE", 1)
    with pytest.raises(ValueError):
        ft.set_unstable_period("EMA", -1)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ft.set_unstable_period("ADXR", 3)
        assert ft.get_unstable_period("ADXR") == 0
    assert any(issubclass(w.category, DeprecationWarning) for w in seen)
    with pytest.raises(ValueError):
        ft.set_compatibility(2)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_metastock_compatibility(case, settings_reset):
    """TA-Lib 0.8.2's set_compatibility(1) changes no output (and its get_compatibility still
    answers 0): fastind keeps the value it was given and computes what TA-Lib computes."""
    talib.set_compatibility(1)
    ft.set_compatibility(1)
    assert ft.get_compatibility() == 1
    _compare(case, market(300, seed=6))
