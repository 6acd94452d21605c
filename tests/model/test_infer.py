"""Predictor: features and raw OHLCV in, probabilities out; equals the training pipeline."""

from __future__ import annotations

import numpy as np
import onnx
import pandas as pd
import pytest
import torch

from fastind_model.export import export_onnx, quantize_int8
from fastind_model.features import FeatureSpec, build_dataset
from fastind_model.infer import Predictor
from fastind_model.model import ModelConfig, build_model
from fastind_model.train import TrainConfig, predict_proba, train_walk_forward

from .synth import random_walk_panel

SPEC = FeatureSpec.default(horizon=2)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    torch.set_num_threads(1)
    panel = random_walk_panel(3, 260, seed=4, missing=0.02)
    wf = train_walk_forward(
        panel, SPEC, n_splits=1, test_size=40, val_size=0.2,
        train_config=TrainConfig(epochs=1, batch_size=128, device="cpu", amp=False, progress=False, num_threads=1),
        model_config={"hidden_size": 16, "num_layers": 1},
    )
    path = export_onnx(wf.final_model, tmp_path_factory.mktemp("p") / "m.onnx", SPEC, wf.final_scaler)
    return panel, wf, path


def _reference(panel, wf):
    data = build_dataset(panel, SPEC)
    X = wf.final_scaler.transform(data[SPEC.names].to_numpy(np.float64))
    data["ref"] = predict_proba(wf.final_model, X)[:, 1]
    return data[["symbol", "date", "ref"]]


def test_ohlcv_panel_matches_training_pipeline(pipeline):
    panel, wf, path = pipeline
    pred = Predictor(path)
    shuffled = panel.sample(frac=1.0, random_state=0)  # row order and index must not matter
    out = pred.predict_proba_ohlcv(shuffled)
    assert out.index.equals(shuffled.index)
    got = shuffled[["symbol", "date"]].join(out)
    merged = got[got["valid"]].merge(_reference(panel, wf), on=["symbol", "date"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), "valid rows differ from build_dataset's rows"
    np.testing.assert_allclose(merged["proba"], merged["ref"], atol=1e-5)
    assert got.loc[~got["valid"], "proba"].isna().all()
    valid = out[out["valid"]]
    np.testing.assert_allclose(valid["proba_0"] + valid["proba_1"], 1.0, atol=1e-9)


def test_single_symbol_frame_and_dict(pipeline):
    panel, wf, path = pipeline
    pred = Predictor(path, intra_op_threads=1)
    one = panel[panel["symbol"] == "S001"].drop(columns="symbol").set_index("date")
    one.columns = [c.upper() for c in one.columns]  # case-insensitive columns
    out = pred.predict_proba_ohlcv(one)
    assert out.index.equals(one.index)
    # lookback rows are present, invalid and NaN
    assert not out["valid"].iloc[: SPEC.lookback].any()
    assert out["proba"].iloc[: SPEC.lookback].isna().all()
    ref = _reference(panel, wf)
    ref = ref[ref["symbol"] == "S001"].set_index("date")["ref"]
    np.testing.assert_allclose(out.loc[ref.index, "proba"], ref, atol=1e-5)
    as_dict = pred.predict_proba_ohlcv({"S001": one})
    pd.testing.assert_frame_equal(as_dict["S001"], out)


def test_nan_bar_marks_rows_invalid(pipeline):
    panel, _, path = pipeline
    one = panel[panel["symbol"] == "S000"].drop(columns="symbol").reset_index(drop=True)
    one.loc[150, "close"] = np.nan
    out = Predictor(path).predict_proba_ohlcv(one)
    assert not out.loc[150, "valid"] and np.isnan(out.loc[150, "proba"])
    assert out.loc[140, "valid"]


def test_predict_proba_features_and_threads(pipeline):
    _, wf, path = pipeline
    X = np.random.default_rng(0).normal(size=(300, len(SPEC.names))).astype(np.float32)
    ref = predict_proba(wf.final_model, X)
    for threads in (None, 1, 2):
        pred = Predictor(path, intra_op_threads=threads)
        np.testing.assert_allclose(pred.predict_proba(X), ref, atol=1e-5)
        np.testing.assert_allclose(pred.predict_proba(X[0]), ref[:1], atol=1e-5)
    assert pred.predict_proba(X[:0]).shape == (0, 2)
    Xn = X.copy()
    Xn[3, 0] = np.nan
    p = pred.predict_proba(Xn)
    assert np.isnan(p[3]).all() and np.isfinite(p[4]).all()


def test_int8_predictor(pipeline, tmp_path):
    panel, _, path = pipeline
    int8 = quantize_int8(path, tmp_path / "m8.onnx")
    p8 = Predictor(int8)
    assert p8.quantization == "dynamic-int8"
    a = Predictor(path).predict_proba_ohlcv(panel)
    b = p8.predict_proba_ohlcv(panel)
    assert (a["valid"] == b["valid"]).all()
    assert np.nanmax(np.abs(a["proba"] - b["proba"])) < 0.05


# ------------------------------------------------------------------------------------- errors


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        Predictor(tmp_path / "nope.onnx")


def test_corrupted_file(pipeline, tmp_path):
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"\x00garbage" * 50)
    with pytest.raises(ValueError, match="not a loadable ONNX model"):
        Predictor(bad)
    truncated = tmp_path / "trunc.onnx"
    truncated.write_bytes(pipeline[2].read_bytes()[:500])
    with pytest.raises(ValueError):
        Predictor(truncated)


def test_no_metadata(tmp_path):
    model = build_model(ModelConfig(input_size=4, hidden_size=8, num_layers=1))
    path = export_onnx(model, tmp_path / "plain.onnx")
    proto = onnx.load(str(path))
    del proto.metadata_props[:]
    onnx.save(proto, str(path))
    with pytest.raises(ValueError, match="no fastind metadata"):
        Predictor(path)


def test_metadata_without_spec_cannot_do_ohlcv(pipeline, tmp_path):
    model = build_model(ModelConfig(input_size=len(SPEC.names), hidden_size=8, num_layers=1))
    pred = Predictor(export_onnx(model, tmp_path / "nospec.onnx"))
    assert pred.predict_proba(np.zeros((2, len(SPEC.names)))).shape == (2, 2)
    with pytest.raises(ValueError, match="no feature spec"):
        pred.predict_proba_ohlcv(pipeline[0])


def test_mismatched_metadata(pipeline, tmp_path):
    proto = onnx.load(str(pipeline[2]))
    for p in proto.metadata_props:
        if p.key == "fastind.n_features":
            p.value = "7"
    path = tmp_path / "mm.onnx"
    onnx.save(proto, str(path))
    with pytest.raises(ValueError, match="7 features"):
        Predictor(path)


def test_wrong_feature_count_and_columns(pipeline):
    panel, _, path = pipeline
    pred = Predictor(path)
    with pytest.raises(ValueError, match=f"\\(rows, {len(SPEC.names)}\\)"):
        pred.predict_proba(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="lacks columns"):
        pred.predict_proba_ohlcv(panel.drop(columns="volume"))
