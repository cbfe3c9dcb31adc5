"""Share copies of PDFs (a court fine, a letter): pictures of the pages, and nothing else.

A PDF can hide data in more places than a copier can prove clean: font programs (names, notices, glyph programs),
text a reader never sees (invisible, white, off the page, under a black box, on a layer that is off), pixels of a
picture that are clipped away or fully transparent, unused colour tables, JPEG tables and glyph names, numbers written
with many decimals, resources listed but never drawn, and the places two readers disagree on a damaged file. Two
reviews of an allow-list copier that kept the text (sessions 6 and 7) kept finding new ones. So, as Dangerzone does
(freedomofpress/dangerzone), the copy is made of pictures of the pages as a reader shows them, drawn by pdfium in the
sandbox (locker.share.pdf_pictures): what the pages show, and nothing else, reaches the copy. What it loses is the
text: it cannot be selected, searched or read aloud, and the report says so.
"""

from __future__ import annotations

from typing import BinaryIO

import pikepdf
import pypdfium2

from locker.share.options import SanitiseReport
from locker.share.pdf_pictures import picture_copy
from locker.share.pdf_random import install as _give_qpdf_random_bytes
from locker.share.sandbox_refusals import PdfNeedsPassword, PdfUnreadable

_give_qpdf_random_bytes()  # AES-256 PDFs in the sandbox; the fork server imports this module before any job


def sanitise_pdf(f: BinaryIO, out: BinaryIO) -> SanitiseReport:
    """A copy of the PDF in `f` made of pictures of its pages, written to `out` once complete; a PDF that needs a
    password to open, or that neither qpdf nor pdfium can read, is refused with its own refusal."""
    try:
        return picture_copy(f, out)
    except pikepdf.PasswordError as error:
        raise PdfNeedsPassword() from error
    except (pikepdf.PdfError, pypdfium2.PdfiumError) as error:
        raise PdfUnreadable(details=f"{type(error).__name__}: {str(error)[:300]}") from error
