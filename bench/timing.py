"""The timing harness: perf_counter, a warmup call, calibrated inner loops, best and median.

The warmup call is never timed, so a JIT's compile (numba, numbagg) and first-touch page faults of
the inputs stay out of the figures. Short calls are looped until one sample lasts `min_sample`
seconds (the clock's resolution and the loop's own cost then vanish). Slow calls get fewer samples
so that one measurement stays within `budget` seconds, but never fewer than `min_repeats`; a call
slower than `single_call_above` seconds is timed once, its warmup call being the sample (only ever
the case for non-compiling code, such as the numpy backend over a large 2-D panel).

measure_beside times a call and its references (TA-Lib's call, an array copy) in alternate
samples, so that all see the same state of a machine whose speed drifts (a VM: 10-20 % between
minutes), and their ratios are steadier than ones against calls timed minutes apart.
"""
from dataclasses import dataclass
import gc
import statistics
import time


@dataclass(frozen=True)
class Settings:
    repeats: int = 7          # samples wanted
    min_repeats: int = 3      # samples at least, whatever the budget
    min_sample: float = 0.005  # seconds one sample lasts at least
    budget: float = 1.0       # seconds one measurement should take, warmup excluded
    single_call_above: float = 5.0


@dataclass(frozen=True)
class Timing:
    """Seconds per call: the best sample (least disturbed by other load) and the median."""

    best: float
    median: float
    repeats: int
    number: int


def _sample(fn, number):
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def calibrate(fn, min_sample):
    """(calls per sample, seconds per call): doubles the loop until a sample lasts min_sample."""
    number = 1
    while True:
        per_call = _sample(fn, number)
        if per_call * number >= min_sample:
            return number, per_call
        # jump close to the target, at most 100x at a time in case the first sample was lucky
        number = min(number * 100, max(number * 2, int(min_sample / max(per_call, 1e-9)) + 1))


def _timing(samples, number):
    return Timing(min(samples), statistics.median(samples), len(samples), number)


def measure(fn, settings=Settings()):
    """Time fn() (no arguments); its result is discarded."""
    return measure_beside(fn, (), settings)[0]


def measure_beside(fn, companions, settings=Settings()):
    """(Timing of fn, [Timing of each companion]): each sample of fn is followed by one of each
    companion (zero-argument callables: TA-Lib's call, a copy), each calibrated on its own; their
    samples share fn's budget."""
    first = _sample(fn, 1)  # warmup: compile, caches, allocator pools
    for other in companions:
        _sample(other, 1)
    if first >= settings.single_call_above:
        return Timing(first, first, 1, 1), [measure(other, settings) for other in companions]
    gc_was_enabled = gc.isenabled()
    gc.disable()  # as timeit: a collection triggered by someone else's garbage is not fn's cost
    try:
        number, per_call = calibrate(fn, settings.min_sample)
        samples = [per_call]
        numbers, others = [], []
        for other in companions:
            other_number, other_per_call = calibrate(other, settings.min_sample)
            numbers.append(other_number)
            others.append([other_per_call])
            per_call += other_per_call * other_number / number
        affordable = int(settings.budget / max(per_call * number, 1e-9))
        repeats = max(settings.min_repeats, min(settings.repeats, affordable))
        for _ in range(repeats - 1):
            samples.append(_sample(fn, number))
            for other, other_number, other_samples in zip(companions, numbers, others):
                other_samples.append(_sample(other, other_number))
    finally:
        if gc_was_enabled:
            gc.enable()
    return _timing(samples, number), [_timing(o, k) for o, k in zip(others, numbers)]
