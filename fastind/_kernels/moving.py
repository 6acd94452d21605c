"""Moving averages and rolling moments: SMA, EMA, WMA, VAR/STDDEV, Bollinger bands.

Compiled by Cython with moving.pxd and by Numba via fastind._numba_loader; NAN/sqrt come from there.
Running sums are TA-Lib's (one add on the loop-carried path) but are summed afresh from the window
every RESUM bars, so their rounding error stays that of RESUM additions however long the series.

SMA, EMA, WMA and the moments (VAR, STDDEV, the bands) run their steady state in blocks of BLOCK
bars with no NaN test per bar: a NaN anywhere in a block reaches the running state (a sum or an
average) and stays there, so one test at the block's end tells; such a block is then redone bar by
bar from the state saved before it. The per-bar test costs ~20% at 1e7 bars, where the loop is
bound by memory traffic. EMA and the moments advance their recurrence two bars per step, and
with WMA ask for x ahead of the work (touch_ahead): without that, the moments' blocks were slower
than the per-bar loop at 1e7 bars (VAR 50 vs 32 ms), with it VAR takes 26 ms (1e6: 1.81 -> 1.48).
"""

# locals a resumable twin sets afresh (fastind/_resume.py): the run's end found ahead of the work,
# and the bar up to which a failed block is redone, are positions in the bars of one call
# streams: this family's twins inlined into their Steps (setup.py)
STREAM_INLINE = True
RESUME_RESET = {"window_moments": {"end": "n", "calm": "0"}}

RESUM = 4096  # bars between fresh summations of a window's running sums
SHORT_BLOCK = 16  # the fewest bars a block of window_moments may have
FAR = 1e6  # re-anchor the moments when the window mean is sqrt(FAR) deviations from the anchor
SHRINK = 1e6  # ... or when their sum of squares shrank by this factor (a large value left)
VAR = 0  # what window_moments writes
STDDEV = 1
BANDS = 2
BANDS_MEAN = 3
BLOCK = 256  # bars per optimistic block in steady state


def window_sum(x, r, start, stop):
    """x[r, start] + ... + x[r, stop-1], summed afresh."""
    s = 0.0
    for j in range(start, stop):
        s += x[r, j]
    return s


def sma(x, period, out):
    """SMA[t] = (x[t-period+1] + ... + x[t]) / period. Lookback period-1.

    A running window sum (one add on the loop-carried path, as TA-Lib; in the steady state one add
    per two bars: 1e5 bars 55 -> 42 us), summed afresh from the window every RESUM bars so that
    rounding error cannot build up over long series."""
    resum = max(RESUM, period)
    inv = 1.0 / period
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        s = 0.0
        i = 0
        while i < n:
            if count > period and since + BLOCK < resum and i + BLOCK <= n:
                saved = s
                for j in range(i, i + BLOCK, 2):
                    # two bars per step, one add per two bars on the carried sum
                    # unsigned indices: numba then drops the negative-index wrap-around
                    u = j
                    w = j - period
                    u1 = j + 1
                    w1 = j + 1 - period
                    # a is double: a float32 input's differences are then exact, as in the bar
                    # path (float32 - float32 rounds to float32, and the running sum cancels)
                    a = x[r, u]
                    d = a - x[r, w]
                    out[r, u] = (s + d) * inv
                    a = x[r, u1]
                    s += d + (a - x[r, w1])
                    out[r, u1] = s * inv
                if s - s == 0.0:
                    since += BLOCK
                    i += BLOCK
                    continue
                s = saved
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                s = 0.0
                out[r, i] = NAN
            else:
                count += 1
                if count > period:
                    since += 1
                    if since == resum:
                        since = 0
                        s = window_sum(x, r, i - period + 1, i + 1)
                    else:
                        s += v - x[r, i - period]
                    out[r, i] = s * inv
                else:
                    s += v
                    since = 0
                    if count == period:
                        out[r, i] = s * inv
                    else:
                        out[r, i] = NAN
            i += 1


def ema(x, period, out):
    """EMA[t] = EMA[t-1]*(1-k) + x[t]*k, k = 2/(period+1), seeded by the SMA of the first `period`
    bars (TA-Lib's classic seed). Lookback period-1.

    Written as EMA*(1-k) + x*k rather than EMA + k*(x - EMA): the loop-carried dependency is then one
    multiply and one add, not a subtract, a multiply and an add; in steady state, one multiply and
    one add per two bars (EMA[t+1] = EMA[t-1]*(1-k)^2 + (x[t]*k*(1-k) + x[t+1]*k)): 1e6 bars
    1.50 -> 0.83 ms."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    keep2 = keep * keep
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        s = 0.0
        prev = 0.0
        i = 0
        while i < n:
            if count > period and i + BLOCK <= n:
                touch_ahead(x, r, i + 2 * BLOCK, i + 3 * BLOCK)
                saved = prev
                for j in range(i, i + BLOCK, 2):
                    # two bars per step: the loop-carried path is one multiply and one add per
                    # two bars (EMA[t+1] from EMA[t-1]), EMA[t] is computed off that path
                    # unsigned, both: numba then drops the negative-index wrap-around (u + 1
                    # would be signed there)
                    u = j
                    u1 = j + 1
                    a = x[r, u] * k
                    out[r, u] = prev * keep + a
                    prev = prev * keep2 + (a * keep + x[r, u1] * k)
                    out[r, u1] = prev
                if prev - prev == 0.0:
                    i += BLOCK
                    continue
                prev = saved
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                s = 0.0
                out[r, i] = NAN
            else:
                count += 1
                if count > period:
                    prev = prev * keep + v * k
                    out[r, i] = prev
                elif count == period:
                    s += v
                    prev = s / period
                    out[r, i] = prev
                else:
                    s += v
                    out[r, i] = NAN
            i += 1


def wma(x, period, out):
    """WMA[t] = sum_{j=1..period} j*x[t-period+j] / (period*(period+1)/2). Lookback period-1.

    TA-Lib's two running sums (weighted, plain): adding x*period and subtracting the plain window sum
    shifts every weight down by one, O(1) per bar; both are summed afresh every RESUM bars. The
    steady state advances both by two bars per step (1e5 bars: 105.6 -> 92.6 us)."""
    divider = (period * (period + 1)) // 2
    inv = 1.0 / divider
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        wsum = 0.0
        psum = 0.0
        i = 0
        while i < n:
            if count > period and since + BLOCK < resum and i + BLOCK <= n:
                touch_ahead(x, r, i + 2 * BLOCK, i + 3 * BLOCK)
                saved_w = wsum
                saved_p = psum
                for j in range(i, i + BLOCK, 2):
                    # two bars per step, one add per two bars on each carried sum: with
                    # p1 the plain sum after bar j and psum after bar j+1, the weighted sum moves
                    # by (v1 + v2)*period - (p1 + psum); the two outputs are computed off that path
                    ju = j  # unsigned indices: numba then drops the negative-index wrap-around
                    jp = j - period
                    ju1 = j + 1
                    jp1 = j + 1 - period
                    v = x[r, ju]
                    w = x[r, ju1]
                    d1 = v - x[r, jp]
                    p1 = psum + d1
                    psum += d1 + (w - x[r, jp1])
                    a = v * period
                    b = a + w * period
                    out[r, ju] = (wsum + a) * inv
                    out[r, ju1] = (wsum + (b - p1)) * inv
                    wsum += b - (p1 + psum)
                if wsum - wsum == 0.0:
                    since += BLOCK
                    i += BLOCK
                    continue
                wsum = saved_w
                psum = saved_p
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                wsum = 0.0
                psum = 0.0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count > period:
                since += 1
                if since == resum:
                    since = 0
                    wsum = 0.0
                    psum = 0.0
                    w = 1.0
                    for j in range(i - period + 1, i + 1):
                        a = x[r, j]
                        wsum += a * w
                        psum += a
                        w += 1.0
                else:
                    wsum += v * period
                    psum += v - x[r, i - period]
                out[r, i] = wsum * inv
            else:
                since = 0
                wsum += v * count
                psum += v
                if count < period:
                    out[r, i] = NAN
                    i += 1
                    continue
                out[r, i] = wsum * inv
            # shift every weight down by one for the next bar
            wsum -= psum
            i += 1


def moments(x, period, nbdev, as_std, out):
    """Population variance over `period` bars, VAR = E[x^2] - E[x]^2 (ddof=0), clamped at 0; with
    as_std, STDDEV = sqrt(VAR) * nbdev. Lookback period-1."""
    # a constant mode per call site: numba then compiles the loop without the other modes'
    # branches (with a variable mode it stayed 14x slower than Cython)
    if as_std:
        window_moments(x, period, nbdev, 0.0, STDDEV, out, out, out)
    else:
        window_moments(x, period, nbdev, 0.0, VAR, out, out, out)


def bollinger(x, middle, period, nbdevup, nbdevdn, upper, lower):
    """Bollinger bands around a given middle line: middle +/- nbdev * STDDEV(x, period), in the same
    pass as the standard deviation. Lookback period-1 (NaN wherever the stddev is)."""
    window_moments(x, period, nbdevup, nbdevdn, BANDS, middle, upper, lower)


def bollinger_mean(x, period, nbdevup, nbdevdn, upper, middle, lower):
    """Bollinger bands around the window mean (TA-Lib's BBANDS with an SMA middle), all three in
    one pass: middle = mean of the last `period` bars (the SMA, from the anchored sums below, so
    equal to sma() within rounding), middle +/- nbdev * STDDEV. Lookback period-1."""
    window_moments(x, period, nbdevup, nbdevdn, BANDS_MEAN, middle, upper, lower)


def bollinger_mean_stacked(x, period, nbdevup, nbdevdn, lines):
    """bollinger_mean into one block of 3*rows rows: upper, then middle, then lower. The fresh
    results of a short series are rows of one allocation (see fastind._inputs.fresh_plain_py):
    one output buffer to acquire per call instead of three, ~0.12 us each of a ~2 us call."""
    rows = x.shape[0]
    bollinger_mean(x, period, nbdevup, nbdevdn, lines[:rows], lines[rows:2 * rows], lines[2 * rows:])


def window_moments(x, period, up, dn, mode, middle, out, lower):
    """The rolling second moment of x, written as VAR, as STDDEV * up, or (BANDS) as the two
    Bollinger bands middle + STDDEV * up into `out` and middle - STDDEV * dn into `lower`;
    BANDS_MEAN writes the window mean into `middle` first and uses it as the middle.

    Sums are taken relative to an anchor that is reset to the current window, and summed afresh,
    every RESUM bars: cancellation in E[x^2] - E[x]^2 stays bounded however far a random walk
    drifts, and so does the rounding error of the running sums. The sums are also taken afresh
    where they lose the window's variance otherwise, as TA-Lib 0.6 does: where the window lies
    far from its anchor (far_anchor: a level shift, 4993 down to a flat 145.4 gave STDDEV 1.2e-4
    instead of 0), or where a value leaving the window was SHRINK times what remains (it leaves
    its rounding behind: a flat window after larger values gave up to 2.3e-4 instead of 0). The
    bar-by-bar path checks both at each bar. A block checks one test that covers both at each bar
    (far_anchor with the mean square of the bar before: a large value that just left makes it
    FAR times the variance) and is redone bar by bar, all of it, where one held. Each step tests
    its two bars in one branch before it stores either (it needs no clamp: VAR < 0 makes the
    test hold); the test costs one max a bar: +5% VAR, +7% STDDEV at 1e5 bars for the far test,
    +6% and +4% more for the bar before. Tested and stored bar by bar, with the clamp's branch
    as the test, numba's VAR/STDDEV/BBANDS were 9-10% slower at 1e5 (Cython the same). Tried:
    ORed flags at every bar (+20%; both tests +35%), a floor carried by max (+22%), |change of
    the sum of squares| added to the far test (+12%)."""
    resum = max(RESUM, period)
    inv = 1.0 / period
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        ref = 0.0
        s1 = 0.0
        s2 = 0.0
        i = 0
        calm = 0  # a block that failed is redone bar by bar, all of it, before the next one
        end = n  # where the run ends, once a failed block has found its NaN
        while i < n:
            # a block of BLOCK bars, or the even number of bars left in the run, if at least
            # SHORT_BLOCK (n = 100: 80 of them; bbands' call 2.15 -> 1.95 us). The run's end is
            # known where a block failed on its NaN, so that where blocks lie depends on the
            # run alone, as every result must (a run is its own series, bit for bit).
            size = BLOCK
            if i + BLOCK > end:
                size = (end - i) & -2
            # (period 1, VAR 0, goes bar by bar: GCC then drops put_moments' test of it here)
            if count > period > 1 and since + size <= resum and size >= SHORT_BLOCK and i >= calm:
                # steady state, no NaN test per bar (a NaN reaches the sums and stays, and the
                # block is redone), two bars per step on the sums' loop-carried adds
                touch_ahead(x, r, i + 2 * BLOCK, i + 3 * BLOCK)
                saved1 = s1
                saved2 = s2
                ref2 = ref + ref
                far_seen = False
                q0 = s2 * inv  # the mean square about the anchor of the bar before
                for j in range(i, i + size, 2):
                    # (x-ref)^2 - (y-ref)^2 = (x-y) * (x+y-2ref): ref cancels from the first
                    # difference, and one multiply instead of two
                    ju = j  # unsigned indices: numba then drops the negative-index wrap-around
                    jp = j - period
                    ju1 = j + 1
                    jp1 = j + 1 - period
                    # both bars' values first, before any store (GCC must assume x and out
                    # may overlap, and keeps loads after the stores written before them)
                    a = x[r, ju]
                    b = x[r, jp]
                    a1 = x[r, ju1]
                    b1 = x[r, jp1]
                    d1 = a - b
                    e1 = a1 - b1
                    d2 = d1 * ((a + b) - ref2)
                    e2 = e1 * ((a1 + b1) - ref2)
                    t1 = s1 + d1  # bar j's sums
                    t2 = s2 + d2
                    q1 = t2 * inv
                    s1 += d1 + e1  # bar j+1's
                    s2 += d2 + e2
                    # both bars tested in one branch, then both stored (numba 1e5 VAR/STDDEV
                    # -9 %). Where neither test holds neither VAR is below 0 (far_anchor), so
                    # no clamp here
                    if far_anchor(t1, t2, inv, q0) or far_anchor(s1, s2, inv, q1):
                        far_seen = True
                        break  # the block is redone bar by bar: the rest of it need not be
                    store_moments(mode, window_var(t1, t2, inv), t1 * inv, ref, up, dn, middle,
                                  out, lower, r, ju)
                    store_moments(mode, window_var(s1, s2, inv), s1 * inv, ref, up, dn, middle,
                                  out, lower, r, ju1)
                    q0 = s2 * inv
                # redone bar by bar (which re-anchors where needed) if not finite, or if the
                # sums lost digits: a window of the block was far from the anchor, or a large
                # value left one
                if (s1 + s2) - (s1 + s2) == 0.0 and not far_seen:
                    since += size
                    i += size
                    continue
                s1 = saved1
                s2 = saved2
                if end == n:
                    # where the block holds a NaN, the run ends there: the bars before it are
                    # tried again as a block of their own, as a series that ends there would
                    end = valid_until(x, r, i, i + size)
                    if end < i + size:
                        continue
                    end = n
                calm = i + size
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                calm = 0  # what a run computes never depends on the runs before it
                end = n
                put_moments_nan(mode, middle, out, lower, r, i)
                i += 1
                continue
            count += 1
            if count == 1:
                ref = v
                s1 = 0.0
                s2 = 0.0
                since = 0
            since += 1
            a = v - ref
            gone = 0.0
            if count <= period:
                s1 += a
                s2 += a * a
                if count < period:
                    put_moments_nan(mode, middle, out, lower, r, i)
                    i += 1
                    continue
            elif since <= resum:
                b = x[r, i - period] - ref
                gone = b * b
                s1 += a - b
                s2 += a * a - gone
            if since > resum or far_anchor(s1, s2, inv, 0.0) or gone > SHRINK * s2:
                # re-anchor on the current window and sum it afresh
                ref = v
                s1 = 0.0
                s2 = 0.0
                since = 0
                for j in range(i - period + 1, i + 1):
                    a = x[r, j] - ref
                    s1 += a
                    s2 += a * a
            put_moments(mode, s1, s2, inv, ref, up, dn, period, middle, out, lower, r, i)
            i += 1


def far_anchor(s1, s2, inv, before):
    """Whether the running sums s1, s2 of x - ref may have lost the window's variance: where the
    window's mean square about the anchor, s2/period = (mean - ref)^2 + VAR, or `before` (that of
    the bar before, in the blocks), exceeds FAR * VAR. The sums' rounding error grows with the
    (x - ref)^2 that went through them, so bounded it stays ~1e-16 * FAR of the variance (a flat
    window: exactly 0): the window lies far from its anchor, or a large value just left. Right
    after a re-anchor on the window's last value the first cannot hold (one value lies at most
    sqrt(period - 1) standard deviations from the mean), and a random walk or returns around 0
    rarely drift that far within RESUM bars."""
    m1 = s1 * inv
    q = s2 * inv
    return max(q, before) > FAR * (q - m1 * m1)


def window_var(s1, s2, inv):
    """VAR = s2/period - (s1/period)^2 from the window's sums of x - ref and of (x - ref)^2."""
    m1 = s1 * inv
    return s2 * inv - m1 * m1


def put_moments(mode, s1, s2, inv, ref, up, dn, period, middle, out, lower, r, i):
    """Writes bar i of what window_moments computes in `mode`, from the window's sums of x - ref
    (s1) and of (x - ref)^2 (s2), VAR clamped at 0 (below it only where far_anchor holds, and
    the bar-by-bar path re-anchors there before it writes)."""
    var = window_var(s1, s2, inv)
    if var < 0.0 or period == 1:
        var = 0.0
    store_moments(mode, var, s1 * inv, ref, up, dn, middle, out, lower, r, i)


def store_moments(mode, var, m1, ref, up, dn, middle, out, lower, r, i):
    """Writes bar i of `mode` from the window's VAR and its mean about the anchor, m1."""
    u = i  # unsigned: numba then drops the negative-index wrap-around from the stores
    if mode == VAR:
        out[r, u] = var
    elif mode == STDDEV:
        out[r, u] = sqrt(var) * up
    else:
        sd = sqrt(var)
        if mode == BANDS_MEAN:
            m = ref + m1
            middle[r, u] = m
        else:
            m = middle[r, u]
        out[r, u] = m + sd * up
        lower[r, u] = m - sd * dn


def put_moments_nan(mode, middle, out, lower, r, i):
    """NaN at bar i in every line window_moments writes in `mode`."""
    out[r, i] = NAN
    if mode >= BANDS:
        lower[r, i] = NAN
        if mode == BANDS_MEAN:
            middle[r, i] = NAN


# ---- generated by tools/sync_shared.py from _shared.py: never edit below this line ----
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
