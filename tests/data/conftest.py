"""A fake Yahoo transport for the fetcher and cache tests: no network, no yfinance."""
from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from fastind_model.synthetic import synthetic_market


class YFRateLimitError(Exception):
    """Same name as yfinance's: the fetcher recognises rate limits by class name."""

    def __init__(self):
        super().__init__("Too Many Requests. Rate limited. Try after a while.")


class YFPricesMissingError(Exception):
    """Stands in for yfinance's 'possibly delisted; no price data found'."""


def yahoo_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Canonical rows of one symbol -> the shape of yf.Ticker(...).history(auto_adjust=False)."""
    index = pd.DatetimeIndex(rows["date"]).tz_localize("America/New_York")
    frame = pd.DataFrame({
        "Open": rows["open"].to_numpy(), "High": rows["high"].to_numpy(),
        "Low": rows["low"].to_numpy(), "Close": rows["close"].to_numpy(),
        "Adj Close": rows["close"].to_numpy() * 0.97,
        "Volume": rows["volume"].to_numpy().astype("int64"),
    }, index=index)
    frame.index.name = "Date"
    return frame


class FakeYahoo:
    """Serves slices of ``truth`` like Yahoo (start inclusive, end exclusive, tz-aware index).

    ``script[symbol]`` is consumed one entry per call: an exception is raised, a number is slept
    (seconds) before answering normally, None answers normally. Unknown symbols get an empty frame.
    Records every call and the largest number of calls in flight at once.
    """

    def __init__(self, truth: pd.DataFrame, script=None, delay: float = 0.0):
        self.truth = truth
        self.script = {s: list(v) for s, v in (script or {}).items()}
        self.delay = delay
        self.calls: list[tuple] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def calls_for(self, symbol):
        return [c for c in self.calls if c[0] == symbol]

    def __call__(self, symbol, start, end, interval):
        with self._lock:
            self.calls.append((symbol, start, end, interval))
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            step = self.script[symbol].pop(0) if self.script.get(symbol) else None
        try:
            if self.delay:
                time.sleep(self.delay)
            if isinstance(step, BaseException):
                raise step
            if isinstance(step, (int, float)):
                time.sleep(step)
            rows = self.truth[self.truth["symbol"] == symbol]
            if start is not None:
                rows = rows[rows["date"] >= start]
            if end is not None:
                rows = rows[rows["date"] < end]
            if rows.empty:
                return pd.DataFrame(columns=["Open", "High", "Low", "Close", "Adj Close", "Volume"])
            return yahoo_frame(rows)
        finally:
            with self._lock:
                self.active -= 1


@pytest.fixture(scope="session")
def truth() -> pd.DataFrame:
    return synthetic_market(n_symbols=12, n_days=120, seed=3)


class Sleeps:
    """Injected sleep: records the delays, returns at once."""

    def __init__(self):
        self.delays: list[float] = []

    async def __call__(self, seconds):
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()
