"""The NumPy backend: vectorized algorithms, independent of the loop kernels on purpose, so that it
serves both as the no-compiler backend and as the oracle the compiled backends are tested against.

Every function has the kernel signature of fastind/_kernels (2-D inputs, caller-allocated outputs)
and applies the same NaN policy: each run of finite bars is computed as its own series.
"""
