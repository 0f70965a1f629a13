"""How a left-over English word reads in its sentence, for apertium_reword.py: spaCy's Penn
tag and lemma for each word, the (lemma, Apertium tags) the alternatives are looked up and
inflected by (a plural no dictionary has by its singular, where that stands for it:
``plural_singulars``), and the two-word compound nouns the thesaurus has ("bowler hat").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import names
from .apertium_words import readings, word_spans
from .thesaurus import Thesaurus

if TYPE_CHECKING:
    from .apertium_words import Analyser
    from .glossary import Glossary

# Penn Treebank tags (spaCy's English tagger) as Apertium's English tags, for the generator.
_PENN = {
    "NN": "<n><sg>", "NNS": "<n><pl>", "VB": "<vblex><inf>", "VBP": "<vblex><pres>",
    "VBZ": "<vblex><pri><p3><sg>", "VBD": "<vblex><past>", "VBN": "<vblex><pp>",
    "VBG": "<vblex><ger>", "JJ": "<adj>", "JJR": "<adj><sint><comp>",
    "JJS": "<adj><sint><sup>", "RB": "<adv>",
}  # fmt: skip


@lru_cache(maxsize=256)
def penn_tags(text: str) -> dict[int, tuple[str, str, bool]]:
    """Each word's Penn tag in its sentence, its lemma, and whether it is the head of a
    compound noun, by where it starts; empty without spaCy (the lemma serves a verb Apertium's
    English lacks: "blended"). A head (a noun after another noun) is said another way only
    by a word of its one sense: "media outlet" says one thing, and another word for "outlet"
    says something else ("place of business"). The noun before ("rebel offensive")
    describes and may be said another way ("insurgent")."""
    nlp = names.pipeline("en")
    if nlp is None:
        return {}
    wanted = {"tok2vec", "tagger", "attribute_ruler"}
    doc = nlp(text, disable=[n for n in nlp.pipe_names if n not in wanted])
    # A word in lower case is no proper noun, whatever the tagger says ("jockeys'
    # championship" was tagged NNP, and so had no lemma or reading).
    # Its number is what its ending says (the tagger's was a name's).
    for t in doc:
        if t.tag_ in ("NNP", "NNPS") and t.text.islower():
            plural = t.text.endswith("s") and not t.text.endswith("ss")
            t.tag_, t.pos_ = ("NNS" if plural else "NN"), "NOUN"
            t.set_morph("Number=Plur" if plural else "Number=Sing")
    # names.py loads the pipeline with its lemmatizer disabled; it is still there to call.
    if "lemmatizer" in nlp.component_names:
        doc = nlp.get_pipe("lemmatizer")(doc)
    tags = [t.tag_ for t in doc]
    out: dict[int, tuple[str, str, bool]] = {}
    for k, t in enumerate(doc):
        head = t.tag_ in ("NN", "NNS") and k > 0 and tags[k - 1].startswith("NN")
        out[t.idx] = (t.tag_, t.lemma_, head)
    return out


def read_in_sentence(
    token: str,
    parsed: list[tuple[str, str]],
    tagged: tuple[str, str, bool] | None,
    singulars: frozenset[str] = frozenset(),
    others: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The (lemma, Apertium tags) of ``token`` as tagged in its sentence: the analyser's
    reading of that part of speech, else its lemma (or the tagger's, for a verb the analyser
    lacks, or for a plural noun whose singular is in ``singulars``) with the tagger's tags;
    without a tag, the analyser's first reading. None for a name or a word of another kind,
    unless it is one of ``others`` (our glossary's: "versus"), read as ``<other>``."""
    if token.lower() in others and not parsed:
        return token.lower(), "<other>"
    if tagged is None:
        return parsed[0] if parsed else None
    penn, lemma, _ = tagged
    tags = _PENN.get(penn)
    if tags is None:
        return None
    same = [r for r in parsed if r[1].startswith(tags.split(">", 1)[0] + ">")]
    exact = [r for r in same if r[1] == tags or r[1].startswith(tags)]
    if exact or same:
        return (exact or same)[0]
    # A noun before a noun is often tagged an adjective ("parallel drachma currency").
    nouns = [r for r in parsed if r[1].startswith("<n>")]
    if penn.startswith("JJ") and nouns:
        return nouns[0]
    # A participle tagged an adjective ("very disappointed") is an adjective of its own to
    # WordNet and the thesaurus ("frustrated"), not its verb ("disappoint": "let down").
    participle = ("<vblex><pp>", "<vblex><past>")
    if penn.startswith("JJ") and parsed and all(r[1].startswith(participle) for r in parsed):
        return token.lower(), tags
    # The tagger's lemma serves a verb the analyser lacks ("blended" -> "blend"); a noun it
    # lacks is most often a sense of its own (cricket's "fours", a feather's "barbs") that
    # the thesaurus's first sense of the lemma is not.
    if not parsed and (penn.startswith("VB") or lemma.lower() in singulars) and lemma:
        return lemma.lower(), tags
    return (parsed[0][0] if parsed else token.lower()), tags


def phrase(
    text: str,
    spans: list[tuple[int, int, str]],
    k: int,
    tagged: dict[int, tuple[str, str, bool]],
    thesaurus: Thesaurus | None,
) -> tuple[int, int, str, tuple[str, str]] | None:
    """The two-word compound noun that word ``k`` of ``text`` makes with its neighbour, where
    the thesaurus has it ("bowler hat", "bowler hats"): (start, end, as written, (lemma,
    Apertium tags of its head)); None otherwise."""
    if thesaurus is None or not tagged:
        return None
    for a in (k - 1, k):
        if a < 0 or a + 1 >= len(spans):
            continue
        (s1, e1, w1), (s2, e2, _) = spans[a], spans[a + 1]
        first, head = tagged.get(s1), tagged.get(s2)
        if text[e1:s2] != " " or not first or not head or not w1.islower():
            continue
        if head[0] not in ("NN", "NNS") or not first[0].startswith(("NN", "JJ")):
            continue
        lemma = f"{w1} {head[1].lower()}"
        if thesaurus.senses_as(lemma, "noun"):
            return s1, e2, text[s1:e2], (lemma, _PENN[head[0]])
    return None


# Words that grade an adjective ("more storied"): no definition can follow them.
_DEGREE = frozenset({"more", "most", "less", "least", "very", "so", "too", "as", "quite"})
# What may follow the nouns a definition goes after.
_PHRASE_ENDS = frozenset(".,;:!?)")
# Verbs an adjective follows as what it says of their subject ("the path was overgrown").
_LINKING = frozenset({"be", "become", "seem", "look", "appear", "remain", "stay", "get"})


def definition_place(
    text: str, spans: list[tuple[int, int, str]], k: int, tagged: dict[int, tuple[str, str, bool]]
) -> tuple[int, int, str] | None:
    """Where the definition of adjective ``k`` of ``text`` can stand for it, as (start, end,
    what comes before the definition): after the nouns it describes, an article before them
    made to fit ("an upmarket store nearby" -> "a store" + " designed for ..."; "a backdrop
    of overgrown woodland" -> "woodland" + " covered with ..."), or in its place after a
    linking verb ("the path was overgrown with ivy"). None after a word that grades it
    ("more storied", "heavily indebted"), before a conjunction or another adjective
    ("upmarket and trendy"), after another verb ("wore upmarket felt hats": "felt" is a
    verb's), or without tags."""
    start, end, _ = spans[k]

    def tag(j: int) -> str:
        return tag_at(spans, j, tagged)

    if not tagged or graded(spans, k, tagged):
        return None
    j = k + 1
    while (
        j < len(spans)
        and text[spans[j - 1][1] : spans[j][0]] == " "
        and tag(j) in ("NN", "NNS")
        and spans[j][2].isalpha()
        and spans[j][2].islower()
    ):
        j += 1
    # The nouns end a phrase: not a possessor ("the store's owner"). A word of several
    # ("profit-hungry") is tagged by its first: no noun of the run.
    after = text[spans[j - 1][1] : spans[j - 1][1] + 1]
    if j > k + 1 and (not after or after.isspace() or after in _PHRASE_ENDS):
        nouns = text[spans[k + 1][0] : spans[j - 1][1]]
        if (
            k > 0
            and spans[k - 1][2].lower() in ("a", "an")
            and text[spans[k - 1][1] : start] == " "
        ):
            a_start, _, article = spans[k - 1]
            fitting = "an" if nouns[0].lower() in "aeiou" else "a"
            fitting = fitting.capitalize() if article[0].isupper() else fitting
            return a_start, spans[j - 1][1], f"{fitting} {nouns}"
        if text[start].isupper():
            nouns = nouns[0].upper() + nouns[1:]
        return start, spans[j - 1][1], nouns
    linking = k > 0 and tagged.get(spans[k - 1][0], ("", "", False))[1].lower() in _LINKING
    if linking and tag(k + 1) not in ("CC", "JJ"):
        return start, end, ""
    return None


def tag_at(
    spans: list[tuple[int, int, str]], j: int, tagged: dict[int, tuple[str, str, bool]]
) -> str:
    """The Penn tag of word ``j`` of ``spans``; "" where there is none."""
    return tagged.get(spans[j][0], ("", "", False))[0] if 0 <= j < len(spans) else ""


def graded(
    spans: list[tuple[int, int, str]], k: int, tagged: dict[int, tuple[str, str, bool]]
) -> bool:
    """Whether word ``k`` follows a word that grades it ("more storied", "heavily
    indebted"): an adjective there can be said by another adjective, graded the same, and by
    no definition."""
    return k > 0 and (
        spans[k - 1][2].lower() in _DEGREE or tag_at(spans, k - 1, tagged).startswith("RB")
    )


# How the tagger may read an adjective no dictionary has ("upmarket", "storied").
_NOT_ADJECTIVE = frozenset({"<n><sg>", "<vblex><pp>", "<vblex><past>"})


def adjective_misread(word: str, reading: tuple[str, str], thesaurus: Thesaurus | None) -> bool:
    """Whether ``word``, which no dictionary has, is an adjective the tagger read as a noun
    before a noun ("the upmarket store") or a participle ("more storied"): the thesaurus has
    the word as an adjective and nothing else, and has no such noun or verb as the tagger's
    lemma ("story" is no verb; "blended" is of the verb "blend")."""
    if thesaurus is None or reading[1] not in _NOT_ADJECTIVE:
        return False
    kinds = {s[0] for s in thesaurus.senses(word.lower())}
    as_read = "verb" if reading[1].startswith("<vblex>") else "noun"
    return kinds == {"adj"} and not thesaurus.senses_as(reading[0].lower(), as_read)


def verb_read_as_adjective(
    word: str, reading: tuple[str, str], thesaurus: Thesaurus | None
) -> tuple[str, str] | None:
    """The reading of ``word``, which no dictionary has and the tagger read as an adjective,
    where the thesaurus has it only as a verb, as the verb's base form ("refused to recant").
    None otherwise. (Not a noun the thesaurus has alone: before a noun it is read as an
    adjective would be, and a noun's broader terms describe no style: "her hipster style"
    came out as "su moda de reformista".)"""
    if thesaurus is None or reading[1] != "<adj>":
        return None
    lemma = word.lower()
    kinds = {s[0] for s in thesaurus.senses(lemma)}
    if kinds == {"verb"} and thesaurus.wordnet.has(lemma, "verb"):
        return lemma, "<vblex><inf>"
    return None


def plural_singulars(
    texts: Sequence[str],
    tagged: Sequence[dict[int, tuple[str, str, bool]]],
    parsed: dict[str, list[tuple[str, str]]],
    analyser: Analyser,
    thesaurus: Thesaurus,
    glossed: Glossary | None,
) -> frozenset[str]:
    """The tagger's singulars of plural nouns the analyser lacks that stand for them: the
    analyser lacks the singular too, or knows it only as an adjective ("totalitarians",
    "advisories"; a plural whose singular it knows otherwise is a sense of its own:
    cricket's "fours"), and the thesaurus gives it at most one sense as a noun (a
    feather's "barbs" are not the first sense of "barb", a remark) or WordNet ranks its
    senses and the first is a person's ("jockeys": people are seldom named by the
    plural of another sense); or our glossary has it as a noun (written for the sense
    news uses: "sufferers", "outlets")."""
    wanted: set[str] = set()
    for text, tags in zip(texts, tagged, strict=True):
        for start, _, token in word_spans(text):
            penn, lemma, _ = tags.get(start, ("", "", False))
            if penn == "NNS" and not parsed.get(token) and lemma.lower() != token.lower():
                wanted.add(lemma.lower())
    if not wanted:
        return frozenset()
    ordered = sorted(wanted)
    read = analyser.analyse(ordered)
    wordnet = thesaurus.wordnet

    def stands_for(singular: str, analysis: str) -> bool:
        if glossed and glossed.of(singular, "noun"):
            return True
        if any(not t.startswith("<adj>") for _, t in readings(analysis)):
            return False
        one = len(thesaurus.senses_as(singular, "noun")) <= 1
        return one or wordnet.mostly_a_person(singular)

    return frozenset(w for w, r in zip(ordered, read, strict=True) if stands_for(w, r))
