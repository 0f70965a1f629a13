"""Cue verbs whose content is an object, an infinitive or a prepositional object: stances
("X backs Y"), intentions ("vowed to fight") and public acts ("unveiled a plan").
"""

from __future__ import annotations

from typing import Any

from .clauses import end_of, subtree_span, text_of
from .cues import (
    ACT_VERBS,
    CASTING_VERBS,
    CLAUSE_ONLY,
    COGNITION_VERBS,
    INTENT_VERBS,
    PREP_CUES,
    RECIPIENT_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
)
from .participles import splits_in
from .quotes import trim
from .spans import SpanT


def weak(lemma: str) -> bool:
    """Only a public-act verb: a cue when a person or organisation does it."""
    return lemma in ACT_VERBS and not (
        lemma in SPEECH_VERBS
        or lemma in STANCE_VERBS
        or lemma in COGNITION_VERBS
        or lemma in INTENT_VERBS
    )


def agentive(subject: Any) -> bool:
    """A person or organisation, by name or pronoun: who can perform a public act."""
    return subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.lower_ in (
        "he",
        "she",
        "they",
        "who",
    )


def reported_object(verb: Any, lemma: str) -> tuple[SpanT, SpanT] | None:
    """Content that is an object, an infinitive or a prepositional object: stances.

    Returns (content, cue); the cue takes in a preposition that belongs to it ("called for").
    """
    text = text_of(verb.doc)
    parts = []
    cue_end = end_of(verb)
    for child in verb.children:
        if child.i < verb.i:
            continue
        if (
            child.dep_ in ("dobj", "oprd")
            and lemma not in CLAUSE_ONLY | RECIPIENT_VERBS
            and (lemma in STANCE_VERBS or lemma in SPEECH_VERBS or weak(lemma))
        ):
            parts.append(child)
        elif child.dep_ == "xcomp" and lemma in INTENT_VERBS:
            parts.append(child)
        elif child.dep_ in ("prep", "prt") and child.lower_ in PREP_CUES.get(lemma, ()):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                parts.append(objects[0])
                if not parts[:-1]:
                    cue_end = end_of(child)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    if not parts and lemma in CASTING_VERBS and objects and as_phrase:
        parts = objects + as_phrase  # "sees him as a threat": a judgement, object and all
    if not parts:
        return None
    spans = [subtree_span(p, splits_in(p, verb)) for p in parts]
    start, end = trim(text, min(s for s, _ in spans), max(e for _, e in spans))
    if end - start < 3:
        return None
    return (start, end), (verb.idx, cue_end)
