"""TA-Lib 0.8.2's stream handles over fastind: `from fastind.talib import stream`.

    h = stream.RSI(history, timeperiod=14)    # same arguments as talib.RSI
    h.value                                   # == fastind.talib.RSI(history)[-1]
    h.update(bar)                             # O(1): the new bar's value
    h.peek(bar)                               # what update would return; commits nothing
    fork = h.copy()                           # an independent handle at the same bar
    h, rsi = stream.RSI.open_and_fill(history, timeperiod=14)   # both in one pass

One handle class per covered TA-Lib function, named as TA-Lib's (`stream.SMA`), with TA-Lib's
methods: `value` (a float, an int for integer outputs, a tuple in TA-Lib's output order for
several), `update`, `peek`, `advance`, `copy`, `open_and_fill`, `out_range`. An open with fewer
bars than the lookback needs raises InsufficientHistory (leading bars where an input is NaN are
not history); a bar to update or peek must be finite (TA-Lib answers "Bad Parameter"). Beyond
TA-Lib: a handle pickles (a checkpoint restores in another process and continues bit for bit), and
the history may hold gaps (each restarts the indicator, as fastind's functions do).
"""
from collections import namedtuple

import numpy as np

from .. import _registry
from .._inputs import check_param
from .._stream import Stream

OutRange = namedtuple("OutRange", "begidx nbelement")


class InsufficientHistory(ValueError):
    """Raised when a stream is opened with fewer bars of history than its lookback needs."""


class Handle:
    """A TA-Lib stream handle (see the module docstring); one subclass per function."""

    _entry = None  # the registry entry, set on each subclass

    def __init__(self, *args, **kwargs):
        entry = self._entry
        n_in = len(entry.inputs)
        if len(args) < n_in:
            raise TypeError(f"{entry.talib} takes {n_in} input arrays "
                            f"({', '.join(entry.ta_inputs)}), got {len(args)}")
        history = [self._history(name, a) for name, a in zip(entry.ta_inputs, args[:n_in])]
        if len({a.shape[0] for a in history}) != 1:
            raise ValueError(f"{entry.talib}: the input arrays must have the same length")
        params = self._params(args[n_in:], kwargs)
        self._stream = Stream(entry.name, **params)
        finite = np.logical_and.reduce([np.isfinite(a) for a in history])
        leading = int(np.argmax(finite)) if finite.any() else finite.shape[0]
        needed = self._stream.lookback + 1
        if finite.shape[0] - leading < needed:
            raise InsufficientHistory(
                f"{entry.talib}_Open: {finite.shape[0] - leading} bars of history, at least "
                f"{needed} needed (a leading bar that is NaN in any input is not history)")
        self._series = self._stream.update_many(*history)
        self._begin = leading + self._stream.lookback
        self._advanced = 0
        self._compile()

    def _compile(self):
        """update is the stream's compiled one, in TA-Lib's terms (finite bars, TA-Lib's output
        order), where the function's compute is one kernel call."""
        entry = self._entry
        self._stream._install_fast(True, entry.talib_outputs or range(entry.n_out), entry.ta_inputs)
        self.__dict__.pop("update", None)
        if self._stream._fast is not None:
            self.update = self._stream._fast.update

    @classmethod
    def _history(cls, name, a):
        a = np.asarray(a, dtype=np.float64)
        if a.ndim != 1:
            raise ValueError(f"{cls._entry.talib}: {name} must be 1-D, got {a.ndim}-D")
        return a

    def _params(self, positional, keywords):
        """TA-Lib's parameters (positional after the inputs, or by TA-Lib's keyword) ->
        fastind's native ones, validated with TA-Lib's ranges."""
        entry = self._entry
        params = list(entry.params)
        if len(positional) > len(params):
            raise TypeError(f"{entry.talib} takes at most {len(params)} parameters")
        given = dict(zip((p.talib for p in params), positional))
        for key, value in keywords.items():
            if key not in {p.talib for p in params}:
                raise TypeError(f"{entry.talib} has no parameter {key!r}; it has "
                                f"{', '.join(p.talib for p in params) or 'none'}")
            if key in given:
                raise TypeError(f"{entry.talib}: {key} given twice")
            given[key] = value
        return {p.name: check_param(p, given[p.talib], p.talib, True)
                for p in params if p.talib in given and p.native}

    # -- TA-Lib's handle ------------------------------------------------------------------------
    def _shape(self, values):
        """Stream outputs (native order) -> TA-Lib's value: a float or int, or a tuple."""
        entry = self._entry
        values = values if isinstance(values, tuple) else (values,)
        order = entry.talib_outputs or range(entry.n_out)
        result = tuple(values[k] for k in order)
        return result[0] if len(result) == 1 else result

    @property
    def value(self):
        """The newest bar's output."""
        return self._shape(self._stream.value)

    def _bar(self, bar):
        entry = self._entry
        if len(bar) != len(entry.inputs):
            raise TypeError(f"{entry.talib} takes one value per input "
                            f"({', '.join(entry.ta_inputs)}), got {len(bar)}")
        values = []
        for name, v in zip(entry.ta_inputs, bar):
            v = float(v)
            if not np.isfinite(v):
                raise ValueError(f"{entry.talib}: {name} is {v}: a bar to stream must be finite")
            values.append(v)
        return values

    def update(self, *bar):
        """Commits one bar (one value per input, TA-Lib's input order); its output."""
        self._stream.update(*self._bar(bar))
        return self.value

    def peek(self, *bar):
        """What update(*bar) would return, committing nothing (a forming bar)."""
        trial = self._stream.copy()
        trial.update(*self._bar(bar))
        return self._shape(trial.value)

    def advance(self):
        """Counts one more bar in out_range without a value, as TA-Lib 0.8.2's advance()."""
        self._advanced += 1

    @property
    def out_range(self):
        """OutRange(begidx, nbelement): the history index of the first output, and how many."""
        return OutRange(self._begin, self._stream.bars - self._begin + self._advanced)

    def copy(self):
        """An independent handle at the same bar."""
        other = type(self).__new__(type(self))
        other.__setstate__(self.__getstate__())
        other._stream = self._stream.copy()
        other._compile()
        return other

    @classmethod
    def open_and_fill(cls, *args, **kwargs):
        """(handle, the function API's result over the history) in one pass."""
        handle = cls(*args, **kwargs)
        series = handle._series
        handle._series = None
        return handle, cls._shape(handle, series)

    def __getstate__(self):
        return {"stream": self._stream, "begin": self._begin, "advanced": self._advanced}

    def __setstate__(self, state):
        self._stream = state["stream"]
        self._series = None
        self._begin = state["begin"]
        self._advanced = state["advanced"]
        self._compile()

    def __repr__(self):
        return f"{self._entry.talib}_Stream(value={self.value!r}, out_range={self.out_range})"


def _handle_class(entry):
    inputs = ", ".join(entry.ta_inputs)
    params = ", ".join(f"{p.talib}={p.default!r}" for p in entry.params)
    doc = (f"{entry.talib}_Stream({inputs}{', ' if params else ''}{params})\n\n"
           f"{entry.display or entry.talib} ({entry.group}), as a stream handle. "
           f"Outputs: {', '.join(entry.ta_outputs)}.")
    return type(entry.talib, (Handle,), {"_entry": entry, "__doc__": doc,
                                         "__module__": __name__,
                                         "__qualname__": f"{entry.talib}"})


_NAMES = [e.talib for e in _registry.ENTRIES if e.talib is not None]
globals().update({e.talib: _handle_class(e) for e in _registry.ENTRIES if e.talib is not None})

__all__ = ["Handle", "InsufficientHistory", "OutRange"] + _NAMES
