"""Measure fastind on a Dask LocalCluster for docs/dask.md: a SYMBOLS x BARS panel of closes
(float64), RSI(14) and BBANDS(20) computed in memory (threads=1, all cores) and on a cluster of
worker processes at several row-chunk sizes (what each costs, and the scheduler's share).

    python tools/dask_panel.py [--symbols 10000] [--bars 5000] [--workers 2]
"""
import argparse
import os
import time

import numpy as np


def timed(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--symbols", type=int, default=10_000)
    parser.add_argument("--bars", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    import dask.array as da
    import distributed

    import fastind as fi

    rng = np.random.default_rng(0)
    panel = 100 * np.exp(np.cumsum(0.01 * rng.standard_normal((args.symbols, args.bars)), axis=1))
    mb = panel.nbytes / 2**20
    print(f"panel {args.symbols} x {args.bars} float64: {mb:.0f} MiB; cores {os.cpu_count()}; "
          f"load {os.getloadavg()[0]:.1f}")
    print("| run | RSI(14) | BBANDS(20) | RSI(14) gathered to the client |\n|---|--:|--:|--:|")
    for threads in (1, None):
        r = timed(lambda: fi.rsi(panel, 14, threads=threads))
        b = timed(lambda: fi.bbands(panel, 20, threads=threads))
        print(f"| in memory, threads={threads or 'all'} | {r:.3f} s | {b:.3f} s | — |")
    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        for rows in (100, 1000, 5000):
            lazy = da.from_array(panel, chunks=(rows, -1)).persist()  # data on the workers first
            distributed.wait(lazy)
            def kept(*arrays):  # computed on the workers, results kept there
                done = client.persist(list(arrays))
                distributed.wait(done)
                del done

            r = timed(lambda: kept(fi.rsi(lazy, 14)), repeat=1)
            b = timed(lambda: kept(*fi.bbands(lazy, 20)), repeat=1)
            g = timed(lambda: fi.rsi(lazy, 14).compute(), repeat=1)
            tasks = -(-args.symbols // rows)
            chunk_mb = rows * args.bars * 8 / 2**20
            print(f"| cluster {args.workers} procs, chunks of {rows} rows ({tasks} tasks, "
                  f"{chunk_mb:.0f} MiB each) | {r:.3f} s | {b:.3f} s | {g:.3f} s |")
            del lazy
        # scheduler overhead: tasks that do nothing but pass a chunk through
        lazy = da.from_array(panel, chunks=(100, -1)).persist()
        distributed.wait(lazy)
        noop = timed(lambda: lazy.map_blocks(lambda b: b[:, :1], chunks=(100, 1)).compute())
        print(f"\nscheduler + transfer floor, {-(-args.symbols // 100)} no-op tasks: {noop:.3f} s")


if __name__ == "__main__":
    main()
