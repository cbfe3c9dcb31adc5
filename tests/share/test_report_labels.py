"""Every label and note of a share report comes from locker/share/report_labels.py, and can be read back from it.

The GUI translates a report by looking its texts up there (ui/labels.py), so a sentence written where a sanitiser
adds it would reach a Russian user in English. The scan below reads the sanitisers' source: a string literal
added to a report's `removed` or `notes`, or put in a table of labels, fails it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import locker.share
from locker.share import report_labels as labels

SHARE = Path(locker.share.__file__).parent
_COLLECTIONS = {"removed", "notes", "found"}  # found: what a `_removed_parts` collects for the report
_ADDING = {"add", "append", "extend", "update", "insert"}
# Strings in a table of labels that are not labels: the roles office_ooxml gives the two property parts.
NOT_LABELS = {("office_ooxml.py", "core"), ("office_ooxml.py", "app")}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _literals(node: ast.AST) -> list[ast.expr]:
    """String literals (and f-strings) in `node`, but not those filling a template's fields (labels.fill(...))."""
    if isinstance(node, ast.Call) and _name(node.func) == "fill":
        return _literals(node.args[0]) if node.args else []
    if isinstance(node, ast.Subscript):  # a table looked up by a key: the key is no label
        return _literals(node.value)
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return [node]
    return [found for child in ast.iter_child_nodes(node) for found in _literals(child)]


def _is_label(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "labels"


def inline_labels(source: str, file_name: str) -> list[str]:
    """`file:line: text` of each string literal that reaches a report other than through report_labels."""
    found: list[ast.expr] = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ADDING:
            if _name(node.func.value) in _COLLECTIONS:
                found += [lit for arg in [*node.args, *(k.value for k in node.keywords)] for lit in _literals(arg)]
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [_name(t) or "" for t in targets]
            labelled = any(n in {"removed", "notes"} or "LABEL" in n or "REMOVED" in n for n in names)
            if node.value is not None and labelled and not isinstance(node.value, ast.Dict):  # tables: below
                found += _literals(node.value)
        elif isinstance(node, ast.Dict):
            # A table whose keys or values are labels (_LABELS, _ODT_SKIP, _OOXML_LEFT_OUT...) has only labels there.
            for side in (node.keys, node.values):
                if any(_is_label(item) for item in side):
                    found += [lit for item in side if item is not None for lit in _literals(item)]
        elif isinstance(node, ast.Return) and node.value is not None:
            function = next((f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and node in ast.walk(f)), None)
            if function is not None and function.name == "_removed_parts":
                found += _literals(node.value)
    shown = []
    for lit in found:
        text = lit.value if isinstance(lit, ast.Constant) else ast.unparse(lit)
        if (file_name, text) not in NOT_LABELS:
            shown.append(f"{file_name}:{lit.lineno}: {text!r}")
    return shown


def sanitiser_sources() -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(SHARE.glob("*.py")) if p.name != "report_labels.py"}


def test_no_sanitiser_adds_a_label_or_note_of_its_own_words() -> None:
    sources = sanitiser_sources()
    assert {"images.py", "media.py", "pdf.py", "office_ooxml.py", "service.py"} <= set(sources)
    found = [line for name, source in sources.items() for line in inline_labels(source, name)]
    assert not found, "put these in locker/share/report_labels.py (and ui/report_label_text.py):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "added",
    [
        'report.removed.append("geotags")',
        'job.removed.add(f"{kind} parts")',
        'removed.add("folders")',
        'report.notes.append("the copy is smaller")',
        'report.removed = sorted(removed | {"earlier revisions"})',
        '_LABELS = {"/Info": labels.PDF_INFO, "/Foo": "foo data"}',
        '_LEFT_OUT = {labels.OFFICE_PEOPLE: 1, "hidden sheets": 2}',
        'PICTURE_LABEL = "metadata inside pictures"',
        'def _removed_parts(x):\n    return ["comment"]',
        'def _removed_parts(x):\n    found = []\n    found.append("tags")\n    return found',
    ],
)
def test_the_scan_catches_an_inline_label(added: str) -> None:
    assert inline_labels(added, "new.py"), added


def test_the_scan_lets_labels_and_filled_templates_through() -> None:
    allowed = (
        "report.removed.append(labels.fill(labels.CONTAINER_TAGS, names=', '.join(names)))\n"
        "job.removed.add(labels.OFFICE_MACROS)\n"
        "names = {'exif': labels.EXIF, 'xmp': labels.XMP}\n"
        "_PACKAGE_ROLES = {b'/core': 'core', b'/thumbnail': labels.OFFICE_THUMBNAIL}\n"
    )
    assert inline_labels(allowed, "office_ooxml.py") == []


def test_every_constant_is_used_by_a_sanitiser() -> None:
    sources = "\n".join(sanitiser_sources().values())
    constants = [k for k in labels._constants()]
    unused = [k for k in constants if f"labels.{k}" not in sources]
    assert len(constants) > 50 and not unused, unused


def test_the_labels_differ_and_every_template_reads_back() -> None:
    texts = list(labels._constants().values())
    assert len(texts) == len(set(texts)), "two constants with one text are one label to the GUI"
    for template in texts:
        fields = {name: f"4{n}2" for n, name in enumerate(labels.fields_of(template))}
        assert labels.parse(labels.fill(template, **fields)) == (template, fields), template
    assert labels.parse("a label of a newer version") is None
    assert set(labels.all_labels()) | set(labels.all_notes()) == set(texts)


def test_a_template_is_filled_with_exactly_its_fields() -> None:
    assert labels.fill(labels.OTHER_STREAMS, count=2) == ("other streams (subtitles, data, GPS tracks, extra sound): 2")
    with pytest.raises(ValueError):
        labels.fill(labels.OTHER_STREAMS)
    with pytest.raises(ValueError):
        labels.fill(labels.SOUND, count=2)
    names = labels.fill(labels.CONTAINER_TAGS, names="artist, comment, encoder")
    assert labels.parse(names) == (labels.CONTAINER_TAGS, {"names": "artist, comment, encoder"})
