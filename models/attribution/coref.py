"""Canonical source names: one name per speaker across an article.

Deliberately small: pronouns go to the nearest earlier compatible named speaker, titles ("the
minister") to the nearest earlier speaker introduced with that title, repeated unnamed sources
("the source") to their first mention, and short names ("Trump") to the fullest form of the same
name in the article ("Donald Trump"). Anything it cannot resolve keeps its own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .clauses import text_of
from .cues import (
    HONORIFIC_GENDER,
    NEUTER_PRONOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLE_WORDS,
)

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})


@dataclass
class Speaker:
    name: str
    label: str  # spaCy entity label, or "" for unnamed sources
    position: int
    gender: str | None = None
    titles: set[str] = field(default_factory=set)
    named: bool = True
    head: str = ""


class SourceResolver:
    """Feed source mentions in text order; get back (source_name, source_named)."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._text = text_of(doc)
        self._speakers: list[Speaker] = []
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        # Fullest form of each surname in the article, so "Trump" reads "Donald Trump".
        self._full: dict[str, str] = {}
        for ent in persons:
            words = _strip_titles(ent.text).split()
            if words:
                best = self._full.get(words[-1].lower(), "")
                if len(words) > len(best.split()):
                    self._full[words[-1].lower()] = " ".join(words)
        self._persons = [
            (e.start_char, Speaker(self._canonical(e.text), "PERSON", e.start_char))
            for e in persons
        ]

    def resolve(self, head: Any, start: int, end: int) -> tuple[str, bool]:
        """``head`` is the mention's head token, [start, end) its span in the text."""
        text = self._text[start:end]
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            a0, a1 = _np_extent(antecedent)
            return self.resolve(antecedent, a0, a1)
        if lower in PERSONAL_PRONOUNS:
            found = self._nearest(
                start,
                lambda s: s.label == "PERSON" and s.gender in (None, PERSONAL_PRONOUNS[lower]),
                fallback_persons=True,
            )
            if found is not None:
                found.gender = PERSONAL_PRONOUNS[lower]
                return found.name, True
            return text, False
        if lower in NEUTER_PRONOUNS | PLURAL_PRONOUNS:
            plural = lower in PLURAL_PRONOUNS
            found = self._nearest(
                start,
                lambda s: (
                    s.label in ("ORG", "GPE", "NORP")
                    if not plural
                    else not s.named and s.head.endswith("s")
                ),
            )
            return (found.name, found.named) if found else (text, False)
        if lower in _FIRST_PERSON:
            return text, False
        return self._resolve_np(head, start, end)

    def _resolve_np(self, head: Any, start: int, end: int) -> tuple[str, bool]:
        text = self._text[start:end]
        ent = _entity_of(head) or _titled_name(self._doc, start, end)
        if ent is not None:
            name = self._canonical(ent.text) if ent.label_ == "PERSON" else _strip_titles(ent.text)
            existing = next((s for s in self._speakers if s.name == name), None)
            speaker = existing or Speaker(name, ent.label_, start)
            speaker.position = start
            gender = HONORIFIC_GENDER.get(text.split()[0].lower()) if text.split() else None
            speaker.gender = speaker.gender or gender
            speaker.titles |= {
                w.lower_
                for w in head.sent
                if w.i < ent.start and w.i >= head.left_edge.i and w.lower_ in TITLE_WORDS
            }
            speaker.titles |= {
                w.lower_
                for a in head.children
                if a.dep_ == "appos"
                for w in a.subtree
                if w.lower_ in TITLE_WORDS
            }
            if existing is None:
                self._speakers.append(speaker)
            return name, True
        head_word = head.lemma_.lower()
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        if "the" in determiners or "this" in determiners:
            # "the minister" after "Foreign Minister Lavrov", "the source" after "a source".
            titled = self._nearest(start, lambda s: head_word in s.titles)
            if titled is not None:
                return titled.name, titled.named
            earlier = self._nearest(start, lambda s: not s.named and s.head == head_word)
            if earlier is not None:
                return earlier.name, False
        self._speakers.append(Speaker(text, "", start, named=False, head=head_word))
        return text, False

    def _nearest(self, start: int, ok: Any, fallback_persons: bool = False) -> Speaker | None:
        candidates = [s for s in self._speakers if s.position < start and ok(s)]
        if candidates:
            return max(candidates, key=lambda s: s.position)
        if fallback_persons:
            earlier = [s for pos, s in self._persons if pos < start and ok(s)]
            if earlier:
                person = earlier[-1]
                known = next((s for s in self._speakers if s.name == person.name), None)
                if known is None:
                    self._speakers.append(person)
                return known or person
        return None

    def _canonical(self, name: str) -> str:
        words = _strip_titles(name).split()
        if not words:
            return name
        return self._full.get(words[-1].lower(), " ".join(words))


def _strip_titles(name: str) -> str:
    words = name.replace("’s", "").replace("'s", "").split()
    while len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _entity_of(head: Any) -> Any:
    """The named entity a mention is about: its head's, or its apposition's ("the outlet
    TASS"); not a possessor's ("Trump's spokesman" is not Trump)."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ != "PROPN":
            return _entity_of(child)
    if head.ent_type_ in _NAME_LABELS or head.pos_ == "PROPN":
        for ent in head.doc.ents:
            if ent.start <= head.i < ent.end and ent.label_ in _NAME_LABELS:
                return ent
        if head.pos_ == "PROPN" and head.text[:1].isupper():  # the tagger errs on "minister"
            return head.doc[_propn_chain(head)[0] : head.i + 1]
    return None


def _titled_name(doc: Any, start: int, end: int) -> Any:
    """The person a bare job description leads up to: "Acme president and CEO Jane Doe" is
    Jane Doe, though the parser may make "president" the head. A determiner, possessive or comma
    before the name ("the president and Jane Doe") makes it a list of people instead."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    for ent in span.ents:
        if ent.label_ == "PERSON" and ent.end == words[-1].i + 1 and ent.start > span.start:
            lead = doc[span.start : ent.start]
            if not any(
                t.pos_ in ("DET", "PRON") or t.text == "," or t.dep_ == "poss" for t in lead
            ):
                return ent
    return None


def _propn_chain(head: Any) -> tuple[int, int]:
    first = head.i
    for child in sorted(head.children, key=lambda c: c.i):
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < head.i:
            first = min(first, child.i)
    return first, head.i + 1


def _np_extent(token: Any) -> tuple[int, int]:
    left = token.left_edge
    return left.idx, token.idx + len(token)
