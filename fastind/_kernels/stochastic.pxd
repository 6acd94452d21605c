# Cython declarations augmenting stochastic.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t SCAN

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, start=Py_ssize_t,
               end=Py_ssize_t, bs=Py_ssize_t, stop=Py_ssize_t, t=Py_ssize_t, q=Py_ssize_t,
               prev=Py_ssize_t, cur=Py_ssize_t, c=double, h=double, lw=double, hm=double,
               lm=double, d=double, w=double)
cdef inline void position(const floating[:, ::1] high, const floating[:, ::1] low,
                          const floating[:, ::1] close, Py_ssize_t period, int mode,
                          floating[:, ::1] out, double[:, ::1] sv) noexcept nogil

@cython.locals(d=double, w=double)
cdef inline double position_value(double h, double lw, double c, int mode) noexcept nogil

@cython.locals(slots=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t,
               count=Py_ssize_t, top_f=Py_ssize_t, top_b=Py_ssize_t, bot_f=Py_ssize_t,
               bot_b=Py_ssize_t, k=Py_ssize_t, h=double, lw=double, c=double, hm=double, lm=double)
cpdef void position_deque(const floating[:, ::1] high, const floating[:, ::1] low,
                          const floating[:, ::1] close, Py_ssize_t period, int mode,
                          floating[:, ::1] out, double[:, ::1] ring) noexcept nogil

cpdef void fast_k(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] out,
                  double[:, ::1] sv) noexcept nogil

cpdef void willr(const floating[:, ::1] high, const floating[:, ::1] low,
                 const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] out,
                 double[:, ::1] sv) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               v=double, w=double, s=double, h=double, lw=double)
cpdef void vhf(const floating[:, ::1] x, const floating[:, ::1] hi, const floating[:, ::1] lo,
               Py_ssize_t period, floating[:, ::1] out) noexcept nogil

@cython.locals(ks=double, kf=double, kg=double, js=double, jf=double, jg=double,
               lb_slow=Py_ssize_t, lb_fast=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t,
               r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t, m=Py_ssize_t, q=Py_ssize_t,
               c=double, h=double, lw=double, s_num=double, s_den=double, f_num=double,
               f_den=double, g=double, num=double, den=double, half=double, v=double)
cpdef void smi(const floating[:, ::1] close, const floating[:, ::1] hi,
               const floating[:, ::1] lo, Py_ssize_t period, Py_ssize_t fast, Py_ssize_t slow,
               Py_ssize_t signal, Py_ssize_t u, floating[:, ::1] line,
               floating[:, ::1] sig) noexcept nogil

@cython.locals(w=Py_ssize_t, factor=double, rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t,
               i=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, t=Py_ssize_t, bs=Py_ssize_t,
               stop=Py_ssize_t, q=Py_ssize_t, hi_=Py_ssize_t, li=Py_ssize_t, hx=Py_ssize_t,
               lx=Py_ssize_t, h=double, lw=double, hm=double, lm=double, up=bint, dn=bint)
cdef inline void aroon_engine(const floating[:, ::1] high, const floating[:, ::1] low,
                              Py_ssize_t period, int mode, floating[:, ::1] out_a,
                              floating[:, ::1] out_b, double[:, ::1] sv,
                              Py_ssize_t[:, ::1] si) noexcept nogil

@cython.locals(w=Py_ssize_t, factor=double, slots=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t,
               r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t, top_f=Py_ssize_t, top_b=Py_ssize_t,
               bot_f=Py_ssize_t, bot_b=Py_ssize_t, h=double, lw=double, hx=double, lx=double)
cpdef void aroon_deque(const floating[:, ::1] high, const floating[:, ::1] low,
                       Py_ssize_t period, int mode, floating[:, ::1] out_a,
                       floating[:, ::1] out_b, double[:, ::1] ring) noexcept nogil

cpdef void aroon(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                 floating[:, ::1] down, floating[:, ::1] up, double[:, ::1] sv,
                 Py_ssize_t[:, ::1] si) noexcept nogil

cpdef void aroonosc(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                    floating[:, ::1] out, double[:, ::1] sv,
                    Py_ssize_t[:, ::1] si) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               pos=Py_ssize_t, j=Py_ssize_t, total=double, h=double, lw=double, c=double,
               v=double, s0=double, s1=double, s2=double, s3=double, mean=double, dev=double,
               d=double)
cpdef void cci(const floating[:, ::1] high, const floating[:, ::1] low,
               const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] out,
               double[:, ::1] ring) noexcept nogil

@cython.locals(s0=double, s1=double, s2=double, s3=double, j=Py_ssize_t)
cdef inline double mean_deviation(double[:, ::1] ring, Py_ssize_t period,
                                  double mean) noexcept nogil

@cython.locals(p=double, h=double, lw=double)
cdef inline double true_range(const floating[:, ::1] high, const floating[:, ::1] low,
                             const floating[:, ::1] close, Py_ssize_t r,
                             Py_ssize_t j) noexcept nogil

@cython.locals(ps=Py_ssize_t, pl=Py_ssize_t, pm=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t,
               r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t, pos=Py_ssize_t, k=Py_ssize_t,
               j=Py_ssize_t, a1=double, b1=double, a2=double, b2=double, a3=double, b3=double,
               h=double, lw=double, c=double, p=double, bp=double, tr=double, total=double,
               den=double)
cpdef void ultosc(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, Py_ssize_t period1, Py_ssize_t period2,
                  Py_ssize_t period3, floating[:, ::1] out, double[:, ::1] ring) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               pos=Py_ssize_t, sp=double, sm=double, st=double, h=double, lw=double, c=double,
               a=double, b=double, tr=double, inv=double)
cpdef void vortex(const floating[:, ::1] high, const floating[:, ::1] low,
                  const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] plus,
                  floating[:, ::1] minus, double[:, ::1] ring) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, count=Py_ssize_t,
               c=Py_ssize_t, j=Py_ssize_t, span=Py_ssize_t, h=double, lw=double, v=floating,
               w=floating, up=bint, down=bint)
cpdef void fractal(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t left,
                   Py_ssize_t right, int[:, ::1] swinghigh, int[:, ::1] swinglow) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, a=double, b=double)
cpdef void kdj_j(const floating[:, ::1] k, const floating[:, ::1] d,
                 floating[:, ::1] j) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, b=double)
cpdef void masked_by(const floating[:, ::1] line, const floating[:, ::1] later,
                     floating[:, ::1] out) noexcept nogil


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
