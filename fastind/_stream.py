"""fastind.stream(name, **params): an indicator fed bar by bar, equal to the batch function.

    >>> s = fastind.stream("rsi", period=14)
    >>> s.update(101.2)            # NaN during the warm-up, then the newest RSI
    >>> s.update_many(closes)      # a block of bars at batch speed, continuing the state
    >>> blob = pickle.dumps(s)     # checkpoint; pickle.loads(blob) continues bit for bit

Any registry function (native or TA-Lib name) streams: its compute runs on the new bars only,
every kernel resumed from its state (fastind._streaming). A NaN or infinite bar restarts the
indicator, as in batch. Several series at once: bars as 1-D arrays (one value per series) or
update_many with 2-D arrays (one row per series).
"""
import numpy as np

from . import _registry, _settings
from ._inputs import check_param
from ._streaming import RunMark, StreamBackend

__all__ = ["Stream", "stream"]


def _entry(name):
    entry = _registry.get(name) if isinstance(name, str) else None
    if entry is None:
        raise ValueError(f"no indicator named {name!r} (fastind.talib.get_functions() lists "
                         "TA-Lib's names; native names are fastind's function names)")
    return entry


class Stream:
    """An indicator's running state over one or more series (see the module docstring)."""

    def __init__(self, name, **params):
        from ._bind import bind

        entry = _entry(name)
        self.entry = entry
        native = [p for p in entry.params if p.native]
        by_talib = {p.talib: p.name for p in native if p.talib}
        values = {}
        for key, value in params.items():
            key = by_talib.get(key, key)
            if key not in {p.name for p in native}:
                raise TypeError(f"{entry.name} has no parameter {key!r}; it has "
                                f"{', '.join(p.name for p in native) or 'none'}")
            values[key] = value
        self.params = {p.name: check_param(p, values.get(p.name, p.default), p.name)
                       for p in native}
        bound = bind(entry.name)
        self._compute = bound.compute
        args = tuple(self.params.values())
        self._args = args if bound.prepare is None else bound.prepare(*args)
        # TA-Lib's unstable periods in force now, for the stream's life (its compute reads them
        # at every step): each run's first `lookback` bars stay NaN
        self._periods = _settings.snapshot()
        with _settings.applied(self._periods):
            self._hide = bool(entry.unstable) and _settings.any_unstable(entry.unstable)
            self.lookback = entry.lookback_of(**self.params)
        self._dtypes = tuple(entry.output_dtype(k, np.float64) for k in range(entry.n_out))
        self._index = "bar_index" in entry.flags
        self._engine = None
        self._run = None
        self._last = None
        self._fast = None  # the compiled update, where the compute is one kernel call
        self._fast_config = (False, tuple(range(entry.n_out)), tuple(entry.inputs))
        self.count = 0  # bars seen, but those of the compiled update since the last slow step

    # -- stepping ---------------------------------------------------------------------------
    def _start(self, rows):
        # a window reads back at most its lookback (with room for the stages' own)
        self._engine = StreamBackend(rows, 2 * self.lookback + 64, self.lookback)
        sizes = [v for v in self.params.values() if type(v) is int]
        with _settings.applied(self._periods):
            self._engine.prime(self._compute, self._args, len(self.entry.inputs), self._dtypes,
                               8 * max(sizes + [self.lookback]) + 4099)
        self._run = RunMark(rows) if self._hide else None
        self._install_fast()

    def _install_fast(self, strict=None, order=None, names=None):
        """Where the compute is one kernel call over one series (no unstable-period hiding, no
        bar indexes), `update` becomes the compiled FastStream's (fastind/_stepbase.pyx)."""
        if strict is not None:
            self._fast_config = (strict, tuple(order), tuple(names))
        self.__dict__.pop("update", None)
        self._fast = None
        engine = self._engine
        if (engine is None or engine.chain is None or engine.rows != 1 or self._hide
                or len(self.entry.inputs) > 4 or self.entry.n_out > 4
                or any(d not in (np.float64, np.int32) for d in self._dtypes)):
            return
        from ._stepbase import fast_stream

        ins, outs = engine.chain
        if None in ins or None in outs:
            return
        strict, order, names = self._fast_config
        self._fast = fast_stream(engine, ins, outs, order, strict, names, self._index)
        self.update = self._fast.update

    def _slow(self):
        """Hands the state back from the compiled update to the engine, before anything else
        reads or moves it: its position, its bar count and the last values."""
        fast = self._fast
        if fast is None or fast.count == 0:
            return
        fast.release()
        self.count += fast.count
        fast.count = 0
        engine = self._engine
        self._last = tuple(engine.buffers[k][:, engine.pos - 1].copy() for k in engine.chain[1])
        if self._index:  # bar indexes, counted from the stream's first bar
            for v in self._last:
                np.add(v, engine.origin - engine.primed, out=v, where=v != 0)

    @property
    def bars(self):
        """Bars fed so far."""
        return self.count + (self._fast.count if self._fast is not None else 0)

    def _step(self, arrays):
        """Runs the new bars (2-D float64 arrays, rows x bars) through the compute: the outputs."""
        rows, length = arrays[0].shape
        self._slow()
        if self._engine is None:
            self._start(rows)
        elif rows != self._engine.rows:
            raise ValueError(f"this stream carries {self._engine.rows} series; got {rows}")
        outs = tuple(np.empty((rows, length), d) for d in self._dtypes)
        # a bar index counts buffer columns: those steps stay in the buffers
        self._engine.begin(length, direct=not self._index)
        with _settings.applied(self._periods):
            self._compute(self._engine, "d", arrays, self._args, outs)
        self._engine.finish()
        if self._index:  # bar indexes, counted from the stream's first bar as in batch
            first = self._engine.first_bar()
            for o in outs:
                np.add(o, first, out=o, where=o != 0)  # 0: no index (the warm-up, a gap)
        if self._run is not None:
            valid = np.logical_and.reduce([np.isfinite(a) for a in arrays])
            position = self._run.positions(valid)
            hidden = (position >= 0) & (position < self.lookback)
            for o in outs:
                o[hidden] = 0 if o.dtype.kind in "iu" else np.nan
        self.count += length
        if length:
            self._last = tuple(o[:, -1].copy() for o in outs)
        if self._fast is not None:
            self._fast.bind()
        return outs

    def _inputs(self, values, bar):
        """2-D float64 arrays (series x bars) of one bar (`bar`: a number, or a 1-D array of one
        per series, for each input) or of a block (1-D: one series, 2-D: a row per series)."""
        entry = self.entry
        if len(values) != len(entry.inputs):
            raise TypeError(f"{entry.name} takes {len(entry.inputs)} inputs "
                            f"({', '.join(entry.inputs)}); got {len(values)}")
        arrays = []
        for name, v in zip(entry.inputs, values):
            a = np.asarray(v, dtype=np.float64)
            if bar and a.ndim > 1:
                raise ValueError(f"{name}: a bar is a number, or a 1-D array of one per series")
            if not bar and a.ndim not in (1, 2):
                raise ValueError(f"{name} must be 1-D or 2-D, got {a.ndim}-D")
            shape = (-1, 1) if bar else ((1, -1) if a.ndim == 1 else a.shape)
            arrays.append(np.ascontiguousarray(a.reshape(shape)))
        if len({a.shape for a in arrays}) != 1:
            raise ValueError("the inputs must have the same shape")
        return arrays

    def update(self, *bar):
        """Feeds one bar (one value per input, in the function's input order); returns the
        newest output: a float (an int for integer outputs), a tuple for several outputs, or
        arrays (one value per series) where the bar held arrays."""
        scalar = all(np.ndim(v) == 0 for v in bar)
        self._step(self._inputs(bar, True))
        return self._value(scalar)

    def update_many(self, *arrays):
        """Feeds a block of bars (1-D: one series, or 2-D: a row per series); returns the
        outputs for those bars, as the batch function would (a tuple for several outputs)."""
        prepared = self._inputs(arrays, False)
        outs = self._step(prepared)
        if np.ndim(arrays[0]) == 1:
            outs = tuple(o[0] for o in outs)
        return outs[0] if len(outs) == 1 else outs

    # -- reading ----------------------------------------------------------------------------
    def _value(self, scalar=True):
        if self._last is None:
            values = tuple(np.nan if d.kind == "f" else 0 for d in self._dtypes)
        elif scalar and self._last[0].shape[0] == 1:
            values = tuple(v[0].item() for v in self._last)
        else:
            values = tuple(v.copy() for v in self._last)
        return values[0] if len(values) == 1 else values

    @property
    def value(self):
        """The newest output (NaN before the first bar and during the warm-up)."""
        self._slow()
        return self._value()

    @property
    def name(self):
        return self.entry.name

    def copy(self):
        """An independent stream at the same bar."""
        state = self.__getstate__()
        state["engine"] = None if self._engine is None else self._engine.copy()
        state["run"] = None if self._run is None else self._run.copy()
        other = Stream.__new__(Stream)
        other.__setstate__(state)
        return other

    def __getstate__(self):
        self._slow()
        return {"name": self.entry.name, "params": self.params, "periods": self._periods,
                "hide": self._hide,
                "engine": self._engine, "run": self._run, "last": self._last,
                "count": self.count, "fast": self._fast_config}

    def __setstate__(self, state):
        with _settings.applied(state["periods"]):
            self.__init__(state["name"], **state["params"])
        self._hide = state["hide"]
        self._engine = state["engine"]
        self._run = state["run"]
        self._last = state["last"]
        self.count = state["count"]
        self._fast_config = state["fast"]
        self._install_fast()

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"fastind.stream({self.entry.name!r}{', ' if args else ''}{args}) after {self.bars} bars"


def stream(name, **params):
    """A Stream of the indicator `name` (fastind's or TA-Lib's name) with its parameters (native
    names or TA-Lib's keywords; defaults as the batch function's), starting from no bars."""
    return Stream(name, **params)
