"""Plain English for English words that no installed dictionary has, written by us
(glossary.tsv), for apertium_alternatives.py.

Apertium's English and WordNet 3.0 (2006) lack words news uses every day: "tweeted",
"superdelegates", "fundraising". The thesaurus offers nothing for them, or a sense news
does not use. A gloss says the word in words the dictionaries have, for the sense news uses
("tweet", verb: "send a message"), and is inflected like the word it stands for ("tweeted"
-> "sent a message"). Glosses are in lower case: a capitalised word reads as a name. How the
words were chosen, the file's header says. A gloss serves, as any other alternative does,
where the route translates it; it comes before the thesaurus's. A few words of another kind
than noun, verb, adjective and adverb that Apertium's English lacks ("versus", "atop",
"ought" to) are said by the glossary alone (part of speech "other"), wherever the tagger puts
them: "Leeds versus Hull" -> "Leeds against Hull", "ought to act" -> "have to act".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("glossary.tsv")
# The thesaurus's names for the parts of speech.
POS = frozenset({"noun", "verb", "adj", "adv", "other"})


class Glossary:
    """word and part of speech -> its glosses, in the file's order."""

    def __init__(self, path: Path = PATH) -> None:
        self._glosses: dict[tuple[str, str], list[str]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or fields[1] not in POS or not all(f.strip() for f in fields):
                raise ValueError(f"{path}:{number}: expected word<TAB>pos<TAB>gloss: {line!r}")
            word, pos, gloss = (f.strip() for f in fields)
            self._glosses.setdefault((word.lower(), pos), []).append(gloss)
        self._others = frozenset(w for w, pos in self._glosses if pos == "other")
        # What as_written asks: a noun's, adjective's or adverb's glosses by the word alone.
        self._written: dict[str, list[str]] = {}
        for (word, pos), glosses in self._glosses.items():
            if pos in ("noun", "adj", "adv"):
                self._written.setdefault(word, []).extend(glosses)

    def __len__(self) -> int:
        return sum(len(g) for g in self._glosses.values())

    def of(self, lemma: str, pos: str) -> list[str]:
        """The glosses of ``lemma`` as ``pos`` ("noun", "verb", "adj", "adv"). spaCy's rules
        guess an unknown verb's lemma with an "e" too many or a doubled consonant
        ("defunding" -> "defunde", "scammed" -> "scamme", "extolled" -> "extoll"): the lemma
        without them is asked too."""
        word = lemma.lower()
        for guess in (word, *_undone(word)):
            found = self._glosses.get((guess, pos))
            if found:
                return list(found)
        return []

    def others(self) -> frozenset[str]:
        """The words of another kind than noun, verb, adjective and adverb ("versus", "atop"):
        said as the glossary says wherever the tagger puts them."""
        return self._others

    def as_written(self, token: str) -> list[str]:
        """The glosses of a noun, adjective or adverb entry written as ``token`` is, whatever
        part of speech the tagger took it for ("incoming" was read as a form of "income",
        "bestselling" of "bestselle"): the word is the entry's own form, so the gloss needs
        no inflecting. Never a verb's gloss: that needs the word's tense ("a ticket tout" is
        no "promote")."""
        return list(self._written.get(token.lower(), ()))

    def entries(self) -> list[tuple[str, str, str]]:
        """(word, pos, gloss) for every gloss, for the tests."""
        return [(w, p, g) for (w, p), glosses in self._glosses.items() for g in glosses]


def _undone(lemma: str) -> list[str]:
    """``lemma`` without a final "e", and without a doubled final consonant, each step."""
    out = []
    if lemma.endswith("e") and len(lemma) > 3:
        lemma = lemma[:-1]
        out.append(lemma)
    if len(lemma) > 3 and lemma[-1] == lemma[-2] and lemma[-1] not in "aeiou":
        out.append(lemma[:-1])
    return out


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The shipped glossary, read once per process."""
    return Glossary()
