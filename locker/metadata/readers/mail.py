"""Saved e-mails (.eml): the headers, which say who sent it to whom, when, and through which servers.

Only the header block is parsed (with the standard library's parser, bounded in size); bodies and attachments are
not opened.
"""

from __future__ import annotations

import email.header
import email.parser
import email.policy
import email.utils
from typing import IO

from locker.metadata.readers.base import ReaderResult

MAX_HEADER_BYTES = 256 * 1024
MAX_HEADERS = 500


def read_email(f: IO[bytes], media_type: str) -> ReaderResult:
    result = ReaderResult()
    f.seek(0)
    head = f.read(MAX_HEADER_BYTES)
    end = min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0), default=len(head))
    message = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head[:end] + b"\n\n")
    headers: list[list[str]] = []
    for key, value in list(message.items())[:MAX_HEADERS]:
        headers.append([str(key), _decoded(value)])
    result.raw["headers"] = headers
    first = {key.lower(): value for key, value in reversed(headers)}
    result.offer("author", first.get("from"))
    result.offer("title", first.get("subject"))
    try:
        when = email.utils.parsedate_to_datetime(first["date"]) if "date" in first else None
    except (TypeError, ValueError):
        when = None
        result.warnings.append("the Date header is not a valid date")
    if when is not None:
        iso = when.replace(microsecond=0).isoformat()
        # A Date without a zone ("-0000" or none) is shown without one: the file does not state it.
        result.offer("capture_time", iso if when.tzinfo else iso[:19], "e-mail Date header")
    result.offer("software", first.get("x-mailer") or first.get("user-agent"))
    return result


def _decoded(value: object) -> str:
    """An RFC 2047 encoded header ("=?utf-8?b?...?=") as text; undecodable parts stay as they are."""
    text = str(value)
    try:
        return str(email.header.make_header(email.header.decode_header(text)))
    except (ValueError, LookupError, UnicodeError):
        return text
