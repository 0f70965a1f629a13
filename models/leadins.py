"""Per-language words a summary sentence uses to name whose claim it is (service/render.py).

Lead-ins put a source before a claim whose source stands in another sentence ("According to
Donald Trump, ..."); ``{name}`` is where the canonical name goes. The pronoun patterns are
English: they tell a mention that only points back at a speaker from one that names them.
"""

from __future__ import annotations

import re

LEAD_INS = {
    "en": "According to {name}, ",
    "es": "Según {name}, ",
    "fr": "Selon {name}, ",
    "it": "Secondo {name}, ",
    "pt": "Segundo {name}, ",
    "ca": "Segons {name}, ",
    "gl": "Segundo {name}, ",
    "ro": "Potrivit {name}, ",
    "de": "Laut {name}: ",
}

# Mentions that only point back at a speaker named earlier.
ANAPHORIC = re.compile(
    r"^(?:he|she|they|it|we|him|her|the\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)$", re.IGNORECASE
)
# A source that is only a pronoun, never resolved to anyone: it cannot be cited by name.
BARE_PRONOUN = re.compile(r"^(?:i|we|you|he|she|they|it|one)$", re.IGNORECASE)


def lead_in(language: str) -> str:
    """The lead-in template for ``language``; English where the language has none."""
    return LEAD_INS.get(language, LEAD_INS["en"])
