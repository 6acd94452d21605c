"""Training without a validation block, the final refit, the minimum data size, baselines and
calibration on the walk-forward folds."""

from __future__ import annotations

import re

import numpy as np
import pytest

from fastind_model.baselines import Calibrator, brier, expected_calibration_error, fit_baseline, reliability
from fastind_model.features import FeatureSpec, build_dataset
from fastind_model.train import TrainConfig, fit, load_model, refit, train_walk_forward

from .synth import planted, random_walk_panel

TINY = {"hidden_size": 8, "num_layers": 1, "dropout": 0.0}
SPEC = FeatureSpec(features=({"kind": "ret", "period": 1}, {"kind": "rsi", "period": 14},
                             {"kind": "sma_ratio", "period": 10}), horizon=1)


def test_fit_without_validation_rows_runs_every_epoch(tmp_path):
    # before: NaN validation loss never "improved", so patience ended training after 2 epochs
    # with no best checkpoint at all
    X, y = planted(600, 4)
    ckpt = tmp_path / "m.pt"
    res = fit(X, y, X[:0], y[:0], TrainConfig(epochs=4, patience=2, batch_size=128, progress=False),
              checkpoint_path=ckpt)
    assert len(res.history) == 4 and res.best_epoch == 4 and not res.stopped_early
    assert ckpt.is_file()
    assert load_model(ckpt).checkpoint["epoch"] == 4


def test_walk_forward_with_val_size_zero_trains_and_checkpoints(tmp_path):
    panel = random_walk_panel(2, 420, seed=2)
    wf = train_walk_forward(panel, SPEC, n_splits=2, val_size=0,
                            train_config=TrainConfig(epochs=3, patience=1, batch_size=128, progress=False),
                            model_config=TINY, checkpoint_dir=tmp_path)
    for fold in wf.folds:
        assert fold.best_epoch == 3 and len(fold.history) == 3
        assert (tmp_path / f"fold{fold.fold}.pt").is_file()


def test_not_enough_data_says_how_many_bars_a_run_needs():
    panel = random_walk_panel(1, 400, seed=0)
    kw = dict(n_splits=3, train_config=TrainConfig(epochs=1, batch_size=128, progress=False), model_config=TINY)
    with pytest.raises(ValueError, match="bars per symbol") as info:
        train_walk_forward(panel.iloc[:100], SPEC, **kw)
    need = int(re.search(r"i\.e\. (\d+) bars per symbol", str(info.value)).group(1))
    with pytest.raises(ValueError, match=f"{need} bars per symbol"):
        train_walk_forward(panel.iloc[: need - 1], SPEC, **kw)
    wf = train_walk_forward(panel.iloc[:need], SPEC, **kw)    # exactly enough
    assert len(wf.folds) == 3


def test_refit_uses_every_labeled_row_for_the_given_epochs(tmp_path):
    panel = random_walk_panel(2, 300, seed=4)
    data = build_dataset(panel, SPEC)
    res = refit(data, SPEC, 2, train_config=TrainConfig(epochs=9, patience=1, batch_size=128, progress=False),
                model_config=TINY, checkpoint_path=tmp_path / "final.pt")
    assert len(res.history) == 2 and res.best_epoch == 2
    lm = load_model(tmp_path / "final.pt")
    labeled = data[data["label"].notna()]
    np.testing.assert_allclose(lm.feature_scaler.mean, labeled[SPEC.names].to_numpy().mean(axis=0))
    assert lm.feature_spec == SPEC


def test_baselines_and_calibration_on_the_same_folds():
    panel = random_walk_panel(3, 500, seed=5)
    wf = train_walk_forward(panel, SPEC, n_splits=2, train_config=TrainConfig(epochs=1, batch_size=256, progress=False),
                            model_config=TINY, baselines=("prior", "logistic", "hgb"), calibration="platt")
    preds = wf.predictions
    for name in ("prior", "logistic", "hgb"):
        p = preds[f"proba_{name}"].to_numpy()
        assert np.isfinite(p).all() and ((p > 0) & (p < 1)).all()
        m = wf.baselines[name]
        assert 0.4 < m["auc"] < 0.6 or name == "prior"
        assert m["brier"] == pytest.approx(brier(preds["label"], p))
    # the prior is each fold's training up-rate, constant within a fold
    data = wf.dataset
    for split in wf.splits:
        train_mask, _, _ = split.masks(data["date"], data["label_date"])
        rate = data.loc[train_mask, "label"].mean()
        assert np.allclose(preds.loc[preds["fold"] == split.fold, "proba_prior"], rate)
    assert "proba_raw" in preds and wf.calibration == "platt"
    assert "uncalibrated" in wf.metrics


def test_platt_and_isotonic_calibrators():
    rng = np.random.default_rng(0)
    p_true = rng.uniform(0.2, 0.8, 20000)
    y = (rng.random(p_true.size) < p_true).astype(int)
    overconfident = 1 / (1 + np.exp(-3 * np.log(p_true / (1 - p_true))))   # logit stretched 3x
    platt = Calibrator.fit("platt", overconfident, y)
    assert platt.params["a"] == pytest.approx(1 / 3, rel=0.1)
    assert np.abs(platt(overconfident) - p_true).max() < 0.03
    iso = Calibrator.fit("isotonic", overconfident, y)
    assert brier(y, iso(overconfident)) < brier(y, overconfident)
    with pytest.raises(ValueError, match="validation"):
        Calibrator.fit("platt", np.array([]), np.array([]))


def test_reliability_and_brier_by_hand():
    y = np.array([0, 0, 1, 1, 1, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9])
    assert brier(y, p) == pytest.approx(np.mean((p - y) ** 2))
    assert brier([1, 0], [0.5, 0.5]) == 0.25
    table = reliability(y, p, n_bins=4)
    assert [b["count"] for b in table] == [2, 2, 2, 2]
    assert [b["observed"] for b in table] == [0.0, 1.0, 0.5, 1.0]
    assert table[0]["mean_predicted"] == pytest.approx(0.15)
    assert expected_calibration_error(table) == pytest.approx(np.mean([0.15, 0.65, 0.15, 0.15]))
    assert np.allclose(fit_baseline("prior", np.zeros((4, 1)), [1, 1, 1, 0])(np.zeros((3, 1))), 0.75)
