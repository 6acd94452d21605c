"""fastind-model CLI: end-to-end run on a tiny synthetic market, file input, clean errors."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from fastind_model.cli import build_parser, main, train_config  # noqa: E402
from fastind_model.data import synthetic_market  # noqa: E402

TINY = ["--no-progress"]
TINY_DATA = ["--n-symbols", "2", "--n-days", "400"]
TINY_TRAIN = ["--epochs", "1", "--hidden-size", "16", "--num-layers", "1"]


def _has_onnx() -> bool:
    try:
        import fastind_model.export  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny") / "run"
    assert main(TINY + ["run", "--out", str(out)] + TINY_DATA + TINY_TRAIN) == 0
    return out


def test_run_end_to_end(tiny_run, capsys):
    out = tiny_run
    report = json.loads((out / "report.json").read_text())
    for key in ("test_accuracy", "baseline_accuracy", "test_auc", "test_log_loss", "prior_log_loss", "run_seconds",
                "strategy_sharpe", "buy_hold_sharpe", "onnx_fp32_max_abs_diff", "int8_argmax_agreement",
                "metrics", "backtest", "calibration", "final_model", "test", "warnings"):
        assert key in report
    assert 0.0 <= report["test_accuracy"] <= 1.0
    assert 0.0 <= report["baseline_accuracy"] <= 1.0
    assert 0.0 <= report["test_auc"] <= 1.0
    assert 0.0 < report["test_log_loss"] < 10.0
    assert report["n_test"] > 0 and report["run_seconds"] > 0
    assert set(report["metrics"]) == {"network", "prior", "logistic", "hgb"}
    assert report["metrics"]["prior"]["accuracy"] == pytest.approx(report["baseline_accuracy"])
    assert report["log_loss_worse_than_prior"] == (report["test_log_loss"] >= report["prior_log_loss"])
    if report["log_loss_worse_than_prior"]:
        assert any("worse than the constant prior" in w for w in report["warnings"])
    bt = report["backtest"]
    for key in ("long_flat", "long_short", "buy_hold"):
        assert math.isfinite(bt[key]["total_return"]) and len(bt[key]["sharpe_ci"]) == 2
    assert set(bt["baselines"]) == {"logistic", "hgb"}
    assert bt["settings"]["execution"] == "next_close" and bt["settings"]["periods_per_year"] == 252
    assert 0 < report["calibration"]["brier"] < 1 and report["calibration"]["reliability"]
    md = (out / "report.md").read_text()
    for png in ("equity.png", "training.png", "roc.png", "calibration.png"):
        assert (out / png).stat().st_size > 1000
        assert png in md
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["files"]) == {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert (out / "model.pt").is_file()
    if _has_onnx():
        assert isinstance(report["onnx"], dict), report["onnx"]
        assert (out / "model.onnx").is_file() and (out / "model.int8.onnx").is_file()
        assert report["onnx_fp32_max_abs_diff"] < 1e-4
        assert report["int8_argmax_agreement"] > 0.9
        wf = report["onnx"]["walk_forward"]
        assert wf["n"] == report["n_test"]
        assert wf["fp32"]["auc"] == pytest.approx(report["test_auc"], abs=1e-4)  # the folds' own models
        assert abs(wf["int8"]["auc"] - wf["fp32"]["auc"]) < 0.05 and math.isfinite(wf["int8"]["sharpe"])
        assert report["int8_test_auc"] == wf["int8"]["auc"]
    else:
        assert report["onnx"].startswith("not available")


def test_exported_model_is_the_refit_on_all_data(tiny_run):
    from fastind_model.features import FeatureSpec, build_dataset
    from fastind_model.train import load_model

    report = json.loads((tiny_run / "report.json").read_text())
    lm = load_model(tiny_run / "model.pt")
    data = build_dataset(synthetic_market(2, 400, 7), FeatureSpec.default())
    labeled = data[data["label"].notna()]
    assert report["final_model"]["n_rows"] == len(labeled)
    np.testing.assert_allclose(lm.feature_scaler.mean, labeled[lm.feature_spec.names].to_numpy().mean(axis=0))
    assert lm.checkpoint["epoch"] == report["final_model"]["epochs"]
    # the last fold's model saw only the dates before its test block
    last = load_model(tiny_run / "checkpoints" / "fold2.pt")
    assert not np.allclose(last.feature_scaler.mean, lm.feature_scaler.mean)
    if _has_onnx():
        from fastind_model.export import read_metadata

        meta = json.loads(read_metadata(tiny_run / "model.onnx")["fastind.scaler"])
        np.testing.assert_allclose(meta["mean"], lm.feature_scaler.mean)


@pytest.mark.parametrize("name", ["model.pt", "model.onnx", "model.int8.onnx"])
def test_predict_from_every_model_file(tiny_run, tmp_path, capsys, name):
    # before: .onnx crashed with AttributeError: 'Predictor' object has no attribute 'predict'
    if name != "model.pt" and not _has_onnx():
        pytest.skip("onnxruntime not installed")
    capsys.readouterr()
    csv = tmp_path / "p.csv"
    rc = main(TINY + ["predict", "--model", str(tiny_run / name), "--out", str(csv)] + TINY_DATA)
    assert rc == 0, capsys.readouterr().err
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "P(up)=" in ln]
    assert [ln.split("\t")[0] for ln in lines] == ["SYN00", "SYN01"]
    import pandas as pd

    got = pd.read_csv(csv)
    assert list(got.columns) == ["symbol", "date", "proba"] and got["proba"].between(0, 1).all()
    if name != "model.pt":  # the same numbers as the checkpoint's, up to int8 rounding
        assert main(TINY + ["predict", "--model", str(tiny_run / "model.pt"), "--out", str(tmp_path / "ref.csv")]
                    + TINY_DATA) == 0
        ref = pd.read_csv(tmp_path / "ref.csv")
        assert (got[["symbol", "date"]] == ref[["symbol", "date"]]).all().all()
        np.testing.assert_allclose(got["proba"], ref["proba"], atol=1e-5 if name == "model.onnx" else 0.05)


def test_run_skip_onnx(tmp_path):
    out = tmp_path / "r"
    assert main(TINY + ["run", "--out", str(out), "--skip-onnx"] + TINY_DATA + TINY_TRAIN) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["onnx"].startswith("not available")
    assert report["onnx_fp32_max_abs_diff"] is None


def test_run_with_csv_folder(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    panel = synthetic_market(2, 400, 3)
    for sym, rows in panel.groupby("symbol"):
        rows.drop(columns="symbol").to_csv(folder / f"{sym}.csv", index=False)
    out = tmp_path / "run"
    rc = main(TINY + ["run", "--out", str(out), "--data", str(folder)] + TINY_TRAIN)
    assert rc == 0
    report = json.loads((out / "report.json").read_text())
    assert report["data"]["n_symbols"] == 2
    assert report["data"]["description"].startswith("files")
    assert {"prior", "logistic", "hgb"} <= set(report["metrics"])
    assert report["calibration"]["reliability"] and (out / "calibration.png").is_file()
    assert report["backtest"]["settings"]["horizon"] == 1 and report["final_model"]["epochs"] >= 1
    if _has_onnx():
        assert (out / "model.onnx").is_file() and report["onnx"]["walk_forward"]["int8"]["auc"] > 0


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert err, "expected an error line"
    assert "Traceback" not in "\n".join(err)
    return err[-1]


@pytest.mark.parametrize("flags, amp, amp_dtype, compiled", [
    ([], True, None, False),
    (["--precision", "fp32"], False, None, False),
    (["--precision", "bf16", "--compile"], True, "bfloat16", True),
    (["--precision", "fp16"], True, "float16", False),
])
def test_precision_and_compile_flags(flags, amp, amp_dtype, compiled):
    args = build_parser().parse_args(["run", "--out", "x", *flags])
    tc = train_config(args)
    assert (tc.amp, tc.amp_dtype, tc.compile) == (amp, amp_dtype, compiled)


def test_bad_path_is_one_line_error(tmp_path, capsys):
    rc = main(TINY + ["run", "--out", str(tmp_path / "o"), "--data", str(tmp_path / "missing.csv")])
    assert rc != 0
    line = _one_line_error(capsys)
    assert line.startswith("fastind-model: error:") and "missing.csv" in line


def test_missing_column_is_clean_error(tmp_path, capsys):
    bad = tmp_path / "BAD.csv"
    bad.write_text("date,open,high,low,price,volume\n2020-01-01,1,2,0.5,1.5,10\n")
    rc = main(TINY + ["run", "--out", str(tmp_path / "o"), "--data", str(bad)])
    assert rc != 0
    line = _one_line_error(capsys)
    assert line.startswith("fastind-model: error:") and "close" in line


def test_unknown_symbol_is_clean_error(tmp_path, capsys):
    rc = main(TINY + ["train", "--out", str(tmp_path / "o"), "--symbols", "NOPE", "--source", "synthetic"] + TINY_DATA)
    assert rc != 0
    assert "NOPE" in _one_line_error(capsys)


def test_export_missing_model(tmp_path, capsys):
    rc = main(TINY + ["export", "--model", str(tmp_path / "nope.pt"), "--out", str(tmp_path)])
    assert rc != 0
    assert "nope.pt" in _one_line_error(capsys)


def test_fetch_all_failed_is_clean_error(tmp_path, capsys, monkeypatch):
    import fastind_model._cache as cache

    def boom(symbol, start, end, interval):
        raise ConnectionError("offline")

    real = cache.fetch_cached

    def fake(symbols, cache_dir, **kw):
        kw.pop("progress", None)
        return real(symbols, cache_dir, fetch_one=boom, retries=0, progress=False, **kw)

    monkeypatch.setattr(cache, "fetch_cached", fake)
    import fastind_model.data as data

    monkeypatch.setattr(data, "fetch_cached", fake, raising=False)
    rc = main(TINY + ["fetch", "--symbols", "AAA,BBB", "--cache-dir", str(tmp_path / "cache")])
    assert rc != 0
    line = _one_line_error(capsys)
    assert line.startswith("fastind-model: error:")
