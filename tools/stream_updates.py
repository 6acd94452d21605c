"""Per-update time of fastind's streams against TA-Lib 0.8.2's stream handles, function by function.

    python tools/stream_updates.py              # every function (~2 min)
    python tools/stream_updates.py sma,stoch    # some

The bench's `updates` suite (bench/updates.py: each stream opened on 2000 bars, 1000 single
updates timed beside TA-Lib's handle in alternate samples), run on its own: one line a function,
µs per update and the ratio, then the median and how many are slower than TA-Lib's.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import results, timing, updates  # noqa: E402
from bench.plan import F64, Task  # noqa: E402


def main(argv):
    names = argv[0].split(",") if argv else None
    ratios = []
    for task in updates.tasks(Task, F64, names):
        labels = [label for label, _ in task.beside]
        measured, beside = timing.measure_beside(
            task.make(), [make() for _, make in task.beside],
            timing.Settings(repeats=5, min_sample=0.002, budget=0.1))
        rec = results.record(task, measured, dict(zip(labels, beside)))
        ours = rec["best_s"] / task.n * 1e6
        if rec["talib_s"]:
            theirs = rec["talib_s"] / task.n * 1e6
            ratios.append(ours / theirs)
            print(f"{task.case:22s} {ours:7.3f} us  TA-Lib {theirs:7.3f} us  {ours / theirs:5.2f}x",
                  flush=True)
        else:
            print(f"{task.case:22s} {ours:7.3f} us  (no TA-Lib handle)", flush=True)
    if ratios:
        ratios.sort()
        print(f"median {ratios[len(ratios) // 2]:.2f}x over {len(ratios)}; "
              f"{sum(r > 1.0 for r in ratios)} slower than TA-Lib's handle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
