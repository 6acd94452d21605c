"""PNG figures: time per call against size for each function (log-log), and each backend's ratio
to TA-Lib at the largest size measured (bar chart)."""
import os

from . import cases, results, tables

_STYLE = {"cython": "C0", "numba": "C1", "numpy": "C2", "talib": "k"}
_PEER_COLORS = ("C3", "C4", "C5", "C6", "C8", "C9", "C7")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on CI machines
    import matplotlib.pyplot as plt

    return plt


def size_plot(records, name, path):
    """Lines per implementation: fastind backends, TA-Lib, peers; float32 dashed."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    recs = results.find(records, suite="indicators", case=name)
    impls = []
    for r in recs:
        if (r["impl"], r["kind"]) not in impls:
            impls.append((r["impl"], r["kind"]))
    peer_colors = iter(_PEER_COLORS * 3)
    for impl, kind in impls:
        color = _STYLE.get(impl) or next(peer_colors)
        for dtype, style in (("float64", "-"), ("float32", "--")):
            pts = sorted((r["n"], r["best_s"]) for r in recs if r["impl"] == impl and r["dtype"] == dtype)
            if not pts:
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], style, marker="o", markersize=3,
                    color=color, linewidth=1.0 if kind == "peer" else 1.8,
                    alpha=0.7 if kind == "peer" else 1.0,
                    label=f"{'TA-Lib' if impl == 'talib' else impl} {dtype}")
    floor = sorted((r["n"], r["best_s"]) for r in results.find(records, suite="floor", case="copy",
                                                             rows=1, dtype="float64"))
    if floor:
        ax.plot([p[0] for p in floor], [p[1] for p in floor], ":", color="grey", label="x.copy() float64")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("bars per call")
    ax.set_ylabel("seconds per call (best)")
    ax.set_title(tables.case_label(name))
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def ratio_plot(records, path, dtype="float64"):
    """Grouped bars: fastind backend time / TA-Lib time per function at its largest measured size."""
    plt = _pyplot()
    bes = tables.backends(records)
    labels, bars = [], {b: [] for b in bes}
    for case in cases.CASES:
        ns = [r["n"] for r in results.find(records, suite="indicators", case=case.name, impl="talib")]
        if not ns:
            continue
        n = max(ns)
        labels.append(f"{case.name}\n{tables.fmt_n(n)}")
        for b in bes:
            r = results.one(records, suite="indicators", case=case.name, impl=b, n=n, dtype=dtype)
            # results.annotate's ratio (to the TA-Lib call timed beside it, as the tables)
            bars[b].append(float("nan") if r is None else r["ratio_talib"])
    if not labels:
        return False
    if len(labels) > MAX_BARS:
        return _ratio_points(plt, labels, bars, path, dtype)
    fig, ax = plt.subplots(figsize=(max(7, 0.75 * len(labels)), 4.5))
    width = 0.8 / max(len(bes), 1)
    for k, b in enumerate(bes):
        xs = [i + (k - (len(bes) - 1) / 2) * width for i in range(len(labels))]
        ax.bar(xs, bars[b], width, label=b, color=_STYLE.get(b))
    ax.axhline(1.0, color="k", linewidth=1)
    ax.set_yscale("log")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontsize=7)
    ax.set_ylabel(f"time / TA-Lib time ({dtype}; below 1 = faster)")
    ax.set_title("fastind vs TA-Lib at the largest size measured")
    ax.grid(True, axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


MAX_BARS = 30  # more functions than this: sorted points instead of grouped bars


def _ratio_points(plt, labels, bars, path, dtype):
    """The catalog at once: each backend's ratios as points, the functions sorted by the
    fastest backend's ratio, the slowest ten named."""
    fastest = [min((bars[b][i] for b in bars if bars[b][i] == bars[b][i]), default=float("nan"))
               for i in range(len(labels))]
    order = sorted(range(len(labels)), key=lambda i: (fastest[i] != fastest[i], fastest[i]))
    fig, ax = plt.subplots(figsize=(11, 5))
    for b, values in bars.items():
        ax.plot(range(len(order)), [values[i] for i in order], ".", label=b, color=_STYLE.get(b),
                markersize=4)
    ax.axhline(1.0, color="k", linewidth=1)
    ax.set_yscale("log")
    named = [k for k in order if fastest[k] == fastest[k]][-10:]
    for k in named:
        x = order.index(k)
        ax.annotate(labels[k].split("\n")[0], (x, fastest[k]), fontsize=6, rotation=60,
                    xytext=(0, 6), textcoords="offset points")
    ax.set_xticks([])
    ax.set_xlabel(f"{len(labels)} functions, sorted by the fastest backend's ratio (each at its "
                  "largest measured size)")
    ax.set_ylabel(f"time / TA-Lib time ({dtype}; below 1 = faster)")
    ax.set_title("fastind vs TA-Lib, every function")
    ax.grid(True, axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def write_all(records, out_dir):
    """Every figure into out_dir; returns their file names (relative to out_dir)."""
    written = []
    try:
        _pyplot()
    except ImportError:
        return written  # matplotlib is optional: the report then has tables only
    if ratio_plot(records, os.path.join(out_dir, "ratio_talib.png")):
        written.append("ratio_talib.png")
    for name in tables.case_names(records, suite="indicators"):
        fname = f"size_{name}.png"
        size_plot(records, name, os.path.join(out_dir, fname))
        written.append(fname)
    return written
