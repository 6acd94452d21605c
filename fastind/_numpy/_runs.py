"""Shared vectorized machinery: valid-run splitting, compensated prefix sums, blocked linear filter."""
import numpy as np


def true_runs(mask):
    """(start, end) pairs of the maximal runs of True in a 1-D boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    return edges.reshape(-1, 2)


def valid_runs(*rows):
    """(start, end) pairs of the maximal runs where every 1-D array in `rows` is finite: NaN and
    ±inf are gaps alike."""
    valid = np.isfinite(rows[0])
    for row in rows[1:]:
        valid &= np.isfinite(row)
    return true_runs(valid)


def per_run(func, inputs, outputs, fill=np.nan):
    """For each row and each valid run, write func(*run_slices_as_float64) into the outputs.

    func returns one array (or a tuple, one per output) as long as the run."""
    for r in range(inputs[0].shape[0]):
        rows = [x[r] for x in inputs]
        for out in outputs:
            out[r] = fill
        for start, end in valid_runs(*rows):
            result = func(*(row[start:end].astype(np.float64) for row in rows))
            if not isinstance(result, tuple):
                result = (result,)
            # a float64 result beyond float32's range becomes inf, as the compiled backends
            # store it, without numpy's cast warning
            with np.errstate(over="ignore"):
                for out, res in zip(outputs, result):
                    out[r, start:end] = res


def nan_array(n):
    return np.full(n, np.nan)


def window_sums(x, period):
    """Sums of every `period`-window of x (len(x)-period+1 of them) from a compensated prefix sum:
    np.cumsum's rounding error at each step is recovered exactly (TwoSum) and summed separately."""
    s = np.cumsum(x)
    a, b, t = s[:-1], x[1:], s[1:]
    bp = t - a
    err = (a - (t - bp)) + (b - bp)
    lo = np.concatenate(([0.0], np.cumsum(err)))
    s = np.concatenate(([0.0], s))
    lo = np.concatenate(([0.0], lo))
    return (s[period:] - s[:-period]) + (lo[period:] - lo[:-period])


def linear_filter(b, a, y0, block=128):
    """y[t] = a*y[t-1] + b[t] with y[-1] = y0, for a constant 0 <= a < 1.

    Blocked: within a block the solution from a zero start is one matrix product with the Toeplitz
    matrix of powers of a; the block end values obey the same recurrence with a**block, solved by
    recursion; each block then adds its incoming value times a**(k+1)."""
    n = b.shape[0]
    if n == 0:
        return b.copy()
    if n <= block:
        block = n
    nblocks = -(-n // block)
    padded = np.zeros(nblocks * block)
    padded[:n] = b
    k = np.arange(block)
    lag = k[:, None] - k[None, :]
    toeplitz = np.where(lag >= 0, a ** np.maximum(lag, 0), 0.0)
    z = padded.reshape(nblocks, block) @ toeplitz.T
    if nblocks == 1:
        incoming = np.array([y0])
    else:
        ends = linear_filter(z[:-1, -1], a ** block, y0, block)
        incoming = np.concatenate(([y0], ends))
    y = z + incoming[:, None] * (a ** (k + 1))[None, :]
    return y.ravel()[:n]


def stacked(kernel):
    """A kernel of three output lines as its `_stacked` twin: the last argument one block of
    3*rows rows, split into the three lines (see fastind._inputs.fresh_plain_py)."""
    def run(*args):
        *head, block = args
        rows = len(block) // 3
        kernel(*head, block[:rows], block[rows:2 * rows], block[2 * rows:])

    run.__name__ = kernel.__name__ + "_stacked"
    return run
