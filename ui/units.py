"""Sizes in the user's language: "1,5 МиБ" in Russian, "1.5 MiB" in English.

The core's `locker.units.human_size` is for the command line and logs (always English); every size the GUI shows
goes through `size_text`, whose unit names are translated and whose number uses the locale's decimal separator.
Qt's own `QLocale.formattedDataSize` is not used: its Russian catalogue keeps "KiB" and says "900 байты". The
number is formatted by the default QLocale, which the app sets to the language it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def size_text(size: float) -> str:
    """1536 -> '1.5 KiB' (English) or '1,5 КиБ' (Russian); 900 -> '900 B' or '900 Б'."""
    if size < 1024:
        return QCoreApplication.translate("units", "{number} B").format(number=QLocale().toString(int(size)))
    templates = {
        "KiB": QCoreApplication.translate("units", "{number} KiB"),
        "MiB": QCoreApplication.translate("units", "{number} MiB"),
        "GiB": QCoreApplication.translate("units", "{number} GiB"),
        "TiB": QCoreApplication.translate("units", "{number} TiB"),
    }
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        size /= 1024
        if size < 1024 or unit == "TiB":
            return templates[unit].format(number=QLocale().toString(size, "f", 1))
    raise AssertionError("unreachable")
