"""Third-person forms of regular reporting verbs, per language, for the cue lexicons.

Only what news copy writes of a reporting verb: third person singular and plural of the
simple past, the present and the compound past ("ha dicho", "a déclaré", "va dir"). Spelling
changes are handled where they are regular ("explicar" -> "explicó" needs none in Spanish,
Italian's "spiegare" keeps its h). Irregular verbs are written out in lexicons.py.
"""

from __future__ import annotations

from collections.abc import Callable


def spanish(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ar":
        return [stem + "ó", stem + "aron", stem + "a", stem + "an"] + _aux(
            ("ha", "han"), stem + "ado"
        )
    return [stem + "ió", stem + "ieron", stem + "e", stem + "en"] + _aux(
        ("ha", "han"), stem + "ido"
    )


def french(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ir":  # second group: avertir, réagir
        participle, present = stem + "i", [stem + "it", stem + "issent"]
    else:
        participle, present = stem + "é", [stem + "e", stem + "ent"]
    # "a-t-il déclaré" inverts subject and auxiliary after a quote.
    aux = ("a", "ont", "a-t-il", "a-t-elle", "ont-ils", "avait", "avaient")
    return present + _aux(aux, participle)


def italian(verb: str) -> list[str]:
    stem, end = verb[:-3], verb[-3:]
    if end == "are":
        # "spiegare" keeps the sound before i/e: "spieghi", but 3rd persons need no h.
        return [stem + "a", stem + "ano", stem + "ò", stem + "arono"] + _aux(
            ("ha", "hanno"), stem + "ato"
        )
    if end == "ire":
        # -isc- verbs (ribadire, riferire) and plain ones (avvertire) both occur.
        forms = [stem + "isce", stem + "iscono", stem + "e", stem + "ono", stem + "ì"]
        return forms + _aux(("ha", "hanno"), stem + "ito")
    return [stem + "e", stem + "ono"] + _aux(("ha", "hanno"), stem + "uto")


def portuguese(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ar":
        return [stem + "ou", stem + "aram", stem + "a", stem + "am"]
    if end == "er":
        return [stem + "eu", stem + "eram", stem + "e", stem + "em"]
    return [stem + "iu", stem + "iram", stem + "e", stem + "em"]


def catalan(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    past = _aux(("va", "van"), verb)  # the periphrastic past: "va dir", "van explicar"
    if end == "ar":
        return past + [stem + "a", stem + "en"] + _aux(("ha", "han"), stem + "at")
    # Inchoative -ir verbs (afegir, advertir): "afegeix", "afegeixen".
    return past + [stem + "eix", stem + "eixen"] + _aux(("ha", "han"), stem + "it")


def galician(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ar":
        return [stem + "ou", stem + "aron", stem + "a", stem + "an"]
    if end == "er":
        return [stem + "eu", stem + "eron", stem + "e", stem + "en"]
    return [stem + "iu", stem + "iron", stem + "e", stem + "en"]


def romanian(pair: str) -> list[str]:
    participle, present = pair.split(":")
    return [present] + _aux(("a", "au"), participle)


def german(verb: str) -> list[str]:
    stem = verb[:-2] if verb.endswith("en") else verb[:-1]  # äußern -> äußer
    # Stems in -t or -d take an e: berichtete, antwortete.
    past = stem + ("ete" if stem.endswith(("t", "d")) else "te")
    present = stem + ("et" if stem.endswith(("t", "d")) else "t")
    return [past, past + "n", present]


def _aux(auxiliaries: tuple[str, ...], participle: str) -> list[str]:
    return [f"{aux} {participle}" for aux in auxiliaries]


CONJUGATE: dict[str, Callable[[str], list[str]]] = {
    "es": spanish,
    "fr": french,
    "it": italian,
    "pt": portuguese,
    "ca": catalan,
    "gl": galician,
    "ro": romanian,
    "de": german,
}
