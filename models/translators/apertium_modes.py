"""What Apertium has installed: each mode file read as the argv of its stages, and the
routes between languages that the modes make (direct, through the pivot, and the other routes
a left-over word may take). Nothing here starts a process but apertium-wblank-mode."""

from __future__ import annotations

import logging
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from tidings.models.base import EngineError

log = logging.getLogger("tidings.translators.apertium")

# Programs known to take -z in Apertium 3.8 / lttoolbox 3.7; used only when
# apertium-wblank-mode (which knows this itself) is missing.
_NULL_FLUSH_PROGRAMS = {
    "lt-proc", "cg-proc", "lrx-proc", "lsx-proc", "rtx-proc", "apertium-tagger",
    "apertium-pretransfer", "apertium-transfer", "apertium-interchunk", "apertium-postchunk",
    "apertium-anaphora", "apertium-posttransfer", "apertium-wblank-attach",
    "apertium-wblank-detach", "cg-mwesplit",
}  # fmt: skip
# Programs whose output can depend on earlier requests (see the module docstring), with the
# flag that makes them say so on stderr. Every stage of every installed mode was checked: a
# stage fed a text alone vs. after others' texts in the same process; only the tagger differed.
STATEFUL_PROGRAMS = {"apertium-tagger": "-d"}


class ApertiumError(EngineError):
    """An Apertium process hung, died twice in a row, or returned garbage (maps to INTERNAL)."""


def _mode_script(mode_file: Path) -> str:
    """The mode's pipeline with -z on every program that needs it.

    apertium-wblank-mode is what the ``apertium -z`` script itself uses: it knows which programs
    take -z and adds the wblank-attach/detach steps that keep word-bound blanks in order.
    """
    tool = shutil.which("apertium-wblank-mode")
    if tool:
        done = subprocess.run(
            [tool, "-z", str(mode_file)], capture_output=True, text=True, timeout=10, check=False
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout
        log.warning("apertium-wblank-mode failed on %s; adding -z myself", mode_file.name)
    return mode_file.read_text(encoding="utf-8")


def parse_mode(mode_file: Path, generation: str = "-n") -> list[list[str]]:
    """argv lists for each stage of the mode's pipeline.

    ``$1`` is the generator's flag: -n (no '*' marks on unknown words) rather than -g, the same
    choice ``apertium -u`` makes. ``$2`` is the tagger's optional flag (-m shows ambiguity).
    """
    lexer = shlex.shlex(_mode_script(mode_file), posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    stages: list[list[str]] = [[]]
    for token in lexer:
        if token == "|":
            stages.append([])
        elif token == "$1":
            stages[-1].append(generation)
        elif token == "$2" or (token.startswith("$") and token[1:].isdigit()):
            continue
        else:
            stages[-1].append(token)
    stages = [argv for argv in stages if argv]
    for argv in stages:
        if "-z" not in argv and Path(argv[0]).name in _NULL_FLUSH_PROGRAMS:
            argv.insert(1, "-z")
    if not stages:
        raise ApertiumError(f"empty mode file {mode_file}")
    return stages


def stateful(argv: Sequence[str]) -> bool:
    return Path(argv[0]).name in STATEFUL_PROGRAMS


def segments(stages: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """The stages in runs: each stateful program alone (with its reporting flag), and the
    stateless programs between them together."""
    out: list[list[list[str]]] = []
    for argv in stages:
        if stateful(argv):
            flag = STATEFUL_PROGRAMS[Path(argv[0]).name]
            out.append([[argv[0], flag, *argv[1:]] if flag not in argv else list(argv)])
        elif out and not stateful(out[-1][0]):
            out[-1].append(list(argv))
        else:
            out.append([list(argv)])
    return out


DEFAULT_MODES_DIR = "/usr/share/apertium/modes"

# Apertium names languages by ISO 639-3 (newer pairs) or 639-1 (older ones).
_ISO1 = {
    "eng": "en", "spa": "es", "cat": "ca", "glg": "gl", "fra": "fr", "fre": "fr", "por": "pt",
    "ita": "it", "ron": "ro", "rum": "ro", "oci": "oc", "arg": "an", "ast": "ast", "eus": "eu",
    "deu": "de", "nld": "nl", "afr": "af", "swe": "sv", "dan": "da", "nob": "nb", "nno": "nn",
    "isl": "is", "rus": "ru", "ukr": "uk", "bel": "be", "pol": "pl", "ces": "cs", "slk": "sk",
    "slv": "sl", "mkd": "mk", "bul": "bg", "ell": "el", "epo": "eo", "eng_US": "en",
}  # fmt: skip


def _iso1(code: str) -> str | None:
    if code in _ISO1:
        return _ISO1[code]
    return code if len(code) == 2 and code.isalpha() and code.islower() else None


@lru_cache(maxsize=8)
def _scan(modes_dir: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """((source, target), mode name) for each plain mode; variants like _valencia skipped."""
    found: dict[tuple[str, str], str] = {}
    folder = Path(modes_dir)
    if not folder.is_dir():
        return ()
    for path in sorted(folder.glob("*.mode")):
        parts = path.stem.split("-")
        if len(parts) != 2 or "_" in path.stem:
            continue  # eco-es-fr, spa-cat_valencia, es-pt_BR: variants of a pair we also have
        source, target = _iso1(parts[0]), _iso1(parts[1])
        if source and target and source != target:
            found.setdefault((source, target), path.stem)
    return tuple(sorted(found.items()))


def installed_modes(modes_dir: str = DEFAULT_MODES_DIR) -> dict[tuple[str, str], str]:
    """Direct (source, target) -> mode name, e.g. ("en", "es") -> "eng-spa"."""
    return dict(_scan(modes_dir))


def pair_routes(modes_dir: str, pivot: str) -> dict[tuple[str, str], tuple[str, ...]]:
    direct = installed_modes(modes_dir)
    routes = {pair: (mode,) for pair, mode in direct.items()}
    for (source, mid), first in direct.items():
        if mid != pivot:
            continue
        for (mid2, target), second in direct.items():
            if mid2 == pivot and target != source and (source, target) not in routes:
                routes[(source, target)] = (first, second)
    return routes


# How many other routes a left-over word tries by default (apertium_other_routes), and how
# many legs each may have: a word alone keeps its meaning through three close languages
# ("fictional" -> ca "fictici" -> es "ficticio" -> gl "ficticio"), and each route starts its
# own Apertium processes.
MAX_OTHER_ROUTES = 5
MAX_LEGS = 3


def other_routes_between(
    direct: dict[tuple[str, str], str], main: tuple[str, ...], source: str, target: str, pivot: str
) -> list[tuple[str, ...]]:
    """The routes source->target besides ``main``, of up to MAX_LEGS legs: the direct mode,
    then through one other language (``pivot`` first), then through two, those that do not
    open with the main route's first leg first (en->ca->fr for a word en->es->fr leaves:
    Catalan's French has "épinard" where Spanish's lacks "espinaca")."""
    found: list[tuple[str, ...]] = []
    paths: list[list[str]] = [[source]]
    for _ in range(MAX_LEGS):
        longer: list[list[str]] = []
        for path in paths:
            if (path[-1], target) in direct:
                stops = [*path, target]
                found.append(tuple(direct[(a, b)] for a, b in zip(stops, stops[1:], strict=False)))
            nexts = sorted({b for a, b in direct if a == path[-1] and b not in (*path, target)},
                           key=lambda m: (m != pivot, m))  # fmt: skip
            longer += [[*path, b] for b in nexts]
        paths = longer
    # A route that opens with the main route's first leg meets the word in the same
    # dictionary first: the others go before it.
    others = [route for route in found if route != main]
    others.sort(key=lambda r: (len(r) > 2, bool(main) and len(r) > 1 and r[0] == main[0]))
    return others


def installed_pairs(modes_dir: str = DEFAULT_MODES_DIR, pivot: str = "es") -> set[tuple[str, str]]:
    """Every pair the engine would offer, pivots included; starts no process."""
    return set(pair_routes(modes_dir, pivot))
