"""Input coercion and the bad-input matrix: clear ValueError/TypeError naming the argument, from every
backend, before any kernel runs."""
import numpy as np
import pytest

import fastind as fi
from fastind import talib as ftalib

X = np.linspace(1.0, 2.0, 50)


@pytest.mark.parametrize("bad,exc,match", [
    (None, TypeError, "x must be an array"),
    ("abc", TypeError, "x must be an array"),
    (np.array(["a", "b"]), TypeError, "x must be numeric"),
    (np.array([1 + 2j, 3j]), TypeError, "x must be numeric"),
    (np.array([None, 1.0], dtype=object), TypeError, "x must be numeric"),
    (np.array(["2024-01-01"], dtype="datetime64[D]"), TypeError, "x must be numeric"),
    (np.float64(3.0), ValueError, "x must be 1-D or 2-D"),
    (np.zeros((2, 3, 4)), ValueError, "x must be 1-D or 2-D"),
    ([[1.0, 2.0], [3.0]], ValueError, "x cannot be read"),
])
def test_bad_series(backend, bad, exc, match):
    with pytest.raises(exc, match=match):
        fi.sma(bad, 3, backend=backend)


@pytest.mark.parametrize("period,exc", [
    (0, ValueError), (-3, ValueError), (fi.MAX_PERIOD + 1, ValueError), (10**12, ValueError),
    (2.5, TypeError), ("5", TypeError), (None, TypeError), (True, TypeError),
])
def test_bad_period(backend, period, exc):
    for fn in (fi.sma, fi.ema, fi.wma, fi.rsi, fi.rolling_max, fi.mom, fi.stddev):
        with pytest.raises(exc, match="period"):
            fn(X, period, backend=backend)


def test_bad_real_parameters(backend):
    with pytest.raises(ValueError, match="nbdev"):
        fi.stddev(X, 5, float("nan"), backend=backend)
    with pytest.raises(TypeError, match="nbdevup"):
        fi.bbands(X, 5, "2", backend=backend)
    with pytest.raises(ValueError, match="matype"):
        fi.bbands(X, 5, matype="nope", backend=backend)
    with pytest.raises(ValueError, match="fast"):
        fi.macd(X, fast=1, backend=backend)


def test_mismatched_lengths_and_shapes(backend):
    with pytest.raises(ValueError, match="close must have the same shape as high"):
        fi.atr(X, X, X[:-1], backend=backend)
    with pytest.raises(ValueError, match="volume must have the same shape as close"):
        fi.obv(X, np.ones((2, 50)), backend=backend)
    with pytest.raises(ValueError, match="low must have the same shape"):
        fi.channel(X, X[:10], backend=backend)


def test_bad_out(backend):
    with pytest.raises(ValueError, match="out must have shape"):
        fi.sma(X, 3, out=np.empty(49), backend=backend)
    with pytest.raises(TypeError, match="out must have dtype float64"):
        fi.sma(X, 3, out=np.empty(50, np.float32), backend=backend)
    with pytest.raises(TypeError, match="out must be a numpy array"):
        fi.sma(X, 3, out=[0.0] * 50, backend=backend)
    ro = np.empty(50)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="writeable"):
        fi.sma(X, 3, out=ro, backend=backend)
    with pytest.raises(TypeError, match="tuple of 3"):
        fi.macd(X, out=np.empty(50), backend=backend)
    with pytest.raises(ValueError, match="overlap"):
        x = X.copy()
        fi.sma(x, 3, out=x, backend=backend)


def test_out_buffers_are_filled_and_returned(backend):
    out = np.full(50, -1.0)
    res = fi.sma(X, 5, out=out, backend=backend)
    assert res is out
    np.testing.assert_array_equal(out, fi.sma(X, 5, backend=backend))
    outs = tuple(np.empty(50) for _ in range(3))
    res = fi.bbands(X, 5, out=outs, backend=backend)
    assert all(a is b for a, b in zip(res, outs))
    # a strided out is filled through a temporary
    big = np.zeros(100)
    fi.ema(X, 4, out=big[::2], backend=backend)
    np.testing.assert_array_equal(big[::2], fi.ema(X, 4, backend=backend))
    assert (big[1::2] == 0).all()


def test_dtypes_layouts_and_containers(backend):
    ref = fi.sma(X, 5, backend=backend)
    np.testing.assert_array_equal(fi.sma(list(X), 5, backend=backend), ref)
    ints = np.arange(50)
    np.testing.assert_array_equal(fi.sma(ints, 5, backend=backend), fi.sma(ints.astype(float), 5, backend=backend))
    assert fi.sma(ints.astype(np.int8), 5, backend=backend).dtype == np.float64
    assert fi.sma(np.ones(10, bool), 2, backend=backend).tolist()[1:] == [1.0] * 9
    assert fi.sma(X.astype(np.float32), 5, backend=backend).dtype == np.float32
    assert fi.sma(X.astype(np.float16), 5, backend=backend).dtype == np.float32
    strided = np.repeat(X, 2)[::2]
    np.testing.assert_array_equal(fi.sma(strided, 5, backend=backend), ref)
    ro = X.copy()
    ro.flags.writeable = False
    np.testing.assert_array_equal(fi.sma(ro, 5, backend=backend), ref)
    fortran = np.asfortranarray(np.stack([X, X[::-1]]))
    res2d = fi.sma(fortran, 5, backend=backend)
    np.testing.assert_array_equal(res2d[0], ref)
    np.testing.assert_array_equal(res2d[1], fi.sma(X[::-1], 5, backend=backend))
    # mixed float32/float64 inputs compute in float64
    assert fi.obv(X.astype(np.float32), X, backend=backend).dtype == np.float64
    assert fi.sma(np.empty(0), 5, backend=backend).shape == (0,)
    assert fi.sma(np.empty((3, 0)), 5, backend=backend).shape == (3, 0)
    assert np.isnan(fi.sma(X[:3], 5, backend=backend)).all()


def test_pandas_series_and_frames(backend):
    pd = pytest.importorskip("pandas")
    idx = pd.date_range("2024-01-01", periods=50)
    s = pd.Series(X, index=idx, name="close")
    res = fi.rsi(s, 14, backend=backend)
    assert isinstance(res, pd.Series) and res.index.equals(idx) and res.name == "close"
    np.testing.assert_array_equal(res.to_numpy(), fi.rsi(X, 14, backend=backend))
    nullable = pd.Series(X, dtype="Float64")
    nullable[3] = pd.NA
    assert np.isnan(fi.sma(nullable, 2, backend=backend)[3:5]).all()
    frame = pd.DataFrame({"a": X, "b": X[::-1]}, index=idx)
    res = fi.ema(frame, 5, backend=backend)
    assert isinstance(res, pd.DataFrame) and list(res.columns) == ["a", "b"]
    np.testing.assert_array_equal(res["b"].to_numpy(), fi.ema(X[::-1], 5, backend=backend))
    # several outputs of a Series: one DataFrame with the output names (the native API) ...
    bands = fi.bbands(s, 10, backend=backend)
    assert isinstance(bands, pd.DataFrame) and bands.index.equals(idx)
    assert list(bands.columns) == ["upperband", "middleband", "lowerband"]
    np.testing.assert_array_equal(bands["lowerband"].to_numpy(), fi.bbands(X, 10, backend=backend)[2])
    # ... and TA-Lib's unnamed Series, one per output, in the TA-Lib layer
    talib_res = ftalib.SMA(s, 5)
    assert isinstance(talib_res, pd.Series) and talib_res.name is None
    upper, middle, lower = ftalib.BBANDS(s, 10)
    assert all(isinstance(b, pd.Series) and b.index.equals(idx) for b in (upper, middle, lower))


def test_polars_series(backend):
    pl = pytest.importorskip("polars")
    s = pl.Series("close", X)
    res = fi.sma(s, 5, backend=backend)
    assert isinstance(res, pl.Series)
    np.testing.assert_array_equal(res.to_numpy(), fi.sma(X, 5, backend=backend))


def test_import_does_not_pull_optional_dependencies():
    import subprocess
    import sys

    code = ("import sys, fastind, numpy as np; fastind.sma(np.ones(10), 3); "
            "print(sorted(m for m in ('numba', 'pandas', 'polars') if m in sys.modules))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"


def test_large_fresh_outputs_are_prefaulted_and_fully_written():
    """Outputs of PREFAULT_BYTES or more get a zero byte a page before the kernel runs: every value
    is still the kernel's (1-D through the compiled fast path, 2-D through allocate)."""
    from fastind import _inputs

    n = _inputs.PREFAULT_BYTES // 8 + 3
    a = _inputs.fresh_empty((n,), np.float64)
    assert a.shape == (n,) and a.dtype == np.float64 and a.flags.c_contiguous
    assert (a.view(np.uint8)[::_inputs.PAGE] == 0).all()
    x = np.cumsum(np.random.default_rng(5).standard_normal(n)) + 1000.0
    expected = fi.ema(x[:5000], 10)
    for got in (fi.ema(x, 10), fi.ema(x[None], 10)[0]):
        np.testing.assert_allclose(got[:5000], expected, rtol=1e-12)  # the tail's blocks differ
        assert np.isnan(got[:9]).all() and np.isfinite(got[9:]).all()
