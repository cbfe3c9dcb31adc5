"""The item list names types as people do ("Word document", "Photo (JPEG)"), from the format table, and the type
filter uses the table's kinds."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from locker.formats import DOCX, FORMATS, Kind
from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.vault.vault import Vault
from tests.metadata import samples
from ui.items_model import NAME, TYPE
from ui.main_window import MainWindow
from ui.viewer_dialog import viewer_kind
from ui.worker import TaskRunner


def _column(window: MainWindow, column: int) -> list[str]:
    return [window.filtered.index(r, column).data() for r in range(window.filtered.rowCount())]


def test_the_type_column_and_filter_come_from_the_format_table(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    files = [samples.ooxml(tmp_path, "docx", "types-first", name="decision.docx"),
             samples.image("jpg", "JPEG")(tmp_path), samples.unknown(tmp_path)]  # fmt: skip
    with SandboxRunner() as runner:
        import_files(vault, files, runner=runner)
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)

    names = dict(zip(_column(window, NAME), _column(window, TYPE), strict=True))
    assert names == {"decision.docx": "Word document", "photo.jpg": "Photo (JPEG)", "blob.bin": "Unknown file"}

    codes = [window.filters.kind.itemData(i) for i in range(window.filters.kind.count())]
    assert codes == ["", *(str(kind) for kind in Kind)]
    window.filters.kind.setCurrentIndex(codes.index(Kind.DOCUMENT))
    assert _column(window, NAME) == ["decision.docx"]
    window.filters.kind.setCurrentIndex(0)
    window.search.setText("word document")  # the shown name is searchable too
    assert _column(window, NAME) == ["decision.docx"]
    assert {row.kind for row in FORMATS} == set(Kind)  # every kind in the filter has types


def test_the_viewer_follows_the_table_s_picture_column() -> None:
    assert viewer_kind("image/jpeg") == "image"
    assert viewer_kind("image/x-nikon-nef") == "image"  # by its embedded preview
    assert viewer_kind("application/pdf") == "pdf"
    assert viewer_kind("audio/amr") == viewer_kind("video/mp2t") == "media"
    assert viewer_kind(DOCX) is None
    assert viewer_kind("image/x-not-in-the-table") is None  # a prefix alone does not make a picture
