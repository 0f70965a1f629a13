"""Caller text is plain text: markup-looking runs in it are kept verbatim by every translator.

``<``, ``>``, ``&``, anything tag-like (``<script>``, ``</b>``, ``<!-- x -->``) and anything
entity-like (``&amp;``, ``&#42;``) must come back as the same characters, never be read as
markup by an engine's format handling nor translated as words. Engines take these runs out
before translating and put them back, unchanged, where they stood.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_TAG = r"<!--.*?-->|<[/!?]?[A-Za-z][^<>]{0,500}>"
_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
# Tags and entities, kept whole: their insides are not words to translate.
TAG_OR_ENTITY = re.compile(rf"{_TAG}|{_ENTITY}", re.DOTALL)
# The same plus bare '<', '>', '&' (runs of them), for engines that read plain text but may
# drop or rewrite these characters (a neural model): everything the text must keep verbatim.
MARKUP = re.compile(rf"{_TAG}|{_ENTITY}|[<>&]+", re.DOTALL)


def outside_markup(text: str, change: Callable[[str], str]) -> str:
    """``text`` changed by ``change`` but for the caller's tags and entities, copied verbatim."""
    out: list[str] = []
    pos = 0
    for m in TAG_OR_ENTITY.finditer(text):
        out.append(change(text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(change(text[pos:]))
    return "".join(out)


def fixed_span(text: str, terms: Sequence[str], start: int, end: int) -> bool:
    """Whether text[start:end] touches a protected term or a caller's tag or entity."""
    spans = [m.span() for m in TAG_OR_ENTITY.finditer(text)]
    spans += [m.span() for term in terms if term for m in re.finditer(re.escape(term), text)]
    return any(a < end and start < b for a, b in spans)
