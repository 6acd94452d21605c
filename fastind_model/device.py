"""Where to train and how: device choice, backend flags, mixed-precision dtype, batch size from memory.

Precedence for the device: explicit argument > ``FASTIND_DEVICE`` env var > CUDA > MPS > CPU
(``"auto"`` in either place means "use the fallback chain").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

import psutil
import torch

__all__ = [
    "DeviceSetup",
    "GPU_BATCH_TABLE",
    "RAM_BATCH_TABLE",
    "ENV_VAR",
    "select_device",
    "memory_gb",
    "batch_size_for_memory",
    "cpu_supports_bf16",
    "amp_dtype_for",
    "configure_backend",
    "setup_device",
]

ENV_VAR = "FASTIND_DEVICE"

# (minimum memory in GiB, batch size), checked top-down; the last row must have threshold 0.
# The MLP is small, so memory mostly signals "big accelerator, feed it larger batches".
GPU_BATCH_TABLE: tuple[tuple[float, int], ...] = ((40, 4096), (16, 2048), (8, 1024), (0, 512))
RAM_BATCH_TABLE: tuple[tuple[float, int], ...] = ((64, 1024), (16, 512), (8, 256), (0, 128))

_GIB = 1024**3


@dataclass(frozen=True)
class DeviceSetup:
    """Everything the trainer needs to know about the hardware."""

    device: torch.device
    amp_dtype: torch.dtype | None
    batch_size: int
    memory_gb: float
    num_threads: int

    @property
    def type(self) -> str:
        return self.device.type

    @property
    def pin_memory(self) -> bool:
        # page-locked host buffers only help host->GPU copies; elsewhere they just cost RAM
        return self.device.type == "cuda"

    @property
    def non_blocking(self) -> bool:
        # asynchronous copies need pinned memory, i.e. CUDA
        return self.device.type == "cuda"


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def select_device(preferred: str | torch.device | None = None) -> torch.device:
    """Resolve the device: argument, then ``$FASTIND_DEVICE``, then CUDA > MPS > CPU.

    An explicit request for an unavailable accelerator raises instead of silently training on CPU.
    """
    choice = preferred if preferred is not None else os.environ.get(ENV_VAR) or "auto"
    if isinstance(choice, torch.device):
        choice = str(choice)
    choice = choice.strip().lower()
    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(choice)
    except RuntimeError as exc:
        raise ValueError(f"unsupported device {choice!r}; use cuda, mps, cpu or auto") from exc
    if device.type not in ("cuda", "mps", "cpu"):
        raise ValueError(f"unsupported device {choice!r}; use cuda, mps, cpu or auto")
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(f"device {choice!r} requested but CUDA is not available")
    if device.type == "mps" and not _mps_available():
        raise RuntimeError(f"device {choice!r} requested but MPS is not available")
    return device


def memory_gb(device: torch.device) -> float:
    """Total memory backing ``device`` in GiB: the GPU's on CUDA, system RAM otherwise
    (MPS shares system RAM)."""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return torch.cuda.get_device_properties(index).total_memory / _GIB
    return psutil.virtual_memory().total / _GIB


def batch_size_for_memory(gib: float, table: Sequence[tuple[float, int]]) -> int:
    """First batch size whose memory threshold ``gib`` reaches; rows are (min GiB, batch size)."""
    for threshold, batch_size in sorted(table, key=lambda row: row[0], reverse=True):
        if gib >= threshold:
            return int(batch_size)
    raise ValueError("batch table has no row for this memory size (add a row with threshold 0)")


def cpu_supports_bf16() -> bool:
    """True when the CPU has native bf16 arithmetic (AVX512-BF16 or AMX); elsewhere bf16 autocast
    is emulated and slower than fp32."""
    caps_fn = getattr(torch.cpu, "get_capabilities", None)
    if caps_fn is not None:
        try:
            caps = caps_fn()
            return bool(caps.get("avx512_bf16") or caps.get("amx_bf16"))
        except Exception:  # capability probing is best-effort
            pass
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:
        return False


def amp_dtype_for(device: torch.device, enabled: bool = True) -> torch.dtype | None:
    """fp16 on CUDA (with a GradScaler), bf16 on CPUs with native bf16, otherwise None (fp32)."""
    if not enabled:
        return None
    if device.type == "cuda":
        return torch.float16
    if device.type == "cpu" and cpu_supports_bf16():
        return torch.bfloat16
    # MPS autocast support is still partial; fp32 is the safe default there
    return None


def configure_backend(device: torch.device, num_threads: int | None = None) -> int:
    """Global backend flags for ``device``; returns the intra-op thread count in use.

    CUDA: TF32 matmuls/convolutions (10-bit mantissa, fine for SGD noise) and cuDNN autotuning
    (input shapes are fixed per batch size). CPU: one thread per physical core unless told otherwise.
    """
    if device.type == "cuda":
        torch.set_float32_matmul_precision("high")
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    elif device.type == "cpu":
        if num_threads is None:
            # hyper-threads share FPUs; more threads than physical cores slows GEMMs down
            num_threads = psutil.cpu_count(logical=False) or os.cpu_count() or 1
        torch.set_num_threads(max(1, int(num_threads)))
    return torch.get_num_threads()


def setup_device(
    device: str | torch.device | None = None,
    *,
    amp: bool = True,
    amp_dtype: torch.dtype | None = None,
    batch_size: int | None = None,
    gpu_table: Sequence[tuple[float, int]] = GPU_BATCH_TABLE,
    ram_table: Sequence[tuple[float, int]] = RAM_BATCH_TABLE,
    num_threads: int | None = None,
) -> DeviceSetup:
    """Pick the device, set its backend flags, and derive AMP dtype and batch size.

    ``amp=False`` forces fp32; ``amp_dtype`` forces a specific autocast dtype (e.g. bf16 on a CPU
    without native bf16, for testing); ``batch_size`` overrides the memory table.
    """
    dev = select_device(device)
    threads = configure_backend(dev, num_threads)
    gib = memory_gb(dev)
    if batch_size is None:
        batch_size = batch_size_for_memory(gib, gpu_table if dev.type == "cuda" else ram_table)
    dtype = (amp_dtype if amp_dtype is not None else amp_dtype_for(dev)) if amp else None
    return DeviceSetup(device=dev, amp_dtype=dtype, batch_size=int(batch_size), memory_gb=gib, num_threads=threads)
