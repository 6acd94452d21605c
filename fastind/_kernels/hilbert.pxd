# Cython declarations augmenting hilbert.py (pure-Python-mode kernels).
cimport cython
from cython cimport floating

cdef extern from "<math.h>" nogil:
    const double NAN
    double atan(double x)
    double sin(double x)
    double tan(double x)

cdef Py_ssize_t DCPERIOD, DCPHASE, PHASOR, SINE, TRENDMODE, TRENDLINE, MAMA, RING
cdef double A, B, RAD2DEG, DEG2RAD, TWO_PI

cdef inline double fir(double v0, double v2, double v4, double v6) noexcept nogil

@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               k=Py_ssize_t, warm=Py_ssize_t, shown=Py_ssize_t, pos=Py_ssize_t,
               cycle=Py_ssize_t, days=Py_ssize_t, trend=Py_ssize_t, phased=bint, pair=bint,
               v=double, sub=double, wsum=double, trailing=double, sm=double,
               p1=double, p2=double, p3=double, p4=double, p5=double, p6=double,
               d1=double, d2=double, d3=double, d4=double, d5=double, d6=double, d7=double,
               d8=double, d9=double, u1=double, u2=double, u3=double, u4=double, u5=double,
               u6=double, adj=double, sd=double, det=double, pc=double, k0=double,
               a_sd=double, cq=double, cj=double, q1=double, ji=double, q2r=double, q2=double,
               i2=double, pq2=double, pi2=double, re=double, im=double, period=double,
               last=double, lo2=double, hi2=double, smp=double, ph=double, prev_ph=double, delta=double,
               alpha=double, mama=double, fama=double, phase=double, real=double, imag=double,
               w=double, sine=double, lead=double, psine=double, plead=double, avg=double,
               trend_line=double, it1=double, it2=double, it3=double, hi=double, lo=double,
               tot=double, back=double, summed=bint, edge=double, tan_lo=double,
               tan_hi=double, ratio=double, last_ratio=double, s=double, c=double, known=bint,
               exact=bint)
cpdef void hilbert(const floating[:, ::1] x, Py_ssize_t mode, double fast, double slow,
                   const double[:, ::1] table, double[::1] ring, floating[:, ::1] out0,
                   floating[:, ::1] out1, int[:, ::1] iout) noexcept nogil
