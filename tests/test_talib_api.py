"""fastind.talib is TA-Lib 0.8.2's function API: names, parameter order, names, defaults, outputs."""
import inspect

from cases import as_tuple

import numpy as np
import pytest

from fastind import talib as ft

talib = pytest.importorskip("talib")
abstract = pytest.importorskip("talib.abstract")


def _talib_positional(func):
    """TA-Lib's own argument names, from its docstring's signature line ("SMA(ndarray real, int
    timeperiod=-0x80000000)"): ndarray arguments are the inputs."""
    line = func.__doc__.strip().splitlines()[0]
    args = line[line.index("(") + 1:line.rindex(")")].split(", ")
    return [a.split()[-1] for a in args if a.startswith("ndarray")]


@pytest.mark.parametrize("name", ft.get_functions())
def test_signature_matches_talib(name):
    info = abstract.Function(name).info
    inputs = _talib_positional(getattr(talib, name))
    sig = inspect.signature(getattr(ft, name))
    params = list(sig.parameters.values())
    assert [p.name for p in params[:len(inputs)]] == inputs
    assert {p.name: p.default for p in params[len(inputs):]} == dict(info["parameters"])


@pytest.mark.parametrize("name", ft.get_functions())
def test_outputs_match_talib_count(name):
    info = abstract.Function(name).info
    x = 100 + np.cumsum(np.random.default_rng(1).standard_normal(200))
    args = {"real": x, "real0": x, "real1": x[::-1].copy(), "open": x + 0.5, "high": x + 1,
            "low": x - 1, "close": x, "volume": np.abs(x), "periods": np.full(200, 5.0)}
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


def test_every_ma_type():
    """TA-Lib 0.8.2's MA_Type codes and names, and every one of them computed as TA-Lib does."""
    for name in ("SMA", "EMA", "WMA", "DEMA", "TEMA", "TRIMA", "KAMA", "MAMA", "T3", "HMA",
                 "DISABLED", "DEFAULT", "ZLEMA", "RMA"):
        code = getattr(ft.MA_Type, name)
        assert code == getattr(talib.MA_Type, name)
        assert ft.MA_Type[code] == talib.MA_Type[code]
    x = 100 + np.cumsum(np.random.default_rng(0).standard_normal(300))
    for matype in range(14):
        for a, b in zip(as_tuple(ft.MA(x, 10, matype)) + ft.BBANDS(x, 10, 2.0, 2.0, matype),
                        as_tuple(talib.MA(x, 10, matype)) + talib.BBANDS(x, 10, 2.0, 2.0, matype)):
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9, err_msg=f"matype {matype}")
    with pytest.raises(ValueError, match="matype"):
        ft.BBANDS(x, 10, matype=14)


def test_extras_beyond_talib():
    x = np.arange(1, 40, dtype=np.float32)
    assert ft.EMA(x, 5).dtype == np.float32
    assert ft.SMA(np.arange(40), 5).dtype == np.float64
    assert ft.RSI(list(range(40)), 5).shape == (40,)
    assert ft.MAX(np.stack([x, x[::-1]]), 3).shape == (2, 39)
    assert set(ft.get_functions()) <= set(talib.get_functions())
    assert sum(len(v) for v in ft.get_function_groups().values()) == len(ft.get_functions())
