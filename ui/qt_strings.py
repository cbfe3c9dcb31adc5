"""Strings of Qt's own dialogs that Qt's shipped Russian catalogue (qtbase_ru.qm) lacks, translated in ours.

Qt asks every installed translator in turn, so a source text that qtbase_ru.qm leaves untranslated is looked up in
locker_ru.qm under Qt's own context. `tests/ui/test_translations.py` opens Qt's file dialog in Russian and fails
on any English word left, which is how these two were found.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_DIALOG_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
