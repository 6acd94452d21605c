"""The call path every indicator shares: resolve the backend, validate and prepare the inputs,
allocate the outputs, run the compute, shape the results.

A compute is `compute(backend, dtype char, 2-D inputs, params, 2-D outputs)`: one kernel call
(`kernel_compute`) or a composition of kernels (fastind._compute). Parameters are validated by the
generated caller, before this.
"""
import numpy as np

from . import _backends, _settings
from ._threads import check_threads, compute_rows
from ._inputs import allocate, finish, fresh_plain, prepare, prepare_plain
from ._numpy._runs import valid_runs


class Bound:
    """What a generated function needs of its registry entry at call time, resolved once."""

    __slots__ = ("name", "names", "n_out", "compute", "out_dtype", "stacked", "entry", "unstable",
                 "prepare", "param_names")

    def __init__(self, entry, compute, prepare=None, stacked=None):
        self.entry = entry
        self.name = entry.name
        self.names = tuple(entry.inputs)
        self.n_out = entry.n_out
        self.compute = compute
        if isinstance(entry.out_dtype, tuple):  # one dtype per output: never the fresh path
            self.out_dtype = tuple(None if d is None else np.dtype(d) for d in entry.out_dtype)
        else:
            self.out_dtype = None if entry.out_dtype is None else np.dtype(entry.out_dtype)
        self.stacked = stacked  # a compute writing every output as rows of one block
        self.unstable = tuple(entry.unstable or ())
        self.prepare = prepare
        self.param_names = tuple(p.name for p in entry.params if p.native)


def kernel_compute(key, stacked=False):
    """The compute of an indicator that is one kernel call: kernel(*inputs, *params, *outputs)
    (`stacked`: kernel(*inputs, *params, block), the outputs as rows of one block). Made once per
    indicator, at import, so that a call creates no closure."""
    if stacked:
        def compute(be, t, arrays, params, block):
            be.kernels[t][key](*arrays, *params, block)
    else:
        def compute(be, t, arrays, params, outs):
            be.kernels[t][key](*arrays, *params, *outs)

    compute.__qualname__ = compute.__name__ = key
    return compute


def run(spec, inputs, values, out, backend, threads=None, talib=False):
    """One indicator call (see the module docstring): `values` are the validated native
    parameters, which spec.prepare (where the entry names one) maps to the kernel's arguments;
    `threads` splits the rows of a 2-D input across threads (fastind._threads); `talib`: results
    shaped as TA-Lib's (a tuple of Series for a pandas Series, not a DataFrame)."""
    be = _backends.current(backend)
    params = values if spec.prepare is None else spec.prepare(*values)
    if spec.unstable and _settings.any_unstable(spec.unstable):
        return _run_unstable(spec, be, inputs, params, out, dict(zip(spec.param_names, values)),
                             threads, talib)
    if out is None and type(spec.out_dtype) is not tuple:
        fresh = fresh_plain(inputs, spec.n_out, spec.out_dtype, spec.stacked is not None)
        if fresh is not None:  # the common call: plain 1-D inputs into fresh results
            arrays, dtype_char, kernel_outs, results = fresh
            if spec.stacked is not None and len(kernel_outs) == 1 and spec.n_out > 1:
                spec.stacked(be, dtype_char, arrays, params, kernel_outs[0])
            else:
                spec.compute(be, dtype_char, arrays, params, kernel_outs)
            return results
    return run_general(be, spec, inputs, params, out, threads, values, talib)


def run_general(be, spec, inputs, params, out, threads=None, values=None, talib=False):
    """The rest of run: inputs to convert or check (prepare), or outputs given (`out`); dask
    arrays go to fastind.dask, which maps the call (`values`: its native parameters) over blocks."""
    if type(inputs[0]).__module__.startswith("dask"):
        from . import dask as _dask

        return _dask.apply(spec, inputs, values, be.name, threads, out)
    if threads is not None:
        check_threads(threads)
    if out is None:
        prepared = prepare(spec.names, inputs)
    else:
        prepared = prepare_plain(inputs) or prepare(spec.names, inputs)
    kernel_outs, finals, copies = allocate(prepared, spec.n_out, out, spec.out_dtype)
    compute_rows(spec.compute, be, prepared[1].char, prepared[0], params, kernel_outs, threads)
    return finish(prepared, finals, copies, None if talib else spec.entry.outputs)


def _run_unstable(spec, be, inputs, params, out, lookback_params, threads=None, talib=False):
    """run() where TA-Lib's unstable period lengthens the lookback: the values are those of the
    plain computation (TA-Lib starts every recurrence at the data's start either way), and each
    run of finite bars shows its first output `lookback` bars after its start."""
    if type(inputs[0]).__module__.startswith("dask"):
        from . import dask as _dask

        return _dask.apply(spec, inputs, tuple(lookback_params.values()), be.name, threads, out)
    prepared = prepare(spec.names, inputs)
    kernel_outs, finals, copies = allocate(prepared, spec.n_out, out, spec.out_dtype)
    compute_rows(spec.compute, be, prepared[1].char, prepared[0], params, kernel_outs, threads)
    lookback = spec.entry.lookback_of(**(lookback_params or {}))
    arrays = prepared[0]
    for r in range(arrays[0].shape[0]):
        for start, end in valid_runs(*[a[r] for a in arrays]):
            stop = min(start + lookback, end)
            for o in kernel_outs:
                o[r, start:stop] = 0 if o.dtype.kind in "iu" else np.nan  # TA-Lib's int fill
    return finish(prepared, finals, copies, None if talib else spec.entry.outputs)
