"""Directional movement family: PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR.

Compiled by Cython with directional.pxd and by Numba via fastind._numba_loader; NAN comes from there.

One engine (`directional`) steps Wilder's directional movement for all seven: per bar

    up = high - high[-1], down = low[-1] - low
    +DM = up where up > max(down, 0), else 0;  -DM = down where down > max(up, 0), else 0
    TR  = max(high - low, |high - close[-1]|, |low - close[-1]|)

and each of +DM, -DM, TR is Wilder-smoothed as TA-Lib does: the plain sum of its first period-1
values (bars 1 .. period-1 of a run), then S = S - S/period + x (carried as S*(1 - 1/period) + x:
one multiply and one add on the loop-carried path instead of a division). The kernels differ only
in what they write (`mode`, a constant at each call site, which the C compiler folds):

    0 +DM, 1 -DM   S itself, from bar period-1 (bar 1 when period is 1)
    2 +DI, 3 -DI   100 * S(DM)/S(TR), 0 where S(TR) is 0, from bar period; period 1: DM/TR with
                   no factor 100 (TA-Lib's own special case)
    4 DX           100 * |S(-DM) - S(+DM)| / (S(-DM) + S(+DM)) (the DIs' ratio: their S(TR)
                   cancels, one division a bar), from bar period; where S(TR) or the sum is 0 the
                   previous DX is repeated (0 at the first bar), as TA-Lib
    5 ADX          the mean of the first `period` defined DX (bars period .. 2*period-1, divided by
                   period), then ADX = (ADX*(period-1) + DX)/period, left as it is where DX is
                   undefined; from bar 2*period-1

ADXR = (ADX[t] + ADX[t-period+1]) / 2 is the ADX kernel, then lag_mean over its values.
TA-Lib's unstable periods (ids ADX, DX, PLUS_DI, ...) only hide the first values of each run: the
call path does that (the recurrences start at the run's first bar either way).
"""


def directional(high, low, close, period, mode, out):
    """The engine (see the module docstring); `close` is only read for the TR (the DM kernels
    pass `high` again)."""
    inv = 1.0 / period
    keep = 1.0 - inv
    scale = 100.0 if period > 1 else 1.0
    first = period
    if mode < 2:
        first = period - 1 if period > 1 else 1
    elif mode == 5:
        first = 2 * period - 1
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        k = -1  # the bar's index in its run of valid bars
        ph = 0.0
        pl = 0.0
        pc = 0.0
        sp = 0.0
        sm = 0.0
        st = 0.0
        dxv = 0.0
        adxv = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (h - h) + (lo - lo) + (c - c) != 0.0:  # any NaN or infinite: a gap
                k = -1
                out[r, i] = NAN
                continue
            k += 1
            if k == 0:
                ph = h
                pl = lo
                pc = c
                sp = 0.0
                sm = 0.0
                st = 0.0
                dxv = 0.0
                adxv = 0.0
                out[r, i] = NAN
                continue
            up = h - ph
            down = pl - lo
            # up > max(down, 0) selects up, written without a branch (random data would
            # mispredict it half the time): max(up, 0) times the comparison's 0 or 1
            plus = max(up, 0.0)
            minus = max(down, 0.0)
            plus = plus if up > down else 0.0
            minus = minus if down > up else 0.0
            if mode >= 2:
                tr = max(max(h - lo, abs(h - pc)), abs(lo - pc))
            else:
                tr = 0.0
            ph = h
            pl = lo
            pc = c
            if k < period:
                sp += plus
                sm += minus
                st += tr
            else:
                sp = sp * keep + plus
                sm = sm * keep + minus
                st = st * keep + tr
            if k < first and mode != 5:
                out[r, i] = NAN
                continue
            if mode == 0:
                out[r, i] = sp
            elif mode == 1:
                out[r, i] = sm
            elif mode == 2:
                out[r, i] = scale * (sp / st) if st != 0.0 else 0.0
            elif mode == 3:
                out[r, i] = scale * (sm / st) if st != 0.0 else 0.0
            else:
                s = sm + sp
                defined = st != 0.0 and s != 0.0
                if defined:
                    dxv = 100.0 * (abs(sm - sp) / s)
                if mode == 4:
                    out[r, i] = dxv
                elif k < period:
                    out[r, i] = NAN
                elif k < first:
                    if defined:
                        adxv += dxv
                    out[r, i] = NAN
                elif k == first:
                    if defined:
                        adxv += dxv
                    adxv = adxv * inv
                    out[r, i] = adxv
                else:
                    if defined:
                        adxv = adxv * keep + dxv * inv
                    out[r, i] = adxv


def plus_dm(high, low, period, out):
    """+DM Wilder-smoothed (TA-Lib PLUS_DM). Lookback period-1 (1 for period 1)."""
    directional(high, low, high, period, 0, out)


def minus_dm(high, low, period, out):
    """-DM Wilder-smoothed (TA-Lib MINUS_DM). Lookback period-1 (1 for period 1)."""
    directional(high, low, high, period, 1, out)


def plus_di(high, low, close, period, out):
    """+DI = 100 * S(+DM)/S(TR) (TA-Lib PLUS_DI). Lookback period (1 for period 1)."""
    directional(high, low, close, period, 2, out)


def minus_di(high, low, close, period, out):
    """-DI = 100 * S(-DM)/S(TR) (TA-Lib MINUS_DI). Lookback period (1 for period 1)."""
    directional(high, low, close, period, 3, out)


def dx(high, low, close, period, out):
    """DX = 100 * |-DI - +DI| / (-DI + +DI) (TA-Lib DX). Lookback period."""
    directional(high, low, close, period, 4, out)


def adx(high, low, close, period, out):
    """ADX: Wilder's average of DX (TA-Lib ADX). Lookback 2*period-1."""
    directional(high, low, close, period, 5, out)


def lag_mean(x, lag, out):
    """out[t] = (x[t] + x[t-lag]) / 2: ADXR from ADX (TA-Lib ADXR, lag = period - 1). NaN where
    either is NaN (ADX's own lookback and gaps give ADXR's) and over the row's first `lag` bars."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        for i in range(n):
            if i >= lag:
                out[r, i] = (x[r, i] + x[r, i - lag]) / 2.0
            else:
                out[r, i] = NAN
