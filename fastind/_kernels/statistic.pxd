# Cython declarations augmenting statistic.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN
    double sqrt(double x)
    double atan(double x)

cdef Py_ssize_t LINEARREG, SLOPE, INTERCEPT, TSF, FOSC, COUNT_MAX, RESUM

cdef inline double bar_return(double price, double last) noexcept nogil

@cython.locals(rows=Py_ssize_t, nb=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, n=double, a=double,
               b=double, pa=double, pb=double, x=double, y=double, xn=double, yn=double,
               ax=double, ay=double, sx=double, sy=double, sxx=double, sxy=double, den=double)
cpdef void beta(const floating[:, ::1] x0, const floating[:, ::1] x1, Py_ssize_t period,
                floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, nb=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, inv_n=double, a=double,
               b=double, ax=double, ay=double, x=double, y=double, xo=double, yo=double,
               sx=double, sy=double, sxx=double, syy=double, sxy=double, den=double)
cpdef void correl(const floating[:, ::1] x0, const floating[:, ::1] x1, Py_ssize_t period,
                  floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, nb=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, n=double, sum_x=double,
               sum_x2=double, inv_div=double, inv_n=double, anchor=double, s=double, w=double,
               v=double, d=double, d_old=double, old=double, m=double, b=double, prev_tsf=double)
cdef inline void regression(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t mode,
                            floating[:, ::1] out) noexcept nogil

cpdef void linearreg(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil
cpdef void linearreg_slope(const floating[:, ::1] x, Py_ssize_t period,
                           floating[:, ::1] out) noexcept nogil
cpdef void linearreg_intercept(const floating[:, ::1] x, Py_ssize_t period,
                               floating[:, ::1] out) noexcept nogil
cpdef void tsf(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil
cpdef void fosc(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, nb=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               m=Py_ssize_t, p=Py_ssize_t, q=Py_ssize_t, k=Py_ssize_t, length=Py_ssize_t,
               half=Py_ssize_t, v=double, old=double)
cdef inline void order_window(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t rank,
                              double[::1] window, floating[:, ::1] out) noexcept nogil

cpdef void percentile(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t rank,
                      double[::1] window, floating[:, ::1] out) noexcept nogil
@cython.locals(q=int, j=Py_ssize_t, u=size_t)
cdef inline Py_ssize_t count_below(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t start,
                                   Py_ssize_t stop, double v) noexcept nogil

cpdef void percentrank(const floating[:, ::1] x, Py_ssize_t period, double[::1] window,
                       floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, nb=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double)
cdef inline void rank_count(const floating[:, ::1] x, Py_ssize_t period,
                            floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t)
cpdef void slope_angle(const floating[:, ::1] slope, floating[:, ::1] out) noexcept nogil
