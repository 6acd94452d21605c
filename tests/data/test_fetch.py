"""The concurrent fetcher against a fake transport: retries, failures, timeouts, the concurrency bound."""
from __future__ import annotations

import asyncio
import sys
import time
import types

import pandas as pd
import pytest

from fastind_model import _fetch
from fastind_model.data import FetchResult, fetch, to_panel
from fastind_model._fetch import backoff_delay, is_retryable

from .conftest import FakeYahoo, YFPricesMissingError, YFRateLimitError, yahoo_frame

SYMS = ["SYN00", "SYN01", "SYN02", "SYN03"]


def rows(truth, sym):
    return truth[truth["symbol"] == sym].reset_index(drop=True)


def test_fetch_all_symbols_matches_source(truth, sleeps):
    fake = FakeYahoo(truth)
    res = fetch(SYMS, fetch_one=fake, sleep=sleeps)
    assert list(res.data) == SYMS and res.failed == {} and res.ok == SYMS
    for s in SYMS:
        pd.testing.assert_frame_equal(res.data[s], rows(truth, s))
    pd.testing.assert_frame_equal(res.panel(), truth[truth["symbol"].isin(SYMS)].reset_index(drop=True))
    assert res.attempts == dict.fromkeys(SYMS, 1) and sleeps.delays == []


def test_start_end_interval_reach_the_transport(truth):
    fake = FakeYahoo(truth)
    fetch(["SYN00", "SYN01"], start={"SYN00": "2010-02-01", "SYN01": None}, end="2010-03-01",
          interval="1wk", fetch_one=fake)
    assert sorted(fake.calls) == [
        ("SYN00", pd.Timestamp("2010-02-01"), pd.Timestamp("2010-03-01"), "1wk"),
        ("SYN01", None, pd.Timestamp("2010-03-01"), "1wk"),
    ]


def test_rate_limited_then_success_backs_off_exponentially(truth, sleeps):
    fake = FakeYahoo(truth, {"SYN01": [YFRateLimitError(), YFRateLimitError()]})
    res = fetch(SYMS, fetch_one=fake, sleep=sleeps, rand=lambda: 0.5, backoff=1.0, jitter=0.5)
    assert res.failed == {} and res.attempts["SYN01"] == 3
    pd.testing.assert_frame_equal(res.data["SYN01"], rows(truth, "SYN01"))
    assert sleeps.delays == [1.25, 2.5]  # 1*(1+0.5*0.5), 2*(1+0.5*0.5)


def test_retries_run_out(truth, sleeps):
    fake = FakeYahoo(truth, {"SYN00": [YFRateLimitError()] * 10})
    res = fetch(SYMS, fetch_one=fake, retries=2, sleep=sleeps, rand=lambda: 0.0)
    assert res.failed == {"SYN00": "YFRateLimitError: Too Many Requests. Rate limited. "
                                   "Try after a while. (after 3 attempts)"}
    assert "SYN00" not in res.data and res.ok == SYMS[1:]
    assert len(fake.calls_for("SYN00")) == 3 and sleeps.delays == [1.0, 2.0]


def test_network_errors_are_retried(truth, sleeps):
    fake = FakeYahoo(truth, {"SYN02": [ConnectionResetError("reset by peer"), TimeoutError("read")]})
    res = fetch(SYMS, fetch_one=fake, sleep=sleeps)
    assert res.failed == {} and res.attempts["SYN02"] == 3 and len(sleeps.delays) == 2


def test_one_bad_symbol_never_sinks_the_batch(truth, sleeps):
    nan_frame = yahoo_frame(rows(truth, "SYN03")).astype("float64") * float("nan")  # download()'s failure shape
    fake = FakeYahoo(truth, {"SYN01": [YFPricesMissingError("SYN01: possibly delisted")] * 5,
                             "SYN02": [KeyError("chart")] * 5})
    fake_nan = lambda s, a, b, i: nan_frame if s == "SYN03" else fake(s, a, b, i)  # noqa: E731
    res = fetch(SYMS + ["NOPE"], fetch_one=fake_nan, sleep=sleeps)
    assert res.ok == ["SYN00"]
    assert res.failed == {
        "SYN01": "YFPricesMissingError: SYN01: possibly delisted",
        "SYN02": "KeyError: 'chart'",
        "SYN03": "NoDataError: response: no rows with prices",
        "NOPE": "NoDataError: no data (empty frame)",
    }
    assert sleeps.delays == []  # none of these is worth a retry
    assert all(res.attempts[s] == 1 for s in res.failed)


def test_malformed_response_is_a_failure_with_the_reason(truth):
    bad = lambda s, a, b, i: pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2020-01-02"]))  # noqa: E731
    res = fetch(["X"], fetch_one=bad)
    assert res.failed["X"].startswith("ValueError: response: missing column(s) open, high, low, volume")


def test_download_style_multiindex_frame_is_understood(truth):
    def download_like(sym, start, end, interval):
        f = yahoo_frame(rows(truth, sym))
        f.columns = pd.MultiIndex.from_product([f.columns, [sym]], names=["Price", "Ticker"])
        return f
    res = fetch(["SYN05"], fetch_one=download_like)
    pd.testing.assert_frame_equal(res.data["SYN05"], rows(truth, "SYN05"))


def test_timeout_fails_only_the_slow_symbol(truth, sleeps):
    fake = FakeYahoo(truth, {"SYN03": [1.0]})
    t0 = time.perf_counter()
    res = fetch(SYMS, fetch_one=fake, timeout=0.2, retries=0, sleep=sleeps)
    assert res.failed == {"SYN03": "TimeoutError: no answer within 0.2s"}
    assert res.ok == SYMS[:3]
    assert time.perf_counter() - t0 < 0.9  # we did not wait for the hung call


def test_timeout_is_retried(truth, sleeps):
    fake = FakeYahoo(truth, {"SYN00": [0.6]})
    res = fetch(["SYN00"], fetch_one=fake, timeout=0.2, retries=1, sleep=sleeps, concurrency=2)
    assert res.failed == {} and res.attempts["SYN00"] == 2 and len(sleeps.delays) == 1


def test_concurrency_bound_is_respected(truth):
    syms = sorted(truth["symbol"].unique())  # 12 symbols
    fake = FakeYahoo(truth, delay=0.03)
    res = fetch(syms, fetch_one=fake, concurrency=3)
    assert res.ok == syms
    assert fake.max_active == 3  # reached (so calls overlap) and never exceeded


def test_timed_out_calls_still_count_against_the_bound(truth, sleeps):
    # SYN00 hangs past its timeout. While its thread runs, only one other call may be in flight,
    # and the symbols after it must not be charged for waiting on its worker thread.
    syms = sorted(truth["symbol"].unique())
    fake = FakeYahoo(truth, {"SYN00": [0.8]}, delay=0.05)
    res = fetch(syms, fetch_one=fake, concurrency=2, timeout=0.25, retries=0, sleep=sleeps)
    assert list(res.failed) == ["SYN00"] and res.ok == syms[1:]
    assert fake.max_active == 2


def test_backoff_sleeps_outside_the_semaphore(truth):
    # one slot; SYN00 is rate limited first. If the backoff held the slot, SYN01 could not be
    # fetched while SYN00 sleeps, and this sleep would time out waiting for it.
    fake = FakeYahoo(truth, {"SYN00": [YFRateLimitError()]})
    seen = []

    async def sleep(seconds):
        deadline = time.monotonic() + 2.0
        while not fake.calls_for("SYN01") and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        seen.append(bool(fake.calls_for("SYN01")))

    res = fetch(["SYN00", "SYN01"], fetch_one=fake, concurrency=1, sleep=sleep)
    assert seen == [True] and res.ok == ["SYN00", "SYN01"]
    assert [c[0] for c in fake.calls] == ["SYN00", "SYN01", "SYN00"]


def test_backoff_delay_grows_caps_and_jitters():
    assert [backoff_delay(k, 1.0, 60.0, 0.0, lambda: 0.7) for k in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff_delay(3, 0.5, 60.0, 0.5, lambda: 1.0) == 6.0
    assert backoff_delay(10, 1.0, 60.0, 0.5, lambda: 0.0) == 60.0


class HTTPError(OSError):
    def __init__(self, status):
        super().__init__(f"HTTP Error {status}")
        self.response = types.SimpleNamespace(status_code=status)


@pytest.mark.parametrize("exc, expected", [
    (YFRateLimitError(), True),
    (Exception("HTTP Error 429: Too Many Requests"), True),
    (HTTPError(429), True),
    (HTTPError(503), True),
    (HTTPError(408), True),
    (HTTPError(404), False),
    (ConnectionError("refused"), True),
    (TimeoutError(), True),
    (OSError("network unreachable"), True),
    (ValueError("bad"), False),
    (YFPricesMissingError("delisted"), False),
    (KeyError("x"), False),
])
def test_is_retryable(exc, expected):
    assert is_retryable(exc) is expected


def test_fetch_works_inside_a_running_event_loop(truth):
    async def notebook_cell():
        return fetch(["SYN00"], fetch_one=FakeYahoo(truth))
    res = asyncio.run(notebook_cell())
    assert res.ok == ["SYN00"]


def test_progress_bar_and_summary(truth, capsys, sleeps):
    fake = FakeYahoo(truth, {"SYN01": [ValueError("boom")]})
    res = fetch(SYMS[:2], fetch_one=fake, progress=True, sleep=sleeps)
    assert "fetch" in capsys.readouterr().err
    assert res.summary() == "1 ok, 1 without data -- SYN01: ValueError: boom"
    stale = FetchResult(data={"A": rows(truth, "SYN00")}, failed={"A": "x"})
    assert stale.stale == ["A"] and stale.ok == [] and "1 stale" in stale.summary()


def test_bad_arguments():
    with pytest.raises(ValueError, match="concurrency"):
        fetch(["A"], fetch_one=lambda *a: None, concurrency=0)


# ---- the yfinance boundary, with a stand-in module (no yfinance, no network) ---------------------

class _Config:
    def __init__(self):
        self.debug = types.SimpleNamespace(hide_exceptions=True)


def _fake_yfinance(monkeypatch, with_config=True):
    calls = []

    class Ticker:
        def __init__(self, symbol):
            self.symbol = symbol

        def history(self, **kw):
            calls.append((self.symbol, kw))
            return pd.DataFrame()

    mod = types.ModuleType("yfinance")
    mod.Ticker = Ticker
    if with_config:
        mod.config = _Config()
    monkeypatch.setitem(sys.modules, "yfinance", mod)
    return mod, calls


def test_yfinance_transport_asks_for_adjusted_prices_and_raised_errors(monkeypatch):
    # split- and dividend-adjusted OHLC (auto_adjust=True): raw closes drop by half at a 2:1 split,
    # which the features would read as a crash
    mod, calls = _fake_yfinance(monkeypatch)
    _fetch.yfinance_fetch_one("AAPL", None, None, "1d")
    _fetch.yfinance_fetch_one("MSFT", pd.Timestamp("2020-01-01"), None, "1h", http_timeout=3)
    assert calls == [
        ("AAPL", dict(interval="1d", auto_adjust=True, actions=False, timeout=10.0, period="max")),
        ("MSFT", dict(interval="1h", auto_adjust=True, actions=False, timeout=3,
                      start=pd.Timestamp("2020-01-01"), end=None)),
    ]
    assert mod.config.debug.hide_exceptions is False


def test_yfinance_0_2_gets_raise_errors(monkeypatch):
    _, calls = _fake_yfinance(monkeypatch, with_config=False)
    _fetch.yfinance_fetch_one("AAPL", None, None, "1d")
    assert calls[0][1]["raise_errors"] is True


def test_default_transport_is_yfinance_and_its_empty_answer_is_a_failure(monkeypatch):
    _fake_yfinance(monkeypatch)
    res = fetch(["AAPL"])
    assert res.failed == {"AAPL": "NoDataError: no data (empty frame)"}


def test_missing_yfinance_fails_fast_with_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "yfinance", None)  # makes `import yfinance` raise ImportError
    with pytest.raises(ImportError, match="pip install yfinance"):
        fetch(["AAPL"])


def test_to_panel_of_a_fetch_result(truth):
    res = fetch(SYMS[:2], fetch_one=FakeYahoo(truth))
    pd.testing.assert_frame_equal(to_panel(res.data), res.panel())
