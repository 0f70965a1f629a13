"""Trailing participial cues: "Smith said A, adding B", "She denounced X, calling it Y".

A participle set off by a comma after a reported clause is a second speech act of the same
speaker, not part of what was first reported, wherever the parser hangs it (often on the last
verb of the reported clause). It gets its own attribution, credited to the reporting verb's
subject, and the first attribution's content stops before it.
"""

from __future__ import annotations

from typing import Any

from .cues import COGNITION_VERBS, INTENT_VERBS, PREP_CUES, SPEECH_VERBS, STANCE_VERBS, cue_lemma

Tok = Any

_REPORTED = ("ccomp", "parataxis", "dobj", "xcomp", "conj", "advcl", "pobj", "prep")


def is_cue(token: Tok) -> bool:
    lemma = cue_lemma(token)
    return (
        lemma in SPEECH_VERBS
        or lemma in COGNITION_VERBS
        or lemma in STANCE_VERBS
        or lemma in INTENT_VERBS
        or lemma in PREP_CUES
    )


def is_split(token: Tok) -> bool:
    """A comma- or "and"-joined -ing cue verb with no subject of its own."""
    if token.tag_ != "VBG" or token.dep_ not in ("advcl", "conj") or not is_cue(token):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    left = token.left_edge.i
    if left == 0:
        return False
    before = token.doc[left - 1]
    if before.text == "and" and left > 1:
        before = token.doc[left - 2]  # "..., and calling": the comma decides
    return before.text in (",", ",”", ',"') or (
        before.text in ("”", '"', "''") and left > 1 and token.doc[left - 2].text == ","
    )


def splits_in(root: Tok, cue: Tok) -> tuple[Tok, ...]:
    """Split participles inside ``root``'s subtree (``root`` is content reported by ``cue``)."""
    return tuple(t for t in root.subtree if t != root and t.i > cue.i and is_split(t))


def speaker_of(verb: Tok, find_subject: Any) -> Tok | None:
    """The subject of the cue whose reported content the split participle ``verb`` sits in."""
    if not is_split(verb):
        return None
    # The outermost cue, not the nearest: in "X said he saw no need, telling Y that ..." the
    # participle is X's second act, whatever verb of the reported clause the parser hung it on.
    node, reporter = verb, None
    for _ in range(6):
        if node.head == node:
            break
        parent = node.head
        if (
            node.dep_ in _REPORTED
            and parent.pos_ in ("VERB", "AUX")
            and is_cue(parent)
            and (parent.i < verb.i)
        ):
            reporter = parent
        node = parent
    return find_subject(reporter) if reporter is not None else None
