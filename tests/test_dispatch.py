"""Backend selection: environment, set_backend, use_backend, per call; errors; numba cache."""
import os
import subprocess
import sys

import numpy as np
import pytest

import fastind as fi
from fastind import _backends


def _py(code, **env):
    full_env = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env)


def test_available_backends_in_auto_order():
    avail = fi.available_backends()
    assert "numpy" in avail
    assert avail == [b for b in ("cython", "numba", "numpy") if b in avail]
    assert fi.get_backend() == avail[0] or os.environ.get("FASTIND_BACKEND")


@pytest.mark.parametrize("name", ["cython", "numba", "numpy"])
def test_environment_variable_selects(name):
    if name not in fi.available_backends():
        pytest.skip(f"{name} not available")
    res = _py("import fastind; print(fastind.get_backend())", FASTIND_BACKEND=name)
    assert res.stdout.strip() == name, res.stderr


def test_environment_variable_unknown_name():
    res = _py("import fastind, numpy; fastind.sma(numpy.ones(5), 2)", FASTIND_BACKEND="fortran")
    assert res.returncode != 0
    assert "FASTIND_BACKEND must be one of auto, cython, numba, numpy" in res.stderr


def test_set_backend_and_context_manager():
    before = fi.get_backend()
    try:
        fi.set_backend("numpy")
        assert fi.get_backend() == "numpy"
        with fi.use_backend(fi.available_backends()[0]) as name:
            assert fi.get_backend() == name
        assert fi.get_backend() == "numpy"
        # a per-call argument overrides both
        np.testing.assert_array_equal(fi.sma(np.arange(5.0), 2, backend="numpy"),
                                      [np.nan, 0.5, 1.5, 2.5, 3.5])
    finally:
        fi.set_backend("auto")
    assert fi.get_backend() == before


def test_unknown_backend_lists_valid_names():
    with pytest.raises(ValueError, match="auto, cython, numba, numpy"):
        fi.set_backend("gpu")
    with pytest.raises(ValueError, match="auto, cython, numba, numpy"):
        fi.sma(np.ones(5), 2, backend="gpu")
    with pytest.raises(ValueError):
        with fi.use_backend("gpu"):
            pass


def test_unloadable_backend_raises_import_error_with_hint(monkeypatch):
    def broken():
        raise ImportError("No module named 'numba'")

    monkeypatch.setitem(_backends._LOADERS, "numba", broken)
    monkeypatch.setattr(_backends, "_loaded", {k: v for k, v in _backends._loaded.items() if k != "numba"})
    monkeypatch.setattr(_backends, "_failures", {})
    with pytest.raises(ImportError, match=r"pip install 'fastind\[numba\]'"):
        fi.set_backend("numba")
    assert "numba" not in fi.available_backends()
    assert "numba" in fi.unavailable_backends()


def test_auto_falls_back_when_cython_missing(monkeypatch):
    def broken():
        raise ImportError("fastind._kernels.moving is not compiled")

    monkeypatch.setitem(_backends._LOADERS, "cython", broken)
    monkeypatch.setattr(_backends, "_loaded", {k: v for k, v in _backends._loaded.items() if k != "cython"})
    monkeypatch.setattr(_backends, "_failures", {})
    assert fi.get_backend() in ("numba", "numpy")
    assert "not compiled" in fi.unavailable_backends()["cython"]


@pytest.mark.skipif("numba" not in fi.available_backends(), reason="numba not installed")
def test_numba_works_without_a_writable_cache(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    code = ("import warnings, fastind, numpy as np\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    warnings.simplefilter('always')\n"
            "    r = fastind.sma(np.arange(6.0), 3, backend='numba')\n"
            "print(r[-1], any('numba cache' in str(x.message) for x in w))")
    res = _py(code, FASTIND_NUMBA_CACHE_DIR=str(blocker / "cache"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["4.0", "True"]


@pytest.mark.skipif("numba" not in fi.available_backends(), reason="numba not installed")
def test_numba_cache_is_written_and_reused(tmp_path):
    code = "import fastind, numpy as np; print(fastind.rsi(np.arange(40.0) % 7, 5, backend='numba')[-1])"
    first = _py(code, FASTIND_NUMBA_CACHE_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert any(p.suffix == ".nbi" for p in tmp_path.iterdir())
    second = _py(code, FASTIND_NUMBA_CACHE_DIR=str(tmp_path))
    assert second.stdout == first.stdout


@pytest.mark.skipif("numba" not in fi.available_backends(), reason="numba not installed")
@pytest.mark.skipif(not __import__("platform").machine().lower() in ("x86_64", "amd64"),
                    reason="checks x86 code")
def test_numba_kernels_carry_the_prefetch_hint():
    # touch_ahead's `prefetch` is an LLVM intrinsic under numba: a no-op in its place would
    # still pass every result test and only show as 1e7-bar loops waiting on memory again.
    # Compiled afresh (a cached kernel has no assembly to show).
    code = ("import numba, numpy as np, fastind\n"
            "from fastind import _numba_loader\n"
            "moving = _numba_loader.load_family(numba, 'moving')\n"
            "x = np.arange(4000.0).reshape(1, -1)\n"
            "out = np.empty_like(x)\n"
            "moving.ema(x, 10, out)\n"
            "print(out[0, -1] == fastind.ema(x[0], 10, backend='cython')[-1])\n"
            "print(''.join(moving.ema.inspect_asm().values()).count('prefetcht0'))")
    res = _py(code, FASTIND_NUMBA_CACHE="0")
    assert res.returncode == 0, res.stderr
    same, hints = res.stdout.split()
    assert same == "True" and int(hints) >= 1
