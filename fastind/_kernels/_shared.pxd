# Declarations of _shared.py's helpers, copied with them by tools/sync_shared.py.
cdef Py_ssize_t LINE

# prefetch(x, r, j): a hint to bring x[r, j]'s cache line in (read, all cache levels); no load, no
# fault, no effect on any result. MSVC off x86 has no such hint: nothing there.
cdef extern from *:
    """
    #if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
    #include <xmmintrin.h>
    #define FASTIND_PREFETCH(p) _mm_prefetch((const char *)(p), _MM_HINT_T0)
    #elif defined(_MSC_VER)
    #define FASTIND_PREFETCH(p) ((void)(p))
    #else
    #define FASTIND_PREFETCH(p) __builtin_prefetch((p), 0, 3)
    #endif
    """
    void FASTIND_PREFETCH(const void *p) noexcept nogil

cdef inline void prefetch(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t j) noexcept nogil:
    FASTIND_PREFETCH(&x[r, j])

@cython.locals(j=Py_ssize_t)
cdef inline void touch_ahead(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t start,
                             Py_ssize_t stop) noexcept nogil

@cython.locals(n=Py_ssize_t, u=size_t, u1=size_t, u2=size_t, u3=size_t, u4=size_t, u5=size_t,
               u6=size_t, u7=size_t)
cdef inline Py_ssize_t valid_until(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t end,
                                   Py_ssize_t limit) noexcept nogil

@cython.locals(slots=Py_ssize_t)
cdef inline Py_ssize_t deque_slots(Py_ssize_t window) noexcept nogil

cdef inline Py_ssize_t deque_expire(double[:, ::1] ring, Py_ssize_t r, Py_ssize_t at,
                                    Py_ssize_t slots, Py_ssize_t front, Py_ssize_t back,
                                    Py_ssize_t oldest) noexcept nogil

cdef inline Py_ssize_t deque_push(double[:, ::1] ring, Py_ssize_t r, Py_ssize_t at,
                                  Py_ssize_t slots, Py_ssize_t front, Py_ssize_t back,
                                  Py_ssize_t bar, double v, bint lower) noexcept nogil
