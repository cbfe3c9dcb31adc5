"""Every LockerError in locker/ is raised with parameters, never with a sentence (locker/errors.py says why).

An AST scan of every call that builds a LockerError subclass: a positional argument (`X("...")`, `X(f"...")`,
`X(str(exc))`) is a free-text message the GUI cannot translate; keyword arguments must fill every placeholder of the
class's template (a forgotten one would show as "{path}").
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import locker
from locker.errors import LockerError, template_fields
from tests.conftest import PROJECT_ROOT

# Files still raising with English sentences, rewritten by other engineers now: the lead converts them after merging
# and removes the entry. Nothing else may be added here.
NOT_CONVERTED_YET = {
    "locker/receive/receiver.py",
}
# require_space still accepts an English phrase from its callers in locker/ingest and locker/receive.
NOT_CONVERTED_YET |= {"locker/diskspace.py"}


def _error_classes() -> dict[str, type[LockerError]]:
    for info in pkgutil.walk_packages(locker.__path__, "locker."):
        if info.name != "locker.__main__":
            importlib.import_module(info.name)
    found: dict[str, type[LockerError]] = {}
    stack: list[type[LockerError]] = [LockerError]
    while stack:
        cls = stack.pop()
        found[cls.__name__] = cls
        stack.extend(cls.__subclasses__())
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def problems_in(path: Path, classes: dict[str, type[LockerError]]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or (name := _called_name(node)) not in classes:
            continue
        where = f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {name}"
        if node.args:
            found.append(f"{where}: positional (free-text) message")
            continue
        given = {k.arg for k in node.keywords}
        if None in given:
            continue  # **params: checked where they are built
        lacking = set(template_fields(classes[name].template())) - given
        if lacking:
            found.append(f"{where}: no value for {sorted(lacking)}")
    return found


def test_no_locker_error_is_raised_with_a_sentence() -> None:
    classes = _error_classes()
    problems = []
    for path in sorted((PROJECT_ROOT / "locker").rglob("*.py")):
        if str(path.relative_to(PROJECT_ROOT)) not in NOT_CONVERTED_YET:
            problems += problems_in(path, classes)
    assert not problems, "\n".join(problems)


def test_the_scan_finds_a_sentence_and_a_missing_parameter(tmp_path: Path) -> None:
    classes = _error_classes()
    sample = PROJECT_ROOT / "locker" / "_scan_control.py"
    sample.write_text('raise VaultNotFoundError(f"There is no vault at {x}.")\nraise VaultNotFoundError()\n')
    try:
        found = problems_in(sample, classes)
    finally:
        sample.unlink()
    assert len(found) == 2 and "free-text" in found[0] and "['path']" in found[1], found


def test_the_allow_list_names_only_files_that_still_need_it() -> None:
    classes = _error_classes()
    for name in sorted(NOT_CONVERTED_YET):
        assert problems_in(PROJECT_ROOT / name, classes), f"{name} is converted: remove it from NOT_CONVERTED_YET"


# --- share copies: a sanitiser that gives up raises a refusal class (locker/share/sandbox_refusals.py) -----------

SHARE = PROJECT_ROOT / "locker" / "share"
# Sentences in ValueErrors that no file a user shares can cause, or that are caught and become a refusal's details:
# (file, function or class) -> why it may stay. Nothing else may be added here.
SENTENCES_THAT_STAY = {
    ("faces.py", "Box.from_json"): "JSON from the other side of the sandbox; callers turn it into their refusal",
    ("options.py", "ShareOptions.from_json"): "the app's own options, read in the child: a programming error",
    ("options.py", "SanitiseReport.from_json"): "the child's report; the app turns it into CopyAnswerMalformed",
    ("refusals.py", "Finding.from_json"): "the child's finding; the app turns it into CopyAnswerMalformed",
    ("report_labels.py", "fill"): "a template filled with the wrong fields: a programming error",
    ("images.py", "_save"): "a Pillow format IMAGE_OUTPUT does not list: a programming error",
    ("formats.py", "output_type"): "asked after kind_of() refused the type; import --strip reports the sentence",
    ("task.py", "_run"): "a task the app never sends: a programming error",
    ("task.py", "make_copy"): "a sanitiser writing another type than the table says: a programming error",
    ("office_metafile.py", "MetafileError"): "caught in office_parts.clean_part: PictureNotCleaned's details",
    ("recheck.py", "recheck"): "the app asks for an original's page text for PDFs only: a programming error",
}


def _value_errors() -> dict[str, type]:
    """Names a sentence may be raised with: ValueError and its subclasses among builtins and in locker/share."""
    import builtins
    import inspect

    import locker.share.office_metafile

    found = {n: c for n, c in vars(builtins).items() if inspect.isclass(c) and issubclass(c, ValueError)}
    modules = [locker.share.office_metafile]
    found |= {n: c for m in modules for n, c in vars(m).items() if inspect.isclass(c) and issubclass(c, ValueError)}
    return found


def sentences_in(path: Path) -> list[tuple[str, str, int]]:
    """(enclosing function or raised class, raised name, line) of every `raise <ValueError>(<argument>)` in `path`."""
    names = _value_errors()
    found = []

    def walk(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                walk(child, f"{where}.{child.name}" if where else child.name)
                continue
            if isinstance(child, ast.Raise) and isinstance(child.exc, ast.Call) and child.exc.args:
                raised = _called_name(child.exc)
                if raised in names:
                    found.append((where, raised, child.lineno))
            walk(child, where)

    walk(ast.parse(path.read_text()), "")
    return found


def _share_sources() -> list[Path]:
    # A ValueError in pdf*.py means "the allow-list copy cannot check this": sanitise_pdf answers every one with a
    # copy made of pictures (tests/share/test_pdf_pictures.py), so none of their sentences reaches the user.
    return [p for p in sorted(SHARE.glob("*.py")) if not p.name.startswith("pdf")]


def _allowed(path: Path, where: str, raised: str) -> bool:
    return (path.name, where) in SENTENCES_THAT_STAY or (path.name, raised) in SENTENCES_THAT_STAY


def test_no_sanitiser_gives_up_with_an_english_sentence() -> None:
    """A ValueError's sentence reaches the user only as an untranslatable tooltip: a sanitiser that gives up raises
    a refusal class instead (locker/share/sandbox_refusals.py), which crosses the sandbox as data."""
    problems = [
        f"locker/share/{path.name}:{line} {where}: raise {raised}(...)"
        for path in _share_sources()
        for where, raised, line in sentences_in(path)
        if not _allowed(path, where, raised)
    ]
    assert not problems, "raise a refusal class (locker/share/sandbox_refusals.py) instead:\n" + "\n".join(problems)


def test_the_share_scan_finds_a_sentence(tmp_path: Path) -> None:
    sample = SHARE / "_scan_control.py"
    sample.write_text(
        "def sanitise(x):\n    raise ValueError('the file has no sound to keep')\n"
        "class Reader:\n    def read(self):\n        raise MetafileError(f'{self} is damaged')\n"
        "def fine():\n    raise ValueError\n"
    )
    try:
        found = sentences_in(sample)
        assert sample in _share_sources()
    finally:
        sample.unlink()
    assert found == [("sanitise", "ValueError", 2), ("Reader.read", "MetafileError", 5)], found


def test_the_share_allow_list_names_only_sentences_that_exist() -> None:
    sites = {(p.name, w) for p in _share_sources() for w, _r, _l in sentences_in(p)}
    sites |= {(p.name, r) for p in _share_sources() for _w, r, _l in sentences_in(p)}
    stale = [key for key in SENTENCES_THAT_STAY if key not in sites]
    assert not stale, f"no such raise any more, remove from SENTENCES_THAT_STAY: {stale}"
