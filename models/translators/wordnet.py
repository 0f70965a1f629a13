"""WordNet's own files (Debian's wordnet-base), for thesaurus.py and apertium_alternatives.py:
which lemmas have their senses ranked by use, an adjective's definition (its gloss) and the
adjective it is a kind of, and the person WordNet names for a verb's doer. The index files are
sorted: a lemma's line is found by bisection.

An index line is ``lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt
[offset]*synset_cnt``; the senses are listed most used first where ``tagsense_cnt`` is above
0 (the sense-tagged corpus holds the lemma), in an arbitrary order otherwise. A data line at
an offset ends with `` | gloss``: a definition, then examples in quotes after ";".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

WORDNET_DIR = "/usr/share/wordnet"
# Parts of speech, named as both the thesaurus and WordNet's index files name them.
POS = frozenset({"noun", "verb", "adj", "adv"})
# What a definition must not hold to stand for its word in a sentence: an example, a
# usage note ("(of persons)"), "etc.", "e.g.", or a choice of words, which the translator reads
# as nouns joined ("half-hearted": "feeling or showing little interest or enthusiasm" came out
# fr "une sensation de langue ou en visant peu d'intérêt").
_NOT_A_PHRASE = re.compile(r"[()\"';:]|\betc\b|\be\.g\b|\bi\.e\b|\bor\b")
# Other endings English makes the doer of a verb with, for a word in "-er" WordNet lacks
# ("commenter" is a "commentator"); lexicographer file 18 holds WordNet's persons. Not
# "-ant": a "protestant" is no protester.
_AGENT_ENDINGS = ("or", "ator", "ist")
_PERSONS = "18"


def _entry(fields: list[str]) -> tuple[int, list[int]]:
    """(tagsense_cnt, synset offsets) of an index line's fields."""
    pointers = int(fields[3])
    return int(fields[5 + pointers]), [int(o) for o in fields[6 + pointers :]]


def index_entries(path: Path) -> Iterator[tuple[str, int, list[int]]]:
    """(lemma, tagsense_cnt, synset offsets) per line of a WordNet index file."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith(" "):  # the licence at the top
            fields = line.split()
            yield fields[0], *_entry(fields)


# A sense: its words, its gloss, the words of the senses it is a kind of.
Synset = tuple[list[str], str, list[str]]
# A pointer's part of speech as the data files name it ("s", an adjective satellite).
_POS_LETTER = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def _words(fields: list[str]) -> list[str]:
    """The words of a data line's synset, as written ("horse_race" -> "horse race"), without
    the syntactic marker some adjectives carry ("(p)")."""
    if len(fields) < 4:
        return []
    count = int(fields[3], 16)
    return [w.split("(", 1)[0].replace("_", " ") for w in fields[4 : 4 + 2 * count : 2]]


def _definition(gloss: str) -> str:
    """A gloss's definition: what comes before its examples."""
    return gloss.split(";", 1)[0].strip()


def _pointers(fields: list[str], symbol: str) -> list[tuple[str, int]]:
    """(part-of-speech letter, offset) of a data line's pointers of ``symbol``."""
    at = 4 + 2 * int(fields[3], 16)
    found = []
    for p in range(int(fields[at])):
        sym, offset, letter, _ = fields[at + 1 + 4 * p : at + 5 + 4 * p]
        if sym == symbol:
            found.append((letter, int(offset)))
    return found


class WordNet:
    """Ranked lemmas, adjectives' definitions and kinds, and doers; thread-safe. Only the
    ranked lemmas are kept: the rest is looked up in WordNet's sorted files on each call."""

    def __init__(self, directory: str = WORDNET_DIR) -> None:
        self._dir = Path(directory)
        self._lock = threading.Lock()
        self._ranks: dict[str, frozenset[str]] = {}

    def ranked(self, lemma: str, pos: str | None) -> bool:
        """Whether WordNet orders ``lemma``'s senses as ``pos`` by how often each is used (it
        does where the sense-tagged corpus holds the word). Asked for every word the
        thesaurus offers: the ranked lemmas of a part of speech are read once and kept."""
        if pos not in POS:
            return False
        with self._lock:
            if pos not in self._ranks:
                entries = index_entries(self._dir / f"index.{pos}")
                self._ranks[pos] = frozenset(lemma for lemma, tagged, _ in entries if tagged)
        return lemma.lower().replace(" ", "_") in self._ranks[pos]

    def _first_sense(self, lemma: str) -> tuple[list[str], str] | None:
        """The data line (fields, gloss) of the adjective ``lemma``'s one sense, or of its
        first where WordNet ranks them by use; None otherwise."""
        entry = self._index_line("adj", lemma)
        if entry is None:
            return None
        tagged, offsets = _entry(entry)
        if len(offsets) > 1 and not tagged:
            return None  # no sense is known to come first
        return self._data("adj", offsets[0])

    def adjective_definition(self, lemma: str, max_words: int = 8) -> str | None:
        """The definition of the adjective ``lemma``'s one sense, or of its first where
        WordNet ranks them by use ("upmarket": "designed for consumers with high incomes";
        "overgrown": "covered with growing plants"), where it is a plain phrase of at most
        ``max_words`` words; None otherwise."""
        sense = self._first_sense(lemma)
        if sense is None:
            return None
        definition = _definition(sense[1])
        if not definition or _NOT_A_PHRASE.search(definition):
            return None
        return definition if len(definition.split()) <= max_words else None

    def synsets(self, lemma: str, pos: str) -> list[Synset]:
        """Per sense of ``lemma`` as ``pos``, in WordNet's order: its words, its gloss
        (definition and examples) and the words of the senses it is a kind of; for
        senses.py, which reads a sentence against them."""
        entry = self._index_line(pos, lemma) if pos in POS else None
        if entry is None:
            return []
        out = []
        for offset in _entry(entry)[1]:
            fields, gloss = self._data(pos, offset)
            broader = [self._data(_POS_LETTER[p], o)[0] for p, o in _pointers(fields, "@")]
            out.append((_words(fields), gloss, [w for b in broader for w in _words(b)]))
        return out

    def _data(self, pos: str, offset: int) -> tuple[list[str], str]:
        """The fields and the gloss of the data line of ``pos`` at ``offset``."""
        with (self._dir / f"data.{pos}").open("rb") as fh:
            fh.seek(offset)
            line = fh.readline().decode("utf-8", errors="replace")
        head, _, gloss = line.partition(" | ")
        return head.split(), gloss.strip()

    def has(self, lemma: str, pos: str) -> bool:
        """Whether WordNet has ``lemma`` as ``pos`` ("noun", "verb", "adj", "adv")."""
        return pos in POS and self._index_line(pos, lemma) is not None

    def person(self, noun: str) -> bool:
        """Whether the first sense of ``noun`` is a person's ("jockey", not "force")."""
        entry = self._index_line("noun", noun)
        if entry is None:
            return False
        return self._data("noun", _entry(entry)[1][0])[0][1] == _PERSONS

    def mostly_a_person(self, noun: str) -> bool:
        """Whether WordNet ranks ``noun``'s senses by use and the first is a person's
        ("jockey": a rider before an operator of a machine). Such a noun's plural, or its
        use as a compound's head ("champion jockeys"), is seldom another sense's."""
        return self.ranked(noun, "noun") and self.person(noun)

    def adjective_definitions(self, lemma: str) -> list[str]:
        """The definition of the adjective ``lemma``'s first sense where WordNet ranks them by
        use, else of each of its senses; none where WordNet lacks it."""
        entry = self._index_line("adj", lemma)
        if entry is None:
            return []
        tagged, offsets = _entry(entry)
        return [_definition(self._data("adj", o)[1]) for o in (offsets[:1] if tagged else offsets)]

    def adjective_head(self, lemma: str) -> str | None:
        """The adjective that the one (or first ranked) sense of ``lemma`` is a kind of, where
        that sense is a satellite of a cluster ("storied", having an illustrious past, is
        "glorious"): WordNet's broader term for an adjective. None for a cluster's head
        ("upmarket" is one; its similar terms are not broader) or another sense."""
        sense = self._first_sense(lemma)
        fields = sense[0] if sense else []
        if len(fields) < 4 or fields[2] != "s":
            return None
        head = next((offset for _, offset in _pointers(fields, "&")), None)
        words = _words(self._data("adj", head)[0]) if head is not None else []
        return words[0] if words else None

    def _index_line(self, pos: str, lemma: str) -> list[str] | None:
        """The fields of ``lemma``'s line in the index of ``pos``, found by bisection (the
        files are sorted, the licence's lines first), or None."""
        path = self._dir / f"index.{pos}"
        key = lemma.lower().replace(" ", "_").encode("utf-8")
        if not path.is_file() or not key:
            return None
        with path.open("rb") as fh:
            low, high = 0, fh.seek(0, 2)
            while low < high:
                middle = (low + high) // 2
                fh.seek(middle)
                fh.readline()  # the rest of a line cut in two
                line = fh.readline()
                if line and (line.startswith(b" ") or line.split(b" ", 1)[0] < key):
                    low = middle + 1
                else:
                    high = middle
            fh.seek(low)
            if low:
                fh.readline()
            fields = fh.readline().decode("utf-8", errors="replace").split()
        return fields if fields and fields[0].encode("utf-8") == key else None

    def agent_noun(self, word: str) -> str | None:
        """The person WordNet names by another ending for a doer in "-er" it lacks, of a verb
        it has ("commenter" -> "commentator", "lobbyer" -> "lobbyist"); None otherwise."""
        word = word.lower()
        if not word.endswith("er") or len(word) < 6 or not word.isalpha():
            return None
        base = word[:-2]
        stems = [base, base + "e"] + ([base[:-1]] if base[-1] == base[-2] else [])
        for stem in stems:
            if self._index_line("verb", stem) is None:
                continue
            for ending in _AGENT_ENDINGS:
                entry = self._index_line("noun", stem + ending)
                if entry is None:
                    continue
                if self.person(stem + ending):
                    return stem + ending
        return None
