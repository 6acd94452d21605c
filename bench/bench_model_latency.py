"""Model inference latency: torch eager fp32, torch dynamic int8, ONNX Runtime fp32 / int8.

    PYTHONPATH=. python bench/bench_model_latency.py [--repeat 300] [--threads 1,2]

Builds the default-size model (hidden 256, 4 residual blocks, the default ~30 features), trains
it briefly on a planted signal so the weights are realistic, exports fp32 ONNX, quantises it three
ways (dynamic per-tensor = the default, dynamic per-channel + reduce_range, static QDQ calibrated on
training rows), prints int8-vs-fp32 accuracy on held-out rows and a latency table (median ms per
call at batch 1 and 1024). No timing is asserted: numbers depend on the CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastind_model.export import compare, export_onnx, quantize_int8, quantize_static_int8, time_session  # noqa: E402
from fastind_model.features import FeatureSpec, StandardScaler  # noqa: E402
from fastind_model.model import ModelConfig  # noqa: E402
from fastind_model.train import TrainConfig, fit  # noqa: E402


def planted(n: int, d: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 1] - 0.3 * X[:, 2] * X[:, 3] + 0.5 * rng.normal(size=n) > 0).astype(np.int64)
    return X, y


def time_torch(model, x: torch.Tensor, repeat: int, warmup: int = 20) -> float:
    with torch.inference_mode():
        for _ in range(warmup):
            model(x)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            model(x)
            times.append(time.perf_counter() - t0)
    return float(np.median(times))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=300)
    ap.add_argument("--threads", default=f"1,{os.cpu_count()}", help="comma-separated thread counts")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--out", default=None, help="directory for the .onnx files (default: temp)")
    args = ap.parse_args(argv)
    threads = sorted({int(t) for t in args.threads.split(",")})

    spec = FeatureSpec.default()
    d = len(spec.names)
    cfg = ModelConfig(input_size=d, hidden_size=256, num_layers=4)
    X, y = planted(24000, d)
    scaler = StandardScaler().fit(X[:16000])
    Xs = scaler.transform(X)
    torch.set_num_threads(max(threads))
    res = fit(Xs[:16000], y[:16000], Xs[16000:20000], y[16000:20000],
              TrainConfig(epochs=args.epochs, batch_size=512, device="cpu", amp=False, progress=False, seed=0),
              cfg, feature_spec=spec, feature_scaler=scaler)
    model = res.model.eval()
    Xtest = Xs[20000:]
    print(f"model: hidden={cfg.hidden_size} layers={cfg.num_layers} features={d}; "
          f"val accuracy {res.best_metrics.get('val_accuracy', float('nan')):.3f}")

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="fastind_bench_"))
    fp32 = export_onnx(model, out / "model.onnx", spec, scaler)
    t0 = time.perf_counter()
    dyn = quantize_int8(fp32, out / "model.int8.onnx")
    t_dyn = time.perf_counter() - t0
    pc = quantize_int8(fp32, out / "model.int8pc.onnx", per_channel=True, reduce_range=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        stat = quantize_static_int8(fp32, out / "model.int8static.onnx", Xs[:16000])
        t_stat = time.perf_counter() - t0

    print(f"\nint8 vs fp32 ONNX on {len(Xtest)} held-out rows")
    print(f"{'variant':34s} {'argmax agree':>12s} {'max|dlogit|':>12s} {'mean|dlogit|':>13s} {'size KB':>8s}")
    variants = {"fp32": fp32, "int8 dynamic per-tensor (default)": dyn,
                "int8 dynamic per-channel+reduce": pc, "int8 static QDQ (MinMax)": stat}
    for name, path in variants.items():
        s = compare(fp32, path, Xtest)
        print(f"{name:34s} {s['argmax_agreement']:12.4f} {s['max_abs_logit_diff']:12.4f} "
              f"{s['mean_abs_logit_diff']:13.4f} {path.stat().st_size / 1024:8.0f}")
    print(f"(quantize time: dynamic {t_dyn:.2f} s, static {t_stat:.2f} s)")

    with warnings.catch_warnings():  # torch.ao.quantization is deprecated in favour of torchao
        warnings.simplefilter("ignore")
        qmodel = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    rows = []
    for batch in (1, 1024):
        xb = np.ascontiguousarray(Xtest[:batch])
        for t in threads:
            torch.set_num_threads(t)
            r = {"batch": batch, "threads": t}
            rep = args.repeat if batch == 1 else max(20, args.repeat // 10)
            r["torch eager fp32"] = time_torch(model, torch.from_numpy(xb), rep)
            r["torch dyn int8"] = time_torch(qmodel, torch.from_numpy(xb), rep)
            for name, path in (("ORT fp32", fp32), ("ORT int8 dyn", dyn), ("ORT int8 pc", pc), ("ORT int8 static", stat)):
                r[name] = time_session(path, xb, threads=t, repeat=rep)
            rows.append(r)
    cols = [c for c in rows[0] if c not in ("batch", "threads")]
    print(f"\nmedian latency, ms per call (torch {torch.__version__}, {os.cpu_count()} CPUs)")
    print(f"{'batch':>5s} {'thr':>3s} " + " ".join(f"{c:>16s}" for c in cols))
    for r in rows:
        print(f"{r['batch']:5d} {r['threads']:3d} " + " ".join(f"{1e3 * r[c]:16.4f}" for c in cols))


if __name__ == "__main__":
    main()
