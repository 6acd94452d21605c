"""Scale-free, causal features from fastind indicators; direction labels; date-based splits; scaler.

Every feature at bar t is a function of bars ≤ t only (fastind indicators are trailing windows or
recursive filters), and is made scale-free so one model serves every symbol and price level:
ratios to price (close/SMA − 1, ATR/close, MACD/close), oscillators re-centred (RSI/100 − 0.5,
%b − 0.5), log returns, z-scores of log volume.

Label at bar t for horizon h: 1 if close[t+h] > close[t] else 0; the last h bars have none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, NamedTuple

import numpy as np
import pandas as pd

import fastind as fi

__all__ = [
    "Bars",
    "FeatureDef",
    "FEATURES",
    "register_feature",
    "FeatureSpec",
    "DEFAULT_FEATURES",
    "compute_features",
    "make_labels",
    "to_long_panel",
    "build_dataset",
    "DateSplit",
    "walk_forward_splits",
    "StandardScaler",
]

OHLCV = ("open", "high", "low", "close", "volume")


class Bars(NamedTuple):
    """One symbol's OHLCV as contiguous float64 arrays, oldest first."""

    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "Bars":
        return cls(*(np.ascontiguousarray(frame[c].to_numpy(dtype=np.float64)) for c in OHLCV))


# ----------------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class FeatureDef:
    """``compute(bars, **params)`` → one float64 column (NaN inside the lookback);
    ``lookback(**params)`` → number of leading bars that cannot have a value."""

    compute: Callable[..., np.ndarray]
    lookback: Callable[..., int]
    defaults: Mapping[str, Any]


FEATURES: dict[str, FeatureDef] = {}


def register_feature(kind: str, lookback: Callable[..., int], **defaults):
    """Decorator adding a feature kind to :data:`FEATURES` (parameters default to ``defaults``)."""

    def decorate(func: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        FEATURES[kind] = FeatureDef(func, lookback, dict(defaults))
        return func

    return decorate


def _ratio(num: np.ndarray, den: np.ndarray, fill: float = 0.0) -> np.ndarray:
    """num/den, ``fill`` where den == 0 (flat windows), NaN kept where either input is NaN."""
    out = np.full(np.broadcast(num, den).shape, fill, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    out[np.isnan(num) | np.isnan(den)] = np.nan
    return out


def _log_return(close: np.ndarray, period: int) -> np.ndarray:
    # ROC is a percent change: log(c_t / c_{t-p}) = log1p(ROC / 100)
    return np.log1p(fi.roc(close, period=period) / 100.0)


@register_feature("ret", lambda period: period, period=1)
def _ret(b: Bars, period: int) -> np.ndarray:
    """log(close_t / close_{t-p})"""
    return _log_return(b.close, period)


@register_feature("gap", lambda: 1)
def _gap(b: Bars) -> np.ndarray:
    """log(open_t / close_{t-1}): the overnight move"""
    out = np.full(b.close.shape, np.nan)
    out[1:] = np.log(b.open[1:] / b.close[:-1])
    return out


@register_feature("sma_ratio", lambda period: period - 1, period=20)
def _sma_ratio(b: Bars, period: int) -> np.ndarray:
    """close / SMA(close, p) − 1"""
    return b.close / fi.sma(b.close, period=period) - 1.0


@register_feature("ema_ratio", lambda period: period - 1, period=20)
def _ema_ratio(b: Bars, period: int) -> np.ndarray:
    """close / EMA(close, p) − 1"""
    return b.close / fi.ema(b.close, period=period) - 1.0


@register_feature("rsi", lambda period: period, period=14)
def _rsi(b: Bars, period: int) -> np.ndarray:
    """RSI / 100 − 0.5 ∈ [−0.5, 0.5]"""
    return fi.rsi(b.close, period=period) / 100.0 - 0.5


@register_feature("atr_ratio", lambda period: period, period=14)
def _atr_ratio(b: Bars, period: int) -> np.ndarray:
    """ATR(p) / close"""
    return fi.atr(b.high, b.low, b.close, period=period) / b.close


@register_feature("bb_pctb", lambda period, nbdev: period - 1, period=20, nbdev=2.0)
def _bb_pctb(b: Bars, period: int, nbdev: float) -> np.ndarray:
    """%b − 0.5 = (close − lower) / (upper − lower) − 0.5; 0 when the band has zero width"""
    upper, _, lower = fi.bbands(b.close, period=period, nbdevup=nbdev, nbdevdn=nbdev)
    return _ratio(b.close - lower, upper - lower, fill=0.5) - 0.5


@register_feature("bb_width", lambda period, nbdev: period - 1, period=20, nbdev=2.0)
def _bb_width(b: Bars, period: int, nbdev: float) -> np.ndarray:
    """(upper − lower) / middle: band width relative to price"""
    upper, middle, lower = fi.bbands(b.close, period=period, nbdevup=nbdev, nbdevdn=nbdev)
    return _ratio(upper - lower, middle)


def _macd_lookback(fast: int, slow: int, signal: int) -> int:
    return max(fast, slow) - 1 + signal - 1


@register_feature("macd", _macd_lookback, fast=12, slow=26, signal=9)
def _macd(b: Bars, fast: int, slow: int, signal: int) -> np.ndarray:
    """MACD line / close"""
    line, _, _ = fi.macd(b.close, fast=fast, slow=slow, signal=signal)
    return line / b.close


@register_feature("macd_hist", _macd_lookback, fast=12, slow=26, signal=9)
def _macd_hist(b: Bars, fast: int, slow: int, signal: int) -> np.ndarray:
    """(MACD − signal) / close"""
    _, _, hist = fi.macd(b.close, fast=fast, slow=slow, signal=signal)
    return hist / b.close


@register_feature("channel_pos", lambda period: period - 1, period=20)
def _channel_pos(b: Bars, period: int) -> np.ndarray:
    """Position of close in the Donchian channel of the last p highs/lows, − 0.5"""
    upper, lower = fi.channel(b.high, b.low, period=period)
    return _ratio(b.close - lower, upper - lower, fill=0.5) - 0.5


@register_feature("max_ratio", lambda period: period - 1, period=50)
def _max_ratio(b: Bars, period: int) -> np.ndarray:
    """close / max(close over p) − 1 ≤ 0: drawdown from the recent high"""
    return b.close / fi.rolling_max(b.close, period=period) - 1.0


@register_feature("min_ratio", lambda period: period - 1, period=50)
def _min_ratio(b: Bars, period: int) -> np.ndarray:
    """close / min(close over p) − 1 ≥ 0: run-up from the recent low"""
    return b.close / fi.rolling_min(b.close, period=period) - 1.0


@register_feature("volatility", lambda period: period, period=20)
def _volatility(b: Bars, period: int) -> np.ndarray:
    """Population std of 1-bar log returns over p bars"""
    return fi.stddev(_log_return(b.close, 1), period=period)


@register_feature("volume_z", lambda period: period - 1, period=20)
def _volume_z(b: Bars, period: int) -> np.ndarray:
    """(v − SMA(v, p)) / STDDEV(v, p) with v = log(1 + volume); 0 for a constant window.
    The log tames volume's heavy right tail, which would otherwise dominate the z-score."""
    v = np.log1p(np.maximum(b.volume, 0.0))
    return _ratio(v - fi.sma(v, period=period), fi.stddev(v, period=period))


@register_feature("obv_slope", lambda period: period, period=20)
def _obv_slope(b: Bars, period: int) -> np.ndarray:
    """(OBV_t − OBV_{t−p}) / Σ volume over the same p bars ∈ [−1, 1]: net signed volume share"""
    obv_change = fi.mom(fi.obv(b.close, b.volume), period=period)
    return _ratio(obv_change, period * fi.sma(b.volume, period=period))


@register_feature("hl_range", lambda: 0)
def _hl_range(b: Bars) -> np.ndarray:
    """(high − low) / close: the bar's range relative to price"""
    return (b.high - b.low) / b.close


@register_feature("close_pos", lambda: 0)
def _close_pos(b: Bars) -> np.ndarray:
    """(close − low) / (high − low) − 0.5: where the bar closed within its range"""
    return _ratio(b.close - b.low, b.high - b.low, fill=0.5) - 0.5


DEFAULT_FEATURES: tuple[dict, ...] = (
    *({"kind": "ret", "period": p} for p in (1, 2, 5, 10, 20)),
    {"kind": "gap"},
    *({"kind": "sma_ratio", "period": p} for p in (5, 10, 20, 50)),
    *({"kind": "ema_ratio", "period": p} for p in (12, 26)),
    *({"kind": "rsi", "period": p} for p in (7, 14)),
    {"kind": "atr_ratio", "period": 14},
    {"kind": "bb_pctb", "period": 20, "nbdev": 2.0},
    {"kind": "bb_width", "period": 20, "nbdev": 2.0},
    {"kind": "macd", "fast": 12, "slow": 26, "signal": 9},
    {"kind": "macd_hist", "fast": 12, "slow": 26, "signal": 9},
    {"kind": "channel_pos", "period": 20},
    {"kind": "max_ratio", "period": 50},
    {"kind": "min_ratio", "period": 50},
    *({"kind": "volatility", "period": p} for p in (10, 20)),
    {"kind": "volume_z", "period": 20},
    {"kind": "obv_slope", "period": 20},
    {"kind": "hl_range"},
    {"kind": "close_pos"},
)


# --------------------------------------------------------------------------------------- spec


def _param_text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class FeatureSpec:
    """Which features (kind + parameters, in column order) and which label horizon.

    Round-trips through a JSON dict (``to_dict``/``from_dict``) so a model file can carry it and a
    predictor can rebuild the exact columns from raw OHLCV.
    """

    features: tuple[dict, ...] = DEFAULT_FEATURES
    horizon: int = 1
    version: int = 1

    def __post_init__(self) -> None:
        items = tuple(self._resolve(dict(f)) for f in self.features)
        object.__setattr__(self, "features", items)
        if self.horizon < 1:
            raise ValueError("horizon must be >= 1")
        names = self.names
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate feature columns in spec: {names}")

    @staticmethod
    def _resolve(item: dict) -> dict:
        kind = item.get("kind")
        if kind not in FEATURES:
            raise ValueError(f"unknown feature kind {kind!r}; known: {sorted(FEATURES)}")
        defaults = FEATURES[kind].defaults
        unknown = set(item) - set(defaults) - {"kind", "name"}
        if unknown:
            raise ValueError(f"feature {kind!r} has no parameter(s) {sorted(unknown)}")
        # fill defaults so the stored spec is explicit and immune to later default changes
        return {"kind": kind, **{k: item.get(k, v) for k, v in defaults.items()}, **({"name": item["name"]} if "name" in item else {})}

    @classmethod
    def default(cls, horizon: int = 1) -> "FeatureSpec":
        return cls(features=DEFAULT_FEATURES, horizon=horizon)

    @staticmethod
    def _params(item: Mapping[str, Any]) -> dict:
        return {k: v for k, v in item.items() if k not in ("kind", "name")}

    @property
    def names(self) -> list[str]:
        """Column names: explicit ``name`` or ``kind_param1_param2...``."""
        out = []
        for item in self.features:
            params = self._params(item)
            out.append(item.get("name") or "_".join([item["kind"], *(_param_text(v) for v in params.values())]))
        return out

    @property
    def lookback(self) -> int:
        """Longest lookback over all features: rows before it are dropped."""
        return max((FEATURES[f["kind"]].lookback(**self._params(f)) for f in self.features), default=0)

    def to_dict(self) -> dict:
        return {"version": self.version, "horizon": self.horizon, "features": [dict(f) for f in self.features]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "FeatureSpec":
        return cls(features=tuple(data["features"]), horizon=int(data.get("horizon", 1)), version=int(data.get("version", 1)))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "FeatureSpec":
        return cls.from_dict(json.loads(text))


# ------------------------------------------------------------------------------ per-symbol data


def compute_features(bars: pd.DataFrame | Bars, spec: FeatureSpec) -> pd.DataFrame:
    """Feature columns for ONE symbol's bars (oldest first), same length and index as the input,
    NaN inside each feature's lookback. Row t depends on rows ≤ t only."""
    index = bars.index if isinstance(bars, pd.DataFrame) else None
    b = bars if isinstance(bars, Bars) else Bars.from_frame(_lower_columns(bars))
    columns = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, item in zip(spec.names, spec.features):
            columns[name] = np.asarray(FEATURES[item["kind"]].compute(b, **FeatureSpec._params(item)), dtype=np.float64)
    return pd.DataFrame(columns, index=index)


def make_labels(close: np.ndarray, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(label, fwd_return): label_t = 1.0 if close[t+h] > close[t] else 0.0, fwd_return_t =
    close[t+h]/close[t] − 1; both NaN for the last h bars (no future to look at)."""
    close = np.asarray(close, dtype=np.float64)
    label = np.full(close.shape, np.nan)
    fwd = np.full(close.shape, np.nan)
    if close.size > horizon:
        future, now = close[horizon:], close[:-horizon]
        label[:-horizon] = (future > now).astype(np.float64)
        fwd[:-horizon] = future / now - 1.0
        label[:-horizon][np.isnan(future) | np.isnan(now)] = np.nan
    return label, fwd


def _lower_columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={c: str(c).lower() for c in frame.columns})


def to_long_panel(panel: pd.DataFrame | Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Normalise input to a long frame ``symbol, date, open, high, low, close, volume`` sorted by
    (symbol, date). Accepts a long DataFrame with a ``symbol`` column or a dict symbol → frame
    (date as index or column). Column names are case-insensitive."""
    if isinstance(panel, Mapping):
        parts = []
        for symbol, frame in panel.items():
            frame = _lower_columns(frame)
            if "date" not in frame.columns:
                frame = frame.rename_axis("date").reset_index()
                frame = _lower_columns(frame)
            parts.append(frame.assign(symbol=symbol))
        long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["symbol", "date", *OHLCV])
    else:
        long = _lower_columns(panel)
        if "date" not in long.columns:
            long = _lower_columns(long.reset_index())
    missing = {"symbol", "date", *OHLCV} - set(long.columns)
    if missing:
        raise ValueError(f"panel lacks columns {sorted(missing)}")
    long = long[["symbol", "date", *OHLCV]].copy()
    long["date"] = pd.to_datetime(long["date"])
    long = long.sort_values(["symbol", "date"], kind="mergesort").reset_index(drop=True)
    if long.duplicated(["symbol", "date"]).any():
        raise ValueError("panel has duplicate (symbol, date) rows")
    from .data import check_prices

    check_prices(long)
    return long


def build_dataset(panel, spec: FeatureSpec | None = None, *, labeled_only: bool = False) -> pd.DataFrame:
    """Long table ``symbol, date, <features…>, label, fwd_return, label_date`` for a panel.

    Features and labels are computed per symbol, so no window ever crosses a symbol boundary. Per
    symbol, the first ``spec.lookback`` rows are dropped, then rows with any non-finite feature (gaps
    in the input). ``label_date`` is the date of close[t+h], used to purge training rows whose
    label reaches into a later block. ``labeled_only`` also drops the last h rows (no label).
    """
    spec = spec or FeatureSpec.default()
    long = to_long_panel(panel)
    names = spec.names
    parts = []
    for symbol, frame in long.groupby("symbol", sort=True):
        bars = Bars.from_frame(frame)
        feats = compute_features(bars, spec)
        label, fwd = make_labels(bars.close, spec.horizon)
        dates = frame["date"].to_numpy()
        label_date = np.full(dates.shape, np.datetime64("NaT"), dtype=dates.dtype)
        label_date[: max(len(dates) - spec.horizon, 0)] = dates[spec.horizon :]
        out = pd.DataFrame(
            {"symbol": symbol, "date": dates, **{n: feats[n].to_numpy() for n in names},
             "label": label, "fwd_return": fwd, "label_date": label_date}
        )
        keep = np.arange(len(out)) >= spec.lookback
        keep &= np.isfinite(out[names].to_numpy()).all(axis=1)
        if labeled_only:
            keep &= out["label"].notna().to_numpy()
        parts.append(out[keep])
    if not parts:
        return pd.DataFrame(columns=["symbol", "date", *names, "label", "fwd_return", "label_date"])
    return pd.concat(parts, ignore_index=True)


# ------------------------------------------------------------------------------------- splits


def _datetimes(values) -> np.ndarray:
    """datetime64[ns] array (tz-aware input converted to UTC) from a Series, Index, list or array."""
    return pd.to_datetime(pd.Index(values)).values


@dataclass(frozen=True)
class DateSplit:
    """Inclusive (first, last) date ranges of one walk-forward fold, in time order
    train < val < test, consecutive blocks separated by a gap of unseen dates."""

    fold: int
    train: tuple
    val: tuple
    test: tuple

    def masks(self, dates, label_dates=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Boolean row masks (train, val, test). With ``label_dates``, train/val rows whose label
        date reaches the next block's first date are purged (matters for symbols with missing
        bars, where h bars can span more than h unique dates)."""
        d = _datetimes(dates)

        def within(rng):
            if not rng:
                return np.zeros(d.shape, dtype=bool)
            return (d >= np.datetime64(rng[0])) & (d <= np.datetime64(rng[1]))

        train, val, test = within(self.train), within(self.val), within(self.test)
        if label_dates is not None:
            ld = _datetimes(label_dates)
            next_for_train = self.val[0] if self.val else self.test[0]
            train &= ~(ld >= np.datetime64(next_for_train))
            if self.val:
                val &= ~(ld >= np.datetime64(self.test[0]))
        return train, val, test


def _count(size: int | float | None, total: int, default: int) -> int:
    if size is None:
        return default
    if isinstance(size, float) and 0 < size < 1:
        return max(1, int(round(size * total)))
    return int(size)


def walk_forward_splits(
    dates: Iterable,
    *,
    n_splits: int = 3,
    test_size: int | float | None = None,
    val_size: int | float = 0,
    gap: int = 0,
    max_train_size: int | None = None,
) -> list[DateSplit]:
    """Expanding-window walk-forward folds over the UNIQUE sorted dates (never over shuffled rows).

    The last ``n_splits`` blocks of ``test_size`` dates (int, or a fraction of all dates; default
    n // (n_splits + 2)) are the test blocks. For each, training uses dates before the block,
    minus ``gap`` dates (so no label window of train overlaps the features of test: choose
    gap ≥ horizon + lookback); ``val_size`` dates (int or fraction of that fold's training dates)
    are carved off the end of training, with another ``gap`` before them.
    """
    unique = np.unique(_datetimes(dates))
    n = unique.size
    if n_splits < 1:
        raise ValueError("n_splits must be >= 1")
    t = _count(test_size, n, max(1, n // (n_splits + 2)))
    splits = []
    for k in range(n_splits):
        test_start = n - (n_splits - k) * t
        train_end = test_start - gap  # exclusive: dates [train_end, test_start) are the gap
        v = _count(val_size, max(train_end, 0), 0) if val_size else 0
        val_start = train_end - v
        fit_end = val_start - gap if v else train_end
        fit_start = 0 if max_train_size is None else max(0, fit_end - max_train_size)
        if test_start < 0 or fit_end - fit_start < 1:
            raise ValueError(
                f"fold {k}: not enough dates ({n}) for n_splits={n_splits}, test_size={t}, "
                f"val_size={v}, gap={gap}"
            )
        splits.append(
            DateSplit(
                fold=k,
                train=(unique[fit_start], unique[fit_end - 1]),
                val=(unique[val_start], unique[train_end - 1]) if v else (),
                test=(unique[test_start], unique[test_start + t - 1]),
            )
        )
    return splits


# ------------------------------------------------------------------------------------- scaler


@dataclass
class StandardScaler:
    """z = (x − μ) / σ per column, μ and σ (population) from the training rows only; σ = 0 → 1."""

    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    names: list[str] | None = field(default=None)

    def fit(self, X) -> "StandardScaler":
        X = np.asarray(X, dtype=np.float64)
        self.mean = X.mean(axis=0)
        std = X.std(axis=0)
        self.scale = np.where(std > 1e-12, std, 1.0)
        return self

    def transform(self, X) -> np.ndarray:
        if self.mean is None:
            raise RuntimeError("StandardScaler is not fitted")
        return ((np.asarray(X, dtype=np.float64) - self.mean) / self.scale).astype(np.float32)

    def fit_transform(self, X) -> np.ndarray:
        return self.fit(X).transform(X)

    def to_dict(self) -> dict:
        return {
            "mean": None if self.mean is None else [float(v) for v in self.mean],
            "scale": None if self.scale is None else [float(v) for v in self.scale],
            "names": self.names,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StandardScaler":
        def arr(v):
            return None if v is None else np.asarray(v, dtype=np.float64)

        return cls(mean=arr(data.get("mean")), scale=arr(data.get("scale")), names=data.get("names"))
