"""Backtest figures, plots and the report files written by ``fastind-model run``.

The strategy is deliberately simple and computed only from walk-forward *test* predictions (each
made by a model that never saw that period): per symbol, hold the asset from date t to t+horizon
when P(up) > 0.5, else stay flat; a position change costs ``cost_bps`` of the traded notional.
Symbols are equal-weighted each date. Buy-and-hold holds every symbol on every test date.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

__all__ = ["backtest", "sharpe", "roc_points", "write_plots", "write_report"]


def sharpe(returns: np.ndarray, periods_per_year: float = 252.0) -> float:
    """Annualised Sharpe ratio (zero risk-free rate) of per-period returns; NaN if undefined."""
    r = np.asarray(returns, dtype=np.float64)
    r = r[np.isfinite(r)]
    if r.size < 2:
        return float("nan")
    sd = r.std(ddof=1)
    if not sd > 0:
        return float("nan")
    return float(r.mean() / sd * math.sqrt(periods_per_year))


def backtest(predictions: pd.DataFrame, *, cost_bps: float = 5.0, threshold: float = 0.5,
             periods_per_year: float = 252.0) -> dict[str, Any]:
    """Long/flat vs buy-and-hold from test predictions (columns symbol, date, proba, fwd_return).

    Returns daily ``curve`` (DataFrame: date, strategy, buy_hold equity from 1.0) and summary
    numbers: total returns, annualised Sharpe ratios, exposure and number of position changes.
    """
    df = predictions[["symbol", "date", "proba", "fwd_return"]].dropna().sort_values(["symbol", "date"])
    if df.empty:
        raise ValueError("no test predictions to back-test")
    pos = (df["proba"].to_numpy() > threshold).astype(np.float64)
    df = df.assign(pos=pos)
    prev = df.groupby("symbol")["pos"].shift(1).fillna(0.0).to_numpy()
    trades = np.abs(pos - prev)
    df = df.assign(strat=pos * df["fwd_return"].to_numpy() - trades * cost_bps * 1e-4, trades=trades)
    daily = df.groupby("date").agg(strategy=("strat", "mean"), buy_hold=("fwd_return", "mean"),
                                   exposure=("pos", "mean"), trades=("trades", "sum")).sort_index()
    curve = pd.DataFrame({
        "date": daily.index,
        "strategy": np.cumprod(1.0 + daily["strategy"].to_numpy()),
        "buy_hold": np.cumprod(1.0 + daily["buy_hold"].to_numpy()),
    }).reset_index(drop=True)
    return {
        "curve": curve,
        "cost_bps": float(cost_bps),
        "n_days": int(len(daily)),
        "strategy_total_return": float(curve["strategy"].iloc[-1] - 1.0),
        "buy_hold_total_return": float(curve["buy_hold"].iloc[-1] - 1.0),
        "strategy_sharpe": sharpe(daily["strategy"].to_numpy(), periods_per_year),
        "buy_hold_sharpe": sharpe(daily["buy_hold"].to_numpy(), periods_per_year),
        "exposure": float(daily["exposure"].mean()),
        "position_changes": int(daily["trades"].sum()),
    }


def roc_points(y_true: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(fpr, tpr) of the ROC curve, thresholds at every distinct score."""
    y = np.asarray(y_true).astype(bool).ravel()
    s = np.asarray(score, dtype=np.float64).ravel()
    order = np.argsort(-s, kind="mergesort")
    y, s = y[order], s[order]
    last = np.r_[np.flatnonzero(s[1:] != s[:-1]), y.size - 1]
    tp = np.cumsum(y)[last]
    fp = (last + 1) - tp
    n_pos, n_neg = max(int(y.sum()), 1), max(int((~y).sum()), 1)
    return np.r_[0.0, fp / n_neg], np.r_[0.0, tp / n_pos]


def write_plots(out: Path, *, bt: Mapping[str, Any], folds: list[Mapping[str, Any]],
                y_true: np.ndarray, proba: np.ndarray, auc: float) -> dict[str, str]:
    """equity.png, training.png and roc.png in ``out``; returns {name: file name}."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    out = Path(out)
    files = {}

    curve = bt["curve"]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(curve["date"], curve["strategy"],
            label=f"long/flat p>0.5, {bt['cost_bps']:g} bps (Sharpe {bt['strategy_sharpe']:.2f})")
    ax.plot(curve["date"], curve["buy_hold"], label=f"buy & hold (Sharpe {bt['buy_hold_sharpe']:.2f})")
    ax.set_title("Walk-forward test periods, equal weight across symbols")
    ax.set_ylabel("equity")
    ax.legend(loc="best", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out / "equity.png", dpi=100)
    plt.close(fig)
    files["equity"] = "equity.png"

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for f in folds:
        hist = f["history"]
        ep = [h["epoch"] for h in hist]
        line, = ax1.plot(ep, [h["train_loss"] for h in hist], "--", label=f"fold {f['fold']} train")
        ax1.plot(ep, [h["val_loss"] for h in hist], "-", color=line.get_color(), label=f"fold {f['fold']} val")
        ax2.plot(ep, [h["val_auc"] for h in hist], "-o", ms=3, label=f"fold {f['fold']}")
    ax1.set_xlabel("epoch"); ax1.set_ylabel("cross-entropy"); ax1.set_title("loss"); ax1.legend(fontsize=7)
    ax2.set_xlabel("epoch"); ax2.set_ylabel("validation AUC"); ax2.set_title("validation AUC")
    ax2.axhline(0.5, color="grey", lw=0.8); ax2.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "training.png", dpi=100)
    plt.close(fig)
    files["training"] = "training.png"

    fpr, tpr = roc_points(y_true, proba)
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot(fpr, tpr, label=f"AUC {auc:.3f}")
    ax.plot([0, 1], [0, 1], color="grey", lw=0.8, ls="--")
    ax.set_xlabel("false positive rate"); ax.set_ylabel("true positive rate")
    ax.set_title("ROC, pooled walk-forward test rows"); ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "roc.png", dpi=100)
    plt.close(fig)
    files["roc"] = "roc.png"
    return files


def _fmt(value: Any, digits: int = 4) -> str:
    if isinstance(value, float):
        return "n/a" if not math.isfinite(value) else f"{value:.{digits}f}"
    return str(value)


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/inf → None, numpy scalars → Python, paths → str."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (Path, pd.Timestamp)):
        return str(value)
    return value


def write_report(out: Path, report: Mapping[str, Any]) -> tuple[Path, Path]:
    """report.json (everything) and report.md (headline table + plots) in ``out``."""
    out = Path(out)
    json_path = out / "report.json"
    json_path.write_text(json.dumps(_clean(dict(report)), indent=2) + "\n")

    r = report
    lines = [
        "# fastind-model run report", "",
        f"Data: {r.get('data', {}).get('description', '?')} — {r.get('data', {}).get('n_symbols', '?')} symbols, "
        f"{r.get('data', {}).get('n_rows', '?')} bars, {r.get('data', {}).get('start', '?')} … {r.get('data', {}).get('end', '?')}", "",
        "## Walk-forward test metrics (pooled over folds)", "",
        "| metric | value |", "|---|---|",
    ]
    for key in ("test_accuracy", "baseline_accuracy", "test_auc", "test_log_loss", "n_test"):
        lines.append(f"| {key} | {_fmt(r.get(key))} |")
    bt = r.get("backtest", {})
    lines += [
        "", f"## Strategy (long when p>0.5, {_fmt(bt.get('cost_bps'), 1)} bps per position change, equal weight)", "",
        "| | total return | Sharpe (ann.) |", "|---|---|---|",
        f"| strategy | {_fmt(bt.get('strategy_total_return'))} | {_fmt(bt.get('strategy_sharpe'), 2)} |",
        f"| buy & hold | {_fmt(bt.get('buy_hold_total_return'))} | {_fmt(bt.get('buy_hold_sharpe'), 2)} |",
        "", f"Exposure {_fmt(bt.get('exposure'), 2)}, {bt.get('position_changes', '?')} position changes "
        f"over {bt.get('n_days', '?')} test days.", "",
        "![equity](equity.png)", "",
        "## Training", "",
        "![training curves](training.png)", "",
        "![ROC](roc.png)", "",
        "## ONNX", "",
    ]
    onnx = r.get("onnx")
    if isinstance(onnx, dict):
        for key in ("fp32_path", "int8_path"):
            if key in onnx:
                lines.append(f"- {key}: `{onnx[key]}`")
        for key in ("onnx_fp32_max_abs_diff", "int8_argmax_agreement"):
            lines.append(f"- {key}: {_fmt(r.get(key), 6)}")
        for key, val in (r.get("latency") or {}).items():
            lines.append(f"- latency {key}: {_fmt(val, 4) if isinstance(val, float) else val}")
    else:
        lines.append(f"ONNX export {onnx}")
    lines += ["", f"Run time: {_fmt(r.get('run_seconds'), 1)} s", ""]
    md_path = out / "report.md"
    md_path.write_text("\n".join(lines))
    return json_path, md_path
