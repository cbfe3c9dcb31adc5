"""The XML of Office Open XML parts, edited as text: names on comments and tracked changes emptied, their dates
and editing ids removed, the template and the saved-in folder removed, local paths in field codes and data
connections cut to file names, Word's mail-merge source and document variables removed, XML comments dropped
(the rules are listed in locker.share.office)."""

from __future__ import annotations

import posixpath
import re

from locker.share import report_labels as labels
from locker.share.office_parts import file_name

# Attributes naming a person: emptied (some are required, so they stay, with no value).
# A quoted attribute value (XML allows either quote, and spaces around the "=").
_VALUE = rb"""\s*=\s*(?:"[^"]*"|'[^']*')"""
_NAME_ATTRS = re.compile(
    rb"(\s(?:\w+:)?(?:author|initials|userName|displayName|userId|providerId))"
    + _VALUE
    + rb"|(<(?:\w+:)?(?:userInfo|cmAuthor|author)\b[^>]*?\sname)"
    + _VALUE
)
# The id Excel gives a user of a shared workbook (required, so zeroed rather than removed).
_USER_GUID = re.compile(rb"(<(?:\w+:)?userInfo\b[^>]*?\sguid)" + _VALUE)
_ZERO_GUID = b'="{00000000-0000-0000-0000-000000000000}"'
# Times and ids that link the file to a machine, an editing session or the file it was copied from: removed.
_TRACE_ATTRS = re.compile(
    rb"\s(?:\w+:)?(?:date|dateUtc|dateTime|dt|dT|created|rsid\w*|paraId|textId|uidLastSave|uid|documentId|"
    rb"coauthVersionLast|coauthVersionMax)" + _VALUE
)
# Word's list of editing-session ids and its document ids (the same in every copy saved from one file).
_TRACE_ELEMENTS = re.compile(rb"<w:rsids>.*?</w:rsids>|<w:rsids/>|<w1\d:docId\b[^>]*/>", re.DOTALL)
_NAME_TEXTS = re.compile(rb"(<(?:\w+:)?author>)[^<]*(</(?:\w+:)?author>)")  # Excel comments' <authors> list
_LOCAL_PATHS = re.compile(
    rb"<mc:AlternateContent\b[^>]*>\s*<mc:Choice\b[^>]*>\s*<x15ac:absPath\b[^>]*/>\s*</mc:Choice>\s*"
    rb"</mc:AlternateContent>|<x15ac:absPath\b[^>]*/>|<w:attachedTemplate\b[^>]*/>"
)
_PRINTER_REFERENCE = re.compile(rb'(<(?:\w+:)?pageSetup\b[^>]*?)\s+r:id="[^"]*"')
# Word's mail-merge data source (its connection string and query name the user's folders) and document variables.
_WORD_SETTINGS_SECRETS = re.compile(
    rb"<w:mailMerge\b.*?</w:mailMerge>|<w:mailMerge\b[^>]*/>|<w:docVars\b.*?</w:docVars>|<w:docVars\b[^>]*/>",
    re.DOTALL,
)
# A field's instruction (INCLUDEPICTURE, INCLUDETEXT, LINK, HYPERLINK...), in a run or a simple field.
_FIELD_INSTRUCTION = re.compile(rb"(<w:instrText\b[^>]*>)([^<]*)(</w:instrText>)|(\sw:instr=)(\"[^\"]*\"|'[^']*')")
# A field instruction's words: quoted (raw or as &quot;) or not.
_FIELD_WORD = re.compile(rb'&quot;(.*?)&quot;|"([^"]*)"|(\S+)')
_FIELD_PATH = re.compile(rb"^(?:file:|[A-Za-z]:[\\/]|\\\\|/|\.\.[\\/])", re.IGNORECASE)
# Excel's data connections: the connection string and command (folders, server, user), the source files.
_CONNECTION_ATTRS = re.compile(rb"(\s(?:connection|command)\s*=\s*)(\"[^\"]*\"|'[^']*')")
_CONNECTION_FILES = re.compile(rb"(\s(?:sourceFile|odcFile|url)\s*=\s*)(\"[^\"]*\"|'[^']*')")
_XML_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def _clean_field(instruction: bytes) -> bytes:
    """A field instruction with each local path cut to its file's name (switches such as \\* stay)."""

    def word(match: re.Match[bytes]) -> bytes:
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted is not None:
            return match.group(0).replace(quoted, file_name(quoted)) if _FIELD_PATH.match(quoted) else match.group(0)
        return file_name(match.group(3)) if _FIELD_PATH.match(match.group(3)) else match.group(0)

    return _FIELD_WORD.sub(word, instruction)


def _clean_links(name: str, data: bytes, removed: set[str]) -> bytes:
    """Mail-merge sources, document variables, local paths in field codes and data connections, XML comments."""
    cleaned = _XML_COMMENT.sub(b"", data)
    if posixpath.basename(name) == "settings.xml":
        cleaned = _WORD_SETTINGS_SECRETS.sub(b"", cleaned)
    cleaned = _FIELD_INSTRUCTION.sub(
        lambda m: (
            m.group(1) + _clean_field(m.group(2)) + m.group(3)
            if m.group(1) is not None
            else m.group(4) + m.group(5)[:1] + _clean_field(m.group(5)[1:-1]) + m.group(5)[:1]
        ),
        cleaned,
    )
    cleaned = _CONNECTION_ATTRS.sub(lambda m: m.group(1) + b'""', cleaned)
    cleaned = _CONNECTION_FILES.sub(
        lambda m: m.group(1) + m.group(2)[:1] + file_name(m.group(2)[1:-1]) + m.group(2)[:1], cleaned
    )
    if cleaned != data:
        removed.add(labels.OOXML_LINKS_AND_MERGE)
    return cleaned


def clean_ooxml_xml(name: str, data: bytes, removed: set[str]) -> bytes:
    data = _clean_links(name, data, removed)
    cleaned = _NAME_ATTRS.sub(lambda m: (m.group(1) or m.group(2)) + b'=""', data)
    cleaned = _NAME_TEXTS.sub(rb"\1\2", cleaned)
    cleaned = _USER_GUID.sub(lambda m: m.group(1) + _ZERO_GUID, cleaned)
    cleaned = _TRACE_ELEMENTS.sub(b"", _TRACE_ATTRS.sub(b"", cleaned))
    if cleaned != data:
        removed.add(labels.OFFICE_COMMENT_AUTHORS)
    without_paths = _LOCAL_PATHS.sub(b"", cleaned)
    if without_paths != cleaned:
        removed.add(labels.OOXML_TEMPLATE)
    # A sheet's page setup names its printer settings part (its only relationship), which is left out.
    return _PRINTER_REFERENCE.sub(rb"\1", without_paths)
