import itertools
import math
import os
import warnings

import numpy as np
import pytest
import torch

from fastind_model.device import DeviceSetup
from fastind_model.features import FeatureSpec, StandardScaler
from fastind_model.model import ModelConfig, build_model
from fastind_model.train import (
    TrainConfig,
    binary_metrics,
    fit,
    last_checkpoint_path,
    load_checkpoint,
    load_model,
    log_loss,
    ResidentBatches,
    fits_on_device,
    make_loader,
    make_scheduler,
    optimizer_steps_per_epoch,
    predict_proba,
    roc_auc,
    save_checkpoint,
    train_epoch,
)

from .synth import planted

SMALL = ModelConfig(input_size=8, hidden_size=32, num_layers=1, dropout=0.1)


def _quick(**overrides) -> TrainConfig:
    base = dict(epochs=4, batch_size=128, lr=1e-2, progress=False, patience=None, amp=False, num_threads=1)
    return TrainConfig(**{**base, **overrides})


# ------------------------------------------------------------------------------------ metrics


def _auc_pairs(y, s):
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    return ((diff > 0).sum() + 0.5 * (diff == 0).sum()) / (pos.size * neg.size)


def test_roc_auc_matches_pairwise_definition_with_ties():
    rng = np.random.default_rng(0)
    for _ in range(20):
        n = int(rng.integers(2, 60))
        y = rng.integers(0, 2, n)
        s = rng.integers(0, 5, n).astype(float)  # many ties
        if y.min() == y.max():
            assert math.isnan(roc_auc(y, s))
        else:
            assert roc_auc(y, s) == pytest.approx(_auc_pairs(y, s), abs=1e-12)
    assert roc_auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert roc_auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0


def test_log_loss_and_accuracy():
    y = np.array([1, 0, 1, 0])
    p = np.array([0.9, 0.2, 0.4, 0.5])
    expected = -np.mean(np.log([0.9, 0.8, 0.4, 0.5]))
    assert log_loss(y, p) == pytest.approx(expected)
    m = binary_metrics(y, p)
    assert m["accuracy"] == 0.75 and m["auc"] == pytest.approx(0.75)


# ---------------------------------------------------------------------------------- learning


def test_learns_planted_signal_on_cpu():
    X, y = planted(5000)
    result = fit(X[:4000], y[:4000], X[4000:], y[4000:], _quick(), SMALL)
    proba = predict_proba(result.model, X[4000:])
    assert proba.shape == (1000, 2) and np.allclose(proba.sum(1), 1)
    assert roc_auc(y[4000:], proba[:, 1]) > 0.7
    assert result.best_metrics["val_auc"] > 0.7
    assert [h["epoch"] for h in result.history] == [1, 2, 3, 4]
    assert {"train_loss", "val_loss", "val_accuracy", "val_auc", "lr", "samples_per_s"} <= set(result.history[0])


def test_bf16_autocast_path_on_cpu_trains():
    X, y = planted(5000)
    result = fit(X[:4000], y[:4000], X[4000:], y[4000:], _quick(amp=True, amp_dtype="bfloat16"), SMALL)
    assert result.setup.amp_dtype is torch.bfloat16
    assert all(p.dtype == torch.float32 for p in result.model.parameters())  # master weights stay fp32
    assert result.best_metrics["val_auc"] > 0.7


def test_fp16_with_grad_scaler_path_trains():
    # the CUDA recipe (fp16 autocast + GradScaler + unscale/clip) run on CPU, where torch supports it
    setup = DeviceSetup(torch.device("cpu"), torch.float16, 128, 8.0, 1)
    X, y = planted(3000)
    result = fit(X[:2400], y[:2400], X[2400:], y[2400:], _quick(epochs=3), SMALL, setup=setup)
    assert result.best_metrics["val_auc"] > 0.7


def test_early_stopping_and_best_weights(tmp_path):
    X, y = planted(2000)
    rng = np.random.default_rng(1)
    y_noise = rng.integers(0, 2, y.size)  # nothing to learn: validation stops improving quickly
    result = fit(X[:1500], y_noise[:1500], X[1500:], y_noise[1500:],
                 _quick(epochs=30, patience=2, lr=3e-2), SMALL, tmp_path / "m.pt")
    assert result.stopped_early and len(result.history) < 30
    assert len(result.history) - result.best_epoch == 2
    best = load_model(tmp_path / "m.pt")
    for k, v in best.model.state_dict().items():
        torch.testing.assert_close(v, result.model.state_dict()[k])


def test_rejects_bad_inputs():
    X, y = planted(100)
    with pytest.raises(ValueError):
        fit(X, y, X, y, _quick(epochs=1), ModelConfig(input_size=3))
    Xn = X.copy()
    Xn[0, 0] = np.nan
    with pytest.raises(ValueError):
        fit(Xn, y, X, y, _quick(epochs=1), SMALL)
    with pytest.raises(ValueError):
        fit(X, y + 5, X, y, _quick(epochs=1), SMALL)


def test_compiled_training_returns_and_saves_the_plain_model(tmp_path):
    X, y = planted(3000)
    result = fit(X[:2500], y[:2500], X[2500:], y[2500:], _quick(epochs=3, compile=True), SMALL, tmp_path / "m.pt")
    assert type(result.model) is type(build_model(SMALL))  # not torch.compile's wrapper
    assert result.best_metrics["val_auc"] > 0.7
    saved = load_checkpoint(tmp_path / "m.pt")["model_state"]
    assert set(saved) == set(result.model.state_dict())  # no "_orig_mod." keys
    served = load_model(tmp_path / "m.pt")
    np.testing.assert_allclose(predict_proba(served.model, X[2500:]), predict_proba(result.model, X[2500:]), atol=1e-6)


def test_worker_loader_on_cpu_without_warnings():
    X, y = planted(1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fit(X[:800], y[:800], X[800:], y[800:], _quick(epochs=2, num_workers=1), SMALL)
    assert len(result.history) == 2


# ------------------------------------------------------------------------------------ batching


def _batches(loader):
    return [(xb.clone(), yb.clone()) for xb, yb in loader]


@pytest.mark.parametrize("shuffle", [True, False])
def test_resident_batches_equal_the_dataloader_batches(cpu_fp32, shuffle):
    X, y = planted(1003)  # ragged last batch
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    gens = [torch.Generator().manual_seed(5) for _ in range(2)]
    host = make_loader(Xt, yt, 100, cpu_fp32, shuffle=shuffle, generator=gens[0], resident=False)
    resident = make_loader(Xt, yt, 100, cpu_fp32, shuffle=shuffle, generator=gens[1])
    assert isinstance(resident, ResidentBatches) and not isinstance(host, ResidentBatches)
    assert len(host) == len(resident) == 11
    for _ in range(2):  # two epochs: the shuffling streams stay in step
        a, b = _batches(host), _batches(resident)
        assert len(a) == len(b) == 11 and a[-1][0].shape == (3, 8)
        for (xa, ya), (xb, yb) in zip(a, b):
            assert torch.equal(xa, xb) and torch.equal(ya, yb)
    assert torch.equal(gens[0].get_state(), gens[1].get_state())
    if shuffle:  # every row once per epoch
        assert sorted(torch.cat([yb for _, yb in b]).tolist()) == sorted(y.tolist())


def test_loader_choice(cpu_fp32):
    X, y = planted(64)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    assert isinstance(make_loader(Xt, yt, 8, cpu_fp32, shuffle=False), ResidentBatches)
    assert not isinstance(make_loader(Xt, yt, 8, cpu_fp32, shuffle=False, num_workers=1), ResidentBatches)
    with pytest.raises(ValueError, match="num_workers"):
        make_loader(Xt, yt, 8, cpu_fp32, shuffle=False, num_workers=1, resident=True)
    gpu = DeviceSetup(torch.device("cuda"), torch.float16, 4096, 8.0, 1)
    assert fits_on_device(2 * 1024**3, gpu) and not fits_on_device(3 * 1024**3, gpu)  # a quarter of 8 GiB
    assert fits_on_device(10**12, cpu_fp32)  # on the CPU the data is in memory already


def test_host_loader_and_resident_runs_train_identically():
    X, y = planted(1200)
    data = (X[:1000], y[:1000], X[1000:], y[1000:])
    runs = [fit(*data, _quick(epochs=2, batch_size=96, resident_data=r), SMALL) for r in (False, True)]
    for k, v in runs[0].model.state_dict().items():
        assert torch.equal(v, runs[1].model.state_dict()[k]), k


# ----------------------------------------------------------------------- accumulation & schedule


class RecordingSGD(torch.optim.SGD):
    """SGD with lr 0 that records the gradients it is asked to apply."""

    def __init__(self, params):
        super().__init__(params, lr=0.0)
        self.seen = []

    def step(self, closure=None):
        self.seen.append([p.grad.detach().clone() for g in self.param_groups for p in g["params"]])
        return super().step(closure)


def _grads(model, X, y, batch_size, accumulation, setup):
    loader = make_loader(torch.from_numpy(X), torch.from_numpy(y), batch_size, setup, shuffle=False)
    opt = RecordingSGD(model.parameters())
    train_epoch(model, loader, opt, setup, accumulation=accumulation)
    return opt.seen


@pytest.mark.parametrize(
    "n, micro, k",
    [(32, 8, 4),   # 4 equal micro-batches vs one batch of 32
     (36, 8, 5),   # ragged last micro-batch: still the exact mean over all 36 rows
     (64, 16, 2)],
)
def test_accumulated_gradients_equal_one_big_batch(cpu_fp32, n, micro, k):
    X, y = planted(n)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_size=8, hidden_size=16, num_layers=2, dropout=0.0))
    twin = build_model(model.config)
    twin.load_state_dict(model.state_dict())
    small = _grads(model, X, y, micro, k, cpu_fp32)
    big = _grads(twin, X, y, micro * k, 1, cpu_fp32)
    assert len(small) == len(big) == math.ceil(n / (micro * k))
    for a, b in zip(small, big):
        for ga, gb in zip(a, b):
            torch.testing.assert_close(ga, gb, atol=1e-6, rtol=1e-5)


def test_last_partial_group_is_stepped(cpu_fp32):
    X, y = planted(40)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_size=8, hidden_size=16, num_layers=1, dropout=0.0))
    twin = build_model(model.config)
    twin.load_state_dict(model.state_dict())
    groups = _grads(model, X, y, 8, 4, cpu_fp32)  # 5 micro-batches → groups of 4 and 1
    assert len(groups) == 2
    tail = _grads(twin, X[32:], y[32:], 8, 1, cpu_fp32)
    for ga, gb in zip(groups[1], tail[0]):
        torch.testing.assert_close(ga, gb, atol=1e-6, rtol=1e-5)


def test_one_cycle_never_oversteps(cpu_fp32):
    X, y = planted(64)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_size=8, hidden_size=4, num_layers=0, dropout=0.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # also catches "scheduler.step() before optimizer.step()"
        for n_batches, accumulation, epochs in itertools.product(range(1, 10), range(1, 6), (1, 2, 3)):
            rows = 4 * n_batches - (1 if n_batches > 1 else 0)  # ragged last batch too
            loader = make_loader(torch.from_numpy(X[:rows]), torch.from_numpy(y[:rows]), 4, cpu_fp32, shuffle=False)
            assert len(loader) == n_batches
            cfg = TrainConfig(epochs=epochs, accumulation=accumulation, lr=1e-3)
            opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
            sched = make_scheduler(opt, cfg, len(loader))
            for _ in range(epochs):
                stats = train_epoch(model, loader, opt, cpu_fp32, scheduler=sched, accumulation=accumulation)
                assert stats["steps"] == optimizer_steps_per_epoch(n_batches, accumulation)
            assert sched.last_epoch == sched.total_steps == epochs * math.ceil(n_batches / accumulation)


def check_scaler_skips_hold_the_schedule(setup):
    """An fp16 run whose first steps overflow: the GradScaler skips them, and the OneCycle schedule
    advances only on the steps taken (no warning either). Also run on a GPU by test_cuda.py."""
    X, y = planted(512)
    torch.manual_seed(0)
    model = build_model(ModelConfig(input_size=8, hidden_size=16, num_layers=1, dropout=0.0)).to(setup.device)
    loader = make_loader(torch.from_numpy(X), torch.from_numpy(y), 64, setup, shuffle=False)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    sched = make_scheduler(opt, TrainConfig(epochs=1), len(loader))
    # a huge initial scale overflows fp16 gradients: the first steps are skipped and the scale halves
    scaler = torch.amp.GradScaler(setup.type, init_scale=2.0**60)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stats = train_epoch(model, loader, opt, setup, scheduler=sched, scaler=scaler, grad_clip=1.0)
    assert stats["skipped_steps"] > 0
    assert stats["steps"] + stats["skipped_steps"] == len(loader)
    assert sched.last_epoch == stats["steps"]
    assert all(torch.isfinite(p).all() for p in model.parameters())


def test_scheduler_not_stepped_when_scaler_skips():
    check_scaler_skips_hold_the_schedule(DeviceSetup(torch.device("cpu"), torch.float16, 64, 8.0, 1))


# ------------------------------------------------------------------------------- checkpoints


def _final_state(path):
    return load_checkpoint(last_checkpoint_path(path))["model_state"]


def _curve(history):
    return [(h["epoch"], h["train_loss"], h["val_loss"], h["lr"]) for h in history]


@pytest.mark.parametrize("resume_file", ["last", "best"])
def test_resume_reproduces_uninterrupted_run(tmp_path, resume_file):
    X, y = planted(1200)
    data = (X[:1000], y[:1000], X[1000:], y[1000:])
    cfg = _quick(epochs=4, batch_size=96, accumulation=2)  # dropout on: RNG state must carry over
    full = fit(*data, cfg, SMALL, tmp_path / "full.pt")

    part_path = tmp_path / "part.pt"
    fit(*data, cfg, SMALL, part_path, on_epoch_end=lambda rec: rec["epoch"] == 2)
    assert load_checkpoint(last_checkpoint_path(part_path))["epoch"] == 2
    source = last_checkpoint_path(part_path) if resume_file == "last" else part_path
    resumed = fit(*data, cfg, SMALL, part_path, resume_from=source)

    assert _curve(resumed.history) == _curve(full.history)
    for k, v in _final_state(tmp_path / "full.pt").items():
        assert torch.equal(v, _final_state(part_path)[k]), k
    for k, v in full.model.state_dict().items():
        assert torch.equal(v, resumed.model.state_dict()[k]), k


def test_resume_rejects_a_different_run(tmp_path):
    X, y = planted(600)
    fit(X[:500], y[:500], X[500:], y[500:], _quick(epochs=2), SMALL, tmp_path / "m.pt")
    with pytest.raises(ValueError):
        fit(X[:500], y[:500], X[500:], y[500:], _quick(epochs=3), SMALL, tmp_path / "n.pt",
            resume_from=tmp_path / "m.pt")


def test_checkpoint_contents_and_model_roundtrip(tmp_path):
    X, y = planted(800)
    spec = FeatureSpec.default(horizon=2)
    scaler = StandardScaler().fit(X[:600])
    result = fit(scaler.transform(X[:600]), y[:600], scaler.transform(X[600:]), y[600:],
                 _quick(epochs=2), SMALL, tmp_path / "m.pt", feature_spec=spec, feature_scaler=scaler)
    ckpt = load_checkpoint(tmp_path / "m.pt")
    assert {"model_state", "model_config", "optimizer", "scheduler", "grad_scaler", "epoch", "rng",
            "feature_spec", "feature_scaler", "history", "train_config"} <= set(ckpt)
    assert {"torch", "numpy", "python", "shuffle"} <= set(ckpt["rng"])
    loaded = load_model(tmp_path / "m.pt")
    assert loaded.model_config == SMALL and loaded.feature_spec == spec
    np.testing.assert_allclose(loaded.feature_scaler.mean, scaler.mean)
    Xt = loaded.feature_scaler.transform(X[600:])
    np.testing.assert_allclose(predict_proba(loaded.model, Xt), predict_proba(result.model, Xt), atol=1e-6)


def test_checkpoint_write_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "ckpt.pt"
    save_checkpoint({"format": "fastind-model/1", "value": torch.arange(3)}, path)
    before = path.read_bytes()

    def broken_save(obj, fh, *args, **kwargs):
        fh.write(b"half a checkpoint")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint({"format": "fastind-model/1", "value": torch.arange(5)}, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert torch.equal(load_checkpoint(path)["value"], torch.arange(3))
    assert os.listdir(tmp_path) == ["ckpt.pt"]  # no temp file left behind
