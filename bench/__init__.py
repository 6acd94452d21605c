"""fastind benchmarks.

Two ways in:

* ``python -m bench [--quick] [--out DIR] [--compare OLD.json]`` — the report (own timing harness;
  writes report.md, PNG plots and results.json);
* ``pytest bench --benchmark-only`` — the same cases as pytest-benchmark suites.

Both take their cases from :mod:`bench.cases` and their inputs from :mod:`bench.data`.
"""
