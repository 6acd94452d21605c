import importlib.util
import json
import os

import pytest

from bench import cli, compare, plan, report, results, tables, timing

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _tiny_mode():
    return plan.Mode(name="quick", grid=((1_000, "float64", ("sma", "rsi")), (1_000, "float32", ("sma",))),
                     overhead_cases=("sma",), panel_cases=(), panel_backends=None,
                     import_runs=1, numba_runs=0, numba_all_runs=0, updates_cases=("sma",),
                     polars_shape=(3, 300), polars_cases=("sma",),
                     settings=timing.Settings(repeats=2, min_repeats=2, min_sample=0.0002, budget=0.01),
                     large_settings=timing.Settings(repeats=2, min_repeats=2, budget=0.01))


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """One tiny `python -m bench --quick` run (two functions at 1000 bars)."""
    saved = plan.MODES["quick"]
    plan.MODES["quick"] = _tiny_mode()
    try:
        out = tmp_path_factory.mktemp("bench-out")
        assert cli.main(["--quick", "--out", str(out), "--no-progress"]) == 0
    finally:
        plan.MODES["quick"] = saved
    return out


def test_run_writes_report_results_and_plots(run_dir):
    doc = results.load(str(run_dir / "results.json"))
    assert doc["machine"]["cpu"] and doc["machine"]["cores"] >= 1
    assert doc["versions"]["numpy"] and "commit" in doc["git"]
    sma = results.find(doc["records"], suite="indicators", case="sma", dtype="float64")
    assert {"cython", "numpy"} <= {r["impl"] for r in sma}
    for r in sma:
        assert r["best_s"] > 0 and r["mbars_s"] > 0 and r["ratio_copy"] > 0
        assert (r["ratio_talib"] is None) == (results.one(doc["records"], impl="talib", case="sma") is None)
    assert results.find(doc["records"], suite="startup", case="import fastind")
    text = (run_dir / "report.md").read_text()
    for heading in ("# fastind benchmark report", "## Every function by size", "## Call overhead",
                    "## Streaming: one update", "## Start-up", "## Memory floor",
                    "## polars: per symbol on a long frame",
                    "## All measurements"):
        assert heading in text
    over = results.one(doc["records"], suite="polars", case="sma", impl=".over")
    assert over["best_s"] > 0 and (over["rows"], over["n"]) == (3, 300) and over["ref_s"] > 0
    update = results.one(doc["records"], suite="updates", case="sma")
    assert update["best_s"] > 0 and update["n"] == 1000
    assert doc["machine"]["cpu"] in text
    assert (run_dir / "ratio_talib.png").stat().st_size > 0 or results.one(doc["records"], impl="talib") is None
    assert (run_dir / "size_sma.png").stat().st_size > 0


def _slower(doc, factor, case="sma"):
    doc = json.loads(json.dumps(doc))
    for r in doc["records"]:
        if r["case"] == case and r["kind"] == "fastind":
            r["best_s"] *= factor
    return doc


def test_compare_flags_only_fastind_slowdowns_beyond_threshold(run_dir):
    doc = results.load(str(run_dir / "results.json"))
    outcome = compare.compare(doc, _slower(doc, 1.5), threshold=0.10)
    flagged = {k[1] for k, *_ in outcome["regressions"]}
    assert flagged == {"sma"} and not outcome["improvements"] and not outcome["missing"]
    assert compare.compare(doc, _slower(doc, 1.05), threshold=0.10)["regressions"] == []
    assert "## Regressions" in compare.render(outcome)
    better = compare.compare(doc, _slower(doc, 0.5), threshold=0.10)
    assert better["improvements"] and not better["regressions"]


def test_cli_fails_on_regression_only_when_asked(run_dir, tmp_path):
    doc = results.load(str(run_dir / "results.json"))
    old = tmp_path / "old.json"
    results.save(_slower(doc, 1e-6), str(old))  # the old run was "a million times faster"
    saved = plan.MODES["quick"]
    plan.MODES["quick"] = _tiny_mode()
    try:
        args = ["--quick", "--out", str(tmp_path / "new"), "--no-progress", "--no-plots",
                "--compare", str(old)]
        assert cli.main(args) == 0
        assert cli.main(args + ["--fail-on-regression", "--threshold", "0.5"]) == 1
    finally:
        plan.MODES["quick"] = saved
    assert "Regressions" in (tmp_path / "new" / "compare.md").read_text()


def test_fail_on_regression_needs_compare():
    with pytest.raises(SystemExit):
        cli.parse_args(["--fail-on-regression"])


def _gen_readme():
    path = os.path.join(ROOT, "tools", "gen_bench_readme.py")
    spec = importlib.util.spec_from_file_location("gen_bench_readme", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_section_replaced_between_markers(run_dir, tmp_path, capsys):
    gen = _gen_readme()
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n## Benchmarks\n\n<!-- bench:start -->\nold text\n<!-- bench:end -->\n\ntail\n")
    assert gen.main([str(run_dir / "results.json"), "--write", str(readme)]) == 0
    text = readme.read_text()
    assert "old text" not in text and text.startswith("# x\n") and text.endswith("\n\ntail\n")
    body = text.split("<!-- bench:start -->\n")[1].split("<!-- bench:end -->")[0]
    assert "| function | bars |" in body and "sma (SMA)" in body
    doc = results.load(str(run_dir / "results.json"))
    assert doc["machine"]["cpu"] in body
    # each cell's ratio is the record's own (against the TA-Lib call timed beside it), as report.md's
    sma = [r for r in doc["records"] if r["suite"] == "indicators" and r["case"] == "sma"
           and r["impl"] == "cython" and r["dtype"] == "float64" and r.get("ratio_talib")]
    if importlib.util.find_spec("talib"):
        largest = max(sma, key=lambda r: r["n"])  # (an empty list fails here: TA-Lib was timed)
        row = next(line for line in body.splitlines() if line.startswith("| sma (SMA) |"))
        assert f"({tables.fmt_ratio(largest['ratio_talib'])})" in row
    # idempotent: a second run gives the same file
    assert gen.main([str(run_dir / "results.json"), "--write", str(readme)]) == 0
    assert readme.read_text() == text
    # printing mode gives the same body
    capsys.readouterr()
    assert gen.main([str(run_dir / "results.json")]) == 0
    assert capsys.readouterr().out.strip() == body.strip()


def test_readme_section_shows_the_copied_ratio_plot(run_dir, tmp_path):
    if not (run_dir / "ratio_talib.png").exists():
        pytest.skip("no TA-Lib here, so no ratio plot")
    gen = _gen_readme()
    readme = tmp_path / "README.md"
    readme.write_text("<!-- bench:start -->\n<!-- bench:end -->\n")
    args = [str(run_dir / "results.json"), "--write", str(readme), "--plot", "docs/img/ratio.png"]
    assert gen.main(args) == 0
    assert (tmp_path / "docs" / "img" / "ratio.png").read_bytes() == (run_dir / "ratio_talib.png").read_bytes()
    assert "](docs/img/ratio.png)" in readme.read_text()


def test_readme_without_markers_is_left_alone(run_dir, tmp_path):
    gen = _gen_readme()
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n")
    assert gen.main([str(run_dir / "results.json"), "--write", str(readme)]) == 1
    assert readme.read_text() == "# no markers\n"


def test_report_renders_from_a_saved_document(run_dir):
    doc = results.load(str(run_dir / "results.json"))
    assert report.render(doc).count("\n|") > 10


def test_floor_column_shows_the_fastest_backends_ratio_to_its_stream_floor():
    def rec(case, impl, kind, best, suite="indicators", **extra):
        return dict(suite=suite, case=case, impl=impl, kind=kind, n=100_000, rows=1,
                    dtype="float64", best_s=best, median_s=best, repeats=3, number=1, note="",
                    **extra)
    records = results.annotate([
        rec("stream 3→1", "numba loop", "floor", 2.0, suite="floor"),
        rec("copy", "x.copy()", "floor", 1.0, suite="floor"),
        rec("atr", "talib", "talib", 3.0),
        rec("atr", "cython", "fastind", 2.4, talib_s=3.0),
        rec("atr", "numba", "fastind", 2.6, talib_s=3.0)])
    table = tables.time_ratio_table(records, "indicators", 100_000, "float64", with_copy=True)
    header, _, row = table.splitlines()
    assert header.endswith("| fastest ×floor (in→out) |")
    assert row.startswith("| atr (ATR) |") and row.endswith("| 1.20× (3→1) |")
    body = _gen_readme().section({"records": records, "mode": "full", "started": "2026-01-01",
                                  "machine": {"cpu": "cpu", "cores": 2, "ram_gb": 8},
                                  "versions": {"python": "3"}, "git": {}})
    assert "×floor:" in body and "| 1.20× (3→1) |" in body
    assert "## Memory floor" in report.render({"records": records, "mode": "full", "started": "x",
                                               "elapsed_s": 1.0, "git": {},
                                               "machine": {"cpu": "c", "cores": 2,
                                                           "logical_cpus": 2, "ram_gb": 8,
                                                           "platform": "p",
                                                           "load_average_at_start": None},
                                               "versions": {}})
    # a run without stream floors (no numba) has no such column
    plain = [r for r in records if r["case"] != "stream 3→1"]
    for r in plain:
        r.pop("ratio_floor")
    assert "×floor" not in tables.time_ratio_table(results.annotate(plain), "indicators",
                                                    100_000, "float64", with_copy=True)


def test_polars_section_in_the_report_and_the_readme(run_dir):
    doc = results.load(str(run_dir / "results.json"))
    mine = results.find(doc["records"], suite="polars", case="sma")
    over = results.one(mine, impl=".over")
    best_2d = min([r["best_s"] for r in mine if r["impl"] == "2-D call"]
                  + [r["ref_s"] for r in mine if r.get("ref_s")])
    row = f"| sma (SMA) | .over | {tables.fmt_time(over['best_s'])} | " \
          f"{tables.fmt_ratio(over['best_s'] / best_2d)} |"
    body = _gen_readme().section(doc)
    assert "**polars, per symbol** (3 symbols × 300 bars" in body and row in body
    assert row in (run_dir / "report.md").read_text()
    assert f"| sma (SMA) | 2-D call | {tables.fmt_time(best_2d)} | 1.00× |" in body
    for impl in ("2-D call", "by=", "Python loop", "polars rolling_mean.over"):
        assert f"| sma (SMA) | {impl} |" in body
    # a run without the suite has no such section
    others = dict(doc, records=[r for r in doc["records"] if r["suite"] != "polars"])
    assert "polars, per symbol" not in _gen_readme().section(others)
    assert "## polars" not in report.render(others)


def test_no_polars_and_no_panel_skip_the_suite():
    assert cli._mode(cli.parse_args(["--quick"])).polars
    assert not cli._mode(cli.parse_args(["--quick", "--no-polars"])).polars
    assert not cli._mode(cli.parse_args(["--quick", "--no-panel"])).polars
    quick = plan.build(plan.QUICK)
    shapes = {(t.rows, t.n) for t in quick if t.suite == "polars"}
    assert shapes == {plan.frames.QUICK_SHAPE}
    assert {t.case for t in plan.build(cli._mode(cli.parse_args(["--quick", "--cases", "atr"])))
            if t.suite == "polars"} == {"atr"}
