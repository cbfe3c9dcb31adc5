"""Share copies of office documents: the text, tables, slides and pictures, without who made them, where or when.

DOCX, XLSX and PPTX (Office Open XML) and ODT are ZIP archives of XML. We write a new archive, every entry dated
1980-01-01 so the archive itself carries no time. Every other part is handled by what its bytes are, whatever its
name says (locker.share.office_media): pictures cleaned of EXIF/XMP/comments (EMF and WMF of their comments,
escapes and description: locker.share.office_metafile), embedded documents (a chart's workbook) cleaned by these
same rules down to MAX_DEPTH, and the copy refused for a part nobody can look inside (a HEIF picture, a damaged
metafile, an SVG picture with another picture embedded in it as a data: URI). An SVG picture's metadata block is
removed wherever its root element starts.

Office Open XML, one set of rules for all three:
- document properties replaced by empty ones (author, last editor, company, program, template path, dates),
  wherever the package's relationships (_rels/.rels) put them;
- left out, with the relationships and content types that name them: custom properties, thumbnails, custom XML
  (found by its relationship type, in any folder),
  Word's people list, the printer settings (a Windows DEVMODE naming the printer) and macros (the VBA project;
  the main part's content type becomes the macro-free one, so a .docm is shared as a true .docx). A workbook with
  Excel 4 macro sheets is refused: they cannot be taken out without breaking it;
- in every XML part, the names on comments and tracked changes emptied (Word's w:author, Excel's comment authors,
  revision user names and user ids, threaded-comment persons, PowerPoint's comment authors, old and modern), and
  their dates and the ids that link a file to the machine or the earlier file it came from removed (Word's rsids,
  paragraph and document ids; Excel's document id, object uids);
- the attached template and the folder the workbook was last saved in (absPath) removed; other links to local
  files keep only the file's name, not its folder: relationships (also relative ones that climb folders), local
  paths in field codes (INCLUDEPICTURE, INCLUDETEXT, LINK...), the source files of Excel's data connections,
  whose connection strings and commands are emptied;
- Word's mail-merge data source (connection string, query, its relationships) and document variables removed,
  and XML comments in every part;
- embedded objects (an OLE compound file of another program, or an Office document embedded as an object) and
  sounds and videos left out, with the relationships, content types and markup that use them; an object's
  preview picture stays (locker.share.office_ooxml_objects);
- embedded files renamed embeddingN (the extension kept, relationships and content types following): member
  names are stored uncompressed, and Word names a chart's workbook after the program that made it.

OpenDocument (ODT): meta.xml (the document's and every embedded object's) replaced by an empty one; the printer
settings (name and driver setup) taken out of settings.xml; thumbnails, the layout cache, Configurations2,
Basic and script macros and the replacement pictures of embedded objects (LibreOffice draws them again) left out;
the creators and dates of annotations and the editing-session ids (rsid) removed; links to local files (xlink:href:
file:, absolute, or climbing out with ../; also linked sections) keep only the file's name, as "../name".

The XML is edited as text with narrow patterns rather than re-serialised: Word refuses files whose namespace
prefixes change, which is what ElementTree does on output. The patterns take either quote and spaces around "=",
and a UTF-16 part is re-encoded as UTF-8 first (the copy declares UTF-8), so they see its attributes. Names are
emptied rather than removed, since some of those attributes are required.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from typing import IO

from locker.share import report_labels as labels
from locker.share.formats import ODT, OFFICE_OUTPUT
from locker.share.office_odf import copy_odt
from locker.share.office_ooxml import copy_ooxml
from locker.share.office_parts import Job, Place
from locker.share.options import SanitiseReport
from locker.share.sandbox_refusals import (
    DocumentDamaged,
    EmbeddedArchiveDamaged,
    EmbeddedArchiveNotDocument,
    NestedTooDeep,
)

MAX_DEPTH = 3  # a document in a document in a document; deeper nesting is refused

_Copier = Callable[[zipfile.ZipFile, list[zipfile.ZipInfo], zipfile.ZipFile, Job, Place], None]


def sanitise_office(f: IO[bytes], media_type: str, out: IO[bytes]) -> SanitiseReport:
    extension, out_type = OFFICE_OUTPUT[media_type]
    report = SanitiseReport(extension, out_type)
    job = Job(_clean_embedded_package)
    try:
        with zipfile.ZipFile(f) as source, zipfile.ZipFile(out, "w") as target:
            copy = copy_odt if media_type == ODT else copy_ooxml
            _copy_package(source, target, job, Place(), copy)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # the archive's directory, a member or its CRC
        raise DocumentDamaged(details=str(exc)) from exc
    report.removed = sorted(job.removed)
    return report


def _copy_package(source: zipfile.ZipFile, target: zipfile.ZipFile, job: Job, place: Place, copy: _Copier) -> None:
    entries = source.infolist()
    job.admit(entries)
    copy(source, [e for e in entries if not e.is_dir()], target, job, place)


def _clean_embedded_package(name: str, data: bytes, job: Job, place: Place) -> bytes:
    """An embedded document (a chart's workbook, a pasted document): cleaned by the same rules, or refused."""
    where = place.name(name)
    if place.depth + 1 >= MAX_DEPTH:
        raise NestedTooDeep(part=where)
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner, zipfile.ZipFile(out, "w") as target:
            names = set(inner.namelist())
            if "[Content_Types].xml" in names:
                copy: _Copier = copy_ooxml
            elif "mimetype" in names:
                copy = copy_odt
            else:
                raise EmbeddedArchiveNotDocument(part=where)
            _copy_package(inner, target, job, Place(f"{where}!", place.depth + 1), copy)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise EmbeddedArchiveDamaged(part=where, details=str(exc)) from exc
    job.removed.add(labels.OFFICE_EMBEDDED_DOCUMENTS)
    return out.getvalue()
