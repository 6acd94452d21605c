"""Every registry function's time over TA-Lib's at 1e6 and 1e7 bars, float64, cython backend: best
of 5 (1e6) or 3 (1e7) calls of each, alternating in one process, on bench.data's market.
Writes OUT.json ({TA-Lib name: {n: ratio}}, default /tmp/ratios.json) and prints a line a
function; a quick stand-in for the full `python -m bench --no-panel --sizes 1000000,10000000
--backends cython` (which also times floors, copies and TA-Lib beside every call, in ~30 minutes).

    python tools/talib_ratios.py                          # every function (~5 min)
    python tools/talib_ratios.py --cases sma,cdl_doji     # some (fastind's names)
    python tools/talib_ratios.py --sizes 1000000 --out r.json
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import cases, data  # noqa: E402


def ratio(case, market, repeats):
    """Our best time over TA-Lib's, alternating the two calls."""
    ours, theirs = case.fastind_call(market, "cython"), case.talib_call(market)
    ours()
    theirs()
    best_ours = best_theirs = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        ours()
        best_ours = min(best_ours, time.perf_counter() - t0)
        t0 = time.perf_counter()
        theirs()
        best_theirs = min(best_theirs, time.perf_counter() - t0)
    return best_ours / best_theirs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", help="comma-separated fastind function names (default: all)")
    parser.add_argument("--sizes", default="1000000,10000000", help="comma-separated bar counts")
    parser.add_argument("--out", default="/tmp/ratios.json", help="the JSON file written")
    args = parser.parse_args(argv)
    selected = cases.select(args.cases.split(",")) if args.cases else cases.CASES
    out = {}
    for n in (int(s) for s in args.sizes.split(",")):
        market = data.market(n)
        for case in selected:
            if case.talib_name is None:
                continue
            name = case.talib_name if case.name != "channel" else "MINMAX(channel)"
            out.setdefault(name, {})[n] = r = ratio(case, market, 3 if n > 1e6 else 5)
            print(f"{name:22s} {n:>9d}  {r:5.2f}x", flush=True)
        data.clear()
    with open(args.out, "w") as fh:
        json.dump(out, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
