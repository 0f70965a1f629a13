"""What Apertium's dictionaries say about words: name lookups and unknown-word marks.

Two uses. A language's morphological analyser (the first stage of a mode) tells whether a
candidate name is a place the translator has its own name for ("New York" is one unit read
only as ``<np><loc>``), one ordinary word capitalised ("Mayor": it has an ``<n>`` reading),
or anything else (unknown words, common words that make up a brand: "Fox News"); see
kept_names.to_protect.
And the marks the generator leaves with ``-g`` (``*`` unknown to the analyser, ``@`` missing
from the bilingual dictionary, ``#`` not generated) find the words a pivot's second leg could
not translate: those would stay in the pivot language ("reporteros" in French).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .apertium_chain import ModeChain
from .apertium_modes import parse_mode

# Characters with a meaning in the stream format: escaped with a backslash in a plain word.
# A word as the source text writes it ("al-Assad", "don't"), for the steps that look at words.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# An English possessive ("golfer's"): the word is what comes before it.
_POSSESSIVE = re.compile(r"['’][sS]$")


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of ``text``, a possessive's "'s" left out."""
    for m in WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        yield m.start(), m.start() + len(word), word


_STREAM_SPECIAL = re.compile(r"([\^$/<>{}\[\]\\@*#])")
_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_READING_SPLIT = re.compile(r"(?<!\\)/")
_PLACE_TAGS = ("<loc>", "<top>")


def escape(text: str) -> str:
    return _STREAM_SPECIAL.sub(r"\\\1", text)


def lexical_units(analysis: str) -> list[tuple[str, list[str]]]:
    """Each lexical unit of an analyser's output: its surface form (unescaped) and its
    readings ("*word" alone where the analyser does not know it)."""
    out = []
    for unit in _UNIT.findall(analysis):
        surface, *found = _READING_SPLIT.split(unit)
        out.append((surface.replace("\\", ""), found))
    return out


def classify(analysis: str) -> str:
    """ "place", "common", "not-noun", "ordinary" or "other" from an analyser's output for one
    candidate name."""
    units = [found for _, found in lexical_units(analysis)]
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
    # One word that can only be a verb, adjective or adverb ("Caring"): no name, whatever a
    # tagger made of it at the start of a sentence.
    if len(units) == 1 and not any("<n>" in r or "<np>" in r for r in units[0]):
        return "not-noun"
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
            units = lexical_units(analysis)
            out.append(any(not found or found[0].startswith("*") for _, found in units))
        return out

    def close(self) -> None:
        self._chain.close()


def readings(analysis: str) -> list[tuple[str, str]]:
    """(lemma, tags) of each reading in an analyser's output for one word; none if unknown."""
    units = lexical_units(analysis)
    if len(units) != 1 or not units[0][1] or units[0][1][0].startswith("*"):
        return []
    out = []
    for reading in units[0][1]:
        cut = reading.find("<")
        if cut > 0:
            out.append((reading[:cut].replace("\\", ""), reading[cut:]))
    return out


class Generator:
    """A language's morphological generator (one lt-proc -g), from lexical units to words."""

    def __init__(self, mode: str, mode_file: Path, timeout_s: float) -> None:
        self.mode = mode
        stages = [s for s in parse_mode(mode_file, "-g") if s[-1].endswith(".autogen.bin")]
        if not stages:
            raise ValueError(f"mode {mode} has no generator stage")
        self._chain = ModeChain(f"{mode}:generator", mode_file, timeout_s, stages[:1])

    def generate(self, units: Sequence[str]) -> list[str | None]:
        """The word for each ``lemma<tags>``; None where the dictionary cannot make it."""
        out = self._chain.run([f"^{u}$" for u in units]) if units else []
        words = [o.replace("[]", "").strip() for o in out]
        return [None if not w or w[0] in "#@*" or "\\" in w else w for w in words]

    def close(self) -> None:
        self._chain.close()


def bidix_stages(mode_file: Path) -> list[list[str]]:
    """A mode's bilingual dictionary stage (``lt-proc -b``), alone; none if it has none."""
    return [s for s in parse_mode(mode_file, "-g") if s[-1].endswith(".autobil.bin")][:1]


def bidix_input(analyses: Sequence[str]) -> list[str]:
    """An analyser's output as the bilingual dictionary reads it: every reading its own unit."""
    return [
        " ".join(f"^{r}$" for u in _UNIT.findall(stream)
                 for r in _READING_SPLIT.split(u)[1:] if r and r[0] not in "*@#")
        for stream in analyses
    ]  # fmt: skip


def bidix_options(streams: Sequence[str]) -> list[dict[str, set[tuple[str, str]]]]:
    """Per ``lt-proc -b`` output: target lemma (lower case) -> (source lemma, part of speech)
    of each source word it translates ("protagonizar" -> ("star", "vblex"))."""
    out: list[dict[str, set[tuple[str, str]]]] = []
    for stream in streams:
        found: dict[str, set[tuple[str, str]]] = {}
        for unit in _UNIT.findall(stream):
            source, *targets = _READING_SPLIT.split(unit)
            lemma = source.split("<", 1)[0].replace("\\", "").lower()
            pos = source.split("<", 2)[1].rstrip(">") if "<" in source else ""
            for target in targets:
                word = target.split("<", 1)[0].replace("\\", "")
                if word and lemma and word[0] not in "*@#":
                    found.setdefault(word.lower(), set()).add((lemma, pos))
        out.append(found)
    return out


class Bilingual:
    """Every translation a mode's bilingual dictionary offers for each word of a text, before
    the tagger and lexical selection pick one: the mode's analyser (shared), then one
    ``lt-proc -b`` on every reading."""

    def __init__(self, mode: str, mode_file: Path, timeout_s: float, analyser: Analyser) -> None:
        self.mode = mode
        bidix = bidix_stages(mode_file)
        if not bidix:
            raise ValueError(f"mode {mode} has no bilingual dictionary stage")
        self._analyser = analyser
        self._chain = ModeChain(f"{mode}:bidix", mode_file, timeout_s, bidix)

    def options(self, texts: Sequence[str]) -> list[dict[str, set[tuple[str, str]]]]:
        """Per text: target lemma (lower case) -> (source lemma, part of speech) of each
        source word it translates ("protagonizar" -> ("star", "vblex"))."""
        if not texts:
            return []
        return bidix_options(self._chain.run(bidix_input(self._analyser.analyse(texts))))

    def close(self) -> None:
        self._chain.close()


_ESCAPED_MARK = re.compile(r"\\([*@#])([^\W\d_][\w'’-]*)")


def unescape_marks(out: str, given: str) -> str:
    r"""``out`` with escaped marks a stage wrote itself made plain marks again.

    A bidix miss inside a multiword ("getting stuck in") comes out of some pairs as
    ``\@stick``: escaped, so it would reach the reader as "@stick". The caller's own "@" is
    escaped too; it is told apart by being in the leg's input ``given``."""

    def fix(m: re.Match[str]) -> str:
        return m.group() if m.group() in given else m.group()[1:]

    return _ESCAPED_MARK.sub(fix, out)


# An unknown word opening a sentence, then a word: es-fr capitalises that next word as if it
# opened the sentence ("*Zqxva, el presidente" -> "*Zqxva, Le président"; after a dash too:
# "Bader – who lost" had "Bader – Quién perdió").
_OPENING_UNKNOWN = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\]))[*@#]([^\W\d_][\w'’-]*)((?:,| +[–—-])? +)([^\W\d_])"
)


def lowercase_after_unknown(out: str, given: str) -> str:
    """``out`` with the word after a sentence-opening unknown word lower-cased where, in the
    leg's input ``given``, the word after that unknown word was lower-case."""

    def fix(m: re.Match[str]) -> str:
        word, gap, first = m.groups()
        if not first.isupper():
            return m.group()
        before = re.search(re.escape(word) + r"(?:,| +[–—-])? +([^\W\d_])", given)
        if before is None or not before.group(1).islower():
            return m.group()
        return m.group()[: -len(first)] + first.lower()

    return _OPENING_UNKNOWN.sub(fix, out)
