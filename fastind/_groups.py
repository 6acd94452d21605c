"""One indicator over the segments of a long column (one symbol's rows each): what the polars
namespace and fastind.features share."""
import numpy as np


def over_segments(func, arrays, edges, values, n_out):
    """func over each segment [edges[k], edges[k + 1]) of the 1-D `arrays` as its own series:
    one 2-D call (the columns reshaped, no copy) when every segment has as many rows, else a
    call per segment. The outputs as long columns (a tuple of them when n_out > 1)."""
    lengths = np.diff(edges)
    if len(lengths) and (lengths == lengths[0]).all():
        result = func(*[a.reshape(len(lengths), -1) for a in arrays], **values)
        return tuple(r.reshape(-1) for r in result) if n_out > 1 else result.reshape(-1)
    outs = None
    for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist()):
        part = func(*[a[lo:hi] for a in arrays], **values)
        part = part if n_out > 1 else (part,)
        if outs is None:
            outs = [np.empty(len(arrays[0]), p.dtype) for p in part]
        for o, p in zip(outs, part):
            o[lo:hi] = p
    return tuple(outs) if n_out > 1 else outs[0]
