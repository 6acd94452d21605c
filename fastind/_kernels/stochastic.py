"""Stochastic family: the window-range oscillators (STOCH's fast %K, WILLR, VHF, SMI),
AROON/AROONOSC, CCI, ULTOSC, VORTEX, FRACTAL and KDJ's J.

Compiled by Cython with stochastic.pxd and by Numba via fastind._numba_loader; NAN comes from there.

Window extremes are O(n) whatever the period: %K, %R and AROON find them in van Herk / Gil-Werman
blocks inside the kernel (a small scratch from fastind/_compose/momentum.py); VHF and SMI read
them from extrema.rolling_max/rolling_min (the composition passes them in `hi`, `lo`, NaN over
their lookback and after their own gaps). A kernel reading given extremes counts the run of
finite bars of its other input: a value is written once that run covers the window and the
extremes are finite, so each run of valid bars of every input is its own series.
"""

# kernels that write bars ahead of the one they read (van Herk / Gil-Werman blocks): no
# resumable twin; a stream runs them again over their window (fastind/_streaming.py)
WINDOW_REPLAY = ('position', 'fast_k', 'willr', 'aroon_engine', 'aroon', 'aroonosc')
# kernels a stream runs another kernel of the family for: (its name, its arguments from the
# replaced kernel's, the window of the two monotonic deques in its `ring` scratch)
STREAM_SUBSTITUTES = {
    "fast_k": ("position_deque", "high, low, close, period, 0, out, ring", "period"),
    "willr": ("position_deque", "high, low, close, period, 1, out, ring", "period"),
    "aroon": ("aroon_deque", "high, low, period, 0, down, up, ring", "period + 1"),
    "aroonosc": ("aroon_deque", "high, low, period, 1, out, out, ring", "period + 1"),
}


def position(high, low, close, period, mode, out, sv):
    """Where the close sits in the range of the last `period` bars (highest high HH, lowest low
    LL): mode 0 STOCH's fast %K, 100*(close - LL)/(HH - LL); mode 1 WILLR, -100*(HH - close)/(HH
    - LL); 0 for a flat window (HH == LL), as TA-Lib (which divides by (HH - LL)/100: one
    division a bar here instead of its two, a few ulps apart); WILLR is kept in [-100, 0], %K is
    not (TA-Lib 0.8.2). Lookback period-1.

    The window's extremes by van Herk / Gil-Werman blocks of `period` bars from each run's start:
    a window ending in block B is the tail of block A before it (its suffix extremes, parked in
    sv: rows 0-1 and 2-3 in turn, highs then lows, `period` slots) joined to B's head (a running
    prefix). Each block is read backwards (suffixes, and where the run ends) and then forwards,
    from memory once, with no data-dependent branch: O(n) whatever the period, in one kernel (no
    arrays of extremes)."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        i = 0
        while i < n:
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                out[r, i] = NAN
                i += 1
                continue
            start = i  # a run of valid bars starts here; its end is found block by block
            bs = start
            prev = 0  # sv's rows of the previous block's suffix extremes (0-1 or 2-3)
            while True:
                # backwards over the block: its suffix extremes (rows cur, cur+1 of sv, for the
                # next block) and the first gap in it, so that the block is read from memory
                # once (the forward pass finds it in cache)
                cur = 2 - prev
                end = min(bs + period, n)
                stop = end
                hm = high[r, end - 1]
                lm = low[r, end - 1]
                q = end - 1 - bs
                while q >= 0:
                    t = bs + q
                    h = high[r, t]
                    lw = low[r, t]
                    c = close[r, t]
                    if (h - h) + (lw - lw) + (c - c) != 0.0:  # a gap: the run ends before it
                        stop = t
                    hm = max(hm, h)
                    lm = min(lm, lw)
                    sv[cur, q] = hm
                    sv[cur + 1, q] = lm
                    q -= 1
                hm = high[r, bs]
                lm = low[r, bs]
                for t in range(bs, stop):
                    hm = max(hm, high[r, t])
                    lm = min(lm, low[r, t])
                    if t == bs + period - 1:  # the window is this whole block
                        h = hm
                        lw = lm
                    elif bs > start:  # joined to the previous block's tail
                        q = t + 1 - bs
                        h = max(hm, sv[prev, q])
                        lw = min(lm, sv[prev + 1, q])
                    else:
                        out[r, t] = NAN  # the first block's lookback
                        continue
                    out[r, t] = position_value(h, lw, close[r, t], mode)
                if stop < bs + period:
                    break
                prev = cur
                bs += period
            i = stop  # the gap (or the row's end)


def position_value(h, lw, c, mode):
    """The close c in the window's range [lw, h]: mode 0 STOCH's fast %K, 100*(c - lw)/(h - lw);
    mode 1 WILLR, -100*(h - c)/(h - lw), kept in [-100, 0] as TA-Lib 0.8.2 keeps it (a close
    outside its bars' range, as a high below its low allows; %K is not clamped); 0 for a flat
    window."""
    d = h - lw
    if d == 0.0:
        return 0.0
    if mode == 0:
        return 100.0 * (c - lw) / d
    w = -100.0 * (h - c) / d
    if w < -100.0:
        return -100.0
    if w > 0.0:
        return 0.0
    return w


# streams: this family's twins inlined into their Steps (SMI's and ULTOSC's are large; setup.py)
STREAM_INLINE = True

SCAN = 16  # windows up to this many bars: rescanned (no branch) rather than kept in deques


def position_deque(high, low, close, period, mode, out, ring):
    """position bar by bar, what a stream runs instead (STREAM_SUBSTITUTES): the window's
    highest high and lowest low from two monotonic deques in ring[r] (the highs' from 0, the
    lows' from 2 * slots: see deque_push). The same values as position's blocks (a window's
    extremes are exact either way); O(1) a bar, amortized."""
    slots = deque_slots(period)
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0  # bars of the current run, this one included
        top_f = 0  # the highs' deque: its front and back positions
        top_b = 0
        bot_f = 0  # the lows'
        bot_b = 0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                top_f = top_b = bot_f = bot_b = 0
                out[r, i] = NAN
                continue
            count += 1
            if period <= SCAN:
                if count < period:
                    out[r, i] = NAN
                    continue
                hm = h
                lm = lw
                for k in range(i - period + 1, i):
                    hm = max(hm, high[r, k])
                    lm = min(lm, low[r, k])
                out[r, i] = position_value(hm, lm, c, mode)
                continue
            top_f = deque_expire(ring, r, 0, slots, top_f, top_b, count - period + 1)
            top_b = deque_push(ring, r, 0, slots, top_f, top_b, count, h, False)
            bot_f = deque_expire(ring, r, 2 * slots, slots, bot_f, bot_b, count - period + 1)
            bot_b = deque_push(ring, r, 2 * slots, slots, bot_f, bot_b, count, lw, True)
            if count < period:
                out[r, i] = NAN
            else:
                out[r, i] = position_value(ring[r, top_f & (slots - 1)],
                                           ring[r, 2 * slots + (bot_f & (slots - 1))], c, mode)


def fast_k(high, low, close, period, out, sv):
    """STOCH's fast %K (see position; sv: a scratch of 4 x period)."""
    position(high, low, close, period, 0, out, sv)


def willr(high, low, close, period, out, sv):
    """Williams' %R (see position; sv: a scratch of 4 x period)."""
    position(high, low, close, period, 1, out, sv)


def vhf(x, hi, lo, period, out):
    """VHF = (max - min of the last `period` values) / (sum of the last `period` |changes|), 0
    where the sum is 0. The changes reach one bar further back than the extremes: lookback period.
    The sum runs (each change added, and taken off `period` bars later): where it should be 0 the
    range is exactly 0 as well, so the quotient is 0 whatever the sum's residue."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        s = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                s = 0.0
                out[r, i] = NAN
                continue
            count += 1
            if count > period + 1:  # this change on, the leaving one off: one add on the chain
                w = x[r, i - period]
                s += abs(v - x[r, i - 1]) - abs(w - x[r, i - period - 1])
            elif count > 1:
                s += abs(v - x[r, i - 1])
            if count <= period:
                out[r, i] = NAN
                continue
            h = hi[r, i]
            lw = lo[r, i]
            if (h - h) + (lw - lw) != 0.0:
                out[r, i] = NAN
            elif s > 0.0:
                out[r, i] = (h - lw) / s
            else:
                out[r, i] = 0.0


def smi(close, hi, lo, period, fast, slow, signal, u, line, sig):
    """SMI in one pass over the window's extremes hi, lo (lookback period-1): the momentum
    close - (hi + lo)/2 and the range hi - lo each through an EMA(slow) and then an EMA(fast),
    SMI = 100 * momentum / (range/2) (0 where range/2 is not above 0: flat prices), and its
    signal EMA. Each EMA is seeded by the mean of its first `period` inputs, and each stage reads
    its predecessor from where TA-Lib publishes it: u is TA-Lib's EMA unstable period, which
    moves the later seeds (the call path hides the last u values). `line` and `sig` may be hi
    and lo (each bar reads them before it writes)."""
    ks = 2.0 / (slow + 1)
    kf = 2.0 / (fast + 1)
    kg = 2.0 / (signal + 1)
    js = 1.0 - ks
    jf = 1.0 - kf
    jg = 1.0 - kg
    lb_slow = slow - 1 + u
    lb_fast = fast - 1 + u
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        m = -1
        s_num = 0.0
        s_den = 0.0
        f_num = 0.0
        f_den = 0.0
        g = 0.0
        for i in range(n):
            c = close[r, i]
            h = hi[r, i]
            lw = lo[r, i]
            if c - c != 0.0:  # NaN or infinite: a gap
                count = 0
                m = -1
                line[r, i] = NAN
                sig[r, i] = NAN
                continue
            count += 1
            if count < period or (h - h) + (lw - lw) != 0.0:  # (a gap in high or low too)
                m = -1
                line[r, i] = NAN
                sig[r, i] = NAN
                continue
            m += 1  # bars since the first full window
            if m == 0:
                s_num = 0.0
                s_den = 0.0
                f_num = 0.0
                f_den = 0.0
                g = 0.0
            num = c - (h + lw) * 0.5
            den = h - lw
            if m < slow:
                s_num += num
                s_den += den
                if m == slow - 1:
                    s_num = s_num / slow
                    s_den = s_den / slow
            else:
                s_num = s_num * js + num * ks
                s_den = s_den * js + den * ks
            line[r, i] = NAN
            sig[r, i] = NAN
            if m < lb_slow:
                continue
            q = m - lb_slow
            if q < fast:
                f_num += s_num
                f_den += s_den
                if q == fast - 1:
                    f_num = f_num / fast
                    f_den = f_den / fast
            else:
                f_num = f_num * jf + s_num * kf
                f_den = f_den * jf + s_den * kf
            if q < lb_fast:
                continue
            half = 0.5 * f_den
            v = 100.0 * f_num / half if half > 0.0 else 0.0
            q = q - lb_fast
            if q < signal:
                g += v
                if q == signal - 1:
                    g = g / signal
                else:
                    continue
            else:
                g = g * jg + v * kg
            line[r, i] = v
            sig[r, i] = g


def aroon_engine(high, low, period, mode, out_a, out_b, sv, si):
    """The index of the window's highest high and lowest low over w = period+1 bars, the latest
    one among ties (TA-Lib's >= and <=), by van Herk / Gil-Werman blocks of w bars from each
    run's start: a window ending in block B is the tail of block A before it (its suffix
    extremes, parked in sv/si: values and indices, row 0 highs, row 1 lows, w slots each) joined
    to B's head (a running prefix). Each bar is read three times with no data-dependent branch
    (the selects compile to conditional moves): O(n) whatever the period, where a monotonic
    deque mispredicts its pops and TA-Lib rescans. mode 0 AROON: out_a = down = 100/period *
    (period - bars since the lowest low), out_b = up (the same of the highest high); mode 1
    AROONOSC: out_a = 100/period * (index of the highest - index of the lowest). Lookback
    period."""
    w = period + 1
    factor = 100.0 / period
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        i = 0
        while i < n:
            h = high[r, i]
            lw = low[r, i]
            if (h - h) + (lw - lw) != 0.0:  # NaN or infinite: a gap
                out_a[r, i] = NAN
                if mode == 0:
                    out_b[r, i] = NAN
                i += 1
                continue
            start = i  # a run of valid bars starts here; its end is found block by block
            bs = start
            while True:
                # the block's valid bars [bs, stop), checked as the block comes (one pass over
                # memory: the passes below find them in cache)
                stop = bs
                end = min(bs + w, n)
                while stop < end:
                    h = high[r, stop]
                    lw = low[r, stop]
                    if (h - h) + (lw - lw) != 0.0:
                        break
                    stop += 1
                hm = high[r, bs]
                hi_ = bs
                lm = low[r, bs]
                li = bs
                for t in range(bs, stop):
                    h = high[r, t]
                    lw = low[r, t]
                    up = h >= hm
                    hm = max(hm, h)
                    hi_ = t if up else hi_
                    dn = lw <= lm
                    lm = min(lm, lw)
                    li = t if dn else li
                    if t == bs + period:  # the window is this whole block
                        hx = hi_
                        lx = li
                    elif bs > start:  # joined to the previous block's tail from t - period
                        q = t - period - (bs - w)
                        hx = hi_ if hm >= sv[0, q] else si[0, q]
                        lx = li if lm <= sv[1, q] else si[1, q]
                    else:  # the first block's lookback
                        out_a[r, t] = NAN
                        if mode == 0:
                            out_b[r, t] = NAN
                        continue
                    if mode == 0:
                        out_a[r, t] = factor * (period - (t - lx))
                        out_b[r, t] = factor * (period - (t - hx))
                    else:
                        out_a[r, t] = factor * (hx - lx)
                if stop < bs + w:
                    break
                # this block's suffix extremes (the latest index among ties), for the next block
                hm = high[r, stop - 1]
                hi_ = stop - 1
                lm = low[r, stop - 1]
                li = stop - 1
                q = w - 1
                while q >= 0:
                    t = bs + q
                    h = high[r, t]
                    lw = low[r, t]
                    up = h > hm
                    hm = max(hm, h)
                    hi_ = t if up else hi_
                    dn = lw < lm
                    lm = min(lm, lw)
                    li = t if dn else li
                    sv[0, q] = hm
                    si[0, q] = hi_
                    sv[1, q] = lm
                    si[1, q] = li
                    q -= 1
                bs += w
            i = stop  # the gap (or the row's end)


def aroon_deque(high, low, period, mode, out_a, out_b, ring):
    """aroon_engine bar by bar, what a stream runs instead (STREAM_SUBSTITUTES): the bars of
    the highest high and the lowest low of the last period+1 bars from two monotonic deques in
    ring[r] (the highs' from 0, the lows' from 2 * slots: see deque_push, whose front is the
    latest of equal extremes, as TA-Lib's >= and <=). The same values as the blocks; O(1) a
    bar, amortized."""
    w = period + 1
    factor = 100.0 / period
    slots = deque_slots(w)
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0  # bars of the current run, this one included
        top_f = 0  # the highs' deque: its front and back positions
        top_b = 0
        bot_f = 0  # the lows'
        bot_b = 0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            if (h - h) + (lw - lw) != 0.0:  # NaN or infinite: a gap
                count = 0
                top_f = top_b = bot_f = bot_b = 0
                out_a[r, i] = NAN
                if mode == 0:
                    out_b[r, i] = NAN
                continue
            count += 1
            top_f = deque_expire(ring, r, 0, slots, top_f, top_b, count - w + 1)
            top_b = deque_push(ring, r, 0, slots, top_f, top_b, count, h, False)
            bot_f = deque_expire(ring, r, 2 * slots, slots, bot_f, bot_b, count - w + 1)
            bot_b = deque_push(ring, r, 2 * slots, slots, bot_f, bot_b, count, lw, True)
            if count < w:
                out_a[r, i] = NAN
                if mode == 0:
                    out_b[r, i] = NAN
                continue
            hx = ring[r, slots + (top_f & (slots - 1))]  # the bars' numbers in the run
            lx = ring[r, 3 * slots + (bot_f & (slots - 1))]
            if mode == 0:
                out_a[r, i] = factor * (period - (count - lx))
                out_b[r, i] = factor * (period - (count - hx))
            else:
                out_a[r, i] = factor * (hx - lx)


def aroon(high, low, period, down, up, sv, si):
    """AROON (aroondown, aroonup); sv, si: scratch of 2 x (period+1) values and indices (see
    aroon_engine)."""
    aroon_engine(high, low, period, 0, down, up, sv, si)


def aroonosc(high, low, period, out, sv, si):
    """AROONOSC = aroonup - aroondown, as 100/period * (index of the highest high - index of the
    lowest low); sv, si: scratch of 2 x (period+1) values and indices (see aroon_engine)."""
    aroon_engine(high, low, period, 1, out, out, sv, si)


def cci(high, low, close, period, out, ring):
    """CCI = (tp - mean) / (0.015 * mean deviation) of the typical price tp = (high + low +
    close)/3 over `period` bars; 0 where the deviation or tp - mean is 0. Lookback period-1. The
    window's typical prices are kept in ring[0] (`period` slots, a caller's scratch).

    The mean deviation sum |tp[j] - mean| is inherently O(period) per bar (the mean moves under
    every term): it runs over four accumulators, so that its additions overlap (TA-Lib's single
    accumulator waits out each add's latency), as fast as it can be without reassociating
    further. The mean comes from a running sum; where the deviation comes out within rounding
    of 0 (a flat window, whose exact mean TA-Lib's fresh sum finds) both are taken afresh."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        pos = 0
        total = 0.0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                pos = 0
                total = 0.0
                out[r, i] = NAN
                continue
            v = (h + lw + c) / 3.0
            count += 1
            if count > period:  # the leaving value off, this one on: one add on the chain
                total += v - ring[0, pos]
            else:
                total += v
            ring[0, pos] = v
            pos += 1
            if pos == period:
                pos = 0
            if count < period:
                out[r, i] = NAN
                continue
            mean = total / period
            dev = mean_deviation(ring, period, mean)
            if dev <= 1e-12 * abs(mean):  # flat to rounding: the mean afresh
                s0 = 0.0
                s1 = 0.0
                s2 = 0.0
                s3 = 0.0
                j = 0
                while j + 4 <= period:
                    s0 += ring[0, j]
                    s1 += ring[0, j + 1]
                    s2 += ring[0, j + 2]
                    s3 += ring[0, j + 3]
                    j += 4
                while j < period:
                    s0 += ring[0, j]
                    j += 1
                total = (s0 + s1) + (s2 + s3)
                mean = total / period
                dev = mean_deviation(ring, period, mean)
            d = v - mean
            if d != 0.0 and dev != 0.0:
                out[r, i] = d / (0.015 * dev)
            else:
                out[r, i] = 0.0


def mean_deviation(ring, period, mean):
    """sum |ring[0, j] - mean| / period over four accumulators."""
    s0 = 0.0
    s1 = 0.0
    s2 = 0.0
    s3 = 0.0
    j = 0
    while j + 4 <= period:
        s0 += abs(ring[0, j] - mean)
        s1 += abs(ring[0, j + 1] - mean)
        s2 += abs(ring[0, j + 2] - mean)
        s3 += abs(ring[0, j + 3] - mean)
        j += 4
    while j < period:
        s0 += abs(ring[0, j] - mean)
        j += 1
    return ((s0 + s1) + (s2 + s3)) / period


def true_range(high, low, close, r, j):
    """The true range of bar j: max(high - low, |close[j-1] - high|, |close[j-1] - low|)."""
    p = close[r, j - 1]
    h = high[r, j]
    lw = low[r, j]
    return max(max(h - lw, abs(p - h)), abs(p - lw))


def ultosc(high, low, close, period1, period2, period3, out, ring):
    """ULTOSC = 100 * (4*A_short + 2*A_mid + A_long) / 7, A = sum(buying pressure)/sum(true
    range) over each period (TA-Lib sorts the three periods: the shortest weighs 4); a term whose
    range sum is 0 adds 0. Lookback the longest period. The sums run as TA-Lib's: each starts
    with the bars of its own window, adds each new bar, and takes off the bar leaving it after the
    output, in TA-Lib's order of operations; the terms of the longest window are kept in ring
    (2 x longest period, a caller's scratch: buying pressures, then true ranges)."""
    ps = min(min(period1, period2), period3)
    pl = max(max(period1, period2), period3)
    pm = period1 + period2 + period3 - ps - pl
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        pos = 0
        a1 = 0.0
        b1 = 0.0
        a2 = 0.0
        b2 = 0.0
        a3 = 0.0
        b3 = 0.0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            k = count - 1  # the bar's index in its run
            if k == 0:
                pos = 0
                a1 = 0.0
                b1 = 0.0
                a2 = 0.0
                b2 = 0.0
                a3 = 0.0
                b3 = 0.0
                out[r, i] = NAN
                continue
            p = close[r, i - 1]
            bp = c - min(lw, p)
            tr = max(max(h - lw, abs(p - h)), abs(p - lw))
            ring[0, pos] = bp
            ring[1, pos] = tr
            pos += 1
            if pos == pl:
                pos = 0
            if k > pl - ps:
                a1 += bp
                b1 += tr
            if k > pl - pm:
                a2 += bp
                b2 += tr
            a3 += bp
            b3 += tr
            if k < pl:
                out[r, i] = NAN
                continue
            # one division for the three ratios where their denominators' product is a normal
            # positive number (TA-Lib divides three times: a few ulps apart), else three
            den = b1 * b2 * b3
            if den > 1e-290 and den < 1e290:
                total = (4.0 * a1 * (b2 * b3) + 2.0 * a2 * (b1 * b3) + a3 * (b1 * b2)) / den
            else:
                total = 0.0
                if b1 != 0.0:
                    total += 4.0 * (a1 / b1)
                if b2 != 0.0:
                    total += 2.0 * (a2 / b2)
                if b3 != 0.0:
                    total += a3 / b3
            # pos is now the slot of the bar leaving the longest window; the shorter windows'
            # leaving bars are pl - p slots further on
            j = pos + pl - ps
            if j >= pl:
                j -= pl
            a1 -= ring[0, j]
            b1 -= ring[1, j]
            j = pos + pl - pm
            if j >= pl:
                j -= pl
            a2 -= ring[0, j]
            b2 -= ring[1, j]
            a3 -= ring[0, pos]
            b3 -= ring[1, pos]
            out[r, i] = total * (100.0 / 7.0)


def vortex(high, low, close, period, plus, minus, ring):
    """VORTEX: VI+ = sum|high - prev low| / sum TR, VI- = sum|low - prev high| / sum TR over
    `period` bars (running sums: each bar's terms added, and taken off `period` bars later from
    ring, a caller's scratch of 3 x period); 0 where the TR sum is 0. Lookback period."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        pos = 0
        sp = 0.0
        sm = 0.0
        st = 0.0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                pos = 0
                sp = 0.0
                sm = 0.0
                st = 0.0
                plus[r, i] = NAN
                minus[r, i] = NAN
                continue
            count += 1
            if count == 1:
                plus[r, i] = NAN
                minus[r, i] = NAN
                continue
            a = abs(h - low[r, i - 1])
            b = abs(lw - high[r, i - 1])
            tr = true_range(high, low, close, r, i)
            if count > period + 1:  # the slot holds the terms of bar i - period
                sp += a - ring[0, pos]
                sm += b - ring[1, pos]
                st += tr - ring[2, pos]
            else:
                sp += a
                sm += b
                st += tr
            ring[0, pos] = a
            ring[1, pos] = b
            ring[2, pos] = tr
            pos += 1
            if pos == period:
                pos = 0
            if count <= period:
                plus[r, i] = NAN
                minus[r, i] = NAN
            elif st != 0.0:
                inv = 1.0 / st
                plus[r, i] = sp * inv
                minus[r, i] = sm * inv
            else:
                plus[r, i] = 0.0
                minus[r, i] = 0.0


def fractal(high, low, left, right, swinghigh, swinglow):
    """Williams' fractal: 100 at bar t where the high of bar t-right is above every other high
    of bars t-right-left .. t (strictly: a tie is no swing), else 0 (swinglow: the low below every
    other low). int32 outputs, 0 over the lookback left+right and at gaps. Every comparison is
    made, without an early exit (which random data mispredicts): O(n*(left+right))."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            if (h - h) + (lw - lw) != 0.0:  # NaN or infinite: a gap
                count = 0
                swinghigh[r, i] = 0
                swinglow[r, i] = 0
                continue
            count += 1
            if count <= left + right:
                swinghigh[r, i] = 0
                swinglow[r, i] = 0
                continue
            c = i - right
            v = high[r, c]
            w = low[r, c]
            up = True
            down = True
            # the nearer neighbours of both sides together, then the rest of the longer side
            span = min(left, right)
            for j in range(1, span + 1):
                up &= (high[r, c - j] < v) & (high[r, c + j] < v)
                down &= (low[r, c - j] > w) & (low[r, c + j] > w)
            for j in range(c - left, c - span):
                up &= high[r, j] < v
                down &= low[r, j] > w
            for j in range(c + span + 1, i + 1):
                up &= high[r, j] < v
                down &= low[r, j] > w
            swinghigh[r, i] = 100 if up else 0
            swinglow[r, i] = 100 if down else 0


def kdj_j(k, d, j):
    """KDJ's J = 3K - 2D (NaN where K or D is)."""
    rows = k.shape[0]
    n = k.shape[1]
    for r in range(rows):
        for i in range(n):
            a = k[r, i]
            b = d[r, i]
            j[r, i] = 3.0 * a - 2.0 * b


def masked_by(line, later, out):
    """out = line where `later` is a number, NaN where it is NaN: TA-Lib shows STOCH's slow %K
    (STOCHF's fast %K) from where its %D starts."""
    rows = line.shape[0]
    n = line.shape[1]
    for r in range(rows):
        for i in range(n):
            b = later[r, i]
            if b == b:
                out[r, i] = line[r, i]
            else:
                out[r, i] = NAN


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
