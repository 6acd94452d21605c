"""The back-test on constructed cases whose answers are worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from fastind_model.backtest import backtest, bar_interval, periods_per_year, positions, sharpe, sharpe_ci


def _prices(close, open_=None, dates=None, symbol="A") -> pd.DataFrame:
    close = np.asarray(close, dtype=np.float64)
    dates = pd.bdate_range("2021-01-04", periods=close.size) if dates is None else dates
    return pd.DataFrame({"symbol": symbol, "date": dates, "open": close if open_ is None else open_,
                         "close": close})


def _preds(prices: pd.DataFrame, bars, proba) -> pd.DataFrame:
    rows = prices.iloc[list(bars)]
    return pd.DataFrame({"symbol": rows["symbol"].to_numpy(), "date": rows["date"].to_numpy(),
                         "proba": np.broadcast_to(np.asarray(proba, dtype=float), (len(rows),))})


CLOSE = [100.0, 110.0, 99.0, 99.0, 108.9, 108.9]


def test_horizon_two_sleeves_by_hand():
    # long predictions at bars 0, 1, 2; h = 2, traded at the same close, no costs.
    # interval k earns r_k = close[k+1]/close[k] - 1 = +10 %, -10 %, 0, +10 %, 0
    # sleeve weights w_k = (s_k + s_{k-1}) / 2 = 1/2, 1, 1, 1/2 (the last sleeve expires at k = 3)
    px = _prices(CLOSE)
    bt = backtest(_preds(px, [0, 1, 2], 0.9), px, horizon=2, execution="close", cost_bps=0.0, n_boot=50)
    r = bt["returns"]
    np.testing.assert_allclose(r["strategy"], [0.05, -0.10, 0.0, 0.05], atol=1e-12)
    assert bt["strategy"]["total_return"] == pytest.approx(1.05 * 0.90 * 1.0 * 1.05 - 1.0, abs=1e-12)
    # buy and hold over the same window: close[0] -> close[4]
    assert bt["buy_hold"]["total_return"] == pytest.approx(108.9 / 100.0 - 1.0, abs=1e-12)
    assert bt["n_periods"] == 4 and list(r["date"]) == list(px["date"].iloc[1:5])


def test_costs_on_every_change_of_position():
    # same case at 10 bps: turnover |Δw| = 1/2, 1/2, 0, 1/2
    px = _prices(CLOSE)
    bt = backtest(_preds(px, [0, 1, 2], 0.9), px, horizon=2, execution="close", cost_bps=10.0, n_boot=50)
    np.testing.assert_allclose(bt["returns"]["strategy"], [0.05 - 5e-4, -0.10 - 5e-4, 0.0, 0.05 - 5e-4], atol=1e-12)
    assert bt["strategy"]["turnover"] == pytest.approx(1.5)
    # buy and hold pays its one entry
    np.testing.assert_allclose(bt["returns"]["buy_hold"], [0.10 - 1e-3, -0.10, 0.0, 0.10], atol=1e-12)
    # h = 1, long / flat / long: three changes of position (in, out, in)
    bt = backtest(_preds(px, [0, 1, 2], [0.9, 0.1, 0.9]), px, horizon=1, execution="close", cost_bps=10.0, n_boot=50)
    np.testing.assert_allclose(bt["returns"]["strategy"], [0.10 - 1e-3, 0.0 - 1e-3, 0.0 - 1e-3], atol=1e-12)


def test_long_short():
    px = _prices(CLOSE)
    bt = backtest(_preds(px, [0, 1, 2], [0.9, 0.2, 0.2]), px, horizon=1, execution="close", mode="long_short",
                  cost_bps=0.0, n_boot=50)
    # long +10 %, short a -10 % bar (+10 %), short a flat bar
    np.testing.assert_allclose(bt["returns"]["strategy"], [0.10, 0.10, 0.0], atol=1e-12)
    assert bt["strategy"]["exposure"] == 1.0


def test_execution_lag():
    open_ = np.array([100.0, 105.0, 100.0, 100.0, 105.0, 105.0])
    px = _prices(CLOSE, open_=open_)
    one = _preds(px, [0], 0.9)
    kw = dict(horizon=1, cost_bps=0.0, n_boot=50)
    same = backtest(one, px, execution="close", **kw)
    assert same["strategy"]["total_return"] == pytest.approx(0.10)       # close 0 -> close 1
    nxt = backtest(one, px, execution="next_close", **kw)
    assert nxt["strategy"]["total_return"] == pytest.approx(-0.10)       # close 1 -> close 2
    assert nxt["returns"]["date"].iloc[0] == px["date"].iloc[2]
    opn = backtest(one, px, execution="next_open", **kw)
    assert opn["strategy"]["total_return"] == pytest.approx(100.0 / 105.0 - 1.0)   # open 1 -> open 2


def test_marking_every_row_long_is_buy_and_hold_not_compounded_overlaps():
    # The case: 300 dates all predicted long at horizon 5. The old report compounded each
    # date's 5-bar forward return every day (+102 % for a true +14 %).
    rng = np.random.default_rng(1)
    close = 100 * np.exp(np.cumsum(0.01 * rng.standard_normal(305)))
    px = _prices(close)
    h = 5
    bt = backtest(_preds(px, range(300), 0.9), px, horizon=h, execution="close", cost_bps=0.0, n_boot=50)
    assert bt["buy_hold"]["total_return"] == pytest.approx(close[304] / close[0] - 1.0, rel=1e-10)
    # the strategy is fully invested from bar h-1 to bar 299, ramping in and out by 1/h: with no
    # costs its equity is buy-and-hold's up to the two ramps
    ramp_in = np.prod([1 + (k + 1) / h * (close[k + 1] / close[k] - 1) for k in range(h - 1)])
    ramp_out = np.prod([1 + (304 - k) / h * (close[k + 1] / close[k] - 1) for k in range(300, 304)])
    expected = ramp_in * (close[300] / close[h - 1]) * ramp_out
    assert bt["strategy"]["total_return"] == pytest.approx(expected - 1.0, rel=1e-10)
    fwd = close[h:] / close[:-h] - 1.0
    inflated = np.prod(1 + fwd[:300]) - 1
    assert abs(inflated) > 2 * abs(bt["buy_hold"]["total_return"])  # what was reported before


def test_positions_formula():
    s = np.array([1, 1, 0, 1, np.nan, 0, 1], dtype=float)
    w = positions(s, horizon=3, lag=1)
    expected = [0, 1 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3, 1 / 3]
    np.testing.assert_allclose(w, expected)


def test_periods_per_year_from_bar_frequency():
    assert periods_per_year(pd.bdate_range("2020-01-01", periods=300)) == 252
    assert periods_per_year(pd.date_range("2020-01-01", periods=300, freq="D")) == 365   # trades every day
    hourly = pd.DatetimeIndex([d + pd.Timedelta(hours=9.5 + i) for d in pd.bdate_range("2024-01-01", periods=60)
                               for i in range(7)])
    assert periods_per_year(hourly) == 7 * 252
    assert bar_interval(hourly) == "1h"
    assert periods_per_year(pd.date_range("2000-01-07", periods=200, freq="W-FRI")) == pytest.approx(365.25 / 7)
    assert bar_interval(pd.bdate_range("2020-01-01", periods=30)) == "1d"


def test_hourly_backtest_is_annualised_per_hour():
    hourly = pd.DatetimeIndex([d + pd.Timedelta(hours=9.5 + i) for d in pd.bdate_range("2024-01-01", periods=40)
                               for i in range(7)])
    rng = np.random.default_rng(3)
    px = _prices(100 * np.exp(np.cumsum(0.002 * rng.standard_normal(hourly.size) + 0.0005)), dates=hourly)
    bt = backtest(_preds(px, range(hourly.size - 1), 0.9), px, horizon=1, cost_bps=0.0, n_boot=50)
    assert bt["periods_per_year"] == 1764
    r = bt["returns"]["buy_hold"].to_numpy()
    assert bt["buy_hold"]["sharpe"] == pytest.approx(r.mean() / r.std(ddof=1) * math.sqrt(1764))


def test_equal_weight_across_symbols():
    a = _prices([100.0, 110.0, 110.0], symbol="A")
    b = _prices([50.0, 50.0, 45.0], symbol="B")
    px = pd.concat([a, b], ignore_index=True)
    preds = pd.concat([_preds(a, [0, 1], 0.9), _preds(b, [0, 1], 0.9)], ignore_index=True)
    bt = backtest(preds, px, horizon=1, execution="close", cost_bps=0.0, n_boot=50)
    np.testing.assert_allclose(bt["returns"]["strategy"], [0.05, -0.05])


def test_sharpe_and_bootstrap_interval():
    r = np.array([0.01, -0.005, 0.02, 0.0])
    assert sharpe(r, 4) == pytest.approx(r.mean() / r.std(ddof=1) * 2)
    assert math.isnan(sharpe(np.full(10, 0.01)))
    # a series periodic in the block length: every circular block holds one whole period, so every
    # resample has the same mean and spread and the interval collapses onto the estimate
    r = np.tile([0.02, -0.01, 0.005, 0.0], 50)
    lo, hi = sharpe_ci(r, 252, block=4, n_boot=200)
    s = sharpe(r, 252)
    assert lo == pytest.approx(s, rel=1e-9) and hi == pytest.approx(s, rel=1e-9)
    # i.i.d. returns with block 1: the 95 % interval spans about 2 · 1.96 · √((1 + SR²/2)/n) per period
    rng = np.random.default_rng(0)
    r = 0.001 + 0.01 * rng.standard_normal(4000)
    lo, hi = sharpe_ci(r, 1.0, block=1, n_boot=2000)
    sr = sharpe(r, 1.0)
    assert lo < sr < hi
    assert hi - lo == pytest.approx(2 * 1.96 * math.sqrt((1 + sr**2 / 2) / r.size), rel=0.15)


def test_backtest_reports_interval_and_rejects_bad_options():
    px = _prices(CLOSE)
    bt = backtest(_preds(px, [0, 1, 2], 0.9), px, horizon=1, n_boot=100)
    lo, hi = bt["strategy"]["sharpe_ci"]
    assert lo <= hi
    with pytest.raises(ValueError, match="execution"):
        backtest(_preds(px, [0], 0.9), px, execution="tomorrow")
    with pytest.raises(ValueError, match="mode"):
        backtest(_preds(px, [0], 0.9), px, mode="short_only")
