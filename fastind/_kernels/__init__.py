"""One loop source per indicator family, compiled by Cython (setup.py) and by Numba (fastind._numba_loader).

Rules that keep both compilers happy and bitwise equal (see shared/DESIGN.md §2):
- every kernel takes 2-D C-contiguous arrays (rows = independent series, time on the last axis) and
  writes into caller-allocated outputs; no allocation, no raising, no Python objects, no np.* calls;
- scalar math only; missing-value test as ``v - v != 0.0`` (true for NaN and ±inf); accumulate in
  double whatever the storage dtype;
- ``NAN``, ``sqrt`` are never imported here: the .pxd declares them from <math.h> for Cython and
  the Numba loader injects ``math.nan``/``math.sqrt`` before executing the module.

NaN policy (all kernels): a bar where any input is NaN or infinite outputs NaN and restarts the
indicator, so each maximal run of finite bars is computed as its own series. With leading NaNs this
is exactly TA-Lib's behaviour; interior NaNs and infinities never yield a value computed across the
gap (TA-Lib carries an infinity through its running sums: SMA NaN, RSI 0 for ever after).
"""
