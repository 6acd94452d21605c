"""One table that drives the parity, agreement, NaN-policy and bad-input tests.

Each case: TA-Lib name, input names, the native call, the TA-Lib reference call, parameter sets.
"""
from dataclasses import dataclass, field

import numpy as np

import fastind as fi
from fastind import _registry


@dataclass
class Case:
    name: str
    inputs: tuple
    native: object          # (backend, *arrays, **params) -> array or tuple
    reference: object       # (*float64 arrays, **params) -> array or tuple (TA-Lib)
    params: list = field(default_factory=list)
    # extra absolute tolerance per output for TA-Lib's own rounding: (inputs, params) -> floats
    talib_error: object = None
    entry: object = None  # the registry entry

    def out_dtype(self, dtype, k=0):
        """The dtype of result k for inputs of `dtype`."""
        return self.entry.output_dtype(k, dtype)

    def __repr__(self):
        return self.name


def _talib():
    import talib

    return talib


C, HLC, CV = ("close",), ("high", "low", "close"), ("close", "volume")
EPS = np.finfo(np.float64).eps


def _cancellation(x):
    """TA-Lib's VAR is E[x^2] - E[x]^2 on raw values: its error is about eps * max(x^2)."""
    finite = x[np.isfinite(x)]
    return 64 * EPS * float(np.max(finite * finite)) if finite.size else 0.0


def _var_error(x, **params):
    return (_cancellation(x),)


def _std_error(x, nbdev=1.0, nbdevup=None, nbdevdn=None, **params):
    # |sqrt(a) - sqrt(b)| <= sqrt(|a - b|): a small variance turns that error into a large one
    root = np.sqrt(_cancellation(x))
    if nbdevup is None:
        return (abs(nbdev) * root,)
    return (abs(nbdevup) * root, 0.0, abs(nbdevdn) * root)
# test data key of each native input name (market() makes every key)
SOURCE = {"x": "close", "x0": "high", "x1": "low", "y": "low"}
DOMAIN_SOURCE = {"unit": "unit", "any": "signed", "positive": "close"}
# TA-Lib's own rounding where its formula cancels (extra absolute slack per output)
TALIB_ERROR = {"VAR": _var_error, "STDDEV": _std_error, "BBANDS": _std_error}


def _stochrsi_error(x, period=14, fastk_period=5, **params):
    """STOCHRSI rescales the range of fastk_period RSI values to 0..100. Where the RSI creeps
    along a plateau (100 less a loss decaying away, on flat-then-rising prices: the steps data),
    that range is a few ulps of the RSI's own rounding, and TA-Lib's %K and %D are that rounding
    magnified: 0, 50 or 100 for the same prices (our RSI rounds otherwise). Only on data with
    such a window (range under 1e-9, the RSI not constant) any value in 0..100 is as good."""
    from numpy.lib.stride_tricks import sliding_window_view

    rsi = _talib().RSI(x, period)
    rsi = rsi[np.isfinite(rsi)]
    if rsi.size < fastk_period or np.ptp(rsi) == 0.0:
        return (0.0, 0.0)
    windows = sliding_window_view(rsi, fastk_period)
    if (np.ptp(windows, axis=1) < 1e-9).any():
        return (100.0, 100.0)
    return (0.0, 0.0)


TALIB_ERROR["STOCHRSI"] = _stochrsi_error


def _native_call(entry):
    def native(be, *arrays, **params):
        return getattr(fi, entry.name)(*arrays, **params, backend=be)

    return native


def _reference_call(entry):
    """TA-Lib's function called with the native parameters under TA-Lib's names."""
    names = {p.name: p.talib for p in entry.params}

    def reference(*arrays, **params):
        return getattr(_talib(), entry.talib)(*arrays, **{names[k]: v for k, v in params.items()})

    return reference


def _source(entry, name):
    if entry.domain is not None and name in ("x", "x0", "x1"):
        return DOMAIN_SOURCE[entry.domain]
    return SOURCE.get(name, name)


def _case(entry):
    return Case(entry.talib, tuple(_source(entry, n) for n in entry.inputs), _native_call(entry),
                _reference_call(entry), entry.param_sets(), TALIB_ERROR.get(entry.talib), entry)


CASES = [_case(e) for e in _registry.ENTRIES if e.talib is not None and e.native]
IDS = [c.name for c in CASES]


def market(n, seed=0, scale=1.0):
    """A geometric random walk with consistent open/high/low/close and integer volumes (plus the
    derived series of complete())."""
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(0.01 * rng.standard_normal(n)))
    open_ = np.concatenate((close[:1], close[:-1])) * (1.0 + 0.002 * rng.standard_normal(n))
    high = np.maximum(close, open_) * (1.0 + 0.005 * np.abs(rng.standard_normal(n)))
    low = np.minimum(close, open_) * (1.0 - 0.005 * np.abs(rng.standard_normal(n)))
    volume = rng.integers(100, 10_000, n).astype(np.float64)
    return complete({"open": open_ * scale, "high": high * scale, "low": low * scale,
                     "close": close * scale, "volume": volume})


def complete(data):
    """Adds the series some functions need, derived from the others where missing: open (the
    previous close), unit (values in [-1, 1] for ACOS/ASIN), signed (zero-mean), periods (MAVP's
    per-bar periods, 2..30)."""
    close = data["close"]
    n = close.shape[-1]
    data.setdefault("open", np.concatenate((close[:1], close[:-1])) if n else close.copy())
    with np.errstate(invalid="ignore"):
        centred = close - np.nanmean(close) if n and np.isfinite(close).any() else close
        scale = np.nanmax(np.abs(centred)) if n and np.isfinite(centred).any() else 1.0
        data.setdefault("unit", centred / (scale if scale > 0 else 1.0))
    data.setdefault("signed", centred)
    data.setdefault("periods", (2 + np.arange(n) * 7 % 29).astype(np.float64))
    return data


def as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


def assert_matches(actual, expected, rtol=1e-9, label="", atol=0.0):
    """Same NaN positions; finite values within rtol, relative to the value or the series' scale
    (plus `atol`)."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, label
    nan_a, nan_e = np.isnan(actual), np.isnan(expected)
    assert np.array_equal(nan_a, nan_e), (
        f"{label}: NaN positions differ; first mismatch at {np.flatnonzero(nan_a != nan_e)[:5]}")
    finite = ~nan_e
    if finite.any():
        a, e = actual[finite], expected[finite]
        scale = np.max(np.abs(e))
        np.testing.assert_allclose(a, e, rtol=rtol, atol=rtol * scale + atol, err_msg=label)
