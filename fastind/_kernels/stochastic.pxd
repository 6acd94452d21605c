# Cython declarations augmenting stochastic.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               c=double, h=double, lw=double, d=double, w=double)
cdef inline void position(const floating[:, ::1] close, const floating[:, ::1] hi,
                          const floating[:, ::1] lo, Py_ssize_t period, int mode,
                          floating[:, ::1] out) noexcept nogil

cpdef void fast_k(const floating[:, ::1] close, const floating[:, ::1] hi,
                  const floating[:, ::1] lo, Py_ssize_t period,
                  floating[:, ::1] out) noexcept nogil

cpdef void willr(const floating[:, ::1] close, const floating[:, ::1] hi,
                 const floating[:, ::1] lo, Py_ssize_t period,
                 floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double, s=double, h=double, lw=double)
cpdef void vhf(const floating[:, ::1] x, const floating[:, ::1] hi, const floating[:, ::1] lo,
               Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               c=double, h=double, lw=double)
cpdef void smi_parts(const floating[:, ::1] close, const floating[:, ::1] hi,
                     const floating[:, ::1] lo, Py_ssize_t period, floating[:, ::1] num,
                     floating[:, ::1] den) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, a=double, half=double)
cpdef void smi_ratio(const floating[:, ::1] num, const floating[:, ::1] den,
                     floating[:, ::1] out) noexcept nogil

@cython.locals(size=Py_ssize_t, factor=double, rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t,
               i=Py_ssize_t, count=Py_ssize_t, hh=Py_ssize_t, hn=Py_ssize_t, lh=Py_ssize_t,
               ln=Py_ssize_t, b=Py_ssize_t, h=double, lw=double)
cdef inline void aroon_engine(const floating[:, ::1] high, const floating[:, ::1] low,
                              Py_ssize_t period, int mode, floating[:, ::1] out_a,
                              floating[:, ::1] out_b, Py_ssize_t[:, ::1] hq,
                              Py_ssize_t[:, ::1] lq) noexcept nogil

cpdef void aroon(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                 floating[:, ::1] down, floating[:, ::1] up, Py_ssize_t[:, ::1] hq,
                 Py_ssize_t[:, ::1] lq) noexcept nogil

cpdef void aroonosc(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                    floating[:, ::1] out, Py_ssize_t[:, ::1] hq,
                    Py_ssize_t[:, ::1] lq) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               start=Py_ssize_t, j=Py_ssize_t, v=double, s0=double, s1=double, s2=double,
               s3=double, mean=double, dev=double, d=double)
cpdef void cci(const floating[:, ::1] tp, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(c=double, lw=double, p=double)
cdef inline double ult_terms(const floating[:, ::1] high, const floating[:, ::1] low,
                             const floating[:, ::1] close, Py_ssize_t r,
                             Py_ssize_t j) noexcept nogil

@cython.locals(p=double, h=double, lw=double)
cdef inline double ult_range(const floating[:, ::1] high, const floating[:, ::1] low,
                             const floating[:, ::1] close, Py_ssize_t r,
                             Py_ssize_t j) noexcept nogil

@cython.locals(ps=Py_ssize_t, pl=Py_ssize_t, pm=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t,
               r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t, k=Py_ssize_t, j=Py_ssize_t,
               a1=double, b1=double, a2=double, b2=double, a3=double, b3=double, h=double,
               lw=double, c=double, bp=double, tr=double, total=double)
cpdef void ultosc(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, Py_ssize_t period1, Py_ssize_t period2,
                  Py_ssize_t period3, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, sp=double, sm=double, st=double, h=double, lw=double, c=double)
cpdef void vortex(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] plus,
                  floating[:, ::1] minus) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               c=Py_ssize_t, j=Py_ssize_t, h=double, lw=double, v=double, found=Py_ssize_t)
cpdef void fractal(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t left,
                   Py_ssize_t right, int[:, ::1] swinghigh, int[:, ::1] swinglow) noexcept nogil
