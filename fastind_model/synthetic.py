"""A deterministic synthetic stock market: the offline default data source.

Each symbol's log price is a random walk whose volatility follows GARCH(1,1) (volatility clusters),
scaled and drifted by a market-wide Markov regime (calm bull / choppy / crisis) and driven by
fat-tailed shocks that share a market factor. Bars are consistent (low > 0, low <= open, close <= high)
and volume rises with volatility. Same seed, same market.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# (name, daily drift, volatility multiplier); the drift is scaled per symbol by a "beta" in [0.5, 1.5]
REGIMES = (("calm", 0.0006, 0.8), ("choppy", 0.0, 1.1), ("crisis", -0.0015, 2.2))
# Row i: P(next regime | regime i). Expected stays: calm ~67, choppy ~33, crisis ~20 business days.
TRANSITIONS = np.array([
    [0.985, 0.012, 0.003],
    [0.020, 0.970, 0.010],
    [0.020, 0.030, 0.950],
])
_T_DF = 5.0  # Student-t degrees of freedom for the shocks: fat tails like real daily returns


def markov_regimes(n_days: int, rng: np.random.Generator, transitions: np.ndarray = TRANSITIONS) -> np.ndarray:
    """A regime path (ints indexing REGIMES) from a Markov chain started in regime 0."""
    cum = np.cumsum(transitions, axis=1)
    u = rng.random(n_days)
    path = np.empty(n_days, dtype=np.int64)
    state = 0
    for t in range(n_days):
        path[t] = state
        state = min(int(np.searchsorted(cum[state], u[t], side="right")), len(cum) - 1)
    return path


def _unit_t(rng: np.random.Generator, size) -> np.ndarray:
    return rng.standard_t(_T_DF, size) / np.sqrt(_T_DF / (_T_DF - 2.0))  # unit variance


def synthetic_market(n_symbols: int = 8, n_days: int = 2500, seed: int = 7,
                     start: str = "2010-01-04") -> pd.DataFrame:
    """A canonical panel of ``n_symbols`` x ``n_days`` business-day bars (symbols SYN00, SYN01, ...)."""
    if n_symbols < 1 or n_days < 2:
        raise ValueError("synthetic_market needs n_symbols >= 1 and n_days >= 2")
    rng = np.random.default_rng(seed)
    n, k = n_days, n_symbols

    # per-symbol character
    sbar = rng.uniform(0.010, 0.022, k)          # long-run daily volatility
    alpha = rng.uniform(0.05, 0.09, k)           # GARCH reaction
    beta = 0.975 - alpha                         # persistence alpha + beta = 0.975
    omega = sbar**2 * (1.0 - alpha - beta)
    rho = rng.uniform(0.2, 0.5, k)               # share of variance from the market factor
    mkt_beta = rng.uniform(0.5, 1.5, k)
    p0 = rng.uniform(20.0, 200.0, k)
    base_volume = np.exp(rng.uniform(np.log(2e5), np.log(5e6), k))

    regimes = markov_regimes(n, rng)
    drift = np.array([r[1] for r in REGIMES])[regimes]
    scale = np.array([r[2] for r in REGIMES])[regimes]
    z = np.sqrt(rho) * _unit_t(rng, (n, 1)) + np.sqrt(1.0 - rho) * _unit_t(rng, (n, k))

    # GARCH(1,1) on the de-regimed shock: h_t = omega + alpha * e_{t-1}^2 + beta * h_{t-1}
    h = np.empty((n, k))
    h[0] = sbar**2
    for t in range(1, n):
        e = np.sqrt(h[t - 1]) * z[t - 1]
        h[t] = omega + alpha * e * e + beta * h[t - 1]
    sigma = np.minimum(np.sqrt(h) * scale[:, None], 0.15)   # cap: no 15%+ daily vol even in a crisis
    ret = np.clip(drift[:, None] * mkt_beta + sigma * z, -0.5, 0.5)

    close = p0 * np.exp(np.cumsum(ret, axis=0))
    prev_close = np.vstack([p0[None, :], close[:-1]])
    # overnight gap: part of the close-to-close move happens before the open
    open_ = prev_close * np.exp(0.3 * sigma * rng.standard_normal((n, k)))
    top = np.maximum(open_, close) * np.exp(0.5 * sigma * np.abs(rng.standard_normal((n, k))))
    bottom = np.minimum(open_, close) * np.exp(-0.5 * sigma * np.abs(rng.standard_normal((n, k))))
    # volume: more trading when volatile and on big moves, log-normal noise otherwise
    log_vol = (np.log(base_volume) + np.log(sigma / sbar) + 0.5 * np.abs(ret) / sigma
               + 0.25 * rng.standard_normal((n, k)))
    volume = np.round(np.exp(log_vol))

    width = max(2, len(str(k - 1)))
    symbols = np.repeat([f"SYN{i:0{width}d}" for i in range(k)], n)
    dates = pd.bdate_range(start, periods=n).values.astype("datetime64[ns]")
    cols = {"open": open_, "high": top, "low": bottom, "close": close, "volume": volume}
    frame = pd.DataFrame({"symbol": pd.Series(symbols, dtype="str"), "date": np.tile(dates, k)})
    for name, values in cols.items():
        frame[name] = values.T.reshape(-1).astype("float64")  # symbol-major: matches the sort order
    return frame
