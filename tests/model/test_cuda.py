"""The trainer's CUDA paths on a real GPU: fp16 autocast + GradScaler, TF32, pinned host memory,
resume, and a CUDA-trained checkpoint served on the CPU. Skipped where torch sees no CUDA device
(CI has none; tests/model/test_device.py covers the device choice there with mocks)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from fastind_model.device import setup_device
from fastind_model.model import ModelConfig, build_model
from fastind_model.train import (
    ResidentBatches,
    TrainConfig,
    _autocast,
    fit,
    last_checkpoint_path,
    load_checkpoint,
    load_model,
    make_loader,
    predict_proba,
    roc_auc,
)

from .synth import planted
from .test_train import check_scaler_skips_hold_the_schedule

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")

SMALL = ModelConfig(input_size=8, hidden_size=64, num_layers=2, dropout=0.1)


def _cuda(**overrides) -> TrainConfig:
    base = dict(epochs=4, batch_size=256, lr=1e-2, progress=False, patience=None, device="cuda")
    return TrainConfig(**{**base, **overrides})


def test_setup_turns_on_fp16_tf32_and_pinned_memory():
    setup = setup_device("cuda")
    assert setup.device.type == "cuda" and setup.amp_dtype is torch.float16
    assert setup.pin_memory and setup.non_blocking
    assert torch.get_float32_matmul_precision() == "high"
    assert torch.backends.cuda.matmul.allow_tf32 and torch.backends.cudnn.allow_tf32
    X, y = planted(1000)
    host = make_loader(torch.from_numpy(X), torch.from_numpy(y), 256, setup, shuffle=True,
                       generator=torch.Generator().manual_seed(0), resident=False)
    xb, yb = next(iter(host))
    assert xb.is_pinned() and yb.is_pinned()  # so .to(cuda, non_blocking=True) is a real async copy


def test_resident_batches_live_on_the_gpu_and_match_the_host_loader():
    setup = setup_device("cuda")
    X, y = planted(1000)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    host = make_loader(Xt, yt, 128, setup, shuffle=True, generator=torch.Generator().manual_seed(3), resident=False)
    resident = make_loader(Xt, yt, 128, setup, shuffle=True, generator=torch.Generator().manual_seed(3))
    assert isinstance(resident, ResidentBatches)
    for (xa, ya), (xb, yb) in zip(host, resident):
        assert xb.is_cuda and yb.is_cuda
        assert torch.equal(xa, xb.cpu()) and torch.equal(ya, yb.cpu())


def test_autocast_runs_linear_layers_in_fp16_with_fp32_master_weights():
    setup = setup_device("cuda")
    model = build_model(SMALL).to(setup.device)
    x = torch.randn(32, 8, device=setup.device)
    with _autocast(setup):
        logits = model(x)
    assert logits.dtype is torch.float16
    assert all(p.dtype is torch.float32 and p.is_cuda for p in model.parameters())


def test_fp16_grad_scaler_training_learns_and_serves_on_cpu(tmp_path):
    X, y = planted(20000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecated torch.cuda.amp, no scheduler-order warning
        result = fit(X[:16000], y[:16000], X[16000:], y[16000:], _cuda(), SMALL, tmp_path / "m.pt")
    assert result.setup.amp_dtype is torch.float16
    assert next(result.model.parameters()).is_cuda
    ckpt_opt = load_checkpoint(tmp_path / "m.pt")["optimizer"]
    assert all(g["fused"] for g in ckpt_opt["param_groups"])  # one fused AdamW kernel on CUDA
    assert result.best_metrics["val_auc"] > 0.7
    ckpt = load_checkpoint(last_checkpoint_path(tmp_path / "m.pt"))
    assert ckpt["grad_scaler"]["scale"] > 0  # the scaler was enabled and its state saved
    assert all(not t.is_cuda for t in ckpt["model_state"].values())  # loadable without a GPU

    served = load_model(tmp_path / "m.pt", device="cpu")
    p_cpu = predict_proba(served.model, X[16000:])
    p_gpu = predict_proba(result.model, X[16000:])
    # the GPU model evaluates in fp32 here (TF32 matmuls): the two agree to TF32 precision
    assert np.abs(p_cpu - p_gpu).max() < 1e-2
    assert roc_auc(y[16000:], p_cpu[:, 1]) > 0.7


def test_scheduler_not_stepped_when_cuda_scaler_skips():
    check_scaler_skips_hold_the_schedule(setup_device("cuda", batch_size=64))


def test_resume_on_cuda_continues_the_same_run(tmp_path):
    X, y = planted(3000)
    data = (X[:2500], y[:2500], X[2500:], y[2500:])
    cfg = _cuda(epochs=4, batch_size=128, accumulation=2)  # dropout on: the CUDA RNG must carry over
    full = fit(*data, cfg, SMALL, tmp_path / "full.pt")
    part = tmp_path / "part.pt"
    fit(*data, cfg, SMALL, part, on_epoch_end=lambda rec: rec["epoch"] == 2)
    resumed = fit(*data, cfg, SMALL, part, resume_from=last_checkpoint_path(part))
    assert [h["epoch"] for h in resumed.history] == [1, 2, 3, 4]
    # same kernels, same shapes, same RNG streams: cuBLAS GEMMs are run-to-run deterministic, so
    # the resumed run is the uninterrupted one
    for k, v in full.model.state_dict().items():
        assert torch.equal(v, resumed.model.state_dict()[k]), k
    assert [h["train_loss"] for h in resumed.history] == [h["train_loss"] for h in full.history]


def test_a_gpu_run_resumes_on_the_cpu(tmp_path):
    X, y = planted(3000)
    data = (X[:2500], y[:2500], X[2500:], y[2500:])
    path = tmp_path / "m.pt"
    fit(*data, _cuda(epochs=4), SMALL, path, on_epoch_end=lambda rec: rec["epoch"] == 2)
    resumed = fit(*data, _cuda(epochs=4, device="cpu"), SMALL, path, resume_from=last_checkpoint_path(path))
    assert [h["epoch"] for h in resumed.history] == [1, 2, 3, 4]
    assert not next(resumed.model.parameters()).is_cuda
    assert resumed.best_metrics["val_auc"] > 0.7


def test_compiled_fp16_training_on_cuda(tmp_path):
    X, y = planted(20000)
    result = fit(X[:16000], y[:16000], X[16000:], y[16000:], _cuda(compile=True), SMALL, tmp_path / "m.pt")
    assert result.setup.amp_dtype is torch.float16
    assert result.best_metrics["val_auc"] > 0.7
    assert set(load_checkpoint(tmp_path / "m.pt")["model_state"]) == set(result.model.state_dict())
