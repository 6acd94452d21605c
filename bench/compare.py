"""Compare two runs: fastind's measurements whose best time grew beyond a threshold.

Only fastind's own figures are judged (TA-Lib, peers and the copy floor are context). The ratio is
new best / old best; with timings from a shared machine, a threshold near the noise (a few %) will
flag noise, so the default is 10%.
"""
from . import results, tables


def compare(old_doc, new_doc, threshold=0.10):
    """{'regressions', 'improvements', 'missing', 'compared', 'warnings'}: regressions and
    improvements as (record key, old s, new s, ratio), worst first; missing: keys measured before
    but not now."""
    old = {results.key(r): r for r in old_doc["records"] if r["kind"] == "fastind"}
    new = {results.key(r): r for r in new_doc["records"] if r["kind"] == "fastind"}
    regressions, improvements = [], []
    for k in old.keys() & new.keys():
        before, after = old[k]["best_s"], new[k]["best_s"]
        ratio = after / before
        if ratio > 1.0 + threshold:
            regressions.append((k, before, after, ratio))
        elif ratio < 1.0 / (1.0 + threshold):
            improvements.append((k, before, after, ratio))
    warnings = []
    if old_doc["machine"].get("cpu") != new_doc["machine"].get("cpu"):
        warnings.append(f"different CPUs: {old_doc['machine'].get('cpu')!r} before, "
                        f"{new_doc['machine'].get('cpu')!r} now")
    if old_doc.get("mode") != new_doc.get("mode"):
        warnings.append(f"different modes: {old_doc.get('mode')} before, {new_doc.get('mode')} now")
    return {"regressions": sorted(regressions, key=lambda x: -x[3]),
            "improvements": sorted(improvements, key=lambda x: x[3]),
            "missing": sorted(old.keys() - new.keys(), key=str),
            "compared": len(old.keys() & new.keys()), "warnings": warnings, "threshold": threshold}


def _what(k):
    suite, case, impl, n, rows, dtype = k
    if suite == "startup":
        return f"startup: {case} ({impl})"
    size = tables.fmt_n(n) if rows == 1 else f"{rows}×{n}"
    return f"{suite}: {case} {impl} n={size} {dtype}"


def render(outcome, old_label="old", new_label="new"):
    """Markdown summary of compare()'s outcome."""
    t = outcome["threshold"]
    lines = [f"# Benchmark comparison: {new_label} vs {old_label}", "",
             f"{outcome['compared']} fastind measurements compared; threshold {t:.0%} on the best "
             f"time (new/old > {1 + t:.2f} is a regression)."]
    lines += [f"\n**Warning:** {w}." for w in outcome["warnings"]]
    for title, items in (("Regressions", outcome["regressions"]),
                         ("Improvements", outcome["improvements"])):
        lines += ["", f"## {title} ({len(items)})", ""]
        if items:
            lines.append(tables.md_table(
                ["measurement", "old", "new", "new/old"],
                [[_what(k), tables.fmt_time(a), tables.fmt_time(b), f"{r:.2f}"] for k, a, b, r in items],
                ["---", "--:", "--:", "--:"]))
        else:
            lines.append("None.")
    if outcome["missing"]:
        lines += ["", f"## Not measured this time ({len(outcome['missing'])})", ""]
        lines += [f"* {_what(k)}" for k in outcome["missing"]]
    return "\n".join(lines) + "\n"
