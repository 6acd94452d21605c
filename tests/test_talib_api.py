"""fastind.talib is TA-Lib 0.8.2's function API: names, parameter order, names, defaults, outputs."""
import inspect

import numpy as np
import pytest

from fastind import talib as ft

talib = pytest.importorskip("talib")
abstract = pytest.importorskip("talib.abstract")


@pytest.mark.parametrize("name", ft.get_functions())
def test_signature_matches_talib(name):
    info = abstract.Function(name).info
    inputs = []
    for value in info["input_names"].values():
        inputs.extend(value if isinstance(value, list) else [value])
    sig = inspect.signature(getattr(ft, name))
    params = list(sig.parameters.values())
    talib_inputs = ["real" if n in ("close", "price") and len(inputs) == 1 or (name == "OBV" and n == "close")
                    else n for n in inputs]
    assert [p.name for p in params[:len(inputs)]] == talib_inputs
    assert {p.name: p.default for p in params[len(inputs):]} == dict(info["parameters"])


@pytest.mark.parametrize("name", ft.get_functions())
def test_outputs_match_talib_count(name):
    info = abstract.Function(name).info
    x = 100 + np.cumsum(np.random.default_rng(1).standard_normal(200))
    args = {"real": x, "high": x + 1, "low": x - 1, "close": x, "volume": np.abs(x)}
    sig = inspect.signature(getattr(ft, name))
    call = [args[p] for p in sig.parameters if p in args]
    ours, ref = getattr(ft, name)(*call), getattr(talib, name)(*call)
    n_out = len(info["output_names"])
    assert (len(ours) if isinstance(ours, tuple) else 1) == n_out
    ours = ours if isinstance(ours, tuple) else (ours,)
    ref = ref if isinstance(ref, tuple) else (ref,)
    for a, b in zip(ours, ref):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)


def test_parameter_ranges_follow_talib():
    x = np.random.default_rng(0).random(50) + 1
    for name, minimum in [("SMA", 1), ("MAX", 2), ("STDDEV", 2), ("RSI", 2), ("VAR", 1)]:
        fn = getattr(ft, name)
        fn(x, minimum)
        with pytest.raises(ValueError, match="timeperiod"):
            fn(x, minimum - 1)
        with pytest.raises(ValueError, match="timeperiod"):
            fn(x, 100_001)
    np.testing.assert_array_equal(ft.SMA(x, 5.0), ft.SMA(x, 5))  # integral floats, as TA-Lib


def test_ma_type_and_unsupported_matypes():
    assert (ft.MA_Type.SMA, ft.MA_Type.EMA, ft.MA_Type.WMA, ft.MA_Type.T3) == (0, 1, 2, 8)
    assert ft.MA_Type[0] == talib.MA_Type[0]
    x = np.random.default_rng(0).random(60) + 1
    for matype in (ft.MA_Type.SMA, ft.MA_Type.EMA, ft.MA_Type.WMA):
        for a, b in zip(ft.BBANDS(x, 10, 2.0, 2.0, matype), talib.BBANDS(x, 10, 2.0, 2.0, matype)):
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-6)
    with pytest.raises(ValueError, match="not computed by fastind"):
        ft.BBANDS(x, 10, matype=ft.MA_Type.KAMA)


def test_extras_beyond_talib():
    x = np.arange(1, 40, dtype=np.float32)
    assert ft.EMA(x, 5).dtype == np.float32
    assert ft.SMA(np.arange(40), 5).dtype == np.float64
    assert ft.RSI(list(range(40)), 5).shape == (40,)
    assert ft.MAX(np.stack([x, x[::-1]]), 3).shape == (2, 39)
    assert set(ft.get_functions()) <= set(talib.get_functions())
    assert sum(len(v) for v in ft.get_function_groups().values()) == len(ft.get_functions())
