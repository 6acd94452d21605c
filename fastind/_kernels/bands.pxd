# Cython declarations augmenting bands.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN

cdef Py_ssize_t RESUM

cdef inline double true_range(double h, double lo, double prev) noexcept nogil

@cython.locals(t=double)
cdef inline double acc_upper(double h, double lo) noexcept nogil

@cython.locals(t=double)
cdef inline double acc_lower(double h, double lo) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               w=Py_ssize_t, since=Py_ssize_t, resum=Py_ssize_t, h=double, lo=double, c=double,
               hw=double, lw=double, cw=double, su=double, sm=double, sl=double, inv=double)
cpdef void accbands(const floating[:, ::1] high, const floating[:, ::1] low,
                    const floating[:, ::1] close, Py_ssize_t period, floating[:, ::1] upper,
                    floating[:, ::1] middle, floating[:, ::1] lower) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               m=Py_ssize_t, lb_ema=Py_ssize_t, lb_atr=Py_ssize_t, first=Py_ssize_t,
               start_ema=Py_ssize_t, start_atr=Py_ssize_t, h=double, lo=double, c=double,
               tp=double, tr=double, k=double, keep=double, ka=double, keep_a=double, s=double,
               ema=double, ta=double, atr=double, prev=double, band=double)
cpdef void kc(const floating[:, ::1] high, const floating[:, ::1] low,
              const floating[:, ::1] close, Py_ssize_t period, Py_ssize_t atrperiod, double nbdev,
              Py_ssize_t skip_ema, Py_ssize_t skip_atr, floating[:, ::1] upper,
              floating[:, ::1] middle, floating[:, ::1] lower) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               is_long=bint, h=double, lo=double, sar=double, ep=double, af_long=double,
               af_short=double, prev_high=double, prev_low=double, new_high=double,
               new_low=double, diff_minus=double)
cdef inline void parabolic(const floating[:, ::1] high, const floating[:, ::1] low, double start,
                           double offset, double init_long, double step_long, double max_long,
                           double init_short, double step_short, double max_short, bint signed,
                           floating[:, ::1] out) noexcept nogil

cpdef void sar(const floating[:, ::1] high, const floating[:, ::1] low, double acceleration,
               double maximum, floating[:, ::1] out) noexcept nogil

cpdef void sarext(const floating[:, ::1] high, const floating[:, ::1] low, double start,
                  double offset, double init_long, double step_long, double max_long,
                  double init_short, double step_short, double max_short,
                  floating[:, ::1] out) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               first=Py_ssize_t, up=bint, h=double, lo=double, c=double, tr=double, k=double,
               keep=double, s=double, atr=double, prev=double, median=double, band=double,
               basic_upper=double, basic_lower=double, final_upper=double, final_lower=double)
cpdef void supertrend(const floating[:, ::1] high, const floating[:, ::1] low,
                      const floating[:, ::1] close, Py_ssize_t period, double multiplier,
                      Py_ssize_t skip, floating[:, ::1] line, int[:, ::1] trend) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, s=Py_ssize_t,
               end=Py_ssize_t, start=Py_ssize_t, stop=Py_ssize_t, size=Py_ssize_t,
               keep=Py_ssize_t, k=Py_ssize_t, off=Py_ssize_t, q=Py_ssize_t, b=Py_ssize_t,
               c=Py_ssize_t, base_a=Py_ssize_t, base_b=Py_ssize_t, base_c=Py_ssize_t,
               base_d=Py_ssize_t, huge=double, pre0_h=double, pre0_l=double, pre1_h=double,
               pre1_l=double, suf0_h=double, suf0_l=double, suf1_h=double, suf1_l=double)
cpdef void channel(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                   double[::1] park_high, double[::1] park_low, floating[:, ::1] upper,
                   floating[:, ::1] middle, floating[:, ::1] lower, bint bands) noexcept nogil

cdef inline Py_ssize_t valid_both(const floating[:, ::1] high, const floating[:, ::1] low,
                                  Py_ssize_t r, Py_ssize_t end, Py_ssize_t limit) noexcept nogil

cdef inline void channel_put(floating[:, ::1] upper, floating[:, ::1] middle,
                             floating[:, ::1] lower, bint bands, Py_ssize_t r, Py_ssize_t i,
                             double hi, double lo) noexcept nogil

@cython.locals(slots=Py_ssize_t, rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t,
               count=Py_ssize_t, top_f=Py_ssize_t, top_b=Py_ssize_t, bot_f=Py_ssize_t,
               bot_b=Py_ssize_t, h=double, lo=double, hi_w=double, lo_w=double)
cpdef void channel_deque(const floating[:, ::1] high, const floating[:, ::1] low,
                         Py_ssize_t period, floating[:, ::1] upper, floating[:, ::1] middle,
                         floating[:, ::1] lower, bint bands, double[:, ::1] ring) noexcept nogil


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
