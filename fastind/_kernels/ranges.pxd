# Cython declarations augmenting ranges.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t RESUM, BLOCK

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, h=double, lo=double,
               hj=double, lj=double, s=double, inv=double, saved=double, a=double, b=double,
               a_old=double, b_old=double, u=size_t, u1=size_t, w0=size_t, w1=size_t)
cpdef void adr(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               h=double, lo=double, s=double, e=double, lag=double, beta=double, k=double)
cpdef void cvi(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
               Py_ssize_t roc, double[:, ::1] ema, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, m=Py_ssize_t,
               lbe=Py_ssize_t, first=Py_ssize_t, last=Py_ssize_t, h=double, lo=double, hl=double,
               s1=double, s2=double, e1=double, e2=double, q=double, total=double, beta=double,
               k=double)
cpdef void massi(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t fast,
                 Py_ssize_t slow, Py_ssize_t skip, double[:, ::1] ratio,
                 floating[:, ::1] out) noexcept nogil

cdef inline double block_range(floating h, floating lo, floating prev) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               m=Py_ssize_t, j=Py_ssize_t, h=double, lo=double, c=double, prev=double, tr=double,
               s=double, k=double, keep=double, keep2=double, a=double, b=double, t=double,
               saved=double, p=double, q=double, z0=double, z1=floating, z2=double, hb=floating, lb=floating,
               cb=floating, pb=floating, hb1=floating, lb1=floating, u=size_t, u1=size_t)
cpdef void natr(const floating[:, ::1] high, const floating[:, ::1] low,
                const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, a=double, c=double)
cpdef void natr_scale(const floating[:, ::1] close, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, m=Py_ssize_t, v=double,
               prev=double, sigma=double, delta=double, upv=double, dnv=double, up=double,
               dn=double, total=double, beta=double, alpha=double, beta2=double, j=Py_ssize_t,
               u=size_t, u1=size_t, saved_u=double, saved_d=double, z0=double, p=double,
               v0=double, v1=double, s0=double, s1=double, a_up=double, a_dn=double, b_up=double,
               b_dn=double, t_up=double, t_dn=double, q0=double, q1=double)
cpdef void rvi(const floating[:, ::1] x, const double[:, ::1] std, Py_ssize_t period,
               floating[:, ::1] out) noexcept nogil
