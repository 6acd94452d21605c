"""CUMSUM, SUM and the index steps of MAXINDEX/MININDEX/MINMAXINDEX, vectorized (NumPy backend)."""
import numpy as np

from ._runs import nan_array, per_run, valid_runs, window_sums


def cumsum(x, out):
    per_run(np.cumsum, (x,), (out,))


def _window_sum(x, period):
    out = nan_array(x.shape[0])
    if x.shape[0] >= period:
        out[period - 1:] = window_sums(x, period)
    return out


def rolling_sum(x, period, out):
    per_run(lambda v: _window_sum(v, period), (x,), (out,))


def _extreme_indices(v, m, period):
    """TA-Lib's index of the extreme value of each full window of v (m: the window highs or lows,
    from period-1 on), as positions in v. Neither a loop nor a rescan:

    - f[k], l[k]: the first and the last position of the window ending at k that holds m[k],
      found by binary search among the positions of equal values (sorted by (value, position));
    - TA-Lib's index is always one of them: l[k] after it moved to a newest value >= (<=) the
      kept one, f[k] after its kept index left the window (a rescan picks the oldest). Which one is
      a two-state automaton whose step at k is "reset to f" (the kept index left: it was f[k-1]
      and f[k-1] == l[k-1] == k-period in state l, f[k-1] == k-period in state f), "set to l"
      (no rescan and v[k] == m[k]) or "keep"; a forward fill of the last reset or set gives it."""
    n = v.shape[0]
    ends = np.arange(period - 1, n)
    values, rank = np.unique(v, return_inverse=True)
    rank = rank.reshape(-1).astype(np.int64)
    keys = np.sort(rank * n + np.arange(n))
    wanted = np.searchsorted(values, m[period - 1:]).astype(np.int64) * n
    first = keys[np.searchsorted(keys, wanted + (ends - period + 1))] % n
    last = keys[np.searchsorted(keys, wanted + ends, side="right") - 1] % n
    # the step at each full window: 0 reset to first, 1 set to last, -1 keep (the first: a reset)
    step = np.full(ends.shape[0], -1)
    step[0] = 0
    leaving = ends[1:] - period  # the bar that leaves the window at this step
    left_f = first[:-1] == leaving
    left_l = left_f & (last[:-1] == leaving)
    step[1:][~left_f & (v[ends[1:]] == m[ends[1:]])] = 1
    step[1:][left_l] = 0
    since = np.maximum.accumulate(np.where(step >= 0, np.arange(step.shape[0]), 0))
    return np.where(step[since] == 0, first, last)


def extreme_index(x, extreme, period, out):
    """MAXINDEX (extreme: the window highs) or MININDEX (the lows): the same steps either way."""
    for r in range(x.shape[0]):
        out[r] = 0
        row = x[r].astype(np.float64)
        m = extreme[r].astype(np.float64)
        for start, end in valid_runs(row):
            if end - start >= period:
                found = _extreme_indices(row[start:end], m[start:end], period)
                out[r, start + period - 1:end] = start + found


def extreme_indexes(x, low, high, period, out_low, out_high):
    extreme_index(x, low, period, out_low)
    extreme_index(x, high, period, out_high)
