"""Start-up: `import fastind` and the numba backend's first call, each in a fresh interpreter.

pytest-benchmark times the whole child process (interpreter start-up included); the child's own
figure, which excludes it, is kept in extra_info['inside_s']. Numba cold: each round gets an empty
FASTIND_NUMBA_CACHE_DIR (compiles); warm: a directory filled by one cold run beforehand.
"""
import tempfile

import pytest

from bench import startup

SMA = [("sma", ("close",))]
pytest.importorskip("numba")


def _keep_inside(benchmark, samples, field):
    benchmark.extra_info["inside_s"] = min(s[field] for s in samples)


def test_import_fastind(benchmark):
    samples = []
    benchmark.pedantic(lambda: samples.append(startup.child_import("fastind")), rounds=5,
                       iterations=1)
    _keep_inside(benchmark, samples, "seconds")


def test_numba_first_call_cold(benchmark, tmp_path_factory):
    samples = []

    def fresh_dir():
        return (str(tmp_path_factory.mktemp("numba-cold")),), {}

    benchmark.pedantic(lambda cache: samples.append(startup.child_first_call(SMA, cache)),
                       setup=fresh_dir, rounds=3, iterations=1)
    _keep_inside(benchmark, samples, "total")


def test_numba_first_call_warm(benchmark):
    samples = []
    with tempfile.TemporaryDirectory(prefix="fastind-numba-cache-") as cache:
        startup.child_first_call(SMA, cache)  # fills the cache
        benchmark.pedantic(lambda: samples.append(startup.child_first_call(SMA, cache)),
                           rounds=3, iterations=1)
    _keep_inside(benchmark, samples, "total")
