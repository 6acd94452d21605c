"""Generated kernel sources match the script in tools/ that writes them (never edited by hand)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_extrema_kernels_are_what_the_generator_writes():
    script = os.path.join(ROOT, "tools", "gen_extrema.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
