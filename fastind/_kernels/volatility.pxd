# Cython declarations augmenting volatility.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

# the block-loop form: GCC's here, LLVM's loop vectorizer's under numba (see momentum.pxd)
cdef extern from *:
    """
    #define FASTIND_LOOP_VECTORIZER 0
    """
    const bint LOOP_VECTORIZER "FASTIND_LOOP_VECTORIZER"

cdef inline double true_range(double h, double lo, double prev) noexcept nogil

@cython.locals(top=double, bottom=double)
cdef inline double block_range(floating h, floating lo, floating prev) noexcept nogil

cdef Py_ssize_t BLOCK

@cython.locals(check=double, u=size_t)
cdef inline double put_trange(const floating[:, ::1] high, const floating[:, ::1] low,
                              const floating[:, ::1] close, Py_ssize_t r, Py_ssize_t i,
                              floating[:, ::1] out) noexcept nogil
@cython.locals(u=size_t, w=size_t)
cdef inline double bar_trange(const floating[:, ::1] high, const floating[:, ::1] low,
                              const floating[:, ::1] close, Py_ssize_t r, Py_ssize_t i) noexcept nogil
@cython.locals(h=double, u=size_t, w=size_t)
cdef inline double bar_check(const floating[:, ::1] high, const floating[:, ::1] low,
                             const floating[:, ::1] close, Py_ssize_t r, Py_ssize_t i) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, h=double, lo=double, c=double, prev=double, z0=double, z1=double,
               z2=double, z3=double, bad=bint)
cpdef void trange(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               m=Py_ssize_t, j=Py_ssize_t, h=double, lo=double, c=double, prev=double, tr=double,
               s=double, k=double, keep=double, keep2=double, a=double, b=double, saved=double,
               z0=floating, z1=floating, hb=floating, lb=floating, cb=floating, pb=floating,
               hb1=floating, lb1=floating, u=size_t, u1=size_t)
cpdef void atr(const floating[:, ::1] high, const floating[:, ::1] low, const floating[:, ::1] close,
               Py_ssize_t period, floating[:, ::1] out) noexcept nogil
