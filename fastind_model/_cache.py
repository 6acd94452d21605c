"""A per-symbol Parquet cache of adjusted bars, updated incrementally and never left half-written.

``<cache_dir>/<SYMBOL>.parquet`` holds one symbol's canonical rows plus a little metadata (interval,
requested start, ``adjusted``). A refresh asks the transport only for bars from a few bars before
the last cached one; fresh bars win where they overlap (Yahoo revises the latest bar). Prices are
split- and dividend-adjusted, so a split or dividend after the last fetch rescales the whole
history: a refresh compares the overlapping bars (all but the last cached one, which may have been
partial) and, when they disagree, fetches the history again and replaces the file rather than
gluing two price bases together. Asking for dates before the cached ones fetches up to the first
cached bar, so the cache never keeps a hole. Files are replaced atomically (temp file in the same
folder, fsync, os.replace), so a crash or a failed fetch leaves the previous file as it was, and
its bars are still returned.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import data as _data
from ._fetch import FetchOne, FetchResult, describe, fetch

_META_KEY = b"fastind"
_STALE_TEMP_S = 3600.0  # temp files older than this are leftovers of a killed process


def default_cache_dir() -> Path:
    """``$FASTIND_CACHE_DIR``, else ``$XDG_CACHE_HOME/fastind/prices``, else ``~/.cache/fastind/prices``."""
    if os.environ.get("FASTIND_CACHE_DIR"):
        return Path(os.environ["FASTIND_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "fastind" / "prices"


def cache_path(cache_dir: str | os.PathLike, symbol: str) -> Path:
    # '^GSPC', 'BRK-B', 'EURUSD=X' stay readable; '/', ':' and the like are %-escaped
    return Path(cache_dir) / f"{quote(symbol, safe='^=')}.parquet"


def _read(path: Path, symbol: str) -> tuple[pd.DataFrame | None, dict]:
    """(rows, metadata) from a cache file; (None, {}) when absent or unreadable."""
    if not path.exists():
        return None, {}
    try:
        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
        return _data._canonical(table.to_pandas(), symbol, str(path)), meta
    except Exception:  # noqa: BLE001 - a damaged cache file is refetched from scratch, then replaced
        return None, {}


def read_cache(cache_dir: str | os.PathLike, symbol: str) -> pd.DataFrame | None:
    """The cached canonical rows of ``symbol``, or None."""
    return _read(cache_path(cache_dir, symbol), symbol)[0]


def write_atomic(path: Path, frame: pd.DataFrame, meta: dict) -> None:
    """Write ``frame`` to ``path`` so that readers see the old file or the new one, never a mix."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           _META_KEY: json.dumps(meta).encode()})
    # same folder as the target: os.replace is atomic only within one filesystem
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pq.write_table(table, fh)
            fh.flush()
            os.fsync(fh.fileno())  # the bytes are on disk before the name points at them
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    if os.name == "posix":  # make the rename itself durable
        with suppress(OSError):
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


REVISION_RTOL = 1e-4  # a dividend of 0.01 % or more, or any split, moves adjusted prices further


def disagreement(old: pd.DataFrame, fresh: pd.DataFrame, rtol: float = REVISION_RTOL) -> str | None:
    """Why ``fresh`` bars contradict the cached ``old`` ones on their common dates (the last cached
    bar excepted: it may have been fetched before the session closed), or None when they agree."""
    if old is None or old.empty or fresh.empty:
        return None
    both = old.merge(fresh, on="date", suffixes=("_old", "_new"))
    both = both[both["date"] != old["date"].iloc[-1]]
    for col in _data.PRICE_COLUMNS:
        a, b = both[f"{col}_old"].to_numpy(), both[f"{col}_new"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.abs(a - b) / np.abs(b)
        bad = np.flatnonzero(rel > rtol)
        if bad.size:
            i = int(bad[0])
            day = pd.Timestamp(both["date"].iloc[i])
            return (f"cached {col} {a[i]:.6g} on {day.date() if day == day.normalize() else day} is now "
                    f"{b[i]:.6g} (a split or dividend since the last fetch)")
    return None


def _sweep_temp(cache_dir: Path) -> None:
    now = time.time()
    for f in cache_dir.glob(".*.parquet.*.tmp"):
        with suppress(OSError):
            if now - f.stat().st_mtime > _STALE_TEMP_S:
                f.unlink()


def fetch_cached(symbols: Iterable[str], cache_dir: str | os.PathLike, *, start=None, end=None,
                 interval: str = "1d", overlap: int = 5, refresh: bool = True,
                 fetch_one: FetchOne | None = None, concurrency: int = 4, retries: int = 4,
                 timeout: float = 30.0, progress: bool = True, **fetch_kw) -> FetchResult:
    """Bring the cache up to date for ``symbols`` and return their bars.

    A symbol with no cache is fetched from ``start``; one whose cache starts after ``start`` is
    fetched from ``start`` up to its first cached bar at least (so that the two join without a
    hole); otherwise from its ``overlap``-th last cached bar. ``end`` is exclusive; when the cache
    already reaches it nothing is fetched. When the refetched bars disagree with the cached ones
    (adjusted prices after a split or dividend, see :func:`disagreement`) the symbol's history is
    fetched again from its cached start and replaces the file; caches written unadjusted by older
    versions are refetched the same way. ``refresh=False`` serves cached symbols without asking the
    network. Failures land in ``result.failed``; a failed symbol's cached bars are still in
    ``result.data``. Other keywords go to `fetch` (``backoff``, ``sleep``, ...).
    """
    if overlap < 1:
        raise ValueError("overlap must be >= 1 (the last cached bar is refetched: it may have been partial)")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _sweep_temp(cache_dir)
    symbols = list(dict.fromkeys(symbols))
    start_ts = None if start is None else pd.Timestamp(start)
    end_ts = None if end is None else pd.Timestamp(end)

    cached: dict[str, pd.DataFrame] = {}
    metas: dict[str, dict] = {}
    starts: dict[str, pd.Timestamp | None] = {}
    ends: dict[str, pd.Timestamp | None] = {}
    problems: dict[str, str] = {}
    for sym in symbols:
        frame, meta = _read(cache_path(cache_dir, sym), sym)
        if frame is not None and meta.get("interval", interval) != interval:
            problems[sym] = (f"cache holds {meta['interval']} bars, asked for {interval}; "
                             "use another cache_dir per interval")
            continue
        if frame is not None and not meta.get("adjusted", False):
            # unadjusted bars from an older version: another price basis, fetched again whole
            if refresh:
                old_start = None if meta.get("start") is None else pd.Timestamp(meta["start"])
                if start_ts is not None and old_start is not None:
                    start_ts_sym = min(start_ts, old_start)
                else:
                    start_ts_sym = None
                metas[sym] = {"symbol": sym, "interval": interval, "adjusted": True,
                              "start": None if start_ts_sym is None else start_ts_sym.isoformat()}
                starts[sym], ends[sym] = start_ts_sym, end_ts
                continue
            cached[sym] = frame
            continue
        ends[sym] = end_ts
        if frame is not None:
            cached_start = None if meta.get("start") is None else pd.Timestamp(meta["start"])
            covers = cached_start is None or (start_ts is not None and start_ts >= cached_start)
            if covers:
                cached[sym] = frame
                metas[sym] = meta
                begin = frame["date"].iloc[max(0, len(frame) - overlap)]
                if refresh and (end_ts is None or begin < end_ts):
                    starts[sym] = begin
                continue
            # kept for merging under the earlier bars about to be fetched, which must reach the
            # first cached bar: stopping at an earlier `end` would leave a hole between the two
            cached[sym] = frame
            if end_ts is not None:
                ends[sym] = max(end_ts, frame["date"].iloc[0] + pd.Timedelta(days=1))
        metas[sym] = {"symbol": sym, "interval": interval, "adjusted": True,
                      "start": None if start_ts is None else start_ts.isoformat()}
        starts[sym] = start_ts

    write_errors: dict[str, str] = {}
    revised: dict[str, str] = {}

    def store(sym: str, frame: pd.DataFrame) -> None:
        try:
            write_atomic(cache_path(cache_dir, sym), frame, metas[sym])
        except Exception as exc:  # noqa: BLE001 - the bars are good even if the disk is not
            write_errors[sym] = f"cache write failed: {describe(exc)}"

    def finish(sym: str, fresh: pd.DataFrame) -> pd.DataFrame:
        old = cached.get(sym)
        why = disagreement(old, fresh)
        if why is not None:
            revised[sym] = why  # not written: the whole history is fetched again below
            return fresh
        # fresh rows come last, and de-duplication keeps the last: the new fetch wins on overlap
        merged = fresh if old is None else _data._concat([old, fresh])
        store(sym, merged)
        return merged

    def replace(sym: str, fresh: pd.DataFrame) -> pd.DataFrame:
        store(sym, fresh)
        return fresh

    todo = [s for s in symbols if s in starts]
    common = dict(interval=interval, fetch_one=fetch_one, concurrency=concurrency, retries=retries,
                  timeout=timeout, progress=progress, **fetch_kw)
    result = fetch(todo, start=starts, end=ends, finish=finish, **common) if todo else FetchResult()

    if revised:
        again_start, again_end = {}, {}
        for sym in revised:
            begin = metas[sym].get("start")
            again_start[sym] = None if begin is None else pd.Timestamp(begin)
            last = cached[sym]["date"].iloc[-1]
            again_end[sym] = None if end_ts is None else max(end_ts, last + pd.Timedelta(days=1))
        again = fetch(list(revised), start=again_start, end=again_end, finish=replace, **common)
        for sym, why in revised.items():
            if sym in again.data:
                result.data[sym] = again.data[sym]
            else:
                result.data.pop(sym, None)  # serve the old, self-consistent cached bars instead
                result.failed[sym] = f"prices revised ({why}); refetching the history failed: {again.failed.get(sym)}"

    failed = {**problems, **result.failed, **write_errors}
    data = {**cached, **result.data}
    result.failed = {s: failed[s] for s in symbols if s in failed}
    result.data = {s: data[s] for s in symbols if s in data}
    return result
