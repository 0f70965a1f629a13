"""`make html-view-shot`: docs/html-view.png, the README's picture of the HTML view.

Starts a server (offline profile), writes the seed's page with `tidings summarize --html`,
and has headless Chromium take the screenshot (made smaller by pngquant when installed).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tidings import cli  # noqa: E402

from eval.serving import server_client  # noqa: E402


def screenshot(page: Path, png: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed: make chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars",
             f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=50077)
    parser.add_argument("--seed", default=str(ROOT / "seeds" / "assad_moscow.txt"))
    parser.add_argument("--lang", default="es,fr")
    parser.add_argument("--page", help="keep the page here too (default: a temporary file)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "html-view.png"))
    parser.add_argument("--size", default="1200x900", help="window WIDTHxHEIGHT")
    args = parser.parse_args()
    target = f"localhost:{args.port}"
    folder = tempfile.TemporaryDirectory()
    page = args.page or str(Path(folder.name) / "html-view.html")
    with server_client(target, start=True):
        code = cli.main(["--target", target, "--quiet", "summarize", args.seed,
                         "--lang", args.lang, "--html", page])  # fmt: skip
    if code:
        return code
    width, height = (int(n) for n in args.size.split("x"))
    screenshot(Path(page), Path(args.out), width, height)
    if shutil.which("pngquant"):  # a quarter of the size, no visible change (apt: pngquant)
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--output", args.out,
                        "64", args.out], check=False)  # fmt: skip
    print(f"wrote {args.out}" + (f" and {args.page}" if args.page else ""))
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
