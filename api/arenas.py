"""At most two malloc arenas in a service worker.

glibc gives each thread that allocates an arena of its own, up to eight a core, and an arena
keeps the pages freed in it. A worker's threads (evaluations, database trips, and Starlette
gzipping a large answer off the event loop) each took one: after 4,000 full answers asked for
gzipped, a worker held 150 MB, and 138 MB with two arenas, at the same speed (bench/README.md).
``MALLOC_ARENA_MAX=2`` in the environment does the same, but only for a process started with
it; this sets it from inside, wherever the service is started.
"""

from __future__ import annotations

import ctypes
import functools
import os

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's malloc.h


@functools.cache  # once a process: the limit is the process's, and every app start asks
def limit_arenas(arenas: int = ARENAS) -> bool:
    """Whether the limit was set: not where the C library is not glibc, nor where the
    environment already sets one (``MALLOC_ARENA_MAX``, which glibc read at start)."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    # The symbols already loaded into this process, its C library's among them: finding the
    # library by name (ctypes.util.find_library) would run ldconfig at every start.
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallopt") or not hasattr(libc, "gnu_get_libc_version"):
        return False  # musl and others: no arenas to limit
    return bool(libc.mallopt(_M_ARENA_MAX, arenas))
