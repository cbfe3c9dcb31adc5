"""A refusal crossing the sandbox as data: the child names the refusal and its parameters, the app rebuilds it.

The child's answer to a share, re-check or face task that gave up is `{"refused": {"refusal": "NoSoundToKeep",
"params": {...}, "details": "...", "message": "..."}}` (a RESULT frame, like any task's answer). The child may have
been taken over by the file it was reading, so the app trusts none of it:

- only a class on the allow-list is rebuilt: a subclass of CopyRefused defined in locker.share.refusals or
  locker.share.sandbox_refusals; any other name gives CopyNotMade, with the child's English text in `details`;
- of the parameters, only the names the class's template declares are kept, each a string, at most
  MAX_PARAMETER characters, with control and bidi characters removed (a name must not reorder the sentence it is
  shown in, or start a new line); a size parameter must be digits and becomes a number; a template parameter
  that is missing, or is not a string, makes the answer malformed (CopyAnswerMalformed).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from locker.errors import is_size_parameter, template_fields
from locker.share import refusals, sandbox_refusals
from locker.share.refusals import CopyAnswerMalformed, CopyNotMade, CopyRefused

MAX_PARAMETER = 500  # characters: a part's path in a document, the list of shareable types
MAX_DETAILS = 1000
MAX_SIZE_DIGITS = 19  # a size parameter: below 10**19 bytes
# Control, format (bidi, zero-width), surrogate, private-use and unassigned characters, line/paragraph separators.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _allowed() -> dict[str, type[CopyRefused]]:
    found = {}
    for module in (refusals, sandbox_refusals):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, CopyRefused)
                and value is not CopyRefused
                and value.__module__ == module.__name__
            ):
                found[value.__qualname__] = value
    return found


#: The refusals a child may name, by class name.
ALLOWED = _allowed()


def refusal_answer(refusal: CopyRefused) -> dict[str, Any]:
    """The child's answer for `refusal` (JSON): its class, parameters as strings, details and English sentence."""
    return {
        "refused": {
            "refusal": type(refusal).__qualname__,
            "params": {name: str(value) for name, value in refusal.params.items()},
            "details": refusal.details,
            "message": str(refusal),
        }
    }


def refusal_in(untrusted_result: dict[str, Any] | None) -> CopyRefused | None:
    """The refusal a task's answer carries, rebuilt from the allow-list; None if the answer is not a refusal."""
    if untrusted_result is None or "refused" not in untrusted_result:
        return None
    untrusted = untrusted_result["refused"]
    if not isinstance(untrusted, dict):
        return CopyAnswerMalformed(details="a refusal is an object")
    name, params, details = untrusted.get("refusal"), untrusted.get("params"), untrusted.get("details")
    if not isinstance(name, str) or not isinstance(params, dict) or not isinstance(details, str | None):
        return CopyAnswerMalformed(details="a refusal names its class and its parameters")
    cls = ALLOWED.get(name)
    if cls is None:
        message = untrusted.get("message")
        return CopyNotMade(details=shown_text(message if isinstance(message, str) else name, MAX_DETAILS))
    values: dict[str, Any] = {}
    for field in template_fields(cls.template()):
        value = params.get(field)
        if not isinstance(value, str):
            return CopyAnswerMalformed(details=f"the refusal {name} lacks its parameter {field}")
        if is_size_parameter(field):
            if not (value.isascii() and value.isdigit() and len(value) <= MAX_SIZE_DIGITS):
                return CopyAnswerMalformed(details=f"the refusal {name} has a size that is not a number")
            values[field] = int(value)
        else:
            values[field] = shown_text(value, MAX_PARAMETER)
    return cls(details=shown_text(details, MAX_DETAILS) if details else None, **values)


def shown_text(untrusted: str, limit: int) -> str:
    """`untrusted` without control and bidi characters, at most `limit` characters (an ellipsis says it was cut)."""
    text = "".join(ch for ch in untrusted[: limit * 4] if unicodedata.category(ch) not in _HIDDEN)
    return text if len(text) <= limit else text[: limit - 1] + "…"
