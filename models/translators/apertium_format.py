"""Plain text <-> Apertium stream, through Apertium's own html deformatter and reformatter.

Texts are plain text: ``<``, ``>`` and ``&`` are escaped to entities before apertium-deshtml,
which turns entities and tags into superblanks (``[...]``) that every stage copies verbatim.
Protected terms are replaced by a placeholder word, ``Zqxvd`` (letters for the term's number),
that no dictionary knows: Apertium reads it as an unknown proper noun and passes it through, and
the sentence keeps its grammar around it ("Zqxvd said" -> "Zqxvd dijo", where a blank in its
place would leave "dicho"). After apertium-rehtml each placeholder becomes the tag
``<tidings-term n="3">`` and then the term. A text that already holds the placeholder's prefix
gets the tags themselves, which deshtml turns into superblanks. The caller's own tag-like and
entity-like runs (``<script>``, ``&amp;``) go the same way as ``<tidings-raw n="0">``, so they
come back whole instead of having their insides translated as words (see plaintext.py).
Neither deshtml nor rehtml has a null-flush mode (deshtml drops NULs), so they run once per
batch with a separator tag between texts; the batch is cut at the separators and each text is
its own request on the persistent pipeline.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.models.base import InvalidInput, Span

from .apertium_modes import ApertiumError
from .plaintext import TAG_OR_ENTITY

SEPARATOR = "<tidings-sep>"
_PLACE_TAG = re.compile(r'<tidings-(term|raw) n="(\d+)">')
# '*', '#', '@' are Apertium's marks (unknown word, generation failure, untranslated lemma).
# Sending the caller's own as numeric entities puts them in superblanks, so any bare one in the
# output is a mark and can be dropped without touching the text's own hashtags or e-mails.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "&#42;", "#": "&#35;",
                           "@": "&#64;"})  # fmt: skip
_MARKS = frozenset("*#@")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]['\"”’»)]*)\s*$")
_LOWER_NEXT = re.compile(r"\s+[^\W\d_]*[a-zà-ÿ]")
# A capitalised word, or a one-letter one ("Fox News A informé" -> "a informé").
_UPPER_WORD = re.compile(r"^(\s*)([^\W\d_])(?=[^\W\d_]*[a-zà-ÿß]|\s)")


@dataclass(frozen=True)
class Prepared:
    """One text as HTML for deshtml, with the protected terms it stands for."""

    html: str
    terms: tuple[str, ...]
    found: tuple[bool, ...]
    # Per replaced occurrence, in order: lower-case the word after it in the output (see
    # restore). A term that opens a sentence leaves the next word first, and the transfer
    # rules capitalise a sentence's first word: "Antonio Guterres Dijo".
    recase: tuple[bool, ...] = ()
    # The caller's tag-like and entity-like runs, by the number of their <tidings-raw> tag.
    raw: tuple[str, ...] = ()
    # Whether opening quotes were sent as "‘" (see prepare) and go back as "'".
    quotes: bool = False


PLACEHOLDER = "Zqxv"
_PLACEHOLDER = re.compile(rf"(?<!\w){PLACEHOLDER}([a-z]+)(?!\w)", re.IGNORECASE)


def _placeholder(k: int) -> str:
    letters = ""
    while True:
        k, digit = divmod(k, 26)
        letters = chr(ord("a") + digit) + letters
        if k == 0:
            return PLACEHOLDER + letters


def _number(letters: str) -> int:
    k = 0
    for c in letters.lower():
        k = k * 26 + ord(c) - ord("a")
    return k


def unplace(translated_html: str) -> str:
    """Placeholder words back to term tags, for restore()."""
    return _PLACEHOLDER.sub(lambda m: f'<tidings-term n="{_number(m.group(1))}">', translated_html)


# A straight quote that opens a quotation ("the actress 'stole her pet chicken'"). Apertium's
# English reads it as the start of a clitic: "'stole" is "'s" + "tole", "'master" is "'m" +
# "aster", "'real" is "'re" + "al". It reads a typographic opening quote as punctuation, so the
# quote goes as "‘" and comes back as it was.
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[{\"“—–/>-]))'(?=[^\W\d_])")
_TYPOGRAPHIC = "‘"

# Also kept out of the stream: a '^' right after a word ("said^") makes lrx-proc (lex-tools
# 0.4.2) swallow the NUL that ends the request, and the pipeline never answers.
_RAW = re.compile(rf"{TAG_OR_ENTITY.pattern}|\^+", re.DOTALL)


def prepare(text: str, terms: Sequence[str]) -> Prepared:
    """Escape ``text`` and swap each occurrence of each term for its tag.

    Longer terms win where they overlap ("Donald Trump" before "Trump"); a match needs word
    boundaries on both sides so "TASS" does not eat the start of "TASSEL".
    """
    if "\0" in text:
        raise InvalidInput("text contains a NUL character")
    # What the engine reads: one character for one, so the offsets below hold in both. Terms
    # ("'Ndrangheta") and the caller's tags are found, and kept, as written. A text with
    # typographic quotes of its own keeps what it gets back.
    quotes = _TYPOGRAPHIC not in text and bool(_OPENING_QUOTE.search(text))
    sent = _OPENING_QUOTE.sub(_TYPOGRAPHIC, text) if quotes else text
    markup = [m.span() for m in TAG_OR_ENTITY.finditer(text)]
    order = sorted(range(len(terms)), key=lambda k: -len(terms[k]))
    hits: list[tuple[int, int, int]] = []  # start, end, term index
    for k in order:
        term = terms[k]
        if not term.strip():
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _ in hits):
                continue
            # A term may hold whole tags (a quote with <b> in it), never cut one or sit inside.
            if any(m.start() < e and s < m.end() and not (m.start() <= s and e <= m.end())
                   for s, e in markup):  # fmt: skip
                continue
            hits.append((m.start(), m.end(), k))
    hits.sort()
    words = PLACEHOLDER.lower() not in text.lower()
    out: list[str] = []
    raw: list[str] = []
    pos = 0

    def plain(upto: int) -> None:
        nonlocal pos
        for m in _RAW.finditer(text, pos, upto):
            out.append(sent[pos : m.start()].translate(_ENTITIES))
            out.append(f'<tidings-raw n="{len(raw)}">')
            raw.append(m.group())
            pos = m.end()
        out.append(sent[pos:upto].translate(_ENTITIES))
        pos = upto

    for start, end, k in hits:
        plain(start)
        out.append(_placeholder(k) if words else f'<tidings-term n="{k}">')
        pos = end
    plain(len(text))
    found = tuple(any(k == h[2] for h in hits) for k in range(len(terms)))
    # The caller's tags are invisible to the engine's capitalisation: "<b>Merkel</b> said".
    recase = tuple(
        bool(_SENTENCE_START.search(TAG_OR_ENTITY.sub("", text[:start]))
             and _LOWER_NEXT.match(TAG_OR_ENTITY.sub("", text[end:end + 200])))
        for start, end, _ in hits
    )  # fmt: skip
    return Prepared("".join(out), tuple(terms), found, recase, tuple(raw), quotes)


def restore(translated_html: str, prepared: Prepared) -> tuple[str, tuple[Span | None, ...]]:
    """Plain text from rehtml's output, terms put back, and the first span of each term."""
    translated_html = unplace(translated_html)
    if prepared.quotes:
        # Only the engine's text: terms and the caller's raw runs are put back below.
        translated_html = translated_html.replace(_TYPOGRAPHIC, "'")
    out: list[str] = []
    spans: dict[int, Span] = {}
    length = 0
    pos = 0
    recase = False
    j = 0  # term tags seen
    for m in _PLACE_TAG.finditer(translated_html):
        plain = html.unescape(translated_html[pos : m.start()])
        if recase and plain.strip():
            plain = _UPPER_WORD.sub(lambda w: w.group(1) + w.group(2).lower(), plain, count=1)
            recase = False
        out.append(plain)
        length += len(plain)
        k = int(m.group(2))
        pos = m.end()
        if m.group(1) == "raw":
            piece = prepared.raw[k] if k < len(prepared.raw) else ""
            out.append(piece)
            length += len(piece)
            continue
        recase = j < len(prepared.recase) and prepared.recase[j]
        j += 1
        term = prepared.terms[k] if k < len(prepared.terms) else ""
        out.append(term)
        spans.setdefault(k, Span(length, length + len(term)))
        length += len(term)
    plain = html.unescape(translated_html[pos:])
    if recase:
        plain = _UPPER_WORD.sub(lambda w: w.group(1) + w.group(2).lower(), plain, count=1)
    out.append(plain)
    text = "".join(out)
    result: list[Span | None] = []
    for k, term in enumerate(prepared.terms):
        if k in spans:
            result.append(spans[k])
        elif term and (at := text.find(term)) >= 0:
            # The tag was lost but the words came through anyway (e.g. term not in the source).
            result.append(Span(at, at + len(term)))
        else:
            result.append(None)
    return text, tuple(result)


def _run(tool: str, args: list[str], data: str, timeout_s: float) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise ApertiumError(f"{tool} is not installed")
    try:
        done = subprocess.run(
            [exe, *args], input=data.encode("utf-8"), capture_output=True, timeout=timeout_s,
            env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise ApertiumError(f"{tool} gave no answer in {timeout_s:.0f}s") from exc
    if done.returncode != 0:
        raise ApertiumError(f"{tool} failed ({done.returncode}): {done.stderr[-300:]!r}")
    return done.stdout.decode("utf-8")


def deformat(htmls: Sequence[str], timeout_s: float) -> list[str]:
    """Stream pieces, one per text, from a single apertium-deshtml run.

    The separator always lands inside a superblank (possibly shared with neighbouring tags);
    cutting there leaves one piece with an open '[' and the next with a dangling ']', which the
    added brackets close again.
    """
    # -n: no period invented at the end, which the generator would keep for some pairs.
    stream = _run("apertium-deshtml", ["-n"], SEPARATOR.join(htmls), timeout_s)
    pieces = stream.split(SEPARATOR)
    if len(pieces) != len(htmls):
        raise ApertiumError(f"deshtml: {len(pieces)} pieces for {len(htmls)} texts")
    if len(pieces) > 1:
        pieces = [("[" if i else "") + p + ("]" if i < len(pieces) - 1 else "")
                  for i, p in enumerate(pieces)]  # fmt: skip
    return pieces


def reformat(pieces: Sequence[str], timeout_s: float) -> list[str]:
    """HTML, one per piece, from a single apertium-rehtml run."""
    joined = f"[{SEPARATOR}]".join(pieces)
    texts = _run("apertium-rehtml", [], joined, timeout_s).split(SEPARATOR)
    if len(texts) != len(pieces):
        raise ApertiumError(f"rehtml: {len(texts)} texts for {len(pieces)} pieces")
    return texts


def strip_marks(stream: str, drop_empty_blanks: bool = False) -> str:
    """Drop Apertium's '*', '#', '@' marks from the unescaped text of a stream.

    Superblanks and backslash escapes are copied as they are: the caller's own '*#@' are there.
    ``drop_empty_blanks`` is for the last step before rehtml, which deletes a '.' followed by
    an empty superblank (taking it for the period deshtml may invent); the pipeline itself
    needs that trailing blank to flush the last word, so it stays between legs.
    """
    out: list[str] = []
    i, n = 0, len(stream)
    in_blank = False
    while i < n:
        c = stream[i]
        if c == "\\" and i + 1 < n:
            out.append(stream[i : i + 2])
            i += 2
            continue
        if in_blank:
            in_blank = c != "]"
        elif c == "[":
            if drop_empty_blanks and stream.startswith("[]", i):
                i += 2
                continue
            in_blank = True
        elif c in _MARKS:
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)
