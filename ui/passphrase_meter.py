"""The parts of choosing a passphrase, shared by first run and Change passphrase: a strength meter that refuses
easily guessed passphrases (with an override for experts), a show/hide toggle and a word-passphrase generator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.fit import fit_height
from ui.passphrase_strength import MIN_SCORE, generate_passphrase, strength
from ui.rows import row_widget

# Bar colour for each zxcvbn score: red while refused, amber for "good", green for "strong".
_COLOURS = ("#c62828", "#c62828", "#c62828", "#b26a00", "#2e7d32")


class PassphraseMeter(QWidget):
    """Rates the passphrase in `field`, shows or hides `shown`, and fills `filled` with a generated passphrase."""

    #: A passphrase was generated and put into the fields (the argument is its number of words).
    generated = Signal(int)

    def __init__(
        self,
        field: QLineEdit,
        filled: tuple[QLineEdit, ...],
        shown: tuple[QLineEdit, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._filled = filled
        self._shown = shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 5)  # score + 1: even "very weak" shows a red sliver
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.show_text = QCheckBox(self.tr("Show the passphrase"))
        self.show_text.toggled.connect(self._show_text)
        self.generate_button = QPushButton(self.tr("Generate a passphrase"))
        self.generate_button.setToolTip(self.tr("Six random words from a list of 7,776: easy to learn, hard to guess"))
        self.generate_button.clicked.connect(self.generate)
        self.override = QCheckBox(self.tr("I know the risk: use this passphrase anyway"))
        self.override.setVisible(False)
        layout.addWidget(self.bar)
        layout.addWidget(self.verdict)
        layout.addWidget(row_widget(self.show_text, self.generate_button, QWidget(), stretch_index=2))
        layout.addWidget(self.override)
        field.textChanged.connect(self._rate)
        self._score = 0
        self._rate(field.text())

    def _show_text(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for field in self._shown:
            field.setEchoMode(mode)

    def _rate(self, text: str) -> None:
        self._score = strength(text)
        self.bar.setValue(self._score + 1 if text else 0)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {_COLOURS[self._score]}; }}")
        words = (self.tr("very weak"), self.tr("weak"), self.tr("fair"), self.tr("good"), self.tr("strong"))
        if not text:
            self.verdict.setText(self.tr("Use five or more words, or let the app generate them."))
        elif self._score < MIN_SCORE:
            self.verdict.setText(
                self.tr("%1: too easy to guess for someone who takes the laptop. Add words, or generate a passphrase.")
                .replace("%1", words[self._score])
            )  # fmt: skip
        else:
            self.verdict.setText(words[self._score])
        refused = bool(text) and self._score < MIN_SCORE
        if refused != self.override.isVisibleTo(self):
            self.override.setVisible(refused)
        if not refused:
            self.override.setChecked(False)
        # A form row does not pass height-for-width down to this label: reserve the lines it wraps to at this width.
        if self.verdict.width() > 0:
            self.verdict.setMinimumHeight(self.verdict.heightForWidth(self.verdict.width()))
        fit_height(self.window())

    def score(self) -> int:
        """zxcvbn's score of the current passphrase, 0 to 4."""
        return self._score

    def acceptable(self) -> bool:
        """Strong enough, or an expert ticked the override for this weak one."""
        return self._score >= MIN_SCORE or self.override.isChecked()

    def generate(self) -> None:
        """Put a new word passphrase into every field and show it, so that she can write it down."""
        phrase = generate_passphrase()
        for field in self._filled:
            field.setText(phrase)
        self.show_text.setChecked(True)
        self.generated.emit(phrase.count("-") + 1)


def refusal_text() -> str:
    """What the dialogs say when OK is pressed on a refused passphrase."""
    return QCoreApplication.translate(
        "PassphraseMeter",
        "This passphrase is too easy to guess. Generate one, add words, or tick the box if you know the risk.",
    )
