"""Which annotations a reader shows on screen, decided before qpdf draws the visible ones into their pages.

qpdf's flattening honours the Hidden and NoView flags but not optional content: a comment on a layer that is off
by default, or the Popup that holds a closed note's text, would become ordinary page text in the copy (review s6
L14). Those are taken off their pages first.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

_MAX_DEPTH = 32


def hide_unshown_annotations(source: pikepdf.Pdf) -> None:
    """Remove from every page's /Annots the Popups and the annotations whose layer is off by default."""
    off = _layers_off(source)
    for page in source.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        shown = [a for a in annots if not _unshown(a, off)]
        if len(shown) != len(annots):
            page.obj.Annots = Array(shown)


def _unshown(annot: object, off: set[tuple[int, int]]) -> bool:
    if not isinstance(annot, Dictionary):
        return True
    if annot.get("/Subtype") == Name.Popup:
        return True
    return "/OC" in annot and not _visible(annot.OC, off, 0)


def _layers_off(source: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The layers off in the default configuration; a malformed entry (a number where an array or a dictionary
    belongs) is read as empty or absent rather than stopping the copy."""
    properties = source.Root.get("/OCProperties")
    if not isinstance(properties, Dictionary):
        return set()
    layers = _groups(properties.get("/OCGs"))
    config = properties.get("/D")
    if not isinstance(config, Dictionary):
        return set()
    if config.get("/BaseState") == Name.OFF:
        on = {g.objgen for g in _groups(config.get("/ON"))}
        return {g.objgen for g in layers if g.objgen not in on}
    return {g.objgen for g in _groups(config.get("/OFF"))}


def _groups(value: object) -> list[Dictionary]:
    """The dictionaries in an array of optional content groups; nothing for anything but an array."""
    return [g for g in value if isinstance(g, Dictionary)] if isinstance(value, Array) else []


def _visible(content: object, off: set[tuple[int, int]], depth: int) -> bool:
    """An optional content group or membership dictionary (with its /P policy or /VE expression) in the default
    configuration; anything that cannot be read counts as not shown (nothing drawn rather than too much)."""
    if depth > _MAX_DEPTH or not isinstance(content, Dictionary):
        return False
    if content.get("/Type") == Name.OCMD:
        if "/VE" in content:
            return _expression(content.VE, off, depth + 1)
        groups = content.get("/OCGs", Array())
        groups = groups if isinstance(groups, Array) else Array([groups])
        states = [_visible(g, off, depth + 1) for g in groups]
        if not states:
            return True
        policy = content.get("/P", Name.AnyOn)
        if policy == Name.AllOn:
            return all(states)
        if policy == Name.AnyOff:
            return not all(states)
        if policy == Name.AllOff:
            return not any(states)
        return any(states)
    return content.objgen not in off


def _expression(expression: object, off: set[tuple[int, int]], depth: int) -> bool:
    if depth > _MAX_DEPTH:
        return False
    if not isinstance(expression, Array) or len(expression) == 0:
        return _visible(expression, off, depth)
    operator, operands = expression[0], [_expression(e, off, depth + 1) for e in list(expression)[1:]]
    if operator == Name.Not:
        return len(operands) == 1 and not operands[0]
    if operator == Name.And:
        return all(operands)
    if operator == Name.Or:
        return any(operands)
    return False
