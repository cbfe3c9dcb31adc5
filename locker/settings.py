"""App settings that must be readable before the vault is unlocked (the panic mode applies on the lock screen too).

They live in a small JSON file in the user's config folder, 0o600. That file is not encrypted, so it tells anyone
who looks that, say, the panic key erases; nothing in it names evidence. Invalid or unknown values fall back to the
defaults instead of failing, so a damaged file never locks the user out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import platformdirs

from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.fsutil import write_private_json

# Not Ctrl+Shift+Del: that is the browsers' "clear browsing data", pressed from habit. Ctrl+Shift+F12 is bound by
# no common desktop (Windows, GNOME, KDE, Xfce, Cinnamon; KDE's Ctrl+F12 has one modifier fewer), is typed by no
# ordinary work, and, unlike a letter, produces no character under AltGr (= Ctrl+Alt on Windows) in any layout.
DEFAULT_PANIC_SHORTCUT = "Ctrl+Shift+F12"


@dataclass(frozen=True)
class AppSettings:
    panic_mode: str = "lock"  # "lock" or "erase"
    panic_shortcut: str = DEFAULT_PANIC_SHORTCUT
    idle_minutes: float = 10.0  # 0: never lock on idle
    language: str = ""  # "" follows the system; "en" or "ru"
    # RFC 3161 timestamp authorities asked when the user ticks trusted time in the export dialog (public ones and
    # other addresses; the network is used only then). A file without the key gets two independent public ones.
    tsa_urls: tuple[str, ...] = DEFAULT_TSA_URLS
    proxy: str = ""  # how to reach them (e.g. a local Tor proxy), "" for none

    def with_changes(self, **changes: object) -> AppSettings:
        return _validated(replace(self, **changes))  # type: ignore[arg-type]


def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir("locker", appauthor=False)) / "settings.json"


def _validated(settings: AppSettings) -> AppSettings:
    defaults = AppSettings()
    panic_mode = settings.panic_mode if settings.panic_mode in {"lock", "erase"} else defaults.panic_mode
    shortcut = settings.panic_shortcut.strip() if isinstance(settings.panic_shortcut, str) else ""
    try:
        idle = float(settings.idle_minutes)
    except (TypeError, ValueError):
        idle = defaults.idle_minutes
    idle = idle if 0 <= idle <= 24 * 60 else defaults.idle_minutes
    language = settings.language if settings.language in {"", "en", "ru"} else ""
    urls = settings.tsa_urls if isinstance(settings.tsa_urls, list | tuple) else defaults.tsa_urls
    valid = (u.strip() for u in urls if isinstance(u, str) and _is_url(u.strip()))
    tsa_urls = tuple(dict.fromkeys(valid))[:MAX_TSA]  # each once, in the order given
    proxy = settings.proxy.strip() if isinstance(settings.proxy, str) and _is_url(settings.proxy.strip()) else ""
    return AppSettings(panic_mode, shortcut or defaults.panic_shortcut, idle, language, tsa_urls, proxy)


MAX_TSA = 10


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "socks5://", "socks5h://")) and len(text) < 500 and " " not in text


def load_settings(path: Path) -> AppSettings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    if not isinstance(data, dict):
        return AppSettings()
    known = {k: v for k, v in data.items() if k in AppSettings.__dataclass_fields__}
    try:
        return _validated(AppSettings(**known))
    except TypeError:
        return AppSettings()


def save_settings(path: Path, settings: AppSettings) -> None:
    """Write in place-safe fashion: a new file 0o600 next to it, then replace (settings hold no secrets)."""
    data = asdict(_validated(settings))
    data["tsa_urls"] = list(data["tsa_urls"])
    write_private_json(path, data)
