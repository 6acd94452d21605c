"""results.json: the records of a run, the figures derived from them, and lookups over them.

A record is one measurement: suite, case, impl, kind, n, rows, dtype, best_s, median_s, repeats,
number, note, and derived mbars_s (million values per second), ratio_talib (time / TA-Lib's time
on the same case, size and layout; TA-Lib computes in float64 only, so float32 rows compare with
TA-Lib on float64), ratio_copy (time / x.copy() of the same number of values and dtype) and
ratio_floor (time / the stream floor with the call's inputs and outputs, see bench.floors; None
where not measured). Each reference is the one timed beside the record in alternate samples where
there is one (talib_s, copy_s, floor_s), else the run's own TA-Lib, copy or floor record.
Start-up records (suite 'startup') carry best_s/median_s only.
"""
import json
import os

from . import cases

SCHEMA = 1


def record(task, timing, beside=None):
    """The record of a task; `beside`, {label: Timing} of the references timed in alternate
    samples with it ('talib', 'copy', 'floor'), whose best times become talib_s, copy_s, floor_s;
    'ref', a suite's own reference, becomes ref_s."""
    beside = beside or {}
    rec = {"suite": task.suite, "case": task.case, "impl": task.impl, "kind": task.kind,
           "n": task.n, "rows": task.rows, "dtype": task.dtype, "best_s": timing.best,
           "median_s": timing.median, "repeats": timing.repeats, "number": timing.number,
           "note": task.note}
    for label in ("talib", "copy", "floor"):
        rec[label + "_s"] = beside[label].best if label in beside else None
    if "ref" in beside:  # a suite's own reference (the polars suite's 2-D call)
        rec["ref_s"] = beside["ref"].best
    return rec


def startup_record(case, impl, figures, note=""):
    rec = {"suite": "startup", "case": case, "impl": impl, "kind": "fastind", "n": None,
           "rows": None, "dtype": None, "best_s": figures["best"], "median_s": figures["median"],
           "repeats": figures["runs"], "number": 1, "note": note}
    for part in ("load", "calls"):
        if part in figures:
            rec[part + "_s"] = figures[part]
    return rec


def key(rec):
    """What identifies a measurement across runs."""
    return (rec["suite"], rec["case"], rec["impl"], rec["n"], rec["rows"], rec["dtype"])


def annotate(records):
    """Add mbars_s, ratio_talib, ratio_copy and ratio_floor to every timed record (in place)."""
    talib = {(r["suite"], r["case"], r["n"], r["rows"]): r["best_s"]
             for r in records if r["kind"] == "talib"}
    copy = {(r["n"] * r["rows"], r["dtype"]): r["best_s"]
            for r in records if r["suite"] == "floor" and r["case"] == "copy"}
    stream = {(r["n"], r["rows"], r["dtype"], r["case"]): r["best_s"]
              for r in records if r["suite"] == "floor" and r["impl"] == "numba loop"}
    for r in records:
        if r["suite"] == "startup":
            continue
        values = r["n"] * r["rows"]
        r["mbars_s"] = values / r["best_s"] / 1e6
        ref = r.get("talib_s") or talib.get((r["suite"], r["case"], r["n"], r["rows"]))
        r["ratio_talib"] = None if ref is None else r["best_s"] / ref
        ref = r.get("copy_s") or copy.get((values, r["dtype"]))
        r["ratio_copy"] = None if ref is None else r["best_s"] / ref
        case = cases.BY_NAME.get(r["case"]) if r["suite"] != "floor" else None
        ref = r.get("floor_s") or (case and stream.get((r["n"], r["rows"], r["dtype"],
                                                         case.floor_name)))
        r["ratio_floor"] = None if not ref else r["best_s"] / ref
    return records


def document(mode, machine, versions, git, records, settings, started, elapsed):
    return {"schema": SCHEMA, "mode": mode, "started": started, "elapsed_s": elapsed,
            "machine": machine, "versions": versions, "git": git, "settings": settings,
            "records": annotate(records)}


def save(doc, path):
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path)


def load(path):
    with open(path) as fh:
        doc = json.load(fh)
    if doc.get("schema") != SCHEMA:
        raise ValueError(f"{path}: results schema {doc.get('schema')!r}, expected {SCHEMA}")
    return doc


def find(records, **labels):
    """Records whose labels all match."""
    return [r for r in records if all(r.get(k) == v for k, v in labels.items())]


def one(records, **labels):
    """The single matching record, or None."""
    found = find(records, **labels)
    return found[0] if found else None
