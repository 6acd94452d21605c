"""Stochastic family: the window-range oscillators (STOCH's fast %K, WILLR, VHF, SMI's parts) over
the window extremes that fastind/_compose/momentum.py takes from extrema.rolling_max/rolling_min
(O(n) whatever the period), AROON/AROONOSC (monotonic deques of indices in a caller's scratch),
CCI, ULTOSC, VORTEX and FRACTAL.

Compiled by Cython with stochastic.pxd and by Numba via fastind._numba_loader; NAN comes from there.

A kernel reading given window extremes `hi`, `lo` (NaN over their lookback and after their own
gaps) counts the run of finite bars of its other input: a value is written once that run covers
the window and the extremes are finite, so each run of valid bars of every input is its own
series.
"""


def position(close, hi, lo, period, mode, out):
    """Where the close sits in the window's range: mode 0 STOCH's fast %K, (close - lo) / d with
    d = (hi - lo)/100; mode 1 WILLR, (hi - close) / d with d = (hi - lo)/-100; 0 where d is 0
    (a flat window), as TA-Lib (which divides by d in this form); WILLR is kept in [-100, 0], %K
    is not (TA-Lib 0.8.2). Lookback period-1."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            c = close[r, i]
            if c - c != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            h = hi[r, i]
            lw = lo[r, i]
            if count < period or (h - h) + (lw - lw) != 0.0:
                out[r, i] = NAN
                continue
            if mode == 0:
                d = (h - lw) / 100.0
                out[r, i] = (c - lw) / d if d != 0.0 else 0.0
            else:
                d = (h - lw) / -100.0
                w = (h - c) / d if d != 0.0 else 0.0
                # TA-Lib 0.8.2 keeps %R in [-100, 0] (a close outside its bars' range, as a
                # high below its low allows); STOCH's %K is not clamped
                if w < -100.0:
                    w = -100.0
                elif w > 0.0:
                    w = 0.0
                out[r, i] = w


def fast_k(close, hi, lo, period, out):
    """STOCH's fast %K from the window's highest high and lowest low (see position)."""
    position(close, hi, lo, period, 0, out)


def willr(close, hi, lo, period, out):
    """Williams' %R from the window's highest high and lowest low (see position)."""
    position(close, hi, lo, period, 1, out)


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
            if count > 1:
                s += abs(v - x[r, i - 1])
            if count > period + 1:
                v = x[r, i - period]
                s -= abs(v - x[r, i - period - 1])
                v = x[r, i]
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


def smi_parts(close, hi, lo, period, num, den):
    """SMI's raw momentum num = close - (hi + lo)*0.5 and range den = hi - lo over the window.
    Lookback period-1."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            c = close[r, i]
            if c - c != 0.0:  # NaN or infinite: a gap
                count = 0
                num[r, i] = NAN
                den[r, i] = NAN
                continue
            count += 1
            h = hi[r, i]
            lw = lo[r, i]
            if count < period or (h - h) + (lw - lw) != 0.0:
                num[r, i] = NAN
                den[r, i] = NAN
                continue
            num[r, i] = c - (h + lw) * 0.5
            den[r, i] = h - lw


def smi_ratio(num, den, out):
    """SMI = 100 * num / (0.5 * den) of the smoothed momentum and range, 0 where 0.5*den is not
    above 0 (flat prices). NaN where either is NaN."""
    rows = num.shape[0]
    n = num.shape[1]
    for r in range(rows):
        for i in range(n):
            a = num[r, i]
            half = 0.5 * den[r, i]
            if (a - a) + (half - half) != 0.0:
                out[r, i] = NAN
            elif half > 0.0:
                out[r, i] = 100.0 * a / half
            else:
                out[r, i] = 0.0


def aroon_engine(high, low, period, mode, out_a, out_b, hq, lq):
    """The index of the window's highest high and lowest low over period+1 bars (the latest one
    among ties, as TA-Lib's >= and <=), from two monotonic deques of indices kept in the rings
    hq[0], lq[0] (period+2 slots each): each bar is pushed once and popped at most once, O(n)
    whatever the period. mode 0 AROON: out_a = down = 100/period * (period - bars since the
    lowest low), out_b = up (the same of the highest high); mode 1 AROONOSC: out_a =
    100/period * (index of the highest - index of the lowest). Lookback period."""
    size = period + 2
    factor = 100.0 / period
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        hh = 0  # ring position of each deque's front, and its length
        hn = 0
        lh = 0
        ln = 0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            if (h - h) + (lw - lw) != 0.0:  # NaN or infinite: a gap
                count = 0
                hn = 0
                ln = 0
                out_a[r, i] = NAN
                if mode == 0:
                    out_b[r, i] = NAN
                continue
            count += 1
            # highs: drop from the back every index whose high is not above h, then push i
            while hn > 0:
                b = hh + hn - 1
                if b >= size:
                    b -= size
                if high[r, hq[0, b]] <= h:
                    hn -= 1
                else:
                    break
            b = hh + hn
            if b >= size:
                b -= size
            hq[0, b] = i
            hn += 1
            if hq[0, hh] < i - period:  # the front left the window
                hh += 1
                if hh == size:
                    hh = 0
                hn -= 1
            # lows, mirrored
            while ln > 0:
                b = lh + ln - 1
                if b >= size:
                    b -= size
                if low[r, lq[0, b]] >= lw:
                    ln -= 1
                else:
                    break
            b = lh + ln
            if b >= size:
                b -= size
            lq[0, b] = i
            ln += 1
            if lq[0, lh] < i - period:
                lh += 1
                if lh == size:
                    lh = 0
                ln -= 1
            if count <= period:
                out_a[r, i] = NAN
                if mode == 0:
                    out_b[r, i] = NAN
                continue
            if mode == 0:
                out_a[r, i] = factor * (period - (i - lq[0, lh]))
                out_b[r, i] = factor * (period - (i - hq[0, hh]))
            else:
                out_a[r, i] = factor * (hq[0, hh] - lq[0, lh])


def aroon(high, low, period, down, up, hq, lq):
    """AROON (aroondown, aroonup); hq, lq: scratch rings of period+2 indices (see aroon_engine)."""
    aroon_engine(high, low, period, 0, down, up, hq, lq)


def aroonosc(high, low, period, out, hq, lq):
    """AROONOSC = aroonup - aroondown, as 100/period * (index of the highest high - index of the
    lowest low); hq, lq: scratch rings of period+2 indices (see aroon_engine)."""
    aroon_engine(high, low, period, 1, out, out, hq, lq)


def cci(tp, period, out):
    """CCI = (tp - mean) / (0.015 * mean deviation) of the typical price tp over `period` bars; 0
    where the deviation or tp - mean is 0. Lookback period-1.

    The mean deviation sum |tp[j] - mean| is inherently O(period) per bar (the mean moves under
    every term); the window's sum is taken afresh as well, as TA-Lib does, so that a flat window
    gives exactly its value as mean. Both sums run over four accumulators, so their additions
    overlap (TA-Lib's single accumulator waits out each add's latency): O(n*period), about a
    quarter of TA-Lib's time at period 14."""
    rows = tp.shape[0]
    n = tp.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            v = tp[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count < period:
                out[r, i] = NAN
                continue
            start = i - period + 1
            s0 = 0.0
            s1 = 0.0
            s2 = 0.0
            s3 = 0.0
            j = start
            while j + 4 <= i + 1:
                s0 += tp[r, j]
                s1 += tp[r, j + 1]
                s2 += tp[r, j + 2]
                s3 += tp[r, j + 3]
                j += 4
            while j <= i:
                s0 += tp[r, j]
                j += 1
            mean = ((s0 + s1) + (s2 + s3)) / period
            s0 = 0.0
            s1 = 0.0
            s2 = 0.0
            s3 = 0.0
            j = start
            while j + 4 <= i + 1:
                s0 += abs(tp[r, j] - mean)
                s1 += abs(tp[r, j + 1] - mean)
                s2 += abs(tp[r, j + 2] - mean)
                s3 += abs(tp[r, j + 3] - mean)
                j += 4
            while j <= i:
                s0 += abs(tp[r, j] - mean)
                j += 1
            dev = ((s0 + s1) + (s2 + s3)) / period
            d = v - mean
            if d != 0.0 and dev != 0.0:
                out[r, i] = d / (0.015 * dev)
            else:
                out[r, i] = 0.0


def ult_terms(high, low, close, r, j):
    """close[j] - min(low[j], close[j-1]): the buying pressure of bar j (its true range is
    ult_range)."""
    c = close[r, j]  # in double (as every difference here: float32 inputs are widened)
    lw = low[r, j]
    p = close[r, j - 1]
    return c - min(lw, p)


def ult_range(high, low, close, r, j):
    """The true range of bar j: max(high - low, |close[j-1] - high|, |close[j-1] - low|)."""
    p = close[r, j - 1]
    h = high[r, j]
    lw = low[r, j]
    return max(max(h - lw, abs(p - h)), abs(p - lw))


def ultosc(high, low, close, period1, period2, period3, out):
    """ULTOSC = 100 * (4*A_short + 2*A_mid + A_long) / 7, A = sum(buying pressure)/sum(true
    range) over each period (TA-Lib sorts the three periods: the shortest weighs 4); a term whose
    range sum is 0 adds 0. Lookback the longest period. The sums run as TA-Lib's: each starts
    with the bars of its own window, adds each new bar, and takes off the bar leaving it after the
    output (recomputed from the inputs), in TA-Lib's order of operations."""
    ps = min(min(period1, period2), period3)
    pl = max(max(period1, period2), period3)
    pm = period1 + period2 + period3 - ps - pl
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
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
                a1 = 0.0
                b1 = 0.0
                a2 = 0.0
                b2 = 0.0
                a3 = 0.0
                b3 = 0.0
                out[r, i] = NAN
                continue
            bp = ult_terms(high, low, close, r, i)
            tr = ult_range(high, low, close, r, i)
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
            total = 0.0
            if b1 != 0.0:
                total += 4.0 * (a1 / b1)
            if b2 != 0.0:
                total += 2.0 * (a2 / b2)
            if b3 != 0.0:
                total += a3 / b3
            j = i - ps + 1
            a1 -= ult_terms(high, low, close, r, j)
            b1 -= ult_range(high, low, close, r, j)
            j = i - pm + 1
            a2 -= ult_terms(high, low, close, r, j)
            b2 -= ult_range(high, low, close, r, j)
            j = i - pl + 1
            a3 -= ult_terms(high, low, close, r, j)
            b3 -= ult_range(high, low, close, r, j)
            out[r, i] = 100.0 * (total / 7.0)


def vortex(high, low, close, period, plus, minus):
    """VORTEX: VI+ = sum|high - prev low| / sum TR, VI- = sum|low - prev high| / sum TR over
    `period` bars (running sums: each bar added, and taken off `period` bars later, recomputed
    from the inputs); 0 where the TR sum is 0. Lookback period."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        sp = 0.0
        sm = 0.0
        st = 0.0
        for i in range(n):
            h = high[r, i]
            lw = low[r, i]
            c = close[r, i]
            if (h - h) + (lw - lw) + (c - c) != 0.0:  # any NaN or infinite: a gap
                count = 0
                sp = 0.0
                sm = 0.0
                st = 0.0
                plus[r, i] = NAN
                minus[r, i] = NAN
                continue
            count += 1
            if count > 1:
                sp += abs(h - low[r, i - 1])
                sm += abs(lw - high[r, i - 1])
                st += ult_range(high, low, close, r, i)
            if count > period + 1:
                j = i - period
                h = high[r, j]
                lw = low[r, j]
                sp -= abs(h - low[r, j - 1])
                sm -= abs(lw - high[r, j - 1])
                st -= ult_range(high, low, close, r, j)
            if count <= period:
                plus[r, i] = NAN
                minus[r, i] = NAN
            elif st != 0.0:
                plus[r, i] = sp / st
                minus[r, i] = sm / st
            else:
                plus[r, i] = 0.0
                minus[r, i] = 0.0


def fractal(high, low, left, right, swinghigh, swinglow):
    """Williams' fractal: 100 at bar t where the high of bar t-right is above every other high
    of bars t-right-left .. t (strictly: a tie is no swing), else 0 (swinglow: the low below every
    other low). int32 outputs, 0 over the lookback left+right and at gaps. Each candidate is
    compared bar by bar and dropped at the first bar that beats it (on real prices after a few)."""
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
            found = 100
            for j in range(c - left, i + 1):
                if j != c and high[r, j] >= v:
                    found = 0
                    break
            swinghigh[r, i] = found
            v = low[r, c]
            found = 100
            for j in range(c - left, i + 1):
                if j != c and low[r, j] <= v:
                    found = 0
                    break
            swinglow[r, i] = found
