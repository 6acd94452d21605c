"""The declarations every indicator is made of: its inputs, parameters, outputs and lookback.

One `Indicator` per function is the single place where a name, a default, a range or a lookback
is written. tools/gen_api.py writes the native functions (fastind/indicators.py), the TA-Lib layer
(fastind/talib/_functions.py) and docs/functions.md from these entries; the abstract API, the
tests and the benchmarks read them at run time.
"""
from dataclasses import dataclass, field  # noqa: F401

MAX_PERIOD = 100_000  # TA-Lib's upper bound for every period parameter
PRICES = ("open", "high", "low", "close", "volume")


@dataclass(frozen=True)
class Param:
    """One parameter. kind: 'int' (a period or count), 'real', or 'matype' (TA-Lib's MA_Type code
    or a name such as 'ema'). `talib` is TA-Lib's keyword (None: native only)."""

    name: str
    default: object
    kind: str = "int"
    min: float = 1
    max: float = MAX_PERIOD
    talib: str = None
    doc: str = ""
    native: bool = True  # False: a TA-Lib parameter the native function does not take
    native_min: float = None  # the native function's minimum where it accepts more than TA-Lib

    def __post_init__(self):
        if self.kind not in ("int", "real", "matype"):
            raise ValueError(f"{self.name}: unknown parameter kind {self.kind!r}")


def period(name="period", default=30, min=2, talib="timeperiod", doc="bars in the window"):
    """The common period parameter (TA-Lib's `timeperiod`, 2..100000 unless said otherwise)."""
    return Param(name, default, "int", min, MAX_PERIOD, talib, doc)


def real(name, default, min=-3e37, max=3e37, talib=None, doc=""):
    return Param(name, default, "real", min, max, talib or name, doc)


def matype(name="matype", default=0, talib=None, doc="moving-average type (MA_Type code or name)"):
    return Param(name, default, "matype", 0, 13, talib or name, doc)


@dataclass(frozen=True)
class Indicator:
    """One function of the catalog.

    name      native snake_case name (fastind.<name>)
    talib     TA-Lib's name, or None for a native-only function
    group     TA-Lib's group name (or "Native" for fastind's own functions)
    inputs    native argument names of the input series, in order ("x" for a single series)
    params    tuple of Param, in TA-Lib's order
    outputs   output names, TA-Lib's (e.g. ("macd", "macdsignal", "macdhist"))
    lookback  callable(**native params) -> int: bars before the first output of a run
    kernel    "family.kernel" (one kernel call: kernel(*inputs, *params, *outputs)) or the name of
              a compute function in fastind._compute (for compositions of several kernels)
    summary   the formula in one line
    out_dtype None (the input's float type) or a numpy dtype name for integer outputs, or a
              tuple of those, one per output (SUPERTREND: a float line and an int32 trend)
    talib_inputs  TA-Lib's positional names of the inputs (default: "real" for "x", else the same)
    price_map TA-Lib abstract `input_names` (default derived from talib_inputs, see price_names)
    examples  extra parameter sets (native names) the tests and parity checks use
    unstable  TA-Lib's unstable-period id that extends the lookback (e.g. "EMA"), or None
    talib_outputs  order of the TA-Lib outputs as indices into `outputs` (default: the same)
    domain    test-data hint for inputs: None (prices), "unit" ([-1, 1]), "any" (signed)
    stacked   "family.kernel" of a stacked twin writing all outputs as rows of one block
    prepare   name of a function in fastind._compute mapping the validated native parameters
              to the kernel's arguments (default: passed as they are)
    native    False where the native function is written by hand (fastind/_handwritten.py)
    display   TA-Lib's display name (abstract info)
    flags     "bar_index": the outputs are indices of bars in the input (MAXINDEX), 0 for none
    """

    name: str
    talib: str
    group: str
    inputs: tuple
    params: tuple
    outputs: tuple
    lookback: object
    kernel: str
    summary: str
    out_dtype: object = None
    talib_inputs: tuple = None
    price_map: tuple = None
    examples: tuple = ()
    unstable: str = None
    talib_outputs: tuple = None
    domain: str = None
    stacked: str = None
    prepare: str = None
    native: bool = True
    display: str = ""
    flags: tuple = field(default=())

    def output_dtype(self, k, float_dtype):
        """The dtype of output k for inputs of float type `float_dtype`."""
        import numpy

        d = self.out_dtype[k] if isinstance(self.out_dtype, tuple) else self.out_dtype
        return numpy.dtype(float_dtype if d is None else d)

    @property
    def n_out(self):
        return len(self.outputs)

    @property
    def ta_inputs(self):
        """TA-Lib's positional input names."""
        if self.talib_inputs is not None:
            return self.talib_inputs
        return tuple("real" if n == "x" else n for n in self.inputs)

    @property
    def ta_outputs(self):
        order = self.talib_outputs or range(self.n_out)
        return tuple(self.outputs[k] for k in order)

    def price_names(self):
        """TA-Lib abstract `input_names`: [(key, column or [columns])]."""
        if self.price_map is not None:
            return list(self.price_map)
        names = self.ta_inputs
        if all(n in PRICES for n in names):
            return [("prices", list(names))]
        if names == ("real",):
            return [("price", "close")]
        if names == ("real0", "real1"):
            return [("price0", "high"), ("price1", "low")]
        if names[0] == "real" and all(n in PRICES for n in names[1:]):
            return [("price", "close"), ("prices", list(names[1:]))]
        raise ValueError(f"{self.name}: give price_map for inputs {names}")

    def defaults(self):
        return {p.name: p.default for p in self.params}

    def param_sets(self):
        """The native parameters at their defaults, then each example (overriding them)."""
        base = {p.name: p.default for p in self.params if p.native}
        return [base] + [dict(base, **e) for e in self.examples]

    def lookback_of(self, **params):
        values = self.defaults()
        values.update(params)
        return int(self.lookback(**values))
