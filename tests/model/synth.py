"""Synthetic data for the model tests: a planted-signal matrix and random-walk OHLCV panels."""

from __future__ import annotations

import numpy as np
import pandas as pd


def planted(n: int = 4000, d: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """y = 1[x0 + 0.5·x1 + ε > 0], ε ~ N(0, 0.5²): a learnable signal (Bayes AUC ≈ 0.94)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 1] + 0.5 * rng.normal(size=n) > 0).astype(np.int64)
    return X, y


def random_walk_panel(n_symbols: int, n_dates: int, seed: int = 0, missing: float = 0.0) -> pd.DataFrame:
    """Long OHLCV panel of independent geometric random walks (no predictable direction).

    open/high/low are built around the close path with fresh noise, volume is i.i.d. lognormal;
    ``missing`` drops that fraction of rows at random (symbols with gaps)."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2000-01-03", periods=n_dates)
    frames = []
    for s in range(n_symbols):
        log_close = np.log(50.0 + 50 * rng.random()) + np.cumsum(0.01 * rng.standard_normal(n_dates))
        close = np.exp(log_close)
        prev = np.r_[close[0], close[:-1]]
        open_ = prev * np.exp(0.002 * rng.standard_normal(n_dates))
        wick = np.abs(0.005 * rng.standard_normal((2, n_dates)))
        high = np.maximum(open_, close) * (1 + wick[0])
        low = np.minimum(open_, close) * (1 - wick[1])
        volume = np.exp(12 + 0.5 * rng.standard_normal(n_dates))
        frames.append(
            pd.DataFrame(
                {"symbol": f"S{s:03d}", "date": dates, "open": open_, "high": high, "low": low,
                 "close": close, "volume": volume}
            )
        )
    panel = pd.concat(frames, ignore_index=True)
    if missing:
        panel = panel[rng.random(len(panel)) >= missing].reset_index(drop=True)
    return panel
