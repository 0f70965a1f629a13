"""Noun cues: "X's claim that ...", "the decision by X to ...", "X's call for ...", "in X's view".

A nominalised speech act or attitude names its holder as a possessor or a "by"/"from" phrase,
and its content as a clause or a prepositional object. Without a written holder the noun is
left alone: "the claim that ..." alone does not say whose claim it is.
"""

from __future__ import annotations

from typing import Any

from .clauses import clause_of, end_of, subtree_span, text_of
from .cues import NOUN_CUES, VIEW_NOUNS
from .quotes import trim
from .spans import SpanT

Tok = Any
Found = tuple[list[SpanT], SpanT, Tok]

# Prepositions that introduce what a speech act or attitude is about.
_CONTENT_PREPS = frozenset({"on", "about", "of", "for", "against", "to", "over", "that", "with"})
_AGENT_PREPS = frozenset({"by", "from"})


def noun_cue(noun: Tok) -> Found | None:
    if noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    if lemma in VIEW_NOUNS:
        found = _in_view(noun)
        if found is not None:
            return found
    if lemma not in NOUN_CUES or not _free_standing(noun):
        return None
    holder = _holder(noun)
    if holder is None:
        return None
    content = _content(noun)
    if content is None:
        return None
    return [content], _cue(noun), holder


def _free_standing(noun: Tok) -> bool:
    """A cue noun as a verb's object ("blasted his support for ...") is that verb's content:
    the gold credits the outer speaker. As a subject it stands for its own claim."""
    if noun.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT"):
        return True
    return noun.dep_ == "pobj" and noun.head.head.pos_ not in ("VERB", "ADV", "PROPN")


def _holder(noun: Tok) -> Tok | None:
    for child in noun.children:
        if child.dep_ == "poss" and child.i < noun.i and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ in _AGENT_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("PROPN", "NOUN", "PRON"):
                return objects[0]
    return None


def _content(noun: Tok) -> SpanT | None:
    text = text_of(noun.doc)
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and (
            child.dep_ != "relcl" or _complement_clause(child)
        ):
            if (
                child.dep_ == "acl"
                and child.tag_ not in ("VB", "VBP", "VBZ", "VBD")
                and not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ):
                continue  # "the claim made by X" is a participle, not the claim's content
            span = trim(text, *subtree_span(child))
            return span if span[1] - span[0] > 3 else None
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                span = trim(text, *subtree_span(objects[0]))
                return span if span[1] - span[0] > 2 else None
    return None


def _complement_clause(clause: Tok) -> bool:
    """ "the claim that taxes rose" parses as a relative clause; a complement has no gap."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or not any(
        c.lower_ in ("that", "which", "who") and c.dep_ != "mark" for c in clause.children
    )


def _cue(noun: Tok) -> SpanT:
    end = end_of(noun)
    nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if (
        nxt is not None
        and nxt.dep_ == "prep"
        and nxt.head == noun
        and (nxt.lower_ in _CONTENT_PREPS)
    ):
        end = end_of(nxt)  # "call for", "attacks on": the preposition is part of the cue
    return noun.idx, end


def _in_view(noun: Tok) -> Found | None:
    """ "In X's view, ...": the rest of the clause is X's view."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "to"):
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        return None
    text = text_of(noun.doc)
    phrase = subtree_span(prep)
    whole = subtree_span(clause_of(prep))
    pieces = [trim(text, whole[0], phrase[0]), trim(text, phrase[1], whole[1])]
    pieces = [p for p in pieces if p[1] - p[0] > 3]
    if not pieces:
        return None
    return pieces, (prep.idx, end_of(noun)), holder
