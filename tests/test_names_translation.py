"""Names kept through translation, places given the target's name, no pivot words left behind,
lead-ins written in the target language around a kept name or a translated phrase.

Through the real Apertium engine (skipped where its pairs are not installed). Every sentence
here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from tidings.models.base import Alignment, Attribution, AttributionKind, Span
from tidings.models.registry import TranslatorRouter
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.apertium_stream import marked_words
from tidings.models.translators.apertium_words import (
    classify,
    lowercase_after_unknown,
)
from tidings.models.translators.kept_names import to_protect
from tidings.models.translators.names import Kind, find_names
from tidings.models.translators.surnames import with_surnames
from tidings.service.pipeline import Pipeline, _Base, _Sentence
from tidings.service.render import render

NEEDED = {("en", "es"), ("en", "fr"), ("en", "it"), ("es", "en"), ("fr", "en"), ("en", "gl")}
apertium = pytest.mark.skipif(
    not NEEDED <= installed_pairs(), reason="the Apertium pairs of these tests are not installed"
)


# (source, target, sentence, must appear verbatim or as the target's name, must not appear)
KEPT = [
    ("en", "fr", "Fox News reported the story on Monday.", ["Fox News"], ["Renard", "Noticioso"]),
    ("en", "fr", "A study by One World Labs found higher prices.", ["One World Labs"],
     ["Laboratoires", "Mondiaux"]),
    ("en", "fr", "One World Labs released a new phone.", ["One World Labs"], ["Un "]),
    ("en", "es", "Shepherd John Hendy said the flock was safe.", ["Shepherd John Hendy"],
     ["Pastor"]),
    ("en", "gl", "Shepherd John Hendy said the flock was safe.", ["Shepherd John Hendy"],
     ["Pastor"]),
    ("en", "es", "Big Ben will be silent for four years.", ["Big Ben"], ["grande", "Grand"]),
    ("en", "fr", "Big Ben will be silent for four years.", ["Big Ben"], ["grand", "Grand"]),
    ("en", "es", "The mayor of New York met reporters.", ["Nueva York"], ["New York"]),
    ("en", "it", "Bashar al-Assad spoke to the nation.", ["Bashar al-Assad"], ["il-Assad"]),
    ("en", "fr", "Bashar al-Assad spoke to the nation.", ["Bashar al-Assad"], ["Au-Assad"]),
    ("es", "en", "La ministra Teresa Ribera dijo que el plan era bueno.", ["Teresa Ribera"],
     ["Bank"]),
    ("es", "fr", "La ministra Teresa Ribera dijo que el plan era bueno.", ["Teresa Ribera"],
     ["Rive"]),
    ("fr", "en", "Selon Fox News, le ministre Gabriel Attal a visité l'école.",
     ["Fox News", "Gabriel Attal"], ["Fox Noticioso"]),
    ("en", "fr", "Miners and reporters gathered outside the station.", ["mineurs"],
     ["reporteros", "mineros"]),
    ("en", "it", "The shepherd watched the flock from the hill.", ["pastore"], ["rebaño"]),
    # es-fr capitalised the word after a kept name that opens a sentence.
    ("en", "fr", "Assad, accompanied by his family, left.", ["Assad, accompagné"], ["Accompagné"]),
    # The pivot wrote one word as two ("rebel" -> "se rebela"): the source word comes back.
    ("en", "fr", "The rebel offensive began at dawn.", ["rebel"], ["rebela"]),
    ("en", "es", "Reporters waited outside the Mayor's office.", ["Alcalde"], ["Mayor"]),
    # A word the direct pair lacks is retried through the pivot (en->es->ca).
    ("en", "ca", "The new chairman spoke.", ["president"], ["chairman"]),
    # A kept name still reads as the subject: a finite verb, not a participle.
    ("en", "es", "Fox News reported the story on Monday.", ["Fox News informó"], ["informado"]),
    ("en", "fr", "Fox News reported the story on Monday.", ["Fox News a informé"], ["A informé"]),
    # Places the dictionary knows take the target's name; descriptions are translated.
    ("en", "es", "Troops left Turkey on Monday.", ["Turquía"], ["Turkey"]),
    ("en", "es", "The Swedish Academy gave up.", ["Academia"], ["Swedish"]),
    ("en", "es", "President Donald Trump spoke.", ["Presidente Donald Trump"], ["President "]),
    # A person's surname alone, where the recogniser misses it at a sentence's start.
    ("en", "es", "Donald Trump held a rally. Trump won the vote.", ["Trump ganó"], ["triunfo"]),
    # Capitalised words opening a sentence that the recogniser has nothing for, none of
    # which the dictionary knows as an ordinary word.
    ("en", "es", "Theresa May spoke.", ["Theresa May"], ["mayo"]),
    # A surname inside a name found there goes as that name goes ("Bill", a generic head,
    # makes "Bill Clinton" a description the translator reads whole): the possessive still
    # reads as one.
    ("en", "es", "Hillary Clinton’s role as an enabler of Bill Clinton’s behaviour is an issue.",
     ["comportamiento de Bill Clinton"], ["Bill Clinton el"]),
]  # fmt: skip


@apertium
@pytest.mark.parametrize(("source", "target", "sentence", "kept", "gone"), KEPT)
def test_names_kept_places_translated_no_pivot_words(
    engine: ApertiumTranslator,
    source: str,
    target: str,
    sentence: str,
    kept: list[str],
    gone: list[str],
) -> None:
    (out,) = engine.translate([sentence], source, target)
    for words in kept:
        assert words in out.text, out.text
    for words in gone:
        assert words not in out.text, out.text


@apertium
def test_caller_terms_keep_their_spans_beside_found_names(engine: ApertiumTranslator) -> None:
    text = "Fox News said Donald Trump met Big Ben's keeper."
    (out,) = engine.translate([text], "en", "es", [["Donald Trump"]])
    assert len(out.protected_spans) == 1  # the caller's terms only
    span = out.protected_spans[0]
    assert span is not None and span.of(out.text) == "Donald Trump"
    assert "Fox News" in out.text and "Big Ben" in out.text


@apertium
def test_names_can_be_left_to_the_engine() -> None:
    with ApertiumTranslator(protect_names=False) as plain:
        (out,) = plain.translate(["Fox News reported it."], "en", "es")
    assert "Fox News" not in out.text


# (language, text, names found, with their kinds)
FOUND = [
    ("en", "Fox News reported the story on Monday.", [("Fox News", Kind.NAME)]),
    ("en", "Big Ben will be silent.", [("Big Ben", Kind.NAME)]),
    ("en", "The mayor of New York spoke.", [("New York", Kind.PLACE)]),
    ("en", "Yesterday John Smith said the Bank of England would act.",
     [("John Smith", Kind.NAME), ("Bank of England", Kind.NAME)]),
    ("en", "He joined Kilmarnock's board.", [("Kilmarnock", Kind.NAME)]),
    ("fr", "Selon Fox News, Gabriel Attal a visité Paris.",
     [("Fox News", Kind.NAME), ("Gabriel Attal", Kind.NAME), ("Paris", Kind.PLACE)]),
    ("es", "El Gobierno habló con Pedro Sánchez y el Ministerio de Sanidad.",
     [("Gobierno", Kind.UNTYPED), ("Pedro Sánchez", Kind.UNTYPED),
      ("Ministerio de Sanidad", Kind.UNTYPED)]),
    ("es", "Ayer llovió.", []),
    # Two or three capitalised words opening a sentence, none but the last a stop word, may
    # be a person's name (the dictionary is asked); one word, or a stop word first, is not.
    ("en", "Theresa May spoke.", [("Theresa May", Kind.UNTYPED)]),
    ("en", "Voters Here And There went home.", []),
    ("en", "U.S. President George W. Bush arrived.", [("George W. Bush", Kind.NAME)]),
    ("es", "Gosling y Emma Stone hablaron.", [("Emma Stone", Kind.UNTYPED)]),
    # A word that opens a quotation opens a sentence; a capitalised one after a closing quote
    # or a plural's possessive does not.
    ("en", "'Pundits are wrong,' he said.", []),
    ("es", "‘Ayer llovió’, dijo.", []),
    ("es", "Dijo 'hola' Pedro Sánchez.", [("Pedro Sánchez", Kind.UNTYPED)]),
]  # fmt: skip


# (texts of one call, the persons kept, what each text keeps after)
SURNAMES = [
    (["Donald Trump spoke.", "Trump won."], ["Donald Trump"], [["Trump"], ["Trump"]]),
    (["He played a trump card."], ["Donald Trump"], [[]]),  # not capitalised: no name
    (["Boris Johnson's plan.", "Johnson left."], ["Boris Johnson's"], [["Johnson"], ["Johnson"]]),
    (["Madonna sang.", "Madonna left."], ["Madonna"], [[], []]),  # one word: no surname
    (["Ed Miliband MP spoke. MP said."], ["Ed Miliband MP"], [[]]),  # capitals: no surname
]


@pytest.mark.parametrize(("texts", "persons", "expected"), SURNAMES)
def test_a_persons_surname_alone_is_kept_in_every_text_of_the_call(
    texts: list[str], persons: list[str], expected: list[list[str]]
) -> None:
    assert with_surnames(texts, persons, [[] for _ in texts]) == expected


def test_a_surname_inside_a_name_the_text_keeps_goes_with_it() -> None:
    # A second, overlapping term made "Bill Clinton's behaviour" es "de Bill Clinton el
    # comportamiento".
    texts = ["Bill Clinton's behaviour.", "Bill Clinton spoke. Clinton left."]
    kept = with_surnames(texts, ["Bill Clinton"], [["Bill Clinton"], ["Bill Clinton"]])
    assert kept == [["Bill Clinton"], ["Bill Clinton", "Clinton"]]
    # Inside a name found but not kept (a description), likewise.
    kept = with_surnames(texts[:1], ["Hillary Clinton"], [[]], [["Bill Clinton"]])
    assert kept == [[]]


@apertium
def test_a_surname_is_kept_in_another_text_of_the_same_call(engine: ApertiumTranslator) -> None:
    first, second = engine.translate(
        ["Donald Trump held a rally in Ohio.", "Trump won the vote."], "en", "es"
    )
    assert second.text.startswith("Trump "), second


@pytest.mark.parametrize(("language", "text", "expected"), FOUND)
def test_find_names(language: str, text: str, expected: list[tuple[str, Kind]]) -> None:
    assert [(n.text, n.kind) for n in find_names(text, language)] == expected
    for n in find_names(text, language):
        assert text[n.start : n.end] == n.text


def test_to_protect_asks_the_lexicon_about_places_and_untyped_runs() -> None:
    asked: list[str] = []

    def lexicon(names: list[str]) -> list[str]:
        asked.extend(names)
        table = {"Nueva York": "place", "Gobierno": "common", "Ayer": "common"}
        return [table.get(n, "other") for n in names]

    texts = ["Ayer Pedro Sánchez visitó Nueva York con el Gobierno."]
    assert to_protect(texts, "es", lexicon) == [["Pedro Sánchez"]]
    assert "Fox News" not in asked
    # Without a lexicon (a neural engine): places go to the engine, runs of two words are kept.
    assert to_protect(texts, "es") == [["Ayer Pedro Sánchez", "Nueva York"]]
    # Descriptions are translated, never kept.
    assert to_protect(["The Swedish Academy met Fox News."], "en", lexicon) == [["Fox News"]]


@pytest.mark.parametrize(
    ("analysis", "kind"),
    [
        ("^New York/New York<np><loc><sg>$", "place"),
        ("^Mayor/Mayor<n><sg>/Mayor<np><cog><sg>$", "common"),
        ("^Big/big<adj><sint>$ ^Ben/Ben<np><ant><m><sg>$", "other"),
        ("^Hendy/*Hendy$", "other"),
        ("^Ministerio/ministerio<n><m><sg>$ ^de/de<pr>$ ^Sanidad/sanidad<n><f><sg>$", "ordinary"),
        ("^Teresa/Teresa<np><ant><f><sg>$ ^Ribera/ribera<n><f><sg>$", "other"),
        (
            "^Estados Unidos/Estados Unidos<np><loc>$ ^de/de<pr>$ ^América/América<np><loc>$",
            "place",
        ),
        ("", "other"),
    ],
)
def test_classify(analysis: str, kind: str) -> None:
    assert classify(analysis) == kind


def test_marked_words_skip_superblanks_and_escapes() -> None:
    stream = r"Les *reporteros [<b>*x</b>] \*y @mineros"
    assert [w for _, _, w in marked_words(stream)] == ["reporteros", "mineros"]
    # A closing quote is no part of the word; an apostrophe or hyphen inside one is.
    stream = "sido '*envious' y *jockeys' y *O'Neill y *multi-million"
    assert [w for _, _, w in marked_words(stream)] == ["envious", "jockeys", "O'Neill",
                                                        "multi-million"]  # fmt: skip


@pytest.mark.parametrize(
    ("out", "given", "want"),
    [
        # es-fr capitalises the word after a sentence-opening unknown word.
        ("*Zqxva, Le président a parlé.", "Zqxva, el presidente habló.",
         "*Zqxva, le président a parlé."),
        ("Il a dit. *Zqxva Accompagné.", "Dijo. Zqxva acompañado.", "Il a dit. *Zqxva accompagné."),
        ("*Zqxva – Quién perdió.", "Zqxva – who lost.", "*Zqxva – quién perdió."),
        # A capital the input had stays: a name, or a word opening the input sentence.
        ("*Zqxva, Pedro a parlé.", "Zqxva, Pedro habló.", "*Zqxva, Pedro a parlé."),
        ("Le *Zqxva, Président.", "El Zqxva, presidente.", "Le *Zqxva, Président."),
    ],
)  # fmt: skip
def test_lowercase_after_unknown(out: str, given: str, want: str) -> None:
    assert lowercase_after_unknown(out, given) == want


LEAD_ARTICLE = (
    "The energy ministry announced a plan on Monday. Prices will rise next year. "
    "Fox News spoke to miners."
)


def _attr(source: str, claim: str) -> Attribution:
    def span(text: str) -> Span:
        return Span(LEAD_ARTICLE.index(text), LEAD_ARTICLE.index(text) + len(text))

    return Attribution(
        content=claim, content_span=span(claim), kind=AttributionKind.INDIRECT, confidence=0.9,
        source=source, source_span=span(source), source_name=source, source_named=True,
    )  # fmt: skip


# (target, source in the article, the translated summary sentence opens with)
LEADS = [
    ("es", "The energy ministry", "Según el ministerio de energía, los precios "),
    ("fr", "The energy ministry", "Selon le ministère d'énergie, les prix "),
    ("it", "The energy ministry", "Secondo il ministero d'energia, i prezzi "),
    ("pt", "The energy ministry", "Segundo o ministério de energia, os preços "),
    ("ca", "The energy ministry", "Segons el ministeri d'energia, els preus "),
    ("gl", "The energy ministry", "Segundo o ministerio de enerxía, os prezos "),
    ("fr", "Fox News", "Selon Fox News, les prix "),
    ("it", "Fox News", "Secondo Fox News, i prezzi "),
]


@apertium
@pytest.mark.parametrize(("target", "source", "opening"), LEADS)
def test_lead_ins_in_the_target_language(
    engine: ApertiumTranslator, target: str, source: str, opening: str
) -> None:
    claim = "Prices will rise next year."
    rendered = render(LEAD_ARTICLE, claim, None, _attr(source, claim), "en")
    assert rendered.body == "prices will rise next year."
    # An unnamed source is a phrase in the English lead-in too, not a protected name.
    assert rendered.protect == (source == "Fox News")
    pipeline = Pipeline.__new__(Pipeline)  # only the translation step: no other engine needed
    pipeline.engines = SimpleNamespace(translators=TranslatorRouter([engine]))
    alignment = Alignment((Span(0, 1),), (1,), 1.0, True)
    base = _Base("en", (_Sentence(alignment, (0,), rendered),))
    (sentence,) = pipeline._localize(base, target).sentences
    assert sentence.text.startswith(opening), sentence.text
    assert "energy" not in sentence.text and "ministry" not in sentence.text
    span = sentence.source_name_span
    assert span is not None
    assert span.of(sentence.text) == opening.split(",")[0].split(" ", 1)[1]


@apertium
def test_leftover_words_measure() -> None:
    """eval/translation_leakage.py on hand-written rows: pivot and English words are found,
    words of names kept on purpose are counted apart, target words are not counted."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "eval" / "translation_leakage.py"
    spec = importlib.util.spec_from_file_location("translation_leakage", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [
        {"en": "Fox News met reporters.", "fr": "Fox News a rencontré des reporteros."},
        {"en": "The shepherd watched the flock.", "fr": "Le berger a regardé le flock."},
        {"en": "The minister spoke.", "fr": "Le ministre a parlé."},
        # A group's name (spaCy NORP) left as it was is a name kept, not a leftover.
        {"en": "Labour attacked the Tories on Monday.",
         "fr": "Labour a attaqué les Tories lundi."},
    ]  # fmt: skip
    report = module.leakage(rows, ["fr"])["fr"]
    assert report["summaries"] == 4 and report["with_leftovers"] == 2
    assert set(report["words"]) == {"reporteros", "flock"}
    assert "Fox" not in report["words"] and "Tories" in report["in_names"]
    # An English word no Apertium analyser knows, found by English Hunspell (make apertium
    # installs hunspell-en-us).
    from tidings.models.translators.spelling import Spelling

    if Spelling().available("en"):
        rows = [{"en": "It said so damningly.", "fr": "Il a dit damningly ainsi."}]
        assert set(module.leakage(rows, ["fr"])["fr"]["words"]) == {"damningly"}
    # Italian's adverb "on line" is one unit of its dictionary: neither word is left over;
    # "line" alone still is.
    rows = [
        {"en": "A hater online.", "it": "Una persona on line."},
        {"en": "A line.", "it": "Una line."},
    ]
    report = module.leakage(rows, ["it"])["it"]
    assert report["with_leftovers"] == 1 and set(report["words"]) == {"line"}


@pytest.mark.parametrize(
    ("first_name", "surname", "expected"),
    [
        ("other", "common", [["Donald Trump", "Trump"]]),
        ("not-noun", "common", [["Donald Trump"]]),
        ("other", "not-noun", [["Donald Trump", "Trump"]]),  # "Mark Cuban"
    ],
)
def test_a_surname_is_kept_only_for_a_name_with_no_word_the_dictionary_says_is_no_noun(
    first_name: str, surname: str, expected: list[list[str]]
) -> None:
    # A recogniser's "person" opening with a verb or adjective ("Crooked Hillary", "Define
    # American") is most often a headline misread: its last word is no surname.
    def lexicon(names: list[str]) -> list[str]:
        table = {"Donald": first_name, "Trump": surname}
        return [table.get(n, "other") for n in names]

    assert to_protect(["Donald Trump held a rally. Trump won."], "en", lexicon) == expected


def test_the_rest_of_a_run_after_an_ordinary_first_word_is_judged_as_a_run() -> None:
    # "Ayer Pedro Sánchez": the rest is a name; "Ayer Comisión Nacional": a description.
    def lexicon(names: list[str]) -> list[str]:
        table = {"Ayer": "common", "Comisión Nacional": "ordinary"}
        return [table.get(n, "other") for n in names]

    texts = ["Ayer Pedro Sánchez habló.", "Ayer Comisión Nacional habló."]
    assert to_protect(texts, "es", lexicon) == [["Pedro Sánchez"], []]
