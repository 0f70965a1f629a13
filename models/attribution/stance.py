"""Verbal cues beyond speech: appearances, evidence and questions put to someone.

Each rule returns ``(content, cue, source_head)`` with character spans; ``source_head`` is None
when the writer reports an impression with no one to credit ("the plan appears doomed"), which
the gold marks as an attribution without a source, unless a person holds it.
"""

from __future__ import annotations

from typing import Any

from .clauses import end_of, find_subject, subtree_span, text_of
from .cues import DATA_NOUNS, EVIDENCE_VERBS, cue_lemma
from .quotes import trim
from .spans import SpanT

Tok = Any
Found = tuple[SpanT, SpanT, Tok | None]

_APPEARANCE = frozenset({"appear", "seem"})
_COMPLEMENTS = ("xcomp", "acomp", "oprd", "ccomp", "attr")
_PERSONAL = frozenset({"he", "she", "they", "i", "we"})
_CONTENT_DEPS = ("dobj", "ccomp", "xcomp", "oprd", "prep", "advcl", "attr", "acomp", "dative")


def appearance(verb: Tok) -> Found | None:
    """ "Voters appear fatigued", "it seems he has no chance": an impression, no source."""
    if cue_lemma(verb) not in _APPEARANCE or verb.pos_ != "VERB":
        return None
    # "appeared on CBS", "appear in his book" are physical appearances, not impressions.
    comps = [
        c
        for c in verb.children
        if c.i > verb.i
        and (c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in ("like", "as")))
    ]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not comps or (subjects and subjects[0].lower_ in ("what", "none", "nothing")):
        return None
    text = text_of(verb.doc)
    end = max(subtree_span(c)[1] for c in comps)
    if subjects and subjects[0].lower_ != "it":
        start = subtree_span(subjects[0])[0]
    elif subjects:  # "it seems that ...": the clause alone
        start = subtree_span(comps[0])[0]
    else:
        start = verb.idx  # a relative or conjoined verb: the impression starts at its cue
    content = trim(text, start, end)
    if content[1] - content[0] < 8:
        return None
    # A person who seems to hope or urge something holds that stance; a thing has no view.
    holder = (
        subjects[0]
        if subjects and (subjects[0].ent_type_ == "PERSON" or (subjects[0].lower_ in _PERSONAL))
        else None
    )
    return content, (verb.idx, end_of(verb)), holder


def evidence(verb: Tok) -> Found | None:
    """ "A new poll shows Smith ahead": a poll, study or record as the source of a finding."""
    if cue_lemma(verb) not in EVIDENCE_VERBS:
        return None
    subject = find_subject(verb)
    if subject is None or subject.lemma_.lower() not in DATA_NOUNS:
        return None
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ in _CONTENT_DEPS]
    if not parts:
        return None
    text = text_of(verb.doc)
    start = min(subtree_span(p)[0] for p in parts)
    end = max(subtree_span(p)[1] for p in parts)
    content = trim(text, start, end)
    if content[1] - content[0] < 3:
        return None
    return content, (verb.idx, end_of(verb)), subject


def as_put(verb: Tok) -> tuple[list[SpanT], SpanT, Tok] | None:
    """ "The deal, as the mayor put it, is a gift": the clause around "as X put it" (or "as X
    said") is X's, with the "as" clause cut out."""
    lemma = cue_lemma(verb)
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    if not (
        lemma in ("say", "note", "write", "explain", "argue", "observe", "remark")
        or (lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children))
    ):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if (
        not subjects
        or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        or (lemma != "put" and any(c.dep_ == "dobj" for c in verb.children))
    ):
        return None
    text = text_of(verb.doc)
    whole = subtree_span(verb.head)
    aside = subtree_span(verb)
    pieces = [trim(text, whole[0], aside[0]), trim(text, aside[1], whole[1])]
    pieces = [p for p in pieces if p[1] - p[0] > 3]
    if not pieces:
        return None
    cue_end = (
        end_of(verb.nbor(1)) if lemma == "put" and verb.i + 1 < len(verb.doc) else (end_of(verb))
    )
    return pieces, (verb.idx, cue_end), subjects[0]


def asked(verb: Tok) -> Found | None:
    """ "She was asked whether ...": the question is reported, its asker is not written."""
    if cue_lemma(verb) != "ask" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    parts = []
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in ("ccomp", "xcomp"):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "about":
            parts.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    if not parts:
        return None
    start, end = subtree_span(parts[0])
    content = trim(text_of(verb.doc), start, end)
    if content[1] - content[0] < 3:
        return None
    return content, (verb.idx, end_of(verb)), None
