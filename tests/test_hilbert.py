"""The Hilbert-transform family (HT_DCPERIOD, HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE,
HT_TRENDLINE, MAMA; MAMA as MA_Type 7): what the theory says of a pure cycle, and TA-Lib's numbers on
the series these functions are made for (trends, sine waves, cycles riding a trend), beyond the
registry-driven suite's random walks."""
import math

import numpy as np
import pytest

import fastind as fi
from fastind import talib as ft
from cases import TALIB_ERROR, as_tuple, assert_matches

talib = pytest.importorskip("talib")

NAMES = ("HT_DCPERIOD", "HT_DCPHASE", "HT_PHASOR", "HT_SINE", "HT_TRENDMODE", "HT_TRENDLINE", "MAMA")


def _sine(period, n=1500, amplitude=10.0, level=100.0, slope=0.0, phase=0.0):
    t = np.arange(n, dtype=np.float64)
    return level + slope * t + amplitude * np.sin(2.0 * np.pi * t / period + phase)


def _series():
    rng = np.random.default_rng(7)
    n = 2000
    t = np.arange(n, dtype=np.float64)
    return {
        "sine_20": _sine(20.0, n),
        "sine_13.7": _sine(13.7, n, amplitude=3.0, phase=1.0),
        "sine_45": _sine(45.0, n, amplitude=0.5),  # longer than the 50-bar limit allows to settle
        "sine_on_trend": _sine(25.0, n, slope=0.2),
        "trend_up": 10.0 + 0.5 * t + 0.05 * rng.standard_normal(n),
        "trend_down_log": 500.0 * np.exp(-0.001 * t),
        "two_cycles": _sine(11.0, n, amplitude=2.0) + _sine(37.0, n, amplitude=5.0) - 100.0,
        "chirp": 100.0 + 5.0 * np.sin(2.0 * np.pi * t * (1.0 / 40.0 + t / (n * 25.0))),
    }


SERIES = _series()


@pytest.mark.parametrize("period", [10.0, 12.5, 16.0, 20.0, 24.0, 29.0, 33.3, 40.0])
def test_dominant_cycle_of_a_pure_sine_converges_to_its_period(backend, period):
    """The homodyne discriminator measures a pure cycle: after a few cycles HT_DCPERIOD stays
    within one bar of the sine's period (TA-Lib's too: the two are equal)."""
    x = _sine(period, n=1200)
    got = fi.ht_dcperiod(x, backend=backend)
    settled = got[150:]
    assert np.all(np.abs(settled - period) <= 1.0), np.max(np.abs(settled - period))
    assert np.all(np.abs(talib.HT_DCPERIOD(x)[150:] - period) <= 1.0)


def test_sine_lines_follow_a_pure_cycle(backend):
    """On a pure cycle the sine line crosses the lead sine twice a cycle, and the mode is cycle (0)
    throughout once settled, as long as the swing stays within TA-Lib's 1.5% of the trendline
    (a 10% swing reads as a trend)."""
    period = 20.0
    x = _sine(period, n=1200, amplitude=1.0)
    sine, lead = fi.ht_sine(x, backend=backend)
    crossings = np.count_nonzero(np.diff(np.sign(sine[300:] - lead[300:])) != 0)
    cycles = (1200 - 300) / period
    assert abs(crossings - 2 * cycles) <= 2
    mode = fi.ht_trendmode(x, backend=backend)
    assert mode.dtype == np.int32 and set(np.unique(mode)) <= {0, 1}
    assert np.all(mode[300:] == 0)
    assert np.mean(fi.ht_trendmode(_sine(period, n=1200), backend=backend)[300:]) > 0.5


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("series", sorted(SERIES))
def test_talib_parity_on_trends_and_cycles(backend, dtype, name, series):
    x = SERIES[series]
    entry = fi._registry.get(name)
    ours = as_tuple(getattr(fi, entry.name)(x.astype(dtype), backend=backend))
    ref = as_tuple(getattr(talib, name)(x.astype(dtype).astype(np.float64)))
    rtol = 1e-9 if dtype == np.float64 else 2e-6
    floor = 1e-12 * float(np.max(np.abs(x)))
    for k, (o, r) in enumerate(zip(ours, ref)):
        assert o.dtype == (np.int32 if name == "HT_TRENDMODE" else dtype)
        assert_matches(o, r, rtol, f"{name} {series} output {k}", floor)


@pytest.mark.parametrize("fast,slow", [(0.5, 0.05), (0.01, 0.01), (0.99, 0.99), (0.1, 0.5),
                                       (0.99, 0.01)])
def test_mama_limits(backend, fast, slow):
    """Every pair TA-Lib accepts, slowlimit above fastlimit included (alpha is then fastlimit
    where the phase did not fall by more than a degree, as TA-Lib)."""
    x = SERIES["two_cycles"]
    ours = fi.mama(x, fast, slow, backend=backend)
    ref = talib.MAMA(x, fast, slow)
    for o, r in zip(ours, ref):
        assert_matches(o, r, 1e-9, f"MAMA {fast} {slow}", 1e-12 * 200.0)


@pytest.mark.parametrize("fast,slow", [(0.005, 0.05), (0.5, 0.995), (1.0, 0.05), (0.5, 0.0)])
def test_mama_rejects_what_talib_rejects(fast, slow):
    x = SERIES["sine_20"]
    with pytest.raises(Exception):
        talib.MAMA(x, fast, slow)
    with pytest.raises(ValueError):
        ft.MAMA(x, fast, slow)


@pytest.mark.parametrize("unstable", [0, 4])
def test_mama_as_ma_type_7(backend, unstable):
    """MA_Type 7 is the MAMA line at fastlimit 0.5, slowlimit 0.05, wherever TA-Lib takes a matype;
    the unstable period of 'MAMA' hides its first values there too."""
    x = SERIES["sine_on_trend"] * np.exp(0.01 * np.random.default_rng(3).standard_normal(2000))
    x[:9] = np.nan
    talib.set_unstable_period("MAMA", unstable)
    ft.set_unstable_period("MAMA", unstable)
    try:
        assert_matches(fi.ma(x, 30, 7, backend=backend), talib.MA(x, 30, 7), 1e-9, "MA 7")
        assert_matches(fi.ma(x, 30, 7, backend=backend), fi.mama(x, backend=backend)[0], 0.0, "MA 7")
        bands = fi.bbands(x, 10, 2.0, 1.5, 7, backend=backend)
        slack = TALIB_ERROR["BBANDS"](x, nbdevup=2.0, nbdevdn=1.5)
        for k, (o, r) in enumerate(zip(bands, talib.BBANDS(x, 10, 2.0, 1.5, 7))):
            assert_matches(o, r, 1e-9, f"BBANDS 7 output {k}", slack[k] + 1e-12 * 200.0)
    finally:
        talib.set_unstable_period("MAMA", 0)
        ft.set_unstable_period("MAMA", 0)


@pytest.mark.parametrize("name", NAMES)
def test_unstable_period_only_hides(backend, name):
    """TA-Lib starts the recurrence at the data's start whatever the unstable period: a larger one
    shows the same values from a later bar."""
    x = SERIES["two_cycles"]
    entry = fi._registry.get(name)
    plain = as_tuple(getattr(fi, entry.name)(x, backend=backend))
    ft.set_unstable_period(name, 25)
    try:
        later = as_tuple(getattr(fi, entry.name)(x, backend=backend))
    finally:
        ft.set_unstable_period(name, 0)
    shown = entry.lookback_of() + 25
    for p, q in zip(plain, later):
        np.testing.assert_array_equal(q[shown:], p[shown:])
        assert np.all(q[:shown] == 0) if q.dtype.kind == "i" else np.isnan(q[:shown]).all()


def test_phase_table_is_libm():
    """The DC phase's sines and cosines are the C library's (TA-Lib calls sin and cos per term)."""
    from fastind._compose.hilbert import phase_table

    table = phase_table()
    for cycle in (1, 7, 20, 50):
        for i in range(cycle):
            angle = float(i) * (math.atan(1) * 8.0) / float(cycle)
            assert table[cycle, i] == math.sin(angle)
            assert table[51 + cycle, i] == math.cos(angle)
    assert not table.flags.writeable


@pytest.mark.parametrize("level", [1e6, -5e3])
def test_trendline_running_sums_stay_exact_on_long_series(level):
    """HT_TRENDLINE's window means come from running sums (hi + lo pairs), not from adding each
    window afresh as TA-Lib: on a million bars far from zero, or crossing it, they stay within
    1e-15 of TA-Lib's, and the trend mode that reads them is TA-Lib's exactly."""
    rng = np.random.default_rng(11)
    x = level + np.cumsum(rng.standard_normal(1_000_000)) * 3.0
    for backend in [b for b in ("cython", "numba") if b in fi.available_backends()]:
        assert_matches(fi.ht_trendline(x, backend=backend), talib.HT_TRENDLINE(x), 1e-14,
                       f"HT_TRENDLINE {level} [{backend}]")
        np.testing.assert_array_equal(fi.ht_trendmode(x, backend=backend), talib.HT_TRENDMODE(x))
