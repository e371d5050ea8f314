"""Keep Python's None alive under a PySide6 that forgets to take a reference to it.

Measured here with PySide6 6.12.0 on CPython 3.11: every call of a void Qt method (setText,
setItemText, setValue, ...) and every invalid QVariant handed to Python returns None without
Py_INCREF. None starts with about 6,000 references, so after a few thousand such calls CPython
aborts with "Fatal Python error: none_dealloc: deallocating None" (the UI tests hit it within a
minute; a user session would too). From 3.12 None is immortal and the bug is harmless. Here, if a
probe shows the leak, we add 2**40 references to None once: the same immortality, by hand.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


def none_leaks() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 32


def protect_none() -> bool:
    """Apply the fix if this interpreter needs it; True if it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None is immortal there
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if refcount.value >= HEADROOM or not none_leaks():
        return False
    refcount.value += HEADROOM
    return True
