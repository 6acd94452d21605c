"""The Hilbert-transform family's computes: each calls the one engine kernel, hilbert.hilbert, with
its mode (fastind/_kernels/hilbert.py), the sine/cosine table of the DC phase (made once) and a
scratch ring of 4*64 doubles for the last smoothed prices and the running price sums (allocated
here: kernels allocate nothing). docs/hilbert.md describes the algorithm."""
import math
import threading

import numpy as np

# the kernel's modes (fastind/_kernels/hilbert.py)
DCPERIOD, DCPHASE, PHASOR, SINE, TRENDMODE, TRENDLINE, MAMA = range(7)
RING = 64

_lock = threading.Lock()
_table = None
_dummies = {}


def phase_table():
    """sin(i*2pi/N) in row N, cos(i*2pi/N) in row 51+N (i < N <= 50): TA-Lib's
    sin((double)i * constDeg2RadBy360 / (double)N) with constDeg2RadBy360 = atan(1)*8, from the
    same libm (Python's math), made once."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                two_pi = math.atan(1) * 8.0
                table = np.zeros((102, 50))
                for cycle in range(1, 51):
                    for i in range(cycle):
                        angle = float(i) * two_pi / float(cycle)
                        table[cycle, i] = math.sin(angle)
                        table[51 + cycle, i] = math.cos(angle)
                table.flags.writeable = False
                _table = table
    return _table


def _dummy(dtype):
    """A 1x1 array of `dtype` for the outputs a mode does not write (never written)."""
    key = np.dtype(dtype).char
    dummy = _dummies.get(key)
    if dummy is None:
        dummy = _dummies[key] = np.zeros((1, 1), dtype)
    return dummy


def run(be, t, x, mode, out0, out1=None, iout=None, fast=0.5, slow=0.05):
    """hilbert.hilbert(x, mode, ...) into the given outputs (the others: dummies)."""
    if out0 is None:
        out0 = _dummy(x.dtype)
    if out1 is None:
        out1 = _dummy(x.dtype)
    if iout is None:
        iout = _dummy(np.int32)
    ring = np.empty(4 * RING)
    be.kernels[t]["hilbert.hilbert"](x, mode, fast, slow, phase_table(), ring, out0, out1, iout)


def ht_dcperiod(be, t, arrays, params, outs):
    run(be, t, arrays[0], DCPERIOD, outs[0])


def ht_dcphase(be, t, arrays, params, outs):
    run(be, t, arrays[0], DCPHASE, outs[0])


def ht_phasor(be, t, arrays, params, outs):
    run(be, t, arrays[0], PHASOR, outs[0], outs[1])


def ht_sine(be, t, arrays, params, outs):
    run(be, t, arrays[0], SINE, outs[0], outs[1])


def ht_trendmode(be, t, arrays, params, outs):
    run(be, t, arrays[0], TRENDMODE, None, None, outs[0])


def ht_trendline(be, t, arrays, params, outs):
    run(be, t, arrays[0], TRENDLINE, outs[0])


def mama(be, t, arrays, params, outs):
    fast, slow = params
    run(be, t, arrays[0], MAMA, outs[0], outs[1], fast=fast, slow=slow)


def mama_line(be, t, x, out, fast=0.5, slow=0.05):
    """MAMA alone (MA_Type 7: fastind._compute.moving_average), FAMA into a scratch."""
    run(be, t, x, MAMA, out, np.empty_like(out), fast=fast, slow=slow)
