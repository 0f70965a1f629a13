"""Dependency-parse helpers: the subject of a cue verb and the clause it reports.

Everything returns character offsets into the parsed text (spaCy's ``token.idx`` is already a
code point offset), so spans never need re-mapping.
"""

from __future__ import annotations

from typing import Any

from .cues import COGNITION_VERBS, DEGREE_ADVERBS, MESSAGE_NOUNS, SPEECH_VERBS

Tok = Any  # spacy.tokens.Token: spaCy's types are not worth importing at module load

_SUBJECTS = ("nsubj", "nsubjpass")
_INHERITS_SUBJECT = ("conj", "xcomp", "advcl")
# Prepositions whose gerund shares the main clause's subject ("began by talking about").
_GERUND_PREPS = frozenset(
    {"by", "after", "before", "while", "upon", "on", "in", "since", "without", "when"}
)
_NOT_A_SOURCE = frozenset({"it", "there", "this", "that", "what", "which", "these", "those"})


_TEXT_KEY = "tidings.text"


def text_of(doc: Any) -> str:
    """The parsed text, built once per document.

    spaCy's ``Doc.text`` joins the text of every token, creating a Token object for each, on
    every access; the rules ask for it once per cue word, which made them quadratic in article
    length. The first call keeps it in ``doc.user_data`` for the rest.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def end_of(token: Tok) -> int:
    return token.idx + len(token)


def subtree_span(token: Tok, skip: tuple[Tok, ...] = ()) -> tuple[int, int]:
    """The extent of ``token``'s subtree, leaving out the subtrees of ``skip`` at its edges."""
    tokens = [t for t in token.subtree if not any(t in s.subtree for s in skip)]
    return tokens[0].idx, end_of(tokens[-1])


def find_subject(verb: Tok, depth: int = 0) -> Tok | None:
    """The speaker of a cue verb: its subject, or the subject it shares with its head.

    "He smiled and said", "Trump remarked, adding that", "was quoted as saying" and
    "continued to say" all reach the subject of the governing verb.
    """
    subjects = sorted(
        (c for c in verb.children if c.dep_ in _SUBJECTS), key=lambda c: abs(c.i - verb.i)
    )
    if subjects:  # the nearest: a dateline ("RENO (AP) —") can pass for a second subject
        child = subjects[0]
        if child.lower_ in _NOT_A_SOURCE and not (
            child.lower_ in ("which", "that") and verb.dep_ == "relcl"
        ):
            return None
        return child
    if depth > 3:
        return None
    head = verb.head
    if head == verb:
        return None
    if verb.dep_ in _INHERITS_SUBJECT and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None  # "when he said" is its own clause, not a participle of the head
        return find_subject(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "as":
        return find_subject(head.head, depth + 1)  # "was quoted as saying"
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and head.lower_ in _GERUND_PREPS
        and head.head.pos_ in ("VERB", "AUX")
    ):
        return find_subject(head.head, depth + 1)  # "responded by calling for", "after saying"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("PROPN", "NOUN"):
        return head  # "Trump, saying that ..."
    return None


def source_span(subject: Tok, verb: Tok | None = None) -> tuple[int, int]:
    """The source mention, as the gold marks it: the subject's whole phrase, relative clause
    included, and the comma that closes a set-off phrase ("Smith, the mayor, said")."""
    if subject.lower_ == "that" and subject.head.dep_ == "relcl" and subject.i > 0:
        # "a video that showed ...": unlike "who", relative "that" is credited through the noun
        # it stands for, which the gold marks as the source.
        antecedent = subject.head.head
        start = antecedent.left_edge.idx
        return (
            (start, end_of(subject.doc[subject.i - 1]))
            if start < subject.idx
            else (subject.idx, end_of(subject))
        )
    if subject.dep_ == "acl" or subject.lower_ in ("who", "which", "that"):
        return subject.idx, end_of(subject)
    owner = _possessor(subject)
    if owner is not None:
        return source_span(owner)  # "the campaign's statement said": the campaign speaks
    # Participles ("a poll released Thursday") stay in the mention; -ing clauses are usually
    # the parser hanging the reported words on the name. A trailing date is the cue's.
    skip = [
        c
        for c in subject.children
        if c.i > subject.i
        and ((c.dep_ == "acl" and c.tag_ != "VBN") or (c.dep_ == "prep" and _is_date_phrase(c)))
    ]
    tokens = [t for t in subject.subtree if not any(t in s.subtree for s in skip)]
    if verb is not None:
        # A subject that swallowed its own verb is a parse error: keep the part before it.
        tokens = [t for t in tokens if t.i < verb.i] if subject.i < verb.i else tokens
    # Sentence-initial adverbs and anything across a line break belong to no name.
    while (
        tokens
        and (
            tokens[0].dep_ in ("advmod", "cc", "punct", "preconj")
            or tokens[0].is_space
            or "\n" in tokens[0].text
        )
        and tokens[0] != subject
        and (tokens[0].lower_ not in DEGREE_ADVERBS)
    ):
        tokens = tokens[1:]
    # A dateline or timestamp paragraph parsed into the subject: the name is after the break.
    last_break = max(
        (k for k, t in enumerate(tokens) if "\n" in t.whitespace_ + t.text), default=-1
    )
    if 0 <= last_break < len(tokens) - 1 and (verb is None or tokens[-1].i < verb.i):
        tokens = tokens[last_break + 1 :]
    while (
        len(tokens) > 1
        and (tokens[-1].is_punct or tokens[-1].is_space)
        and (tokens[-1] != subject)
        and not (tokens[-1].text == ")" and any(t.text == "(" for t in tokens))
    ):
        tokens = tokens[:-1]
    if not tokens:
        return subject.idx, end_of(subject)
    start, end = tokens[0].idx, end_of(tokens[-1])
    doc = subject.doc
    after = tokens[-1].i + 1
    if (
        any(t.text == "," for t in tokens)
        and after < len(doc)
        and doc[after].text == ","
        and (verb is None or after < verb.i)
    ):
        end = end_of(doc[after])
    return start, end


def _possessor(subject: Tok) -> Tok | None:
    if subject.lemma_.lower() not in MESSAGE_NOUNS:
        return None
    return next((c for c in subject.children if c.dep_ == "poss" and c.i < subject.i), None)


def _is_date_phrase(prep: Tok) -> bool:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return (
        bool(objects)
        and objects[0].ent_type_ in ("DATE", "TIME")
        and prep.lower_ in ("on", "in", "at", "during", "last", "this")
    )


def cue_span(verb: Tok) -> tuple[int, int]:
    """The cue word, with a directly following particle ("points out")."""
    end = end_of(verb)
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = end_of(child)
    return verb.idx, end


def clause_extent(verb: Tok, subject: Tok | None, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The words of the cue clause itself ("Smith said in a statement"), no reported content."""
    start, end = verb.idx, end_of(verb)
    if subject is not None and subject.head is verb:
        s0, s1 = subtree_span(subject)
        start, end = min(start, s0), max(end, s1)
    for child in verb.children:
        if child.dep_ in (
            "ccomp",
            "parataxis",
            "conj",
            "punct",
            "advcl",
            "cc",
            "xcomp",
            "dep",
            "dobj",
            "relcl",
        ):
            continue
        c0, c1 = subtree_span(child)
        if any(q0 < c1 and c0 < q1 for q0, q1 in quotes):
            continue
        if child.i < verb.i:
            start = min(start, c0)
        else:
            end = max(end, c1)
    return start, end


def complement(verb: Tok) -> Tok | None:
    """The reported clause: a complement clause, or a quote loosely attached by the parser."""
    best = None
    for child in verb.children:
        if (
            child.dep_ in ("ccomp", "parataxis")
            and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN", "PRON")
            and not (_aside(child))
        ):
            if best is None or abs(child.i - verb.i) < abs(best.i - verb.i):
                best = child
    if best is None and verb.lemma_ == "say":
        # "said legalizing it would help": a gerund subject the parser takes for an xcomp
        best = next(
            (
                c
                for c in verb.children
                if c.dep_ == "xcomp"
                and c.i > verb.i
                and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            ),
            None,
        )
    return best


def _aside(clause: Tok) -> bool:
    """A set-off reporting clause ("Instead, she said, ...") is the sentence's own cue, not
    content: the parser hangs it on the main verb as a parataxis."""
    return (
        clause.dep_ == "parataxis"
        and clause.lemma_.lower() in (SPEECH_VERBS | COGNITION_VERBS)
        and any(c.dep_ == "nsubj" for c in clause.children)
    )


def according_to(token: Tok) -> tuple[Tok, Tok] | None:
    """("to", source head) when ``token`` is the "according" of "according to X"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return child, objects[0]
    return None


def clause_of(token: Tok) -> Tok:
    """The clause an adverbial phrase modifies: the nearest verbal ancestor, else the root."""
    node = token.head
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node
