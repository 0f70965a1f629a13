"""What a cue verb reports when no quotation sits next to it: its complement clause, and the
checks that keep a clause the parser hung on the wrong verb, or a quote that is not the verb's,
from becoming its content.
"""

from __future__ import annotations

from typing import Any

from .clauses import complement, end_of, subtree_span, text_of
from .cues import COGNITION_VERBS, INTENT_VERBS, SPEECH_VERBS, STANCE_VERBS
from .objects import reported_object
from .participles import splits_in
from .quotes import Quote, has_quote, trim
from .spans import SpanT

_OWN_DEPS = ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd")


def reported_clause(verb: Any, lemma: str) -> SpanT | None:
    text = text_of(verb.doc)
    clause = complement(verb)
    if clause is not None:
        # "X said A, while Y insisted B": the contrast clause is Y's, not part of X's claim.
        contrast = tuple(
            c
            for c in clause.children
            if c.dep_ == "advcl"
            and c.i > clause.i
            and any(m.lower_ in ("while", "whereas") for m in c.children)
        )
        start, end = subtree_span(clause, contrast + splits_in(clause, verb))
    else:
        return None
    if verb.dep_ == "relcl" and start < verb.idx:
        # "the report, which auditors said was flawed": the relative pronoun heading the
        # content stands before the cue; what was said is the rest of the clause.
        start = end_of(verb)
    if start < verb.idx < end:
        return None  # the parser hung the cue inside its own content: distrust it
    if end <= verb.idx and not has_quote(text, start, end) and _preposed_doubtful(verb, lemma):
        return None
    start, end = trim(text, start, end)
    if start > 0 and text[start - 1] in '“"' and text[start:end].count(text[start - 1]) % 2 == 0:
        start -= 1  # content that opens a quotation keeps its opening mark
    if end - start < 3:
        return None
    return start, end


def _preposed_doubtful(verb: Any, lemma: str) -> bool:
    """Unquoted words before the cue are its content only after a plain reporting verb
    ("The deal is dead, he said"); a verb that takes its own object after it ("defended his
    decision"), or one that only states a stance or an aim, follows a clause the parser hung
    on it across a sentence."""
    if any(c.dep_ in _OWN_DEPS and c.i > verb.i for c in verb.children):
        return True
    return (
        lemma in STANCE_VERBS
        or lemma in INTENT_VERBS
        or lemma not in (SPEECH_VERBS | COGNITION_VERBS)
    )


def own_content(verb: Any, lemma: str, quote: SpanT) -> bool:
    """The verb reports words of its own after it, outside ``quote``."""
    found = reported_clause(verb, lemma)
    if found is None:
        obj = reported_object(verb, lemma)
        found = obj[0] if obj is not None else None
    return (
        found is not None
        and found[0] > verb.idx
        and not (found[0] < quote[1] and quote[0] < found[1])
    )


def ends_open(text: str, quote: Quote) -> bool:
    """A quote ending in a comma (or ?, !, dash) runs on into the cue: '"...," he said'."""
    inner = text[quote.start : quote.end].rstrip("”\"'»")
    return bool(inner) and inner[-1] in ",?!—–-"


def parenthetical(verb: Any, subject: Any, clause: SpanT) -> list[SpanT] | None:
    """ "His plan, he said, is dead": the cue clause set off inside the sentence it reports."""
    head = verb.head
    if (
        verb.dep_ not in ("parataxis", "ccomp")
        or head.pos_ not in ("VERB", "AUX")
        or (subject.head != verb)
    ):
        return None
    text = text_of(verb.doc)
    start, end = subtree_span(head)
    pieces = [trim(text, start, clause[0]), trim(text, clause[1], end)]
    pieces = [p for p in pieces if p[1] - p[0] > 2]
    if not pieces or not text[: clause[0]].rstrip().endswith(","):
        return None
    return pieces
