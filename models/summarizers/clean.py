"""Summary-grade sentences: the segmenter's sentences, cut and trimmed so that each is one clean
sentence a reader would accept when it is quoted on its own.

pysbd splits on punctuation, and news pages scraped into plain text break that assumption in
three ways this module repairs, always keeping spans exact (``text[s.span.start:s.span.end] ==
s.text``, code points into the article as sent):

* **Datelines and bylines** in front of the first sentence: "(CNN)", "Boston (CNN) --",
  "LONDON (Reuters) -", "By . Daily Mail Reporter . PUBLISHED: . 10:02 EST, ...". They are cut
  off; the sentence's span starts after them.
* **Captions glued to a sentence**: picture captions carry no final full stop, so the caption and
  the next sentence come out as one "sentence" ("... towering over his classmates Proud mum:
  Jean with her son after ..."). The run is cut where a new sentence evidently starts: before a
  caption label ("Proud mum:"), before "Scroll down for video", and before a capitalised
  determiner or pronoun that follows a word with no punctuation ("... his winnings A man who
  ..."), which English grammar does not allow inside one sentence.
* **False splits** after abbreviations pysbd does not know ("Army Spc. Jo Barnes"): rejoined.

A caption cut off this way has no final punctuation, and :func:`reads_as_sentence` says so: the
summarizer skips such pieces. The rules for captions and determiners are English; datelines and
false splits are handled in every language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.models.base import Sentence, Span
from tidings.models.segment import split_sentences

# -- datelines and bylines at the start of a sentence ---------------------------------------

_AGENCY = (
    r"CNN(?:\s+Student\s+News|Money)?|Reuters|AP|AFP|UPI|PA|Bloomberg|Xinhua|dpa|EFE|ANSA|"
    r"Europa\s+Press|EW\.com|Mashable|CNET|Variety|Billboard|Rolling\s+Stone|TIME\.com|"
    r"The\s+Hollywood\s+Reporter|The\s+Conversation|Fortune"
)
_DASH = r"(?:-{1,2}|[\u2013\u2014])"
_PREFIXES = [
    # "(CNN)", "Boston (CNN)", "LONDON, England (CNN) --", "MADRID, 3 abr (EFE) -"
    re.compile(
        rf"(?:[A-Z][\w.'\u2019-]*(?:[ ,]+[\w.'\u2019-]+){{0,4}}\s*)?\((?:{_AGENCY})\)"
        rf"\s*{_DASH}?\s*"
    ),
    # "WASHINGTON -", "NEW YORK, April 3 --": a city in capitals, then a dash.
    re.compile(
        rf"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){{0,3}}"
        rf"(?:,[^-\u2013\u2014]{{1,20}})?\s+{_DASH}\s+"
    ),
    # Daily Mail furniture: "By . Jane Smith .", "and . John Roe .", "PUBLISHED: . 10:02 EST,
    # 3 April 2013 . | .", "UPDATED: . ...", "Last updated at 5:07 PM on 20th September 2011 ."
    re.compile(r"(?:By|and)\s*\.\s*(?:[A-Z][\w'\u2019.-]*\s*){1,6}\.\s*(?:\|\s*\.?\s*)?"),
    re.compile(r"(?:PUBLISHED|UPDATED)\s*:\s*\.?\s*[^.|]{0,40}?\d{4}\s*\.?\s*(?:\|\s*\.?\s*)?"),
    re.compile(r"Last\s+updated\s+at\s+[^.]{0,60}?\d{4}\s*\.\s*"),
]

# -- cut points inside a sentence (English) ---------------------------------------------------

# The phrase itself becomes a piece of its own, which the summarizer's filler filter drops.
_SCROLL = re.compile(r"\bScroll\s+down\s+for\s+(?:video|more)\b", re.IGNORECASE)
# A word that can end a caption: letters, digits, or a closing quote or bracket, but no
# sentence punctuation.
_END = r"(?<=[\w%)\]\u2019\u201d'\"])"
# "... over his classmates Proud mum: Jean with ...": a caption label of one capitalised word
# and up to three lower-case ones, a colon, then a capital (so not a quotation). Not after a
# reporting verb ("she added: The ...").
_LABEL = re.compile(rf"{_END}\s+(?=[A-Z][a-z'\u2019-]+(?:\s+[a-z'\u2019-]+){{0,3}}:\s+[A-Z])")
# "... half of his winnings A man who won ...": a word that opens sentences but never stands
# capitalised inside one, after a word with no punctuation. Determiners, pronouns and
# conjunctions must be followed by a lower-case word (so titles such as "The Times", "A
# Beautiful Mind" or "Alice In Wonderland" are left alone), sentence adverbs by a comma, and
# "Now" by anything ("... her neighbour Now Ms Jones has ...").
_STARTER = re.compile(
    r"(?<=[a-z0-9%)\]'\"\u2019\u201d])\s+(?="
    r"(?:A|An|The|This|These|Those|His|Her|Their|Its|Our|My|Your|Some|Many|Most|Both|Every|"
    r"Each|He|She|They|We|It|There|But|And|Yet|So|Although|Though|While|When|After|Before|"
    r"Despite|Since|If|As|In|On|At|During|Following|According|Now|Then|Last|Earlier|Later)"
    r"\s+[a-z]"
    r"|(?:However|Meanwhile|Now|Instead|Earlier|Later|Then|Still|Indeed|Also|Finally|Today|"
    r"Yesterday|Currently|Previously),"
    r"|Now\s+\w"
    r")"
)
# These open a sentence after any word. The others also end titles ("Don't Push It",
# "Apocalypse Now", "Rage On"), so they count only after a lower-case word.
_OPEN_AFTER_NAMES = frozenset(
    "A An The This These Those His Her Their Its Our My Your Some Many Most Both Every Each "
    "Although Though While When After Before Despite Since During Following According However "
    "Meanwhile".split()
)
# A caption cannot end on one of these, so what follows is no new sentence ("Fall of an Empire:
# The Story of ...", "a profile of the On the Mat studio").
_FUNCTION = frozenset(
    "a an the of to in on at for with by from and or as his her their its our my your".split()
)
# Captions often end on a day or month, which are capitalised: "... last Saturday Skilful: ...".
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split()
)
# A caption label opening a piece: "Sleepy kid: Brock Guzman, 8, was last seen ..."; cut off
# like a dateline. Not "He added: The ...".
_LEADING_LABEL = re.compile(r"[A-Z][a-z'\u2019-]+(?:\s+[a-z'\u2019-]+){0,3}:\s+(?=[A-Z])")
# "Grade A listed", "Serie A side", "vitamin A deficiency", "Nurse A said": a letter, not an
# article.
_LETTER_NAMES = frozenset(
    "grade plan type vitamin class category group division serie series league section level "
    "part exhibit item option schedule appendix figure table route gate terminal block wing "
    "ward stand row platform junction formula hepatitis team side tier size nurse patient "
    "person witness victim suspect defendant pupil student officer prisoner inmate "
    "company country".split()
)
_REPORTING = frozenset(
    "said says say added adds explained told tells wrote writes tweeted posted stated warned "
    "insisted continued replied asked admitted claimed declared announced noted".split()
)

# -- false splits ---------------------------------------------------------------------------

# Military and civil titles pysbd does not know, which precede a name.
_TITLE_END = re.compile(
    r"\b(?:Spc|Sgt|Cpl|Pfc|Pvt|Lt|Col|Capt|Cmdr|Gen|Adm|Maj|Brig|Gov|Sen|Rep|Rev|Supt|Insp|"
    r"Det|Const|Atty|Hon|Amb|Fr|Msgr)\.$"
)

_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")
_TERMINAL = re.compile(r"[.!?\u2026](?:[\s'\"\u2019\u201d)\]]*)$")


def reads_as_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence (. ! ? or an ellipsis, then maybe closing quotes
    or brackets). Captions cut off a run-on do not: they never had a full stop."""
    return bool(_TERMINAL.search(text.rstrip()))


def strip_prefix(text: str) -> int:
    """How many leading characters of ``text`` are datelines or bylines (0 when none)."""
    cut = 0
    while True:
        for pattern in _PREFIXES:
            found = pattern.match(text, cut)
            if found and found.end() > cut:
                # Never eat the whole sentence: a bare dateline stays as it is, for the
                # summarizer's filler filter to drop.
                if not _WORD.search(text, found.end()):
                    return cut
                cut = found.end()
                break
        else:
            return cut


def _label_length(text: str) -> int:
    found = _LEADING_LABEL.match(text)
    if not found or text[: found.end()].split()[-1].rstrip(":").lower() in _REPORTING:
        return 0
    return found.end()


def _cuts(text: str) -> list[int]:
    """Offsets inside ``text`` where a new sentence starts (English rules)."""
    cuts: set[int] = set()
    for found in _SCROLL.finditer(text):
        cuts.update((found.start(), found.end()))
    for found in _LABEL.finditer(text):
        before = text[: found.start()].split()
        # A caption of a few words at least ("Air Force to bare force: ..." is one label).
        if len(before) < 3 or before[-1].lower() in _FUNCTION | _REPORTING:
            continue
        # After a capitalised word, a one-word label is more likely the end of a title ("The
        # Great Escape: ...") unless that word is a day or a month.
        one_word = ":" in text[found.end() :].split(None, 1)[0]
        if before[-1][:1].isupper() and one_word and before[-1] not in _CALENDAR:
            continue
        cuts.add(found.end())
    for found in _STARTER.finditer(text):
        before = text[: found.start()].split()
        starter = text[found.end() :].split(None, 1)[0].rstrip(",")
        if not before or before[-1].lower() in _FUNCTION:
            continue
        # "A" after these is a letter: "Serie A side", "vitamin A deficiency", "Nurse A said".
        if starter == "A" and before[-1].lower() in _LETTER_NAMES:
            continue
        if starter not in _OPEN_AFTER_NAMES and not before[-1][:1].islower():
            continue
        cuts.add(found.end())
    return sorted(c for c in cuts if 0 < c < len(text))


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Sentence(text[start:end], Span(start, end))


def _rejoin(text: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Undo splits after a title abbreviation, within one paragraph."""
    out: list[Sentence] = []
    for sentence in sentences:
        if out:
            last = out[-1]
            gap = text[last.span.end : sentence.span.start]
            if _TITLE_END.search(last.text) and "\n" not in gap and sentence.text[:1].isupper():
                span = Span(last.span.start, sentence.span.end)
                out[-1] = Sentence(span.of(text), span)
                continue
        out.append(sentence)
    return out


def _furniture(text: str) -> list[Span]:
    """Datelines and bylines at the start of each paragraph. pysbd cuts Daily Mail furniture
    ("By . Jane Roe . PUBLISHED: . ...") into fragments, so it is found on the paragraph, not
    on one sentence."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        cut = strip_prefix(para.group())
        if cut:
            spans.append(Span(para.start(), para.start() + cut))
    return spans


def clean_sentences(
    text: str, sentences: Sequence[Sentence], language: str = "en"
) -> list[Sentence]:
    """``sentences`` (spans into ``text``) rejoined, cut and trimmed into clean sentences."""
    english = language == "en"
    furniture = _furniture(text)
    out: list[Sentence] = []
    for sentence in _rejoin(text, sentences):
        start = sentence.span.start
        for span in furniture:
            if span.start <= start < span.end:
                start = span.end
        if start >= sentence.span.end:
            continue  # all furniture
        base = start
        body = text[start : sentence.span.end]
        offsets = [0] + (_cuts(body) if english else []) + [len(body)]
        for lo, hi in zip(offsets, offsets[1:], strict=False):
            lo += strip_prefix(body[lo:hi])
            if english:
                lo += _label_length(body[lo:hi])
            piece = _trimmed(text, base + lo, base + hi)
            if piece is not None:
                out.append(piece)
    return out


def summary_sentences(text: str, language: str = "en") -> list[Sentence]:
    """The segmenter's sentences of ``text``, cleaned for quoting in a summary."""
    return clean_sentences(text, split_sentences(text, language), language)
