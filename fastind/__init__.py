"""fastind: technical indicators with TA-Lib's numbers, compiled three ways.

    >>> import fastind as fi
    >>> fi.sma([1, 2, 3, 4], period=2)
    array([nan, 1.5, 2.5, 3.5])

Backends: cython (compiled kernels, the default), numba, numpy — see available_backends(),
set_backend(), use_backend(), per-call backend=, and $FASTIND_BACKEND. `fastind.talib` mirrors
TA-Lib's function API; every function is declared once in the registry (fastind._registry).
"""
from ._backends import available_backends, get_backend, set_backend, unavailable_backends, use_backend
from ._inputs import MAX_PERIOD
from ._features import features
from ._threads import get_num_threads, set_num_threads
from .indicators import *  # noqa: F401,F403
from .indicators import __all__ as _indicators
from . import indicators as _indicators_module

# fastind.sum etc.: functions named like a builtin are attributes, kept out of __all__
globals().update({_n: getattr(_indicators_module, _n) for _n in getattr(_indicators_module, "SHADOWING_BUILTINS", ())})

__version__ = "0.1.0"


def __getattr__(name):
    # streams load on first use: `import fastind` stays light
    if name in ("stream", "Stream"):
        from . import _stream

        return getattr(_stream, name)
    raise AttributeError(f"module 'fastind' has no attribute {name!r}")

__all__ = ["available_backends", "get_backend", "set_backend", "unavailable_backends", "use_backend",
           "MAX_PERIOD", "features", "get_num_threads", "set_num_threads", "stream", "Stream"] + list(_indicators)
