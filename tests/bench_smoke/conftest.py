"""Smoke tests of the benchmark tooling (bench/, tools/gen_bench_readme.py): they check that the
harness, report, comparison and README generator work, never how fast anything is."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:  # bench/ is not installed with fastind: import it from the checkout
    sys.path.insert(0, ROOT)
