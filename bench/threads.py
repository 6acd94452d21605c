"""The threads suite: what a second thread gives, for fastind and for TA-Lib.

Two Python threads each compute a function on their own array (THREAD_N bars): the speedup is the
time of the two calls one after the other over the time with two threads. And the panel
(plan.PANEL_SHAPE) at threads = 1 and 2 on the default backend.
"""
import threading

from . import cases, data

THREAD_N = 5_000_000
CASES = ("sma", "rsi", "atr", "macd")


def two_threads(call_a, call_b):
    """A callable running call_a and call_b on two threads at once."""
    def run():
        workers = [threading.Thread(target=call_a), threading.Thread(target=call_b)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    return run


def one_after_the_other(call_a, call_b):
    def run():
        call_a()
        call_b()
    return run


def tasks(Task, F64):
    """Task list of the suite (Task and F64 from plan, which imports this module)."""
    result = []
    first = (lambda: data.market(THREAD_N, F64))
    second = (lambda: data.shifted_market(THREAD_N, F64))
    for case in cases.select([c for c in CASES if c in cases.BY_NAME]):
        impls = [("fastind", lambda c, m: c.fastind_call(m, None))]
        if cases.talib is not None and case.talib_name:
            impls.append(("talib", lambda c, m: c.talib_call(m)))
        for label, make in impls:
            for mode, combine in (("1 thread", one_after_the_other), ("2 threads", two_threads)):
                result.append(Task("threads", case.name, f"{label} {mode}", label, THREAD_N, 2, F64,
                                   (lambda make=make, case=case, combine=combine:
                                    combine(make(case, first()), make(case, second())))))
    return result


def speedups(records, find):
    """{case: {label: serial / two-thread time}} from the suite's records."""
    out = {}
    for r in find(records, suite="threads"):
        label, mode = r["impl"].split(" ", 1)
        out.setdefault(r["case"], {}).setdefault(label, {})[mode] = r["best_s"]
    return {case: {label: t["1 thread"] / t["2 threads"] for label, t in by.items()
                   if "1 thread" in t and "2 threads" in t}
            for case, by in out.items()}
