"""Volume Indicators."""
from .spec import Indicator

G = "Volume Indicators"

ENTRIES = (
    Indicator("obv", "OBV", G, ("close", "volume"), (), ("real",), lambda: 0, "volume.obv",
              "running sum of volume signed by the close's direction, from the first volume",
              talib_inputs=("real", "volume"),
              display='On Balance Volume'),
)
