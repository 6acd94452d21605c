"""Oscillators family: BOP, ROCP/ROCR/ROCR100, QSTICK, AO, AC, MACDFIX's fixed-k MACD, CMO, CMOU,
COPPOCK's ROC sum, DPO, ER, ERI, IMI, MFI, TRIX, TSI, WAD.

Compiled by Cython with oscillators.pxd and by Numba via fastind._numba_loader; NAN comes from
there. Plain bar loops: `count` is the number of finite bars of the current run (a NaN or infinite
bar in any input writes NaN and restarts it). Running sums start as TA-Lib's do (each with its own
window); where TA-Lib purges a flat window's rounding residue, so do these.

Where a kernel's steady state needs only bars known to be finite, it finds how far the run goes
(valid_until, up to CHUNK bars ahead: the chunk is then in cache) and computes those bars with no
NaN test: sums move by one add a bar (the new value less the leaving one), means multiply by
1/period, and a quotient is computed on every bar with the zero-divisor case masked afterwards,
with no operation under a condition (GCC then vectorizes the ROCs). Up/down splits are selects of
constants, not branches: the direction of a price move is a coin flip.
"""

CHUNK = 512  # bars looked ahead for the end of a run


def bop(open_, high, low, close, out):
    """BOP = (close - open) / (high - low), 0 where high - low <= 0. Lookback 0. One bar at a
    time with no branch: the quotient is selected, and a NaN or infinite input reaches the
    result through check (0 for finite bars)."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        for i in range(n):
            o = open_[r, i]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            check = (o - o) + (h - h) + (lo - lo) + (c - c)
            rng = h - lo
            keep = 1.0 if rng > 0.0 else 0.0
            # a divisor of 1 where the range is not positive, the quotient then zeroed: every
            # operation runs on every bar (no branch; a quotient used only when the range is
            # positive would be divided under that condition)
            q = (c - o) / (rng * keep + (1.0 - keep))
            out[r, i] = q * keep + check


def rocp(x, period, out):
    """ROCP = (x[t] - x[t-period]) / x[t-period], 0 where x[t-period] == 0. Lookback period."""
    lagged_ratio(x, period, 0, out)


def rocr(x, period, out):
    """ROCR = x[t] / x[t-period], 0 where x[t-period] == 0. Lookback period."""
    lagged_ratio(x, period, 1, out)


def rocr100(x, period, out):
    """ROCR100 = (x[t] / x[t-period]) * 100, 0 where x[t-period] == 0. Lookback period."""
    lagged_ratio(x, period, 2, out)


def lagged_ratio(x, period, mode, out):
    """ROCP (mode 0), ROCR (1), ROCR100 (2) of x[t] and then = x[t-period]; 0 where then == 0
    (TA-Lib's exact-zero test: a tiny divisor is divided by)."""
    one = (period + 0.0) / period
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        i = 0
        while i < n:
            if count > period:
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                if stop > i:  # x[stop - period - 1 .. stop - 1] all finite
                    j = i
                    while j < stop:
                        put_ratio(x, r, j, period, mode, one, out)
                        j += 1
                    count += stop - i
                    i = stop
                    continue
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
            else:
                count += 1
                if count <= period:
                    out[r, i] = NAN
                else:
                    then = x[r, i - period]
                    if then == 0.0:
                        out[r, i] = 0.0
                    elif mode == 0:
                        out[r, i] = (v - then) / then
                    elif mode == 1:
                        out[r, i] = v / then
                    else:
                        out[r, i] = (v / then) * 100.0
            i += 1


def put_ratio(x, r, i, period, mode, one, out):
    """out[r, i] = ROCP, ROCR or ROCR100 (mode 0, 1, 2) at bar i: the quotient computed whatever
    the divisor, 0 selected where it is 0 (no branch). `one` is 1.0 computed at run time: a
    literal 1 would let the compiler fold v / 1 into v under the condition, and then divide
    only under the other, bar by bar."""
    u = i  # unsigned: numba then drops the negative-index wrap-around
    w = i - period
    v = x[r, u]
    then = x[r, w]
    # divided by 1 where the divisor is 0 and the quotient zeroed (see bop: no operation under
    # a condition, so GCC vectorizes the loop)
    keep = 0.0 if then == 0.0 else 1.0
    d = one if then == 0.0 else then
    if mode == 0:
        q = (v - then) / d
    elif mode == 1:
        q = v / d
    else:
        q = (v / d) * 100.0
    out[r, u] = q * keep


def qstick(open_, close, period, out):
    """QSTICK = mean of (close - open) over `period` bars (a running sum). Lookback period-1.
    In a run's steady state the sum moves by (new body - leaving body): one add a bar on the
    carried sum, and a multiply by 1/period instead of TA-Lib's divide."""
    inv = 1.0 / period
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        i = 0
        while i < n:
            if count >= period:  # total: the bodies of bars i-period+1 .. i-1
                stop = valid_until(open_, r, i, min(n, i + CHUNK))
                stop = min(stop, valid_until(close, r, i, stop))
                for j in range(i, stop):
                    o = open_[r, j]
                    c = close[r, j]
                    po = open_[r, j - period]
                    pc = close[r, j - period]
                    total += (c - o) - (pc - po)
                    out[r, j] = total * inv
                count += stop - i
                i = stop
            if i >= n:
                break
            o = open_[r, i]
            c = close[r, i]
            if (o - o) + (c - c) != 0.0:
                count = 0
                total = 0.0
                out[r, i] = NAN
            else:
                count += 1
                if count > period:
                    po = open_[r, i - period]
                    pc = close[r, i - period]
                    total += (c - o) - (pc - po)
                    out[r, i] = total / period
                else:
                    total += c - o
                    out[r, i] = total / period if count == period else NAN
            i += 1


def median(high, low, r, i):
    """(high + low) / 2 at bar i, in double."""
    h = high[r, i]
    lo = low[r, i]
    return (h + lo) / 2.0


def ao(high, low, fast, slow, out):
    """AO = SMA(median, fast) - SMA(median, slow), median = (high + low)/2; fast > slow is not
    swapped (the result is -AO). Lookback max(fast, slow) - 1. Each sum holds its whole window
    (it starts with its own window, as TA-Lib's) and moves by the new median less the leaving
    one; the means are taken by multiplying with 1/period where TA-Lib divides."""
    longest = max(fast, slow)
    inv_f = 1.0 / fast
    inv_s = 1.0 / slow
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        sum_f = 0.0
        sum_s = 0.0
        i = 0
        while i < n:
            if count >= longest:  # the bars up to where the run ends, with no NaN test
                stop = valid_until(high, r, i, min(n, i + CHUNK))
                stop = min(stop, valid_until(low, r, i, stop))
                for j in range(i, stop):
                    m = median(high, low, r, j)
                    sum_f += m - median(high, low, r, j - fast)
                    sum_s += m - median(high, low, r, j - slow)
                    out[r, j] = sum_f * inv_f - sum_s * inv_s
                count += stop - i
                i = stop
            if i >= n:
                break
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                count = 0
                sum_f = 0.0
                sum_s = 0.0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            m = (h + lo) / 2.0
            if count > longest - fast:
                sum_f += m
            if count > longest - slow:
                sum_s += m
            if count > longest:
                sum_f -= median(high, low, r, i - fast)
                sum_s -= median(high, low, r, i - slow)
            if count >= longest:
                out[r, i] = sum_f * inv_f - sum_s * inv_s
            else:
                out[r, i] = NAN
            i += 1


def ac(high, low, fast, slow, signal, out, osc):
    """AC = AO - SMA(AO, signal), AO as in ao(). Lookback max(fast, slow) - 1 + signal - 1.
    osc: scratch of (1, n) doubles holding the AO values of the current row."""
    longest = max(fast, slow)
    first = longest + signal - 1
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        sum_f = 0.0
        sum_s = 0.0
        sum_g = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                count = 0
                sum_f = 0.0
                sum_s = 0.0
                sum_g = 0.0
                out[r, i] = NAN
                continue
            count += 1
            m = (h + lo) / 2.0
            if count > longest - fast:
                sum_f += m
            if count > longest - slow:
                sum_s += m
            if count < longest:
                out[r, i] = NAN
                continue
            a = sum_f / fast - sum_s / slow
            sum_f -= median(high, low, r, i - fast + 1)
            sum_s -= median(high, low, r, i - slow + 1)
            osc[0, i] = a
            sum_g += a
            if count >= first:
                out[r, i] = a - sum_g / signal
                sum_g -= osc[0, i - signal + 1]
            else:
                out[r, i] = NAN


def macd_k(x, fast, slow, signal, lead, kf, ks, out_macd, out_signal, out_hist):
    """MACD with given smoothing factors: EMA_fast - EMA_slow (k = kf, ks; both seeded by the mean
    of their `fast`/`slow` bars ending on the run's bar slow-1), the signal an EMA (2/(signal+1))
    of that line seeded by the mean of its values from bar slow-1+lead on (lead: TA-Lib's EMA
    unstable period, which starts the signal that many bars later), hist = macd - signal.
    Requires fast <= slow. Outputs from bar slow-1+lead+signal-1 of each run."""
    kg = 2.0 / (signal + 1)
    keep_f = 1.0 - kf
    keep_s = 1.0 - ks
    keep_g = 1.0 - kg
    start = slow + lead  # count of the first line value the signal reads
    first = start + signal - 1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        ef = 0.0
        es = 0.0
        sig = 0.0
        i = 0
        while i < n:
            if count >= first:  # the bars up to where the run ends, with no NaN test
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                for j in range(i, stop):
                    v = x[r, j]
                    ef = ef * keep_f + v * kf
                    es = es * keep_s + v * ks
                    line = ef - es
                    sig = sig * keep_g + line * kg
                    out_macd[r, j] = line
                    out_signal[r, j] = sig
                    out_hist[r, j] = line - sig
                count += stop - i
                i = stop
            if i >= n:
                break
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                ef = 0.0
                es = 0.0
                sig = 0.0
                out_macd[r, i] = NAN
                out_signal[r, i] = NAN
                out_hist[r, i] = NAN
                i += 1
                continue
            count += 1
            if count < slow:  # the seeds: sums of the first bars (the fast one of its last bars)
                es += v
                if count > slow - fast:
                    ef += v
            elif count == slow:
                es = (es + v) / slow
                ef = (ef + v) / fast
            else:
                ef = ef * keep_f + v * kf
                es = es * keep_s + v * ks
            line = ef - es
            if count >= start and count < first:
                sig += line
            elif count == first:
                sig = (sig + line) / signal
            elif count > first:
                sig = sig * keep_g + line * kg
            if count < first:
                out_macd[r, i] = NAN
                out_signal[r, i] = NAN
                out_hist[r, i] = NAN
            else:
                out_macd[r, i] = line
                out_signal[r, i] = sig
                out_hist[r, i] = line - sig
            i += 1


def trix(x, period, lead, out):
    """TRIX = ROC(EMA3, 1), EMA3 = EMA(EMA(EMA(x))) (k = 2/(period+1), each seeded by the mean of
    its first `period` inputs; each stage reads its input from `lead` bars after that input's
    first value: TA-Lib's EMA unstable period, which starts the next stage later). period >= 2.
    Outputs from bar 3*(period - 1 + lead) + 1 of each run.

    Past the warm-up the three EMAs go two bars a step: E[t+1] = E[t-1]*(1-k)^2 + (in[t]*k*(1-k)
    + in[t+1]*k), one multiply and one add per two bars on each carried path, E[t] off it."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    keep2 = keep * keep
    kk = k * keep
    vis = period + lead  # inputs a stage reads before its first visible value
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        c1 = 0
        c2 = 0
        c3 = 0
        e1 = 0.0
        e2 = 0.0
        e3 = 0.0
        i = 0
        while i < n:
            if c3 > vis:  # every stage visible and a previous EMA3: two bars a step, no NaN test
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                j = i
                while j + 2 <= stop:
                    u = j  # unsigned: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    a = x[r, u]
                    b = x[r, u1]
                    f1 = e1 * keep + a * k  # stage 1 at bar j, off its carried path
                    e1 = e1 * keep2 + (a * kk + b * k)
                    f2 = e2 * keep + f1 * k
                    e2 = e2 * keep2 + (f1 * kk + e1 * k)
                    f3 = e3 * keep + f2 * k
                    put_trix(f3, e3, r, j, out)
                    e3 = e3 * keep2 + (f2 * kk + e2 * k)
                    put_trix(e3, f3, r, j + 1, out)
                    j += 2
                c3 += j - i
                i = j  # a bar left of the chunk (an odd count) goes through the bar path
            if i >= n:
                break
            v = x[r, i]
            if v - v != 0.0:
                c1 = 0
                c2 = 0
                c3 = 0
                e1 = 0.0
                e2 = 0.0
                e3 = 0.0
                out[r, i] = NAN
                i += 1
                continue
            c1 += 1
            # stage 1: the seed sum, its mean, then the recurrence
            if c1 < period:
                e1 += v
            elif c1 == period:
                e1 = (e1 + v) / period
            else:
                e1 = e1 * keep + v * k
            out[r, i] = NAN
            if c1 < vis:
                i += 1
                continue
            c2 += 1  # stage 2 reads stage 1's visible values
            if c2 < period:
                e2 += e1
            elif c2 == period:
                e2 = (e2 + e1) / period
            else:
                e2 = e2 * keep + e1 * k
            if c2 < vis:
                i += 1
                continue
            c3 += 1
            prev = e3
            if c3 < period:
                e3 += e2
            elif c3 == period:
                e3 = (e3 + e2) / period
            else:
                e3 = e3 * keep + e2 * k
            if c3 > vis:
                put_trix(e3, prev, r, i, out)
            i += 1


def put_trix(e, before, r, i, out):
    """out[r, i] = (e/before - 1)*100, 0 where before is 0 (TA-Lib's ROC)."""
    if before != 0.0:
        out[r, i] = (e / before - 1.0) * 100.0
    else:
        out[r, i] = 0.0


def cmo(x, period, out):
    """CMO = 100 * (G - L) / (G + L), G and L Wilder-smoothed gains and losses (seeded by the mean
    of the first `period` changes, then S = S*(1 - 1/period) + v/period); 0 where G + L is 0.
    Lookback period."""
    k = 1.0 / period
    keep = 1.0 - k
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        g = 0.0
        lo = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            d = v - prev
            prev = v
            a = abs(d)
            gain = (d + a) * 0.5  # max(d, 0) and max(-d, 0) exactly, without a branch
            loss = (a - d) * 0.5
            if count == 1:
                g = 0.0
                lo = 0.0
                out[r, i] = NAN
                continue
            if count <= period + 1:  # the seed: sums of the first `period` changes
                g += gain
                lo += loss
                if count <= period:
                    out[r, i] = NAN
                    continue
                g = g / period
                lo = lo / period
            else:
                g = g * keep + gain * k
                lo = lo * keep + loss * k
            s = g + lo
            if s != 0.0:
                out[r, i] = 100.0 * ((g - lo) / s)
            else:
                out[r, i] = 0.0


def cmou(x, period, out):
    """CMOU = 100 * (U - D) / (U + D), U and D the sums of the up and down moves over the last
    `period` changes (running sums, the oldest change dropped before the newest is added, as
    TA-Lib); 0 for a window of no change, where both sums restart from exactly 0.
    Lookback period."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        up = 0.0
        dn = 0.0
        moves = 0  # nonzero changes in the window
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            d = v - prev
            prev = v
            if count == 1:
                up = 0.0
                dn = 0.0
                moves = 0
                out[r, i] = NAN
                continue
            if count > period + 1:  # drop the change leaving the window
                a = x[r, i - period]  # in double, as the change was added
                b = x[r, i - period - 1]
                old = a - b
                a = abs(old)
                up -= (old + a) * 0.5
                dn -= (a - old) * 0.5
                moves -= old != 0.0
            a = abs(d)
            up += (d + a) * 0.5  # the move's side gets it, the other side adds an exact 0
            dn += (a - d) * 0.5
            moves += d != 0.0
            if count <= period:
                out[r, i] = NAN
            elif moves == 0:
                up = 0.0
                dn = 0.0
                out[r, i] = 0.0
            else:
                s = up + dn
                if s != 0.0:
                    out[r, i] = 100.0 * (up - dn) / s
                else:
                    out[r, i] = 0.0


def dpo(x, period, out):
    """DPO = x[t - (period/2 + 1)] - SMA(x, period)[t] (a running sum, started with its own
    window as TA-Lib's). Lookback max(period - 1, period/2 + 1)."""
    shift = period // 2 + 1
    longest = max(period - 1, shift) + 1  # bars of the first value
    inv = 1.0 / period  # the steady state multiplies where TA-Lib divides
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        i = 0
        while i < n:
            if count >= longest:  # total: the window ending at bar i-1
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                for j in range(i, stop):
                    v = x[r, j]
                    old = x[r, j - period]
                    total += v - old  # one add a bar on the carried sum
                    then = x[r, j - shift]
                    out[r, j] = then - total * inv
                count += stop - i
                i = stop
            if i >= n:
                break
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                total = 0.0
                out[r, i] = NAN
            else:
                count += 1
                if count > longest:
                    old = x[r, i - period]
                    total += v - old
                elif count > longest - period:  # the sum starts with its own window
                    total += v
                if count >= longest:
                    then = x[r, i - shift]
                    out[r, i] = then - total / period
                else:
                    out[r, i] = NAN
            i += 1


def er(x, period, out):
    """Kaufman's efficiency ratio |x[t] - x[t-period]| / sum of |x[j] - x[j-1]| over the window
    (a running sum moved by the newest change less the one leaving); 1.0 where the sum is <= 0 or
    <= the signed net change (as TA-Lib), and the sum restarts from 0 after `period` changes of
    exactly 0. Lookback period."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        total = 0.0
        null_run = 0
        i = 0
        while i < n:
            if count > period:  # the bars up to where the run ends, with no NaN test
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                for j in range(i, stop):
                    v = x[r, j]
                    a = x[r, j - period - 1]  # in double, as the change was added
                    b = x[r, j - period]
                    d = v - prev
                    prev = v
                    total += abs(d) - abs(a - b)  # one add a bar on the carried sum
                    null_run = (null_run + 1) * (d == 0.0)
                    if null_run >= period:
                        null_run = period
                        total = 0.0
                    put_er(v - b, total, r, j, out)
                count += stop - i
                i = stop
            if i >= n:
                break
            v = x[r, i]
            i += 1
            if v - v != 0.0:
                count = 0
                out[r, i - 1] = NAN
                continue
            count += 1
            d = v - prev
            prev = v
            if count == 1:
                total = 0.0
                null_run = 0
                out[r, i - 1] = NAN
                continue
            if count > period + 1:
                a = x[r, i - 1 - period - 1]
                b = x[r, i - 1 - period]
                total += abs(d) - abs(a - b)
            else:
                total += abs(d)
            null_run = (null_run + 1) * (d == 0.0)
            if count > period + 1 and null_run >= period:
                null_run = period
                total = 0.0
            if count <= period:
                out[r, i - 1] = NAN
            else:
                put_er(v - x[r, i - 1 - period], total, r, i - 1, out)


def put_er(net, total, r, i, out):
    """out[r, i] = |net / total|, or 1.0 where total <= 0 or total <= net."""
    q = abs(net / total)
    out[r, i] = 1.0 if (total <= 0.0) | (total <= net) else q


def roc_sum(x, p1, p2, out):
    """COPPOCK's smoothed series: ROC(x, p1) + ROC(x, p2), each (x[t]/x[t-p] - 1)*100 and 0 where
    x[t-p] is 0. Lookback max(p1, p2)."""
    longest = max(p1, p2)
    one = (p1 + 0.0) / p1  # 1.0 at run time (see put_ratio)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        i = 0
        while i < n:
            if count > longest:  # the bars up to where the run ends, with no NaN test
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                for j in range(i, stop):
                    put_roc_sum(x, r, j, p1, p2, one, out)
                count += stop - i
                i = stop
            if i >= n:
                break
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
            else:
                count += 1
                if count <= longest:
                    out[r, i] = NAN
                else:
                    put_roc_sum(x, r, i, p1, p2, one, out)
            i += 1


def put_roc_sum(x, r, i, p1, p2, one, out):
    """out[r, i] = ROC(p1) + ROC(p2) at bar i, a zero divisor's term 0 (divided by `one`, then
    zeroed: no operation under a condition)."""
    u = i  # unsigned: numba then drops the negative-index wrap-around
    w1 = i - p1
    w2 = i - p2
    v = x[r, u]
    b1 = x[r, w1]
    b2 = x[r, w2]
    k1 = 0.0 if b1 == 0.0 else 1.0
    k2 = 0.0 if b2 == 0.0 else 1.0
    a1 = (v / (one if b1 == 0.0 else b1) - 1.0) * 100.0
    a2 = (v / (one if b2 == 0.0 else b2) - 1.0) * 100.0
    out[r, u] = a1 * k1 + a2 * k2


def eri(high, low, close, period, bull, bear):
    """Elder ray: bull = high - EMA(close, period), bear = low - EMA(close, period), the EMA
    seeded by the mean of the first `period` closes (TA-Lib's factors: beta = (p-1)/(p+1),
    k = 1 - beta). Lookback period - 1."""
    beta = (period - 1.0) / (period + 1.0)
    k = 1.0 - beta
    if beta < 0.5:
        beta = 1.0 - k
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        e = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:
                count = 0
                e = 0.0
                bull[r, i] = NAN
                bear[r, i] = NAN
                continue
            count += 1
            if period == 1:
                e = c
            elif count < period:
                e += c
                bull[r, i] = NAN
                bear[r, i] = NAN
                continue
            elif count == period:
                e = (e + c) / period
            else:
                e = beta * e + k * c
            bull[r, i] = h - e
            bear[r, i] = lo - e


def imi(open_, close, period, out):
    """IMI = 100 * U / (U + D) over the last `period` bars, U the sum of close - open on up bars,
    D of open - close on the others (running sums, each restarting from exactly 0 when its side has
    no bar left in the window); 50 where U + D is 0. Lookback period - 1."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        up = 0.0
        dn = 0.0
        n_up = 0
        n_dn = 0
        for i in range(n):
            o = open_[r, i]
            c = close[r, i]
            if (o - o) + (c - c) != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                up = 0.0
                dn = 0.0
                n_up = 0
                n_dn = 0
            if count > period:  # the bar leaving the window
                j = i - period
                po = open_[r, j]
                pc = close[r, j]
                b = pc - po
                a = abs(b)
                up -= (b + a) * 0.5  # exact: the body on its side, 0 on the other
                dn -= (a - b) * 0.5
                n_up -= pc > po
                n_dn -= po > pc
                if n_up == 0:
                    up = 0.0
                if n_dn == 0:
                    dn = 0.0
            b = c - o
            a = abs(b)
            up += (b + a) * 0.5
            dn += (a - b) * 0.5
            n_up += c > o
            n_dn += o > c
            if count < period:
                out[r, i] = NAN
                continue
            s = up + dn
            if s != 0.0:
                out[r, i] = 100.0 * (up / s)
            else:
                out[r, i] = 50.0


def mfi(high, low, close, volume, period, out, flows):
    """MFI = 100 * P / (P + N), P and N the sums of the positive and negative money flows
    (typical price * volume, signed by the typical price's move; no move where
    |move| <= 1e-14 * (|tp| + |tp[t-1]|)) over the last `period` bars, as TA-Lib: running sums
    restarting from 0 after `period` bars of no flow, P clamped into [0, P + N], 0 where P + N <= 0.
    flows: (2, n) doubles of scratch, the positive and negative flow of each bar.
    Lookback period."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        pos = 0.0
        neg = 0.0
        null_run = 0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            vol = volume[r, i]
            if (h - h) + (lo - lo) + (c - c) + (vol - vol) != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            tp = (h + lo + c) / 3.0
            if count == 1:
                prev = tp
                pos = 0.0
                neg = 0.0
                null_run = 0
                out[r, i] = NAN
                continue
            if count > period + 1:
                pos -= flows[0, i - period]
                neg -= flows[1, i - period]
            move = tp - prev
            scale = abs(tp) + abs(prev)
            prev = tp
            # selects of constants (a compare and a mask), no branch: the direction is a coin flip
            moved = 0.0 if abs(move) <= 1e-14 * scale else 1.0
            down = 1.0 if move < 0.0 else 0.0
            money = (tp * vol) * moved
            nf = money * down  # the flow on its side, an exact 0 on the other
            pf = money - nf
            flows[0, i] = pf
            flows[1, i] = nf
            pos += pf
            neg += nf
            null_run = (null_run + 1) * (money == 0.0)
            if null_run >= period:
                null_run = period
                pos = 0.0
                neg = 0.0
            if count <= period:
                out[r, i] = NAN
                continue
            s = pos + neg
            p = min(max(pos, 0.0), s)
            if s <= 0.0:
                out[r, i] = 0.0
            else:
                out[r, i] = 100.0 * (p / s)


def tsi(x, first, second, lead, out):
    """TSI = 100 * EMA2(EMA1(m)) / EMA2(EMA1(|m|)), m = x[t] - x[t-1], each EMA seeded by the mean
    of its first values (TA-Lib's factors beta = (p-1)/(p+1), k = 1 - beta); the second stage
    starts `lead` bars (TA-Lib's EMA unstable period) after the first's first value; 0 where the
    denominator is not > 0. Outputs from bar first + lead + second - 1 of each run."""
    b1 = (first - 1.0) / (first + 1.0)
    k1 = 1.0 - b1
    if b1 < 0.5:
        b1 = 1.0 - k1
    b2 = (second - 1.0) / (second + 1.0)
    k2 = 1.0 - b2
    if b2 < 0.5:
        b2 = 1.0 - k2
    start = first - 1 + lead  # index of the first change the second stage reads
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        num1 = 0.0
        den1 = 0.0
        num2 = 0.0
        den2 = 0.0
        i = -1
        while i + 1 < n:
            i += 1
            if count > start + second:  # the bars up to where the run ends, with no NaN test
                stop = valid_until(x, r, i, min(n, i + CHUNK))
                for j in range(i, stop):
                    v = x[r, j]
                    m = v - prev
                    prev = v
                    num1 = b1 * num1 + k1 * m
                    den1 = b1 * den1 + k1 * abs(m)
                    num2 = b2 * num2 + k2 * num1
                    den2 = b2 * den2 + k2 * den1
                    q = 100.0 * num2 / den2
                    out[r, j] = q if den2 > 0.0 else 0.0
                count += stop - i
                i = stop
                if i >= n:
                    break
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            m = v - prev
            prev = v
            if count == 1:
                num1 = 0.0
                den1 = 0.0
                num2 = 0.0
                den2 = 0.0
                out[r, i] = NAN
                continue
            j = count - 2  # index of this change
            a = abs(m)
            if j < first:
                num1 += m
                den1 += a
                if j == first - 1:
                    num1 = num1 / first
                    den1 = den1 / first
            else:
                num1 = b1 * num1 + k1 * m
                den1 = b1 * den1 + k1 * a
            if j < start + second - 1:
                if j >= start:
                    num2 += num1
                    den2 += den1
                out[r, i] = NAN
                continue
            if j == start + second - 1:
                num2 = (num2 + num1) / second
                den2 = (den2 + den1) / second
            else:
                num2 = b2 * num2 + k2 * num1
                den2 = b2 * den2 + k2 * den1
            if den2 > 0.0:
                out[r, i] = 100.0 * num2 / den2
            else:
                out[r, i] = 0.0


def wad(high, low, close, out):
    """Williams' A/D: the running sum of close - min(low, close[t-1]) on up closes and
    close - max(high, close[t-1]) on down closes (0 on unchanged ones), 0 on each run's first bar.
    Lookback 0."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        total = 0.0
        i = 0
        while i < n:
            if count > 0:  # the bars up to where a run ends, with no NaN test
                stop = valid_until(close, r, i, min(n, i + CHUNK))
                stop = min(stop, valid_until(high, r, i, stop))
                stop = min(stop, valid_until(low, r, i, stop))
                for j in range(i, stop):
                    h = high[r, j]
                    lo = low[r, j]
                    c = close[r, j]
                    total += wad_move(h, lo, c, prev)
                    prev = c
                    out[r, j] = total
                count += stop - i
                i = stop
            if i >= n:
                break
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:
                count = 0
                out[r, i] = NAN
            else:
                count += 1
                if count == 1:
                    total = 0.0
                else:
                    total += wad_move(h, lo, c, prev)
                prev = c
                out[r, i] = total
            i += 1


def wad_move(h, lo, c, prev):
    """The bar's move from the true range's far end: close - min(low, prev) on an up close,
    close - max(high, prev) on a down close, 0 on a tie (selects, not branches: the direction is
    a coin flip)."""
    up = 1.0 if c > prev else 0.0  # selects of constants: a compare and a mask
    dn = 1.0 if c < prev else 0.0
    a = c - (lo if lo < prev else prev)
    b = c - (h if h > prev else prev)
    return a * up + b * dn


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
