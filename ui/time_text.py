"""Times in the words and digits of the app's language, in the laptop's time zone with that zone named.

A list that mixed UTC import times with camera times in some unknown zone made 14:05 and 17:05 look like two
moments. Every time shown here is either converted to the laptop's zone and says so ("12.03.2026 17:05:31 MSK"),
or, when the file gave no zone, says that instead of guessing one.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from locker.timeutil import ShownTime, shown_time


def day_format(locale: QLocale | None = None) -> str:
    """The locale's short date with the whole year ("dd.MM.yyyy" in Russian; ISO without a language)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", locale.dateFormat(QLocale.FormatType.ShortFormat))


class Clock:
    """Formats times for the app's current locale; made once per list (10,000 rows are formatted at a time)."""

    def __init__(self, locale: QLocale | None = None, seconds: bool = True) -> None:
        """`seconds=False` for the item list, where the columns must fit a 1366-pixel screen; the details keep them."""
        self._locale = locale or QLocale()
        self._unknown_zone = QCoreApplication.translate("TimeText", "%1 (zone unknown)")
        self._days: dict[tuple[int, int, int], str] = {}
        self._seconds: dict[tuple[int, int, int], str] = {}
        if self._locale.language() == QLocale.Language.C:  # no language chosen (tests, a bare system): ISO 8601
            self._date, self._time = "yyyy-MM-dd", "HH:mm:ss" if seconds else "HH:mm"
        else:
            # The locale's short forms, but with the whole year ("3/12/26" is ambiguous on a court document) and
            # with seconds (they can matter for evidence); 24 hours or AM/PM as the locale writes them.
            self._date = day_format(self._locale)
            short = self._locale.timeFormat(QLocale.FormatType.ShortFormat)
            self._time = short if "ss" in short or not seconds else short.replace("mm", "mm:ss", 1)
            if not seconds:
                self._time = re.sub(r":ss", "", self._time)

    def clock_text(self, shown: ShownTime) -> str:
        """Date and time of `shown.moment`, without a zone."""
        moment = shown.moment
        day = (moment.year, moment.month, moment.day)
        date = self._days.get(day)
        if date is None:  # items come in batches of a few days: each day is formatted once
            date = self._days[day] = self._locale.toString(QDate(*day), self._date)
        second = (moment.hour, moment.minute, moment.second)
        time = self._seconds.get(second)
        if time is None:  # an import of thousands of files happens within minutes: the same seconds recur
            time = self._seconds[second] = self._locale.toString(QTime(*second), self._time)
        return f"{date} {time}"

    def text(self, recorded: str | None) -> str:
        """One line for `recorded`: "12.03.2026 17:05:31 MSK" (in the laptop's zone), "29.02.2024 23:58:41 (zone
        unknown)" when the record named no zone, the text as recorded when it is not a time we read, "" for none."""
        return self.shown_text(shown_time(recorded), recorded)

    def shown_text(self, shown: ShownTime | None, recorded: str | None) -> str:
        """As `text`, for a time `shown_time(recorded)` already converted."""
        if shown is None:
            return (recorded or "").replace("T", " ")
        if shown.zone is None:
            return self._unknown_zone.replace("%1", self.clock_text(shown))
        return f"{self.clock_text(shown)} {shown.zone}"


def time_text(recorded: str | None) -> str:
    """`recorded` as one line in the app's locale and the laptop's zone (see Clock.text)."""
    return Clock().text(recorded)


def recorded_text(recorded: str | None) -> str:
    """What the file itself said, for the details: "recorded in the file as 2026-03-12 14:05:31 +00:00", or that it
    gave no zone; "" when there is nothing to add."""
    shown = shown_time(recorded)
    if shown is None:
        return ""
    if shown.recorded_offset is None:
        return QCoreApplication.translate(
            "TimeText", "The file gave no time zone: this is the time on the clock of the device that made it."
        )
    written = shown.recorded.strftime("%Y-%m-%d %H:%M:%S")
    return (
        QCoreApplication.translate("TimeText", "recorded in the file as %1 %2")
        .replace("%1", written)
        .replace("%2", shown.recorded_offset)
    )
