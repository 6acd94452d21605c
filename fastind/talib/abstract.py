"""TA-Lib's abstract API over the registry: `Function(name)` and `abstract.SMA` etc.

    >>> from fastind.talib import abstract
    >>> abstract.SMA({"close": close}, timeperiod=25)          # or abstract.Function("sma")
    >>> f = abstract.Function("BBANDS", timeperiod=10); f.lookback, f.info["output_names"]

Inputs are a dict of arrays, a pandas DataFrame or a polars DataFrame with TA-Lib's price columns
(open, high, low, close, volume; `input_names` says which a function reads, `price="open"`
overrides a single price), or the input arrays positionally. Results are what TA-Lib's abstract
API returns for the same input: ndarrays (a list of them for several outputs) for dicts and arrays,
a Series (one output) or DataFrame (several) with the frame's index for pandas, a polars Series or
DataFrame for polars.
"""
from collections import OrderedDict

import numpy as np

from .. import _registry, _settings
from . import _functions


def _flags(entry):
    flags = []
    if entry.unstable and entry.talib in entry.unstable:
        flags.append("Function has an unstable period")
    if entry.group == "Pattern Recognition":
        flags.append("Output is a candlestick")
    return flags


class Function:
    """One TA-Lib function with its parameters and input columns (TA-Lib's abstract.Function)."""

    def __init__(self, function_name, *args, **kwargs):
        entry = _registry.get(function_name)
        if entry.talib is None:
            raise ValueError(f"{function_name!r} has no TA-Lib equivalent; call fastind.{entry.name}")
        self._entry = entry
        self._name = entry.talib
        self._func = getattr(_functions, entry.talib)
        self._parameters = OrderedDict((p.talib, p.default) for p in entry.params)
        self._input_names = OrderedDict((k, list(v) if isinstance(v, list) else v)
                                        for k, v in entry.price_names())
        self._input_arrays = None
        self._outputs = None
        self.set_function_args(*args, **kwargs)

    # --- metadata -------------------------------------------------------------------------
    @property
    def info(self):
        e = self._entry
        return {"name": self._name, "group": e.group, "display_name": e.display or e.summary,
                "function_flags": _flags(e), "input_names": self.input_names,
                "parameters": self.parameters,
                "output_flags": OrderedDict((o, ["Line"]) for o in e.ta_outputs),
                "output_names": list(e.ta_outputs)}

    @property
    def function_flags(self):
        return _flags(self._entry)

    @property
    def output_flags(self):
        return OrderedDict((o, ["Line"]) for o in self._entry.ta_outputs)

    @property
    def output_names(self):
        return list(self._entry.ta_outputs)

    @property
    def parameters(self):
        return OrderedDict(self._parameters)

    def set_parameters(self, parameters=None, **kwargs):
        """Set parameters by TA-Lib name (a dict and/or keywords); each is validated now."""
        updates = dict(parameters or {}, **kwargs)
        for name, value in updates.items():
            if name not in self._parameters:
                raise ValueError(f"{self._name} has no parameter {name!r}; it has "
                                 f"{', '.join(self._parameters) or 'none'}")
            self._check(name, value)
            self._parameters[name] = value
        self._outputs = None

    def _check(self, name, value):
        from .._inputs import check_param

        check_param(next(p for p in self._entry.params if p.talib == name), value, name, True)

    @property
    def input_names(self):
        return OrderedDict((k, list(v) if isinstance(v, list) else v)
                           for k, v in self._input_names.items())

    @input_names.setter
    def input_names(self, names):
        for key, value in names.items():
            if key not in self._input_names:
                raise ValueError(f"{self._name} has no input {key!r}; it has "
                                 f"{', '.join(self._input_names)}")
            self._input_names[key] = list(value) if isinstance(value, (list, tuple)) else value
        self._outputs = None

    def set_input_names(self, names):
        self.input_names = names

    def get_input_names(self):
        return self.input_names

    @property
    def lookback(self):
        native = {p.name: self._parameters[p.talib] for p in self._entry.params}
        return self._entry.lookback_of(**native)

    # --- inputs and outputs ------------------------------------------------------------------
    def set_input_arrays(self, input_arrays):
        """A dict of arrays, a pandas or a polars DataFrame holding the input columns."""
        missing = [c for c in self._columns() if not _has_column(input_arrays, c)]
        if missing:
            raise ValueError(f"{self._name} needs input column(s) {', '.join(missing)}")
        self._input_arrays = input_arrays
        self._outputs = None
        return True

    def get_input_arrays(self):
        return self._input_arrays

    def _columns(self):
        cols = []
        for value in self._input_names.values():
            cols.extend(value if isinstance(value, list) else [value])
        return cols

    def set_function_args(self, *args, **kwargs):
        """TA-Lib's argument forms: input arrays (a dict/frame first, or arrays positionally),
        then parameters positionally or by name; `price=`/`prices=`... rename the inputs."""
        args = list(args)
        if args and _is_frame_or_dict(args[0]):
            self.set_input_arrays(args.pop(0))
        elif args and _is_array(args[0]):
            n = len(self._columns())
            arrays, args = args[:n], args[n:]
            self._input_arrays = dict(zip(self._columns(), arrays))
            self._outputs = None
        for key in list(kwargs):
            if key in self._input_names:
                self.input_names = {key: kwargs.pop(key)}
        params = dict(zip(self._parameters, args))
        params.update(kwargs)
        if params:
            self.set_parameters(params)

    def run(self, input_arrays=None):
        if input_arrays is not None:
            self.set_input_arrays(input_arrays)
        return self.outputs

    @property
    def outputs(self):
        if self._input_arrays is None:
            raise ValueError(f"{self._name}: no input arrays set")
        if self._outputs is None:
            self._outputs = self._compute()
        return self._outputs

    def _compute(self):
        data = self._input_arrays
        kind = _kind(data)
        arrays = [_column(data, c) for c in self._columns()]
        result = self._func(*arrays, **self._parameters)
        results = list(result) if isinstance(result, tuple) else [result]
        names = self.output_names
        if kind == "pandas":
            import pandas

            if len(results) == 1:
                return pandas.Series(results[0], index=data.index)
            return pandas.DataFrame(dict(zip(names, results)), index=data.index)
        if kind == "polars":
            import polars

            if len(results) == 1:
                return polars.Series(results[0])
            return polars.DataFrame(dict(zip(names, results)))
        return results[0] if len(results) == 1 else results

    def __call__(self, *args, **kwargs):
        saved = (OrderedDict(self._parameters), OrderedDict(self._input_names), self._input_arrays)
        try:
            self.set_function_args(*args, **kwargs)
            self._outputs = None
            return self.outputs
        finally:
            self._parameters, self._input_names, self._input_arrays = saved
            self._outputs = None

    def __repr__(self):
        params = ", ".join(f"{k}={v!r}" for k, v in self._parameters.items())
        return f"<fastind.talib.abstract.Function {self._name}({params})>"

    def copy(self):
        other = Function(self._name)
        other._parameters = OrderedDict(self._parameters)
        other._input_names = OrderedDict(self._input_names)
        other._input_arrays = self._input_arrays
        return other


def _kind(data):
    module = type(data).__module__
    if module.startswith("pandas"):
        return "pandas"
    if module.startswith("polars"):
        return "polars"
    return "dict"


def _is_frame_or_dict(obj):
    return isinstance(obj, dict) or (_kind(obj) != "dict" and hasattr(obj, "columns"))


def _is_array(obj):
    return isinstance(obj, (np.ndarray, list)) or hasattr(obj, "__array__")


def _has_column(data, name):
    if isinstance(data, dict):
        return name in data
    return name in list(data.columns)


def _column(data, name):
    if isinstance(data, dict):
        return data[name]
    if _kind(data) == "polars":
        return data[name].to_numpy()
    return data[name].to_numpy()


def __getattr__(name):
    """abstract.SMA etc.: a Function for every TA-Lib name fastind covers."""
    if name in _registry.BY_TALIB:
        return Function(name)
    raise AttributeError(f"module 'fastind.talib.abstract' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_registry.BY_TALIB))


get_unstable_period = _settings.get_unstable_period
set_unstable_period = _settings.set_unstable_period

__all__ = ["Function"] + list(_registry.BY_TALIB)
