# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled side of streams.

Step: one kernel call of a stream (fastind/_streaming.Site) with its arguments bound, the
time-aligned ones to the stream's buffers; run(begin, stop, at) calls the kernel's resumable
twin over buffer columns [begin, stop) from column `at` of that window on (or, for a kernel
replayed over its window, the kernel itself over those columns). Subclasses, one per kernel, are
written at build time (fastind/_resume.steps, in fastind._kernels._resume_<family> beside the twins).

FastStream: a whole one-series stream whose compute is a chain of kernel calls sharing their
buffers: update(*bar) puts the bar in the input buffers, runs each Step over it and reads the
outputs, all in C but for the bar's values in and the result out (TA-Lib's stream handles cost
0.1-0.2 us an update; a Python path through the compute costs ~10 us).
"""
from libc.math cimport isfinite


cdef class Step:
    def __init__(self, aligned, fstate=None, istate=None):
        for k, a in enumerate(aligned):
            self.aligned[k] = a
        if fstate is not None:
            self.f = fstate
            self.i = istate

    cdef void run(self, Py_ssize_t begin, Py_ssize_t stop, Py_ssize_t at) noexcept nogil:
        pass

    def __call__(self, Py_ssize_t begin, Py_ssize_t stop, Py_ssize_t at):
        if (stop - begin) >= 4096:
            with nogil:
                self.run(begin, stop, at)
        else:
            self.run(begin, stop, at)


cdef class FastStream:
    """update(*bar) of a one-series stream whose compute is a chain of kernels (see the module
    docstring): `engine` is its fastind._streaming.StreamBackend, `inputs`/`outputs` the slots
    of the compute's inputs and outputs among the engine's buffers (TA-Lib's output order with
    `order`); `strict`: a bar must be finite (TA-Lib's handles), else a NaN bar is a gap."""

    cdef list steps
    cdef bint replay[32]
    cdef int n_steps
    cdef object engine
    cdef object input_slots
    cdef object output_slots
    cdef double[:, ::1] in0, in1, in2, in3
    cdef double[:, ::1] out0, out1, out2, out3
    cdef int[:, ::1] iout0, iout1, iout2, iout3
    cdef bint is_int[4]
    cdef int order[4]
    cdef int n_in, n_out
    cdef Py_ssize_t pos, cap, window
    cdef bint strict, index
    cdef Py_ssize_t offset
    cdef public Py_ssize_t count
    cdef public object names

    def __init__(self, engine, inputs, outputs, order, strict=False, names=(), index=False):
        self.engine = engine
        self.index = index
        self.input_slots = tuple(inputs)
        self.output_slots = tuple(outputs)
        self.n_in = len(inputs)
        self.n_out = len(outputs)
        if self.n_in > 4 or self.n_out > 4 or len(engine.sites) > 32:
            raise ValueError("a FastStream takes at most 4 inputs, 4 outputs and 32 kernels")
        for k in range(self.n_out):
            self.order[k] = order[k]
        self.strict = strict
        self.names = tuple(names)
        self.count = 0
        self.bind()

    def bind(self):
        """(Re)reads the engine's buffers, position and Steps (after a move or a slow step)."""
        engine = self.engine
        buffers = engine.buffers
        ins = [buffers[k] for k in self.input_slots]
        ins += [ins[0]] * (4 - self.n_in)
        self.in0, self.in1, self.in2, self.in3 = ins
        outs = [buffers[k] for k in self.output_slots]
        for k in range(4):
            self.is_int[k] = False
        for k in range(self.n_out):
            self.is_int[k] = outs[k].dtype.kind in "iu"
            if self.is_int[k]:
                if k == 0: self.iout0 = outs[k]
                elif k == 1: self.iout1 = outs[k]
                elif k == 2: self.iout2 = outs[k]
                else: self.iout3 = outs[k]
            else:
                if k == 0: self.out0 = outs[k]
                elif k == 1: self.out1 = outs[k]
                elif k == 2: self.out2 = outs[k]
                else: self.out3 = outs[k]
        self.steps = [site.step for site in engine.sites]
        self.n_steps = len(self.steps)
        for k, site in enumerate(engine.sites):
            self.replay[k] = site.fstate is None
        self.pos = engine.pos
        # bar-index outputs (MAXINDEX) count buffer columns: the stream's bar is column + offset
        self.offset = engine.origin - engine.primed
        self.cap = buffers[0].shape[1]
        self.window = engine.window

    def release(self):
        """Hands the position back to the engine (before a slow step, a copy or a pickle)."""
        self.engine.pos = self.pos

    cdef inline object _value(self, int k, Py_ssize_t at):
        cdef Py_ssize_t v
        if self.is_int[k]:
            if k == 0: v = self.iout0[0, at]
            elif k == 1: v = self.iout1[0, at]
            elif k == 2: v = self.iout2[0, at]
            else: v = self.iout3[0, at]
            if self.index and v != 0:  # 0: no index (the warm-up, a gap)
                v += self.offset
            return v
        if k == 0: return self.out0[0, at]
        if k == 1: return self.out1[0, at]
        if k == 2: return self.out2[0, at]
        return self.out3[0, at]

    cdef inline object _values(self, Py_ssize_t at):
        if self.n_out == 1:
            return self._value(0, at)
        if self.n_out == 2:
            return (self._value(self.order[0], at), self._value(self.order[1], at))
        if self.n_out == 3:
            return (self._value(self.order[0], at), self._value(self.order[1], at),
                    self._value(self.order[2], at))
        return (self._value(self.order[0], at), self._value(self.order[1], at),
                self._value(self.order[2], at), self._value(self.order[3], at))

    cdef inline bint _room(self) except -1:
        """Makes room for one bar (the engine moves its buffers' tails to their fronts: once
        every few hundred bars)."""
        if self.pos + 1 > self.cap:
            self.engine.pos = self.pos
            self.engine.make_room(1)
            self.bind()
        return 0

    cdef inline bint _check(self, int k, double v) except -1:
        if self.strict and not isfinite(v):
            raise ValueError(f"{self.names[k]} is {v}: a bar to stream must be finite")
        return 0

    cdef inline object _advance(self):
        """Runs the bar at pos (its values in), moves on, returns its outputs."""
        cdef Py_ssize_t begin
        cdef Py_ssize_t window = self.pos - self.window
        cdef int k
        if window < 0:
            window = 0
        for k in range(self.n_steps):
            begin = window if self.replay[k] else 0
            (<Step>self.steps[k]).run(begin, self.pos + 1, self.pos - begin)
        self.pos += 1
        self.count += 1
        return self._values(self.pos - 1)

    def value(self):
        """The last bar's output(s)."""
        return self._values(self.pos - 1)


cdef class FastStream1(FastStream):
    def update(self, double x):
        """Commits one bar; its output(s)."""
        self._room()
        self._check(0, x)
        self.in0[0, self.pos] = x
        return self._advance()


cdef class FastStream2(FastStream):
    def update(self, double x0, double x1):
        """Commits one bar; its output(s)."""
        self._room()
        self._check(0, x0)
        self._check(1, x1)
        self.in0[0, self.pos] = x0
        self.in1[0, self.pos] = x1
        return self._advance()


cdef class FastStream3(FastStream):
    def update(self, double x0, double x1, double x2):
        """Commits one bar; its output(s)."""
        self._room()
        self._check(0, x0)
        self._check(1, x1)
        self._check(2, x2)
        self.in0[0, self.pos] = x0
        self.in1[0, self.pos] = x1
        self.in2[0, self.pos] = x2
        return self._advance()


cdef class FastStream4(FastStream):
    def update(self, double x0, double x1, double x2, double x3):
        """Commits one bar; its output(s)."""
        self._room()
        self._check(0, x0)
        self._check(1, x1)
        self._check(2, x2)
        self._check(3, x3)
        self.in0[0, self.pos] = x0
        self.in1[0, self.pos] = x1
        self.in2[0, self.pos] = x2
        self.in3[0, self.pos] = x3
        return self._advance()


def fast_stream(engine, inputs, outputs, order, strict=False, names=(), index=False):
    """The FastStream of an engine whose compute is a chain of kernels with len(inputs) inputs
    (`index`: its integer outputs are bar indexes)."""
    kind = {1: FastStream1, 2: FastStream2, 3: FastStream3, 4: FastStream4}.get(len(inputs))
    if kind is None:
        raise ValueError("a FastStream takes 1 to 4 inputs")
    return kind(engine, inputs, outputs, order, strict, names, index)
