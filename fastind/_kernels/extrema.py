"""Rolling extrema (MAX, MIN; the channel is one call of each).

Compiled by Cython with extrema.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""


def extreme(x, period, sign, out):
    """Rolling max over `period` bars of sign*x, times sign: MAX with sign=+1, MIN with sign=-1.
    Lookback period-1.

    van Herk / Gil-Werman: bars are cut into blocks of `period` aligned at each run start. The window
    ending at bar i is the tail of the previous block (its suffix maxima) joined to the head of the
    current block (a running prefix maximum): three comparisons per bar whatever the data — O(n),
    where TA-Lib's rescan degrades to O(n*period) on monotone input. One loop walks each block
    forwards (prefix) and backwards (suffix) at once, so the two max chains overlap; the suffix
    maxima are parked in the next block's `out` slots, each read just before it is overwritten."""
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
                size = stop - start
                # suffix maxima of this block are needed at offsets 1..size-1, for next-block bars
                # stop..stop+size-2 that exist
                keep = end - stop + 1
                if keep > size:
                    keep = size
                pre = sign * x[r, start]
                suf = sign * x[r, stop - 1]
                for off in range(size):
                    pre = max(pre, sign * x[r, start + off])
                    q = size - 1 - off
                    suf = max(suf, sign * x[r, start + q])
                    if off == period - 1:
                        out[r, start + off] = sign * pre
                    elif first:
                        out[r, start + off] = NAN
                    else:
                        out[r, start + off] = sign * max(sign * out[r, start + off], pre)
                    if 0 < q < keep:
                        out[r, stop + q - 1] = sign * suf
                first = False
                start = stop
            i = end
