"""What Apertium's dictionaries say about words: name lookups and unknown-word marks.

Two uses. A language's morphological analyser (the first stage of a mode) tells whether a
candidate name is a place the translator has its own name for ("New York" is one unit read
only as ``<np><loc>``), one ordinary word capitalised ("Mayor": it has an ``<n>`` reading),
or anything else (unknown words, common words that make up a brand: "Fox News"); see
names.to_protect.
And the marks the generator leaves with ``-g`` (``*`` unknown to the analyser, ``@`` missing
from the bilingual dictionary, ``#`` not generated) find the words a pivot's second leg could
not translate: those would stay in the pivot language ("reporteros" in French).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .apertium_chain import ModeChain, parse_mode

# Characters with a meaning in the stream format: escaped with a backslash in a plain word.
_STREAM_SPECIAL = re.compile(r"([\^$/<>{}\[\]\\@*#])")
_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_READING_SPLIT = re.compile(r"(?<!\\)/")
_PLACE_TAGS = ("<loc>", "<top>")


def escape(text: str) -> str:
    return _STREAM_SPECIAL.sub(r"\\\1", text)


def classify(analysis: str) -> str:
    """ "place", "common" or "other" from an analyser's output for one candidate name."""
    units = [_READING_SPLIT.split(u)[1:] for u in _UNIT.findall(analysis)]
    if not units or any(not readings or readings[0].startswith("*") for readings in units):
        return "other"
    # "Estados Unidos de América": places joined by prepositions and articles.
    if len(units) > 1:
        units = [rs for rs in units if not all("<pr>" in r or "<det>" in r for r in rs)]
    if all(
        all("<np>" in r for r in readings) and any(t in r for r in readings for t in _PLACE_TAGS)
        for readings in units
    ):
        return "place"
    # One word with a place reading among others ("Turkey": <n> and <np><loc>): the tagger
    # chooses in context, and the dictionary has the target's name for the place.
    if len(units) == 1 and any("<np>" in r and any(t in r for t in _PLACE_TAGS) for r in units[0]):
        return "place"
    # One word with an ordinary reading ("Mayor": <n> and <np><cog>): the tagger chooses in
    # context, as it does for any capitalised word.
    if len(units) == 1 and any("<np>" not in r for r in units[0]):
        return "common"
    # Several words, each with an ordinary reading ("Asociației Canadiene", "Ministerio de
    # Sanidad"): a description in a language without NER, not a name.
    if all(any("<np>" not in r for r in readings) for readings in units):
        return "ordinary"
    return "other"


class Analyser:
    """A language's morphological analyser, persistent like the modes (one lt-proc)."""

    def __init__(self, mode: str, mode_file: Path, timeout_s: float) -> None:
        self.mode = mode
        self._chain = ModeChain(f"{mode}:analyser", mode_file, timeout_s, parse_mode(mode_file)[:1])

    def analyse(self, words: Sequence[str]) -> list[str]:
        return self._chain.run([escape(w) for w in words]) if words else []

    def lexicon(self, names: Sequence[str]) -> list[str]:
        """names.Lexicon: what the dictionary knows of each candidate name."""
        return [classify(a) for a in self.analyse(names)]

    def unknown(self, words: Sequence[str]) -> list[bool]:
        """Whether the analyser knows no reading of each word (in any of its cases)."""
        out: list[bool] = []
        for analysis in self.analyse(words):
            units = [_READING_SPLIT.split(u) for u in _UNIT.findall(analysis)]
            out.append(any(len(u) < 2 or u[1].startswith("*") for u in units))
        return out

    def close(self) -> None:
        self._chain.close()


def marked_words(stream: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word carrying an unknown-word mark, outside superblanks.

    Span covers the mark too, so replacing it replaces the mark."""
    found: list[tuple[int, int, str]] = []
    i, n = 0, len(stream)
    in_blank = False
    while i < n:
        c = stream[i]
        if c == "\\":
            i += 2
            continue
        if in_blank:
            in_blank = c != "]"
        elif c == "[":
            in_blank = True
        elif c in "*@#":
            m = re.compile(r"[^\W\d_][\w'’-]*").match(stream, i + 1)
            if m:
                found.append((i, m.end(), m.group()))
                i = m.end()
                continue
        i += 1
    return found


# An unknown word opening a sentence, then a word: es-fr capitalises that next word as if it
# opened the sentence ("*Zqxva, el presidente" -> "*Zqxva, Le président").
_OPENING_UNKNOWN = re.compile(r"(?:^|(?<=[.!?] )|(?<=\]))[*@#]([^\W\d_][\w'’-]*)(,? +)([^\W\d_])")


def lowercase_after_unknown(out: str, given: str) -> str:
    """``out`` with the word after a sentence-opening unknown word lower-cased where, in the
    leg's input ``given``, the word after that unknown word was lower-case."""

    def fix(m: re.Match[str]) -> str:
        word, gap, first = m.groups()
        if not first.isupper():
            return m.group()
        before = re.search(re.escape(word) + r",? +([^\W\d_])", given)
        if before is None or not before.group(1).islower():
            return m.group()
        return m.group()[: -len(first)] + first.lower()

    return _OPENING_UNKNOWN.sub(fix, out)
