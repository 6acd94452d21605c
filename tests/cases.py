"""One table that drives the parity, agreement, NaN-policy and bad-input tests.

Each case: TA-Lib name, input names, the native call, the TA-Lib reference call, parameter sets.
"""
from dataclasses import dataclass, field

import numpy as np

import fastind as fi


@dataclass
class Case:
    name: str
    inputs: tuple
    native: object          # (backend, *arrays, **params) -> array or tuple
    reference: object       # (*float64 arrays, **params) -> array or tuple (TA-Lib)
    params: list = field(default_factory=list)
    # extra absolute tolerance per output for TA-Lib's own rounding: (inputs, params) -> floats
    talib_error: object = None

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


def _std_error(x, nbdev=1.0, up=None, dn=None, **params):
    # |sqrt(a) - sqrt(b)| <= sqrt(|a - b|): a small variance turns that error into a large one
    root = np.sqrt(_cancellation(x))
    if up is None:
        return (abs(nbdev) * root,)
    return (abs(up) * root, 0.0, abs(dn) * root)
P = lambda *ps: [dict(period=p) for p in ps]  # noqa: E731

CASES = [
    Case("SMA", C, lambda be, x, period: fi.sma(x, period, backend=be),
         lambda x, period: _talib().SMA(x, period), P(1, 2, 7, 30, 200)),
    Case("EMA", C, lambda be, x, period: fi.ema(x, period, backend=be),
         lambda x, period: _talib().EMA(x, period), P(1, 2, 9, 30, 200)),
    Case("WMA", C, lambda be, x, period: fi.wma(x, period, backend=be),
         lambda x, period: _talib().WMA(x, period), P(1, 2, 10, 30, 150)),
    Case("MOM", C, lambda be, x, period: fi.mom(x, period, backend=be),
         lambda x, period: _talib().MOM(x, period), P(1, 10, 50)),
    Case("ROC", C, lambda be, x, period: fi.roc(x, period, backend=be),
         lambda x, period: _talib().ROC(x, period), P(1, 10, 50)),
    Case("MAX", C, lambda be, x, period: fi.rolling_max(x, period, backend=be),
         lambda x, period: _talib().MAX(x, period), P(2, 3, 30, 250)),
    Case("MIN", C, lambda be, x, period: fi.rolling_min(x, period, backend=be),
         lambda x, period: _talib().MIN(x, period), P(2, 3, 30, 250)),
    Case("MINMAX", C, lambda be, x, period: fi.channel(x, period=period, backend=be)[::-1],
         lambda x, period: _talib().MINMAX(x, period), P(2, 20)),
    Case("STDDEV", C, lambda be, x, period, nbdev: fi.stddev(x, period, nbdev, backend=be),
         lambda x, period, nbdev: _talib().STDDEV(x, period, nbdev),
         [dict(period=2, nbdev=1.0), dict(period=5, nbdev=1.0), dict(period=20, nbdev=2.5),
          dict(period=300, nbdev=1.0)], _std_error),
    Case("VAR", C, lambda be, x, period: fi.var(x, period, backend=be),
         lambda x, period: _talib().VAR(x, period), P(1, 5, 20, 300), _var_error),
    Case("RSI", C, lambda be, x, period: fi.rsi(x, period, backend=be),
         lambda x, period: _talib().RSI(x, period), P(2, 14, 60)),
    Case("TRANGE", HLC, lambda be, h, lo, c: fi.trange(h, lo, c, backend=be),
         lambda h, lo, c: _talib().TRANGE(h, lo, c), [dict()]),
    Case("ATR", HLC, lambda be, h, lo, c, period: fi.atr(h, lo, c, period, backend=be),
         lambda h, lo, c, period: _talib().ATR(h, lo, c, period), P(1, 2, 14, 100)),
    Case("MACD", C, lambda be, x, fast, slow, signal: fi.macd(x, fast, slow, signal, backend=be),
         lambda x, fast, slow, signal: _talib().MACD(x, fast, slow, signal),
         [dict(fast=12, slow=26, signal=9), dict(fast=2, slow=3, signal=1),
          dict(fast=5, slow=35, signal=5), dict(fast=26, slow=12, signal=9)]),
    Case("BBANDS", C,
         lambda be, x, period, up, dn, matype: fi.bbands(x, period, up, dn, matype, backend=be),
         lambda x, period, up, dn, matype: _talib().BBANDS(x, period, up, dn, matype),
         [dict(period=20, up=2.0, dn=2.0, matype=0), dict(period=5, up=1.0, dn=1.0, matype=0),
          dict(period=10, up=2.0, dn=1.5, matype=1), dict(period=7, up=3.0, dn=3.0, matype=2)],
         _std_error),
    Case("OBV", CV, lambda be, c, v: fi.obv(c, v, backend=be),
         lambda c, v: _talib().OBV(c, v), [dict()]),
]

IDS = [c.name for c in CASES]


def market(n, seed=0, scale=1.0):
    """A geometric random walk with consistent high/low/close and integer volumes."""
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(0.01 * rng.standard_normal(n)))
    high = close * (1.0 + 0.005 * np.abs(rng.standard_normal(n)))
    low = close * (1.0 - 0.005 * np.abs(rng.standard_normal(n)))
    volume = rng.integers(100, 10_000, n).astype(np.float64)
    return {"high": high * scale, "low": low * scale, "close": close * scale, "volume": volume}


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
