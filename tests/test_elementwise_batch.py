"""The element-wise functions' batch path (fastind/_compose/ufuncs.py): numpy's inner loop of each
function's ufunc, called by the compiled kernel ufunc_unary on blocks of each row, the gap rule
checked per block; the kernel in a stream step and on the numpy backend."""
import importlib.util
import os
import re
import sys

import numpy as np
import pytest

import fastind as fi
from fastind import _backends, _numba_loader, _registry
from fastind._compose import elementwise, ufuncs
from fastind._numpy._ufuncs import nan_at_infinity

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools")
COMPILED = [b for b in ("cython", "numba") if b in fi.available_backends()]


def _table():
    """tools/gen_elementwise.py, for its tables."""
    spec = importlib.util.spec_from_file_location("gen_elementwise",
                                                  os.path.join(TOOLS, "gen_elementwise.py"))
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, TOOLS)  # it imports generated_files
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(TOOLS)
    return module


GEN = _table()
LOOPED = [(name[4:], ufunc) for name, _, _, _, ufunc, loop in GEN.UNARY if loop]
DATA = {"arccos": "unit", "arcsin": "unit", "cosh": "unit", "exp": "unit", "sinh": "unit",
        "tanh": "unit", "log": "prices", "log10": "prices"}
BLOCK = _numba_loader.UFUNC_BLOCK


def _values(kind, n, seed=0):
    rng = np.random.default_rng(seed)
    if kind == "unit":
        return rng.uniform(-1, 1, n)
    if kind == "prices":
        return np.exp(rng.normal(3, 2, n))
    return rng.normal(0, 50, n)


def test_the_block_is_the_one_of_the_pxd():
    """numba's ufunc_row calls numpy's loop on the blocks that the Cython build's C does."""
    with open(os.path.join(os.path.dirname(fi.__file__), "_kernels", "elementwise.pxd")) as fh:
        block = int(re.search(r"#define FASTIND_UFUNC_BLOCK (\d+)", fh.read()).group(1))
    assert block == BLOCK


@pytest.mark.parametrize("name, ufunc", LOOPED)
def test_every_loop_is_read(name, ufunc):
    """Each looped function's compute found numpy's loop (else its batch calls run the kernel)."""
    assert ufuncs.inner_loop(getattr(np, ufunc)) is not None
    assert getattr(elementwise, name).ufunc is getattr(np, ufunc)


@pytest.mark.parametrize("name, ufunc", LOOPED)
def test_a_ufunc_gives_a_value_the_same_bits_wherever_it_lies(name, ufunc):
    """What makes a result independent of the blocks, the rows' split across threads and an
    array's alignment: numpy's loop over pieces of an array equals it over the whole."""
    f = getattr(np, ufunc)
    x = _values(DATA.get(ufunc, "signed"), 20_011, 5)
    with np.errstate(all="ignore"):
        whole = f(x)
        rng = np.random.default_rng(6)
        start = 0
        while start < len(x):
            stop = min(len(x), start + int(rng.integers(1, 3 * BLOCK)))
            np.testing.assert_array_equal(f(x[start:stop]), whole[start:stop])
            start = stop


@pytest.mark.parametrize("backend", COMPILED)
@pytest.mark.parametrize("name, ufunc", LOOPED)
def test_batch_is_numpys_loop(name, ufunc, backend):
    """float64: the batch result is the ufunc's, bit for bit (a row of ~3.5 blocks, 2-D, a
    second row); float32: the ufunc in double, rounded once, as the numpy backend computes."""
    f = getattr(np, ufunc)
    x = _values(DATA.get(ufunc, "signed"), 3 * BLOCK + 517, 1)
    with np.errstate(all="ignore"):
        want = f(x)
        want32 = f(x.astype(np.float32).astype(np.float64)).astype(np.float32)
    np.testing.assert_array_equal(getattr(fi, name)(x, backend=backend), want)
    two = np.stack([x[::-1], x])
    np.testing.assert_array_equal(getattr(fi, name)(two, backend=backend)[1], want)
    got32 = getattr(fi, name)(x.astype(np.float32), backend=backend)
    assert got32.dtype == np.float32
    np.testing.assert_array_equal(got32, want32)
    np.testing.assert_array_equal(getattr(fi, name)(x.astype(np.float32), backend="numpy"), want32)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, ufunc", LOOPED)
def test_infinities_at_block_edges_are_gaps(name, ufunc, dtype):
    """+-inf are NaN in every block they land in (a block's first and last value, the row's
    last), as NaN; every other value is untouched, on every backend."""
    x = _values(DATA.get(ufunc, "signed"), 4 * BLOCK + 3, 2).astype(dtype)
    spots = [0, BLOCK - 1, BLOCK, 2 * BLOCK + 7, 3 * BLOCK - 1, len(x) - 1]
    with_inf, with_nan = x.copy(), x.copy()
    with_inf[spots] = np.inf
    with_inf[spots[::2]] = -np.inf
    with_nan[spots] = np.nan
    results = {}
    for backend in fi.available_backends():
        got = getattr(fi, name)(with_inf, backend=backend)
        np.testing.assert_array_equal(got, getattr(fi, name)(with_nan, backend=backend))
        assert np.isnan(got[spots]).all()
        results[backend] = got
    for backend in COMPILED:
        np.testing.assert_array_equal(results[backend], results[COMPILED[0]])
    if nan_at_infinity(getattr(np, ufunc)):  # the loop alone keeps the rule (SIN, ACOS, ...)
        with np.errstate(all="ignore"):
            assert np.isnan(getattr(np, ufunc)(np.array([np.inf, -np.inf]))).all()


@pytest.mark.parametrize("name", [name for name, _ in LOOPED] + ["sqrt", "add"])
def test_a_stream_runs_the_kernel(name):
    """A stream step calls the function's kernel (vec_*), which the compiled update resumes: a
    chain of one kernel, never the batch loop (a compute writing an output itself is not one)."""
    entry = _registry.BY_NAME[name]
    s = fi.stream(name)
    x = _values("unit", 50, 3)
    first = [s.update(*([v] * len(entry.inputs))) for v in x[:10]]
    assert s._fast is not None
    keys = [site.key for site in s._engine.sites]
    assert keys == [f"elementwise.vec_{name}"]
    batch = getattr(fi, name)(*([x[:10]] * len(entry.inputs)))
    np.testing.assert_allclose(first, batch, rtol=1e-13)


def test_an_unreadable_loop_falls_back_to_the_kernel(monkeypatch):
    """Where numpy's ufunc struct does not read back as expected, every call runs the kernel."""
    monkeypatch.setattr(ufuncs, "inner_loop", lambda ufunc, dtype="d": None)
    compute = ufuncs.loop("vec_exp", "exp")
    x = _values("unit", 1000, 4).reshape(1, -1)
    out = np.empty_like(x)
    for backend in COMPILED:
        compute(_backends.load(backend), "d", [x], (), [out])
        kernel = np.empty_like(x)
        _backends.load(backend).kernels["d"]["elementwise.vec_exp"](x, kernel)
        np.testing.assert_array_equal(out, kernel)


def test_inner_loop_refuses_what_is_not_a_ufunc():
    assert ufuncs.inner_loop(np.sum) is None
    assert ufuncs.inner_loop(np.isnat) is None  # no loop for doubles
