"""ApertiumTranslator against the real Apertium (CI installs it; skipped where it is absent)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tidings.models.base import Translator, Unsupported
from tidings.models.translators.apertium import (
    ApertiumError,
    ApertiumTranslator,
    installed_pairs,
)
from tidings.models.translators.apertium_chain import ModeChain
from tidings.models.translators.apertium_format import deformat
from tidings.models.translators.apertium_modes import parse_mode, segments

MODES = Path("/usr/share/apertium/modes")
pytestmark = pytest.mark.skipif(
    shutil.which("apertium") is None or not (MODES / "eng-spa.mode").exists(),
    reason="apertium and apertium-eng-spa are not installed (run `make apertium`)",
)


def test_is_a_translator_and_discovers_pairs(engine: ApertiumTranslator) -> None:
    assert isinstance(engine, Translator)
    pairs = engine.pairs()
    assert {("en", "es"), ("es", "en")} <= pairs
    assert pairs == installed_pairs() == ApertiumTranslator.installed_pairs()
    assert all(len(s) == 2 and len(t) == 2 and s != t for s, t in pairs)
    assert engine.route("en", "es") == ("eng-spa",)


def test_no_modes_means_no_pairs(tmp_path: Path) -> None:
    assert ApertiumTranslator(modes_dir=str(tmp_path)).pairs() == set()
    with pytest.raises(Unsupported):
        ApertiumTranslator(modes_dir=str(tmp_path)).translate(["x"], "en", "es")


def test_null_flush_on_every_stage() -> None:
    stages = parse_mode(MODES / "eng-spa.mode")
    assert all("-z" in argv for argv in stages)
    assert not any(a.startswith("$") for argv in stages for a in argv)
    assert ["-n" in argv for argv in stages].count(True) >= 1  # generation without '*' marks


def test_en_es_is_spanish(engine: ApertiumTranslator) -> None:
    [out] = engine.translate(["The house is red."], "en", "es")
    assert "casa" in out.text.lower()
    assert out.text.endswith(".")  # rehtml would eat a final '.' before an empty superblank
    assert out.engine == "apertium:eng-spa" and out.pivot is None


def test_unknown_words_carry_no_marks(engine: ApertiumTranslator) -> None:
    [out] = engine.translate(["The zorblaxian house is red."], "en", "es")
    assert "zorblaxian" in out.text
    assert not any(mark in out.text for mark in "*#@")


@pytest.mark.skipif(not (MODES / "spa-ita.mode").exists(), reason="apertium-spa-ita missing")
def test_pivot_names_both_legs(engine: ApertiumTranslator) -> None:
    assert engine.route("en", "it") == ("eng-spa", "spa-ita")
    [out] = engine.translate(["The house is red."], "en", "it")
    assert out.engine == "apertium:eng-spa|spa-ita" and out.pivot == "es"
    assert "casa" in out.text.lower() and "rossa" in out.text.lower()


def test_protected_terms_verbatim_with_spans(engine: ApertiumTranslator) -> None:
    text = "Donald Trump said that TASS reported that Antonio Guterres met José Peña."
    terms = ["Donald Trump", "TASS", "Antonio Guterres", "José Peña", "Vladimir Putin"]
    [out] = engine.translate([text], "en", "es", protect=[terms])
    spans = out.protected_spans
    assert len(spans) == len(terms)
    for term, span in zip(terms[:4], spans, strict=False):
        assert span is not None and span.of(out.text) == term
    assert spans[4] is None  # not in the text, so not locatable
    assert "Triunfo" not in out.text  # unprotected, "Trump" is translated as a noun
    assert not out.text.startswith("Donald Trump Dicho")  # sentence-case repaired after a term


def test_protection_is_per_text(engine: ApertiumTranslator) -> None:
    texts = ["Trump said no.", "Trump said yes."]
    out = engine.translate(texts, "en", "es", protect=[["Trump"]])
    assert out[0].protected_spans[0] is not None and out[0].text.startswith("Trump")
    assert out[1].protected_spans == ()


def test_markup_characters_and_unicode_round_trip(engine: ApertiumTranslator) -> None:
    text = "If a < b & c > d, the café in Zürich said “yes” — 5*3 #tag <b>bold</b> [x] \\ $y ^z."
    [out] = engine.translate([text], "en", "es")
    for piece in ["<", "&", ">", "Zürich", "“", "”", "—", "5*3", "#", "<b>", "</b>", "[x]", "\\"]:
        assert piece in out.text, piece
    assert "&lt;" not in out.text and "&amp;" not in out.text and "&#" not in out.text
    assert "$y" in out.text and "^z" in out.text


@pytest.mark.parametrize("text", ["He said^", "word.I^", "x^y^", "The talks resume.I^\x9b"])
def test_a_caret_after_a_word_does_not_stall_the_pipeline(
    engine: ApertiumTranslator, text: str
) -> None:
    # lrx-proc swallowed the request's closing NUL after "said\^": the call hung 30 s.
    for target in ("es", "fr"):
        [out] = engine.translate([text], "en", target)
        assert out.text.count("^") == text.count("^"), out.text


def test_empty_and_whitespace_texts(engine: ApertiumTranslator) -> None:
    out = engine.translate(["", "  ", " The house. "], "en", "es")
    assert [t.text for t in out[:2]] == ["", "  "]
    assert out[2].text.startswith(" ") and out[2].text.endswith(" ")


@pytest.mark.skipif(not (MODES / "eng-cat.mode").exists(), reason="apertium-eng-cat missing")
def test_no_blank_before_a_full_stop_the_transfer_left(engine: ApertiumTranslator) -> None:
    # Catalan's transfer moves the genitive and leaves "de Peter ." ; a caller's own blank
    # before a stop is kept.
    sentence = "The funeral was held in St. Peter's Square."
    (out,) = engine.translate([sentence], "en", "ca")
    assert out.text.endswith("Peter.") and " ." not in out.text, out
    (kept,) = engine.translate([sentence[:-1] + " ."], "en", "ca")
    assert kept.text.endswith(" ."), kept


def test_batch_keeps_order(engine: ApertiumTranslator) -> None:
    texts = ["The house is red.", "The dog is black.", "I have a cat.", "The water is cold."]
    out = engine.translate(texts, "en", "es")
    words = ["casa", "perro", "gato", "agua"]
    assert [w in t.text.lower() for w, t in zip(words, out, strict=True)] == [True] * 4


def test_process_persists_and_restarts_after_kill(engine: ApertiumTranslator) -> None:
    engine.translate(["The house is red."], "en", "es")
    chain = engine.pool("eng-spa")
    pids, starts = chain.pids, chain.starts
    engine.translate(["The dog is black."], "en", "es")
    assert chain.pids == pids and chain.starts == starts
    os.kill(pids[3], signal.SIGKILL)  # a middle stage: the pipe breaks in the middle
    time.sleep(0.1)
    [out] = engine.translate(["The house is red."], "en", "es")
    assert "casa" in out.text.lower()
    assert chain.starts == starts + 1 and set(chain.pids).isdisjoint(pids)


def test_hung_stage_is_an_error_not_a_hang() -> None:
    chain = ModeChain("eng-spa", MODES / "eng-spa.mode", timeout_s=30.0)
    try:
        chain.run(["warm up."])  # loading the transducers may take a while on a busy machine
        pids = chain.pids
        os.kill(pids[2], signal.SIGSTOP)
        chain.timeout_s = 1.0
        start = time.monotonic()
        with pytest.raises(ApertiumError, match="no answer"):
            chain.run(["The house is red."])
        assert time.monotonic() - start < 5
        chain.timeout_s = 30.0
        assert "casa" in chain.run(["The house is red."])[0].lower()
        assert set(chain.pids).isdisjoint(pids)
    finally:
        chain.close()


def test_concurrent_calls_get_their_own_results(engine: ApertiumTranslator) -> None:
    cases = {"The house is red.": "casa", "The dog is black.": "perro", "I have a cat.": "gato"}
    jobs = list(cases.items()) * 8

    def one(job: tuple[str, str]) -> bool:
        [out] = engine.translate([job[0]], "en", "es")
        return job[1] in out.text.lower()

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(one, jobs))


def test_close_terminates_processes() -> None:
    translator = ApertiumTranslator()
    translator.translate(["The house."], "en", "es")
    procs = translator.pool("eng-spa").procs
    translator.close()
    assert procs and all(p.poll() is not None for p in procs)
    # and a closed engine comes back when used again
    assert "casa" in translator.translate(["The house."], "en", "es")[0].text.lower()
    translator.close()


def test_hyphenated_compounds_are_not_glued_into_one_word(engine):
    [out] = engine.translate(["Rebels launched a large-scale attack."], "en", "es")
    assert "ataque" in out.text.split()
    assert "ataquedeescala" not in out.text


def test_a_hyphenated_word_the_dictionary_has_whole_stays_whole(engine):
    # Apart, "far right" was "derecha lejana" and "twenty five" "veinte cinco".
    sentence = "The far-right party won twenty-five seats, a half-hearted gain for her self-esteem."
    [out] = engine.translate([sentence], "en", "es")
    for word in ("ultraderechista", "veinticinco", "desganad", "autoestima"):
        assert word in out.text, out.text
    assert not out.untranslated


@pytest.mark.parametrize(
    ("target", "said", "never"),
    [
        ("es", "3000 millones", "billones"),
        ("fr", "3000 millions", "billions"),
        ("ca", "3000 milions", "bilions"),
    ],
)
def test_billions_are_said_as_millions(engine, target, said, never):
    # eng-spa read "$3bn" as "3 billones de dólares", and es-fr as "billions": 10^12 in both.
    [out] = engine.translate(["The firm lost $3bn in 2015."], "en", target)
    assert said in out.text and never not in out.text, out.text


@pytest.mark.parametrize(("target", "said"), [("es", "de £4 millones"), ("ca", "de £4 milions")])
def test_an_amount_before_its_noun_is_said_after_it(engine, target, said):
    # "a £4m fine" was es "unas 4 millones de libras bien", ca "un £4*m multa".
    [out] = engine.translate(["They paid a £4m fine."], "en", target)
    assert said in out.text, out.text


def test_an_age_in_digits_reads_as_an_age(engine):
    # The hyphens were "un 25-año el hombre viejo".
    [out] = engine.translate(["A 25-year-old man was arrested."], "en", "es")
    assert "hombre de 25 años" in out.text, out.text


@pytest.mark.parametrize("target", ["es", "ca"])
def test_an_amount_written_against_its_million_keeps_the_word_whole(engine, target):
    # The analyser read "£330million" as "£330m" and an unknown "illion": "librasillion".
    [out] = engine.translate(["They paid £330million and $5billion for it."], "en", target)
    assert "illion" not in out.text and "330" in out.text
    assert not out.untranslated


# "included" has an ambiguity class eng-spa's tagger model lacks; a tagger that has read it
# tags the unknown words "Rahman" and "shipment" differently ever after ("dicho" for "dijo").
_NOVEL_CLASS = (
    "The port authority said in a statement that its latest offer included a raise of four "
    "percent and new safety equipment."
)
_UNKNOWN_WORDS = (
    "Dr. Aisha Rahman said the clinic had turned away more than forty families since the "
    "shipment failed to arrive last week."
)


def test_a_translation_does_not_depend_on_earlier_ones() -> None:
    with ApertiumTranslator() as fresh:
        [alone] = fresh.translate([_UNKNOWN_WORDS], "en", "es")
    with ApertiumTranslator() as used:
        used.translate([_NOVEL_CLASS], "en", "es")
        [after] = used.translate([_UNKNOWN_WORDS], "en", "es")
        [in_batch] = used.translate([_NOVEL_CLASS, _UNKNOWN_WORDS], "en", "es")[1:]
        assert after.text == alone.text == in_batch.text
        assert "dijo" in alone.text
        assert used.pool("eng-spa").resets >= 2  # the tagger reported it and was replaced


def test_stateful_programs_run_alone_and_report() -> None:
    stages = parse_mode(MODES / "eng-spa.mode")
    runs = segments(stages)
    assert [argv for run in runs for argv in run if argv[1] != "-d"] == [
        argv for argv in stages if "apertium-tagger" not in argv[0]
    ]
    tagger = [run for run in runs if "apertium-tagger" in run[0][0]]
    assert tagger == [[[stages[2][0], "-d", *stages[2][1:]]]]


_PROGRAMS = ("apertium", "lt-", "lrx-", "lsx-", "rtx-", "cg-")


def _apertium_children() -> set[int]:
    """Pids of this process's Apertium children, read from /proc (no psutil). Other engines in
    the test process (the module's ``engine``) have theirs: callers count what is new."""
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv0 = (entry / "cmdline").read_bytes().split(b"\0")[0].decode()
        except OSError:
            continue  # gone meanwhile
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == me and Path(argv0).name.startswith(_PROGRAMS):
            found.add(int(entry.name))
    return found


_JOBS = [
    (("en", "es"), "The house is red.", "casa"),
    (("en", "es"), "The dog is black.", "perro"),
    (("es", "en"), "La casa es roja.", "house"),
    (("en", "ca"), "The house is red.", "casa"),
    (("en", "it"), "The house is red.", "casa"),
    (("es", "pt"), "La casa es roja.", "casa"),
]


def _wave(engine: ApertiumTranslator, jobs: list, threads: int) -> list[bool]:
    def one(job) -> bool:
        (source, target), text, word = job
        [out] = engine.translate([text], source, target)
        return word in out.text.lower()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, jobs))


def test_process_count_is_bounded_under_concurrent_traffic() -> None:
    threads = 8
    others = _apertium_children()
    with ApertiumTranslator(pool_size=2) as engine:
        jobs = [j for j in _JOBS if j[0] in engine.pairs()] * 8
        modes = sorted({mode for pair, _, _ in jobs for mode in engine.route(*pair)})
        assert len(modes) >= 3
        pools = [engine.pool(mode) for mode in modes]
        bound = sum(pool.max_processes for pool in pools)
        seen: list[int] = []
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                seen.append(len(_apertium_children() - others))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            assert all(_wave(engine, jobs, threads))
            # Between requests only the pools' own processes are left.
            assert _apertium_children() - others == {pid for p in pools for pid in p.pids}
            assert all(_wave(engine, jobs, threads))
        finally:
            done.set()
            sampler.join()
        # While requests run, each may add one short-lived apertium-deshtml or -rehtml.
        assert max(seen) <= bound + threads
        assert len(_apertium_children() - others) <= bound
        assert all(sum(c.started for c in pool.chains) <= 2 for pool in pools)
        # eight threads at once did need the second eng-spa pipeline
        assert sum(c.started for c in engine.pool("eng-spa").chains) == 2
    assert not _apertium_children() - others


def test_a_killed_process_in_the_pool_is_replaced() -> None:
    others = _apertium_children()
    with ApertiumTranslator(pool_size=2) as engine:
        assert all(_wave(engine, [_JOBS[0], _JOBS[1]] * 4, 4))
        pool = engine.pool("eng-spa")
        killed = [chain.pids[1] for chain in pool.chains if chain.started]
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)
        starts = pool.starts
        [out] = engine.translate(["The house is red."], "en", "es")
        assert "casa" in out.text.lower()
        assert pool.starts == starts + 1
        assert all(_wave(engine, [_JOBS[0], _JOBS[1]] * 4, 4))
        for chain in pool.chains:  # each started chain serves again, whichever got the wave
            if chain.started:
                assert "casa" in chain.run(deformat(["The house is red."], 30))[0].lower()
        assert not set(killed) & set(pool.pids)
        assert len(_apertium_children() - others) <= pool.max_processes
