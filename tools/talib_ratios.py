"""Every registry function's time over TA-Lib's at 1e6 and 1e7 bars, float64, cython backend: best
of 5 (1e6) or 3 (1e7) calls of each, alternating in one process, on bench.data's market.
Writes /tmp/ratios.json ({TA-Lib name: {n: ratio}}); a quick stand-in for the full
`python -m bench --no-panel --sizes 1000000,10000000 --backends cython` (which also times floors,
copies and TA-Lib beside every call, in ~30 minutes).

    python tools/talib_ratios.py [OUT.json]
"""
import sys, time, json
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.dirname(__import__("os").path.abspath(__file__))))
import numpy as np
from bench import cases, data
out = {}
for n in (1_000_000, 10_000_000):
    m = data.market(n)
    for c in cases.CASES:
        if c.talib_name is None:
            continue
        f = c.fastind_call(m, "cython"); t = c.talib_call(m)
        f(); t()
        bf = bt = 1e9
        for _ in range(3 if n > 1e6 else 5):
            t0 = time.perf_counter(); f(); bf = min(bf, time.perf_counter() - t0)
            t0 = time.perf_counter(); t(); bt = min(bt, time.perf_counter() - t0)
        out.setdefault(c.talib_name if c.name != "channel" else "MINMAX(channel)", {})[n] = bf / bt
    data.clear()
json.dump(out, open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ratios.json", "w"))
print("done")
