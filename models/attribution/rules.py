"""Lexicon and quotation rules for the other source languages; no parser.

A quote next to a cue and a source phrase, "X dijo que ...", "..., a précisé le ministère",
and "según X" on either side of its content (see README.md for the order). It misses
paraphrase without a cue word and sources that are not next to their cue, and it never
guesses a source that is not written beside the cue.
"""

from __future__ import annotations

import re

from tidings.models.base import Attribution, AttributionKind, Span, Unsupported

from .lexicons import LEXICONS, Lexicon
from .names import canonical
from .quotes import find_quotes, trim

_UPPER = "A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢ"
_WORD = r"[\w'’.-]+"
_NAME = (
    rf"[{_UPPER}]{_WORD}(?:\s+(?:(?:de|del|da|di|do|dos|van|von|der|la|le|al)\s+){{0,2}}"
    rf"[{_UPPER}]{_WORD}){{0,3}}"
)
# A name set off by commas right after a title phrase: ", Gabriel Attal,".
_APPOSED = re.compile(rf",\s+{_NAME}(?=\s*,)")
_SENT_END = re.compile(r"[.!?][\"”»']?(?=\s|$)|\n")


def _alts(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class CueRuleExtractor:
    name = "cue-rules"

    def __init__(self) -> None:
        self._patterns = {code: self._compile(lex) for code, lex in LEXICONS.items()}

    def languages(self) -> set[str]:
        return set(LEXICONS)

    def extract(self, text: str, language: str) -> list[Attribution]:
        code = language.split("-")[0].lower()
        if code not in LEXICONS:
            raise Unsupported(f"{self.name} has no cue lexicon for {language!r}")
        lex, pats = LEXICONS[code], self._patterns[code]
        found: list[Attribution] = []
        for quote in find_quotes(text):
            att = self._quoted(text, quote.start, quote.end, lex, pats)
            if att is not None:
                found.append(att)
        for match in pats["subject"].finditer(text):
            found.append(self._indirect(text, match, lex))
        for match in pats["indirect"].finditer(text):
            found.append(self._indirect(text, match, lex))
        for match in pats["postposed"].finditer(text):
            att = self._postposed(text, match, lex)
            if att is not None:
                found.append(att)
        for match in pats["according"].finditer(text):
            att = self._according(text, match, lex)
            if att is not None:
                found.append(att)
        return _without_overlaps(found)

    @staticmethod
    def _compile(lex: Lexicon) -> dict[str, re.Pattern[str]]:
        det = rf"(?i:{_alts(lex.determiners)})"
        # A determiner and its space, or an elided article glued to its noun: "l'alcalde".
        det_ = rf"(?:{det}\s+|(?i:l)['’](?=\w))"
        # An unnamed source runs from its determiner to the next punctuation, at most 6 words.
        unnamed = rf"{det_}[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?(?=\s*[,.;:!?\n]|\s*\Z)"
        # A title phrase and the name set off after it; Romanian writes no article apart.
        titled = rf"{det_}?[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?,\s+{_NAME}(?=\s*[.;!?\n]|\s*\Z)"
        source = rf"(?P<source>{titled}|{det_}{_NAME}|{_NAME}|{unnamed}|{_alts(lex.pronouns)})"
        # Before its cue the phrase ends where the cue begins: "el portavoz del Gobierno dijo".
        leading = rf"(?P<source>{det_}{_NAME}|{_NAME}|{det_}[\w’'-]+(?:\s+[\w’'-]+){{0,3}}?)"
        cue = rf"(?P<cue>{_alts(lex.cues)})"
        rel = rf"(?:{_alts(lex.relatives)})\s[^,.;:!?\n]{{3,60}},"
        subject = (
            rf"{_NAME},\s+(?!{rel})[^,.;:!?\n]{{3,60}},"
            rf"|{det_}?[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?,\s+{_NAME},"
            rf"|{det_}?[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?"
        )
        # Up to two lowercase words between a cue and its source or clause: "a martelé mardi
        # le patron", "a répété jeudi que".
        gap = rf"(?:\s+(?!{det_})(?![{_UPPER}\d_])[\w’'-]+){{0,2}}?"
        # German reports without "dass" after a comma: "erklärte, die Firma werde ...".
        no_comp = r",\s+(?P<comp2>(?=\w))" if lex.complementizer == "dass" else "(?!)"
        # "que" before a space; French elides it before a vowel: "qu'il", "qu’elle".
        comp = rf"{lex.complementizer}(?=\s)" + (rf"|{lex.elided}['’](?=\w)" if lex.elided else "")
        comp = rf"(?:{comp})"
        flags = re.UNICODE
        according_source = rf"{det_}?{_NAME}" if lex.according_name_only else r"[^,.;:\n]{2,80}"
        return {
            # '«...», dijo el ministro' / '„...“, sagte Scholz'
            # The whole rest of the sentence first ("la Première ministre Élisabeth Borne"),
            # else the leading source phrase ("Pedro Sánchez en el Congreso").
            "after_cue_first": re.compile(
                rf"\A\s*,?\s*{cue}{gap}\s+{source}(?:\s+(?:mit|hinzu|ein))?\s*(?:[.;:!?,\n]|\Z)",
                flags,
            ),
            "after_cue_loose": re.compile(rf"\A\s*,?\s*{cue}\s+{source}", flags),
            # '"...", Merkel sagte' (rarer)
            "after_source_first": re.compile(rf"\A\s*,?\s*{leading}\s+{cue}\b", flags),
            # 'Merkel sagte: „...“'
            "before": re.compile(rf"(?<![\w’'-]){leading}\s+{cue}\s*[:,]?\s*\Z", flags),
            "indirect": re.compile(
                rf"(?<![\w])(?P<source>{_NAME})\s+{cue}{gap}\s+(?P<comp>{comp})",
                flags,
            ),
            # A subject phrase opening its sentence, or after a fronted phrase and its comma:
            # "Una fuente del ministerio aseguró que", "Luis Torres, el director del
            # hospital, aseguró que", "Dans un communiqué, la SNCF a annoncé que", "Le
            # Premier ministre, qui ..., a affirmé que", "Er erklärte, die ..."
            "subject": re.compile(
                rf"(?:\A|(?<=[.!?]\s)|(?<=\n))(?:[^,.;:!?\n«»“”\"„]{{2,60}},\s+)??"
                rf"(?P<source>{subject})(?:,\s+{rel})?\s+{cue}{gap}"
                rf"(?:\s*,?\s+(?P<comp>{comp})|{no_comp})",
                flags,
            ),
            # Content first, then the cue and its source to the end of the sentence:
            # "Le budget sera présenté en juin, a précisé le ministère."
            "postposed": re.compile(
                rf",\s+{cue}\s+(?![^.!?\n]*\b{comp})(?P<source>{det_}[^,.;:!?\n]{{2,60}}?(?:,\s+{_NAME})?|{_NAME}"
                rf"|[^\W\d_][\w’'-]*(?:\s+[\w’'-]+){{0,5}}?)(?:\s+(?:mit|hinzu|ein))?(?=\s*[.!?](?:\s|\Z)|\s*\Z)",
                flags,
            ),
            "according": re.compile(
                rf"(?<![\w])(?P<cue>(?i:{_alts(lex.according)}))\s+(?P<source>{according_source})"
                rf"|(?P<source2>[^,.;:\n]{{2,80}}?)\s+(?P<cue2>{_alts(lex.postposed) or '(?!)'})"
                r"(?=[\s,])",
                flags,
            ),
        }

    def _quoted(
        self, text: str, q0: int, q1: int, lex: Lexicon, pats: dict[str, re.Pattern[str]]
    ) -> Attribution | None:
        if q1 - q0 < 4:
            return None
        tail = text[q1 : _sentence_end(text, q1) + 1]
        for key in ("after_cue_first", "after_cue_loose", "after_source_first"):
            match = pats[key].match(tail)
            if match:
                return _make(text, (q0, q1), match, q1, lex, AttributionKind.DIRECT, 0.8)
        line_start = text.rfind("\n", 0, q0) + 1
        head = text[max(line_start, q0 - 120) : q0]
        match = pats["before"].search(head)
        if match:
            return _make(text, (q0, q1), match, q0 - len(head), lex, AttributionKind.DIRECT, 0.75)
        return None

    def _indirect(self, text: str, match: re.Match[str], lex: Lexicon) -> Attribution:
        comp = "comp" if match.groupdict().get("comp") is not None else "comp2"
        start = match.start(comp)
        end = _sentence_end(text, start)
        content = trim(text, start, end)
        kind = (
            AttributionKind.MIXED
            if any(q in text[content[0] : content[1]] for q in '"“”«»„')
            else AttributionKind.INDIRECT
        )
        return _make(text, content, match, 0, lex, kind, 0.7)

    def _postposed(self, text: str, match: re.Match[str], lex: Lexicon) -> Attribution | None:
        if any(q in text[match.start() : match.end()] for q in '"“”«»„'):
            return None  # a quote's own rules handle it
        content = trim(text, _sentence_start(text, match.start()), match.start())
        if content[1] - content[0] < 8:
            return None
        return _make(text, content, match, 0, lex, AttributionKind.INDIRECT, 0.65)

    def _according(self, text: str, match: re.Match[str], lex: Lexicon) -> Attribution | None:
        cue_group = "cue" if match.group("cue") else "cue2"
        source_group = "source" if cue_group == "cue" else "source2"
        s0, s1 = trim(
            text, match.start(source_group), match.end(source_group), keep_final_quote=False
        )
        first = text[s0:s1].split()[0].lower() if s1 > s0 else ""
        if not first or first in lex.pronouns or first in lex.no_source:
            return None  # "selon moi", "según parece": no source is written
        sent0 = _sentence_start(text, match.start())
        sent1 = _sentence_end(text, match.end())
        body = match.end()
        apposed = _APPOSED.match(text, s1)
        if apposed and any(w.islower() and w not in lex.determiners for w in text[s0:s1].split()):
            # "Según el director del colegio, Javier Ortega, ...": the name is the source.
            s1 = body = apposed.end()
        name, named = canonical(text[s0:s1], lex)
        if match.start() - sent0 < 3:  # "Según X, content."
            content = trim(text, body, sent1)
        else:  # "content, según X."
            content = trim(text, sent0, match.start())
        if content[1] - content[0] < 8:
            return None
        return Attribution(
            content=text[content[0] : content[1]],
            content_span=Span(*content),
            kind=AttributionKind.INDIRECT,
            confidence=0.7,
            source=text[s0:s1],
            source_span=Span(s0, s1),
            source_name=name,
            source_named=named,
            cue=match.group(cue_group),
            cue_span=Span(match.start(cue_group), match.end(cue_group)),
            content_fragments=(Span(*content),),
        )


def _make(
    text: str,
    content: tuple[int, int],
    match: re.Match[str],
    offset: int,
    lex: Lexicon,
    kind: AttributionKind,
    confidence: float,
) -> Attribution:
    s0, s1 = offset + match.start("source"), offset + match.end("source")
    s0, s1 = trim(text, s0, s1, keep_final_quote=False)
    c0, c1 = offset + match.start("cue"), offset + match.end("cue")
    source = text[s0:s1]
    name, named = canonical(source, lex)
    return Attribution(
        content=text[content[0] : content[1]],
        content_span=Span(*content),
        kind=kind,
        confidence=confidence,
        source=source,
        source_span=Span(s0, s1),
        source_name=name,
        source_named=named,
        cue=text[c0:c1],
        cue_span=Span(c0, c1),
        content_fragments=(Span(*content),),
    )


def _sentence_end(text: str, pos: int) -> int:
    match = _SENT_END.search(text, pos)
    return match.start() if match else len(text)


def _sentence_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _SENT_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    while start < pos and text[start].isspace():
        start += 1
    return start


def _without_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Quotes first, then the rest where it does not repeat a claim already found."""
    kept: list[Attribution] = []
    for att in found:
        if not any(att.content_span.overlaps(k.content_span) for k in kept):
            kept.append(att)
    return sorted(kept, key=lambda a: a.content_span.start)
