"""Residual MLP classifier for tabular indicator features.

    h_0     = ReLU(LayerNorm(W_in x + b_in))
    h_{i+1} = h_i + Dropout(ReLU(LayerNorm(W_i h_i + b_i)))      i = 0 .. num_layers-1
    logits  = W_out h_L + b_out

Every Linear is initialised Kaiming-normal (fan_in, ReLU gain): std(W) = sqrt(2 / fan_in), b = 0, so
activations keep their scale through the stack at initialisation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import torch
from torch import nn

__all__ = ["ModelConfig", "ResidualBlock", "ResidualMLP", "build_model"]


@dataclass(frozen=True)
class ModelConfig:
    """Architecture of :class:`ResidualMLP`; stored as a plain dict in every checkpoint."""

    input_size: int
    hidden_size: int = 256
    output_size: int = 2
    num_layers: int = 4
    dropout: float = 0.2

    def __post_init__(self) -> None:
        if self.input_size < 1 or self.hidden_size < 1:
            raise ValueError("input_size and hidden_size must be >= 1")
        # the trainer uses softmax cross-entropy, which needs at least two logits
        if self.output_size < 2:
            raise ValueError("output_size must be >= 2 (one logit per class)")
        if self.num_layers < 0:
            raise ValueError("num_layers must be >= 0")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError("dropout must be in [0, 1)")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class ResidualBlock(nn.Module):
    """x + Dropout(ReLU(LayerNorm(W x + b))) — identity skip, width preserved."""

    def __init__(self, width: int, dropout: float) -> None:
        super().__init__()
        self.linear = nn.Linear(width, width)
        self.norm = nn.LayerNorm(width)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.drop(self.act(self.norm(self.linear(x))))


class ResidualMLP(nn.Module):
    """Input projection, ``num_layers`` residual blocks, linear head producing class logits."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.stem = nn.Sequential(
            nn.Linear(config.input_size, config.hidden_size),
            nn.LayerNorm(config.hidden_size),
            nn.ReLU(),
        )
        self.blocks = nn.Sequential(
            *(ResidualBlock(config.hidden_size, config.dropout) for _ in range(config.num_layers))
        )
        self.head = nn.Linear(config.hidden_size, config.output_size)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.kaiming_normal_(module.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(self.stem(x)))


def build_model(config: ModelConfig | dict) -> ResidualMLP:
    """Model from a :class:`ModelConfig` or its dict form (as read from a checkpoint)."""
    if isinstance(config, dict):
        config = ModelConfig.from_dict(config)
    return ResidualMLP(config)
