"""The benchmarked indicators: how to call each through fastind and through TA-Lib.

Periods are the usual ones (TA-Lib's defaults where TA-Lib has one worth keeping) and are the same
for every implementation of a case, so times are comparable across rows of the report.
"""
from dataclasses import dataclass, field

import fastind

from . import floors

try:
    import talib
except ImportError:  # TA-Lib is optional: the report then has no TA-Lib column
    talib = None

HEADLINE = ("sma", "ema", "rsi", "rolling_max")


@dataclass(frozen=True)
class Case:
    """One indicator call: fastind function `name` on `inputs` (market field names) with `params`;
    TA-Lib's `talib_name` with positional `talib_args`, or None where TA-Lib has no equivalent.
    fastind returns `outputs` arrays, of `out_dtype` where not the input's type."""

    name: str
    inputs: tuple
    params: dict = field(default_factory=dict)
    talib_name: str = None
    talib_args: tuple = ()
    note: str = ""
    outputs: int = 1
    out_dtype: str = None

    @property
    def floor_name(self):
        """The stream floor with this call's inputs and outputs (see floors)."""
        return floors.name(len(self.inputs), self.outputs, self.out_dtype)

    def floor_call(self, market):
        """A zero-argument callable of that floor on the case's inputs, or None without numba."""
        return floors.floor_call(self.arrays(market), self.outputs, self.out_dtype)

    @property
    def label(self):
        return self.name if self.talib_name is None else f"{self.name} ({self.talib_name})"

    def arrays(self, market):
        return tuple(market[f] for f in self.inputs)

    def fastind_call(self, market, backend):
        """A zero-argument callable computing the case with one fastind backend: the call written
        out as a user writes it, `sma(close, period=30, backend=...)`."""
        func = getattr(fastind, self.name)
        return written_call(func, self.arrays(market), dict(self.params, backend=backend))

    def talib_call(self, market):
        """A zero-argument callable computing the case with TA-Lib (float64 input: TA-Lib computes
        in double only), or None when TA-Lib is missing or has no equivalent."""
        if self.talib_name is None or talib is None:
            return None
        func = getattr(talib, self.talib_name)
        args = tuple(a.astype("float64", copy=False) for a in self.arrays(market)) + self.talib_args
        return written_call(func, args, {})


def written_call(func, args, kwargs):
    """lambda: func(a0, a1, name=value, ...) with the arguments written out, as in a user's code.
    `func(*args, **kwargs)` would also time building and unpacking a tuple and a dict at every
    call: ~0.2 us, a tenth of a 2 us call, that no written call pays."""
    names = [f"a{k}" for k in range(len(args))] + [f"k_{name}" for name in kwargs]
    call = ", ".join(names[:len(args)] + [f"{name}=k_{name}" for name in kwargs])
    scope = {}
    exec(f"def make(func, {', '.join(names)}):\n    return lambda: func({call})", scope)
    return scope["make"](func, *args, *kwargs.values())


# benchmark parameters where they differ from the registry's defaults (kept as the README's
# history measured them)
PARAMS = {"stddev": {"period": 20}, "var": {"period": 20}}
SOURCE = {"x": "close", "x0": "high", "x1": "low"}
DOMAIN = {"unit": "unit", "any": "signed"}


def _source(entry, name):
    if entry.domain in DOMAIN and name in ("x", "x0", "x1"):
        return DOMAIN[entry.domain]
    return SOURCE.get(name, name)


def from_entry(entry):
    """The case of one registry entry: its native call at the default parameters (PARAMS
    overrides), TA-Lib's call with the same values positionally."""
    params = {p.name: p.default for p in entry.params if p.native}
    params.update(PARAMS.get(entry.name, {}))
    talib_args = tuple(params.get(p.name, p.default) for p in entry.params)
    return Case(entry.name, tuple(_source(entry, n) for n in entry.inputs), params, entry.talib,
                talib_args if entry.talib else (),
                note="" if entry.talib else "no TA-Lib equivalent", outputs=entry.n_out,
                out_dtype=entry.out_dtype)


def _cases():
    from fastind import _registry

    found = [from_entry(e) for e in _registry.ENTRIES if e.native]
    # one series: the channel is TA-Lib's MINMAX swapped (both extremes in one call)
    found.append(Case("channel", ("close",), {"period": 30}, "MINMAX", (30,), outputs=2))
    return tuple(found)


CASES = _cases()
BY_NAME = {c.name: c for c in CASES}
# every fourth function in registry order (each group represented) and the headline ones: the
# quick plan's call-overhead sample, its median close to the whole catalog's
SAMPLE = tuple(dict.fromkeys(HEADLINE + tuple(c.name for c in CASES[::4])))


def select(names=None):
    """Cases by name (all when names is None), in CASES order."""
    if names is None:
        return CASES
    unknown = set(names) - set(BY_NAME)
    if unknown:
        raise ValueError(f"unknown benchmark case(s): {', '.join(sorted(unknown))}")
    return tuple(c for c in CASES if c.name in names)
