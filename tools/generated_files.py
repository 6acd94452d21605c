"""Writing or checking files that a script in tools/ generates (used by gen_extrema, sync_shared)."""
import os
import sys


def write_or_check(wanted, check, script, root):
    """wanted: {path: content}. Rewrites (atomically) each file whose content differs, or with
    `check` only reports them; returns the exit status (1 when `check` found a stale file)."""
    stale = []
    for path, text in wanted.items():
        with open(path) as fh:
            if fh.read() == text:
                continue
        stale.append(path)
        if not check:
            with open(path + ".tmp", "w") as fh:
                fh.write(text)
            os.replace(path + ".tmp", path)
    if check and stale:
        print(f"stale (run python tools/{script}):", *stale, file=sys.stderr)
        return 1
    for path in stale:
        print("wrote", os.path.relpath(path, root))
    return 0
