"""The per-symbol Parquet cache: incremental updates, atomic writes, failures that keep old data."""
from __future__ import annotations

import os
import time
import warnings

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fastind_model import _cache
from fastind_model.data import fetch_cached, load_panel, read_cache

from .conftest import FakeYahoo, YFPricesMissingError

CUT = pd.Timestamp("2010-04-01")  # the first fetch stops here; the second brings the rest


def rows(panel, sym, end=None):
    out = panel[panel["symbol"] == sym]
    if end is not None:
        out = out[out["date"] < end]
    return out.reset_index(drop=True)


def listing(path):
    return sorted(os.listdir(path))


def prime(truth, cache_dir, syms=("SYN00",)):
    res = fetch_cached(list(syms), cache_dir, end=CUT, fetch_one=FakeYahoo(truth), progress=False)
    assert res.failed == {}
    return res


def test_first_fetch_writes_one_parquet_per_symbol(truth, tmp_path):
    res = fetch_cached(["SYN00", "SYN01"], tmp_path, fetch_one=FakeYahoo(truth), progress=False)
    assert listing(tmp_path) == ["SYN00.parquet", "SYN01.parquet"]
    for s in ("SYN00", "SYN01"):
        pd.testing.assert_frame_equal(read_cache(tmp_path, s), rows(truth, s))
        pd.testing.assert_frame_equal(res.data[s], rows(truth, s))
    meta = pq.read_schema(tmp_path / "SYN00.parquet").metadata[b"fastind"]
    assert b'"interval": "1d"' in meta and b'"adjusted": true' in meta


def test_incremental_update_fetches_from_the_overlap_and_new_bars_win(truth, tmp_path):
    prime(truth, tmp_path)
    cached = read_cache(tmp_path, "SYN00")
    # Yahoo revises history: the last cached bar (inside the overlap) and an older one (outside)
    revised = truth.copy()
    last, old = cached["date"].iloc[-1], cached["date"].iloc[10]
    for day in (last, old):
        revised.loc[(revised["symbol"] == "SYN00") & (revised["date"] == day), "close"] += 1.0
    fake = FakeYahoo(revised)
    res = fetch_cached(["SYN00"], tmp_path, fetch_one=fake, overlap=3, progress=False)

    assert fake.calls == [("SYN00", cached["date"].iloc[-3], None, "1d")]
    got = res.data["SYN00"]
    assert not got.duplicated(["date"]).any() and got["date"].is_monotonic_increasing
    assert got["date"].tolist() == rows(truth, "SYN00")["date"].tolist()
    close = got.set_index("date")["close"]
    assert close[last] == rows(revised, "SYN00").set_index("date")["close"][last]  # fresh wins
    assert close[old] == cached.set_index("date")["close"][old]  # not refetched, kept from cache
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), got)


def test_failed_refresh_leaves_the_file_alone_and_serves_cached_bars(truth, tmp_path):
    prime(truth, tmp_path, ["SYN00", "SYN01"])
    before = (tmp_path / "SYN00.parquet").read_bytes()
    fake = FakeYahoo(truth, {"SYN00": [YFPricesMissingError("gone")]})
    res = fetch_cached(["SYN00", "SYN01"], tmp_path, fetch_one=fake, progress=False)
    assert res.failed == {"SYN00": "YFPricesMissingError: gone"}
    assert res.stale == ["SYN00"] and res.ok == ["SYN01"]
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(truth, "SYN00", CUT))
    assert (tmp_path / "SYN00.parquet").read_bytes() == before
    assert len(res.data["SYN01"]) == len(rows(truth, "SYN01"))  # the other symbol moved on


def _partial_writer(real):
    def write_table(table, where, **kw):
        where.write(b"PAR1 half a file")  # some bytes reach the temp file, then the "crash"
        raise OSError("disk full")
    return write_table


@pytest.mark.parametrize("crash", ["writer", "replace"])
def test_crash_mid_write_keeps_previous_file_intact(truth, tmp_path, monkeypatch, crash):
    prime(truth, tmp_path)
    path = tmp_path / "SYN00.parquet"
    before = path.read_bytes()
    if crash == "writer":
        monkeypatch.setattr(pq, "write_table", _partial_writer(pq.write_table))
    else:
        def replace(src, dst):
            raise OSError("power cut before rename")
        monkeypatch.setattr(_cache.os, "replace", replace)

    res = fetch_cached(["SYN00"], tmp_path, fetch_one=FakeYahoo(truth), progress=False)
    monkeypatch.undo()

    assert res.failed["SYN00"].startswith("cache write failed: OSError")
    assert path.read_bytes() == before
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), rows(truth, "SYN00", CUT))
    assert listing(tmp_path) == ["SYN00.parquet"]  # no temp file left behind
    # the fetched bars were fine, only the disk failed: they are still handed back
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(truth, "SYN00"))


def test_refresh_false_and_end_reached_ask_nothing(truth, tmp_path):
    prime(truth, tmp_path)
    fake = FakeYahoo(truth)
    res = fetch_cached(["SYN00"], tmp_path, fetch_one=fake, refresh=False, progress=False)
    assert fake.calls == [] and res.ok == ["SYN00"]
    res = fetch_cached(["SYN00"], tmp_path, end="2010-02-01", fetch_one=fake, progress=False)
    assert fake.calls == [] and res.ok == ["SYN00"]
    res = fetch_cached(["SYN00", "SYN02"], tmp_path, fetch_one=fake, refresh=False, progress=False)
    assert [c[0] for c in fake.calls] == ["SYN02"] and res.ok == ["SYN00", "SYN02"]


def test_earlier_start_than_cached_refetches_from_that_start(truth, tmp_path):
    fake = FakeYahoo(truth)
    fetch_cached(["SYN00"], tmp_path, start="2010-03-01", fetch_one=fake, progress=False)
    fetch_cached(["SYN00"], tmp_path, start="2010-03-15", fetch_one=fake, progress=False)
    assert fake.calls[1][1] > pd.Timestamp("2010-03-15")  # covered: incremental
    res = fetch_cached(["SYN00"], tmp_path, start="2010-01-01", fetch_one=fake, progress=False)
    assert fake.calls[2][1] == pd.Timestamp("2010-01-01")
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(truth, "SYN00"))
    fetch_cached(["SYN00"], tmp_path, start="2010-01-01", fetch_one=fake, progress=False)
    assert fake.calls[3][1] > pd.Timestamp("2010-05-01")  # the widened start was remembered


def test_interval_mismatch_is_refused_without_touching_the_file(truth, tmp_path):
    prime(truth, tmp_path)
    before = (tmp_path / "SYN00.parquet").read_bytes()
    fake = FakeYahoo(truth)
    res = fetch_cached(["SYN00"], tmp_path, interval="1h", fetch_one=fake, progress=False)
    assert "cache holds 1d bars, asked for 1h" in res.failed["SYN00"] and "SYN00" not in res.data
    assert fake.calls == [] and (tmp_path / "SYN00.parquet").read_bytes() == before


def test_damaged_cache_file_is_refetched_and_replaced(truth, tmp_path):
    (tmp_path / "SYN00.parquet").write_bytes(b"not parquet")
    fake = FakeYahoo(truth)
    res = fetch_cached(["SYN00"], tmp_path, fetch_one=fake, progress=False)
    assert fake.calls[0][1] is None and res.ok == ["SYN00"]
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), rows(truth, "SYN00"))


def test_awkward_symbols_get_safe_file_names(tmp_path):
    assert _cache.cache_path(tmp_path, "^GSPC").name == "^GSPC.parquet"
    assert _cache.cache_path(tmp_path, "EURUSD=X").name == "EURUSD=X.parquet"
    assert _cache.cache_path(tmp_path, "BRK-B").name == "BRK-B.parquet"
    assert _cache.cache_path(tmp_path, "A/B:C").name == "A%2FB%3AC.parquet"
    assert _cache.cache_path(tmp_path, "../x").parent == tmp_path


def test_stale_temp_files_are_swept_fresh_ones_kept(truth, tmp_path):
    old = tmp_path / ".SYN00.parquet.abc.tmp"
    new = tmp_path / ".SYN01.parquet.def.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    prime(truth, tmp_path)
    assert not old.exists() and new.exists()


def test_default_cache_dir_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FASTIND_CACHE_DIR", str(tmp_path / "c"))
    assert _cache.default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("FASTIND_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _cache.default_cache_dir() == tmp_path / "fastind" / "prices"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(5, 115), overlap=st.integers(1, 8))
def test_incremental_equals_one_full_fetch(truth, tmp_path_factory, cut, overlap):
    cache_dir = tmp_path_factory.mktemp("cache")
    dates = rows(truth, "SYN04")["date"]
    fake = FakeYahoo(truth)
    fetch_cached(["SYN04"], cache_dir, end=dates.iloc[cut], fetch_one=fake, progress=False)
    res = fetch_cached(["SYN04"], cache_dir, fetch_one=fake, overlap=overlap, progress=False)
    pd.testing.assert_frame_equal(res.data["SYN04"], rows(truth, "SYN04"))
    assert fake.calls[1][1] == dates.iloc[max(0, cut - overlap)]


def test_load_panel_from_yfinance_source_uses_the_cache(truth, tmp_path):
    fake = FakeYahoo(truth, {"SYN01": [YFPricesMissingError("gone")] * 3})
    with pytest.warns(RuntimeWarning, match="SYN01: YFPricesMissingError: gone"):
        panel = load_panel("yfinance", symbols="SYN00, SYN01,SYN02", cache_dir=tmp_path,
                           start="2010-02-01", fetch_one=fake)
    assert sorted(panel["symbol"].unique()) == ["SYN00", "SYN02"]
    assert panel["date"].min() >= pd.Timestamp("2010-02-01")
    with pytest.raises(RuntimeError, match="no data fetched: NOPE: NoDataError"):
        load_panel("yfinance", symbols=["NOPE"], cache_dir=tmp_path, fetch_one=fake)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = load_panel("yfinance", symbols=["SYN00", "SYN02"], cache_dir=tmp_path,
                           start="2010-02-01", fetch_one=fake, refresh=False)
    pd.testing.assert_frame_equal(again, panel)


def test_earlier_range_that_ends_before_the_cache_leaves_no_hole(truth, tmp_path):
    # cache 2010-04 … 2010-06, then ask for 2010-01 … 2010-02: before, the two were merged with
    # March missing, the recorded start became January and no refresh ever filled March
    fake = FakeYahoo(truth)
    fetch_cached(["SYN00"], tmp_path, start="2010-04-01", fetch_one=fake, progress=False)
    res = fetch_cached(["SYN00"], tmp_path, start="2010-01-01", end="2010-02-01", fetch_one=fake, progress=False)
    expected = rows(truth, "SYN00")
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), expected)
    pd.testing.assert_frame_equal(res.data["SYN00"], expected)
    gaps = read_cache(tmp_path, "SYN00")["date"].diff().dt.days.max()
    assert gaps <= 3  # business days only: no hole


def _split(truth, symbol, day, ratio=2.0):
    """Adjusted history after a ratio:1 split on ``day``: earlier prices divided, volume multiplied."""
    out = truth.copy()
    before = (out["symbol"] == symbol) & (out["date"] < day)
    out.loc[before, ["open", "high", "low", "close"]] /= ratio
    out.loc[before, "volume"] *= ratio
    return out


def test_split_between_fetches_refetches_the_history(truth, tmp_path):
    prime(truth, tmp_path, ["SYN00", "SYN01"])
    after_split = _split(truth, "SYN00", pd.Timestamp("2010-05-03"))
    fake = FakeYahoo(after_split)
    res = fetch_cached(["SYN00", "SYN01"], tmp_path, fetch_one=fake, progress=False)
    assert res.failed == {}
    # one price basis for the whole history, not the old one glued to the new
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), rows(after_split, "SYN00"))
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(after_split, "SYN00"))
    assert [c[1] for c in fake.calls_for("SYN00")][-1] is None  # the second call: the whole history
    assert len(fake.calls_for("SYN01")) == 1  # unchanged symbol: incremental as before


def test_revised_prices_whose_refetch_fails_serve_the_old_consistent_bars(truth, tmp_path):
    prime(truth, tmp_path)
    before = (tmp_path / "SYN00.parquet").read_bytes()
    fake = FakeYahoo(_split(truth, "SYN00", pd.Timestamp("2010-05-03")),
                     {"SYN00": [None, YFPricesMissingError("gone")]})
    res = fetch_cached(["SYN00"], tmp_path, fetch_one=fake, retries=0, progress=False)
    assert "split or dividend" in res.failed["SYN00"] and res.stale == ["SYN00"]
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(truth, "SYN00", CUT))
    assert (tmp_path / "SYN00.parquet").read_bytes() == before


def test_unadjusted_cache_of_an_older_version_is_fetched_again(truth, tmp_path):
    old = rows(truth, "SYN00", CUT).copy()
    old[["open", "high", "low", "close"]] *= 1.5  # another price basis
    _cache.write_atomic(tmp_path / "SYN00.parquet", old, {"symbol": "SYN00", "interval": "1d",
                                                          "adjusted": False, "start": None})
    res = fetch_cached(["SYN00"], tmp_path, fetch_one=FakeYahoo(truth), progress=False)
    pd.testing.assert_frame_equal(res.data["SYN00"], rows(truth, "SYN00"))
    pd.testing.assert_frame_equal(read_cache(tmp_path, "SYN00"), rows(truth, "SYN00"))
