"""Volatility family: TRANGE, ATR.

Compiled by Cython with volatility.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""

BLOCK = 256  # bars per optimistic block in steady state (a multiple of 4)


def true_range(h, lo, prev):
    """max(h - lo, |prev - h|, |prev - lo|); prev is the last close. Branch-free (abs, max): the
    three terms win in random order, so a compare-and-branch would be mispredicted half the time."""
    return max(max(h - lo, abs(prev - h)), abs(prev - lo))


def block_range(h, lo, prev):
    """max(h, prev) - min(lo, prev): the true range where h >= lo, bit for bit (it subtracts the
    same two of h, lo, prev as true_range's largest term, and rounding keeps their order), in three
    operations instead of seven (1e4 bars, ATR: 1.21 -> 1.04 ns/bar). Where h < lo it is not (h = 1,
    lo = 2, prev = 1.5: 0 against 0.5), so the blocks that use it test h >= lo."""
    return max(h, prev) - min(lo, prev)


def trange(high, low, close, out):
    """TR[t] = max(high[t] - low[t], |close[t-1] - high[t]|, |close[t-1] - low[t]|). Lookback 1."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        i = 0
        while i < n:
            # blocks start at a multiple of 4 bars: GCC vectorizes this loop, and with the
            # array 16-byte aligned its loads and stores then never straddle a cache line
            # (1e5 MOM 25.5 -> 21.5 us). Each bar is computed alone, so where a block
            # starts cannot change a result.
            if count > 0 and i % 4 == 0 and i + BLOCK <= n:
                if LOOP_VECTORIZER:  # numba: one bar a step and a flag (see momentum.lagged)
                    bad = False
                    for j in range(i, i + BLOCK):
                        z0 = put_trange(high, low, close, r, j, out)
                        bad |= z0 - z0 != 0.0
                    z0 = 1.0 if bad else 0.0
                else:
                    z0 = 0.0
                    z1 = 0.0
                    z2 = 0.0
                    z3 = 0.0
                    for j in range(i, i + BLOCK, 4):
                        z0 += put_trange(high, low, close, r, j, out)
                        z1 += put_trange(high, low, close, r, j + 1, out)
                        z2 += put_trange(high, low, close, r, j + 2, out)
                        z3 += put_trange(high, low, close, r, j + 3, out)
                    z0 = (z0 + z1) + (z2 + z3)
                    z0 = z0 - z0
                prev = close[r, i + BLOCK - 1]
                if z0 == 0.0 and prev - prev == 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                prev = close[r, i - 1]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
            else:
                count += 1
                if count > 1:
                    out[r, i] = true_range(h, lo, prev)
                else:
                    out[r, i] = NAN
                prev = c
            i += 1


def put_trange(high, low, close, r, i, out):
    """out[r, i] = TR at bar i; returns bar_check at i."""
    check = bar_check(high, low, close, r, i)  # before the store: x and out may alias for GCC
    u = i  # unsigned: numba then drops the negative-index wrap-around
    out[r, u] = bar_trange(high, low, close, r, i)
    return check


def bar_trange(high, low, close, r, i):
    """TR at bar i, from high[i], low[i] and close[i-1]."""
    u = i  # unsigned: numba then drops the negative-index wrap-around (as in bar_check)
    w = i - 1
    return true_range(high[r, u], low[r, u], close[r, w])


def bar_check(high, low, close, r, i):
    """(high[i] - low[i]) + (close[i-1] - high[i]), two of the true range's differences (shared
    with it once inlined): finite, or NaN/infinite when high[i], low[i] or close[i-1] is not
    finite (close[i]'s turn comes at bar i+1, or at the end of a block). A block's sum of them
    is finite (s - s == 0) exactly when the block needs no bar-by-bar redo."""
    u = i
    w = i - 1
    h = high[r, u]
    return (h - low[r, u]) + (close[r, w] - h)


def atr(high, low, close, period, out):
    """ATR: Wilder smoothing of the true range, seeded by the mean of the first `period` true ranges,
    then ATR = ATR*(1 - 1/period) + TR/period (TA-Lib 0.6's form of (ATR*(period-1) + TR)/period).
    period 1 gives TRANGE. Lookback period.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar (see trange)."""
    k = 1.0 / period
    keep = 1.0 - k
    keep2 = keep * keep
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        s = 0.0
        i = 0
        while i < n:
            if count > period and i + BLOCK <= n:
                # two bars per step: ATR[t+1] = ATR[t-1]*keep^2 + (TR[t]*k*keep + TR[t+1]*k), one
                # multiply and one add per two bars on the loop-carried path; ATR[t] off that path
                saved = s
                # zeros of the input's type (numba types a local by its first value: 0.0 would
                # widen every float32 value summed into it); NaN where close[i] is not finite,
                # which redoes the block, as that close does anyway
                z0 = close[r, i] - close[r, i]
                z1 = z0  # the least h - lo
                # the block's values keep the input's type (hb, lb, cb, pb: see block_range)
                pb = close[r, i - 1]
                for j in range(i, i + BLOCK, 2):
                    # the previous close is carried, not reloaded: a load of close[j-1] right after
                    # the store to out[j-1] stalls when the two arrays sit at the same offset
                    # modulo 4 KiB (1e5, alternating builds: 141 -> 128 us in such placements).
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    hb = high[r, u]
                    lb = low[r, u]
                    cb = close[r, u]
                    hb1 = high[r, u1]
                    lb1 = low[r, u1]
                    a = block_range(hb, lb, pb) * k
                    b = block_range(hb1, lb1, cb) * k
                    z1 = min(z1, min(hb - lb, hb1 - lb1))  # below 0: a high under its low
                    pb = close[r, u1]
                    z0 += cb + pb
                    out[r, u] = s * keep + a
                    s = s * keep2 + (a * keep + b)
                    out[r, u1] = s
                prev = pb
                # A non-finite high or low makes its range non-finite (max and min keep their
                # first argument when a comparison fails), and then s; a NaN close is dropped by
                # them, so the closes are summed (z0). Both stay non-finite once so. A high below
                # its low (z1 < 0), where block_range is not the true range, redoes the block too.
                if z0 - z0 == 0.0 and s - s == 0.0 and z1 >= 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                s = saved
                prev = close[r, i - 1]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count == 1:
                prev = c
                s = 0.0
                out[r, i] = NAN
                i += 1
                continue
            tr = true_range(h, lo, prev)
            prev = c
            m = count - 1
            if period == 1:
                out[r, i] = tr
            elif m < period:
                s += tr
                out[r, i] = NAN
            elif m == period:
                s = (s + tr) / period
                out[r, i] = s
            else:
                # TA-Lib 0.6's form: the per-bar division becomes two multiplications, which
                # shortens the loop-carried dependency (mul + add instead of mul + add + div)
                s = s * keep + tr * k
                out[r, i] = s
            i += 1
