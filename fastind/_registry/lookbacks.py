"""Lookbacks shared by several entries: the moving average of any MA type, with TA-Lib's unstable
periods (fastind._settings). Checked against talib.abstract's lookback by tests/test_registry.py."""
from math import isqrt

from .._settings import unstable as U

SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3, HMA = range(10)
DISABLED, DEFAULT, ZLEMA, RMA = 10, 11, 12, 13
MA_NAMES = {SMA: "sma", EMA: "ema", WMA: "wma", DEMA: "dema", TEMA: "tema", TRIMA: "trima",
            KAMA: "kama", MAMA: "mama", T3: "t3", HMA: "hma", DISABLED: "disabled",
            DEFAULT: "default", ZLEMA: "zlema", RMA: "rma"}


def ema(period):
    return period - 1 + U("EMA")


# the standalone functions: their unstable period counts at period 1 too (TA_MA's period 1 is a
# copy with lookback 0 whatever the type, see ma())
def kama(period):
    return (period if period > 1 else 0) + U("KAMA")


def t3(period):
    return 6 * (period - 1) + U("T3")


def hma(period):
    return period - 1 + isqrt(period) - 1


def zlema(period):
    return (period - 1) // 2 + ema(period)


def rma(period):
    return period - 1 + U("RMA")


def atr(period):
    return period + U("ATR")


def ma(period, matype):
    """Bars before the first value of TA-Lib's MA(period, matype); a period of 1 is a copy."""
    if (period == 1 and matype != MAMA) or matype == DISABLED:
        return 0
    if matype in (SMA, WMA, TRIMA, DEFAULT):
        return period - 1
    if matype == EMA:
        return ema(period)
    if matype == DEMA:
        return 2 * ema(period)
    if matype == TEMA:
        return 3 * ema(period)
    if matype == KAMA:
        return kama(period)
    if matype == MAMA:
        return 32 + U("MAMA")
    if matype == T3:
        return t3(period)
    if matype == HMA:
        return hma(period)
    if matype == ZLEMA:
        return zlema(period)
    if matype == RMA:
        return rma(period)
    raise ValueError(f"unknown matype {matype}")
