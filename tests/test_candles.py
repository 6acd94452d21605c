"""The 61 candlestick patterns against TA-Lib 0.8.2, integer for integer on every bar: every backend,
float64 and float32, 1-D and 2-D; on synthetic candles where every pattern fires (the counts are in
docs/candles.md and checked here), random walks, prices in ticks of 0.1 (ties with the averages),
leading NaNs, gaps, flat bars and series shorter than the lookback; with TA-Lib's candle settings
changed (TA_SetCandleSettings) globally and per call."""
import numpy as np
import pytest

import fastind as fi
from fastind import _candles
from fastind._registry.patterns import ENTRIES
from cases import market

talib = pytest.importorskip("talib")
from talib import _ta_lib as talib_c  # noqa: E402  (TA_SetCandleSettings)
from talib import abstract  # noqa: E402

BACKENDS = fi.available_backends()
IDS = [e.talib for e in ENTRIES]


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
def synthetic_ohlc(n, seed=0, tick=0.25):
    """Candles drawn from a small alphabet (long, short, doji, marubozu and spinning bodies; no,
    short and long shadows; opens gapping past the prior high, low or body, at the prior close,
    inside the prior body or at the prior open), in a trend that turns now and then, on a grid of
    `tick` (dyadic: every sum is exact, and equalities are frequent)."""
    rng = np.random.default_rng(seed)
    out = np.empty((4, n))
    po, pc, ph, pl = 100.0, 100.0, 100.0, 100.0
    trend = 1
    for i in range(n):
        if rng.random() < 0.08:
            trend = -trend
        kind = rng.choice(6, p=[0.3, 0.25, 0.12, 0.13, 0.1, 0.1])
        body = (rng.integers(8, 16), rng.integers(1, 4), 0, rng.integers(8, 16),
                rng.integers(0, 2), rng.integers(3, 8))[kind]
        color = trend if rng.random() < 0.6 else -trend
        where = rng.choice(5, p=[0.2, 0.2, 0.25, 0.2, 0.15])
        lo_b, hi_b = min(po, pc), max(po, pc)
        if where == 0:
            op = (ph if rng.random() < .5 else hi_b) / tick + rng.integers(1, 6)
        elif where == 1:
            op = (pl if rng.random() < .5 else lo_b) / tick - rng.integers(1, 6)
        elif where == 2:
            op = pc / tick + rng.integers(-1, 2)
        elif where == 3:
            op = rng.integers(int(lo_b / tick), int(hi_b / tick) + 1)
        else:
            op = po / tick
        op = float(np.round(op)) * tick
        cl = op + color * body * tick
        if kind == 3:
            up, dn = rng.integers(0, 2), rng.integers(0, 2)
        elif kind in (2, 4):
            up, dn = rng.choice([0, 1, 6, 12]), rng.choice([0, 1, 6, 12])
        else:
            up, dn = rng.choice([0, 1, 2, 5, 10]), rng.choice([0, 1, 2, 5, 10])
        hi, lw = max(op, cl) + up * tick, min(op, cl) - dn * tick
        if lw <= tick:
            op, cl, hi, lw = op + 200.0, cl + 200.0, hi + 200.0, lw + 200.0
        out[:, i] = op, hi, lw, cl
        po, pc, ph, pl = op, cl, hi, lw
    return out


# planted sequences (open, high, low, close in ticks, oldest first) for the rarest patterns
TEMPLATES = {
    "CDLBREAKAWAY": [(100, 100, 70, 70), (65, 66, 59, 60), (62, 63, 57, 58), (60, 61, 54, 55),
                     (56, 69, 55, 68)],
    "CDLMATHOLD": [(100, 130, 100, 130), (134, 135, 132, 133), (129, 130, 127, 128),
                   (127, 128, 125, 126), (127, 141, 126, 140)],
    "CDL3STARSINSOUTH": [(130, 131, 60, 100), (110, 111, 90, 102), (97, 97, 96, 96)],
    "CDLCONCEALBABYSWALL": [(130, 130, 120, 120), (119, 119, 110, 110), (108, 113, 104, 104),
                            (115, 115, 101, 102)],
    "CDLRISEFALL3METHODS": [(100, 131, 99, 130), (128, 129, 126, 127), (126, 127, 124, 125),
                            (124, 125, 122, 123), (124, 151, 123, 150)],
    "CDLUPSIDEGAP2CROWS": [(100, 131, 99, 130), (136, 137, 134, 135), (138, 139, 131, 132)],
    "CDL2CROWS": [(100, 131, 99, 130), (140, 141, 135, 136), (138, 139, 109, 110)],
    "CDL3BLACKCROWS": [(100, 140, 99, 120), (135, 136, 125, 125), (130, 131, 118, 118),
                       (122, 123, 110, 110)],
    "CDLIDENTICAL3CROWS": [(130, 131, 120, 120), (120, 121, 110, 110), (110, 111, 100, 100)],
    "CDLABANDONEDBABY": [(130, 131, 99, 100), (90, 92, 88, 90), (95, 121, 94, 120)],
    "CDLCOUNTERATTACK": [(130, 131, 99, 100), (70, 101, 69, 100)],
    "CDL3LINESTRIKE": [(100, 111, 99, 110), (105, 116, 104, 115), (110, 121, 109, 120),
                       (122, 123, 94, 95)],
}


def planted(n=20_000, seed=3, every=150, tick=0.25):
    """synthetic_ohlc with the templates written at spaced random places."""
    data = synthetic_ohlc(n, seed, tick)
    rng = np.random.default_rng(seed)
    names = sorted(TEMPLATES)
    for k, start in enumerate(range(50, n - every, every)):
        template = TEMPLATES[names[k % len(names)]]
        at = start + int(rng.integers(0, every - 20))
        base = data[3, at - 1] / tick - 100
        base = base + 400 if base < 200 else base
        for j, bar in enumerate(template):
            data[:, at + j] = [(base + v) * tick for v in bar]
    return data


def ticks(n=5000, seed=2):
    """A random walk quoted in ticks of 0.1: bodies, shadows and averages tie often, and their
    sums are inexact, so the running totals' rounding decides (TA-Lib's path is kept)."""
    d = market(n, seed)
    o, h, lo, c = (np.round(d[k], 1) for k in ("open", "high", "low", "close"))
    return np.stack([o, np.maximum(h, np.maximum(o, c)), np.minimum(lo, np.minimum(o, c)), c])


def walk(n=5000, seed=1):
    d = market(n, seed)
    return np.stack([d[k] for k in ("open", "high", "low", "close")])


SYNTH = planted()
DATA = {"synthetic": SYNTH, "walk": walk(), "ticks": ticks()}

# how often TA-Lib fires each pattern on SYNTH (default parameters), documented in docs/candles.md
MIN_FIRINGS = 10


def _talib(entry, data, params):
    kw = {p.talib: params[p.name] for p in entry.params}
    return getattr(talib, entry.talib)(*[np.ascontiguousarray(x, np.float64) for x in data], **kw)


def _ours(entry, data, params, backend, dtype=np.float64):
    return getattr(fi, entry.name)(*[x.astype(dtype) for x in data], **params, backend=backend)


def _assert_equal(got, want, label):
    assert got.dtype == np.int32, label
    bad = np.flatnonzero(got != want)
    assert bad.size == 0, f"{label}: {bad.size} bars differ, first {bad[:5]}: {got[bad[:5]]} vs {want[bad[:5]]}"


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------
def test_every_pattern_fires_on_the_synthetic_candles():
    counts = {e.talib: int(np.count_nonzero(_talib(e, SYNTH, e.param_sets()[0]))) for e in ENTRIES}
    rare = {k: v for k, v in counts.items() if v < MIN_FIRINGS}
    assert not rare, rare
    assert len(counts) == 61


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
@pytest.mark.parametrize("data", sorted(DATA))
@pytest.mark.parametrize("backend", BACKENDS)
def test_equal_to_talib(entry, data, backend):
    values = DATA[data]
    for params in entry.param_sets():
        for dtype in (np.float64, np.float32):
            want = _talib(entry, values.astype(dtype), params)
            got = _ours(entry, values, params, backend, dtype)
            _assert_equal(got, want, f"{entry.talib} {data} {params} {backend} {dtype.__name__}")


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_edges(entry, backend):
    """Leading NaNs (TA-Lib starts at the first bar where all four are finite), flat bars, series
    shorter than the lookback, empty."""
    lookback = entry.lookback_of()
    params = entry.param_sets()[0]
    nan_lead = SYNTH[:, :400].copy()
    for k, cut in enumerate((7, 13, 9, 11)):
        nan_lead[k, :cut] = np.nan
    flat = np.full((4, 80), 5.0)
    mixed = SYNTH[:, :300].copy()
    mixed[:, 100:140] = 7.0  # a flat stretch inside
    for label, values in (("leading_nans", nan_lead), ("flat", flat), ("flat_inside", mixed),
                          ("short", SYNTH[:, :lookback]), ("lookback+1", SYNTH[:, :lookback + 1]),
                          ("empty", SYNTH[:, :0])):
        want = _talib(entry, values, params)
        _assert_equal(_ours(entry, values, params, backend), want, f"{entry.talib} {label}")


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_gaps_and_rows(entry, backend):
    """A NaN or infinity in any input: 0 there and each run of finite bars its own series (as
    TA-Lib on that run alone); 2-D rows are independent series."""
    values = SYNTH[:, :3000].copy()
    values[0, 500] = np.nan
    values[1, 1200] = np.inf
    values[2, 1201] = -np.inf
    values[3, 2000] = np.nan
    params = entry.param_sets()[0]
    got = _ours(entry, values, params, backend)
    bad = ~np.isfinite(values).all(axis=0)
    assert (got[bad] == 0).all()
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (~bad).view(np.int8), [0])))).reshape(-1, 2)
    for start, end in edges:
        _assert_equal(got[start:end], _talib(entry, values[:, start:end], params),
                      f"{entry.talib} run {start}:{end}")
    panel = np.stack([SYNTH[:, :700], DATA["walk"][:, :700], DATA["ticks"][:, :700]], axis=1)
    got2 = getattr(fi, entry.name)(*panel, **params, backend=backend)
    assert got2.shape == (3, 700)
    for row in range(3):
        _assert_equal(got2[row], _talib(entry, panel[:, row], params), f"{entry.talib} row {row}")


# settings changes checked against TA_SetCandleSettings: (setting, range type, period, factor)
SETTINGS_CASES = {
    "doji_wider": [(3, 1, 5, 0.2)],
    "long_is_own_body": [(0, 0, 0, 1.0)],  # period 0: the candle's own range
    "short_by_shadows": [(2, 2, 7, 1.5)],
    "near_far_equal": [(8, 0, 3, 0.5), (9, 2, 8, 0.3), (10, 1, 1, 0.1)],
    "shadows_averaged": [(4, 1, 6, 0.5), (5, 2, 4, 1.0), (6, 0, 12, 0.8), (7, 2, 3, 0.4)],
    "all_periods_zero": [(s, r, 0, f) for s, (r, _, f) in enumerate(_candles.DEFAULTS.values())],
}


@pytest.fixture
def restore_settings():
    yield
    talib_c._ta_restore_candle_default_settings(11)
    _candles.restore_candle_default_settings()


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_candle_settings_as_talib(case, restore_settings):
    """set_candle_settings has TA_SetCandleSettings' effect on every pattern and lookback; the
    context manager gives the same within its block only."""
    changes = SETTINGS_CASES[case]
    values = DATA["synthetic"][:, :6000]
    backends = [b for b in ("cython", "numpy") if b in BACKENDS]
    defaults = {e.talib: getattr(fi, e.name)(*values, backend=backends[0]) for e in ENTRIES}
    with _candles.candle_settings({_candles.SETTINGS[s]: (r, p, f) for s, r, p, f in changes}):
        scoped = {e.talib: getattr(fi, e.name)(*values, backend=backends[0]) for e in ENTRIES}
    for s, r, p, f in changes:
        talib_c._ta_set_candle_settings(s, r, p, f)
        _candles.set_candle_settings(s, r, p, f)
    for e in ENTRIES:
        want = _talib(e, values, e.param_sets()[0])
        assert e.lookback_of() == abstract.Function(e.talib).lookback, e.talib
        for backend in backends:
            _assert_equal(getattr(fi, e.name)(*values, backend=backend), want, f"{e.talib} {backend}")
        _assert_equal(scoped[e.talib], want, f"{e.talib} candle_settings()")
    _candles.restore_candle_default_settings()
    for e in ENTRIES:
        _assert_equal(getattr(fi, e.name)(*values, backend=backends[0]), defaults[e.talib], e.talib)


def test_settings_are_validated_as_talib():
    for bad in ((3, 1, -2, 0.1), (3, 5, 10, 0.1), (11, 1, 10, 0.1), (-1, 1, 10, 0.1),
                (3, 1, 10, float("nan"))):
        with pytest.raises(ValueError):
            _candles.set_candle_settings(*bad)
        with pytest.raises(Exception):
            talib_c._ta_set_candle_settings(*bad)
    with pytest.raises(ValueError):
        _candles.restore_candle_default_settings(12)
    _candles.set_candle_settings("BodyDoji", "RealBody", 3, -1.0)  # names; TA-Lib takes any factor
    assert _candles.get_candle_settings()["BodyDoji"] == (0, 3, -1.0)
    _candles.restore_candle_default_settings("all")
    assert _candles.get_candle_settings() == _candles.DEFAULTS


@pytest.mark.parametrize("backend", BACKENDS)
def test_patterns_equal_the_single_calls(backend):
    values = DATA["synthetic"][:, :5000]
    every = fi.patterns(*values, backend=backend)
    assert list(every) == IDS
    for e in ENTRIES:
        _assert_equal(every[e.talib], _talib(e, values, e.param_sets()[0]), e.talib)
    some = fi.patterns(*values[:, :300].astype(np.float32), names=["CDLDOJI", "CDLHAMMER"],
                       backend=backend)
    assert list(some) == ["CDLDOJI", "CDLHAMMER"]
    panel = fi.patterns(*np.stack([values, values[:, ::-1]], axis=1), backend=backend)
    assert panel["CDLENGULFING"].shape == (2, 5000)


def _gappy(n=6000):
    """Synthetic candles and ticks with non-finite bars: runs of every length from 1 to 40 bars
    (shorter and longer than every lookback and the fused loops' first bars), then long runs."""
    values = np.concatenate([SYNTH[:, :n // 2], DATA["ticks"][:, :n - n // 2]], axis=1)
    at, length = 0, 1
    while at < n // 2:
        values[length % 4, at] = (np.nan, np.inf, -np.inf)[length % 3]
        at += length + 1
        length = length % 40 + 1
    values[:, n - 700] = np.nan
    return values


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_patterns_runs_equal_the_single_calls(backend, dtype):
    """patterns() (the fused loops with TA-Lib's defaults) bar for bar as the single functions,
    over runs of every length between non-finite bars, 1-D and 2-D."""
    values = _gappy().astype(dtype)
    every = fi.patterns(*values, backend=backend)
    for e in ENTRIES:
        _assert_equal(every[e.talib], getattr(fi, e.name)(*values, backend=backend), e.talib)
    panel = fi.patterns(*np.stack([values, values[:, ::-1]], axis=1), backend=backend)
    for e in ENTRIES:
        want = getattr(fi, e.name)(*values[:, ::-1], backend=backend)
        _assert_equal(panel[e.talib][1], want, f"{e.talib} row 1")


@pytest.mark.parametrize("backend", BACKENDS)
def test_patterns_with_other_settings(backend, restore_settings):
    """patterns() under changed candle settings (each pattern's own kernel) as the single calls
    and TA-Lib."""
    values = _gappy()
    with _candles.candle_settings({"BodyLong": (1, 7, 0.8), "Near": (0, 3, 0.5),
                                   "ShadowLong": (2, 4, 1.0)}):
        every = fi.patterns(*values, backend=backend)
        for e in ENTRIES:
            _assert_equal(every[e.talib], getattr(fi, e.name)(*values, backend=backend), e.talib)
    talib_c._ta_set_candle_settings(0, 1, 7, 0.8)
    _candles.set_candle_settings(0, 1, 7, 0.8)
    some = fi.patterns(*SYNTH[:, :3000], backend=backend)
    for e in ENTRIES:
        _assert_equal(some[e.talib], _talib(e, SYNTH[:, :3000], e.param_sets()[0]), e.talib)
