"""CPU inference from an exported ONNX model (fp32 or int8) on features or raw OHLCV.

    from fastind_model.infer import Predictor
    pred = Predictor("model.int8.onnx")
    pred.predict_proba(X_scaled)          # (rows, classes)
    pred.predict_proba_ohlcv(frame)       # DataFrame aligned to frame's rows, NaN inside lookback

The feature spec and scaler come from the file's metadata (see :mod:`fastind_model.export`), so raw
OHLCV goes through exactly the columns and scaling the model was trained with.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from .export import ONNX_FORMAT
from .features import OHLCV, Bars, FeatureSpec, StandardScaler, compute_features
from .model import ModelConfig

__all__ = ["Predictor", "SMALL_BATCH"]

# batches up to this many rows run on a 1-intra-op-thread session when threads are automatic:
# at batch 1 one thread beats two (thread wake-up costs more than the ~40 µs of work; DESIGN.md §5)
SMALL_BATCH = 64


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.float64) - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Predictor:
    """An exported fastind model loaded into ONNX Runtime (CPU).

    ``intra_op_threads``: an int fixes ONNX Runtime's intra-op thread count; ``None`` (automatic)
    uses one thread for batches of at most :data:`SMALL_BATCH` rows and ORT's default (all cores)
    for larger ones.
    """

    def __init__(self, path: str | os.PathLike, intra_op_threads: int | None = None) -> None:
        import onnxruntime as ort

        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"model file not found: {self.path}")
        if intra_op_threads is not None and intra_op_threads < 1:
            raise ValueError("intra_op_threads must be >= 1 or None")
        self.intra_op_threads = intra_op_threads
        try:
            self._small = self._make_session(1 if intra_op_threads is None else intra_op_threads)
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf types
            raise ValueError(f"{self.path}: not a loadable ONNX model ({type(exc).__name__}: {exc})") from exc
        self._large = None if intra_op_threads is None else self._small

        meta = self._small.get_modelmeta().custom_metadata_map
        if meta.get("fastind.format") != ONNX_FORMAT:
            raise ValueError(
                f"{self.path}: no fastind metadata (fastind.format={meta.get('fastind.format')!r}); "
                "export it with fastind_model.export.export_onnx"
            )
        self.metadata: dict[str, str] = dict(meta)
        inputs = self._small.get_inputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 2:
            raise ValueError(f"{self.path}: expected one 2-D input, got {[(i.name, i.shape) for i in inputs]}")
        self.input_name = inputs[0].name
        self.n_features = int(meta["fastind.n_features"])
        width = inputs[0].shape[1]
        if isinstance(width, int) and width != self.n_features:
            raise ValueError(f"{self.path}: metadata says {self.n_features} features but the graph takes {width}")
        self.model_config = (
            ModelConfig.from_dict(json.loads(meta["fastind.model_config"])) if "fastind.model_config" in meta else None
        )
        self.feature_spec = FeatureSpec.from_json(meta["fastind.feature_spec"]) if "fastind.feature_spec" in meta else None
        self.scaler = StandardScaler.from_dict(json.loads(meta["fastind.scaler"])) if "fastind.scaler" in meta else None
        self.label = json.loads(meta["fastind.label"]) if "fastind.label" in meta else None
        self.quantization = meta.get("fastind.quantization", "none")
        self.version = meta.get("fastind.version")
        if self.feature_spec is not None and len(self.feature_spec.names) != self.n_features:
            raise ValueError(
                f"{self.path}: feature spec has {len(self.feature_spec.names)} columns, model takes {self.n_features}"
            )
        if self.scaler is not None and (self.scaler.mean is None or len(self.scaler.mean) != self.n_features):
            raise ValueError(f"{self.path}: scaler does not have {self.n_features} columns")

    def _make_session(self, threads: int | None):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        if threads is not None:
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
        return ort.InferenceSession(str(self.path), sess_options=opts, providers=["CPUExecutionProvider"])

    def _session_for(self, rows: int):
        if rows <= SMALL_BATCH or self.intra_op_threads is not None:
            return self._small
        if self._large is None:
            self._large = self._make_session(None)
        return self._large

    @property
    def feature_names(self) -> list[str] | None:
        return self.feature_spec.names if self.feature_spec is not None else None

    def __repr__(self) -> str:
        return f"Predictor({str(self.path)!r}, n_features={self.n_features}, quantization={self.quantization!r})"

    # ------------------------------------------------------------------------------ features in

    def predict_logits(self, X, batch_size: int = 65536) -> np.ndarray:
        """Logits on an already-SCALED feature matrix (rows, n_features)."""
        X = np.asarray(X, dtype=np.float32)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"expected a (rows, {self.n_features}) feature matrix, got shape {X.shape}")
        if X.shape[0] == 0:
            n_classes = self.model_config.output_size if self.model_config else 2
            return np.empty((0, n_classes), np.float32)
        sess = self._session_for(X.shape[0])
        X = np.ascontiguousarray(X)
        outs = [sess.run(None, {self.input_name: X[i : i + batch_size]})[0] for i in range(0, X.shape[0], batch_size)]
        return np.concatenate(outs)

    def predict_proba(self, X, batch_size: int = 65536) -> np.ndarray:
        """Class probabilities (rows, classes) on an already-SCALED feature matrix, float64; column
        1 of the binary direction model is P(close[t+h] > close[t]). Rows with non-finite features
        give NaN probabilities."""
        X = np.asarray(X, dtype=np.float32)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"expected a (rows, {self.n_features}) feature matrix, got shape {X.shape}")
        ok = np.isfinite(X).all(axis=1)
        n_classes = self.model_config.output_size if self.model_config else 2
        out = np.full((X.shape[0], n_classes), np.nan)
        if ok.any():
            out[ok] = _softmax(self.predict_logits(X[ok], batch_size))
        return out

    # ------------------------------------------------------------------------------ OHLCV in

    def features(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """(scaled float32 features, valid mask) for ONE symbol's bars, oldest first. A row is valid
        from position ``spec.lookback`` on where every feature is finite — the same rule as
        :func:`fastind_model.features.build_dataset`, so the rows match the training pipeline's."""
        if self.feature_spec is None or self.scaler is None:
            raise ValueError(f"{self.path}: the file carries no feature spec/scaler; use predict_proba on features")
        frame = frame.rename(columns={c: str(c).lower() for c in frame.columns})
        missing = [c for c in OHLCV if c not in frame.columns]
        if missing:
            raise ValueError(f"OHLCV frame lacks columns {missing}")
        raw = compute_features(Bars.from_frame(frame), self.feature_spec).to_numpy(np.float64)
        valid = (np.arange(len(raw)) >= self.feature_spec.lookback) & np.isfinite(raw).all(axis=1)
        X = np.full(raw.shape, np.nan, dtype=np.float32)
        if valid.any():
            X[valid] = self.scaler.transform(raw[valid])
        return X, valid

    def _proba_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        X, valid = self.features(frame)
        proba = np.full((len(frame), self.model_config.output_size if self.model_config else 2), np.nan)
        if valid.any():
            proba[valid] = self.predict_proba(X[valid])
        cols = {f"proba_{k}": proba[:, k] for k in range(proba.shape[1])}
        out = pd.DataFrame(cols, index=frame.index)
        if proba.shape[1] == 2:
            out.insert(0, "proba", proba[:, 1])
        out["valid"] = valid
        return out

    def predict_proba_ohlcv(self, data: pd.DataFrame | Mapping[str, pd.DataFrame]):
        """Probabilities from raw OHLCV, one output row per input row, same index.

        * one symbol: a DataFrame with open/high/low/close/volume columns (any case), rows oldest
          first (a DatetimeIndex or ``date`` column is sorted on if present);
        * a long panel: the same plus a ``symbol`` column — features are computed per symbol (sorted
          by date within the symbol), so no window crosses symbols;
        * a dict symbol → frame: a dict symbol → result.

        Columns: ``proba`` (P(class 1), binary models), ``proba_0..proba_{k-1}`` and ``valid``.
        Rows inside the lookback window (the first ``spec.lookback`` bars of each symbol) or with a
        non-finite feature (gaps, NaN prices) are kept with NaN probabilities and ``valid=False``.
        """
        if isinstance(data, Mapping):
            return {sym: self.predict_proba_ohlcv(frame) for sym, frame in data.items()}
        if not isinstance(data, pd.DataFrame):
            raise TypeError("predict_proba_ohlcv takes a DataFrame or a dict symbol -> DataFrame")
        cols = {str(c).lower(): c for c in data.columns}
        if "symbol" in cols:
            work = data.reset_index(drop=True)  # positional index: robust to duplicate labels
            parts = [
                self.predict_proba_ohlcv(group.drop(columns=cols["symbol"]))
                for _, group in work.groupby(cols["symbol"], sort=False, dropna=False)
            ]
            if not parts:
                return self._proba_frame(data.iloc[:0])
            return pd.concat(parts).sort_index().set_axis(data.index)
        order = self._time_order(data, cols)
        if order is None:
            return self._proba_frame(data)
        result = self._proba_frame(data.iloc[order])
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        return result.iloc[inverse]

    @staticmethod
    def _time_order(frame: pd.DataFrame, cols: Mapping[str, str]) -> np.ndarray | None:
        """Stable sort order by date (column or DatetimeIndex) or None when already sorted/undated."""
        if "date" in cols:
            dates = pd.to_datetime(frame[cols["date"]]).to_numpy()
        elif isinstance(frame.index, pd.DatetimeIndex):
            dates = frame.index.to_numpy()
        else:
            return None
        if len(dates) < 2 or (dates[1:] >= dates[:-1]).all():
            return None
        return np.argsort(dates, kind="mergesort")
