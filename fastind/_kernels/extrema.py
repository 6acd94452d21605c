"""Rolling extrema (MAX, MIN; the channel is one call of each).

Compiled by Cython with extrema.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""


def extreme(x, period, sign, out, work):
    """Rolling max over `period` bars of sign*x, times sign: MAX with sign=+1, MIN with sign=-1.
    Lookback period-1. `work` is a float64 buffer of at least `period` elements.

    van Herk / Gil-Werman: bars are cut into blocks of `period` aligned at each run start. The window
    ending at bar i is the tail of the previous block (its suffix maxima, kept in `work`) joined to
    the head of the current block (a running prefix maximum), so every bar costs three comparisons
    whatever the data — O(n), where TA-Lib's rescan degrades to O(n*period) on monotone input."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        i = 0
        while i < n:
            if x[r, i] != x[r, i]:
                out[r, i] = NAN
                i += 1
                continue
            end = i + 1
            while end < n and x[r, end] == x[r, end]:
                end += 1
            # the valid run [i, end) is processed block by block
            start = i
            first = True
            while start < end:
                stop = start + period
                if stop > end:
                    stop = end
                acc = sign * x[r, start]
                for j in range(start, stop):
                    v = sign * x[r, j]
                    if v > acc:
                        acc = v
                    off = j - start
                    if off == period - 1:
                        out[r, j] = sign * acc
                    elif first:
                        out[r, j] = NAN
                    else:
                        w = work[off + 1]
                        if w > acc:
                            out[r, j] = sign * w
                        else:
                            out[r, j] = sign * acc
                if stop < end:
                    acc = sign * x[r, stop - 1]
                    for j in range(stop - 1, start - 1, -1):
                        v = sign * x[r, j]
                        if v > acc:
                            acc = v
                        work[j - start] = acc
                first = False
                start = stop
            i = end
