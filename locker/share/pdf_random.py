"""Random bytes for qpdf from the kernel's getrandom(), so that a sandboxed job can open AES-256 encrypted PDFs.

qpdf makes random bytes by reading /dev/urandom, even to open a PDF encrypted with AES-256 (revision 6: its key
derivation runs AES in encrypting mode, which starts from a random IV). A sandboxed job can open no path at all
(locker.sandbox.confine), so every such PDF, owner-password-only ones included ("restrict editing", common for court
and government documents), failed to open (review s6 D3). qpdf's own extension point for this,
QUtil::setRandomDataProvider, is given a provider whose bytes come from os.urandom, i.e. the getrandom() system
call the sandbox allows. The fork server imports this module before any job exists, so every job inherits it.

The provider is a C++ object with the Itanium ABI's layout (a pointer to its virtual table: the two destructors,
then provideRandomData); qpdf never deletes it. Where the library or its symbol is not found (another build of
pikepdf, another platform), nothing changes and such PDFs are refused as before.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pikepdf

_SETTER = "_ZN5QUtil21setRandomDataProviderEP18RandomDataProvider"
_PROVIDE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
_DESTROY = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_kept: list[object] = []  # qpdf keeps pointers to these for the life of the process


def _provide(_this: int, data: int, length: int) -> None:
    ctypes.memmove(data, os.urandom(length), length)


def _destroy(_this: int) -> None:
    """qpdf never deletes its provider; nothing to free."""


def install() -> bool:
    """Give qpdf the provider; False where it cannot be done here."""
    if _kept:
        return True
    libraries = sorted((Path(pikepdf.__file__).parent.parent / "pikepdf.libs").glob("libqpdf*.so*"))
    if not libraries:
        return False
    try:
        setter = getattr(ctypes.CDLL(str(libraries[0])), _SETTER)
    except (OSError, AttributeError):
        return False
    setter.argtypes, setter.restype = [ctypes.c_void_p], None
    provide, destroy = _PROVIDE(_provide), _DESTROY(_destroy)
    table = (ctypes.c_void_p * 3)(
        ctypes.cast(destroy, ctypes.c_void_p),
        ctypes.cast(destroy, ctypes.c_void_p),
        ctypes.cast(provide, ctypes.c_void_p),
    )
    provider = (ctypes.c_void_p * 1)(ctypes.addressof(table))
    _kept.extend((provide, destroy, table, provider))
    setter(ctypes.addressof(provider))
    return True
