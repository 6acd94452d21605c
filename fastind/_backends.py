"""Backend registry and selection: cython, numba, numpy.

Selection order for a call: its `backend=` argument, then `use_backend(...)` (a context variable, so
threads and asyncio tasks keep their own), then `set_backend(...)`, then $FASTIND_BACKEND, then auto
(the first of cython, numba, numpy that loads). Optional backends are imported on first use only.

$FASTIND_BACKEND is read once, by the first call that needs the default backend: the resolved default
is cached (it is what every plain call uses, so it must cost no more than a global lookup), and a later
change of os.environ is not seen. set_backend() replaces the default and drops the cache; replacing
the registry (`_loaded`, as tests do) also drops it, and the next call resolves the default afresh,
reading the environment again if no set_backend() came first.
"""
import contextlib
import contextvars
import importlib
import os

BACKENDS = ("cython", "numba", "numpy")
CHOICES = ("auto",) + BACKENDS
# the kernel families (fastind/_kernels/<family>.py, fastind/_numpy/<family>.py) are loaded on
# first use, so a new family needs no list here; the cython backend checks this one at load
PROBE_FAMILY = "moving"
_INSTALL_HINT = {
    "cython": "the compiled Cython kernels are missing: install a fastind wheel, or build from source "
              "with `pip install .` (needs a C compiler)",
    "numba": "install it with `pip install 'fastind[numba]'` (or `pip install numba`)",
    "numpy": "install numpy",
}
_CTYPE = {"f": "float", "d": "double"}


class _KernelTable(dict):
    """{"family.name": kernel} for one dtype, filled on first use: a call's lookup is two
    subscripts (30 ns) instead of a method call building a key (70 ns)."""

    def __init__(self, backend, dtype_char):
        super().__init__()
        self._backend = backend
        self._dtype_char = dtype_char

    def __missing__(self, key):
        family, name = key.split(".")
        fn = self[key] = self._backend.kernel(family, name, self._dtype_char)
        return fn


class _Families(dict):
    """{family: module}, each loaded by `load(family)` on first use."""

    def __init__(self, load):
        super().__init__()
        self._load = load

    def __missing__(self, family):
        module = self[family] = self._load(family)
        return module


class Backend:
    """One loaded backend: its kernel families (loaded on first use), and kernels resolved per
    dtype — `kernel(family, name, dtype char)`, or `kernels[dtype char]["family.name"]` on the
    call path."""

    def __init__(self, name, load_family, fused):
        self.name = name
        self.families = _Families(load_family)
        self._fused = fused  # Cython fused functions are indexed by C type, skipping per-call dispatch
        self._cache = {}
        self.kernels = {t: _KernelTable(self, t) for t in _CTYPE}

    def kernel(self, family, name, dtype_char):
        key = (name, dtype_char)
        try:
            return self._cache[key]
        except KeyError:
            pass
        fn = getattr(self.families[family], name)
        if self._fused:
            fn = fn[_CTYPE[dtype_char]]
        self._cache[key] = fn
        return fn

    def __repr__(self):
        return f"<fastind backend {self.name!r}>"


def _cython_family(family):
    """The compiled family, through its _nogil_ twin where built: the same kernels (cimported, a C
    call) with the GIL released around each call from 4096 values on (setup.py writes them)."""
    module = importlib.import_module("fastind._kernels." + family)
    if not module.__file__.endswith((".so", ".pyd")):
        raise ImportError(f"fastind._kernels.{family} is not compiled")
    try:
        return importlib.import_module("fastind._kernels._nogil_" + family)
    except ImportError:
        return module


def _load_cython():
    _cython_family(PROBE_FAMILY)  # ImportError here: the backend is unavailable
    return Backend("cython", _cython_family, fused=True)


def _load_numba():
    import numba  # noqa: F401  (ImportError here: the backend is unavailable)

    from . import _numba_loader

    return Backend("numba", _numba_loader.family_loader(), fused=False)


def _load_numpy():
    return Backend("numpy", lambda f: importlib.import_module("fastind._numpy." + f), fused=False)


_LOADERS = {"cython": _load_cython, "numba": _load_numba, "numpy": _load_numpy}
_loaded = {}
_failures = {}  # name -> why it could not load (kept so `auto` can say why it fell back)
_process_default = None
_default_cache = (None, None)  # (the `_loaded` registry it was resolved in, its Backend)
_context = contextvars.ContextVar("fastind_backend", default=None)


def _check_name(name, source="backend"):
    if not isinstance(name, str) or name.lower() not in CHOICES:
        raise ValueError(f"{source} must be one of {', '.join(CHOICES)}; got {name!r}")
    return name.lower()


def _try_load(name):
    if name in _loaded:
        return _loaded[name]
    if name in _failures:
        return None
    try:
        _loaded[name] = _LOADERS[name]()
    except ImportError as exc:
        _failures[name] = str(exc)
        return None
    return _loaded[name]


def load(name):
    """The Backend for a name (or 'auto'); ImportError with the install hint if it cannot load."""
    name = _check_name(name)
    if name == "auto":
        for candidate in BACKENDS:
            backend = _try_load(candidate)
            if backend is not None:
                return backend
        raise ImportError("no fastind backend could be loaded: " + "; ".join(
            f"{k}: {v}" for k, v in _failures.items()))
    backend = _try_load(name)
    if backend is None:
        raise ImportError(f"fastind backend {name!r} cannot be loaded ({_failures[name]}); "
                          f"{_INSTALL_HINT[name]}")
    return backend


def _default_name():
    if _process_default is not None:
        return _process_default
    return _check_name(os.environ.get("FASTIND_BACKEND", "auto") or "auto", "$FASTIND_BACKEND")


def _default_backend():
    """The Backend a call uses when nothing else picks one, cached (see the module docstring)."""
    global _default_cache
    registry, backend = _default_cache
    if registry is _loaded:
        return backend
    registry = _loaded
    backend = load(_default_name())
    _default_cache = (registry, backend)
    return backend


def current(backend=None):
    """Resolve the Backend for one call."""
    if backend is None:
        backend = _context.get()
        if backend is None:
            return _default_backend()
    elif isinstance(backend, Backend):
        return backend
    if type(backend) is str:
        loaded = _loaded.get(backend)  # an exact, loaded name: nothing left to check or load
        if loaded is not None:
            return loaded
    return load(backend)


def available_backends():
    """Names of the backends that load here, in auto order."""
    return [name for name in BACKENDS if _try_load(name) is not None]


def unavailable_backends():
    """Backends that failed to load, with the reason (the ImportError text)."""
    available_backends()
    return dict(_failures)


def get_backend():
    """The backend a call would use now, resolved (never 'auto')."""
    return current().name


def set_backend(name):
    """Set the process-wide default backend ('auto', 'cython', 'numba' or 'numpy')."""
    global _process_default, _default_cache
    name = _check_name(name)
    if name != "auto":
        load(name)  # fail now, loudly, rather than at the next indicator call
    _process_default = name
    _default_cache = (None, None)


@contextlib.contextmanager
def use_backend(name):
    """Use a backend inside a `with` block (this thread / task only)."""
    name = _check_name(name)
    if name != "auto":
        load(name)
    token = _context.set(name)
    try:
        yield load(name).name
    finally:
        _context.reset(token)
