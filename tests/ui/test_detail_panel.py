"""The details in the order a person reads them: preview, when and where, her notes, then the proof (folded until
asked for); recorded fields under plain translated names; times in the laptop's zone with the file's own offset."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from locker.ingest.importer import ImportOptions, import_files
from locker.metadata.model import MetadataRecord, MetadataStatus, MetadataSummary
from locker.vault.items import Item, ItemId
from locker.vault.vault import Vault
from tests.metadata import makers
from ui.detail_panel import DetailPanel
from ui.labels import metadata_field_label
from ui.main_window import MainWindow
from ui.worker import TaskRunner


class Cyrillic(QTranslator):
    """Turns every Latin letter of every translated string into Cyrillic: what is still Latin on screen was never
    passed through translation (a raw key, an English word built into the code)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        # Placeholders ({number}) stay: the code fills them in.
        return re.sub(r"\{\w+\}|[A-Za-z]", lambda m: m.group() if m.group().startswith("{") else "ж", source)

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def cyrillic() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = Cyrillic()
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


@pytest.fixture
def moscow(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Moscow")
    time.tzset()
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    QLocale.setDefault(previous)
    monkeypatch.undo()
    time.tzset()


def _photo_window(qtbot: QtBot, vault: Vault, tmp_path: Path) -> MainWindow:
    photo = tmp_path / "rally.jpg"
    makers.picture().save(
        photo, "JPEG", exif=makers.exif_block("Cam", "P1", *makers.MOSCOW, "2026:05:06 14:02:00").tobytes()
    )
    import_files(vault, [photo], ImportOptions(case="Дело 1", note="у метро"))
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.select_item(window.model.item_at(0).id)
    QApplication.processEvents()
    return window


def _top(widget: QWidget, panel: DetailPanel) -> int:
    return widget.mapTo(panel, QPoint(0, 0)).y()


def _form_labels(form: QFormLayout) -> list[str]:
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            labels.append(item.widget().text())
    return labels


def _tree_rows(panel: DetailPanel) -> list[tuple[str, str]]:
    rows = []
    for top in range(panel.fields.topLevelItemCount()):
        branch: QTreeWidgetItem = panel.fields.topLevelItem(top)
        rows += [
            (branch.child(i).text(0), branch.child(i).toolTip(0).split("\n")[-1]) for i in range(branch.childCount())
        ]
    return rows


def test_sections_come_in_the_order_a_person_reads_them(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    panel = _photo_window(qtbot, vault, tmp_path).detail
    panel.proof.set_open(True)
    QApplication.processEvents()
    order = [panel.thumbnail, panel.when_heading, panel.notes_heading, panel.notes, panel.proof, panel.sha256]
    tops = [_top(widget, panel) for widget in order]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), tops
    when = dict(panel.when_and_where())
    assert when["Place:"] == "latitude 55.755833, longitude 37.617222"
    assert when["Device:"] == "Cam P1"
    assert "no time zone" in when["Taken:"], "the camera gave no zone, and the details say so"


def test_proof_is_folded_until_clicked_and_folds_again_with_the_keyboard(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    panel = _photo_window(qtbot, vault, tmp_path).detail
    assert not panel.proof.is_open()
    assert not panel.sha256.isVisible() and not panel.history.isVisible() and not panel.fields.isVisible()
    assert panel.sha256.text() == vault_sha256(vault), "filled, only not shown"
    qtbot.mouseClick(panel.proof.header, Qt.MouseButton.LeftButton)
    assert panel.proof.is_open() and panel.sha256.isVisible() and panel.history.isVisible()
    QApplication.processEvents()
    for field in (panel.sha256, panel.sha512):  # a lawyer compares every character: none may be scrolled away
        assert field.verticalScrollBar().maximum() == 0 and field.horizontalScrollBar().maximum() == 0
        assert field.viewport().width() < field.fontMetrics().horizontalAdvance(field.text()), "wrapped, not cut"
    assert panel.proof.header.focusPolicy() & Qt.FocusPolicy.TabFocus, "reached with Tab"
    panel.proof.header.setFocus()
    qtbot.keyClick(panel.proof.header, Qt.Key.Key_Space)
    assert not panel.proof.is_open() and not panel.sha256.isVisible()
    qtbot.keyClick(panel.proof.header, Qt.Key.Key_Space)
    assert panel.proof.is_open()
    assert panel.proof.header.accessibleName() == "Proof"


def vault_sha256(vault: Vault) -> str:
    with vault.session() as conn:
        return str(conn.execute("SELECT sha256 FROM items").fetchone()[0])


def test_common_fields_have_plain_names_and_technical_ones_stay_in_the_proof(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    panel = _photo_window(qtbot, vault, tmp_path).detail
    rows = dict((path, label) for label, path in _tree_rows(panel))
    assert rows["exif/Image Make"] == "Maker of the camera or phone"
    assert rows["pillow_exif/IFD0/Model"] == "Model of the camera or phone"
    assert rows["exif/EXIF DateTimeOriginal"] == "Time taken"
    assert rows["pillow_exif/GPS/GPSLatitude"] == "Latitude"
    assert rows["pillow_exif/IFD0/ExifOffset"] == "ExifOffset", "no plain name: shown as recorded, in the proof"
    shown_outside_proof = " ".join(text for pair in panel.when_and_where() for text in pair)
    assert "ExifOffset" not in shown_outside_proof and "exif" not in shown_outside_proof.lower()
    facts = {
        label: panel.facts.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
        for row, label in enumerate(_form_labels(panel.facts))
    }
    assert facts["Type:"] == "Photo (JPEG)", "the person's name for the type, no media type"
    assert panel.media_type_value.text() == "image/jpeg", "the exact media type is kept under the proof"


def test_field_names_of_every_reader_map_to_one_plain_name() -> None:
    for name in ("make", "Image Make", "pillow_exif/IFD0/Make", "exiftool: Make"):
        assert metadata_field_label(name) == "Maker of the camera or phone", name
    for name in ("pillow_exif: Orientation", "orientation"):
        assert metadata_field_label(name) == "Orientation (how to turn the picture)"
    for name in ("creation_time", "CreationDate", "EXIF DateTimeOriginal", "capture_time"):
        assert metadata_field_label(name) == "Time taken", name
    assert metadata_field_label("GPS GPSAltitude") == "Altitude"
    assert metadata_field_label("duration_seconds") == metadata_field_label("duration") == "Duration (seconds)"
    assert metadata_field_label("jfif_density") is None


def test_every_label_of_the_details_is_translated(qtbot: QtBot, vault: Vault, tmp_path: Path, cyrillic: None) -> None:
    panel = _photo_window(qtbot, vault, tmp_path).detail
    labels = _form_labels(panel.facts) + _form_labels(panel.when_form) + _form_labels(panel.proof_form)
    labels += [panel.when_heading.text(), panel.notes_heading.text(), panel.proof.header.text()]
    labels += [panel.fields.headerItem().text(0), panel.fields.headerItem().text(1)]
    known = [label for label, path in _tree_rows(panel) if metadata_field_label(path)]
    assert len(known) >= 8
    notes = [line for _label, value in panel.when_and_where() for line in value.split("\n")[1:]]
    latin = [text for text in labels + known + notes if re.search(r"[A-Za-z]", text)]
    assert latin == [], latin


def test_a_capture_time_with_an_offset_is_shown_in_the_laptop_zone_and_keeps_the_offset(
    qtbot: QtBot, moscow: None
) -> None:
    panel = DetailPanel()
    qtbot.addWidget(panel)
    item = Item(
        id=ItemId("ABCD1234"), name="clip.mp4", size=10, sha256="a" * 64, sha512="b" * 128, chunk_count=1,
        media_type="video/mp4", source_mtime="2026-03-12T14:00:00.000000Z", source_birthtime=None,
        imported_at="2026-03-12T14:10:00.000000Z", case=None, notes="", tags=(), metadata={},
    )  # fmt: skip
    summary = MetadataSummary(capture_time="2026-03-12T14:05:31+00:00", duration_seconds=65.0)
    panel.show_item(item, MetadataRecord(MetadataStatus.OK, "video", summary), None, [])
    when = dict(panel.when_and_where())
    assert when["Taken:"] == "12.03.2026 17:05:31 MSK\nrecorded in the file as 2026-03-12 14:05:31 +00:00"
    assert when["Imported:"] == "12.03.2026 17:10:00 MSK"
    assert panel.changed_value.text() == "12.03.2026 17:00:00 MSK"
    assert QCoreApplication.translate("TimeText", "%1 (zone unknown)") == "%1 (zone unknown)"


def test_with_nothing_selected_there_is_no_view_button(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    panel = _photo_window(qtbot, vault, tmp_path).detail
    assert panel.view_button.isVisibleTo(panel), "an item is selected: it can be viewed"
    panel.show_item(None, None, None, [])
    assert not panel.view_button.isVisibleTo(panel), "a greyed button over an empty preview looks broken"
