"""What a caller is told about a translation, beside the text: the words it could not
translate. The engines report them (Translation.reworded, Translation.untranslated); the
responses carry these notes among their warnings."""

from __future__ import annotations

from collections.abc import Sequence

from tidings.models.base import Translation


def translation_notes(target: str, translations: Sequence[Translation]) -> tuple[str, ...]:
    """Plain-language warnings for the words a translator could not translate: said another
    way ("dawn" as "hour"), or left as written."""
    if not translations:
        return ()
    engine = translations[0].engine
    reworded = dict(pair for t in translations for pair in t.reworded)
    left = sorted({w for t in translations for w in t.untranslated})
    notes = []
    if reworded:
        said = ", ".join(f'"{w}" as "{alt}"' for w, alt in sorted(reworded.items()))
        notes.append(f"{target}: {engine} has no translation for some words; said another "
                     f"way: {said}")  # fmt: skip
    if left:
        notes.append(f"{target}: {engine} has no translation for "
                     f"{', '.join(repr(w) for w in left)}; left as written")  # fmt: skip
    return tuple(notes)
