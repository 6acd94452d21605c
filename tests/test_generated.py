"""Generated kernel sources match the scripts in tools/ that write them (never edited by hand)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_extrema_kernels_are_what_the_generator_writes():
    script = os.path.join(ROOT, "tools", "gen_extrema.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_shared_helpers_are_copied_where_they_are_called():
    script = os.path.join(ROOT, "tools", "sync_shared.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
