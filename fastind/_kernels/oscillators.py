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
