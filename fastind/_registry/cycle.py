"""Cycle Indicators: Ehlers' Hilbert-transform family (one engine: fastind/_kernels/hilbert.py,
docs/hilbert.md), with its two Overlap Studies members, HT_TRENDLINE and MAMA, kept here beside
their siblings."""
from . import lookbacks as lb
from .spec import Indicator, real

G = "Cycle Indicators"
OVERLAP = "Overlap Studies"
X = ("x",)
# the Hilbert stage starts at bar 12 (first output at 32) or at bar 37 (first output at 63);
# TA-Lib's unstable period shows the first output later still, the values unchanged

ENTRIES = (
    Indicator("ht_dcperiod", "HT_DCPERIOD", G, X, (), ("real",),
              lambda: 32 + lb.U("HT_DCPERIOD"), "hilbert:ht_dcperiod",
              "dominant cycle period: 360 / the homodyne discriminator's phase step (degrees), "
              "limited to 0.67..1.5 times the last and to 6..50 bars, smoothed twice",
              unstable=("HT_DCPERIOD",), display="Hilbert Transform - Dominant Cycle Period"),
    Indicator("ht_dcphase", "HT_DCPHASE", G, X, (), ("real",),
              lambda: 63 + lb.U("HT_DCPHASE"), "hilbert:ht_dcphase",
              "dominant cycle phase (degrees, -45..315): the arctangent of a one-frequency DFT of "
              "the smoothed price over the last int(period + 0.5) bars, plus the WMA's lag",
              unstable=("HT_DCPHASE",), display="Hilbert Transform - Dominant Cycle Phase"),
    Indicator("ht_phasor", "HT_PHASOR", G, X, (), ("inphase", "quadrature"),
              lambda: 32 + lb.U("HT_PHASOR"), "hilbert:ht_phasor",
              "the phasor: in phase I1 (the detrended price 3 bars back) and quadrature Q1 (its "
              "Hilbert transform), both scaled by the last period",
              unstable=("HT_PHASOR",), display="Hilbert Transform - Phasor Components"),
    Indicator("ht_sine", "HT_SINE", G, X, (), ("sine", "leadsine"),
              lambda: 63 + lb.U("HT_SINE"), "hilbert:ht_sine",
              "sin(DC phase) and sin(DC phase + 45 degrees)",
              unstable=("HT_SINE",), display="Hilbert Transform - SineWave"),
    Indicator("ht_trendmode", "HT_TRENDMODE", G, X, (), ("integer",),
              lambda: 63 + lb.U("HT_TRENDMODE"), "hilbert:ht_trendmode",
              "1 (trend) or 0 (cycle): a cycle within half a period of the sine lines crossing or "
              "while the phase advances at the cycle's rate, a trend 1.5% off the trendline",
              out_dtype="int32", unstable=("HT_TRENDMODE",),
              display="Hilbert Transform - Trend vs Cycle Mode"),
    Indicator("ht_trendline", "HT_TRENDLINE", OVERLAP, X, (), ("real",),
              lambda: 63 + lb.U("HT_TRENDLINE"), "hilbert:ht_trendline",
              "instantaneous trendline: the mean price over the dominant cycle (int(period + 0.5) "
              "bars), weighted 4, 3, 2, 1 over the last four bars",
              unstable=("HT_TRENDLINE",), display="Hilbert Transform - Instantaneous Trendline"),
    Indicator("mama", "MAMA", OVERLAP, X,
              (real("fastlimit", 0.5, 0.01, 0.99, doc="alpha's upper limit"),
               real("slowlimit", 0.05, 0.01, 0.99, doc="alpha's lower limit")),
              ("mama", "fama"),
              lambda **_: 32 + lb.U("MAMA"), "hilbert:mama",
              "MESA adaptive MA: MAMA += alpha*(x - MAMA), alpha = fastlimit / the phase's fall "
              "in degrees (at least slowlimit); FAMA += alpha/2*(MAMA - FAMA)",
              unstable=("MAMA",), display="MESA Adaptive Moving Average",
              examples=({"fastlimit": 0.01, "slowlimit": 0.01},
                        {"fastlimit": 0.99, "slowlimit": 0.99},
                        {"fastlimit": 0.9, "slowlimit": 0.2})),
)
