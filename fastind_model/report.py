"""Plots and the report files written by ``fastind-model run``.

The back-test itself lives in :mod:`fastind_model.backtest` (positions held for the label's
horizon, execution lag, costs, annualisation from the bar frequency, bootstrap Sharpe intervals);
baselines and calibration in :mod:`fastind_model.baselines`.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .backtest import backtest, sharpe  # noqa: F401  (re-exported: the report's numbers come from there)

__all__ = ["backtest", "sharpe", "roc_points", "loss_ylim", "write_plots", "write_report", "write_text_atomic"]


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to a temp file next to ``path``, fsync, rename over ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def loss_ylim(folds: list[Mapping[str, Any]], pad: float = 0.05) -> tuple[float, float] | None:
    """y-limits of the loss plot that show where the losses settle: the first epochs' losses
    (from random weights) are often several times the rest and would flatten every later epoch
    into one line. From epoch 2 on, the top is 3× the distance from the lowest loss to the upper
    quartile above it (at most the highest loss); earlier, higher epochs leave the axis. None
    when there is nothing finite to show."""
    values, first = [], []
    for f in folds:
        for h in f["history"]:
            for key in ("train_loss", "val_loss"):
                v = h.get(key)
                if v is not None and math.isfinite(v):
                    (first if h["epoch"] == 1 else values).append(v)
    values = values or first
    if not values:
        return None
    lo = min(values)
    hi = min(max(values), lo + 3.0 * (float(np.quantile(values, 0.75)) - lo))
    span = hi - lo or max(abs(hi), 1e-3) * 0.1
    return lo - pad * span, hi + pad * span


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


def write_plots(out: Path, *, backtests: Mapping[str, Mapping[str, Any]], folds: list[Mapping[str, Any]],
                y_true: np.ndarray, proba: np.ndarray, auc: float,
                reliability: Mapping[str, list[dict]] | None = None) -> dict[str, str]:
    """equity.png, training.png, roc.png and (with ``reliability``) calibration.png in ``out``;
    returns {name: file name}. ``backtests``: {label: :func:`~fastind_model.backtest.backtest`
    result}; buy-and-hold is drawn from the first."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    out = Path(out)
    files = {}

    fig, ax = plt.subplots(figsize=(8, 4))
    first = None
    for label, bt in backtests.items():
        first = first or bt
        st = bt["strategy"]
        ax.plot(bt["curve"]["date"], bt["curve"]["strategy"], label=f"{label} (Sharpe {st['sharpe']:.2f})")
    if first is not None:
        ax.plot(first["curve"]["date"], first["curve"]["buy_hold"], color="grey",
                label=f"buy & hold (Sharpe {first['buy_hold']['sharpe']:.2f})")
        ax.set_title(f"Walk-forward test periods: h={first['horizon']} sleeves, {first['execution'].replace('_', ' ')}, "
                     f"{first['cost_bps']:g} bps, equal weight", fontsize=9)
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
    ylim = loss_ylim(folds)
    if ylim is not None:
        ax1.set_ylim(*ylim)
    ax1.set_xlabel("epoch"); ax1.set_ylabel("cross-entropy"); ax1.set_title("loss (early epochs may leave the axis)")
    ax1.legend(fontsize=7)
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

    if reliability:
        fig, ax = plt.subplots(figsize=(5, 5))
        lo, hi = 1.0, 0.0
        for label, table in reliability.items():
            if not table:
                continue
            x = [b["mean_predicted"] for b in table]
            y = [b["observed"] for b in table]
            ax.plot(x, y, "-o", ms=3, label=label)
            lo, hi = min(lo, *x, *y), max(hi, *x, *y)
        if hi > lo:
            pad = 0.05 * (hi - lo)
            lo, hi = max(0.0, lo - pad), min(1.0, hi + pad)
        else:
            lo, hi = 0.0, 1.0
        ax.plot([lo, hi], [lo, hi], color="grey", lw=0.8, ls="--", label="perfectly calibrated")
        ax.set_xlim(lo, hi); ax.set_ylim(lo, hi)
        ax.set_xlabel("mean predicted P(up), per decile of predictions"); ax.set_ylabel("observed rate of ups")
        ax.set_title("Reliability, walk-forward test rows", fontsize=10); ax.legend(fontsize=7, loc="upper left")
        fig.tight_layout()
        fig.savefig(out / "calibration.png", dpi=100)
        plt.close(fig)
        files["calibration"] = "calibration.png"
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


def _pct(value: Any) -> str:
    return "n/a" if not isinstance(value, (int, float)) or not math.isfinite(value) else f"{100 * value:+.1f} %"


def _ci(pair: Any) -> str:
    if not pair or any(v is None or not math.isfinite(v) for v in pair):
        return "n/a"
    return f"[{pair[0]:.2f}, {pair[1]:.2f}]"


MODEL_LABELS = {"network": "residual network", "network_uncalibrated": "residual network, uncalibrated",
                "prior": "constant prior (majority class)", "logistic": "logistic regression",
                "hgb": "gradient-boosted trees (HistGradientBoosting)"}


def markdown(r: Mapping[str, Any]) -> str:
    """The report as Markdown (headline tables and plots)."""
    d = r.get("data", {})
    lines = ["# fastind-model run report", ""]
    lines.append(f"Data: {d.get('description', '?')} — {d.get('n_symbols', '?')} symbols, {d.get('n_rows', '?')} bars, "
                 f"{d.get('start', '?')} … {d.get('end', '?')}; bar interval "
                 f"{', '.join(sorted(set((d.get('intervals') or {}).values()))) or '?'}.")
    lines.append("")
    for w in r.get("warnings", []):
        lines += [f"> **Warning:** {w}", ""]
    t = r.get("test", {})
    syms = ", ".join(f"{s} ({n})" for s, n in (t.get("symbols") or {}).items())
    lines += [f"Walk-forward test rows: {t.get('n', '?')} over {t.get('n_folds', '?')} folds, "
              f"{t.get('start', '?')} … {t.get('end', '?')}; symbols (rows): {syms}.", ""]

    lines += ["## Out-of-sample metrics (pooled test rows, every model fitted on the same folds)", "",
              "| model | accuracy | AUC | log loss | Brier |", "|---|---|---|---|---|"]
    for name, m in (r.get("metrics") or {}).items():
        if isinstance(m, dict):
            lines.append(f"| {MODEL_LABELS.get(name, name)} | {_fmt(m.get('accuracy'))} | {_fmt(m.get('auc'))} | "
                         f"{_fmt(m.get('log_loss'))} | {_fmt(m.get('brier'))} |")
        else:
            lines.append(f"| {MODEL_LABELS.get(name, name)} | {m} | | | |")
    lines += ["", "The constant prior predicts each fold's training rate of ups for every row: its accuracy is "
              "the majority class's and its log loss the bar any model must clear.", ""]

    bt = r.get("backtest") or {}
    if bt:
        s = bt.get("settings", {})
        lines += ["## Back-test", "",
                  f"Each prediction is a position held h = {s.get('horizon', '?')} bars (h overlapping sleeves of "
                  f"1/h each), traded at the {str(s.get('execution', '?')).replace('_', ' ')} after the signal, "
                  f"{_fmt(s.get('cost_bps'), 1)} bps per unit of notional traded; symbols equal-weighted; Sharpe "
                  f"annualised at {_fmt(s.get('periods_per_year'), 1)} bars per year (zero risk-free rate), with "
                  f"{int(100 * s.get('ci_level', 0.95))} % circular block-bootstrap intervals (block "
                  f"{s.get('block', '?')} bars).", "",
                  "| strategy | total return | annual return | Sharpe | Sharpe CI | max drawdown | exposure |",
                  "|---|---|---|---|---|---|---|"]
        for label, key in (("long/flat, p>0.5", "long_flat"), ("long/short", "long_short"), ("buy & hold", "buy_hold")):
            st = bt.get(key)
            if not st:
                continue
            lines.append(f"| {label} | {_pct(st.get('total_return'))} | {_pct(st.get('annual_return'))} | "
                         f"{_fmt(st.get('sharpe'), 2)} | {_ci(st.get('sharpe_ci'))} | {_pct(st.get('max_drawdown'))} | "
                         f"{_fmt(st.get('exposure'), 2) if 'exposure' in st else '1.00'} |")
        for name, st in (bt.get("baselines") or {}).items():
            lines.append(f"| long/flat, {MODEL_LABELS.get(name, name)} | {_pct(st.get('total_return'))} | "
                         f"{_pct(st.get('annual_return'))} | {_fmt(st.get('sharpe'), 2)} | {_ci(st.get('sharpe_ci'))} | "
                         f"{_pct(st.get('max_drawdown'))} | {_fmt(st.get('exposure'), 2)} |")
        lines += ["", "![equity](equity.png)", ""]

    cal = r.get("calibration") or {}
    if cal:
        lines += ["## Calibration", "",
                  f"Method: {cal.get('method', 'none')}"
                  + (" (fitted on each fold's validation block)" if cal.get("method") not in (None, "none") else "")
                  + f". Brier score {_fmt(cal.get('brier'))}, expected calibration error {_fmt(cal.get('ece'))} "
                    "over deciles of the predictions.", ""]
        if "calibration" in (r.get("plots") or {}):
            lines += ["![reliability](calibration.png)", ""]

    fm = r.get("final_model") or {}
    if fm:
        lines += ["## Deployable model", "",
                  f"`{fm.get('path', 'model.pt')}`: refitted on all {fm.get('n_rows', '?')} labeled rows "
                  f"({fm.get('start', '?')} … {fm.get('end', '?')}) for {fm.get('epochs', '?')} epochs "
                  f"({fm.get('epochs_rule', '')}). Its scores above are those of the same recipe on the walk-forward "
                  "folds; the refitted model itself has no held-out data left.", ""]

    lines += ["## Training", "", "![training curves](training.png)", "", "![ROC](roc.png)", "", "## ONNX", ""]
    onnx = r.get("onnx")
    if isinstance(onnx, dict):
        for key in ("fp32_path", "int8_path"):
            if key in onnx:
                lines.append(f"- {key}: `{onnx[key]}` ({onnx.get(key.replace('path', 'bytes'), '?')} bytes)")
        lines.append(f"- final model, ONNX fp32 vs PyTorch max |Δlogit|: {_fmt(onnx.get('onnx_fp32_max_abs_diff'), 6)}; "
                     f"int8 argmax agreement with fp32: {_fmt(onnx.get('int8_argmax_agreement'), 4)} "
                     f"(on {onnx.get('n_rows_compared', '?')} recent rows)")
        wf = onnx.get("walk_forward")
        if isinstance(wf, dict):
            lines += ["", "int8 judged on the walk-forward test rows (each fold's model exported and quantised the "
                      "same way):", "", "| | AUC | log loss | accuracy | long/flat Sharpe | long/flat total return |",
                      "|---|---|---|---|---|---|"]
            for name in ("fp32", "int8"):
                m = wf.get(name, {})
                lines.append(f"| {name} | {_fmt(m.get('auc'))} | {_fmt(m.get('log_loss'))} | {_fmt(m.get('accuracy'))} | "
                             f"{_fmt(m.get('sharpe'), 2)} | {_pct(m.get('total_return'))} |")
            lines += ["", f"Decisions (p > 0.5) agree on {_fmt(wf.get('decision_agreement'), 4)} of the rows.", ""]
        elif wf:
            lines.append(f"- walk-forward int8 check: {wf}")
        for key, val in (onnx.get("latency") or {}).items():
            lines.append(f"- latency {key}: {_fmt(val, 4) if isinstance(val, float) else val}")
    else:
        lines.append(f"ONNX export {onnx}")
    lines += ["", f"Run time: {_fmt(r.get('run_seconds'), 1)} s", ""]
    return "\n".join(lines)


def write_report(out: Path, report: Mapping[str, Any]) -> tuple[Path, Path]:
    """report.json (everything) and report.md (headline tables + plots) in ``out``, each atomically."""
    out = Path(out)
    json_path = write_text_atomic(out / "report.json", json.dumps(_clean(dict(report)), indent=2) + "\n")
    md_path = write_text_atomic(out / "report.md", markdown(report))
    return json_path, md_path
