"""Synonyms and broader terms from a MyThes thesaurus (LibreOffice's, from Debian's mythes-*).

A word an Apertium pair has no translation for ("kitten" in en->es->fr, whose second leg lacks
"gatito") can often be said with a word it has: a synonym ("kitty") or, failing that, a
broader term ("young mammal", "cat"). The thesaurus gives those per part of speech, first
sense first; which of them the pair can translate is for the caller to find out. A word with
several senses is said another way only where WordNet ranks them by use (the thesaurus keeps
WordNet's order, which is arbitrary for words its sense-tagged corpus lacks: "lettuce" lists
money first, "kite" a cheque).

The format: ``<word>.idx`` lists ``word|offset`` after two header lines (encoding, count);
``<word>.dat`` holds at each offset ``word|senses`` and then one line per sense,
``(pos)|synonym|...|broader (generic term)|...``.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

from .wordnet import WORDNET_DIR, WordNet

DEFAULT_DIR = "/usr/share/mythes"
FILES = {"en": "th_en_US_v2"}
_GENERIC = " (generic term)"
# Entries read per thesaurus, kept: a word's alternatives read the entries of each of them.
_SENSES_CACHE = 4096


# Apertium's parts of speech and the thesaurus's names for them.
_POS = {"n": "noun", "vblex": "verb", "adj": "adj", "adv": "adv"}


def pos_of(tags: str) -> str | None:
    """The thesaurus's part of speech of Apertium's ``tags`` ("<n><pl>" -> "noun")."""
    return _POS.get(tags[1:].split(">", 1)[0]) if tags.startswith("<") else None


# (part of speech or None, synonyms, broader terms, named by the word's capitalised form)
Sense = tuple[str | None, list[str], list[str], bool]


class Thesaurus:
    """One language's thesaurus, read on first use; thread-safe, read-only after that."""

    def __init__(
        self, language: str, directory: str = DEFAULT_DIR, wordnet: str = WORDNET_DIR
    ) -> None:
        self.language = language
        base = Path(directory) / FILES.get(language, f"th_{language}_v2")
        self._idx, self._dat = base.with_suffix(".idx"), base.with_suffix(".dat")
        self._offsets: dict[str, int] | None = None
        self._encoding = "utf-8"
        self._lock = threading.Lock()
        # Which senses come first, and what neither the thesaurus nor a pair can say.
        self.wordnet = WordNet(wordnet)
        self._senses: dict[str, list[Sense]] = {}
        self.available = self._idx.is_file() and self._dat.is_file()

    def _load(self) -> dict[str, int]:
        with self._lock:
            if self._offsets is None:
                raw = self._idx.read_bytes()
                first, _, rest = raw.partition(b"\n")
                self._encoding = first.decode("ascii").strip().lower().replace("iso8859", "latin")
                offsets: dict[str, int] = {}
                for line in rest.decode(self._encoding).splitlines()[1:]:
                    word, _, offset = line.rpartition("|")
                    if word and offset.isdigit():
                        offsets.setdefault(word.lower(), int(offset))
                self._offsets = offsets
            return self._offsets

    def senses(self, lemma: str) -> list[Sense]:
        """(part of speech or None, synonyms, broader terms, named by the word's capitalised
        form) per sense of ``lemma``, in order."""
        if not self.available:
            return []
        found = self._senses.get(lemma)
        if found is None:
            found = self._read(lemma)
            if len(self._senses) > _SENSES_CACHE:
                self._senses.clear()
            self._senses[lemma] = found
        return found

    def senses_as(self, lemma: str, pos: str | None) -> list[Sense]:
        """The senses of ``lemma`` as ``pos`` (all when None)."""
        return [s for s in self.senses(lemma) if pos is None or s[0] in (None, pos)]

    def _read(self, lemma: str) -> list[Sense]:
        offset = self._load().get(lemma.lower())
        if offset is None:
            return []
        with self._dat.open("rb") as fh:
            fh.seek(offset)
            head = fh.readline().decode(self._encoding)
            count = int(head.rpartition("|")[2] or 0)
            lines = [fh.readline().decode(self._encoding).rstrip("\n") for _ in range(count)]
        out: list[Sense] = []
        for line in lines:
            label, *terms = line.split("|")
            pos = label.strip("()") if label.startswith("(") else None
            # Plain terms are synonyms. "(similar term)", "(related term)" and antonyms say
            # something else: "southern" is a similar term of "rebel".
            synonyms = [t for t in terms if "(" not in t]
            broader = [t.removesuffix(_GENERIC) for t in terms if t.endswith(_GENERIC)]
            # A sense named by the word's capitalised form is a name's ("Brownie": a Girl
            # Scout, not the cake).
            named = any(t.lower() == lemma.lower() and t != t.lower() for t in terms)
            out.append((pos, _clean(synonyms, lemma), _clean(broader, lemma), named))
        return out

    def alternatives(
        self,
        lemma: str,
        pos: str | None = None,
        senses: int = 1,
        lower: bool = False,
        sense: int | None = None,
    ) -> list[str]:
        """Other ways to say ``lemma`` as ``pos`` (any part of speech when None): the synonyms
        of its first ``senses`` senses, then their broader terms; no repeats. A synonym whose
        own first sense is another meaning is left out: "kitty" is first a pool of bets, so
        it does not stand for "kitten" (a translator would read it the other way). A word
        written in ``lower`` case has none of the senses named by its capitalised form
        ("burgundy" is a colour; "Burgundy" the region and its wine). ``sense``, the index of
        one of the senses as ``pos`` (senses.py found it meant in its sentence), stands for
        the first ones."""
        every = self.senses_as(lemma, pos)
        if sense is not None:
            every = every[sense : sense + 1]
        if lower:
            every = [s for s in every if not s[3]]
        if len(every) > 1 and not self.ranked(lemma, pos):
            # No sense is known to come first: any pick would often mean another.
            return self.shared(lemma, pos)
        matching = [s for s in every if not s[3]][:senses]
        out: list[str] = []
        # A synonym of several words is mostly an idiom, which a translator renders word by
        # word ("first light" for "dawn" comes out as "début légère"): one-word synonyms
        # only. A broader term of several words is mostly a plain description ("young
        # mammal"), after the one-word ones.
        out.extend(t for s in matching for t in s[1]
                   if " " not in t and t not in out and self._means(t, lemma, pos))  # fmt: skip
        for single in (True, False):
            out.extend(t for s in matching for t in s[2]
                       if t not in out and (" " not in t) == single)  # fmt: skip
        return out

    def shared(self, lemma: str, pos: str | None) -> list[str]:
        """The one-word synonyms of ``lemma`` as ``pos`` that most of its senses share: they
        stand for the word whichever sense is meant ("captain" for "skipper", in two of its
        three senses; "aging" for "ageing")."""
        every = self.senses_as(lemma, pos)
        plain = [s for s in every if not s[3]]
        counts = Counter(t for s in plain for t in set(s[1]) if " " not in t)
        return list(dict.fromkeys(t for s in plain for t in s[1] if 2 * counts[t] > len(every)))

    def ranked(self, lemma: str, pos: str | None) -> bool:
        """Whether WordNet orders ``lemma``'s senses as ``pos`` by how often each is used; the
        thesaurus lists them in WordNet's order, which is arbitrary otherwise ("lettuce" is
        money first)."""
        return self.wordnet.ranked(lemma, pos)

    def _means(self, term: str, lemma: str, pos: str | None) -> bool:
        """Whether ``lemma`` is among ``term``'s own first sense (as ``pos``)."""
        own = self.senses_as(term, pos)
        return not own or lemma.lower() in {t.lower() for t in own[0][1]}

    def broader(self, lemma: str, pos: str | None = None) -> list[str]:
        """The broader terms of ``lemma``'s first sense as ``pos``."""
        matching = self.senses_as(lemma, pos)
        return matching[0][2] if matching else []


def _clean(terms: list[str], lemma: str) -> list[str]:
    """The terms other than the word itself, once each."""
    return list(dict.fromkeys(t for t in terms if t and t.lower() != lemma.lower()))
