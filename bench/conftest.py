"""pytest-benchmark plumbing for `pytest bench --benchmark-only`.

Rounds are chosen by input size rather than left to pytest-benchmark's calibration, so that the
whole suite stays within minutes: many short rounds for small inputs, three for 10M values.
"""
import numpy as np
import pytest

import fastind

SIZES = (1_000, 100_000, 10_000_000)
DTYPES = (np.float64, np.float32)
BACKENDS = fastind.available_backends()


def size_id(n):
    return f"{n:.0e}".replace("e+0", "e")


def rounds_for(values):
    """(rounds, iterations) for pedantic mode by input size."""
    if values <= 10_000:
        return 50, 20
    if values <= 1_000_000:
        return 15, 1
    return 3, 1


@pytest.fixture
def run_bench(benchmark):
    """run_bench(fn, values, group, **info): time fn() after one warmup call (a JIT compiles
    there); info goes to the benchmark's extra_info."""
    def run(fn, values, group, **info):
        benchmark.group = group
        benchmark.extra_info.update(info, values=values)
        rounds, iterations = rounds_for(values)
        return benchmark.pedantic(fn, rounds=rounds, iterations=iterations, warmup_rounds=1)

    return run
