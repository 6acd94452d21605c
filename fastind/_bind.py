"""Registry entries bound to their computes, as the generated functions call them."""
from . import _compute
from ._call import Bound, kernel_compute
from ._registry import BY_NAME


def bind(name):
    """The Bound of a registry entry: its compute is one kernel call ("family.kernel") or a
    function of fastind._compute; its `prepare` maps validated parameters to kernel arguments."""
    entry = BY_NAME[name]
    if "." in entry.kernel:
        compute = kernel_compute(entry.kernel)
    else:
        compute = getattr(_compute, entry.kernel)
    prepare = None if entry.prepare is None else getattr(_compute, entry.prepare)
    stacked = entry.stacked
    if stacked is not None:
        stacked = kernel_compute(stacked, True) if "." in stacked else getattr(_compute, stacked)
    return Bound(entry, compute, prepare, stacked)
