"""OBV, vectorized (NumPy backend)."""
import numpy as np

from ._runs import per_run


def _obv(close, volume):
    signed = np.sign(np.diff(close)) * volume[1:]
    return np.cumsum(np.concatenate((volume[:1], signed)))


def obv(close, volume, out):
    per_run(_obv, (close, volume), (out,))
