"""``python -m tidings.service --port N`` (and ``tidings serve``, which calls main)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from tidings.service import logs
from tidings.service.config import load_settings


def main(argv: Sequence[str] | None = None) -> int:
    try:
        settings = load_settings(argv)
    except (ValueError, OSError) as exc:
        print(f"tidings serve: {exc}", file=sys.stderr)
        return 2
    logs.configure(settings.log_level)
    from tidings.service.server import StartupError, serve

    try:
        asyncio.run(serve(settings))
    except (StartupError, ValueError) as exc:
        # One readable line (logs stay JSON on stderr); 2: the settings or weights are wrong.
        print(f"tidings serve: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
