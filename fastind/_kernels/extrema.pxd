# Cython declarations augmenting extrema.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, end=Py_ssize_t,
               start=Py_ssize_t, stop=Py_ssize_t, size=Py_ssize_t, keep=Py_ssize_t, off=Py_ssize_t,
               q=Py_ssize_t, first=bint, pre=double, suf=double)
cpdef void extreme(const floating[:, ::1] x, Py_ssize_t period, double sign,
                   floating[:, ::1] out) noexcept nogil
