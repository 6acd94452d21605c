from types import SimpleNamespace

import pytest
import torch

from fastind_model import device as dev
from fastind_model.device import (
    GPU_BATCH_TABLE,
    RAM_BATCH_TABLE,
    amp_dtype_for,
    batch_size_for_memory,
    select_device,
    setup_device,
)
from fastind_model.train import loader_kwargs

GIB = 1024**3


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv(dev.ENV_VAR, raising=False)


def _mock_accelerators(monkeypatch, cuda: bool, mps: bool, gpu_gib: float = 80.0):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(
        torch.cuda, "get_device_properties", lambda index: SimpleNamespace(total_memory=int(gpu_gib * GIB))
    )


@pytest.mark.parametrize(
    "cuda, mps, expected", [(True, True, "cuda"), (False, True, "mps"), (False, False, "cpu")]
)
def test_fallback_chain(monkeypatch, no_env, cuda, mps, expected):
    _mock_accelerators(monkeypatch, cuda, mps)
    assert select_device().type == expected
    assert select_device("auto").type == expected


def test_env_override_and_argument_precedence(monkeypatch):
    _mock_accelerators(monkeypatch, cuda=True, mps=False)
    monkeypatch.setenv(dev.ENV_VAR, "cpu")
    assert select_device().type == "cpu"
    assert select_device("cuda:0") == torch.device("cuda:0")  # argument beats env
    monkeypatch.setenv(dev.ENV_VAR, "auto")
    assert select_device().type == "cuda"


def test_unavailable_request_raises(monkeypatch, no_env):
    _mock_accelerators(monkeypatch, cuda=False, mps=False)
    with pytest.raises(RuntimeError):
        select_device("cuda")
    with pytest.raises(RuntimeError):
        select_device("mps")
    with pytest.raises(ValueError):
        select_device("tpu")


@pytest.mark.parametrize("gib, batch", [(80, 4096), (40, 4096), (24, 2048), (8, 1024), (4, 512)])
def test_gpu_table(gib, batch):
    assert batch_size_for_memory(gib, GPU_BATCH_TABLE) == batch


@pytest.mark.parametrize("gib, batch", [(128, 1024), (32, 512), (8, 256), (2, 128)])
def test_ram_table(gib, batch):
    assert batch_size_for_memory(gib, RAM_BATCH_TABLE) == batch


def test_custom_table_and_missing_floor():
    assert batch_size_for_memory(10, [(0, 7), (9, 99)]) == 99  # row order does not matter
    with pytest.raises(ValueError):
        batch_size_for_memory(1, [(4, 64)])


def test_cuda_setup_mocked(monkeypatch, no_env):
    _mock_accelerators(monkeypatch, cuda=True, mps=False, gpu_gib=24)
    calls = []
    monkeypatch.setattr(torch, "set_float32_matmul_precision", lambda p: calls.append(p))
    monkeypatch.setattr(torch.backends.cudnn, "allow_tf32", False)
    monkeypatch.setattr(torch.backends.cudnn, "benchmark", False)
    s = setup_device()
    assert s.device.type == "cuda" and s.amp_dtype is torch.float16
    assert s.batch_size == 2048 and s.memory_gb == pytest.approx(24)
    assert calls == ["high"]
    assert torch.backends.cudnn.allow_tf32 and torch.backends.cudnn.benchmark
    assert s.pin_memory and s.non_blocking
    assert setup_device(amp=False).amp_dtype is None
    assert setup_device(batch_size=100).batch_size == 100
    assert setup_device(gpu_table=[(0, 64)]).batch_size == 64


def test_mps_setup_mocked(monkeypatch, no_env):
    _mock_accelerators(monkeypatch, cuda=False, mps=True)
    monkeypatch.setattr(dev.psutil, "virtual_memory", lambda: SimpleNamespace(total=32 * GIB))
    s = setup_device()
    assert s.device.type == "mps" and s.amp_dtype is None and s.batch_size == 512
    assert not s.pin_memory


def test_cpu_setup(monkeypatch, no_env):
    _mock_accelerators(monkeypatch, cuda=False, mps=False)
    monkeypatch.setattr(dev.psutil, "virtual_memory", lambda: SimpleNamespace(total=12 * GIB))
    s = setup_device(num_threads=1)
    assert s.device.type == "cpu" and s.batch_size == 256
    assert s.num_threads == 1 == torch.get_num_threads()
    assert setup_device(ram_table=[(0, 33)]).batch_size == 33
    forced = setup_device(amp_dtype=torch.bfloat16)
    assert forced.amp_dtype is torch.bfloat16
    assert setup_device(amp=False, amp_dtype=torch.bfloat16).amp_dtype is None


def test_amp_dtype_rules(monkeypatch):
    monkeypatch.setattr(dev, "cpu_supports_bf16", lambda: True)
    assert amp_dtype_for(torch.device("cpu")) is torch.bfloat16
    monkeypatch.setattr(dev, "cpu_supports_bf16", lambda: False)
    assert amp_dtype_for(torch.device("cpu")) is None
    assert amp_dtype_for(torch.device("cuda")) is torch.float16
    assert amp_dtype_for(torch.device("cuda"), enabled=False) is None
    assert amp_dtype_for(torch.device("mps")) is None


def test_loader_options_gated_by_device_and_workers():
    cpu = dev.DeviceSetup(torch.device("cpu"), None, 128, 8.0, 2)
    cuda = dev.DeviceSetup(torch.device("cuda"), torch.float16, 4096, 80.0, 2)
    assert loader_kwargs(cpu, 0) == {"num_workers": 0, "pin_memory": False}
    assert loader_kwargs(cuda, 0) == {"num_workers": 0, "pin_memory": True}
    assert loader_kwargs(cpu, 2, 4) == {
        "num_workers": 2, "pin_memory": False, "persistent_workers": True, "prefetch_factor": 4
    }
