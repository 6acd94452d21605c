"""The registry against TA-Lib 0.8.2's own metadata (talib.abstract): for every function both have,
input names, parameter names, order and defaults, output names, the lookback for several parameter
sets and unstable periods, and the parameter ranges (TA-Lib rejects just outside, accepts the ends)."""
import inspect

import numpy as np
import pytest

import fastind as fi
from fastind import _registry
from fastind import talib as ft

talib = pytest.importorskip("talib")
abstract = pytest.importorskip("talib.abstract")

TALIB_ENTRIES = [e for e in _registry.ENTRIES if e.talib is not None]
IDS = [e.talib for e in TALIB_ENTRIES]


@pytest.mark.parametrize("entry", TALIB_ENTRIES, ids=IDS)
def test_metadata_matches_talib(entry):
    info = abstract.Function(entry.talib).info
    assert entry.group == info["group"]
    assert [(k, v) for k, v in info["input_names"].items()] == entry.price_names()
    assert list(info["parameters"]) == [p.talib for p in entry.params]
    assert list(info["parameters"].values()) == [p.default for p in entry.params]
    assert list(info["output_names"]) == list(entry.ta_outputs)
    sig = inspect.signature(getattr(ft, entry.talib))
    assert list(sig.parameters) == list(entry.ta_inputs) + [p.talib for p in entry.params]


def _lookback_sets(entry):
    sets = [e for e in entry.param_sets()]
    return sets


@pytest.mark.parametrize("entry", TALIB_ENTRIES, ids=IDS)
def test_lookback_matches_talib(entry):
    names = {p.name: p.talib for p in entry.params}
    for params in _lookback_sets(entry):
        for unstable in (0, 3):
            talib.set_unstable_period("ALL", unstable)
            fi.talib.set_unstable_period("ALL", unstable)
            try:
                f = abstract.Function(entry.talib)
                f.set_parameters({names[k]: v for k, v in params.items()})
                assert entry.lookback_of(**params) == f.lookback, (params, unstable)
            finally:
                talib.set_unstable_period("ALL", 0)
                fi.talib.set_unstable_period("ALL", 0)


def _talib_accepts(entry, name, value):
    x = 100 + np.cumsum(np.random.default_rng(0).standard_normal(300))
    data = {"real": x, "real0": x, "real1": x[::-1].copy(), "open": x, "high": x + 1, "low": x - 1,
            "close": x, "volume": np.abs(x) * 10, "periods": np.full(300, 5.0)}
    args = [data[n] for n in entry.ta_inputs]
    try:
        getattr(talib, entry.talib)(*args, **{name: value})
        return True, args
    except Exception:
        return False, args


@pytest.mark.parametrize("entry", [e for e in TALIB_ENTRIES if any(p.kind == "int" for p in e.params)],
                         ids=[e.talib for e in TALIB_ENTRIES if any(p.kind == "int" for p in e.params)])
def test_integer_ranges_match_talib(entry):
    for p in entry.params:
        if p.kind != "int":
            continue
        for value, inside in ((p.min, True), (p.min - 1, False), (p.max, True), (p.max + 1, False)):
            accepted, args = _talib_accepts(entry, p.talib, value)
            if value == p.max and not accepted:
                continue  # another parameter's range bounds it (e.g. MAVP minperiod <= maxperiod)
            assert accepted == inside, (p.talib, value)
            if not inside:
                with pytest.raises(ValueError, match=p.talib):
                    getattr(ft, entry.talib)(*args, **{p.talib: value})


def test_get_functions_lists_the_registry():
    assert sorted(ft.get_functions()) == sorted(IDS) and len(set(IDS)) == len(IDS)
    assert set(ft.get_functions()) <= set(talib.get_functions())
    for group, names in ft.get_function_groups().items():
        assert set(names) <= set(talib.get_function_groups()[group])


def test_every_native_function_is_exported():
    for e in _registry.ENTRIES:
        assert callable(getattr(fi, e.name)), e.name
