"""The one place the GUI turns an error into words, in the user's language.

The core's errors are classes with an English template and parameters (locker/errors.py); here each class has
the same template wrapped in tr(), so Russian users read Russian exactly when something goes wrong. Parameters
are filled in after translation: sizes through `ui.units.size_text`, paths and names as they are. An error this
table does not know (a class added later, a sentence from a module not converted yet, an OSError) becomes a
translated generic sentence; its English text is kept for a "Details" area only.

Share refusals and findings (locker/share/refusals.py) are errors and values like any other and go through here
too. `tests/ui/test_errors_russian.py` renders every class in Russian.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from locker.errors import LockerError, fill_template, is_size_parameter
from ui.error_templates import finding_templates, templates
from ui.units import size_text


class ShownError(LockerError):
    """A refusal the GUI itself words, already in the user's language (a form's "choose where to save")."""


@dataclass(frozen=True)
class ErrorText:
    """An error in the user's language, and the technical English behind "Details" ("" when there is none)."""

    text: str
    details: str = ""


def error_text(exc: BaseException) -> ErrorText:
    """`exc` in the app's language (looked up at call time: the language can change)."""
    if isinstance(exc, ShownError):
        return ErrorText(str(exc))
    if isinstance(exc, LockerError) and exc.free_text is None:
        template = template_for(type(exc))
        if template is not None:
            return ErrorText(fill(template, exc.params), exc.details or "")
    return ErrorText(generic_text(), english_of(exc))


def generic_text() -> str:
    return QCoreApplication.translate(
        "errors", "Something went wrong and the operation did not finish. The technical details are kept, in English."
    )


def english_of(exc: BaseException) -> str:
    text = str(exc)
    return text if isinstance(exc, LockerError) else f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def template_for(cls: type[BaseException]) -> str | None:
    """The translated template of `cls`: its own, or that of the nearest class whose template it inherits. A class
    that writes its own template but has none here gets None (it must not borrow a parent's words)."""
    table = templates()
    for klass in cls.__mro__:
        key = f"{klass.__module__}:{klass.__qualname__}"
        if key in table:
            return table[key]
        if klass.__dict__.get("__doc__"):
            return None
    return None


def fill(template: str, params: dict[str, object]) -> str:
    """The translated template with the parameters in the app's language (sizes as '1,5 МиБ' in Russian)."""
    return fill_template(template, {name: value_text(name, value) for name, value in params.items()})


#: Parameters whose values are names from the format table (locker/formats.py), translated in its "formats" context.
FORMAT_TABLE_PARAMETERS = ("type_name", "format_reason")


def value_text(name: str, value: object) -> str:
    if name in FORMAT_TABLE_PARAMETERS:
        return QCoreApplication.translate("formats", str(value))
    if is_size_parameter(name) and isinstance(value, int | float) and not isinstance(value, bool):
        return size_text(value)
    return str(value)


def finding_text(kind: str, value: str) -> str:
    """One share re-check finding (locker/share/refusals.py: Finding) in the app's language."""
    template = finding_templates().get(kind)
    if template is None:
        return value
    return template.format(value=value)


def show_on_label(label: QLabel, exc: BaseException) -> None:
    """Put `exc` on a status label; the English details, if any, in its tooltip."""
    shown = error_text(exc)
    label.setText(shown.text)
    label.setToolTip(shown.details)


def error_box(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A warning box for `exc`, with the English details behind Qt's "Show Details..." button."""
    shown = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, shown.text, QMessageBox.StandardButton.Ok, parent)
    if shown.details:
        box.setDetailedText(shown.details)
    return box
