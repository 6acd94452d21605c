# Cython declarations augmenting momentum.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t BLOCK

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, v=double, z0=double, z1=double, z2=double, z3=double)
cpdef void mom(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(d=double)
cdef inline double put_mom(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t i, Py_ssize_t period,
                           floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, v=double, z0=double, z1=double, z2=double, z3=double)
cpdef void roc(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t, v=double)
cpdef void momentum_signal(const floating[:, ::1] x, Py_ssize_t period,
                           signed char[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double, prev=double, d=double, gain=double, loss=double, s=double,
               up=double, down=double, inv=double, keep=double)
cpdef void rsi(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               lead=Py_ssize_t, v=double, kf=double, ks=double, kg=double, jf=double, js=double,
               jg=double, fsum=double, ssum=double, gsum=double, fema=double, sema=double,
               sig=double, m=double, j=Py_ssize_t, w=double, a=double, b=double, g=double,
               jf2=double, js2=double, jg2=double, saved_f=double, saved_s=double, saved_g=double)
cpdef void macd(const floating[:, ::1] x, Py_ssize_t fast, Py_ssize_t slow, Py_ssize_t signal,
                floating[:, ::1] out_macd, floating[:, ::1] out_signal,
                floating[:, ::1] out_hist) noexcept nogil

cdef inline void put_macd(double m, double sig, Py_ssize_t r, Py_ssize_t i,
                          floating[:, ::1] out_macd, floating[:, ::1] out_signal,
                          floating[:, ::1] out_hist) noexcept nogil

@cython.locals(p=double, q=double)
cdef inline double put_roc(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t i, Py_ssize_t period,
                           floating[:, ::1] out) noexcept nogil
