"""A one-line progress bar on stderr for the CLI's multi-article work. Drawn only when stderr
is a terminal (never into a pipe or a log file), and not with --quiet."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

_REDRAW_S = 0.1


class Progress:
    def __init__(
        self, total: int, label: str, *, enabled: bool = True, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.failed = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and _is_tty(self.stream)
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False
        self._draw(force=True)

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        self._draw(force=self.done == self.total)

    def line(self) -> str:
        """The bar as text, e.g. `summarize  3/10 [######..............]  30%  1.5/s  ETA 5s`."""
        elapsed = max(time.monotonic() - self._started, 1e-6)
        fraction = self.done / self.total if self.total else 1.0
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 50))
        filled = round(width * fraction)
        rate = self.done / elapsed
        eta = f"ETA {(self.total - self.done) / rate:.0f}s" if 0 < self.done < self.total else ""
        failed = f"  {self.failed} failed" if self.failed else ""
        return (
            f"{self.label} {self.done}/{self.total} [{'#' * filled}{'.' * (width - filled)}]"
            f" {fraction:4.0%}  {rate:.1f}/s  {eta}{failed}"
        ).rstrip()

    def clear(self) -> None:
        """Erase the bar, before something else is written to the terminal."""
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def print(self, text: str, *, file: TextIO | None = None) -> None:
        """Print a line without tearing the bar: erase it, print, draw it again."""
        self.clear()
        print(text, file=file or sys.stdout, flush=True)
        self._draw(force=True)

    def close(self) -> None:
        self.clear()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn_at < _REDRAW_S):
            return
        self._drawn_at = now
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()
        self._shown = True


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
