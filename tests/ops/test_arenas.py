"""A worker keeps at most two malloc arenas, however many of its threads allocate."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's arenas")

ROOT = Path(__file__).resolve().parents[2]

# Twelve threads allocating at once, then the arenas glibc reports (malloc_info's heaps).
PROBE = """
import ctypes, ctypes.util, sys, tempfile, threading
from api.arenas import limit_arenas
limited = limit_arenas() if sys.argv[1] == "limit" else False
together = threading.Barrier(12)
def work():
    held = [bytearray(1000) for _ in range(100)]
    together.wait()
threads = [threading.Thread(target=work) for _ in range(12)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as report:
    out = libc.fopen(report.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(out))
    libc.fclose(ctypes.c_void_p(out))
    print(limited, open(report.name).read().count("<heap nr="))
"""


def _arenas(mode: str, env: dict[str, str] | None = None) -> tuple[str, int]:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    limited, heaps = done.stdout.split()
    return limited, int(heaps)


def test_threads_share_two_arenas_once_limited() -> None:
    assert _arenas("limit") == ("True", 2)
    _, without = _arenas("none")
    assert without > 2  # else the probe shows nothing


def test_a_limit_from_the_environment_is_left_alone() -> None:
    limited, heaps = _arenas("limit", {**os.environ, "MALLOC_ARENA_MAX": "3"})
    assert limited == "False" and heaps == 3
