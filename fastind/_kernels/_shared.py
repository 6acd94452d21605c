"""Helpers shared by the kernel families. Never compiled or loaded on its own: tools/sync_shared.py
copies what follows this docstring to the end of every family module that calls it (and the
declarations in _shared.pxd to the end of its .pxd), where Cython can inline it; a function
cimported from another extension module is called through a pointer with its memoryviews
acquired on every call, which cost more than the helper saves.
"""

LINE = 8  # bars per touch: one per 64-byte cache line of float64 (two per line of float32)


def touch_ahead(x, r, start, stop):
    """Asks the cache for x[r, start:stop] (stopping at the row's end), one prefetch hint per
    cache line: `prefetch` is C's __builtin_prefetch in the Cython build and LLVM's
    llvm.prefetch under numba (fastind._numba_loader), never a load, so nothing waits for it.

    A kernel whose loop is bound by a loop-carried dependency calls it for the bars two blocks
    ahead of its work: on the machine measured, the hardware prefetcher alone let such loops
    stall on memory once data outgrew the cache. Fresh 1e7-bar outputs, float64, with loads
    summed into a placeholder (a demand load holds retirement until it arrives) before the
    hints: RSI 56 -> 32 ms, WMA 37 -> 25 ms, EMA 28 -> 22 ms, VAR in blocks 50 -> 28 ms; the
    hints took VAR 31 -> 26 ms, EMA and WMA -13 % (1e5: unchanged)."""
    stop = min(stop, x.shape[1])
    j = start
    while j < stop:
        prefetch(x, r, j)
        j += LINE


def valid_until(x, r, end, limit):
    """The first index >= end (x[r, end - 1] valid) where x[r] is NaN or infinite, searched up to
    `limit` (a result >= limit: none before it), eight bars per test where it can (a sum of x - x
    is 0 unless a NaN or an infinity is among them). Where a run ends: the extrema find it lazily,
    the moments' blocks where one failed."""
    n = x.shape[1]
    while end < limit:
        # unsigned, each of them: numba then drops the negative-index wrap-around (u + 1 of an
        # unsigned u is signed there, three more instructions a load: extrema 1e5 -15 %)
        u = end
        u1 = end + 1
        u2 = end + 2
        u3 = end + 3
        u4 = end + 4
        u5 = end + 5
        u6 = end + 6
        u7 = end + 7
        if end + 8 <= n and (((x[r, u] - x[r, u]) + (x[r, u1] - x[r, u1]))
                             + ((x[r, u2] - x[r, u2]) + (x[r, u3] - x[r, u3]))
                             + ((x[r, u4] - x[r, u4]) + (x[r, u5] - x[r, u5]))
                             + ((x[r, u6] - x[r, u6]) + (x[r, u7] - x[r, u7]))
                             ) == 0.0:
            end += 8
        elif end < n and x[r, u] - x[r, u] == 0.0:
            end += 1
        else:
            break
    return end
