"""What a share copy lost, and the notes on it, read in Russian in the share dialog.

Real copies are made through the sandbox of planted files (a JPEG with EXIF GPS, a PDF with Info and XMP, a DOCX
with an author and comments, an ODT, an MP4 with tags, an M4A, an MP3) and their results shown by the share
dialog with the Russian catalogue installed: no Latin word may remain but file names, paths, formats and proper
names. So are the reasons a copy is refused, for real files each sanitiser gives up on (a sound recording with
no sound, a damaged or overcrowded Word file, a JPEG 2000 picture in one, a photo cut short, a scan too large to
decode, a video cut short). The Russian catalogue is ui/translations/locker_ru.qm, and over it the .qm that
LOCKER_RU_QM names (to try translations before they are merged into the .ts).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locker.ingest.importer import import_files
from locker.sandbox.runner import SandboxRunner
from locker.sandbox.source import FileSource
from locker.share import report_labels, sandbox_refusals
from locker.share.formats import DOCX
from locker.share.options import ShareOptions
from locker.share.refusals import CopyRefused
from locker.share.service import ShareResult, make_clean_copy, removed_field_names, share_item
from locker.vault.items import get_item
from locker.vault.vault import Vault
from tests.conftest import PASSPHRASE, WEAK_PARAMS
from tests.share import planted, refused_files
from ui.app import install_translators
from ui.error_text import error_text, generic_text
from ui.labels import removed_field_texts, removed_text, share_note_text
from ui.report_label_text import report_label_texts
from ui.share_dialog import ShareDialog
from ui.worker import TaskRunner

# Latin words a Russian sentence keeps: paths and file names, formats, programs' and companies' names.
_NOT_WORDS = re.compile(
    r"(?<!\S)/\S*"  # a path
    r"|\b[\w.-]+(?:/[\w.!-]+)+"  # a part inside a document (word/media/image1.jp2)
    r"|[\w.-]+\.(?:jpg|pdf|mp4|m4a|mp3|docx|odt)\b"  # a file name
    r"|\b(?:EXIF|XMP|ICC|IPTC|GPS|PNG|TIFF|JPEG|PDF|OLE|VBA|XML|Photoshop|LibreOffice|Basic|pdfTeX|JBIG2)\b"
)


def latin_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", _NOT_WORDS.sub(" ", text))


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """The Russian catalogue (and LOCKER_RU_QM's over it), and the Russian locale for numbers."""
    locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    previous = QLocale()
    QLocale.setDefault(locale)
    translators = install_translators(qapp, locale)
    override = os.environ.get("LOCKER_RU_QM")
    if override:
        translator = QTranslator(qapp)
        assert translator.load(override), override
        qapp.installTranslator(translator)  # installed last, asked first
        translators.append(translator)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, dict[str, str], list[ShareResult]]]:
    """(vault, file name -> item id, one share result per planted file)."""
    tmp = tmp_path_factory.mktemp("share_ru")
    files = [
        planted.jpeg(tmp), planted.pdf(tmp), planted.docx(tmp), planted.odt(tmp), planted.video(tmp),
        planted.audio(tmp, "m4a"), planted.mp3(tmp),
    ]  # fmt: skip
    vault = Vault.create(tmp / "v.locker", PASSPHRASE, WEAK_PARAMS)
    with SandboxRunner() as runner:
        ids = {}
        for file in files:
            [outcome] = import_files(vault, [file.path], runner=runner)
            assert outcome.item_id is not None, outcome
            ids[file.path.name] = outcome.item_id
        out = tmp / "out"
        out.mkdir()
        results = [share_item(vault, item, out, ShareOptions(faces="off"), runner) for item in ids.values()]
    assert all(r.ok and r.report is not None for r in results), [r.error for r in results]
    yield vault, ids, results
    vault.close()


def test_every_label_and_note_has_an_entry_in_the_gui_table(qapp: QApplication) -> None:
    table = report_label_texts()
    constants = report_labels.all_labels() + report_labels.all_notes()
    missing = [c for c in constants if c not in table]
    assert not missing, "add these to ui/report_label_text.py:\n" + "\n".join(missing)
    # In English the table gives back its key: the source text lupdate reads is the report's text itself.
    differ = [f"{key!r} -> {shown!r}" for key, shown in table.items() if key != shown]
    assert not differ and len(table) == len(constants), differ


def test_the_copies_carry_only_known_labels(copies: tuple[Vault, dict[str, str], list[ShareResult]]) -> None:
    _vault, _ids, results = copies
    texts = [t for r in results if r.report is not None for t in r.report.removed + r.report.notes]
    unknown = [t for t in texts if report_labels.parse(t) is None]
    assert not unknown, unknown
    templates = {parsed[0] for t in texts if (parsed := report_labels.parse(t)) is not None}
    # Control: the planted files reach the templated labels and every kind of sanitiser.
    assert {
        report_labels.EXIF,
        report_labels.CONTAINER_TAGS,
        report_labels.OTHER_STREAMS,
        report_labels.SOUND,
        report_labels.PDF_INFO,
        report_labels.OOXML_CORE_PROPERTIES,
        report_labels.ODF_PROPERTIES,
    } <= templates


def test_the_share_dialog_says_what_each_copy_lost_in_russian(
    russian: None, qtbot: QtBot, copies: tuple[Vault, dict[str, str], list[ShareResult]]
) -> None:
    vault, ids, results = copies
    with vault.session() as conn:
        item = get_item(conn, ids["fine.pdf"])  # a document: the dialog looks for no faces
    dialog = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(dialog)
    left = []
    for result in results:
        dialog._done(result)
        shown = dialog.message.text()
        assert "Записано:" in shown and str(result.path) in shown, shown  # control: the Russian catalogue
        if latin_words(shown):
            left.append(f"{result.name}: {' '.join(latin_words(shown))}\n    {shown}")
    assert not left, "left in Latin (translate in context 'report_labels'):\n" + "\n".join(left)


def _sample(template: str) -> str:
    """`template` filled: digits for a count, field names a container has for its tag names."""
    fields = {name: "artist, encoder" if name == "names" else "42" for name in report_labels.fields_of(template)}
    return report_labels.fill(template, **fields)


def test_every_label_and_note_reads_in_russian(russian: None) -> None:
    shown = {t: removed_text(_sample(t)) for t in report_labels.all_labels()}
    shown |= {n: share_note_text(_sample(n)) for n in report_labels.all_notes()}
    left = [f"{template!r} -> {text!r}" for template, text in shown.items() if latin_words(text)]
    assert not left, "no Russian (context 'report_labels'):\n" + "\n".join(left)


def test_the_share_dialog_shows_the_notes_in_russian(
    russian: None, qtbot: QtBot, copies: tuple[Vault, dict[str, str], list[ShareResult]]
) -> None:
    vault, ids, results = copies
    with vault.session() as conn:
        item = get_item(conn, ids["letter.odt"])
    dialog = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(dialog)
    [result] = [r for r in results if r.name == "fine.pdf"]
    assert result.report is not None
    notes = [_sample(n) for n in report_labels.all_notes()]
    dialog._done(dataclasses.replace(result, report=dataclasses.replace(result.report, notes=notes)))
    shown = dialog.message.text()
    assert shown.count("\n") == len(notes) and "зашифрован" in shown, shown
    assert not latin_words(shown), shown


def test_the_fields_a_copy_drops_are_named_in_russian(
    russian: None, copies: tuple[Vault, dict[str, str], list[ShareResult]]
) -> None:
    vault, ids, _results = copies
    names = removed_field_names(vault, ids["photo.jpg"])
    assert any("GPSLatitude" in n for n in names), names  # control: the reader's own names
    shown = removed_field_texts(names)
    assert "Широта" in shown, shown
    assert not [t for t in shown if latin_words(t)], shown


def test_a_label_of_another_version_is_shown_as_recorded(qapp: QApplication) -> None:
    assert removed_text("hidden sheets") == "hidden sheets"
    assert share_note_text("a note from a newer version") == "a note from a newer version"
    tags = report_labels.fill(report_labels.CONTAINER_TAGS, names="artist, encoder, major_brand, minor_version")
    assert removed_text(tags) == "container tags (Author, Program, Other fields: 2)"


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, list[ShareResult]]]:
    """(vault, the results of sharing real files each sanitiser gives up on, for a different reason)."""
    tmp = tmp_path_factory.mktemp("refused_ru")
    files = [
        refused_files.silent_m4a(tmp), refused_files.crowded_docx(tmp), refused_files.docx_with_jpeg_2000(tmp),
        refused_files.truncated_png(tmp), refused_files.huge_png(tmp), refused_files.mp4_cut_short(tmp),
    ]  # fmt: skip
    vault = Vault.create(tmp / "v.locker", PASSPHRASE, WEAK_PARAMS)
    out = tmp / "out"
    out.mkdir()
    with SandboxRunner() as runner:
        results = []
        for file in files:
            [outcome] = import_files(vault, [file], runner=runner)
            assert outcome.item_id is not None, outcome
            results.append(share_item(vault, outcome.item_id, out, ShareOptions(faces="off"), runner))
        # A damaged Word file is stored as a plain ZIP (its metadata cannot be read, so its structure is not
        # reported): its copy is asked for as the Word file it is.
        damaged = refused_files.damaged_docx(tmp)
        source = FileSource(damaged)
        fd = os.open(tmp / "damaged-copy", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            make_clean_copy(runner, source, DOCX, ShareOptions(faces="off"), [], fd)
        except CopyRefused as exc:
            results.append(ShareResult(results[0].item_id, damaged.name, error=str(exc), refusal=exc))
        finally:
            os.close(fd)
            source.close()
    assert list(out.iterdir()) == []
    yield vault, results
    vault.close()


def test_each_refusal_names_its_own_reason(refused: tuple[Vault, list[ShareResult]]) -> None:
    _vault, results = refused
    assert [type(r.refusal) for r in results] == [
        sandbox_refusals.NoSoundToKeep,
        sandbox_refusals.DocumentTooLarge,
        sandbox_refusals.PictureFormatUncleanable,
        sandbox_refusals.PictureUnreadable,
        sandbox_refusals.PictureTooLarge,
        sandbox_refusals.RecordingUnreadable,
        sandbox_refusals.DocumentDamaged,
    ], [r.error for r in results]
    assert results[2].error == (
        "The part word/media/image1.jp2 is a picture in JPEG 2000 format, which cannot be cleaned."
    )


def test_the_share_dialog_says_why_a_copy_was_refused_in_russian(
    russian: None, qtbot: QtBot, refused: tuple[Vault, list[ShareResult]]
) -> None:
    vault, results = refused
    with vault.session() as conn:
        item = get_item(conn, results[1].item_id)  # a document: the dialog looks for no faces
    dialog = ShareDialog(vault, TaskRunner(), item)
    qtbot.addWidget(dialog)
    left = []
    for result in results:
        assert result.refusal is not None
        dialog._done(result)
        shown = dialog.message.text()
        reason = error_text(result.refusal).text
        assert shown.startswith("Копия не записана: ") and reason in shown, shown  # control: the Russian catalogue
        assert reason != generic_text() and re.search("[а-яё]{4}", reason), reason
        for value in result.refusal.params.values():
            assert str(value) in reason or isinstance(value, int), (value, reason)
        if latin_words(shown):
            left.append(f"{type(result.refusal).__name__}: {' '.join(latin_words(shown))}\n    {shown}")
    assert not left, "left in Latin (translate in context 'errors'):\n" + "\n".join(left)
    reasons = {error_text(r.refusal).text for r in results if r.refusal is not None}
    assert len(reasons) == len(results), reasons  # each names its own reason, not "the copy could not be made"
