"""Parts of an Office Open XML package that a copy leaves out rather than refuse for, and the markup that used them.

- OLE objects (an embedded workbook or document of an older program, an Equation Editor 3 equation, any "object"
  inserted from a file): a compound file of another program, which can hold anything (its author, the folder it
  came from, a whole other document) and which we cannot look inside. Office shows each through a preview picture
  (Word's v:imagedata, PowerPoint's p:pic, Excel's legacy drawing), a separate part that stays, cleaned like every
  picture: the copy shows the same thing, but the object can no longer be opened or edited. Word's o:OLEObject
  or w:objectEmbed goes (the shape or drawing showing the picture stays); PowerPoint's object frame becomes the
  plain picture it showed; Excel's oleObject keeps its shape id without the relationship (optional there).
- Sounds and videos (PowerPoint's media: clips, narration, transition sounds): removed, with the markup that plays
  them (the media elements, the click-to-play action, transition sounds, and the slide's whole timing tree, so
  all its animations: the media nodes in it would name a shape that has none, and cutting them out alone could
  leave lists the schema does not allow empty); the shape stays as its poster picture. Cleaning them would need the
  audio and video sanitisers to re-encode them into formats the package's content types may not declare.

The relationships to a left-out part go (locker.share.office_ooxml), and so does every reference to those
relationships in the part that had them, so no element points at a relationship that is not there.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from locker.share import office_media
from locker.share import report_labels as labels

REMOVED_LABELS = {
    office_media.OLE: labels.OFFICE_OLE_OBJECTS,
    office_media.SOUND_OR_VIDEO: labels.OFFICE_SOUNDS_AND_VIDEOS,
}
_HEAD = 64
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?(?:/>|>\s*</Relationship>)")
_ATTRIBUTE = re.compile(rb"""\s([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_OLE_ELEMENT = rb"(?:\w+:)?(?:OLEObject|objectEmbed)"  # Word's, in VML and in a strict document
# The relationship id of the object an element embeds: Word's (VML, strict), PowerPoint's, Excel's.
_OBJECT_IDS = re.compile(
    rb"<(?:\w+:)?(?:OLEObject|objectEmbed|oleObj|oleObject)\b[^>]*?\s(?:\w+:)?id\s*=\s*[\"']([^\"']*)[\"']"
)
_MEDIA_ELEMENT = rb"(?:\w+:)?(?:videoFile|audioFile|wavAudioFile|quickTimeFile|media|snd)"
_SOUND_ACTION = re.compile(rb"<((?:\w+:)?sndAc)\b.*?</\1>", re.DOTALL)
_PLAY_ACTION = re.compile(rb"""<(?:\w+:)?hlink(?:Click|Hover)\b[^>]*action\s*=\s*["']ppaction://media["'][^>]*/>""")
_TIMING = re.compile(rb"<((?:\w+:)?timing)\b.*?</\1>", re.DOTALL)
_MEDIA_TIMING = re.compile(rb"<(?:\w+:)?(?:video|audio)\b")
_EMPTY_EXTENSION = re.compile(rb"<((?:\w+:)?ext)\b[^>]*>\s*</\1>")
# PowerPoint's frame around an object, and what a picture is made of: its name, its fill (the preview) and place.
_FRAME = re.compile(rb"<p:graphicFrame\b.*?</p:graphicFrame>", re.DOTALL)
_NAME = re.compile(rb"<p:cNvPr\b[^>]*?(?:/>|>.*?</p:cNvPr>)", re.DOTALL)
_FILL = re.compile(rb"<p:blipFill\b.*?</p:blipFill>", re.DOTALL)
_PLACE = re.compile(rb"<p:xfrm\b([^>]*)>(.*?)</p:xfrm>", re.DOTALL)
# PowerPoint 2010 and later write an object twice: for programs that draw VML (without the picture, which is in
# the legacy drawing) and as the fallback (with it). With the object gone, the first is empty, and what is left
# is the fallback's picture, unwrapped.
_EMPTY_CHOICE = re.compile(rb"<((?:\w+:)?Choice)\b[^>]*>\s*</\1>")
_ONLY_FALLBACK = re.compile(
    rb"<((?:\w+:)?AlternateContent)\b[^>]*>\s*<((?:\w+:)?Fallback)\b[^>]*>(.*?)</\2>\s*</\1>", re.DOTALL
)


def opaque_parts(source: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Part name -> OLE or SOUND_OR_VIDEO, by the part's first bytes (its name says nothing we can trust)."""
    found = {}
    for info in entries:
        with source.open(info) as part:
            kind = office_media.kind_of_part(part.read(_HEAD), info.filename)
        if kind in REMOVED_LABELS:
            found[info.filename] = kind
    return found


def embedded_objects(source: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Part name -> OLE for every part an object element embeds, whatever it is: an Office document embedded as
    an object (Word's "Microsoft_Excel_Worksheet.xlsx") is as much an object as a compound file is, and whatever
    it holds (other sheets, hidden cells) is not what the page shows. A chart's workbook is not an object: it
    stays, cleaned like the document."""
    found = {}
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))
        owner = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
        if owner not in names:
            continue
        used = set(_OBJECT_IDS.findall(source.read(owner)))
        for match in _RELATIONSHIP.finditer(source.read(rels)):
            attrs = _attributes(match.group(0))
            if attrs.get("Id") not in used or attrs.get("TargetMode", b"").lower() == b"external":
                continue
            part = _part(folder, attrs.get("Target", b""))
            if part in names:
                found[part] = office_media.OLE
    return found


def _part(folder: str, target: bytes) -> str:
    text = target.decode("utf-8", "replace")
    return posixpath.normpath(text.lstrip("/") if text.startswith("/") else posixpath.join(folder, text))


def ids_pointing_at(source: zipfile.ZipFile, names: set[str], gone: set[str]) -> dict[str, set[bytes]]:
    """For each part, the ids of its relationships whose (internal) target is one of `gone`."""
    found: dict[str, set[bytes]] = {}
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))
        owner = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])  # word/_rels/a.xml.rels -> word/a.xml
        for match in _RELATIONSHIP.finditer(source.read(rels)):
            attrs = _attributes(match.group(0))
            if attrs.get("TargetMode", b"").lower() == b"external":
                continue
            if _part(folder, attrs.get("Target", b"")) in gone:
                found.setdefault(owner, set()).add(attrs.get("Id", b""))
    return found


def _attributes(element: bytes) -> dict[str, bytes]:
    return {m.group(1).decode(): m.group(2) if m.group(2) is not None else m.group(3) for m in
            _ATTRIBUTE.finditer(element)}  # fmt: skip


def _as_picture(frame: bytes) -> bytes:
    """A slide's object frame as the plain picture it shows (its preview, name and place): PowerPoint draws an
    object through the p:pic inside it, but an object element with no object behind it is not a valid shape."""
    name, fill, place = _NAME.search(frame), _FILL.search(frame), _PLACE.search(frame)
    if name is None or fill is None or place is None:
        return b""  # nothing to show: the frame goes with its object
    return (
        b"<p:pic><p:nvPicPr>" + name.group(0) + b"<p:cNvPicPr/><p:nvPr/></p:nvPicPr>" + fill.group(0)
        + b"<p:spPr><a:xfrm" + place.group(1) + b">" + place.group(2) + b"</a:xfrm>"
        + b'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )  # fmt: skip


def unlink(data: bytes, ids: set[bytes]) -> bytes:
    """The XML part without the elements that embed or play a left-out part through one of `ids`, and without any
    other attribute that still names one of them."""
    if not ids:
        return data
    alternatives = rb"""["'](?:""" + b"|".join(re.escape(i) for i in sorted(ids)) + rb""")["']"""
    names_id = rb"[^>]*\s(?:\w+:)?(?:id|embed|link|relid)\s*=\s*" + alternatives

    def element(tag: bytes) -> re.Pattern[bytes]:
        return re.compile(rb"<(" + tag + rb")\b" + names_id + rb"[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)

    embeds = re.compile(rb"<(?:\w+:)?oleObj\b" + names_id)
    cleaned = _FRAME.sub(lambda m: _as_picture(m.group(0)) if embeds.search(m.group(0)) else m.group(0), data)
    if cleaned != data:
        cleaned = _ONLY_FALLBACK.sub(rb"\3", _EMPTY_CHOICE.sub(b"", cleaned))
    cleaned = element(_OLE_ELEMENT).sub(b"", cleaned)
    sound = re.compile(names_id)
    cleaned = _SOUND_ACTION.sub(lambda m: b"" if sound.search(m.group(0)) else m.group(0), cleaned)
    without_media = element(_MEDIA_ELEMENT).sub(b"", cleaned)
    if without_media != cleaned:
        without_media = _PLAY_ACTION.sub(b"", without_media)
        without_media = _TIMING.sub(lambda m: b"" if _MEDIA_TIMING.search(m.group(0)) else m.group(0), without_media)
        without_media = _EMPTY_EXTENSION.sub(b"", without_media)
    leftover = re.compile(rb"\s\w+:(?:id|embed|link|relid|pict)\s*=\s*" + alternatives)
    return leftover.sub(b"", without_media)
