"""What `locker verify` tells a lawyer after the checks, in English or Russian.

The headline is the part a lawyer acts on, so it is translated; the check table below it stays in English (its
names are what other tools and the README-VERIFY use). The language comes from `--lang`, else from the locale
(LC_ALL, LC_MESSAGES, LANG, as gettext reads them).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from locker.bundle.verify import Verdict, Verification
from locker.cli.format import printable

_TEXT = {
    "en": {
        "confirmed": "CONFIRMED: the bundle is intact and signed by a confirmed sender ({who}).",
        "you_gave": "the fingerprint you gave",
        "unconfirmed": [
            "UNCONFIRMED: the bundle is intact, but nobody has confirmed who signed it. Anyone can make a bundle",
            "that looks like this one. Call the sender on a number you already know, compare the key below",
            "(both lines), then run: locker senders add NAME FINGERPRINT (or verify with --fingerprint).",
        ],
        "invalid": "INVALID: the bundle does NOT verify. First failed check - {reason}",
        "no_key": "no signing key could be read",
        "key": "  Key fingerprint: {fingerprint}",
        "aloud": "  Read aloud:      {spoken}",
        "trusted_time": "  Trusted time:    the bundle existed at {time} ({tsa}).",
        "untrusted_time": (
            "  UNTRUSTED time:  a token dated {time} does not chain to a root you trust; it proves nothing about when."
        ),
        "no_time": "  No trusted time: nothing in the bundle proves when it was made.",
    },
    "ru": {
        "confirmed": "ПОДТВЕРЖДЕНО: пакет цел и подписан подтверждённым отправителем ({who}).",
        "you_gave": "отпечаток, который вы указали",
        "unconfirmed": [
            "НЕ ПОДТВЕРЖДЕНО: пакет цел, но никто не подтвердил, кто его подписал. Такой же пакет может",
            "сделать кто угодно. Позвоните отправителю по номеру, который вы уже знаете, сверьте ключ ниже",
            "(обе строки), затем выполните: locker senders add ИМЯ ОТПЕЧАТОК (или проверьте с --fingerprint).",
        ],
        "invalid": "НЕДЕЙСТВИТЕЛЕН: пакет НЕ прошёл проверку. Первая неудачная проверка - {reason}",
        "no_key": "ключ подписи не удалось прочитать",
        "key": "  Отпечаток ключа: {fingerprint}",
        "aloud": "  Вслух:           {spoken}",
        "trusted_time": "  Доверенное время: пакет существовал в {time} ({tsa}).",
        "untrusted_time": (
            "  НЕДОВЕРЕННОЕ время: метка от {time} не ведёт к корню, которому вы доверяете; о времени она ничего"
            " не доказывает."
        ),
        "no_time": "  Нет доверенного времени: ничто в пакете не доказывает, когда он был сделан.",
    },
}


def cli_language(requested: str | None = None, environ: dict[str, str] | None = None) -> str:
    """'ru' or 'en': `requested` if given, else the first locale variable that is set, as gettext does."""
    if requested in _TEXT:
        return str(requested)
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


def verdict_lines(result: Verification, language: str = "en") -> list[str]:
    """The headline a lawyer acts on, the key in both forms, then what the timestamps prove."""
    text = _TEXT.get(language, _TEXT["en"])
    key = []
    if result.signer:
        key = [str(text["key"]).format(fingerprint=result.signer), str(text["aloud"]).format(spoken=result.spoken)]
    if result.verdict is Verdict.CONFIRMED:
        who = text["you_gave"] if result.confirmed_by == "--fingerprint" else f"{result.confirmed_by}"
        headline = [str(text["confirmed"]).format(who=printable(str(who)))]
    elif result.verdict is Verdict.UNCONFIRMED:
        headline = list(text["unconfirmed"])
    else:
        failure = result.first_failure
        reason = f"{failure.name}: {printable(failure.detail)}" if failure else str(text["no_key"])
        return [str(text["invalid"]).format(reason=reason), *key]
    return [*headline, *key, *_time_lines(result, text)]


def _time_lines(result: Verification, text: Mapping[str, object]) -> list[str]:
    if not result.timestamps:
        return [str(text["no_time"])]
    lines = []
    for stamp in result.timestamps:
        template = text["trusted_time"] if stamp.trusted else text["untrusted_time"]
        lines.append(str(template).format(time=stamp.time, tsa=printable(stamp.tsa or "")))
    return lines
