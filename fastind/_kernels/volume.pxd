# Cython declarations augmenting volume.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t BLOCK

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               sgn=Py_ssize_t, c=floating, vol=floating, prev=floating, total=double, j=Py_ssize_t,
               saved_t=double, saved_p=double)
cpdef void obv(const floating[:, ::1] close, const floating[:, ::1] volume,
               floating[:, ::1] out) noexcept nogil
