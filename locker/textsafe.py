"""Text from outside (names in bundles, certificate subjects, file names) made safe to show: one line, nothing that
a terminal or a label would interpret."""

from __future__ import annotations

import unicodedata

# Control, format (bidi, zero-width), surrogate, private and unassigned characters, and line/paragraph separators.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(untrusted_text: str) -> str:
    """Text safe to print or show: control and bidi characters shown as escapes (\\u000a), never interpreted, so
    a name cannot start a new line that looks like a verdict; the bytes of a path that are not UTF-8 (surrogate
    escapes) as U+FFFD."""
    return "".join(_shown(ch) for ch in untrusted_text)


def _shown(ch: str) -> str:
    category = unicodedata.category(ch)
    if category not in _HIDDEN:
        return ch
    return "\ufffd" if category == "Cs" else f"\\u{ord(ch):04x}"
