"""The canonical panel: coercion from common shapes, and a validator that says what is wrong."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fastind_model import data
from fastind_model.data import PANEL_COLUMNS, empty_panel, load_panel, to_panel, validate_panel

from .conftest import yahoo_frame


@pytest.fixture(scope="module")
def market():
    return data.synthetic_market(n_symbols=2, n_days=30, seed=5)


def one(market, sym):
    return market[market["symbol"] == sym].reset_index(drop=True)


def test_to_panel_from_mapping_long_frame_and_download_frame(market):
    frames = {s: yahoo_frame(one(market, s)) for s in ("SYN01", "SYN00")}
    pd.testing.assert_frame_equal(to_panel(frames), market)
    pd.testing.assert_frame_equal(to_panel(market.iloc[::-1]), market)
    wide = pd.concat(frames, axis=1).swaplevel(axis=1)  # yf.download(["SYN01", "SYN00"]) layout
    wide.columns.names = ["Price", "Ticker"]
    pd.testing.assert_frame_equal(to_panel(wide), market)
    pd.testing.assert_frame_equal(to_panel(wide, symbol="SYN00"), one(market, "SYN00"))
    with pytest.raises(ValueError, match="ticker 'X' not in columns"):
        to_panel(wide, symbol="X")
    wide.loc[:, ("Close", "SYN01")] = float("nan")  # download() hides per-ticker errors as NaN columns
    wide.loc[:, ("Open", "SYN01")] = wide.loc[:, ("High", "SYN01")] = wide.loc[:, ("Low", "SYN01")] = float("nan")
    with pytest.raises(ValueError, match=r"frame \[SYN01\]: no rows with prices"):
        to_panel(wide)


def test_dtypes_and_tz_naive_wall_clock_dates(market):
    panel = to_panel(yahoo_frame(one(market, "SYN00")), symbol="SYN00")
    assert tuple(panel.columns) == PANEL_COLUMNS
    assert panel["date"].dtype == "datetime64[ns]" and panel["date"].dt.tz is None
    assert (panel["date"] == panel["date"].dt.normalize()).all()  # midnight New York stays that day
    assert all(panel[c].dtype == np.float64 for c in ("open", "high", "low", "close", "volume"))


def test_frame_without_symbol_needs_one(market):
    with pytest.raises(ValueError, match="no symbol column and no symbol given"):
        to_panel(one(market, "SYN00").drop(columns="symbol"))


def test_empty_panel_is_valid():
    validate_panel(empty_panel())
    assert len(data.FetchResult().panel()) == 0


@pytest.mark.parametrize("breakage, message", [
    (lambda p: p.drop(columns="volume"), "columns must be"),
    (lambda p: p.assign(volume=p["volume"].astype("int64")), "volume must be float64"),
    (lambda p: p.assign(date=p["date"].dt.tz_localize("UTC")), "tz-naive"),
    (lambda p: p.assign(symbol=1), "symbol must be strings"),
    (lambda p: p.iloc[::-1].reset_index(drop=True), "not sorted"),
    (lambda p: pd.concat([p.iloc[:2], p.iloc[1:]], ignore_index=True), "duplicate row for"),
    (lambda p: p.assign(date=p["date"].where(p.index != 3)), "missing symbol or date"),
])
def test_validator_names_the_problem(market, breakage, message):
    validate_panel(market, check_ohlc=True)
    with pytest.raises(ValueError, match=message):
        validate_panel(breakage(market))


def test_validator_ohlc_check(market):
    bad = market.copy()
    bad.loc[4, "high"] = bad.loc[4, "low"] - 1.0
    validate_panel(bad)  # structure is fine
    with pytest.raises(ValueError, match="inconsistent OHLC for \\(SYN00, "):
        validate_panel(bad, check_ohlc=True)


def test_load_panel_defaults_to_synthetic():
    panel = load_panel(n_symbols=3, n_days=50, seed=1)
    pd.testing.assert_frame_equal(panel, data.synthetic_market(3, 50, 1))
    assert load_panel(symbols="SYN01", n_symbols=3, n_days=50)["symbol"].unique().tolist() == ["SYN01"]


def test_load_panel_argument_errors():
    with pytest.raises(ValueError, match="unknown source 'csv'; choose one of synthetic, files, yfinance"):
        load_panel("csv")
    with pytest.raises(ValueError, match="needs data=PATH"):
        load_panel("files")
    with pytest.raises(ValueError, match="needs symbols"):
        load_panel("yfinance")
    with pytest.raises(ValueError, match="no symbols given"):
        load_panel("yfinance", symbols=" , ")


def test_lazy_exports_resolve():
    for name in ("fetch_cached", "fetch", "FetchResult", "read_cache", "default_cache_dir", "yfinance_fetch_one"):
        assert name in dir(data) and callable(getattr(data, name))
    with pytest.raises(AttributeError):
        data.nope  # noqa: B018
