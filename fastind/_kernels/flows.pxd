# Cython declarations augmenting flows.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t BLOCK

@cython.locals(tmp=double)
cdef inline double money_flow(double h, double lo, double c, double v) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, u=size_t, u1=size_t, h=double, lo=double, c=double, v=double,
               total=double, saved=double, z0=double, f0=double, f1=double, t0=double, t1=double,
               g0=double, g1=double)
cpdef void ad(const floating[:, ::1] high, const floating[:, ::1] low, const floating[:, ::1] close,
              const floating[:, ::1] volume, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, slowest=Py_ssize_t, u=size_t, u1=size_t, h=double, lo=double,
               c=double, v=double, total=double, fk=double, fk1=double, sk=double, sk1=double,
               fkk=double, skk=double, dk=double, fk2=double, sk2=double, fe=double, se=double, saved=double,
               saved_f=double, saved_s=double, z0=double, f0=double, f1=double, t0=double, t1=double,
               g0=double, g1=double,
               a0=double)
cpdef void adosc(const floating[:, ::1] high, const floating[:, ::1] low,
                 const floating[:, ::1] close, const floating[:, ::1] volume, Py_ssize_t fast,
                 Py_ssize_t slow, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, h=double, lo=double, c=double, v=double, smf=double, svol=double,
               hj=double, lj=double, cj=double, vj=double, u=size_t, u1=size_t, w0=size_t,
               w1=size_t, saved_f=double, saved_v=double, z0=double, t0=double, t1=double,
               g0=double, g1=double, f0=double, f1=double, v0=double, df=double, dv=double,
               m0=double, s0=double, q0=double, q1=double, z1=double, tj=double,
               gj=double, pr=double, a0=double, a1=double)
cpdef void cmf(const floating[:, ::1] high, const floating[:, ::1] low, const floating[:, ::1] close,
               const floating[:, ::1] volume, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               m=Py_ssize_t, j=Py_ssize_t, u=size_t, u1=size_t, c=double, v=double, prev=double,
               s=double, ema=double, k=double, keep=double, keep2=double, force=double,
               saved=double, a=double, b=double, c0=double, c1=double, pb=double)
cpdef void efi(const floating[:, ::1] close, const floating[:, ::1] volume, Py_ssize_t period,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, u=size_t, h=double,
               lo=double, v=double, q=double)
cpdef void marketfi(const floating[:, ::1] high, const floating[:, ::1] low,
                    const floating[:, ::1] volume, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               c=double, v=double, pc=double, pv=double, index=double, t=double, j=Py_ssize_t,
               u=size_t, u1=size_t, saved=double, z0=double, p=double, q=double, c0=double,
               c1=double, v0=double, v1=double, g0=double, g1=double, sign=double)
cdef inline void volume_index(const floating[:, ::1] close, const floating[:, ::1] volume, bint up,
                              floating[:, ::1] out) noexcept nogil

cpdef void nvi(const floating[:, ::1] close, const floating[:, ::1] volume,
               floating[:, ::1] out) noexcept nogil
cpdef void pvi(const floating[:, ::1] close, const floating[:, ::1] volume,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, u=size_t, u1=size_t, c=double, v=double, pc=double, total=double,
               saved=double, z0=double, p=double, c0=double, c1=double, v0=double, v1=double,
               a=double, b=double)
cpdef void pvt(const floating[:, ::1] close, const floating[:, ::1] volume,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               zeros=Py_ssize_t, j=Py_ssize_t, u=size_t, u1=size_t, w0=size_t, w1=size_t,
               v=double, s=double, base=double, saved=double, z0=double, a=double, b=double,
               da=double)
cpdef void rvol(const floating[:, ::1] volume, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, h=double, lo=double,
               c=double, v=double, tp=double, spv=double, sv=double, last=double, third=double,
               j=Py_ssize_t, u=size_t, u1=size_t, saved_p=double, saved_v=double, z0=double,
               z1=double, v0=double, v1=double, s0=double, s1=double, a=double, b=double)
cpdef void vwap(const floating[:, ::1] high, const floating[:, ::1] low, const floating[:, ::1] close,
                const floating[:, ::1] volume, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, f=double, s=double)
cpdef void percent_oscillator(const floating[:, ::1] fast, const floating[:, ::1] slow,
                              floating[:, ::1] out) noexcept nogil
