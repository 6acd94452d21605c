"""Baselines fitted on the same walk-forward folds as the network, calibration, reliability.

Baselines (each fitted on a fold's training rows, scaled with the fold's scaler, and asked for
P(up) on that fold's test rows):

- ``prior``: the training rows' rate of ups as a constant probability. Its log loss is the bar a
  model must clear (ln 2 for balanced classes); its accuracy is the majority class's.
- ``logistic``: L2 logistic regression on the same features (scikit-learn).
- ``hgb``: scikit-learn's HistGradientBoostingClassifier on the same features.

Calibration (:class:`Calibrator`) maps the network's P(up) through a Platt (logistic on the logit)
or isotonic fit made on the fold's *validation* block, never on test rows.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["BASELINES", "CALIBRATIONS", "sklearn_available", "fit_baseline", "Calibrator", "brier",
           "reliability", "expected_calibration_error"]

BASELINES = ("prior", "logistic", "hgb")
CALIBRATIONS = ("platt", "isotonic")


def sklearn_available() -> bool:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def _need_sklearn(what: str):
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"{what} needs scikit-learn: pip install scikit-learn "
                          "(or pip install 'fastind[model]')") from exc


@contextmanager
def _one_thread():
    """scikit-learn's OpenMP loops beside PyTorch's OpenMP runtime in one process: with both
    runtimes' threads spinning on a busy 2-core machine, one HistGradientBoosting fit took 230 s
    instead of 3 s (measured). One thread is plenty for these fold sizes."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a scikit-learn dependency
        yield
        return
    with threadpool_limits(limits=1):  # OpenMP and BLAS pools alike
        yield


def fit_baseline(name: str, X: np.ndarray, y: np.ndarray, *, seed: int = 0) -> Callable[[np.ndarray], np.ndarray]:
    """Fit baseline ``name`` on (X, y); return ``predict(X) -> P(y = 1)``."""
    y = np.asarray(y).astype(np.int64)
    if name == "prior":
        rate = float(np.mean(y)) if y.size else 0.5
        return lambda Xq: np.full(len(Xq), rate)
    if y.size == 0 or np.unique(y).size < 2:  # one class: the prior is all there is to learn
        return fit_baseline("prior", X, y)
    if name == "logistic":
        _need_sklearn("the logistic-regression baseline")
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0, max_iter=1000)
        with _one_thread():
            model.fit(X, y)
        return lambda Xq: model.predict_proba(Xq)[:, 1]
    if name == "hgb":
        _need_sklearn("the gradient-boosting baseline")
        from sklearn.ensemble import HistGradientBoostingClassifier

        # no internal early stopping: it would hold out a *shuffled* tenth of the training rows
        model = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05, max_leaf_nodes=15,
                                               min_samples_leaf=100, l2_regularization=1.0,
                                               early_stopping=False, random_state=seed)
        with _one_thread():
            model.fit(X, y)

        def predict(Xq):
            with _one_thread():
                return model.predict_proba(Xq)[:, 1]

        return predict
    raise ValueError(f"unknown baseline {name!r}; choose from {BASELINES}")


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-7, 1 - 1e-7)
    return np.log(p) - np.log1p(-p)


@dataclass
class Calibrator:
    """P(up) → calibrated P(up). ``kind``: "platt" (σ(a·logit p + b)) or "isotonic"
    (a monotone step function, clipped at the ends of the fitted range)."""

    kind: str
    params: dict = field(default_factory=dict)
    _fn: Callable | None = field(default=None, repr=False)

    @classmethod
    def fit(cls, kind: str, proba: np.ndarray, y: np.ndarray) -> "Calibrator":
        if kind not in CALIBRATIONS:
            raise ValueError(f"calibration must be one of {CALIBRATIONS}, got {kind!r}")
        p = np.asarray(proba, dtype=np.float64).ravel()
        y = np.asarray(y).astype(np.int64).ravel()
        if y.size == 0:
            raise ValueError("calibration needs validation rows (val_size > 0)")
        _need_sklearn(f"{kind} calibration")
        if np.unique(y).size < 2:
            rate = float(y.mean())
            return cls(kind, {"constant": rate}, lambda q: np.full(np.shape(q), rate))
        if kind == "platt":
            from sklearn.linear_model import LogisticRegression

            lr = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(p)[:, None], y)
            a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
            return cls(kind, {"a": a, "b": b}, lambda q: 1.0 / (1.0 + np.exp(-(a * _logit(q) + b))))
        from sklearn.isotonic import IsotonicRegression

        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y)
        return cls(kind, {"n_thresholds": int(len(iso.X_thresholds_))}, lambda q: iso.predict(np.asarray(q, dtype=np.float64)))

    def __call__(self, proba: np.ndarray) -> np.ndarray:
        return np.asarray(self._fn(np.asarray(proba, dtype=np.float64)), dtype=np.float64)


def brier(y: np.ndarray, proba: np.ndarray) -> float:
    """Mean squared error of P(y = 1): 0 perfect, 0.25 for a constant 0.5."""
    y = np.asarray(y, dtype=np.float64).ravel()
    p = np.asarray(proba, dtype=np.float64).ravel()
    return float(np.mean((p - y) ** 2)) if y.size else float("nan")


def reliability(y: np.ndarray, proba: np.ndarray, n_bins: int = 10) -> list[dict]:
    """Reliability table over ``n_bins`` bins of equal *counts* (quantiles of P(up): the
    predictions of a near-random market crowd around 0.5, where equal-width bins would leave all
    but two empty). Each bin: lo, hi, mean predicted, observed rate of ups, count."""
    y = np.asarray(y, dtype=np.float64).ravel()
    p = np.asarray(proba, dtype=np.float64).ravel()
    if y.size == 0:
        return []
    order = np.argsort(p, kind="mergesort")
    out = []
    for chunk in np.array_split(order, min(n_bins, y.size)):
        if chunk.size == 0:
            continue
        out.append({"lo": float(p[chunk].min()), "hi": float(p[chunk].max()),
                    "mean_predicted": float(p[chunk].mean()), "observed": float(y[chunk].mean()),
                    "count": int(chunk.size)})
    return out


def expected_calibration_error(table: list[dict]) -> float:
    """Count-weighted mean |observed − predicted| over a :func:`reliability` table."""
    n = sum(b["count"] for b in table)
    if not n:
        return math.nan
    return float(sum(b["count"] * abs(b["observed"] - b["mean_predicted"]) for b in table) / n)
