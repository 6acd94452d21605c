# Cython declarations augmenting oscillators.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, o=double, h=double,
               lo=double, c=double, rng=double)
cpdef void bop(const floating[:, ::1] open_, const floating[:, ::1] high,
               const floating[:, ::1] low, const floating[:, ::1] close,
               floating[:, ::1] out) noexcept nogil

cpdef void rocp(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

cpdef void rocr(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

cpdef void rocr100(const floating[:, ::1] x, Py_ssize_t period,
                   floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double, then=double)
cdef inline void lagged_ratio(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t mode,
                              floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, o=double, c=double, total=double)
cpdef void qstick(const floating[:, ::1] open_, const floating[:, ::1] close, Py_ssize_t period,
                  floating[:, ::1] out) noexcept nogil

@cython.locals(h=double, lo=double)
cdef inline double median(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t r,
                          Py_ssize_t i) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               longest=Py_ssize_t, h=double, lo=double, m=double, sum_f=double, sum_s=double)
cpdef void ao(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t fast,
              Py_ssize_t slow, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               longest=Py_ssize_t, first=Py_ssize_t, h=double, lo=double, m=double, a=double,
               sum_f=double, sum_s=double, sum_g=double)
cpdef void ac(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t fast,
              Py_ssize_t slow, Py_ssize_t signal, floating[:, ::1] out,
              double[:, ::1] osc) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               start=Py_ssize_t, first=Py_ssize_t, v=double, ef=double, es=double, sig=double,
               line=double, kg=double, keep_f=double, keep_s=double, keep_g=double)
cpdef void macd_k(const floating[:, ::1] x, Py_ssize_t fast, Py_ssize_t slow, Py_ssize_t signal,
                  Py_ssize_t lead, double kf, double ks, floating[:, ::1] out_macd,
                  floating[:, ::1] out_signal, floating[:, ::1] out_hist) noexcept nogil
