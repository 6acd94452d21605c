"""Price data in one shape: the canonical panel, file sources, and the front door `load_panel`.

The canonical panel is a long DataFrame with columns ``symbol`` (str), ``date`` (datetime64[ns],
tz-naive), ``open, high, low, close, volume`` (float64), sorted by symbol then date, one row per
(symbol, date). Every source returns it:

- files: CSV or Parquet, one file per symbol or one file with a ``symbol`` column (`read_files`);
- yfinance: an async, retrying fetcher with a per-symbol Parquet cache (`fetch_cached`, `fetch`);
- the offline default: a deterministic synthetic market (`synthetic_market`).

The fetcher and cache live in `_fetch`/`_cache` and are re-exported lazily (PEP 562): they import this
module for the panel helpers, and ``import fastind_model.data`` should not pull in asyncio machinery.
"""
from __future__ import annotations

import importlib
import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import numpy as np
import pandas as pd

from .synthetic import synthetic_market

if TYPE_CHECKING:  # the lazy re-exports, for type checkers and IDEs
    from ._cache import default_cache_dir, fetch_cached, read_cache
    from ._fetch import FetchResult, fetch, fetch_async, yfinance_fetch_one

__all__ = [
    "PANEL_COLUMNS", "PRICE_COLUMNS", "VALUE_COLUMNS", "NoDataError",
    "to_panel", "validate_panel", "check_prices", "empty_panel", "read_files", "load_panel", "synthetic_market",
    "FetchResult", "fetch", "fetch_async", "yfinance_fetch_one",
    "fetch_cached", "read_cache", "default_cache_dir",
]

PANEL_COLUMNS = ("symbol", "date", "open", "high", "low", "close", "volume")
PRICE_COLUMNS = ("open", "high", "low", "close")
VALUE_COLUMNS = PRICE_COLUMNS + ("volume",)
SOURCES = ("synthetic", "files", "yfinance")


class NoDataError(ValueError):
    """A source gave no usable bars (empty, or every price missing)."""


# Column names are matched after lower-casing and dropping spaces, '_', '-' and '.'.
_ALIASES = {
    "date": "date", "datetime": "date", "timestamp": "date", "time": "date",
    "open": "open", "high": "high", "low": "low", "close": "close",
    "volume": "volume", "vol": "volume",
    "symbol": "symbol", "ticker": "symbol",
}
# Known extras (yfinance and common exports) that are dropped on purpose: the panel holds raw prices.
_IGNORED = {"adjclose", "adjustedclose", "dividends", "stocksplits", "capitalgains", "repaired"}


def _key(name: Any) -> str:
    return re.sub(r"[\s_\-.]", "", str(name)).lower()


def empty_panel() -> pd.DataFrame:
    """A panel with no rows and the canonical dtypes."""
    cols = {"symbol": pd.Series([], dtype="str"), "date": pd.Series([], dtype="datetime64[ns]")}
    cols.update({c: pd.Series([], dtype="float64") for c in VALUE_COLUMNS})
    return pd.DataFrame(cols)


def _split_wide(frame: pd.DataFrame, where: str) -> dict[str, pd.DataFrame]:
    """yf.download's MultiIndex columns (field, ticker) -> {ticker: flat frame}, even for one ticker."""
    levels = [lvl for lvl in range(frame.columns.nlevels)
              if any(_ALIASES.get(_key(v)) in VALUE_COLUMNS for v in frame.columns.get_level_values(lvl))]
    if len(levels) != 1 or frame.columns.nlevels != 2:
        raise ValueError(f"{where}: cannot tell price fields from tickers in MultiIndex columns")
    ticker_level = 1 - levels[0]
    return {str(t): frame.xs(t, axis=1, level=ticker_level)
            for t in frame.columns.get_level_values(ticker_level).unique()}


def _parse_dates(values: pd.Series, where: str) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        # epoch numbers: pick the unit from the magnitude (seconds until year ~5000, then ms)
        top = float(np.nanmax(np.abs(values.to_numpy(dtype="float64")))) if len(values) else 0.0
        unit = "s" if top < 1e11 else "ms" if top < 1e14 else "ns"
        dates = pd.to_datetime(values, unit=unit, errors="coerce")
    else:
        try:
            dates = pd.to_datetime(values, format="mixed")
        except (ValueError, TypeError) as exc:
            # Mixed UTC offsets (a yfinance frame saved to CSV across a DST change): drop the offset
            # and keep the exchange's wall-clock time, as tz_localize(None) does for aware indexes.
            stripped = values.astype(str).str.replace(r"\s*(?:Z|[+-]\d{2}:?\d{2})$", "", regex=True)
            try:
                dates = pd.to_datetime(stripped, format="mixed")
            except (ValueError, TypeError):
                raise ValueError(f"{where}: unparseable dates ({exc})") from None
    if getattr(dates.dt, "tz", None) is not None:
        # keep exchange wall-clock time: a daily bar stamped 00:00 New York is that calendar day
        dates = dates.dt.tz_localize(None)
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise ValueError(f"{where}: missing or unparseable date at row {row} ({values.iloc[row]!r})")
    return dates.astype("datetime64[ns]")


def _canonical(frame: pd.DataFrame, symbol: str | None, where: str) -> pd.DataFrame:
    """Any accepted shape of bars for one or more symbols -> canonical panel rows."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{where}: expected a DataFrame, got {type(frame).__name__}")
    if isinstance(frame.columns, pd.MultiIndex):
        parts = _split_wide(frame, where)
        if symbol is not None and len(parts) > 1:
            if symbol not in parts:
                raise ValueError(f"{where}: ticker {symbol!r} not in columns {sorted(parts)}")
            parts = {symbol: parts[symbol]}
        return _concat([_canonical(f, symbol if symbol is not None else t, f"{where} [{t}]")
                        for t, f in parts.items()])

    mapped: dict[str, Any] = {}
    unknown = []
    for col in frame.columns:
        key = _key(col)
        name = _ALIASES.get(key)
        if name is None:
            if key not in _IGNORED:
                unknown.append(col)
            continue
        if name in mapped:
            raise ValueError(f"{where}: columns {mapped[name]!r} and {col!r} both mean {name!r}")
        mapped[name] = col
    if "date" not in mapped and (isinstance(frame.index, pd.DatetimeIndex)
                                 or _ALIASES.get(_key(frame.index.name)) == "date"):
        frame = frame.reset_index(names="__date__")  # yfinance keeps dates in the index
        mapped["date"] = "__date__"
    missing = [c for c in ("date",) + VALUE_COLUMNS if c not in mapped]
    if missing:
        hint = f"; unrecognised: {', '.join(map(str, unknown))}" if unknown else ""
        raise ValueError(f"{where}: missing column(s) {', '.join(missing)} "
                         f"(found: {', '.join(map(str, frame.columns))}){hint}")

    out = pd.DataFrame({"date": _parse_dates(frame[mapped["date"]].reset_index(drop=True), where)})
    for name in VALUE_COLUMNS:
        raw = frame[mapped[name]].reset_index(drop=True)
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() & raw.notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(f"{where}: non-numeric {name} value {raw.iloc[row]!r} at row {row}")
        out[name] = num.astype("float64")
    if "symbol" in mapped:
        syms = frame[mapped["symbol"]].reset_index(drop=True)
        if syms.isna().any():
            raise ValueError(f"{where}: empty symbol at row {int(np.flatnonzero(syms.isna().to_numpy())[0])}")
        out.insert(0, "symbol", syms.astype(str).str.strip())
    elif symbol is not None:
        out.insert(0, "symbol", str(symbol))
    else:
        raise ValueError(f"{where}: no symbol column and no symbol given")
    if (out["symbol"] == "").any():
        raise ValueError(f"{where}: empty symbol")
    if np.isinf(out[list(VALUE_COLUMNS)].to_numpy()).any():
        raise ValueError(f"{where}: infinite values")
    check_prices(out, where)

    # rows with no price at all are non-trading placeholders (yfinance download pads them)
    out = out[out[list(PRICE_COLUMNS)].notna().any(axis=1)]
    if out.empty:
        raise NoDataError(f"{where}: no rows with prices")
    return _tidy(out)


def check_prices(frame: pd.DataFrame, where: str = "panel") -> None:
    """Raise ValueError at the first price <= 0 (open, high, low, close) or negative volume, naming
    the row, symbol and date: such a bar is a data error (a bad tick, an unadjusted split written
    as 0), and the log returns and ratios the features take of it would be -inf or NaN. Missing
    (NaN) values are allowed: they are gaps."""
    for name in PRICE_COLUMNS + ("volume",):
        if name not in frame.columns:
            continue
        values = frame[name].to_numpy(dtype=np.float64)
        bad = values < 0 if name == "volume" else values <= 0
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            sym = f" {frame['symbol'].iloc[row]}" if "symbol" in frame.columns else ""
            date = ""
            if "date" in frame.columns:
                ts = pd.Timestamp(frame["date"].iloc[row])
                date = f" {ts.date() if ts == ts.normalize() else ts}"
            what = "negative" if name == "volume" else "non-positive"
            raise ValueError(f"{where}: {what} {name} {values[row]:g} at row {row} ({sym.strip()}{date}); "
                             "prices must be > 0 - fix or drop that bar")


def _tidy(panel: pd.DataFrame) -> pd.DataFrame:
    # a repeated (symbol, date) keeps the LAST row: appended files and re-fetched bars supersede
    panel = panel.drop_duplicates(["symbol", "date"], keep="last")
    panel = panel.sort_values(["symbol", "date"], kind="stable").reset_index(drop=True)
    panel["symbol"] = panel["symbol"].astype("str")
    return panel[list(PANEL_COLUMNS)]


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return _tidy(pd.concat(parts, ignore_index=True)) if parts else empty_panel()


def to_panel(data: pd.DataFrame | Mapping[str, pd.DataFrame], symbol: str | None = None) -> pd.DataFrame:
    """Coerce bars to the canonical panel.

    ``data`` is a frame with a symbol column, a single symbol's frame (pass ``symbol``), a
    yf.download-style frame with (field, ticker) columns, or a mapping ``{symbol: frame}``.
    Column names are case-insensitive; dates may be a column or the index.
    """
    if isinstance(data, Mapping):
        return validate_panel(_concat([_canonical(f, s, f"symbol {s!r}") for s, f in data.items()]))
    return validate_panel(_canonical(data, symbol, "frame" if symbol is None else f"symbol {symbol!r}"))


def validate_panel(panel: pd.DataFrame, *, check_ohlc: bool = False) -> pd.DataFrame:
    """Raise ValueError unless ``panel`` is canonical; return it unchanged (for chaining).

    ``check_ohlc`` also demands low > 0 and low <= min(open, close) <= max(open, close) <= high.
    """
    if not isinstance(panel, pd.DataFrame):
        raise TypeError(f"panel: expected a DataFrame, got {type(panel).__name__}")
    if tuple(panel.columns) != PANEL_COLUMNS:
        raise ValueError(f"panel: columns must be {list(PANEL_COLUMNS)}, got {list(panel.columns)}")
    if not (pd.api.types.is_string_dtype(panel["symbol"]) or panel["symbol"].dtype == object):
        raise ValueError(f"panel: symbol must be strings, got {panel['symbol'].dtype}")
    if not pd.api.types.is_datetime64_dtype(panel["date"]):  # False for tz-aware dtypes
        raise ValueError(f"panel: date must be tz-naive datetime64, got {panel['date'].dtype}")
    for c in VALUE_COLUMNS:
        if panel[c].dtype != np.float64:
            raise ValueError(f"panel: {c} must be float64, got {panel[c].dtype}")
    if panel["symbol"].isna().any() or panel["date"].isna().any():
        raise ValueError("panel: missing symbol or date")
    keys = panel[["symbol", "date"]]
    if keys.duplicated().any():
        s, d = keys[keys.duplicated()].iloc[0]
        raise ValueError(f"panel: duplicate row for ({s}, {d.date()})")
    sym = panel["symbol"].to_numpy()
    dates = panel["date"].to_numpy()
    ordered = (sym[1:] > sym[:-1]) | ((sym[1:] == sym[:-1]) & (dates[1:] > dates[:-1]))
    if not ordered.all():
        raise ValueError(f"panel: not sorted by symbol then date (row {int(np.argmin(ordered)) + 1})")
    if check_ohlc:
        o, h, lo, c = (panel[k].to_numpy() for k in PRICE_COLUMNS)
        bad = ~((lo > 0) & (lo <= np.minimum(o, c)) & (np.maximum(o, c) <= h))
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"panel: inconsistent OHLC for ({sym[i]}, {pd.Timestamp(dates[i]).date()})")
    return panel


# ---- files ---------------------------------------------------------------------------------------

def _file_kind(path: Path) -> tuple[str, str] | None:
    """(reader, symbol-from-name) for a supported file, else None."""
    name = path.name
    low = name.lower()
    for suffix, kind in ((".csv.gz", "csv"), (".csv", "csv"), (".parquet", "parquet"), (".pq", "parquet")):
        if low.endswith(suffix) and len(name) > len(suffix):
            return kind, name[: -len(suffix)]
    return None


def _read_one(path: Path) -> pd.DataFrame:
    kind = _file_kind(path)
    if kind is None:
        raise ValueError(f"{path}: unsupported file type (use .csv, .csv.gz, .parquet or .pq)")
    reader, stem = kind
    try:
        raw = pd.read_csv(path) if reader == "csv" else pd.read_parquet(path)
    except pd.errors.EmptyDataError:
        raise ValueError(f"{path}: file is empty") from None
    except Exception as exc:  # parser, decoding, pyarrow and OS errors all mean "cannot read"
        raise ValueError(f"{path}: cannot read {reader} ({type(exc).__name__}: {exc})") from None
    if raw.empty:
        raise ValueError(f"{path}: no rows")
    try:
        return _canonical(raw, stem, str(path))
    except NoDataError:
        raise ValueError(f"{path}: no rows with prices") from None


def read_files(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> pd.DataFrame:
    """Read CSV/Parquet bars into a panel.

    Each path is a file or a folder (its .csv/.csv.gz/.parquet/.pq files, not recursive). A file
    with a ``symbol`` (or ``ticker``) column may hold many symbols; otherwise the file name is the
    symbol (``AAPL.csv`` -> ``AAPL``). One symbol appearing in two files is an error.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and _file_kind(f) is not None)
            if not found:
                raise ValueError(f"{p}: no .csv or .parquet files in folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise ValueError(f"{p}: no such file or folder")
    owner: dict[str, Path] = {}
    parts = []
    for f in files:
        part = _read_one(f)
        for s in part["symbol"].unique():
            if s in owner:
                raise ValueError(f"symbol {s!r} appears in both {owner[s]} and {f}")
            owner[s] = f
        parts.append(part)
    return validate_panel(_concat(parts))


# ---- front door ----------------------------------------------------------------------------------

def _select(panel: pd.DataFrame, symbols, start, end) -> pd.DataFrame:
    if symbols is not None:
        symbols = _symbol_list(symbols)
        have = set(panel["symbol"].unique())
        missing = [s for s in symbols if s not in have]
        if missing:
            raise ValueError(f"symbols not in the data: {', '.join(missing)} "
                             f"(available: {', '.join(sorted(have))})")
        panel = panel[panel["symbol"].isin(symbols)]
    if start is not None:
        panel = panel[panel["date"] >= pd.Timestamp(start)]
    if end is not None:
        panel = panel[panel["date"] < pd.Timestamp(end)]
    return panel.reset_index(drop=True)


def _symbol_list(symbols: str | Iterable[str]) -> list[str]:
    """'A, B' or ['A', 'B'] -> ['A', 'B'] (stripped, de-duplicated, order kept)."""
    items = symbols.split(",") if isinstance(symbols, str) else list(symbols)
    out = list(dict.fromkeys(str(s).strip() for s in items if str(s).strip()))
    if not out:
        raise ValueError("no symbols given")
    return out


def load_panel(source: str | None = None, *, data=None, symbols: str | Iterable[str] | None = None,
               start=None, end=None, interval: str = "1d", cache_dir: str | os.PathLike | None = None,
               seed: int = 7, n_symbols: int = 8, n_days: int = 2500, progress: bool = False,
               **fetch_kw) -> pd.DataFrame:
    """One canonical panel from any source; dates are filtered to ``start <= date < end``.

    ``source``: "synthetic" (default without ``data``), "files" (default with ``data``: a path,
    folder or list of them), or "yfinance" (needs ``symbols``; uses the cache in ``cache_dir`` or
    `default_cache_dir()`; extra keywords go to `fetch_cached`). For yfinance, symbols that fail
    but have cached bars are served from the cache with a warning; failures without any data are
    warned about, and if nothing at all comes back a RuntimeError lists the reasons.
    """
    if source is None:
        source = "files" if data is not None else "synthetic"
    if source == "synthetic":
        return validate_panel(_select(synthetic_market(n_symbols, n_days, seed), symbols, start, end))
    if source == "files":
        if data is None:
            raise ValueError("source 'files' needs data=PATH")
        return validate_panel(_select(read_files(data), symbols, start, end))
    if source == "yfinance":
        if symbols is None:
            raise ValueError("source 'yfinance' needs symbols")
        from ._cache import default_cache_dir, fetch_cached

        result = fetch_cached(_symbol_list(symbols), cache_dir or default_cache_dir(), start=start,
                              end=end, interval=interval, progress=progress, **fetch_kw)
        if not result.data:
            raise RuntimeError("no data fetched: " + "; ".join(f"{s}: {r}" for s, r in result.failed.items()))
        if result.failed:
            warnings.warn(result.summary(), RuntimeWarning, stacklevel=2)
        return validate_panel(_select(result.panel(), None, start, end))
    raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")


_LAZY = {
    "FetchResult": "._fetch", "fetch": "._fetch", "fetch_async": "._fetch", "yfinance_fetch_one": "._fetch",
    "fetch_cached": "._cache", "read_cache": "._cache", "default_cache_dir": "._cache",
}


def __getattr__(name: str):
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(mod, __package__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
