"""Per-language lexicons of the cue rules: speech verbs, "according to" words, determiners.

There is no lemmatiser here, so verbal cues are the inflected forms news copy writes: each
language lists its reporting verbs once, by infinitive (or stem), and `inflect.py` spells out
the third-person forms of its regular conjugations (singular and plural; the preterite, the
present and the compound past); irregular forms are listed as written. One Lexicon per
accepted source language but English.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inflect import CONJUGATE


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
    # Titles that may stand capitalised before a name ("Ministrul Marcel Boloș", German
    # nouns): not part of the name.
    titles: tuple[str, ...] = ()
    # Words that may follow "según"-like cues and name nobody: "selon moi", "según parece".
    no_source: tuple[str, ...] = ()
    # Relative pronouns: "Le Premier ministre, qui ..., a affirmé": the clause is not the source.
    relatives: tuple[str, ...] = ("que",)
    # The complementizer's elided form before a vowel: French "qu'il".
    elided: str = ""


# Titles German writes before a name; compounds ending in these count too ("Innenminister").
GERMAN_TITLES = (
    "kanzler", "kanzlerin", "minister", "ministerin", "präsident", "präsidentin",
    "bürgermeister", "bürgermeisterin", "sprecher", "sprecherin", "chef", "chefin",
    "vorsitzende", "vorsitzender", "trainer", "trainerin", "direktor", "direktorin",
)  # fmt: skip

# Reporting verbs per language, as infinitives of the regular conjugations (see inflect.py)
# plus irregular forms written out.
VERBS: dict[str, tuple[str, ...]] = {
    "es": (
        "afirmar declarar asegurar explicar señalar indicar manifestar anunciar confirmar "
        "denunciar comentar destacar precisar subrayar apuntar alertar reiterar informar "
        "revelar considerar opinar estimar lamentar criticar avisar aclarar relatar "
        "argumentar puntualizar agregar insistir admitir añadir reconocer responder"
    ).split(),
    "fr": (
        "déclarer affirmer expliquer ajouter souligner indiquer estimer assurer annoncer "
        "confirmer préciser insister raconter juger considérer dénoncer signaler commenter "
        "révéler noter observer confier témoigner regretter rappeler avertir réagir marteler "
        "répéter lâcher"
    ).split(),
    "it": (
        "dichiarare affermare spiegare sottolineare annunciare confermare precisare assicurare "
        "denunciare raccontare ricordare osservare rivelare commentare avvertire ribadire "
        "riferire"
    ).split(),
    "pt": (
        "afirmar declarar explicar sublinhar anunciar confirmar salientar destacar avisar "
        "revelar denunciar considerar alertar acrescentar adiantar assegurar indicar informar "
        "lembrar contar frisar apontar criticar negar garantir admitir referir reconhecer "
        "defender responder escrever"
    ).split(),
    "ca": (
        "afirmar declarar assegurar explicar anunciar assenyalar denunciar considerar destacar "
        "confirmar indicar recordar subratllar lamentar precisar insistir afegir advertir"
    ).split(),
    "gl": (
        "afirmar declarar asegurar explicar anunciar sinalar indicar confirmar denunciar "
        "revelar considerar destacar lembrar subliñar advertir engadir recoñecer"
    ).split(),
    # Romanian: (past participle, present third person) pairs; the plural present of the
    # first conjugation equals the singular ("declară").
    "ro": (
        "declarat:declară afirmat:afirmă explicat:explică adăugat:adaugă subliniat:subliniază "
        "anunțat:anunță confirmat:confirmă precizat:precizează transmis:transmite "
        "avertizat:avertizează denunțat:denunță arătat:arată menționat:menționează "
        "susținut:susține recunoscut:recunoaște estimat:estimează considerat:consideră "
        "spus:spune"
    ).split(),
    "de": (
        "sagen erklären betonen meinen warnen bestätigen versichern kritisieren fordern "
        "berichten antworten äußern mahnen ergänzen bekräftigen teilen fügen räumen kündigen "
        "verkünden"
    ).split(),
}

IRREGULAR: dict[str, tuple[str, ...]] = {
    "es": (
        "dijo dijeron dice dicen ha dicho han dicho advirtió advirtieron advierte advierten "
        "ha advertido sostuvo sostuvieron sostiene sostienen cree creen creyó niega niegan negó "
        "negaron recuerda recuerdan recordó contó cuenta escribió escribieron escribe ha escrito"
    ),
    "fr": (
        "a dit ont dit dit disent a-t-il dit a-t-elle dit ont-ils dit a reconnu reconnaît "
        "a admis admet a soutenu soutient a prévenu a répondu répond a écrit écrit a démenti "
        "a promis ont promis promet"
    ),
    "it": (
        "ha detto hanno detto dice dicono disse dissero ha aggiunto aggiunge aggiunse "
        "ha ammesso ammette ammise ha sostenuto sostiene ha risposto risponde ritiene ritengono "
        "ha scritto hanno scritto scrive scrisse"
    ),
    "pt": "disse disseram diz dizem",
    "ca": "va dir van dir ha dit han dit diu diuen va reconèixer ha reconegut reconeix",
    "gl": "dixo dixeron di din advirte advirten",
    "ro": "spun",
    "de": (
        "unterstrich unterstrichen schrieb schrieben schreibt versprach hieß es so "
        "fügte hinzu teilte mit räumte ein"
    ),
}


# Infinitives of the irregular forms above, for engines that read a lemmatiser's output.
IRREGULAR_LEMMAS: dict[str, tuple[str, ...]] = {
    "fr": (
        "dire reconnaître admettre soutenir prévenir répondre écrire démentir promettre"
    ).split(),
}


def _cues(code: str) -> tuple[str, ...]:
    forms = {f for verb in VERBS[code] for f in CONJUGATE[code](verb)}
    forms.update(_split_irregular(IRREGULAR[code]))
    return tuple(sorted(forms))


def _split_irregular(words: str) -> list[str]:
    """Irregular forms as one string; an auxiliary joins the participle after it."""
    aux = {"a", "ha", "han", "ont", "hanno", "va", "van", "a-t-il", "a-t-elle", "ont-ils"}
    out: list[str] = []
    pending = ""
    for word in words.split():
        if word in aux and not pending:
            pending = word
            continue
        if word in ("es", "hinzu", "mit", "ein"):
            out[-1] = f"{out[-1]} {word}"
            continue
        out.append(f"{pending} {word}".strip())
        pending = ""
    return out


LEXICONS: dict[str, Lexicon] = {
    "es": Lexicon(
        _cues("es"),
        ("según", "de acuerdo con"),
        (),
        "que",
        ("el", "la", "los", "las", "un", "una", "unos", "unas", "fuentes"),
        ("él", "ella", "ellos", "ellas"),
        no_source=("mí", "parece", "parecía", "se", "lo"),
        relatives=("que", "quien", "quienes"),
    ),
    "fr": Lexicon(
        _cues("fr"),
        ("selon", "d'après", "d’après"),
        (),
        "que",
        ("le", "la", "les", "un", "une", "des", "l'", "l’"),
        ("il", "elle", "ils", "elles"),
        # Capitalised in "le Premier ministre", "le Président": titles, not names.
        titles=("premier", "première", "président", "présidente", "général", "maître"),
        no_source=("moi", "toi", "nous", "vous", "lui", "eux"),
        relatives=("qui", "dont"),
        elided="qu",
    ),
    "it": Lexicon(
        _cues("it"),
        ("secondo", "stando a"),
        (),
        "che",
        ("il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "l'", "l’", "fonti"),
        ("lui", "lei", "loro"),
        no_source=("me", "te", "noi", "voi", "sembra", "pare"),
        relatives=("che", "il quale", "la quale"),
    ),
    "pt": Lexicon(
        _cues("pt"),
        ("segundo", "de acordo com", "conforme"),
        (),
        "que",
        ("o", "a", "os", "as", "um", "uma", "fontes"),
        ("ele", "ela", "eles", "elas"),
        no_source=("mim", "nós", "parece"),
        relatives=("que", "quem"),
    ),
    "ca": Lexicon(
        _cues("ca"),
        ("segons",),
        (),
        "que",
        ("el", "la", "els", "les", "un", "una", "l'", "l’", "fonts"),
        ("ell", "ella"),
        no_source=("mi", "jo", "sembla", "sembla que"),
        relatives=("que", "qui"),
    ),
    "gl": Lexicon(
        _cues("gl"),
        ("segundo", "de acordo con"),
        (),
        "que",
        ("o", "a", "os", "as", "un", "unha", "fontes"),
        ("el", "ela"),
        no_source=("min", "parece"),
        relatives=("que", "quen"),
    ),
    # "După" means "after" far more often than "according to": left out for precision.
    "ro": Lexicon(
        _cues("ro"),
        ("potrivit", "conform"),
        (),
        "că",
        ("un", "o", "niște", "surse"),
        ("el", "ea"),
        titles=(
            "ministrul",
            "ministrului",
            "președintele",
            "președintelui",
            "primarul",
            "primarului",
            "premierul",
            "premierului",
            "directorul",
            "directorului",
            "purtătorul",
            "purtătorului",
        ),
        no_source=("mine", "noi"),
        relatives=("care",),
    ),
    "de": Lexicon(
        _cues("de"),
        ("laut", "nach Angaben von", "nach Angaben"),
        ("zufolge",),
        "dass",
        (
            "der",
            "die",
            "das",
            "des",
            "dem",
            "den",
            "ein",
            "eine",
            "einer",
            "eines",
            "einem",
            "einen",
        ),
        ("er", "sie"),
        True,
        GERMAN_TITLES,
        relatives=("der", "die", "das"),
    ),
}
