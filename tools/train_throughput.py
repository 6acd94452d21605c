"""CPU/GPU training throughput of the default ResidualMLP, fp32 vs mixed precision.

    PYTHONPATH=. python tools/train_throughput.py                # 100k rows x 28 features, 3 epochs
    PYTHONPATH=. python tools/train_throughput.py --device cuda --amp fp32-ieee fp32 fp16 bf16 --json t.json

Precisions: fp32-ieee (TF32 off), fp32 (the trainer's CUDA default: TF32 matmuls), fp16 (autocast +
GradScaler, the trainer's CUDA default with AMP on), bf16 (autocast, no scaler).

Reports training samples/s (forward + backward + AdamW step, data loading included, validation
excluded) of the fastest epoch after the first, which pays for one-off kernel selection.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import numpy as np
import torch

from fastind_model.device import setup_device
from fastind_model.model import ModelConfig
from fastind_model.train import TrainConfig, fit

DTYPES = {"fp32-ieee": None, "fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


def measure(X, y, precision: str, args) -> dict:
    setup = setup_device(
        args.device,
        amp=DTYPES[precision] is not None,
        amp_dtype=DTYPES[precision],
        batch_size=args.batch_size,
        num_threads=args.threads,
    )
    if precision == "fp32-ieee":
        # setup_device turned TF32 on; the strict baseline turns it off again
        torch.set_float32_matmul_precision("highest")
        torch.backends.cudnn.allow_tf32 = False
    extra = {"resident_data": False} if args.host_loader else {}
    if args.compile:
        extra["compile"] = True
    config = TrainConfig(epochs=args.epochs, batch_size=setup.batch_size, patience=None, progress=False, **extra)
    model_config = ModelConfig(input_size=X.shape[1], hidden_size=args.hidden, num_layers=args.layers)
    n_val = 2048
    t0 = time.perf_counter()
    result = fit(X[n_val:], y[n_val:], X[:n_val], y[:n_val], config, model_config, setup=setup)
    wall = time.perf_counter() - t0
    steady = result.history[1:] or result.history
    return {
        "precision": precision,
        "device": str(setup.device),
        "threads": setup.num_threads,
        "batch_size": setup.batch_size,
        "samples_per_s": max(h["samples_per_s"] for h in steady),
        "first_epoch_samples_per_s": result.history[0]["samples_per_s"],
        "wall_s": wall,
        "final_train_loss": result.history[-1]["train_loss"],
        "best_val_loss": min(h["val_loss"] for h in result.history),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=28)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=None, help="default: from device memory")
    parser.add_argument("--threads", type=int, default=None, help="default: physical cores")
    parser.add_argument("--device", default=None, help="cpu, cuda, mps (default: auto / $FASTIND_DEVICE)")
    parser.add_argument("--amp", nargs="+", default=["fp32", "bf16"], choices=sorted(DTYPES))
    parser.add_argument("--host-loader", action="store_true",
                        help="batches gathered on the host by a DataLoader (pinned on CUDA), not kept on the device")
    parser.add_argument("--compile", action="store_true", help="train through torch.compile")
    parser.add_argument("--json", help="also write the rows (with the run's settings) to this file")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = rng.standard_normal((args.rows, args.features)).astype(np.float32)
    y = (X[:, 0] + rng.standard_normal(args.rows) > 0).astype(np.int64)
    hardware = torch.cuda.get_device_name() if torch.cuda.is_available() and args.device != "cpu" else (
        platform.processor() or platform.machine())
    print(f"torch {torch.__version__} | {hardware} | "
          f"{args.rows} rows x {args.features} features | hidden {args.hidden} x {args.layers} layers")
    settings = {k: v for k, v in vars(args).items() if k != "json"}
    rows = []
    for precision in args.amp:
        rows.append(measure(X, y, precision, args))
        if args.json:  # after each row, so a run cut short keeps what it measured
            payload = {"torch": torch.__version__, "hardware": hardware, "settings": settings, "rows": rows}
            with open(args.json, "w") as fh:
                json.dump(payload, fh, indent=1)
    base = rows[0]["samples_per_s"]
    print(f"{'precision':<10}{'device':<8}{'threads':>8}{'batch':>7}{'samples/s':>12}{'x first':>8}"
          f"{'1st epoch':>12}{'wall s':>8}{'val loss':>10}")
    for r in rows:
        print(f"{r['precision']:<10}{r['device']:<8}{r['threads']:>8}{r['batch_size']:>7}"
              f"{r['samples_per_s']:>12,.0f}{r['samples_per_s'] / base:>8.2f}"
              f"{r['first_epoch_samples_per_s']:>12,.0f}{r['wall_s']:>8.1f}{r['best_val_loss']:>10.4f}")


if __name__ == "__main__":
    main()
