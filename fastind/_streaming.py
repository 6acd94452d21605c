"""The engine under fastind.stream: a registry compute run on new bars only, its kernels resumed.

A compute (`compute(be, t, inputs, params, outputs)`, see fastind._call) asks `be.kernels[t]`
for each kernel it calls. During a stream step `be` is a StreamBackend: the n-th kernel call of
the compute is the n-th Site, which keeps that call's state between steps and runs the kernel's
resumable twin (fastind._resume) instead of the kernel. So every composition streams as it
computes, and each stage resumes from where the last step left it.

A Site keeps, for each time-aligned array of its call (inputs, outputs, time-aligned scratch),
a buffer holding the last `tail` bars before the new ones (what a window reads back:
x[r, i - period]) with room after them; the new bars are copied in, the twin runs from the
first new bar, the new values are copied out. When a buffer is full its tail moves to the
front: amortized O(1) per bar. Arrays that are not time-aligned (a ring of `period` values, a
suffix buffer) are the call's own scratch state: the first step's are kept.
"""
import importlib

import numpy as np

# bars of room after the tail: a buffer moves its tail to the front once per ROOM bars
ROOM = 512


def _family_modules(family):
    try:
        steps = importlib.import_module(f"fastind._kernels._step_{family}")
        twins = importlib.import_module(f"fastind._kernels._resume_{family}")
    except ImportError as exc:
        raise NotImplementedError(
            f"streams need fastind's compiled kernels (fastind._kernels._step_{family}: {exc}); "
            "build them with `pip install -e .` or install a wheel") from None
    return steps, twins


def step_of(key):
    """(Step class, (doubles, integers) of state per row) of a "family.kernel": the Step of its
    resumable twin, or, for a kernel its family replays over the window (WINDOW_REPLAY), that of
    the kernel and None; NotImplementedError for a kernel that has neither."""
    family, name = key.split(".")
    steps, twins = _family_modules(family)
    step = getattr(steps, name, None)
    if step is None:
        raise NotImplementedError(f"kernel {key} has no resumable twin yet")
    return step, getattr(twins, "RESUMABLE", {}).get(name)


def _buffer(rows, size, dtype):
    """A buffer's fresh columns: NaN (a kernel that looks ahead for a run's end, as
    _shared.valid_until, eight bars a test, finds none past the last bar), 0 for integers."""
    return np.full((rows, size), np.nan if np.dtype(dtype).kind == "f" else 0, dtype)


class Site:
    """One kernel call of a compute, with the state it carries from step to step."""

    __slots__ = ("key", "step", "fstate", "istate", "aligned", "written", "buffers", "args",
                 "pos", "tail", "rows", "origin", "start")

    def __init__(self, key, args, rows, length, tail):
        self.key = key
        step, layout = step_of(key)
        self.rows = rows
        if layout is None:  # run again over the window each step
            self.fstate = self.istate = None
        else:
            self.fstate = np.zeros((rows, max(layout[0], 1)))
            self.istate = np.zeros((rows, layout[1]), np.intp)
        self.written = step.WRITTEN
        # which arguments are time-aligned arrays (buffered), which scratch (kept); `length` is
        # the priming step's, longer than any scratch (see StreamBackend.prime)
        self.aligned = tuple(isinstance(a, np.ndarray) and a.ndim == 2 and a.shape[1] == length
                             for a in args)
        if not any(self.aligned):
            raise NotImplementedError(f"{key} is called on part of the bars (a per-run "
                                      "computation): this function does not stream yet")
        self.tail = tail
        self.pos = 0
        # one buffer per distinct array: a kernel given the same array twice (MIDPOINT's high
        # and low, its three lines in one) gets the same buffer twice; the other arguments are
        # kept as given at the first call (a scratch array is the call's own state)
        self.buffers = []
        self.args = []
        for k, (a, al) in enumerate(zip(args, self.aligned)):
            same = next((j for j in range(k) if self.aligned[j] and args[j] is a), None)
            if same is not None:
                self.buffers.append(self.buffers[same])
            else:
                self.buffers.append(_buffer(a.shape[0], tail + ROOM, a.dtype) if al else None)
            self.args.append(None if al else (a.copy() if isinstance(a, np.ndarray) else a))
        self.origin = 0  # the bar (counted from the first step's first) in column 0 of a buffer
        self.start = 0  # that of the first column the last step's call read
        self.bind()

    def bind(self):
        """The Step over the current buffers (again after they move)."""
        step, _ = step_of(self.key)
        args = [b if b is not None else a for a, b in zip(self.args, self.buffers)]
        self.step = step(args, self.aligned, self.fstate, self.istate)

    def run(self, args, length):
        """The kernel over `length` new bars, their values from the aligned arrays of `args`,
        the results written back into them: the twin from its state, with the `tail` bars before
        them readable; a WINDOW_REPLAY kernel (no state) over those `tail` bars and the new."""
        if self.pos + length > self.buffers[self.aligned.index(True)].shape[1]:
            self.make_room(length)
        pos = self.pos
        stop = pos + length
        # a twin reads the whole buffers up to `stop`; a replayed kernel its window's slice
        begin = max(0, pos - self.tail) if self.fstate is None else 0
        self.start = self.origin + begin
        done = set()
        for a, al, buf in zip(args, self.aligned, self.buffers):
            # every aligned array in (a kernel may read an argument it does not declare const;
            # an output's values are overwritten)
            if al and id(buf) not in done:
                buf[:, pos:stop] = a
                done.add(id(buf))
        self.step(begin, stop, pos - begin)
        for a, al, w, buf in zip(args, self.aligned, self.written, self.buffers):
            if al and w:
                if a.flags.writeable:
                    a[...] = buf[:, pos:stop]
                else:  # priming: the compute's outputs are read-only (StreamBackend.prime)
                    a.flags.writeable = True
                    a[...] = buf[:, pos:stop]
                    a.flags.writeable = False
        self.pos = stop

    def make_room(self, length):
        """Moves each buffer's last `tail` bars to its front (growing it for a long step)."""
        keep = min(self.tail, self.pos)
        size = max(self.tail + ROOM, keep + length + ROOM)
        moved = {}
        for k, buf in enumerate(self.buffers):
            if buf is None:
                continue
            if id(buf) not in moved:
                fresh = buf if buf.shape[1] >= size else _buffer(buf.shape[0], size, buf.dtype)
                fresh[:, :keep] = buf[:, self.pos - keep:self.pos]
                fresh[:, keep:] = np.nan if buf.dtype.kind == "f" else 0
                moved[id(buf)] = fresh
            self.buffers[k] = moved[id(buf)]
        self.origin += self.pos - keep
        self.pos = keep
        self.bind()

    def __getstate__(self):
        keep = min(self.tail, self.pos)  # only the bars a window can still read back
        first = {}
        for k, b in enumerate(self.buffers):
            if b is not None:
                first.setdefault(id(b), k)
        return {"key": self.key, "fstate": self.fstate, "istate": self.istate,
                "aligned": self.aligned, "args": self.args, "tail": self.tail,
                "rows": self.rows, "origin": self.origin + self.pos - keep, "start": self.start,
                "keep": keep,
                # each buffer once; a repeated one as the index of its first
                "buffers": [None if b is None else (b[:, self.pos - keep:self.pos].copy()
                                                    if first[id(b)] == k else first[id(b)])
                            for k, b in enumerate(self.buffers)]}

    def __setstate__(self, state):
        for name in ("key", "fstate", "istate", "aligned", "args", "tail", "rows", "origin",
                     "start"):
            setattr(self, name, state[name])
        self.written = step_of(self.key)[0].WRITTEN
        self.buffers = []
        for b in state["buffers"]:
            if b is None or isinstance(b, int):
                self.buffers.append(None if b is None else self.buffers[b])
                continue
            buf = _buffer(b.shape[0], self.tail + ROOM, b.dtype)
            buf[:, :b.shape[1]] = b
            self.buffers.append(buf)
        self.pos = state["keep"]
        self.bind()

    def copy(self):
        other = Site.__new__(Site)
        state = self.__getstate__()
        for name in ("fstate", "istate"):
            state[name] = None if state[name] is None else state[name].copy()
        state["args"] = [a.copy() if isinstance(a, np.ndarray) else a for a in state["args"]]
        other.__setstate__(state)
        return other

    def compact(self):
        """Back to buffers of tail + ROOM bars (after the long priming step)."""
        self.__setstate__(self.__getstate__())


class _Kernels:
    """`be.kernels[t]` of a StreamBackend: each kernel asked for is the next call site."""

    __slots__ = ("backend",)

    def __init__(self, backend):
        self.backend = backend

    def __getitem__(self, key):
        backend = self.backend

        def call(*args):
            backend.call(key, args)

        return call


class StreamBackend:
    """The `be` a compute sees during a stream step (see the module docstring)."""

    name = "stream"

    def __init__(self, rows, tail):
        self.rows = rows
        self.tail = tail
        self.sites = []
        self.marks = []  # the run-position state of from_run_start/hide_first calls
        self.next_site = 0
        self.next_mark = 0
        self.length = 0
        self.primed = 0
        self.given = None
        self.single = None
        kernels = _Kernels(self)
        self.kernels = {"d": kernels, "f": kernels}

    def first_bar(self):
        """The stream's bar (0: the first after priming) in the first column the last kernel
        call read: bar-index outputs (MAXINDEX) are counted from there."""
        return self.sites[-1].start - self.primed

    def prime(self, compute, args, n_inputs, dtypes, length):
        """Runs the compute once over `length` NaN bars, which creates every call site (a gap
        leaves each kernel's state as fresh as it was): `length` exceeds every scratch array's
        size, so that a site tells the time-aligned arrays from scratch by their length."""
        self.begin(length)
        self.given = []
        inputs = tuple(np.full((self.rows, length), np.nan) for _ in range(n_inputs))
        outputs = tuple(np.empty((self.rows, length), d) for d in dtypes)
        for o in outputs:  # read-only: a compute that writes them itself is not one kernel call
            o.flags.writeable = False
        try:
            compute(self, "d", inputs, args, outputs)
            self.single = self._single(inputs, outputs)
        except ValueError as exc:
            if "read-only" not in str(exc):
                raise
            self.sites = []
            self.marks = []
            self.given = []
            self.begin(length)
            outputs = tuple(np.empty((self.rows, length), d) for d in dtypes)
            compute(self, "d", inputs, args, outputs)
            self.single = None
        for site in self.sites:
            site.compact()
        self.primed = length
        self.given = None

    def _single(self, inputs, outputs):
        """(input argument indices, output argument indices) of the one kernel call that is the
        whole compute (its inputs and outputs the compute's own), or None."""
        if len(self.sites) != 1 or len(self.marks):
            return None
        site = self.sites[0]
        given = self.given[0]
        try:
            ins = [next(k for k, a in enumerate(given) if a is x) for x in inputs]
            outs = [next(k for k, a in enumerate(given) if a is o) for o in outputs]
        except StopIteration:
            return None
        if not all(site.written[k] for k in outs):
            return None
        return ins, outs

    def begin(self, length):
        self.next_site = 0
        self.next_mark = 0
        self.length = length

    def call(self, key, args):
        k = self.next_site
        if k == len(self.sites):
            self.sites.append(Site(key, args, self.rows, self.length, self.tail))
        site = self.sites[k]
        if self.given is not None:  # priming: what each call was given
            self.given.append(args)
        if site.key != key:
            raise RuntimeError(f"stream: call {k} of the compute was {site.key}, now {key}")
        self.next_site = k + 1
        site.run(args, self.length)

    def mark(self):
        """The RunMark of this step's next run-position call (from_run_start, hide_first)."""
        k = self.next_mark
        if k == len(self.marks):
            self.marks.append(RunMark(self.rows))
        self.next_mark = k + 1
        return self.marks[k]

    def __getstate__(self):
        return {"rows": self.rows, "tail": self.tail, "sites": self.sites, "marks": self.marks,
                "primed": self.primed, "single": self.single}

    def __setstate__(self, state):
        self.__init__(state["rows"], state["tail"])
        self.sites = state["sites"]
        self.marks = state["marks"]
        self.primed = state["primed"]
        self.single = state["single"]

    def copy(self):
        other = StreamBackend(self.rows, self.tail)
        other.primed = self.primed
        other.single = self.single
        other.sites = [s.copy() for s in self.sites]
        other.marks = [m.copy() for m in self.marks]
        return other


class RunMark:
    """How far each row is into its current run of finite bars, carried across steps: what a
    stage that starts `count` bars into every run (fastind._compute.hide_first,
    _compose.oscillators.from_run_start, TA-Lib's unstable periods) needs to know of the past."""

    __slots__ = ("seen",)

    def __init__(self, rows):
        self.seen = np.zeros(rows, np.int64)  # finite bars so far in each row's current run

    def positions(self, valid):
        """Each new bar's index within its run (valid: rows x new bars, bool), -1 at a gap."""
        rows, length = valid.shape
        result = np.empty((rows, length), np.int64)
        for r in range(rows):
            seen = self.seen[r]
            for i in range(length):
                if valid[r, i]:
                    result[r, i] = seen
                    seen += 1
                else:
                    result[r, i] = -1
                    seen = 0
            self.seen[r] = seen
        return result

    def copy(self):
        other = RunMark(len(self.seen))
        other.seen = self.seen.copy()
        return other

    def __getstate__(self):
        return self.seen

    def __setstate__(self, state):
        self.seen = state


def hide_run_start(be, values, valid, count):
    """NaN over the first `count` bars of every run of `valid` (rows x bars) in `values`,
    counting bars of a run that earlier steps saw when `be` is a StreamBackend."""
    if isinstance(be, StreamBackend):
        position = be.mark().positions(valid)
        values[(position >= 0) & (position < count)] = np.nan
        return True
    return False
