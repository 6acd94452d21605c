"""Generated kernel sources match the scripts in tools/ that write them (never edited by hand):
gen_extrema.py writes extrema.py/.pxd, sync_shared.py copies _shared.py's helpers into the families,
gen_api.py writes the native and TA-Lib functions and docs/functions.md from the registry."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.parametrize("script", ["gen_extrema.py", "sync_shared.py", "gen_api.py", "gen_patterns.py",
                                    "gen_elementwise.py"])
def test_generated_sources_are_what_the_script_writes(script):
    path = os.path.join(ROOT, "tools", script)
    done = subprocess.run([sys.executable, path, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
