"""Bands, channels and stops: ACCBANDS, Keltner channels, Parabolic SAR (SAR, SAREXT), SuperTrend,
and the channel of DONCHIAN, MIDPOINT and MIDPRICE.

Compiled by Cython with bands.pxd and by Numba via fastind._numba_loader; NAN comes from there.
`j` is the bar's index within its run of finite bars (a gap restarts the indicator).
"""

# kernels that write bars ahead of the one they read (van Herk / Gil-Werman blocks): no
# resumable twin; a stream runs them again over their window (fastind/_streaming.py)
WINDOW_REPLAY = ('channel',)
# kernels a stream runs another kernel of the family for: (its name, its arguments from the
# replaced kernel's, the window of the two monotonic deques in its `ring` scratch)
STREAM_SUBSTITUTES = {
    "channel": ("channel_deque", "high, low, period, upper, middle, lower, bands, ring", "period"),
}

RESUM = 4096  # bars between fresh summations of the running window sums


def true_range(h, lo, prev):
    """max(h - lo, |prev - h|, |prev - lo|), prev the previous close."""
    return max(max(h - lo, abs(prev - h)), abs(prev - lo))


def acc_upper(h, lo):
    """ACCBANDS' raw upper value: h*(1 + 4*(h - lo)/(h + lo)), h where h + lo is 0 (TA_IS_ZERO)."""
    t = h + lo
    if -1e-14 < t and t < 1e-14:
        return h
    return h * (1.0 + 4.0 * (h - lo) / t)


def acc_lower(h, lo):
    """ACCBANDS' raw lower value: lo*(1 - 4*(h - lo)/(h + lo)), lo where h + lo is 0."""
    t = h + lo
    if -1e-14 < t and t < 1e-14:
        return lo
    return lo * (1.0 - 4.0 * (h - lo) / t)


def accbands(high, low, close, period, upper, middle, lower):
    """Acceleration bands: the SMAs over `period` bars of high*(1 + 4*(h-l)/(h+l)), of the close
    and of low*(1 - 4*(h-l)/(h+l)), from running sums summed afresh every RESUM bars.
    Lookback period-1."""
    inv = 1.0 / period
    resum = max(RESUM, period)
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        j = -1
        since = 0
        su = 0.0
        sm = 0.0
        sl = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # a gap
                j = -1
                upper[r, i] = NAN
                middle[r, i] = NAN
                lower[r, i] = NAN
                continue
            j += 1
            if j == 0:
                su = 0.0
                sm = 0.0
                sl = 0.0
            if j < period:
                since = 0
                su += acc_upper(h, lo)
                sm += c
                sl += acc_lower(h, lo)
                if j < period - 1:
                    upper[r, i] = NAN
                    middle[r, i] = NAN
                    lower[r, i] = NAN
                    continue
            elif since == resum:
                since = 0
                su = 0.0
                sm = 0.0
                sl = 0.0
                for w in range(i - period + 1, i + 1):
                    hw = high[r, w]
                    lw = low[r, w]
                    su += acc_upper(hw, lw)
                    sm += close[r, w]
                    sl += acc_lower(hw, lw)
            else:
                since += 1
                hw = high[r, i - period]
                lw = low[r, i - period]
                su += acc_upper(h, lo) - acc_upper(hw, lw)
                cw = close[r, i - period]
                sm += c - cw
                sl += acc_lower(h, lo) - acc_lower(hw, lw)
            upper[r, i] = su * inv
            middle[r, i] = sm * inv
            lower[r, i] = sl * inv


def kc(high, low, close, period, atrperiod, nbdev, skip_ema, skip_atr, upper, middle, lower):
    """Keltner channels: middle = EMA(typical price, period), bands = middle +/- nbdev*ATR(atrperiod).
    As TA-Lib, both legs are entered at their own lookback before the first output L = the later
    of the two (EMA: period-1+skip_ema; ATR: atrperiod+skip_atr; ATR(1) is the true range), so the
    shorter leg starts L - its lookback bars into the run: its seed moves with the other's
    period and with the unstable periods skip_ema / skip_atr (TA-Lib's EMA and ATR ids)."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    lb_ema = period - 1 + skip_ema
    lb_atr = atrperiod + skip_atr
    first = max(lb_ema, lb_atr)
    start_ema = first - lb_ema  # the EMA's seed window starts here
    start_atr = first - lb_atr + 1  # the first true range
    ka = 1.0 / atrperiod
    keep_a = 1.0 - ka
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        ema = 0.0
        ta = 0.0
        atr = 0.0
        prev = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # a gap
                j = -1
                upper[r, i] = NAN
                middle[r, i] = NAN
                lower[r, i] = NAN
                continue
            j += 1
            if j >= start_ema:
                tp = ((h + lo) + c) / 3.0
                m = j - start_ema
                if m >= period:
                    ema = ema * keep + tp * k
                else:
                    if m == 0:
                        s = 0.0
                    s += tp
                    ema = s / period
            if j >= start_atr:
                tr = true_range(h, lo, prev)
                m = j - start_atr
                if atrperiod == 1:
                    atr = tr
                elif m >= atrperiod:
                    atr = atr * keep_a + tr * ka
                else:
                    if m == 0:
                        ta = 0.0
                    ta += tr
                    atr = ta / atrperiod
            prev = c
            if j < first:
                upper[r, i] = NAN
                middle[r, i] = NAN
                lower[r, i] = NAN
            else:
                band = atr * nbdev
                middle[r, i] = ema
                upper[r, i] = ema + band
                lower[r, i] = ema - band


def parabolic(high, low, start, offset, init_long, step_long, max_long, init_short, step_short,
              max_short, signed, out):
    """Wilder's parabolic SAR as TA-Lib's SAREXT (SAR: start 0, no offset, one acceleration for
    both sides, unsigned). The run's first bar only sets the start: the position is long unless
    bar 1's -DM (low[0] - low[1], where above 0 and above high[1] - high[0]) is positive, or as
    `start` says (> 0 long at start, < 0 short at |start|); the first SAR is the first bar's
    low (long) or high (short), the extreme point the second bar's high or low. Each bar: output
    the SAR; on penetration reverse to the extreme point (clamped to the last two bars' range,
    moved by `offset`), else raise the acceleration by its step (to its max) on a new extreme;
    then SAR += af*(ep - SAR), clamped to the last two bars' range. `signed`: short SARs are
    written negated (SAREXT). Initial accelerations above their max are lowered to it, as TA-Lib.
    Lookback 1."""
    if init_long > max_long:
        init_long = max_long
    if step_long > max_long:
        step_long = max_long
    if init_short > max_short:
        init_short = max_short
    if step_short > max_short:
        step_short = max_short
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        j = -1
        is_long = True
        sar = 0.0
        ep = 0.0
        af_long = init_long
        af_short = init_short
        prev_high = 0.0
        prev_low = 0.0
        new_high = 0.0
        new_low = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:  # a gap
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j == 0:
                new_high = h
                new_low = lo
                out[r, i] = NAN
                continue
            if j == 1:  # the start, from the first bar (new_high, new_low) and this one
                af_long = init_long
                af_short = init_short
                if start == 0.0:
                    diff_minus = new_low - lo
                    is_long = not (diff_minus > 0.0 and h - new_high < diff_minus)
                    if is_long:
                        sar = new_low
                    else:
                        sar = new_high
                elif start > 0.0:
                    is_long = True
                    sar = start
                else:
                    is_long = False
                    sar = abs(start)
                if is_long:
                    ep = h
                else:
                    ep = lo
                new_high = h  # the first step's "previous bar" is this one
                new_low = lo
            prev_high = new_high
            prev_low = new_low
            new_high = h
            new_low = lo
            if is_long:
                if new_low <= sar:  # reverse to short
                    is_long = False
                    sar = ep
                    if sar < prev_high:
                        sar = prev_high
                    if sar < new_high:
                        sar = new_high
                    if offset != 0.0:
                        sar += sar * offset
                    out[r, i] = -sar if signed else sar
                    af_short = init_short
                    ep = new_low
                    sar = sar + af_short * (ep - sar)
                    if sar < prev_high:
                        sar = prev_high
                    if sar < new_high:
                        sar = new_high
                else:
                    out[r, i] = sar
                    if new_high > ep:
                        ep = new_high
                        af_long = min(af_long + step_long, max_long)
                    sar = sar + af_long * (ep - sar)
                    if sar > prev_low:
                        sar = prev_low
                    if sar > new_low:
                        sar = new_low
            elif new_high >= sar:  # reverse to long
                is_long = True
                sar = ep
                if sar > prev_low:
                    sar = prev_low
                if sar > new_low:
                    sar = new_low
                if offset != 0.0:
                    sar -= sar * offset
                out[r, i] = sar
                af_long = init_long
                ep = new_high
                sar = sar + af_long * (ep - sar)
                if sar > prev_low:
                    sar = prev_low
                if sar > new_low:
                    sar = new_low
            else:
                out[r, i] = -sar if signed else sar
                if new_low < ep:
                    ep = new_low
                    af_short = min(af_short + step_short, max_short)
                sar = sar + af_short * (ep - sar)
                if sar < prev_high:  # compare-and-branch clamps, as TA-Lib: rarely taken, so
                    sar = prev_high  # off the carried path (max/min put two on it)
                if sar < new_high:
                    sar = new_high


def sar(high, low, acceleration, maximum, out):
    """TA-Lib's SAR: parabolic with one acceleration (step and start) for both sides, unsigned."""
    parabolic(high, low, 0.0, 0.0, acceleration, acceleration, maximum, acceleration, acceleration,
              maximum, False, out)


def sarext(high, low, start, offset, init_long, step_long, max_long, init_short, step_short,
           max_short, out):
    """TA-Lib's SAREXT: parabolic with every setting, short SARs negated."""
    parabolic(high, low, start, offset, init_long, step_long, max_long, init_short, step_short,
              max_short, True, out)


def supertrend(high, low, close, period, multiplier, skip, line, trend):
    """SuperTrend: ATR (Wilder, seeded by the mean of the first `period` true ranges, run through
    `skip` more bars, TA-Lib's ATR unstable period), basic bands (h + l)/2 +/- multiplier*ATR; at
    the first output both final bands are the basic ones and the trend is up; then each final band
    takes the basic one where that is tighter or the previous close crossed it; the trend turns
    down on a close below the final lower band, up on a close above the final upper band.
    line = the final lower band in an up trend, the upper one in a down trend; trend = 1 / -1
    (0 over the lookback and at gaps). Lookback period+skip."""
    first = period + skip
    k = 1.0 / period
    keep = 1.0 - k
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        atr = 0.0
        prev = 0.0
        up = True
        final_upper = 0.0
        final_lower = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # a gap
                j = -1
                line[r, i] = NAN
                trend[r, i] = 0
                continue
            j += 1
            if j > 0:
                tr = true_range(h, lo, prev)
                if j > period:
                    atr = atr * keep + tr * k
                else:
                    if j == 1:
                        s = 0.0
                    s += tr
                    atr = s / period
            if j < first:
                prev = c
                line[r, i] = NAN
                trend[r, i] = 0
                continue
            median = (h + lo) / 2.0
            band = multiplier * atr
            basic_upper = median + band
            basic_lower = median - band
            if j == first:
                final_upper = basic_upper
                final_lower = basic_lower
                up = True
            else:
                # a band tightens (min / max: no branch on what is a coin toss each bar) unless
                # the previous close crossed it (rare: a branch the CPU predicts)
                if prev > final_upper:
                    final_upper = basic_upper
                else:
                    final_upper = min(basic_upper, final_upper)
                if prev < final_lower:
                    final_lower = basic_lower
                else:
                    final_lower = max(basic_lower, final_lower)
                if up:
                    if c < final_lower:
                        up = False
                elif c > final_upper:
                    up = True
            if up:
                line[r, i] = final_lower
                trend[r, i] = 1
            else:
                line[r, i] = final_upper
                trend[r, i] = -1
            prev = c


def channel(high, low, period, park_high, park_low, upper, middle, lower, bands):
    """The highest high and the lowest low over `period` bars, and their midpoint: into `middle`
    only (MIDPRICE, MIDPOINT with high = low = x), or all three lines with `bands` (DONCHIAN).
    Lookback period-1. O(1) a bar whatever the data (van Herk / Gil-Werman), as fastind.extrema:
    each run is cut into blocks of `period` bars; a window ending in a block is that block's
    prefix so far and the previous block's suffix. Suffix extremes are parked in
    `park_high`/`park_low` (the caller's, 4 * (period + 1) slots each: block b's bars from
    slot 1 + (b % 4) * (period + 1) on, after a spare slot; its last slot holds -inf/+inf, the
    empty suffix of a window that is one whole block), written as the previous block is read
    backwards, read as this one is read forwards. Two blocks forwards and the next two backwards
    at a time: eight independent max/min chains."""
    huge = 1e308 * 10.0  # +inf
    for s in range(4):
        park_high[(s + 1) * (period + 1) - 1] = -huge
        park_low[(s + 1) * (period + 1) - 1] = huge
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        i = 0
        while i < n:
            if (high[r, i] - high[r, i]) + (low[r, i] - low[r, i]) != 0.0:  # a gap
                channel_put(upper, middle, lower, bands, r, i, NAN, NAN)
                i += 1
                continue
            # the valid run [i, end) block by block, `end` found lazily; k counts its blocks
            end = i + 1
            start = i
            k = 0
            while True:
                end = valid_both(high, low, r, end, start + 5 * period)
                if start >= end:
                    break
                stop = start + period
                if k > 0 and stop + 3 * period <= end:
                    # park this block's suffixes, then per step two blocks (a, b) forwards and
                    # the next two (b, c) backwards into the slots of c and d
                    base_b = ((k + 1) & 3) * (period + 1) + 1
                    suf0_h = high[r, stop - 1]
                    suf0_l = low[r, stop - 1]
                    for q in range(period - 1, 0, -1):
                        suf0_h = max(suf0_h, high[r, start + q])
                        suf0_l = min(suf0_l, low[r, start + q])
                        park_high[base_b + q - 1] = suf0_h
                        park_low[base_b + q - 1] = suf0_l
                    while start + 3 * period <= end:
                        b = start + period
                        base_a = (k & 3) * (period + 1) + 1
                        base_c = ((k + 2) & 3) * (period + 1) + 1
                        pre0_h = high[r, start]
                        pre0_l = low[r, start]
                        suf0_h = high[r, b + period - 1]
                        suf0_l = low[r, b + period - 1]
                        for off in range(period):
                            pre0_h = max(pre0_h, high[r, start + off])
                            pre0_l = min(pre0_l, low[r, start + off])
                            channel_put(upper, middle, lower, bands, r, start + off,
                                        max(park_high[base_a + off], pre0_h),
                                        min(park_low[base_a + off], pre0_l))
                            # backwards (q = 0, the whole block, lands in the spare slot)
                            q = period - 1 - off
                            suf0_h = max(suf0_h, high[r, b + q])
                            suf0_l = min(suf0_l, low[r, b + q])
                            park_high[base_c + q - 1] = suf0_h
                            park_low[base_c + q - 1] = suf0_l
                        start = b
                        k += 1
                        touch_ahead(high, r, start + 4 * period + 256, start + 6 * period + 256)
                        touch_ahead(low, r, start + 4 * period + 256, start + 6 * period + 256)
                        end = valid_both(high, low, r, end, start + 5 * period)
                    continue
                # one block bar by bar: the first of a run (its head is in the lookback), the
                # last ones (which park only the suffixes the run still needs)
                if stop > end:
                    stop = end
                size = stop - start
                keep = min(end - stop + 1, size)
                base_a = (k & 3) * (period + 1) + 1
                base_b = ((k + 1) & 3) * (period + 1) + 1
                pre0_h = high[r, start]
                pre0_l = low[r, start]
                suf0_h = high[r, stop - 1]
                suf0_l = low[r, stop - 1]
                for off in range(size):
                    pre0_h = max(pre0_h, high[r, start + off])
                    pre0_l = min(pre0_l, low[r, start + off])
                    if k == 0 and off < period - 1:
                        channel_put(upper, middle, lower, bands, r, start + off, NAN, NAN)
                    else:
                        channel_put(upper, middle, lower, bands, r, start + off,
                                    max(park_high[base_a + off], pre0_h),
                                    min(park_low[base_a + off], pre0_l))
                    q = size - 1 - off
                    suf0_h = max(suf0_h, high[r, start + q])
                    suf0_l = min(suf0_l, low[r, start + q])
                    if 0 < q < keep:
                        park_high[base_b + q - 1] = suf0_h
                        park_low[base_b + q - 1] = suf0_l
                k += 1
                start = stop
            i = end


def valid_both(high, low, r, end, limit):
    """The first index >= end where high or low is NaN or infinite, searched up to `limit` (a
    result >= limit: none before it); see valid_until."""
    stop = valid_until(high, r, end, limit)
    return min(stop, valid_until(low, r, end, stop))


def channel_put(upper, middle, lower, bands, r, i, hi, lo):
    """A bar's channel: its midpoint, and with `bands` its highest high and lowest low."""
    middle[r, i] = (hi + lo) * 0.5  # = / 2 exactly, without a division's throughput
    if bands:
        upper[r, i] = hi
        lower[r, i] = lo


def channel_deque(high, low, period, upper, middle, lower, bands, ring):
    """channel bar by bar, what a stream runs instead (STREAM_SUBSTITUTES): the window's
    highest high and lowest low from two monotonic deques in ring[r] (the highs' from 0, the
    lows' from 2 * slots: see deque_push). The same values as the blocks (a window's extremes
    are exact either way); O(1) a bar, amortized."""
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
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:  # a gap
                count = 0
                top_f = top_b = bot_f = bot_b = 0
                middle[r, i] = NAN
                if bands:
                    upper[r, i] = NAN
                    lower[r, i] = NAN
                continue
            count += 1
            top_f = deque_expire(ring, r, 0, slots, top_f, top_b, count - period + 1)
            top_b = deque_push(ring, r, 0, slots, top_f, top_b, count, h, False)
            bot_f = deque_expire(ring, r, 2 * slots, slots, bot_f, bot_b, count - period + 1)
            bot_b = deque_push(ring, r, 2 * slots, slots, bot_f, bot_b, count, lo, True)
            if count < period:
                middle[r, i] = NAN
                if bands:
                    upper[r, i] = NAN
                    lower[r, i] = NAN
                continue
            hi_w = ring[r, top_f & (slots - 1)]
            lo_w = ring[r, 2 * slots + (bot_f & (slots - 1))]
            middle[r, i] = (hi_w + lo_w) / 2.0
            if bands:
                upper[r, i] = hi_w
                lower[r, i] = lo_w


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
