"""fastind-model CLI: end-to-end run on a tiny synthetic market, file input, clean errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

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


def test_run_end_to_end(tmp_path, capsys):
    out = tmp_path / "run"
    rc = main(TINY + ["run", "--out", str(out)] + TINY_DATA + TINY_TRAIN)
    assert rc == 0
    printed = capsys.readouterr().out
    assert "test accuracy" in printed and "Sharpe" in printed
    report = json.loads((out / "report.json").read_text())
    for key in ("test_accuracy", "baseline_accuracy", "test_auc", "test_log_loss", "run_seconds",
                "strategy_sharpe", "buy_hold_sharpe", "onnx_fp32_max_abs_diff", "int8_argmax_agreement"):
        assert key in report
    assert 0.0 <= report["test_accuracy"] <= 1.0
    assert 0.0 <= report["baseline_accuracy"] <= 1.0
    assert 0.0 <= report["test_auc"] <= 1.0
    assert 0.0 < report["test_log_loss"] < 10.0
    assert report["n_test"] > 0 and report["run_seconds"] > 0
    assert math.isfinite(report["backtest"]["strategy_total_return"])
    md = (out / "report.md").read_text()
    for png in ("equity.png", "training.png", "roc.png"):
        assert (out / png).stat().st_size > 1000
        assert png in md
    assert (out / "model.pt").is_file()
    if _has_onnx():
        assert isinstance(report["onnx"], dict), report["onnx"]
        assert (out / "model.onnx").is_file() and (out / "model.int8.onnx").is_file()
        assert report["onnx_fp32_max_abs_diff"] < 1e-4
        assert report["int8_argmax_agreement"] > 0.9
    else:
        assert report["onnx"].startswith("not available")

    # predict from the trained checkpoint
    rc = main(TINY + ["predict", "--model", str(out / "model.pt")] + TINY_DATA)
    assert rc == 0
    assert "P(up)=" in capsys.readouterr().out


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
    rc = main(TINY + ["run", "--out", str(out), "--data", str(folder), "--skip-onnx"] + TINY_TRAIN)
    assert rc == 0
    report = json.loads((out / "report.json").read_text())
    assert report["data"]["n_symbols"] == 2
    assert report["data"]["description"].startswith("files")


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
