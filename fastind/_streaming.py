"""The engine under fastind.stream: a registry compute run on new bars only, its kernels resumed.

A compute (`compute(be, t, inputs, params, outputs)`, see fastind._call) asks `be.kernels[t]`
for each kernel it calls. During a stream step `be` is a StreamBackend: the n-th kernel call of
the compute is the n-th Site, which keeps that call's state between steps and runs the kernel's
resumable twin (fastind._resume) instead of the kernel. So every composition streams as it
computes, and each stage resumes from where the last step left it.

Each time-aligned array of a site's call (inputs, outputs, time-aligned scratch) has a buffer
holding the last `tail` bars before the new ones (what a window reads back: x[r, i - period])
with room after them; the new bars are copied in, the twin runs from the first new bar, the new
values are copied out. When the buffers are full their tails move to the front: amortized O(1)
per bar. Arrays that are not time-aligned (a ring of `period` values, a suffix buffer) are the
call's own scratch state: the first step's are kept. Where the compute is a chain of kernels
(each reading the compute's inputs or an earlier kernel's outputs) the kernels share those
buffers, and fastind._stepbase.FastStream runs a bar through all of them in C.
"""
import importlib

import numpy as np

# bars of room after the tail: a buffer moves its tail to the front once per ROOM bars
ROOM = 512


def _family_module(family):
    """fastind._kernels._resume_<family>: the family's twins and Steps, built by setup.py."""
    try:
        return importlib.import_module(f"fastind._kernels._resume_{family}")
    except ImportError as exc:
        raise NotImplementedError(
            f"streams need fastind's compiled kernels (fastind._kernels._resume_{family}: {exc}); "
            "build them with `pip install -e .` or install a wheel") from None


def step_of(key):
    """(Step class, (doubles, integers) of state per row) of a "family.kernel": the Step of its
    resumable twin, or, for a kernel its family replays over the window (WINDOW_REPLAY), that of
    the kernel and None; NotImplementedError for a kernel that has neither."""
    family, name = key.split(".")
    module = _family_module(family)
    step = getattr(module, name + "_step", None)
    if step is None:
        raise NotImplementedError(f"kernel {key} has no resumable twin yet")
    return step, module.RESUMABLE.get(name)


def _buffer(rows, size, dtype):
    """A buffer's fresh columns: NaN (a kernel that looks ahead for a run's end, as
    _shared.valid_until, eight bars a test, finds none past the last bar), 0 for integers."""
    return np.full((rows, size), np.nan if np.dtype(dtype).kind == "f" else 0, dtype)


def substitute(key, args):
    """(key, args) of the kernel a stream runs for the call of `key` with `args`: the kernel's
    family may name another of its kernels in STREAM_SUBSTITUTES (a bar loop where the batch
    kernel works in blocks that a stream would have to run again over the window), with that
    kernel's arguments from this one's and a `ring` scratch: two monotonic deques over a window
    (an expression of them) for each row, in 4 x deque_slots(window) doubles."""
    family, name = key.split(".")
    kernels = importlib.import_module(f"fastind._kernels.{family}")
    table = getattr(kernels, "STREAM_SUBSTITUTES", None)
    if not table or name not in table:
        return key, args
    other, template, window_text = table[name]
    given = dict(zip(_family_module(family).ARGUMENTS[name], args))
    rows = next(a.shape[0] for a in args if isinstance(a, np.ndarray) and a.ndim == 2)
    mapped = []
    for item in (part.strip() for part in template.split(",")):
        if item == "ring":
            window = int(eval(window_text, {"__builtins__": {}}, given))
            slots = 1 << (window - 1).bit_length()  # _shared.deque_slots
            mapped.append(np.zeros((rows, 4 * slots)))
        elif item.lstrip("-").isdigit():
            mapped.append(int(item))
        else:
            mapped.append(given[item])
    return f"{family}.{other}", tuple(mapped)


class Site:
    """One kernel call of a compute, with the state it carries from step to step. Its
    time-aligned arguments are buffers of the StreamBackend (`slots`: their indices there)."""

    __slots__ = ("key", "step", "fstate", "istate", "aligned", "written", "slots", "args",
                 "start", "own", "step_args")

    def __init__(self, key, args, engine):
        self.key = key
        step, layout = step_of(key)
        rows = engine.rows
        if layout is None:  # run again over the window each step
            self.fstate = self.istate = None
        else:
            self.fstate = np.zeros((rows, max(layout[0], 1)))
            self.istate = np.zeros((rows, layout[1]), np.intp)
        self.written = step.WRITTEN
        # which arguments are time-aligned arrays (buffered), which scratch (kept); the priming
        # step is longer than any scratch (see StreamBackend.prime)
        self.aligned = tuple(isinstance(a, np.ndarray) and a.ndim == 2
                             and a.shape[1] == engine.length for a in args)
        if not any(self.aligned):
            raise NotImplementedError(f"{key} is called on part of the bars (a per-run "
                                      "computation): this function does not stream yet")
        # the other arguments are kept as given at the first call (a scratch array is the
        # call's own state)
        self.slots = engine.slots_for(args, self.aligned, self.written)
        self.args = [None if al else (a.copy() if isinstance(a, np.ndarray) else a)
                     for a, al in zip(args, self.aligned)]
        self.start = 0  # the bar (counted from priming's first) the last call's window began at

    def bind(self, buffers):
        """The Step over the engine's current buffers (again after they move). A replayed
        kernel writes into buffers of its own (`own`), the Step copying the new bars on."""
        step, _ = step_of(self.key)
        args = [a if k is None else buffers[k] for a, k in zip(self.args, self.slots)]
        targets = None
        if self.fstate is None:
            own = getattr(self, "own", None) or {}
            targets = [None] * len(args)
            for j, (k, w) in enumerate(zip(self.slots, self.written)):
                if k is not None and w:  # one of its own per buffer (an alias stays one)
                    if k not in own or own[k].shape != buffers[k].shape:
                        own[k] = np.empty_like(buffers[k])
                    targets[j] = buffers[k]
                    args[j] = own[k]
            self.own = own
        self.step = step(args, self.aligned, self.fstate, self.istate, targets)
        self.step_args = args

    def run(self, engine, args, original=None):
        """The kernel over the step's new bars (engine.pos onwards), their values from the aligned
        arrays of `args`, the results written back into them: the twin from its state, with the
        `tail` bars before them readable; a WINDOW_REPLAY kernel (no state) over those `tail`
        bars and the new."""
        if engine.block:
            self._run_block(engine, args, original)
            return
        pos = engine.pos
        stop = pos + engine.length
        # a twin reads the whole buffers up to `stop`; a replayed kernel its window's slice
        begin = max(0, pos - engine.window) if self.fstate is None else 0
        self.start = engine.origin + begin
        buffers = engine.buffers
        done = set()
        for a, k in zip(args, self.slots):
            # every aligned array in (a kernel may read an argument it does not declare const;
            # an output's values are overwritten)
            if k is not None and k not in done:
                buffers[k][:, pos:stop] = a
                done.add(k)
        self.step(begin, stop, pos - begin)
        for a, k, w in zip(args, self.slots, self.written):
            if k is not None and w:
                if a.flags.writeable:
                    a[...] = buffers[k][:, pos:stop]
                else:  # priming: a read-only array may be written by kernels only
                    a.flags.writeable = True
                    a[...] = buffers[k][:, pos:stop]
                    a.flags.writeable = False
                if engine.given is not None:  # priming: what the kernel wrote, read-only
                    a.flags.writeable = False

    def _run_block(self, engine, args, original):
        """A long step (engine.block): its first `head` bars through the buffers as above, the
        rest by the twin on the caller's arrays themselves (from column `head` on, each window
        read back inside the block), then the block's last `tail` bars of every aligned array
        kept for the engine's finish: O(tail) copies, where a step through the buffers copies
        every bar in and out."""
        head = engine.head
        pos = engine.pos
        buffers = engine.buffers
        done = set()
        for a, k in zip(args, self.slots):
            if k is not None and k not in done:
                buffers[k][:, pos:pos + head] = a[:, :head]
                done.add(k)
        self.start = engine.origin
        self.step(0, pos + head, pos)
        for a, k, w in zip(args, self.slots, self.written):
            if k is not None and w:
                a[:, :head] = buffers[k][:, pos:pos + head]
        step, _ = step_of(self.key)
        if original is not None:
            self._replaced_block(engine, args, original, step)
        else:
            direct = [a if k is not None else b for a, b, k in zip(args, self.step_args, self.slots)]
            step(direct, self.aligned, self.fstate, self.istate)(0, engine.length, head)
        for a, k in zip(args, self.slots):
            if k is not None:
                engine.kept[k] = a[:, -engine.tail:].copy()

    def _replaced_block(self, engine, args, original, step):
        """The rest of a long block for a kernel a stream runs another for (STREAM_SUBSTITUTES:
        `original`, its key and arguments): the batch kernel itself over the block from `window`
        bars before column `head` (its warm-up there discarded: every window of a later bar lies
        within), then the substitute's state made afresh from the block's last `tail` bars —
        its state is that of a window (a deque's values and their order), which those bars
        hold; its bar count is then at least `tail` where it was more, alike for every window."""
        key, given = original
        family, name = key.split(".")
        kernel = getattr(importlib.import_module(f"fastind._kernels.{family}"), name)
        head, tail, length = engine.head, engine.tail, engine.length
        start = head - engine.window
        aligned = [isinstance(a, np.ndarray) and a.ndim == 2 and a.shape[1] == length
                   for a in given]
        before = {id(a): a[:, start:head].copy() for a, al in zip(given, aligned) if al}
        kernel(*[a[:, start:] if al else a for a, al in zip(given, aligned)])
        for a, al in zip(given, aligned):
            if al:
                a[:, start:head] = before[id(a)]
        fstate = np.zeros_like(self.fstate)
        istate = np.zeros_like(self.istate)
        fresh = [(a[:, -tail:].copy() if w else a[:, -tail:]) if k is not None
                 else (np.zeros_like(b) if isinstance(b, np.ndarray) else b)
                 for a, b, k, w in zip(args, self.step_args, self.slots, self.written)]
        step(fresh, self.aligned, fstate, istate)(0, tail, 0)
        self.fstate[...] = fstate
        self.istate[...] = istate
        for a, b, k in zip(fresh, self.step_args, self.slots):
            if k is None and isinstance(b, np.ndarray):
                b[...] = a  # the scratch the bound Step holds (the deques' ring)

    def __getstate__(self):
        return {"key": self.key, "fstate": self.fstate, "istate": self.istate,
                "aligned": self.aligned, "slots": self.slots, "args": self.args,
                "start": self.start}

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)
        self.written = step_of(self.key)[0].WRITTEN

    def copy(self):
        other = Site.__new__(Site)
        state = self.__getstate__()
        for name in ("fstate", "istate"):
            state[name] = None if state[name] is None else state[name].copy()
        state["args"] = [a.copy() if isinstance(a, np.ndarray) else a for a in state["args"]]
        other.__setstate__(state)
        return other


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
    """The `be` a compute sees during a stream step (see the module docstring). It owns the
    buffers of every site's time-aligned arguments: bars [origin, origin + pos) of the stream
    (priming's counted) are at columns [0, pos), the last `tail` of them kept."""

    name = "stream"

    def __init__(self, rows, tail, window=None):
        self.rows = rows
        self.tail = tail
        # bars before a new one that a replayed (WINDOW_REPLAY) kernel reads again: the
        # indicator's lookback, which covers any of its kernels' own
        self.window = tail if window is None else window
        self.sites = []
        self.marks = []  # the run-position state of from_run_start/hide_first calls
        self.buffers = []
        self.pos = 0
        self.origin = 0
        self.next_site = 0
        self.next_mark = 0
        self.length = 0
        self.primed = 0
        self.given = None  # priming: each call's arguments
        self.sharing = None  # priming: {id(array): slot} where sites share buffers
        self.broken = False
        self.chain = None
        self.block = False  # a long step: see Site._run_block
        # its first bars, through the buffers: the tail, in whole blocks of the kernels' block
        # paths (BLOCK = 256 bars), so that the twins round as over the buffers
        self.head = -(-tail // ROOM) * ROOM
        self.kept = {}  # a long step's last `tail` bars of each buffer, for finish()
        kernels = _Kernels(self)
        self.kernels = {"d": kernels, "f": kernels}

    # -- buffers ------------------------------------------------------------------------------
    def slots_for(self, args, aligned, written):
        """The buffer slots of a new site's arguments: a fresh buffer for each, but the same for
        an array given twice (MIDPOINT's high and low), and, when priming a chain of kernels
        (`sharing`), the buffer of a compute input or of an earlier site's output the site
        reads, so that the compiled update needs no copies between kernels."""
        slots = []
        local = {}
        shared = set()
        for a, al, w in zip(args, aligned, written):
            if not al:
                slots.append(None)
                continue
            key = id(a)
            if key in local:
                if w and local[key] in shared:  # in place: it rewrites what it was given
                    self.broken = True
                slots.append(local[key])
                continue
            if self.sharing is not None and key in self.sharing and not w:
                slot = self.sharing[key]
                shared.add(slot)
            else:
                if self.sharing is not None and key in self.sharing:
                    # a kernel that writes (or declares it may write) an array an earlier one
                    # wrote or the compute was given: its own buffer, and no compiled chain
                    self.broken = True
                slot = len(self.buffers)
                self.buffers.append(_buffer(a.shape[0], self._size(), a.dtype))
                if self.sharing is not None:
                    self.sharing[key] = slot  # later readers see this writer's values
            local[key] = slot
            slots.append(slot)
        return slots

    def _size(self):
        """Columns of a new buffer: the current step's bars fit."""
        return max(self.tail + ROOM, self.pos + self.length + ROOM)

    def make_room(self, length):
        """Moves each buffer's last `tail` bars to its front (growing it for a long step)."""
        keep = min(self.tail, self.pos)
        size = max(self.tail + ROOM, keep + length + ROOM)
        for k, buf in enumerate(self.buffers):
            fresh = buf if buf.shape[1] >= size else _buffer(buf.shape[0], size, buf.dtype)
            fresh[:, :keep] = buf[:, self.pos - keep:self.pos]
            fresh[:, keep:] = np.nan if buf.dtype.kind == "f" else 0
            self.buffers[k] = fresh
        self.origin += self.pos - keep
        self.pos = keep
        for site in self.sites:
            site.bind(self.buffers)

    # -- steps --------------------------------------------------------------------------------
    def begin(self, length, direct=False):
        """Starts a step of `length` bars (room made for them). `direct`: the step may run a long
        block on the caller's arrays (Site._run_block) where every site has a twin."""
        self.block = (direct and length > 2 * self.head and self.given is None
                      and bool(self.sites) and all(s.fstate is not None for s in self.sites))
        need = self.head if self.block else length
        if self.buffers and self.pos + need > self.buffers[0].shape[1]:
            self.make_room(need)
        self.next_site = 0
        self.next_mark = 0
        self.length = length
        self.kept = {}

    def finish(self):
        if not self.block:
            self.pos += self.length
            return
        # a long step: each buffer holds the block's last `tail` bars at its front
        keep = self.tail
        for k, buf in enumerate(self.buffers):
            fill = np.nan if buf.dtype.kind == "f" else 0
            buf[:, :keep] = self.kept.get(k, fill)  # (a buffer no kernel read: nothing to keep)
            buf[:, keep:] = fill
        self.origin += self.pos + self.length - keep
        self.pos = keep
        self.block = False
        self.kept = {}
        for site in self.sites:
            site.bind(self.buffers)

    def call(self, key, args):
        original = (key, args)
        key, args = substitute(key, args)
        k = self.next_site
        if k == len(self.sites):
            site = Site(key, args, self)
            site.bind(self.buffers)
            self.sites.append(site)
        site = self.sites[k]
        if self.given is not None:
            self.given.append(args)
        if site.key != key:
            raise RuntimeError(f"stream: call {k} of the compute was {site.key}, now {key}")
        self.next_site = k + 1
        site.run(self, args, original if original[0] != key else None)

    def mark(self):
        """The RunMark of this step's next run-position call (from_run_start, hide_first)."""
        k = self.next_mark
        if k == len(self.marks):
            self.marks.append(RunMark(self.rows))
        self.next_mark = k + 1
        return self.marks[k]

    def first_bar(self):
        """The stream's bar (0: the first after priming) in the first column the last kernel
        call read: bar-index outputs (MAXINDEX) are counted from there."""
        return self.sites[-1].start - self.primed

    # -- priming ------------------------------------------------------------------------------
    def prime(self, compute, args, n_inputs, dtypes, length):
        """Runs the compute once over `length` NaN bars, which creates every call site (a gap
        leaves each kernel's state as fresh as it was): `length` exceeds every scratch array's
        size, so that a site tells the time-aligned arrays from scratch by their length.

        The compute's outputs, and each array a kernel wrote, are read-only meanwhile: a
        compute that writes one itself (not through a kernel) raises, and is not a chain of
        kernels. A chain — each kernel reading the compute's inputs or earlier kernels'
        outputs, the compute's outputs written by kernels — is primed again with its buffers
        shared (`chain`: the slots of the compute's inputs and outputs), which the compiled
        update runs with no Python between the kernels."""
        for sharing in (None, {}):
            self.__init__(self.rows, self.tail, self.window)
            self.sharing = sharing
            self.given = []
            self.begin(length)
            inputs = tuple(np.full((self.rows, length), np.nan) for _ in range(n_inputs))
            outputs = tuple(np.empty((self.rows, length), d) for d in dtypes)
            if sharing is not None:
                for x in inputs:
                    self.sharing[id(x)] = len(self.buffers)
                    self.buffers.append(_buffer(self.rows, self._size(), x.dtype))
            for o in outputs:
                o.flags.writeable = False
            try:
                compute(self, "d", inputs, args, outputs)
                pure = self._pure(inputs, outputs)
            except ValueError as exc:
                if "read-only" not in str(exc):
                    raise
                pure = False
            if sharing is not None:
                self.chain = self._chain(inputs, outputs)
                break
            if not pure:  # again, writeable, as every later step runs
                self.__init__(self.rows, self.tail, self.window)
                self.begin(length)
                outputs = tuple(np.empty((self.rows, length), d) for d in dtypes)
                compute(self, "d", inputs, args, outputs)
                break
        self.finish()
        self.given = None
        self.sharing = None
        self.primed = length
        self._compact()

    def _pure(self, inputs, outputs):
        """Whether the compute is a chain of kernels: every aligned array a kernel reads is a
        compute input or an earlier kernel's output, every output written by a kernel, and no
        run-position call (hide_first) between them."""
        if self.marks:
            return False
        known = {id(x) for x in inputs}
        for site, args in zip(self.sites, self.given):
            for a, al, w in zip(args, site.aligned, site.written):
                if al and not w and id(a) not in known:
                    return False
            known |= {id(a) for a, al, w in zip(args, site.aligned, site.written) if al and w}
        return all(id(o) in known for o in outputs)

    def _chain(self, inputs, outputs):
        """(input slots, output slots) of a primed chain (its inputs in slots 0, 1, ...), or
        None where a kernel rewrote an array it read (an in-place stage)."""
        if self.broken or any(self.sharing.get(id(x)) != k for k, x in enumerate(inputs)):
            return None
        return (list(range(len(inputs))), [self.sharing.get(id(o)) for o in outputs])

    def _compact(self):
        """Back to buffers of tail + ROOM bars (after the long priming step)."""
        self.__setstate__(self.__getstate__())

    # -- state --------------------------------------------------------------------------------
    def __getstate__(self):
        keep = min(self.tail, self.pos)  # only the bars a window can still read back
        return {"rows": self.rows, "tail": self.tail, "window": self.window,
                "sites": self.sites, "marks": self.marks,
                "primed": self.primed, "chain": self.chain, "origin": self.origin + self.pos - keep,
                "buffers": [b[:, self.pos - keep:self.pos].copy() for b in self.buffers]}

    def __setstate__(self, state):
        self.__init__(state["rows"], state["tail"], state["window"])
        for name in ("sites", "marks", "primed", "chain", "origin"):
            setattr(self, name, state[name])
        for b in state["buffers"]:
            buf = _buffer(b.shape[0], self.tail + ROOM, b.dtype)
            buf[:, :b.shape[1]] = b
            self.buffers.append(buf)
        self.pos = state["buffers"][0].shape[1] if state["buffers"] else 0
        for site in self.sites:
            site.bind(self.buffers)

    def copy(self):
        state = self.__getstate__()
        state["sites"] = [s.copy() for s in self.sites]
        state["marks"] = [m.copy() for m in self.marks]
        other = StreamBackend.__new__(StreamBackend)
        other.__setstate__(state)
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
