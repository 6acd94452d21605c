"""Fixtures shared by the model tests."""

from __future__ import annotations

import pytest
import torch

from fastind_model.device import DeviceSetup


@pytest.fixture
def cpu_fp32() -> DeviceSetup:
    return DeviceSetup(device=torch.device("cpu"), amp_dtype=None, batch_size=256, memory_gb=8.0, num_threads=1)


@pytest.fixture(autouse=True)
def _cpu_unless_cuda_test(request, monkeypatch):
    # The model tests are CPU tests (exact comparisons with CPU results) except test_cuda.py; on a
    # machine with a GPU, device auto-selection would otherwise move them onto it.
    if request.module.__name__.rsplit(".", 1)[-1] != "test_cuda":
        monkeypatch.setenv("FASTIND_DEVICE", "cpu")


@pytest.fixture(autouse=True)
def _one_thread():
    # The test models are tiny: extra intra-op threads buy nothing, and on a busy 2-core runner
    # OpenMP threads waiting on a descheduled sibling make a 1 s test take 30 s. Device setup
    # changes the global count, so restore it after each test.
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)
