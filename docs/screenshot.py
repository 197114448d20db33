"""Regenerate the README's screenshot: `irconcepts show collective security` drawn by the real terminal
renderer and exported with Rich as SVG (Console(record=True).export_svg), never edited by hand.

Usage: python docs/screenshot.py [TERM] [--theme dark|light] [--width N] [--out FILE]

--theme light draws it as on a light background (Rich's DEFAULT_TERMINAL_THEME), to check that the style
reads on both; the README shows the dark one.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, MONOKAI

from irconcepts.cache import open_index
from irconcepts.render import terminal

THEMES = {"dark": MONOKAI, "light": DEFAULT_TERMINAL_THEME}
HERE = Path(__file__).parent


def screenshot(term: str, *, theme: str = "dark", width: int = 100) -> str:
    entry = open_index().resolve(term)
    if entry is None:
        raise SystemExit(f"no entry named '{term}'")
    console = Console(record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(terminal.entry(entry))
    return console.export_svg(title=f"irconcepts {term}", theme=THEMES[theme])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("term", nargs="?", default="collective security")
    parser.add_argument("--theme", choices=sorted(THEMES), default="dark")
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--out", type=Path, default=HERE / "collective-security.svg")
    args = parser.parse_args()
    args.out.write_text(screenshot(args.term, theme=args.theme, width=args.width), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
