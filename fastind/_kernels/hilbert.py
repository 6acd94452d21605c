"""Hilbert-transform family: HT_DCPERIOD, HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE, HT_TRENDLINE
and MAMA, from one engine (Ehlers, "Rocket Science for Traders", as TA-Lib codes it; docs/hilbert.md).

Compiled by Cython with hilbert.pxd and by Numba via fastind._numba_loader. One kernel, `hilbert`,
runs the engine (the 4-bar WMA price smoother, the detrender, Q1, I1, jI, jQ, the homodyne
discriminator and the period smoothing) once per bar and writes what `mode` asks for.

TA-Lib's engine, read closely (docs/hilbert.md has the formulas and references):
- the Hilbert FIR of a series v is (0.0962 v[t] + 0.5769 v[t-2] - 0.5769 v[t-4] - 0.0962 v[t-6])
  times adj = 0.075*period[t-1] + 0.54; TA-Lib keeps the lags in "odd" and "even" circular buffers
  of 3, one per bar parity, which is the same as lags 2, 4, 6 of one history: here local scalars,
  shifted each bar, zero when the Hilbert stage starts (as TA-Lib's buffers);
- I1 is the detrender 3 bars back (zero before the stage starts), jI the FIR of I1, jQ that of Q1;
- the smoother starts at the run's first bar; the Hilbert stage starts at bar 12 (HT_DCPERIOD,
  HT_PHASOR, MAMA: first output at 32) or bar 37 (the others: first output at 63). An unstable
  period only hides more outputs (fastind._call): TA-Lib starts the recurrence at the data start
  either way;
- the DC phase is a one-frequency DFT of the last int(smoothPeriod + 0.5) smoothed prices (at most
  50; zero before the stage starts), its sines and cosines read from `table` (sin(i*2pi/N) in row N,
  cos in row 51+N, made once by fastind/_compose/hilbert.py from the same libm): TA-Lib calls sin
  and cos 2N times a bar, which is most of its 0.35 us per bar. The sum keeps TA-Lib's order (a
  flat window's DFT is rounding noise, and the phase follows it);
- the trendline averages the raw price (not the smoothed one) over the same int(smoothPeriod + 0.5)
  bars, then weights the last four averages 4, 3, 2, 1; the window sums are differences of running
  sums kept as hi + lo pairs (TA-Lib adds the window afresh each bar).
The period's chain of dependent operations (adj -> Q1 -> jQ -> I2 -> Re, Im -> atan -> the clamps ->
the next adj) is what bounds the speed; its sums are grouped so that little waits for adj (the
older lags' terms first), and the two clamps are one. This changes roundings, not results (within
~1e-15 of the scale of TA-Lib's values; TA-Lib 0.8 itself rounds some of these sums with fma()).
"""
import math

# numba executes this file as plain Python: the C math functions that hilbert.pxd declares from
# <math.h> are then Python's (the same libm), put where the jitted code looks them up
for _name in ("atan", "sin", "tan"):
    globals().setdefault(_name, getattr(math, _name))

# what `hilbert` writes (fastind/_compose/hilbert.py has the same numbers)
DCPERIOD = 0   # out0: the smoothed dominant cycle period
DCPHASE = 1    # out0: the dominant cycle phase, degrees
PHASOR = 2     # out0: I1 (in phase), out1: Q1 (quadrature)
SINE = 3       # out0: sin(phase), out1: sin(phase + 45 degrees)
TRENDMODE = 4  # iout: 1 trend, 0 cycle
TRENDLINE = 5  # out0: the instantaneous trendline
MAMA = 6       # out0: MAMA, out1: FAMA (fast, slow: the alpha limits)

# streams: this family's twins inlined into their Steps (the engine's is large; setup.py)
STREAM_INLINE = True

A = 0.0962
B = 0.5769
RAD2DEG = 57.29577951308232      # TA-Lib's 45/atan(1) (== 180/(4*atan(1)))
DEG2RAD = 0.017453292519943295   # 1/RAD2DEG
TWO_PI = 6.283185307179586        # 360/RAD2DEG
RING = 64  # ring: the smoothed-price window (50 used), stored twice (ring[j] == ring[j + RING]),
# then the running sum of the price, hi and lo parts, one ring each (ring[2*RING:4*RING])


def fir(v0, v2, v4, v6):
    """The Hilbert FIR of a series from its values 0, 2, 4 and 6 bars back, in TA-Lib's order."""
    return (((0.0 - A * v6) + A * v0) - B * v4) + B * v2


def hilbert(x, mode, fast, slow, table, ring, out0, out1, iout):
    """The engine over each row; each run of finite values is its own series (NaN out over its
    first 32 or 63 bars, and at non-finite bars; iout 0 there). `table` and `ring` (4*RING
    doubles, scratch) serve the phase and trendline modes; the outputs a mode does not write may
    be any array of their type."""
    rows = x.shape[0]
    n = x.shape[1]
    phased = mode == DCPHASE or mode == SINE or mode == TRENDMODE
    summed = mode == TRENDLINE or mode == TRENDMODE
    pair = mode == PHASOR or mode == SINE or mode == MAMA
    warm = 12
    shown = 32
    if mode != DCPERIOD and mode != PHASOR and mode != MAMA:
        warm = 37
        shown = 63
    # MAMA: alpha is fast where the phase fell by at most a degree and slow where it fell by
    # fast/slow degrees or more (TA-Lib's limits); only between does it need the phases
    # themselves. Which side a fall is on is read from the tangent of the difference, within a
    # margin of 1e-9 (the atans are then skipped: the same alpha); 0 turns this off.
    edge = max(fast / slow, 1.0)
    tan_lo = tan(DEG2RAD) * (1.0 - 1e-9)
    tan_hi = 0.0
    if edge < 80.0:
        tan_hi = tan(edge * DEG2RAD) * (1.0 + 1e-9)
    # (every state variable is set at the start of each run: these only define them)
    sub = wsum = trailing = sm = hi = lo = 0.0
    p1 = p2 = p3 = p4 = p5 = p6 = 0.0
    d1 = d2 = d3 = d4 = d5 = d6 = d7 = d8 = d9 = 0.0
    u1 = u2 = u3 = u4 = u5 = u6 = 0.0
    pq2 = pi2 = re = im = period = smp = det = q1 = pc = k0 = 0.0
    phase = sine = lead = psine = plead = last = 0.0
    it1 = it2 = it3 = trend_line = 0.0
    mama = fama = prev_ph = ratio = last_ratio = 0.0
    known = True
    days = 0
    trend = 0
    pos = 0
    for r in range(rows):
        k = 0  # bars of the current run before this one
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap, the next finite bar starts afresh
                k = 0
                if mode == TRENDMODE:
                    iout[r, i] = 0
                else:
                    out0[r, i] = NAN
                    if pair:
                        out1[r, i] = NAN
                continue
            if summed:
                # the run's running price sum as an unevaluated sum hi + lo (TwoSum), after bar k
                # at ring[2*RING + (k+1) % RING] (hi) and RING further (lo): a window sum over the
                # last `cycle` bars is then two differences, without a loop (TA-Lib adds the
                # window afresh each bar: the same sum but for a few roundings)
                if k == 0:
                    hi = 0.0
                    lo = 0.0
                    ring[2 * RING] = 0.0
                    ring[3 * RING] = 0.0
                tot = hi + v
                back = tot - hi
                lo += (hi - (tot - back)) + (v - back)
                hi = tot
                j = (k + 1) & (RING - 1)
                ring[2 * RING + j] = hi
                ring[3 * RING + j] = lo
            # the price smoother: TA-Lib's running 4-bar WMA (weights 4, 3, 2, 1, /10)
            if k < 3:
                if k == 0:
                    sub = v
                    wsum = v
                elif k == 1:
                    sub += v
                    wsum += v * 2.0
                else:
                    sub += v
                    wsum += v * 3.0
                    trailing = 0.0
                sm = 0.0
            else:
                sub += v
                sub -= trailing
                wsum += v * 4.0
                trailing = x[r, i - 3]
                sm = wsum * 0.1
                wsum -= sub
            if k == warm:  # the Hilbert stage starts: every lag, filter and average at zero
                p1 = p2 = p3 = p4 = p5 = p6 = 0.0
                d1 = d2 = d3 = d4 = d5 = d6 = d7 = d8 = d9 = 0.0
                u1 = u2 = u3 = u4 = u5 = u6 = 0.0
                pq2 = pi2 = re = im = period = smp = 0.0
                pc = 0.0
                k0 = 0.54
                phase = 0.0
                sine = lead = 0.0
                it1 = it2 = it3 = 0.0
                days = 0
                mama = fama = prev_ph = last_ratio = 0.0
                known = True  # prev_ph is the last bar's phase (TA-Lib's starts at 0)
                pos = 0
                if phased:
                    for j in range(2 * RING):
                        ring[j] = 0.0
            if k >= warm:
                # the filters are scaled by adj = 0.075*period + 0.54 of the last period, that
                # is 0.015*pc + k0 (pc: the last clamped raw period); everything is grouped so
                # that as little as possible waits for pc (the period's chain bounds the speed)
                adj = 0.015 * pc + k0
                sd = fir(sm, p2, p4, p6)
                det = sd * adj
                # Q1 = (A*det + the older lags' FIR)*adj, a polynomial in pc
                a_sd = A * sd
                cq = ((0.0 - A * d6) - B * d4) + B * d2
                q1 = ((a_sd * 0.000225) * pc) * pc + ((a_sd * (0.03 * k0) + cq * 0.015) * pc
                                                      + (a_sd * k0 + cq) * k0)
                ji = fir(d3, d5, d7, d9) * adj  # I1 = d3, the detrender 3 bars back
                # I2 = 0.2*(I1 - jQ) + 0.8*I2[t-1], jQ = (A*Q1 + the older lags' FIR)*adj;
                # Q2 = 0.2*(Q1 + jI) + 0.8*Q2[t-1]
                cj = ((0.0 - A * u6) - B * u4) + B * u2
                i2 = ((0.2 * d3 + 0.8 * pi2) - (0.2 * cj) * adj) - ((0.2 * A) * adj) * q1
                q2r = (0.2 * ji) + 0.8 * pq2  # Q2 less 0.2*Q1
                q2 = 0.2 * q1 + q2r
                if mode == MAMA:
                    # alpha from the fall of the phase atan(Q1/I1) (degrees, 0 where I1 is 0):
                    # fast / the fall, limited to fast..slow (fast where it fell by a degree or
                    # less)
                    ratio = 0.0
                    exact = True
                    if d3 != 0.0:
                        ratio = q1 / d3
                        if tan_hi > 0.0 and last_ratio != 0.0:
                            # tan(last phase - phase) = s / c, the fall's angle that of (c, s)
                            s = last_ratio - ratio
                            c = 1.0 + last_ratio * ratio
                            if s - s == 0.0 and c - c == 0.0:
                                if s <= 0.0 or (c > 0.0 and s < c * tan_lo):
                                    exact = False
                                    alpha = fast
                                elif c <= 0.0 or s > c * tan_hi:
                                    exact = False
                                    alpha = slow
                    if exact:
                        if not known:
                            prev_ph = 0.0
                            if last_ratio != 0.0:
                                prev_ph = atan(last_ratio) * RAD2DEG
                        ph = 0.0
                        if d3 != 0.0:
                            ph = atan(ratio) * RAD2DEG
                        delta = prev_ph - ph
                        prev_ph = ph
                        alpha = fast / max(delta, 1.0)
                        alpha = max(alpha, slow if delta > 1.0 else alpha)
                    known = exact
                    last_ratio = ratio
                    mama = alpha * v + (1.0 - alpha) * mama
                    alpha *= 0.5
                    fama = alpha * mama + (1.0 - alpha) * fama
                # the homodyne discriminator, then the period: limited to 0.67..1.5 times the
                # last one and to 6..50, smoothed twice
                # Re = 0.2*(I2*I2[t-1] + Q2*Q2[t-1]) + 0.8*Re[t-1], Im = 0.2*(I2*Q2[t-1] -
                # Q2*I2[t-1]) + 0.8*Im[t-1], with Q2 through Q1 (Q2 is ready later)
                re = (0.2 * pi2) * i2 + ((0.04 * pq2) * q1 + ((0.2 * pq2) * q2r + 0.8 * re))
                im = (0.2 * pq2) * i2 + ((0.8 * im - (0.2 * pi2) * q2r) - (0.04 * pi2) * q1)
                pq2 = q2
                pi2 = i2
                last = period
                # TA-Lib limits the period to 0.67..1.5 times the last, then to 6..50: one clamp
                # to those bounds clamped to 6..50 (the same selections), set up off the chain
                lo2 = min(max(0.67 * last, 6.0), 50.0)
                hi2 = min(max(1.5 * last, 6.0), 50.0)
                pc = last
                if im != 0.0 and re != 0.0:
                    pc = TWO_PI / atan(im / re)  # 360 / the phase step in degrees
                pc = max(min(pc, hi2), lo2)
                k0 = 0.06 * last + 0.54
                period = 0.2 * pc + 0.8 * last
                smp = 0.33 * period + 0.67 * smp
                cycle = int(smp + 0.5)  # the dominant cycle in whole bars, 0..50
                if phased:
                    ring[pos] = sm
                    ring[pos + RING] = sm
                    last = phase
                    real = 0.0
                    imag = 0.0
                    for j in range(cycle):
                        w = ring[pos + RING - j]
                        real += table[cycle, j] * w
                        imag += table[51 + cycle, j] * w
                    if abs(imag) > 0.0:
                        phase = atan(real / imag) * RAD2DEG
                    elif real < 0.0:  # imag == 0 (or NaN): TA-Lib turns the last phase
                        phase -= 90.0
                    elif real > 0.0:
                        phase += 90.0
                    phase += 90.0
                    phase += 360.0 / smp  # the WMA's lag of one bar
                    if imag < 0.0:
                        phase += 180.0
                    if phase > 315.0:
                        phase -= 360.0
                    pos = (pos + 1) & (RING - 1)
                    if mode == TRENDMODE:
                        psine = sine
                        plead = lead
                        sine = sin(phase * DEG2RAD)
                        lead = sin((phase + 45.0) * DEG2RAD)
                if summed:
                    avg = 0.0
                    if cycle > 0:  # cycle <= k + 1: the run has those bars
                        j = (k + 1 - cycle) & (RING - 1)
                        avg = ((hi - ring[2 * RING + j]) + (lo - ring[3 * RING + j])) / cycle
                    trend_line = (4.0 * avg + 3.0 * it1 + 2.0 * it2 + it3) / 10.0
                    it3 = it2
                    it2 = it1
                    it1 = avg
                if mode == TRENDMODE:
                    # a trend unless the sine lines crossed less than half a cycle ago or the
                    # phase advances at the cycle's rate; always a trend 1.5% off the trendline
                    trend = 1
                    if (sine > lead and psine <= plead) or (sine < lead and psine >= plead):
                        days = 0
                        trend = 0
                    days += 1
                    if days < 0.5 * smp:
                        trend = 0
                    delta = phase - last
                    if smp != 0.0 and (delta > 0.67 * 360.0 / smp and delta < 1.5 * 360.0 / smp):
                        trend = 0
                    if trend_line != 0.0 and abs((sm - trend_line) / trend_line) >= 0.015:
                        trend = 1
            if k < shown:
                if mode == TRENDMODE:
                    iout[r, i] = 0
                else:
                    out0[r, i] = NAN
                    if pair:
                        out1[r, i] = NAN
            elif mode == DCPERIOD:
                out0[r, i] = smp
            elif mode == DCPHASE:
                out0[r, i] = phase
            elif mode == PHASOR:
                out0[r, i] = d3  # I1
                out1[r, i] = q1
            elif mode == SINE:
                out0[r, i] = sin(phase * DEG2RAD)
                out1[r, i] = sin((phase + 45.0) * DEG2RAD)
            elif mode == TRENDMODE:
                iout[r, i] = trend
            elif mode == TRENDLINE:
                out0[r, i] = trend_line
            else:
                out0[r, i] = mama
                out1[r, i] = fama
            if k >= warm:  # the lags move on
                p6, p5, p4, p3, p2, p1 = p5, p4, p3, p2, p1, sm
                d9, d8, d7, d6, d5, d4, d3, d2, d1 = d8, d7, d6, d5, d4, d3, d2, d1, det
                u6, u5, u4, u3, u2, u1 = u5, u4, u3, u2, u1, q1
            k += 1
