"""Fixtures shared by the model tests."""

from __future__ import annotations

import pytest
import torch

from fastind_model.device import DeviceSetup


@pytest.fixture
def cpu_fp32() -> DeviceSetup:
    return DeviceSetup(device=torch.device("cpu"), amp_dtype=None, batch_size=256, memory_gb=8.0,
                       num_threads=torch.get_num_threads())


@pytest.fixture(autouse=True)
def _keep_threads():
    # device setup changes the global intra-op thread count; give each test the same start
    n = torch.get_num_threads()
    yield
    torch.set_num_threads(n)
