# Cython declarations augmenting directional.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

@cython.locals(inv=double, keep=double, scale=double, first=Py_ssize_t, rows=Py_ssize_t,
               n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, k=Py_ssize_t, ph=double, pl=double,
               pc=double, sp=double, sm=double, st=double, dxv=double, adxv=double, h=double,
               lo=double, c=double, up=double, down=double, plus=double, minus=double, tr=double,
               s=double, defined=bint)
cdef inline void directional(const floating[:, ::1] high, const floating[:, ::1] low,
                             const floating[:, ::1] close, Py_ssize_t period, int mode,
                             floating[:, ::1] out) noexcept nogil

cpdef void plus_dm(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                   floating[:, ::1] out) noexcept nogil

cpdef void minus_dm(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                    floating[:, ::1] out) noexcept nogil

cpdef void plus_di(const floating[:, ::1] high, const floating[:, ::1] low,
                   const floating[:, ::1] close, Py_ssize_t period,
                   floating[:, ::1] out) noexcept nogil

cpdef void minus_di(const floating[:, ::1] high, const floating[:, ::1] low,
                    const floating[:, ::1] close, Py_ssize_t period,
                    floating[:, ::1] out) noexcept nogil

cpdef void dx(const floating[:, ::1] high, const floating[:, ::1] low,
              const floating[:, ::1] close, Py_ssize_t period,
              floating[:, ::1] out) noexcept nogil

cpdef void adx(const floating[:, ::1] high, const floating[:, ::1] low,
               const floating[:, ::1] close, Py_ssize_t period,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t)
cpdef void lag_mean(const floating[:, ::1] x, Py_ssize_t lag, floating[:, ::1] out) noexcept nogil
