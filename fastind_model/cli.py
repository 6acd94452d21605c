"""fastind-model: fetch data, train walk-forward, export to ONNX, predict, or all at once (run).

Errors a user can cause (no data, unreadable file, missing column, every symbol failing, a missing
optional package) end with one ``fastind-model: error: ...`` line on stderr and exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["main", "build_parser"]

# Defaults sized so that `run` on the embedded synthetic market (8 symbols × 2500 days) finishes in
# well under a minute on a 2-core CPU.
DEFAULT_EPOCHS = 15
DEFAULT_HIDDEN = 128
DEFAULT_LAYERS = 2
DEFAULT_BATCH = 512
DEFAULT_SPLITS = 3
DEFAULT_LR = 1e-3
DEFAULT_PATIENCE = 4
DEFAULT_SEED = 0
DEFAULT_COST = 5.0
DEFAULT_BOOT = 1000
RUN_FORMAT = "fastind-model-run/1"
MANIFEST = "manifest.json"


class CLIError(Exception):
    """A user-facing error: printed as one line, exit status 2."""


# ------------------------------------------------------------------------------------- options


def _data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("data (default: the embedded synthetic market)")
    g.add_argument("--data", nargs="+", metavar="PATH", help="CSV/Parquet files or folders")
    g.add_argument("--symbols", help="comma-separated symbols, e.g. AAPL,MSFT")
    g.add_argument("--source", choices=("synthetic", "files", "yfinance"), help="data source")
    g.add_argument("--start", help="first date (inclusive)")
    g.add_argument("--end", help="last date (exclusive)")
    g.add_argument("--interval", default="1d", help="bar interval for yfinance (default 1d)")
    g.add_argument("--cache-dir", help="yfinance cache folder")
    # small synthetic markets for tests and smoke runs
    g.add_argument("--n-symbols", type=int, default=8, help=argparse.SUPPRESS)
    g.add_argument("--n-days", type=int, default=2500, help=argparse.SUPPRESS)
    g.add_argument("--data-seed", type=int, default=7, help=argparse.SUPPRESS)


def _train_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("training")
    g.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS, help=f"epochs per fold (default {DEFAULT_EPOCHS})")
    g.add_argument("--hidden-size", type=int, default=DEFAULT_HIDDEN, help=f"default {DEFAULT_HIDDEN}")
    g.add_argument("--num-layers", type=int, default=DEFAULT_LAYERS, help=f"residual blocks (default {DEFAULT_LAYERS})")
    g.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help=f"default {DEFAULT_BATCH}")
    g.add_argument("--lr", type=float, default=DEFAULT_LR, help=f"peak learning rate (default {DEFAULT_LR:g})")
    g.add_argument("--n-splits", type=int, default=DEFAULT_SPLITS, help=f"walk-forward folds (default {DEFAULT_SPLITS})")
    g.add_argument("--horizon", type=int, default=1, help="label horizon in bars (default 1)")
    g.add_argument("--patience", type=int, default=DEFAULT_PATIENCE,
                   help=f"early-stopping patience in epochs, 0 = off (default {DEFAULT_PATIENCE})")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    g.add_argument("--device", help="cpu, cuda, mps (default: best available)")
    g.add_argument("--precision", choices=sorted(_PRECISIONS), default="auto",
                   help="auto: fp16 autocast on CUDA, bf16 on CPUs with native bf16, else fp32; "
                        "fp32 (TF32 on CUDA) is faster for small models on a GPU, see docs/model.md (default auto)")
    g.add_argument("--compile", action="store_true", help="train through torch.compile")
    g.add_argument("--calibrate", choices=("none", "platt", "isotonic"), default="none",
                   help="calibrate P(up) on each fold's validation block (default none)")
    g.add_argument("--no-baselines", action="store_true",
                   help="skip the logistic-regression and gradient-boosting baselines (the constant prior stays)")


def _backtest_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("back-test")
    g.add_argument("--cost-bps", type=float, default=DEFAULT_COST,
                   help=f"cost per unit of notional traded, in basis points (default {DEFAULT_COST:g})")
    g.add_argument("--execution", choices=("next_close", "next_open", "close"), default="next_close",
                   help="when a signal from bar t's close is traded: next bar's close or open, or t's own "
                        "close (optimistic) (default next_close)")
    g.add_argument("--periods-per-year", type=float,
                   help="annualisation factor (default: from the bar frequency, e.g. 252 daily, 1764 hourly)")
    g.add_argument("--bootstrap", type=int, default=DEFAULT_BOOT,
                   help=f"bootstrap resamples for the Sharpe intervals (default {DEFAULT_BOOT})")


_PRECISIONS = {"auto": (True, None), "fp32": (False, None), "fp16": (True, "float16"), "bf16": (True, "bfloat16")}


def train_config(args: argparse.Namespace):
    """The TrainConfig that ``run``'s training options describe."""
    from .train import TrainConfig

    amp, amp_dtype = _PRECISIONS[args.precision]
    return TrainConfig(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
                       patience=args.patience or None, seed=args.seed, device=args.device,
                       amp=amp, amp_dtype=amp_dtype, compile=args.compile, progress=_progress(args))


def _no_progress_option(p: argparse.ArgumentParser, top: bool = False) -> None:
    # accepted before and after the subcommand; SUPPRESS keeps a subcommand from resetting the
    # value given before it
    p.add_argument("--no-progress", action="store_true", default=False if top else argparse.SUPPRESS,
                   help="hide progress bars (they are shown only when stderr is a terminal)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fastind-model", description=__doc__.splitlines()[0])
    _no_progress_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("fetch", help="download bars into the cache (yfinance)")
    p.add_argument("--symbols", required=True, help="comma-separated symbols")
    p.add_argument("--source", default="yfinance", choices=("yfinance",))
    p.add_argument("--cache-dir", help="cache folder (default: the package's cache dir)")
    p.add_argument("--start"); p.add_argument("--end"); p.add_argument("--interval", default="1d")
    p.add_argument("--out", help="also write the fetched panel to this CSV file")
    _no_progress_option(p)

    p = sub.add_parser("train", help="walk-forward training; writes the fold checkpoints and metrics")
    _data_options(p); _train_options(p)
    p.add_argument("--out", required=True, help="output folder (replaced as a whole when the run succeeds)")
    _no_progress_option(p)

    p = sub.add_parser("export", help="export a model.pt to fp32 and int8 ONNX")
    p.add_argument("--model", required=True, help="checkpoint written by train/run")
    p.add_argument("--out", required=True, help="output folder")
    _data_options(p)  # rows for the parity / int8 / latency checks
    _no_progress_option(p)

    p = sub.add_parser("predict", help="P(up) for the latest bar of each symbol")
    _data_options(p)
    p.add_argument("--model", required=True, help="model.pt, or an .onnx file from export")
    p.add_argument("--out", help="write all predictions to this CSV (default: print latest)")
    _no_progress_option(p)

    p = sub.add_parser("run", help="data, walk-forward evaluation with baselines, refit, export, report")
    _data_options(p); _train_options(p); _backtest_options(p)
    p.add_argument("--out", required=True, help="output folder (replaced as a whole when the run succeeds)")
    p.add_argument("--skip-onnx", action="store_true", help="do not export to ONNX")
    _no_progress_option(p)
    return parser


# ------------------------------------------------------------------------------------- helpers


def _progress(args) -> bool:
    """Bars only on a terminal: redirected to a file, tqdm's carriage-return redraws become one
    line per update."""
    if getattr(args, "no_progress", False):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _info(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _load(args):
    from .data import load_panel

    source = args.source
    if source is None:
        source = "files" if args.data else ("yfinance" if args.symbols else "synthetic")
    if args.data and source != "files":
        raise CLIError("--data takes files; do not combine it with --source " + source)
    if args.data:
        for path in args.data:
            if not Path(path).exists():
                raise CLIError(f"{path}: no such file or folder")
    kw = dict(symbols=args.symbols, start=args.start, end=args.end)
    if source == "synthetic":
        panel = load_panel("synthetic", n_symbols=args.n_symbols, n_days=args.n_days, seed=args.data_seed, **kw)
        desc = f"synthetic market (seed {args.data_seed})"
    elif source == "files":
        panel = load_panel("files", data=args.data, **kw)
        desc = "files: " + ", ".join(args.data or [])
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                panel = load_panel("yfinance", interval=args.interval, cache_dir=args.cache_dir,
                                   progress=_progress(args), **kw)
            except ImportError as exc:
                raise CLIError(str(exc)) from None
        for w in caught:
            _info(f"warning: {w.message}")
        desc = f"yfinance (adjusted prices): {args.symbols}"
    if panel.empty:
        raise CLIError("no data: the selection is empty")
    return panel, desc


def _data_summary(panel, desc: str) -> dict:
    from .backtest import periods_per_year, symbol_intervals

    return {
        "description": desc,
        "n_symbols": int(panel["symbol"].nunique()),
        "symbols": sorted(map(str, panel["symbol"].unique())),
        "n_rows": int(len(panel)),
        "start": _day(panel["date"].min()),
        "end": _day(panel["date"].max()),
        "intervals": symbol_intervals(panel),
        "periods_per_year": periods_per_year(panel["date"]),
    }


def _day(ts) -> str:
    import pandas as pd

    ts = pd.Timestamp(ts)
    return str(ts.date()) if ts == ts.normalize() else str(ts)


def _jsonable(obj):
    from .report import _clean

    return _clean(obj)


# ------------------------------------------------------------------------------- output folder


def _is_run_folder(path: Path) -> bool:
    """A folder this CLI wrote (a manifest, or the files of a run from before manifests)."""
    if (path / MANIFEST).is_file():
        try:
            return json.loads((path / MANIFEST).read_text()).get("format") == RUN_FORMAT
        except (OSError, ValueError, AttributeError):
            return False
    return (path / "walk_forward.json").is_file() and (path / "model.pt").is_file()


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise CLIError(f"--out {out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not _is_run_folder(out):
        raise CLIError(f"--out {out}: the folder holds files that are not a fastind-model run; "
                       "give a new or empty folder (a previous run's folder is replaced)")


@contextmanager
def _staged(out: Path, command: str, args):
    """Yield a fresh hidden folder next to ``out``; on success write its manifest and swap it in
    for ``out`` (the previous run's files go as a whole), on any failure remove it, leaving ``out``
    as it was. So ``out`` always holds the files of exactly one complete run, or nothing."""
    out = Path(out)
    _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        yield stage
        files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        manifest = {"format": RUN_FORMAT, "command": command,
                    "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "seed": getattr(args, "seed", None), "files": files}
        from .report import write_text_atomic

        write_text_atomic(stage / MANIFEST, json.dumps(manifest, indent=2) + "\n")
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / "run")
        try:
            os.rename(stage, out)
        except BaseException:
            if old is not None:
                os.rename(old / "run", out)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


# ------------------------------------------------------------------------------------ training


def _walk_forward(args, panel, stage: Path, *, baselines: tuple[str, ...] = (), calibration: str | None = None):
    from .features import FeatureSpec
    from .model import ModelConfig
    from .train import train_walk_forward

    spec = FeatureSpec.default(horizon=args.horizon)
    mc = ModelConfig(input_size=len(spec.names), hidden_size=args.hidden_size, num_layers=args.num_layers)
    try:
        wf = train_walk_forward(panel, spec, n_splits=args.n_splits, train_config=train_config(args),
                                model_config=mc, checkpoint_dir=stage / "checkpoints",
                                baselines=baselines, calibration=calibration)
    except ValueError as exc:
        raise CLIError(f"training failed: {exc}") from None
    wf.predictions.to_csv(stage / "predictions.csv", index=False)
    (stage / "walk_forward.json").write_text(json.dumps(_jsonable(wf.to_dict()), indent=2) + "\n")
    return wf


def _refit(args, wf, stage: Path) -> dict:
    """The deployable model: every labeled row, the folds' median best epoch."""
    import numpy as np

    from .train import refit

    best = [f.best_epoch for f in wf.folds if f.best_epoch is not None]
    epochs = max(1, int(np.ceil(np.median(best)))) if best else args.epochs
    rule = (f"median of the folds' best epochs {', '.join(map(str, best))}" if best
            else "no fold had a best epoch: --epochs")
    data = wf.dataset[wf.dataset["label"].notna()]
    model_path = stage / "model.pt"
    refit(wf.dataset, wf.feature_spec, epochs, train_config=train_config(args), model_config=wf.model_config,
          checkpoint_path=model_path)
    from .train import last_checkpoint_path

    last_checkpoint_path(model_path).unlink(missing_ok=True)  # a resume file: nothing to resume here
    return {"path": model_path.name, "epochs": epochs, "epochs_rule": rule, "n_rows": int(len(data)),
            "start": _day(data["date"].min()), "end": _day(data["date"].max())}


def _features_for(model_path: Path, panel, max_rows: int = 4096):
    """Scaled feature rows (the latest ``max_rows`` complete ones) for the checkpoint's spec/scaler."""
    import numpy as np

    from .features import build_dataset
    from .train import load_model

    lm = load_model(model_path)
    names = lm.feature_spec.names
    data = build_dataset(panel, lm.feature_spec)
    data = data[np.isfinite(data[names].to_numpy(np.float64)).all(axis=1)].sort_values("date")
    if data.empty:
        raise CLIError("no rows with complete features (too few bars for the lookback?)")
    X = lm.feature_scaler.transform(data[names].to_numpy(np.float64)[-max_rows:])
    return lm, X


def _export(model_path: Path, out: Path, panel) -> dict:
    """fp32 + int8 ONNX via :mod:`fastind_model.export`; parity, int8 agreement and latency.

    Raises ImportError when the export module (or onnx/onnxruntime) is unavailable."""
    import numpy as np
    import torch

    from . import export as ex  # lazy: onnx/onnxruntime are optional

    fp32, int8 = out / "model.onnx", out / "model.int8.onnx"
    ex.export_checkpoint(model_path, fp32)
    ex.quantize_int8(fp32, int8)
    lm, X = _features_for(model_path, panel)
    with torch.no_grad():
        ref = lm.model(torch.from_numpy(X)).numpy()
    onnx_fp32 = ex.onnx_logits(fp32, X)
    cmp = ex.compare(fp32, int8, X)
    latency = {}
    for label, rows in (("batch1", X[:1]), (f"batch{min(len(X), 1024)}", X[:1024])):
        for name, path in (("fp32", fp32), ("int8", int8)):
            latency[f"{name}_{label}_ms"] = 1e3 * ex.time_session(path, rows, repeat=50, warmup=5)
    return {
        "fp32_path": fp32.name,
        "int8_path": int8.name,
        "fp32_bytes": fp32.stat().st_size,
        "int8_bytes": int8.stat().st_size,
        "n_rows_compared": int(len(X)),
        "onnx_fp32_max_abs_diff": float(np.abs(onnx_fp32 - ref).max()),
        "int8_argmax_agreement": cmp["argmax_agreement"],
        "int8_vs_fp32": cmp,
        "latency": latency,
    }


def _onnx_walk_forward(wf, panel, bt_kw: dict) -> dict:
    """Each fold's model exported to ONNX fp32 and int8 the way the final model is, its test rows
    predicted by both: AUC, log loss, accuracy and the long/flat back-test side by side (the
    network's uncalibrated P(up))."""
    import numpy as np

    from . import export as ex
    from .backtest import backtest
    from .train import binary_metrics, load_model

    data, names = wf.dataset, wf.feature_spec.names
    p = {"fp32": [], "int8": []}
    with tempfile.TemporaryDirectory(prefix="fastind-int8-") as tmp:
        for fold, split in zip(wf.folds, wf.splits):
            _, _, test_mask = split.masks(data["date"], data["label_date"])
            lm = load_model(fold.checkpoint_path)
            X = lm.feature_scaler.transform(data.loc[test_mask, names].to_numpy(np.float64))
            fp32, int8 = Path(tmp) / f"fold{fold.fold}.onnx", Path(tmp) / f"fold{fold.fold}.int8.onnx"
            ex.export_checkpoint(fold.checkpoint_path, fp32)
            ex.quantize_int8(fp32, int8)
            for name, path in (("fp32", fp32), ("int8", int8)):
                z = ex.onnx_logits(path, X).astype(np.float64)
                p[name].append(1.0 / (1.0 + np.exp(z[:, 0] - z[:, 1])))  # softmax column 1
    preds = wf.predictions
    y = preds["label"].to_numpy()
    out: dict = {}
    for name, parts in p.items():
        proba = np.concatenate(parts)
        m = binary_metrics(y, proba)
        bt = backtest(preds.assign(proba=proba), panel, mode="long_flat", **bt_kw)
        out[name] = {**m, "sharpe": bt["strategy"]["sharpe"], "total_return": bt["strategy"]["total_return"]}
        p[name] = proba
    out["decision_agreement"] = float(np.mean((p["fp32"] > 0.5) == (p["int8"] > 0.5)))
    out["max_abs_proba_diff"] = float(np.abs(p["fp32"] - p["int8"]).max())
    out["n"] = int(len(y))
    return out


# ------------------------------------------------------------------------------------- commands


def cmd_fetch(args) -> int:
    from .data import _symbol_list, default_cache_dir, fetch_cached

    cache = args.cache_dir or default_cache_dir()
    result = fetch_cached(_symbol_list(args.symbols), cache, start=args.start, end=args.end,
                          interval=args.interval, progress=_progress(args))
    print(result.summary())
    for sym, reason in result.failed.items():
        print(f"  {sym}: failed: {reason}")
    if not result.data:
        raise RuntimeError("all symbols failed: " + "; ".join(f"{s}: {r}" for s, r in result.failed.items()))
    panel = result.panel()
    for sym, rows in panel.groupby("symbol"):
        print(f"  {sym}: {len(rows)} bars, {_day(rows['date'].min())} … {_day(rows['date'].max())}")
    print(f"cache: {cache}")
    if args.out:
        from .report import write_text_atomic

        write_text_atomic(Path(args.out), panel.to_csv(index=False))
        print(f"wrote {args.out}")
    return 0


def cmd_train(args) -> int:
    out = Path(args.out)
    _check_out(out)
    panel, desc = _load(args)
    _info(f"data: {desc}: {panel['symbol'].nunique()} symbols, {len(panel)} bars")
    with _staged(out, "train", args) as stage:
        wf = _walk_forward(args, panel, stage)
        final = _refit(args, wf, stage)
    m = wf.metrics
    print(f"test accuracy {m['accuracy']:.4f} (majority baseline {m['baseline_accuracy']:.4f}), "
          f"AUC {m['auc']:.4f}, log loss {m['log_loss']:.4f}, n={m['n']}")
    print(f"model: {out / final['path']} (refit on all {final['n_rows']} rows, {final['epochs']} epochs)")
    return 0


def cmd_export(args) -> int:
    model = Path(args.model)
    if not model.is_file():
        raise CLIError(f"{model}: no such model file")
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    panel, _ = _load(args)
    try:
        res = _export(model, out, panel)
    except ImportError as exc:
        raise CLIError(f"ONNX export not available: {exc}") from None
    print(json.dumps(_jsonable(res), indent=2))
    return 0


def cmd_predict(args) -> int:
    import numpy as np

    model = Path(args.model)
    if not model.is_file():
        raise CLIError(f"{model}: no such model file")
    panel, _ = _load(args)
    if model.suffix == ".onnx":
        try:
            from .infer import Predictor
        except ImportError as exc:
            raise CLIError(f"ONNX prediction not available: {exc}") from None
        pred = Predictor(model)
        if pred.feature_spec is None or pred.scaler is None:
            raise CLIError(f"{model}: carries no feature spec/scaler; export it with fastind-model export")
        res = pred.predict_proba_ohlcv(panel)
        valid = res["valid"].to_numpy(bool)
        frame = panel.loc[valid, ["symbol", "date"]].reset_index(drop=True)
        frame["proba"] = res.loc[valid, "proba"].to_numpy()
    else:
        from .features import build_dataset
        from .train import load_model

        lm = load_model(model)
        data = build_dataset(panel, lm.feature_spec)
        names = lm.feature_spec.names
        data = data[np.isfinite(data[names].to_numpy(np.float64)).all(axis=1)].reset_index(drop=True)
        if data.empty:
            raise CLIError("no rows with complete features (too few bars for the lookback?)")
        X = lm.feature_scaler.transform(data[names].to_numpy(np.float64))
        from .train import predict_proba

        frame = data[["symbol", "date"]].copy()
        frame["proba"] = predict_proba(lm.model, X)[:, 1]
    if frame.empty:
        raise CLIError("no rows with complete features (too few bars for the lookback?)")
    if args.out:
        from .report import write_text_atomic

        write_text_atomic(Path(args.out), frame.to_csv(index=False))
        print(f"wrote {len(frame)} predictions to {args.out}")
    latest = frame.sort_values("date").groupby("symbol").tail(1).sort_values("symbol")
    for row in latest.itertuples():
        print(f"{row.symbol}\t{_day(row.date)}\tP(up)={row.proba:.4f}")
    return 0


def _warnings(data: dict, preds, metrics: dict) -> list[str]:
    out = []
    intervals = data["intervals"]
    if len(set(intervals.values())) > 1:
        listed = ", ".join(f"{s}: {i}" for s, i in intervals.items())
        out.append(f"mixed bar intervals ({listed}): folds split the union of all timestamps, so the test folds "
                   "hold only the symbols listed with test rows, and the back-test is annualised from the "
                   "test timeline's own bar frequency")
    missing = sorted(set(data["symbols"]) - set(map(str, preds["symbol"].unique())))
    if missing:
        out.append(f"symbols without any test row: {', '.join(missing)}")
    prior = metrics.get("prior", {}).get("log_loss")
    net = metrics["network"]["log_loss"]
    if prior is not None and math.isfinite(prior) and net >= prior:
        out.append(f"the network's log loss {net:.4f} is worse than the constant prior's {prior:.4f}: its "
                   "probabilities carry less information than the base rate of ups")
    return out


def cmd_run(args) -> int:
    from . import report as rp
    from .backtest import backtest
    from .baselines import brier, expected_calibration_error, reliability, sklearn_available

    t0 = time.perf_counter()
    out = Path(args.out)
    _check_out(out)
    panel, desc = _load(args)
    data = _data_summary(panel, desc)
    baselines: tuple[str, ...] = ("prior",)
    notes = []
    if not args.no_baselines:
        if sklearn_available():
            baselines += ("logistic", "hgb")
        else:
            notes.append("logistic-regression and gradient-boosting baselines skipped: scikit-learn is not "
                         "installed (pip install scikit-learn)")
    calibration = None if args.calibrate == "none" else args.calibrate
    if calibration and not sklearn_available():
        raise CLIError(f"--calibrate {calibration} needs scikit-learn: pip install scikit-learn")

    with _staged(out, "run", args) as stage:
        intervals = ", ".join(sorted(set(data["intervals"].values())))
        _info(f"[1/5] data: {desc}: {data['n_symbols']} symbols, {data['n_rows']} bars ({intervals}), "
              f"{data['start']} … {data['end']}")
        _info(f"[2/5] walk-forward: {args.n_splits} folds × ≤{args.epochs} epochs; baselines on the same folds: "
              f"{', '.join(baselines)}")
        timings = {"data": time.perf_counter() - t0}
        t = time.perf_counter()
        wf = _walk_forward(args, panel, stage, baselines=baselines, calibration=calibration)
        train_seconds = timings["walk_forward"] = time.perf_counter() - t
        preds = wf.predictions
        _info("[3/5] refit on all data")
        t = time.perf_counter()
        final = _refit(args, wf, stage)
        timings["refit"] = time.perf_counter() - t
        _info(f"      {final['n_rows']} rows, {final['epochs']} epochs ({final['epochs_rule']})")

        m = wf.metrics
        metrics = {"network": {k: m[k] for k in ("accuracy", "auc", "log_loss", "brier")}}
        if calibration:
            metrics["network_uncalibrated"] = {k: m["uncalibrated"][k] for k in ("accuracy", "auc", "log_loss", "brier")}
        for name in baselines:
            metrics[name] = {k: wf.baselines[name][k] for k in ("accuracy", "auc", "log_loss", "brier")}
        for note in notes:
            metrics.setdefault("logistic", note)
        test_symbols = {str(s): int(n) for s, n in preds.groupby("symbol").size().items()}
        report: dict = {
            "data": data,
            "warnings": _warnings(data, preds, metrics) + notes,
            "test": {"n": int(len(preds)), "n_folds": len(wf.folds), "symbols": test_symbols,
                     "start": _day(preds["date"].min()), "end": _day(preds["date"].max())},
            "metrics": metrics,
            "test_accuracy": m["accuracy"],
            "baseline_accuracy": m["baseline_accuracy"],
            "test_auc": m["auc"],
            "test_log_loss": m["log_loss"],
            "prior_log_loss": metrics["prior"]["log_loss"],
            "log_loss_worse_than_prior": bool(m["log_loss"] >= metrics["prior"]["log_loss"]),
            "test_brier": m["brier"],
            "n_test": m["n"],
            "positive_rate": m["positive_rate"],
            "final_model": final,
            "model_path": final["path"],
            "onnx_fp32_max_abs_diff": None,
            "int8_argmax_agreement": None,
            "latency": None,
            "train_seconds": train_seconds,
        }

        bt_kw = dict(horizon=wf.feature_spec.horizon, execution=args.execution, cost_bps=args.cost_bps,
                     periods=args.periods_per_year, n_boot=args.bootstrap, seed=args.seed)
        _info("[4/5] ONNX export of the refit model; int8 judged on the walk-forward test rows")
        t = time.perf_counter()
        if args.skip_onnx:
            report["onnx"] = "not available: skipped (--skip-onnx)"
        else:
            try:
                res = _export(stage / final["path"], stage, panel)
                try:
                    res["walk_forward"] = _onnx_walk_forward(wf, panel, bt_kw)
                except Exception as exc:  # noqa: BLE001 - the comparison is a report line, not the run
                    res["walk_forward"] = f"not available: {type(exc).__name__}: {exc}"
            except ImportError as exc:
                report["onnx"] = f"not available: {exc}"
            except Exception as exc:  # noqa: BLE001 - export is optional: a failure must not lose the run
                report["onnx"] = f"not available: export failed ({type(exc).__name__}: {exc})"
            else:
                report["onnx"] = res
                report["onnx_fp32_max_abs_diff"] = res["onnx_fp32_max_abs_diff"]
                report["int8_argmax_agreement"] = res["int8_argmax_agreement"]
                report["latency"] = res["latency"]
                if isinstance(res["walk_forward"], dict):
                    for name in ("fp32", "int8"):
                        report[f"{name}_test_auc"] = res["walk_forward"][name]["auc"]
                        report[f"{name}_sharpe"] = res["walk_forward"][name]["sharpe"]
        if isinstance(report["onnx"], str):
            _info(f"      ONNX {report['onnx']}")

        timings["onnx"] = time.perf_counter() - t
        _info("[5/5] back-test, calibration, plots, report")
        t = time.perf_counter()
        bts = {mode: backtest(preds, panel, mode=mode, **bt_kw) for mode in ("long_flat", "long_short")}
        lf = bts["long_flat"]
        summary = {
            "settings": {k: lf[k] for k in ("horizon", "execution", "cost_bps", "threshold", "periods_per_year",
                                            "n_periods", "start", "end", "block")},
            "long_flat": lf["strategy"], "long_short": bts["long_short"]["strategy"], "buy_hold": lf["buy_hold"],
            "baselines": {},
        }
        summary["settings"]["ci_level"] = lf["sharpe_ci_level"]
        summary["settings"]["sleeves"] = "h overlapping sleeves of 1/h each (one re-pointed every bar)"
        for name in baselines:
            if name != "prior":
                summary["baselines"][name] = backtest(preds, panel, mode="long_flat", proba=f"proba_{name}",
                                                      **bt_kw)["strategy"]
        report["backtest"] = summary
        report["strategy_sharpe"] = lf["strategy"]["sharpe"]
        report["buy_hold_sharpe"] = lf["buy_hold"]["sharpe"]
        curve = lf["curve"].rename(columns={"strategy": "long_flat"})
        curve.insert(2, "long_short", bts["long_short"]["curve"]["strategy"].to_numpy())
        curve.to_csv(stage / "equity.csv", index=False)

        y = preds["label"].to_numpy()
        tables = {"network" + (f" ({calibration})" if calibration else ""): reliability(y, preds["proba"].to_numpy())}
        if calibration:
            tables["network, uncalibrated"] = reliability(y, preds["proba_raw"].to_numpy())
        for name in baselines:
            if name != "prior":
                tables[rp.MODEL_LABELS[name]] = reliability(y, preds[f"proba_{name}"].to_numpy())
        net_table = next(iter(tables.values()))
        report["calibration"] = {"method": calibration or "none", "brier": brier(y, preds["proba"].to_numpy()),
                                 "ece": expected_calibration_error(net_table), "reliability": tables}
        folds = wf.to_dict()["folds"]
        report["plots"] = rp.write_plots(stage, backtests={"long/flat": lf, "long/short": bts["long_short"]},
                                         folds=folds, y_true=y, proba=preds["proba"].to_numpy(), auc=m["auc"],
                                         reliability=tables)
        report["folds"] = []
        for f, fold in zip(folds, wf.folds):
            rows = preds[preds["fold"] == fold.fold]
            report["folds"].append({**{k: f[k] for k in ("fold", "test_dates", "n_train", "n_test", "best_epoch",
                                                         "test_metrics")},
                                    "test_symbols": {str(s): int(n) for s, n in rows.groupby("symbol").size().items()}})
        report["config"] = {k: v for k, v in vars(args).items() if k not in ("func",)}
        timings["report"] = time.perf_counter() - t
        report["timings"] = timings
        report["run_seconds"] = time.perf_counter() - t0
        rp.write_report(stage, report)

    _print_summary(report, out)
    return 0


def _print_summary(r: dict, out: Path) -> None:
    t, bt = r["test"], r["backtest"]
    s = bt["settings"]
    syms = ", ".join(f"{k} {v}" for k, v in t["symbols"].items())
    print(f"test rows       {t['n']} in {t['n_folds']} folds, {t['start']} … {t['end']}; symbols: {syms}")
    print(f"{'':16}accuracy  AUC     log loss  Brier")
    for name, m in r["metrics"].items():
        label = {"network": "network", "network_uncalibrated": "net uncalibrated", "prior": "constant prior",
                 "logistic": "logistic", "hgb": "gradient boost"}.get(name, name)
        if isinstance(m, dict):
            auc = f"{m['auc']:.4f}" if math.isfinite(m["auc"]) else "n/a   "
            print(f"{label:16}{m['accuracy']:.4f}    {auc}  {m['log_loss']:.4f}    {m['brier']:.4f}")
        else:
            print(f"{label:16}{m}")
    print(f"back-test       h={s['horizon']} sleeves, {s['execution'].replace('_', ' ')}, {s['cost_bps']:g} bps, "
          f"{s['n_periods']} bars at {s['periods_per_year']:g}/yr; Sharpe [{int(100 * s['ci_level'])} % CI]")

    def line(label, st):
        lo, hi = st["sharpe_ci"]
        ci = "n/a" if lo is None or not (math.isfinite(lo) and math.isfinite(hi)) else f"[{lo:.2f}, {hi:.2f}]"
        return f"  {label:22}total {100 * st['total_return']:+6.1f} %  Sharpe {st['sharpe']:5.2f} {ci}"

    print(line("network long/flat", bt["long_flat"]))
    print(line("network long/short", bt["long_short"]))
    print(line("buy & hold", bt["buy_hold"]))
    for name, st in bt["baselines"].items():
        print(line(f"{'logistic' if name == 'logistic' else 'grad. boost'} long/flat", st))
    cal = r["calibration"]
    print(f"calibration     {cal['method']}: Brier {cal['brier']:.4f}, ECE {cal['ece']:.4f} (calibration.png)")
    fm = r["final_model"]
    print(f"final model     refit on all {fm['n_rows']} rows, {fm['epochs']} epochs -> {fm['path']}")
    onnx = r["onnx"]
    if isinstance(onnx, dict):
        print(f"ONNX            fp32 max|diff| {onnx['onnx_fp32_max_abs_diff']:.2g}   int8 argmax agreement "
              f"{onnx['int8_argmax_agreement']:.4f}")
        wf = onnx.get("walk_forward")
        if isinstance(wf, dict):
            print(f"int8 vs fp32    AUC {wf['int8']['auc']:.4f} vs {wf['fp32']['auc']:.4f}, long/flat Sharpe "
                  f"{wf['int8']['sharpe']:.2f} vs {wf['fp32']['sharpe']:.2f} (walk-forward test rows)")
    else:
        print(f"ONNX            {onnx}")
    for w in r["warnings"]:
        print(f"WARNING: {w}")
    parts = ", ".join(f"{k.replace('_', '-')} {v:.1f}" for k, v in r.get("timings", {}).items())
    print(f"run time        {r['run_seconds']:.1f} s ({parts})")
    print(f"wrote {out / 'report.json'}, {out / 'report.md'} and plots in {out}")



COMMANDS = {"fetch": cmd_fetch, "train": cmd_train, "export": cmd_export, "predict": cmd_predict, "run": cmd_run}


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .data import NoDataError

    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("fastind-model: interrupted", file=sys.stderr)
        return 130
    except (CLIError, NoDataError, ValueError, FileNotFoundError, RuntimeError, OSError, KeyError, ImportError) as exc:
        print(f"fastind-model: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: still one line, the traceback on request
        if os.environ.get("FASTIND_MODEL_DEBUG"):
            raise
        print(f"fastind-model: error: internal error ({type(exc).__name__}: {_one_line(exc)}); "
              "set FASTIND_MODEL_DEBUG=1 for the traceback", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
