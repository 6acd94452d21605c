"""``fastind-model``: fetch data, train walk-forward, export to ONNX, predict, or all at once (``run``).

Errors a user can cause (no data, unreadable file, missing column, every symbol failing) end with
one ``fastind-model: error: ...`` line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

__all__ = ["main", "build_parser"]

# Defaults sized so that `run` on the embedded synthetic market (8 symbols × 2500 days) finishes in
# well under 3 minutes on a 2-core CPU.
DEFAULT_EPOCHS = 15
DEFAULT_HIDDEN = 128
DEFAULT_LAYERS = 2
DEFAULT_BATCH = 512
DEFAULT_SPLITS = 3


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
    g.add_argument("--lr", type=float, default=1e-3)
    g.add_argument("--n-splits", type=int, default=DEFAULT_SPLITS, help=f"walk-forward folds (default {DEFAULT_SPLITS})")
    g.add_argument("--horizon", type=int, default=1, help="label horizon in bars (default 1)")
    g.add_argument("--patience", type=int, default=4, help="early-stopping patience (0 = off)")
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--device", help="cpu, cuda, mps (default: best available)")
    g.add_argument("--precision", choices=sorted(_PRECISIONS), default="auto",
                   help="auto: fp16 autocast on CUDA, bf16 on CPUs with native bf16, else fp32; "
                        "fp32 (TF32 on CUDA) is faster for small models on a GPU, see docs/model.md")
    g.add_argument("--compile", action="store_true", help="train through torch.compile")
    g.add_argument("--cost-bps", type=float, default=5.0, help="cost per position change (default 5)")


_PRECISIONS = {"auto": (True, None), "fp32": (False, None), "fp16": (True, "float16"), "bf16": (True, "bfloat16")}


def train_config(args: argparse.Namespace):
    """The TrainConfig that ``run``'s training options describe."""
    from .train import TrainConfig

    amp, amp_dtype = _PRECISIONS[args.precision]
    return TrainConfig(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
                       patience=args.patience or None, seed=args.seed, device=args.device,
                       amp=amp, amp_dtype=amp_dtype, compile=args.compile, progress=_progress(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fastind-model", description=__doc__.splitlines()[0])
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("fetch", help="download bars into the cache (yfinance)")
    p.add_argument("--symbols", required=True, help="comma-separated symbols")
    p.add_argument("--source", default="yfinance", choices=("yfinance",))
    p.add_argument("--cache-dir", help="cache folder (default: the package's cache dir)")
    p.add_argument("--start"); p.add_argument("--end"); p.add_argument("--interval", default="1d")
    p.add_argument("--out", help="also write the fetched panel to this CSV file")

    p = sub.add_parser("train", help="walk-forward training; writes model.pt and metrics")
    _data_options(p); _train_options(p)
    p.add_argument("--out", required=True, help="output folder")

    p = sub.add_parser("export", help="export a model.pt to fp32 and int8 ONNX")
    p.add_argument("--model", required=True, help="checkpoint written by train/run")
    p.add_argument("--out", required=True, help="output folder")
    _data_options(p)  # rows for the parity / int8 / latency checks

    p = sub.add_parser("predict", help="P(up) for the latest bar of each symbol")
    _data_options(p)
    p.add_argument("--model", required=True, help="model.pt, or an .onnx file from export")
    p.add_argument("--out", help="write all predictions to this CSV (default: print latest)")

    p = sub.add_parser("run", help="data → walk-forward train → export → report, all in --out")
    _data_options(p); _train_options(p)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--skip-onnx", action="store_true", help="do not export to ONNX")
    return parser


# ------------------------------------------------------------------------------------- helpers


def _progress(args) -> bool:
    return not args.no_progress


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
            panel = load_panel("yfinance", interval=args.interval, cache_dir=args.cache_dir,
                               progress=_progress(args), **kw)
        for w in caught:
            _info(f"warning: {w.message}")
        desc = f"yfinance: {args.symbols}"
    if panel.empty:
        raise CLIError("no data: the selection is empty")
    return panel, desc


def _data_summary(panel, desc: str) -> dict:
    return {
        "description": desc,
        "n_symbols": int(panel["symbol"].nunique()),
        "symbols": sorted(map(str, panel["symbol"].unique())),
        "n_rows": int(len(panel)),
        "start": str(panel["date"].min().date()),
        "end": str(panel["date"].max().date()),
    }


def _train(args, panel, out: Path):
    from .features import FeatureSpec
    from .model import ModelConfig
    from .train import train_walk_forward

    spec = FeatureSpec.default(horizon=args.horizon)
    tc = train_config(args)
    mc = ModelConfig(input_size=len(spec.names), hidden_size=args.hidden_size, num_layers=args.num_layers)
    ckpt_dir = out / "checkpoints"
    try:
        wf = train_walk_forward(panel, spec, n_splits=args.n_splits, train_config=tc, model_config=mc,
                                checkpoint_dir=ckpt_dir)
    except ValueError as exc:
        raise CLIError(f"training failed: {exc} (too little data for {args.n_splits} folds?)") from None
    last = wf.folds[-1].checkpoint_path
    model_path = out / "model.pt"
    shutil.copyfile(last, model_path)
    wf.predictions.to_csv(out / "predictions.csv", index=False)
    (out / "walk_forward.json").write_text(json.dumps(_jsonable(wf.to_dict()), indent=2) + "\n")
    return wf, model_path


def _jsonable(obj):
    from .report import _clean

    return _clean(obj)


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

    from . import export as ex  # lazy: onnx/onnxruntime are optional
    from .train import predict_proba  # noqa: F401

    import torch

    fp32, int8 = out / "model.onnx", out / "model.int8.onnx"
    ex.export_checkpoint(model_path, fp32)
    ex.quantize_int8(fp32, int8)
    lm, X = _features_for(model_path, panel)
    with torch.no_grad():
        ref = lm.model(torch.from_numpy(X)).numpy()
    onnx_fp32 = ex.onnx_logits(fp32, X)
    cmp = ex.compare(fp32, int8, X)
    latency = {}
    if hasattr(ex, "time_session"):
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


def _pick(d: dict, *names):
    """First value found under any of ``names``, searching nested dicts too."""
    for name in names:
        if name in d:
            return d[name]
    for v in d.values():
        if isinstance(v, dict):
            found = _pick(v, *names)
            if found is not None:
                return found
    return None


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
        print(f"  {sym}: {len(rows)} bars, {rows['date'].min().date()} … {rows['date'].max().date()}")
    print(f"cache: {cache}")
    if args.out:
        panel.to_csv(args.out, index=False)
        print(f"wrote {args.out}")
    return 0


def cmd_train(args) -> int:
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    panel, desc = _load(args)
    _info(f"data: {desc}: {panel['symbol'].nunique()} symbols, {len(panel)} bars")
    wf, model_path = _train(args, panel, out)
    m = wf.metrics
    print(f"test accuracy {m['accuracy']:.4f} (baseline {m['baseline_accuracy']:.4f}), "
          f"AUC {m['auc']:.4f}, log loss {m['log_loss']:.4f}, n={m['n']}")
    print(f"model: {model_path}")
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
        frame = pred.predict_frame(panel) if hasattr(pred, "predict_frame") else pred.predict(panel)
    else:
        from .features import build_dataset
        from .train import load_model, predict_proba

        lm = load_model(model)
        data = build_dataset(panel, lm.feature_spec)
        names = lm.feature_spec.names
        data = data[np.isfinite(data[names].to_numpy(np.float64)).all(axis=1)].reset_index(drop=True)
        if data.empty:
            raise CLIError("no rows with complete features (too few bars for the lookback?)")
        X = lm.feature_scaler.transform(data[names].to_numpy(np.float64))
        frame = data[["symbol", "date"]].copy()
        frame["proba"] = predict_proba(lm.model, X)[:, 1]
    if args.out:
        frame.to_csv(args.out, index=False)
        print(f"wrote {len(frame)} predictions to {args.out}")
    latest = frame.sort_values("date").groupby("symbol").tail(1).sort_values("symbol")
    for row in latest.itertuples():
        print(f"{row.symbol}\t{str(row.date)[:10]}\tP(up)={row.proba:.4f}")
    return 0


def cmd_run(args) -> int:
    from . import report as rp

    t0 = time.perf_counter()
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    panel, desc = _load(args)
    data = _data_summary(panel, desc)
    _info(f"[1/4] data: {desc}: {data['n_symbols']} symbols, {data['n_rows']} bars, {data['start']} … {data['end']}")
    _info(f"[2/4] walk-forward training: {args.n_splits} folds × ≤{args.epochs} epochs")
    t_train = time.perf_counter()
    wf, model_path = _train(args, panel, out)
    train_seconds = time.perf_counter() - t_train
    m = wf.metrics

    report: dict = {
        "data": data,
        "test_accuracy": m["accuracy"],
        "baseline_accuracy": m["baseline_accuracy"],
        "test_auc": m["auc"],
        "test_log_loss": m["log_loss"],
        "n_test": m["n"],
        "positive_rate": m["positive_rate"],
        "onnx_fp32_max_abs_diff": None,
        "int8_argmax_agreement": None,
        "latency": None,
        "model_path": model_path.name,
        "train_seconds": train_seconds,
    }

    _info("[3/4] ONNX export")
    if args.skip_onnx:
        report["onnx"] = "not available: skipped (--skip-onnx)"
    else:
        try:
            res = _export(model_path, out, panel)
        except ImportError as exc:
            report["onnx"] = f"not available: {exc}"
        except Exception as exc:  # export is optional: a failure must not lose the run
            report["onnx"] = f"not available: export failed ({type(exc).__name__}: {exc})"
        else:
            report["onnx"] = res
            report["onnx_fp32_max_abs_diff"] = res["onnx_fp32_max_abs_diff"]
            report["int8_argmax_agreement"] = res["int8_argmax_agreement"]
            report["latency"] = res["latency"]
    if isinstance(report["onnx"], str):
        _info(f"      ONNX {report['onnx']}")

    _info("[4/4] back-test, plots, report")
    bt = rp.backtest(wf.predictions, cost_bps=args.cost_bps)
    bt["curve"].to_csv(out / "equity.csv", index=False)
    folds = wf.to_dict()["folds"]
    report["plots"] = rp.write_plots(out, bt=bt, folds=folds, y_true=wf.predictions["label"].to_numpy(),
                                     proba=wf.predictions["proba"].to_numpy(), auc=m["auc"])
    report["backtest"] = {k: v for k, v in bt.items() if k != "curve"}
    report["strategy_sharpe"] = bt["strategy_sharpe"]
    report["buy_hold_sharpe"] = bt["buy_hold_sharpe"]
    report["folds"] = [{k: f[k] for k in ("fold", "test_dates", "n_train", "n_test", "best_epoch", "test_metrics")}
                       for f in folds]
    report["config"] = {k: v for k, v in vars(args).items() if k not in ("func",)}
    report["run_seconds"] = time.perf_counter() - t0
    json_path, md_path = rp.write_report(out, report)

    print(f"test accuracy   {m['accuracy']:.4f}  (majority baseline {m['baseline_accuracy']:.4f}, n={m['n']})")
    print(f"test AUC        {m['auc']:.4f}   log loss {m['log_loss']:.4f}")
    print(f"Sharpe          strategy {bt['strategy_sharpe']:.2f}   buy&hold {bt['buy_hold_sharpe']:.2f}   "
          f"({args.cost_bps:g} bps/change)")
    if isinstance(report["onnx"], dict):
        print(f"ONNX            fp32 max|diff| {report['onnx_fp32_max_abs_diff']}   "
              f"int8 argmax agreement {report['int8_argmax_agreement']}")
    else:
        print(f"ONNX            {report['onnx']}")
    print(f"run time        {report['run_seconds']:.1f} s")
    print(f"wrote {json_path}, {md_path} and plots in {out}")
    return 0


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
    except (CLIError, NoDataError, ValueError, FileNotFoundError, RuntimeError, OSError, KeyError) as exc:
        print(f"fastind-model: error: {_one_line(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
