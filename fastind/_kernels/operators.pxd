# Cython declarations augmenting operators.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t RESUM, BLOCK

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               redo=Py_ssize_t, count=Py_ssize_t, v=double, s=double, saved=double, a=double,
               u=size_t, u1=size_t)
cpdef void cumsum(const floating[:, ::1] x, floating[:, ::1] out) noexcept nogil

@cython.locals(j=Py_ssize_t, s=double)
cdef inline double fresh_sum(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t start,
                             Py_ssize_t stop) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, v=double, s=double, saved=double,
               u=size_t, w=size_t, u1=size_t, w1=size_t, d=double, a=double)
cpdef void rolling_sum(const floating[:, ::1] x, Py_ssize_t period,
                       floating[:, ::1] out) noexcept nogil

# the values compared are read into double: exact, so ties are ties as in the input's type
@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               best=Py_ssize_t, v=double)
cpdef void extreme_index(const floating[:, ::1] x, const floating[:, ::1] extreme,
                         Py_ssize_t period, int[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               best_low=Py_ssize_t, best_high=Py_ssize_t, v=double)
cpdef void extreme_indexes(const floating[:, ::1] x, const floating[:, ::1] low,
                           const floating[:, ::1] high, Py_ssize_t period, int[:, ::1] out_low,
                           int[:, ::1] out_high) noexcept nogil

cdef inline Py_ssize_t next_index(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t i,
                                  Py_ssize_t period, double v, double m,
                                  Py_ssize_t best) noexcept nogil
