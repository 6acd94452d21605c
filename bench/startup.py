"""Start-up costs, each measured in a fresh interpreter: `import fastind`, and the numba backend's
first call with a cold kernel cache (compiles) and a warm one (loads the cached machine code).

The child times itself with perf_counter around the statement, so interpreter start-up is not
counted; the best of several children is kept.
"""
import json
import os
import subprocess
import sys
import tempfile

# bars in the first call: small, so the figure is the compile/load cost and not the computation
_FIRST_CALL_N = 1000

_IMPORT = """
import json, time
t = time.perf_counter()
import {module}
print(json.dumps({{"seconds": time.perf_counter() - t}}))
"""

_FIRST_CALL = """
import json, time
t0 = time.perf_counter()
import numpy as np
import fastind
from fastind import _backends
t1 = time.perf_counter()
_backends.load("numba")
t2 = time.perf_counter()
x = 100.0 + np.cumsum(np.random.default_rng(0).standard_normal({n}) * 0.1)
calls = {calls}
inputs = {{"open": x - 0.5, "close": x, "high": x + 1.0, "low": x - 1.0, "volume": np.ones_like(x),
          "unit": np.tanh(x - 100.0), "signed": x - 100.0,
          "periods": (2 + np.arange(x.size) % 29).astype(np.float64)}}
t3 = time.perf_counter()
for name, fields in calls:
    getattr(fastind, name)(*(inputs[f] for f in fields), backend="numba")
t4 = time.perf_counter()
print(json.dumps({{"load": t2 - t1, "calls": t4 - t3, "total": (t2 - t1) + (t4 - t3)}}))
"""


def _child(code, env_extra=None, timeout=600):
    env = dict(os.environ)
    env.update(env_extra or {})
    # the repository root first, as `python -m bench` sees it
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_import(module):
    """{'seconds'}: `import module` timed in one fresh interpreter."""
    return _child(_IMPORT.format(module=module))


def child_first_call(calls, cache_dir):
    """{'load', 'calls', 'total'} seconds of one fresh interpreter loading the numba backend and
    making `calls` ([(function, input fields)]) once each, on float64, with the kernel cache in
    cache_dir."""
    code = _FIRST_CALL.format(n=_FIRST_CALL_N, calls=repr([tuple(c) for c in calls]))
    return _child(code, {"FASTIND_NUMBA_CACHE_DIR": cache_dir, "FASTIND_NUMBA_CACHE": "1"})


def import_time(module="fastind", runs=7):
    """Best and median seconds of `import module` over `runs` fresh interpreters."""
    times = sorted(child_import(module)["seconds"] for _ in range(runs))
    return {"best": times[0], "median": times[len(times) // 2], "runs": runs}


def numba_first_call(calls, runs=3):
    """child_first_call() with an empty cache directory (cold: compiles), then again on the
    directory the cold run filled (warm: loads the cached code). Best of `runs` such pairs."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="fastind-numba-cache-") as cache:
            cold.append(child_first_call(calls, cache))
            warm.append(child_first_call(calls, cache))

    def best(samples):
        top = min(samples, key=lambda s: s["total"])
        return {"best": top["total"], "load": top["load"], "calls": top["calls"],
                "median": sorted(s["total"] for s in samples)[len(samples) // 2], "runs": runs}

    return {"cold": best(cold), "warm": best(warm)}
