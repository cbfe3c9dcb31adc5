"""Property: import accounts for every path in a tree of random names (some not UTF-8), sizes, kinds (files, links
to files and folders, FIFOs, nested folders) and permissions. Run by tests/test_import_accounting.py as an
unprivileged user (root would ignore the permissions); not collected on its own (no test_ prefix)."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locker.fsutil import display_name, sanitise_filename
from locker.ingest.importer import ImportOptions, ImportStatus, import_files
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS

_NAME_BYTES = st.lists(st.sampled_from([*b"abcxyz019_-. ", 0xD0, 0xB4, 0xFF, 0xFE, 0xC1]), min_size=1, max_size=12).map(
    bytes
)


@dataclass
class Node:
    name: bytes
    kind: str  # "file", "link", "dirlink", "fifo", "dir"
    size: int = 0
    mode: int = 0o755
    children: list[Node] = field(default_factory=list)


def _nodes(depth: int) -> st.SearchStrategy[Node]:
    leaf = st.builds(
        Node,
        name=_NAME_BYTES,
        kind=st.sampled_from(["file", "file", "file", "link", "dirlink", "fifo"]),
        size=st.integers(0, 3000),
        mode=st.sampled_from([0o644, 0o600, 0o000, 0o200]),
    )
    if depth == 0:
        return leaf
    folder = st.builds(
        Node,
        name=_NAME_BYTES,
        kind=st.just("dir"),
        mode=st.sampled_from([0o755, 0o755, 0o700, 0o000, 0o500, 0o300, 0o444]),
        children=st.lists(_nodes(depth - 1), max_size=4),
    )
    return st.one_of(leaf, folder)


def _unique(nodes: list[Node]) -> list[Node]:
    seen: set[bytes] = set()
    kept = []
    for node in nodes:
        if node.name not in seen and node.name not in {b".", b".."}:
            seen.add(node.name)
            kept.append(node)
    return kept


def _make(parent: bytes, node: Node, target: bytes) -> None:
    path = parent + b"/" + node.name
    if node.kind == "file":
        with open(path, "wb") as fh:
            fh.write(os.urandom(node.size))
    elif node.kind == "link":
        os.symlink(target, path)
    elif node.kind == "dirlink":
        os.symlink(parent, path)
    elif node.kind == "fifo":
        os.mkfifo(path)
    else:
        os.mkdir(path)
        for child in _unique(node.children):
            _make(path, child, target)
    if node.kind != "link" and node.kind != "dirlink":
        os.chmod(path, node.mode)


def _shown(name: bytes, fallback: str) -> str:
    return sanitise_filename(display_name(Path(os.fsdecode(name))), fallback)


def _expected(node: Node, parent_enterable: bool, found: Counter[str]) -> None:
    """What import must report, by shown name: every entry it can list that is not a folder it can walk into, and
    every folder it cannot read. A folder that can be listed (r) but not entered (no x) shows its entries' names,
    each of which then fails on its own."""
    if node.kind != "dir":
        found[_shown(node.name, "file")] += 1
        return
    listable, enterable = bool(node.mode & 0o400), bool(node.mode & 0o100)
    if not parent_enterable or not listable:
        found[_shown(node.name, "folder")] += 1
        return
    for child in _unique(node.children):
        _expected(child, enterable, found)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_nodes(2), min_size=1, max_size=6))
def test_every_path_is_accounted_for(nodes: list[Node]) -> None:
    assert os.geteuid() != 0, "run unprivileged: root ignores the permissions this property is about"
    with tempfile.TemporaryDirectory() as tmp:
        top = os.fsencode(tmp) + b"/tree"
        os.mkdir(top)
        target = os.fsencode(tmp) + b"/outside.bin"
        with open(target, "wb") as fh:
            fh.write(b"outside")
        for node in _unique(nodes):
            _make(top, node, target)
        expected: Counter[str] = Counter()
        for node in _unique(nodes):
            _expected(node, True, expected)
        try:
            with Vault.create(Path(tmp) / "v.locker", PASSPHRASE, WEAK_PARAMS) as vault:
                outcomes = import_files(vault, [Path(os.fsdecode(top))], ImportOptions(extract_metadata=False))
        finally:
            for folder, dirs, _files in os.walk(top):
                for name in dirs:
                    path = os.path.join(folder, name)
                    if not os.path.islink(path):
                        os.chmod(path, 0o700)
        reported = Counter(o.name for o in outcomes)
        assert reported == expected, (reported, expected)
        for outcome in outcomes:
            assert outcome.status in set(ImportStatus)
            if outcome.status is ImportStatus.FAILED:
                assert outcome.message  # a reason, always
