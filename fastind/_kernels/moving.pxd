# Cython declarations augmenting moving.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN
    double sqrt(double x)

cdef Py_ssize_t RESUM
cdef Py_ssize_t VAR, STDDEV, BANDS, BANDS_MEAN
cdef Py_ssize_t BLOCK

@cython.locals(j=Py_ssize_t, s=double)
cdef inline double window_sum(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t start,
                              Py_ssize_t stop) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, v=double, s=double, saved=double,
               inv=double)
cpdef void sma(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, v=double, s=double, prev=double, saved=double, k=double, keep=double,
               keep2=double, a=double)
cpdef void ema(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

cpdef void bollinger_mean(const floating[:, ::1] x, Py_ssize_t period, double nbdevup,
                          double nbdevdn, floating[:, ::1] upper, floating[:, ::1] middle,
                          floating[:, ::1] lower) noexcept nogil

cdef inline void put_moments_nan(Py_ssize_t mode, floating[:, ::1] middle, floating[:, ::1] out,
                                 floating[:, ::1] lower, Py_ssize_t r, Py_ssize_t i) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, divider=Py_ssize_t,
               v=double, a=double, w=double, wsum=double, psum=double, saved_w=double,
               saved_p=double, inv=double)
cpdef void wma(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(mode=Py_ssize_t)
cpdef void moments(const floating[:, ::1] x, Py_ssize_t period, double nbdev, bint as_std,
                   floating[:, ::1] out) noexcept nogil

cpdef void bollinger(const floating[:, ::1] x, floating[:, ::1] middle, Py_ssize_t period,
                     double nbdevup, double nbdevdn, floating[:, ::1] upper,
                     floating[:, ::1] lower) noexcept nogil

cpdef void bollinger_mean(const floating[:, ::1] x, Py_ssize_t period, double nbdevup,
                          double nbdevdn, floating[:, ::1] upper, floating[:, ::1] middle,
                          floating[:, ::1] lower) noexcept nogil

cdef inline void put_moments_nan(Py_ssize_t mode, floating[:, ::1] middle, floating[:, ::1] out,
                                 floating[:, ::1] lower, Py_ssize_t r, Py_ssize_t i) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, v=double, ref=double,
               s1=double, s2=double, a=double, b=double, m1=double, var=double, inv=double,
               sd=double, m=double)
cdef inline void window_moments(const floating[:, ::1] x, Py_ssize_t period, double up, double dn,
                                Py_ssize_t mode, floating[:, ::1] middle, floating[:, ::1] out,
                                floating[:, ::1] lower) noexcept nogil
