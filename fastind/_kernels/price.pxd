# Cython declarations augmenting price.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t RESUM

cdef inline double finite_or_nan(double value) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, o=double, h=double,
               lo=double, c=double)
cpdef void avgprice(const floating[:, ::1] open_, const floating[:, ::1] high,
                    const floating[:, ::1] low, const floating[:, ::1] close,
                    floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, h=double, lo=double)
cpdef void medprice(const floating[:, ::1] high, const floating[:, ::1] low,
                    floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, h=double, lo=double,
               c=double)
cpdef void typprice(const floating[:, ::1] high, const floating[:, ::1] low,
                    const floating[:, ::1] close, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, h=double, lo=double,
               c=double)
cpdef void wclprice(const floating[:, ::1] high, const floating[:, ::1] low,
                    const floating[:, ::1] close, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, first=bint, o=double,
               h=double, lo=double, c=double, ho=double, hc=double)
cpdef void heikin_ashi(const floating[:, ::1] open_, const floating[:, ::1] high,
                       const floating[:, ::1] low, const floating[:, ::1] close,
                       floating[:, ::1] ha_open, floating[:, ::1] ha_high,
                       floating[:, ::1] ha_low, floating[:, ::1] ha_close) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, v=double, s=double,
               inv=double, mean=double, dev=double)
cpdef void avgdev(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil
