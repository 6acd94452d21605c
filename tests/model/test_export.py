"""ONNX export: fp32 parity, metadata round trip, int8 accuracy, atomic writes."""

from __future__ import annotations

import json
import warnings

import numpy as np
import onnx
import pytest
import torch

from fastind_model.export import (
    ONNX_FORMAT,
    compare,
    export_checkpoint,
    export_onnx,
    onnx_logits,
    quantize_int8,
    quantize_static_int8,
    read_metadata,
)
from fastind_model.features import FeatureSpec, StandardScaler
from fastind_model.model import ModelConfig, build_model
from fastind_model.train import TrainConfig, fit

from .synth import planted

SPEC = FeatureSpec.default(horizon=3)
N = len(SPEC.names)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A briefly trained model on a planted signal with the default feature count, plus held-out rows."""
    torch.set_num_threads(1)
    X, y = planted(n=6000, d=N, seed=1)
    scaler = StandardScaler().fit(X[:4000])
    Xs = scaler.transform(X)
    cfg = ModelConfig(input_size=N, hidden_size=64, num_layers=2, dropout=0.0)
    ckpt = tmp_path_factory.mktemp("ckpt") / "m.pt"
    res = fit(
        Xs[:4000], y[:4000], Xs[4000:5000], y[4000:5000],
        TrainConfig(epochs=4, batch_size=256, lr=3e-3, device="cpu", amp=False, progress=False, num_threads=1),
        cfg, ckpt, feature_spec=SPEC, feature_scaler=scaler,
    )
    out = tmp_path_factory.mktemp("onnx")
    fp32 = export_onnx(res.model, out / "m.onnx", SPEC, scaler)
    return {"model": res.model, "scaler": scaler, "Xtrain": Xs[:4000], "Xtest": Xs[5000:], "ytest": y[5000:],
            "fp32": fp32, "dir": out, "ckpt": ckpt}


def test_fp32_parity(trained):
    x = trained["Xtest"]
    with torch.no_grad():
        ref = trained["model"](torch.from_numpy(x)).numpy()
    got = onnx_logits(trained["fp32"], x)
    assert np.max(np.abs(ref - got)) <= 1e-5
    # dynamic batch axis: batch 1 and an odd size work on the same file
    assert onnx_logits(trained["fp32"], x[:1]).shape == (1, 2)
    assert onnx_logits(trained["fp32"], x[:37]).shape == (37, 2)


def test_graph_is_checked_and_uses_layernorm(trained):
    proto = onnx.load(str(trained["fp32"]))
    onnx.checker.check_model(proto)
    ops = {n.op_type for n in proto.graph.node}
    assert "LayerNormalization" in ops
    assert proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param == "batch"


def test_export_emits_no_warnings(tmp_path):
    model = build_model(ModelConfig(input_size=5, hidden_size=8, num_layers=1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        export_onnx(model, tmp_path / "w.onnx")


def test_metadata_round_trip(trained):
    meta = read_metadata(trained["fp32"])
    assert meta["fastind.format"] == ONNX_FORMAT
    assert FeatureSpec.from_json(meta["fastind.feature_spec"]) == SPEC
    sc = StandardScaler.from_dict(json.loads(meta["fastind.scaler"]))
    np.testing.assert_array_equal(sc.mean, trained["scaler"].mean)
    np.testing.assert_array_equal(sc.scale, trained["scaler"].scale)
    assert json.loads(meta["fastind.label"])["horizon"] == 3
    assert ModelConfig.from_dict(json.loads(meta["fastind.model_config"])) == trained["model"].config
    assert int(meta["fastind.n_features"]) == N
    import fastind

    assert meta["fastind.version"] == fastind.__version__


def test_int8_dynamic_accuracy_and_metadata(trained):
    int8 = quantize_int8(trained["fp32"], trained["dir"] / "m.int8.onnx")
    stats = compare(trained["fp32"], int8, trained["Xtest"])
    assert stats["argmax_agreement"] >= 0.99, stats
    meta8, meta32 = read_metadata(int8), read_metadata(trained["fp32"])
    assert meta8.pop("fastind.quantization") == "dynamic-int8"
    meta32.pop("fastind.quantization")
    assert meta8 == meta32
    ops = {n.op_type for n in onnx.load(str(int8)).graph.node}
    assert ops & {"MatMulInteger", "DynamicQuantizeMatMul"}, ops


def test_int8_per_channel_needs_reduce_range(trained, tmp_path):
    with pytest.raises(ValueError, match="reduce_range"):
        quantize_int8(trained["fp32"], tmp_path / "pc.onnx", per_channel=True)
    path = quantize_int8(trained["fp32"], tmp_path / "pc.onnx", per_channel=True, reduce_range=True)
    assert compare(trained["fp32"], path, trained["Xtest"])["argmax_agreement"] >= 0.98


def test_int8_static(trained, tmp_path):
    path = quantize_static_int8(trained["fp32"], tmp_path / "s.onnx", trained["Xtrain"], max_rows=1024)
    assert read_metadata(path)["fastind.quantization"] == "static-int8"
    assert compare(trained["fp32"], path, trained["Xtest"])["argmax_agreement"] >= 0.97


def test_export_checkpoint(trained, tmp_path):
    path = export_checkpoint(trained["ckpt"], tmp_path / "c.onnx")
    meta = read_metadata(path)
    assert FeatureSpec.from_json(meta["fastind.feature_spec"]) == SPEC


def test_atomic_write_keeps_old_file_on_failure(trained, tmp_path, monkeypatch):
    target = tmp_path / "a.onnx"
    target.write_bytes(b"old")
    model = build_model(ModelConfig(input_size=4, hidden_size=8, num_layers=1))

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(onnx, "save", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        export_onnx(model, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.onnx"]


def test_export_rejects_mismatched_spec_or_scaler(tmp_path):
    model = build_model(ModelConfig(input_size=4, hidden_size=8, num_layers=1))
    with pytest.raises(ValueError, match="feature_spec"):
        export_onnx(model, tmp_path / "x.onnx", SPEC)
    with pytest.raises(ValueError, match="scaler"):
        export_onnx(model, tmp_path / "x.onnx", None, StandardScaler().fit(np.zeros((3, 5))))


def test_quantize_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        quantize_int8(tmp_path / "nope.onnx", tmp_path / "q.onnx")
