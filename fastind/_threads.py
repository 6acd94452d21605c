"""Threads over the rows of a 2-D call: every compiled kernel releases the GIL, so the rows of a
panel (independent series) computed in blocks on several threads run on several cores.

`threads=` on a call, else set_num_threads(), else $FASTIND_NUM_THREADS, else every core this
process may run on. Each row is computed by the same code whatever the split, so results are
bitwise equal for any thread count. Calls under PARALLEL_FROM values stay on the calling thread.
"""
import concurrent.futures
import os
import threading

PARALLEL_FROM = 200_000  # values per call from which a panel is split across threads
_lock = threading.Lock()
_pool = None
_pool_size = 0
_default = None


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def check_threads(value, name="threads"):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer or None, got {value!r}")
    return value


def get_num_threads():
    """Threads a 2-D call uses by default."""
    if _default is not None:
        return _default
    env = os.environ.get("FASTIND_NUM_THREADS")
    if env:
        try:
            return check_threads(int(env), "$FASTIND_NUM_THREADS")
        except ValueError:
            raise ValueError(f"$FASTIND_NUM_THREADS must be a positive integer, got {env!r}") from None
    return _cores()


def set_num_threads(n):
    """Set the default thread count of 2-D calls (None: back to $FASTIND_NUM_THREADS / all cores)."""
    global _default
    _default = check_threads(n, "n")


def _executor(size):
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size < size:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool = concurrent.futures.ThreadPoolExecutor(size, thread_name_prefix="fastind")
            _pool_size = size
        return _pool


def compute_rows(compute, be, t, arrays, params, outs, threads):
    """compute(be, t, arrays, params, outs) over blocks of rows on `threads` threads (None: the
    default), or in one call where the input is small or has one row."""
    rows, n = arrays[0].shape
    count = get_num_threads() if threads is None else threads
    count = min(count, rows)
    if count <= 1 or rows * n < PARALLEL_FROM:
        compute(be, t, arrays, params, outs)
        return
    bounds = [rows * k // count for k in range(count + 1)]
    pool = _executor(count)
    futures = [pool.submit(compute, be, t, [a[lo:hi] for a in arrays], params,
                           [o[lo:hi] for o in outs])
               for lo, hi in zip(bounds[:-1], bounds[1:]) if hi > lo]
    for f in futures:
        f.result()  # re-raises a block's error here
