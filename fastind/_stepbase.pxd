# The compiled side of a stream's kernel call (fastind/_streaming.py, fastind/_stepbase.pyx).
cdef class Step:
    cdef bint aligned[24]
    cdef double[:, ::1] f
    cdef Py_ssize_t[:, ::1] i
    cdef void run(self, Py_ssize_t begin, Py_ssize_t stop, Py_ssize_t at) noexcept nogil
