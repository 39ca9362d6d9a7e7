"""`make bench`: every benchmark script, each printing and saving its numbers."""

from __future__ import annotations

import runpy
from pathlib import Path

BENCHES = ("gas.py", "cli.py", "load.py", "tracing.py", "portal.py")

if __name__ == "__main__":
    for name in BENCHES:
        print(f"== {name}")
        runpy.run_path(str(Path(__file__).with_name(name)), run_name="__main__")
