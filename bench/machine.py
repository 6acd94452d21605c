"""What the figures were measured on: CPU, cores, memory, library versions, git commit."""
import importlib
import os
import platform
import subprocess
import sys

LIBRARIES = ("fastind", "numpy", "numba", "llvmlite", "Cython", "talib", "bottleneck", "pandas",
             "numbagg", "polars", "pytest_benchmark", "matplotlib")


def cpu_model():
    """The CPU's model name from /proc/cpuinfo (Linux), else platform.processor()."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_bytes():
    """Physical memory in bytes, or None where it cannot be read."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def usable_cores():
    """Cores this process may run on (the affinity mask), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count()


def load_average():
    try:
        return list(os.getloadavg())
    except (AttributeError, OSError):
        return None


def machine():
    ram = ram_bytes()
    return {
        "cpu": cpu_model(),
        "cores": usable_cores(),
        "logical_cpus": os.cpu_count(),
        "ram_gb": None if ram is None else round(ram / 2**30, 1),
        "platform": platform.platform(),
        "load_average_at_start": load_average(),
    }


def versions():
    """{library: version} for the interpreter and every library that imports (None if absent)."""
    found = {"python": platform.python_version(), "implementation": sys.implementation.name}
    for name in LIBRARIES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            found[name] = None
            continue
        found[name] = getattr(module, "__version__", "unknown")
    return found


def git(root="."):
    """{"commit", "fastind_dirty"} of the repository at root, or {} outside a git checkout."""
    def run(*args):
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()

    try:
        commit = run("rev-parse", "HEAD")
        # only fastind's own code counts as dirty: the benchmark's output folders do not
        dirty = bool(run("status", "--porcelain", "--untracked-files=no", "--", "fastind"))
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"commit": commit, "fastind_dirty": dirty}
