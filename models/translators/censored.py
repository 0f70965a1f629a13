"""Swear words a writer censored with asterisks ("sh**", "f***ing"), for English sources.

Apertium reads "sh**" as the unknown "sh" and two stars, and leaves it in English. The word
the writer meant is the first of our list that fits the letters shown, in their places, at
the same length ("sh**" is "shit", "f***ing" "fucking"); it is translated alone, and the
translation goes into the text censored the same way: its first letter, then a star for each
other letter ("m*****"). Neither the word nor its translation is ever written out: a writer
who censored a word wants it censored in every language. A censored word no swear word of
the list fits, or that no route translates, stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Most used first: "s***" is "shit" before "slut".
SWEARS = (
    "shit", "fuck", "fucking", "fucked", "bitch", "bastard", "crap", "damn", "hell", "bloody",
    "arse", "ass", "bullshit", "shitty", "fucker", "dick", "piss", "pissed", "bollocks",
    "cunt", "asshole", "arsehole", "wanker", "twat", "prick", "slut", "whore", "goddamn",
    "motherfucker", "bitches", "bastards", "fucks", "shits",
)  # fmt: skip
# Letters and at least one star, a letter first: "sh**", "f***ing", "s**t".
_CENSORED = re.compile(r"(?<![\w*])[^\W\d_][^\W\d_]*\*[^\W\d_*]*(?:\*+[^\W\d_*]*)*(?![\w*])")


def meant(token: str) -> str | None:
    """The swear word a censored ``token`` stands for; None where none fits."""
    shown = token.lower()
    for word in SWEARS:
        if len(word) == len(shown) and all(c in ("*", w) for c, w in zip(shown, word, strict=True)):
            return word
    return None


def found(text: str) -> dict[str, str]:
    """Each censored word of ``text`` as written, with the swear word it stands for."""
    out: dict[str, str] = {}
    for m in _CENSORED.finditer(text):
        word = meant(m.group())
        if word:
            out[m.group()] = word
    return out


def censor(translation: str, like: str) -> str:
    """``translation`` censored: each word's first letter, then a star for each other letter
    ("puta madre" -> "p*** m****"), capitalised where ``like``, the censored source, is."""
    said = re.sub(r"(?<=[^\W\d_])[^\W\d_]", "*", translation.strip())
    return said[:1].upper() + said[1:] if like[:1].isupper() else said[:1].lower() + said[1:]


def translated(
    tokens: Sequence[dict[str, str]],
    routes: Sequence[Sequence[str]],
    alone: Callable[[list[str], Sequence[str]], list[str | None]],
) -> list[dict[str, str]]:
    """Per text, each censored token with its censored translation: the swear word alone
    through the first of ``routes`` that translates it (``alone`` as
    apertium_unknown.UnknownWords.alone); a token none translates is left out."""
    words = sorted({w for found in tokens for w in found.values()})
    said: dict[str, str] = {}
    for route in routes:
        rest = [w for w in words if w not in said]
        if not rest:
            break
        said |= {w: out for w, out in zip(rest, alone(rest, route), strict=True) if out}
    return [
        {token: censor(said[word], token) for token, word in found.items() if said.get(word)}
        for found in tokens
    ]


def put_back(text: str, said: dict[str, str]) -> str:
    """``text`` with each censored token, kept through translation as a protected term,
    replaced by its censored translation."""
    for token, censored in said.items():
        pattern = re.compile(rf"(?<![\w*]){re.escape(token)}(?![\w*])")
        text = pattern.sub(censored.replace("\\", "\\\\"), text)
    return text
