"""Volatility family (ranges): ADR, CVI, MASSI, NATR's scaling, RVI's smoothing.

Compiled by Cython with ranges.pxd and by Numba via fastind._numba_loader; NAN comes from there.
Plain bar loops, one NaN test per bar; a NaN or infinite input is a gap that restarts the
indicator. Where a kernel needs a value from earlier bars that it cannot recompute (an EMA, a
ratio), the composition in fastind/_compose/volatility.py hands it a double scratch array.
"""

RESUM = 4096  # bars between fresh summations of ADR's running window sum
BLOCK = 256  # bars per optimistic block in steady state (even)


def adr(high, low, period, out):
    """Average day range: the mean of high - low over the last `period` bars (TA-Lib's SMA of the
    range: running sum, the new range added, the mean taken, the leaving range subtracted),
    summed afresh from the window every RESUM bars. Lookback period-1.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step: the
    carried sum takes one add per two bars, s += (a - a_old) + (b - b_old), the means are taken
    off that path (times 1/period). A NaN or infinite high or low makes the sum non-finite: the
    block is then redone bar by bar."""
    resum = max(RESUM, period)
    inv = 1.0 / period
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        s = 0.0
        i = 0
        while i < n:
            if count >= period and i + BLOCK <= n:
                saved = s
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, all: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    w0 = j - period + 1
                    w1 = j - period + 2
                    h = high[r, u]
                    lo = low[r, u]
                    a = h - lo
                    h = high[r, u1]
                    lo = low[r, u1]
                    b = h - lo
                    hj = high[r, w0]
                    lj = low[r, w0]
                    a_old = hj - lj
                    hj = high[r, w1]
                    lj = low[r, w1]
                    b_old = hj - lj
                    out[r, u] = (s + a) * inv
                    out[r, u1] = (s + ((a - a_old) + b)) * inv
                    s += (a - a_old) + (b - b_old)
                if s - s == 0.0:
                    count += BLOCK
                    i += BLOCK
                    since += BLOCK
                    if since >= resum:  # the next window's first period-1 bars summed afresh
                        since = 0
                        s = 0.0
                        for j in range(i - period + 1, i):
                            hj = high[r, j]
                            lj = low[r, j]
                            s += hj - lj
                    continue
                s = saved
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                count = 0
                s = 0.0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            s += h - lo
            if count < period:
                out[r, i] = NAN
                i += 1
                continue
            out[r, i] = s / period
            since += 1
            if since >= resum:  # the next window (i - period + 2 .. i + 1) is summed afresh
                since = 0
                s = 0.0
                for j in range(i - period + 2, i + 1):
                    hj = high[r, j]
                    lj = low[r, j]
                    s += hj - lj
            else:
                j = i - period + 1
                hj = high[r, j]
                lj = low[r, j]
                s -= hj - lj
            i += 1


def cvi(high, low, period, roc, ema, out):
    """Chaikin volatility: 100 * (E[t] - E[t-roc]) / E[t-roc] with E the EMA(period) of high - low
    (seeded by the mean of the first `period` ranges, then beta*E + k*range with beta =
    (period-1)/(period+1), k = 1 - beta, TA-Lib's form less its fma); 0 where E[t-roc] is 0.
    `ema` is a double scratch array of the inputs' shape (the lagged E). Lookback
    period - 1 + roc."""
    beta = (period - 1.0) / (period + 1.0)
    k = 1.0 - beta
    if beta < 0.5:
        beta = 1.0 - k
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        s = 0.0
        e = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                count = 0
                s = 0.0
                out[r, i] = NAN
                continue
            count += 1
            if count < period:
                s += h - lo
                out[r, i] = NAN
                continue
            if count == period:
                s += h - lo
                e = s / period
            else:
                e = beta * e + k * (h - lo)
            ema[r, i] = e
            if count < period + roc:
                out[r, i] = NAN
                continue
            lag = ema[r, i - roc]
            if lag != 0.0:
                out[r, i] = 100.0 * ((e - lag) / lag)
            else:
                out[r, i] = 0.0


def massi(high, low, fast, slow, skip, ratio, out):
    """Mass index: the sum over `slow` bars of E1 / E2 (1 where E2 is 0), E1 the EMA(fast) of
    high - low and E2 the EMA(fast) of E1, each seeded by the mean of its first `fast` inputs;
    E2 starts at E1's lookback (fast - 1 + skip, `skip` TA-Lib's EMA unstable period, which
    TA-Lib's MASSI lets move its second seed). `ratio` is a double scratch array of the inputs'
    shape (the ratio leaving the window). TA-Lib's running total: the new ratio added, the sum
    taken, the oldest subtracted. Lookback 2 * (fast - 1 + skip) + slow - 1."""
    beta = (fast - 1.0) / (fast + 1.0)
    k = 1.0 - beta
    beta = 1.0 - k
    lbe = fast - 1 + skip
    first = 2 * lbe
    last = first + slow - 1
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        m = 0
        s1 = 0.0
        s2 = 0.0
        e1 = 0.0
        e2 = 0.0
        total = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            if (h - h) + (lo - lo) != 0.0:
                m = 0
                s1 = 0.0
                s2 = 0.0
                total = 0.0
                out[r, i] = NAN
                continue
            hl = h - lo
            if m < fast:
                s1 = s1 + hl
                if m == fast - 1:
                    e1 = s1 / fast
            else:
                e1 = beta * e1 + k * hl
            if m >= lbe:
                if m - lbe < fast:
                    s2 = s2 + e1
                    if m - lbe == fast - 1:
                        e2 = s2 / fast
                else:
                    e2 = beta * e2 + k * e1
            if m >= first:
                if e2 == 0.0:
                    q = 1.0
                else:
                    q = e1 / e2
                ratio[r, i] = q
                total = total + q
            if m >= last:
                out[r, i] = total
                total = total - ratio[r, i - slow + 1]
            else:
                out[r, i] = NAN
            m += 1


def block_range(h, lo, prev):
    """max(h, prev) - min(lo, prev): the true range where h >= lo, bit for bit (ATR's block form,
    see fastind/_kernels/volatility.py); the blocks that use it test h >= lo. The difference is
    taken in double (float32 inputs: a float32 difference is rounded, 1.06 ulps of NATR on
    zero-mean data, tests/test_backends_agree.py)."""
    return max(h, prev) - min(lo, prev) * 1.0


def natr(high, low, close, period, out):
    """NATR = ATR / close * 100 in one pass (0 where the close is 0): the true range from each
    run's second bar, its Wilder average seeded by the mean of the first `period` of them, then
    ATR = ATR*(1 - 1/period) + TR/period (the ATR kernel's form, TA-Lib 0.6's). Period 1: TA-Lib
    returns the true range itself, unscaled. Lookback period.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step (the
    ATR kernel's: ATR[t+1] = ATR[t-1]*keep^2 + (TR[t]*k*keep + TR[t+1]*k)); a block that met a
    NaN or infinite input, a high below its low or a zero close is redone bar by bar. One division
    per two bars: 100 / (c[t] * c[t+1])."""
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
            if count > period and period > 1 and i + BLOCK <= n:
                saved = s
                # zeros of the input's type (see volatility.atr); NaN where close[i] is not
                # finite, which redoes the block
                z0 = close[r, i] - close[r, i]
                z1 = z0  # the least h - lo
                z2 = 1e300  # the least |c[t] * c[t+1]|
                pb = close[r, i - 1]
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    hb = high[r, u]
                    lb = low[r, u]
                    cb = close[r, u]
                    hb1 = high[r, u1]
                    lb1 = low[r, u1]
                    a = block_range(hb, lb, pb) * k
                    b = block_range(hb1, lb1, cb) * k
                    z1 = min(z1, min(hb - lb, hb1 - lb1))
                    pb = close[r, u1]
                    # one division for the two bars: 100 / (c[t] * c[t+1]) (the product
                    # normal and finite, z2 and z0: a NaN/inf close or an overflow redoes the
                    # block, as does a product under 1e-290, a zero close among them)
                    p = cb * (pb * 1.0)  # in double (float32 inputs: their product exact)
                    z0 += p
                    z2 = min(z2, abs(p))
                    q = 100.0 / p
                    t = s * keep + a
                    s = s * keep2 + (a * keep + b)
                    out[r, u] = t * pb * q
                    out[r, u1] = s * cb * q
                if z0 - z0 == 0.0 and s - s == 0.0 and z1 >= 0.0 and z2 > 1e-290:
                    prev = pb
                    count += BLOCK
                    i += BLOCK
                    continue
                s = saved
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:
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
            tr = max(max(h - lo, abs(prev - h)), abs(prev - lo))
            prev = c
            m = count - 1
            if period == 1:
                out[r, i] = tr
                i += 1
                continue
            if m < period:
                s += tr
                out[r, i] = NAN
                i += 1
                continue
            if m == period:
                s = (s + tr) / period
            else:
                s = s * keep + tr * k
            if c == 0.0:
                out[r, i] = 0.0
            else:
                out[r, i] = (s / c) * 100.0
            i += 1


def natr_scale(close, out):
    """NATR from ATR in place: out = out / close * 100, 0 where the close is 0 (NaN stays NaN)."""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        for i in range(n):
            a = out[r, i]
            c = close[r, i]
            if (a - a) + (c - c) != 0.0:
                out[r, i] = NAN
            elif c == 0.0:
                out[r, i] = 0.0
            else:
                out[r, i] = (a / c) * 100.0


def rvi(x, std, period, out):
    """Relative volatility index from the population standard deviations `std` of x (double, NaN
    over their lookback): each bar's std goes to the up leg when x rose, to the down leg when it
    fell (neither on a tie); both legs Wilder-smoothed (seeded by the mean of the first `period`
    bars, then beta*leg + alpha*value, beta = (period-1)/period, alpha = 1 - beta); RVI = 100 *
    up / (up + down), 50 where both are 0. Lookback (std's) + period - 1.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step
    (L[t+1] = L[t-1]*beta^2 + (alpha*beta*value[t] + alpha*value[t+1]) on each leg), the legs
    chosen without branches (a rise or a fall is a coin flip); the inputs' sum checks the block
    (a NaN x would only drop out of the comparisons), which is redone bar by bar where it is not
    finite."""
    beta = (period - 1.0) / period
    alpha = 1.0 - beta
    beta2 = beta * beta
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        m = 0
        up = 0.0
        dn = 0.0
        i = 0
        while i < n:
            if m > period and i + BLOCK <= n:
                saved_u = up
                saved_d = dn
                z0 = 0.0
                p = x[r, i - 1]
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    v0 = x[r, u]
                    v1 = x[r, u1]
                    s0 = std[r, u]
                    s1 = std[r, u1]
                    z0 += (v0 + v1) + (s0 + s1)
                    a_up = s0 if v0 > p else 0.0
                    a_dn = s0 if v0 < p else 0.0
                    b_up = s1 if v1 > v0 else 0.0
                    b_dn = s1 if v1 < v0 else 0.0
                    p = v1
                    a_up = alpha * a_up
                    a_dn = alpha * a_dn
                    t_up = up * beta + a_up
                    t_dn = dn * beta + a_dn
                    up = up * beta2 + (a_up * beta + alpha * b_up)
                    dn = dn * beta2 + (a_dn * beta + alpha * b_dn)
                    total = t_up + t_dn
                    q0 = 100.0 * (t_up / total)
                    if total == 0.0:
                        q0 = 50.0
                    total = up + dn
                    q1 = 100.0 * (up / total)
                    if total == 0.0:
                        q1 = 50.0
                    out[r, u] = q0
                    out[r, u1] = q1
                if z0 - z0 == 0.0:
                    m += BLOCK
                    i += BLOCK
                    continue
                up = saved_u
                dn = saved_d
            v = x[r, i]
            sigma = std[r, i]
            if (v - v) + (sigma - sigma) != 0.0:
                m = 0
                up = 0.0
                dn = 0.0
                out[r, i] = NAN
                i += 1
                continue
            m += 1
            prev = x[r, i - 1]
            delta = v - prev
            upv = 0.0
            dnv = 0.0
            if delta > 0.0:
                upv = sigma
            elif delta < 0.0:
                dnv = sigma
            if m < period:
                up += upv
                dn += dnv
                out[r, i] = NAN
                i += 1
                continue
            if m == period:
                up = (up + upv) / period
                dn = (dn + dnv) / period
            else:
                up = beta * up + alpha * upv
                dn = beta * dn + alpha * dnv
            total = up + dn
            if total == 0.0:
                out[r, i] = 50.0
            else:
                out[r, i] = 100.0 * (up / total)
            i += 1
