"""The per-call fast path: plain 1-D C-contiguous float inputs skip conversion (prepare_plain), the
default backend is resolved once. Results and errors must be those of the general path."""
import os
import subprocess
import sys

import numpy as np
import pytest

import fastind as fi
from fastind import _backends, _inputs
from fastind import talib as ftalib

RNG = np.random.default_rng(7)
N = 60
CLOSE = 100.0 + np.cumsum(RNG.standard_normal(N))
HIGH = CLOSE + RNG.random(N)
LOW = CLOSE - RNG.random(N)
VOLUME = RNG.random(N) * 1000.0

# name -> (function, inputs by field, params)
CALLS = {
    "sma": (fi.sma, ("close",), (7,)),
    "ema": (fi.ema, ("close",), (7,)),
    "wma": (fi.wma, ("close",), (7,)),
    "var": (fi.var, ("close",), (7,)),
    "stddev": (fi.stddev, ("close",), (7, 1.5)),
    "mom": (fi.mom, ("close",), (4,)),
    "roc": (fi.roc, ("close",), (4,)),
    "momentum_signal": (fi.momentum_signal, ("close",), (4,)),
    "rsi": (fi.rsi, ("close",), (5,)),
    "macd": (fi.macd, ("close",), (5, 11, 4)),
    "rolling_max": (fi.rolling_max, ("close",), (6,)),
    "rolling_min": (fi.rolling_min, ("close",), (6,)),
    "channel": (fi.channel, ("high", "low"), (6,)),
    "bbands": (fi.bbands, ("close",), (8, 2.0, 1.5, "ema")),
    "bbands_sma": (fi.bbands, ("close",), (8, 2.0, 1.5, "sma")),
    "trange": (fi.trange, ("high", "low", "close"), ()),
    "atr": (fi.atr, ("high", "low", "close"), (5,)),
    "obv": (fi.obv, ("close", "volume"), ()),
}
FIELDS = {"close": CLOSE, "high": HIGH, "low": LOW, "volume": VOLUME}


def _as_tuple(res):
    return res if isinstance(res, tuple) else (res,)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_fast_path_equals_general_path(backend, dtype, name):
    fn, fields, params = CALLS[name]
    plain = [FIELDS[f].astype(dtype) for f in fields]
    assert _inputs.prepare_plain(plain) is not None
    fast = _as_tuple(fn(*plain, *params, backend=backend))
    # the same numbers through the general path: strided views, and as one row of a 2-D input
    strided = [np.repeat(a, 2)[::2] for a in plain]
    assert _inputs.prepare_plain(strided) is None
    slow = _as_tuple(fn(*strided, *params, backend=backend))
    rows = _as_tuple(fn(*(a[None] for a in plain), *params, backend=backend))
    for f, s, r in zip(fast, slow, rows):
        assert f.shape == (N,) and f.dtype == s.dtype
        np.testing.assert_array_equal(f, s)
        np.testing.assert_array_equal(f, r[0])
        assert not any(np.shares_memory(f, a) for a in plain)


def test_prepare_plain_is_prepare_for_plain_inputs(dtype):
    x, y = CLOSE.astype(dtype), VOLUME.astype(dtype)
    arrays, dt, shape, wrap = _inputs.prepare_plain((x, y))
    ref_arrays, ref_dt, ref_shape, ref_wrap = _inputs.prepare(("x", "y"), (x, y))
    assert dt == ref_dt and shape == ref_shape and wrap is ref_wrap is None
    for a, r in zip(arrays, ref_arrays):
        assert a.shape == r.shape == (1, N) and a.flags.c_contiguous and a.dtype == dt
        np.testing.assert_array_equal(a, r)


@pytest.mark.parametrize("inputs", [
    [CLOSE.astype(np.float16)],
    [np.arange(N)],
    [CLOSE[::2]],
    [np.stack([CLOSE, CLOSE])],
    [np.ma.masked_array(CLOSE)],
    [CLOSE.astype(">f8")],
    [CLOSE.tolist()],
    [CLOSE, CLOSE.astype(np.float32)],
    [CLOSE, CLOSE[:-1]],
    [CLOSE, None],
], ids=["f16", "int", "strided", "2d", "masked", "big-endian", "list", "mixed-dtype", "lengths",
        "none"])
def test_prepare_plain_declines_what_needs_the_general_path(inputs):
    assert _inputs.prepare_plain(inputs) is None


DECLINED = [
    [CLOSE.astype(np.float16)], [np.arange(N)], [CLOSE[::2]], [np.stack([CLOSE, CLOSE])],
    [np.ma.masked_array(CLOSE)], [CLOSE.astype(">f8")], [CLOSE.tolist()],
    [CLOSE, CLOSE.astype(np.float32)], [CLOSE, CLOSE[:-1]], [CLOSE, None], [CLOSE, 3.0],
]


def _fresh_twins():
    twins = [_inputs.fresh_plain_py]
    if _inputs.fresh_plain is not _inputs.fresh_plain_py:
        twins.append(_inputs.fresh_plain)
    return twins


def test_the_compiled_fresh_plain_is_used_where_the_kernels_are_compiled():
    if "cython" in fi.available_backends():
        assert _inputs.fresh_plain is not _inputs.fresh_plain_py


@pytest.mark.parametrize("n_out, out_dtype", [(1, None), (2, None), (3, None), (1, np.int8)])
@pytest.mark.parametrize("inputs", [(CLOSE,), (HIGH, LOW, CLOSE), (CLOSE[:0],), (CLOSE[:1], VOLUME[:1])])
def test_fresh_plain_twins_agree(dtype, inputs, n_out, out_dtype):
    inputs = tuple(a.astype(dtype) for a in inputs)
    for fresh_plain in _fresh_twins():
        arrays, dtype_char, kernel_outs, results = fresh_plain(inputs, n_out, out_dtype)
        assert dtype_char == np.dtype(dtype).char
        for view, a in zip(arrays, inputs, strict=True):
            assert view.shape == (1, a.size) and view.flags.c_contiguous and view.base is a
            assert view.dtype is a.dtype and view.flags.writeable == a.flags.writeable
        results = results if n_out > 1 else (results,)
        assert isinstance(kernel_outs, tuple) and len(kernel_outs) == len(results) == n_out
        for view, r in zip(kernel_outs, results):
            assert r.shape == inputs[0].shape and r.flags.owndata and r.flags.writeable
            assert r.dtype == (np.dtype(out_dtype) if out_dtype else inputs[0].dtype)
            assert view.shape == (1, r.size) and view.base is r and view.flags.writeable
            view[0, :] = 7  # the kernel's writes land in the result
            assert (r == 7).all()


@pytest.mark.parametrize("n", [0, 1, 60, _inputs.STACK_MAX, _inputs.STACK_MAX + 1])
@pytest.mark.parametrize("n_out", [2, 3])
def test_fresh_plain_stacks_the_lines_of_short_series(dtype, n, n_out):
    x = np.linspace(1.0, 2.0, n).astype(dtype)
    for fresh_plain in _fresh_twins():
        arrays, _, kernel_outs, results = fresh_plain((x,), n_out, None, True)
        assert len(results) == n_out
        for r in results:
            assert r.shape == (n,) and r.dtype == x.dtype
            assert r.flags.c_contiguous and r.flags.writeable and r.flags.aligned
        if n > _inputs.STACK_MAX:  # long series: arrays of their own, as without `stack`
            assert len(kernel_outs) == n_out and all(r.flags.owndata for r in results)
            continue
        block, = kernel_outs
        assert block.shape == (n_out, n) and block.flags.c_contiguous and block.dtype == x.dtype
        for k, r in enumerate(results):
            assert r.base is block
            block[k] = k + 1  # the kernel's writes land in the results, each in its own line
        for k, r in enumerate(results):
            assert (r == k + 1).all()


@pytest.mark.parametrize("name", ["bbands_sma", "macd"])
@pytest.mark.parametrize("n", [60, _inputs.STACK_MAX + 1])
def test_stacked_lines_equal_separate_lines(backend, dtype, name, n):
    """bbands and macd write a short series' three lines into one block (their `_stacked`
    kernels): the same numbers as into three arrays given by `out=`."""
    fn, fields, params = CALLS[name]
    x = (100.0 + np.cumsum(np.random.default_rng(n).standard_normal(n))).astype(dtype)
    x[n // 3] = np.nan  # a restart inside
    fresh = fn(x, *params, backend=backend)
    given = tuple(np.full(n, 7.0, dtype) for _ in range(3))
    fn(x, *params, out=given, backend=backend)
    for f, g in zip(fresh, given, strict=True):
        np.testing.assert_array_equal(f, g)
    if n <= _inputs.STACK_MAX:
        assert fresh[0].base is not None and all(f.base is fresh[0].base for f in fresh)
    else:
        assert all(f.flags.owndata for f in fresh)


def test_fresh_plain_keeps_read_only_inputs_read_only():
    x = CLOSE.copy()
    x.flags.writeable = False
    for fresh_plain in _fresh_twins():
        (view,), _, _, _ = fresh_plain((x,), 1, None)
        assert not view.flags.writeable
    np.testing.assert_array_equal(fi.sma(x, 5), fi.sma(CLOSE, 5))


@pytest.mark.parametrize("inputs", DECLINED)
def test_fresh_plain_twins_decline_alike(inputs):
    for fresh_plain in _fresh_twins():
        assert fresh_plain(tuple(inputs), 1, None) is None


def test_kernel_table_resolves_once_per_dtype():
    be = _backends.current()
    for t in "df":
        fn = be.kernels[t]["moving.sma"]
        assert fn is be.kernel("moving", "sma", t) and be.kernels[t]["moving.sma"] is fn
    with pytest.raises(AttributeError):
        be.kernels["d"]["moving.no_such_kernel"]


def test_general_path_still_validates_plain_looking_inputs(backend):
    with pytest.raises(ValueError, match="close must have the same shape as high"):
        fi.atr(HIGH, LOW, CLOSE[:-1], 5, backend=backend)
    with pytest.raises(ValueError, match="volume must have the same shape as close"):
        fi.obv(CLOSE, VOLUME[:10], backend=backend)
    with pytest.raises(TypeError, match="low must be an array"):
        fi.trange(HIGH, None, CLOSE, backend=backend)
    with pytest.raises(TypeError, match="x must be numeric"):
        fi.sma(CLOSE.astype(complex), 3, backend=backend)
    with pytest.raises(ValueError, match="period must be between"):
        fi.sma(CLOSE, 0, backend=backend)
    with pytest.raises(ValueError, match="period must be between"):
        fi.sma(CLOSE, fi.MAX_PERIOD + 1, backend=backend)
    with pytest.raises(TypeError, match="period must be an integer"):
        fi.sma(CLOSE, True, backend=backend)
    with pytest.raises(ValueError, match="nbdevup must be finite"):
        fi.bbands(CLOSE, 5, float("inf"), backend=backend)
    with pytest.raises(ValueError, match="overlap"):
        x = CLOSE.copy()
        fi.sma(x, 3, out=x, backend=backend)


def test_mixed_dtypes_and_odd_lengths(backend):
    res = fi.obv(CLOSE.astype(np.float32), VOLUME, backend=backend)
    assert res.dtype == np.float64
    np.testing.assert_array_equal(res, fi.obv(CLOSE.astype(np.float32).astype(np.float64), VOLUME,
                                              backend=backend))
    for n in (0, 1, 2):
        x = CLOSE[:n].copy()
        np.testing.assert_array_equal(fi.sma(x, 2, backend=backend), fi.sma(list(x), 2, backend=backend))
        assert fi.macd(x, backend=backend)[0].shape == (n,)


def test_numpy_integer_and_float_parameters_still_accepted():
    ref = fi.sma(CLOSE, 7)
    np.testing.assert_array_equal(fi.sma(CLOSE, np.int64(7)), ref)
    np.testing.assert_array_equal(ftalib.SMA(CLOSE, 7.0), ref)
    np.testing.assert_array_equal(ftalib.SMA(CLOSE, np.float32(7)), ref)
    np.testing.assert_array_equal(fi.stddev(CLOSE, 5, 2), fi.stddev(CLOSE, 5, 2.0))
    np.testing.assert_array_equal(fi.bbands(CLOSE, 5, matype=np.int8(1))[1], fi.ema(CLOSE, 5))
    with pytest.raises(ValueError, match="matype must be one of"):
        ftalib.BBANDS(CLOSE, 5, matype=np.int64(14))
    with pytest.raises(ValueError, match="matype must be one of"):
        ftalib.BBANDS(CLOSE, 5, matype=True)


def test_per_call_backend_names_resolve_as_before():
    name = fi.available_backends()[-1]
    assert _backends.current(name).name == name
    assert _backends.current(name.upper()).name == name
    with pytest.raises(ValueError, match="auto, cython, numba, numpy"):
        _backends.current(["numpy"])


def test_set_backend_drops_the_cached_default():
    first = fi.get_backend()
    try:
        fi.set_backend("numpy")
        assert fi.get_backend() == "numpy"
        assert _backends.current() is _backends.load("numpy")
    finally:
        fi.set_backend("auto")
    assert fi.get_backend() == first


def test_environment_is_read_at_first_use_only():
    if "numpy" == fi.available_backends()[0]:
        pytest.skip("needs a backend other than numpy")
    code = ("import os, fastind, numpy as np\n"
            "fastind.sma(np.ones(5), 2)\n"
            "os.environ['FASTIND_BACKEND'] = 'numpy'\n"
            "print(fastind.get_backend())\n"
            "fastind.set_backend('numpy')\n"
            "print(fastind.get_backend())\n")
    env = {k: v for k, v in os.environ.items() if k != "FASTIND_BACKEND"}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [fi.available_backends()[0], "numpy"]
