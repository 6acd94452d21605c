"""End-to-end pipeline (features → date split → scaler → train → test) on pure random walks.

Under the null, a future up-move is independent of anything observable up to t, so an honest
pipeline must score AUC ≈ 0.5. With n test rows and balanced classes the AUC's null standard
deviation is sqrt((n+1)/(12·n₊·n₋)) ≈ 1/sqrt(3n): 0.0039 for 22 400 rows, so the ±0.03 band is
~8σ wide, while a leaky feature moves the AUC far outside it.
"""

import numpy as np
import pandas as pd
import pytest

from fastind_model.features import FEATURES, FeatureDef, FeatureSpec, build_dataset
from fastind_model.train import TrainConfig, predict_proba, train_walk_forward

from .synth import random_walk_panel

N_SYMBOLS, N_DATES, N_SPLITS, TEST_DATES = 40, 1400, 2, 280
TRAIN = TrainConfig(epochs=2, batch_size=512, lr=3e-3, patience=None, progress=False, seed=0, num_threads=1)
MODEL = {"hidden_size": 32, "num_layers": 1, "dropout": 0.0}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return random_walk_panel(N_SYMBOLS, N_DATES, seed=11)


def _centered_mean(bars, window):
    # LEAKY on purpose: a centred window averages closes after t (and its NaN tail is dropped)
    return pd.Series(bars.close).rolling(window, center=True).mean().to_numpy() / bars.close - 1.0


def _run(panel, spec):
    return train_walk_forward(panel, spec, n_splits=N_SPLITS, test_size=TEST_DATES, val_size=0.2,
                              train_config=TRAIN, model_config=MODEL)


def _null_band(n: int) -> float:
    return 1.0 / np.sqrt(3.0 * n)


def test_random_walk_pipeline_has_no_edge(panel):
    result = _run(panel, FeatureSpec.default())
    m = result.metrics
    assert m["n"] >= 20_000
    assert abs(m["auc"] - 0.5) < 0.03, m
    assert abs(m["auc"] - 0.5) < 6 * _null_band(m["n"]), m
    assert abs(m["accuracy"] - m["baseline_accuracy"]) < 0.03, m
    assert m["log_loss"] > 0.68  # no better than a coin (ln 2 = 0.693) by more than noise


def test_leaky_feature_is_caught_by_the_same_harness(panel, monkeypatch):
    monkeypatch.setitem(FEATURES, "leak_centered", FeatureDef(_centered_mean, lambda window: window // 2, {"window": 5}))
    spec = FeatureSpec(features=FeatureSpec.default().features + ({"kind": "leak_centered"},))
    m = _run(panel, spec).metrics
    assert m["auc"] > 0.6, m  # far outside the null band: the leakage test has teeth


def test_walk_forward_outputs(panel, tmp_path):
    spec = FeatureSpec(features=({"kind": "ret", "period": 1}, {"kind": "rsi", "period": 14}), horizon=2)
    small = panel[panel.symbol.isin(["S000", "S001", "S002"])]
    result = train_walk_forward(small, spec, n_splits=2, test_size=100, val_size=0.2,
                                train_config=TrainConfig(epochs=2, batch_size=256, progress=False, num_threads=1),
                                model_config=MODEL, checkpoint_dir=tmp_path)
    preds = result.predictions
    assert list(preds.columns) == ["symbol", "date", "fold", "label", "fwd_return", "proba"]
    assert len(preds) == sum(f.n_test for f in result.folds) == result.metrics["n"]
    assert preds.groupby("fold")["date"].max().is_monotonic_increasing
    for fold in result.folds:
        assert fold.train_dates[1] < fold.val_dates[0] < fold.val_dates[1] < fold.test_dates[0]
        assert len(fold.history) == 2 and (tmp_path / f"fold{fold.fold}.pt").exists()
        assert {"accuracy", "baseline_accuracy", "auc", "log_loss"} <= set(fold.test_metrics)
    summary = result.to_dict()
    assert summary["metrics"]["n"] == len(preds) and len(summary["folds"]) == 2
    pd.io.json.ujson_dumps(summary)  # JSON-ready

    # the scaler saw the last fold's training rows only
    data = build_dataset(small, spec, labeled_only=True)
    last = result.folds[-1]
    train_rows = (data.date >= last.train_dates[0]) & (data.date <= last.train_dates[1])
    train_rows &= data.label_date < np.datetime64(last.val_dates[0])
    np.testing.assert_allclose(result.final_scaler.mean, data.loc[train_rows, spec.names].mean().to_numpy())

    # predictions are reproducible from the final model + scaler on raw rows
    test_rows = data[(data.date >= last.test_dates[0]) & (data.date <= last.test_dates[1])]
    proba = predict_proba(result.final_model, result.final_scaler.transform(test_rows[spec.names].to_numpy()))[:, 1]
    np.testing.assert_allclose(proba, preds.loc[preds.fold == last.fold, "proba"].to_numpy(), atol=1e-5)
