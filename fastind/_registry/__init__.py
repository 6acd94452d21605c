"""The indicator table: every function fastind has, one `Indicator` entry each (see spec.py).

Entries live in one module per TA-Lib group (GROUP_MODULES); this package gathers them in that order.
"""
import importlib

from .spec import Indicator, Param, matype, period, real  # noqa: F401

GROUP_MODULES = ("overlap", "momentum", "momentum_more", "volatility", "volume", "statistic",
                 "math_operators", "math_transform", "price", "cycle", "patterns", "native")


def _gather():
    entries = []
    for module in GROUP_MODULES:
        entries.extend(importlib.import_module(f"{__name__}.{module}").ENTRIES)
    by_name = {}
    for e in entries:
        if e.name in by_name:
            raise ValueError(f"two registry entries named {e.name!r}")
        by_name[e.name] = e
    return tuple(entries), by_name


ENTRIES, BY_NAME = _gather()
BY_TALIB = {e.talib: e for e in ENTRIES if e.talib is not None}


def get(name):
    """The entry for a native or TA-Lib name."""
    entry = BY_NAME.get(name) or BY_TALIB.get(name) or BY_TALIB.get(str(name).upper())
    if entry is None:
        raise ValueError(f"unknown indicator {name!r}")
    return entry


def talib_groups():
    """{TA-Lib group: [TA-Lib names]} of the covered functions, in registry order."""
    groups = {}
    for e in ENTRIES:
        if e.talib is not None:
            groups.setdefault(e.group, []).append(e.talib)
    return groups
