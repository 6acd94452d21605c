# Cython declarations augmenting averages.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t RESUM

@cython.locals(j=Py_ssize_t, s=double)
cdef double window_sum(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t start,
                              Py_ssize_t stop) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               lb1=Py_ssize_t, seed2=Py_ssize_t, first=Py_ssize_t, v=double, k=double,
               keep=double, s1=double, s2=double, e1=double, e2=double)
cpdef void dema(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t skip,
                floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               lb1=Py_ssize_t, seed2=Py_ssize_t, start3=Py_ssize_t, seed3=Py_ssize_t,
               first=Py_ssize_t, v=double, k=double, keep=double, s=double, e1=double, e2=double,
               e3=double)
cpdef void tema(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t skip,
                floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               m=Py_ssize_t, level=Py_ssize_t, v=double, k=double, keep=double, a2=double,
               c1=double, c2=double, c3=double, c4=double, d1=double, d2=double, d3=double,
               d4=double, k2=double, k3=double, k4=double, k5=double, k6=double, s=double, e1=double, e2=double,
               e3=double, e4=double, e5=double, e6=double)
cpdef void t3(const floating[:, ::1] x, Py_ssize_t period, double vfactor,
              floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               w=Py_ssize_t, a=Py_ssize_t, b=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t,
               v=double, old=double, inv=double, total=double, sa=double, sb=double)
cpdef void trima(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(er=double, sc=double)
cdef inline double kama_constant(double s, double change, double spread,
                                 double slowest) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               v=double, old=double, mid=double, s=double, prev=double, sc=double,
               fastest=double, slowest=double, spread=double)
cpdef void kama(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               lag=Py_ssize_t, seed=Py_ssize_t, v=double, v1=double, d=double, d1=double, a=double,
               k=double, keep=double, keep2=double, s=double, e=double)
cpdef void zlema(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               v=double, v1=double, a=double, s=double, beta=double, alpha=double, beta2=double)
cpdef void rma(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               w=Py_ssize_t, m=Py_ssize_t, half=Py_ssize_t, s=Py_ssize_t, pos=Py_ssize_t,
               since=Py_ssize_t, resum=Py_ssize_t, v=double, old=double, a=double, d=double,
               full=double, part=double, inv_full=double, inv_half=double, inv_s=double,
               wf=double, pf=double, wh=double, ph=double, ws=double, ps=double)
cpdef void hma(const floating[:, ::1] x, Py_ssize_t period, double[::1] ring,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               w=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, v=double, vol=double,
               old=double, old_vol=double, sxv=double, sv=double)
cpdef void vwma(const floating[:, ::1] x, const floating[:, ::1] volume, Py_ssize_t period,
                floating[:, ::1] out) noexcept nogil

@cython.locals(m=Py_ssize_t, i=Py_ssize_t, q=double, low=double, high=double)
cpdef void mavp_pick(const floating[:, ::1] values, const floating[:, ::1] periods,
                     Py_ssize_t minperiod, Py_ssize_t maxperiod, Py_ssize_t period,
                     floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               w=Py_ssize_t, p=Py_ssize_t, a=Py_ssize_t, first=Py_ssize_t, v=double, q=double,
               old=double, s=double)
cpdef void mavp_window(const floating[:, ::1] x, const floating[:, ::1] periods,
                       Py_ssize_t minperiod, Py_ssize_t maxperiod, Py_ssize_t kind,
                       floating[:, ::1] out) noexcept nogil
