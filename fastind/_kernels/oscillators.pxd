# Cython declarations augmenting oscillators.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t CHUNK

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, o=double, h=double,
               lo=double, c=double, rng=double, check=double, q=double, keep=double)
cpdef void bop(const floating[:, ::1] open_, const floating[:, ::1] high,
               const floating[:, ::1] low, const floating[:, ::1] close,
               floating[:, ::1] out) noexcept nogil

cpdef void rocp(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

cpdef void rocr(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

cpdef void rocr100(const floating[:, ::1] x, Py_ssize_t period,
                   floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, v=double, then=double, q=double, one=double)
cdef inline void lagged_ratio(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t mode,
                              floating[:, ::1] out) noexcept nogil

@cython.locals(u=size_t, w=size_t, v=double, then=double, q=double, keep=double, d=double)
cdef inline void put_ratio(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t i,
                           Py_ssize_t period, Py_ssize_t mode, double one,
                           floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, o=double, c=double, po=double, pc=double,
               total=double, inv=double)
cpdef void qstick(const floating[:, ::1] open_, const floating[:, ::1] close, Py_ssize_t period,
                  floating[:, ::1] out) noexcept nogil

@cython.locals(h=double, lo=double)
cdef inline double median(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t r,
                          Py_ssize_t i) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, longest=Py_ssize_t, h=double, lo=double,
               m=double, sum_f=double, sum_s=double, inv_f=double, inv_s=double)
cpdef void ao(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t fast,
              Py_ssize_t slow, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               longest=Py_ssize_t, first=Py_ssize_t, h=double, lo=double, m=double, a=double,
               sum_f=double, sum_s=double, sum_g=double)
cpdef void ac(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t fast,
              Py_ssize_t slow, Py_ssize_t signal, floating[:, ::1] out,
              double[:, ::1] osc) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, start=Py_ssize_t, first=Py_ssize_t, v=double,
               ef=double, es=double, sig=double,
               line=double, kg=double, keep_f=double, keep_s=double, keep_g=double)
cpdef void macd_k(const floating[:, ::1] x, Py_ssize_t fast, Py_ssize_t slow, Py_ssize_t signal,
                  Py_ssize_t lead, double kf, double ks, floating[:, ::1] out_macd,
                  floating[:, ::1] out_signal, floating[:, ::1] out_hist) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               stop=Py_ssize_t, c1=Py_ssize_t, c2=Py_ssize_t, c3=Py_ssize_t, vis=Py_ssize_t,
               u=size_t, u1=size_t, k=double, keep=double, keep2=double, kk=double, e1=double,
               e2=double, e3=double, f1=double, f2=double, f3=double, a=double, b=double,
               v=double, prev=double)
cpdef void trix(const floating[:, ::1] x, Py_ssize_t period, Py_ssize_t lead,
                floating[:, ::1] out) noexcept nogil

cdef inline void put_trix(double e, double before, Py_ssize_t r, Py_ssize_t i,
                          floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double, prev=double, d=double, a=double, gain=double, loss=double, g=double,
               lo=double,
               s=double, k=double, keep=double)
cpdef void cmo(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               moves=Py_ssize_t, v=double, prev=double, d=double, old=double, a=double,
               b=double, up=double,
               dn=double, s=double)
cpdef void cmou(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               shift=Py_ssize_t, longest=Py_ssize_t, j=Py_ssize_t, stop=Py_ssize_t, v=double,
               total=double, old=double, then=double, inv=double)
cpdef void dpo(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, null_run=Py_ssize_t, v=double, prev=double,
               d=double, total=double, a=double, b=double)
cpdef void er(const floating[:, ::1] x, Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(q=double)
cdef inline void put_er(double net, double total, Py_ssize_t r, Py_ssize_t i,
                        floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, longest=Py_ssize_t, v=double, one=double)
cpdef void roc_sum(const floating[:, ::1] x, Py_ssize_t p1, Py_ssize_t p2,
                   floating[:, ::1] out) noexcept nogil

@cython.locals(u=size_t, w1=size_t, w2=size_t, v=double, b1=double, b2=double, k1=double,
               k2=double, a1=double, a2=double)
cdef inline void put_roc_sum(const floating[:, ::1] x, Py_ssize_t r, Py_ssize_t i, Py_ssize_t p1,
                             Py_ssize_t p2, double one, floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               beta=double, k=double, e=double, h=double, lo=double, c=double)
cpdef void eri(const floating[:, ::1] high, const floating[:, ::1] low,
               const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] bull,
               floating[:, ::1] bear) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, n_up=Py_ssize_t, n_dn=Py_ssize_t, o=double, c=double,
               po=double, pc=double, up=double, dn=double, s=double, a=double, b=double)
cpdef void imi(const floating[:, ::1] open_, const floating[:, ::1] close, Py_ssize_t period,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               null_run=Py_ssize_t, h=double, lo=double, c=double, vol=double, tp=double,
               prev=double, pos=double, neg=double, move=double, scale=double, money=double,
               s=double, p=double, pf=double, nf=double, down=double, moved=double)
cpdef void mfi(const floating[:, ::1] high, const floating[:, ::1] low,
               const floating[:, ::1] close, const floating[:, ::1] volume, Py_ssize_t period,
               floating[:, ::1] out, double[:, ::1] flows) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               j=Py_ssize_t, stop=Py_ssize_t, q=double, start=Py_ssize_t, b1=double, k1=double,
               b2=double, k2=double, v=double, prev=double, m=double, a=double, num1=double,
               den1=double, num2=double, den2=double)
cpdef void tsi(const floating[:, ::1] x, Py_ssize_t first, Py_ssize_t second, Py_ssize_t lead,
               floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               count=Py_ssize_t, stop=Py_ssize_t, h=double, lo=double, c=double, prev=double,
               total=double)
cpdef void wad(const floating[:, ::1] high, const floating[:, ::1] low,
               const floating[:, ::1] close, floating[:, ::1] out) noexcept nogil

@cython.locals(a=double, b=double, up=double, dn=double)
cdef inline double wad_move(double h, double lo, double c, double prev) noexcept nogil


# ---- generated by tools/sync_shared.py from _shared.pxd: never edit below this line ----
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
