"""How hard a passphrase is to guess (zxcvbn, as KeePassXC uses), and word passphrases from the EFF long list.

A seized laptop gives the attacker the key header and all the time they want: every guess costs one Argon2id run,
so what protects the vault is the number of guesses the passphrase needs. zxcvbn estimates that number from
dictionaries, keyboard patterns, repeats and dates; "Password1234!" and "12345678901234567890" come out weak,
however long or varied they look.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from xkcdpass import xkcd_password
from zxcvbn import zxcvbn

#: zxcvbn's scores: 0 too guessable, 1 very guessable, 2 somewhat guessable, 3 safely unguessable (about 10^10
#: guesses), 4 very unguessable. Below 3, a few days of guessing on rented hardware is enough even with Argon2id.
MIN_SCORE = 3
#: zxcvbn's run time grows fast with length; past this many characters the start decides the score anyway.
_RATED_CHARS = 100
#: Six words from 7,776: about 77 bits, beyond any guessing, and still a sentence one can learn by heart.
WORDS_PER_PASSPHRASE = 6


def strength(passphrase: str) -> int:
    """zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess); 0 for an empty passphrase."""
    if not passphrase:
        return 0
    return int(zxcvbn(passphrase[:_RATED_CHARS])["score"])


@cache
def eff_words() -> tuple[str, ...]:
    """The EFF long word list (7,776 words, made for dice passphrases), as shipped by the xkcdpass package."""
    # Its own file by path: xkcdpass's locate_wordfile() falls back to /usr/share/dict/words when it is missing.
    words = (Path(xkcd_password.__file__).parent / "static" / "eff-long").read_text(encoding="utf-8").split()
    if len(set(words)) != 7776:
        raise RuntimeError("the EFF long word list shipped with xkcdpass is damaged")
    return tuple(words)


def generate_passphrase(words: int = WORDS_PER_PASSPHRASE) -> str:
    """Random words from the EFF long list, joined by hyphens, chosen with the system's secure random source."""
    vocabulary = eff_words()
    return "-".join(secrets.choice(vocabulary) for _ in range(words))
