"""CPU/GPU training throughput of the default ResidualMLP, fp32 vs mixed precision.

    PYTHONPATH=. python tools/train_throughput.py                # 100k rows x 28 features, 3 epochs
    PYTHONPATH=. python tools/train_throughput.py --device cuda --amp fp32 fp16

Reports training samples/s (forward + backward + AdamW step, data loading included, validation
excluded) of the fastest epoch after the first, which pays for one-off kernel selection.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np
import torch

from fastind_model.device import setup_device
from fastind_model.model import ModelConfig
from fastind_model.train import TrainConfig, fit

DTYPES = {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


def measure(X, y, precision: str, args) -> dict:
    setup = setup_device(
        args.device,
        amp=precision != "fp32",
        amp_dtype=DTYPES[precision],
        batch_size=args.batch_size,
        num_threads=args.threads,
    )
    config = TrainConfig(epochs=args.epochs, batch_size=setup.batch_size, patience=None, progress=False)
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
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = rng.standard_normal((args.rows, args.features)).astype(np.float32)
    y = (X[:, 0] + rng.standard_normal(args.rows) > 0).astype(np.int64)
    print(f"torch {torch.__version__} | {platform.processor() or platform.machine()} | "
          f"{args.rows} rows x {args.features} features | hidden {args.hidden} x {args.layers} layers")
    rows = [measure(X, y, p, args) for p in args.amp]
    print(f"{'precision':<10}{'device':<8}{'threads':>8}{'batch':>7}{'samples/s':>12}{'1st epoch':>12}{'wall s':>8}")
    for r in rows:
        print(f"{r['precision']:<10}{r['device']:<8}{r['threads']:>8}{r['batch_size']:>7}"
              f"{r['samples_per_s']:>12,.0f}{r['first_epoch_samples_per_s']:>12,.0f}{r['wall_s']:>8.1f}")


if __name__ == "__main__":
    main()
