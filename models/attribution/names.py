"""Source phrases to canonical names for the cue rules: titles, appositions, determiners.

No parser and no NER here: a name is a run of capitalised words that is not a title and does
not stand after "de"/"of" (what the source is of: "el ministro de Economía"). German
capitalises every noun, so there a name needs two capitalised words after any title.
"""

from __future__ import annotations

import re

from .lexicons import Lexicon

# Words after which a capitalised run is what the source is of or where, not who it is: "el
# ministro de Economía", "le ministre de l'Éducation", "lors d'un déplacement à Lille".
_OF = frozenset(
    "de del des du d' d’ di della dello dei degli delle da do dos das dels of din al ale "
    "aus von vom à au aux a en em in im nel nella în sur par por per pour".split()
)
_PARTICLES = frozenset("de del da di do dos van von der la le al".split())
_RO_ARTICLE = re.compile(r"(?:ul|ului|ii|iei|lor|ele|a)$")
_TOKEN = re.compile(r"[\w’'.-]+")


def canonical(source: str, lex: Lexicon) -> tuple[str, bool]:
    """The name a source phrase stands for, and whether it is a name at all.

    "la ministra Teresa Ribera" -> ("Teresa Ribera", True); "le ministre de l'Éducation,
    Gabriel Attal" -> ("Gabriel Attal", True); "el ministro de Economía" stays as written,
    unnamed. Without a name after a title, the phrase itself is kept (see _named).
    """
    tokens = list(_TOKEN.finditer(source))
    words = [t.group().rstrip(".") for t in tokens]
    german = lex.complementizer == "dass"
    best: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(words) and not source[tokens[j].end() : tokens[j + 1].start()].strip():
            if words[j + 1][:1].isupper():
                j += 1
            elif words[j + 1] in _PARTICLES and j + 2 < len(words) and words[j + 2][:1].isupper():
                j += 2
            elif (  # "Ursula von der Leyen"
                words[j + 1] in _PARTICLES
                and j + 3 < len(words)
                and words[j + 2] in _PARTICLES
                and words[j + 3][:1].isupper()
            ):
                j += 3
            else:
                break
        # Capitalised titles ("Ministrul", German nouns) open the run but are not the name.
        k = i
        while k <= j and words[k].lower() in lex.determiners:
            k += 1  # "Die Ministerin Lisa Paus": a capitalised article opens the run
        d = k
        while k <= j and _is_title(words[k], lex):
            k += 1
        before = words[k - 1].lower() if k > 0 else ""
        after_title = k > d or (before and before not in lex.determiners and before not in _OF)
        if k == j and lex.complementizer == "că" and _RO_ARTICLE.search(words[k]):
            after_title = False  # "primarului Capitalei": a noun with its article
        name_start = k <= j and words[k][:1].isupper()  # not "der Stadt"
        if name_start and after_title and (not german or j - k >= 1):
            best = (k, j)
        i = j + 1
    if words and words[0][:1].isupper() and "," in source and not _is_title(words[0], lex):
        # "Luis Torres, el director del hospital", "La CGT, qui appelle à la grève": the
        # capitalised run before the comma is the source (with its article, as written).
        run = source[: source.index(",")].strip()
        names = run.split()[1:] if words[0].lower() in lex.determiners else run.split()
        if (
            names
            and all(w[:1].isupper() or w in _PARTICLES for w in names)
            and not any(_is_title(w, lex) for w in names)
            and not (german and len(names) < 2)
        ):
            return run, True
    if best is not None:
        name = source[tokens[best[0]].start() : tokens[best[1]].end()].rstrip(".")
        return name, True
    return source, _named(source, lex)


def _is_title(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    if lex.complementizer == "dass":
        return any(low.endswith(t) for t in lex.titles)
    return low in lex.titles


def _named(source: str, lex: Lexicon) -> bool:
    words = source.split()
    if not words or words[0].lower() in lex.pronouns:
        return False
    if lex.complementizer == "dass" and len(words) == 1:
        return False  # German capitalises every noun: "Laut Polizei" names no one
    if lex.complementizer == "că" and len(words) == 1 and _RO_ARTICLE.search(words[0]):
        return False  # Romanian's enclitic article: "Primarul", "Guvernului" are nouns
    if words[0].lower() in lex.determiners or words[0].lower()[:2] in ("l'", "l’"):
        # "la Lusa", "l’AFP" are names; German capitalises every noun, so not there.
        rest = words[1:] if words[0].lower() in lex.determiners else [words[0][2:]]
        return (
            lex.complementizer != "dass"
            and bool(rest)
            and rest[0][:1].isupper()
            and not _is_title(rest[0], lex)
        )
    return words[0][:1].isupper() and not _is_title(words[0], lex)
