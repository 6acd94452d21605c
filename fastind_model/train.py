"""Training loop for :class:`~fastind_model.model.ResidualMLP` and the walk-forward evaluation.

One optimizer step per group of ``accumulation`` micro-batches:

    for each micro-batch b in the group:   backward( scale · Σ_b CE(f(x), y) / N_nominal )
    at the group boundary:                 g ← g · N_nominal / N_group      (exact mean over the group)
                                           unscale → clip ‖g‖₂ → AdamW step → GradScaler update
                                           OneCycleLR step, unless the scaler skipped the step

so k micro-batches give the gradient of one batch of their union, and the final partial group is
stepped too. OneCycleLR gets ``epochs · ceil(len(loader) / accumulation)`` total steps, exactly the
number of optimizer steps, so it can never be stepped past its end.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler, SequentialSampler
from tqdm.auto import tqdm

from .device import DeviceSetup, setup_device
from .features import (
    FeatureSpec,
    StandardScaler,
    build_dataset,
    walk_forward_splits,
)
from .model import ModelConfig, ResidualMLP, build_model

__all__ = [
    "TrainConfig",
    "TrainResult",
    "LoadedModel",
    "FoldResult",
    "WalkForwardResult",
    "fit",
    "predict_proba",
    "evaluate",
    "train_epoch",
    "make_loader",
    "ResidentBatches",
    "fits_on_device",
    "loader_kwargs",
    "make_scheduler",
    "optimizer_steps_per_epoch",
    "roc_auc",
    "log_loss",
    "binary_metrics",
    "seed_everything",
    "save_checkpoint",
    "load_checkpoint",
    "load_model",
    "last_checkpoint_path",
    "train_walk_forward",
    "refit",
    "min_dates_needed",
]

CHECKPOINT_FORMAT = "fastind-model/1"
_DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16}


# --------------------------------------------------------------------------------------- config


@dataclass
class TrainConfig:
    """Optimisation settings. ``batch_size=None`` takes it from device memory; ``lr`` is OneCycle's
    peak; ``patience=None`` disables early stopping; ``amp_dtype`` ("float16"/"bfloat16") forces the
    autocast dtype instead of the device default; ``resident_data`` (None = when it fits) keeps the
    training set on the device, see :func:`make_loader`; ``compile`` trains and validates through
    ``torch.compile`` (fused elementwise kernels; costs compile time first)."""

    epochs: int = 20
    batch_size: int | None = None
    lr: float = 1e-3
    weight_decay: float = 1e-2
    accumulation: int = 1
    amp: bool = True
    amp_dtype: str | None = None
    grad_clip: float | None = 1.0
    pct_start: float = 0.3
    patience: int | None = 5
    min_delta: float = 0.0
    monitor: str = "val_loss"
    num_workers: int = 0
    prefetch_factor: int = 2
    resident_data: bool | None = None
    compile: bool = False
    seed: int = 0
    device: str | None = None
    num_threads: int | None = None
    eval_batch_size: int = 8192
    progress: bool = True

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.accumulation < 1:
            raise ValueError("epochs and accumulation must be >= 1")
        if self.monitor not in ("val_loss", "val_auc", "val_accuracy"):
            raise ValueError("monitor must be val_loss, val_auc or val_accuracy")
        if self.amp_dtype is not None and self.amp_dtype not in _DTYPES:
            raise ValueError(f"amp_dtype must be one of {sorted(_DTYPES)} or None")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TrainConfig":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def seed_everything(seed: int) -> None:
    """Seed python, numpy and torch (all devices)."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


# -------------------------------------------------------------------------------------- metrics


def roc_auc(y_true: np.ndarray, score: np.ndarray) -> float:
    """ROC AUC by the Mann–Whitney statistic: (Σ rank(positives) − n₊(n₊+1)/2) / (n₊ n₋),
    tied scores getting their average rank. NaN when only one class is present."""
    y = np.asarray(y_true).astype(bool).ravel()
    s = np.asarray(score, dtype=np.float64).ravel()
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    sorted_s = s[order]
    # average rank of each run of equal scores: (first + last) / 2, ranks 1-based
    starts = np.flatnonzero(np.r_[True, sorted_s[1:] != sorted_s[:-1]])
    ends = np.r_[starts[1:], s.size]
    run_rank = (starts + 1 + ends) / 2.0
    ranks = np.empty(s.size, dtype=np.float64)
    ranks[order] = np.repeat(run_rank, ends - starts)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def log_loss(y_true: np.ndarray, proba: np.ndarray, eps: float = 1e-7) -> float:
    """Mean binary cross-entropy −[y log p + (1−y) log(1−p)], p clipped to [eps, 1−eps]."""
    y = np.asarray(y_true, dtype=np.float64).ravel()
    p = np.clip(np.asarray(proba, dtype=np.float64).ravel(), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def binary_metrics(y_true: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """Accuracy at 0.5, ROC AUC and log loss of P(y=1)."""
    y = np.asarray(y_true).ravel()
    p = np.asarray(proba, dtype=np.float64).ravel()
    return {
        "accuracy": float(np.mean((p > 0.5) == (y == 1))) if y.size else float("nan"),
        "auc": roc_auc(y, p),
        "log_loss": log_loss(y, p) if y.size else float("nan"),
    }


# ---------------------------------------------------------------------------------------- data


class _ArrayDataset(Dataset):
    """In-memory (X, y) indexed by a whole list of rows at once: one gather per batch instead of
    one ``__getitem__`` + collate per row (50× faster for small rows)."""

    def __init__(self, X: torch.Tensor, y: torch.Tensor) -> None:
        self.X, self.y = X, y

    def __len__(self) -> int:
        return self.X.shape[0]

    def __getitem__(self, index):
        index = torch.as_tensor(index)
        return self.X[index], self.y[index]


def loader_kwargs(setup: DeviceSetup, num_workers: int, prefetch_factor: int = 2) -> dict:
    """DataLoader options valid for this device and worker count.

    pin_memory only where host→device copies exist (CUDA); persistent_workers and prefetch_factor
    only with worker processes (DataLoader raises ValueError otherwise)."""
    kwargs: dict[str, Any] = {"num_workers": int(num_workers), "pin_memory": setup.pin_memory}
    if num_workers > 0:
        kwargs["persistent_workers"] = True
        kwargs["prefetch_factor"] = int(prefetch_factor)
    return kwargs


class ResidentBatches:
    """Mini-batches of (X, y) held on the training device: X and y are copied there once, and each
    batch is an ``index_select`` there, so a step costs no host gather, no pinning and no
    host→device copy (on a GPU those per-batch host costs, ~3.7 ms for 4096 rows, bounded small
    models at ~1.1 M samples/s).

    Shuffling draws from ``generator`` exactly what ``RandomSampler`` draws (one ``randperm`` per
    epoch, plus the second one it draws when its iterator is exhausted), so the batches equal the
    DataLoader path's and a run resumes exactly from the saved generator state."""

    def __init__(self, X: torch.Tensor, y: torch.Tensor, batch_size: int, device: torch.device,
                 *, shuffle: bool, generator: torch.Generator | None = None) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.X, self.y = X.to(device), y.to(device)
        self.batch_size, self.device, self.shuffle = int(batch_size), device, shuffle
        self.generator = generator if generator is not None else torch.Generator().manual_seed(0)

    def __len__(self) -> int:
        return -(-self.X.shape[0] // self.batch_size)

    def __iter__(self):
        n, bs = self.X.shape[0], self.batch_size
        if not self.shuffle:
            for start in range(0, n, bs):
                yield self.X[start : start + bs], self.y[start : start + bs]
            return
        order = torch.randperm(n, generator=self.generator)
        torch.randperm(n, generator=self.generator)  # RandomSampler's empty tail draw (see class doc)
        order = order.to(self.device)
        for start in range(0, n, bs):
            index = order[start : start + bs]
            yield self.X.index_select(0, index), self.y.index_select(0, index)


def fits_on_device(nbytes: int, setup: DeviceSetup, fraction: float = 0.25) -> bool:
    """Whether a training set of ``nbytes`` may live on the device: always on the CPU (it is there
    already), up to ``fraction`` of the accelerator's memory elsewhere (activations need the rest)."""
    return setup.type == "cpu" or nbytes <= fraction * setup.memory_gb * 1024**3


def make_loader(
    X: torch.Tensor,
    y: torch.Tensor,
    batch_size: int,
    setup: DeviceSetup,
    *,
    shuffle: bool,
    generator: torch.Generator | None = None,
    num_workers: int = 0,
    prefetch_factor: int = 2,
    resident: bool | None = None,
):
    """Batches of (X, y); shuffling draws only from ``generator`` so a run can be resumed exactly.

    ``resident`` (default: without worker processes, when the data fits, see :func:`fits_on_device`)
    gives :class:`ResidentBatches`; otherwise a DataLoader gathers batches on the host (in worker
    processes if ``num_workers``), pinned for asynchronous copies on CUDA. Both yield the same batches.
    """
    if resident is None:
        resident = num_workers == 0 and fits_on_device(X.nbytes + y.nbytes, setup)
    if resident:
        if num_workers:
            raise ValueError("resident batches are made on the device: num_workers must be 0")
        return ResidentBatches(X, y, batch_size, setup.device, shuffle=shuffle, generator=generator)
    dataset = _ArrayDataset(X, y)
    base = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
    # a separate generator for worker base seeds: with persistent workers it is drawn once per
    # run, which must not shift the shuffling stream when a run is resumed
    worker_gen = torch.Generator().manual_seed(0)
    return DataLoader(
        dataset,
        batch_size=None,
        sampler=BatchSampler(base, batch_size, drop_last=False),
        generator=worker_gen,
        **loader_kwargs(setup, num_workers, prefetch_factor),
    )


def _as_arrays(X, y=None) -> tuple[np.ndarray, np.ndarray | None]:
    Xa = np.ascontiguousarray(X.to_numpy() if isinstance(X, (pd.DataFrame, pd.Series)) else X, dtype=np.float32)
    if Xa.ndim != 2:
        raise ValueError(f"X must be 2-D (rows, features), got shape {Xa.shape}")
    if not np.isfinite(Xa).all():
        raise ValueError("X contains NaN or inf; drop or impute those rows first")
    if y is None:
        return Xa, None
    ya = np.asarray(y.to_numpy() if isinstance(y, (pd.DataFrame, pd.Series)) else y).ravel()
    if ya.shape[0] != Xa.shape[0]:
        raise ValueError(f"X has {Xa.shape[0]} rows but y has {ya.shape[0]}")
    return Xa, ya.astype(np.int64)


# ------------------------------------------------------------------------------------ one epoch


def optimizer_steps_per_epoch(n_batches: int, accumulation: int) -> int:
    """ceil(n_batches / accumulation): the last, possibly partial, group is stepped too."""
    return -(-n_batches // accumulation)


def make_scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig, n_batches: int):
    """OneCycleLR sized to the exact number of optimizer steps of the whole run."""
    total = config.epochs * optimizer_steps_per_epoch(n_batches, config.accumulation)
    return torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=config.lr, total_steps=max(1, total), pct_start=config.pct_start
    )


def _autocast(setup: DeviceSetup):
    if setup.amp_dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=setup.type, dtype=setup.amp_dtype)


def train_epoch(
    model: torch.nn.Module,
    loader,
    optimizer: torch.optim.Optimizer,
    setup: DeviceSetup,
    *,
    scheduler=None,
    scaler: torch.amp.GradScaler | None = None,
    accumulation: int = 1,
    grad_clip: float | None = None,
    progress: bool = False,
    desc: str = "train",
) -> dict[str, float]:
    """One pass over ``loader``; returns mean train loss, samples, optimizer steps and skipped steps."""
    if scaler is None:
        scaler = torch.amp.GradScaler(setup.type, enabled=False)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    n_batches = len(loader)
    total_loss = torch.zeros((), device=setup.device)
    n_samples = steps = skipped = 0
    group_samples = 0
    nominal = None  # per-micro-batch normaliser: first batch size × accumulation
    optimizer.zero_grad(set_to_none=True)
    bar = tqdm(total=n_batches, desc=desc, leave=False, disable=not progress, dynamic_ncols=True)
    for i, (xb, yb) in enumerate(loader):
        xb = xb.to(setup.device, non_blocking=setup.non_blocking)
        yb = yb.to(setup.device, non_blocking=setup.non_blocking)
        if nominal is None:
            nominal = xb.shape[0] * accumulation
        with _autocast(setup):
            logits = model(xb)
        # loss in fp32: the softmax of fp16/bf16 logits loses too much precision
        loss_sum = F.cross_entropy(logits.float(), yb, reduction="sum")
        scaler.scale(loss_sum / nominal).backward()
        total_loss += loss_sum.detach()
        group_samples += xb.shape[0]
        n_samples += xb.shape[0]

        if (i + 1) % accumulation == 0 or i + 1 == n_batches:
            if group_samples != nominal:
                # short group (last batch smaller, or fewer micro-batches): make it an exact mean
                for p in params:
                    if p.grad is not None:
                        p.grad.mul_(nominal / group_samples)
            step_skipped = False
            if scaler.is_enabled():
                scaler.unscale_(optimizer)  # clip the true gradient, not the loss-scaled one
                norm = torch.nn.utils.clip_grad_norm_(params, grad_clip if grad_clip is not None else math.inf)
                # an fp16 overflow makes the scaler skip the step (an inf/NaN gradient, so a
                # non-finite norm); the schedule must then not advance either, and PyTorch warns
                # if it does. Reading the flag here costs no extra wait: scaler.step() reads its
                # own found-inf flag at this same point. (Reading the scale after update() did
                # wait for the optimizer's kernels, so the next batch could not be queued behind them.)
                step_skipped = not bool(torch.isfinite(norm))
            elif grad_clip is not None:
                torch.nn.utils.clip_grad_norm_(params, grad_clip)
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad(set_to_none=True)
            if step_skipped:
                skipped += 1
            else:
                steps += 1
                if scheduler is not None:
                    scheduler.step()
            group_samples = 0
        bar.update(1)
        if progress and (i % 20 == 0 or i + 1 == n_batches):
            bar.set_postfix(loss=f"{total_loss.item() / n_samples:.4f}", lr=f"{optimizer.param_groups[0]['lr']:.2e}")
    bar.close()
    return {
        "loss": total_loss.item() / max(n_samples, 1),
        "samples": n_samples,
        "steps": steps,
        "skipped_steps": skipped,
    }


@torch.no_grad()
def _predict_logits(model: torch.nn.Module, X: np.ndarray, device: torch.device, batch_size: int, amp_dtype) -> torch.Tensor:
    was_training = model.training
    model.eval()
    out = []
    setup_ctx = (
        contextlib.nullcontext() if amp_dtype is None else torch.autocast(device_type=device.type, dtype=amp_dtype)
    )
    with setup_ctx:
        for start in range(0, X.shape[0], batch_size):
            xb = torch.from_numpy(X[start : start + batch_size]).to(device)
            out.append(model(xb).float().cpu())
    model.train(was_training)
    if not out:
        return torch.empty((0, getattr(getattr(model, "config", None), "output_size", 2)))
    return torch.cat(out)


def predict_proba(model: torch.nn.Module, X, *, batch_size: int = 8192, amp_dtype: torch.dtype | None = None) -> np.ndarray:
    """Class probabilities softmax(f(X)), shape (rows, classes), on the model's device, in eval mode.
    For the binary direction model column 1 is P(close rises)."""
    Xa, _ = _as_arrays(X)
    device = next(model.parameters()).device
    logits = _predict_logits(model, Xa, device, batch_size, amp_dtype)
    return torch.softmax(logits, dim=1).numpy().astype(np.float64)


def evaluate(model: torch.nn.Module, X: np.ndarray, y: np.ndarray, setup: DeviceSetup, batch_size: int = 8192) -> tuple[dict, np.ndarray]:
    """Mean cross-entropy, accuracy and (binary only) ROC AUC on (X, y); also returns probabilities."""
    logits = _predict_logits(model, X, setup.device, batch_size, setup.amp_dtype)
    yt = torch.from_numpy(y)
    loss = F.cross_entropy(logits, yt).item() if y.size else float("nan")
    proba = torch.softmax(logits, dim=1).numpy().astype(np.float64)
    metrics = {
        "loss": loss,
        "accuracy": float((proba.argmax(1) == y).mean()) if y.size else float("nan"),
        "auc": roc_auc(y, proba[:, 1]) if proba.shape[1] == 2 else float("nan"),
    }
    return metrics, proba


# ---------------------------------------------------------------------------------- checkpoints


def last_checkpoint_path(path: str | os.PathLike) -> Path:
    """Where the every-epoch resume checkpoint lives next to the best one: model.pt → model.last.pt."""
    path = Path(path)
    return path.with_name(f"{path.stem}.last{path.suffix or '.pt'}")


def save_checkpoint(payload: Mapping[str, Any], path: str | os.PathLike) -> Path:
    """Atomic write: serialise into a temp file in the same directory, fsync, then ``os.replace``
    (atomic on POSIX and Windows), so a crash mid-save leaves the previous file intact."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            torch.save(dict(payload), fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def load_checkpoint(path: str | os.PathLike, map_location: str | torch.device = "cpu") -> dict:
    """Read a checkpoint; only tensors and plain containers are stored, so ``weights_only`` holds."""
    payload = torch.load(Path(path), map_location=map_location, weights_only=True)
    if payload.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path}: not a {CHECKPOINT_FORMAT} checkpoint")
    return payload


def _rng_state(shuffle_gen: torch.Generator) -> dict:
    np_state = np.random.get_state()
    state = {
        "torch": torch.get_rng_state(),
        "shuffle": shuffle_gen.get_state(),
        "numpy": {
            "key": np_state[0],
            "state": np_state[1].tolist(),
            "pos": int(np_state[2]),
            "has_gauss": int(np_state[3]),
            "cached_gaussian": float(np_state[4]),
        },
        "python": random.getstate(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def _set_rng_state(state: Mapping[str, Any], shuffle_gen: torch.Generator) -> None:
    torch.set_rng_state(state["torch"].cpu())
    shuffle_gen.set_state(state["shuffle"].cpu())
    n = state["numpy"]
    np.random.set_state((n["key"], np.asarray(n["state"], dtype=np.uint32), n["pos"], n["has_gauss"], n["cached_gaussian"]))
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([s.cpu() for s in state["cuda"]])


@dataclass
class LoadedModel:
    """A trained model with everything needed to predict from raw OHLCV."""

    model: ResidualMLP
    model_config: ModelConfig
    feature_spec: FeatureSpec | None
    feature_scaler: StandardScaler | None
    checkpoint: dict


def load_model(path: str | os.PathLike, device: str | torch.device = "cpu") -> LoadedModel:
    """Rebuild the model (eval mode), its feature spec and scaler from a checkpoint."""
    payload = load_checkpoint(path)
    config = ModelConfig.from_dict(payload["model_config"])
    model = build_model(config)
    model.load_state_dict(payload["model_state"])
    model.to(device).eval()
    spec = FeatureSpec.from_dict(payload["feature_spec"]) if payload.get("feature_spec") else None
    scaler = StandardScaler.from_dict(payload["feature_scaler"]) if payload.get("feature_scaler") else None
    return LoadedModel(model=model, model_config=config, feature_spec=spec, feature_scaler=scaler, checkpoint=payload)


# ------------------------------------------------------------------------------------------ fit


@dataclass
class TrainResult:
    """Outcome of :func:`fit`; ``model`` holds the best epoch's weights (eval mode)."""

    model: ResidualMLP
    model_config: ModelConfig
    history: list[dict]
    best_epoch: int | None
    best_metrics: dict
    stopped_early: bool
    checkpoint_path: Path | None
    setup: DeviceSetup


def _improved(value: float, best: float | None, monitor: str, min_delta: float) -> bool:
    if not math.isfinite(value):
        return False
    if best is None:
        return True
    return value < best - min_delta if monitor == "val_loss" else value > best + min_delta


def _cpu_state(model: torch.nn.Module) -> dict:
    return {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}


def fit(
    X_train,
    y_train,
    X_val,
    y_val,
    config: TrainConfig | None = None,
    model_config: ModelConfig | None = None,
    checkpoint_path: str | os.PathLike | None = None,
    *,
    resume_from: str | os.PathLike | None = None,
    feature_spec: FeatureSpec | None = None,
    feature_scaler: StandardScaler | None = None,
    setup: DeviceSetup | None = None,
    on_epoch_end: Callable[[dict], bool | None] | None = None,
) -> TrainResult:
    """Train a :class:`ResidualMLP` on (X_train, y_train), validating on (X_val, y_val) each epoch.

    Writes the best checkpoint to ``checkpoint_path`` and the latest state to
    :func:`last_checkpoint_path` each epoch; ``resume_from`` (either file) continues that run so that
    it ends with the same weights as an uninterrupted one. ``on_epoch_end(record)`` may return True to
    stop (the state is saved first). ``feature_spec``/``feature_scaler`` are stored in checkpoints.

    With no validation rows (``X_val`` of length 0) there is nothing to early-stop on: training
    runs all ``config.epochs`` epochs, whatever ``patience`` says, and the last epoch is the best
    one (this is how a final model is refitted on all data, see :func:`refit`).
    """
    config = config or TrainConfig()
    Xtr, ytr = _as_arrays(X_train, y_train)
    Xva, yva = _as_arrays(X_val, y_val)
    if Xtr.shape[0] == 0:
        raise ValueError("empty training set")
    validated = Xva.shape[0] > 0
    if validated and Xva.shape[1] != Xtr.shape[1]:
        raise ValueError("train and validation feature counts differ")
    if not validated:
        Xva = np.empty((0, Xtr.shape[1]), dtype=np.float32)

    seed_everything(config.seed)
    if setup is None:
        setup = setup_device(
            config.device,
            amp=config.amp,
            amp_dtype=_DTYPES.get(config.amp_dtype) if config.amp_dtype else None,
            batch_size=config.batch_size,
            num_threads=config.num_threads,
        )
    batch_size = config.batch_size or setup.batch_size
    model_config = model_config or ModelConfig(input_size=Xtr.shape[1])
    if model_config.input_size != Xtr.shape[1]:
        raise ValueError(f"model_config.input_size={model_config.input_size} but X has {Xtr.shape[1]} features")
    for name, labels in (("y_train", ytr), ("y_val", yva)):
        if labels.size and (labels.min() < 0 or labels.max() >= model_config.output_size):
            raise ValueError(f"{name} must hold class indices in [0, {model_config.output_size})")

    model = build_model(model_config).to(setup.device)
    # the compiled module shares the model's parameters; the plain model is what is returned,
    # checkpointed and exported
    step_model = torch.compile(model) if config.compile else model
    # on CUDA one fused kernel updates every parameter (the foreach path launches several per
    # tensor list, which shows when small models are launch-bound)
    fused = setup.type == "cuda"
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay, fused=fused)
    shuffle_gen = torch.Generator().manual_seed(config.seed)
    loader = make_loader(
        torch.from_numpy(Xtr),
        torch.from_numpy(ytr),
        batch_size,
        setup,
        shuffle=True,
        generator=shuffle_gen,
        num_workers=config.num_workers,
        prefetch_factor=config.prefetch_factor,
        resident=config.resident_data,
    )
    scheduler = make_scheduler(optimizer, config, len(loader))
    # loss scaling only for fp16: bf16 has fp32's exponent range, so gradients do not underflow
    scaler = torch.amp.GradScaler(setup.type, enabled=setup.amp_dtype == torch.float16)

    history: list[dict] = []
    start_epoch, best, best_epoch, bad_epochs = 0, None, None, 0
    best_state: dict | None = None
    if resume_from is not None:
        ckpt = load_checkpoint(resume_from)
        if ModelConfig.from_dict(ckpt["model_config"]) != model_config:
            raise ValueError("checkpoint model_config differs from this run's")
        if ckpt["scheduler"]["total_steps"] != scheduler.total_steps:
            raise ValueError("checkpoint was made with different epochs/batches/accumulation; cannot resume")
        model.load_state_dict(ckpt["model_state"])
        optimizer.load_state_dict(ckpt["optimizer"])
        for group in optimizer.param_groups:  # a GPU run may resume on the CPU, and back
            group["fused"] = fused
        scheduler.load_state_dict(ckpt["scheduler"])
        scaler.load_state_dict(ckpt["grad_scaler"])
        _set_rng_state(ckpt["rng"], shuffle_gen)
        start_epoch, best, best_epoch = ckpt["epoch"], ckpt["best_metric"], ckpt["best_epoch"]
        bad_epochs, history = ckpt["bad_epochs"], list(ckpt["history"])
        best_state = ckpt.get("best_model_state") or (ckpt["model_state"] if best_epoch == ckpt["epoch"] else None)

    def payload(epoch: int) -> dict:
        return {
            "format": CHECKPOINT_FORMAT,
            "model_state": _cpu_state(model),
            "model_config": model_config.to_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "grad_scaler": scaler.state_dict(),
            "epoch": epoch,
            "best_metric": best,
            "best_epoch": best_epoch,
            "bad_epochs": bad_epochs,
            "history": history,
            "train_config": config.to_dict(),
            "rng": _rng_state(shuffle_gen),
            "feature_spec": feature_spec.to_dict() if feature_spec is not None else None,
            "feature_scaler": feature_scaler.to_dict() if feature_scaler is not None else None,
        }

    # a resumed run that had already run out of patience stays stopped
    patience = config.patience if validated else None
    stopped_early = patience is not None and bad_epochs >= patience
    for epoch in range(start_epoch + 1, config.epochs + 1 if not stopped_early else start_epoch + 1):
        t0 = time.perf_counter()
        train_stats = train_epoch(
            step_model,
            loader,
            optimizer,
            setup,
            scheduler=scheduler,
            scaler=scaler,
            accumulation=config.accumulation,
            grad_clip=config.grad_clip,
            progress=config.progress,
            desc=f"epoch {epoch}/{config.epochs}",
        )
        train_seconds = time.perf_counter() - t0
        val, _ = evaluate(step_model, Xva, yva, setup, config.eval_batch_size)
        record = {
            "epoch": epoch,
            "train_loss": train_stats["loss"],
            "val_loss": val["loss"],
            "val_accuracy": val["accuracy"],
            "val_auc": val["auc"],
            "lr": optimizer.param_groups[0]["lr"],
            "optimizer_steps": train_stats["steps"],
            "skipped_steps": train_stats["skipped_steps"],
            "train_seconds": train_seconds,
            "samples_per_s": train_stats["samples"] / max(train_seconds, 1e-9),
        }
        history.append(record)
        value = record[config.monitor]
        # without validation rows every epoch is "best": the run ends with its last epoch
        if not validated or _improved(value, best, config.monitor, config.min_delta):
            best, best_epoch, bad_epochs = value, epoch, 0
            best_state = _cpu_state(model)
            if checkpoint_path is not None:
                save_checkpoint(payload(epoch), checkpoint_path)
        else:
            bad_epochs += 1
        if checkpoint_path is not None:
            last = payload(epoch)
            last["best_model_state"] = best_state
            save_checkpoint(last, last_checkpoint_path(checkpoint_path))
        if on_epoch_end is not None and on_epoch_end(dict(record)):
            break
        if patience is not None and bad_epochs >= patience:
            stopped_early = True
            break

    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    best_metrics = dict(history[best_epoch - 1]) if best_epoch is not None else {}
    return TrainResult(
        model=model,
        model_config=model_config,
        history=history,
        best_epoch=best_epoch,
        best_metrics=best_metrics,
        stopped_early=stopped_early,
        checkpoint_path=Path(checkpoint_path) if checkpoint_path is not None else None,
        setup=setup,
    )


# --------------------------------------------------------------------------------- walk-forward


@dataclass
class FoldResult:
    """One walk-forward fold: date ranges, sizes, training curve and test metrics."""

    fold: int
    train_dates: tuple
    val_dates: tuple
    test_dates: tuple
    n_train: int
    n_val: int
    n_test: int
    best_epoch: int | None
    history: list[dict]
    test_metrics: dict
    checkpoint_path: Path | None = None


@dataclass
class WalkForwardResult:
    """All folds; ``predictions`` has one row per test row (symbol, date, fold, label, proba,
    fwd_return) for equity curves; ``metrics`` pools every fold's test rows."""

    folds: list[FoldResult]
    predictions: pd.DataFrame
    metrics: dict
    feature_spec: FeatureSpec
    model_config: ModelConfig
    final_model: ResidualMLP
    final_scaler: StandardScaler
    train_config: TrainConfig = field(default_factory=TrainConfig)
    baselines: dict = field(default_factory=dict)
    calibration: str | None = None
    dataset: pd.DataFrame | None = field(default=None, repr=False)
    splits: list = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        """JSON-ready summary (no model weights, no per-row predictions)."""
        return {
            "metrics": self.metrics,
            "baselines": self.baselines,
            "calibration": self.calibration,
            "feature_spec": self.feature_spec.to_dict(),
            "model_config": self.model_config.to_dict(),
            "train_config": self.train_config.to_dict(),
            "folds": [
                {
                    "fold": f.fold,
                    "train_dates": [str(d) for d in f.train_dates],
                    "val_dates": [str(d) for d in f.val_dates],
                    "test_dates": [str(d) for d in f.test_dates],
                    "n_train": f.n_train,
                    "n_val": f.n_val,
                    "n_test": f.n_test,
                    "best_epoch": f.best_epoch,
                    "test_metrics": f.test_metrics,
                    "history": f.history,
                }
                for f in self.folds
            ],
        }


def min_dates_needed(n_splits: int, *, test_size: int | float | None = None, val_size: int | float = 0.2,
                     gap: int = 0) -> int:
    """The number of unique labeled dates from which on :func:`walk_forward_splits` accepts every
    size for these settings. (Not simply the smallest size that works: the default test block is
    n // (n_splits + 2) dates, so one more date can make every test block longer and fail.)"""

    def works(n: int) -> bool:
        try:
            walk_forward_splits(np.arange(n).astype("datetime64[D]"), n_splits=n_splits,
                                test_size=test_size, val_size=val_size, gap=gap)
            return True
        except ValueError:
            return False

    run = 2 * (n_splits + 2) + 2  # enough consecutive successes to span the test block's period
    n, first_ok, streak = 1, None, 0
    while n < 1_000_000:
        if works(n):
            first_ok = n if streak == 0 else first_ok
            streak += 1
            if streak >= run:
                return first_ok
        else:
            streak = 0
        n += 1
    raise ValueError("no data size satisfies these walk-forward settings")


def _test_metrics(y_train: np.ndarray, y_test: np.ndarray, proba: np.ndarray) -> dict:
    """Binary test metrics plus the majority-class baseline (majority taken from the train fold,
    since picking it on the test set would peek)."""
    metrics = binary_metrics(y_test, proba)
    majority = int(np.mean(y_train) > 0.5) if y_train.size else 0
    metrics["baseline_accuracy"] = float(np.mean(y_test == majority)) if y_test.size else float("nan")
    metrics["positive_rate"] = float(np.mean(y_test)) if y_test.size else float("nan")
    metrics["n"] = int(y_test.size)
    return metrics


def train_walk_forward(
    panel,
    spec: FeatureSpec | None = None,
    *,
    n_splits: int = 3,
    test_size: int | float | None = None,
    val_size: int | float = 0.2,
    gap: int | None = None,
    train_config: TrainConfig | None = None,
    model_config: ModelConfig | Mapping[str, Any] | None = None,
    checkpoint_dir: str | os.PathLike | None = None,
    dataset: pd.DataFrame | None = None,
    baselines: tuple[str, ...] | list[str] = (),
    calibration: str | None = None,
) -> WalkForwardResult:
    """Features → date-ordered walk-forward folds → scaler (train part only) → fit → test.

    ``panel``: long OHLCV DataFrame (symbol, date, open, high, low, close, volume) or a dict
    symbol → DataFrame. Each fold trains on dates before its test block, early-stops on a validation
    block carved from the end of the training dates, and predicts the test block; blocks are
    separated by ``gap`` unique dates (default horizon + lookback), and training rows whose label
    date reaches into the following block are purged. A precomputed :func:`build_dataset` result can
    be passed as ``dataset`` to skip the feature step.

    ``baselines`` (names from :data:`fastind_model.baselines.BASELINES`: "prior", "logistic",
    "hgb") are fitted on each fold's same training rows and predict the same test rows; their
    P(up) lands in ``predictions`` as ``proba_<name>`` and their pooled metrics in ``.baselines``.
    ``calibration`` ("platt" or "isotonic") maps the network's P(up) through a fit on each fold's
    validation block: ``proba`` is then the calibrated probability and ``proba_raw`` the network's.
    """
    from . import baselines as bl

    for name in baselines:
        if name not in bl.BASELINES:
            raise ValueError(f"unknown baseline {name!r}; choose from {bl.BASELINES}")
    if calibration is not None and calibration not in bl.CALIBRATIONS:
        raise ValueError(f"calibration must be one of {bl.CALIBRATIONS} or None, got {calibration!r}")
    spec = spec or FeatureSpec.default()
    train_config = train_config or TrainConfig()
    data = dataset if dataset is not None else build_dataset(panel, spec)
    data = data[data["label"].notna()].reset_index(drop=True)
    names = spec.names
    if isinstance(model_config, ModelConfig):
        model_config = replace(model_config, input_size=len(names))
    else:
        model_config = ModelConfig(input_size=len(names), **dict(model_config or {}))
    gap = spec.horizon + spec.lookback if gap is None else gap
    if calibration is not None and not val_size:
        raise ValueError("calibration is fitted on the validation block: it needs val_size > 0")
    try:
        splits = walk_forward_splits(data["date"], n_splits=n_splits, test_size=test_size, val_size=val_size, gap=gap)
    except ValueError:
        need = min_dates_needed(n_splits, test_size=test_size, val_size=val_size, gap=gap)
        have = int(data["date"].nunique())
        raise ValueError(
            f"not enough data: {n_splits} walk-forward folds need at least {need} dates with features and "
            f"a label, i.e. {need + spec.lookback + spec.horizon} bars per symbol (lookback {spec.lookback} + "
            f"horizon {spec.horizon} more); the data has {have} such dates"
        ) from None

    setup = setup_device(
        train_config.device,
        amp=train_config.amp,
        amp_dtype=_DTYPES.get(train_config.amp_dtype) if train_config.amp_dtype else None,
        batch_size=train_config.batch_size,
        num_threads=train_config.num_threads,
    )
    folds: list[FoldResult] = []
    predictions = []
    result = None
    scaler = None
    for split in splits:
        train_mask, val_mask, test_mask = split.masks(data["date"], data["label_date"])
        Xtr_raw = data.loc[train_mask, names].to_numpy(np.float64)
        scaler = StandardScaler().fit(Xtr_raw)
        ytr = data.loc[train_mask, "label"].to_numpy(np.int64)
        yva = data.loc[val_mask, "label"].to_numpy(np.int64)
        yte = data.loc[test_mask, "label"].to_numpy(np.int64)
        Xtr = scaler.transform(Xtr_raw)
        Xva = scaler.transform(data.loc[val_mask, names].to_numpy(np.float64))
        Xte = scaler.transform(data.loc[test_mask, names].to_numpy(np.float64))
        ckpt = Path(checkpoint_dir) / f"fold{split.fold}.pt" if checkpoint_dir is not None else None
        result = fit(
            Xtr, ytr, Xva, yva, train_config, model_config, ckpt,
            feature_spec=spec, feature_scaler=scaler, setup=setup,
        )
        proba = predict_proba(result.model, Xte, batch_size=train_config.eval_batch_size)[:, 1]
        proba_raw = proba
        if calibration is not None:
            p_val = predict_proba(result.model, Xva, batch_size=train_config.eval_batch_size)[:, 1]
            proba = bl.Calibrator.fit(calibration, p_val, yva)(proba_raw)
        extra = {f"proba_{name}": bl.fit_baseline(name, Xtr, ytr, seed=train_config.seed)(Xte) for name in baselines}
        folds.append(
            FoldResult(
                fold=split.fold,
                train_dates=split.train,
                val_dates=split.val,
                test_dates=split.test,
                n_train=int(ytr.size),
                n_val=int(yva.size),
                n_test=int(yte.size),
                best_epoch=result.best_epoch,
                history=result.history,
                test_metrics=_test_metrics(ytr, yte, proba),
                checkpoint_path=ckpt,
            )
        )
        rows = data.loc[test_mask, ["symbol", "date", "label", "fwd_return"]].copy()
        rows.insert(2, "fold", split.fold)
        rows["label"] = rows["label"].astype(np.int64)
        rows["proba"] = proba
        if calibration is not None:
            rows["proba_raw"] = proba_raw
        for name, values in extra.items():
            rows[name] = values
        predictions.append(rows)

    preds = pd.concat(predictions, ignore_index=True)
    # pooled baseline: each fold's train majority applied to its own test rows
    baseline_hits = sum(f.test_metrics["baseline_accuracy"] * f.n_test for f in folds)
    pooled = binary_metrics(preds["label"].to_numpy(), preds["proba"].to_numpy())
    pooled["baseline_accuracy"] = baseline_hits / max(len(preds), 1)
    pooled["positive_rate"] = float(preds["label"].mean())
    pooled["n"] = int(len(preds))
    y_all = preds["label"].to_numpy()
    pooled["brier"] = bl.brier(y_all, preds["proba"].to_numpy())
    if calibration is not None:
        pooled["uncalibrated"] = {**binary_metrics(y_all, preds["proba_raw"].to_numpy()),
                                  "brier": bl.brier(y_all, preds["proba_raw"].to_numpy())}
    base_metrics = {name: {**binary_metrics(y_all, preds[f"proba_{name}"].to_numpy()),
                           "brier": bl.brier(y_all, preds[f"proba_{name}"].to_numpy())} for name in baselines}
    if "prior" in base_metrics:
        # a constant ranks nothing: pooling folds with different constants would give an AUC that
        # only says which fold had more ups
        base_metrics["prior"]["auc"] = float("nan")
    return WalkForwardResult(
        folds=folds,
        predictions=preds,
        metrics=pooled,
        feature_spec=spec,
        model_config=model_config,
        final_model=result.model,
        final_scaler=scaler,
        train_config=train_config,
        baselines=base_metrics,
        calibration=calibration,
        dataset=data,
        splits=splits,
    )


def refit(
    dataset: pd.DataFrame,
    spec: FeatureSpec,
    epochs: int,
    *,
    train_config: TrainConfig | None = None,
    model_config: ModelConfig | Mapping[str, Any] | None = None,
    checkpoint_path: str | os.PathLike | None = None,
    setup: DeviceSetup | None = None,
) -> TrainResult:
    """Fit the final, deployable model on EVERY labeled row of ``dataset`` (a :func:`build_dataset`
    result) for exactly ``epochs`` epochs, with a scaler fitted on those rows; no validation block,
    no early stopping (choose ``epochs`` from the walk-forward folds' best epochs). The checkpoint
    carries the spec and scaler like a fold's."""
    train_config = replace(train_config or TrainConfig(), epochs=int(epochs), patience=None)
    data = dataset[dataset["label"].notna()]
    if data.empty:
        raise ValueError("no labeled rows to refit on")
    names = spec.names
    if isinstance(model_config, ModelConfig):
        model_config = replace(model_config, input_size=len(names))
    else:
        model_config = ModelConfig(input_size=len(names), **dict(model_config or {}))
    X_raw = data[names].to_numpy(np.float64)
    scaler = StandardScaler().fit(X_raw)
    y = data["label"].to_numpy(np.int64)
    empty = np.empty((0, len(names)), dtype=np.float32)
    return fit(scaler.transform(X_raw), y, empty, np.empty(0, dtype=np.int64), train_config, model_config,
               checkpoint_path, feature_spec=spec, feature_scaler=scaler, setup=setup)
