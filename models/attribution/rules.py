"""Lexicon and quotation rules for the other source languages; no parser.

Modest on purpose: a quote next to a cue and a source phrase, "X dijo que ...", and "según X".
It misses paraphrase without a cue word and sources that are not next to their cue, and it
never guesses a source that is not written beside the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.models.base import Attribution, AttributionKind, Span, Unsupported

from .quotes import find_quotes, trim


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[str, ...]  # verbal cues, inflected as written, longest first once compiled
    according: tuple[str, ...]  # "según", "selon", "laut": the source follows
    postposed: tuple[str, ...]  # "zufolge": the source precedes
    complementizer: str  # "que", "che", "dass": opens reported speech
    determiners: tuple[str, ...]  # open an unnamed source phrase ("un portavoz")
    pronouns: tuple[str, ...]
    # German fronts "laut X" with no comma before the verb: there the source is only a name.
    according_name_only: bool = False


LEXICONS: dict[str, Lexicon] = {
    "es": Lexicon(
        (
            "dijo",
            "dice",
            "afirmó",
            "afirma",
            "declaró",
            "aseguró",
            "asegura",
            "explicó",
            "señaló",
            "indicó",
            "añadió",
            "agregó",
            "manifestó",
            "sostuvo",
            "advirtió",
            "subrayó",
            "insistió",
            "reconoció",
            "admitió",
            "anunció",
            "confirmó",
            "negó",
            "denunció",
            "comentó",
            "destacó",
            "precisó",
            "ha dicho",
            "ha afirmado",
            "ha declarado",
            "ha asegurado",
            "ha señalado",
            "ha explicado",
            "cree",
            "considera",
            "consideró",
        ),
        ("según", "de acuerdo con"),
        (),
        "que",
        ("el", "la", "los", "las", "un", "una", "unos", "unas", "fuentes"),
        ("él", "ella", "ellos", "ellas"),
    ),
    "fr": Lexicon(
        (
            "a déclaré",
            "a dit",
            "a affirmé",
            "a expliqué",
            "a ajouté",
            "a souligné",
            "a indiqué",
            "a estimé",
            "a assuré",
            "a annoncé",
            "a confirmé",
            "a précisé",
            "a averti",
            "a reconnu",
            "a insisté",
            "a-t-il déclaré",
            "a-t-elle déclaré",
            "a-t-il dit",
            "a-t-elle dit",
            "a-t-il ajouté",
            "a-t-elle ajouté",
            "a-t-il expliqué",
            "a-t-elle expliqué",
            "a-t-il affirmé",
            "a-t-elle affirmé",
            "déclare",
            "affirme",
            "explique",
            "ajoute",
            "souligne",
            "estime",
            "assure",
            "indique",
            "dit",
            "selon lui",
            "selon elle",
        ),
        ("selon", "d'après", "d’après"),
        (),
        "que",
        ("le", "la", "les", "un", "une", "des", "l'", "l’"),
        ("il", "elle", "ils", "elles"),
    ),
    "it": Lexicon(
        (
            "ha detto",
            "ha dichiarato",
            "ha affermato",
            "ha spiegato",
            "ha aggiunto",
            "ha sottolineato",
            "ha annunciato",
            "ha confermato",
            "ha ribadito",
            "ha precisato",
            "ha avvertito",
            "ha ammesso",
            "dice",
            "afferma",
            "spiega",
            "aggiunge",
            "sottolinea",
            "dichiara",
            "disse",
            "ritiene",
        ),
        ("secondo", "stando a"),
        (),
        "che",
        ("il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "l'", "l’", "fonti"),
        ("lui", "lei", "loro"),
    ),
    "pt": Lexicon(
        (
            "disse",
            "afirmou",
            "declarou",
            "explicou",
            "acrescentou",
            "sublinhou",
            "garantiu",
            "anunciou",
            "confirmou",
            "referiu",
            "salientou",
            "destacou",
            "admitiu",
            "negou",
            "diz",
            "afirma",
            "considera",
            "defendeu",
        ),
        ("segundo", "de acordo com", "conforme"),
        (),
        "que",
        ("o", "a", "os", "as", "um", "uma", "fontes"),
        ("ele", "ela", "eles", "elas"),
    ),
    "ca": Lexicon(
        (
            "va dir",
            "va afirmar",
            "va declarar",
            "va explicar",
            "va assegurar",
            "va afegir",
            "va anunciar",
            "va assenyalar",
            "ha dit",
            "ha afirmat",
            "ha declarat",
            "ha explicat",
            "ha assegurat",
            "ha afegit",
            "diu",
            "afirma",
            "explica",
            "assegura",
            "considera",
        ),
        ("segons",),
        (),
        "que",
        ("el", "la", "els", "les", "un", "una", "l'", "l’", "fonts"),
        ("ell", "ella"),
    ),
    "gl": Lexicon(
        (
            "dixo",
            "afirmou",
            "declarou",
            "explicou",
            "engadiu",
            "asegurou",
            "anunciou",
            "sinalou",
            "indicou",
            "confirmou",
            "di",
            "afirma",
            "considera",
        ),
        ("segundo", "de acordo con"),
        (),
        "que",
        ("o", "a", "os", "as", "un", "unha", "fontes"),
        ("el", "ela"),
    ),
    "ro": Lexicon(
        (
            "a spus",
            "a declarat",
            "a afirmat",
            "a explicat",
            "a adăugat",
            "a subliniat",
            "a anunțat",
            "a confirmat",
            "a precizat",
            "a transmis",
            "spune",
            "declară",
            "afirmă",
            "consideră",
        ),
        ("potrivit", "conform", "după"),
        (),
        "că",
        ("un", "o", "niște", "surse"),
        ("el", "ea"),
    ),
    "de": Lexicon(
        (
            "sagte",
            "sagt",
            "erklärte",
            "erklärt",
            "betonte",
            "betont",
            "fügte hinzu",
            "meinte",
            "teilte mit",
            "kritisierte",
            "warnte",
            "bestätigte",
            "versicherte",
            "räumte ein",
            "hieß es",
            "so",
        ),
        ("laut", "nach Angaben von", "nach Angaben"),
        ("zufolge",),
        "dass",
        ("der", "die", "das", "ein", "eine", "einer"),
        ("er", "sie"),
        True,
    ),
}

_UPPER = "A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢ"
_WORD = r"[\w'’.-]+"
_NAME = (
    rf"[{_UPPER}]{_WORD}(?:\s+(?:(?:de|del|da|di|do|dos|van|von|der|la|le|al)\s+)?"
    rf"[{_UPPER}]{_WORD}){{0,3}}"
)
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
        for match in pats["indirect"].finditer(text):
            found.append(self._indirect(text, match, lex))
        for match in pats["according"].finditer(text):
            att = self._according(text, match, lex)
            if att is not None:
                found.append(att)
        return _without_overlaps(found)

    @staticmethod
    def _compile(lex: Lexicon) -> dict[str, re.Pattern[str]]:
        det = rf"(?i:{_alts(lex.determiners)})"
        # An unnamed source runs from its determiner to the next punctuation, at most 6 words.
        unnamed = rf"{det}\s+[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?(?=\s*[,.;:!?\n]|\s*\Z)"
        source = rf"(?P<source>{det}\s+{_NAME}|{_NAME}|{unnamed}|{_alts(lex.pronouns)})"
        # Before its cue the phrase ends where the cue begins: "el portavoz del Gobierno dijo".
        leading = rf"(?P<source>{det}\s+{_NAME}|{_NAME}|{det}\s+[\w’'-]+(?:\s+[\w’'-]+){{0,3}}?)"
        cue = rf"(?P<cue>{_alts(lex.cues)})"
        flags = re.UNICODE
        according_source = (
            rf"(?:{det}\s+)?{_NAME}" if lex.according_name_only else r"[^,.;:\n]{2,80}"
        )
        return {
            # '«...», dijo el ministro' / '„...“, sagte Scholz'
            "after_cue_first": re.compile(rf"\A\s*,?\s*{cue}\s+{source}", flags),
            # '"...", Merkel sagte' (rarer)
            "after_source_first": re.compile(rf"\A\s*,?\s*{leading}\s+{cue}\b", flags),
            # 'Merkel sagte: „...“'
            "before": re.compile(rf"(?<![\w’'-]){leading}\s+{cue}\s*[:,]?\s*\Z", flags),
            "indirect": re.compile(
                rf"(?<![\w])(?P<source>{_NAME})\s+{cue}\s+(?P<comp>{lex.complementizer})\s", flags
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
        for key in ("after_cue_first", "after_source_first"):
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
        start = match.start("comp")
        end = _sentence_end(text, start)
        content = trim(text, start, end)
        kind = (
            AttributionKind.MIXED
            if any(q in text[content[0] : content[1]] for q in '"“”«»„')
            else AttributionKind.INDIRECT
        )
        return _make(text, content, match, 0, lex, kind, 0.7)

    def _according(self, text: str, match: re.Match[str], lex: Lexicon) -> Attribution | None:
        cue_group = "cue" if match.group("cue") else "cue2"
        source_group = "source" if cue_group == "cue" else "source2"
        s0, s1 = trim(
            text, match.start(source_group), match.end(source_group), keep_final_quote=False
        )
        if s1 <= s0 or not any(ch.isupper() for ch in text[s0:s1]):
            return None  # "selon moi", "según parece": no source is written
        sent0 = _sentence_start(text, match.start())
        sent1 = _sentence_end(text, match.end())
        if match.start() - sent0 < 3:  # "Según X, content."
            content = trim(text, match.end(), sent1)
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
            source_name=text[s0:s1],
            source_named=_named(text[s0:s1], lex),
            cue=match.group(cue_group),
            cue_span=Span(match.start(cue_group), match.end(cue_group)),
            content_fragments=(Span(*content),),
        )


def _named(source: str, lex: Lexicon) -> bool:
    words = source.split()
    if not words or words[0].lower() in lex.pronouns:
        return False
    if words[0].lower() in lex.determiners or words[0].lower()[:2] in ("l'", "l’"):
        # "la Lusa", "l’AFP" are names; German capitalises every noun, so not there.
        rest = words[1:] if words[0].lower() in lex.determiners else [words[0][2:]]
        return lex.complementizer != "dass" and bool(rest) and rest[0][:1].isupper()
    return words[0][:1].isupper()


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
    return Attribution(
        content=text[content[0] : content[1]],
        content_span=Span(*content),
        kind=kind,
        confidence=confidence,
        source=source,
        source_span=Span(s0, s1),
        source_name=source,
        source_named=_named(source, lex),
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
