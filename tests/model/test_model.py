import math

import pytest
import torch
from torch import nn

from fastind_model.model import ModelConfig, ResidualBlock, ResidualMLP, build_model


def test_shapes_and_structure():
    cfg = ModelConfig(input_size=7, hidden_size=32, output_size=3, num_layers=2, dropout=0.1)
    model = build_model(cfg)
    assert model(torch.randn(5, 7)).shape == (5, 3)
    assert len(model.blocks) == 2 and all(isinstance(b, ResidualBlock) for b in model.blocks)
    assert isinstance(model.stem[1], nn.LayerNorm) and isinstance(model.stem[2], nn.ReLU)


def test_block_is_identity_plus_residual():
    block = ResidualBlock(16, dropout=0.0).eval()
    x = torch.randn(4, 16)
    expected = x + torch.relu(block.norm(block.linear(x)))
    torch.testing.assert_close(block(x), expected)


def test_zero_layers_is_plain_mlp():
    model = build_model(ModelConfig(input_size=3, hidden_size=8, num_layers=0))
    assert model(torch.randn(2, 3)).shape == (2, 2)


def test_kaiming_init_statistics():
    torch.manual_seed(0)
    model = ResidualMLP(ModelConfig(input_size=256, hidden_size=512, num_layers=2))
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    assert len(linears) == 4  # stem, 2 blocks, head
    for lin in linears:
        fan_in = lin.weight.shape[1]
        expected = math.sqrt(2.0 / fan_in)
        # ≥1024 samples per matrix: relative standard error of the std ≤ 2.3%
        assert lin.weight.std().item() == pytest.approx(expected, rel=0.08)
        assert abs(lin.weight.mean().item()) < 0.1 * expected
        assert torch.count_nonzero(lin.bias) == 0
    for norm in (m for m in model.modules() if isinstance(m, nn.LayerNorm)):
        assert torch.all(norm.weight == 1) and torch.all(norm.bias == 0)


def test_activation_scale_preserved_at_init():
    torch.manual_seed(0)
    model = ResidualMLP(ModelConfig(input_size=64, hidden_size=256, num_layers=4, dropout=0.0)).eval()
    with torch.no_grad():
        logits = model(torch.randn(2048, 64))
    # Kaiming keeps the output at O(1): no explosion or collapse through the residual stack
    assert 0.1 < logits.std().item() < 20


def test_config_dict_roundtrip_and_validation():
    cfg = ModelConfig(input_size=5, hidden_size=16, num_layers=1, dropout=0.0)
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    assert ModelConfig.from_dict({**cfg.to_dict(), "future_field": 1}) == cfg
    assert isinstance(build_model(cfg.to_dict()), ResidualMLP)
    with pytest.raises(ValueError):
        ModelConfig(input_size=5, output_size=1)
    with pytest.raises(ValueError):
        ModelConfig(input_size=5, dropout=1.0)
