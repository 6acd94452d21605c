"""The synthetic market: deterministic, consistent bars, and the stylised facts it promises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fastind_model.data import validate_panel
from fastind_model.synthetic import REGIMES, TRANSITIONS, markov_regimes, synthetic_market


@pytest.fixture(scope="module")
def market():
    return synthetic_market()


def per_symbol(market, fn):
    return np.array([fn(g) for _, g in market.groupby("symbol")])


def log_returns(g):
    return np.diff(np.log(g["close"].to_numpy()))


def acf1(x):
    x = x - x.mean()
    return float(np.dot(x[:-1], x[1:]) / np.dot(x, x))


def test_default_shape_and_canonical_form(market):
    validate_panel(market, check_ohlc=True)
    assert market["symbol"].unique().tolist() == [f"SYN{i:02d}" for i in range(8)]
    assert len(market) == 8 * 2500
    dates = market.loc[market["symbol"] == "SYN00", "date"]
    assert (dates.dt.day_of_week < 5).all() and dates.iloc[0] == pd.Timestamp("2010-01-04")


def test_deterministic_per_seed():
    a = synthetic_market(3, 300, seed=1)
    pd.testing.assert_frame_equal(a, synthetic_market(3, 300, seed=1))
    assert not np.allclose(a["close"], synthetic_market(3, 300, seed=2)["close"])


def test_ohlc_consistent_and_positive(market):
    o, h, lo, c, v = (market[k].to_numpy() for k in ("open", "high", "low", "close", "volume"))
    assert (lo > 0).all() and (h >= np.maximum(o, c)).all() and (lo <= np.minimum(o, c)).all()
    assert (v > 0).all() and (v == np.round(v)).all()
    assert (h > lo).mean() > 0.999  # bars have a range


def test_volatility_clusters(market):
    # |returns| are autocorrelated (GARCH); shuffled in time the same returns are not
    acf = per_symbol(market, lambda g: acf1(np.abs(log_returns(g))))
    rng = np.random.default_rng(0)
    shuffled = per_symbol(market, lambda g: acf1(np.abs(rng.permutation(log_returns(g)))))
    assert acf.min() > 0.1 and np.abs(shuffled).max() < 0.06


def test_returns_fat_tailed_and_plausible(market):
    vol = per_symbol(market, lambda g: log_returns(g).std())
    kurt = per_symbol(market, lambda g: pd.Series(log_returns(g)).kurt())
    assert ((vol > 0.008) & (vol < 0.05)).all() and (kurt > 1.0).all()


def test_volume_rises_with_volatility(market):
    corr = per_symbol(market, lambda g: np.corrcoef(np.log(g["volume"]), np.log(g["high"] / g["low"]))[0, 1])
    assert corr.min() > 0.2


def test_symbols_move_together(market):
    rets = np.array([log_returns(g) for _, g in market.groupby("symbol")])
    corr = np.corrcoef(rets)[np.triu_indices(len(rets), 1)]
    assert corr.mean() > 0.15  # the shared market factor


def test_regimes_are_a_persistent_markov_chain():
    path = markov_regimes(60_000, np.random.default_rng(0))
    assert set(path) == set(range(len(REGIMES)))
    counts = np.zeros_like(TRANSITIONS)
    np.add.at(counts, (path[:-1], path[1:]), 1)
    np.testing.assert_allclose(counts / counts.sum(1, keepdims=True), TRANSITIONS, atol=0.01)
    runs = np.diff(np.flatnonzero(np.diff(path) != 0))
    assert runs.mean() > 15


def test_many_symbols_names_and_bad_sizes():
    assert synthetic_market(120, 5)["symbol"].iloc[-1] == "SYN119"
    with pytest.raises(ValueError):
        synthetic_market(0, 10)
    with pytest.raises(ValueError):
        synthetic_market(2, 1)
