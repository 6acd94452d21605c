"""What a second thread gives every registry function, beside TA-Lib's: two Python threads each
computing the function on its own series (bench.threads' two_threads) against the same two calls
one after the other; best of 5 each, cython backend, float64, N bars a series (default 5e6, as the
bench; at 2e6 glibc keeps freed outputs in its arenas serially but not across two threads, and
speedups fall to ~1 for fastind and TA-Lib alike).
Writes OUT.json ({TA-Lib name: {"fastind": speedup, "talib": speedup}}) and prints a line a
function. The bench's threads suite (`python -m bench`) times four headline functions at 5e6;
this is the whole catalog, for issue 21's "every function" (~10 minutes on an idle 2-core VM).

    python tools/thread_speedups.py
    python tools/thread_speedups.py --cases sma,cdl_doji --n 5000000 --out s.json
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import cases, data, threads, timing  # noqa: E402


def speedup(make_a, make_b, repeats):
    """serial time / two-thread time of the calls make_a() and make_b() return (best samples of
    the bench's harness, bench/timing.py)."""
    a, b = make_a(), make_b()
    settings = timing.Settings(repeats=repeats, min_repeats=repeats)
    serial = timing.measure(threads.one_after_the_other(a, b), settings).best
    parallel = timing.measure(threads.two_threads(a, b), settings).best
    return serial / parallel


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", help="comma-separated fastind function names (default: all)")
    parser.add_argument("--n", type=int, default=5_000_000, help="bars a series")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default="/tmp/thread_speedups.json")
    args = parser.parse_args(argv)
    selected = cases.select(args.cases.split(",")) if args.cases else cases.CASES
    first, second = data.market(args.n), data.shifted_market(args.n)
    out = {}
    for case in selected:
        name = case.talib_name or case.name
        row = out[name] = {"fastind": speedup(lambda: case.fastind_call(first, "cython"),
                                              lambda: case.fastind_call(second, "cython"),
                                              args.repeats)}
        if case.talib_call(first) is not None:
            row["talib"] = speedup(lambda: case.talib_call(first), lambda: case.talib_call(second),
                                   args.repeats)
        print(f"{name:22s} " + "  ".join(f"{k} {v:4.2f}" for k, v in row.items()), flush=True)
    ours = [r["fastind"] for r in out.values()]
    print(f"fastind: median {statistics.median(ours):.2f}, least {min(ours):.2f}, "
          f"{sum(s < 1.7 for s in ours)} of {len(ours)} below 1.7")
    with open(args.out, "w") as fh:
        json.dump(out, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
