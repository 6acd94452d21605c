"""Volume family: OBV.

Compiled by Cython with volume.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""

BLOCK = 256  # bars per optimistic block in steady state


def obv(close, volume, out):
    """OBV starts at the first bar's volume, then adds volume on an up close, subtracts it on a down
    close, keeps it on an unchanged close. Lookback 0.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar (Cython 1e5 bars
    151 -> 104 us, 1e6 1.56 -> 1.11 ms; numba's build of it is ~7 % slower at 1e5 and ~20 % at 1e7
    than its bar-by-bar loop was, still faster than TA-Lib)."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        total = 0.0
        i = 0
        while i < n:
            if count > 0 and i + BLOCK <= n:
                # steady state without a NaN test per bar, the same additions in the same order
                # (c - c is +0 for a finite close, and x + 0 == x). A NaN or infinite close or
                # volume makes the total NaN or infinite, and the block is redone bar by bar.
                saved_t = total
                saved_p = prev
                for j in range(i, i + BLOCK):
                    c = close[r, j]
                    sgn = (c > prev) - (c < prev)
                    total += sgn * volume[r, j] + (c - c)
                    prev = c
                    out[r, j] = total
                if total - total == 0.0:
                    i += BLOCK
                    continue
                total = saved_t
                prev = saved_p
            c = close[r, i]
            vol = volume[r, i]
            i += 1
            if (c - c) + (vol - vol) != 0.0:  # either NaN or infinite: a gap
                count = 0
                out[r, i - 1] = NAN
                continue
            count += 1
            if count == 1:
                total = vol
            else:
                # no branch on the close's direction (a coin flip on real data): add vol times
                # its sign, exact for any finite volume
                sgn = (c > prev) - (c < prev)
                total += sgn * vol
            prev = c
            out[r, i - 1] = total
