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


def deque_slots(window):
    """The slots of a monotonic deque over `window` bars: the least power of two >= window, so
    that a position's slot is position & (slots - 1)."""
    slots = 1
    while slots < window:
        slots *= 2
    return slots


def deque_expire(ring, r, at, slots, front, back, oldest):
    """A window's monotonic deque in ring[r, at : at + 2 * slots] (its values, then their bars'
    numbers; positions front .. back - 1, each at slot position & (slots - 1)): the front leaves
    when its bar is older than `oldest` (one bar leaves the window a bar, so at most one does).
    The new front."""
    if back > front and ring[r, at + slots + (front & (slots - 1))] < oldest:
        return front + 1
    return front


def deque_push(ring, r, at, slots, front, back, bar, v, lower):
    """Bar number `bar` of value v joins the back of the deque (see deque_expire) once the
    values it dominates left it (a max's deque: those <= v, so that the latest of equal values is
    the front, as TA-Lib's >= rescans; a min's, `lower`: those >= v). The new back: the deque
    stays monotonic, its front the window's extreme, O(1) a bar amortized."""
    if lower:
        while back > front and ring[r, at + ((back - 1) & (slots - 1))] >= v:
            back -= 1
    else:
        while back > front and ring[r, at + ((back - 1) & (slots - 1))] <= v:
            back -= 1
    ring[r, at + (back & (slots - 1))] = v
    ring[r, at + slots + (back & (slots - 1))] = bar
    return back + 1
