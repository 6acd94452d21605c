"""Export a trained :class:`~fastind_model.model.ResidualMLP` to ONNX (fp32) and int8.

The ONNX file is self-describing: its ``metadata_props`` carry everything a predictor needs to go
from raw OHLCV to probabilities (see :data:`META_KEYS`):

    fastind.format        "fastind-onnx/1"
    fastind.version       fastind version that wrote the file
    fastind.feature_spec  FeatureSpec JSON (features in column order + label horizon)
    fastind.scaler        StandardScaler JSON (mean/scale per column, fitted on training rows)
    fastind.label         {"horizon": h, "definition": ...}
    fastind.model_config  ModelConfig JSON
    fastind.n_features    number of model inputs
    fastind.quantization  "none", "dynamic-int8", "dynamic-int8-per-channel", "static-int8"

Export uses the legacy TorchScript exporter (``dynamo=False``, opset 17: LayerNormalization stays
one node, no onnxscript needed) with a dynamic batch axis. int8 defaults to
``quant_pre_process`` + ``quantize_dynamic(QInt8, per_channel=False)`` (DESIGN.md §5). All files
are written to a temporary file in the target directory and moved into place with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import onnx
import torch

from .features import FeatureSpec, StandardScaler
from .model import ModelConfig

__all__ = [
    "ONNX_FORMAT",
    "INPUT_NAME",
    "OUTPUT_NAME",
    "META_KEYS",
    "export_onnx",
    "export_checkpoint",
    "read_metadata",
    "quantize_int8",
    "quantize_static_int8",
    "compare",
    "onnx_logits",
]

ONNX_FORMAT = "fastind-onnx/1"
INPUT_NAME = "features"
OUTPUT_NAME = "logits"
META_KEYS = (
    "fastind.format",
    "fastind.version",
    "fastind.feature_spec",
    "fastind.scaler",
    "fastind.label",
    "fastind.model_config",
    "fastind.n_features",
    "fastind.quantization",
)
LABEL_DEFINITION = "1 if close[t+h] > close[t] else 0 (class 1 = close rises over h bars)"


def _fastind_version() -> str:
    try:
        import fastind

        return str(getattr(fastind, "__version__", "unknown"))
    except Exception:  # pragma: no cover - fastind is a hard dependency, but never fail an export on it
        return "unknown"


@contextlib.contextmanager
def _atomic_target(path: Path):
    """Yield a temp path next to ``path``; on success move it onto ``path`` with os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _save_atomic(model: onnx.ModelProto, path: Path) -> None:
    with _atomic_target(path) as tmp:
        onnx.save(model, str(tmp))


def _metadata(
    model_config: ModelConfig | None,
    feature_spec: FeatureSpec | None,
    scaler: StandardScaler | None,
    n_features: int,
    quantization: str,
    extra: Mapping[str, Any] | None,
) -> dict[str, str]:
    meta = {
        "fastind.format": ONNX_FORMAT,
        "fastind.version": _fastind_version(),
        "fastind.n_features": str(n_features),
        "fastind.quantization": quantization,
    }
    if model_config is not None:
        meta["fastind.model_config"] = json.dumps(model_config.to_dict(), sort_keys=True)
    if feature_spec is not None:
        meta["fastind.feature_spec"] = feature_spec.to_json()
        meta["fastind.label"] = json.dumps({"horizon": feature_spec.horizon, "definition": LABEL_DEFINITION})
    if scaler is not None:
        if scaler.mean is None:
            raise ValueError("scaler is not fitted")
        d = scaler.to_dict()
        if d.get("names") is None and feature_spec is not None:
            d["names"] = feature_spec.names
        meta["fastind.scaler"] = json.dumps(d)
    for k, v in (extra or {}).items():
        meta[str(k)] = v if isinstance(v, str) else json.dumps(v)
    return meta


def _set_metadata(model: onnx.ModelProto, meta: Mapping[str, str]) -> None:
    existing = {p.key: p for p in model.metadata_props}
    for k, v in meta.items():
        if k in existing:
            existing[k].value = v
        else:
            p = model.metadata_props.add()
            p.key, p.value = k, v


def read_metadata(path: str | os.PathLike | onnx.ModelProto) -> dict[str, str]:
    """Raw ``metadata_props`` of an ONNX file as a dict of strings."""
    model = path if isinstance(path, onnx.ModelProto) else onnx.load(str(path), load_external_data=False)
    return {p.key: p.value for p in model.metadata_props}


def export_onnx(
    model: torch.nn.Module,
    path: str | os.PathLike,
    feature_spec: FeatureSpec | None = None,
    scaler: StandardScaler | None = None,
    *,
    model_config: ModelConfig | None = None,
    opset_version: int = 17,
    check: bool = True,
    verify: bool = True,
    atol: float = 1e-5,
    extra_metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Export ``model`` (eval mode, CPU fp32 copy) to ONNX at ``path`` with a dynamic batch axis.

    Input ``features`` float32 (batch, n_features) — already scaled; output ``logits`` (batch,
    classes). ``feature_spec``/``scaler``/``model_config`` are embedded as JSON metadata (the
    config defaults to ``model.config``). ``check`` runs ``onnx.checker.check_model``; ``verify``
    compares ONNX Runtime against torch on random inputs and raises if max |Δ| > ``atol``.
    """
    path = Path(path)
    model_config = model_config or getattr(model, "config", None)
    n_features = model_config.input_size if model_config is not None else None
    if n_features is None:
        first = next(m for m in model.modules() if isinstance(m, torch.nn.Linear))
        n_features = first.in_features
    if feature_spec is not None and len(feature_spec.names) != n_features:
        raise ValueError(f"feature_spec has {len(feature_spec.names)} features but the model takes {n_features}")
    if scaler is not None and scaler.mean is not None and len(scaler.mean) != n_features:
        raise ValueError(f"scaler has {len(scaler.mean)} columns but the model takes {n_features}")

    # export a CPU fp32 eval copy; never change the caller's module state
    import copy

    cpu_model = copy.deepcopy(model).to("cpu").float().eval()
    dummy = torch.zeros(2, n_features, dtype=torch.float32)
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        # the legacy exporter is deprecated in torch ≥ 2.9 and says so; it is chosen on purpose
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        warnings.filterwarnings("ignore", message=".*legacy.*")
        warnings.filterwarnings("ignore", message=".*dynamo.*")
        torch.onnx.export(
            cpu_model,
            (dummy,),
            buf,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
            opset_version=opset_version,
            do_constant_folding=True,
            dynamo=False,
        )
    proto = onnx.load_from_string(buf.getvalue())
    proto.doc_string = "fastind residual-MLP direction classifier; input = scaled features"
    _set_metadata(proto, _metadata(model_config, feature_spec, scaler, n_features, "none", extra_metadata))
    if check:
        onnx.checker.check_model(proto)
    _save_atomic(proto, path)

    if verify:
        x = np.random.default_rng(0).normal(size=(64, n_features)).astype(np.float32)
        with torch.no_grad():
            ref = cpu_model(torch.from_numpy(x)).numpy()
        got = onnx_logits(path, x)
        diff = float(np.max(np.abs(ref - got)))
        if diff > atol:
            raise RuntimeError(f"ONNX Runtime differs from torch by {diff:.3g} > {atol:g}")
    return path


def export_checkpoint(checkpoint: str | os.PathLike, path: str | os.PathLike, **kwargs) -> Path:
    """Export a :func:`fastind_model.train.fit` checkpoint (model + its stored spec and scaler)."""
    from .train import load_model

    loaded = load_model(checkpoint)
    return export_onnx(
        loaded.model, path, loaded.feature_spec, loaded.feature_scaler, model_config=loaded.model_config, **kwargs
    )


# ------------------------------------------------------------------------------------ runtime


def _session(path: str | os.PathLike, threads: int | None = 1):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    if threads is not None:
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


def onnx_logits(path_or_session, X, batch_size: int = 65536) -> np.ndarray:
    """Logits of an exported model on an already-scaled float32 feature matrix."""
    sess = _session(path_or_session) if isinstance(path_or_session, (str, os.PathLike)) else path_or_session
    X = np.ascontiguousarray(X, dtype=np.float32)
    name = sess.get_inputs()[0].name
    outs = [sess.run(None, {name: X[i : i + batch_size]})[0] for i in range(0, max(len(X), 1), batch_size)]
    return np.concatenate(outs) if len(X) else np.empty((0, sess.get_outputs()[0].shape[1] or 2), np.float32)


def compare(fp32_path: str | os.PathLike, int8_path: str | os.PathLike, X) -> dict:
    """Agreement of two exported models on a scaled feature matrix: argmax agreement, max and mean
    |Δlogit|, max |Δ P(class 1)|."""
    a = onnx_logits(fp32_path, X)
    b = onnx_logits(int8_path, X)

    def softmax(z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    d = np.abs(a - b)
    return {
        "argmax_agreement": float(np.mean(a.argmax(1) == b.argmax(1))) if len(a) else float("nan"),
        "max_abs_logit_diff": float(d.max()) if d.size else 0.0,
        "mean_abs_logit_diff": float(d.mean()) if d.size else 0.0,
        "max_abs_proba_diff": float(np.abs(softmax(a) - softmax(b))[:, -1].max()) if len(a) else 0.0,
        "n": int(len(a)),
    }


# ------------------------------------------------------------------------------- quantization


def _preprocess(fp32_path: Path, out: Path) -> None:
    from onnxruntime.quantization import quant_pre_process

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quant_pre_process(str(fp32_path), str(out))


def _finish(q_path: Path, target: Path, meta: Mapping[str, str], quantization: str) -> Path:
    proto = onnx.load(str(q_path))
    del proto.metadata_props[:]
    _set_metadata(proto, {**meta, "fastind.quantization": quantization})
    onnx.checker.check_model(proto)
    _save_atomic(proto, target)
    return target


def quantize_int8(
    fp32_path: str | os.PathLike,
    int8_path: str | os.PathLike,
    per_channel: bool = False,
    reduce_range: bool = False,
) -> Path:
    """Dynamic int8 (weights QInt8, activations quantised at run time) after ``quant_pre_process``.

    Per-tensor by default. ``per_channel=True`` requires ``reduce_range=True``: without it, 8-bit
    per-channel weights overflow the u8×s8 pairwise sums on AVX2 CPUs without VNNI and accuracy
    drops several-fold (DESIGN.md §5). Metadata is copied from the fp32 file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if per_channel and not reduce_range:
        raise ValueError("per_channel=True needs reduce_range=True (7-bit weights) to stay accurate on non-VNNI CPUs")
    fp32_path, int8_path = Path(fp32_path), Path(int8_path)
    if not fp32_path.is_file():
        raise FileNotFoundError(f"no ONNX model at {fp32_path}")
    meta = read_metadata(fp32_path)
    with tempfile.TemporaryDirectory(dir=int8_path.parent if int8_path.parent.exists() else None) as tmp:
        pre, q = Path(tmp) / "pre.onnx", Path(tmp) / "q.onnx"
        _preprocess(fp32_path, pre)
        quantize_dynamic(
            str(pre), str(q), weight_type=QuantType.QInt8, per_channel=per_channel, reduce_range=reduce_range
        )
        kind = "dynamic-int8-per-channel" if per_channel else "dynamic-int8"
        return _finish(q, int8_path, meta, kind)


class _ArrayReader:
    """CalibrationDataReader over rows of a scaled feature matrix, in batches."""

    def __init__(self, X: np.ndarray, batch_size: int = 256) -> None:
        self._batches = iter([X[i : i + batch_size] for i in range(0, len(X), batch_size)])

    def get_next(self):
        batch = next(self._batches, None)
        return None if batch is None else {INPUT_NAME: batch}

    def rewind(self):  # pragma: no cover - not used by MinMax calibration
        raise NotImplementedError


def quantize_static_int8(
    fp32_path: str | os.PathLike,
    int8_path: str | os.PathLike,
    calibration_X,
    *,
    max_rows: int = 4096,
    per_channel: bool = False,
    reduce_range: bool = False,
) -> Path:
    """Static int8 (QDQ, activations QInt8 with MinMax ranges calibrated on ``calibration_X``, the
    scaled TRAINING features). Kept as an option; dynamic quantisation is the default (see
    docs/export.md for the comparison)."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    fp32_path, int8_path = Path(fp32_path), Path(int8_path)
    if not fp32_path.is_file():
        raise FileNotFoundError(f"no ONNX model at {fp32_path}")
    X = np.ascontiguousarray(calibration_X, dtype=np.float32)
    if len(X) > max_rows:
        X = X[np.random.default_rng(0).choice(len(X), max_rows, replace=False)]
    meta = read_metadata(fp32_path)

    class Reader(_ArrayReader, CalibrationDataReader):
        pass

    with tempfile.TemporaryDirectory(dir=int8_path.parent if int8_path.parent.exists() else None) as tmp:
        pre, q = Path(tmp) / "pre.onnx", Path(tmp) / "q.onnx"
        _preprocess(fp32_path, pre)
        quantize_static(
            str(pre), str(q), Reader(X), quant_format=QuantFormat.QDQ, per_channel=per_channel,
            reduce_range=reduce_range, activation_type=QuantType.QInt8, weight_type=QuantType.QInt8,
        )
        return _finish(q, int8_path, meta, "static-int8")


def time_session(path: str | os.PathLike, X, *, threads: int | None = 1, repeat: int = 200, warmup: int = 20) -> float:
    """Median seconds per ``run`` of an exported model on X (for the benchmark and the docs)."""
    sess = _session(path, threads)
    X = np.ascontiguousarray(X, dtype=np.float32)
    feed = {sess.get_inputs()[0].name: X}
    for _ in range(warmup):
        sess.run(None, feed)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        sess.run(None, feed)
        times.append(time.perf_counter() - t0)
    return float(np.median(times))
