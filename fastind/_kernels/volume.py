"""Volume family: OBV.

Compiled by Cython with volume.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""


def obv(close, volume, out):
    """OBV starts at the first bar's volume, then adds volume on an up close, subtracts it on a down
    close, keeps it on an unchanged close. Lookback 0."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        total = 0.0
        for i in range(n):
            c = close[r, i]
            vol = volume[r, i]
            if c != c or vol != vol:
                count = 0
                out[r, i] = NAN
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
            out[r, i] = total
