"""fastind-model CLI: output folders that hold one run, one-line errors, bar frequencies, help."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

from fastind_model import cli  # noqa: E402
from fastind_model.cli import build_parser, main, train_config  # noqa: E402
from fastind_model.data import synthetic_market  # noqa: E402

TINY_DATA = ["--n-symbols", "2", "--n-days", "400"]
# options that the CLI had before issue 24 too, so that each defect's test fails there on its
# numbers or files, not on an unknown option
FAST = ["--epochs", "1", "--hidden-size", "8", "--num-layers", "1", "--skip-onnx"]


def _error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert err and "Traceback" not in "\n".join(err)
    assert err[-1].startswith("fastind-model: error:")
    return err[-1]


# ------------------------------------------------------------------------------ output folder


def test_rerun_replaces_the_previous_run_as_a_whole(tmp_path):
    out = tmp_path / "run"
    assert main(["--no-progress", "run", "--out", str(out), "--seed", "0"] + TINY_DATA + FAST) == 0
    (out / "checkpoints" / "fold9.pt").write_bytes(b"from an older run")
    assert main(["--no-progress", "run", "--out", str(out), "--seed", "1"] + TINY_DATA + FAST) == 0
    assert not (out / "checkpoints" / "fold9.pt").exists()  # before: files of two runs side by side
    report = json.loads((out / "report.json").read_text())
    manifest = json.loads((out / "manifest.json").read_text())
    assert report["config"]["seed"] == 1 and manifest["seed"] == 1
    assert set(manifest["files"]) == {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no staging folders left


def test_failed_run_leaves_no_folder_and_keeps_a_previous_run(tmp_path, capsys, monkeypatch):
    out = tmp_path / "run"
    assert main(["--no-progress", "run", "--out", str(out), "--n-days", "60"] + TINY_DATA[:2] + FAST) == 2
    assert "bars per symbol" in _error_line(capsys)
    assert not out.exists() and list(tmp_path.iterdir()) == []  # before: an empty folder
    assert main(["--no-progress", "run", "--out", str(out)] + TINY_DATA + FAST) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def killed(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_refit", killed)  # interrupted after the folds were written
    assert main(["--no-progress", "run", "--out", str(out), "--seed", "3"] + TINY_DATA + FAST) == 130
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_out_folder_with_other_files_is_refused(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["--no-progress", "run", "--out", str(tmp_path)] + TINY_DATA + FAST) == 2
    assert "not a fastind-model run" in _error_line(capsys)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# ------------------------------------------------------------------------------ errors


def test_missing_yfinance_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "yfinance", None)  # import yfinance raises ImportError
    assert main(["--no-progress", "fetch", "--symbols", "AAA", "--cache-dir", str(tmp_path / "c")]) == 2
    assert "pip install" in _error_line(capsys)
    assert main(["--no-progress", "run", "--out", str(tmp_path / "o"), "--symbols", "AAA", "--cache-dir", str(tmp_path / "c")] + FAST) == 2
    assert "pip install" in _error_line(capsys)
    assert not (tmp_path / "o").exists()


def test_non_positive_close_in_a_csv_is_one_line(tmp_path, capsys):
    bars = synthetic_market(1, 400, 3).drop(columns="symbol")
    bars.loc[123, "close"] = 0.0
    bars.to_csv(tmp_path / "ZERO.csv", index=False)
    assert main(["--no-progress", "run", "--out", str(tmp_path / "o"), "--data", str(tmp_path / "ZERO.csv")] + FAST) == 2
    line = _error_line(capsys)
    assert "non-positive close 0 at row 123" in line and "ZERO" in line


def test_unexpected_error_is_still_one_line(tmp_path, capsys, monkeypatch):
    def bug(*a, **k):
        raise TypeError("boom")

    monkeypatch.setattr(cli, "_load", bug)
    assert main(["--no-progress", "run", "--out", str(tmp_path / "o")] + FAST) == 3
    assert "internal error (TypeError: boom)" in _error_line(capsys)


# ------------------------------------------------------------------------------ frequencies


def _hourly(symbol: str, days: int, seed: int) -> pd.DataFrame:
    stamps = pd.DatetimeIndex([d + pd.Timedelta(hours=9.5 + h) for d in pd.bdate_range("2023-01-02", periods=days)
                               for h in range(7)])
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(0.003 * rng.standard_normal(stamps.size)))
    return pd.DataFrame({"date": stamps, "open": close, "high": close * 1.001, "low": close * 0.999,
                         "close": close, "volume": 1e5})


def _equity_returns(out, column="buy_hold"):
    equity = pd.read_csv(out / "equity.csv", parse_dates=["date"])
    return equity["date"], np.diff(np.r_[1.0, equity[column].to_numpy()]) / np.r_[1.0, equity[column].to_numpy()][:-1]


def test_hourly_data_is_annualised_per_hour(tmp_path):
    folder = tmp_path / "h"
    folder.mkdir()
    for i, sym in enumerate(("H1", "H2")):
        _hourly(sym, 60, i).to_csv(folder / f"{sym}.csv", index=False)
    out = tmp_path / "o"
    assert main(["--no-progress", "run", "--out", str(out), "--data", str(folder)] + FAST) == 0
    report = json.loads((out / "report.json").read_text())
    _, r = _equity_returns(out)
    # 7 hourly bars a day, 252 days: before, √252 whatever the bar interval
    assert report["buy_hold_sharpe"] == pytest.approx(r.mean() / r.std(ddof=1) * np.sqrt(7 * 252), rel=1e-6)
    assert report["data"]["intervals"] == {"H1": "1h", "H2": "1h"}
    assert all("mixed" not in w for w in report["warnings"])


def test_horizon_five_buy_and_hold_earns_one_bar_returns(tmp_path):
    # before: each date's 5-bar forward return was compounded every day (+102 % for a true +14 %)
    market = synthetic_market(1, 500, 5)
    market.drop(columns="symbol").to_csv(tmp_path / "ONE.csv", index=False)
    out = tmp_path / "o"
    assert main(["--no-progress", "run", "--out", str(out), "--data", str(tmp_path / "ONE.csv"), "--horizon", "5"] + FAST) == 0
    dates, r = _equity_returns(out)
    close = market.set_index("date")["close"]
    one_bar = close.pct_change().reindex(dates).to_numpy()
    np.testing.assert_allclose(r[1:], one_bar[1:], atol=1e-12)  # after the entry bar: the price's own moves
    report = json.loads((out / "report.json").read_text())
    entry = close.index[close.index.get_loc(dates.iloc[0]) - 1]  # bought at this close, 5 bps paid
    first = close[dates.iloc[0]] / close[entry] - 1
    expected = (1 + first - 5e-4) * close[dates.iloc[-1]] / close[dates.iloc[0]] - 1
    assert report["backtest"]["buy_hold"]["total_return"] == pytest.approx(expected, rel=1e-12)


def test_mixed_daily_and_hourly_says_which_symbols_are_tested(tmp_path):
    folder = tmp_path / "mix"
    folder.mkdir()
    _hourly("H", 60, 1).to_csv(folder / "H.csv", index=False)
    synthetic_market(1, 400, 3).drop(columns="symbol").to_csv(folder / "D.csv", index=False)
    out = tmp_path / "o"
    assert main(["--no-progress", "run", "--out", str(out), "--data", str(folder)] + FAST) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["data"]["intervals"] == {"D": "1d", "H": "1h"}
    assert any("mixed bar intervals" in w for w in report["warnings"])
    tested = report["test"]["symbols"]
    assert set(tested) <= {"D", "H"} and sum(tested.values()) == report["n_test"]
    if set(tested) != {"D", "H"}:
        assert any("without any test row" in w for w in report["warnings"])
    for fold in report["folds"]:
        assert sum(fold["test_symbols"].values()) == fold["n_test"]
    assert "test days" not in (out / "report.md").read_text()


# ------------------------------------------------------------------------------ smaller


def test_no_progress_after_the_subcommand_and_bars_only_on_a_terminal(monkeypatch):
    args = build_parser().parse_args(["run", "--out", "x", "--no-progress"])
    assert args.no_progress is True
    args = build_parser().parse_args(["--no-progress", "run", "--out", "x"])
    assert args.no_progress is True

    class Tty:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

        def write(self, s):
            return len(s)

    args = build_parser().parse_args(["run", "--out", "x"])
    monkeypatch.setattr(sys, "stderr", Tty(False))
    assert train_config(args).progress is False  # redirected: no \r-redrawn bars in a log file
    monkeypatch.setattr(sys, "stderr", Tty(True))
    assert train_config(args).progress is True


def test_help_shows_defaults_without_markup(capsys):
    with pytest.raises(SystemExit):
        main(["--no-progress", "run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for flag, default in (("--lr", "0.001"), ("--patience", "4"), ("--seed", "0"), ("--cost-bps", "5"),
                          ("--execution", "next_close")):
        assert flag in text and f"(default {default})" in text, flag
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "``" not in capsys.readouterr().out


def test_loss_plot_scale_ignores_the_first_epoch():
    from fastind_model.report import loss_ylim

    folds = [{"fold": 0, "history": [{"epoch": 1, "train_loss": 5.0, "val_loss": 3.0},
                                     {"epoch": 2, "train_loss": 0.70, "val_loss": 0.69},
                                     {"epoch": 3, "train_loss": 0.68, "val_loss": 0.695}]}]
    lo, hi = loss_ylim(folds)
    assert 0.67 < lo < 0.68 and 0.70 < hi < 0.71
    single = [{"fold": 0, "history": [{"epoch": 1, "train_loss": 0.7, "val_loss": float("nan")}]}]
    lo, hi = loss_ylim(single)
    assert lo < 0.7 < hi


def test_train_writes_the_refit_model_and_a_manifest(tmp_path, capsys):
    out = tmp_path / "t"
    assert main(["--no-progress", "train", "--out", str(out), "--epochs", "2", "--hidden-size", "8",
                 "--num-layers", "1"] + TINY_DATA) == 0
    assert "refit on all" in capsys.readouterr().out
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command"] == "train" and "model.pt" in manifest["files"]
    assert not (out / "model.last.pt").exists() and (out / "checkpoints" / "fold2.pt").is_file()
