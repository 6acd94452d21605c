"""Momentum Indicators (continued): oscillators built from moving averages and differences."""
ENTRIES = ()
