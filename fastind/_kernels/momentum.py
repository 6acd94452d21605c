"""Momentum family: MOM, ROC, the momentum signal, RSI, MACD.

Compiled by Cython with momentum.pxd and by Numba via fastind._numba_loader; NAN comes from there.

MOM and ROC compute their steady state in blocks of BLOCK bars, in a loop with no per-bar NaN test
or branch, which GCC vectorizes (2x faster at 1e5 bars): each bar adds its value to one of four
partial sums (four keep the add chains short), and a block whose sum is not finite (an input was
NaN or infinite) is redone bar by bar, which restarts the run as the NaN policy says. Under numba
(LOOP_VECTORIZER) the block loop takes one bar a step and ORs a not-finite flag instead, the form
LLVM's loop vectorizer takes; the partial sums need its SLP vectorizer, which numba leaves off
(numba ROC at 1e7: ~40 -> 18 ms).
"""

# streams: this family's twins inlined into their Steps (setup.py)
STREAM_INLINE = True
BLOCK = 256  # bars per optimistic block in steady state (a multiple of 4)


def mom(x, period, out):
    """MOM[t] = x[t] - x[t-period]. Lookback period."""
    lagged(x, period, False, out)


def roc(x, period, out):
    """ROC[t] = (x[t]/x[t-period] - 1) * 100, and 0 where x[t-period] == 0 (as TA-Lib). Lookback
    period. The division is done whatever the divisor and the 0 selected after, so that the block
    loop has no branch and GCC vectorizes it (two divisions per instruction)."""
    lagged(x, period, True, out)


def lagged(x, period, ratio, out):
    """MOM (ratio False) or ROC (ratio True): a function of x[t] and x[t-period] per bar. Called
    with a constant `ratio`, so that each kernel compiles to its own branch-free block loop (numba
    too: with a variable flag it kept the branch in the loop)."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        i = 0
        while i < n:
            # blocks start at a multiple of 4 bars: GCC vectorizes this loop, and with the
            # array 16-byte aligned its loads and stores then never straddle a cache line
            # (1e5 MOM 25.5 -> 21.5 us). Each bar is computed alone, so where a block
            # starts cannot change a result.
            if count > period and i % 4 == 0 and i + BLOCK <= n:
                if LOOP_VECTORIZER:
                    # numba: LLVM's loop vectorizer takes one bar a step and a flag; the four sums
                    # below need its SLP vectorizer, which numba leaves off
                    bad = False
                    for j in range(i, i + BLOCK):
                        q = put_lagged(x, r, j, period, ratio, out)
                        bad |= q - q != 0.0
                    z0 = 1.0 if bad else 0.0
                else:
                    z0 = 0.0
                    z1 = 0.0
                    z2 = 0.0
                    z3 = 0.0
                    for j in range(i, i + BLOCK, 4):
                        z0 += put_lagged(x, r, j, period, ratio, out)
                        z1 += put_lagged(x, r, j + 1, period, ratio, out)
                        z2 += put_lagged(x, r, j + 2, period, ratio, out)
                        z3 += put_lagged(x, r, j + 3, period, ratio, out)
                    z0 = (z0 + z1) + (z2 + z3)
                    z0 = z0 - z0
                if z0 == 0.0:
                    i += BLOCK
                    continue
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
            else:
                count += 1
                if count > period:
                    put_lagged(x, r, i, period, ratio, out)
                else:
                    out[r, i] = NAN
            i += 1


def put_lagged(x, r, i, period, ratio, out):
    """out[r, i] = MOM or ROC at bar i; returns the value computed (a block's sum of them is finite
    exactly when no input was NaN or infinite and no ROC divisor was 0, barring an overflow, which
    only costs a redo)."""
    # unsigned indices: numba then drops the negative-index wrap-around from every access
    u = i
    w = i - period
    if ratio:
        p = x[r, w]  # double: the ratio is computed in double whatever the input's type
        # d is of the input's type: float32's select and sum then have float32 width, which GCC
        # vectorizes (it left the mixed double select scalar: 1e5 float32 ROC 119 -> 62 us)
        d = ((x[r, u] / p) - 1.0) * 100.0
        out[r, u] = d if p != 0.0 else 0.0
        return d
    # in the input's type: for float32, the exact difference rounded to double and then to
    # float32 is the exact difference rounded to float32 (53 >= 2*24 + 2 bits), so this is the
    # double computation's result, without its conversions (1e5 float32 MOM: 41 -> 14 us)
    d = x[r, u] - x[r, w]
    out[r, u] = d
    return d


def momentum_signal(x, period, out):
    """SIGNAL[t] = 1 if x[t] > x[t-period] (rising), 0 if not, -1 where undefined (lookback or NaN).
    Lookback period; int8 output.

    The steady state runs in blocks as lagged's, the comparison stored without a branch (random
    data mispredicts one half the time): a block whose sum of differences is not finite is redone
    bar by bar."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        i = 0
        while i < n:
            # blocks start at a multiple of 4 bars, as in lagged (each bar is computed alone)
            if count > period and i % 4 == 0 and i + BLOCK <= n:
                # zeros of the input's type, as ATR's checks (numba would widen to 0.0's double)
                z0 = x[r, i] - x[r, i]
                z1 = z0
                z2 = z0
                z3 = z0
                for j in range(i, i + BLOCK, 4):
                    z0 += put_signal(x, r, j, period, out)
                    z1 += put_signal(x, r, j + 1, period, out)
                    z2 += put_signal(x, r, j + 2, period, out)
                    z3 += put_signal(x, r, j + 3, period, out)
                z0 = (z0 + z1) + (z2 + z3)
                if z0 - z0 == 0.0:
                    i += BLOCK
                    continue
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = -1
            else:
                count += 1
                if count > period:
                    put_signal(x, r, i, period, out)
                else:
                    out[r, i] = -1
            i += 1


def put_signal(x, r, i, period, out):
    """out[r, i] = 1 if x[t] > x[t-period] else 0; returns their difference (see lagged)."""
    u = i  # unsigned indices: numba then drops the negative-index wrap-around
    w = i - period
    a = x[r, u]
    b = x[r, w]
    out[r, u] = a > b
    return a - b


def rsi(x, period, out):
    """RSI = 100 * G / (G + L), G and L Wilder-smoothed gains and losses: seeded by the mean of the
    first `period` changes, then G = G*(period-1)/period + gain/period; 0 where
    G + L is 0 (flat prices), as TA-Lib 0.8.2. Lookback period.

    Carried as period*G and period*(G + L) (the ratio is the same): the seed is the plain sum of
    the first changes and each step is S = S*(period-1)/period + gain, with no scaling multiply;
    G + L is smoothed itself from |change| (= gain + loss), which saves the loss's own
    subtraction and the sum G + L at every bar (1e5 1.67 -> 1.46 ns/bar). Rounded monotonically
    from larger terms, it never falls below G, so RSI stays within [0, 100]. The steady state
    takes two bars per step, as moving.ema (S[t+1] from S[t-1]), with one division per two bars
    (see put_rsi2). The loop is bound by its instruction count, not by a latency."""
    inv = 1.0 / period
    keep = (period - 1.0) * inv
    keep2 = keep * keep
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        gain = 0.0
        total = 0.0
        i = 0
        while i < n:
            if count > period + 1 and i + BLOCK <= n:
                # steady state, no NaN test per bar: a NaN reaches the total and stays there, and
                # the block is redone bar by bar; x is touched two blocks ahead (see touch_ahead)
                touch_ahead(x, r, i + 2 * BLOCK, i + 3 * BLOCK)
                saved_p = prev
                saved_g = gain
                saved_t = total
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    v = x[r, u]
                    w = x[r, u1]
                    d = v - prev
                    e = w - v
                    prev = w
                    up = max(d, 0.0)
                    ue = max(e, 0.0)
                    b = abs(d)
                    g1 = gain * keep + up
                    t1 = total * keep + b
                    gain = gain * keep2 + (up * keep + ue)
                    total = total * keep2 + (b * keep + abs(e))
                    put_rsi2(g1, t1, gain, total, r, u, out)
                if total - total == 0.0:
                    i += BLOCK
                    continue
                prev = saved_p
                gain = saved_g
                total = saved_t
            v = x[r, i]
            i += 1
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i - 1] = NAN
                continue
            count += 1
            if count == 1:
                prev = v
                gain = 0.0
                total = 0.0
                out[r, i - 1] = NAN
                continue
            d = v - prev
            prev = v
            up = max(d, 0.0)
            if count > period + 1:
                # S*(p-1)/p + gain: one multiply and one add on the loop-carried path
                gain = gain * keep + up
                total = total * keep + abs(d)
            else:
                gain += up
                total += abs(d)
                if count <= period:
                    out[r, i - 1] = NAN
                    continue
            put_rsi(gain, total, r, i - 1, out)


def put_rsi(g, s, r, i, out):
    """RSI at bar i from its smoothed gain g and gain + loss sum s: 100 * g/s, 0 where s is 0."""
    if s == 0.0:
        out[r, i] = 0.0
    else:
        out[r, i] = 100.0 * (g / s)


def put_rsi2(g1, s1, g2, s2, r, i, out):
    """RSI at bars i and i+1 with one division: q = 100/(s1*s2), 100/s1 = s2*q, 100/s2 = s1*q
    (a few ulp from 100*g/s; the division bounded the steady state). Where s1*s2 is 0, NaN or out
    of [1e-290, 1e290] — flat prices, a NaN, extreme magnitudes — each bar by put_rsi."""
    u = i  # unsigned, both: numba then drops the negative-index wrap-around
    u1 = i + 1
    p = s1 * s2
    if p > 1e-290 and p < 1e290:
        q = 100.0 / p
        out[r, u] = g1 * (s2 * q)
        out[r, u1] = g2 * (s1 * q)
    else:
        put_rsi(g1, s1, r, i, out)
        put_rsi(g2, s2, r, i + 1, out)


def macd(x, fast, slow, signal, out_macd, out_signal, out_hist):
    """MACD = EMA_fast - EMA_slow, SIGNAL = EMA_signal(MACD), HIST = MACD - SIGNAL (requires fast <= slow).

    As TA-Lib: both EMAs start on the same bar, slow-1 — the fast one seeded by the SMA of the `fast`
    bars ending there, not of the first `fast` bars — and the signal is seeded by the SMA of its
    first `signal` MACD values. Lookback (slow-1) + (signal-1).

    Steady state in blocks of BLOCK bars, two bars per step on each EMA (see moving.ema): 1e6 bars
    2.93 -> 2.66 ms with fresh outputs, 1.61 -> 1.44 ms into warm ones."""
    kf = 2.0 / (fast + 1)
    ks = 2.0 / (slow + 1)
    kg = 2.0 / (signal + 1)
    # EMA*(1-k) + x*k: one multiply and one add on the loop-carried path (see moving.ema)
    jf = 1.0 - kf
    js = 1.0 - ks
    jg = 1.0 - kg
    jf2 = jf * jf
    js2 = js * js
    jg2 = jg * jg
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        fsum = 0.0
        ssum = 0.0
        gsum = 0.0
        fema = 0.0
        sema = 0.0
        sig = 0.0
        i = 0
        while i < n:
            if count >= slow + signal and i + BLOCK <= n:
                # steady state, two bars per step and no NaN test per bar (see moving.ema and
                # mom): a NaN reaches the signal line and stays, and the block is redone
                saved_f = fema
                saved_s = sema
                saved_g = sig
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    v = x[r, u]
                    w = x[r, u1]
                    a = v * kf
                    b = v * ks
                    m = (fema * jf + a) - (sema * js + b)
                    fema = fema * jf2 + (a * jf + w * kf)
                    sema = sema * js2 + (b * js + w * ks)
                    g = m * kg
                    put_macd(m, sig * jg + g, r, u, out_macd, out_signal, out_hist)
                    sig = sig * jg2 + (g * jg + (fema - sema) * kg)
                    put_macd(fema - sema, sig, r, u1, out_macd, out_signal, out_hist)
                if sig - sig == 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                fema = saved_f
                sema = saved_s
                sig = saved_g
            v = x[r, i]
            i += 1
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                fsum = 0.0
                ssum = 0.0
                gsum = 0.0
                put_macd(NAN, NAN, r, i - 1, out_macd, out_signal, out_hist)
                continue
            count += 1
            if count <= slow:
                ssum += v
                if count > slow - fast:
                    fsum += v
                if count < slow:
                    put_macd(NAN, NAN, r, i - 1, out_macd, out_signal, out_hist)
                    continue
                fema = fsum / fast
                sema = ssum / slow
            else:
                fema = fema * jf + v * kf
                sema = sema * js + v * ks
            m = fema - sema
            lead = count - slow
            if lead < signal - 1:
                gsum += m
                put_macd(NAN, NAN, r, i - 1, out_macd, out_signal, out_hist)
                continue
            if lead == signal - 1:
                gsum += m
                sig = gsum / signal
            else:
                sig = sig * jg + m * kg
            put_macd(m, sig, r, i - 1, out_macd, out_signal, out_hist)


def macd_stacked(x, fast, slow, signal, lines):
    """macd into one block of 3*rows rows: MACD, then SIGNAL, then HIST (see
    moving.bollinger_mean_stacked)."""
    rows = x.shape[0]
    macd(x, fast, slow, signal, lines[:rows], lines[rows:2 * rows], lines[2 * rows:])


def put_macd(m, sig, r, i, out_macd, out_signal, out_hist):
    """Writes MACD, SIGNAL and HIST = MACD - SIGNAL at bar i."""
    u = i  # unsigned: numba then drops the negative-index wrap-around
    out_macd[r, u] = m
    out_signal[r, u] = sig
    out_hist[r, u] = m - sig


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
