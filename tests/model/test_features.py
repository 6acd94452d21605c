import json

import numpy as np
import pandas as pd
import pytest

from fastind_model.features import (
    FEATURES,
    Bars,
    FeatureSpec,
    StandardScaler,
    build_dataset,
    compute_features,
    make_labels,
    to_long_panel,
    walk_forward_splits,
)

from .synth import random_walk_panel

SPEC = FeatureSpec.default()


@pytest.fixture(scope="module")
def bars() -> pd.DataFrame:
    return random_walk_panel(1, 400, seed=3).drop(columns="symbol").set_index("date")


# --------------------------------------------------------------------------------------- spec


def test_default_spec_shape():
    assert 20 <= len(SPEC.names) <= 30 and len(set(SPEC.names)) == len(SPEC.names)
    assert SPEC.lookback == 49  # SMA(50) and rolling max/min(50)
    assert "sma_ratio_50" in SPEC.names and "macd_12_26_9" in SPEC.names


def test_spec_json_roundtrip():
    spec = FeatureSpec(features=({"kind": "rsi"}, {"kind": "ret", "period": 3, "name": "r3"}), horizon=5)
    text = json.dumps(spec.to_dict())
    again = FeatureSpec.from_dict(json.loads(text))
    assert again == spec and again.names == ["rsi_14", "r3"] and again.horizon == 5
    assert FeatureSpec.from_json(spec.to_json()) == spec
    assert again.features[0] == {"kind": "rsi", "period": 14}  # defaults made explicit


def test_spec_validation():
    with pytest.raises(ValueError, match="unknown feature"):
        FeatureSpec(features=({"kind": "nope"},))
    with pytest.raises(ValueError, match="no parameter"):
        FeatureSpec(features=({"kind": "rsi", "window": 3},))
    with pytest.raises(ValueError, match="duplicate"):
        FeatureSpec(features=({"kind": "rsi"}, {"kind": "rsi", "period": 14}))
    with pytest.raises(ValueError):
        FeatureSpec(horizon=0)


# ----------------------------------------------------------------------------------- features


def test_declared_lookback_equals_nan_prefix(bars):
    feats = compute_features(bars, SPEC)
    assert list(feats.columns) == SPEC.names and feats.index.equals(bars.index)
    for name, item in zip(SPEC.names, SPEC.features):
        col = feats[name].to_numpy()
        lookback = FEATURES[item["kind"]].lookback(**FeatureSpec._params(item))
        assert np.isnan(col[:lookback]).all(), name
        assert np.isfinite(col[lookback:]).all(), name


@pytest.mark.parametrize("cut", [60, 61, 150, 333])
def test_features_are_causal(bars, cut):
    """Row t computed from bars[:t+1] equals row t computed from the whole history: the future
    cannot leak into any feature."""
    full = compute_features(bars, SPEC)
    prefix = compute_features(bars.iloc[: cut + 1], SPEC)
    np.testing.assert_allclose(prefix.to_numpy(), full.iloc[: cut + 1].to_numpy(), rtol=1e-12, atol=1e-15)


def test_features_ignore_changes_to_future_bars(bars):
    changed = bars.copy()
    changed.iloc[200:, :] *= 1.7  # a regime jump after bar 199
    a, b = compute_features(bars, SPEC), compute_features(changed, SPEC)
    np.testing.assert_allclose(a.iloc[:200].to_numpy(), b.iloc[:200].to_numpy(), rtol=1e-12)
    assert not np.allclose(a.iloc[200:].to_numpy(), b.iloc[200:].to_numpy())


def test_features_are_scale_free(bars):
    scaled = bars.copy()
    scaled[["open", "high", "low", "close"]] *= 1000.0
    scaled["volume"] *= 7.0
    a, b = compute_features(bars, SPEC), compute_features(scaled, SPEC)
    exact = [n for n in SPEC.names if n != "volume_z_20"]
    np.testing.assert_allclose(a[exact].to_numpy(), b[exact].to_numpy(), rtol=1e-6, atol=1e-8)
    # log(1 + v) is scale-free only up to O(1/v): a tiny shift for share volumes
    np.testing.assert_allclose(a["volume_z_20"], b["volume_z_20"], atol=1e-4)


def test_features_accept_bars_and_uppercase_columns(bars):
    upper = bars.rename(columns=str.title)
    np.testing.assert_array_equal(compute_features(upper, SPEC).to_numpy(),
                                  compute_features(Bars.from_frame(bars), SPEC).to_numpy())


def test_flat_prices_give_finite_features():
    flat = pd.DataFrame({c: np.full(120, 10.0) for c in ("open", "high", "low", "close")} | {"volume": np.full(120, 5.0)})
    feats = compute_features(flat, SPEC).iloc[SPEC.lookback:]
    assert np.isfinite(feats.to_numpy()).all()


# ------------------------------------------------------------------------------------- labels


def test_labels():
    close = np.array([1.0, 2.0, 2.0, 1.0, 3.0])
    label, fwd = make_labels(close, 1)
    np.testing.assert_array_equal(label, [1, 0, 0, 1, np.nan])
    np.testing.assert_allclose(fwd, [1.0, 0.0, -0.5, 2.0, np.nan])
    label2, _ = make_labels(close, 2)
    np.testing.assert_array_equal(label2, [1, 0, 1, np.nan, np.nan])
    assert np.isnan(make_labels(close, 9)[0]).all()


# ------------------------------------------------------------------------------------ dataset


def test_dataset_per_symbol_and_lookback_drop():
    panel = random_walk_panel(3, 200, seed=5)
    spec = FeatureSpec.default(horizon=3)
    data = build_dataset(panel, spec)
    assert list(data.columns) == ["symbol", "date", *spec.names, "label", "fwd_return", "label_date"]
    for sym, rows in data.groupby("symbol"):
        dates = panel.loc[panel.symbol == sym, "date"].to_numpy()
        assert rows["date"].iloc[0] == dates[spec.lookback]
        assert len(rows) == len(dates) - spec.lookback
        assert rows["label"].isna().sum() == 3 and rows["label"].iloc[:-3].notna().all()
        np.testing.assert_array_equal(rows["label_date"].iloc[:-3].to_numpy(), dates[spec.lookback + 3 :])
    # a symbol's rows do not depend on which other symbols are in the panel
    alone = build_dataset(panel[panel.symbol == "S001"], spec)
    pd.testing.assert_frame_equal(alone, data[data.symbol == "S001"].reset_index(drop=True))
    assert len(build_dataset(panel, spec, labeled_only=True)) == len(data) - 3 * 3


def test_dataset_accepts_dict_and_drops_gaps():
    panel = random_walk_panel(2, 150, seed=6)
    as_dict = {s: g.drop(columns="symbol").set_index("date") for s, g in panel.groupby("symbol")}
    pd.testing.assert_frame_equal(build_dataset(as_dict, SPEC), build_dataset(panel, SPEC))
    holed = panel.copy()
    holed.loc[100, "close"] = np.nan
    data = build_dataset(holed, SPEC)
    assert np.isfinite(data[SPEC.names].to_numpy()).all()
    assert len(data) < len(build_dataset(panel, SPEC))


def test_long_panel_validation():
    panel = random_walk_panel(1, 10)
    with pytest.raises(ValueError, match="duplicate"):
        to_long_panel(pd.concat([panel, panel]))
    with pytest.raises(ValueError, match="lacks"):
        to_long_panel(panel.drop(columns="volume"))
    shuffled = panel.sample(frac=1.0, random_state=0)
    pd.testing.assert_frame_equal(to_long_panel(shuffled), to_long_panel(panel))


# ------------------------------------------------------------------------------------- splits


def test_walk_forward_splits_order_and_gaps():
    dates = pd.bdate_range("2010-01-01", periods=500)
    rows = np.repeat(dates, 3)  # three symbols per date: splitting is by unique date
    splits = walk_forward_splits(rows, n_splits=3, test_size=60, val_size=40, gap=25)
    pos = {d: i for i, d in enumerate(dates.values)}
    previous_test_end = None
    for k, s in enumerate(splits):
        tr, va, te = [tuple(pos[np.datetime64(d)] for d in r) for r in (s.train, s.val, s.test)]
        assert tr[0] == 0  # expanding window
        assert va[0] - tr[1] - 1 == 25 and te[0] - va[1] - 1 == 25  # exactly `gap` unseen dates
        assert va[1] - va[0] + 1 == 40 and te[1] - te[0] + 1 == 60
        if previous_test_end is not None:
            assert te[0] == previous_test_end + 1  # test blocks tile the end of the history
        previous_test_end = te[1]
    assert previous_test_end == 499
    with pytest.raises(ValueError, match="not enough dates"):
        walk_forward_splits(dates[:100], n_splits=3, test_size=30, gap=20)


def test_split_masks_purge_labels_reaching_the_next_block():
    panel = random_walk_panel(4, 400, seed=2, missing=0.3)  # gaps: h bars can span many dates
    spec = FeatureSpec(features=({"kind": "ret", "period": 1},), horizon=5)
    data = build_dataset(panel, spec, labeled_only=True)
    (split,) = walk_forward_splits(data["date"], n_splits=1, test_size=80, val_size=60, gap=2)
    train, val, test = split.masks(data["date"], data["label_date"])
    assert not (train & val).any() and not (val & test).any() and not (train & test).any()
    assert (data.loc[train, "label_date"] < np.datetime64(split.val[0])).all()
    assert (data.loc[val, "label_date"] < np.datetime64(split.test[0])).all()
    unpurged, _, _ = split.masks(data["date"])
    assert unpurged.sum() > train.sum()  # with gap < horizon something had to be purged


# ------------------------------------------------------------------------------------- scaler


def test_standard_scaler():
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 2.0, size=(1000, 3))
    X[:, 2] = 7.0  # constant column: scale 1, not a division by zero
    scaler = StandardScaler().fit(X)
    Z = scaler.transform(X)
    assert Z.dtype == np.float32
    np.testing.assert_allclose(Z[:, :2].mean(0), 0, atol=1e-6)
    np.testing.assert_allclose(Z[:, :2].std(0), 1, atol=1e-5)
    assert np.all(Z[:, 2] == 0)
    again = StandardScaler.from_dict(json.loads(json.dumps(scaler.to_dict())))
    np.testing.assert_array_equal(again.transform(X), Z)
    with pytest.raises(RuntimeError):
        StandardScaler().transform(X)
