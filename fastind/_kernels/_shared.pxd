# Declarations of _shared.py's helpers, copied with them by tools/sync_shared.py.
cdef Py_ssize_t LINE

@cython.locals(j=Py_ssize_t, s=double)
cdef inline void touch_ahead(const floating[:, ::1] x, floating[:, ::1] out, Py_ssize_t r,
                             Py_ssize_t start, Py_ssize_t stop) noexcept nogil

@cython.locals(n=Py_ssize_t, u=size_t)
cdef inline Py_ssize_t valid_until(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t end,
                                   Py_ssize_t limit) noexcept nogil
