"""A back-test of walk-forward predictions that holds a position as long as the label looks ahead.

The label of row t is ``close[t+h] > close[t]``: a prediction at t is a bet over the next h bars,
so each prediction opens a position held h bars. Positions are run as **h overlapping sleeves**
(Jegadeesh–Titman): every bar one sleeve, holding 1/h of the capital, is re-pointed to the newest
prediction and keeps it h bars. The weight of a symbol over bar interval k is therefore

    w[k] = (1/h) · Σ_{d=0}^{h-1} s[k − lag − d]          s = +1 long, 0 flat, −1 short

and its turnover ``|w[k] − w[k−1]| = |s[k−lag] − s[k−lag−h]| / h`` is exactly the trading of the one
sleeve that rolls over, so costs are charged on |Δw| (``cost_bps`` per unit of notional traded).
Sleeves are rebalanced to 1/h of capital each bar (their small drift trades are not charged).

Execution (``execution``): a prediction made with the close of bar t is traded

- ``"next_close"`` (default): at the close of bar t+1 — one bar to act on the signal;
- ``"next_open"``: at the open of bar t+1; returns are then open-to-open;
- ``"close"``: at the close of bar t itself (the label's own timing: optimistic, for comparison).

Symbols are equal-weighted: each period's return is the mean over the symbols active then. The
window runs from the first trade to the last bar a position is held (or the data ends); positions
still open at the end are marked to market, not liquidated. Buy-and-hold holds 1 unit of every
symbol over the same window (one entry cost). Sharpe ratios use a zero risk-free rate and are
annualised with the bar frequency of the data (:func:`periods_per_year`), and carry a circular
block-bootstrap confidence interval (:func:`sharpe_ci`).
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd

__all__ = [
    "EXECUTIONS",
    "MODES",
    "sharpe",
    "sharpe_ci",
    "periods_per_year",
    "bar_interval",
    "symbol_intervals",
    "positions",
    "backtest",
]

EXECUTIONS = ("next_close", "next_open", "close")
MODES = ("long_flat", "long_short")
_DAY = np.timedelta64(1, "D")


# ------------------------------------------------------------------------------------ frequency


def _sorted_dates(dates) -> np.ndarray:
    d = pd.to_datetime(pd.Index(dates)).values.astype("datetime64[ns]")
    return np.unique(d[~np.isnat(d)])


def periods_per_year(dates: Iterable) -> float:
    """Bars per year of one timeline of bar timestamps.

    Intraday bars (median spacing under a day): bars per trading day (median count per calendar
    date) × trading days per year; daily bars: trading days per year; longer bars: 365.25 days /
    median spacing (weekly ≈ 52, monthly ≈ 12). Trading days per year are 252, or 365 when more
    than a tenth of the dates fall on a weekend (a market trading every day, e.g. crypto).
    NaN with fewer than two bars."""
    d = _sorted_dates(dates)
    if d.size < 2:
        return float("nan")
    step = np.median(np.diff(d)) / _DAY
    days = d.astype("datetime64[D]")
    weekday = (days.view("int64") + 3) % 7  # 1970-01-01 was a Thursday: 0 = Monday
    calendar = np.unique(days)
    weekend = np.isin(calendar, days[weekday >= 5]).mean() if calendar.size else 0.0
    days_per_year = 365.0 if weekend > 0.1 else 252.0
    if step < 0.99:
        _, per_day = np.unique(days, return_counts=True)
        return float(np.median(per_day) * days_per_year)
    if step < 4.0:
        return days_per_year
    return float(365.25 / step)


def bar_interval(dates: Iterable) -> str:
    """A readable name for the median bar spacing: '1h', '15m', '1d', '1wk', '1mo', or 'n/a'."""
    d = _sorted_dates(dates)
    if d.size < 2:
        return "n/a"
    seconds = float(np.median(np.diff(d)) / np.timedelta64(1, "s"))
    if seconds < 0.99 * 86400:
        if seconds % 3600 == 0:
            return f"{int(seconds // 3600)}h"
        if seconds % 60 == 0:
            return f"{int(seconds // 60)}m"
        return f"{seconds:g}s"
    days = seconds / 86400
    if days < 4:
        return "1d"
    if days < 10:
        return "1wk"
    if days < 45:
        return "1mo"
    return f"{days:.0f}d"


def symbol_intervals(panel: pd.DataFrame) -> dict[str, str]:
    """{symbol: bar interval} of a long panel."""
    return {str(s): bar_interval(g["date"]) for s, g in panel.groupby("symbol", sort=True)}


# --------------------------------------------------------------------------------------- Sharpe


def sharpe(returns, periods_per_year: float = 252.0) -> float:
    """Annualised Sharpe ratio (zero risk-free rate) of per-period returns: mean / sd(ddof=1) ·
    √periods_per_year. NaN when undefined (fewer than 2 finite returns or zero spread)."""
    r = np.asarray(returns, dtype=np.float64)
    r = r[np.isfinite(r)]
    if r.size < 2:
        return float("nan")
    sd = r.std(ddof=1)
    if not sd > 1e-15 * max(1.0, float(np.abs(r).max())):
        return float("nan")
    return float(r.mean() / sd * math.sqrt(periods_per_year))


def sharpe_ci(returns, periods_per_year: float = 252.0, *, block: int | None = None, n_boot: int = 1000,
              level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile confidence interval of the annualised Sharpe ratio by the circular block
    bootstrap: ``n_boot`` series of ``n`` returns glued from blocks of ``block`` consecutive
    returns (wrapping around the end), starting at uniform random positions. Blocks keep the
    autocorrelation that overlapping positions create; ``block`` defaults to ⌈n^(1/3)⌉.
    (NaN, NaN) when the Sharpe ratio is undefined."""
    r = np.asarray(returns, dtype=np.float64)
    r = r[np.isfinite(r)]
    n = r.size
    if n < 2 or not math.isfinite(sharpe(r, periods_per_year)):
        return float("nan"), float("nan")
    block = max(1, min(int(block) if block else math.ceil(n ** (1 / 3)), n))
    rng = np.random.default_rng(seed)
    n_blocks = -(-n // block)
    out = np.empty(n_boot)
    chunk = max(1, 4_000_000 // (n_blocks * block))  # bound the index matrix to ~32 MB
    for lo in range(0, n_boot, chunk):
        hi = min(n_boot, lo + chunk)
        starts = rng.integers(0, n, size=(hi - lo, n_blocks))
        idx = ((starts[:, :, None] + np.arange(block)) % n).reshape(hi - lo, -1)[:, :n]
        sample = r[idx]
        sd = sample.std(axis=1, ddof=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[lo:hi] = np.where(sd > 0, sample.mean(axis=1) / sd, np.nan) * math.sqrt(periods_per_year)
    out = out[np.isfinite(out)]
    if out.size == 0:
        return float("nan"), float("nan")
    a = (1.0 - level) / 2.0
    lo_q, hi_q = np.quantile(out, [a, 1.0 - a])
    return float(lo_q), float(hi_q)


# ------------------------------------------------------------------------------------- positions


def positions(signal: np.ndarray, horizon: int, lag: int) -> np.ndarray:
    """Sleeve weights over bar intervals: w[k] = mean of s[k − lag − d] for d = 0 … h−1 (NaN
    signals count as flat). ``signal[i]`` is the prediction at bar i; w[k] applies to interval
    k → k+1. Same length as ``signal``."""
    s = np.nan_to_num(np.asarray(signal, dtype=np.float64), nan=0.0)
    c = np.concatenate([[0.0], np.cumsum(s)])
    n = s.size
    k = np.arange(n)
    hi = np.clip(k - lag + 1, 0, n)        # sum of s[k-lag-h+1 .. k-lag]
    lo = np.clip(k - lag - horizon + 1, 0, n)
    return (c[hi] - c[lo]) / horizon


def _signal(proba: np.ndarray, mode: str, threshold: float) -> np.ndarray:
    up = proba > threshold
    if mode == "long_flat":
        return up.astype(np.float64)
    if mode == "long_short":
        return np.where(up, 1.0, -1.0)
    raise ValueError(f"mode must be one of {MODES}, got {mode!r}")


def backtest(predictions: pd.DataFrame, prices: pd.DataFrame, *, horizon: int = 1,
             execution: str = "next_close", mode: str = "long_flat", cost_bps: float = 5.0,
             threshold: float = 0.5, proba: str = "proba", periods: float | None = None,
             n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> dict[str, Any]:
    """Back-test predictions (columns symbol, date, ``proba``) on ``prices`` (a panel with symbol,
    date, open, close covering the prediction dates and the bars after them).

    Returns summary numbers for the strategy and for buy-and-hold over the same window, the
    per-period ``returns`` (DataFrame: date, strategy, buy_hold, exposure) and ``curve`` (equity
    from 1.0). ``periods`` overrides the periods per year inferred from the bar timestamps.
    """
    if horizon < 1:
        raise ValueError("horizon must be >= 1")
    if execution not in EXECUTIONS:
        raise ValueError(f"execution must be one of {EXECUTIONS}, got {execution!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    preds = predictions[["symbol", "date", proba]].dropna()
    if preds.empty:
        raise ValueError("no predictions to back-test")
    price_col = "open" if execution == "next_open" else "close"
    lag = 0 if execution == "close" else 1
    cost = float(cost_bps) * 1e-4
    px = prices[["symbol", "date", price_col]]
    px_by_symbol = dict(tuple(px.groupby("symbol", sort=False)))

    parts = []
    for sym, rows in preds.groupby("symbol", sort=True):
        bars = px_by_symbol.get(sym)
        if bars is None:
            raise ValueError(f"no prices for symbol {sym!r}")
        bars = bars.sort_values("date")
        dates = bars["date"].to_numpy()
        p = bars[price_col].to_numpy(np.float64)
        where = np.searchsorted(dates, rows["date"].to_numpy())
        if (where >= dates.size).any() or (dates[np.minimum(where, dates.size - 1)] != rows["date"].to_numpy()).any():
            raise ValueError(f"{sym}: prediction dates missing from the prices")
        n = dates.size
        signal = np.full(n, np.nan)
        signal[where] = _signal(rows[proba].to_numpy(np.float64), mode, threshold)
        first = int(where.min()) + lag           # first interval a position is held
        last = min(int(where.max()) + lag + horizon - 1, n - 2)   # last interval held
        if last < first:
            continue
        k = np.arange(first, last + 1)
        ret = p[k + 1] / p[k] - 1.0                         # interval k: bar k → bar k+1
        w = positions(signal, horizon, lag)
        w_prev = np.r_[0.0, w][k]                            # w[k-1], 0 before the window
        turnover = np.abs(w[k] - w_prev)
        bh_turnover = np.zeros(k.size)
        bh_turnover[0] = 1.0
        parts.append(pd.DataFrame({
            "symbol": sym,
            "date": dates[k + 1],                            # the return is realised at bar k+1
            "strategy": w[k] * ret - turnover * cost,
            "buy_hold": ret - bh_turnover * cost,
            "exposure": np.abs(w[k]),
            "turnover": turnover,
        }))
    if not parts:
        raise ValueError("no bars after the predictions to back-test on")
    per_symbol = pd.concat(parts, ignore_index=True)
    daily = per_symbol.groupby("date", sort=True).agg(
        strategy=("strategy", "mean"), buy_hold=("buy_hold", "mean"), exposure=("exposure", "mean"),
        turnover=("turnover", "sum"), n_symbols=("symbol", "size"))
    ppy = float(periods) if periods else periods_per_year(daily.index)
    if not math.isfinite(ppy):
        ppy = 252.0
    out: dict[str, Any] = {
        "mode": mode,
        "execution": execution,
        "horizon": int(horizon),
        "cost_bps": float(cost_bps),
        "threshold": float(threshold),
        "periods_per_year": ppy,
        "n_periods": int(len(daily)),
        "start": str(pd.Timestamp(daily.index[0])),
        "end": str(pd.Timestamp(daily.index[-1])),
        "block": None,
    }
    block = max(horizon + lag, math.ceil(len(daily) ** (1 / 3)))
    out["block"] = block
    equity = {}
    for name in ("strategy", "buy_hold"):
        r = daily[name].to_numpy()
        eq = np.cumprod(1.0 + r)
        equity[name] = eq
        years = len(r) / ppy
        lo, hi = sharpe_ci(r, ppy, block=block, n_boot=n_boot, level=level, seed=seed)
        peak = np.maximum.accumulate(np.r_[1.0, eq])[1:]
        out[name] = {
            "total_return": float(eq[-1] - 1.0),
            "annual_return": float(eq[-1] ** (1.0 / years) - 1.0) if years > 0 and eq[-1] > 0 else float("nan"),
            "annual_volatility": float(r.std(ddof=1) * math.sqrt(ppy)) if r.size > 1 else float("nan"),
            "sharpe": sharpe(r, ppy),
            "sharpe_ci": [lo, hi],
            "max_drawdown": float((eq / peak - 1.0).min()),
        }
    out["strategy"]["exposure"] = float(daily["exposure"].mean())
    # notional traded per unit of capital, per symbol on average (one round trip of a full position = 2)
    n_sym = max(per_symbol["symbol"].nunique(), 1)
    out["strategy"]["turnover"] = float(per_symbol["turnover"].sum() / n_sym)
    out["strategy"]["cost"] = out["strategy"]["turnover"] * cost
    out["sharpe_ci_level"] = level
    out["returns"] = daily.reset_index()
    out["curve"] = pd.DataFrame({"date": daily.index, "strategy": equity["strategy"],
                                 "buy_hold": equity["buy_hold"]}).reset_index(drop=True)
    return out
