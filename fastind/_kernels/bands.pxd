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

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               q=Py_ssize_t, pos=Py_ssize_t, h=double, lo=double, a=double, b=double, top=double,
               bottom=double, hi_w=double, lo_w=double, huge=double)
cpdef void channel(const floating[:, ::1] high, const floating[:, ::1] low, Py_ssize_t period,
                   double[::1] suf_high, double[::1] suf_low, floating[:, ::1] upper,
                   floating[:, ::1] middle, floating[:, ::1] lower, bint bands) noexcept nogil
