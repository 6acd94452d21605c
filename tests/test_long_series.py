"""Rounding error of the running window sums stays bounded on long series.

The compiled kernels keep TA-Lib's running sums (one add per bar) and sum each window afresh every
1024 bars; here a 300 000-bar random walk far from zero, whose running sum would otherwise drift,
is checked against windows summed exactly (math.fsum) at sampled bars."""
import math

import numpy as np
import pytest

import fastind as fi

N = 300_000
PERIOD = 50


@pytest.fixture(scope="module")
def walk():
    rng = np.random.default_rng(11)
    return 1e6 + np.cumsum(rng.standard_normal(N)) * 3.0


def _sampled_bars():
    return np.r_[PERIOD - 1: N: 997, N - 1]


def test_sma_matches_exact_window_sums(walk, backend):
    got = fi.sma(walk, PERIOD, backend=backend)
    for i in _sampled_bars():
        exact = math.fsum(walk[i - PERIOD + 1: i + 1]) / PERIOD
        assert abs(got[i] - exact) <= 1e-13 * abs(exact), (i, got[i], exact)


def test_wma_matches_exact_weighted_sums(walk, backend):
    got = fi.wma(walk, PERIOD, backend=backend)
    weights = np.arange(1, PERIOD + 1, dtype=np.float64)
    divider = PERIOD * (PERIOD + 1) / 2
    for i in _sampled_bars():
        window = walk[i - PERIOD + 1: i + 1]
        exact = math.fsum(window * weights) / divider
        assert abs(got[i] - exact) <= 1e-12 * abs(exact), (i, got[i], exact)


def test_var_matches_two_pass_variance(walk, backend):
    got = fi.var(walk, PERIOD, backend=backend)
    for i in _sampled_bars():
        window = walk[i - PERIOD + 1: i + 1]
        mean = math.fsum(window) / PERIOD
        exact = math.fsum((window - mean) ** 2) / PERIOD
        assert abs(got[i] - exact) <= 1e-9 * exact, (i, got[i], exact)


@pytest.mark.parametrize("func", [fi.sma, fi.wma, fi.var])
def test_a_spike_leaves_no_residue(func, backend):
    # a 1e17 spike (ulp 16) passes through windows of values in [0, 1): a running sum keeps its
    # rounding residue, of order 1, forever (TA-Lib's does); summed afresh every 1024 bars, ours
    # is back to full precision within 1024 bars of the spike leaving the window
    x = np.random.default_rng(5).random(6000)
    x[100] = 1e17
    got = func(x, 10, backend=backend)
    reference = func(np.r_[np.full(101, np.nan), x[101:]], 10, backend="numpy")
    settled = slice(100 + 10 + 1024 + 1, None)
    np.testing.assert_allclose(got[settled], reference[settled], rtol=1e-12)
