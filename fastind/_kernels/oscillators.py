"""Oscillators family: BOP, ROCP/ROCR/ROCR100, QSTICK, AO, AC, MACDFIX's fixed-k MACD.

Compiled by Cython with oscillators.pxd and by Numba via fastind._numba_loader; NAN comes from there.
Plain bar loops: `count` is the number of finite bars of the current run (a NaN or infinite bar in
any input writes NaN and restarts it). Running sums follow TA-Lib's order (add the new bar, take
the value, drop the bar leaving the window) and divide by the period as TA-Lib does.
"""


def bop(open_, high, low, close, out):
    """BOP = (close - open) / (high - low), 0 where high - low <= 0. Lookback 0."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        for i in range(n):
            o = open_[r, i]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (o - o) + (h - h) + (lo - lo) + (c - c) != 0.0:
                out[r, i] = NAN
            else:
                rng = h - lo
                if rng > 0.0:
                    out[r, i] = (c - o) / rng
                else:
                    out[r, i] = 0.0


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
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count <= period:
                out[r, i] = NAN
                continue
            then = x[r, i - period]
            if then == 0.0:
                out[r, i] = 0.0
            elif mode == 0:
                out[r, i] = (v - then) / then
            elif mode == 1:
                out[r, i] = v / then
            else:
                out[r, i] = (v / then) * 100.0


def qstick(open_, close, period, out):
    """QSTICK = mean of (close - open) over `period` bars (a running sum). Lookback period-1."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        for i in range(n):
            o = open_[r, i]
            c = close[r, i]
            if (o - o) + (c - c) != 0.0:
                count = 0
                total = 0.0
                out[r, i] = NAN
                continue
            count += 1
            total += c - o
            if count >= period:
                out[r, i] = total / period
                j = i - period + 1
                o = open_[r, j]
                c = close[r, j]
                total -= c - o
            else:
                out[r, i] = NAN


def median(high, low, r, i):
    """(high + low) / 2 at bar i, in double."""
    h = high[r, i]
    lo = low[r, i]
    return (h + lo) / 2.0


def ao(high, low, fast, slow, out):
    """AO = SMA(median, fast) - SMA(median, slow), median = (high + low)/2; fast > slow is not
    swapped (the result is -AO). Lookback max(fast, slow) - 1."""
    longest = max(fast, slow)
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        sum_f = 0.0
        sum_s = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                count = 0
                sum_f = 0.0
                sum_s = 0.0
                out[r, i] = NAN
                continue
            count += 1
            m = (h + lo) / 2.0
            # each sum starts with its own window before the first value, as TA-Lib's
            if count > longest - fast:
                sum_f += m
            if count > longest - slow:
                sum_s += m
            if count >= longest:
                out[r, i] = sum_f / fast - sum_s / slow
                sum_f -= median(high, low, r, i - fast + 1)
                sum_s -= median(high, low, r, i - slow + 1)
            else:
                out[r, i] = NAN


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
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                ef = 0.0
                es = 0.0
                sig = 0.0
                out_macd[r, i] = NAN
                out_signal[r, i] = NAN
                out_hist[r, i] = NAN
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
            if count < start:
                out_macd[r, i] = NAN
                out_signal[r, i] = NAN
                out_hist[r, i] = NAN
                continue
            line = ef - es
            if count < first:
                sig += line
                out_macd[r, i] = NAN
                out_signal[r, i] = NAN
                out_hist[r, i] = NAN
                continue
            if count == first:
                sig = (sig + line) / signal
            else:
                sig = sig * keep_g + line * kg
            out_macd[r, i] = line
            out_signal[r, i] = sig
            out_hist[r, i] = line - sig


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
            gain = max(d, 0.0)
            loss = max(-d, 0.0)
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
    TA-Lib); 0 for a window of no change, where both sums restart from exactly 0. Lookback period."""
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
                if old > 0.0:
                    up -= old
                    moves -= 1
                elif old < 0.0:
                    dn += old
                    moves -= 1
            if d > 0.0:
                up += d
                moves += 1
            elif d < 0.0:
                dn -= d
                moves += 1
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
    """DPO = x[t - (period/2 + 1)] - SMA(x, period)[t] (a running sum, divided as TA-Lib).
    Lookback max(period - 1, period/2 + 1)."""
    shift = period // 2 + 1
    longest = max(period - 1, shift) + 1  # bars of the first value
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                total = 0.0
                out[r, i] = NAN
                continue
            count += 1
            if count > longest - period:  # the sum starts with its own window
                total += v
            if count >= longest:
                m = total / period
                total -= x[r, i - period + 1]
                then = x[r, i - shift]
                out[r, i] = then - m
            else:
                out[r, i] = NAN


def er(x, period, out):
    """Kaufman's efficiency ratio |x[t] - x[t-period]| / sum of |x[j] - x[j-1]| over the window
    (a running sum, the oldest change subtracted before the newest is added); 1.0 where the sum is
    <= 0 or <= the signed net change (as TA-Lib), and the sum restarts from 0 after `period`
    changes of exactly 0. Lookback period."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        total = 0.0
        null_run = 0
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
                total = 0.0
                null_run = 0
                out[r, i] = NAN
                continue
            if count > period + 1:
                a = x[r, i - period - 1]  # in double, as the change was added
                b = x[r, i - period]
                total -= abs(a - b)
            total += abs(d)
            if d == 0.0:
                null_run += 1
            else:
                null_run = 0
            if count > period + 1 and null_run >= period:
                null_run = period
                total = 0.0
            if count <= period:
                out[r, i] = NAN
                continue
            net = v - x[r, i - period]
            if total <= 0.0 or total <= net:
                out[r, i] = 1.0
            else:
                out[r, i] = abs(net / total)


def roc_sum(x, p1, p2, out):
    """COPPOCK's smoothed series: ROC(x, p1) + ROC(x, p2), each (x[t]/x[t-p] - 1)*100 and 0 where
    x[t-p] is 0. Lookback max(p1, p2)."""
    longest = max(p1, p2)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count <= longest:
                out[r, i] = NAN
                continue
            b1 = x[r, i - p1]
            b2 = x[r, i - p2]
            a1 = 0.0
            a2 = 0.0
            if b1 != 0.0:
                a1 = (v / b1 - 1.0) * 100.0
            if b2 != 0.0:
                a2 = (v / b2 - 1.0) * 100.0
            out[r, i] = a1 + a2


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
                if pc > po:
                    up -= pc - po
                    n_up -= 1
                    if n_up == 0:
                        up = 0.0
                elif po > pc:
                    dn -= po - pc
                    n_dn -= 1
                    if n_dn == 0:
                        dn = 0.0
            if c > o:
                up += c - o
                n_up += 1
            elif o > c:
                dn += o - c
                n_dn += 1
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
    flows: (2, n) doubles of scratch, the positive and negative flow of each bar. Lookback period."""
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
            money = tp * vol
            if abs(move) <= 1e-14 * scale:
                money = 0.0
            if move < 0.0:
                flows[0, i] = 0.0
                flows[1, i] = money
                neg += money
            else:
                flows[0, i] = money
                flows[1, i] = 0.0
                pos += money
            if money == 0.0:
                null_run += 1
            else:
                null_run = 0
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
        for i in range(n):
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
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                total = 0.0
            elif c > prev:
                total += c - min(prev, lo)
            elif c < prev:
                total += c - max(prev, h)
            prev = c
            out[r, i] = total
