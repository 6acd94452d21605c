"""fastind_model: a residual-MLP direction classifier trained on fastind indicator features.

    from fastind_model import FeatureSpec, build_dataset, TrainConfig, fit, train_walk_forward
"""

from .device import DeviceSetup, select_device, setup_device
from .features import (
    FeatureSpec,
    StandardScaler,
    build_dataset,
    compute_features,
    make_labels,
    register_feature,
    to_long_panel,
    walk_forward_splits,
)
from .model import ModelConfig, ResidualMLP, build_model
from .train import (
    TrainConfig,
    TrainResult,
    WalkForwardResult,
    fit,
    load_checkpoint,
    load_model,
    predict_proba,
    refit,
    save_checkpoint,
    train_walk_forward,
)

__all__ = [
    "DeviceSetup",
    "select_device",
    "setup_device",
    "FeatureSpec",
    "StandardScaler",
    "build_dataset",
    "compute_features",
    "make_labels",
    "register_feature",
    "to_long_panel",
    "walk_forward_splits",
    "ModelConfig",
    "ResidualMLP",
    "build_model",
    "TrainConfig",
    "TrainResult",
    "WalkForwardResult",
    "fit",
    "load_checkpoint",
    "load_model",
    "predict_proba",
    "save_checkpoint",
    "train_walk_forward",
    "refit",
]
