"""Compositions of kernels, one module per group (registry kernel strings "module:function"):
see fastind/_compute.py for the form of a compute."""
