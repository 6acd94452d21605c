"""Fetch bars for many symbols at once: bounded concurrency, retries with backoff, per-call timeouts.

The transport is one blocking function ``fetch_one(symbol, start, end, interval) -> DataFrame``
(default: yfinance). It runs in worker threads; the event loop only schedules, waits and sleeps.
One symbol's failure is recorded in the result and never stops the others.
"""
from __future__ import annotations

import asyncio
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, Mapping

import pandas as pd

from . import data as _data

FetchOne = Callable[[str, "pd.Timestamp | None", "pd.Timestamp | None", str], pd.DataFrame]
Finish = Callable[[str, pd.DataFrame], pd.DataFrame]


@dataclass
class FetchResult:
    """What a batch fetch produced.

    ``data``: symbol -> canonical panel rows (fresh, or cached when a refresh failed);
    ``failed``: symbol -> why its fetch failed (a symbol can be in both: stale but usable);
    ``attempts``: calls made per symbol; ``elapsed``: seconds per symbol, backoff included.
    """

    data: dict[str, pd.DataFrame] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    elapsed: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> list[str]:
        """Symbols fetched (and cached) without error."""
        return [s for s in self.data if s not in self.failed]

    @property
    def stale(self) -> list[str]:
        """Symbols whose refresh failed but whose cached bars are in ``data``."""
        return [s for s in self.data if s in self.failed]

    def panel(self) -> pd.DataFrame:
        """All of ``data`` as one canonical panel."""
        return _data.validate_panel(_data._concat(list(self.data.values())))

    def summary(self) -> str:
        parts = [f"{len(self.ok)} ok"]
        if self.stale:
            parts.append(f"{len(self.stale)} stale (served from cache)")
        missing = [s for s in self.failed if s not in self.data]
        if missing:
            parts.append(f"{len(missing)} without data")
        why = "; ".join(f"{s}: {r}" for s, r in self.failed.items())
        return ", ".join(parts) + (f" -- {why}" if why else "")


# ---- errors --------------------------------------------------------------------------------------

_HTTP_429 = re.compile(r"\b429\b|too many requests|rate.?limit", re.IGNORECASE)


def is_rate_limit(exc: BaseException) -> bool:
    """yfinance's YFRateLimitError (matched by name: yfinance may not be installed) or an HTTP 429."""
    if any(c.__name__ == "YFRateLimitError" for c in type(exc).__mro__):
        return True
    if getattr(getattr(exc, "response", None), "status_code", None) == 429:
        return True
    return bool(_HTTP_429.search(str(exc)))


def is_retryable(exc: BaseException) -> bool:
    """Rate limits, timeouts and network errors are worth another try; bad symbols or data are not."""
    if is_rate_limit(exc):
        return True
    status = getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(status, int) and 400 <= status < 500 and status != 408:
        return False  # the server understood and refused: asking again gets the same answer
    # requests' and curl_cffi's exceptions, socket errors and TimeoutError all derive from OSError
    return isinstance(exc, OSError)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def backoff_delay(retry: int, base: float, cap: float, jitter: float, rand: Callable[[], float]) -> float:
    """Exponential backoff for the ``retry``-th retry (0-based), stretched by up to ``jitter`` at random
    so that symbols rate-limited together do not all come back at the same instant."""
    return min(cap, base * 2.0**retry) * (1.0 + jitter * rand())


# ---- the yfinance transport ----------------------------------------------------------------------

def _import_yfinance():
    try:
        import yfinance
    except ImportError as exc:
        raise ImportError("the yfinance source needs yfinance: pip install yfinance "
                          "(or pip install 'fastind[data]')") from exc
    return yfinance


def yfinance_fetch_one(symbol: str, start: pd.Timestamp | None, end: pd.Timestamp | None,
                       interval: str, *, http_timeout: float = 10.0) -> pd.DataFrame:
    """One symbol's split- and dividend-ADJUSTED bars from Yahoo (``auto_adjust=True``: open, high,
    low and close all scaled by the same adjustment factor, volume split-adjusted), so a split is
    not a 50 % crash in the features and a dividend not a gap. Adjusted history changes after each
    split or dividend; the cache notices (see ``fetch_cached``) and fetches the history again.
    Errors raise instead of being logged."""
    yf = _import_yfinance()
    kw: dict[str, Any] = dict(interval=interval, auto_adjust=True, actions=False, timeout=http_timeout)
    debug = getattr(getattr(yf, "config", None), "debug", None)
    if debug is not None:
        # yfinance 1.x hides exceptions by default (returns an empty frame and logs); the switch is
        # process-wide, so this also makes the caller's other yfinance calls raise.
        debug.hide_exceptions = False
    else:  # 0.2.x
        kw["raise_errors"] = True
    if start is None and end is None:
        kw["period"] = "max"  # without start/end, history() returns just one month
    else:
        kw.update(start=start, end=end)
    return yf.Ticker(symbol).history(**kw)


# ---- the engine ----------------------------------------------------------------------------------

def _as_ts(value) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value)


async def fetch_async(symbols: Iterable[str], *, start=None, end=None, interval: str = "1d",
                      fetch_one: FetchOne | None = None, concurrency: int = 4, retries: int = 4,
                      timeout: float = 30.0, backoff: float = 1.0, max_backoff: float = 60.0,
                      jitter: float = 0.5, retry_if: Callable[[BaseException], bool] = is_retryable,
                      finish: Finish | None = None, progress: bool = False,
                      sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                      clock: Callable[[], float] = time.monotonic,
                      rand: Callable[[], float] = random.random) -> FetchResult:
    """Fetch ``symbols`` concurrently; see `fetch` for the arguments."""
    symbols = list(dict.fromkeys(symbols))
    if concurrency < 1 or retries < 0 or timeout <= 0:
        raise ValueError("need concurrency >= 1, retries >= 0 and timeout > 0")
    if fetch_one is None:
        _import_yfinance()  # fail once, up front, rather than once per symbol
        fetch_one = yfinance_fetch_one
    starts = start if isinstance(start, Mapping) else dict.fromkeys(symbols, start)
    ends = end if isinstance(end, Mapping) else dict.fromkeys(symbols, end)
    result = FetchResult()
    loop = asyncio.get_running_loop()
    # A private pool sized to `concurrency`: the default pool is sized by CPU count (so a larger
    # concurrency would queue and the queueing would count against the timeout).
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="fastind-fetch")
    slots = asyncio.Semaphore(concurrency)
    bar = _progress_bar(len(symbols), progress)

    def call(sym: str, s: pd.Timestamp | None) -> pd.DataFrame:
        # runs in a worker thread: the transport and the parsing of its answer
        raw = fetch_one(sym, s, _as_ts(ends.get(sym)), interval)
        if raw is None or len(raw) == 0:  # yfinance's way of saying "unknown symbol" or "no bars"
            raise _data.NoDataError("no data (empty frame)")
        return _data._canonical(raw, sym, "response")

    async def attempt(sym: str, s: pd.Timestamp | None) -> pd.DataFrame:
        await slots.acquire()
        job = pool.submit(call, sym, s)
        # The slot is freed when the thread returns, not when we stop waiting: a timed-out call
        # still occupies a worker, and the concurrency bound should count it.
        job.add_done_callback(lambda _: _call_soon(loop, slots.release))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job), timeout)
        except asyncio.TimeoutError:
            raise TimeoutError(f"no answer within {timeout:g}s") from None

    async def one(sym: str) -> None:
        t0 = clock()
        s = _as_ts(starts.get(sym))
        tries = 0
        try:
            while True:
                tries += 1
                try:
                    frame = await attempt(sym, s)
                    break
                except Exception as exc:  # noqa: BLE001 - any transport error is this symbol's problem
                    if tries > retries or not retry_if(exc):
                        suffix = f" (after {tries} attempts)" if tries > 1 else ""
                        result.failed[sym] = describe(exc) + suffix
                        return
                    # back off holding no slot, so other symbols keep going meanwhile
                    await sleep(backoff_delay(tries - 1, backoff, max_backoff, jitter, rand))
            if finish is not None:
                try:
                    frame = await loop.run_in_executor(None, finish, sym, frame)
                except Exception as exc:  # noqa: BLE001
                    result.failed[sym] = describe(exc)
                    return
            result.data[sym] = frame
        finally:
            result.attempts[sym] = tries
            result.elapsed[sym] = clock() - t0
            if bar is not None:
                bar.update(1)
                if result.failed:
                    bar.set_postfix(failed=len(result.failed))

    try:
        await asyncio.gather(*(one(s) for s in symbols))
    finally:
        # don't wait for calls we gave up on; their threads end when the transport returns
        pool.shutdown(wait=False, cancel_futures=True)
        if bar is not None:
            bar.close()
    # report in the order asked, not the order finished
    result.data = {s: result.data[s] for s in symbols if s in result.data}
    result.failed = {s: result.failed[s] for s in symbols if s in result.failed}
    result.attempts = {s: result.attempts[s] for s in symbols if s in result.attempts}
    result.elapsed = {s: result.elapsed[s] for s in symbols if s in result.elapsed}
    return result


def fetch(symbols: Iterable[str], **kwargs) -> FetchResult:
    """Fetch bars for ``symbols`` (blocking); returns a `FetchResult`, never raises for one symbol.

    Keywords: ``start`` (a date, or a mapping symbol -> date), ``end`` (exclusive; a date or a
    mapping symbol -> date), ``interval``,
    ``fetch_one`` (the transport; default yfinance), ``concurrency`` (calls in flight), ``retries``
    (extra attempts after rate limits/network errors/timeouts), ``timeout`` (seconds per attempt),
    ``backoff``/``max_backoff``/``jitter`` (delay = min(max_backoff, backoff * 2**k) * (1 + jitter*U)),
    ``retry_if`` (exception -> bool), ``finish`` (``(symbol, frame) -> frame``, run in a thread after a
    success; an exception marks the symbol failed), ``progress`` (tqdm bar), and ``sleep``/``clock``/
    ``rand`` for tests.
    """
    coro = fetch_async(symbols, **kwargs)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # already inside an event loop (Jupyter): run ours on a helper thread
    with ThreadPoolExecutor(max_workers=1) as helper:
        return helper.submit(asyncio.run, coro).result()


def _call_soon(loop: asyncio.AbstractEventLoop, fn: Callable[[], Any]) -> None:
    try:
        loop.call_soon_threadsafe(fn)
    except RuntimeError:  # the loop has closed: a call we gave up on returned late, nothing to free
        pass


def _progress_bar(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # the bar is a nicety, not a dependency
        return None
    return tqdm(total=total, desc="fetch", unit="symbol")
