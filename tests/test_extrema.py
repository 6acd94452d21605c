"""Rolling MAX / MIN / MINMAX against windows taken one by one, on every backend.

The compiled kernels run a pipelined steady state (two blocks forwards while the next two go
backwards) and find the end of each valid run lazily, eight bars per test; these tests put NaN and
infinities at every position relative to those blocks and tests, on lengths and periods that enter,
leave and skip the pipeline."""
import numpy as np
import pytest

import fastind as fi


def reference(x, period, reduce):
    """out[t] = reduce(x[t-period+1 .. t]) when those bars are all valid (finite), else NaN: NaN and
    infinities are gaps alike."""
    out = np.full(x.shape, np.nan)
    run = 0
    for t, v in enumerate(x):
        run = run + 1 if np.isfinite(v) else 0
        if run >= period:
            out[t] = reduce(x[t - period + 1: t + 1])
    return out


def check(x, period, backend):
    want_max = reference(x, period, np.max)
    want_min = reference(x, period, np.min)
    np.testing.assert_array_equal(fi.rolling_max(x, period, backend=backend), want_max)
    np.testing.assert_array_equal(fi.rolling_min(x, period, backend=backend), want_min)
    upper, lower = fi.channel(x, period=period, backend=backend)
    np.testing.assert_array_equal(upper, want_max)
    np.testing.assert_array_equal(lower, want_min)


@pytest.mark.parametrize("period", [1, 2, 3, 5, 8, 13])
def test_one_nan_or_infinity_at_every_position(period, backend):
    n = 12 * period + 11
    base = np.cumsum(np.random.default_rng(period).standard_normal(n))
    for pos in range(n):
        for bad in (np.nan, np.inf, -np.inf):
            x = base.copy()
            x[pos] = bad
            check(x, period, backend)


@pytest.mark.parametrize("period", [1, 4, 7, 30])
@pytest.mark.parametrize("n", [1, 29, 30, 31, 119, 120, 121, 150, 151, 1000, 4099])
def test_lengths_around_the_pipeline(n, period, backend):
    check(np.cumsum(np.random.default_rng(n).standard_normal(n)), period, backend)


@pytest.mark.parametrize("shape", ["rising", "falling", "constant", "sawtooth"])
def test_monotone_and_flat_series(shape, backend):
    n = 5000
    x = {"rising": np.arange(n, dtype=float), "falling": -np.arange(n, dtype=float),
         "constant": np.full(n, 2.5), "sawtooth": np.arange(n) % 17 * 1.0}[shape]
    for period in (1, 16, 30, 31):
        check(x, period, backend)


def test_random_nan_runs_float32_and_rows(backend):
    rng = np.random.default_rng(3)
    panel = np.cumsum(rng.standard_normal((6, 3000)), axis=1).astype(np.float32)
    panel[rng.random(panel.shape) < 0.004] = np.nan
    panel[2, 1000:1400] = np.nan
    for period in (3, 30):
        got_max = fi.rolling_max(panel, period, backend=backend)
        got_lo = fi.channel(panel, period=period, backend=backend)[1]
        assert got_max.dtype == np.float32
        for row in range(panel.shape[0]):
            x = panel[row].astype(np.float64)  # float32 values are exact in float64
            np.testing.assert_array_equal(got_max[row], reference(x, period, np.max))
            np.testing.assert_array_equal(got_lo[row], reference(x, period, np.min))


def test_channel_of_high_and_low(backend):
    rng = np.random.default_rng(8)
    close = np.cumsum(rng.standard_normal(2000))
    high, low = close + rng.random(2000), close - rng.random(2000)
    high[500] = np.nan
    upper, lower = fi.channel(high, low, period=20, backend=backend)
    np.testing.assert_array_equal(upper, reference(high, 20, np.max))
    np.testing.assert_array_equal(lower, reference(low, 20, np.min))
