"""The Rasa process's memory, from glibc: fewer malloc arenas, and free memory given back.

``limit_arenas`` (at start, before any thread): TensorFlow's and Sanic's threads would otherwise
each get an arena of their own, which keeps what was freed in it. ``give_back`` (``malloc_trim``,
once the model is loaded and a warm-up message answered): loading unpacks the model archive and
builds the graphs, and what that freed stays in the heap unless it is handed back. Both do
nothing where there is no glibc.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any, Optional

M_ARENA_MAX = -8  # glibc's mallopt parameter
ARENAS = 2


@lru_cache(maxsize=1)
def _libc() -> Optional[Any]:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most ``arenas`` malloc arenas; False where that is not possible."""
    libc = _libc()
    return bool(libc is not None and hasattr(libc, "mallopt") and libc.mallopt(M_ARENA_MAX, arenas))


def give_back() -> bool:
    """Return the heap's free memory to the system; True if glibc released any."""
    libc = _libc()
    return bool(libc is not None and hasattr(libc, "malloc_trim") and libc.malloc_trim(0))
