"""Which of the names found in a text (names.py) a translator keeps verbatim, and which it
translates: descriptions ("Swedish Academy", name_words.py), places the engine has its own
name for, sentence-initial words NER took for names that the engine's dictionary knows as
ordinary words; and a kept person's surname alone wherever a text of the call writes it
(surnames.py)."""

from __future__ import annotations

from collections.abc import Sequence

from .adverbs import adjectives_of
from .name_words import descriptive
from .names import CAPITALISED_NOUNS, WORD, Kind, Lexicon, Name, find_names, person_like
from .surnames import with_surnames


def to_protect(
    texts: Sequence[str], language: str, lexicon: Lexicon | None = None
) -> list[list[str]]:
    """Per text, the names to keep verbatim.

    Names are always kept, unless descriptive (name_words.py). A place is kept only when it is
    one word the engine knows as an ordinary word alone ("Bath"); an untyped run is kept unless
    the engine knows it as a place or, for one word, as an ordinary word too ("Mayor").
    Without a lexicon (neural engines, which know place names) places go to the engine and
    untyped runs of two or more words are kept.
    """
    found = [find_names(text, language) for text in texts]
    asks = {n.text for names in found for n in names if n.kind is not Kind.NAME or n.initial}
    # A run that opens a sentence may start with an ordinary word: "Ayer Pedro Sánchez".
    firsts = {n.text: _first_rest(n.text) for ns in found for n in ns if _first_rest(n.text)}
    firsts = {k: v for k, v in firsts.items() if any(n.initial and n.text == k
                                                    for ns in found for n in ns)}  # fmt: skip
    asks |= {word for pair in firsts.values() for word in pair}
    # A sentence's first word NER calls a name may be an English adverb ("Controversially").
    english = language == "en"
    stems = {n.text: adjectives_of(n.text) for ns in found for n in ns if n.initial and english}
    asks |= {stem for found_stems in stems.values() for stem in found_stems}
    ordered = sorted(asks)
    known = dict(zip(ordered, lexicon(ordered), strict=True)) if lexicon and ordered else {}
    out: list[list[str]] = []
    for names in found:
        keep: list[str] = []
        for n in names:
            if n.kind is Kind.UNTYPED and n.initial and n.text in firsts:
                first, rest = firsts[n.text]
                # The rest is judged as any run is: "Ayer Pedro Sánchez" keeps "Pedro
                # Sánchez", "Imagine Brad Thor" "Brad Thor"; "Personal Financial Disclosure"
                # keeps nothing ("Financial Disclosure" is a description).
                if known.get(first) in ("common", "not-noun"):
                    n = Name(rest, n.end - len(rest), n.end, n.kind)
            if n.kind is Kind.UNTYPED and language in CAPITALISED_NOUNS:
                wanted = False  # every noun is capitalised: a run says nothing of a name
            elif descriptive(WORD.findall(n.text), language):
                wanted = False  # "Swedish Academy": a description, translated
            elif n.kind is Kind.NAME:
                # "Caring cat Rademenes ...": NER takes a sentence's first word for a name
                # even when the dictionary says it can only be a verb or an adjective.
                # Nor is an adverb in "-ly" of an adjective it knows ("Controversially").
                adverb = any(known.get(stem) == "not-noun" for stem in stems.get(n.text, ()))
                wanted = not (n.initial and (known.get(n.text) == "not-noun" or adverb))
            elif lexicon is None:
                wanted = n.kind is Kind.UNTYPED and len(WORD.findall(n.text)) > 1
            else:
                # A place the dictionary does not hold as one unit is left to the engine when
                # it has several words ("Milky Way": its rules know "Vía Láctea"), kept when it
                # is one ordinary word only ("Bath", which would become "Baño").
                if n.kind is Kind.PLACE:
                    wanted = known.get(n.text) == "common"
                else:
                    wanted = known.get(n.text) == "other"
            if wanted and n.text not in keep:
                keep.append(n.text)
        out.append(keep)
    # A person's surname alone: only of a name that looks like one, none of whose words
    # before the surname the dictionary knows only as a verb, adjective or adverb ("Define
    # American", "Crooked Hillary": NER's misreadings of headlines). The surname may be one
    # ("Mark Cuban", "Neil Young").
    persons = [n.text for names, keep in zip(found, out, strict=True) for n in names
               if n.person and n.text in keep
               and person_like(WORD.findall(n.text), language)]  # fmt: skip
    words = sorted({w for p in persons for w in WORD.findall(p)[:-1]} - set(known))
    known |= dict(zip(words, lexicon(words), strict=True)) if lexicon and words else {}
    persons = [p for p in persons
               if all(known.get(w) != "not-noun" for w in WORD.findall(p)[:-1])]  # fmt: skip
    # Inside another person's name found there ("Bill Clinton", a description to
    # name_words.py, is translated whole), a surname goes as that name goes.
    people = [[n.text for n in names if n.person] for names in found]
    return with_surnames(texts, persons, out, people)


def _first_rest(name: str) -> tuple[str, str] | None:
    first, _, rest = name.partition(" ")
    return (first, rest) if rest else None
