"""Registry entries bound to their computes, as the generated functions call them."""
import importlib

from . import _compute
from ._call import Bound, kernel_compute
from ._registry import BY_NAME


def _resolve(name, stacked=False):
    """A compute from its registry string: "family.kernel" (one kernel call), "function" (in
    fastind._compute) or "module:function" (in fastind._compose.<module>)."""
    if ":" in name:
        module, function = name.split(":")
        return getattr(importlib.import_module(f"fastind._compose.{module}"), function)
    if "." in name:
        return kernel_compute(name, stacked)
    return getattr(_compute, name)


def _unresolved(name, error):
    def compute(*args):
        raise NotImplementedError(f"{name}: its compute cannot be loaded ({error})")

    return compute


def bind(name):
    """The Bound of a registry entry: its compute, its `prepare` (validated parameters -> kernel
    arguments) and its stacked compute. A compute that cannot be resolved fails when called, not
    at import, so that one unfinished entry never breaks `import fastind`."""
    entry = BY_NAME.get(name)
    if entry is None:  # generated code ahead of the registry it was generated from
        from ._registry.spec import Indicator

        entry = Indicator(name, None, "?", ("x",), (), ("real",), lambda: 0, "?", "?")
        return Bound(entry, _unresolved(name, "not in the registry"))
    try:
        compute = _resolve(entry.kernel)
        prepare = None if entry.prepare is None else _resolve(entry.prepare)
        stacked = None if entry.stacked is None else _resolve(entry.stacked, True)
    except (AttributeError, ImportError, ValueError) as exc:
        return Bound(entry, _unresolved(name, exc))
    return Bound(entry, compute, prepare, stacked)
