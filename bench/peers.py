"""Other libraries computing the same rolling statistics: bottleneck, pandas, numbagg.

Each peer is used only when its library imports. Some definitions differ from TA-Lib's (noted per
peer); the work per bar is the same, which is what the times compare.
"""
from dataclasses import dataclass
import importlib


@dataclass(frozen=True)
class Peer:
    """`library`'s way of computing case `case`: make(x, period) returns a zero-argument callable."""

    case: str
    library: str
    call: str
    make: object
    note: str = ""

    @property
    def impl(self):
        return f"{self.library}.{self.call}"

    def callable(self, case, market):
        """The peer's call on the case's (single) input with the case's period."""
        (x,) = case.arrays(market)
        return self.make(x, case.params["period"])


def _bottleneck(bn):
    def move(fname):
        func = getattr(bn, fname)
        return lambda x, p: (lambda: func(x, p))

    return [
        Peer("sma", "bottleneck", "move_mean", move("move_mean")),
        Peer("rolling_max", "bottleneck", "move_max", move("move_max")),
        Peer("rolling_min", "bottleneck", "move_min", move("move_min")),
        Peer("stddev", "bottleneck", "move_std", move("move_std")),
        Peer("var", "bottleneck", "move_var", move("move_var")),
    ]


def _pandas(pd):
    def rolling(method, **kwargs):
        def make(x, p):
            series = pd.Series(x, copy=False)
            return lambda: getattr(series.rolling(p), method)(**kwargs)
        return make

    def ewm(x, p):
        series = pd.Series(x, copy=False)
        return lambda: series.ewm(span=p, adjust=False).mean()

    return [
        Peer("sma", "pandas", "rolling.mean", rolling("mean")),
        Peer("ema", "pandas", "ewm.mean", ewm,
             "span=period, adjust=False: seeded by the first value, not by the SMA of the first period"),
        Peer("rolling_max", "pandas", "rolling.max", rolling("max")),
        Peer("rolling_min", "pandas", "rolling.min", rolling("min")),
        Peer("stddev", "pandas", "rolling.std", rolling("std", ddof=0)),
        Peer("var", "pandas", "rolling.var", rolling("var", ddof=0)),
    ]


def _numbagg(nb):
    def move(fname):
        func = getattr(nb, fname)
        return lambda x, p: (lambda: func(x, window=p))

    def ewm(x, p):
        return lambda: nb.move_exp_nanmean(x, alpha=2.0 / (p + 1))

    return [
        Peer("sma", "numbagg", "move_mean", move("move_mean")),
        Peer("ema", "numbagg", "move_exp_nanmean", ewm,
             "alpha=2/(period+1), weights renormalised from the first value (no SMA seed)"),
        Peer("stddev", "numbagg", "move_std", move("move_std"), "ddof=1 (fixed in numbagg)"),
        Peer("var", "numbagg", "move_var", move("move_var"), "ddof=1 (fixed in numbagg)"),
    ]


_FACTORIES = {"bottleneck": _bottleneck, "pandas": _pandas, "numbagg": _numbagg}


def available():
    """Every peer whose library is installed, in a stable order."""
    peers = []
    for library, factory in _FACTORIES.items():
        try:
            module = importlib.import_module(library)
        except ImportError:
            continue
        peers.extend(factory(module))
    return peers


def for_case(name, peers=None):
    """The peers computing case `name`."""
    return [p for p in (available() if peers is None else peers) if p.case == name]
