"""Words a translation route has no translation for: said another way, never left in the
source or pivot language where a safe alternative exists, and reported to the caller.

The thesaurus tests need LibreOffice's English thesaurus (Debian's mythes-en-us, which
`make apertium` installs); the translation tests need the Apertium pairs. Every sentence here
is written for these tests.
"""

from __future__ import annotations

import re
import time

import pytest
from tidings.models.base import Attribution, AttributionKind, Span, Translation
from tidings.models.translators.apertium import (
    DEFAULT_MODES_DIR,
    ApertiumTranslator,
    installed_pairs,
)
from tidings.models.translators.apertium_helpers import Lookups
from tidings.models.translators.apertium_left import untranslated
from tidings.models.translators.apertium_modes import other_routes_between
from tidings.models.translators.apertium_words import unescape_marks
from tidings.models.translators.kept_names import to_protect
from tidings.models.translators.spelling import Spelling
from tidings.models.translators.thesaurus import Thesaurus
from tidings.service.notes import translation_notes
from tidings.service.render import named

THESAURUS = Thesaurus("en")
thesaurus = pytest.mark.skipif(not THESAURUS.available, reason="mythes-en-us is not installed")
NEEDED = {("en", "es"), ("en", "fr"), ("en", "it"), ("en", "pt"), ("en", "ca"), ("es", "en"),
          ("en", "gl"), ("ca", "fr"), ("ca", "es"), ("ca", "pt"), ("es", "gl")}  # fmt: skip
apertium = pytest.mark.skipif(
    not NEEDED <= installed_pairs() or not THESAURUS.available,
    reason="the Apertium pairs or the thesaurus of these tests are not installed",
)


# (lemma, part of speech, must be offered, must not be offered)
ALTERNATIVES = [
    # "kitty" is first a pool of bets: a translator would read it that way.
    ("kitten", "noun", ["young mammal"], ["kitty"]),
    # "southern" is only a similar term of "rebel"; "unpatriotic" an antonym.
    ("rebel", "adj", [], ["southern"]),
    ("patriotic", "adj", [], ["unpatriotic", "nationalistic"]),
    # The first sense of "brownie" is named by "Brownie", a Girl Scout: no way of saying it.
    ("brownie", "noun", [], ["Girl Scout"]),
    # Several senses that WordNet does not rank by use: "lettuce" lists money first.
    ("lettuce", "noun", [], ["clams", "lucre", "money", "herb"]),
    ("kite", "noun", [], ["check", "cheque", "toy"]),
    # ... but a synonym most of them share stands for the word whichever is meant.
    ("skipper", "noun", ["captain"], ["student", "master", "officer"]),
    # Several-word synonyms are mostly idioms; several-word broader terms come after.
    ("dawn", "noun", ["daybreak", "hour"], ["first light", "break of day"]),
]


@thesaurus
@pytest.mark.parametrize(("lemma", "pos", "offered", "refused"), ALTERNATIVES)
def test_thesaurus_offers_safe_alternatives(
    lemma: str, pos: str, offered: list[str], refused: list[str]
) -> None:
    found = THESAURUS.alternatives(lemma, pos, senses=1)
    for term in offered:
        assert term in found, found
    for term in refused:
        assert term not in found, found


@thesaurus
def test_a_word_in_lower_case_has_no_sense_its_capitalised_form_names() -> None:
    # "Burgundy" names a region and its wine, "burgundy" a colour; as written, the senses
    # of both are unranked and none would be safe to pick.
    assert THESAURUS.alternatives("burgundy", "noun", lower=False) == []
    found = THESAURUS.alternatives("burgundy", "noun", lower=True)
    assert "dark red" in found and "wine" not in found, found


def test_a_word_in_lower_case_is_read_as_no_name() -> None:
    from tidings.models.translators.apertium_reading import penn_tags

    text = "He won his fifth consecutive jockeys' title."
    tags = penn_tags(text)
    if not tags:
        pytest.skip("spaCy's English pipeline is not installed")
    # The tagger says NNP (a name), which has no lemma and no reading.
    assert tags[text.index("jockeys")][:2] == ("NNS", "jockey")


@apertium
def test_a_word_of_one_or_two_letters_is_never_said_another_way(
    engine: ApertiumTranslator,
) -> None:
    # Left over, but a unit's symbol: the thesaurus's "second" for "s" is a guess.
    (out,) = engine.translate(["The new link is rated at 600Mbit/s."], "en", "es")
    assert "600Mbit/s" in out.text and not out.reworded, out


@pytest.mark.parametrize(
    ("parsed", "penn", "expected"),
    [
        # A participle tagged an adjective is an adjective: WordNet's "disappointed".
        ([("disappoint", "<vblex><past>"), ("disappoint", "<vblex><pp>")], "JJ",
         ("disappointed", "<adj>")),
        # Tagged a verb, it is the verb.
        ([("disappoint", "<vblex><past>"), ("disappoint", "<vblex><pp>")], "VBD",
         ("disappoint", "<vblex><past>")),
        # An adjective the analyser has is its reading.
        ([("flawed", "<adj>")], "JJ", ("flawed", "<adj>")),
    ],
)  # fmt: skip
def test_a_word_is_read_as_tagged_in_its_sentence(
    parsed: list[tuple[str, str]], penn: str, expected: tuple[str, str]
) -> None:
    from tidings.models.translators.apertium_reading import read_in_sentence

    word = "disappointed" if parsed[0][0] == "disappoint" else parsed[0][0]
    assert read_in_sentence(word, parsed, (penn, parsed[0][0], False)) == expected


@apertium
def test_an_adverb_is_said_by_its_adjective_after_the_thesaurus_and_never_a_verbs(
    engine: ApertiumTranslator,
) -> None:
    (brave,) = engine.translate(["She answered the charge courageously."], "en", "es")
    assert dict(brave.reworded)["courageously"] == "bravely", brave
    (odd,) = engine.translate(["Bizarrely, the old clock still worked."], "en", "es")
    assert dict(odd.reworded)["Bizarrely"] == "in a bizarre manner", odd
    # "telling" is also a form of "tell": "in a telling manner" came out as one "of saying".
    (told,) = engine.translate(["Tellingly, she left early."], "en", "es")
    assert "Tellingly" not in dict(told.reworded) and "decir" not in told.text, told


@apertium
def test_a_compound_noun_is_said_another_way_whole(engine: ApertiumTranslator) -> None:
    (out,) = engine.translate(["He wore a bowler hat to the races."], "en", "es")
    assert dict(out.reworded) == {"bowler hat": "hat"}, out
    assert "sombrero" in out.text, out.text


@thesaurus
def test_thesaurus_puts_synonyms_before_broader_terms() -> None:
    found = THESAURUS.alternatives("dawn", "noun", senses=1)
    assert found.index("daybreak") < found.index("hour")


def test_an_unknown_word_of_a_thesaurus_that_is_not_installed_has_no_alternatives(
    tmp_path,
) -> None:
    missing = Thesaurus("en", str(tmp_path))
    assert not missing.available
    assert missing.alternatives("kitten", "noun") == []


# (stage output, the leg's input, expected): an escaped mark a stage wrote itself is a mark.
ESCAPED = [
    (r"que consegue \@stick en", "getting stuck in", "que consegue @stick en"),
    (r"escribe a \@maria hoy", r"write to \@maria today", r"escribe a \@maria hoy"),
    (r"sin marcas", "no marks", "sin marcas"),
]


@pytest.mark.parametrize(("out", "given", "expected"), ESCAPED)
def test_escaped_marks_are_told_from_the_callers_own(out: str, given: str, expected: str) -> None:
    assert unescape_marks(out, given) == expected


def _attribution(source: str) -> Attribution:
    return Attribution(
        content="x",
        content_span=Span(0, 1),
        kind=AttributionKind.INDIRECT,
        confidence=1.0,
        source=source,
        source_span=Span(0, len(source)),
        source_name=source,
        source_named=True,
        cue="said",
    )


@pytest.mark.parametrize(
    ("source", "is_name"),
    [("Minister", False), ("Police Department", False), ("Gabriel Attal", True),
     ("Minister Gabriel Attal", True), ("Fox News", True)],
)  # fmt: skip
def test_a_source_of_titles_alone_is_translated_not_kept(source: str, is_name: bool) -> None:
    assert named(_attribution(source), source, "en") is is_name


def test_translation_notes_say_what_was_said_another_way_and_what_was_left() -> None:
    out = [
        Translation("a", "apertium:x", reworded=(("dawn", "hour"),), untranslated=("feline",)),
        Translation("b", "apertium:x", reworded=(("kittens", "young mammals"),)),
        Translation("c", "apertium:x"),
    ]
    notes = translation_notes("fr", out)
    assert len(notes) == 2
    assert '"dawn" as "hour"' in notes[0] and '"kittens" as "young mammals"' in notes[0]
    assert "'feline'" in notes[1] and "left as written" in notes[1]
    assert all(n.startswith("fr: apertium:x") for n in notes)
    assert translation_notes("fr", [Translation("c", "apertium:x")]) == ()


# (target, sentence, words that must not appear in the translation: the English word and the
# pivot's, case-insensitive, as whole words)
NO_LEFTOVERS = [
    ("fr", "The kittens played in the garden.", ["kittens", "gatitos"]),
    ("pt", "The kittens played in the garden.", ["kittens", "gatitos"]),
    ("it", "The police arrived at the house.", ["police", "policía"]),
    ("it", "Many people waited outside.", ["many", "muchos"]),
    ("fr", "The goats were bleating near the barn.", ["bleating", "balaban"]),
    ("fr", "He announced the launch of the new phone.", ["launch", "lancha"]),
    ("ca", "Mr Smith arrived on Monday.", ["Mr"]),
    # Words the main route lacks and another route knows: en->ca->fr "épinard", en->ca->es
    # "peinados", en->es->gl "escavadora", en->ca->it "dracma", en->ca->pt "alface".
    ("fr", "The farmer grew spinach.", ["spinach", "espinaca"]),
    ("es", "Her hairstyles changed.", ["hairstyles"]),
    ("gl", "The digger stopped near the road.", ["digger"]),
    ("it", "The drachma was weak.", ["drachma"]),
    ("pt", "The farmer grew lettuce.", ["lettuce", "lechuga"]),
    # Pivot words es->it and es->pt lack, through the pivot's other routes (es->ca->it).
    ("it", "She kept working despite suffering from a long illness.", ["adolecer", "suffering"]),
    ("pt", "She kept working despite suffering from a long illness.", ["adolecer", "suffering"]),
    ("it", "They beat the Super League leaders at home.", ["ligueros", "league"]),
    # Words Apertium's English lacks, read by spaCy's lemma ("blend", "hairstyle") and said
    # another way; a sentence's first word too.
    ("es", "Blended into the background, the models hide.", ["blended"]),
    ("pt", "Her hairstyles changed over the years.", ["hairstyles"]),
    # A word English writes capitalised and eng-spa lacks, through en->ca->es.
    ("es", "Police said the Georgian national fled the country.", ["Georgian"]),
    ("it", "Police said the Georgian national fled the country.", ["Georgian"]),
    # A word of the language before that the target writes the same: gl "cosmopolita" and
    # es "dracma" are Portuguese too (Hunspell's Portuguese has them, Apertium's does not).
    ("pt", "The cosmopolitan city used the drachma.", ["cosmopolitan", "drachma"]),
    # No route has "runaway" into es, fr or it; en-gl has it as "fuxitivo", which gl-en also
    # gives for "fugitive", which they have (fr and it through Catalan).
    ("es", "The father of a runaway schoolgirl spoke.", ["runaway"]),
    ("fr", "The father of a runaway schoolgirl spoke.", ["runaway"]),
    ("it", "The father of a runaway schoolgirl spoke.", ["runaway"]),
    # An alternative of several words goes by the main route only: through another route it
    # came back glued in the pivot ("cuellodealeación").
    ("it", "He has some brass neck.", ["brass", "latón", "cuellodealeación"]),
    # A possessive's word is said another way like any other ("golfer's" -> "player's").
    ("es", "The golfer's girlfriend posted a photo.", ["golfer"]),
    # A word in single quotes: the closing quote is no part of it.
    ("es", "She had been 'envious' of her pet hen.", ["envious"]),
    # Senses WordNet does not rank, one synonym in two of three; even as a compound's head.
    ("it", "The former England skipper came on.", ["skipper"]),
    ("pt", "The skipper stopped.", ["skipper"]),
    # Plurals whose singular no dictionary has either, read by spaCy's singular of one sense.
    ("es", "The cat healed them with purrs and cuddles.", ["purrs", "cuddles"]),
    ("fr", "He was called eccentric by pundits.", ["pundits"]),
    # ... and one whose singular splits no better than the word: "hot pants", never "hot pant".
    ("es", "Whether it is Crocs, hotpants or boots, everyone has a weakness.", ["hotpants"]),
    # An "un-" adjective no dictionary has, as "not" and the word it is made of.
    ("es", "He ran as an unconsidered outsider.", ["unconsidered"]),
    ("fr", "The letter went unanswered for weeks.", ["unanswered"]),
    # A compound noun the thesaurus has is said another way whole: "bowler" alone is first a
    # cricketer, "bowler hat" one thing.
    ("es", "He wore a bowler hat to the races.", ["bowler"]),
    ("it", "Two bowler hats hung by the door.", ["bowler"]),
    # ... by its head where that is a broader term: its synonym "derby" is Catalan "derbi".
    ("ca", "He wore a black bowler hat to the races.", ["bowler", "derbi"]),
    # An adverb in "-ly" no dictionary has, as "in a ... manner" of its adjective; one NER
    # took for a name too.
    ("es", "Controversially, the referee allowed the goal.", ["Controversially"]),
    ("es", "Bizarrely, the old clock still worked.", ["Bizarrely"]),
    ("ca", "He waved the question away dismissively.", ["dismissively"]),
    # In lower case, none of the senses its capitalised form names (the region, the wine).
    ("fr", "She wore burgundy to the party.", ["burgundy"]),
]


@apertium
@pytest.mark.parametrize(("target", "sentence", "gone"), NO_LEFTOVERS)
def test_no_source_or_pivot_word_is_left(
    engine: ApertiumTranslator, target: str, sentence: str, gone: list[str]
) -> None:
    (out,) = engine.translate([sentence], "en", target)
    for word in gone:
        assert not re.search(rf"(?<!\w){word}(?!\w)", out.text, re.IGNORECASE), out.text


@apertium
def test_a_word_said_another_way_is_reported(engine: ApertiumTranslator) -> None:
    (out,) = engine.translate(["The kittens played in the garden."], "en", "fr")
    # By the thesaurus, never by halves of the plural ("kit tens": the analyser knows
    # "kitten"), in single quotes too.
    assert dict(out.reworded).get("kittens") == "young mammals", out
    assert "kittens" not in out.untranslated
    (quoted,) = engine.translate(["They saw 'kittens' in the garden."], "en", "fr")
    assert dict(quoted.reworded).get("kittens") == "young mammals", quoted


@apertium
def test_a_left_over_word_that_opens_a_quotation_is_said_another_way(
    engine: ApertiumTranslator,
) -> None:
    # Capitalised after an opening quote, it opens a sentence: no name's word.
    (out,) = engine.translate(["'Pundits are wrong,' he said."], "en", "es")
    assert "Pundits" not in out.text and dict(out.reworded).get("Pundits"), out


@apertium
def test_a_word_with_no_safe_alternative_is_left_and_reported(
    engine: ApertiumTranslator,
) -> None:
    # No dictionary has "jockeys", and its singular has two senses (a rider, an operator):
    # spaCy's lemma of a noun the analyser lacks stands for it only where it has one.
    (out,) = engine.translate(["The jockeys rode well."], "en", "it")
    assert "jockeys" in out.text
    assert out.untranslated == ("jockeys",)


@apertium
def test_a_word_a_leg_of_another_route_lacks_fails_that_route(engine: ApertiumTranslator) -> None:
    # en-gl knows "majestic" ("maxestoso"); gl-es lacks it and its generator writes the mark
    # escaped, "\\@maxestoso", which once went into the Spanish text as it was.
    if ("gl", "es") not in installed_pairs() or ("en", "gl") not in installed_pairs():
        pytest.skip("apertium-en-gl or apertium-es-gl is not installed")
    assert engine.unknown.alone(["majestic"], ("en-gl", "gl-es")) == [None]
    (out,) = engine.translate(["The hotel has a majestic view."], "en", "es")
    assert "@" not in out.text and "\\" not in out.text, out


@apertium
def test_a_word_another_pair_knows_is_said_as_that_pair_says_it_back(
    engine: ApertiumTranslator,
) -> None:
    # en-gl: "runaway" (adj) -> "fuxitivo"; gl-en: "fuxitivo" -> "fugitive" (noun) or
    # "runaway" (adj); "fugitive" is also an English adjective.
    assert "fugitive" in engine.rewording.alternatives.round_trips("runaway", "adj", "eng-spa")
    assert engine.rewording.alternatives.round_trips("skipper", "noun", "eng-spa") == []
    (out,) = engine.translate(["The father of a runaway schoolgirl spoke."], "en", "es")
    assert dict(out.reworded).get("runaway") == "fugitive", out


@apertium
def test_a_word_another_route_knows_is_translated_not_said_another_way(
    engine: ApertiumTranslator,
) -> None:
    # en->es->fr lacks "espinaca"; en->ca->fr has "épinard": nothing to report.
    (out,) = engine.translate(["The farmer grew spinach."], "en", "fr")
    assert "épinard" in out.text
    assert out.reworded == () and out.untranslated == ()


# (installed pairs, main route's pairs, source, target, other routes' pairs in order)
OTHER_ROUTES = [
    # Through the pivot first, then the other languages; the main route is never repeated.
    ({"en-es", "es-fr", "en-ca", "ca-fr", "ca-es"}, ["en-es", "es-fr"], "en", "fr",
     [["en-ca", "ca-fr"], ["en-ca", "ca-es", "es-fr"]]),
    # A direct pair's others: through the pivot, then through two languages.
    ({"en-ca", "en-es", "es-ca", "es-fr", "fr-ca"}, ["en-ca"], "en", "ca",
     [["en-es", "es-ca"], ["en-es", "es-fr", "fr-ca"]]),
    # A three-leg route that opens with the main route's first leg goes last.
    ({"en-es", "es-pt", "en-gl", "gl-pt", "gl-es", "es-gl"}, ["en-es", "es-pt"], "en", "pt",
     [["en-gl", "gl-pt"], ["en-gl", "gl-es", "es-pt"], ["en-es", "es-gl", "gl-pt"]]),
    # No language is visited twice, and none has a route when nothing leads there.
    ({"en-es", "es-en"}, ["en-es"], "en", "es", []),
    ({"en-es"}, [], "en", "fr", []),
]  # fmt: skip


@pytest.mark.parametrize(("pairs", "main", "source", "target", "expected"), OTHER_ROUTES)
def test_other_routes_of_a_pair(
    pairs: set[str], main: list[str], source: str, target: str, expected: list[list[str]]
) -> None:
    direct = {tuple(p.split("-")): p for p in pairs}
    found = other_routes_between(direct, tuple(main), source, target, pivot="es")
    assert found == [tuple(route) for route in expected]


@apertium
@pytest.mark.parametrize("target", ["fr", "it", "pt"])
def test_names_are_never_said_another_way(engine: ApertiumTranslator, target: str) -> None:
    # Neither reworded nor taken through another route ("Rhinocéros").
    (out,) = engine.translate(["The fans cheered the Rhinos at the stadium."], "en", target)
    assert "Rhinos" in out.text
    assert all(word != "Rhinos" for word, _ in out.reworded)


@apertium
def test_a_compound_written_as_one_word_is_said_by_its_halves(
    engine: ApertiumTranslator,
) -> None:
    # Even as the head of a compound ("jihadi schoolgirl"): the halves say the same thing.
    (out,) = engine.translate(["The father of a jihadi schoolgirl spoke."], "en", "fr")
    assert dict(out.reworded).get("schoolgirl") == "school girl", out
    assert "schoolgirl" not in out.text


@apertium
def test_half_of_a_compound_noun_is_never_said_another_way(engine: ApertiumTranslator) -> None:
    # A "baggage handler" is one thing; "handler" alone is first an animal trainer.
    (out,) = engine.translate(["An airport baggage handler fell asleep."], "en", "es")
    assert all(word != "handler" for word, _ in out.reworded), out
    assert "handler" in out.untranslated


@apertium
def test_rewording_is_deterministic(engine: ApertiumTranslator) -> None:
    texts = ["The kittens played.", "The police arrived.", "The goats were bleating."]
    first = engine.translate(texts, "en", "it")
    again = engine.translate(list(reversed(texts)), "en", "it")
    assert [t.text for t in first] == [t.text for t in reversed(again)]


# (sentence, its first word, whether that is a name): NER takes "Caring" and
# "Controversially" (an organisation) for names, but the dictionary knows "caring" only as a
# verb or adjective, and "controversially" is "controversial" + "-ly"; "Kelly" is made of no
# such word.
INITIAL_WORDS = [
    ("Caring nurses stayed with the patients.", "Caring", False),
    ("Apple said it would open a store.", "Apple", True),
    ("Controversially, the referee allowed the goal.", "Controversially", False),
    ("Kelly said the referee allowed it.", "Kelly", True),
]


@apertium
@pytest.mark.parametrize(("sentence", "word", "is_name"), INITIAL_WORDS)
def test_a_sentence_initial_verb_or_adverb_is_no_name(
    engine: ApertiumTranslator, sentence: str, word: str, is_name: bool
) -> None:
    lexicon = engine.analyser(engine.route("en", "es")[0]).lexicon
    (kept,) = to_protect([sentence], "en", lexicon)
    assert (word in kept) is is_name, kept


def test_an_alternative_left_over_in_its_sentence_gives_way_to_the_next() -> None:
    """The rounds of Rewording.run, with the engine's legs and the thesaurus stood in for:
    "kitty" translates alone but is left over in its sentence, so the next round uses
    "kitten", and "hound", fine the first time, stays."""
    from tidings.models.translators.apertium_format import prepare
    from tidings.models.translators.apertium_reword import Rewording

    table = {"cat": ["kitty", "kitten"], "dog": ["hound"]}

    def substitute(texts, left, modes, keep, skip, hyphens=()):
        out, used = [], []
        for text, words in zip(texts, left, strict=True):
            chosen = {}
            for word in sorted(words):
                options = table[word][skip.get(f"{word}\t<n>", 0) :]
                if options:
                    chosen[f"{word}\t<n>"] = options[0]
                    text = text.replace(word, options[0])
            out.append(text)
            used.append(chosen)
        return out, used

    class Legs:
        def legs(self, html, sources, modes, source, target):
            return list(sources), [{"kitty"} if "kitty" in t else set() for t in sources]

    rewording = Rewording(Legs(), None, None)  # type: ignore[arg-type]
    rewording.substitute = substitute  # type: ignore[method-assign]
    sources = ["the cat and the dog"]
    prepared = [prepare(sources[0], [])]
    reworded: list[dict[str, str]] = [{}]
    done, left = rewording.run(
        [0], sources, prepared, [[]], ["x"], [{"cat", "dog"}], ["m"], "fr", reworded
    )
    assert done == ["the kitten and the hound"]
    assert left == [set()]
    assert reworded == [{"cat": "kitten", "dog": "hound"}]


# (left-over words, source text, reported)
UNTRANSLATED = [
    ({"blended"}, "Blended into the background, they hide.", ("Blended",)),
    ({"blended"}, "They hide. Blended into the background.", ("Blended",)),
    # A capitalised word inside a sentence is a name's.
    ({"rhinos"}, "The fans cheered the Rhinos.", ()),
    ({"feline", "rhinos"}, "Rhinos saw the feline nurse.", ("Rhinos", "feline")),
    # A possessive is its word's ("commenter's").
    ({"commenter"}, "The commenter's post was long.", ("commenter",)),
    ({"commenter"}, "The commenter’s post was long.", ("commenter",)),
    # A unit stuck to a number is a symbol kept as written; the same letters alone are not.
    ({"ft"}, "They climbed the 28,251ft mountain.", ()),
    ({"m", "st"}, "The 301m tower; he lost 7st.", ()),
    ({"ft"}, "It is 300 ft high.", ("ft",)),
]


@pytest.mark.parametrize(("left", "source", "reported"), UNTRANSLATED)
def test_left_over_words_are_reported_as_written(
    left: set[str], source: str, reported: tuple[str, ...]
) -> None:
    assert untranslated(left, source) == reported


def test_a_name_opening_a_sentence_is_not_reported_as_left() -> None:
    assert untranslated({"texas", "heaven"}, "Texas won. Heaven knows.", frozenset({"Texas"})) == (
        "Heaven",
    )


@apertium
@pytest.mark.parametrize("target", ["pt", "it"])
def test_a_name_a_pivots_second_leg_lacks_is_kept_and_not_reported(target: str) -> None:
    # es->pt and es->it lack "Texas" and "Ohio", which eng-spa passes as names.
    with ApertiumTranslator() as engine:
        out = engine.translate(["Texas officials met. Ohio is a swing state."], "en", target)[0]
    assert "Texas" in out.text and "Ohio" in out.text
    assert out.untranslated == ()


@pytest.mark.skipif(not Spelling().available("it"), reason="hunspell-it is not installed")
def test_a_word_is_the_targets_only_as_a_form_of_the_same_lemma(
    engine: ApertiumTranslator,
) -> None:
    # "cosmopolita" is Spanish and Italian for the same thing; "trasfondo" is a Spanish noun
    # and, in Italian, a form of "trasfondere".
    lemmas = {"cosmopolita": ["cosmopolita"], "trasfondo": ["trasfondo"]}
    assert engine.unknown.same_in("it", list(lemmas), lemmas) == {"cosmopolita"}
    # Short words are too often another word; capitalised ones are not asked.
    assert engine.unknown.same_in("it", ["bene", "Dracma"], {"bene": ["bene"]}) == set()


def test_without_hunspell_no_word_is_the_targets(tmp_path) -> None:
    spelling = Spelling(str(tmp_path))
    assert not spelling.available("it")
    assert spelling.stems("it", ["cosmopolita"]) == {"cosmopolita": set()}


def test_other_routes_can_be_limited_or_turned_off() -> None:
    with ApertiumTranslator(other_routes=0) as none, ApertiumTranslator(other_routes=1) as one:
        assert none.other_routes("en", "fr") == []
        assert len(one.other_routes("en", "fr")) == min(
            1, len(ApertiumTranslator().other_routes("en", "fr"))
        )


LOOKUP_MODES = ["eng-spa", "eng-cat"]
lookups_installed = pytest.mark.skipif(
    not {("en", "es"), ("en", "ca")} <= installed_pairs(),
    reason="the eng-spa and eng-cat modes are not installed",
)


@lookups_installed
def test_lookup_chains_are_bounded_and_stop_when_idle() -> None:
    lookups = Lookups(DEFAULT_MODES_DIR, timeout_s=30, limit=1, idle_s=0.2)
    try:
        assert "casa" in lookups.run("eng-spa", ["house"])[0].lower()
        assert lookups.run("eng-cat", ["house"])[0].strip()
        # The least recently used idle chain stopped for the second.
        assert lookups.running == ["eng-cat"]
        deadline = time.monotonic() + 20
        while lookups.running and time.monotonic() < deadline:
            time.sleep(0.2)
        assert lookups.running == []
        # A later word starts the chain again.
        assert "casa" in lookups.run("eng-spa", ["house"])[0].lower()
    finally:
        lookups.close()
    assert lookups.running == []


@lookups_installed
def test_a_lookup_chain_can_run_a_modes_analyser_or_bilingual_dictionary_alone() -> None:
    from tidings.models.translators.apertium_words import bidix_input, bidix_options

    lookups = Lookups(DEFAULT_MODES_DIR, timeout_s=30.0, limit=3, idle_s=1.0)
    try:
        analysis = lookups.run("spa-eng", ["casa"], "analyser")
        assert "casa<n>" in analysis[0]
        (offered,) = bidix_options(lookups.run("spa-eng", bidix_input(analysis), "bidix"))
        assert ("casa", "n") in offered["house"]
        assert set(lookups.running) == {"spa-eng:analyser", "spa-eng:bidix"}
        with pytest.raises(ValueError, match="no bidix stage"):
            lookups.run("no-such-mode", ["casa"], "bidix")
    finally:
        lookups.close()


@lookups_installed
def test_other_routes_run_in_lookup_chains_not_pools() -> None:
    with ApertiumTranslator() as engine:
        (out,) = engine.translate(["The farmer grew spinach."], "en", "fr")
        assert "épinard" in out.text
        # The main route's modes are pools; the other route's are lookup chains.
        assert set(engine._pools) == set(engine.route("en", "fr"))
        assert "cat-fra" in engine.lookups.running
    assert engine.lookups.running == []


@apertium
def test_broader_terms_are_followed_only_through_terms_of_one_sense(
    engine: ApertiumTranslator,
) -> None:
    # "rider" is a broader term of "jockey", but the thesaurus lists its sense of a clause
    # first: its broader terms ("article", "clause") are no way of saying "jockey".
    found = engine.rewording.alternatives.of("jockey", ("jockey", "<n><sg>"), "eng-spa")
    assert "horseman" in found and "rider" in found
    assert "article" not in found and "clause" not in found


@apertium
def test_an_alternative_that_cannot_be_inflected_like_the_word_is_dropped(
    engine: ApertiumTranslator,
) -> None:
    # The generator cannot make "voyage" a past tense: "voyage" would stand for "navigated".
    found = engine.rewording.alternatives.of("navigated", ("navigate", "<vblex><past>"), "eng-spa")
    assert "voyage" not in found
    assert "travelled" in found


# Plurals a dictionary lacks whose singular is not the word: the analyser knows "four" (a
# cricket score is a sense of its own), "barb" has three senses (a feather's is not a remark).
KEPT_PLURALS = [
    ("it", "He hit three fours in the over.", "fours", ("digits", "cifre")),
    ("fr", "The feather has barbs.", "barbs", ("remarks", "remarques", "commentaires")),
]


@apertium
@pytest.mark.parametrize(("target", "sentence", "word", "never"), KEPT_PLURALS)
def test_a_plural_whose_singular_means_something_else_is_not_said_another_way(
    engine: ApertiumTranslator, target: str, sentence: str, word: str, never: tuple[str, ...]
) -> None:
    (out,) = engine.translate([sentence], "en", target)
    assert word not in dict(out.reworded), out
    assert not any(w in out.text.lower() for w in never), out.text
