"""Volume compositions: PVO (two moving averages of any MA type, then their percentage)."""
import numpy as np

from .._compute import moving_average
from .._registry.lookbacks import DEFAULT, EMA


def pvo(be, t, arrays, params, outs):
    """PVO: the fast and the slow MA of the volume (`matype`, through the one MA dispatch), then
    (fast - slow) / slow * 100. TA-Lib swaps the periods when slow < fast, and takes MA_Type
    DEFAULT (11) as PVO's default, EMA."""
    if t != "d":  # float32: both averages in double, the result rounded once (their difference
        # cancels: averages stored in float32 would leave thousands of ulps in it)
        result = np.empty(outs[0].shape, np.float64)
        pvo(be, "d", (arrays[0].astype(np.float64),), params, (result,))
        outs[0][...] = result
        return
    fast, slow, matype = params
    if matype == DEFAULT:  # TA-Lib's PVO reads MA_Type DEFAULT as its own default, EMA (MA: SMA)
        matype = EMA
    if slow < fast:
        fast, slow = slow, fast
    volume = arrays[0]
    fast_ma = np.empty_like(outs[0])
    slow_ma = np.empty_like(outs[0])
    moving_average(be, t, volume, fast, matype, fast_ma)
    moving_average(be, t, volume, slow, matype, slow_ma)
    be.kernels[t]["flows.percent_oscillator"](fast_ma, slow_ma, outs[0])
